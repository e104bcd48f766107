// Accounts for everyone: accounts issued in bulk for a group, a course or everyone, with logins by a
// stated rule; the activation sheet; activation with a one-time code; "forgot password" links;
// deactivation of a person who left.
//
// Everything happens in an institution of its own, so "everyone" and "a course" mean only this
// test's people. Expiry and throttling run on a second server on the same database whose clock the
// test moves and which trusts 127.0.0.1 as a proxy (X-Forwarded-For picks the client address).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import {
  BACKEND, Client, auditEntries, cap, createPerson, createUser, cyrTag, expectJson, expectProblem, signIn, studentNumber, uniq,
} from './lib/client.mjs';
import { startClockServer } from './lib/clock-server.mjs';
import { newInstitution } from './lib/institution.mjs';

const SINK = process.env.KENES_SMTP_SINK;
const STRONG = 'Жаңа-құпия-сөз-2026!';
const CODE = /[2-9A-HJ-NP-Z]{4}(?:-[2-9A-HJ-NP-Z]{4}){5}-[2-9A-HJ-NP-Z]{2}/;

let admin;
let server;
let now;

before(async () => {
  ({ admin } = await newInstitution(await signIn('sysadmin')));
  server = await startClockServer({ toml: 'trusted_proxies = ["127.0.0.1"]\n' });
  now = Date.now();
  server.set(now);
});

after(async () => {
  await server?.stop();
});

function publicAddress() {
  return `198.${18 + randomInt(2)}.${randomInt(256)}.${1 + randomInt(254)}`;
}

async function group(course = 2) {
  return expectJson(await admin.post('/api/v1/groups', { name: `АК-${uniq()}`, course }), 201, 'group');
}

async function student(groupRow, extra = {}) {
  return createPerson(admin, {
    surname: `Сәрсенова${cap(cyrTag(4))}`, name: 'Әлия', ...extra,
    student: { student_number: studentNumber(), course: groupRow.course, group_id: groupRow.id, status: 'studying' },
  });
}

async function parentOf(child, extra = {}) {
  const p = await createPerson(admin, { surname: `Сәрсенов${cap(cyrTag(4))}`, name: 'Ерлан', ...extra });
  expectJson(await admin.post(`/api/v1/people/${child.id}/representatives`, { representative_id: p.id, kind: 'father' }), 201, 'representative');
  return p;
}

async function account(person) {
  return expectJson(await admin.get(`/api/v1/people/${person.id}/account`), 200, 'account').account;
}

// Login -> code, read from the sheet's text as someone holding the paper would.
async function sheetCodes(batch, lang = null) {
  const res = await admin.get(batch.sheet_url + (lang ? `?lang=${lang}` : ''), { headers: { Accept: 'application/pdf' } });
  assert.equal(res.status, 200, res.describe());
  assert.match(res.contentType, /^application\/pdf/);
  const text = execFileSync('pdftotext', ['-', '-'], { input: res.bytes, encoding: 'utf8' });
  const codes = new Map();
  const re = /(?:Логин|Login): *(\S+)\s+[^\n]*?:\s*(\S+)/g;
  for (const m of text.matchAll(re)) {
    assert.match(m[2], CODE, `a code on the sheet: ${m[2]}`);
    codes.set(m[1], m[2]);
  }
  return { text, codes };
}

function activate(login, code, password = STRONG, { base, address } = {}) {
  const c = new Client({ base });
  const headers = address ? { 'X-Forwarded-For': address } : {};
  return c.request('POST', '/api/v1/activation', { json: { login, code, password }, headers }).then((res) => {
    if (res.status === 200) { c.csrf = res.json.csrf_token; c.user = res.json.user; }
    return { res, client: c };
  });
}

async function mailsTo(address, count) {
  let mails = [];
  for (let i = 0; i < 100; i++) {
    mails = (await (await fetch(`${SINK}/messages`)).json()).messages.filter((m) => m.to.includes(address));
    if (mails.length >= count) return mails;
    await new Promise((r) => setTimeout(r, 100));   // polling the sink for a state, bounded
  }
  return mails;
}

