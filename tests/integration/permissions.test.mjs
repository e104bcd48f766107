// The permissions matrix: `kenes routes` and `kenes roles` against docs/openapi.yaml and the
// contract, then every route called as every demo role and anonymously.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml, openapiOperations } from './lib/yaml.mjs';
import { runKenes } from './lib/routes.mjs';
import {
  BACKEND, Client, KENES_BIN, REPO_ROOT, cyrTag, createUser, expectJson, signIn,
  studentNumber, uniq,
} from './lib/client.mjs';

const ALL_PERMISSIONS = [
  'self', 'institution.read', 'institution.manage', 'people.read',
  'people.write', 'people.import', 'users.manage', 'audit.read', 'institutions.manage',
  'bodies.read', 'bodies.manage', 'meetings.run', 'elections.read', 'elections.run', 'penalties.manage',
  'discipline.record', 'discipline.manage',
  'attendance.read', 'attendance.journal', 'attendance.mark', 'attendance.manage', 'attendance.justify', 'attendance.acknowledge',
  'attendance.settings',
  'hostel.read', 'hostel.apply', 'hostel.manage', 'hostel.door',
  'awards.read', 'awards.nominate', 'awards.manage',
  'statements.file', 'statements.manage',
];
// The role table of the contract ("public" is not granted; it marks routes without sign-in).
const CONTRACT_ROLES = {
  system_admin: ALL_PERMISSIONS,
  // Statements are filed by students and representatives only (APL-1, APL-2); the administration handles them.
  institution_admin: ALL_PERMISSIONS.filter((p) => p !== 'institutions.manage' && p !== 'attendance.acknowledge' && p !== 'statements.file'),
  // Discipline (seed 004): staff record incidents and run cases; curators record incidents of
  // their groups (DISC-CAT-1); the penalty register is staff's and the administration's.
  staff: ['self', 'institution.read', 'people.read', 'people.write', 'bodies.read', 'bodies.manage', 'meetings.run',
    'elections.read', 'elections.run', 'penalties.manage', 'discipline.record', 'discipline.manage', 'attendance.read', 'attendance.journal',
    'attendance.mark', 'attendance.manage', 'attendance.justify',
    // The head of the hostel and its duty officers are staff (seed 004 hostel rules).
    'hostel.read', 'hostel.apply', 'hostel.manage', 'hostel.door',
    // Rewards (AWD-3): staff record nominations from the Shanyrak and pedagogical meetings.
    'awards.read', 'awards.nominate',
    // The register of statements and the reception schedule (APL-2, APL-3).
    'statements.manage'],
  // Sensitive personal data is no permission: the policy person.read_sensitive gives it to the
  // administration and to the curator of the student's group (GEN-3).
  curator: ['self', 'institution.read', 'people.read', 'bodies.read', 'meetings.run', 'elections.read', 'elections.run', 'discipline.record',
    'attendance.read', 'attendance.journal', 'hostel.read', 'awards.read', 'awards.nominate'],
  // Students read bodies and may run sessions of bodies they chair (the object policy decides per
  // body). The election commission is staff (ELEC-COM-1): students read and vote.
  student: ['self', 'bodies.read', 'meetings.run', 'elections.read', 'attendance.read', 'hostel.read', 'awards.read', 'statements.file'],
  // Representatives see their child's attendance, justify absences and sign them (ATT-1, REP-2).
  // Representatives apply for a hostel place and for leave for their child (HST-APP-1, HST-LV-1).
  legal_representative: ['self', 'attendance.read', 'attendance.justify', 'attendance.acknowledge', 'hostel.read', 'hostel.apply', 'awards.read', 'statements.file'],
};
const DEMO_ROLE = {
  admin: 'institution_admin', sysadmin: 'system_admin', staff: 'staff', curator: 'curator',
  student: 'student', parent: 'legal_representative',
};

const openapi = parseYaml(readFileSync(join(REPO_ROOT, 'docs', 'openapi.yaml'), 'utf8'));
const specOps = openapiOperations(openapi);

