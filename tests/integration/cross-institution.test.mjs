// Institutions are isolated: every route of `kenes routes`, called by the first institution's
// admin, staff and student with a second institution's ids in its path parameters, answers 403 or
// 404 (or refuses the body), never 2xx and never 5xx; ids of the second institution named in a
// request body of the first are refused; and nothing the first institution's users get back
// carries the second institution's records. Public routes asked for the second institution
// answer with its public data, which is what they are for.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { BACKEND, Client, cap, cyrTag, expectJson, signIn } from './lib/client.mjs';
import { serverRoutes, jsonRequestSchema, requestTypes } from './lib/routes.mjs';
import { MISSING_ID, fillPath, makeFixtures, newInstitution, pathParams, plausibleBody } from './lib/institution.mjs';
import { png } from './lib/clock-server.mjs';

const routes = serverRoutes();
const TIMEOUT_MS = 10000;
let A;      // fixtures of the demo institution (the callers' own)
let B;      // fixtures of the other institution
let bAdmin;
let callers;
let requests = 0;
const leaks = [];

before(async () => {
  const sys = await signIn('sysadmin');
  const other = await newInstitution(sys);
  bAdmin = other.admin;
  B = await makeFixtures(bAdmin, other.tag, { withNotification: true });
  B.adminUser = expectJson(await bAdmin.get('/api/v1/me'), 200, 'B me').user.id;
  const admin = await signIn('admin');
  A = await makeFixtures(admin, cap(cyrTag(6)));
  callers = { admin, staff: await signIn('staff'), student: await signIn('student') };
  for (const [name, f] of [['A', A], ['B', B]]) if (f.missing.length) console.log(`# ${name} fixtures not made: ${f.missing.join('; ')}`);
});

// Makes the request; every answer to the first institution's users goes through the leak check.
async function call(who, client, method, path, { route = null, refs = A, checkLeaks = true } = {}) {
  const opts = { timeoutMs: TIMEOUT_MS };
  const schema = route?.schema;
  if (method !== 'GET' && method !== 'DELETE') {
    if (route?.upload) {
      Object.assign(opts, route.path.startsWith('/api/v1/imports')
        ? { body: 'surname,name\nПроба,Тест\n', contentType: 'text/csv' }
        : { body: png(), contentType: 'image/png' });
    } else {
      opts.json = schema ? plausibleBody(schema, refs).body : {};
    }
  }
  requests++;
  let res;
  try {
    res = await client.request(method, path, opts);
  } catch (e) {
    return { status: 0, error: e.message, describe: () => `no answer: ${e.message}` };
  }
  if (checkLeaks) {
    const found = leakIn(res);
    if (found) leaks.push(`${who} ${method} ${path} -> ${res.status}: ${found}`);
  }
  return res;
}

// Where a response names the other institution: its tag (in every name it has) or the id of one
// of its bodies in an id field.
function leakIn(res) {
  if (B.tag && res.text.includes(B.tag)) return `contains the tag ${B.tag}: ${res.text.slice(0, 200)}`;
  if (res.json === undefined) return null;
  const bodyIds = new Set(B.bodies.map(String));
  let hit = null;
  const walk = (v, key) => {
    if (hit) return;
    if (Array.isArray(v)) { for (const x of v) walk(x, key); return; }
    if (v && typeof v === 'object') { for (const [k, x] of Object.entries(v)) walk(x, k); return; }
    if ((key === 'id' || /_ids?$/.test(key ?? '')) && (typeof v === 'number' || typeof v === 'string') && bodyIds.has(String(v))) {
      hit = `${key}: ${v} is a body of the other institution`;
    }
  };
  walk(res.json, null);
  return hit;
}

function pickFrom(f) {
  return (kind) => {
    if (kind === 'kind') return 'photo';
    if (kind === 'code') return 'ABCD-EFGH-IJKL';
    return f[kind] ?? MISSING_ID;
  };
}

function routeInfo(r) {
  const types = requestTypes(r.method, r.path);
  return {
    ...r,
    upload: types.length > 0 && !types.includes('application/json'),
    schema: jsonRequestSchema(r.method, r.path),
    params: pathParams(r.path),
  };
}

// Statuses that tell nothing about the other institution's record: refused by permission, not
// found, or the body refused by its shape before any lookup.
function acceptable(res) {
  if ([403, 404].includes(res.status)) return true;
  if (res.status === 400) return true;
  if (res.status === 422 && res.problem?.code === 'validation') return true;
  return false;
}

// A refusal that a record existing nowhere gets too (e.g. a rule about the caller, checked before
// any lookup) tells nothing about the other institution's record.
async function sameAsMissing(who, client, r, res) {
  if (res.status < 400) return false;
  const missing = await call(who, client, r.method, fillPath(r.path, (kind) => (['kind', 'code'].includes(kind) ? pickFrom(B)(kind) : MISSING_ID)), { route: r });
  return missing.status === res.status && missing.problem?.code === res.problem?.code && missing.problem?.rule === res.problem?.rule;
}

const describe = (res) => (res.describe ? res.describe() : String(res.status));
const all = routes.map(routeInfo);
const withParams = all.filter((r) => r.params.length > 0);
// Logging out and signing in concern no institution's records (and failed sign-ins would count
// against the suite's per-address budget).
const skipped = new Set(['DELETE /api/v1/session', 'POST /api/v1/session']);