test(`[${BACKEND}] accounts for a group by student number: students and parents, skipped when they have one, the sheet names each with login and code`, async () => {
  const g = await group();
  const a = await student(g);
  const b = await student(g);
  const had = await student(g);
  const father = await parentOf(a);
  expectJson(await admin.post(`/api/v1/people/${b.id}/representatives`, { representative_id: father.id, kind: 'father' }), 201, 'same father of two');
  await createUser(admin, { roles: ['student'], person_id: had.id });

  const batch = expectJson(await admin.post('/api/v1/account-batches', { scope: 'group', group_id: g.id, login_rule: 'student_number' }), 201, 'issue');
  assert.deepEqual({ students: batch.students, representatives: batch.representatives, skipped: batch.skipped }, { students: 2, representatives: 1, skipped: 1 });

  const accA = await account(a);
  assert.equal(accA.login, a.student.student_number.toLowerCase());
  assert.equal(accA.status, 'pending');
  assert.deepEqual(accA.roles, ['student']);
  const accF = await account(father);
  assert.ok([a, b].map((c) => `${c.student.student_number.toLowerCase()}-p`).includes(accF.login), `a parent gets a child's number with -p: ${accF.login}`);
  assert.deepEqual(accF.roles, ['legal_representative']);
  // No usable password before activation.
  expectProblem(await new Client().login(accA.login, 'kenes-demo-2026'), 401, 'bad_credentials');

  const { text, codes } = await sheetCodes(batch);
  for (const p of [a, b, father]) assert.ok(text.includes(p.surname), `the sheet names ${p.surname}`);
  assert.ok(!text.includes(had.surname), 'who had an account is not on the sheet');
  assert.equal(codes.size, 3);
  assert.ok(codes.has(accA.login) && codes.has(accF.login));
  assert.match(text, /Белсендіру коды/, 'in the institution\'s language (Kazakh)');
  assert.match((await sheetCodes(batch, 'ru')).text, /Код активации/);

  const issued = await auditEntries(admin, { action: 'user.activation_code_issued' });
  assert.ok(issued.some((e) => String(e.entity_id) === String(accA.user_id)), 'each code is audited');
  assert.ok((await auditEntries(admin, { action: 'account_batch.create' })).some((e) => String(e.entity_id) === String(batch.id)));
});

test(`[${BACKEND}] logins by name: Latin letters, a numeric suffix on collision; course and everyone`, async () => {
  const g4 = await group(4);
  const surname = `Құдайберген${cap(cyrTag(5))}`;
  const twins = [await student(g4, { surname, name: 'Ғалым' }), await student(g4, { surname, name: 'Ғалым' })];
  const other = await student(await group(1));
  const byCourse = expectJson(await admin.post('/api/v1/account-batches', { scope: 'course', course: 4, login_rule: 'name', representatives: false }), 201, 'course');
  assert.equal(byCourse.students, 2, 'only course 4');
  const [l1, l2] = [(await account(twins[0])).login, (await account(twins[1])).login];
  assert.match(l1, /^qudaybergen[a-z]+\.galym$/);
  assert.equal(l2, `${l1}2`);
  assert.equal(await account(other), null, 'course 1 untouched');
  const all = expectJson(await admin.post('/api/v1/account-batches', { scope: 'all', login_rule: 'name' }), 201, 'all');
  assert.ok(all.students >= 1 && all.skipped >= 2, JSON.stringify(all));
  assert.equal((await account(other)).status, 'pending');
});

