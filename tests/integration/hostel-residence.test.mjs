// The hostel's residence half (seed 004, hostel rules): settlement on the principal's order and the
// residents' register (HST-REG-1), the acceptance certificate, damage and relocation, the routine
// (HST-DAY-1), leave and the door (HST-LV-1, HST-LV-2), visits (HST-VIS-1), violations and the
// 3-strike rule (HST-VIOL-1, HST-VIOL-2), eviction (HST-EV-1, HST-EV-2), "needs you", notices to
// representatives (REP-1) and who may see what (GEN-3). Each refusal is checked with its rule.
//
// The stock (hostels, rooms, places) is the allocation half's API: POST /api/v1/hostel/hostels and
// POST /api/v1/hostel/hostels/{id}/rooms. Where the server does not have it, these tests skip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND, cap, createPerson, createUser, cyrTag, expectAudit, expectJson, expectProblem, sameId, signIn, studentNumber, uniq,
} from './lib/client.mjs';
import { addDays, almaty, startClockServer } from './lib/clock-server.mjs';

const TODAY = new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);   // Almaty (GEN-2)
let admin;
let head;        // the head of the hostel (staff: hostel.manage and hostel.door)
let dutyLogin;   // a duty officer (staff) who works on the clock server: signing in there at a later time must not end the head's session
let server = null;

// The first day of the given ISO weekday (1 Monday .. 7 Sunday) on or after `date`.
function nextWeekday(date, weekday) {
  for (let d = date; ; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay() || 7;
    if (wd === weekday) return d;
  }
}

before(async () => {
  admin = await signIn('admin');
  const tag = cap(cyrTag(5));
  const person = await createPerson(admin, { surname: `Меңгеруші${tag}`, name: 'Сәуле', staff: { position: 'Жатақхана меңгерушісі' } });
  const u = await createUser(admin, { roles: ['staff'], person_id: person.id });
  head = await signIn(u.login, { password: u.password });
  const dutyPerson = await createPerson(admin, { surname: `Кезекші${tag}`, name: 'Ерлан', staff: { position: 'Кезекші' } });
  dutyLogin = await createUser(admin, { roles: ['staff'], person_id: dutyPerson.id });
});

after(async () => {
  if (server) await server.stop();
});

async function clock() {
  if (!server) server = await startClockServer();
  return server;
}

// Signs in on the clock server at an Almaty wall time (a session of that time).
async function at(login, date, hh, mm = 0) {
  const s = await clock();
  s.set(almaty(date, hh, mm));
  return signIn(login.login, { password: login.password, base: s.base });
}

// A hostel with a female and a male room; a class with a curator; a girl of grade 9 with her
// mother (an account) and a girl of grade 10 with her father; a boy; a girl of grade 5.
async function world({ places = 3 } = {}) {
  const tag = cap(cyrTag(6));
  const hostel = expectJson(await head.post('/api/v1/hostel/hostels', { name: `Жатақхана ${tag}` }), 201, 'hostel');
  // The answer is the room, or the hostel with its rooms: the room is found by its number.
  const room = async (number, gender, n = places) => {
    const answer = expectJson(await head.post(`/api/v1/hostel/hostels/${hostel.id}/rooms`, { floor: 1, number: `${number}-${tag}`, gender, places: n }), 201, 'room');
    return answer.rooms ? answer.rooms.find((r) => r.number === `${number}-${tag}`) : answer;
  };
  const girls = await room('101', 'female');
  const boys = await room('102', 'male');
  const placesOf = async (r, gender) => expectJson(await head.get(`/api/v1/hostel/free-places?gender=${gender}`), 200, 'free places')
    .items.filter((p) => sameId(p.room_id, r.id)).map((p) => p.place_id);
  const person = (extra = {}) => createPerson(admin, { surname: `${tag}${cap(cyrTag(4))}`, name: cap(cyrTag(5)), ...extra });
  const account = async (p, roles) => {
    const u = await createUser(admin, { roles, person_id: p.id });
    return { client: await signIn(u.login, { password: u.password }), login: u.login, password: u.password };
  };
  const curator = await person({ staff: { position: 'Сынып жетекшісі' } });
  const group = expectJson(await admin.post('/api/v1/groups', { name: `${tag}-9Ә`, course: 1, curator_person_id: curator.id }), 201, 'group');
  const student = (gender, grade) => person({ gender, student: { student_number: studentNumber(), course: 1, grade, status: 'studying', group_id: group.id } });
  const girl = await student('female', 9);
  const girl2 = await student('female', 10);
  const boy = await student('male', 10);
  const small = await student('female', 5);
  const mother = await person({ gender: 'female' });
  const father = await person({ gender: 'male' });
  expectJson(await admin.post(`/api/v1/people/${girl.id}/representatives`, { representative_id: mother.id, kind: 'mother' }), 201, 'mother');
  expectJson(await admin.post(`/api/v1/people/${girl2.id}/representatives`, { representative_id: father.id, kind: 'father' }), 201, 'father');
  return {
    tag, hostel, girls, boys, girlPlaces: await placesOf(girls, 'female'), boyPlaces: await placesOf(boys, 'male'), girl, girl2, boy, small, mother, father, curator, group,
    girlAcc: await account(girl, ['student']), motherAcc: await account(mother, ['legal_representative']), fatherAcc: await account(father, ['legal_representative']),
    curatorAcc: await account(curator, ['curator']), boyAcc: await account(boy, ['student']),
  };
}

const settle = (who, body) => who.post('/api/v1/hostel/residents', {
  basis: 'grant', priority_group: 2, settled_on: TODAY, settlement_order_date: TODAY, settlement_order_number: `${uniq().slice(-5)}-ж`, ...body,
});

const fullName = (p) => `${p.surname} ${p.name}`;

