// Ballot rules (spec 4.11-4.15): what this library produces verifies, and each malformed case is refused.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { P, hashJson } from './arith';
import { type Election, createBallot, parseElection, verifyBallot } from './ballot';
import { boardWorkers, shares } from './client';
import { checkBallots, verifyBoard } from './tally';

const td = (f: string) => readFileSync(new URL(`./testdata/${f}`, import.meta.url), 'utf8');
const electionText = td('election.json');
const pubCreds = new Set<string>(JSON.parse(td('public_creds.json')));
const creds = td('private_creds.txt').trim().split('\n').map((l) => l.split(' ')[1]);

describe('ballots', () => {
  let e: Election;
  let good: string;
  beforeAll(async () => {
    e = await parseElection(electionText);
    good = (await createBallot(electionText, creds[0], [[0, 1, 0]])).ballot;
  });
  const mutate = (f: (b: any) => void): string => {
    const b = JSON.parse(good);
    f(b);
    return JSON.stringify(b);
  };

  it('fields in belenios-tool order, tracker = HJSON of the text', async () => {
    const tool = JSON.parse(td('ballot1.json'));
    const mine = JSON.parse(good);
    expect(Object.keys(mine)).toEqual(Object.keys(tool));
    expect(Object.keys(mine.answers[0])).toEqual(Object.keys(tool.answers[0]));
    expect(Object.keys(mine.signature)).toEqual(Object.keys(tool.signature));
    const r = await createBallot(electionText, creds[1], [[1, 0, 0]]);
    expect(r.tracker).toBe(await hashJson(r.ballot));
    expect((await verifyBallot(e, r.ballot, pubCreds)).tracker).toBe(r.tracker);
  });
  it('refuses choices the question does not allow before encrypting', async () => {
    await expect(createBallot(electionText, creds[0], [[1, 1, 0]])).rejects.toThrow(/between 1 and 1/);
    await expect(createBallot(electionText, creds[0], [[0, 0, 0]])).rejects.toThrow(/between 1 and 1/);
    await expect(createBallot(electionText, creds[0], [[2, 0, 0]])).rejects.toThrow(/0 or 1/);
    await expect(createBallot(electionText, 'SrC-Kj6-bsv-sN8-vch', [[1, 0, 0]])).rejects.toThrow(/typo/);
  });
  it('wrong proof: a changed response', async () => {
    const bad = mutate((b) => (b.answers[0].individual_proofs[1][0].response = '1'));
    await expect(verifyBallot(e, bad)).rejects.toThrow(/choice 2 is not proven 0 or 1/);
  });
  it('choice 2 and two choices (forged proofs)', async () => {
    const two = (await createBallot(electionText, creds[0], [[0, 2, 0]], true)).ballot;
    await expect(verifyBallot(e, two)).rejects.toThrow(/not proven 0 or 1/);
    const both = (await createBallot(electionText, creds[0], [[1, 1, 0]], true)).ballot;
    await expect(verifyBallot(e, both)).rejects.toThrow(/between 1 and 1/);
  });
  it('a non-canonical text: an extra field, other field order, spaces', async () => {
    await expect(verifyBallot(e, mutate((b) => (b.extra = 1)))).rejects.toThrow(/canonical/);
    await expect(verifyBallot(e, mutate((b) => (b.answers[0].extra = 1)))).rejects.toThrow(/canonical/);
    const b = JSON.parse(good);
    const reordered = JSON.stringify({ election_hash: b.election_hash, election_uuid: b.election_uuid, credential: b.credential, answers: b.answers, signature: b.signature });
    await expect(verifyBallot(e, reordered)).rejects.toThrow(/canonical/);
    await expect(verifyBallot(e, JSON.stringify(b, null, 1))).rejects.toThrow(/canonical/);
    await expect(verifyBallot(e, good + '\n')).resolves.toBeTruthy(); // a trailing newline, as the tool prints it
  });
  it('a point outside the group', async () => {
    await expect(verifyBallot(e, mutate((b) => (b.answers[0].choices[0].alpha = (P - 1n).toString())))).rejects.toThrow(/not in the group/);
    await expect(verifyBallot(e, mutate((b) => (b.credential = '2')))).rejects.toThrow(/not in the group/);
  });
  it('an unknown credential, another election, a changed signature', async () => {
    const other = (await createBallot(electionText, 'ySA-pVL-tYi-tQk-pVB', [[1, 0, 0]])).ballot;
    await expect(verifyBallot(e, other, pubCreds)).rejects.toThrow(/unknown credential/);
    await expect(verifyBallot(e, mutate((b) => (b.election_hash = 'x')))).rejects.toThrow(/another election/);
    await expect(verifyBallot(e, mutate((b) => (b.signature.proof.response = '7')))).rejects.toThrow(/bad signature/);
    // the signature covers the ballot: moving a valid signature onto other choices fails
    const moved = JSON.parse((await createBallot(electionText, creds[0], [[0, 0, 1]])).ballot);
    moved.signature = JSON.parse(good).signature;
    await expect(verifyBallot(e, JSON.stringify(moved))).rejects.toThrow(/signature hash/);
  });
  it('a replayed ballot and revotes on the board (spec 4.15 last())', async () => {
    const board = { election: electionText, trustees: td('trustees.json'), publicCredentials: td('public_creds.json') };
    const revote = (await createBallot(electionText, creds[0], [[0, 0, 1]])).ballot;
    const r = await verifyBoard({ ...board, ballots: [good, revote, good] });
    expect(r.errors).toEqual(['ballot 3: replay of an earlier ballot']);
    const ok = await verifyBoard({ ...board, ballots: [good, revote] });
    expect(ok.errors).toEqual([]);
    expect(ok.numTallied).toBe(1);
  });
  it('a board checked in shares (several workers) reports as if checked whole', async () => {
    const board = { election: electionText, trustees: td('trustees.json'), publicCredentials: td('public_creds.json') };
    const revote = (await createBallot(electionText, creds[0], [[0, 0, 1]])).ballot;
    const ballots = [good, revote, good, mutate((b) => (b.signature.proof.response = '7'))];
    const whole = await verifyBoard({ ...board, ballots });
    const parts = [];
    for (const [start, end] of shares(ballots.length, 3)) parts.push(...(await checkBallots(electionText, board.publicCredentials, ballots.slice(start, end))));
    // as client.ts sends it: the checks stand in for the ballots' texts
    const split = await verifyBoard({ ...board, ballots: [] }, undefined, parts);
    expect(whole.errors).toEqual(['ballot 3: replay of an earlier ballot', 'ballot 4: bad signature']);
    expect(split.errors).toEqual(whole.errors);
    expect(split.trackers).toEqual(whole.trackers);
    expect(split.numTallied).toBe(whole.numTallied);
  });
  it('shares: contiguous, covering, sizes within one; one worker per core, at most 8', () => {
    expect(shares(10, 3)).toEqual([[0, 4], [4, 7], [7, 10]]);
    expect(shares(2, 8)).toEqual([[0, 1], [1, 2]]);
    expect(shares(0, 4)).toEqual([]);
    expect(boardWorkers(1)).toBe(1);
    expect(boardWorkers(4)).toBe(4);
    expect(boardWorkers(64)).toBe(8);
  });
});