test(`[${BACKEND}] activation: once, with a strong password, lands signed in; wrong, reused, revoked and expired codes are refused with the field`, async () => {
  const g = await group();
  const kid = await student(g);
  const mum = await parentOf(kid);
  const batch = expectJson(await admin.post('/api/v1/account-batches', { scope: 'group', group_id: g.id }), 201, 'issue');
  const { codes } = await sheetCodes(batch);
  const login = (await account(kid)).login;
  const code = codes.get(login);

  // Bad input changes nothing and names the field.
  expectProblem((await activate(login, 'not-a-code')).res, 422, 'validation', { fields: [{ field: 'code', code: 'activation_code_invalid' }] });
  expectProblem((await activate(login, code.replace(/^..../, 'ZZZZ'))).res, 422, 'validation', { fields: [{ field: 'code', code: 'activation_code_invalid' }] });
  expectProblem((await activate(login, code, 'qwerty')).res, 422, 'validation', { fields: [{ field: 'password', code: 'too_short' }] });
  expectProblem((await activate(login, code, '1234567890')).res, 422, 'validation', { fields: [{ field: 'password', code: 'password_sequence' }] });
  expectProblem((await activate(`nobody-${uniq()}`, code)).res, 422, 'validation', { fields: [{ field: 'code', code: 'activation_code_invalid' }] });

  const { res, client } = await activate(login, code.toLowerCase().replaceAll('-', ' '));
  expectJson(res, 200, 'activated');
  assert.ok(client.session, 'signed in');
  assert.equal(expectJson(await client.get('/api/v1/me'), 200, 'me').user.login, login);
  assert.equal((await account(kid)).status, 'activated');
  expectProblem((await activate(login, code)).res, 422, 'validation', { fields: [{ field: 'code', code: 'activation_code_invalid' }] });
  assert.equal((await new Client().login(login, STRONG)).status, 200, 'the chosen password signs in');

  // Re-issue revokes: the sheet's code no longer works, the new one does.
  const mumLogin = (await account(mum)).login;
  const fresh = expectJson(await admin.post(`/api/v1/people/${mum.id}/activation-code`, { valid_days: 3 }), 201, 'new code');
  assert.equal(fresh.login, mumLogin);
  assert.equal(fresh.created_account, false);
  expectProblem((await activate(mumLogin, codes.get(mumLogin))).res, 422, 'validation', { fields: [{ field: 'code', code: 'activation_code_invalid' }] });
  expectJson((await activate(mumLogin, fresh.code)).res, 200, 'new code works');
  const revoked = await auditEntries(admin, { action: 'user.activation_code_issued' });
  assert.ok(revoked.some((e) => String(e.entity_id) === String(fresh.user_id) && e.after.previous_code_revoked === true));

  // Expiry, on the server whose clock moves.
  const late = await student(g);
  const one = expectJson(await admin.post(`/api/v1/people/${late.id}/activation-code`, { valid_days: 1, login_rule: 'name' }), 201, 'one day');
  assert.equal(one.created_account, true);
  server.set(now + 2 * 86400e3);
  try {
    expectProblem((await activate(one.login, one.code, STRONG, { base: server.base, address: publicAddress() })).res, 422, 'validation',
      { fields: [{ field: 'code', code: 'activation_code_expired' }] });
  } finally {
    server.set(now);
  }
  assert.equal((await account(late)).status, 'pending');
});

test(`[${BACKEND}] guessing codes is throttled like signing in`, async () => {
  const g = await group();
  const kid = await student(g);
  const issued = expectJson(await admin.post(`/api/v1/people/${kid.id}/activation-code`, {}), 201, 'code');
  const address = publicAddress();
  const wrong = issued.code.replace(/^..../, 'ZZZZ');
  for (let i = 0; i < 2; i++) expectProblem((await activate(issued.login, wrong, STRONG, { base: server.base, address })).res, 422, 'validation');
  expectJson((await activate(issued.login, issued.code, STRONG, { base: server.base, address })).res, 200, 'the 3rd attempt is still checked');
  const other = expectJson(await admin.post(`/api/v1/people/${(await student(g)).id}/activation-code`, {}), 201, 'code');
  const next = publicAddress();
  for (let i = 0; i < 3; i++) expectProblem((await activate(other.login, wrong, STRONG, { base: server.base, address: next })).res, 422, 'validation');
  const refused = (await activate(other.login, other.code, STRONG, { base: server.base, address: next })).res;
  expectProblem(refused, 429, 'too_many_attempts');
  assert.ok(Number(refused.header('retry-after')) >= 1);
  // From another address the owner is not held up (the counter is per account and address).
  expectJson((await activate(other.login, other.code, STRONG, { base: server.base, address: publicAddress() })).res, 200, 'owner elsewhere');
});

