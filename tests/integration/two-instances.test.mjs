// Two `kenes serve` processes on one database (KENES_URL and KENES_URL_2): sessions and data are
// shared, so instances can sit behind a load balancer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, BASE_2, BACKEND, Client, cap, createPerson, cyrTag, expectJson, expectProblem, signIn,
} from './lib/client.mjs';

const skip = BASE_2 ? false : 'KENES_URL_2 is not set: the two-instance tests need a second server on the same database';

test(`[${BACKEND}] two instances: a session from instance 1 works on instance 2`, { skip }, async () => {
  const one = await signIn('staff', { base: BASE });
  const two = one.clone({ base: BASE_2 });
  const me = expectJson(await two.get('/api/v1/me'), 200, 'GET /me on instance 2');
  assert.equal(me.user.login, 'staff');
  const st = expectJson(await two.get('/api/v1/session'), 200, 'GET /session on instance 2');
  assert.equal(st.authenticated, true);
  // The CSRF token of the session is valid on both.
  const p = await createPerson(two, { surname: 'Екіншіев', name: cap(cyrTag()) });
  const back = expectJson(await one.get(`/api/v1/people/${p.id}`), 200, 'read on instance 1 what instance 2 wrote');
  assert.equal(back.surname, 'Екіншіев');
});

test(`[${BACKEND}] two instances: logout on instance 2 ends the session on instance 1`, { skip }, async () => {
  const one = await signIn('staff', { base: BASE });
  const two = one.clone({ base: BASE_2 });
  expectJson(await one.get('/api/v1/me'), 200, 'instance 1 before logout');
  const out = await two.logout();
  assert.equal(out.status, 204, out.describe());
  expectProblem(await one.get('/api/v1/me'), 401, 'unauthenticated', { what: 'instance 1 after logout on instance 2' });
  expectProblem(await two.clone().get('/api/v1/me'), 401, 'unauthenticated', { what: 'instance 2 after logout' });
});

test(`[${BACKEND}] two instances: revoking sessions (password reset) on one applies on the other`, { skip }, async () => {
  const admin = await signIn('admin', { base: BASE_2 });
  const login = `it-two-${cyrTag().length}${Date.now().toString(36)}`;
  const password = `pw-${Date.now().toString(36)}-long`;
  const u = expectJson(await admin.post('/api/v1/users', { login, password, display_name: 'Two', roles: ['student'] }), 201, 'create user');
  const c = await signIn(login, { password, base: BASE });
  const reset = await admin.post(`/api/v1/users/${u.id}/password`, { new_password: `${password}-2` });
  assert.equal(reset.status, 204, reset.describe());
  expectProblem(await c.get('/api/v1/me'), 401, 'unauthenticated', { what: 'instance 1 after a reset on instance 2' });
});

test(`[${BACKEND}] two instances: both are ready`, { skip }, async () => {
  for (const base of [BASE, BASE_2]) {
    const body = expectJson(await new Client({ base }).get('/readyz'), 200, `${base}/readyz`);
    assert.equal(body.database, 'ok');
  }
});