// Parameter syntax may differ (:id, <id>, {id}); names must not.
function normPath(p) {
  return p.replace(/:([A-Za-z_][A-Za-z0-9_]*)|<([^>/]+)>/g, (_, a, b) => `{${a ?? b}}`);
}
const key = (r) => `${String(r.method).toUpperCase()} ${normPath(r.path)}`;


function parseJsonOutput(out, what) {
  // Tolerate log lines around the JSON document.
  const start = out.search(/[[{]/);
  assert.ok(start >= 0, `${what}: no JSON in output: ${out.slice(0, 300)}`);
  try {
    return JSON.parse(out.slice(start));
  } catch (e) {
    assert.fail(`${what}: output is not JSON (${e.message}): ${out.slice(0, 300)}`);
  }
}

const binRoutes = KENES_BIN ? parseJsonOutput(runKenes(['routes']), 'kenes routes') : null;
const binRoles = KENES_BIN ? parseJsonOutput(runKenes(['roles']), 'kenes roles') : null;
const noBin = KENES_BIN ? false : 'KENES_BIN is not set: `kenes routes` / `kenes roles` cannot be checked';

test(`[${BACKEND}] kenes routes lists exactly the operations of docs/openapi.yaml`, { skip: noBin }, () => {
  assert.ok(Array.isArray(binRoutes), 'kenes routes must print a JSON array');
  for (const r of binRoutes) {
    assert.equal(typeof r.method, 'string', JSON.stringify(r));
    assert.equal(typeof r.path, 'string', JSON.stringify(r));
    assert.equal(typeof r.permission, 'string', JSON.stringify(r));
  }
  const fromBin = new Set(binRoutes.map(key));
  const fromSpec = new Set(specOps.map(key));
  assert.equal(fromBin.size, binRoutes.length, 'kenes routes lists a route twice');
  const missingInSpec = [...fromBin].filter((k) => !fromSpec.has(k)).sort();
  const missingInServer = [...fromSpec].filter((k) => !fromBin.has(k)).sort();
  assert.deepEqual({ missingInSpec, missingInServer }, { missingInSpec: [], missingInServer: [] },
    'routes of the server and operations of docs/openapi.yaml differ');
});

test(`[${BACKEND}] every route's permission equals x-permission in docs/openapi.yaml`, { skip: noBin }, () => {
  const spec = new Map(specOps.map((o) => [key(o), o.permission]));
  const diffs = [];
  for (const r of binRoutes) {
    const k = key(r);
    if (spec.has(k) && spec.get(k) !== r.permission) diffs.push(`${k}: server ${r.permission}, openapi ${spec.get(k)}`);
  }
  assert.deepEqual(diffs, []);
});

test(`[${BACKEND}] every route's object policy equals x-policy in docs/openapi.yaml`, { skip: noBin }, () => {
  const spec = new Map(specOps.map((o) => [key(o), o.operation['x-policy']]));
  const diffs = [];
  for (const r of binRoutes) {
    const k = key(r);
    if (!r.policy?.action) diffs.push(`${k}: the server declares no policy`);
    else if (spec.get(k) !== r.policy.action) diffs.push(`${k}: server ${r.policy.action}, openapi ${spec.get(k)}`);
  }
  assert.deepEqual(diffs, []);
});

test(`[${BACKEND}] docs/architecture.md carries the role and policy tables that kenes policies prints`, { skip: noBin }, () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'architecture.md'), 'utf8');
  const m = /<!-- policy-table:begin -->\n([\s\S]*?)<!-- policy-table:end -->/.exec(doc);
  assert.ok(m, 'the policy table markers are in docs/architecture.md');
  assert.equal(m[1], runKenes(['policies']), 'regenerate the table with `kenes policies`');
});

test(`[${BACKEND}] every operation in docs/openapi.yaml has a known x-permission`, () => {
  const bad = specOps.filter((o) => o.permission !== 'public' && !ALL_PERMISSIONS.includes(o.permission));
  assert.deepEqual(bad.map((o) => `${o.method} ${o.path}: ${o.permission}`), []);
  assert.ok(specOps.length >= 43, `only ${specOps.length} operations`);
});

