// Sessions on a schedule (MTG-1), protocol numbers by the date held (MTG-7), "mark all present",
// the founding composition of a new body (ORG-6) and who may hold a position (ORG-3). Each
// refusal is checked with its RULEBOOK ID, and that it changed nothing.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND, KENES_BIN, signIn, expectJson, expectProblem, createUser, createPerson, cyrTag, cap, uniq, studentNumber, auditHead, auditSince,
} from './lib/client.mjs';
import { startClockServer, almaty, addDays } from './lib/clock-server.mjs';

// Today in Almaty (the server's calendar), not in UTC.
const TODAY = new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);
const NEXT_WEEK = addDays(TODAY, 7);

let server;
after(async () => { if (server) await server.stop(); });

async function student(admin, tag, i) {
  return createPerson(admin, { surname: cap(cyrTag()), name: `${tag}${i}`, student: { student_number: studentNumber() } });
}

async function staffMember(admin, tag) {
  return createPerson(admin, { surname: cap(cyrTag()), name: `${tag}Мұғалім`, staff: { position: 'Оқытушы' } });
}

// A club of a chair and `n - 1` members, all students, seated from `since`.
async function club(admin, n = 3, since = TODAY) {
  const tag = cap(cyrTag(5));
  const body = expectJson(await admin.post('/api/v1/bodies', { template: 'club', name: `Клуб ${tag} ${uniq()}` }), 201, 'club');
  const people = [];
  for (let i = 0; i < n; i++) {
    const p = await student(admin, tag, i);
    expectJson(await admin.post(`/api/v1/bodies/${body.id}/members`,
      { person_id: p.id, position: i ? 'member' : 'chair', starts_on: since, accepted_regulation: true }), 201, 'member');
    people.push(p);
  }
  return { body, people, chair: people[0] };
}

function convene(client, bodyId, chairId, held_on, starts_at) {
  return client.post(`/api/v1/bodies/${bodyId}/meetings`, { held_on, starts_at, place: 'Зал', convened_by: chairId });
}

test(`[${BACKEND}] a session convened for next week is scheduled: no attendance, vote or closing before its start (MTG-1)`, { skip: !KENES_BIN, timeout: 60000 }, async () => {
  const admin = await signIn('admin');
  const { body, people, chair } = await club(admin);
  expectProblem(await convene(admin, body.id, chair.id, NEXT_WEEK, undefined), 422, 'validation', { fields: [{ field: 'starts_at', code: 'required' }] });
  expectProblem(await convene(admin, body.id, chair.id, NEXT_WEEK, '25:00'), 422, 'validation', { fields: [{ field: 'starts_at', code: 'invalid' }] });
  assert.equal(expectJson(await admin.get(`/api/v1/bodies/${body.id}/meetings`), 200, 'list').items.length, 0, 'nothing convened by bad input');
  const meeting = expectJson(await convene(admin, body.id, chair.id, NEXT_WEEK, '10:00'), 201, 'convene');
  assert.equal(meeting.status, 'scheduled');
  assert.equal(meeting.starts_at, '10:00');
  // The agenda may be prepared in advance.
  const withItem = expectJson(await admin.post(`/api/v1/meetings/${meeting.id}/items`, { kind: 'other', title: 'Жоспар', motion: 'Бекітілсін' }), 200, 'item');
  const item = withItem.items[0];
  const ru = await signIn('admin', { lang: 'ru' });
  const refused = expectProblem(await ru.put(`/api/v1/meetings/${meeting.id}/attendance`, { person_id: chair.id, present: true }), 422, 'rule', { rule: 'MTG-1' });
  assert.match(refused.detail, /10:00/, 'the refusal names the start');
  expectProblem(await admin.post(`/api/v1/meetings/${meeting.id}/attendance/all-present`, {}), 422, 'rule', { rule: 'MTG-1' });
  expectProblem(await admin.post(`/api/v1/agenda-items/${item.id}/vote/open`, {}), 422, 'rule', { rule: 'MTG-1' });
  expectProblem(await admin.post(`/api/v1/meetings/${meeting.id}/close`, {}), 422, 'rule', { rule: 'MTG-1' });
  const still = expectJson(await admin.get(`/api/v1/meetings/${meeting.id}`), 200, 'meeting');
  assert.equal(still.status, 'scheduled');
  assert.ok(still.attendance.every((a) => a.status === 'unmarked'), 'nobody marked');
  assert.equal(still.items[0].vote_status, 'none');

  // The server's clock one second before and one second after the start.
  server = await startClockServer();
  server.set(almaty(NEXT_WEEK, 9, 59, 59));
  const early = await signIn('admin', { base: server.base });
  assert.equal(expectJson(await early.get(`/api/v1/meetings/${meeting.id}`), 200, 'before').status, 'scheduled');
  expectProblem(await early.put(`/api/v1/meetings/${meeting.id}/attendance`, { person_id: chair.id, present: true }), 422, 'rule', { rule: 'MTG-1' });
  server.set(almaty(NEXT_WEEK, 10, 0, 1));
  assert.equal(expectJson(await early.get(`/api/v1/meetings/${meeting.id}`), 200, 'after').status, 'open');
  const marked = expectJson(await early.put(`/api/v1/meetings/${meeting.id}/attendance`, { person_id: people[1].id, present: true }), 200, 'attendance');
  assert.equal(marked.attendance.find((a) => a.person_id === people[1].id).status, 'present');
  expectJson(await early.post(`/api/v1/meetings/${meeting.id}/attendance/all-present`, {}), 200, 'all present');
  const opened = expectJson(await early.post(`/api/v1/agenda-items/${item.id}/vote/open`, {}), 200, 'vote opens');
  assert.equal(opened.items[0].vote_status, 'open');
});

