// Rewarding the students (seed 004, AWD-1..AWD-5): kinds and recipients (AWD-1), the encouragement
// commission (AWD-2), nominations for "Student of the year" and "Best Shanyrak" discussed at a
// Shanyrak meeting and the pedagogical meeting and presented by the deadline (AWD-3, AWD-4), the
// Shanyrak unions on a disagreement (AWD-4), the commission's scoring with recusals and places with
// the stated tie-break, and the principal's order, the personal record, the certificate and the
// representatives' notices (AWD-5, REP-1). Each refusal is checked with its rule.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND, cap, createPerson, createUser, cyrTag, expectAudit, expectJson, expectProblem, sameId, signIn, studentNumber,
} from './lib/client.mjs';
import { addDays, almaty, startClockServer } from './lib/clock-server.mjs';

const TODAY = new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);   // Almaty (GEN-2)
let admin;
let server = null;

before(async () => { admin = await signIn('admin'); });
after(async () => { if (server) await server.stop(); });

const account = async (p, roles) => {
  const u = await createUser(admin, { roles, person_id: p.id });
  return signIn(u.login, { password: u.password });
};

// Two Shanyraks with three students (two of the first, one of the second), the mother of the first
// student, a staff member leading the first Shanyrak, and an encouragement commission: a chair
// (teacher), the Shanyrak's leader, the mother, a teacher, and a secretary without a vote.
async function world() {
  const tag = cap(cyrTag(6));
  const person = (extra = {}) => createPerson(admin, { surname: `${tag}${cap(cyrTag(4))}`, name: cap(cyrTag(5)), ...extra });
  const group = expectJson(await admin.post('/api/v1/groups', { name: `${tag}-11`, course: 1 }), 201, 'group');
  const student = () => person({ student: { student_number: studentNumber(), course: 1, status: 'studying', group_id: group.id } });
  const students = [await student(), await student(), await student()];
  const mother = await person({ gender: 'female' });
  expectJson(await admin.post(`/api/v1/people/${students[0].id}/representatives`, { representative_id: mother.id, kind: 'mother' }), 201, 'mother');
  const leader = await person({ staff: { position: 'Шаңырақ жетекшісі' } });
  const chair = await person({ staff: { position: 'Мұғалім' } });
  const teacher = await person({ staff: { position: 'Мұғалім' } });
  const secretary = await person({ staff: { position: 'Хатшы' } });
  const shanyrakA = expectJson(await admin.post('/api/v1/shanyraks', { name: `Шаңырақ А ${tag}` }), 201, 'shanyrak A');
  const shanyrakB = expectJson(await admin.post('/api/v1/shanyraks', { name: `Шаңырақ Б ${tag}` }), 201, 'shanyrak B');
  expectJson(await admin.put(`/api/v1/awards/shanyraks/${shanyrakA.id}/members`, { person_ids: [students[0].id, students[1].id, leader.id] }), 200, 'members A');
  expectJson(await admin.put(`/api/v1/awards/shanyraks/${shanyrakB.id}/members`, { person_ids: [students[2].id] }), 200, 'members B');
  const commission = expectJson(await admin.post('/api/v1/bodies', { template: 'encouragement_commission', name: `Көтермелеу ${tag}` }), 201, 'commission');
  const seats = [[chair, 'chair', true], [leader, 'member', true], [mother, 'member', true], [teacher, 'member', true], [secretary, 'secretary', false]];
  for (const [p, position, voting] of seats) {
    expectJson(await admin.post(`/api/v1/bodies/${commission.id}/members`,
      { person_id: p.id, position, voting, starts_on: TODAY, accepted_regulation: true }), 201, `seat ${position}`);
  }
  const meeting = expectJson(await admin.post(`/api/v1/bodies/${commission.id}/meetings`,
    { held_on: TODAY, starts_at: '00:00', place: `Кабинет ${tag}`, convened_by: chair.id }), 201, 'meeting');
  return {
    tag, group, students, mother, leader, chair, teacher, secretary, shanyrakA, shanyrakB, commission, meeting,
    chairC: await account(chair, ['staff']), leaderC: await account(leader, ['staff']), motherC: await account(mother, ['legal_representative']),
    teacherC: await account(teacher, ['staff']), secretaryC: await account(secretary, ['staff']), studentC: await account(students[0], ['student']),
    otherC: await account(students[2], ['student']),
  };
}