test(`[${BACKEND}] kenes roles matches the contract's role table`, { skip: noBin }, () => {
  assert.equal(typeof binRoles, 'object');
  const norm = (m) => Object.fromEntries(Object.entries(m).map(([r, ps]) => [r, [...ps].filter((p) => p !== 'public').sort()]));
  assert.deepEqual(norm(binRoles), norm(CONTRACT_ROLES));
});

test(`[${BACKEND}] GET /api/v1/roles matches the contract's role table`, async () => {
  const admin = await signIn('admin');
  const body = expectJson(await admin.get('/api/v1/roles'), 200, 'GET /api/v1/roles');
  const got = Object.fromEntries(body.items.map((i) => [i.role, [...i.permissions].filter((p) => p !== 'public').sort()]));
  const want = Object.fromEntries(Object.entries(CONTRACT_ROLES).map(([r, ps]) => [r, [...ps].sort()]));
  assert.deepEqual(got, want);
});

// ---------------------------------------------------------------------------------------------
// Every route as every role. Fixtures are throwaway records, so the calls can't damage shared data.

const fixtures = {};
const clients = {};

before(async () => {
  const admin = await signIn('admin');
  for (const login of Object.keys(DEMO_ROLE)) clients[login] = login === 'admin' ? admin : await signIn(login);
  clients.anonymous = new Client();

  // Each fixture is optional: when one cannot be created, its routes get a non-existent id.
  const tag = cyrTag();
  const fixture = async (name, fn) => {
    try {
      fixtures[name] = await fn();
    } catch (e) {
      console.log(`# permissions matrix: fixture ${name} not created: ${e.message.split('\n')[0]}`);
    }
  };
  await fixture('group', async () =>
    expectJson(await admin.post('/api/v1/groups', { name: `Мтр-${tag}` }), 201, 'fixture group').id);
  await fixture('person', async () => expectJson(await admin.post('/api/v1/people', {
    surname: `Матрица${tag}`, name: 'Студент', student: { student_number: studentNumber() },
  }), 201, 'fixture person').id);
  await fixture('representative', async () => {
    const rep = expectJson(await admin.post('/api/v1/people', { surname: `Матрица${tag}`, name: 'Ана' }), 201, 'fixture representative');
    expectJson(await admin.post(`/api/v1/people/${fixtures.person}/representatives`, { representative_id: rep.id, kind: 'mother' }),
      201, 'fixture link');
    return rep.id;
  });
  await fixture('user', async () => (await createUser(admin, { roles: ['student'], display_name: `Matrix ${uniq()}` })).id);
  await fixture('token', async () =>
    expectJson(await admin.post(`/api/v1/users/${fixtures.user}/tokens`, { name: 'matrix' }), 201, 'fixture token').id);
  await fixture('import', async () => {
    const imp = await admin.request('POST', '/api/v1/imports?filename=matrix.csv', {
      body: 'surname,name\nМатрица,Аты\n', contentType: 'text/csv',
    });
    return expectJson(imp, 201, 'fixture import').id;
  });
});

const MISSING_ID = '999999999';

const BROAD = new Set(['anyone', 'own account', 'same institution', 'manager']);
// Object kinds whose managers hold a permission other than the route's (the attendance journal is
// opened with attendance.journal, but only holders of attendance.mark manage every group): for a
// role without it, "manager" is no broad grant.
const MANAGER_PERMISSION = {
  attendance_group: 'attendance.mark', attendance_student: 'attendance.manage', attendance_justification: 'attendance.manage',
  attendance_proposal: 'attendance.manage',
};
function closeRelationsOnly(route, role) {
  const grants = route.policy?.grants ?? [];
  const managerPermission = MANAGER_PERMISSION[route.policy?.object];
  const broad = (rel) => BROAD.has(rel) && !(rel === 'manager' && managerPermission && !(roleTable[role] ?? []).includes(managerPermission));
  return grants.length > 0 && grants.every((g) => !broad(g.relationship));
}

