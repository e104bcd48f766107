// The audit log: every state change appears, newest first, filters work, the hash chain verifies
// through the API and through `kenes audit verify`.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import {
  BACKEND, Client, KENES_BIN, KENES_DB, auditHead, auditSince, cap, createPerson, createUser, cyrTag, expectJson,
  expectProblem, sameId, signIn, studentNumber,
} from './lib/client.mjs';

let admin;
before(async () => {
  admin = await signIn('admin');
});

const ALMATY_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+05:00$/;

function almatyDate(offsetDays = 0) {
  return new Date(Date.now() + 5 * 3600 * 1000 + offsetDays * 86400 * 1000).toISOString().slice(0, 10);
}

test(`[${BACKEND}] audit: every state change of the institution, people and users appears`, async () => {
  const tag = cap(cyrTag());
  const head = await auditHead(admin);
  const changes = [];
  const year = 2100 + Math.floor(Math.random() * 7000);

  const faculty = expectJson(await admin.post('/api/v1/faculties', { name: `Аудит ф. ${tag}` }), 201, 'faculty');
  changes.push(['faculty created', faculty.id]);
  const shanyrak = expectJson(await admin.post('/api/v1/shanyraks', { name: `Аудит ш. ${tag}` }), 201, 'shanyrak');
  changes.push(['shanyrak created', shanyrak.id]);
  const ay = expectJson(await admin.post('/api/v1/academic-years', {
    name: `${year}-${year + 1}`, starts_on: `${year}-09-01`, ends_on: `${year + 1}-06-30`,
  }), 201, 'academic year');
  changes.push(['academic year created', ay.id]);
  const group = expectJson(await admin.post('/api/v1/groups', { name: `А-${tag}`, faculty_id: faculty.id, course: 1 }), 201, 'group');
  changes.push(['group created', group.id]);
  const groupPatched = expectJson(await admin.patch(`/api/v1/groups/${group.id}`, { course: 2 }), 200, 'group patched');
  assert.equal(groupPatched.course, 2);
  changes.push(['group updated', group.id]);
  const person = await createPerson(admin, { surname: 'Аудитова', name: tag, student: { student_number: studentNumber(), group_id: group.id } });
  changes.push(['person created', person.id]);
  expectJson(await admin.patch(`/api/v1/people/${person.id}`, { phone: '+7 700 000 00 00' }), 200, 'person patched');
  changes.push(['person updated', person.id]);
  const u = await createUser(admin, { roles: ['student'], person_id: person.id });
  changes.push(['user created', u.id]);
  expectJson(await admin.patch(`/api/v1/users/${u.id}`, { display_name: `Аудит ${tag}` }), 200, 'user patched');
  changes.push(['user updated', u.id]);
  const self = await signIn(u.login, { password: u.password });
  expectJson(await self.patch('/api/v1/me', { locale: 'ru' }), 200, 'PATCH /me');
  changes.push(['own locale changed', u.id, u.login]);

  const entries = await auditSince(admin, head);
  for (const [what, id, actor = 'admin'] of changes) {
    assert.ok(entries.some((e) => sameId(e.entity_id, id) && e.actor_login === actor),
      `${what} (id ${id}, by ${actor}) is not in the audit log: ${JSON.stringify(entries.map((e) => [e.action, e.entity, e.entity_id, e.actor_login]))}`);
  }
  const updated = entries.find((e) => sameId(e.entity_id, group.id) && e.before && e.after);
  assert.ok(updated, 'an update records the state before and after');
  for (const e of entries) {
    assert.match(e.at, ALMATY_ISO, `at ${e.at}`);
    assert.equal(typeof e.action, 'string');
    assert.equal(typeof e.entity, 'string');
    assert.equal(typeof e.hash, 'string');
    assert.ok(e.hash.length >= 32, 'hash');
  }
  assert.equal(new Set(entries.map((e) => e.hash)).size, entries.length, 'hashes are distinct');
});

test(`[${BACKEND}] audit: refused requests write nothing`, async () => {
  const tag = cap(cyrTag());
  const staff = await signIn('staff');
  const head = await auditHead(admin);
  expectProblem(await staff.post('/api/v1/faculties', { name: `Рұқсатсыз ${tag}` }), 403, 'forbidden');
  expectProblem(await admin.post('/api/v1/faculties', { name: `Жетонсыз ${tag}` }, { csrf: false }), 403, 'csrf');
  expectProblem(await admin.post('/api/v1/people', { surname: 'Қате', name: tag, birth_date: 'never' }), 422, 'validation');
  const entries = await auditSince(admin, head);
  assert.deepEqual(entries.filter((e) => JSON.stringify(e).includes(tag)).map((e) => e.action), []);
});