const discussions = (shanyrak, pedagogical = true, extra = []) => [
  { forum: 'shanyrak_meeting', shanyrak_id: shanyrak.id, held_on: TODAY, supported: true, decision: 'Шаңырақ жиналысы қолдады.' },
  { forum: 'pedagogical_meeting', held_on: TODAY, supported: pedagogical, decision: pedagogical ? 'Педагогикалық кеңес қолдады.' : 'Қолдамады.' },
  ...extra,
];

const nominateStudent = (w, i, shanyrak, body = {}, who = admin) => who.post('/api/v1/awards/nominations', {
  contest: 'student_of_year', student_id: w.students[i].id, commission_body_id: w.commission.id, motivation: 'Олимпиада жеңімпазы.',
  discussions: discussions(shanyrak), ...body,
});
const nominateShanyrak = (w, shanyrak, body = {}) => admin.post('/api/v1/awards/nominations', {
  contest: 'shanyrak_of_year', shanyrak_id: shanyrak.id, commission_body_id: w.commission.id, motivation: 'Жылдың үздік шаңырағы.',
  discussions: discussions(shanyrak), ...body,
});

test(`[${BACKEND}] AWD-1: the kinds of the regulation and those the principal adds; personal and collective; one student receives several`, async () => {
  const w = await world();
  const kinds = expectJson(await w.studentC.get('/api/v1/awards/kinds'), 200, 'kinds').items;
  for (const k of ['letter_of_gratitude', 'certificate', 'student_of_year', 'shanyrak_of_year', 'publication']) {
    assert.ok(kinds.some((x) => x.code === k && x.preset), k);
  }
  // The principal reads a Shanyrak's members as they stand (a person moving to another Shanyrak
  // leaves this one); others may not.
  const members = expectJson(await admin.get(`/api/v1/awards/shanyraks/${w.shanyrakA.id}/members`), 200, 'members');
  assert.deepEqual(members.members.map((m) => String(m.id)).sort(), [w.students[0].id, w.students[1].id, w.leader.id].map(String).sort());
  assert.ok(members.members.every((m) => m.full_name.length > 0));
  expectProblem(await w.chairC.get(`/api/v1/awards/shanyraks/${w.shanyrakA.id}/members`), 403, 'forbidden');
  // Only the principal adds a kind.
  expectProblem(await w.chairC.post('/api/v1/awards/kinds', { name_kk: 'Спорт', name_ru: 'Спорт', name_en: 'Sport' }), 403, 'forbidden');
  const sport = expectJson(await admin.post('/api/v1/awards/kinds', { name_kk: `Спорт жетістігі ${w.tag}`, name_ru: `За спорт ${w.tag}`, name_en: `Sport ${w.tag}` }), 201, 'kind');
  assert.match(sport.code, /^custom_\d+$/);
  // "Student of the year" is personal; "Shanyrak of the year" goes to a Shanyrak.
  expectProblem(await admin.post('/api/v1/awards', { kind: 'student_of_year', recipient_kind: 'group', group_id: w.group.id, reason: 'Үздік топ.' }), 422, 'rule',
    { rule: 'AWD-1', fields: [{ field: 'recipient_kind', code: 'rule' }] });
  expectProblem(await admin.post('/api/v1/awards', { kind: 'shanyrak_of_year', recipient_kind: 'student', student_id: w.students[0].id, reason: 'Үздік.' }), 422, 'rule',
    { rule: 'AWD-1' });
  // A team (collective) and a letter (personal): the same student holds both.
  const team = expectJson(await admin.post('/api/v1/awards', { kind: sport.code, recipient_kind: 'team', team_name: `Команда ${w.tag}`,
    member_ids: [w.students[0].id, w.students[2].id], reason: 'Облыс чемпионаты.' }), 201, 'team award');
  assert.equal(team.students.length, 2);
  assert.equal(team.kind_name, `Спорт жетістігі ${w.tag}`);
  const letter = expectJson(await admin.post('/api/v1/awards', { kind: 'letter_of_gratitude', recipient_kind: 'student', student_id: w.students[0].id,
    reason: 'Ерікті жұмыс.' }), 201, 'letter');
  const group = expectJson(await admin.post('/api/v1/awards', { kind: 'certificate', recipient_kind: 'group', group_id: w.group.id, reason: 'Үздік топ.' }), 201, 'group');
  assert.equal(group.students.length, 3, 'every student of the group');
  const overview = expectJson(await w.studentC.get(`/api/v1/people/${w.students[0].id}/overview`), 200, 'overview');
  const mine = overview.awards.awards.map((a) => a.id);
  for (const a of [team, letter, group]) assert.ok(mine.some((id) => sameId(id, a.id)), `award ${a.kind} in the personal record`);
  const shanyrakAward = expectJson(await admin.post('/api/v1/awards', { kind: 'letter_of_gratitude', recipient_kind: 'shanyrak', shanyrak_id: w.shanyrakA.id,
    reason: 'Қайырымдылық.' }), 201, 'shanyrak award');
  assert.deepEqual(shanyrakAward.students.map((s) => String(s.person_id)).sort(), [w.students[0].id, w.students[1].id].map(String).sort(),
    'the Shanyrak\'s students, not its staff leader');
});