test(`[${BACKEND}] HST-REG-1: the head settles a student of grades 7-12 on a free place of her gender, on the principal's order; the register shows it`, async (t) => {
  const w = await world();
  // Grades 7-12 only; the room's gender; a free place; the priority group without an application.
  expectProblem(await settle(head, { person_id: w.small.id, place_id: w.girlPlaces[0] }), 422, 'rule', { rule: 'HST-REG-1', fields: [{ field: 'person_id', code: 'rule' }] });
  expectProblem(await settle(head, { person_id: w.boy.id, place_id: w.girlPlaces[0] }), 422, 'rule', { rule: 'HST-REG-1', fields: [{ field: 'place_id', code: 'rule' }] });
  expectProblem(await settle(head, { person_id: w.girl.id, place_id: w.girlPlaces[0], priority_group: undefined }), 422, 'validation',
    { fields: [{ field: 'priority_group', code: 'required' }] });
  expectProblem(await settle(head, { person_id: w.girl.id, place_id: w.girlPlaces[0], priority_group: 6 }), 422, 'validation',
    { fields: [{ field: 'priority_group', code: 'out_of_range' }] });
  expectProblem(await settle(head, { person_id: w.mother.id, place_id: w.girlPlaces[0] }), 422, 'validation', { fields: [{ field: 'person_id', code: 'not_student' }] });
  expectProblem(await settle(head, { person_id: w.girl.id, place_id: w.girlPlaces[0], settled_on: addDays(TODAY, -1) }), 422, 'validation',
    { fields: [{ field: 'settled_on', code: 'before_from' }] });
  // Nothing of the refused requests was written.
  assert.equal(expectJson(await head.get(`/api/v1/hostel/residents?q=${encodeURIComponent(w.girl.surname)}`), 200, 'none yet').items.length, 0);
  const r = expectJson(await settle(head, { person_id: w.girl.id, place_id: w.girlPlaces[0], settlement_order_number: '17-ж', priority_group: 2 }), 201, 'settled');
  assert.equal(r.settlement_order_number, '17-ж');
  assert.equal(r.settlement_order_date, TODAY);
  assert.equal(r.priority_group, 2);
  assert.equal(r.basis, 'grant');
  assert.equal(r.evicted_on, null);
  await expectAudit(admin, { action: 'hostel_resident.settle', entityId: r.id });
  // The place is taken; the student lives in one place at a time.
  expectProblem(await settle(head, { person_id: w.girl2.id, place_id: w.girlPlaces[0] }), 422, 'validation', { fields: [{ field: 'place_id', code: 'taken' }] });
  expectProblem(await settle(head, { person_id: w.girl.id, place_id: w.girlPlaces[1] }), 422, 'validation', { fields: [{ field: 'person_id', code: 'taken' }] });
  const free = expectJson(await head.get('/api/v1/hostel/free-places?gender=female'), 200, 'free').items.map((p) => p.place_id);
  assert.ok(!free.some((id) => sameId(id, w.girlPlaces[0])), 'the taken place is not free');
  // The register (appendix 6) with the order's number and date; as PDF.
  const reg = expectJson(await head.get(`/api/v1/hostel/residents?q=${encodeURIComponent(w.girl.surname)}`), 200, 'register');
  assert.equal(reg.items.length, 1);
  assert.equal(reg.items[0].settlement_order_number, '17-ж');
  await expectAudit(admin, { action: 'hostel_resident.list' });
  const pdf = await head.get('/api/v1/hostel/residents/pdf?lang=kk');
  assert.equal(pdf.status, 200);
  assert.match(pdf.contentType, /application\/pdf/);
  // Those without hostel.manage do not read the register nor settle.
  expectProblem(await w.girlAcc.client.get('/api/v1/hostel/residents'), 403, 'forbidden');
  expectProblem(await settle(w.motherAcc.client, { person_id: w.girl2.id, place_id: w.girlPlaces[1] }), 403, 'forbidden');
});

test(`[${BACKEND}] HST-REG-1: the acceptance certificate is signed by the representative in the app (or on paper); damage is recorded and compensated`, async (t) => {
  const w = await world();
  const r = expectJson(await settle(head, { person_id: w.girl.id, place_id: w.girlPlaces[0] }), 201, 'settled');
  const r2 = expectJson(await settle(head, { person_id: w.girl2.id, place_id: w.girlPlaces[1] }), 201, 'settled 2');
  expectProblem(await w.motherAcc.client.post(`/api/v1/hostel/residents/${r.id}/certificate/sign`, {}), 409, 'conflict');
  expectProblem(await head.put(`/api/v1/hostel/residents/${r.id}/certificate`, { items: [] }), 422, 'validation', { fields: [{ field: 'items', code: 'required' }] });
  expectProblem(await head.put(`/api/v1/hostel/residents/${r.id}/certificate`, { items: [{ name: 'Кереует', quantity: 0 }] }), 422, 'validation',
    { fields: [{ field: 'items[0].quantity', code: 'out_of_range' }] });
  const items = [{ name: 'Кереует', quantity: 1, condition: 'жақсы' }, { name: 'Көрпе', quantity: 2, condition: 'жаңа' }];
  const issued = expectJson(await head.put(`/api/v1/hostel/residents/${r.id}/certificate`, { items }), 200, 'certificate');
  assert.equal(issued.certificate.items.length, 2);
  assert.equal(issued.certificate.signed_at, null);
  // The mother is asked (needs you, a logged notice); the student and another parent may not sign.
  const needs = expectJson(await w.motherAcc.client.get('/api/v1/me/needs'), 200, 'needs').items.filter((n) => n.kind === 'hostel_certificate_sign');
  assert.equal(needs.length, 1);
  const notes = expectJson(await w.motherAcc.client.get('/api/v1/me/notifications?limit=200'), 200, 'notices').items.filter((n) => n.kind === 'hostel_certificate');
  assert.equal(notes.length, 1);
  expectProblem(await w.girlAcc.client.post(`/api/v1/hostel/residents/${r.id}/certificate/sign`, {}), 403, 'forbidden');
  expectProblem(await w.fatherAcc.client.post(`/api/v1/hostel/residents/${r.id}/certificate/sign`, {}), 403, 'forbidden');
  const signed = expectJson(await w.motherAcc.client.post(`/api/v1/hostel/residents/${r.id}/certificate/sign`, {}), 200, 'signed');
  assert.equal(signed.certificate.signed_how, 'app');
  assert.equal(signed.certificate.signed_by, fullName(w.mother));
  await expectAudit(admin, { action: 'hostel_certificate.sign', entityId: r.id });
  expectProblem(await head.put(`/api/v1/hostel/residents/${r.id}/certificate`, { items }), 409, 'conflict');
  assert.equal(expectJson(await w.motherAcc.client.get('/api/v1/me/needs'), 200, 'needs').items.filter((n) => n.kind === 'hostel_certificate_sign').length, 0);
  const pdf = await w.motherAcc.client.get(`/api/v1/hostel/residents/${r.id}/certificate/pdf?lang=ru`);
  assert.equal(pdf.status, 200);
  // On paper: the head records the signature of the student's representative, nobody else's.
  expectJson(await head.put(`/api/v1/hostel/residents/${r2.id}/certificate`, { items }), 200, 'certificate 2');
  expectProblem(await head.post(`/api/v1/hostel/residents/${r2.id}/certificate/paper-signature`, { representative_id: w.mother.id }), 422, 'rule',
    { rule: 'HST-REG-1', fields: [{ field: 'representative_id', code: 'rule' }] });
  const paper = expectJson(await head.post(`/api/v1/hostel/residents/${r2.id}/certificate/paper-signature`, { representative_id: w.father.id }), 200, 'paper');
  assert.equal(paper.certificate.signed_how, 'paper');
  // Damage, then its compensation (not before it was recorded, not twice).
  const dmg = expectJson(await head.post(`/api/v1/hostel/residents/${r.id}/damages`, { description: 'Терезе әйнегі сынды', amount_tenge: 15000, recorded_on: TODAY }), 201, 'damage');
  const d = dmg.damages[0];
  assert.equal(d.amount_tenge, 15000);
  assert.equal(d.compensated_on, null);
  expectProblem(await head.post(`/api/v1/hostel/residents/${r.id}/damages`, { description: 'Болашақ', amount_tenge: 1, recorded_on: addDays(TODAY, 1) }), 422, 'validation',
    { fields: [{ field: 'recorded_on', code: 'in_future' }] });
  expectProblem(await head.post(`/api/v1/hostel/residents/${r.id}/damages/${d.id}/compensated`, { compensated_on: addDays(TODAY, -1) }), 422, 'validation',
    { fields: [{ field: 'compensated_on', code: 'before_from' }] });
  const comp = expectJson(await head.post(`/api/v1/hostel/residents/${r.id}/damages/${d.id}/compensated`, { compensated_on: TODAY }), 200, 'compensated');
  assert.equal(comp.damages[0].compensated_on, TODAY);
  expectProblem(await head.post(`/api/v1/hostel/residents/${r.id}/damages/${d.id}/compensated`, { compensated_on: TODAY }), 409, 'conflict');
  expectProblem(await w.motherAcc.client.post(`/api/v1/hostel/residents/${r.id}/damages`, { description: 'x', amount_tenge: 1, recorded_on: TODAY }), 403, 'forbidden');
});

