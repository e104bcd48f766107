// Discipline (seed 004, "Responsibility of students"): the catalogue (DISC-CAT-1, DISC-VER-1),
// incidents with escalation (DISC-ESC-1) and reversal, cases with due process (DISC-CMT-1,
// DISC-CASE-1..5), decisions (DISC-PEN-1, DISC-PEN-3), orders and their delivery (DISC-PEN-4),
// withdrawal and lapse (DISC-PEN-5, DISC-PEN-6), law enforcement (DISC-LAW-1), phones
// (DISC-DEV-1), and who may see what (GEN-3). Each refusal is checked with its rule.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND, KENES_BIN, KENES_DB, cap, createPerson, createUser, cyrTag, expectAudit, expectJson, expectProblem, signIn, studentNumber, uniq,
} from './lib/client.mjs';
import { addDays, pdf, png, startClockServer } from './lib/clock-server.mjs';
import { mailsTo, until } from './lib/mail-sink.mjs';

const TODAY = new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);   // Almaty (GEN-2)
const SINK = process.env.KENES_SMTP_SINK;
let admin;

before(async () => { admin = await signIn('admin'); });

// A class with its curator, a student with a legal representative (with an e-mail address), and a
// Disciplinary Committee of three voting teachers, each with an account.
async function world() {
  const tag = cap(cyrTag(6));
  const person = (extra = {}) => createPerson(admin, { surname: `${tag}${cap(cyrTag(4))}`, name: cap(cyrTag(5)), ...extra });
  const account = async (p, roles) => {
    const u = await createUser(admin, { roles, person_id: p.id });
    return signIn(u.login, { password: u.password });
  };
  const curator = await person({ staff: { position: 'Сынып жетекшісі' } });
  const group = expectJson(await admin.post('/api/v1/groups', { name: `${tag}-9А`, course: 1, curator_person_id: curator.id }), 201, 'group');
  const student = await person({ student: { student_number: studentNumber(), course: 1, status: 'studying', group_id: group.id } });
  const other = await person({ student: { student_number: studentNumber(), course: 1, status: 'studying', group_id: group.id } });
  const email = `parent.${uniq()}@mail.kz`.toLowerCase();
  const parent = await person({ email });
  expectJson(await admin.post(`/api/v1/people/${student.id}/representatives`, { representative_id: parent.id, kind: 'mother' }), 201, 'representative');
  const teachers = [await person({ staff: { position: 'Мұғалім' } }), await person({ staff: { position: 'Мұғалім' } }), await person({ staff: { position: 'Мұғалім' } })];
  const committee = expectJson(await admin.post('/api/v1/bodies', { template: 'disciplinary_committee', name: `Тәртіп ${tag}` }), 201, 'committee');
  const positions = ['chair', 'member', 'member'];
  for (let i = 0; i < 3; i++) {
    expectJson(await admin.post(`/api/v1/bodies/${committee.id}/members`,
      { person_id: teachers[i].id, position: positions[i], starts_on: TODAY, accepted_regulation: true, ex_officio: true }), 201, `seat ${i}`);
  }
  return {
    tag, group, student, other, parent, email, committee, teachers, curator,
    studentClient: await account(student, ['student']), parentClient: await account(parent, ['legal_representative']),
    curatorClient: await account(curator, ['curator']), otherClient: await account(other, ['student']),
    teacherClients: await Promise.all(teachers.map((t) => account(t, ['staff']))),
  };
}

async function openCase(w, extra = {}) {
  return expectJson(await admin.post('/api/v1/discipline/cases', {
    student_id: w.student.id, committee_body_id: w.committee.id, basis: 'complaint', reporter_name: 'Әлия Серікқызы', summary: `Сабақта тәртіп бұзды ${w.tag}`, ...extra,
  }), 201, 'case');
}

// A session of the committee with everybody present, the case on its agenda, voted and adopted.
// `recused` is the teacher interested in the case (the case's victim): they may not vote (MTG-6).
async function adoptOnSession(w, c, { recused = null } = {}) {
  const m = expectJson(await admin.post(`/api/v1/bodies/${w.committee.id}/meetings`,
    { held_on: TODAY, starts_at: '00:00', place: `Кабинет ${w.tag}`, convened_by: w.teachers[0].id }), 201, 'session');
  expectJson(await admin.post(`/api/v1/meetings/${m.id}/attendance/all-present`, {}), 200, 'all present');
  const onAgenda = expectJson(await admin.post(`/api/v1/discipline/cases/${c.id}/agenda`, { meeting_id: m.id }), 200, 'on the agenda');
  const item = onAgenda.agenda_item_id;
  expectJson(await admin.post(`/api/v1/agenda-items/${item}/vote/open`, {}), 200, 'vote open');
  for (let i = 0; i < 3; i++) {
    if (w.teachers[i].id === recused) {
      expectProblem(await w.teacherClients[i].post(`/api/v1/agenda-items/${item}/votes`, { choice: 'yes' }), 422, 'rule', { rule: 'MTG-6' });
    } else {
      expectJson(await w.teacherClients[i].post(`/api/v1/agenda-items/${item}/votes`, { choice: 'yes' }), 200, `vote ${i}`);
    }
  }
  expectJson(await admin.post(`/api/v1/agenda-items/${item}/vote/close`, {}), 200, 'vote close');
  return { meeting: m.id, item };
}

const incident = (w, kind, on = TODAY, students = [w.student.id]) => admin.post('/api/v1/incidents',
  { kind_code: kind, occurred_on: on, place: '204 кабинет', description: `Оқиға ${w.tag}`, student_ids: students });

