// API tokens: expiry (default 90 days, at most 365), scope ("read" or a list of the user's
// permissions), and revocation when the password is reset or changed or the roles change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKEND, Client, auditSince, auditHead, cap, createUser, cyrTag, expectJson, expectProblem, sameId, signIn, uniq } from './lib/client.mjs';
import { startClockServer } from './lib/clock-server.mjs';

let admin;
let server;

before(async () => {
  admin = await signIn('admin', { lang: 'en' });
  server = await startClockServer();
});

after(async () => {
  await server?.stop();
});

const DAY = 86400e3;

async function makeToken(user, body) {
  return expectJson(await admin.post(`/api/v1/users/${user.id}/tokens`, { name: `t-${uniq()}`, ...body }), 201, `POST token ${JSON.stringify(body)}`);
}

function bearer(token, base) {
  const c = new Client({ base, lang: 'en' });
  c.bearer = token.token;
  return c;
}

async function listed(user, token) {
  const items = expectJson(await admin.get(`/api/v1/users/${user.id}/tokens`), 200, 'GET tokens').items;
  return items.find((t) => sameId(t.id, token.id));
}

test(`[${BACKEND}] tokens expire: 90 days by default, at most 365, refused with 401 afterwards`, async () => {
  const user = await createUser(admin, { roles: ['staff'] });
  const made = Date.now();
  const standard = await makeToken(user, {});
  const day = await makeToken(user, { expires_in_days: 1 });
  assert.equal(standard.scope, 'read', 'least privilege unless asked');
  const expiresAt = (t) => Date.parse(t.expires_at);
  assert.ok(Math.abs(expiresAt(standard) - made - 90 * DAY) < 60e3, `default expiry ${standard.expires_at}`);
  assert.ok(Math.abs(expiresAt(day) - made - DAY) < 60e3, `one day ${day.expires_at}`);
  assert.match(day.expires_at, /\+05:00$/);
  const item = await listed(user, day);
  assert.equal(item.expires_at, day.expires_at);
  assert.equal(item.expired, false);
  assert.equal(item.scope, 'read');

  for (const bad of [0, 366, -1, 'ten', 1.5]) {
    expectProblem(await admin.post(`/api/v1/users/${user.id}/tokens`, { name: 'x', expires_in_days: bad }), 422, 'validation',
      { what: `expires_in_days ${bad}`, fields: [{ field: 'expires_in_days', code: Number.isInteger(bad) ? 'out_of_range' : 'wrong_type' }] });
  }

  // A server whose clock is moved: the day-long token works until its end and not after it.
  server.set(made);
  expectJson(await bearer(day, server.base).get('/api/v1/me'), 200, 'a fresh token');
  server.set(expiresAt(day) - 5e3);
  expectJson(await bearer(day, server.base).get('/api/v1/me'), 200, 'just before the end');
  server.set(expiresAt(day) + 1e3);
  expectProblem(await bearer(day, server.base).get('/api/v1/me'), 401, 'unauthenticated', { what: 'an expired token' });
  expectJson(await bearer(standard, server.base).get('/api/v1/me'), 200, 'the 90-day token still works');
  server.set(expiresAt(standard) + 1e3);
  expectProblem(await bearer(standard, server.base).get('/api/v1/me'), 401, 'unauthenticated', { what: 'after 90 days' });
  server.set(0);   // back to the real clock
});

test(`[${BACKEND}] a read token reads but changes nothing (403), whatever the route`, async () => {
  const user = await createUser(admin, { roles: ['staff'] });
  const token = await makeToken(user, { scope: 'read' });
  const c = bearer(token);
  expectJson(await c.get('/api/v1/me'), 200, 'GET /me');
  expectJson(await c.get('/api/v1/people?limit=1'), 200, 'GET /people');
  assert.equal((await c.request('HEAD', '/api/v1/me')).status, 200);
  expectProblem(await c.patch('/api/v1/me', { display_name: 'Changed by a read token' }), 403, 'forbidden', { lang: 'en' });
  expectProblem(await c.post('/api/v1/people', { surname: 'Оқушы', name: cap(cyrTag()) }), 403, 'forbidden');
  expectProblem(await c.delete('/api/v1/session'), 403, 'forbidden');
  const me = expectJson(await c.get('/api/v1/me'), 200, 'GET /me again');
  assert.equal(me.user.display_name, user.user.display_name, 'nothing changed');
});

