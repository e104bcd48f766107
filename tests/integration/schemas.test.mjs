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
import { png } from './lib/clock-server.mjs';

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

// Discipline (seed 004): every answer of the module on a case from incident to delivered order.
test(`[${BACKEND}] schemas: discipline answers (DISC-CAT-1, DISC-CASE-1..5, DISC-PEN-4..6, DISC-DEV-1)`, async () => {
  const problems = [];
  const TODAY = new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);   // Almaty (GEN-2)
  const tag = cap(cyrTag(6));
  const person = async (extra) => expectJson(await admin.post('/api/v1/people', { surname: `Схема${tag}`, name: cap(cyrTag(5)), ...extra }), 201, 'person');
  const curator = await person({ staff: { position: 'Куратор' } });
  const group = expectJson(await admin.post('/api/v1/groups', { name: `Сх-${tag}`, course: 1, curator_person_id: curator.id }), 201, 'group');
  const student = await person({ student: { student_number: studentNumber(), course: 1, status: 'studying', group_id: group.id } });
  const parent = await person({});
  expectJson(await admin.post(`/api/v1/people/${student.id}/representatives`, { representative_id: parent.id, kind: 'father' }), 201, 'representative');
  const teacher = await person({ staff: { position: 'Мұғалім' } });
  const teacherUser = await createUser(admin, { roles: ['staff'], person_id: teacher.id });
  const teacherClient = await signIn(teacherUser.login, { password: teacherUser.password });
  const committee = expectJson(await admin.post('/api/v1/bodies', { template: 'disciplinary_committee', name: `Тәртіп ${tag}` }), 201, 'committee');
  expectJson(await admin.post(`/api/v1/bodies/${committee.id}/members`,
    { person_id: teacher.id, position: 'chair', starts_on: TODAY, accepted_regulation: true, ex_officio: true }), 201, 'seat');

  conform(problems, await staff.get('/api/v1/discipline/catalogue'), 'GET', '/api/v1/discipline/catalogue');
  conform(problems, await staff.get('/api/v1/discipline/catalogue?on=2020-13-01'), 'GET', '/api/v1/discipline/catalogue');
  const code = `sx_${Date.now()}`;
  conform(problems, await admin.post('/api/v1/discipline/catalogue/versions',
    { code, tier: 'minor', effective_from: TODAY, name_kk: `Схема ${tag}`, name_ru: 'Схема', name_en: 'Schema' }), 'POST', '/api/v1/discipline/catalogue/versions');
  conform(problems, await admin.post('/api/v1/discipline/catalogue/versions', { code, tier: null, effective_from: '2099-01-01' }), 'POST', '/api/v1/discipline/catalogue/versions');
  conform(problems, await admin.put('/api/v1/discipline/settings', { repeat_window_days: 183 }), 'PUT', '/api/v1/discipline/settings');

  const inc = await staff.post('/api/v1/incidents', { kind_code: 'lateness', occurred_on: TODAY, occurred_time: '08:05', place: `Кіреберіс ${tag}`,
    description: `Кешікті ${tag}`, student_ids: [student.id] });
  conform(problems, inc, 'POST', '/api/v1/incidents');
  conform(problems, await staff.post('/api/v1/incidents', { kind_code: 'nope', occurred_on: TODAY, place: 'x', description: 'y', student_ids: [] }), 'POST', '/api/v1/incidents');
  conform(problems, await staff.get(`/api/v1/incidents/${inc.json.id}`), 'GET', '/api/v1/incidents/{id}');
  conform(problems, await staff.get(`/api/v1/incidents?person=${student.id}`), 'GET', '/api/v1/incidents');
  conform(problems, await admin.get(`/api/v1/groups/${group.id}/incidents`), 'GET', '/api/v1/groups/{id}/incidents');
  const wrong = expectJson(await staff.post('/api/v1/incidents', { kind_code: 'uniform', occurred_on: TODAY, place: `Дәліз ${tag}`,
    description: `Қате ${tag}`, student_ids: [student.id] }), 201, 'wrong incident');
  conform(problems, await admin.post(`/api/v1/incidents/${wrong.id}/reverse`, { reason: 'Басқа оқушы еді' }), 'POST', '/api/v1/incidents/{id}/reverse');

  const open = (summary) => admin.post('/api/v1/discipline/cases', { student_id: student.id, committee_body_id: committee.id, basis: 'written_message',
    reporter_name: `Хабар ${tag}`, summary, incident_ids: [inc.json.id], criminal: true });
  const created = await open(`Іс ${tag}`);
  conform(problems, created, 'POST', '/api/v1/discipline/cases');
  const c = created.json.id;
  conform(problems, await admin.get(`/api/v1/discipline/cases/${c}`), 'GET', '/api/v1/discipline/cases/{id}');
  conform(problems, await admin.get('/api/v1/discipline/cases?status=open&limit=5'), 'GET', '/api/v1/discipline/cases');
  conform(problems, await admin.put(`/api/v1/discipline/cases/${c}/facts`, { facts: { offence_occurred: 'Иә', guilt: 'Абайсызда' } }), 'PUT', '/api/v1/discipline/cases/{id}/facts');
  const ev = await admin.post(`/api/v1/discipline/cases/${c}/evidence`, { kind: 'explanation_student', description: 'Түсініктеме', text: 'Кешіріңіз' });
  conform(problems, ev, 'POST', '/api/v1/discipline/cases/{id}/evidence');
  const file = await admin.request('POST', `/api/v1/discipline/cases/${c}/evidence-files?kind=photo&description=${encodeURIComponent('Сурет')}`,
    { body: png(), contentType: 'image/png' });
  conform(problems, file, 'POST', '/api/v1/discipline/cases/{id}/evidence-files');
  const withdrawn = ev.json.evidence.find((e) => e.kind === 'explanation_student').id;
  conform(problems, await admin.post(`/api/v1/case-evidence/${withdrawn}/withdraw`, { reason: 'Қайта жазамын' }), 'POST', '/api/v1/case-evidence/{id}/withdraw');
  conform(problems, await admin.post(`/api/v1/case-evidence/${withdrawn}/withdraw`, { reason: 'Екінші рет' }), 'POST', '/api/v1/case-evidence/{id}/withdraw');
  conform(problems, await admin.post(`/api/v1/discipline/cases/${c}/refusal-act`, { signer_person_ids: [teacher.id, curator.id, parent.id], note: 'Бас тартты' }),
    'POST', '/api/v1/discipline/cases/{id}/refusal-act');
  conform(problems, await admin.post(`/api/v1/discipline/cases/${c}/law-report`,
    { reported_on: TODAY, agencies: ['police', 'situational_centre'], reported_by_person_id: teacher.id, note: 'Хабарланды' }), 'POST', '/api/v1/discipline/cases/{id}/law-report');

  const m = expectJson(await admin.post(`/api/v1/bodies/${committee.id}/meetings`,
    { held_on: TODAY, starts_at: '00:00', place: `Кабинет ${tag}`, convened_by: teacher.id }), 201, 'session');
  expectJson(await admin.post(`/api/v1/meetings/${m.id}/attendance/all-present`, {}), 200, 'all present');
  const agenda = await admin.post(`/api/v1/discipline/cases/${c}/agenda`, { meeting_id: m.id });
  conform(problems, agenda, 'POST', '/api/v1/discipline/cases/{id}/agenda');
  const item = agenda.json.agenda_item_id;
  expectJson(await admin.post(`/api/v1/agenda-items/${item}/vote/open`, {}), 200, 'vote open');
  expectJson(await teacherClient.post(`/api/v1/agenda-items/${item}/votes`, { choice: 'yes' }), 200, 'vote');
  expectJson(await admin.post(`/api/v1/agenda-items/${item}/vote/close`, {}), 200, 'vote close');
  conform(problems, await admin.post(`/api/v1/discipline/cases/${c}/decision`, { measures: [], penalty: 'warning', reasons: 'Себеп' }),
    'POST', '/api/v1/discipline/cases/{id}/decision');
  conform(problems, await admin.post(`/api/v1/discipline/cases/${c}/decision`, { measures: ['conversation'], penalty: 'warning', reasons: 'Әңгіме көмектеспеді' }),
    'POST', '/api/v1/discipline/cases/{id}/decision');
  const order = await admin.post(`/api/v1/discipline/cases/${c}/order`, {});
  conform(problems, order, 'POST', '/api/v1/discipline/cases/{id}/order');
  conform(problems, await admin.post(`/api/v1/discipline/cases/${c}/order`, {}), 'POST', '/api/v1/discipline/cases/{id}/order');
  conform(problems, await admin.get(`/api/v1/discipline/orders/${order.json.id}`), 'GET', '/api/v1/discipline/orders/{id}');
  conform(problems, await admin.post(`/api/v1/discipline/orders/${order.json.id}/delivery`, { method: 'receipt', on: TODAY, received_by_person_id: parent.id }),
    'POST', '/api/v1/discipline/orders/{id}/delivery');
  conform(problems, await new Client().get(`/api/v1/public/discipline-orders/${order.json.verification_code}`), 'GET', '/api/v1/public/discipline-orders/{code}');
  conform(problems, await new Client().get('/api/v1/public/discipline-orders/1y0000'), 'GET', '/api/v1/public/discipline-orders/{code}');
  conform(problems, await admin.get(`/api/v1/discipline/cases/${c}`), 'GET', '/api/v1/discipline/cases/{id}');

  // The register and the record; a paper penalty withdrawn by its date, the order's by intercession (DISC-PEN-5).
  const paper = await admin.post(`/api/v1/people/${student.id}/penalties`, { order_number: `№ ${tag}`, imposed_on: TODAY, reason: 'Қағаз бұйрық' });
  conform(problems, paper, 'POST', '/api/v1/people/{id}/penalties');
  conform(problems, await admin.post(`/api/v1/penalties/${paper.json.id}/withdraw`, { withdrawn_on: TODAY }), 'POST', '/api/v1/penalties/{id}/withdraw');
  conform(problems, await admin.post(`/api/v1/penalties/${order.json.penalty_id}/withdraw`, { withdrawn_on: TODAY }), 'POST', '/api/v1/penalties/{id}/withdraw');
  conform(problems, await admin.get(`/api/v1/people/${student.id}/penalties`), 'GET', '/api/v1/people/{id}/penalties');

  const phone = await staff.post('/api/v1/device-withdrawals', { person_id: student.id, withdrawn_on: TODAY, lesson: `Физика ${tag}` });
  conform(problems, phone, 'POST', '/api/v1/device-withdrawals');
  conform(problems, await staff.get('/api/v1/device-withdrawals'), 'GET', '/api/v1/device-withdrawals');
  conform(problems, await staff.post(`/api/v1/device-withdrawals/${phone.json.id}/return`, { returned_to_person_id: student.id }), 'POST', '/api/v1/device-withdrawals/{id}/return');
  conform(problems, await admin.get(`/api/v1/people/${student.id}/discipline`), 'GET', '/api/v1/people/{id}/discipline');
  assert.deepEqual(problems, []);
});