test(`[${BACKEND}] DISC-CAT-1: the catalogue has the regulation's three tiers, named in each language; managers version it`, async () => {
  const kk = expectJson(await admin.get('/api/v1/discipline/catalogue'), 200, 'catalogue');
  const tiers = new Set(kk.items.map((k) => k.tier));
  assert.deepEqual([...tiers].sort(), ['expulsion', 'major', 'minor']);
  const lateness = kk.items.find((k) => k.code === 'lateness');
  assert.equal(lateness.tier, 'minor');
  assert.match(lateness.name, /кешігу/);
  assert.equal(kk.items.find((k) => k.code === 'theft').tier, 'expulsion');
  const en = await signIn('admin', { lang: 'en' });
  assert.equal(expectJson(await en.get('/api/v1/discipline/catalogue'), 200, 'en').items.find((k) => k.code === 'theft').name, 'Theft');
  // A new kind needs its names in the three languages.
  const code = `own_${uniq().replace(/[^a-z0-9]/g, '')}`.slice(0, 40);
  expectProblem(await admin.post('/api/v1/discipline/catalogue/versions', { code, tier: 'minor', effective_from: TODAY }), 422, 'validation',
    { fields: [{ field: 'name_kk', code: 'required' }] });
  expectJson(await admin.post('/api/v1/discipline/catalogue/versions',
    { code, tier: 'minor', effective_from: TODAY, name_kk: 'Аула қақпасын ашық қалдыру', name_ru: 'Открытые ворота', name_en: 'Gate left open' }), 201, 'own kind');
  const withOwn = expectJson(await admin.get('/api/v1/discipline/catalogue'), 200, 'catalogue');
  assert.equal(withOwn.items.find((k) => k.code === code).name, 'Аула қақпасын ашық қалдыру');
  // Before its date it did not exist.
  const earlier = expectJson(await admin.get(`/api/v1/discipline/catalogue?on=${addDays(TODAY, -1)}`), 200, 'yesterday');
  assert.equal(earlier.items.find((k) => k.code === code), undefined);
  expectProblem(await admin.post('/api/v1/discipline/catalogue/versions', { code, tier: 'major', effective_from: TODAY }), 422, 'validation',
    { fields: [{ field: 'effective_from', code: 'taken' }] });
  // Curators record incidents but do not change the catalogue.
  const curator = await signIn('curator');
  expectProblem(await curator.post('/api/v1/discipline/catalogue/versions', { code: 'x_y', tier: 'minor', effective_from: TODAY }), 403, 'forbidden');
});

test(`[${BACKEND}] DISC-ESC-1: a repeated infraction of a kind escalates with its arithmetic; a reversed record no longer counts`, async () => {
  const w = await world();
  const first = expectJson(await incident(w, 'littering', addDays(TODAY, -20), [w.student.id, w.other.id]), 201, 'first');
  assert.equal(first.students.length, 2, 'one incident, two students');
  assert.ok(first.students.every((s) => s.tier === 'minor' && s.earlier_same_kind === 0));
  const second = expectJson(await incident(w, 'littering', addDays(TODAY, -10)), 201, 'second');
  assert.equal(second.students[0].tier, 'major', 'a repeated minor infraction is major');
  assert.equal(second.students[0].base_tier, 'minor');
  assert.equal(second.students[0].earlier_same_kind, 1);
  assert.equal(second.students[0].window_from, addDays(TODAY, -10 - 182), 'the window of 183 days, its first day included');
  const third = expectJson(await incident(w, 'littering'), 201, 'third');
  assert.equal(third.students[0].tier, 'expulsion', 'and a repeated major one is expulsion-level');
  // Another kind starts from its own tier.
  assert.equal(expectJson(await incident(w, 'uniform'), 201, 'uniform').students[0].tier, 'minor');

  // Nothing is deleted: a mistaken record is reversed by a correcting entry with its reason.
  expectProblem(await admin.post(`/api/v1/incidents/${second.id}/reverse`, {}), 422, 'validation', { fields: [{ field: 'reason', code: 'required' }] });
  const correction = expectJson(await admin.post(`/api/v1/incidents/${second.id}/reverse`, { reason: 'Басқа оқушы болып шықты' }), 201, 'reverse');
  assert.equal(correction.reverses_id, second.id);
  const original = expectJson(await admin.get(`/api/v1/incidents/${second.id}`), 200, 'original');
  assert.equal(original.reversed_by_id, correction.id);
  assert.equal(original.students[0].reversed, true);
  expectProblem(await admin.post(`/api/v1/incidents/${second.id}/reverse`, { reason: 'Тағы' }), 409, 'conflict');
  const fourth = expectJson(await incident(w, 'littering'), 201, 'after the reversal');
  assert.equal(fourth.students[0].earlier_same_kind, 2, 'the reversed record is not counted');
  await expectAudit(admin, { action: 'incident.reverse', entityId: second.id });

  // Bad input changes nothing.
  expectProblem(await incident(w, 'no_such_kind'), 422, 'validation', { fields: [{ field: 'kind_code', code: 'not_found' }] });
  expectProblem(await incident(w, 'littering', addDays(TODAY, 2)), 422, 'validation', { fields: [{ field: 'occurred_on', code: 'in_future' }] });
  expectProblem(await incident(w, 'littering', TODAY, [w.parent.id]), 422, 'validation', { fields: [{ field: 'student_ids', code: 'not_found' }] });
  // The curator of the class reads it; another student's parent does not even learn it exists.
  expectJson(await w.curatorClient.get(`/api/v1/incidents/${third.id}`), 200, 'curator');
  // A student of another class in a shared incident stays unknown to this curator (GEN-3).
  const elsewhere = expectJson(await admin.post('/api/v1/groups', { name: `${w.tag}-10Б`, course: 2 }), 201, 'another class');
  const stranger = await createPerson(admin, { surname: `${w.tag}Бөгде`, name: 'Ерасыл', student: { student_number: studentNumber(), course: 2, status: 'studying', group_id: elsewhere.id } });
  const mixed = expectJson(await incident(w, 'obscene_language', TODAY, [w.student.id, stranger.id]), 201, 'two classes');
  assert.equal(mixed.students.length, 2, 'the reporter sees both');
  const seen = expectJson(await w.curatorClient.get(`/api/v1/incidents/${mixed.id}`), 200, 'curator view');
  assert.deepEqual(seen.students.map((s) => s.person_id), [w.student.id]);
  const listed = expectJson(await w.curatorClient.get(`/api/v1/groups/${w.group.id}/incidents`), 200, 'group view').items.find((i) => i.id === mixed.id);
  assert.deepEqual(listed.students.map((s) => s.person_id), [w.student.id]);
  const staff = await signIn('staff');
  const byGroup = expectJson(await staff.get(`/api/v1/incidents?group=${w.group.id}`), 200, 'a manager by group').items;
  assert.ok(byGroup.some((i) => i.id === mixed.id && i.students.length === 2));
  expectProblem(await staff.get('/api/v1/incidents?group=abc'), 422, 'validation', { fields: [{ field: 'group', code: 'invalid' }] });
  expectJson(await w.curatorClient.get(`/api/v1/groups/${w.group.id}/incidents`), 200, 'the group');
  await expectAudit(admin, { action: 'incident.list', actorLogin: w.curatorClient.user?.login });
  expectProblem(await w.parentClient.get(`/api/v1/incidents/${third.id}`), 403, 'forbidden');
  // The student sees their own part, without the other student of a shared incident.
  const own = expectJson(await w.studentClient.get(`/api/v1/people/${w.student.id}/discipline`), 200, 'own record');
  const shared = own.incidents.find((i) => i.id === first.id);
  assert.ok(shared && shared.part.tier === 'minor');
  assert.equal(JSON.stringify(own).includes(w.other.surname), false, 'no other student named');
  expectProblem(await w.otherClient.get(`/api/v1/people/${w.student.id}/discipline`), 403, 'forbidden');
});