test(`[${BACKEND}] bodies show the last session held and the next one apart (MTG-1)`, async () => {
  const admin = await signIn('admin');
  const { body, chair } = await club(admin, 3, addDays(TODAY, -60));
  expectJson(await convene(admin, body.id, chair.id, addDays(TODAY, -30), '00:00'), 201, 'held');
  const next = expectJson(await convene(admin, body.id, chair.id, NEXT_WEEK, '14:30'), 201, 'next');
  const detail = expectJson(await admin.get(`/api/v1/bodies/${body.id}`), 200, 'body');
  assert.equal(detail.last_session, addDays(TODAY, -30), 'the session held, not next week\'s');
  assert.deepEqual(detail.next_session, { id: next.id, held_on: NEXT_WEEK, starts_at: '14:30' });
  const listed = expectJson(await admin.get('/api/v1/bodies'), 200, 'list').items.find((b) => b.id === body.id);
  assert.equal(listed.last_session, addDays(TODAY, -30));
  assert.equal(listed.next_session.id, next.id);
  const fresh = (await club(admin, 1)).body;
  const empty = expectJson(await admin.get(`/api/v1/bodies/${fresh.id}`), 200, 'empty');
  assert.equal(empty.last_session, null);
  assert.equal(empty.next_session, null);
});

test(`[${BACKEND}] protocols are numbered by the date held; a signed protocol keeps its number (MTG-7)`, async () => {
  const admin = await signIn('admin');
  const { body, chair } = await club(admin, 1, '2025-09-01');
  const chairUser = await createUser(admin, { roles: ['student'], person_id: chair.id });
  const numbers = async () => Object.fromEntries(expectJson(await admin.get(`/api/v1/bodies/${body.id}/meetings`), 200, 'list').items.map((m) => [m.held_on, m.number]));
  const a = expectJson(await convene(admin, body.id, chair.id, '2025-11-10', '10:00'), 201, 'A');
  assert.equal(a.number, 1);
  // Convened later for an earlier date: it takes No. 1, the 10 November session becomes No. 2.
  const head = await auditHead(admin);
  const b = expectJson(await convene(admin, body.id, chair.id, '2025-11-03', '10:00'), 201, 'B');
  assert.equal(b.number, 1);
  assert.deepEqual(await numbers(), { '2025-11-03': 1, '2025-11-10': 2 });
  const renumbered = (await auditSince(admin, head, { action: 'meeting.renumber' })).filter((e) => String(e.entity_id) === String(a.id));
  assert.equal(renumbered.length, 1, 'the renumbering is audited');
  // No. 2 (10 November) is held and its protocol signed: it keeps No. 2 from now on.
  expectJson(await admin.put(`/api/v1/meetings/${a.id}/attendance`, { person_id: chair.id, present: true }), 200, 'present');
  expectJson(await admin.post(`/api/v1/meetings/${a.id}/close`, {}), 201, 'close');
  const signer = await signIn(chairUser.login, { password: chairUser.password });
  assert.equal(expectJson(await signer.post(`/api/v1/meetings/${a.id}/protocol/sign`, {}), 200, 'sign').status, 'final');
  expectJson(await convene(admin, body.id, chair.id, '2025-10-20', '10:00'), 201, 'C');
  expectJson(await convene(admin, body.id, chair.id, '2025-11-20', '09:00'), 201, 'D');
  expectJson(await convene(admin, body.id, chair.id, '2025-11-20', '08:00'), 201, 'E');
  const list = expectJson(await admin.get(`/api/v1/bodies/${body.id}/meetings`), 200, 'list').items;
  const by = (d, t) => list.find((m) => m.held_on === d && m.starts_at === t).number;
  assert.equal(by('2025-11-10', '10:00'), 2, 'signed: never renumbered');
  assert.equal(by('2025-10-20', '10:00'), 1);
  assert.equal(by('2025-11-03', '10:00'), 3, 'the next free number after the signed one');
  assert.equal(by('2025-11-20', '08:00'), 4, 'same day: by start time');
  assert.equal(by('2025-11-20', '09:00'), 5);
  assert.equal(expectJson(await admin.get(`/api/v1/meetings/${a.id}/protocol`), 200, 'protocol').number, 2);
});