test(`[${BACKEND}] AWD-3: a nominee is discussed at a Shanyrak meeting and the pedagogical meeting; the encouragement commission only (AWD-2)`, async () => {
  const w = await world();
  expectProblem(await nominateStudent(w, 0, w.shanyrakA, { discussions: [] }), 422, 'rule', { rule: 'AWD-3', fields: [{ field: 'discussions', code: 'rule' }] });
  expectProblem(await nominateStudent(w, 0, w.shanyrakA, { discussions: discussions(w.shanyrakA).slice(0, 1) }), 422, 'rule', { rule: 'AWD-3' });
  expectProblem(await nominateStudent(w, 0, w.shanyrakA, { discussions: discussions(w.shanyrakA).slice(1) }), 422, 'rule', { rule: 'AWD-3' });
  // The unions decide only on Shanyraks.
  expectProblem(await nominateStudent(w, 0, w.shanyrakA, { discussions: discussions(w.shanyrakA, false,
    [{ forum: 'shanyrak_union', held_on: TODAY, supported: true, decision: 'Қолдады.' }]) }), 422, 'rule', { rule: 'AWD-3' });
  const other = expectJson(await admin.post('/api/v1/bodies', { template: 'club', name: `Клуб ${w.tag}` }), 201, 'club');
  expectProblem(await nominateStudent(w, 0, w.shanyrakA, { commission_body_id: other.id }), 422, 'rule', { rule: 'AWD-2', fields: [{ field: 'commission_body_id', code: 'rule' }] });
  // A student and a parent do not nominate.
  expectProblem(await nominateStudent(w, 0, w.shanyrakA, {}, w.studentC), 403, 'forbidden');
  // Not supported by the pedagogical meeting: recorded as rejected, never presented.
  const rejected = expectJson(await nominateStudent(w, 1, w.shanyrakA, { discussions: discussions(w.shanyrakA, false) }), 201, 'rejected');
  assert.equal(rejected.status, 'rejected');
  const n = expectJson(await nominateStudent(w, 0, w.shanyrakA), 201, 'nomination');
  assert.equal(n.status, 'presented');
  assert.equal(n.presented_on, TODAY);
  assert.equal(n.discussions.length, 2);
  assert.ok(n.discussions.every((d) => d.decision.length > 0), 'each discussion with its decision');
  assert.ok(sameId(n.proposed_by_shanyrak_id, w.shanyrakA.id));
  expectProblem(await nominateStudent(w, 0, w.shanyrakA), 409, 'conflict');
  await expectAudit(admin, { action: 'award_nomination.create', entityId: n.id });
});

test(`[${BACKEND}] AWD-4: on disagreement over a Shanyrak the Shanyrak unions decide, recorded`, async () => {
  const w = await world();
  const n = expectJson(await nominateShanyrak(w, w.shanyrakB, { discussions: discussions(w.shanyrakB, false) }), 201, 'disagreement');
  assert.equal(n.status, 'disagreement');
  assert.equal(n.presented_on, null);
  const decided = expectJson(await admin.post(`/api/v1/awards/nominations/${n.id}/discussions`,
    { forum: 'shanyrak_union', held_on: TODAY, supported: true, decision: 'Шаңырақ одақтары қолдады.' }), 201, 'union');
  assert.equal(decided.status, 'presented');
  assert.equal(decided.discussions.at(-1).forum, 'shanyrak_union');
  // Against: rejected.
  const m = expectJson(await nominateShanyrak(w, w.shanyrakA, { discussions: discussions(w.shanyrakA, false) }), 201, 'disagreement 2');
  const no = expectJson(await admin.post(`/api/v1/awards/nominations/${m.id}/discussions`,
    { forum: 'shanyrak_union', held_on: TODAY, supported: false, decision: 'Шаңырақ одақтары қолдамады.' }), 201, 'union no');
  assert.equal(no.status, 'rejected');
  // Settled: nothing more.
  expectProblem(await admin.post(`/api/v1/awards/nominations/${n.id}/discussions`,
    { forum: 'shanyrak_union', held_on: TODAY, supported: false, decision: 'Тағы.' }), 409, 'conflict');
});

