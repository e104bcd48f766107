// Health endpoints, metrics (behind a token, or on a loopback listener of their own) and security
// headers on API, problem and static responses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { BASE, BACKEND, Client, expectJson, expectProblem, rawRequest } from './lib/client.mjs';
import { scratchDatabase, scratchSkip } from './lib/scratch.mjs';

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

const METRICS_TOKEN = process.env.KENES_METRICS_TOKEN ?? null;

test(`[${BACKEND}] GET /metrics is Prometheus text with kenes_http_requests_total, for the bearer of metrics_token only`,
  { skip: METRICS_TOKEN ? false : 'the server under test has no KENES_METRICS_TOKEN' }, async () => {
    await anon().get('/api/v1/session');
    // It shows live counts (online votes during an election): not for anyone.
    for (const headers of [{}, { Authorization: 'Bearer wrong-token-wrong-token' }, { Authorization: `Bearer ${METRICS_TOKEN}x` },
      { Authorization: `Basic ${Buffer.from(`metrics:${METRICS_TOKEN}`).toString('base64')}` }]) {
      const refused = await rawRequest(BASE, 'GET', '/metrics', { headers });
      expectProblem(refused, 401, 'unauthenticated', { what: `GET /metrics with ${JSON.stringify(headers)}` });
      assert.match(refused.header('www-authenticate') ?? '', /^Bearer /);
    }
    const res = await rawRequest(BASE, 'GET', '/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(res.status, 200, res.describe());
    assert.match(res.contentType, /^text\/plain\b/);
    assert.match(res.text, /^# (HELP|TYPE) kenes_http_requests_total\b/m);
    assert.match(res.text, /^kenes_http_requests_total(\{[^}]*\})? [0-9.e+]+$/m);
  });

test(`[${BACKEND}] without metrics_token /metrics is 404 on the public listener; metrics_listen serves it on loopback alone`,
  { skip: scratchSkip }, async () => {
    const s = scratchDatabase({ students: 1 });
    try {
      const metricsPort = await new Promise((resolve) => {
        const srv = createServer();
        srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
      });
      const server = await s.serve({ KENES_METRICS_TOKEN: '', KENES_METRICS_LISTEN: `127.0.0.1:${metricsPort}` });
      expectProblem(await rawRequest(server.base, 'GET', '/metrics'), 404, 'not_found');
      expectProblem(await rawRequest(server.base, 'GET', '/metrics', { headers: { Authorization: 'Bearer anything-at-all-here' } }), 404, 'not_found');
      const metricsBase = `http://127.0.0.1:${metricsPort}`;
      const res = await rawRequest(metricsBase, 'GET', '/metrics');
      assert.equal(res.status, 200, res.describe());
      assert.match(res.text, /^# (HELP|TYPE) kenes_http_requests_total\b/m);
      // The metrics listener serves nothing else.
      for (const path of ['/api/v1/session', '/healthz', '/', '/api/v1/public/institutions/1/bodies'])
        expectProblem(await rawRequest(metricsBase, 'GET', path), 404, 'not_found', { what: `metrics listener ${path}` });
    } finally {
      await s.drop();
    }
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