function fillPath(path) {
  const segments = path.split('/');
  return segments.map((seg, i) => {
    const m = /^\{([^}]+)\}$|^:(.+)$|^<([^>]+)>$/.exec(seg);
    if (!m) return seg;
    const name = m[1] ?? m[2] ?? m[3];
    const collection = segments[i - 1];
    if (name === 'representative_id') return fixtures.representative ?? MISSING_ID;
    if (name === 'token_id') return fixtures.token ?? MISSING_ID;
    const byCollection = { groups: 'group', people: 'person', users: 'user', imports: 'import' }[collection];
    return String((byCollection && fixtures[byCollection]) ?? MISSING_ID);
  }).join('/');
}

async function callRoute(who, method, path) {
  let client = clients[who];
  const filled = fillPath(path);
  if (method === 'DELETE' && normPath(path) === '/api/v1/session') {
    // Logging out would end the shared session of this role: use a session of its own.
    client = who === 'anonymous' ? new Client() : await signIn(who);
  } else if (method === 'POST' && normPath(path) === '/api/v1/session') {
    client = client.clone();
  }
  if (method === 'GET' || method === 'HEAD') return client.request(method, filled);
  if (method === 'POST' && normPath(path) === '/api/v1/imports') {
    return client.request(method, `${filled}?filename=matrix.csv`, { body: 'surname,name\n', contentType: 'text/csv' });
  }
  if (method === 'DELETE') return client.request(method, filled);
  return client.request(method, filled, { json: {} });
}

const matrixRoutes = binRoutes ?? specOps.map((o) => ({ method: o.method, path: o.path, permission: o.permission }));
const roleTable = binRoles ?? CONTRACT_ROLES;

for (const route of matrixRoutes) {
  const method = String(route.method).toUpperCase();
  test(`[${BACKEND}] permissions: ${method} ${route.path} (${route.permission})`, async () => {
    const problems = [];
    for (const who of ['anonymous', ...Object.keys(DEMO_ROLE)]) {
      const res = await callRoute(who, method, route.path);
      const code = res.problem?.code;
      const got = `${res.status}${code ? ' ' + code : ''}`;
      if (res.status >= 500) {
        problems.push(`${who}: server error ${res.describe()}`);
        continue;
      }
      if (method === 'GET' && route.path === '/metrics') {
        // Behind the metrics token (or its own listener), whoever is signed in: health.test.mjs.
        const want = process.env.KENES_METRICS_TOKEN ? 401 : 404;
        if (res.status !== want) problems.push(`${who}: /metrics without its token answered ${got}, expected ${want}`);
        continue;
      }
      if (route.permission === 'public') {
        if (res.status === 401 && code === 'unauthenticated') problems.push(`${who}: public route answered ${got}`);
        if (res.status === 403) problems.push(`${who}: public route answered ${got}`);
        if (res.status === 405) problems.push(`${who}: ${got}`);
        continue;
      }
      if (who === 'anonymous') {
        if (!(res.status === 401 && code === 'unauthenticated')) problems.push(`anonymous: expected 401 unauthenticated, got ${got}`);
        continue;
      }
      const role = DEMO_ROLE[who];
      const allowed = (roleTable[role] ?? []).includes(route.permission);
      if (allowed) {
        // A policy that grants only close relationships (own record, own child, ...) may refuse a
        // role holding the permission on this object: policy-matrix.test.mjs decides those.
        if (res.status === 403 && code === 'forbidden' && closeRelationsOnly(route, role)) continue;
        if ([401, 403, 405].includes(res.status)) problems.push(`${who} (${role}, has ${route.permission}): got ${got}`);
      } else if (!(res.status === 403 && code === 'forbidden')) {
        problems.push(`${who} (${role}, lacks ${route.permission}): expected 403 forbidden, got ${got}`);
      }
    }
    assert.deepEqual(problems, []);
  });
}
