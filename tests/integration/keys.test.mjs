// Secrets at rest: the key file outside the database (owner only), signing keys stored wrapped
// with it, database files readable by their owner only, a refusal to start with a missing or
// foreign key file, and `kenes keys rotate`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, verify as verifySignature } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BACKEND, Client, KENES_BIN, KENES_DB, expectJson } from './lib/client.mjs';
import { scratchDatabase, scratchSkip as skip } from './lib/scratch.mjs';

const mode = (path) => statSync(path).mode & 0o777;

// The suite database's data directory (where the server under test keeps its key file).
function suiteDataDir() {
  return KENES_DB.startsWith('sqlite:') ? dirname(KENES_DB.slice('sqlite:'.length)) : process.env.KENES_DATA_DIR;
}

function suiteRows(select) {
  if (KENES_DB.startsWith('sqlite:'))
    return JSON.parse(execFileSync('sqlite3', ['-cmd', '.timeout 10000', '-json', KENES_DB.slice('sqlite:'.length), select], { encoding: 'utf8' }) || '[]');
  return JSON.parse(execFileSync('psql', [KENES_DB, '-At', '-c', `SELECT coalesce(json_agg(t), '[]') FROM (${select}) t`], { encoding: 'utf8' }));
}

function anchorLines(file) {
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
}

// Whether an anchor line's Ed25519 signature verifies, checked outside Kenes.
function anchorSignatureValid(a, publicKeyHex = a.public_key) {
  const message = `kenes audit anchor v1\ninstitution ${a.institution_id}\nseq ${a.seq}\nhash ${a.hash}\nkeyed_from ${a.keyed_from}\nat ${a.at}\n`;
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKeyHex, 'hex').toString('base64url') }, format: 'jwk' });
  return verifySignature(null, Buffer.from(message), key, Buffer.from(a.signature, 'hex'));
}

function serveRefusal(s) {
  // Exits before it listens: the port is never used.
  return spawnSync(KENES_BIN, ['serve', '--db', s.db, '--port', '1'], { env: s.env, encoding: 'utf8', timeout: 60000 });
}

test(`[${BACKEND}] keys: the key file is 0600 in a 0700 directory, database files are 0600, signing keys are stored wrapped`,
  { skip: skip || (suiteDataDir() ? false : 'KENES_DATA_DIR is not set') }, () => {
    const dir = suiteDataDir();
    const keyFile = join(dir, 'keys', 'kenes.keys');
    assert.equal(mode(keyFile), 0o600, keyFile);
    assert.equal(mode(dirname(keyFile)), 0o700);
    const file = JSON.parse(readFileSync(keyFile, 'utf8'));
    assert.equal(file.format, 'kenes-keys-1');
    if (KENES_DB.startsWith('sqlite:')) {
      const db = KENES_DB.slice('sqlite:'.length);
      for (const f of [db, `${db}-wal`, `${db}-shm`])
        if (existsSync(f)) assert.equal(mode(f), 0o600, `${f} is ${mode(f).toString(8)}`);
    }
    // Make sure every institution has signed something (an anchor), then look at the stored keys.
    const anchored = spawnSync(KENES_BIN, ['audit', 'anchor', '--db', KENES_DB], { encoding: 'utf8' });
    assert.equal(anchored.status, 0, anchored.stderr);
    const keys = suiteRows(`SELECT institution_id, wrap_key_id, length(secret_key) AS n FROM institution_keys`);
    assert.ok(keys.length > 0);
    for (const k of keys) {
      assert.notEqual(k.wrap_key_id, null, `the signing key of institution ${k.institution_id} is stored in plain form`);
      assert.equal(Number(k.n), 24 + 16 + 64, 'nonce, MAC and the sealed 64-byte Ed25519 secret key');
    }
  });

test(`[${BACKEND}] keys: a plain signing key from before is wrapped in place at start and keeps signing`, { skip }, async () => {
  const s = scratchDatabase();
  try {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const pk = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url');
    const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d, 'base64url');
    // The demo signs its orders with a key of its own: an older database had this plain one instead.
    s.sql(`DELETE FROM institution_keys WHERE institution_id = ${s.institution}`);
    s.sql(`INSERT INTO institution_keys (institution_id, public_key, secret_key) VALUES (${s.institution}, ${s.blob(pk.toString('hex'))}, `
      + `${s.blob(Buffer.concat([seed, pk]).toString('hex'))})`);
    assert.equal(s.kenes('migrate').status, 0);
    const row = s.rows(`SELECT wrap_key_id, ${s.hex('secret_key')} AS sk FROM institution_keys WHERE institution_id = ${s.institution}`)[0];
    assert.notEqual(row.wrap_key_id, null);
    assert.ok(!row.sk.includes(seed.toString('hex')), 'the secret key is no longer in the database');
    const anchored = s.kenes('audit', 'anchor');
    assert.equal(anchored.status, 0, anchored.stderr);
    const a = anchorLines(s.anchorFile).at(-1);
    assert.equal(a.public_key, pk.toString('hex'), 'the same key signs');
    assert.ok(anchorSignatureValid(a, pk.toString('hex')));
    assert.match(s.kenes('audit', 'verify').stdout, /chain intact/);
  } finally {
    await s.drop();
  }
});

