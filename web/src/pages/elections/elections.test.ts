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
  normalizeReceipt,
  paperCountBody,
  phaseReached,
  rankedResults,
  searchReceipts,
  signatureBase64,
  wallTime,
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