test(`[${BACKEND}] AWD-3, AWD-4: nominations are presented 10 days before the last month of the academic year, not later`, async () => {
  const w = await world();
  const dl = expectJson(await admin.get('/api/v1/awards/deadline'), 200, 'deadline');
  assert.equal(dl.rule, 'AWD-3');
  const last = dl.last_day;
  const firstOfLastMonth = `${last.slice(0, 7)}-01`;
  assert.equal(dl.deadline, addDays(firstOfLastMonth, -10), 'ten days before the first day of the last month');
  // On the clock server, the day after the deadline: refused; on the deadline: presented.
  // A principal of its own: signing in at another time must not end the shared admin's session.
  const principal = await createUser(admin, { roles: ['institution_admin'] });
  if (!server) server = await startClockServer();
  server.set(almaty(addDays(dl.deadline, 1), 12));
  const late = await signIn(principal.login, { password: principal.password, base: server.base });
  const held = addDays(dl.deadline, 1);
  const body = (i, shanyrak) => ({ contest: 'student_of_year', student_id: w.students[i].id, commission_body_id: w.commission.id, motivation: 'Үздік.',
    discussions: discussions(shanyrak).map((d) => ({ ...d, held_on: dl.deadline })) });
  expectProblem(await late.post('/api/v1/awards/nominations', body(0, w.shanyrakA)), 422, 'rule',
    { rule: 'AWD-3', fields: [{ field: 'presented_on', code: 'rule' }] });
  expectProblem(await late.post('/api/v1/awards/nominations', { ...body(0, w.shanyrakA), contest: 'shanyrak_of_year', student_id: undefined, shanyrak_id: w.shanyrakA.id }),
    422, 'rule', { rule: 'AWD-4', fields: [{ field: 'presented_on', code: 'rule' }] });
  assert.ok(held > dl.deadline);
  server.set(almaty(dl.deadline, 23, 30));
  const onTime = await signIn(principal.login, { password: principal.password, base: server.base });
  const n = expectJson(await onTime.post('/api/v1/awards/nominations', body(1, w.shanyrakA)), 201, 'on the deadline');
  assert.equal(n.presented_on, dl.deadline);
  server.set('');
});

// Presents three students and opens the commission's session on "Student of the year".
async function scoredWorld() {
  const w = await world();
  const n = [];
  for (const [i, s] of [[0, w.shanyrakA], [1, w.shanyrakA], [2, w.shanyrakB]]) n.push(expectJson(await nominateStudent(w, i, s), 201, `nominee ${i}`));
  return { w, n };
}