test(`[${BACKEND}] mark all present: every member, one request, audited per person, only while the session is open`, async () => {
  const admin = await signIn('admin');
  const { body, people, chair } = await club(admin, 4);
  const meeting = expectJson(await convene(admin, body.id, chair.id, TODAY, '00:00'), 201, 'convene');
  expectJson(await admin.put(`/api/v1/meetings/${meeting.id}/attendance`, { person_id: people[1].id, present: false }), 200, 'absent');
  expectJson(await admin.put(`/api/v1/meetings/${meeting.id}/attendance`, { person_id: people[2].id, present: true }), 200, 'present');
  expectProblem(await admin.post(`/api/v1/meetings/${meeting.id}/attendance/all-present`, { person_id: 1 }), 422, 'validation',
    { fields: [{ field: 'person_id', code: 'unknown_field' }] });
  const head = await auditHead(admin);
  const all = expectJson(await admin.post(`/api/v1/meetings/${meeting.id}/attendance/all-present`, {}), 200, 'all present');
  assert.ok(all.attendance.every((a) => a.status === 'present'), 'everyone present');
  assert.equal(all.voting_present, 4);
  const entries = await auditSince(admin, head, { action: 'meeting.attendance' });
  assert.equal(entries.filter((e) => String(e.entity_id) === String(meeting.id)).length, 3, 'one entry per person newly marked present');
  const pupil = await signIn('student');
  expectProblem(await pupil.post(`/api/v1/meetings/${meeting.id}/attendance/all-present`, {}), 403, 'forbidden');
  expectJson(await admin.post(`/api/v1/meetings/${meeting.id}/close`, {}), 201, 'close');
  expectProblem(await admin.post(`/api/v1/meetings/${meeting.id}/attendance/all-present`, {}), 422, 'rule', { rule: 'MTG-7' });
});

test(`[${BACKEND}] a founding act staffs a new body in one step; afterwards the Council decides on seats (ORG-6)`, async () => {
  const admin = await signIn('admin');
  const tag = cap(cyrTag(5));
  const council = expectJson(await admin.post('/api/v1/bodies', { template: 'council', name: `Кеңес ${tag} ${uniq()}` }), 201, 'council');
  const [chairP, viceP, memberP, lateP] = [await student(admin, tag, 0), await student(admin, tag, 1), await student(admin, tag, 2), await student(admin, tag, 3)];
  const dean = await staffMember(admin, tag);
  const act = {
    order_number: `45-ө/${tag}`, order_date: TODAY, signed_by: 'Директор Н. Б. Әбенова', accepted_regulation: true,
    seats: [{ person_id: chairP.id, position: 'chair' }, { person_id: viceP.id, position: 'vice_chair' }, { person_id: memberP.id, position: 'member' },
      { person_id: dean.id, position: 'member', ex_officio: true }],
  };
  // Bad input: each problem at its field, nothing written.
  expectProblem(await admin.post(`/api/v1/bodies/${council.id}/founding-act`, { ...act, order_number: '', seats: [{ person_id: chairP.id, position: 'president' }, { person_id: chairP.id, position: 'member' }] }),
    422, 'validation', { fields: [{ field: 'order_number', code: 'required' }, { field: 'seats[0].position', code: 'invalid' }, { field: 'seats[1].person_id', code: 'duplicate' }] });
  expectProblem(await admin.post(`/api/v1/bodies/${council.id}/founding-act`, { ...act, seats: [] }), 422, 'validation', { fields: [{ field: 'seats', code: 'required' }] });
  expectProblem(await admin.post(`/api/v1/bodies/${council.id}/founding-act`, { ...act, accepted_regulation: false }), 422, 'rule', { rule: 'ORG-4' });
  expectProblem(await admin.post(`/api/v1/bodies/${council.id}/founding-act`, { ...act, seats: [...act.seats, { person_id: 999999999, position: 'member' }] }),
    422, 'validation', { fields: [{ field: 'seats[4].person_id', code: 'not_found' }] });
  const pupil = await signIn('student');
  expectProblem(await pupil.post(`/api/v1/bodies/${council.id}/founding-act`, act), 403, 'forbidden');
  let detail = expectJson(await admin.get(`/api/v1/bodies/${council.id}`), 200, 'unchanged');
  assert.equal(detail.members.length, 0, 'no seat from a refused act');
  assert.equal(detail.founding_act, null);

  const head = await auditHead(admin);
  const recorded = expectJson(await admin.post(`/api/v1/bodies/${council.id}/founding-act`, act), 201, 'founding act');
  assert.equal(recorded.seats.length, 4);
  detail = expectJson(await admin.get(`/api/v1/bodies/${council.id}`), 200, 'staffed');
  assert.deepEqual(detail.founding_act, { id: recorded.id, order_number: act.order_number, order_date: TODAY, signed_by: act.signed_by });
  assert.equal(detail.members.length, 4);
  assert.ok(detail.members.every((m) => m.starts_on === TODAY));
  const entries = await auditSince(admin, head);
  assert.equal(entries.filter((e) => e.action === 'body.found' && String(e.entity_id) === String(council.id)).length, 1, 'the act is audited');
  assert.equal(entries.filter((e) => e.action === 'membership.create' && String(e.after?.body_id) === String(council.id)).length, 4, 'each seat is audited');

  // Once staffed, no second founding act; further seats go by the Council's decision (ORG-6).
  expectProblem(await admin.post(`/api/v1/bodies/${council.id}/founding-act`, { ...act, seats: [{ person_id: lateP.id, position: 'member' }] }), 409, 'conflict', { rule: 'ORG-6' });
  expectProblem(await admin.post(`/api/v1/bodies/${council.id}/members`, { person_id: lateP.id, position: 'member', starts_on: TODAY, accepted_regulation: true }),
    422, 'rule', { rule: 'ORG-6' });
  assert.equal(expectJson(await admin.get(`/api/v1/bodies/${council.id}`), 200, 'after').members.length, 4);
});

