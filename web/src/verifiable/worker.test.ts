// The worker's message protocol, driven without a browser: a stand-in `self` records what it posts.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parseElection, verifyBallot } from './ballot';

const td = (f: string) => readFileSync(new URL(`./testdata/${f}`, import.meta.url), 'utf8');

describe('worker.ts', () => {
  it('answers encryptBallot with a valid ballot, and errors as messages', async () => {
    const posted: any[] = [];
    const self: any = { postMessage: (m: unknown) => posted.push(m), onmessage: null };
    vi.stubGlobal('self', self);
    await import('./worker');
    const electionText = td('election.json');
    const cred = td('private_creds.txt').trim().split('\n')[0].split(' ')[1];
    await self.onmessage({ data: { id: 1, op: 'encryptBallot', args: [electionText, cred, [[0, 0, 1]]] } });
    expect(posted[0].id).toBe(1);
    expect(posted[0].ok).toBe(true);
    await verifyBallot(await parseElection(electionText), posted[0].value.ballot);
    await self.onmessage({ data: { id: 2, op: 'encryptBallot', args: [electionText, 'SrC-Kj6-bsv-sN8-vch', [[0, 0, 1]]] } });
    expect(posted[1]).toEqual({ id: 2, ok: false, error: 'the code has a typo (checksum does not match)' });
    await self.onmessage({
      data: { id: 3, op: 'verifyBoard', args: [{ election: electionText, trustees: td('trustees.json'), publicCredentials: td('public_creds.json'), ballots: [td('ballot1.json').trim()] }] },
    });
    expect(posted.filter((m) => m.id === 3 && m.progress)).toEqual([{ id: 3, progress: [1, 1] }]);
    const done = posted.find((m) => m.id === 3 && 'ok' in m);
    expect(done.ok).toBe(true);
    expect(done.value.ok).toBe(true);
    // A share of a board's ballots, as client.ts hands each worker when it splits a board.
    await self.onmessage({ data: { id: 4, op: 'checkBallots', args: [electionText, td('public_creds.json'), [td('ballot1.json').trim(), '{}']] } });
    expect(posted.filter((m) => m.id === 4 && m.progress)).toEqual([{ id: 4, progress: [1, 2] }, { id: 4, progress: [2, 2] }]);
    const share = posted.find((m) => m.id === 4 && 'ok' in m);
    expect(share.ok).toBe(true);
    expect(share.value[0].tracker).toBeTypeOf('string');
    expect(share.value[1].error).toBeTypeOf('string');
    vi.unstubAllGlobals();
  });
});