test(`[${BACKEND}] AWD-3: the commission scores; members related to a nominee are recused and refused; places with the stated tie-break; into the protocol`, async () => {
  const { w, n } = await scoredWorld();
  // Only the officers open it; a member does not.
  expectProblem(await w.teacherC.post(`/api/v1/awards/commissions/${w.commission.id}/sessions`, { meeting_id: w.meeting.id, contest: 'student_of_year' }), 403, 'forbidden');
  const s = expectJson(await w.chairC.post(`/api/v1/awards/commissions/${w.commission.id}/sessions`, { meeting_id: w.meeting.id, contest: 'student_of_year' }), 201, 'session');
  assert.equal(s.places, 3);
  assert.equal(s.nominees.length, 3);
  const member = (p) => s.members.find((m) => sameId(m.person_id, p.id));
  assert.ok(!member(w.secretary), 'the secretary has no vote');
  // The mother (kin) of the first nominee; the leader of the first Shanyrak (own Shanyrak) of the first two.
  assert.deepEqual(member(w.mother).recusals.map((r) => [String(r.nomination_id), r.reason]), [[String(n[0].id), 'kin']]);
  assert.deepEqual(member(w.leader).recusals.map((r) => r.reason), ['own_shanyrak', 'own_shanyrak']);
  assert.deepEqual(member(w.chair).recusals, []);
  // Refusals: a recused member, a member without a vote, someone not on the commission.
  expectProblem(await w.motherC.put(`/api/v1/awards/sessions/${s.id}/scores`, { scores: [{ nomination_id: n[0].id, score: 10 }] }), 422, 'rule',
    { rule: 'AWD-3', fields: [{ field: 'scores.0.nomination_id', code: 'rule' }] });
  expectProblem(await w.leaderC.put(`/api/v1/awards/sessions/${s.id}/scores`, { scores: [{ nomination_id: n[2].id, score: 1 }, { nomination_id: n[1].id, score: 9 }] }),
    422, 'rule', { rule: 'AWD-3', fields: [{ field: 'scores.1.nomination_id', code: 'rule' }] });
  expectProblem(await w.secretaryC.put(`/api/v1/awards/sessions/${s.id}/scores`, { scores: [{ nomination_id: n[0].id, score: 5 }] }), 422, 'rule', { rule: 'AWD-2' });
  expectProblem(await w.otherC.put(`/api/v1/awards/sessions/${s.id}/scores`, { scores: [{ nomination_id: n[0].id, score: 5 }] }), 403, 'forbidden');
  expectProblem(await w.otherC.get(`/api/v1/awards/sessions/${s.id}`), 403, 'forbidden');
  expectProblem(await w.chairC.put(`/api/v1/awards/sessions/${s.id}/scores`, { scores: [{ nomination_id: n[0].id, score: 11 }] }), 422, 'validation');
  // Nothing of a refused request was written (the leader's score of the third nominee).
  const before = expectJson(await w.chairC.get(`/api/v1/awards/sessions/${s.id}`), 200, 'session');
  assert.equal(before.nominees.find((x) => sameId(x.nomination_id, n[2].id)).scores, 0);
  // Scores: nominees 0 and 1 tie on the mean (8); nominee 1 is the top choice of more members.
  //   chair:   n0 9, n1 7, n2 5      teacher: n0 7, n1 9, n2 6
  //   mother:  n1 8, n2 4 (recused from n0)      leader: n2 6 (recused from n0, n1)
  expectJson(await w.chairC.put(`/api/v1/awards/sessions/${s.id}/scores`,
    { scores: [{ nomination_id: n[0].id, score: 9 }, { nomination_id: n[1].id, score: 7 }, { nomination_id: n[2].id, score: 5 }] }), 200, 'chair');
  expectJson(await w.teacherC.put(`/api/v1/awards/sessions/${s.id}/scores`,
    { scores: [{ nomination_id: n[0].id, score: 7 }, { nomination_id: n[1].id, score: 9 }, { nomination_id: n[2].id, score: 6 }] }), 200, 'teacher');
  const mine = expectJson(await w.motherC.put(`/api/v1/awards/sessions/${s.id}/scores`,
    { scores: [{ nomination_id: n[1].id, score: 8 }, { nomination_id: n[2].id, score: 4 }] }), 200, 'mother');
  assert.equal(mine.me.voting, true);
  assert.equal(mine.me.scores.length, 2);
  expectJson(await w.leaderC.put(`/api/v1/awards/sessions/${s.id}/scores`, { scores: [{ nomination_id: n[2].id, score: 6 }] }), 200, 'leader');
  // Others' scores stay hidden until the result.
  assert.equal(mine.members.find((m) => sameId(m.person_id, w.chair.id)).scores, null);
  expectProblem(await w.teacherC.post(`/api/v1/awards/sessions/${s.id}/close`, {}), 403, 'forbidden');
  const closed = expectJson(await w.chairC.post(`/api/v1/awards/sessions/${s.id}/close`, {}), 200, 'closed');
  assert.equal(closed.status, 'closed');
  const rows = closed.result.standings;
  // n1: 7, 9, 8 -> mean 8, 2 first ranks (teacher, mother); n0: 9, 7 -> mean 8, 1 first rank; n2: 5.25.
  assert.deepEqual(rows.map((r) => [String(r.nomination_id), r.place]), [[String(n[1].id), 1], [String(n[0].id), 2], [String(n[2].id), 3]]);
  assert.equal(rows[0].tie_break, 'first_ranks');
  assert.equal(rows[0].mean, '8.00');
  assert.equal(rows[0].first_ranks, 2);
  assert.deepEqual(closed.result.tie_break_order, ['mean', 'first_ranks', 'median', 'earlier_nomination']);
  assert.ok(closed.members.find((m) => sameId(m.person_id, w.chair.id)).scores.length === 3, 'the scores in the result');
  // On the agenda of the commission's meeting (its protocol); the recused members are interested in it.
  assert.ok(closed.agenda_item_id, 'an agenda item');
  const meeting = expectJson(await w.chairC.get(`/api/v1/meetings/${w.meeting.id}`), 200, 'meeting');
  assert.ok(JSON.stringify(meeting).includes(String(closed.agenda_item_id)));
  expectProblem(await w.chairC.put(`/api/v1/awards/sessions/${s.id}/scores`, { scores: [{ nomination_id: n[0].id, score: 1 }] }), 409, 'conflict');
  await expectAudit(admin, { action: 'award_session.close', entityId: s.id });
  return { w, n, closed };
});

