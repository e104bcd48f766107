// Password-guessing throttling: counted per account AND address before any password is checked,
// with delays doubling after 3 failures; a generous ceiling per address across accounts.
//
// These tests run on a server of their own that trusts 127.0.0.1 as a reverse proxy, so that each
// request can come "from" an address of its choosing (X-Forwarded-For), and whose clock stands
// still unless a test moves it: what is counted is then exact, however slow the machine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { BACKEND, Client, auditEntries, catalog, createUser, expectJson, expectProblem, signIn, uniq } from './lib/client.mjs';
import { startClockServer } from './lib/clock-server.mjs';

let admin;
let server;
let now;

before(async () => {
  admin = await signIn('admin');
  server = await startClockServer({ toml: 'trusted_proxies = ["127.0.0.1"]\n' });
  now = Date.now();
  server.set(now);
});

after(async () => {
  await server?.stop();
});

// A public address of its own for each use (198.18.0.0/15 is set aside for tests), so counters
// never meet across tests or runs.
function publicAddress() {
  return `198.${18 + randomInt(2)}.${randomInt(256)}.${1 + randomInt(254)}`;
}
const network = (address) => address.split('.').slice(0, 3).join('.') + '.0/24';

function loginFrom(address, login, password, lang = null) {
  return new Client({ base: server.base, lang }).login(login, password, { headers: { 'X-Forwarded-For': address } });
}

function advance(seconds) {
  now += seconds * 1000;
  server.set(now);
}

async function failuresOf(user) {
  return (await auditEntries(admin, { action: 'user.login_failed', entity: 'user' })).filter((e) => String(e.entity_id) === String(user.id));
}

test(`[${BACKEND}] 40 parallel wrong guesses: exactly 3 passwords are checked, the other 37 wait; then the right password waits too`, async () => {
  const victim = await createUser(admin, { roles: ['student'] });
  const address = publicAddress();
  const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => loginFrom(address, victim.login, `wrong-guess-${i}-${uniq()}`)));
  const statuses = answers.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 401).length, 3, `checked (401): ${statuses.join(' ')}`);
  assert.equal(statuses.filter((s) => s === 429).length, 37, `refused (429): ${statuses.join(' ')}`);
  for (const r of answers.filter((x) => x.status === 429)) {
    expectProblem(r, 429, 'too_many_attempts');
    assert.equal(r.header('retry-after'), '1', 'the first delay after 3 failures is one second');
  }
  // The clock stands still, so no delay has passed: the right password is not even checked.
  expectProblem(await loginFrom(address, victim.login, victim.password), 429, 'too_many_attempts', { what: 'right password' });
  // Every checked failure is audited, and only those.
  assert.equal((await failuresOf(victim)).length, 3);
});

test(`[${BACKEND}] a guesser waits 1, 2, 4, 8 s ...; the owner signs in from another address meanwhile; failures are audited by network`, async () => {
  const victim = await createUser(admin, { roles: ['student'] });
  const guesser = publicAddress();
  const owner = publicAddress();
  for (let i = 1; i <= 3; i++)
    expectProblem(await loginFrom(guesser, victim.login, `wrong-password-${i}`), 401, 'bad_credentials', { what: `wrong password #${i}` });

  // The 429 keeps Retry-After and a localised message (kk as the default is covered by the session tests).
  const blocked = {};
  for (const lang of ['ru', 'en']) {
    const res = await loginFrom(guesser, victim.login, 'wrong-password-again', lang);
    const p = expectProblem(res, 429, 'too_many_attempts', { lang, what: `blocked (${lang})` });
    assert.equal(res.header('retry-after'), '1');
    assert.match(p.detail, /[0-9]/, `the detail should say how long to wait: ${p.detail}`);
    assert.ok(!/[{}]/.test(p.detail), `unformatted message: ${p.detail}`);
    blocked[lang] = p;
  }
  assert.notEqual(blocked.ru.detail, blocked.en.detail);
  assert.match(blocked.ru.detail, /[а-яё]/i, 'the Russian message is in Russian');
  if (catalog('en')) assert.match(blocked.en.detail, /^Sign-in is temporarily blocked\. Try again in [0-9]+ minutes?\.$/);

  // The owner, elsewhere, is not held up at all.
  const signedIn = await loginFrom(owner, victim.login, victim.password);
  expectJson(signedIn, 200, 'the owner from another address');

  // Each failure after the third doubles the wait; a refused attempt changes nothing.
  for (const wait of [1, 2, 4, 8]) {
    const refused = await loginFrom(guesser, victim.login, 'wrong-password-x');
    expectProblem(refused, 429, 'too_many_attempts', { what: `waiting ${wait} s` });
    assert.equal(refused.header('retry-after'), String(wait));
    advance(wait);
    expectProblem(await loginFrom(guesser, victim.login, 'wrong-password-y'), 401, 'bad_credentials', { what: `after ${wait} s` });
  }
  const right = await loginFrom(guesser, victim.login, victim.password);
  expectProblem(right, 429, 'too_many_attempts', { what: 'the right password from the guessing address' });
  assert.equal(right.header('retry-after'), '16');
  expectJson(await loginFrom(owner, victim.login, victim.password), 200, 'the owner again');

  // Once the wait is over, the right password from that address works and clears its counter.
  advance(16);
  expectJson(await loginFrom(guesser, victim.login, victim.password), 200, 'after the wait');
  expectProblem(await loginFrom(guesser, victim.login, 'wrong-password-z'), 401, 'bad_credentials', { what: 'the count starts afresh' });

  // One entry per checked failure, with the network and never the address; a private address as "private".
  const privateAddress = `10.${randomInt(256)}.${randomInt(256)}.${1 + randomInt(254)}`;
  expectProblem(await loginFrom(privateAddress, victim.login, 'wrong-password-p'), 401, 'bad_credentials');
  const entries = await failuresOf(victim);
  assert.equal(entries.length, 3 + 4 + 1 + 1, JSON.stringify(entries.map((e) => e.after)));
  assert.equal(entries.filter((e) => e.after?.address === network(guesser)).length, 8);
  assert.equal(entries.filter((e) => e.after?.address === 'private').length, 1);
  for (const e of entries) {
    assert.equal(e.entity, 'user');
    assert.equal(e.actor_id ?? null, null, 'nobody was signed in');
  }
  const text = JSON.stringify(entries);
  for (const full of [guesser, privateAddress]) assert.ok(!text.includes(full), `the full address ${full} is not kept`);
});

