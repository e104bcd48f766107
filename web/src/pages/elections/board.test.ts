import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBallot } from '../../verifiable/ballot';
import { tallyJson, verifyBoard, type BoardReport } from '../../verifiable/tally';
import { archiveFileName, filterTrackers, isOnBoard, normalizeTracker, offsetOf, resultRows, summarizeReport, trackerFromSearch, TRACKERS_PER_PAGE, verifyMinutes } from './board';

const td = (f: string) => readFileSync(new URL(`../../verifiable/testdata/${f}`, import.meta.url), 'utf8');

// 30,000 sorted base64-like trackers, as a large board would list them
const many = Array.from({ length: 30_000 }, (_, i) => `T${String(i).padStart(6, '0')}+/abc`).sort();

describe('finding a tracker on the board', () => {
  it('reads ?tracker= from the booth link, a + that became a space included', () => {
    expect(trackerFromSearch('?tracker=' + encodeURIComponent('ab+c/d=='))).toBe('ab+c/d');
    expect(trackerFromSearch('?tracker=ab+c/d')).toBe('ab+c/d');
    expect(trackerFromSearch('?x=1')).toBeNull();
    expect(trackerFromSearch('?tracker=%20')).toBeNull();
  });
  it('keeps case (base64) and drops only spaces, line breaks and padding', () => {
    expect(normalizeTracker('  aBc\nDeF== ')).toBe('aBcDeF');
    expect(normalizeTracker('aBc')).not.toBe(normalizeTracker('abc'));
  });
  it('says whether a tracker is on a 30,000-ballot board, and finds it even out of order', () => {
    expect(isOnBoard(many, many[12_345])).toBe(true);
    expect(isOnBoard(many, 'T012345+/abd')).toBe(false);
    expect(isOnBoard(['b', 'a', 'c'], 'a')).toBe(true);
    expect(isOnBoard([], 'a')).toBe(false);
  });
  it('filters by any part of the tracker, the empty search keeps all', () => {
    expect(filterTrackers(many, '')).toBe(many);
    expect(filterTrackers(many, '029999')).toEqual(['T029999+/abc']);
    expect(filterTrackers(many, 't029999')).toEqual([]);
  });
  it('opens on the page holding the voter\'s tracker', () => {
    expect(offsetOf(many, many[0])).toBe(0);
    expect(offsetOf(many, many[TRACKERS_PER_PAGE])).toBe(TRACKERS_PER_PAGE);
    expect(offsetOf(many, many[12_345])).toBe(12_300);
    expect(offsetOf(many, 'nope')).toBe(0);
    expect(offsetOf(many, null)).toBe(0);
  });
});

describe('the board\'s facts', () => {
  it('names the archive UUID.bel, as belenios-tool election verify --dir looks for it', () => {
    const uuid = JSON.parse(td('election.json')).uuid as string;
    expect(archiveFileName(td('election.json'), 7)).toBe(`${uuid}.bel`);
    expect(archiveFileName(null, 7)).toBe('election-7.bel');
    expect(archiveFileName('{"uuid":"../x"}', 7)).toBe('election-7.bel');
  });
  it('maps the result to candidates, the blank count (first) last', () => {
    const names = (id: number) => `C${id}`;
    expect(resultRows('{"result":[[3,1,2]]}', '{"questions":[{}]}', [10, 11, 12], names, 'blank')).toEqual([
      { key: '10', label: 'C10', value: 3 },
      { key: '11', label: 'C11', value: 1 },
      { key: '12', label: 'C12', value: 2 },
    ]);
    expect(resultRows('{"result":[[4,1,2]]}', '{"questions":[{"blank":true}]}', [10, 11], names, 'blank')).toEqual([
      { key: '10', label: 'C10', value: 1 },
      { key: '11', label: 'C11', value: 2 },
      { key: 'blank', label: 'blank', value: 4 },
    ]);
    expect(resultRows(null, null, [], names, 'blank')).toEqual([]);
    expect(resultRows('not json', null, [], names, 'blank')).toEqual([]);
  });
  it('estimates the check at a minute or more', () => {
    expect(verifyMinutes(10)).toBe(1);
    expect(verifyMinutes(30_000)).toBe(50);
  });
});

describe('the verification report in plain words', () => {
  const report = (errors: string[], trackers: string[] = []): BoardReport => ({ ok: errors.length === 0, errors, trackers, numTallied: 0, totalWeight: 0n, tally: [] });
  const all = { ballots: 3, tally: true, decryptions: 2, result: true };

  it('sorts each verifier sentence into what it is about', () => {
    const s = summarizeReport(
      report([
        'ballot 2: bad signature',
        'ballot 3: replay of an earlier ballot',
        'the published encrypted tally differs from the one recomputed from the ballots',
        'trustee 2: the decryption proof does not hold',
        'the published result differs from the decryption of the tally',
      ]),
      all,
    );
    expect(s).toMatchObject({ ok: false, ballots: { state: 'failed', failed: 2, total: 3 }, trustees: 'ok', tally: 'failed', decryptions: 'failed', result: 'failed' });
    expect(summarizeReport(report(['trustee 1: proof of knowledge of the key does not hold']), all)).toMatchObject({ trustees: 'failed', decryptions: 'ok' });
    expect(summarizeReport(report(["the election key is not the product of the trustees' keys"]), all).trustees).toBe('failed');
    expect(summarizeReport(report(['the board says 3 ballots were tallied, the ballots give 2']), all).tally).toBe('failed');
  });
  it('tells what is not on the board yet apart from what failed', () => {
    const open = summarizeReport(report([]), { ballots: 5, tally: false, decryptions: 0, result: false });
    expect(open).toMatchObject({ ok: true, tally: 'absent', decryptions: 'absent', result: 'absent', ballots: { state: 'ok', total: 5 } });
    // one decryption of two needed: the result cannot be computed yet, which is no fault
    const partial = summarizeReport(report(['result: only 1 of the 2 partial decryptions needed from the threshold trustees']), { ...all, result: false });
    expect(partial.result).toBe('absent');
  });
  it('flags a tracker the page lists that the archive lacks', () => {
    const s = summarizeReport(report([], ['a', 'b']), all, ['a', 'b', 'c']);
    expect(s).toMatchObject({ ok: false, missing: 1 });
  });
  it('agrees with a real check: a good board passes, a changed tally fails', async () => {
    const election = td('election.json');
    const creds = td('private_creds.txt').trim().split('\n').map((l) => l.split(' ')[1]);
    const ballots = [(await createBallot(election, creds[0], [[0, 1, 0]])).ballot, (await createBallot(election, creds[1], [[1, 0, 0]])).ballot];
    const board = { election, trustees: td('trustees.json'), publicCredentials: td('public_creds.json'), ballots };
    const good = await verifyBoard(board);
    const present = { ballots: 2, tally: true, decryptions: 0, result: false };
    const withTally = await verifyBoard({ ...board, encryptedTally: tallyJson(good.tally) });
    expect(summarizeReport(withTally, present, withTally.trackers)).toMatchObject({ ok: true, tally: 'ok', ballots: { state: 'ok' } });
    const changed = await verifyBoard({ ...board, encryptedTally: tallyJson(good.tally).replace(/"alpha":"(\d)/, (_, d) => `"alpha":"${(Number(d) + 1) % 10}`) });
    expect(summarizeReport(changed, present)).toMatchObject({ ok: false, tally: 'failed', ballots: { state: 'ok' } });
  }, 30_000);
});
