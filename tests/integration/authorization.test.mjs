// Regression tests of the security review's authorization findings: accounts a role could not
// grant (1), confidential commissions and minors' names on public pages (3), role presets and
// the abilities the UI asks for (13).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND, Client, cap, createPerson, createUser, cyrTag, expectJson, expectProblem, signIn, studentNumber,
} from './lib/client.mjs';

const TODAY = new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);
let admin, sysadmin, inst, tag;

before(async () => {
  admin = await signIn('admin');
  sysadmin = await signIn('sysadmin');
  inst = expectJson(await admin.get('/api/v1/me'), 200, 'me').user.institution.id;
  tag = cap(cyrTag(6));
});

async function studentWithAccount(extra = {}) {
  const person = await createPerson(admin, { surname: `${tag}${cap(cyrTag(4))}`, name: cap(cyrTag(5)),
    student: { student_number: studentNumber(), course: 2, status: 'studying' }, ...extra });
  const u = await createUser(admin, { roles: ['student'], person_id: person.id });
  return { person, client: await signIn(u.login, { password: u.password }) };
}

test(`[${BACKEND}] finding 1: an institution administrator cannot act on a system administrator's account`, async () => {
  const sys = expectJson(await sysadmin.get('/api/v1/me'), 200, 'sysadmin me').user.id;
  const U = `/api/v1/users/${sys}`;
  expectProblem(await admin.post(`${U}/tokens`, { name: 'take-over' }), 403, 'forbidden');
  expectProblem(await admin.get(`${U}/tokens`), 403, 'forbidden');
  expectProblem(await admin.delete(`${U}/tokens/1`), 403, 'forbidden');
  expectProblem(await admin.post(`${U}/password`, { new_password: 'another-long-passphrase-9' }), 403, 'forbidden');
  expectProblem(await admin.patch(U, { display_name: 'Renamed' }), 403, 'forbidden');
  expectProblem(await admin.get(U), 403, 'forbidden');
  // Nor can they grant the role, on a new account or an existing one.
  expectProblem(await admin.post('/api/v1/users', { login: `sa-${cyrTag(4)}x`.replace(/[^a-z0-9-]/g, 'x'), password: 'another-long-passphrase-9', display_name: 'X', roles: ['system_admin'] }),
    403, 'forbidden');
  const plain = await createUser(admin, { roles: ['staff'] });
  expectProblem(await admin.patch(`/api/v1/users/${plain.id}`, { roles: ['system_admin'] }), 403, 'forbidden');
  // The system administrator may, and the administrator still manages ordinary accounts.
  expectJson(await sysadmin.get(`${U}/tokens`), 200, 'own tokens');
  expectJson(await admin.post(`/api/v1/users/${plain.id}/tokens`, { name: 'integration' }), 201, 'token for staff');
});

test(`[${BACKEND}] finding 3: a confidential commission's sessions are its members' and the administration's only`, async () => {
  const member = await studentWithAccount();
  const outsider = await studentWithAccount();
  const teacher = await createPerson(admin, { surname: `${tag}Мұғалім`, name: 'Айгүл', staff: { position: 'Мұғалім' } });
  const dc = expectJson(await admin.post('/api/v1/bodies', { template: 'disciplinary_committee', name: `Тәртіп ${tag}` }), 201, 'committee');
  assert.equal(dc.confidential, true);
  for (const [person, position] of [[teacher.id, 'chair'], [member.person.id, 'member']]) {
    expectJson(await admin.post(`/api/v1/bodies/${dc.id}/members`, { person_id: person, position, starts_on: TODAY, accepted_regulation: true, ex_officio: true }), 201, position);
  }
  const meeting = expectJson(await admin.post(`/api/v1/bodies/${dc.id}/meetings`, { held_on: TODAY, starts_at: '00:00', place: 'Кабинет 12', convened_by: teacher.id }), 201, 'session');
  const M = `/api/v1/meetings/${meeting.id}`;
  for (const path of [M, `${M}/events?view=summary`, `${M}/protocol`, `${M}/protocol.pdf`, `/api/v1/bodies/${dc.id}/meetings`, `/api/v1/bodies/${dc.id}/calendar.ics`]) {
    expectProblem(await outsider.client.get(path), 403, 'forbidden', { what: `outsider ${path}` });
  }
  // The demo student and the demo curator are not members either.
  expectProblem(await (await signIn('student')).get(M), 403, 'forbidden');
  expectProblem(await (await signIn('curator')).get(M), 403, 'forbidden');
  expectJson(await member.client.get(M), 200, 'member');
  expectJson(await admin.get(M), 200, 'administration');
  // The body itself is known to the institution (its name and members), its sessions are not.
  expectJson(await outsider.client.get(`/api/v1/bodies/${dc.id}`), 200, 'body page');

  // Its final protocol is never published (GEN-3).
  expectJson(await admin.put(`${M}/attendance`, { person_id: teacher.id, present: true }), 200, 'present');
  expectJson(await admin.put(`${M}/attendance`, { person_id: member.person.id, present: true }), 200, 'present');
  expectJson(await admin.post(`${M}/close`, {}), 201, 'close');
  const teacherUser = await createUser(admin, { roles: ['staff'], person_id: teacher.id });
  expectJson(await (await signIn(teacherUser.login, { password: teacherUser.password })).post(`${M}/protocol/sign`, {}), 200, 'chair signs');
  const final = expectJson(await member.client.post(`${M}/protocol/sign`, {}), 200, 'member signs');
  assert.equal(final.status, 'final');
  expectProblem(await admin.put(`${M}/protocol/public`, { public: true }), 422, 'rule', { rule: 'GEN-3' });
  const anon = new Client();
  const published = expectJson(await anon.get(`/api/v1/public/institutions/${inst}/protocols`), 200, 'public protocols');
  assert.ok(!JSON.stringify(published).includes(dc.name), 'no protocol of the committee on the public page');
});

