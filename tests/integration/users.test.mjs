// User accounts: create, roles, disable (sessions revoked), admin password reset, API tokens.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND, Client, auditHead, auditSince, cap, createUser, cyrTag, expectJson, expectProblem, sameId, signIn, uniq,
} from './lib/client.mjs';

let admin;
before(async () => {
  admin = await signIn('admin', { lang: 'en' });
});

async function findUser(login) {
  const body = expectJson(await admin.get(`/api/v1/users?${new URLSearchParams({ q: login, limit: '200' })}`), 200, 'GET /users');
  return body.items.filter((u) => u.login === login);
}

test(`[${BACKEND}] users: create, list, validation and duplicates`, async () => {
  const login = `it-user-${uniq()}`;
  const password = `pw-${uniq()}-long`;
  const head = await auditHead(admin);
  const res = await admin.post('/api/v1/users', { login, password, display_name: 'Integration User', roles: ['staff'] });
  const u = expectJson(res, 201, 'POST /users');
  assert.equal(u.login, login);
  assert.equal(u.display_name, 'Integration User');
  assert.deepEqual(u.roles, ['staff']);
  assert.equal(u.disabled, false);
  assert.equal(u.person_id ?? null, null);
  assert.match(u.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?\+05:00$/, 'created_at in Asia/Almaty');
  assert.ok(!('password' in u) && !('password_hash' in u), 'no password in the answer');

  const listed = await findUser(login);
  assert.equal(listed.length, 1);
  assert.ok(sameId(listed[0].id, u.id));
  const page = expectJson(await admin.get('/api/v1/users?limit=2&offset=0'), 200, 'GET /users page');
  assert.equal(page.limit, 2);
  assert.equal(page.offset, 0);
  assert.ok(page.items.length <= 2 && page.total >= 6);

  const c = await signIn(login, { password });
  const me = expectJson(await c.get('/api/v1/me'), 200, 'GET /me');
  assert.deepEqual([...me.user.permissions].sort(), ['institution.read', 'people.read', 'people.write', 'self', 'bodies.read', 'bodies.manage', 'meetings.run',
    'elections.read', 'elections.run', 'penalties.manage', 'discipline.record', 'discipline.manage', 'attendance.read', 'attendance.journal',
    'attendance.mark', 'attendance.manage', 'attendance.justify', 'hostel.read', 'hostel.apply', 'hostel.manage', 'hostel.door', 'awards.read', 'awards.nominate', 'statements.manage'].sort());

  expectProblem(await admin.post('/api/v1/users', { login, password, display_name: 'Twin', roles: ['student'] }), 409, 'conflict',
    { lang: 'en', fields: [{ field: 'login', code: 'duplicate' }] });
  const cases = [
    [{ password, display_name: 'X', roles: [] }, [{ field: 'login', code: 'required' }]],
    [{ login: `it-${uniq()}`, password: 'short', display_name: 'X', roles: [] }, null, 'password'],
    [{ login: `it-${uniq()}`, password, display_name: 'X', roles: ['emperor'] }, null, 'roles'],
    [{ login: `it-${uniq()}`, password, display_name: 'X', roles: 'staff' }, [{ field: 'roles', code: 'wrong_type' }]],
    [{ login: `it-${uniq()}`, password, display_name: 'X', roles: [], person_id: 999999999 }, [{ field: 'person_id', code: 'not_found' }]],
    [{ login: `it-${uniq()}`, password, display_name: 'X', roles: [], admin: true }, [{ field: 'admin', code: 'unknown_field' }]],
  ];
  for (const [body, fields, field] of cases) {
    const r = await admin.post('/api/v1/users', body);
    const p = expectProblem(r, 422, 'validation', fields ? { fields } : {});
    if (field) assert.ok(p.errors?.some((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`)),
      `${field} error expected: ${JSON.stringify(p.errors)}`);
    if (body.login) assert.equal((await findUser(body.login)).length, 0, `${body.login} must not exist`);
  }
  assert.equal((await findUser(login)).length, 1, 'still one user with this login');

  const entries = await auditSince(admin, head);
  assert.ok(entries.some((e) => sameId(e.entity_id, u.id) && e.actor_login === 'admin'), 'user creation is audited');
  assert.ok(!JSON.stringify(entries).includes(password), 'the password never reaches the audit log');
});

test(`[${BACKEND}] users: changing roles takes effect at once`, async () => {
  const u = await createUser(admin, { roles: ['staff'] });
  const c = await signIn(u.login, { password: u.password });
  expectJson(await c.get('/api/v1/people?limit=1'), 200, 'staff can list people');
  const patched = expectJson(await admin.patch(`/api/v1/users/${u.id}`, { roles: ['student'] }), 200, 'PATCH roles');
  assert.deepEqual(patched.roles, ['student']);
  expectProblem(await c.get('/api/v1/people?limit=1'), 403, 'forbidden', { what: 'the same session after demotion' });
  const me = expectJson(await c.get('/api/v1/me'), 200, 'GET /me');
  assert.deepEqual(me.user.roles, ['student']);
  assert.deepEqual([...me.user.permissions].sort(), ['attendance.read', 'awards.read', 'bodies.read', 'elections.read', 'hostel.read', 'meetings.run', 'self', 'statements.file']);
  expectJson(await admin.patch(`/api/v1/users/${u.id}`, { roles: ['curator', 'staff'] }), 200, 'PATCH two roles');
  const me2 = expectJson(await c.get('/api/v1/me'), 200, 'GET /me');
  assert.deepEqual([...me2.user.permissions].sort(),
    ['institution.read', 'people.read', 'people.write', 'self', 'bodies.read', 'bodies.manage', 'meetings.run',
      'elections.read', 'elections.run', 'penalties.manage', 'discipline.record', 'discipline.manage', 'attendance.read', 'attendance.journal',
      'attendance.mark', 'attendance.manage', 'attendance.justify', 'hostel.read', 'hostel.apply', 'hostel.manage', 'hostel.door', 'awards.read', 'awards.nominate', 'statements.manage'].sort(), 'permissions are the union');
  expectProblem(await admin.patch(`/api/v1/users/${u.id}`, { roles: ['pope'] }), 422, 'validation');
  expectProblem(await admin.patch(`/api/v1/users/${u.id}`, { disabled: 'yes' }), 422, 'validation',
    { fields: [{ field: 'disabled', code: 'wrong_type' }] });
  expectProblem(await admin.patch('/api/v1/users/999999999', { display_name: 'x' }), 404, 'not_found');
  const still = (await findUser(u.login))[0];
  assert.deepEqual([...still.roles].sort(), ['curator', 'staff']);
  assert.equal(still.disabled, false);
});

test(`[${BACKEND}] users: disabling revokes sessions and tokens and blocks sign-in`, async () => {
  const u = await createUser(admin, { roles: ['staff'] });
  const s1 = await signIn(u.login, { password: u.password });
  const s2 = await signIn(u.login, { password: u.password });
  const tok = expectJson(await admin.post(`/api/v1/users/${u.id}/tokens`, { name: 'ci' }), 201, 'token');
  const bearer = new Client();
  bearer.bearer = tok.token;
  expectJson(await bearer.get('/api/v1/me'), 200, 'bearer works before disabling');

  const head = await auditHead(admin);
  const dis = expectJson(await admin.patch(`/api/v1/users/${u.id}`, { disabled: true }), 200, 'disable');
  assert.equal(dis.disabled, true);
  expectProblem(await s1.get('/api/v1/me'), 401, 'unauthenticated', { what: 'session 1 after disabling' });
  expectProblem(await s2.get('/api/v1/me'), 401, 'unauthenticated', { what: 'session 2 after disabling' });
  expectProblem(await bearer.get('/api/v1/me'), 401, 'unauthenticated', { what: 'token after disabling' });
  expectProblem(await new Client().login(u.login, u.password), 401, 'bad_credentials', { what: 'login while disabled' });

  expectJson(await admin.patch(`/api/v1/users/${u.id}`, { disabled: false }), 200, 'enable');
  await signIn(u.login, { password: u.password });
  expectProblem(await s1.get('/api/v1/me'), 401, 'unauthenticated', { what: 'revoked sessions stay revoked' });

  const entries = await auditSince(admin, head);
  assert.ok(entries.filter((e) => sameId(e.entity_id, u.id)).length >= 2, 'disable and enable are audited');
});

test(`[${BACKEND}] users: an admin password reset revokes old sessions; the new password works`, async () => {
  const u = await createUser(admin, { roles: ['student'] });
  const old = await signIn(u.login, { password: u.password });
  const newPassword = `reset-${uniq()}-pw`;
  const head = await auditHead(admin);

  expectProblem(await admin.post(`/api/v1/users/${u.id}/password`, { new_password: 'short' }), 422, 'validation');
  expectProblem(await admin.post(`/api/v1/users/${u.id}/password`, {}), 422, 'validation',
    { fields: [{ field: 'new_password', code: 'required' }] });
  expectJson(await old.get('/api/v1/me'), 200, 'a refused reset changes nothing');

  const res = await admin.post(`/api/v1/users/${u.id}/password`, { new_password: newPassword });
  assert.equal(res.status, 204, res.describe());
  expectProblem(await old.get('/api/v1/me'), 401, 'unauthenticated', { what: 'old session after reset' });
  expectProblem(await new Client().login(u.login, u.password), 401, 'bad_credentials', { what: 'old password after reset' });
  await signIn(u.login, { password: newPassword });
  expectProblem(await admin.post('/api/v1/users/999999999/password', { new_password: newPassword }), 404, 'not_found');

  const entries = await auditSince(admin, head);
  assert.ok(entries.some((e) => sameId(e.entity_id, u.id)), 'the reset is audited');
  assert.ok(!JSON.stringify(entries).includes(newPassword), 'the password never reaches the audit log');
});

test(`[${BACKEND}] users: API tokens work with Bearer without CSRF and stop working when revoked`, async () => {
  const u = await createUser(admin, { roles: ['staff'] });
  const head = await auditHead(admin);
  // A token that may write (the default is read only, see tokens.test.mjs).
  const created = expectJson(await admin.post(`/api/v1/users/${u.id}/tokens`, { name: 'integration', scope: ['self', 'people.read', 'people.write'] }),
    201, 'POST token');
  assert.equal(created.name, 'integration');
  assert.equal(typeof created.token, 'string');
  assert.ok(created.token.length >= 20, 'token too short');

  const list = expectJson(await admin.get(`/api/v1/users/${u.id}/tokens`), 200, 'GET tokens');
  const item = list.items.find((t) => sameId(t.id, created.id));
  assert.ok(item, JSON.stringify(list.items));
  assert.equal(item.name, 'integration');
  assert.ok(!('token' in item), 'the secret is shown only once');
  assert.ok(!JSON.stringify(list).includes(created.token), 'the secret is never listed');
  assert.equal(item.last_used_at ?? null, null);

  const bearer = new Client({ lang: 'en' });
  bearer.bearer = created.token;
  const me = expectJson(await bearer.get('/api/v1/me'), 200, 'GET /me with Bearer');
  assert.equal(me.user.login, u.login);
  // State changes need no CSRF token with a bearer token.
  const patched = expectJson(await bearer.patch('/api/v1/me', { display_name: 'Via token' }), 200, 'PATCH /me with Bearer');
  assert.equal(patched.user.display_name, 'Via token');
  const person = expectJson(await bearer.post('/api/v1/people', { surname: 'Токенов', name: cap(cyrTag()) }),
    201, 'POST /people with Bearer');
  assert.ok(person.id !== undefined);
  // The token acts as its user: a staff token cannot manage users.
  expectProblem(await bearer.get('/api/v1/users'), 403, 'forbidden', { lang: 'en' });
  const used = expectJson(await admin.get(`/api/v1/users/${u.id}/tokens`), 200, 'GET tokens').items.find((t) => sameId(t.id, created.id));
  assert.match(String(used.last_used_at), /\+05:00$/, 'last_used_at is set after use');

  const bogus = new Client();
  bogus.bearer = created.token + 'x';
  expectProblem(await bogus.get('/api/v1/me'), 401, 'unauthenticated', { what: 'a wrong token' });
  bogus.bearer = 'not-a-token';
  expectProblem(await bogus.get('/api/v1/me'), 401, 'unauthenticated', { what: 'a garbage token' });
  const countBefore = expectJson(await admin.get(`/api/v1/users/${u.id}/tokens`), 200, 'GET tokens').items.length;
  expectProblem(await admin.post(`/api/v1/users/${u.id}/tokens`, {}), 422, 'validation',
    { fields: [{ field: 'name', code: 'required' }] });
  expectProblem(await admin.post(`/api/v1/users/${u.id}/tokens`, { name: 'x' }, { csrf: false }), 403, 'csrf');
  expectProblem(await bearer.post(`/api/v1/users/${u.id}/tokens`, { name: 'self-made' }), 403, 'forbidden');
  assert.equal(expectJson(await admin.get(`/api/v1/users/${u.id}/tokens`), 200, 'GET tokens').items.length, countBefore,
    'refused token creations add nothing');

  const del = await admin.delete(`/api/v1/users/${u.id}/tokens/${created.id}`);
  assert.equal(del.status, 204, del.describe());
  expectProblem(await bearer.get('/api/v1/me'), 401, 'unauthenticated', { what: 'a revoked token' });
  expectProblem(await bearer.patch('/api/v1/me', { display_name: 'Again' }), 401, 'unauthenticated', { what: 'a revoked token' });
  const after = expectJson(await admin.get(`/api/v1/users/${u.id}/tokens`), 200, 'GET tokens').items;
  assert.ok(!after.some((t) => sameId(t.id, created.id)), 'a revoked token is not listed');
  expectProblem(await admin.delete(`/api/v1/users/${u.id}/tokens/${created.id}`), 404, 'not_found');

  const entries = await auditSince(admin, head);
  assert.ok(entries.some((e) => e.action !== 'person.read_sensitive' && (sameId(e.entity_id, created.id) || sameId(e.entity_id, u.id))),
    'token creation/revocation is audited');
  assert.ok(entries.some((e) => sameId(e.entity_id, person.id)), 'the person created with the token is audited');
  const byToken = entries.find((e) => sameId(e.entity_id, person.id));
  assert.equal(byToken.actor_login, u.login, 'the token acts as its user');
  assert.ok(!JSON.stringify(entries).includes(created.token), 'the token secret never reaches the audit log');
});

test(`[${BACKEND}] users: a system administrator creates the first user of a new institution; others may not`, async () => {
  const sys = await signIn('sysadmin');
  const inst = expectJson(await sys.post('/api/v1/institutions', { name: `Мектеп ${uniq()}`, kind: 'school' }), 201, 'institution');
  expectProblem(await sys.post('/api/v1/institutions', { name: inst.name, kind: 'school' }), 409, 'conflict');
  const login = `first-${uniq()}`;
  const created = expectJson(await sys.post('/api/v1/users',
    { login, password: 'a-long-password-1', display_name: 'Бірінші', roles: ['institution_admin'], institution_id: inst.id }), 201, 'first user');
  assert.deepEqual(created.roles, ['institution_admin']);
  const first = await signIn(login, { password: 'a-long-password-1' });
  assert.equal(expectJson(await first.get('/api/v1/me'), 200, 'me').user.institution.id, inst.id);
  const admin = await signIn('admin');
  expectProblem(await admin.post('/api/v1/users',
    { login: `x-${uniq()}`, password: 'a-long-password-1', display_name: 'X', roles: [], institution_id: inst.id }), 403, 'forbidden');
});
