import { describe, expect, it } from 'vitest';
import {
  academicYearOf,
  ballotName,
  barPercent,
  countWords,
  defaultElectionDay,
  isElectionProtocolCode,
  issueBody,
  lastFridayOfSeptember,
  lastRegistrationDay,
  normalizeReceipt,
  parseVotingCodes,
  paperCountBody,
  phaseReached,
  rankedResults,
  searchReceipts,
  signatureBase64,
  votingCodesFileName,
  wallTime,
  withCandidate,
} from './elections';

describe('program words (ELEC-REG-1)', () => {
  it('counts word-like segments only', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('   ')).toBe(0);
    expect(countWords('Студенттік өзін-өзі басқару, 2026 жыл!')).toBe(countWords('Студенттік өзін-өзі басқару, 2026 жыл!', 'ru'));
    expect(countWords('Hello, world. Two words!')).toBe(4);
    expect(countWords(Array.from({ length: 101 }, (_, i) => `сөз${i}`).join(' '))).toBe(101);
  });
});

describe('calendar (ELEC-DAY-1)', () => {
  it('finds the last Friday of September', () => {
    expect(lastFridayOfSeptember(2026)).toBe('2026-09-25');
    expect(lastFridayOfSeptember(2025)).toBe('2025-09-26');
    expect(lastFridayOfSeptember(2028)).toBe('2028-09-29');
  });
  it('maps years and dates', () => {
    expect(defaultElectionDay('2026-2027')).toBe('2026-09-25');
    expect(defaultElectionDay('bad')).toBe('');
    expect(academicYearOf('2026-12-11')).toBe('2026-2027');
    expect(academicYearOf('2027-03-01')).toBe('2026-2027');
    expect(academicYearOf('2026-09-01')).toBe('2026-2027');
  });
  it('reads the Almaty wall clock of the server time', () => {
    expect(wallTime('2026-09-25T09:00:00+05:00')).toBe('09:00');
    expect(wallTime('2026-09-25')).toBe('');
  });
});

describe('phases', () => {
  it('orders phases', () => {
    expect(phaseReached('voting', 'campaign')).toBe(true);
    expect(phaseReached('campaign', 'voting')).toBe(false);
    expect(phaseReached('published', 'published')).toBe(true);
  });
});

describe('receipts', () => {
  const list = ['ABCD-EFGH-JKLM', 'ABCD-ZZZZ-2345', 'QRST-UVWX-YZ23'];
  it('normalizes', () => expect(normalizeReceipt(' abcd-efgh jklm ')).toBe('ABCDEFGHJKLM'));
  it('finds an exact receipt whatever the case and dashes', () => {
    expect(searchReceipts(list, 'abcd efgh-jklm')).toEqual({ exact: true, matches: ['ABCD-EFGH-JKLM'] });
  });
  it('lists partial matches, and nothing for short queries', () => {
    expect(searchReceipts(list, 'ABCD')).toEqual({ exact: false, matches: ['ABCD-EFGH-JKLM', 'ABCD-ZZZZ-2345'] });
    expect(searchReceipts(list, 'AB')).toEqual({ exact: false, matches: [] });
    expect(searchReceipts(list, 'NOPE-NOPE')).toEqual({ exact: false, matches: [] });
  });
});

describe('signature and forms', () => {
  it('strips the data: prefix', () => {
    expect(signatureBase64('data:image/png;base64,iVBORw0KGgo=')).toBe('iVBORw0KGgo=');
    expect(signatureBase64('iVBORw0KGgo=')).toBe('iVBORw0KGgo=');
  });
  it('builds the issue request', () => {
    expect(issueBody(' 123 ', 'data:image/png;base64,AAA', false)).toEqual({ student_number: '123', signature_png: 'AAA' });
    expect(issueBody('123', 'data:image/png;base64,AAA', true)).toEqual({ student_number: '123', paper_signature: true });
    expect(issueBody('123', null, false)).toEqual({ student_number: '123' });
  });
  it('builds the paper count', () => {
    expect(paperCountBody({ '5': '3', '7': '' }, '1', '')).toEqual({
      votes: [
        { candidate_id: 5, votes: 3 },
        { candidate_id: 7, votes: 0 },
      ],
      invalid: 1,
      unknown_form: 0,
    });
  });
});

