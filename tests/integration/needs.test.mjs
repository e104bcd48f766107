// "Needs you" entries of the elections and activities modules (GET /api/v1/me/needs): the ballot
// waits for exactly the voters on the roll who have not voted while voting is open (ELEC-1: every
// student is a voter, a disciplinary penalty bars candidacy only, ELEC-ELIG-1; ELEC-DAY-1: voting
// hours); nominations to handle wait for the election commission only (ELEC-REG-3, ELEC-CAMP-3); a
// draft work plan waits for the officers of its body only, until a council decision approves it
// (PLAN-1); an event today or tomorrow for its registered participants only (PLAN-2).
// A server of its own (lib/clock-server.mjs) moves the clock to election day and to "tomorrow".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKEND, KENES_BIN, KENES_DB, cap, createPerson, createUser, cyrTag, expectJson, signIn, studentNumber, uniq } from './lib/client.mjs';
import { addDays, almaty, png, pdf, randomYear, startClockServer } from './lib/clock-server.mjs';
import { readyElection } from './lib/election-setup.mjs';
import { haveBeleniosTool, rollToken } from './lib/belenios.mjs';

const skip = KENES_BIN && KENES_DB ? false : 'needs KENES_BIN and KENES_DB (tests/run-integration.sh)';
const REAL_TODAY = new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);

let server;

before(async () => {
  if (skip) return;
  server = await startClockServer();
});

after(async () => {
  await server?.stop();
});

/** Someone with an account in `roles`; signs in again with `again()` after the clock moved (sessions expire). */
async function someone(admin, label, { roles = ['student'], student = true } = {}) {
  const body = { surname: cap(cyrTag()), name: `${label}${cap(cyrTag(3))}` };
  if (student) body.student = { student_number: studentNumber(), course: 2, status: 'studying' };
  const person = await createPerson(admin, body);
  const u = await createUser(admin, { roles, person_id: person.id });
  const who = { person, id: person.id, login: u.login, password: u.password };
  who.again = async () => { who.client = await signIn(u.login, { password: u.password, base: server.base }); return who; };
  return who.again();
}

async function needs(who, kind) {
  return expectJson(await who.client.get('/api/v1/me/needs'), 200, 'needs').items.filter((n) => n.kind === kind);
}

test(`[${BACKEND}] the ballot waits for each voter on the roll who has not voted, during voting hours only; not for staff (ELEC-1, ELEC-DAY-1)`, { skip: skip || (!haveBeleniosTool() && 'needs belenios-tool') }, async () => {
  server.set('');
  const admin = await signIn('admin', { base: server.base });
  // On the roll: every student studying when the ballot is approved.
  const voter = await someone(admin, 'Сайлаушы');
  const other = await someone(admin, 'Екінші');
  const penalised = await someone(admin, 'Жазалы');
  const teacher = await someone(admin, 'Оқытушы', { roles: ['staff'], student: false });
  // Online ballots exist in verifiable elections only: a Single key and the codes before voting opens.
  const setup = await readyElection(server, { online: true });
  const code = setup.codes.get(voter.person.student.student_number);
  assert.ok(code, 'the voter has a code');
  const ballot = setup.ballot(code, setup.candidates[0].id);
  const ballotOf = async (who) => (await needs(who, 'election_vote')).filter((n) => n.link === `/elections/${setup.election.id}/vote`);

  // A penalty in force bars a candidacy (ELEC-ELIG-1), not the vote: every student votes (ELEC-1).
  server.set(almaty(setup.day, 8));
  const admin2 = await signIn('admin', { base: server.base });
  expectJson(await admin2.post(`/api/v1/people/${penalised.id}/penalties`, { order_number: `№ ${uniq()}`, imposed_on: addDays(setup.day, -30), reason: 'Сабақтан қалу' }), 201, 'penalty');
  for (const who of [voter, other, penalised, teacher]) await who.again();
  assert.deepEqual(await ballotOf(voter), [], 'not before voting opens at 09:00');

  server.set(almaty(setup.day, 10));
  for (const who of [voter, other, penalised, teacher]) await who.again();
  const [entry] = await ballotOf(voter);
  assert.ok(entry, 'the voter is asked to vote');
  assert.equal(entry.params.closes, `${setup.day}T18:00:00+05:00`);
  assert.ok(entry.params.title, 'the election named');
  assert.equal((await ballotOf(other)).length, 1, 'every voter on the roll');
  assert.equal((await ballotOf(penalised)).length, 1, 'a student with a penalty votes too');
  assert.deepEqual(await needs(teacher, 'election_vote'), [], 'staff are not on the roll');

  expectJson(await voter.client.post(`${setup.E}/ballots`, { roll_token: rollToken(code), ballot }), 201, 'ballot');
  assert.deepEqual(await ballotOf(voter), [], 'gone once voted');
  assert.equal((await ballotOf(other)).length, 1, 'still waits for the voter who has not');

  server.set(almaty(setup.day, 18, 1));
  await other.again();
  assert.deepEqual(await ballotOf(other), [], 'gone when voting closes');
  server.set('');
});

