// Tampering with the audit log the way someone holding the database could, each on a database of
// its own: `kenes audit verify` and GET /api/v1/audit/verify must both report it. An edited entry
// and a deleted one break the chain; re-chaining after a forged entry fails without the MAC key
// (kept in the key file, outside the database); cutting the tail and rewinding the head is caught
// by the signed anchors (outside the database); a deleted head is an error, never a skipped check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BACKEND, Client, KENES_BIN, expectJson } from './lib/client.mjs';
import { blake2b } from './lib/blake2b.mjs';
import { scratchDatabase, scratchSkip as skip } from './lib/scratch.mjs';

// A scratch database (the demo's entries and a sign-in: about 15), a server on it, its admin
// signed in, and an anchor of the intact chain.
async function intactChain() {
  const s = scratchDatabase();
  s.server = await s.serve();
  s.admin = new Client({ base: s.server.base });
  assert.equal((await s.admin.login('admin')).status, 200);
  const ok = expectJson(await s.admin.get('/api/v1/audit/verify'), 200, 'verify before tampering');
  assert.equal(ok.ok, true, JSON.stringify(ok));
  const anchored = s.kenes('audit', 'anchor');
  assert.equal(anchored.status, 0, anchored.stderr);
  s.entries = () => s.rows(`SELECT seq, at, actor_user_id, actor_login, action, entity, entity_id, before_json, after_json, ${s.hex('prev_hash')} AS prev_hash, `
    + `${s.hex('hash')} AS hash, mac_key_id FROM audit_log WHERE institution_id = ${s.institution} ORDER BY seq`);
  s.head = () => s.rows(`SELECT seq, ${s.hex('hash')} AS hash, keyed_from FROM audit_heads WHERE institution_id = ${s.institution}`)[0];
  return s;
}

// `kenes audit verify` (exit status and its line) and the API's answer.
async function verifyBoth(s, { anchorFile } = {}) {
  const env = anchorFile ? { ...s.env, KENES_AUDIT_ANCHOR_FILE: anchorFile } : s.env;
  const cli = spawnSync(KENES_BIN, ['audit', 'verify', '--db', s.db], { env, encoding: 'utf8' });
  const api = anchorFile ? null : expectJson(await s.admin.get('/api/v1/audit/verify'), 200, 'GET /api/v1/audit/verify');
  return { cli, api };
}

function expectBroken({ cli, api }, seq, reason) {
  assert.equal(cli.status, 1, `kenes audit verify should fail: ${cli.stdout}${cli.stderr}`);
  assert.match(cli.stdout, new RegExp(`chain broken at entry ${seq}: .*\\[${reason}\\]`), cli.stdout);
  if (api) {
    assert.equal(api.ok, false, JSON.stringify(api));
    assert.equal(api.first_broken_seq, seq, JSON.stringify(api));
    assert.equal(api.reason, reason, JSON.stringify(api));
  }
}

function expectIntact({ cli }) {
  assert.equal(cli.status, 0, `${cli.stdout}${cli.stderr}`);
  assert.match(cli.stdout, /chain intact/);
}

// The chained hash as Kenes computes it: BLAKE2b-256 over the previous hash and a JSON array of the
// entry; with a MAC key, keyed with the institution's subkey of it.
function entryHash(prevHex, e, institution, macKey) {
  const material = Buffer.concat([Buffer.from(prevHex, 'hex'), Buffer.from(JSON.stringify([
    e.seq, e.at, e.actor_user_id, e.actor_login, e.action, e.entity, e.entity_id, e.before_json ?? '', e.after_json ?? '',
  ]), 'utf8')]);
  if (!macKey) return blake2b(material, 32).toString('hex');
  const subkey = blake2b(Buffer.from(`kenes audit mac\0${institution}`, 'utf8'), 32, macKey);
  return blake2b(material, 32, subkey).toString('hex');
}

// Recomputes every hash from `from` on (plain, or with the given MAC key) and moves the head along.
function rechain(s, from, { macKey = null, keyId = null } = {}) {
  const entries = s.entries();
  let prev = from > 1 ? entries.find((e) => e.seq === from - 1).hash : '0'.repeat(64);
  const statements = [];
  for (const e of entries.filter((x) => x.seq >= from)) {
    const hash = entryHash(prev, e, s.institution, macKey);
    statements.push(`UPDATE audit_log SET prev_hash = ${s.blob(prev)}, hash = ${s.blob(hash)}, mac_key_id = ${keyId ?? 'NULL'} `
      + `WHERE institution_id = ${s.institution} AND seq = ${e.seq};`);
    prev = hash;
  }
  statements.push(`UPDATE audit_heads SET hash = ${s.blob(prev)} WHERE institution_id = ${s.institution};`);
  s.sql(statements.join('\n'));
}