test(`[${BACKEND}] HST-REG-1: the head relocates a resident to a free place of her gender`, async (t) => {
  const w = await world();
  const r = expectJson(await settle(head, { person_id: w.girl.id, place_id: w.girlPlaces[0] }), 201, 'settled');
  expectJson(await settle(head, { person_id: w.girl2.id, place_id: w.girlPlaces[1] }), 201, 'settled 2');
  expectProblem(await head.post(`/api/v1/hostel/residents/${r.id}/relocate`, { place_id: w.boyPlaces[0], moved_on: TODAY, reason: 'Өтініш' }), 422, 'rule',
    { rule: 'HST-REG-1', fields: [{ field: 'place_id', code: 'rule' }] });
  expectProblem(await head.post(`/api/v1/hostel/residents/${r.id}/relocate`, { place_id: w.girlPlaces[1], moved_on: TODAY, reason: 'Өтініш' }), 422, 'validation',
    { fields: [{ field: 'place_id', code: 'taken' }] });
  const moved = expectJson(await head.post(`/api/v1/hostel/residents/${r.id}/relocate`, { place_id: w.girlPlaces[2], moved_on: TODAY, reason: 'Өтініш' }), 200, 'moved');
  assert.ok(sameId(moved.place_id, w.girlPlaces[2]));
  assert.equal(moved.relocations.length, 1);
  const free = expectJson(await head.get('/api/v1/hostel/free-places?gender=female'), 200, 'free').items.map((p) => p.place_id);
  assert.ok(free.some((id) => sameId(id, w.girlPlaces[0])), 'the old place is free again');
  expectProblem(await w.curatorAcc.client.post(`/api/v1/hostel/residents/${r.id}/relocate`, { place_id: w.girlPlaces[0], moved_on: TODAY, reason: 'x' }), 403, 'forbidden');
});

test(`[${BACKEND}] HST-DAY-1: the routine is shown to residents and families; the head edits it, valid and in order`, async () => {
  const student = await signIn('student');
  const r = expectJson(await student.get('/api/v1/hostel/routine'), 200, 'routine');
  for (const k of ['opens', 'closes', 'gadgets_off', 'lights_out']) assert.match(r[k], /^\d\d:\d\d$/);
  expectProblem(await student.put('/api/v1/hostel/routine', r), 403, 'forbidden');
  expectProblem(await head.put('/api/v1/hostel/routine', { ...r, opens: '6:00' }), 422, 'validation', { fields: [{ field: 'opens', code: 'invalid' }] });
  expectProblem(await head.put('/api/v1/hostel/routine', { ...r, lights_out: '24:00' }), 422, 'validation', { fields: [{ field: 'lights_out', code: 'invalid' }] });
  expectProblem(await head.put('/api/v1/hostel/routine', { opens: '06:00', closes: '20:00', gadgets_off: '22:30', lights_out: '22:00' }), 422, 'rule', { rule: 'HST-DAY-1' });
  const saved = expectJson(await head.put('/api/v1/hostel/routine', { opens: '06:00', closes: '20:00', gadgets_off: '21:30', lights_out: '22:00' }), 200, 'saved');
  assert.equal(saved.lights_out, '22:00');
  await expectAudit(admin, { action: 'hostel.routine' });
  const parent = await signIn('parent');
  assert.equal(expectJson(await parent.get('/api/v1/hostel/routine'), 200, 'parent').gadgets_off, '21:30');
});