test(`[${BACKEND}] a staff member holds only a position open to staff, in a founding act too (ORG-3)`, async () => {
  const admin = await signIn('admin');
  const tag = cap(cyrTag(5));
  const templates = expectJson(await admin.get('/api/v1/body-templates'), 200, 'templates').items;
  assert.deepEqual(templates.find((t) => t.id === 'small_assembly').staff_allowed, ['vice_chair']);
  assert.deepEqual(templates.find((t) => t.id === 'student_government').staff_allowed, []);
  const teacher = await staffMember(admin, tag);
  const government = expectJson(await admin.post('/api/v1/bodies', { template: 'student_government', name: `Үкімет ${tag} ${uniq()}` }), 201, 'government');
  expectProblem(await admin.post(`/api/v1/bodies/${government.id}/members`, { person_id: teacher.id, position: 'member', starts_on: TODAY, accepted_regulation: true }),
    422, 'rule', { rule: 'ORG-3', fields: [{ field: 'person_id', code: 'rule' }] });
  const club = expectJson(await admin.post('/api/v1/bodies', { template: 'club', name: `Клуб ${tag} ${uniq()}` }), 201, 'club');
  const pupil = await student(admin, tag, 1);
  expectProblem(await admin.post(`/api/v1/bodies/${club.id}/founding-act`, { order_number: '7', order_date: TODAY, signed_by: 'Директор', accepted_regulation: true,
    seats: [{ person_id: pupil.id, position: 'chair' }, { person_id: teacher.id, position: 'member' }] }), 422, 'rule', { rule: 'ORG-3', fields: [{ field: 'seats[1].person_id', code: 'rule' }] });
  const clubDetail = expectJson(await admin.get(`/api/v1/bodies/${club.id}`), 200, 'club');
  assert.equal(clubDetail.members.length, 0, 'the whole act is refused');
  assert.equal(clubDetail.founding_act, null);
  // ORG-3: the head of the Youth Center is Vice-President of the Small Assembly.
  const assembly = expectJson(await admin.post('/api/v1/bodies', { template: 'small_assembly', name: `Ассамблея ${tag} ${uniq()}` }), 201, 'assembly');
  expectJson(await admin.post(`/api/v1/bodies/${assembly.id}/members`, { person_id: teacher.id, position: 'vice_chair', starts_on: TODAY, accepted_regulation: true }), 201, 'staff vice-chair');
  // A student may hold any position.
  expectJson(await admin.post(`/api/v1/bodies/${government.id}/members`, { person_id: pupil.id, position: 'member', starts_on: TODAY, accepted_regulation: true }), 201, 'student');
});