test(`[${BACKEND}] DISC-CASE-1, DISC-CASE-2: a case opens on a named basis, one representative is told and an explanation is due within a day`, async () => {
  const w = await world();
  const base = { student_id: w.student.id, committee_body_id: w.committee.id, summary: 'Төбелес' };
  expectProblem(await admin.post('/api/v1/discipline/cases', { ...base, basis: 'complaint' }), 422, 'validation',
    { fields: [{ field: 'reporter_name', code: 'required' }] });
  const council = expectJson(await admin.post('/api/v1/bodies', { template: 'council', name: `Кеңес ${w.tag}` }), 201, 'council');
  expectProblem(await admin.post('/api/v1/discipline/cases', { ...base, basis: 'own_application', committee_body_id: council.id }), 422, 'rule', { rule: 'DISC-CMT-1' });
  const own = expectJson(await admin.post('/api/v1/discipline/cases', { ...base, basis: 'own_application' }), 201, 'own application');
  assert.equal(own.reporter_person_id, w.student.id, 'the student is the named applicant');

  const before = Date.now();
  const c = await openCase(w);
  assert.match(c.number, /^\d+\/\d{4}-\d{4}$/);
  assert.equal(c.representative_id, w.parent.id);
  assert.equal(c.explanation, 'awaited');
  const due = Date.parse(c.explanation_due_at);
  assert.ok(due - before >= 24 * 3600e3 - 60e3 && due - before <= 24 * 3600e3 + 60e3, `due in a day: ${c.explanation_due_at}`);
  // REP-1: the representative's notice in the app and by e-mail, with its delivery logged.
  const notices = expectJson(await w.parentClient.get('/api/v1/me/notifications'), 200, 'notices').items;
  const notice = notices.find((n) => n.kind === 'discipline_case_opened');
  assert.ok(notice, `the parent was told: ${JSON.stringify(notices)}`);
  assert.ok(notice.message.includes(c.number), notice.message);
  if (SINK) {
    // Mails of one kind within the hour come as one digest: the case's number is in its text.
    await until('the case mail', async () => (await mailsTo(w.email)).some((m) => m.body.includes(c.number)));
    await until('the delivery record', async () => {
      const d = expectJson(await admin.get(`/api/v1/people/${w.parent.id}/notice-deliveries`), 200, 'deliveries');
      return d.items.some((x) => x.kind === 'discipline_case_opened' && x.delivery.mail_status === 'sent');
    });
  }
  await expectAudit(admin, { action: 'discipline_case.open', entityId: c.id });
  // "Needs you": the explanation, for the parent and the student; gone once it is in the file.
  const needs = async (client) => expectJson(await client.get('/api/v1/me/needs'), 200, 'needs').items.filter((n) => n.kind === 'discipline_explanation');
  assert.ok((await needs(w.parentClient)).some((n) => n.link === `/discipline/cases/${c.id}`));
  assert.ok((await needs(w.studentClient)).some((n) => n.link === `/discipline/cases/${c.id}`));
  assert.deepEqual(await needs(w.curatorClient), []);
  expectJson(await w.studentClient.post(`/api/v1/discipline/cases/${c.id}/evidence`, { kind: 'explanation_student', description: 'Түсініктеме', text: 'Кешірім сұраймын.' }), 201, 'explanation');
  assert.equal((await needs(w.parentClient)).some((n) => n.link === `/discipline/cases/${c.id}`), false);
  // The overview's section: open cases, no penalty.
  const overview = expectJson(await w.parentClient.get(`/api/v1/people/${w.student.id}/overview`), 200, 'overview');
  assert.equal(overview.discipline.open_cases, 2);
  assert.equal(overview.discipline.penalty_in_force, false);
});

