// Answers of the server conform to the response schemas in docs/openapi.yaml.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml } from './lib/yaml.mjs';
import { checkSchema, responseSchema } from './lib/schema.mjs';
import {
  BACKEND, Client, REPO_ROOT, cap, cyrTag, createUser, expectJson, signIn, studentNumber,
} from './lib/client.mjs';

const doc = parseYaml(readFileSync(join(REPO_ROOT, 'docs', 'openapi.yaml'), 'utf8'));

let admin;
let sysadmin;
let staff;
before(async () => {
  admin = await signIn('admin');
  sysadmin = await signIn('sysadmin');
  staff = await signIn('staff');
});

// Checks a response against the operation's schema for its status; collects mismatches.
function conform(problems, res, method, path) {
  const ct = /^application\/problem\+json/.test(res.contentType) ? 'application/problem+json' : 'application/json';
  let schema;
  try {
    schema = responseSchema(doc, method, path, res.status, ct);
  } catch (e) {
    problems.push(`${method} ${path} -> ${res.status}: ${e.message}`);
    return;
  }
  assert.ok(res.json !== undefined, `${method} ${path}: no JSON body: ${res.describe()}`);
  for (const err of checkSchema(doc, schema, res.json)) problems.push(`${method} ${path} -> ${res.status}: ${err}`);
}

test(`[${BACKEND}] schemas: session, me and institution answers`, async () => {
  const problems = [];
  conform(problems, await new Client().get('/readyz'), 'GET', '/readyz');
  conform(problems, await new Client().get('/api/v1/session'), 'GET', '/api/v1/session');
  const c = new Client();
  conform(problems, await c.login('student'), 'POST', '/api/v1/session');
  conform(problems, await c.get('/api/v1/session'), 'GET', '/api/v1/session');
  for (const who of [admin, staff, c, await signIn('parent'), await signIn('curator')]) {
    conform(problems, await who.get('/api/v1/me'), 'GET', '/api/v1/me');
  }
  conform(problems, await staff.patch('/api/v1/me', {}), 'PATCH', '/api/v1/me');
  for (const p of ['/api/v1/institution', '/api/v1/academic-years', '/api/v1/faculties', '/api/v1/groups', '/api/v1/shanyraks']) {
    conform(problems, await staff.get(p), 'GET', p);
  }
  conform(problems, await sysadmin.get('/api/v1/institutions'), 'GET', '/api/v1/institutions');
  conform(problems, await admin.get('/api/v1/roles'), 'GET', '/api/v1/roles');
  const tag = cap(cyrTag());
  conform(problems, await admin.post('/api/v1/faculties', { name: `Схема ${tag}` }), 'POST', '/api/v1/faculties');
  conform(problems, await admin.post('/api/v1/shanyraks', { name: `Схема ${tag}` }), 'POST', '/api/v1/shanyraks');
  const g = await admin.post('/api/v1/groups', { name: `Сх-${tag}`, course: 1 });
  conform(problems, g, 'POST', '/api/v1/groups');
  if (g.status === 201) conform(problems, await admin.patch(`/api/v1/groups/${g.json.id}`, { course: 2 }), 'PATCH', '/api/v1/groups/{id}');
  const y = 2100 + Math.floor(Math.random() * 7000);
  conform(problems, await admin.post('/api/v1/academic-years', { name: `${y}-${y + 1}`, starts_on: `${y}-09-01`, ends_on: `${y + 1}-06-30` }),
    'POST', '/api/v1/academic-years');
  assert.deepEqual(problems, []);
});

test(`[${BACKEND}] schemas: people answers`, async () => {
  const problems = [];
  conform(problems, await staff.get('/api/v1/people?limit=20'), 'GET', '/api/v1/people');
  conform(problems, await staff.get('/api/v1/people?kind=representative&limit=20'), 'GET', '/api/v1/people');
  const tag = cap(cyrTag());
  const created = await admin.post('/api/v1/people', {
    surname: 'Схемова', name: tag, birth_date: '2006-06-06', gender: 'female', email: 'schema@example.kz', phone: '+7 700',
    student: { student_number: studentNumber(), course: 1 },
  });
  conform(problems, created, 'POST', '/api/v1/people');
  const id = created.json.id;
  const rep = await admin.post('/api/v1/people', { surname: 'Схемов', name: tag });
  conform(problems, await admin.post(`/api/v1/people/${id}/representatives`, { representative_id: rep.json.id, kind: 'father' }),
    'POST', '/api/v1/people/{id}/representatives');
  conform(problems, await admin.get(`/api/v1/people/${id}`), 'GET', '/api/v1/people/{id}');
  conform(problems, await staff.get(`/api/v1/people/${id}`), 'GET', '/api/v1/people/{id}');
  conform(problems, await admin.get(`/api/v1/people/${rep.json.id}`), 'GET', '/api/v1/people/{id}');
  conform(problems, await staff.patch(`/api/v1/people/${id}`, { phone: '+7 701' }), 'PATCH', '/api/v1/people/{id}');
  assert.deepEqual(problems, []);
});

