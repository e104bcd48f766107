// Known-answer tests against a run of belenios-tool 2.0 (testdata/: election.json, public_creds.json,
// private_creds.txt and ballot1.json copied from /work/notes/belenios-sample).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashJson } from './arith';
import { parseElection, verifyBallot } from './ballot';
import { publicCredential } from './credential';

const td = (f: string) => readFileSync(new URL(`./testdata/${f}`, import.meta.url), 'utf8');
const electionText = td('election.json');
const ballotText = td('ballot1.json').trim();
const pubCreds: string[] = JSON.parse(td('public_creds.json'));
const privCreds = td('private_creds.txt').trim().split('\n').map((l) => l.split(' ')[1]);

describe('belenios-tool sample', () => {
  it('election fingerprint is unpadded base64 SHA-256 of the text (spec 4.15)', async () => {
    const e = await parseElection(electionText);
    expect(e.fingerprint).toBe(JSON.parse(ballotText).election_hash);
  });
  it('public credentials derived from private codes match the tool (spec 4.8)', async () => {
    const mine = await Promise.all(privCreds.map((c) => publicCredential(c, 'ZRWERNzyzoN57g')));
    expect(new Set(mine)).toEqual(new Set(pubCreds));
  });
  it('the tool ballot verifies (proofs and signature, spec 4.12-4.14)', async () => {
    const e = await parseElection(electionText);
    const b = await verifyBallot(e, ballotText, new Set(pubCreds));
    expect(b.tracker).toBe(await hashJson(ballotText));
  });
});