test(`[${BACKEND}] DISC-CASE-4, DISC-CASE-5: the family explains and petitions, withdraws an explanation, asks for non-disclosure; reads are audited`, async () => {
  const w = await world();
  const c = await openCase(w);
  // The parent uploads the handwritten explanation from their phone: kept with its SHA-256.
  const scan = pdf('Түсініктеме');
  const up = await w.parentClient.request('POST', `/api/v1/discipline/cases/${c.id}/evidence-files?kind=explanation_student&description=${encodeURIComponent('Ұлымның түсініктемесі')}`,
    { body: scan, contentType: 'application/pdf' });
  const withFile = expectJson(up, 201, 'explanation');
  assert.equal(withFile.explanation, 'received');
  const item = withFile.evidence.find((e) => e.kind === 'explanation_student');
  const { createHash } = await import('node:crypto');
  assert.equal(item.file.sha256, createHash('sha256').update(Buffer.from(scan)).digest('hex'));
  const back = await w.parentClient.get(`/api/v1/case-evidence/${item.id}/file`);
  assert.equal(back.status, 200);
  assert.equal(createHash('sha256').update(back.bytes).digest('hex'), item.file.sha256);
  // Names and descriptions are text: broken UTF-8 or control characters are refused, nothing stored.
  for (const bad of ['%FF%FE', 'x%C3%28y', 'a%00b']) {
    expectProblem(await w.parentClient.request('POST', `/api/v1/discipline/cases/${c.id}/evidence-files?kind=document&description=${bad}`,
      { body: scan, contentType: 'application/pdf' }), 422, 'validation');
  }
  // A file that is not what it claims is refused and nothing is stored.
  expectProblem(await w.parentClient.request('POST', `/api/v1/discipline/cases/${c.id}/evidence-files?kind=photo&description=x`,
    { body: 'not an image', contentType: 'image/png' }), 422, 'validation');
  // A petition as text; a witness's account by a committee member.
  expectJson(await w.studentClient.post(`/api/v1/discipline/cases/${c.id}/evidence`, { kind: 'petition', description: 'Өтініш', text: 'Куәні тыңдауды сұраймын.' }), 201, 'petition');
  expectJson(await w.teacherClients[1].post(`/api/v1/discipline/cases/${c.id}/evidence`,
    { kind: 'explanation_witness', description: 'Кезекші мұғалім', text: 'Үзіліс кезінде көрдім.' }), 201, 'witness');
  // Only who added an explanation withdraws it; the withdrawal is recorded, the text kept.
  expectProblem(await w.studentClient.post(`/api/v1/case-evidence/${item.id}/withdraw`, { reason: 'Қате' }), 403, 'forbidden');
  const withdrawn = expectJson(await w.parentClient.post(`/api/v1/case-evidence/${item.id}/withdraw`, { reason: 'Қате файл' }), 200, 'withdrawn');
  const w1 = withdrawn.evidence.find((e) => e.id === item.id);
  assert.ok(w1.withdrawn_at && w1.withdrawal_reason === 'Қате файл' && w1.file, 'still in the file, marked withdrawn');
  assert.equal(withdrawn.explanation, 'awaited');
  // Others of the school: no access at all.
  expectProblem(await w.otherClient.get(`/api/v1/discipline/cases/${c.id}`), 403, 'forbidden');
  expectJson(await w.curatorClient.get(`/api/v1/discipline/cases/${c.id}`), 200, 'the curator before non-disclosure');
  // Non-disclosure until the decision: the curator no longer sees it; the family and committee do.
  expectJson(await w.studentClient.post(`/api/v1/discipline/cases/${c.id}/non-disclosure`, {}), 200, 'non-disclosure');
  expectProblem(await w.curatorClient.get(`/api/v1/discipline/cases/${c.id}`), 403, 'forbidden');
  expectProblem(await w.curatorClient.get(`/api/v1/case-evidence/${item.id}/file`), 403, 'forbidden');
  const record = expectJson(await w.curatorClient.get(`/api/v1/people/${w.student.id}/discipline`), 200, 'curator record');
  assert.equal(record.cases.some((x) => x.id === c.id), false, 'not even listed for the curator');
  expectJson(await w.parentClient.get(`/api/v1/discipline/cases/${c.id}`), 200, 'parent');
  expectJson(await w.teacherClients[2].get(`/api/v1/discipline/cases/${c.id}`), 200, 'committee member');
  // GEN-3: the reads are audited.
  await expectAudit(admin, { action: 'discipline_case.read', entityId: c.id });
  // A student member of the committee finds the committee's cases from its page; others do not.
  expectProblem(await w.otherClient.get(`/api/v1/bodies/${w.committee.id}/discipline-cases`), 403, 'forbidden');
  expectJson(await admin.post(`/api/v1/bodies/${w.committee.id}/members`,
    { person_id: w.other.id, position: 'member', starts_on: TODAY, accepted_regulation: true, ex_officio: true }), 201, 'a student member');
  const theirs = expectJson(await w.otherClient.get(`/api/v1/bodies/${w.committee.id}/discipline-cases`), 200, 'committee cases').items;
  assert.ok(theirs.some((x) => x.id === c.id));
  await expectAudit(admin, { action: 'case_evidence.withdraw', entity: 'discipline_case' });
});