test(`[${BACKEND}] forgot password: the same answer for anyone, a one-time link by e-mail that expires in an hour`, { skip: !SINK && 'no SMTP sink' }, async () => {
  const g = await group();
  const email = `reset-${uniq()}@example.kz`;
  const kid = await student(g, { email });
  const issued = expectJson(await admin.post(`/api/v1/people/${kid.id}/activation-code`, {}), 201, 'code');
  assert.equal(issued.emailed, true);
  const [codeMail] = await mailsTo(email, 1);
  assert.ok(codeMail.body.includes(issued.code) && codeMail.body.includes(`/activate?login=${issued.login}&code=${issued.code}`), codeMail.body);
  expectJson((await activate(issued.login, issued.code)).res, 200, 'activated');

  const anon = new Client();
  const known = await anon.post('/api/v1/password-resets', { login: issued.login });
  const unknown = await anon.post('/api/v1/password-resets', { login: `nobody-${uniq()}` });
  const byMail = await anon.post('/api/v1/password-resets', { login: email.toUpperCase() });
  for (const r of [known, unknown, byMail]) {
    assert.equal(r.status, 202, r.describe());
    assert.deepEqual(r.json, { status: 'accepted' });
  }
  const mails = (await mailsTo(email, 3)).slice(1);
  assert.equal(mails.length, 2, 'one link by login, one by address');
  const token = mails[0].body.match(/\/reset\?token=(\S+)/)[1];

  // An hour later the link is dead.
  server.set(now + 61 * 60e3);
  try {
    expectProblem(await new Client({ base: server.base }).post('/api/v1/password-resets/complete', { token, password: STRONG + 'x' }), 422, 'validation',
      { fields: [{ field: 'token', code: 'reset_link_invalid' }] });
  } finally {
    server.set(now);
  }
  expectProblem(await anon.post('/api/v1/password-resets/complete', { token, password: 'short' }), 422, 'validation', { fields: [{ field: 'password', code: 'too_short' }] });
  const signedIn = await signIn(issued.login, { password: STRONG });
  assert.equal((await anon.post('/api/v1/password-resets/complete', { token, password: `${STRONG}-new` })).status, 204);
  assert.equal((await signedIn.get('/api/v1/me')).status, 401, 'the reset ends other sessions');
  assert.equal((await new Client().login(issued.login, `${STRONG}-new`)).status, 200);
  expectProblem(await anon.post('/api/v1/password-resets/complete', { token, password: `${STRONG}-again` }), 422, 'validation',
    { fields: [{ field: 'token', code: 'reset_link_invalid' }] });
  expectProblem(await anon.post('/api/v1/password-resets/complete', { token: 'garbage', password: STRONG }), 422, 'validation',
    { fields: [{ field: 'token', code: 'reset_link_invalid' }] });
});

test(`[${BACKEND}] forgot password is throttled per address, and per account quietly`, async () => {
  const g = await group();
  const kid = await student(g, { email: `quiet-${uniq()}@example.kz` });
  const issued = expectJson(await admin.post(`/api/v1/people/${kid.id}/activation-code`, {}), 201, 'code');
  const address = publicAddress();
  const ask = (login, from = address) => new Client({ base: server.base }).request('POST', '/api/v1/password-resets',
    { json: { login }, headers: { 'X-Forwarded-For': from } });
  // Per account: at most 3 links an hour, whatever the address; the answer does not change.
  for (let i = 0; i < 5; i++) assert.equal((await ask(issued.login, publicAddress())).status, 202);
  const requested = (await auditEntries(admin, { action: 'user.password_reset_requested' })).filter((e) => String(e.entity_id) === String(issued.user_id));
  assert.equal(requested.length, 3);
  // Per address and login: after 3 free requests the address waits.
  for (let i = 0; i < 3; i++) assert.equal((await ask(`x-${uniq()}`)).status, 202);
  const login = `y-${uniq()}`;
  for (let i = 0; i < 3; i++) assert.equal((await ask(login)).status, 202);
  expectProblem(await ask(login), 429, 'too_many_attempts');
});

