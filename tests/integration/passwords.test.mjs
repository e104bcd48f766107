// Password rules wherever a password is set (user creation, admin reset, own change, the command
// line): at least 10 characters, not a common password, no repetition or run, not the login or
// the person's name. Each refusal is a field error saying why, in the request's language.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BACKEND, KENES_BIN, KENES_DB, Client, catalog, createUser, expectJson, expectProblem, signIn, uniq } from './lib/client.mjs';

let admin;
before(async () => {
  admin = await signIn('admin', { lang: 'en' });
});

async function userExists(login) {
  const body = expectJson(await admin.get(`/api/v1/users?${new URLSearchParams({ q: login })}`), 200, 'GET /users');
  return body.items.some((u) => u.login === login);
}

test(`[${BACKEND}] creating a user: each weak password is refused on the password field with its reason`, async () => {
  const login = `rules-${uniq()}`;
  const cases = [
    ['short-pw', 'too_short'],
    ['qwerty123456', 'password_common'],
    ['Password2026!', 'password_common'],
    ['P@ssw0rd-2026', 'password_common'],
    ['пароль123456', 'password_common'],
    ['aaaaaaaaaaaa', 'password_repeated'],
    ['1212121212', 'password_repeated'],
    ['1234567890', 'password_sequence'],
    ['qwertyuiop', 'password_sequence'],
    [`${login}2026`, 'password_login'],
    ['omarov-strong-2026', 'password_name'],
    ['Askar.2008.Askar!', 'password_name'],
  ];
  for (const [password, code] of cases) {
    const res = await admin.post('/api/v1/users', { login, password, display_name: 'Асқар Омаров', roles: ['student'] });
    const p = expectProblem(res, 422, 'validation', { lang: 'en', what: password, fields: [{ field: 'password', code }], onlyFields: true });
    const message = p.errors[0].message;
    if (catalog('en') && code !== 'too_short') assert.equal(message, catalog('en')[`field.${code}`], `${password}: ${message}`);
    if (code === 'too_short') assert.match(message, /10/);
  }
  assert.equal(await userExists(login), false, 'nothing was created');

  // The reason comes in the request's language.
  const messages = {};
  for (const lang of ['kk', 'ru', 'en']) {
    const res = await admin.post('/api/v1/users', { login, password: 'iloveyou2026', display_name: 'X', roles: [] }, { lang });
    messages[lang] = expectProblem(res, 422, 'validation', { lang, fields: [{ field: 'password', code: 'password_common' }] }).errors[0].message;
  }
  assert.equal(new Set(Object.values(messages)).size, 3, JSON.stringify(messages));
  assert.match(messages.ru, /[а-яё]/i);
  assert.match(messages.kk, /[әғқңөұүһі]/i);

  // The demo password and an ordinary long one pass.
  expectJson(await admin.post('/api/v1/users', { login, password: 'kenes-demo-2026', display_name: 'Асқар Омаров', roles: ['student'] }), 201, 'demo password');
  await signIn(login, { password: 'kenes-demo-2026' });
});

test(`[${BACKEND}] an admin reset and the own change follow the same rules; a refusal changes nothing`, async () => {
  const person = expectJson(await admin.post('/api/v1/people', { surname: 'Сәрсенова', name: 'Гүлнар' }), 201, 'person');
  const u = await createUser(admin, { roles: ['staff'], person_id: person.id, display_name: 'Staff member' });
  expectProblem(await admin.post(`/api/v1/users/${u.id}/password`, { new_password: 'sarsenova-2026' }), 422, 'validation',
    { fields: [{ field: 'new_password', code: 'password_name' }], what: 'the linked person’s surname in Latin letters' });
  expectProblem(await admin.post(`/api/v1/users/${u.id}/password`, { new_password: `${u.login}-1` }), 422, 'validation',
    { fields: [{ field: 'new_password', code: 'password_login' }] });
  expectProblem(await admin.post(`/api/v1/users/${u.id}/password`, { new_password: 'abcdefghijkl' }), 422, 'validation',
    { fields: [{ field: 'new_password', code: 'password_sequence' }] });
  await signIn(u.login, { password: u.password });

  const c = await signIn(u.login, { password: u.password });
  for (const [next, code] of [['1q2w3e4r5t6y', 'password_common'], ['гүлнар-2026-жыл', 'password_name'], ['short', 'too_short']]) {
    expectProblem(await c.post('/api/v1/me/password', { current_password: u.password, new_password: next }), 422, 'validation',
      { fields: [{ field: 'new_password', code }], onlyFields: true, what: next });
  }
  expectJson(await c.get('/api/v1/me'), 200, 'still signed in');
  await signIn(u.login, { password: u.password });
  expectJson(await new Client().login(u.login, u.password), 200, 'the old password still works');

  assert.equal((await admin.post(`/api/v1/users/${u.id}/password`, { new_password: 'kenes-demo-2026' })).status, 204, 'the demo password passes');
  await signIn(u.login, { password: 'kenes-demo-2026' });
});

const skip = KENES_BIN && KENES_DB ? false : 'needs KENES_BIN and KENES_DB';

test(`[${BACKEND}] cli: user create and reset-password refuse weak passwords with the reason`, { skip }, async () => {
  const inst = expectJson(await admin.get('/api/v1/me'), 200, 'me').user.institution.id;
  const kenes = (...args) => spawnSync(KENES_BIN, ['--db', KENES_DB, ...args], { encoding: 'utf8', timeout: 60000 });
  const login = `cli-rules-${uniq()}`;
  const common = kenes('user', 'create', '--institution', String(inst), '--login', login, '--password', 'Qwerty123456', '--name', 'CLI');
  assert.notEqual(common.status, 0);
  assert.match(common.stderr + common.stdout, /too common/);
  const named = kenes('user', 'create', '--institution', String(inst), '--login', login, '--password', 'tolkyn-2026-pass', '--name', 'Толқын Ахметова');
  assert.notEqual(named.status, 0);
  assert.match(named.stderr + named.stdout, /name/);
  assert.equal(await userExists(login), false);

  const created = kenes('user', 'create', '--institution', String(inst), '--login', login, '--password', 'kenes-demo-2026', '--name', 'CLI');
  assert.equal(created.status, 0, created.stderr);
  const reset = kenes('user', 'reset-password', '--login', login, '--password', `${login}99`);
  assert.notEqual(reset.status, 0);
  assert.match(reset.stderr + reset.stdout, /contains the login/);
  await signIn(login, { password: 'kenes-demo-2026' });
});