// The body detail carries every field of the list item and more; the schema declares them all
// (parent_id, kind, template, member_count, voting_members, composition_problems, last_session,
// overdue were missing) and allows nothing else.
test(`[${BACKEND}] schemas: a body's detail declares every field it sends (BodyDetail, additionalProperties false)`, async () => {
  const problems = [];
  const assembly = expectJson(await admin.post('/api/v1/bodies', { template: 'small_assembly', name: `Ассамблея ${cap(cyrTag(6))}` }), 201, 'assembly');
  const detail = await admin.get(`/api/v1/bodies/${assembly.id}`);
  conform(problems, detail, 'GET', '/api/v1/bodies/{id}');
  const child = detail.json.children[0];
  conform(problems, await admin.get(`/api/v1/bodies/${child.id}`), 'GET', '/api/v1/bodies/{id}');
  assert.deepEqual(problems, []);
});

// /healthz answers "ok" and a line feed, as the schema says.
test(`[${BACKEND}] schemas: /healthz is text matching its declared pattern`, async () => {
  const res = await new Client().get('/healthz', { headers: { Accept: 'text/plain' } });
  assert.equal(res.status, 200);
  const schema = doc.paths['/healthz'].get.responses['200'].content['text/plain'].schema;
  assert.equal(schema.const, undefined, 'no const: the body has a line feed');
  assert.match(res.text, new RegExp(schema.pattern));
});
