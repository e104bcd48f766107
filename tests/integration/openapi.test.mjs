// docs/openapi.yaml is well-formed: references resolve, operations are complete and the
// problem+json and security pieces the contract needs are described. Needs no server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseYaml, openapiOperations } from './lib/yaml.mjs';
import { REPO_ROOT } from './lib/client.mjs';

const doc = parseYaml(readFileSync(join(REPO_ROOT, 'docs', 'openapi.yaml'), 'utf8'));
const ops = openapiOperations(doc);

function resolve(ref) {
  assert.match(ref, /^#\//, `only local references: ${ref}`);
  let node = doc;
  for (const part of ref.slice(2).split('/')) {
    const p = part.replace(/~1/g, '/').replace(/~0/g, '~');
    assert.ok(node && typeof node === 'object' && p in node, `unresolved $ref ${ref}`);
    node = node[p];
  }
  return node;
}

function walk(node, visit, path = '') {
  if (Array.isArray(node)) node.forEach((x, i) => walk(x, visit, `${path}/${i}`));
  else if (node && typeof node === 'object') {
    visit(node, path);
    for (const [k, v] of Object.entries(node)) walk(v, visit, `${path}/${k}`);
  }
}

test('openapi: version 3.1 with info and paths', () => {
  assert.match(String(doc.openapi), /^3\.1\./);
  assert.ok(doc.info?.title && doc.info?.version);
  assert.ok(Object.keys(doc.paths).length > 0);
});

test('openapi: every $ref resolves', () => {
  const refs = [];
  walk(doc, (node, path) => { if (typeof node.$ref === 'string') refs.push([node.$ref, path]); });
  assert.ok(refs.length > 50);
  for (const [ref] of refs) resolve(ref);
});

// An answer's object is described field by field: a bare `type: object` would let the strict
// check of the answers (lib/schema.mjs) pass only {} and say nothing to a client.
test('openapi: every object schema outside request bodies lists its properties', () => {
  const bare = [];
  walk(doc, (node, path) => {
    if (path.includes('/requestBody')) return;
    const object = [node.type ?? []].flat().includes('object');
    const described = node.properties || 'additionalProperties' in node || node.allOf || node.oneOf || node.anyOf || node.propertyNames || node.$ref;
    if (object && !described) bare.push(path);
  });
  assert.deepEqual(bare, []);
});

test('openapi: the contract routes are all described', () => {
  const want = [
    'GET /healthz', 'GET /readyz', 'GET /metrics',
    'GET /api/v1/session', 'POST /api/v1/session', 'DELETE /api/v1/session',
    'GET /api/v1/me', 'PATCH /api/v1/me', 'POST /api/v1/me/password',
    'GET /api/v1/institution', 'PATCH /api/v1/institution',
    'GET /api/v1/academic-years', 'POST /api/v1/academic-years',
    'GET /api/v1/faculties', 'POST /api/v1/faculties',
    'GET /api/v1/groups', 'POST /api/v1/groups', 'PATCH /api/v1/groups/{id}',
    'GET /api/v1/shanyraks', 'POST /api/v1/shanyraks',
    'GET /api/v1/institutions', 'POST /api/v1/institutions',
    'GET /api/v1/people', 'POST /api/v1/people', 'GET /api/v1/people/{id}', 'PATCH /api/v1/people/{id}',
    'POST /api/v1/people/{id}/representatives', 'DELETE /api/v1/people/{id}/representatives/{representative_id}',
    'POST /api/v1/imports', 'GET /api/v1/imports/{id}', 'DELETE /api/v1/imports/{id}',
    'POST /api/v1/imports/{id}/preview', 'POST /api/v1/imports/{id}/commit',
    'GET /api/v1/users', 'POST /api/v1/users', 'PATCH /api/v1/users/{id}', 'POST /api/v1/users/{id}/password',
    'GET /api/v1/users/{id}/tokens', 'POST /api/v1/users/{id}/tokens', 'DELETE /api/v1/users/{id}/tokens/{token_id}',
    'GET /api/v1/roles', 'GET /api/v1/audit', 'GET /api/v1/audit/verify',
  ];
  // The contract's routes must all be there; routes added later are checked against the server
  // by the permissions test (kenes routes == openapi.yaml).
  const have = new Set(ops.map((o) => `${o.method} ${o.path}`));
  assert.deepEqual(want.filter((w) => !have.has(w)), []);
});

test('openapi: operations have unique operationIds, x-permission, responses and declared path parameters', () => {
  const ids = new Set();
  for (const o of ops) {
    const where = `${o.method} ${o.path}`;
    assert.ok(o.operation.operationId, `${where}: operationId`);
    assert.ok(!ids.has(o.operation.operationId), `${where}: duplicate operationId`);
    ids.add(o.operation.operationId);
    assert.equal(typeof o.permission, 'string', `${where}: x-permission`);
    assert.ok(o.operation.responses && Object.keys(o.operation.responses).length, `${where}: responses`);
    const params = (o.operation.parameters ?? []).map((p) => (p.$ref ? resolve(p.$ref) : p));
    for (const m of o.path.matchAll(/\{([^}]+)\}/g)) {
      assert.ok(params.some((p) => p.in === 'path' && p.name === m[1] && p.required === true),
        `${where}: path parameter ${m[1]} not declared`);
    }
    if (where === 'GET /metrics') {
      // Not behind sign-in, but behind the metrics token (or on the loopback metrics listener).
      assert.deepEqual(o.operation.security, [{ metricsToken: [] }], `${where}: security: metricsToken`);
      assert.ok('401' in o.operation.responses && '404' in o.operation.responses, `${where}: 401 and 404 responses`);
    } else if (o.permission === 'public') {
      assert.deepEqual(o.operation.security, [], `${where}: a public operation has security: []`);
    } else {
      assert.ok('401' in o.operation.responses, `${where}: 401 response`);
      if (o.permission !== 'self') assert.ok('403' in o.operation.responses, `${where}: 403 response`);
    }
    if (['POST', 'PATCH', 'PUT', 'DELETE'].includes(o.method) && o.permission !== 'public') {
      const sec = o.operation.security;
      assert.ok(Array.isArray(sec) && sec.some((s) => 'cookieAuth' in s && 'csrfToken' in s) && sec.some((s) => 'bearerAuth' in s),
        `${where}: state-changing operation must require cookie+CSRF or bearer`);
    }
    for (const [status, r] of Object.entries(o.operation.responses)) {
      const resp = r.$ref ? resolve(r.$ref) : r;
      if (Number(status) >= 400 && o.path.startsWith('/api/')) {
        const schema = resp.content?.['application/problem+json']?.schema;
        assert.ok(schema, `${where} ${status}: problem+json response`);
      }
    }
  }
});