describe('charts and names', () => {
  it('scales bars', () => {
    expect(barPercent(5, 10)).toBe(50);
    expect(barPercent(0, 0)).toBe(0);
    expect(barPercent(1, 3)).toBe(33.3);
    expect(barPercent(20, 10)).toBe(100);
  });
  it('ranks results', () => {
    const r = rankedResults({ candidates: [{ candidate_id: 1, full_name: 'B', online: 0, paper: 0, votes: 1 }, { candidate_id: 2, full_name: 'A', online: 0, paper: 0, votes: 3 }] } as never);
    expect(r.map((c) => c.candidate_id)).toEqual([2, 1]);
  });
  it('recognises election protocol codes', () => {
    expect(isElectionProtocolCode('1001e3fa9b')).toBe(true);
    expect(isElectionProtocolCode('1001-3fa9b')).toBe(false);
    expect(isElectionProtocolCode('abc')).toBe(false);
  });
  it('names a ballot candidate', () => expect(ballotName({ surname: 'Ахметов', name: 'Асқар', patronymic: '' })).toBe('Ахметов Асқар'));
});

describe('refusal messages', async () => {
  const { withFormattedFields } = await import('./parts');
  const { ApiError } = await import('../../api');
  it('replaces a field message left with placeholders by the formatted detail', () => {
    const error = new ApiError({ status: 422, detail: 'Found 2, issued 1.', errors: [{ field: 'votes', code: 'rule', message: 'Found {found}, issued {issued}.' }] });
    expect(withFormattedFields({ fields: { votes: 'Found {found}, issued {issued}.', other: 'ok' }, general: [] }, error).fields).toEqual({ votes: 'Found 2, issued 1.', other: 'ok' });
  });
});

describe('voting codes', () => {
  const code = '4Kq-7bN-Xz2-pLm-9Rs';
  it('parses the codes file (header, CRLF, semicolons)', () => {
    const csv = `student_number;full_name;faculty;code\r\nS1;Әлиев Әли;Физика;${code}\r\nS2;Петрова Анна;;AAAA-BBBB\r\n`;
    expect(parseVotingCodes(csv)).toEqual([
      { student_number: 'S1', full_name: 'Әлиев Әли', faculty: 'Физика', code },
      { student_number: 'S2', full_name: 'Петрова Анна', faculty: '', code: 'AAAA-BBBB' },
    ]);
    expect(parseVotingCodes('student_number;full_name;faculty;code\r\n')).toEqual([]);
    expect(parseVotingCodes('')).toEqual([]);
    expect(parseVotingCodes('a;b\nc;d\n')).toEqual([]);
  });
  it('reads quoted names and drops the apostrophe before a formula-like one', () => {
    const csv = `\uFEFFstudent_number;full_name;faculty;code\r\nS1;"Иванов; ""Пётр""";"'=HYPERLINK(""http://x"",""y"")";${code}\r\n"'+1";"'@SUM(1)";;${code}\r\n`;
    expect(parseVotingCodes(csv)).toEqual([
      { student_number: 'S1', full_name: 'Иванов; "Пётр"', faculty: '=HYPERLINK("http://x","y")', code },
      { student_number: '+1', full_name: '@SUM(1)', faculty: '', code },
    ]);
  });
  it('names the file after the election', () => {
    expect(votingCodesFileName(7)).toBe('voting-codes-7.csv');
    expect(votingCodesFileName('7')).toBe('voting-codes-7.csv');
  });
});

describe('lastRegistrationDay (ELEC-REG-2)', () => {
  it('shows the day that the closing midnight ends', () => {
    expect(lastRegistrationDay('2027-09-11T00:00:00+05:00')).toBe('2027-09-10');
    expect(lastRegistrationDay('2027-03-01T00:00:00+05:00')).toBe('2027-02-28');
    expect(lastRegistrationDay('2028-03-01T00:00:00+05:00')).toBe('2028-02-29');
  });
  it('keeps a day when the instant is not a midnight', () => {
    expect(lastRegistrationDay('2027-09-10T18:00:00+05:00')).toBe('2027-09-10');
  });
});

describe('an edited candidate', () => {
  it('replaces only that candidate, with the server\'s answer', () => {
    const items = [
      { id: 1, program: 'old one' },
      { id: 2, program: 'other' },
    ];
    const next = withCandidate(items, { id: 1, program: 'saved text' });
    expect(next).toEqual([
      { id: 1, program: 'saved text' },
      { id: 2, program: 'other' },
    ]);
    expect(items[0].program).toBe('old one');
    expect(withCandidate(items, { id: 9, program: 'x' })).toEqual(items);
  });
});