test(`[${BACKEND}] HST-LV-1: the representative applies two days ahead naming who accompanies; the duty officer lets the student out only with that person or a representative`, async (t) => {
  const w = await world();
  const r = expectJson(await settle(head, { person_id: w.girl.id, place_id: w.girlPlaces[0] }), 201, 'settled');
  const leaveOn = addDays(TODAY, 2);
  const body = { reason: 'weekend', leave_on: leaveOn, return_on: addDays(TODAY, 4), accompanying_name: 'Ахметова  Гүлнар', accompanying_document: '012345678' };
  expectProblem(await w.motherAcc.client.post(`/api/v1/hostel/residents/${r.id}/leaves`, { ...body, leave_on: addDays(TODAY, 1) }), 422, 'rule',
    { rule: 'HST-LV-1', fields: [{ field: 'leave_on', code: 'rule' }] });
  expectProblem(await w.motherAcc.client.post(`/api/v1/hostel/residents/${r.id}/leaves`, { ...body, accompanying_name: undefined }), 422, 'validation',
    { fields: [{ field: 'accompanying_name', code: 'required' }] });
  expectProblem(await w.motherAcc.client.post(`/api/v1/hostel/residents/${r.id}/leaves`, { ...body, return_on: TODAY }), 422, 'validation',
    { fields: [{ field: 'return_on', code: 'before_from' }] });
  expectProblem(await w.fatherAcc.client.post(`/api/v1/hostel/residents/${r.id}/leaves`, body), 403, 'forbidden');
  expectProblem(await w.girlAcc.client.post(`/api/v1/hostel/residents/${r.id}/leaves`, body), 403, 'forbidden');
  const leave = expectJson(await w.motherAcc.client.post(`/api/v1/hostel/residents/${r.id}/leaves`, body), 201, 'leave');
  assert.equal(leave.state, 'applied');
  await expectAudit(admin, { action: 'hostel_leave.apply', entityId: leave.id });
  // Not before the day of leave.
  expectProblem(await head.post(`/api/v1/hostel/leaves/${leave.id}/depart`, { accompanied_by: 'Ахметова Гүлнар' }), 422, 'rule', { rule: 'HST-LV-1' });
  // On the day, at the door.
  const duty = await at(dutyLogin, leaveOn, 15);
  const door = expectJson(await duty.get(`/api/v1/hostel/door?q=${encodeURIComponent(w.girl.surname)}`), 200, 'door');
  assert.equal(door.items.length, 1);
  assert.equal(door.items[0].is_out, false);
  assert.equal(door.items[0].evicted, false);
  assert.ok(sameId(door.items[0].leaves[0].id, leave.id), "today's leave is shown");
  expectProblem(await duty.post(`/api/v1/hostel/leaves/${leave.id}/depart`, { accompanied_by: 'Бөтен адам' }), 422, 'rule',
    { rule: 'HST-LV-1', fields: [{ field: 'accompanied_by', code: 'rule' }] });
  const out = expectJson(await duty.post(`/api/v1/hostel/leaves/${leave.id}/depart`, { accompanied_by: 'ахметова гүлнар' }), 200, 'departed');
  assert.equal(out.state, 'departed');
  assert.equal(expectJson(await duty.get(`/api/v1/hostel/door?q=${encodeURIComponent(w.girl.surname)}`), 200, 'door').items[0].is_out, true);
  expectProblem(await duty.post(`/api/v1/hostel/leaves/${leave.id}/depart`, { accompanied_by: 'Ахметова Гүлнар' }), 409, 'conflict');
  // Back with her mother (a representative, though not named).
  const back = expectJson(await duty.post(`/api/v1/hostel/leaves/${leave.id}/return`, { accompanied_by: fullName(w.mother) }), 200, 'returned');
  assert.equal(back.state, 'returned');
  assert.equal(back.returned_with, fullName(w.mother));
  // The door is the duty officer's: a parent or student has no hostel.door.
  expectProblem(await w.motherAcc.client.get('/api/v1/hostel/door'), 403, 'forbidden');
});

test(`[${BACKEND}] HST-LV-2: the head keeps the list of residents staying over the short holidays; the others leave`, async (t) => {
  const w = await world();
  const r = expectJson(await settle(head, { person_id: w.girl.id, place_id: w.girlPlaces[0] }), 201, 'settled');
  const r2 = expectJson(await settle(head, { person_id: w.girl2.id, place_id: w.girlPlaces[1] }), 201, 'settled 2');
  expectProblem(await head.put(`/api/v1/hostel/residents/${r.id}/holidays`, { stays: ['autumn'] }), 422, 'validation', { fields: [{ field: 'reason', code: 'required' }] });
  expectProblem(await head.put(`/api/v1/hostel/residents/${r.id}/holidays`, { stays: ['summer'], reason: 'x' }), 422, 'validation');
  expectJson(await head.put(`/api/v1/hostel/residents/${r.id}/holidays`, { stays: ['autumn', 'spring'], reason: 'Үйі 600 шақырым жерде' }), 200, 'stays');
  const list = expectJson(await head.get('/api/v1/hostel/holiday-list?holiday=autumn'), 200, 'list');
  assert.ok(list.stay.some((x) => sameId(x.id, r.id)));
  assert.ok(list.leave.some((x) => sameId(x.id, r2.id)));
  expectProblem(await head.get('/api/v1/hostel/holiday-list?holiday=winter'), 422, 'validation');
});

test(`[${BACKEND}] HST-VIS-1: visits Friday to Sunday 10:00-20:00 by representatives and close relatives with a document, in the journal; a banned visitor is refused`, async (t) => {
  const w = await world();
  const r = expectJson(await settle(head, { person_id: w.girl.id, place_id: w.girlPlaces[0] }), 201, 'settled');
  const friday = nextWeekday(addDays(TODAY, 1), 5);
  const visit = { resident_id: r.id, visitor_name: 'Ахметов Серік', relation: 'father', document: `N${uniq().slice(-8)}` };
  // Outside the window, each edge.
  for (const [date, hh, mm] of [[friday, 9, 59], [addDays(friday, -1), 12, 0], [addDays(friday, 2), 20, 0], [addDays(friday, 3), 12, 0]]) {
    const duty = await at(dutyLogin, date, hh, mm);
    expectProblem(await duty.post('/api/v1/hostel/visits', visit), 422, 'rule', { rule: 'HST-VIS-1', what: `${date} ${hh}:${mm}` });
  }
  const duty = await at(dutyLogin, friday, 10, 0);
  expectProblem(await duty.post('/api/v1/hostel/visits', { ...visit, relation: 'friend' }), 422, 'rule', { rule: 'HST-VIS-1', fields: [{ field: 'relation', code: 'rule' }] });
  expectProblem(await duty.post('/api/v1/hostel/visits', { ...visit, document: '' }), 422, 'rule', { rule: 'HST-VIS-1', fields: [{ field: 'document', code: 'rule' }] });
  const v = expectJson(await duty.post('/api/v1/hostel/visits', visit), 201, 'visit');
  expectJson(await duty.post(`/api/v1/hostel/visits/${v.id}/end`, {}), 200, 'ended');
  expectProblem(await duty.post(`/api/v1/hostel/visits/${v.id}/end`, {}), 409, 'conflict');
  const journal = expectJson(await duty.get(`/api/v1/hostel/visits?date=${friday}`), 200, 'journal');
  assert.ok(journal.items.some((x) => sameId(x.id, v.id) && x.visitor_name === 'Ахметов Серік'));
  // The head bans the visitor by the document; lifted, they may come again.
  expectProblem(await w.motherAcc.client.post('/api/v1/hostel/visitor-bans', { visitor_name: 'Ахметов Серік', document: visit.document, reason: 'Мас күйінде келді' }), 403, 'forbidden');
  const ban = expectJson(await head.post('/api/v1/hostel/visitor-bans', { visitor_name: 'Ахметов Серік', document: visit.document, reason: 'Мас күйінде келді' }), 201, 'ban');
  expectProblem(await duty.post('/api/v1/hostel/visits', { ...visit, document: ` ${visit.document.toLowerCase()} ` }), 422, 'rule',
    { rule: 'HST-VIS-1', fields: [{ field: 'document', code: 'rule' }] });
  expectJson(await head.post(`/api/v1/hostel/visitor-bans/${ban.id}/lift`, {}), 200, 'lifted');
  expectJson(await duty.post('/api/v1/hostel/visits', visit), 201, 'again');
  const sunday = await at(dutyLogin, addDays(friday, 2), 19, 59);
  expectJson(await sunday.post('/api/v1/hostel/visits', visit), 201, 'Sunday 19:59');
});