test(`[${BACKEND}] unknown logins are throttled too, and audited in no institution`, async () => {
  const address = publicAddress();
  const login = `nobody-${uniq()}`;
  for (let i = 1; i <= 3; i++) expectProblem(await loginFrom(address, login, `whatever-${i}`), 401, 'bad_credentials');
  expectProblem(await loginFrom(address, login, 'whatever-4'), 429, 'too_many_attempts');
  const entries = await auditEntries(admin, { action: 'user.login_failed' });
  assert.ok(!entries.some((e) => e.after?.address === network(address)), 'no entry for a login that does not exist');
});

test(`[${BACKEND}] one address trying many accounts gets 100 failures an hour, then waits; other addresses do not`, async () => {
  const sprayer = publicAddress();
  for (let batch = 0; batch < 10; batch++) {
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => loginFrom(sprayer, `spray-${batch}-${i}-${uniq()}`, 'Summer2026!')));
    for (const r of answers) expectProblem(r, 401, 'bad_credentials', { what: `spray batch ${batch}` });
  }
  const refused = await loginFrom(sprayer, `spray-more-${uniq()}`, 'Summer2026!');
  expectProblem(refused, 429, 'too_many_attempts', { what: 'the 101st account from one address' });
  assert.equal(refused.header('retry-after'), '1');
  const user = await createUser(admin, { roles: ['student'] });
  expectProblem(await loginFrom(sprayer, user.login, user.password), 429, 'too_many_attempts', { what: 'also a real account from that address' });
  expectJson(await loginFrom(publicAddress(), user.login, user.password), 200, 'the same account from another address');
});

test(`[${BACKEND}] wrong current passwords on POST /me/password count like failed sign-ins`, async () => {
  const user = await createUser(admin, { roles: ['staff'] });
  const address = publicAddress();
  const c = new Client({ base: server.base });
  const xff = { headers: { 'X-Forwarded-For': address } };
  expectJson(await c.login(user.login, user.password, xff), 200, 'sign in');
  const next = `next-${uniq()}-secret`;
  for (let i = 1; i <= 3; i++) {
    const res = await c.post('/api/v1/me/password', { current_password: `not-it-${i}`, new_password: next }, xff);
    expectProblem(res, 422, 'validation', { fields: [{ field: 'current_password', code: 'wrong_password' }] });
  }
  const refused = await c.post('/api/v1/me/password', { current_password: user.password, new_password: next }, xff);
  expectProblem(refused, 429, 'too_many_attempts', { what: 'the fourth try, even with the right password' });
  assert.equal(refused.header('retry-after'), '1');
  expectProblem(await loginFrom(address, user.login, user.password), 429, 'too_many_attempts', { what: 'sign-in shares the counter' });
  const audited = (await auditEntries(admin, { action: 'user.password_change_failed' })).filter((e) => String(e.entity_id) === String(user.id));
  assert.equal(audited.length, 3);
  assert.equal(audited[0].actor_login, user.login);
  assert.equal(audited[0].after.address, network(address));

  advance(1);
  const ok = await c.post('/api/v1/me/password', { current_password: user.password, new_password: next }, xff);
  assert.equal(ok.status, 204, ok.describe());
  expectJson(await loginFrom(address, user.login, next), 200, 'the new password, and the counter is cleared');
});