test(`[${BACKEND}] a token limited to some permissions uses only those, and only ones its user holds`, async () => {
  const user = await createUser(admin, { roles: ['staff'] });
  const token = await makeToken(user, { scope: ['people.read', 'self'], expires_in_days: 30 });
  assert.deepEqual([...token.scope].sort(), ['people.read', 'self']);
  assert.deepEqual([...(await listed(user, token)).scope].sort(), ['people.read', 'self']);
  const c = bearer(token);
  expectJson(await c.get('/api/v1/people?limit=1'), 200, 'people.read is in the scope');
  const me = expectJson(await c.get('/api/v1/me'), 200, 'self is in the scope');
  assert.deepEqual([...me.user.permissions].sort(), ['people.read', 'self'], 'the token sees only its scope');
  expectProblem(await c.post('/api/v1/people', { surname: 'Оқушы', name: cap(cyrTag()) }), 403, 'forbidden', { what: 'people.write is not' });
  const patched = expectJson(await c.patch('/api/v1/me', { display_name: `Via scoped token ${uniq()}` }), 200, 'a write inside the scope');
  assert.deepEqual([...patched.user.permissions].sort(), ['people.read', 'self'], 'the answer keeps the scope');

  const writer = bearer(await makeToken(user, { scope: ['people.write'] }));
  expectProblem(await writer.get('/api/v1/people?limit=1'), 403, 'forbidden', { what: 'people.read is not in this scope' });
  expectJson(await writer.post('/api/v1/people', { surname: 'Токенов', name: cap(cyrTag()) }), 201, 'people.write is');

  const count = expectJson(await admin.get(`/api/v1/users/${user.id}/tokens`), 200, 'GET tokens').items.length;
  const refusals = [
    [{ scope: ['users.manage'] }, 'permission_not_held'],   // the staff user does not hold it
    [{ scope: ['no.such'] }, 'permission_not_held'],
    [{ scope: [] }, 'required'],
    [{ scope: 'write' }, 'invalid'],
    [{ scope: 7 }, 'wrong_type'],
  ];
  for (const [body, code] of refusals)
    expectProblem(await admin.post(`/api/v1/users/${user.id}/tokens`, { name: 'x', ...body }), 422, 'validation',
      { what: JSON.stringify(body), fields: [{ field: 'scope', code }] });
  assert.equal(expectJson(await admin.get(`/api/v1/users/${user.id}/tokens`), 200, 'GET tokens').items.length, count, 'refusals add nothing');
});

test(`[${BACKEND}] tokens are revoked when the password is reset or changed and when the roles change`, async () => {
  const user = await createUser(admin, { roles: ['staff'] });
  const head = await auditHead(admin);

  // A PATCH that leaves the roles as they were keeps the token.
  let token = bearer(await makeToken(user, {}));
  expectJson(await admin.patch(`/api/v1/users/${user.id}`, { roles: ['staff'], display_name: `Same roles ${uniq()}` }), 200, 'PATCH same roles');
  expectJson(await token.get('/api/v1/me'), 200, 'same roles: the token stays');
  expectJson(await admin.patch(`/api/v1/users/${user.id}`, { roles: ['staff', 'curator'] }), 200, 'PATCH roles');
  expectProblem(await token.get('/api/v1/me'), 401, 'unauthenticated', { what: 'after a role change' });
  assert.equal(expectJson(await admin.get(`/api/v1/users/${user.id}/tokens`), 200, 'GET tokens').items.length, 0, 'deleted, not only refused');

  token = bearer(await makeToken(user, {}));
  const reset = `reset-${uniq()}-secret`;
  assert.equal((await admin.post(`/api/v1/users/${user.id}/password`, { new_password: reset })).status, 204);
  expectProblem(await token.get('/api/v1/me'), 401, 'unauthenticated', { what: 'after an admin reset' });

  token = bearer(await makeToken(user, {}));
  const self = await signIn(user.login, { password: reset });
  const changed = await self.post('/api/v1/me/password', { current_password: reset, new_password: `changed-${uniq()}-secret` });
  assert.equal(changed.status, 204, changed.describe());
  expectProblem(await token.get('/api/v1/me'), 401, 'unauthenticated', { what: 'after the user changed the password' });

  const entries = await auditSince(admin, head);
  const ofUser = entries.filter((e) => sameId(e.entity_id, user.id));
  assert.ok(ofUser.some((e) => e.action === 'user.update' && e.after?.tokens_revoked === 1), 'the role change names the revoked token');
  assert.ok(ofUser.some((e) => e.action === 'user.password_reset' && e.after?.tokens_revoked === 1), 'the reset names the revoked token');
  assert.ok(ofUser.some((e) => e.action === 'user.password_change' && e.after?.tokens_revoked === 1), 'the change names the revoked token');
});