test(`[${BACKEND}] keys: without its key file, with another one or one others can read, kenes refuses to start`, { skip }, async () => {
  const s = scratchDatabase();
  try {
    assert.equal(s.kenes('audit', 'anchor').status, 0);   // a wrapped signing key exists now
    const original = readFileSync(s.keyFile, 'utf8');
    renameSync(s.keyFile, `${s.keyFile}.away`);
    let r = serveRefusal(s);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /key file .*kenes\.keys is missing, but the database holds audit entries and signing keys made with it/);
    assert.ok(!existsSync(s.keyFile), 'no new key file is made');
    r = s.kenes('audit', 'verify');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /is missing/);

    const foreign = JSON.parse(original);
    for (const k of [...foreign.mac, ...foreign.wrap]) k.key = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 7 + k.id) & 255)).toString('base64');
    writeFileSync(s.keyFile, JSON.stringify(foreign), { mode: 0o600 });
    r = serveRefusal(s);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /does not match this database/);

    renameSync(`${s.keyFile}.away`, s.keyFile);
    chmodSync(s.keyFile, 0o644);
    r = serveRefusal(s);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /readable by other users: chmod 600 it/);
    chmodSync(s.keyFile, 0o600);
    assert.match(s.kenes('audit', 'verify').stdout, /chain intact/);
  } finally {
    await s.drop();
  }
});

test(`[${BACKEND}] keys rotate: new entries use the new MAC key, old ones keep verifying, signing keys are rewrapped`, { skip }, async () => {
  const s = scratchDatabase();
  try {
    assert.equal(s.kenes('audit', 'anchor').status, 0);
    const before = anchorLines(s.anchorFile).at(-1);
    const server = await s.serve();   // running across the rotation, as another server process would
    const admin = new Client({ base: server.base });
    assert.equal((await admin.login('admin')).status, 200);
    const rotated = s.kenes('keys', 'rotate');
    assert.equal(rotated.status, 0, rotated.stderr);
    assert.match(rotated.stdout, /MAC key 2 and wrapping key 2 added; 1 signing key\(s\) rewrapped/);
    const file = JSON.parse(readFileSync(s.keyFile, 'utf8'));
    assert.deepEqual(file.mac.map((k) => k.id), [1, 2]);
    assert.deepEqual(file.wrap.map((k) => k.id), [1, 2]);
    assert.equal(mode(s.keyFile), 0o600);
    const entries = s.rows(`SELECT seq, action, mac_key_id FROM audit_log WHERE institution_id = ${s.institution} ORDER BY seq`);
    assert.equal(entries.at(-1).action, 'keys.rotate');
    assert.equal(entries.at(-1).mac_key_id, 2);
    assert.ok(entries.slice(0, -1).every((e) => e.mac_key_id === 1));
    assert.equal(s.rows(`SELECT wrap_key_id FROM institution_keys WHERE institution_id = ${s.institution}`)[0].wrap_key_id, 2);
    // The running server reads the new keys from the file when it meets them.
    const v = expectJson(await admin.get('/api/v1/audit/verify'), 200, 'verify after rotation');
    assert.equal(v.ok, true, JSON.stringify(v));
    assert.equal(s.kenes('audit', 'anchor').status, 0);
    const after = anchorLines(s.anchorFile).at(-1);
    assert.equal(after.public_key, before.public_key, 'the rewrapped key is the same signing key');
    assert.ok(anchorSignatureValid(after));
    const cli = s.kenes('audit', 'verify');
    assert.equal(cli.status, 0, cli.stdout + cli.stderr);
    const checked = cli.stdout.match(/chain intact \(keyed from entry 1, (\d+) anchors checked\)/);
    assert.ok(checked && Number(checked[1]) >= 2, cli.stdout);
  } finally {
    await s.drop();
  }
});