test(`[${BACKEND}] finding 3: public pages name student members only where the institution allows it, never in a confidential commission`, async () => {
  const chair = await studentWithAccount();
  const dcMember = await studentWithAccount();
  const teacher = await createPerson(admin, { surname: `${tag}Ұстаз`, name: 'Ерлан', staff: { position: 'Мұғалім' } });
  const council = expectJson(await admin.post('/api/v1/bodies', { template: 'council', name: `Кеңес ${tag}` }), 201, 'council');
  const dc = expectJson(await admin.post('/api/v1/bodies', { template: 'disciplinary_committee', name: `Комитет ${tag}` }), 201, 'committee');
  const seat = async (body, person, position) => expectJson(await admin.post(`/api/v1/bodies/${body}/members`,
    { person_id: person, position, starts_on: TODAY, accepted_regulation: true, ex_officio: true }), 201, position);
  await seat(council.id, chair.person.id, 'chair');
  await seat(dc.id, teacher.id, 'chair');
  await seat(dc.id, dcMember.person.id, 'member');
  const anon = new Client();
  const names = async () => {
    const bodies = expectJson(await anon.get(`/api/v1/public/institutions/${inst}/bodies`), 200, 'public bodies').items;
    const chart = (await anon.get(`/api/v1/public/institutions/${inst}/org-chart.svg`)).text;
    const of = (body) => bodies.find((b) => b.id === body.id).members.map((m) => m.full_name);
    return { council: of(council), dc: of(dc), chart };
  };
  const before = expectJson(await admin.get('/api/v1/institution'), 200, 'institution').publish_student_names;
  try {
    expectJson(await admin.patch('/api/v1/institution', { publish_student_names: false }), 200, 'names off');
    let n = await names();
    assert.deepEqual(n.council, [null], 'a student chair is not named by default');
    assert.ok(n.dc.includes(null) && n.dc.some((x) => x && x.includes(teacher.surname)), 'staff are named, students are not');
    const chartWithoutNames = n.chart;
    expectJson(await admin.patch('/api/v1/institution', { publish_student_names: true }), 200, 'names on');
    n = await names();
    assert.ok(n.council[0].includes(chair.person.surname), 'named once the institution allows it (PLAN-4)');
    assert.ok(n.dc.includes(null), 'never in a confidential commission');
    // The chart is drawn as glyphs, so its text cannot be searched: the public chart changes once
    // names are allowed (the council's chair appears).
    assert.notEqual(n.chart, chartWithoutNames, 'the public chart names students once the institution allows it');
  } finally {
    expectJson(await admin.patch('/api/v1/institution', { publish_student_names: before }), 200, 'restore');
  }
});

test(`[${BACKEND}] finding 13: presets grant only what their people do, and abilities come from the policies`, async () => {
  const student = await signIn('student');
  const me = expectJson(await student.get('/api/v1/me'), 200, 'me').user;
  assert.ok(!me.permissions.includes('elections.run'), 'a student does not run elections (ELEC-COM-1)');
  expectProblem(await student.post('/api/v1/elections', { academic_year: '2199-2200', commission_body_id: 1, government_body_id: 1 }), 403, 'forbidden');
  // A body's chair may run it; a student outside it may only read it.
  const chair = await studentWithAccount();
  const outsider = await studentWithAccount();
  const council = expectJson(await admin.post('/api/v1/bodies', { template: 'council', name: `Кеңес ${tag}-2` }), 201, 'council');
  expectJson(await admin.post(`/api/v1/bodies/${council.id}/members`, { person_id: chair.person.id, position: 'chair', starts_on: TODAY, accepted_regulation: true }), 201, 'chair');
  const abilities = async (client) => expectJson(await client.get(`/api/v1/me/abilities?object=body&id=${council.id}`), 200, 'abilities').actions;
  // ORG-11: the chair also issues instructions, reads them and reports (when the body is a Secretariat).
  assert.deepEqual(await abilities(chair.client), ['body.issue_instruction', 'body.read', 'body.read_instructions', 'body.read_sessions', 'body.report_to_council', 'body.run']);
  assert.deepEqual(await abilities(outsider.client), ['body.read', 'body.read_sessions']);
  // The principal's office (staff, bodies.manage) records founding acts (ORG-6).
  assert.deepEqual(await abilities(await signIn('staff')), ['body.found', 'body.issue_instruction', 'body.manage', 'body.read', 'body.read_instructions', 'body.read_sessions',
    'body.report_to_council', 'body.run']);
  expectProblem(await outsider.client.get('/api/v1/me/abilities?object=body&id=999999999'), 404, 'not_found');
  expectProblem(await outsider.client.get('/api/v1/me/abilities?object=nothing'), 422, 'validation', { fields: [{ field: 'object', code: 'invalid' }] });
  expectProblem(await outsider.client.get('/api/v1/me/abilities?object=body&id=abc'), 422, 'validation', { fields: [{ field: 'id', code: 'invalid' }] });
});