test(`[${BACKEND}] cross-institution: every route with path parameters, called with the other institution's ids, answers 403/404`, { timeout: 300000 }, async () => {
  const problems = [];
  const tally = {};
  const missing = new Set();
  const before = await snapshot();
  for (const r of withParams) {
    const key = `${r.method} ${r.path}`;
    if (skipped.has(key)) continue;
    for (const kind of r.params) if (!['kind', 'code'].includes(kind) && B[kind] === undefined) missing.add(`${kind} (${key})`);
    const isPublic = r.permission === 'public';
    const path = fillPath(r.path, pickFrom(B));
    for (const [who, client] of Object.entries(callers)) {
      // Public pages of the other institution are public: only their leak check is skipped.
      const res = await call(who, client, r.method, path, { route: r, checkLeaks: !(isPublic && r.params.includes('institution')) });
      const got = `${res.status}${res.problem?.code ? ' ' + res.problem.code : ''}`;
      tally[got] = (tally[got] ?? 0) + 1;
      if (res.status === 0 || res.status >= 500) { problems.push(`${who} ${key}: ${describe(res)}`); continue; }
      if (isPublic) continue;
      if (!acceptable(res) && !(await sameAsMissing(who, client, r, res))) {
        problems.push(`${who} ${key} with the other institution's ids: ${res.status} ${describe(res).slice(0, 300)}`);
      }
      if (res.status >= 400 && res.status < 500 && !res.problem?.code) problems.push(`${who} ${key}: ${res.status} without problem+json`);
    }
    // A public route asked for this institution with an id of the other one finds nothing.
    if (isPublic && r.params.includes('institution') && r.params.length > 1) {
      const mixed = fillPath(r.path, (kind) => (kind === 'institution' ? A.institution : pickFrom(B)(kind)));
      const res = await call('anonymous', new Client(), r.method, mixed, { route: r });
      if (res.status !== 404 && !(res.status === 422 && res.problem?.code === 'validation')) {
        problems.push(`anonymous ${key} with this institution and the other's record: ${describe(res).slice(0, 300)}`);
      }
    }
  }
  console.log(`# cross-institution (path): ${requests} requests, answers ${JSON.stringify(tally)}`);
  if (missing.size) console.log(`# no record of the other institution for: ${[...missing].join(', ')}`);
  assert.deepEqual(problems, []);
  assert.deepEqual(await snapshot(), before, "the other institution's records are unchanged");
});

test(`[${BACKEND}] cross-institution: a request body naming the other institution's records is refused`, { timeout: 120000 }, async () => {
  const problems = [];
  const tally = {};
  let probed = 0;
  for (const r of all) {
    const key = `${r.method} ${r.path}`;
    if (skipped.has(key) || !r.schema || r.permission === 'public') continue;
    if (plausibleBody(r.schema, B).refs === 0) continue;
    probed++;
    const path = fillPath(r.path, pickFrom(A));
    const res = await call('admin', callers.admin, r.method, path, { route: r, refs: B });
    const got = `${res.status}${res.problem?.code ? ' ' + res.problem.code : ''}`;
    tally[got] = (tally[got] ?? 0) + 1;
    if (res.status === 0 || res.status >= 500 || res.status < 400) {
      problems.push(`admin ${key} with ${JSON.stringify(plausibleBody(r.schema, B).body).slice(0, 200)}: ${describe(res).slice(0, 300)}`);
    }
  }
  console.log(`# cross-institution (body): ${probed} routes, answers ${JSON.stringify(tally)}`);
  assert.deepEqual(problems, []);
});

test(`[${BACKEND}] cross-institution: lists, searches and filters of this institution show nothing of the other`, async () => {
  const problems = [];
  const gets = all.filter((r) => r.method === 'GET' && r.params.length === 0 && r.permission !== 'public').map((r) => r.path);
  const filtered = [
    `/api/v1/people?q=${encodeURIComponent(B.tag)}`, `/api/v1/people?group_id=${B.group}`, `/api/v1/users?q=${encodeURIComponent(B.tag)}`,
    `/api/v1/audit?actor_id=${B.adminUser}`, `/api/v1/audit?entity=body`,
    ...(A.election ? [`/api/v1/elections/${A.election}/roll?student_number=${encodeURIComponent(B.studentNumber)}`] : []),
  ];
  for (const path of [...gets, ...filtered]) {
    for (const [who, client] of Object.entries(callers)) {
      const res = await call(who, client, 'GET', path);
      if (res.status === 0 || res.status >= 500) problems.push(`${who} GET ${path}: ${describe(res)}`);
    }
  }
  assert.deepEqual(problems, []);
  console.log(`# cross-institution: ${requests} requests in all`);
  assert.deepEqual(leaks, [], "answers to this institution's users carry the other institution's records");
});

// The other institution's records as its admin sees them (volatile fields left out).
async function snapshot() {
  const out = {};
  const paths = {
    body: `/api/v1/bodies/${B.body}`, person: `/api/v1/people/${B.person}`, user: `/api/v1/users/${B.user}`,
    tokens: `/api/v1/users/${B.user}/tokens`, import: `/api/v1/imports/${B.import}`, meeting: `/api/v1/meetings/${B.meeting}`,
    plan: `/api/v1/plans/${B.plan}`, report: `/api/v1/reports/${B.report}`, event: `/api/v1/events/${B.event}`,
    election: `/api/v1/elections/${B.election}`, candidates: `/api/v1/elections/${B.election}/candidates`,
    penalties: `/api/v1/people/${B.person}/penalties`, groups: '/api/v1/groups',
  };
  for (const [name, path] of Object.entries(paths)) {
    const res = await bAdmin.get(path);
    out[name] = res.status === 200 ? res.json : res.status;
  }
  // `version` counts every audited act of the institution, its admin's own reads of personal data included.
  return JSON.parse(JSON.stringify(out, (k, v) => (['last_used_at', 'now', 'overdue', 'days_left', 'version'].includes(k) ? undefined : v)));
}