test(`[${BACKEND}] AWD-4: "Best Shanyrak": the members of a Shanyrak and parents of its students are recused; the commission picks one winner`, async () => {
  const w = await world();
  const a = expectJson(await nominateShanyrak(w, w.shanyrakA), 201, 'A');
  const b = expectJson(await nominateShanyrak(w, w.shanyrakB), 201, 'B');
  const s = expectJson(await admin.post(`/api/v1/awards/commissions/${w.commission.id}/sessions`, { meeting_id: w.meeting.id, contest: 'shanyrak_of_year' }), 201, 'session');
  assert.equal(s.places, 1);
  const rec = (p) => s.members.find((m) => sameId(m.person_id, p.id)).recusals.map((r) => [String(r.nomination_id), r.reason]);
  assert.deepEqual(rec(w.leader), [[String(a.id), 'own_shanyrak']]);
  assert.deepEqual(rec(w.mother), [[String(a.id), 'kin']]);
  expectProblem(await w.leaderC.put(`/api/v1/awards/sessions/${s.id}/scores`, { scores: [{ nomination_id: a.id, score: 10 }] }), 422, 'rule', { rule: 'AWD-4' });
  // Unscored nominee: the result cannot be computed.
  expectJson(await w.chairC.put(`/api/v1/awards/sessions/${s.id}/scores`, { scores: [{ nomination_id: b.id, score: 6 }] }), 200, 'chair');
  expectProblem(await w.chairC.post(`/api/v1/awards/sessions/${s.id}/close`, {}), 422, 'rule', { rule: 'AWD-4' });
  expectJson(await w.teacherC.put(`/api/v1/awards/sessions/${s.id}/scores`, { scores: [{ nomination_id: a.id, score: 8 }, { nomination_id: b.id, score: 8 }] }), 200, 'teacher');
  const closed = expectJson(await w.chairC.post(`/api/v1/awards/sessions/${s.id}/close`, {}), 200, 'closed');
  const rows = closed.result.standings;
  assert.deepEqual(rows.map((r) => [String(r.nomination_id), r.place]), [[String(a.id), 1], [String(b.id), null]], 'one winner');
  // The loser cannot be awarded "Shanyrak of the year".
  expectProblem(await admin.post('/api/v1/awards', { kind: 'shanyrak_of_year', recipient_kind: 'shanyrak', shanyrak_id: w.shanyrakB.id, nomination_id: b.id,
    reason: 'Жеңімпаз.' }), 422, 'rule', { rule: 'AWD-4' });
  const won = expectJson(await admin.post('/api/v1/awards', { kind: 'shanyrak_of_year', recipient_kind: 'shanyrak', shanyrak_id: w.shanyrakA.id,
    nomination_id: a.id, reason: 'Жыл шаңырағы.' }), 201, 'winner');
  assert.equal(won.place, 1);
});