test(`[${BACKEND}] HST-VIOL-1, HST-VIOL-2: the register counts violations within the academic year: two reprimands, the third evicts; the family is told, signs and explains`, async (t) => {
  const w = await world();
  const year = Number(TODAY.slice(0, 4)) - (Number(TODAY.slice(5, 7)) >= 9 ? 0 : 1);   // this academic year starts on September 1 of `year`
  const lastYearDay = `${year - 1}-10-01`;
  const r = expectJson(await settle(head, { person_id: w.girl.id, place_id: w.girlPlaces[0], settled_on: lastYearDay, settlement_order_date: lastYearDay }), 201, 'settled');
  const violation = (on, extra = {}) => head.post(`/api/v1/hostel/residents/${r.id}/violations`,
    { occurred_on: on, description: `Жарық сөндірілгеннен кейін шу ${w.tag}`, nature: 'Күн тәртібін бұзу', severity: 'minor', circumstances: 'Түнде', behaviour: 'Кешірім сұрады', ...extra });
  expectProblem(await violation(addDays(TODAY, 1)), 422, 'validation', { fields: [{ field: 'occurred_on', code: 'in_future' }] });
  expectProblem(await violation(TODAY, { severity: 'huge' }), 422, 'validation', { fields: [{ field: 'severity', code: 'invalid' }] });
  expectProblem(await w.curatorAcc.client.post(`/api/v1/hostel/residents/${r.id}/violations`, { occurred_on: TODAY, description: 'xxx', nature: 'x', severity: 'minor' }), 403, 'forbidden');
  // Two in the last academic year: reprimands; its last day, August 31, still counts there.
  const a = expectJson(await violation(`${year}-05-20`), 201, 'first last year');
  const b = expectJson(await violation(`${year}-08-31`), 201, 'second last year');
  assert.deepEqual([a.ordinal, a.measure, b.ordinal, b.measure], [1, 'reprimand', 2, 'reprimand']);
  // This year starts from one again on September 1.
  const first = expectJson(await violation(`${year}-09-01`), 201, 'first');
  assert.deepEqual([first.ordinal, first.measure, first.academic_year], [1, 'reprimand', `${year}-${year + 1}`]);
  assert.ok(first.representative_notified_at, 'the representative was notified (HST-VIOL-1)');
  const notes = expectJson(await w.motherAcc.client.get('/api/v1/me/notifications?limit=200'), 200, 'notices').items.filter((n) => n.kind === 'hostel_violation');
  assert.equal(notes.length, 4 - 1, 'one notice per violation so far');
  const second = expectJson(await violation(TODAY), 201, 'second');
  assert.deepEqual([second.ordinal, second.measure, second.eviction_id], [2, 'reprimand', null]);
  // The reprimand by the principal's order (typed from paper), once.
  expectProblem(await head.post(`/api/v1/hostel/violations/${first.id}/order`, { issued_on: addDays(TODAY, 1), order_number: '5-ө' }), 422, 'validation');
  const ordered = expectJson(await head.post(`/api/v1/hostel/violations/${first.id}/order`, { issued_on: TODAY, order_number: '5-ө' }), 200, 'order');
  assert.equal(ordered.order_number, '5-ө');
  assert.ok(expectJson(await w.motherAcc.client.get('/api/v1/me/notifications?limit=200'), 200, 'n').items.some((n) => n.kind === 'hostel_reprimand_order'),
    'the family is told of the reprimand order');
  expectProblem(await head.post(`/api/v1/hostel/violations/${first.id}/order`, { issued_on: TODAY, order_number: '6-ө' }), 409, 'conflict');
  // The third: eviction without the right to re-settle, submitted at once.
  const third = expectJson(await violation(TODAY), 201, 'third');
  assert.deepEqual([third.ordinal, third.measure], [3, 'eviction']);
  assert.ok(third.eviction_id, 'an eviction was submitted');
  expectProblem(await head.post(`/api/v1/hostel/violations/${third.id}/order`, { issued_on: TODAY, order_number: '7-ө' }), 422, 'rule', { rule: 'HST-VIOL-2' });
  const ev = expectJson(await head.get(`/api/v1/hostel/evictions/${third.eviction_id}`), 200, 'eviction');
  assert.deepEqual([ev.reason, ev.resettlement, ev.state], ['three_violations', 'never', 'submitted']);
  // The student signs that she was made familiar with it; her mother may not sign for her but explains.
  const needs = expectJson(await w.girlAcc.client.get('/api/v1/me/needs'), 200, 'needs').items.filter((n) => n.kind === 'hostel_violation_sign');
  assert.ok(needs.some((n) => sameId(n.object_id ?? n.id, third.id) || n.link === `/hostel/violations/${third.id}`));
  expectProblem(await w.motherAcc.client.post(`/api/v1/hostel/violations/${third.id}/familiarise`, {}), 403, 'forbidden');
  const signed = expectJson(await w.girlAcc.client.post(`/api/v1/hostel/violations/${third.id}/familiarise`, {}), 200, 'signed');
  assert.equal(signed.familiarised_how, 'app');
  expectProblem(await w.girlAcc.client.post(`/api/v1/hostel/violations/${third.id}/familiarise`, {}), 409, 'conflict');
  expectJson(await head.post(`/api/v1/hostel/violations/${second.id}/paper-signature`, {}), 200, 'paper signature');
  const explained = expectJson(await w.motherAcc.client.post(`/api/v1/hostel/violations/${third.id}/explanation`, { text: 'Қызым кешірім сұрайды.' }), 200, 'explained');
  assert.equal(explained.explanation, 'Қызым кешірім сұрайды.');
  expectProblem(await w.girlAcc.client.post(`/api/v1/hostel/violations/${third.id}/explanation`, { text: 'Тағы бір' }), 409, 'conflict');
  // Who reads it (GEN-3, audited): the student, her mother, her curator, the head; not another student or parent.
  for (const c of [w.girlAcc.client, w.motherAcc.client, w.curatorAcc.client, head]) expectJson(await c.get(`/api/v1/hostel/violations/${third.id}`), 200, 'reads');
  expectProblem(await w.boyAcc.client.get(`/api/v1/hostel/violations/${third.id}`), 403, 'forbidden');
  expectProblem(await w.fatherAcc.client.get(`/api/v1/hostel/violations/${third.id}`), 403, 'forbidden');
  await expectAudit(admin, { action: 'hostel_violation.read', entityId: third.id });
  const register = expectJson(await head.get(`/api/v1/hostel/violations?person=${w.girl.id}`), 200, 'register');
  assert.equal(register.items.length, 5);
});