test(`[${BACKEND}] DISC-CASE-2: a refusal is recorded in an act of three committee members, and does not block the case`, async () => {
  const w = await world();
  const c = await openCase(w);
  const three = w.teachers.map((t) => t.id);
  expectProblem(await admin.post(`/api/v1/discipline/cases/${c.id}/refusal-act`, { signer_person_ids: [three[0], three[0], three[1]], note: 'Бас тартты' }),
    422, 'validation', { fields: [{ field: 'signer_person_ids', code: 'three_needed' }] });
  expectProblem(await admin.post(`/api/v1/discipline/cases/${c.id}/refusal-act`, { signer_person_ids: [three[0], three[1], w.curator.id], note: 'Бас тартты' }),
    422, 'rule', { rule: 'DISC-CASE-2' });
  const act = expectJson(await admin.post(`/api/v1/discipline/cases/${c.id}/refusal-act`, { signer_person_ids: three, note: 'Түсініктеме беруден бас тартты' }), 200, 'act');
  assert.equal(act.explanation, 'refused');
  assert.equal(act.refusal_act.signers.length, 3);
  // The case goes on: facts, the session, a decision.
  const facts = expectJson(await admin.put(`/api/v1/discipline/cases/${c.id}/facts`, { facts: { offence_occurred: 'Иә', guilt: 'Дәлелденді' } }), 200, 'facts');
  assert.equal(facts.facts.guilt, 'Дәлелденді');
  expectProblem(await admin.put(`/api/v1/discipline/cases/${c.id}/facts`, { facts: { gossip: 'x' } }), 422, 'validation');
  await adoptOnSession(w, c);
  const decided = expectJson(await admin.post(`/api/v1/discipline/cases/${c.id}/decision`, { measures: ['conversation'], reasons: '' }), 200, 'decided');
  assert.equal(decided.status, 'decided');
});