test(`[${BACKEND}] a student who leaves (expelled) loses their account: sign-in, sessions and tokens stop`, async () => {
  const g = await group();
  const kid = await student(g);
  const issued = expectJson(await admin.post(`/api/v1/people/${kid.id}/activation-code`, {}), 201, 'code');
  const { client } = await activate(issued.login, issued.code);
  const token = expectJson(await admin.post(`/api/v1/users/${issued.user_id}/tokens`, { name: 'integration' }), 201, 'token').token;
  const bearer = new Client();
  bearer.bearer = token;
  assert.equal((await bearer.get('/api/v1/me')).status, 200);
  expectJson(await admin.patch(`/api/v1/people/${kid.id}`, { student: { status: 'expelled' } }), 200, 'expelled');
  assert.equal((await client.get('/api/v1/me')).status, 401, 'the session ended');
  assert.equal((await bearer.get('/api/v1/me')).status, 401, 'the token is gone');
  expectProblem(await new Client().login(issued.login, STRONG), 401, 'bad_credentials');
  assert.equal((await account(kid)).status, 'disabled');
  const audited = await auditEntries(admin, { action: 'user.deactivate' });
  assert.ok(audited.some((e) => String(e.entity_id) === String(issued.user_id) && e.after.status === 'expelled'));
  // A new code for a disabled account activates nothing.
  const again = expectJson(await admin.post(`/api/v1/people/${kid.id}/activation-code`, {}), 201, 'code');
  expectProblem((await activate(again.login, again.code)).res, 422, 'validation', { fields: [{ field: 'code', code: 'activation_code_invalid' }] });
});

test(`[${BACKEND}] a parent loses access with their last child who leaves, and keeps it while another child studies`, async () => {
  const g = await group();
  const first = await student(g);
  const second = await student(g);
  const parent = await parentOf(first);
  expectJson(await admin.post(`/api/v1/people/${second.id}/representatives`, { representative_id: parent.id, kind: 'father' }), 201, 'second child');
  const issued = expectJson(await admin.post(`/api/v1/people/${parent.id}/activation-code`, {}), 201, 'code');
  const { client } = await activate(issued.login, issued.code);
  assert.equal((await client.get('/api/v1/me')).status, 200);

  expectJson(await admin.patch(`/api/v1/people/${first.id}`, { student: { status: 'graduated' } }), 200, 'first graduates');
  assert.equal((await client.get('/api/v1/me')).status, 200, 'the other child still studies');
  assert.equal((await account(parent)).status, 'activated');

  expectJson(await admin.patch(`/api/v1/people/${second.id}`, { student: { status: 'expelled' } }), 200, 'second leaves');
  assert.equal((await client.get('/api/v1/me')).status, 401, 'the session ended with the last child');
  expectProblem(await new Client().login(issued.login, STRONG), 401, 'bad_credentials');
  assert.equal((await account(parent)).status, 'disabled');
  const audited = await auditEntries(admin, { action: 'user.deactivate' });
  assert.ok(audited.some((e) => String(e.entity_id) === String(issued.user_id) && String(e.after.child_id) === String(second.id)));
});

test(`[${BACKEND}] bad input to the issue changes nothing; other roles are refused`, async () => {
  const before = expectJson(await admin.get('/api/v1/users?limit=1'), 200, 'users').total;
  expectProblem(await admin.post('/api/v1/account-batches', {}), 422, 'validation', { fields: [{ field: 'scope', code: 'required' }] });
  expectProblem(await admin.post('/api/v1/account-batches', { scope: 'group' }), 422, 'validation', { fields: [{ field: 'group_id', code: 'required' }] });
  expectProblem(await admin.post('/api/v1/account-batches', { scope: 'group', group_id: 999999999 }), 422, 'validation', { fields: [{ field: 'group_id', code: 'not_found' }] });
  expectProblem(await admin.post('/api/v1/account-batches', { scope: 'all', valid_days: 0 }), 422, 'validation', { fields: [{ field: 'valid_days', code: 'out_of_range' }] });
  expectProblem(await admin.post('/api/v1/account-batches', { scope: 'all', login_rule: 'email' }), 422, 'validation', { fields: [{ field: 'login_rule', code: 'invalid' }] });
  expectProblem(await admin.post('/api/v1/account-batches', { scope: 'all', extra: 1 }), 422, 'validation');
  assert.equal(expectJson(await admin.get('/api/v1/users?limit=1'), 200, 'users').total, before, 'nothing created');
  const staffPerson = await createPerson(admin, { surname: `Қызметкер${cap(cyrTag(4))}`, name: 'Асқар', staff: { position: 'Әдіскер' } });
  expectProblem(await admin.post(`/api/v1/people/${staffPerson.id}/activation-code`, {}), 422, 'validation', { fields: [{ field: 'person', code: 'no_account_preset' }] });
  for (const login of ['staff', 'curator', 'student', 'parent']) {
    const c = await signIn(login);
    const res = await c.post('/api/v1/account-batches', { scope: 'all' });
    assert.equal(res.status, 403, `${login}: ${res.describe()}`);
  }
});
