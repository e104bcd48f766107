// CSRF protection: X-CSRF-Token on cookie-authenticated state changes, Content-Type, Origin.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, BACKEND, Client, KENES_BIN, KENES_DB, cap, createUser, cyrTag, expectJson, expectProblem, parseSetCookie, signIn,
} from './lib/client.mjs';
import { startClockServer } from './lib/clock-server.mjs';

let admin;
before(async () => {
  admin = await signIn('admin');
});

async function facultyNames() {
  const body = expectJson(await admin.get('/api/v1/faculties'), 200, 'GET /api/v1/faculties');
  return body.items.map((f) => f.name);
}

test(`[${BACKEND}] POST without X-CSRF-Token is 403 csrf and writes nothing`, async () => {
  const name = `Факультет ${cap(cyrTag())}`;
  const res = await admin.post('/api/v1/faculties', { name }, { csrf: false, lang: 'en' });
  expectProblem(res, 403, 'csrf', { lang: 'en' });
  assert.ok(!(await facultyNames()).includes(name), 'the faculty must not exist');
});

test(`[${BACKEND}] POST with a wrong X-CSRF-Token is 403 csrf and writes nothing`, async () => {
  const name = `Факультет ${cap(cyrTag())}`;
  expectProblem(await admin.post('/api/v1/faculties', { name }, { csrf: 'wrong-token' }), 403, 'csrf', { lang: 'kk' });
  expectProblem(await admin.post('/api/v1/faculties', { name }, { csrf: '' }), 403, 'csrf');
  expectProblem(await admin.post('/api/v1/faculties', { name }, { csrf: admin.csrf + 'x' }), 403, 'csrf');
  // The token of another session does not fit this session.
  const other = await signIn('admin');
  assert.notEqual(other.csrf, admin.csrf, 'two sessions share a CSRF token');
  expectProblem(await admin.post('/api/v1/faculties', { name }, { csrf: other.csrf }), 403, 'csrf');
  assert.ok(!(await facultyNames()).includes(name), 'the faculty must not exist');
});

test(`[${BACKEND}] PATCH and DELETE need the token too; nothing changes without it`, async () => {
  const u = await createUser(admin, { roles: ['student'] });
  const c = await signIn(u.login, { password: u.password });
  const before = expectJson(await c.get('/api/v1/me'), 200, 'GET /me').user.locale;
  expectProblem(await c.patch('/api/v1/me', { locale: 'en' }, { csrf: false }), 403, 'csrf');
  expectProblem(await c.patch('/api/v1/me', { locale: 'en' }, { csrf: 'nope' }), 403, 'csrf');
  const me = expectJson(await c.get('/api/v1/me'), 200, 'GET /me');
  assert.equal(me.user.locale, before, 'locale must not change');

  const out = await c.delete('/api/v1/session', { csrf: false });
  expectProblem(out, 403, 'csrf');
  assert.ok(!(out.headers['set-cookie'] ?? []).map(parseSetCookie).some((x) => x.name === 'kenes_session' && x.expired),
    'a refused logout must not clear the cookie');
  expectJson(await c.get('/api/v1/me'), 200, 'the session survives a refused logout');

  // GET needs no token.
  expectJson(await c.get('/api/v1/session', { csrf: false }), 200, 'GET /session');
});

test(`[${BACKEND}] wrong Content-Type is 415 and writes nothing`, async () => {
  const name = `Факультет ${cap(cyrTag())}`;
  const json = JSON.stringify({ name });
  for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    const res = await admin.post('/api/v1/faculties', undefined, { body: json, contentType: ct, lang: 'ru' });
    expectProblem(res, 415, 'unsupported_media_type', { lang: 'ru', what: ct });
  }
  const none = await admin.post('/api/v1/faculties', undefined, { body: json });
  expectProblem(none, 415, 'unsupported_media_type', { what: 'no Content-Type' });
  // application/json with a charset parameter is fine (checked by creating with it below).
  assert.ok(!(await facultyNames()).includes(name), 'the faculty must not exist');
  const ok = await admin.post('/api/v1/faculties', undefined, { body: json, contentType: 'application/json; charset=utf-8' });
  expectJson(ok, 201, 'POST /faculties with application/json; charset=utf-8');
  assert.ok((await facultyNames()).includes(name));
});

test(`[${BACKEND}] a foreign Origin is 403 csrf even with the right token; the own Origin works`, async () => {
  const name = `Факультет ${cap(cyrTag())}`;
  for (const origin of ['https://evil.example', 'http://127.0.0.1.evil.example', 'null']) {
    const res = await admin.post('/api/v1/faculties', { name }, { headers: { Origin: origin } });
    expectProblem(res, 403, 'csrf', { what: `Origin ${origin}` });
  }
  assert.ok(!(await facultyNames()).includes(name), 'the faculty must not exist');
  const own = new URL(BASE).origin;
  const ok = await admin.post('/api/v1/faculties', { name }, { headers: { Origin: own } });
  expectJson(ok, 201, `POST /faculties with Origin ${own}`);
  assert.ok((await facultyNames()).includes(name));
});

test(`[${BACKEND}] login is exempt from the token but checks Content-Type and Origin`, async () => {
  const body = JSON.stringify({ login: 'staff', password: 'kenes-demo-2026' });
  const c = new Client();
  const wrongType = await c.request('POST', '/api/v1/session', { body, contentType: 'text/plain' });
  expectProblem(wrongType, 415, 'unsupported_media_type');
  assert.equal(c.session, null, 'no session after a refused login');

  const foreign = await c.request('POST', '/api/v1/session', {
    body, contentType: 'application/json', headers: { Origin: 'https://evil.example' },
  });
  expectProblem(foreign, 403, 'csrf');
  assert.equal(c.session, null, 'no session after a refused login');

  const ok = await c.request('POST', '/api/v1/session', {
    body, contentType: 'application/json', headers: { Origin: new URL(BASE).origin },
  });
  expectJson(ok, 200, 'login with the own Origin');
  assert.ok(c.session);
});

// Finding 12: a server whose public_url is https sets Secure cookies and HSTS by itself, and the
// Origin check compares the scheme: a page of the same host over http cannot post.
test(`[${BACKEND}] over https (public_url) cookies are Secure, HSTS is sent and an http Origin is refused`, { skip: KENES_BIN && KENES_DB ? false : 'needs KENES_BIN and KENES_DB' }, async () => {
  const server = await startClockServer({ toml: 'public_url = "https://kenes.example.kz"\n' });
  try {
    server.set(Date.now());
    await server.ready();
    const c = new Client({ base: server.base });
    const res = await c.login('admin');
    assert.equal(res.status, 200, res.describe());
    const cookie = c.lastSetCookies.find((h) => h.startsWith('kenes_session='));
    assert.match(cookie, /;\s*Secure/i, 'the session cookie is Secure');
    assert.equal(res.headers['strict-transport-security'], 'max-age=31536000');
    const body = { name: `Origin ${Date.now()}` };
    expectProblem(await c.post('/api/v1/shanyraks', body, { headers: { Origin: 'http://kenes.example.kz' } }), 403, 'csrf');
    expectProblem(await c.post('/api/v1/shanyraks', body, { headers: { Origin: server.base } }), 403, 'csrf');
    expectJson(await c.post('/api/v1/shanyraks', body, { headers: { Origin: 'https://kenes.example.kz' } }), 201, 'same https origin');
  } finally {
    await server.stop();
  }
});