test(`[${BACKEND}] schemas: import answers`, async () => {
  const problems = [];
  const tag = cap(cyrTag());
  const body = `student_number,surname,name,birth_date\n${studentNumber()},Импортов,${tag},2006-01-01\n${studentNumber()},Импортова,${tag},2006-02-30\n`;
  const up = await admin.request('POST', '/api/v1/imports?filename=s.csv', { body, contentType: 'text/csv' });
  conform(problems, up, 'POST', '/api/v1/imports');
  const id = up.json.id;
  conform(problems, await admin.get(`/api/v1/imports/${id}`), 'GET', '/api/v1/imports/{id}');
  conform(problems, await admin.post(`/api/v1/imports/${id}/preview`, { mapping: up.json.mapping }), 'POST', '/api/v1/imports/{id}/preview');
  conform(problems, await admin.post(`/api/v1/imports/${id}/commit`, { mapping: up.json.mapping }), 'POST', '/api/v1/imports/{id}/commit');
  const good = `student_number,surname,name\n${studentNumber()},Импортов,${tag}\n`;
  const up2 = await admin.request('POST', '/api/v1/imports?filename=g.csv', { body: good, contentType: 'text/csv' });
  conform(problems, await admin.post(`/api/v1/imports/${up2.json.id}/commit`, { mapping: up2.json.mapping }), 'POST', '/api/v1/imports/{id}/commit');
  assert.deepEqual(problems, []);
});

test(`[${BACKEND}] schemas: users, tokens and audit answers`, async () => {
  const problems = [];
  conform(problems, await admin.get('/api/v1/users?limit=10'), 'GET', '/api/v1/users');
  const u = await createUser(admin, { roles: ['staff'] });
  conform(problems, await admin.patch(`/api/v1/users/${u.id}`, { display_name: 'Schema' }), 'PATCH', '/api/v1/users/{id}');
  conform(problems, await admin.post(`/api/v1/users/${u.id}/tokens`, { name: 'schema' }), 'POST', '/api/v1/users/{id}/tokens');
  conform(problems, await admin.get(`/api/v1/users/${u.id}/tokens`), 'GET', '/api/v1/users/{id}/tokens');
  conform(problems, await admin.get('/api/v1/audit?limit=50'), 'GET', '/api/v1/audit');
  conform(problems, await admin.get('/api/v1/audit/verify'), 'GET', '/api/v1/audit/verify');
  const inst = expectJson(await admin.get('/api/v1/me'), 200, 'me').user.institution.id;
  conform(problems, await new Client().get(`/api/v1/public/institutions/${inst}/audit-anchor`), 'GET', '/api/v1/public/institutions/{institution_id}/audit-anchor');
  conform(problems, await new Client().get('/api/v1/public/institutions/999999999/audit-anchor'), 'GET', '/api/v1/public/institutions/{institution_id}/audit-anchor');
  const created = await admin.post('/api/v1/users', { login: `schema-${Date.now()}`, password: 'long-enough-pw', display_name: 'S', roles: [] });
  conform(problems, created, 'POST', '/api/v1/users');
  assert.deepEqual(problems, []);
});

test(`[${BACKEND}] schemas: problem answers`, async () => {
  const problems = [];
  conform(problems, await new Client().get('/api/v1/me'), 'GET', '/api/v1/me');
  conform(problems, await staff.get('/api/v1/users'), 'GET', '/api/v1/users');
  conform(problems, await staff.get('/api/v1/people/999999999'), 'GET', '/api/v1/people/{id}');
  conform(problems, await staff.post('/api/v1/people', { name: 'X' }), 'POST', '/api/v1/people');
  conform(problems, await staff.post('/api/v1/people', undefined, { body: '{', contentType: 'application/json' }), 'POST', '/api/v1/people');
  conform(problems, await staff.post('/api/v1/people', undefined, { body: '{}', contentType: 'text/plain' }), 'POST', '/api/v1/people');
  conform(problems, await staff.post('/api/v1/people', { name: 'X' }, { csrf: false }), 'POST', '/api/v1/people');
  const n = studentNumber();
  await staff.post('/api/v1/people', { surname: 'Қос', name: 'Бір', student: { student_number: n } });
  conform(problems, await staff.post('/api/v1/people', { surname: 'Қос', name: 'Екі', student: { student_number: n } }), 'POST', '/api/v1/people');
  assert.deepEqual(problems, []);
});