test(`[${BACKEND}] HST-EV-2: the order needs a completed bypass sheet; vacating within three days with a representative closes the line; the evicted student is refused at the door and may not re-settle`, async (t) => {
  const w = await world();
  const r = expectJson(await settle(head, { person_id: w.girl.id, place_id: w.girlPlaces[0] }), 201, 'settled');
  // A leave under way when the eviction comes (she is out with her mother).
  const leave = expectJson(await w.motherAcc.client.post(`/api/v1/hostel/residents/${r.id}/leaves`,
    { reason: 'family', leave_on: addDays(TODAY, 2), return_on: addDays(TODAY, 9), accompanying_name: fullName(w.mother), accompanying_document: '098765432' }), 201, 'leave');
  const duty = await at(dutyLogin, addDays(TODAY, 2), 9);
  expectJson(await duty.post(`/api/v1/hostel/leaves/${leave.id}/depart`, { accompanied_by: fullName(w.mother) }), 200, 'departed');
  expectProblem(await head.post(`/api/v1/hostel/residents/${r.id}/evictions`, { reason: 'bad_mood', details: 'Себебі' }), 422, 'validation',
    { fields: [{ field: 'reason', code: 'invalid' }] });
  expectProblem(await w.motherAcc.client.post(`/api/v1/hostel/residents/${r.id}/evictions`, { reason: 'representative_request', details: 'Өтініш' }), 403, 'forbidden');
  const ev = expectJson(await head.post(`/api/v1/hostel/residents/${r.id}/evictions`, { reason: 'false_information', details: 'Өтініштегі мекенжай жалған' }), 201, 'submitted');
  assert.deepEqual([ev.state, ev.resettlement, ev.bypass_complete], ['submitted', 'never', false]);
  expectProblem(await head.post(`/api/v1/hostel/residents/${r.id}/evictions`, { reason: 'absences', details: 'Тағы' }), 409, 'conflict');
  // The head is asked to complete the bypass sheet; the family is told.
  assert.ok(expectJson(await head.get('/api/v1/me/needs'), 200, 'needs').items.some((n) => n.kind === 'hostel_bypass_sheet' && n.link === `/hostel/evictions/${ev.id}`));
  assert.ok(expectJson(await w.motherAcc.client.get('/api/v1/me/notifications?limit=200'), 200, 'n').items.some((n) => n.kind === 'hostel_eviction'));
  expectProblem(await head.post(`/api/v1/hostel/evictions/${ev.id}/order`, { issued_on: TODAY, order_number: '9-ө' }), 422, 'rule', { rule: 'HST-EV-2' });
  let sheet;
  for (const item of ev.bypass_sheet.map((i) => i.item)) sheet = expectJson(await head.put(`/api/v1/hostel/evictions/${ev.id}/bypass`, { item, done: true }), 200, item);
  assert.equal(sheet.bypass_complete, true);
  expectProblem(await head.put(`/api/v1/hostel/evictions/${ev.id}/bypass`, { item: 'sauna', done: true }), 422, 'validation');
  const ordered = expectJson(await head.post(`/api/v1/hostel/evictions/${ev.id}/order`, { issued_on: TODAY, order_number: '9-ө' }), 200, 'ordered');
  assert.deepEqual([ordered.state, ordered.order_number, ordered.vacate_by], ['ordered', '9-ө', addDays(TODAY, 3)]);
  expectProblem(await head.put(`/api/v1/hostel/evictions/${ev.id}/bypass`, { item: 'library', done: false }), 409, 'conflict');
  assert.ok(expectJson(await w.motherAcc.client.get('/api/v1/me/notifications?limit=200'), 200, 'n').items.some((n) => n.kind === 'hostel_eviction_order'),
    'the family is told of the order and the day to vacate by');
  // Not vacated by the day: on the head's "needs you" the next day.
  const later = await at(dutyLogin, addDays(TODAY, 4), 10);
  assert.ok(expectJson(await later.get('/api/v1/me/needs'), 200, 'needs').items.some((n) => n.kind === 'hostel_vacate_overdue' && n.link === `/hostel/evictions/${ev.id}`));
  // Vacating with a representative only.
  expectProblem(await head.post(`/api/v1/hostel/evictions/${ev.id}/vacated`, { representative_id: w.father.id }), 422, 'rule', { rule: 'HST-EV-2' });
  const done = expectJson(await head.post(`/api/v1/hostel/evictions/${ev.id}/vacated`, { representative_id: w.mother.id }), 200, 'vacated');
  assert.equal(done.state, 'vacated');
  const line = expectJson(await head.get(`/api/v1/hostel/residents/${r.id}`), 200, 'line');
  assert.equal(line.evicted_on, TODAY);
  assert.ok(sameId(line.eviction_id, ev.id));
  assert.equal(line.eviction_order_number, '9-ө');
  assert.ok(expectJson(await head.get('/api/v1/hostel/free-places?gender=female'), 200, 'free').items.some((p) => sameId(p.place_id, w.girlPlaces[0])), 'the place is free');
  // At the door: evicted, may not enter (HST-EV-2).
  const atDoor = await at(dutyLogin, addDays(TODAY, 4), 11);
  const door = expectJson(await atDoor.get(`/api/v1/hostel/door?q=${encodeURIComponent(w.girl.surname)}`), 200, 'door');
  assert.equal(door.items[0].evicted, true);
  const friday = nextWeekday(addDays(TODAY, 1), 5);
  const visitDuty = await at(dutyLogin, friday, 12);
  expectProblem(await visitDuty.post('/api/v1/hostel/visits', { resident_id: r.id, visitor_name: fullName(w.mother), relation: 'mother', document: '1' }), 422, 'rule',
    { rule: 'HST-EV-2' });
  // Re-settlement: never after unreliable information (HST-EV-2).
  expectProblem(await settle(head, { person_id: w.girl.id, place_id: w.girlPlaces[1] }), 422, 'rule', { rule: 'HST-EV-2' });
  expectProblem(await settle(head, { person_id: w.girl.id, place_id: w.girlPlaces[1], settled_on: `${Number(TODAY.slice(0, 4)) + 1}-09-01` }), 422, 'rule', { rule: 'HST-EV-2' });
});