test(`[${BACKEND}] audit: newest first, paginated, filtered`, async () => {
  // Make sure there is something to read.
  await createPerson(admin, { surname: 'Тізім', name: cap(cyrTag()) });
  const page1 = expectJson(await admin.get('/api/v1/audit?limit=3&offset=0'), 200, 'page 1');
  const page2 = expectJson(await admin.get('/api/v1/audit?limit=3&offset=3'), 200, 'page 2');
  assert.equal(page1.limit, 3);
  assert.equal(page1.offset, 0);
  assert.equal(page2.offset, 3);
  assert.ok(page1.total >= 6);
  const seqs = [...page1.items, ...page2.items].map((e) => e.seq);
  for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i] < seqs[i - 1], `newest first: ${seqs}`);
  const def = expectJson(await admin.get('/api/v1/audit'), 200, 'default page');
  assert.ok(def.items.length <= 200);

  const sensitive = expectJson(await admin.get('/api/v1/audit?action=person.read_sensitive&limit=50'), 200, 'by action');
  assert.ok(sensitive.items.every((e) => e.action === 'person.read_sensitive'));

  const me = expectJson(await admin.get('/api/v1/me'), 200, 'GET /me');
  const mine = expectJson(await admin.get(`/api/v1/audit?actor_id=${me.user.id}&limit=50`), 200, 'by actor');
  assert.ok(mine.items.length > 0);
  assert.ok(mine.items.every((e) => sameId(e.actor_id, me.user.id) && e.actor_login === 'admin'));

  const today = expectJson(await admin.get(`/api/v1/audit?from=${almatyDate(0)}&limit=5`), 200, 'from today');
  assert.ok(today.items.length > 0, 'entries written today are found from today');
  const past = expectJson(await admin.get(`/api/v1/audit?to=${almatyDate(-3650)}&limit=5`), 200, 'until ten years ago');
  assert.equal(past.total, 0);
  const future = expectJson(await admin.get(`/api/v1/audit?from=${almatyDate(2)}&limit=5`), 200, 'from the day after tomorrow');
  assert.equal(future.total, 0);
  const bad = await admin.get('/api/v1/audit?from=yesterday');
  assert.ok([400, 422].includes(bad.status), `from=yesterday: ${bad.describe()}`);
});

test(`[${BACKEND}] audit: GET /api/v1/audit/verify answers ok:true`, async () => {
  const res = expectJson(await admin.get('/api/v1/audit/verify'), 200, 'GET /audit/verify');
  assert.equal(res.ok, true, JSON.stringify(res));
  assert.equal(typeof res.checked, 'number');
  assert.ok(res.checked > 0);
  assert.ok(!('first_broken_seq' in res) || res.first_broken_seq === null);
  const total = expectJson(await admin.get('/api/v1/audit?limit=1'), 200, 'total').total;
  assert.ok(res.checked >= total - 50, `checked ${res.checked} of about ${total} entries`);
});

test(`[${BACKEND}] audit: kenes audit verify --db exits 0`, { skip: KENES_BIN && KENES_DB ? false : 'KENES_BIN and KENES_DB are not both set' }, () => {
  let out;
  try {
    out = execFileSync(KENES_BIN, ['audit', 'verify', '--db', KENES_DB], { encoding: 'utf8', timeout: 120000, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    assert.fail(`kenes audit verify exited ${e.status}: ${e.stdout}${e.stderr}`);
  }
  assert.ok(typeof out === 'string');
});

test(`[${BACKEND}] audit: kenes audit anchor signs the head, and the public page shows the latest anchor, checkable by anyone`,
  { skip: KENES_BIN && KENES_DB ? false : 'KENES_BIN and KENES_DB are not both set' }, async () => {
    const inst = expectJson(await admin.get('/api/v1/me'), 200, 'me').user.institution.id;
    const out = execFileSync(KENES_BIN, ['audit', 'anchor', '--db', KENES_DB, '--institution', String(inst)], { encoding: 'utf8' });
    const [, seq, hash] = out.match(/anchored entry (\d+) \(([0-9a-f]{64})\)/) ?? [];
    assert.ok(seq, out);
    const verify = expectJson(await admin.get('/api/v1/audit/verify'), 200, 'verify');
    assert.equal(verify.ok, true, JSON.stringify(verify));
    assert.ok(verify.anchors_checked >= 1, JSON.stringify(verify));
    assert.equal(verify.keyed_from, 1, 'the suite database was created keyed');
    // The public page (no sign-in) shows it; on PostgreSQL the other server may have anchored a newer head since.
    const { anchor } = expectJson(await new Client().get(`/api/v1/public/institutions/${inst}/audit-anchor`), 200, 'public anchor');
    assert.ok(anchor && anchor.seq >= Number(seq), JSON.stringify(anchor));
    if (anchor.seq === Number(seq)) assert.equal(anchor.hash, hash);
    assert.match(anchor.at, ALMATY_ISO);
    assert.equal(anchor.signed_message, `kenes audit anchor v1\ninstitution ${inst}\nseq ${anchor.seq}\nhash ${anchor.hash}\nkeyed_from ${anchor.keyed_from}\nat ${anchor.signed_message.match(/\nat (\d+)\n$/)[1]}\n`);
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(anchor.public_key, 'hex').toString('base64url') }, format: 'jwk' });
    assert.ok(verifySignature(null, Buffer.from(anchor.signed_message), key, Buffer.from(anchor.signature, 'hex')), 'Ed25519 signature');
    expectProblem(await new Client().get('/api/v1/public/institutions/999999999/audit-anchor'), 404, 'not_found');
  });