function macKeyOf(s) {
  const file = JSON.parse(readFileSync(s.keyFile, 'utf8'));
  const key = file.mac[file.mac.length - 1];
  return { macKey: Buffer.from(key.key, 'base64'), keyId: key.id };
}

test(`[${BACKEND}] audit tampering: an edited entry is reported where it is`, { skip }, async () => {
  const s = await intactChain();
  try {
    s.sql(`UPDATE audit_log SET after_json = '{"forged":true}' WHERE institution_id = ${s.institution} AND seq = 5`);
    expectBroken(await verifyBoth(s), 5, 'entry_altered');
  } finally {
    await s.drop();
  }
});

test(`[${BACKEND}] audit tampering: an entry deleted in the middle is reported`, { skip }, async () => {
  const s = await intactChain();
  try {
    s.sql(`DELETE FROM audit_log WHERE institution_id = ${s.institution} AND seq = 6`);
    expectBroken(await verifyBoth(s), 6, 'entry_missing');
  } finally {
    await s.drop();
  }
});

test(`[${BACKEND}] audit tampering: re-chaining after a forged entry fails without the key file's MAC key`, { skip }, async () => {
  const s = await intactChain();
  const noAnchors = join(s.dir, 'no-anchors.log');
  try {
    assert.ok(s.entries().every((e) => e.mac_key_id !== null), 'a new chain is keyed from its first entry');
    s.sql(`UPDATE audit_log SET after_json = '{"forged":true}' WHERE institution_id = ${s.institution} AND seq = 4`);
    // With a key of the forger's own: entry 4 does not verify, nor does anything after it.
    rechain(s, 4, { macKey: Buffer.alloc(32, 7), keyId: 1 });
    expectBroken(await verifyBoth(s), 4, 'entry_altered');
    expectBroken(await verifyBoth(s, { anchorFile: noAnchors }), 4, 'entry_altered');
    // Passing the whole chain off as plain hashes from before keying: the key file says otherwise.
    rechain(s, 1);
    s.sql(`UPDATE audit_heads SET keyed_from = seq + 1 WHERE institution_id = ${s.institution}`);
    expectBroken(await verifyBoth(s, { anchorFile: noAnchors }), 1, 'head_mismatch');
    s.sql(`UPDATE audit_heads SET keyed_from = 1 WHERE institution_id = ${s.institution}`);
    expectBroken(await verifyBoth(s), 1, 'unkeyed_entry');
    // With the real key (a thief holding the key file too) the chain is consistent again: only
    // the anchor made before the forgery shows it. This also proves the recomputation above exact.
    rechain(s, 1, macKeyOf(s));
    expectIntact(await verifyBoth(s, { anchorFile: noAnchors }));
    expectBroken(await verifyBoth(s), s.head().seq, 'anchor_mismatch');   // the anchored head
  } finally {
    rmSync(noAnchors, { force: true });
    await s.drop();
  }
});

test(`[${BACKEND}] audit tampering: cutting the last entries and rewinding the head is caught by the anchors`, { skip }, async () => {
  const s = await intactChain();
  try {
    const head = s.head();
    const keep = head.seq - 3;
    const last = s.entries().find((e) => e.seq === keep);
    s.sql(`DELETE FROM audit_log WHERE institution_id = ${s.institution} AND seq > ${keep};
           UPDATE audit_heads SET seq = ${keep}, hash = ${s.blob(last.hash)} WHERE institution_id = ${s.institution};`);
    // The database alone is consistent now: the chain and its head agree.
    expectIntact(await verifyBoth(s, { anchorFile: join(s.dir, 'no-anchors.log') }));
    expectBroken(await verifyBoth(s), keep + 1, 'anchor_mismatch');
  } finally {
    await s.drop();
  }
});

test(`[${BACKEND}] audit tampering: a deleted head row is an error, not a skipped check`, { skip }, async () => {
  const s = await intactChain();
  try {
    const head = s.head();
    s.sql(`DELETE FROM audit_heads WHERE institution_id = ${s.institution}`);
    const both = await verifyBoth(s);
    expectBroken(both, head.seq + 1, 'head_missing');
    assert.equal(both.api.checked, 0);
  } finally {
    await s.drop();
  }
});