test(`[${BACKEND}] HST-EV-1: every reason of the regulation is accepted; re-settlement the next year only after academic leave, bumping or late payment (HST-EV-2)`, async (t) => {
  const reasons = ['end_of_year', 'expulsion', 'three_violations', 'representative_request', 'academic_leave', 'absences', 'external_study', 'bumping', 'late_payment',
    'false_information'];
  const w = await world({ places: reasons.length });
  const next = { academic_leave: 'next_year', bumping: 'next_year', late_payment: 'next_year', end_of_year: 'allowed' };
  for (const reason of reasons) {
    const p = await createPerson(admin, { surname: `${w.tag}${cap(cyrTag(4))}`, name: cap(cyrTag(5)), gender: 'male', student: { student_number: studentNumber(), course: 1, grade: 8, status: 'studying', group_id: w.group.id } });
    const dad = await createPerson(admin, { surname: `${w.tag}${cap(cyrTag(4))}`, name: cap(cyrTag(5)), gender: 'male' });
    expectJson(await admin.post(`/api/v1/people/${p.id}/representatives`, { representative_id: dad.id, kind: 'father' }), 201, 'father');
    const place = expectJson(await head.get('/api/v1/hostel/free-places?gender=male'), 200, 'free').items.find((x) => sameId(x.room_id, w.boys.id)).place_id;
    const r = expectJson(await settle(head, { person_id: p.id, place_id: place }), 201, `settled ${reason}`);
    const ev = expectJson(await head.post(`/api/v1/hostel/residents/${r.id}/evictions`, { reason, details: `Себебі: ${reason}` }), 201, reason);
    assert.equal(ev.resettlement, next[reason] ?? 'never', reason);
    if (reason !== 'bumping' && reason !== 'three_violations') continue;
    for (const item of ev.bypass_sheet.map((i) => i.item)) expectJson(await head.put(`/api/v1/hostel/evictions/${ev.id}/bypass`, { item, done: true }), 200, item);
    expectJson(await head.post(`/api/v1/hostel/evictions/${ev.id}/order`, { issued_on: TODAY, order_number: `${reason}-ө` }), 200, 'order');
    expectJson(await head.post(`/api/v1/hostel/evictions/${ev.id}/vacated`, { representative_id: dad.id }), 200, 'vacated');
    const again = await settle(head, { person_id: p.id, place_id: place });
    expectProblem(again, 422, 'rule', { rule: 'HST-EV-2', what: `${reason}, the same year` });
    const nextYear = `${Number(TODAY.slice(0, 4)) + 1}-09-01`;
    const later = await settle(head, { person_id: p.id, place_id: place, settled_on: nextYear });
    if (reason === 'bumping') expectJson(later, 201, 'bumped: the next year');
    else expectProblem(later, 422, 'rule', { rule: 'HST-EV-2', what: 'three violations: never' });
  }
});

test(`[${BACKEND}] GEN-3: a resident's record is read by the student, her representatives, her curator and the head, each read audited; others are refused`, async (t) => {
  const w = await world();
  const r = expectJson(await settle(head, { person_id: w.girl.id, place_id: w.girlPlaces[0] }), 201, 'settled');
  for (const c of [w.girlAcc.client, w.motherAcc.client, w.curatorAcc.client, head]) expectJson(await c.get(`/api/v1/hostel/residents/${r.id}`), 200, 'reads');
  for (const c of [w.boyAcc.client, w.fatherAcc.client]) expectProblem(await c.get(`/api/v1/hostel/residents/${r.id}`), 403, 'forbidden');
  await expectAudit(admin, { action: 'hostel_resident.read', entityId: r.id });
  const mine = expectJson(await w.motherAcc.client.get('/api/v1/hostel/my-residence'), 200, 'mine');
  assert.equal(mine.items.length, 1);
  assert.ok(mine.routine.opens);
  assert.equal(expectJson(await w.fatherAcc.client.get('/api/v1/hostel/my-residence'), 200, 'father').items.length, 0);
  expectProblem(await head.get('/api/v1/hostel/residents/999999999999'), 404, 'not_found');
});

test(`[${BACKEND}] HST-CNC-1, MTG-8: the hostel council's members are seated only by the decision of the residents' general meeting`, async () => {
  const tag = cap(cyrTag(5));
  const council = expectJson(await admin.post('/api/v1/bodies', { template: 'hostel_council', name: `Жатақхана кеңесі ${tag}` }), 201, 'council');
  // The residents' general meeting is created with the council.
  const detail = expectJson(await admin.get(`/api/v1/bodies/${council.id}`), 200, 'council detail');
  const meetingBody = detail.children.find((c) => c.kind === 'general_meeting');
  assert.ok(meetingBody, 'the general meeting of residents under the council');
  const elsewhere = expectJson(await admin.post('/api/v1/bodies', { template: 'general_meeting', name: `Басқа жиналыс ${tag}` }), 201, 'another general meeting');
  const person = (name) => createPerson(admin, { surname: `${tag}${cap(cyrTag(4))}`, name, student: { student_number: studentNumber(), course: 1, status: 'studying' } });
  const chair = await person('Төраға');
  const candidate = await person('Үміткер');
  const chairUser = await createUser(admin, { roles: ['student'], person_id: chair.id });
  const chairClient = await signIn(chairUser.login, { password: chairUser.password });
  // Not seated directly, not even ex officio.
  expectProblem(await admin.post(`/api/v1/bodies/${council.id}/members`, { person_id: candidate.id, position: 'member', starts_on: TODAY, accepted_regulation: true, ex_officio: true }),
    422, 'rule', { rule: 'MTG-8', fields: [{ field: 'person_id', code: 'rule' }] });
  const proposal = expectJson(await admin.post(`/api/v1/bodies/${council.id}/candidates`, { person_id: candidate.id, position: 'member' }), 201, 'candidacy');
  // A general meeting votes on the candidacy.
  const adopt = async (body) => {
    expectJson(await admin.post(`/api/v1/bodies/${body.id}/members`, { person_id: chair.id, position: 'chair', starts_on: TODAY, accepted_regulation: true }), 201, 'chair seat');
    const m = expectJson(await admin.post(`/api/v1/bodies/${body.id}/meetings`, { held_on: TODAY, starts_at: '00:00', place: 'Оқу залы', convened_by: chair.id }), 201, 'meeting');
    expectJson(await admin.put(`/api/v1/meetings/${m.id}/attendance`, { person_id: chair.id, present: true }), 200, 'present');
    const items = expectJson(await admin.post(`/api/v1/meetings/${m.id}/items`, { kind: 'membership_candidates', title: `Кеңеске сайлау ${uniq()}`, motion: 'Сайлансын' }), 200, 'item').items;
    const item = items[items.length - 1];
    expectJson(await admin.post(`/api/v1/agenda-items/${item.id}/vote/open`, {}), 200, 'open');
    expectJson(await chairClient.post(`/api/v1/agenda-items/${item.id}/votes`, { choice: 'yes' }), 200, 'vote');
    expectJson(await admin.post(`/api/v1/agenda-items/${item.id}/vote/close`, {}), 200, 'close');
    return item.id;
  };
  // A general meeting that is not the residents' of this council does not elect its members.
  const wrong = await adopt(elsewhere);
  expectProblem(await admin.post(`/api/v1/membership-candidates/${proposal.id}/decision`, { agenda_item_id: wrong, starts_on: TODAY, accepted_regulation: true }),
    422, 'rule', { rule: 'MTG-8', fields: [{ field: 'agenda_item_id', code: 'rule' }] });
  const right = await adopt(meetingBody);
  const seated = expectJson(await admin.post(`/api/v1/membership-candidates/${proposal.id}/decision`, { agenda_item_id: right, starts_on: TODAY, accepted_regulation: true }), 200, 'seated');
  assert.equal(seated.status, 'accepted');
  const members = expectJson(await admin.get(`/api/v1/bodies/${council.id}`), 200, 'council').members;
  assert.ok(members.some((m) => sameId(m.person_id, candidate.id) && sameId(m.decision_item_id, right)), 'the seat names the general meeting decision');
});

