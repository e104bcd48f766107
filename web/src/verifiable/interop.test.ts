// Interoperability with Debian's belenios-tool 2.0 (must be on PATH; scripts/install-deps installs it).
// Each test builds an election with the tool in a temporary directory, feeds it what this library
// produced, and lets the tool judge: `election verify` must print "all checks passed", and must
// refuse what breaks a rule.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardFromArchive } from './archive';
import { createBallot, parseElection, parsePublicCredentials, verifyBallot } from './ballot';
import { verifyBoard } from './tally';
import { sha256Hex } from './arith';
import { decryptShareThreshold, generateCertificate, makePolynomial, makeVoutput, splitLines } from './threshold';
import { decryptShare, generateTrusteeKey } from './trustee';

const env = { ...process.env, BELENIOS_USE_URANDOM: '1' };
/** Runs belenios-tool; returns stdout, or stdout + stderr when `withStderr` (verify reports on stderr). */
function tool(dir: string, args: string[], input?: string, withStderr = false): string {
  const r = spawnSync('belenios-tool', args, { cwd: dir, env, input, encoding: 'utf8' });
  if (r.status !== 0) throw Object.assign(new Error(`belenios-tool ${args.join(' ')} failed: ${r.stderr}`), r);
  return withStderr ? r.stdout + r.stderr : r.stdout;
}
/** Runs the tool and returns stdout+stderr and whether it succeeded (for refusals). */
function toolTry(dir: string, args: string[], input?: string): { ok: boolean; out: string } {
  try {
    return { ok: true, out: tool(dir, args, input, true) };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { ok: false, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

export interface ToolElection {
  dir: string;
  uuid: string;
  electionText: string;
  privCreds: string[];
  pubCreds: string[];
}

/** demo.sh's setup: credentials, one trustee key, election from a template, archive init. */
/** `trusteePubkeys`: public_keys.jsons content, or 'none' when the caller put threshold.json in `dirGiven`. */
export function makeToolElection(questions: unknown[], trusteePubkeys?: string, dirGiven?: string, voters?: string): ToolElection {
  const dir = dirGiven ?? mkdtempSync(join(tmpdir(), 'kenes-belenios-'));
  if (!dirGiven) dirs.push(dir);
  const uuid = tool(dir, ['setup', 'generate-token']).trim();
  if (voters) writeFileSync(join(dir, 'voters.txt'), voters);
  tool(dir, ['setup', 'generate-credentials', '--uuid', uuid, '--group', 'BELENIOS-2048', ...(voters ? ['--file', 'voters.txt'] : ['--count', '3'])]);
  const files = readdirSync(dir);
  const privFile = files.find((f) => f.endsWith('.privcreds'))!;
  const pubFile = files.find((f) => f.endsWith('.pubcreds'))!;
  execFileSync('mv', [pubFile, 'public_creds.json'], { cwd: dir });
  if (trusteePubkeys === 'none') {
    // trustees prepared by the caller (threshold.json in dir), no Single key
    writeFileSync(join(dir, 'public_keys.jsons'), '');
  } else if (trusteePubkeys === undefined) {
    tool(dir, ['setup', 'generate-trustee-key', '--group', 'BELENIOS-2048']);
    const pk = readdirSync(dir).find((f) => f.endsWith('.pubkey'))!;
    writeFileSync(join(dir, 'public_keys.jsons'), readFileSync(join(dir, pk), 'utf8'));
  } else writeFileSync(join(dir, 'public_keys.jsons'), trusteePubkeys);
  tool(dir, ['setup', 'make-trustees']);
  writeFileSync(join(dir, 'tpl.json'), JSON.stringify({ description: 'Kenes test', name: 'Kenes', questions }));
  tool(dir, ['setup', 'make-election', '--uuid', uuid, '--group', 'BELENIOS-2048', '--template', 'tpl.json']);
  tool(dir, ['archive', 'init']);
  const privCreds = readFileSync(join(dir, privFile), 'utf8').trim().split('\n').map((l) => l.split(' ')[1]);
  return {
    dir,
    uuid,
    electionText: readFileSync(join(dir, 'election.json'), 'utf8').trim(),
    privCreds,
    pubCreds: [...parsePublicCredentials(readFileSync(join(dir, 'public_creds.json'), 'utf8')).keys()],
  };
}

const ONE_OF_FIVE = { answers: ['A', 'B', 'C', 'D', 'E'], min: 1, max: 1, question: 'Who?' };
const BLANK_Q = { answers: ['X', 'Y', 'Z'], min: 1, max: 2, blank: true, question: 'Which (or blank)?' };
const UP_TO_THREE = { answers: ['P', 'Q', 'R', 'S'], min: 0, max: 3, question: 'Up to three?' };

describe('belenios-tool accepts ballots made by this library (spec 4.11-4.15)', () => {
  let el: ToolElection;
  beforeAll(() => {
    el = makeToolElection([ONE_OF_FIVE, BLANK_Q, UP_TO_THREE]);
  });

  it('ballots with one-of-five, a blank vote, two choices and none of an optional question verify: "all checks passed"', async () => {
    const votes = [
      [[0, 0, 1, 0, 0], [1, 0, 1], [1, 1, 1, 0]],
      [[1, 0, 0, 0, 0], [0, 0, 0], [0, 0, 0, 0]], // blank on the second question, nothing on the third
      [[0, 0, 0, 0, 1], [0, 1, 0], [0, 1, 0, 0]],
    ];
    for (let i = 0; i < 3; i++) {
      const { ballot } = await createBallot(el.electionText, el.privCreds[i], votes[i]);
      tool(el.dir, ['archive', 'add-event', '--type=Ballot'], ballot + '\n');
    }
    const out = tool(el.dir, ['election', 'verify'], undefined, true);
    expect(out).toMatch(/all checks passed/);
  }, 30_000);

  it('the tool refuses a forged ballot with choice 2', async () => {
    const { ballot } = await createBallot(el.electionText, el.privCreds[0], [[0, 2, 0, 0, 0], [1, 0, 0], [0, 0, 0, 0]], true);
    const r = toolTry(el.dir, ['archive', 'add-event', '--type=Ballot'], ballot + '\n');
    const v = r.ok ? toolTry(el.dir, ['election', 'verify']) : r;
    expect(v.ok && /all checks passed/.test(v.out)).toBe(false);
    expect(v.out).toMatch(/invalid ballot/);
    await expect(verifyBallot(await parseElection(el.electionText), ballot)).rejects.toThrow(/not proven 0 or 1/);
  }, 30_000);
});

describe('belenios-tool refuses two choices in one-of-five', () => {
  it('add-event or verify fails', async () => {
    const el = makeToolElection([ONE_OF_FIVE]);
    const { ballot } = await createBallot(el.electionText, el.privCreds[0], [[1, 1, 0, 0, 0]], true);
    const r = toolTry(el.dir, ['archive', 'add-event', '--type=Ballot'], ballot + '\n');
    const v = r.ok ? toolTry(el.dir, ['election', 'verify']) : r;
    expect(v.ok && /all checks passed/.test(v.out)).toBe(false);
    expect(v.out).toMatch(/invalid ballot/);
    await expect(verifyBallot(await parseElection(el.electionText), ballot)).rejects.toThrow(/between 1 and 1/);
  }, 30_000);

  it('the tool ballot is accepted by this verifier (other direction)', async () => {
    const el = makeToolElection([ONE_OF_FIVE, BLANK_Q]);
    writeFileSync(join(el.dir, 'cred.txt'), el.privCreds[1] + '\n');
    writeFileSync(join(el.dir, 'v.json'), '[[0,0,0,1,0],[0,1,1,0]]\n');
    const ballot = tool(el.dir, ['election', 'generate-ballot', '--privcred', 'cred.txt', '--ballot', 'v.json']).trim();
    const parsed = await verifyBallot(await parseElection(el.electionText), ballot, new Set(el.pubCreds));
    expect(parsed.answers[1].blank_proof).toHaveLength(2);
  }, 30_000);
});

function archivePath(el: ToolElection): string {
  return join(el.dir, `${el.uuid}.bel`);
}
/** The encrypted tally the tool published (the payload of the EncryptedTally event). */
async function toolTally(el: ToolElection): Promise<string> {
  const board = await boardFromArchive(new Uint8Array(readFileSync(archivePath(el))));
  return board.encryptedTally!;
}
/** Casts votes[i] with the credential of voter who[i] (default: voter i), then closes and tallies with the tool. */
async function castAndClose(el: ToolElection, votes: number[][][], who?: number[]): Promise<void> {
  for (let i = 0; i < votes.length; i++) {
    const { ballot } = await createBallot(el.electionText, el.privCreds[who?.[i] ?? i], votes[i]);
    tool(el.dir, ['archive', 'add-event', '--type=Ballot'], ballot + '\n');
  }
  tool(el.dir, ['archive', 'add-event', '--type=EndBallots'], '');
  const tally = tool(el.dir, ['election', 'compute-encrypted-tally']);
  tool(el.dir, ['archive', 'add-event', '--type=EncryptedTally'], tally);
}

describe('single-key trustee in the browser (spec 4.5, 4.18) and the board verifier (4.16-4.19)', () => {
  it('our trustee key is accepted by make-trustees; our partial decryption by add-event, compute-result and verify; verifyBoard agrees', async () => {
    const key = await generateTrusteeKey();
    const el = makeToolElection([ONE_OF_FIVE, BLANK_Q], key.publicKey + '\n');
    // a revote by voter 1: only the last counts (spec 4.15 last())
    await castAndClose(
      el,
      [
        [[0, 1, 0, 0, 0], [1, 0, 0]],
        [[0, 1, 0, 0, 0], [0, 0, 0]],
        [[0, 0, 0, 1, 0], [1, 1, 0]],
      ],
      [0, 0, 2],
    );
    const pd = await decryptShare(el.electionText, await toolTally(el), key.privateKey, 1);
    tool(el.dir, ['archive', 'add-event', '--type=PartialDecryption'], pd.lines);
    const result = tool(el.dir, ['election', 'compute-result']);
    // voter 1's revote replaced their first ballot; blank count first for the blank question
    expect(JSON.parse(result).result).toEqual([[0, 1, 0, 1, 0], [1, 1, 1, 0]]);
    tool(el.dir, ['archive', 'add-event', '--type=Result'], result);
    expect(tool(el.dir, ['election', 'verify'], undefined, true)).toMatch(/all checks passed/);

    const board = await boardFromArchive(new Uint8Array(readFileSync(archivePath(el))));
    const report = await verifyBoard(board);
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.result!.map((q) => q.map(Number))).toEqual([[0, 1, 0, 1, 0], [1, 1, 1, 0]]);
    expect(report.trackers).toHaveLength(3);
    expect(report.numTallied).toBe(2);

    // each broken rule is reported
    const badPd = JSON.parse(board.partialDecryptions![0].text);
    badPd.decryption_factors[0][1] = badPd.decryption_factors[0][0];
    const r1 = await verifyBoard({ ...board, partialDecryptions: [{ owner: 1, text: JSON.stringify(badPd) }] });
    expect(r1.errors.join()).toMatch(/trustee 1: the decryption proof does not hold/);
    const r2 = await verifyBoard({ ...board, result: '{"result":[[0,2,0,0,0],[1,1,1,0]]}' });
    expect(r2.errors).toEqual(['the published result differs from the decryption of the tally']);
    const r3 = await verifyBoard({ ...board, ballots: board.ballots.slice(0, 2) }); // voter 3's ballot dropped
    expect(r3.errors.join()).toMatch(/encrypted tally differs/);
    expect(r3.errors.join()).toMatch(/the board says 2 ballots were tallied, the ballots give 1/);
    const forged = (await createBallot(el.electionText, el.privCreds[0], [[0, 0, 0, 0, 0], [1, 0, 0]], true)).ballot;
    const r4 = await verifyBoard({ ...board, ballots: [...board.ballots, forged] });
    expect(r4.errors.join()).toMatch(/ballot 4: answer 1: the number of choices is not between 1 and 1/);
  }, 60_000);

  it('weighted voters (spec 4.16): the tool and verifyBoard count a weight-3 ballot three times', async () => {
    const key = await generateTrusteeKey();
    const el = makeToolElection([ONE_OF_FIVE], key.publicKey + '\n', undefined, 'a@example.com,a,3\nb@example.com,b,1\n');
    await castAndClose(el, [[[0, 0, 0, 0, 1]], [[1, 0, 0, 0, 0]]]);
    const pd = await decryptShare(el.electionText, await toolTally(el), key.privateKey, 1);
    tool(el.dir, ['archive', 'add-event', '--type=PartialDecryption'], pd.lines);
    const result = tool(el.dir, ['election', 'compute-result']);
    tool(el.dir, ['archive', 'add-event', '--type=Result'], result);
    expect(tool(el.dir, ['election', 'verify'], undefined, true)).toMatch(/all checks passed/);
    const report = await verifyBoard(await boardFromArchive(new Uint8Array(readFileSync(archivePath(el)))));
    expect(report.errors).toEqual([]);
    expect(report.totalWeight).toBe(4n);
    expect(report.result!.map((q) => q.map(Number))).toEqual(JSON.parse(result).result);
    expect(report.result!.map((q) => q.map(Number))).toEqual([[1, 0, 0, 0, 3]]);
  }, 30_000);

  it('a partial decryption with a wrong key is refused by the tool', async () => {
    const key = await generateTrusteeKey();
    const other = await generateTrusteeKey();
    const el = makeToolElection([ONE_OF_FIVE], key.publicKey + '\n');
    await castAndClose(el, [[[1, 0, 0, 0, 0]]]);
    const pd = await decryptShare(el.electionText, await toolTally(el), other.privateKey, 1);
    const r = toolTry(el.dir, ['archive', 'add-event', '--type=PartialDecryption'], pd.lines);
    const v = r.ok ? toolTry(el.dir, ['election', 'compute-result']) : r;
    expect(v.ok).toBe(false);
    expect(v.out).toMatch(/invalid partial decryption/);
  }, 30_000);
});

describe('threshold trustees, 2 of 3, one in the browser (spec 4.6)', () => {
  it('our cert, polynomial and voutput pass the tool\'s steps 2, 4 and 6; our share and one tool trustee\'s decrypt; the tool verifies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kenes-belenios-thr-'));
    dirs.push(dir);
    const tk = (args: string[], input?: string) => tool(dir, ['setup', 'generate-trustee-key-threshold', '--group', 'BELENIOS-2048', ...args], input);
    tk(['--step', '1']);
    tk(['--step', '1']);
    // step 1 in the browser: the file is named like the tool's, by SHA-256 of the cert's message
    const mine = await generateCertificate();
    const myId = await sha256Hex(JSON.parse(mine.cert).message);
    writeFileSync(join(dir, `${myId}.cert`), mine.cert + '\n');
    const ids = readdirSync(dir).filter((f) => f.endsWith('.cert')).map((f) => f.slice(0, -5)).sort();
    const certs = ids.map((id) => readFileSync(join(dir, `${id}.cert`), 'utf8').trim());
    writeFileSync(join(dir, 'certs.jsons'), certs.join('\n') + '\n');
    tk(['--certs', 'certs.jsons', '--step', '2']); // the tool checks every cert, ours included
    // step 3
    const polys: string[] = [];
    for (const id of ids)
      polys.push(id === myId ? await makePolynomial(mine.seed, splitLines(readFileSync(join(dir, 'certs.jsons'), 'utf8')), 2)
        : tk(['--certs', 'certs.jsons', '--key', `${id}.key`, '--step', '3', '--threshold', '2']).trim());
    writeFileSync(join(dir, 'polynomials.jsons'), polys.join('\n') + '\n');
    // step 4 (the server's): the tool checks our polynomial's signatures and routes the shares
    tk(['--certs', 'certs.jsons', '--step', '4', '--polynomials', 'polynomials.jsons']);
    // step 5: our share check and voutput
    for (const id of ids) {
      const vinput = readFileSync(join(dir, `${id}.vinput`), 'utf8');
      const out = id === myId ? await makeVoutput(mine.seed, certs, vinput) : tk(['--certs', 'certs.jsons', '--key', `${id}.key`, '--step', '5'], vinput).trim();
      writeFileSync(join(dir, `${id}.voutput`), out + '\n');
    }
    // step 6 (the server's): the tool checks our voutput's public key against the commitments
    const voutputs = ids.map((id) => readFileSync(join(dir, `${id}.voutput`), 'utf8')).join('');
    writeFileSync(join(dir, 'threshold.json'), tk(['--certs', 'certs.jsons', '--step', '6', '--polynomials', 'polynomials.jsons'], voutputs));

    // as in demo-threshold.sh, a mandatory Single key comes first (the server's; here also ours):
    // trustee 1 is the Single key, the threshold trustees are 2, 3, 4 in certificate order
    const server = await generateTrusteeKey();
    const el = makeToolElection([ONE_OF_FIVE], server.publicKey + '\n', dir);
    await castAndClose(el, [[[0, 0, 1, 0, 0]], [[0, 0, 1, 0, 0]], [[1, 0, 0, 0, 0]]]);
    const tally = await toolTally(el);
    tool(dir, ['archive', 'add-event', '--type=PartialDecryption'], (await decryptShare(el.electionText, tally, server.privateKey, 1)).lines);
    // our trustee and the first tool trustee decrypt; the third is absent (threshold 2 of 3)
    const myNo = ids.indexOf(myId) + 2;
    const dkey = JSON.parse(readFileSync(join(dir, `${myId}.voutput`), 'utf8')).private_key;
    const share = await decryptShareThreshold(el.electionText, tally, mine.seed, dkey, myNo);
    tool(dir, ['archive', 'add-event', '--type=PartialDecryption'], share.lines);
    const other = ids.findIndex((id) => id !== myId);
    writeFileSync(join(dir, `${ids[other]}.dkey`), JSON.parse(readFileSync(join(dir, `${ids[other]}.voutput`), 'utf8')).private_key + '\n');
    const toolShare = tool(dir, ['election', 'decrypt-threshold', '--key', `${ids[other]}.key`, '--decryption-key', `${ids[other]}.dkey`, '--trustee-id', String(other + 2)]);
    tool(dir, ['archive', 'add-event', '--type=PartialDecryption'], toolShare);
    const result = tool(dir, ['election', 'compute-result']);
    expect(JSON.parse(result).result).toEqual([[1, 0, 2, 0, 0]]);
    tool(dir, ['archive', 'add-event', '--type=Result'], result);
    expect(tool(dir, ['election', 'verify'], undefined, true)).toMatch(/all checks passed/);
    const board = await boardFromArchive(new Uint8Array(readFileSync(archivePath(el))));
    const report = await verifyBoard(board);
    expect(report.errors).toEqual([]);
    expect(report.result!.map((q) => q.map(Number))).toEqual([[1, 0, 2, 0, 0]]);
    // the threshold trustees' verification keys must match their signed commitments
    const trustees = JSON.parse(board.trustees);
    const keys = trustees[1][1].verification_keys;
    [keys[0], keys[1]] = [keys[1], keys[0]];
    const swapped = await verifyBoard({ ...board, trustees: JSON.stringify(trustees), partialDecryptions: [], result: undefined });
    expect(swapped.errors).toContain('threshold trustee 1: verification key does not match the commitments');
    // one threshold share short: no result
    const short = await verifyBoard({ ...board, partialDecryptions: board.partialDecryptions!.filter((d) => d.owner !== myNo) });
    expect(short.errors).toEqual(['result: only 1 of the 2 partial decryptions needed from the threshold trustees']);
  }, 60_000);
});
