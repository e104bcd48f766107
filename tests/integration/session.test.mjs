// Sign-in, sign-out, /me, locale negotiation and the session cookie.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND, Client, DEMO_PASSWORD, LOCALES, catalog, createUser, expectJson, expectProblem,
  parseSetCookie, signIn, uniq, sameId,
} from './lib/client.mjs';

let admin;
before(async () => {
  admin = await signIn('admin');
});

function sessionCookie(res) {
  const all = (res.headers['set-cookie'] ?? []).map(parseSetCookie);
  return all.find((c) => c.name === 'kenes_session') ?? null;
}

test(`[${BACKEND}] login answers the CSRF token and the user, and sets an HttpOnly SameSite=Lax cookie`, async () => {
  const c = new Client();
  const res = await c.login('student');
  const body = expectJson(res, 200, 'POST /api/v1/session');
  assert.equal(typeof body.csrf_token, 'string');
  assert.ok(body.csrf_token.length >= 16, 'csrf_token too short');
  assert.equal(body.user.login, 'student');
  assert.ok(body.user.roles.includes('student'), JSON.stringify(body.user.roles));
  assert.ok(body.user.permissions.includes('self'), JSON.stringify(body.user.permissions));
  assert.ok(!body.user.permissions.includes('people.read'), 'a student must not have people.read');
  assert.equal(body.user.institution.kind, 'college');
  assert.equal(body.user.institution.time_zone, 'Asia/Almaty');
  assert.deepEqual([...body.user.institution.languages].sort(), ['en', 'kk', 'ru']);

  const cookie = sessionCookie(res);
  assert.ok(cookie, `no kenes_session cookie in ${JSON.stringify(res.headers['set-cookie'])}`);
  assert.ok(cookie.value.length >= 16, 'session id too short');
  assert.equal(cookie.attributes.httponly, true, 'kenes_session must be HttpOnly');
  assert.equal(String(cookie.attributes.samesite).toLowerCase(), 'lax', 'kenes_session must be SameSite=Lax');
  assert.equal(cookie.attributes.path, '/', 'kenes_session must have Path=/');
  assert.ok(!cookie.attributes.domain, 'kenes_session must be a host-only cookie');
  // The session id is not the CSRF token.
  assert.notEqual(cookie.value, body.csrf_token);
});

// The contract calls the demo institution "Demo college"; `kenes demo` names it in Kazakh.
test(`[${BACKEND}] the demo institution is the demo college`, async () => {
  const c = await signIn('staff');
  const inst = expectJson(await c.get('/api/v1/institution'), 200, 'GET /api/v1/institution');
  assert.equal(inst.name, 'Kenes демо колледжі');
  assert.equal(inst.kind, 'college');
  assert.equal(inst.time_zone, 'Asia/Almaty');
  assert.deepEqual([...inst.languages].sort(), ['en', 'kk', 'ru']);
});

test(`[${BACKEND}] GET /api/v1/session reports anonymous and signed-in state`, async () => {
  const anon = expectJson(await new Client().get('/api/v1/session'), 200, 'GET /api/v1/session');
  assert.equal(anon.authenticated, false);
  assert.equal(anon.locale, 'kk', 'the default locale is kk');
  assert.ok(!('csrf_token' in anon) || anon.csrf_token === null);

  const ruAnon = expectJson(await new Client({ lang: 'ru' }).get('/api/v1/session'), 200, 'GET /api/v1/session ru');
  assert.equal(ruAnon.locale, 'ru');

  const c = await signIn('staff');
  const body = expectJson(await c.get('/api/v1/session'), 200, 'GET /api/v1/session signed in');
  assert.equal(body.authenticated, true);
  assert.equal(body.user.login, 'staff');
  assert.equal(typeof body.csrf_token, 'string');
  // The token from GET /session works for state changes as well as the one from login.
  const c2 = c.clone();
  c2.csrf = body.csrf_token;
  expectJson(await c2.patch('/api/v1/me', {}), 200, 'PATCH /api/v1/me with the token from GET /session');
});

test(`[${BACKEND}] /me shows the user, the linked person and a parent's children (REP-1)`, async () => {
  const student = await signIn('student');
  const me = expectJson(await student.get('/api/v1/me'), 200, 'GET /api/v1/me student');
  assert.equal(me.user.login, 'student');
  assert.ok(me.user.id !== undefined);
  assert.ok([null, 'kk', 'ru', 'en'].includes(me.user.locale), `locale ${me.user.locale}`);
  assert.ok(me.person, 'the demo student is linked to a person');
  assert.equal(me.person.surname, 'Сәрсенова');
  assert.equal(me.person.name, 'Әлия');
  assert.ok(me.person.kinds.includes('student'));
  assert.ok(Array.isArray(me.children));

  const parent = await signIn('parent');
  const pm = expectJson(await parent.get('/api/v1/me'), 200, 'GET /api/v1/me parent');
  assert.ok(pm.user.roles.includes('legal_representative'));
  assert.ok(pm.children.some((ch) => sameId(ch.id, me.person.id)),
    `parent's children ${JSON.stringify(pm.children.map((x) => x.id))} should include ${me.person.id}`);

  const anon = await new Client().get('/api/v1/me');
  expectProblem(anon, 401, 'unauthenticated', { lang: 'kk' });
});