test(`[${BACKEND}] AWD-5: the principal's order on a place, the personal record, the certificate PDF, the representatives informed (REP-1); publication`, async () => {
  const { w, n } = await scoredWorld();
  const s = expectJson(await w.chairC.post(`/api/v1/awards/commissions/${w.commission.id}/sessions`, { meeting_id: w.meeting.id, contest: 'student_of_year' }), 201, 'session');
  expectJson(await w.chairC.put(`/api/v1/awards/sessions/${s.id}/scores`,
    { scores: [{ nomination_id: n[0].id, score: 10 }, { nomination_id: n[1].id, score: 7 }, { nomination_id: n[2].id, score: 5 }] }), 200, 'chair');
  expectJson(await w.chairC.post(`/api/v1/awards/sessions/${s.id}/close`, {}), 200, 'closed');
  const body = { kind: 'student_of_year', recipient_kind: 'student', student_id: w.students[0].id, nomination_id: n[0].id, reason: 'Үздік нәтижелер.' };
  // Only the principal; a commission officer does not issue orders.
  expectProblem(await w.chairC.post('/api/v1/awards', body), 403, 'forbidden');
  expectProblem(await admin.post('/api/v1/awards', { ...body, nomination_id: undefined }), 422, 'rule', { rule: 'AWD-3' });
  const award = expectJson(await admin.post('/api/v1/awards', body), 201, 'award');
  assert.equal(award.place, 1);
  assert.match(award.order_number, /^\d+\/\d{4}-\d{4}$/);
  assert.match(award.order.verification_code, /./);
  expectProblem(await admin.post('/api/v1/awards', body), 409, 'conflict');
  // The order and the certificate in the three languages.
  for (const lang of ['kk', 'ru', 'en']) {
    for (const doc of ['order.pdf', 'certificate.pdf']) {
      const r = await w.motherC.get(`/api/v1/awards/${award.id}/${doc}?lang=${lang}`);
      assert.equal(r.status, 200, `${doc} ${lang}`);
      assert.match(r.contentType, /^application\/pdf/);
    }
  }
  // The printed order is checked by its code.
  const checked = await fetch(`${admin.base}/api/v1/public/award-orders/${award.order.verification_code}`);
  assert.equal(checked.status, 200);
  const v = await checked.json();
  assert.equal(v.valid, true);
  assert.equal(v.number, award.order_number);
  // The representative is informed, delivery logged; the student's record (overview) has it.
  const notice = expectJson(await w.motherC.get('/api/v1/me/notifications?limit=200'), 200, 'notices').items.find((x) => x.kind === 'award' && sameId(x.params.award_id, award.id));
  assert.ok(notice, 'the mother has the notice');
  const deliveries = expectJson(await admin.get(`/api/v1/people/${w.mother.id}/notice-deliveries?limit=200`), 200, 'deliveries').items;
  assert.ok(deliveries.some((d) => d.kind === 'award'), 'the delivery is logged');
  const child = expectJson(await w.motherC.get(`/api/v1/people/${w.students[0].id}/overview`), 200, 'parent view');
  assert.ok(child.awards.awards.some((a) => sameId(a.id, award.id) && a.place === 1));
  // Others: another student sees neither the award nor its order.
  expectProblem(await w.otherC.get(`/api/v1/awards/${award.id}`), 403, 'forbidden');
  expectProblem(await w.otherC.get(`/api/v1/awards/${award.id}/certificate.pdf`), 403, 'forbidden');
  // Second place exists, fourth does not.
  expectJson(await admin.post('/api/v1/awards', { ...body, student_id: w.students[1].id, nomination_id: n[1].id }), 201, 'second place');
  // Publication: only what the institution chose.
  const me = expectJson(await admin.get('/api/v1/me'), 200, 'me');
  const inst = me.user.institution.id;
  const pub = () => fetch(`${admin.base}/api/v1/public/institutions/${inst}/awards`).then((r) => r.json());
  assert.ok(!(await pub()).items.some((a) => sameId(a.id, award.id)), 'not published yet');
  expectProblem(await w.motherC.put(`/api/v1/awards/${award.id}/publication`, { published: true }), 403, 'forbidden');
  expectJson(await admin.put(`/api/v1/awards/${award.id}/publication`, { published: true }), 200, 'publish');
  const listed = (await pub()).items.find((a) => sameId(a.id, award.id));
  assert.ok(listed, 'published');
  assert.deepEqual(Object.keys(listed).sort(), ['academic_year', 'id', 'issued_on', 'kind', 'kind_name', 'place', 'reason', 'recipient_kind', 'recipient_name']);
  await expectAudit(admin, { action: 'award.issue', entityId: award.id });
});