test(`[${BACKEND}] HST-REG-1, HST-VIOL-2, HST-EV-2: without a typed number the principal's order is issued and its number kept`, async (t) => {
  const w = await world();
  const r = expectJson(await settle(head, { person_id: w.girl.id, place_id: w.girlPlaces[0], settlement_order_number: undefined }), 201, 'settled on an issued order');
  assert.ok(r.settlement_order_id, 'the settlement order');
  assert.ok(r.settlement_order_number.length > 0);
  const violation = (on) => head.post(`/api/v1/hostel/residents/${r.id}/violations`, { occurred_on: on, description: `Шу ${w.tag}`, nature: 'Күн тәртібі', severity: 'minor' });
  const first = expectJson(await violation(TODAY), 201, 'first');
  const reprimand = expectJson(await head.post(`/api/v1/hostel/violations/${first.id}/order`, { issued_on: TODAY }), 200, 'reprimand order');
  assert.ok(reprimand.order_id && reprimand.order_number, 'the reprimand order');
  expectJson(await violation(TODAY), 201, 'second');
  const third = expectJson(await violation(TODAY), 201, 'third');
  let ev;
  for (const item of expectJson(await head.get(`/api/v1/hostel/evictions/${third.eviction_id}`), 200, 'eviction').bypass_sheet.map((i) => i.item)) {
    ev = expectJson(await head.put(`/api/v1/hostel/evictions/${third.eviction_id}/bypass`, { item, done: true }), 200, item);
  }
  const ordered = expectJson(await head.post(`/api/v1/hostel/evictions/${ev.id}/order`, { issued_on: TODAY }), 200, 'eviction order');
  assert.ok(ordered.order_id && ordered.order_number, 'the eviction order');
  assert.equal(expectJson(await head.get(`/api/v1/hostel/violations/${third.id}`), 200, 'third').order_number, ordered.order_number, 'the third violation\'s measure is that order');
});

test(`[${BACKEND}] HST-REG-1: settlement on an application needs the commission's allocation of the same year; the application becomes settled and lends its group and basis`, async () => {
  // The demo's campaign of this academic year: allocated and reserve applications (the allocation half).
  // Only this academic year's campaign: other files open campaigns of other years.
  const [y, m] = TODAY.split('-').map(Number);
  const thisYear = m >= 9 ? `${y}-${y + 1}` : `${y - 1}-${y}`;
  const campaigns = expectJson(await head.get('/api/v1/hostel/campaigns'), 200, 'campaigns').items.filter((c) => c.academic_year === thisYear);
  let allocated = null;
  let reserve = null;
  const seen = [];
  for (const c of campaigns) {
    const apps = expectJson(await head.get(`/api/v1/hostel/campaigns/${c.id}/applications`), 200, 'journal').items;
    seen.push(...apps.map((a) => `${c.academic_year}:${a.status}`));
    allocated ??= apps.find((a) => a.status === 'allocated_paid') ?? null;
    // On the reserve list, or offered a place freed by an eviction earlier in this file: not allocated.
    reserve ??= apps.find((a) => a.status === 'reserve' || a.status === 'offered') ?? null;
  }
  assert.ok(allocated && reserve, `the demo has an allocated and a reserve application (${seen.join(', ')})`);
  const freeFor = async (gender) => expectJson(await head.get(`/api/v1/hostel/free-places?gender=${gender}`), 200, 'free').items[0].place_id;
  const r = expectJson(await head.get(`/api/v1/hostel/applications/${reserve.id}`), 200, 'reserve application');
  expectProblem(await settle(head, { person_id: r.student_id, application_id: reserve.id, place_id: await freeFor(r.gender), priority_group: undefined, basis: undefined }),
    422, 'rule', { rule: 'HST-REG-1', fields: [{ field: 'application_id', code: 'rule' }] });
  assert.equal(expectJson(await head.get(`/api/v1/hostel/applications/${reserve.id}`), 200, 'unchanged').status, reserve.status);
  const a = expectJson(await head.get(`/api/v1/hostel/applications/${allocated.id}`), 200, 'allocated application');
  // Another student's application is not this one's.
  expectProblem(await settle(head, { person_id: r.student_id, application_id: allocated.id, place_id: await freeFor(r.gender), priority_group: undefined }),
    422, 'validation', { fields: [{ field: 'application_id', code: 'not_found' }] });
  const settled = expectJson(await settle(head, { person_id: a.student_id, application_id: allocated.id, place_id: await freeFor(a.gender), priority_group: undefined, basis: undefined }),
    201, 'settled on the allocation');
  assert.equal(settled.basis, 'paid', 'the basis of the allocation (HST-PAID-1)');
  assert.equal(settled.priority_group, a.priority_group);
  assert.equal(expectJson(await head.get(`/api/v1/hostel/applications/${allocated.id}`), 200, 'settled').status, 'settled');
});
