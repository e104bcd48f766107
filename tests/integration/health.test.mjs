// Health endpoints, metrics and security headers on API, problem and static responses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, BACKEND, Client, expectJson, expectProblem, rawRequest } from './lib/client.mjs';

const anon = () => new Client();

test(`[${BACKEND}] GET /healthz answers 200 ok`, async () => {
  const res = await rawRequest(BASE, 'GET', '/healthz');
  assert.equal(res.status, 200, res.describe());
  assert.equal(res.text.trim(), 'ok');
});

test(`[${BACKEND}] GET /readyz answers 200 JSON with database and migrations ok`, async () => {
  const body = expectJson(await anon().get('/readyz'), 200, 'GET /readyz');
  assert.equal(body.database, 'ok');
  assert.equal(body.migrations, 'ok');
});

test(`[${BACKEND}] GET /metrics is Prometheus text with kenes_http_requests_total`, async () => {
  await anon().get('/api/v1/session');
  const res = await rawRequest(BASE, 'GET', '/metrics');
  assert.equal(res.status, 200, res.describe());
  assert.match(res.contentType, /^text\/plain\b/);
  assert.match(res.text, /^# (HELP|TYPE) kenes_http_requests_total\b/m);
  assert.match(res.text, /^kenes_http_requests_total(\{[^}]*\})? [0-9.e+]+$/m);
});

function expectSecurityHeaders(res, what) {
  const csp = res.header('content-security-policy');
  assert.ok(csp, `${what}: no Content-Security-Policy (${res.describe()})`);
  assert.ok(!/'unsafe-inline'/.test(csp), `${what}: CSP allows 'unsafe-inline': ${csp}`);
  assert.ok(!/'unsafe-eval'/.test(csp), `${what}: CSP allows 'unsafe-eval': ${csp}`);
  assert.match(csp, /(^|;)\s*frame-ancestors 'none'\s*(;|$)/, `${what}: CSP without frame-ancestors 'none': ${csp}`);
  assert.equal(res.header('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
  const rp = res.header('referrer-policy');
  assert.ok(rp, `${what}: no Referrer-Policy`);
  assert.ok(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'].includes(rp),
    `${what}: weak Referrer-Policy ${rp}`);
}

test(`[${BACKEND}] security headers on API JSON responses`, async () => {
  const res = await anon().get('/api/v1/session');
  expectJson(res, 200, 'GET /api/v1/session');
  expectSecurityHeaders(res, 'GET /api/v1/session');
});

test(`[${BACKEND}] security headers on problem responses`, async () => {
  const res = await anon().get('/api/v1/me');
  expectProblem(res, 401, 'unauthenticated');
  expectSecurityHeaders(res, 'GET /api/v1/me (401)');
  const nf = await anon().get('/api/v1/no-such-route');
  expectProblem(nf, 404, 'not_found');
  expectSecurityHeaders(nf, 'GET /api/v1/no-such-route (404)');
});

test(`[${BACKEND}] security headers on static responses (the web UI)`, async () => {
  const res = await rawRequest(BASE, 'GET', '/', { headers: { Accept: 'text/html' } });
  assert.equal(res.status, 200, `GET / should serve the web UI: ${res.describe()}`);
  assert.match(res.contentType, /^text\/html\b/, `GET / Content-Type: ${res.describe()}`);
  expectSecurityHeaders(res, 'GET /');
});