test(`[${BACKEND}] DISC-CMT-1, MTG-6, DISC-PEN-1, DISC-PEN-3, DISC-PEN-4: the committee decides with the victim recused; the order is signed and delivered`, async () => {
  const w = await world();
  const c = await openCase(w, { victim_person_id: w.teachers[2].id, incident_ids: [expectJson(await incident(w, 'harm'), 201, 'harm').id] });
  // No decision before the session adopted it.
  expectProblem(await admin.post(`/api/v1/discipline/cases/${c.id}/decision`, { measures: ['conversation'] }), 422, 'rule', { rule: 'DISC-CMT-1' });
  const { meeting, item } = await adoptOnSession(w, c, { recused: w.teachers[2].id });
  // The session's record names the case by its number only.
  const m = expectJson(await admin.get(`/api/v1/meetings/${meeting}`), 200, 'session');
  const onAgenda = m.items.find((i) => i.id === item);
  assert.ok(onAgenda.title.includes(c.number) && !onAgenda.title.includes(w.student.surname), onAgenda.title);
  // Measures come first: a first penalty without them is refused.
  expectProblem(await admin.post(`/api/v1/discipline/cases/${c.id}/decision`, { measures: [], penalty: 'warning', reasons: 'Қайталанды' }),
    422, 'rule', { rule: 'DISC-PEN-1' });
  expectProblem(await admin.post(`/api/v1/discipline/cases/${c.id}/decision`, { measures: ['conversation'], penalty: 'warning' }),
    422, 'rule', { rule: 'DISC-PEN-1' });
  // Exclusion only through an extraordinary session of the Teachers Council.
  expectProblem(await admin.post(`/api/v1/discipline/cases/${c.id}/decision`, { measures: ['conversation'], penalty: 'exclusion', reasons: 'Ауыр' }),
    422, 'rule', { rule: 'DISC-PEN-3' });
  expectProblem(await admin.post(`/api/v1/discipline/cases/${c.id}/decision`, { measures: ['gossip'] }), 422, 'validation',
    { fields: [{ field: 'measures', code: 'invalid' }] });
  const decided = expectJson(await admin.post(`/api/v1/discipline/cases/${c.id}/decision`,
    { measures: ['conversation', 'parents_meeting'], penalty: 'reprimand', reasons: 'Ескертулер нәтиже бермеді' }), 200, 'decision');
  assert.deepEqual(decided.decision.measures, ['conversation', 'parents_meeting']);
  assert.equal(decided.decision.tiers[0].tier, 'expulsion');
  expectProblem(await admin.post(`/api/v1/discipline/cases/${c.id}/decision`, { measures: ['conversation'] }), 409, 'conflict');
  // The family receives a copy of the decision (DISC-CASE-5).
  const parentNotices = expectJson(await w.parentClient.get('/api/v1/me/notifications'), 200, 'notices').items;
  assert.ok(parentNotices.some((n) => n.kind === 'discipline_decided'));

  // DISC-PEN-4: the principal's order from the decision, signed, numbered, verifiable.
  expectProblem(await w.curatorClient.post(`/api/v1/discipline/cases/${c.id}/order`, {}), 403, 'forbidden');
  const order = expectJson(await admin.post(`/api/v1/discipline/cases/${c.id}/order`, { issued_on: addDays(TODAY, -3) }), 201, 'order');
  assert.ok(expectJson(await admin.get('/api/v1/me/needs'), 200, 'needs').items.some((n) => n.kind === 'discipline_order_delivery' && n.link === `/discipline/orders/${order.id}`),
    'the order waits to be handed over');
  assert.equal(order.content.penalty, 'reprimand');
  assert.equal(order.content.issued_on, addDays(TODAY, -3));
  assert.ok(order.content.evidence.length >= 0 && order.content.decision.protocol >= 1);
  expectProblem(await admin.post(`/api/v1/discipline/cases/${c.id}/order`, {}), 409, 'conflict');
  const pdfRes = await w.parentClient.get(`/api/v1/discipline/orders/${order.id}/pdf?lang=kk`);
  assert.equal(pdfRes.status, 200);
  assert.match(pdfRes.contentType, /application\/pdf/);
  const anon = await fetch(`${process.env.KENES_URL ?? 'http://127.0.0.1:8080'}/api/v1/public/discipline-orders/${order.verification_code}`);
  const verified = await anon.json();
  assert.equal(verified.valid, true);
  assert.equal(JSON.stringify(verified).includes(w.student.surname), false, 'verification names no student');
  // Delivery: against the receipt of the student or a representative, or by mail.
  expectProblem(await admin.post(`/api/v1/discipline/orders/${order.id}/delivery`, { method: 'receipt', on: TODAY, received_by_person_id: w.curator.id }),
    422, 'rule', { rule: 'DISC-PEN-4' });
  expectProblem(await admin.post(`/api/v1/discipline/orders/${order.id}/delivery`, { method: 'mail', on: TODAY }), 422, 'validation',
    { fields: [{ field: 'note', code: 'required' }] });
  const delivered = expectJson(await admin.post(`/api/v1/discipline/orders/${order.id}/delivery`,
    { method: 'receipt', on: TODAY, received_by_person_id: w.parent.id }), 200, 'delivered');
  assert.equal(delivered.delivery.method, 'receipt');
  const adminNeeds = expectJson(await admin.get('/api/v1/me/needs'), 200, 'needs').items;
  assert.equal(adminNeeds.some((n) => n.kind === 'discipline_order_delivery' && n.link === `/discipline/orders/${order.id}`), false, 'delivered: nothing waits');
  expectProblem(await admin.post(`/api/v1/discipline/orders/${order.id}/delivery`, { method: 'receipt', on: TODAY, received_by_person_id: w.parent.id }), 409, 'conflict');

  // DISC-PEN-6: the register shows it in force until six months after the order.
  const record = expectJson(await w.parentClient.get(`/api/v1/people/${w.student.id}/discipline`), 200, 'record');
  assert.equal(record.penalty_in_force, true);
  const p = record.penalties.find((x) => x.order_id === order.id);
  assert.equal(p.measure, 'reprimand');
  assert.equal(p.in_force, true);
  const d = new Date(`${addDays(TODAY, -3)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 6);
  if (d.getUTCDate() === new Date(`${addDays(TODAY, -3)}T00:00:00Z`).getUTCDate()) assert.equal(record.lapses_on, d.toISOString().slice(0, 10));

  // DISC-PEN-5: early withdrawal needs an intercession, good progress and no new violations.
  expectProblem(await admin.post(`/api/v1/penalties/${p.id}/withdraw`, { withdrawn_on: TODAY, grounds: 'Жақсы оқиды' }), 422, 'rule', { rule: 'DISC-PEN-5' });
  expectJson(await incident(w, 'uniform', addDays(TODAY, -1)), 201, 'a new violation after the order');
  expectProblem(await admin.post(`/api/v1/penalties/${p.id}/withdraw`, { withdrawn_on: TODAY, intercession: 'teacher', grounds: 'Жақсы оқиды' }),
    422, 'rule', { rule: 'DISC-PEN-5' });
});

test(`[${BACKEND}] DISC-PEN-5, DISC-PEN-6: withdrawn early by an order on intercession; otherwise it lapses six months after the order`, { skip: KENES_BIN && KENES_DB ? false : 'needs KENES_BIN and KENES_DB' }, async () => {
  const w = await world();
  const decideWith = async (c) => {
    await adoptOnSession(w, c);
    expectJson(await admin.post(`/api/v1/discipline/cases/${c.id}/decision`, { measures: ['psychologist'], penalty: 'warning', reasons: 'Нәтиже болмады' }), 200, 'decision');
  };
  const c1 = await openCase(w);
  await decideWith(c1);
  const order = expectJson(await admin.post(`/api/v1/discipline/cases/${c1.id}/order`, { issued_on: addDays(TODAY, -30) }), 201, 'order');
  const p = expectJson(await admin.get(`/api/v1/people/${w.student.id}/penalties`), 200, 'register').items.find((x) => x.order_id === order.id);
  const withdrawn = expectJson(await admin.post(`/api/v1/penalties/${p.id}/withdraw`,
    { withdrawn_on: TODAY, intercession: 'student_government', intercessor: 'Оқушылар үкіметі', grounds: 'Үлгерімі жақсарды, жаңа бұзушылық жоқ' }), 200, 'withdrawn');
  assert.equal(withdrawn.withdrawn_on, TODAY);
  assert.ok(withdrawn.withdrawal_order_id, 'by an order');
  const wo = expectJson(await admin.get(`/api/v1/discipline/orders/${withdrawn.withdrawal_order_id}`), 200, 'withdrawal order');
  assert.equal(wo.kind, 'withdrawal');
  assert.equal(expectJson(await admin.get(`/api/v1/people/${w.student.id}/penalties`), 200, 'after').penalty_in_force, false);

  // A second penalty lapses by itself: six months after its order (server clock moved on).
  const c2 = await openCase(w);
  await decideWith(c2);
  expectJson(await admin.post(`/api/v1/discipline/cases/${c2.id}/order`, { issued_on: TODAY }), 201, 'second order');
  // An administrator of its own signs in on the moved clock: signing in clears that account's
  // sessions that expired by then, which would sign out the other tests' demo administrator.
  const own = await createUser(admin, { roles: ['institution_admin'] });
  const server = await startClockServer();
  try {
    await server.ready();
    const at = async (date) => {
      server.set(Date.parse(`${date}T07:00:00Z`));
      return signIn(own.login, { password: own.password, base: server.base });
    };
    const lapse = expectJson(await admin.get(`/api/v1/people/${w.student.id}/discipline`), 200, 'now').lapses_on;
    const before = await at(addDays(lapse, -1));
    assert.equal(expectJson(await before.get(`/api/v1/people/${w.student.id}/discipline`), 200, 'the day before').penalty_in_force, true);
    const later = await at(lapse);
    const lapsed = expectJson(await later.get(`/api/v1/people/${w.student.id}/discipline`), 200, 'lapsed');
    assert.equal(lapsed.penalty_in_force, false);
    assert.equal(lapsed.lapses_on, null);
  } finally {
    await server.stop();
  }
});

test(`[${BACKEND}] DISC-VER-1: a kind removed from the catalogue since the case began cannot be penalised`, async () => {
  const w = await world();
  const code = `gone_${uniq().replace(/[^a-z0-9]/g, '')}`.slice(0, 40);
  expectJson(await admin.post('/api/v1/discipline/catalogue/versions',
    { code, tier: 'major', effective_from: addDays(TODAY, -30), name_kk: 'Ескі ереже', name_ru: 'Старое правило', name_en: 'Old rule' }), 201, 'kind');
  const inc = expectJson(await incident(w, code, addDays(TODAY, -5)), 201, 'incident');
  const c = await openCase(w, { incident_ids: [inc.id] });
  await adoptOnSession(w, c);
  // Removed from today on: softening applies retroactively.
  expectJson(await admin.post('/api/v1/discipline/catalogue/versions', { code, tier: null, effective_from: TODAY }), 201, 'removed');
  expectProblem(await admin.post(`/api/v1/discipline/cases/${c.id}/decision`, { measures: ['conversation'], penalty: 'warning', reasons: 'Себеп' }),
    422, 'rule', { rule: 'DISC-VER-1' });
  const measuresOnly = expectJson(await admin.post(`/api/v1/discipline/cases/${c.id}/decision`, { measures: ['conversation'] }), 200, 'measures only');
  assert.equal(measuresOnly.decision.tiers[0].tier, null);
});

test(`[${BACKEND}] DISC-LAW-1: a criminal or administrative offence is reported to law enforcement, once, with the date and who reported`, async () => {
  const w = await world();
  const plain = await openCase(w);
  const report = { reported_on: TODAY, agencies: ['police', 'situational_centre'], reported_by_person_id: w.teachers[0].id, note: '102' };
  expectProblem(await admin.post(`/api/v1/discipline/cases/${plain.id}/law-report`, report), 422, 'rule', { rule: 'DISC-LAW-1' });
  const criminal = await openCase(w, { criminal: true });
  expectProblem(await admin.post(`/api/v1/discipline/cases/${criminal.id}/law-report`, { ...report, agencies: [] }), 422, 'validation');
  const done = expectJson(await admin.post(`/api/v1/discipline/cases/${criminal.id}/law-report`, report), 200, 'reported');
  assert.deepEqual(done.law_report.agencies, ['police', 'situational_centre']);
  expectProblem(await admin.post(`/api/v1/discipline/cases/${criminal.id}/law-report`, report), 409, 'conflict');
  expectProblem(await w.curatorClient.post(`/api/v1/discipline/cases/${criminal.id}/law-report`, report), 403, 'forbidden');
});

test(`[${BACKEND}] DISC-DEV-1: after a repeated withdrawal the phone goes back only to a legal representative`, async () => {
  const w = await world();
  const first = expectJson(await admin.post('/api/v1/device-withdrawals', { person_id: w.student.id, withdrawn_on: addDays(TODAY, -3), lesson: 'Математика, 2-сабақ' }), 201, 'first');
  assert.equal(first.only_to_representative, false);
  expectJson(await admin.post(`/api/v1/device-withdrawals/${first.id}/return`, { returned_to_person_id: w.student.id }), 200, 'back to the student');
  const second = expectJson(await admin.post('/api/v1/device-withdrawals', { person_id: w.student.id, withdrawn_on: TODAY, lesson: 'Физика, 4-сабақ' }), 201, 'second');
  assert.equal(second.only_to_representative, true);
  expectProblem(await admin.post(`/api/v1/device-withdrawals/${second.id}/return`, { returned_to_person_id: w.student.id }), 422, 'rule', { rule: 'DISC-DEV-1' });
  expectProblem(await admin.post(`/api/v1/device-withdrawals/${second.id}/return`, { returned_to_person_id: w.curator.id }), 422, 'validation');
  const back = expectJson(await admin.post(`/api/v1/device-withdrawals/${second.id}/return`, { returned_to_person_id: w.parent.id }), 200, 'to the parent');
  assert.equal(back.returned_on, TODAY);
  expectProblem(await admin.post(`/api/v1/device-withdrawals/${second.id}/return`, { returned_to_person_id: w.parent.id }), 409, 'conflict');
  const record = expectJson(await w.parentClient.get(`/api/v1/people/${w.student.id}/discipline`), 200, 'record');
  assert.equal(record.device_withdrawals.length, 2);
});

test(`[${BACKEND}] the committee's analysis: statistics by tier, kind, group and month, the XLSX export and the violations journal (GEN-4)`, async () => {
  const w = await world();
  expectJson(await incident(w, 'littering', addDays(TODAY, -2)), 201, 'one');
  expectJson(await incident(w, 'littering', addDays(TODAY, -1)), 201, 'two');
  const reversed = expectJson(await incident(w, 'gambling', addDays(TODAY, -1)), 201, 'reversed');
  expectJson(await admin.post(`/api/v1/incidents/${reversed.id}/reverse`, { reason: 'Қате жазылды' }), 201, 'reverse');
  const from = addDays(TODAY, -3);
  const stats = expectJson(await admin.get(`/api/v1/discipline/statistics?from=${from}&to=${TODAY}`), 200, 'statistics');
  const group = stats.by_group.find((g) => g.group === w.group.name);
  assert.equal(group.count, 2, 'the reversed record is not counted');
  assert.ok(stats.by_tier.some((t) => t.tier === 'major'), 'the repeated littering counts as major');
  assert.ok(stats.by_kind.some((k) => k.kind_code === 'littering' && k.name.length > 0));
  assert.equal(stats.by_kind.some((k) => k.kind_code === 'gambling' && k.count > 0 && stats.by_group.length === 0), false);
  expectProblem(await admin.get('/api/v1/discipline/statistics?from=2026-13-01'), 422, 'validation', { fields: [{ field: 'from', code: 'invalid' }] });
  expectProblem(await w.curatorClient.get('/api/v1/discipline/statistics'), 403, 'forbidden');
  const x = await admin.get(`/api/v1/discipline/statistics.xlsx?from=${from}&to=${TODAY}&lang=kk`);
  assert.equal(x.status, 200);
  assert.match(x.contentType, /spreadsheetml/);
  assert.equal(x.bytes.subarray(0, 2).toString(), 'PK');
  const journal = await admin.get(`/api/v1/discipline/journal.pdf?from=${from}&to=${TODAY}&lang=kk`);
  assert.equal(journal.status, 200);
  const { execFileSync } = await import('node:child_process');
  const pdfText = (bytes) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' }).replace(/\s+/g, ' ');
  const text = pdfText(journal.bytes);
  assert.match(text, /Тәртіп бұзушылықтарды тіркеу журналы/);
  assert.ok(text.includes(w.student.surname), 'the journal lists the student, the surname on one line');
  // The refusal act on paper, with the three members to sign.
  const c = await openCase(w);
  expectProblem(await admin.get(`/api/v1/discipline/cases/${c.id}/refusal-act.pdf`), 422, 'rule', { rule: 'DISC-CASE-2' });
  expectJson(await admin.post(`/api/v1/discipline/cases/${c.id}/refusal-act`, { signer_person_ids: w.teachers.map((t) => t.id), note: 'Бас тартты' }), 200, 'act');
  const act = await admin.get(`/api/v1/discipline/cases/${c.id}/refusal-act.pdf?lang=ru`);
  assert.equal(act.status, 200);
  const actText = pdfText(act.bytes);
  assert.match(actText, /Акт об отказе/);
  for (const t of w.teachers) assert.ok(actText.includes(t.surname), `${t.surname} signs`);
});

test(`[${BACKEND}] DISC-PEN-3: an exclusion is decided only with an item adopted at an extraordinary session of the Teachers Council`, async () => {
  const w = await world();
  const c = await openCase(w, { incident_ids: [expectJson(await incident(w, 'weapons'), 201, 'weapons').id] });
  await adoptOnSession(w, c);
  // The Teachers Council: the same three teachers.
  const council = expectJson(await admin.post('/api/v1/bodies', { template: 'teachers_council', name: `Педкеңес ${w.tag}` }), 201, 'council');
  const positions = ['chair', 'member', 'member'];
  for (let i = 0; i < 3; i++) {
    expectJson(await admin.post(`/api/v1/bodies/${council.id}/members`,
      { person_id: w.teachers[i].id, position: positions[i], starts_on: TODAY, accepted_regulation: true, ex_officio: true }), 201, `council seat ${i}`);
  }
  const adopted = async (extraordinary) => {
    const m = expectJson(await admin.post(`/api/v1/bodies/${council.id}/meetings`,
      { held_on: TODAY, starts_at: '00:00', place: 'Мұғалімдер бөлмесі', convened_by: w.teachers[0].id, extraordinary }), 201, 'council session');
    expectJson(await admin.post(`/api/v1/meetings/${m.id}/attendance/all-present`, {}), 200, 'present');
    const items = expectJson(await admin.post(`/api/v1/meetings/${m.id}/items`, { kind: 'discipline_case', title: `Іс № ${c.number}`, motion: 'Оқушы шығарылсын' }), 200, 'item').items;
    const item = items[items.length - 1].id;
    expectJson(await admin.post(`/api/v1/agenda-items/${item}/vote/open`, {}), 200, 'open');
    for (const t of w.teacherClients) expectJson(await t.post(`/api/v1/agenda-items/${item}/votes`, { choice: 'yes' }), 200, 'vote');
    expectJson(await admin.post(`/api/v1/agenda-items/${item}/vote/close`, {}), 200, 'close');
    return item;
  };
  const ordinary = await adopted(false);
  const decision = { measures: ['conversation'], penalty: 'exclusion', reasons: 'Қару әкелді' };
  expectProblem(await admin.post(`/api/v1/discipline/cases/${c.id}/decision`, { ...decision, council_item_id: ordinary }), 422, 'rule', { rule: 'DISC-PEN-3' });
  const extraordinary = await adopted(true);
  const done = expectJson(await admin.post(`/api/v1/discipline/cases/${c.id}/decision`, { ...decision, council_item_id: extraordinary }), 200, 'exclusion');
  assert.equal(done.decision.penalty, 'exclusion');
});

test(`[${BACKEND}] DISC-PEN-2: no penalty is decided for, or ordered on, a day the student is absent for a valid reason (ATT-1)`, async () => {
  const w = await world();
  const coordinator = await signIn('staff');
  const away = addDays(TODAY, -2);
  // The coordinator registers an olympiad for that day (ATT-1: no document needed for it).
  const j = expectJson(await coordinator.post(`/api/v1/people/${w.student.id}/attendance/justifications`, { reason: 'olympiad', from: away, to: away }), 201, 'olympiad');
  expectJson(await coordinator.post(`/api/v1/attendance-justifications/${j.id}/decision`, { accept: true }), 200, 'accepted');
  const c = await openCase(w);
  await adoptOnSession(w, c);
  const decision = { measures: ['conversation'], penalty: 'warning', reasons: 'Ескертулер нәтиже бермеді' };
  const refused = expectProblem(await admin.post(`/api/v1/discipline/cases/${c.id}/decision`, { ...decision, applies_on: away }), 422, 'rule', { rule: 'DISC-PEN-2' });
  assert.match(refused.detail, /Олимпиада/i, refused.detail);
  expectJson(await admin.post(`/api/v1/discipline/cases/${c.id}/decision`, { ...decision, applies_on: TODAY }), 200, 'another day');
  expectProblem(await admin.post(`/api/v1/discipline/cases/${c.id}/order`, { issued_on: away }), 422, 'rule', { rule: 'DISC-PEN-2' });
  expectJson(await admin.post(`/api/v1/discipline/cases/${c.id}/order`, { issued_on: TODAY }), 201, 'ordered on a school day');
});