test('openapi: problem+json schema, security schemes', () => {
  const problem = doc.components.schemas.Problem;
  assert.deepEqual([...problem.required].sort(), ['code', 'status', 'title', 'type']);
  for (const k of ['type', 'title', 'status', 'detail', 'code', 'rule', 'errors']) assert.ok(k in problem.properties, k);
  const fe = resolve(problem.properties.errors.items.$ref);
  for (const k of ['field', 'code', 'message']) assert.ok(k in fe.properties, k);
  const s = doc.components.securitySchemes;
  assert.deepEqual({ type: s.cookieAuth.type, in: s.cookieAuth.in, name: s.cookieAuth.name },
    { type: 'apiKey', in: 'cookie', name: 'kenes_session' });
  assert.deepEqual({ type: s.bearerAuth.type, scheme: s.bearerAuth.scheme }, { type: 'http', scheme: 'bearer' });
  assert.deepEqual({ type: s.metricsToken.type, scheme: s.metricsToken.scheme }, { type: 'http', scheme: 'bearer' });
  assert.deepEqual({ type: s.csrfToken.type, in: s.csrfToken.in, name: s.csrfToken.name },
    { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' });
});

// Validators nobody on the project wrote (npm devDependencies of web/, installed by
// scripts/install-deps) read the same file: a real YAML parser reads what lib/yaml.mjs reads,
// swagger-parser validates it against the OpenAPI 3.1 schema, @redocly/cli lints it with the
// ruleset of redocly.yaml.
const webRequire = createRequire(join(REPO_ROOT, 'web', 'package.json'));
const OPENAPI = join(REPO_ROOT, 'docs', 'openapi.yaml');

test('openapi: js-yaml reads the document as lib/yaml.mjs does', () => {
  const yaml = webRequire('js-yaml');
  assert.deepEqual(yaml.load(readFileSync(OPENAPI, 'utf8')), doc);
});

test('openapi: swagger-parser validates the document', async () => {
  const SwaggerParser = webRequire('@apidevtools/swagger-parser');
  const api = await SwaggerParser.validate(OPENAPI);
  assert.equal(api.info.title, doc.info.title);
});

test('openapi: @redocly/cli lint finds no error (redocly.yaml)', () => {
  const r = spawnSync(join(REPO_ROOT, 'web', 'node_modules', '.bin', 'redocly'),
    ['lint', '--config', join(REPO_ROOT, 'redocly.yaml'), '--format', 'json', OPENAPI],
    { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
  assert.ifError(r.error);
  const report = JSON.parse(r.stdout);
  const errors = report.problems.filter((p) => p.severity === 'error')
    .map((p) => `${p.ruleId}: ${p.message} at ${p.location?.map((l) => l.pointer).join(', ')}`);
  assert.deepEqual(errors, []);
  assert.equal(report.totals.errors, 0);
});