test(`[${BACKEND}] nominations to handle wait for the election commission only, until registered and the program reviewed (ELEC-REG-3, ELEC-CAMP-3)`, { skip }, async () => {
  server.set('');
  const admin = await signIn('admin', { base: server.base });
  const tag = cap(cyrTag(5));
  const gov = expectJson(await admin.post('/api/v1/bodies', { template: 'student_government', name: `Үкімет ${tag}` }), 201, 'government');
  const commission = expectJson(await admin.post('/api/v1/bodies', { template: 'election_commission', name: `Комиссия ${tag}` }), 201, 'commission');
  // ELEC-COM-1: the commission is staff.
  const chair = await someone(admin, 'Төраға', { roles: ['curator'], student: false });
  const member = await someone(admin, 'Мүше', { roles: ['staff'], student: false });
  const otherStaff = await someone(admin, 'Бөгде', { roles: ['staff'], student: false });
  const student = await someone(admin, 'Студент');
  const nominee = await createPerson(admin, { surname: cap(cyrTag()), name: 'Үміткер', student: { student_number: studentNumber(), course: 3, status: 'studying' } });
  const nomineeUser = await createUser(admin, { roles: ['student'], person_id: nominee.id });
  for (const [who, position] of [[chair, 'chair'], [member, 'member']]) {
    expectJson(await admin.post(`/api/v1/bodies/${commission.id}/members`, { person_id: who.id, position, starts_on: '2100-01-01', accepted_regulation: true }), 201, position);
  }
  let created;
  for (let attempt = 0; attempt < 5 && created?.status !== 201; attempt++) {
    const year = randomYear(1);
    server.set(almaty(`${year}-08-20`, 10));
    await chair.again();
    created = await chair.client.post('/api/v1/elections', { academic_year: `${year}-${year + 1}`, commission_body_id: commission.id, government_body_id: gov.id });
  }
  const election = expectJson(created, 201, 'election');
  for (const who of [member, otherStaff, student]) await who.again();
  const nomineeClient = await signIn(nomineeUser.login, { password: nomineeUser.password, base: server.base });
  const E = `/api/v1/elections/${election.id}`;
  const toHandle = async (who) => (await needs(who, 'election_candidates')).filter((n) => n.link === `/elections/${election.id}`);
  assert.deepEqual(await toHandle(chair), [], 'nothing before a nomination');

  const c = expectJson(await chair.client.post(`${E}/candidates`, { person_id: nominee.id, program: 'Бағдарлама.', program_lang: 'kk' }), 201, 'nominate');
  for (const who of [chair, member]) {
    const [entry] = await toHandle(who);
    assert.ok(entry, 'a commission member is asked to handle the nomination');
    assert.equal(entry.params.count, 1);
  }
  for (const who of [otherStaff, student]) assert.deepEqual(await needs(who, 'election_candidates'), [], 'not outside the commission');
  assert.deepEqual((await nomineeClient.get('/api/v1/me/needs')).json.items.filter((n) => n.kind === 'election_candidates'), [], 'not the nominee');

  expectJson(await chair.client.request('PUT', `/api/v1/election-candidates/${c.id}/files/photo`, { body: png(), contentType: 'image/png' }), 200, 'photo');
  for (const kind of ['cv', 'consent', 'transcript', 'recommendation']) {
    expectJson(await chair.client.request('PUT', `/api/v1/election-candidates/${c.id}/files/${kind}`, { body: pdf(kind), contentType: 'application/pdf' }), 200, kind);
  }
  expectJson(await chair.client.patch(`/api/v1/election-candidates/${c.id}`, { leadership_confirmed: true }), 200, 'leadership');
  expectJson(await chair.client.post(`/api/v1/election-candidates/${c.id}/register`, { documents_received: true }), 200, 'register');
  assert.equal((await toHandle(member)).length, 1, 'registered, its program still to review');
  expectJson(await chair.client.post(`/api/v1/election-candidates/${c.id}/program-review`, { decision: 'approved' }), 200, 'review');
  for (const who of [chair, member]) assert.deepEqual(await toHandle(who), [], 'nothing left to handle');
  server.set('');
});

