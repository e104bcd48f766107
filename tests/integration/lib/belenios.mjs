// Debian's belenios-tool 2.0 as the independent party of the verifiable-election tests: trustees
// who keep their keys in their own directories, voters who make their ballots with it, and the
// verifier every archive Kenes writes must satisfy.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { expectJson } from './client.mjs';

export const GROUP = ['--group', 'BELENIOS-2048'];

export function haveBeleniosTool() {
  try { execFileSync('belenios-tool', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
}

export function tool(dir, args, input) {
  return execFileSync('belenios-tool', args, { cwd: dir, input, encoding: 'utf8', env: { ...process.env, BELENIOS_USE_URANDOM: '1' }, stdio: ['pipe', 'pipe', 'ignore'] });
}

// `election verify` reports on stderr ("I: all checks passed"): both streams, and the exit code.
export function verifyArchive(dir) {
  const r = spawnSync('belenios-tool', ['election', 'verify', '--dir', dir], { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

export const only = (dir, ext) => readdirSync(dir).filter((f) => f.endsWith(ext)).map((f) => join(dir, f))[0];
export const tempDir = (prefix) => mkdtempSync(join(tmpdir(), prefix));

// The voter's roll token, as the booth derives it from the code.
export const rollToken = (code) => createHash('sha256').update(`kenes-roll|${code}`).digest('hex');
// A ballot's tracker: SHA-256 of its text, base64 without padding (spec 4.15).
export const trackerOf = (ballot) => createHash('sha256').update(ballot).digest('base64').replace(/=+$/, '');

// A threshold key ceremony run by belenios-tool trustees through the API (steps 1, 3, 5; the
// server does 2, 4 and 6). `trustees` are signed-in clients in the server's trustee order.
// Returns each trustee's directory, holding their .key and their decryption key (`dkey`).
export async function toolCeremony(E, trustees, threshold) {
  const dirs = trustees.map(() => tempDir('kenes-trustee-'));
  for (let i = 0; i < trustees.length; i++) {
    tool(dirs[i], ['setup', 'generate-trustee-key-threshold', ...GROUP, '--step', '1']);
    expectJson(await trustees[i].post(`${E}/cert`, { cert: JSON.parse(readFileSync(only(dirs[i], '.cert'), 'utf8')) }), 200, `cert ${i + 1}`);
  }
  const certs = expectJson(await trustees[0].get(E), 200, 'status').certs;
  for (const dir of dirs) writeFileSync(join(dir, 'certs.jsons'), certs.map((c) => JSON.stringify(c)).join('\n') + '\n');
  for (let i = 0; i < trustees.length; i++) {
    const poly = tool(dirs[i], ['setup', 'generate-trustee-key-threshold', ...GROUP, '--certs', 'certs.jsons', '--key', only(dirs[i], '.key'), '--step', '3', '--threshold', String(threshold)]);
    expectJson(await trustees[i].post(`${E}/polynomial`, { polynomial: JSON.parse(poly) }), 200, `polynomial ${i + 1}`);
  }
  let status;
  for (let i = 0; i < trustees.length; i++) {
    const vinput = expectJson(await trustees[i].get(`${E}/vinput`), 200, `vinput ${i + 1}`).vinput;
    const voutput = JSON.parse(tool(dirs[i], ['setup', 'generate-trustee-key-threshold', ...GROUP, '--certs', 'certs.jsons', '--key', only(dirs[i], '.key'), '--step', '5'], JSON.stringify(vinput)));
    writeFileSync(join(dirs[i], 'dkey'), `${voutput.private_key}\n`);
    status = expectJson(await trustees[i].post(`${E}/voutput`, { voutput }), 200, `voutput ${i + 1}`);
  }
  return { dirs, status };
}

// A threshold trustee's partial decryption of the tally in the archive held in `dir`.
export function toolDecrypt(trusteeDir, archiveDir, number) {
  const lines = tool(archiveDir, ['election', 'decrypt-threshold', '--key', only(trusteeDir, '.key'), '--decryption-key', join(trusteeDir, 'dkey'), '--trustee-id', String(number)]);
  return lines.split('\n')[0];
}

// A Single key (one trustee, spec 4.5): the commission's only member makes a keypair with the tool
// and sends the public half after starting the ceremony; the private half stays in `dir`.
export async function toolSingleKey(E, client) {
  const started = expectJson(await client.post(`${E}/trustees/start`, {}), 200, 'ceremony start');
  assert.equal(started.trustees.length, 1, 'a commission of one: a Single key');
  const dir = tempDir('kenes-trustee-');
  tool(dir, ['setup', 'generate-trustee-key', ...GROUP]);
  const publicKey = JSON.parse(readFileSync(only(dir, '.pubkey'), 'utf8'));
  const status = expectJson(await client.post(`${E}/trustees/public-key`, { public_key: publicKey }), 200, 'public key');
  assert.equal(status.state, 'complete', 'the ceremony is complete');
  return { dir, status };
}

// A Single trustee's partial decryption of the tally in the archive held in `archiveDir`.
export function toolDecryptSingle(trusteeDir, archiveDir, number = 1) {
  return tool(archiveDir, ['election', 'decrypt', '--privkey', only(trusteeDir, '.privkey'), '--trustee-id', String(number)]).split('\n')[0];
}

// The public archive, saved where belenios-tool looks for it (DIR/<uuid>.bel).
export async function saveArchive(client, publicBase, uuid, dir) {
  const r = await client.get(`${publicBase}/archive.bel`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.contentType, /application\/x-tar/);
  rmSync(join(dir, `${uuid}.bel`), { force: true });
  writeFileSync(join(dir, `${uuid}.bel`), r.bytes);
  return r.bytes;
}

// The choice vector of one question for the candidate `candidateId` (`answers` in booth order).
const choice = (answers, candidateId) => {
  const i = answers.map(String).indexOf(String(candidateId));
  assert.ok(i >= 0, `candidate ${candidateId} is on the ballot`);
  return JSON.stringify([answers.map((_, k) => (k === i ? 1 : 0))]);
};

// A voter's ballot for `candidateId`, made by belenios-tool with the Kenes code, against the
// archive in `dir` (ballots are made one at a time: the tool reads its inputs from files).
export function toolBallot(dir, answers, code, candidateId) {
  writeFileSync(join(dir, 'cred'), `${code}\n`);
  writeFileSync(join(dir, 'vote'), `${choice(answers, candidateId)}\n`);
  return tool(dir, ['election', 'generate-ballot', '--privcred', 'cred', '--ballot', 'vote']).trim();
}

// Many ballots at once, two tool processes at a time (each in a directory of its own holding a
// copy of the archive): [{ code, candidateId }] -> ballot texts in the same order.
export async function toolBallots(dir, uuid, answers, wanted, parallel = 2) {
  const archive = readFileSync(join(dir, `${uuid}.bel`));
  const dirs = Array.from({ length: parallel }, () => {
    const d = tempDir('kenes-ballots-');
    writeFileSync(join(d, `${uuid}.bel`), archive);
    return d;
  });
  const out = new Array(wanted.length);
  let next = 0;
  const worker = async (d, w) => {
    for (let i = next++; i < wanted.length; i = next++) {
      writeFileSync(join(d, `cred${w}`), `${wanted[i].code}\n`);
      writeFileSync(join(d, `vote${w}`), `${choice(answers, wanted[i].candidateId)}\n`);
      out[i] = await new Promise((resolve, reject) => execFile('belenios-tool', ['election', 'generate-ballot', '--privcred', `cred${w}`, '--ballot', `vote${w}`],
        { cwd: d, encoding: 'utf8', env: { ...process.env, BELENIOS_USE_URANDOM: '1' } }, (err, stdout) => (err ? reject(err) : resolve(stdout.trim()))));
    }
  };
  await Promise.all(dirs.map((d, w) => worker(d, w)));
  return out;
}