test(`[${BACKEND}] wrong password and unknown login are 401 bad_credentials with no cookie`, async () => {
  // A fresh account, so the per-account throttle of the shared demo accounts is never touched.
  const u = await createUser(admin, { roles: ['student'] });
  const c = new Client({ lang: 'en' });
  const wrong = await c.login(u.login, u.password + 'x');
  expectProblem(wrong, 401, 'bad_credentials', { lang: 'en' });
  assert.equal(sessionCookie(wrong)?.expired ?? true, true, 'no live session cookie after a failed login');
  assert.equal(c.session, null);

  const unknown = await c.login(`nobody-${uniq()}`, 'whatever-password');
  expectProblem(unknown, 401, 'bad_credentials', { lang: 'en' });
  // No user enumeration: the same answer for an unknown login.
  assert.equal(unknown.problem.title, wrong.problem.title);
  assert.equal(unknown.problem.detail, wrong.problem.detail);

  // The right password still works afterwards.
  const ok = await c.login(u.login, u.password);
  expectJson(ok, 200, 'login after one failure');
});

test(`[${BACKEND}] logout answers 204, clears the cookie and revokes the session`, async () => {
  const c = await signIn('staff');
  const oldCookie = c.session;
  const res = await c.logout();
  assert.equal(res.status, 204, res.describe());
  assert.equal(res.text, '');
  const cleared = sessionCookie(res);
  assert.ok(cleared && cleared.expired, `logout must clear kenes_session: ${JSON.stringify(res.headers['set-cookie'])}`);

  // Replaying the old cookie does not work.
  const replay = new Client();
  replay.cookies.set('kenes_session', oldCookie);
  expectProblem(await replay.get('/api/v1/me'), 401, 'unauthenticated');
  const st = expectJson(await replay.get('/api/v1/session'), 200, 'GET /api/v1/session after logout');
  assert.equal(st.authenticated, false);

  // Logging out without a session is 401.
  expectProblem(await new Client().delete('/api/v1/session'), 401, 'unauthenticated');
});

test(`[${BACKEND}] Accept-Language selects the language of error titles (kk default, ru, en)`, async () => {
  const titles = {};
  const details = {};
  for (const lang of [null, ...LOCALES]) {
    const res = await new Client({ lang }).get('/api/v1/me');
    const expected = lang ?? 'kk';
    const p = expectProblem(res, 401, 'unauthenticated', { lang: expected, what: `Accept-Language ${lang}` });
    titles[lang ?? 'none'] = p.title;
    details[lang ?? 'none'] = p.detail;
  }
  assert.equal(titles.none, titles.kk, 'without Accept-Language the title is Kazakh');
  assert.notEqual(titles.kk, titles.ru);
  assert.notEqual(titles.kk, titles.en);
  assert.notEqual(titles.ru, titles.en);
  assert.notEqual(details.kk, details.ru);
  assert.notEqual(details.ru, details.en);
  if (catalog('kk')) {
    assert.equal(titles.kk, catalog('kk')['error.unauthenticated.title']);
    assert.equal(titles.ru, catalog('ru')['error.unauthenticated.title']);
    assert.equal(titles.en, catalog('en')['error.unauthenticated.title']);
  }

  // The first of kk, ru, en that appears wins; other languages are skipped.
  const mixed = await new Client({ lang: 'fr-FR, de;q=0.9, ru;q=0.8, en;q=0.7' }).get('/api/v1/me');
  expectProblem(mixed, 401, 'unauthenticated', { lang: 'ru' });
  const regional = await new Client({ lang: 'en-GB,en;q=0.9' }).get('/api/v1/me');
  expectProblem(regional, 401, 'unauthenticated', { lang: 'en' });
  const none = await new Client({ lang: 'fr, de' }).get('/api/v1/me');
  expectProblem(none, 401, 'unauthenticated', { lang: 'kk' });

  // Validation messages follow the language too.
  const en = await signIn('staff', { lang: 'en' });
  const ru = en.clone({ lang: 'ru' });
  const bad = { name: 'X' };
  const pe = expectProblem(await en.post('/api/v1/people', bad), 422, 'validation', { lang: 'en', fields: [{ field: 'surname', code: 'required' }] });
  const pr = expectProblem(await ru.post('/api/v1/people', bad), 422, 'validation', { lang: 'ru', fields: [{ field: 'surname', code: 'required' }] });
  const me = pe.errors.find((e) => e.field === 'surname').message;
  const mr = pr.errors.find((e) => e.field === 'surname').message;
  assert.notEqual(me, mr, 'field messages are localised');
});