test(`[${BACKEND}] a draft work plan waits for the officers of its body only, until a council decision approves it (PLAN-1)`, { skip }, async () => {
  server.set('');
  const admin = await signIn('admin', { base: server.base });
  const tag = cap(cyrTag(5));
  const body = expectJson(await admin.post('/api/v1/bodies', { template: 'club', name: `Үйірме ${tag}` }), 201, 'club');
  const chair = await someone(admin, 'Төраға');
  const secretary = await someone(admin, 'Хатшы');
  const member = await someone(admin, 'Мүше');
  const outsider = await someone(admin, 'Бөгде');
  for (const [who, position] of [[chair, 'chair'], [secretary, 'secretary'], [member, 'member']]) {
    expectJson(await admin.post(`/api/v1/bodies/${body.id}/members`, { person_id: who.id, position, starts_on: REAL_TODAY, accepted_regulation: true }), 201, position);
  }
  const year = randomYear(0);
  const plan = expectJson(await admin.post(`/api/v1/bodies/${body.id}/plans`, { academic_year: `${year}-${year + 1}` }), 201, 'plan');
  const toApprove = async (who) => (await needs(who, 'plan')).filter((n) => n.link === `/bodies/${body.id}#plans`);
  for (const who of [chair, secretary]) {
    const [entry] = await toApprove(who);
    assert.ok(entry, 'an officer is asked to have the plan approved');
    assert.equal(entry.params.body, body.name);
    assert.equal(entry.params.year, `${year}-${year + 1}`);
  }
  for (const who of [member, outsider]) assert.deepEqual(await needs(who, 'plan'), [], 'not a member who is no officer, not an outsider');

  const meeting = expectJson(await chair.client.post(`/api/v1/bodies/${body.id}/meetings`, { held_on: REAL_TODAY, starts_at: '00:00', place: 'Зал', convened_by: chair.id }), 201, 'session');
  for (const who of [chair, secretary, member]) expectJson(await chair.client.put(`/api/v1/meetings/${meeting.id}/attendance`, { person_id: who.id, present: true }), 200, 'present');
  const item = expectJson(await chair.client.post(`/api/v1/meetings/${meeting.id}/items`, { kind: 'approve_work_plan', title: 'Жұмыс жоспары', motion: 'Бекітілсін' }), 200, 'item').items.at(-1);
  expectJson(await chair.client.post(`/api/v1/agenda-items/${item.id}/vote/open`, {}), 200, 'open');
  for (const who of [chair, secretary, member]) expectJson(await who.client.post(`/api/v1/agenda-items/${item.id}/votes`, { choice: 'yes' }), 200, 'vote');
  expectJson(await chair.client.post(`/api/v1/agenda-items/${item.id}/vote/close`, {}), 200, 'close');
  assert.equal(expectJson(await chair.client.post(`/api/v1/plans/${plan.id}/approve`, { agenda_item_id: item.id }), 200, 'approve').status, 'approved');
  for (const who of [chair, secretary]) assert.deepEqual(await toApprove(who), [], 'gone once approved');
});

test(`[${BACKEND}] an event today or tomorrow waits for its registered participants only (PLAN-2)`, { skip }, async () => {
  // A day of its own, a month ahead, at noon in Almaty: "tomorrow" is the same whenever the test runs.
  const day = addDays(REAL_TODAY, 30);
  server.set(almaty(day, 12));
  const admin = await signIn('admin', { base: server.base });
  const tag = cap(cyrTag(5));
  const body = expectJson(await admin.post('/api/v1/bodies', { template: 'club', name: `Үйірме ${tag}` }), 201, 'club');
  const participant = await someone(admin, 'Қатысушы');
  const bystander = await someone(admin, 'Бөгде');
  const chair = await someone(admin, 'Төраға');
  expectJson(await admin.post(`/api/v1/bodies/${body.id}/members`, { person_id: chair.id, position: 'chair', starts_on: REAL_TODAY, accepted_regulation: true }), 201, 'chair');
  const event = (title, heldOn, startsAt) => admin.post('/api/v1/events', { organiser_body_id: body.id, direction: 'cultural', title: `${title} ${tag}`, held_on: heldOn,
    ...(startsAt ? { starts_at: startsAt } : {}), place: 'Акт залы', public: false });
  const tomorrow = expectJson(await event('Ертең', addDays(day, 1), '15:00'), 201, 'tomorrow');
  const later = expectJson(await event('Кейін', addDays(day, 2), null), 201, 'the day after');
  for (const e of [tomorrow, later]) expectJson(await participant.client.post(`/api/v1/events/${e.id}/registrations`, {}), 201, 'register');
  const soon = async (who) => (await needs(who, 'event')).filter((n) => n.params.title.endsWith(tag));

  const [entry, ...rest] = await soon(participant);
  assert.deepEqual(rest, [], 'the day after tomorrow is not yet');
  assert.equal(entry.link, `/events/${tomorrow.id}`);
  assert.equal(entry.params.date, addDays(day, 1));
  assert.equal(entry.params.time, '15:00');
  assert.equal(entry.when, `${addDays(day, 1)}T15:00`);
  for (const who of [bystander, chair]) assert.deepEqual(await soon(who), [], 'not registered: nothing, even for the organiser\'s chair');

  // A day later: the first is today, the second tomorrow (without a time: dated only).
  server.set(almaty(addDays(day, 1), 12));
  await participant.again();
  const next = await soon(participant);
  assert.deepEqual(next.map((n) => n.link), [`/events/${tomorrow.id}`, `/events/${later.id}`], 'today first, then tomorrow');
  assert.equal(next[1].when, addDays(day, 2));
  // Both past: nothing.
  server.set(almaty(addDays(day, 3), 12));
  await participant.again();
  assert.deepEqual(await soon(participant), []);
  server.set('');
});