test(`[${BACKEND}] the stored locale (PATCH /me) applies when there is no Accept-Language`, async () => {
  const u = await createUser(admin, { roles: ['student'] });
  const c = await signIn(u.login, { password: u.password });
  const before = expectJson(await c.get('/api/v1/me'), 200, 'GET /me');
  // A new user has no stored locale (null) or kk; either way kk applies.
  assert.ok([null, 'kk'].includes(before.user.locale), `a new user starts without a locale or with kk: ${before.user.locale}`);
  expectProblem(await c.get('/api/v1/institution'), 403, 'forbidden', { lang: 'kk' });

  const patched = expectJson(await c.patch('/api/v1/me', { locale: 'en' }), 200, 'PATCH /me locale en');
  assert.equal(patched.user.locale, 'en');

  // A new session of the same user: the locale persisted.
  const c2 = await signIn(u.login, { password: u.password });
  const after = expectJson(await c2.get('/api/v1/me'), 200, 'GET /me after re-login');
  assert.equal(after.user.locale, 'en');

  // Errors for this user without Accept-Language are English; Accept-Language still wins.
  expectProblem(await c2.get('/api/v1/institution'), 403, 'forbidden', { lang: 'en' });
  expectProblem(await c2.get('/api/v1/institution', { lang: 'ru' }), 403, 'forbidden', { lang: 'ru' });
  const st = expectJson(await c2.get('/api/v1/session'), 200, 'GET /session');
  assert.equal(st.user.locale, 'en');

  // An unsupported locale is refused and nothing changes.
  expectProblem(await c2.patch('/api/v1/me', { locale: 'de' }), 422, 'validation',
    { fields: [{ field: 'locale', code: 'invalid' }] });
  expectProblem(await c2.patch('/api/v1/me', { locale: 7 }), 422, 'validation',
    { fields: [{ field: 'locale', code: 'wrong_type' }] });
  expectProblem(await c2.patch('/api/v1/me', { colour: 'red' }), 422, 'validation',
    { fields: [{ field: 'colour', code: 'unknown_field' }] });
  const still = expectJson(await c2.get('/api/v1/me'), 200, 'GET /me');
  assert.equal(still.user.locale, 'en');

  const renamed = expectJson(await c2.patch('/api/v1/me', { display_name: `Renamed ${u.login}`, locale: 'ru' }), 200, 'PATCH /me');
  assert.equal(renamed.user.display_name, `Renamed ${u.login}`);
  assert.equal(renamed.user.locale, 'ru');
  expectProblem(await c2.get('/api/v1/institution'), 403, 'forbidden', { lang: 'ru' });
});

test(`[${BACKEND}] POST /me/password checks the current password and the length`, async () => {
  const u = await createUser(admin, { roles: ['staff'] });
  const c = await signIn(u.login, { password: u.password });
  const newPassword = `new-${uniq()}-pass`;

  const wrongCurrent = await c.post('/api/v1/me/password', { current_password: 'not-the-password', new_password: newPassword });
  const p = expectProblem(wrongCurrent, 422, 'validation');
  assert.ok(p.errors?.some((e) => e.field === 'current_password'), JSON.stringify(p.errors));

  const short = await c.post('/api/v1/me/password', { current_password: u.password, new_password: 'short' });
  const ps = expectProblem(short, 422, 'validation');
  assert.ok(ps.errors?.some((e) => e.field === 'new_password'), JSON.stringify(ps.errors));

  expectProblem(await c.post('/api/v1/me/password', { current_password: u.password }), 422, 'validation',
    { fields: [{ field: 'new_password', code: 'required' }] });

  // Nothing changed: the old password still signs in.
  await signIn(u.login, { password: u.password });

  const ok = await c.post('/api/v1/me/password', { current_password: u.password, new_password: newPassword });
  assert.equal(ok.status, 204, ok.describe());
  expectProblem(await new Client().login(u.login, u.password), 401, 'bad_credentials');
  await signIn(u.login, { password: newPassword });
});

test(`[${BACKEND}] demo logins all sign in with the demo password`, async () => {
  for (const login of ['admin', 'sysadmin', 'staff', 'curator', 'student', 'parent']) {
    const c = new Client();
    const res = await c.login(login, DEMO_PASSWORD);
    expectJson(res, 200, `login ${login}`);
  }
});
