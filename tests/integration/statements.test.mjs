// Written statements and disputes (seed 004 "Resolving disputes"): topics (APL-1), a written
// statement with arguments from an identified filer, never anonymous (APL-2), its states, slip,
// deadline and answer delivered to the filer and the student's representatives (REP-1); the
// Ombudsman of the Student Government and the confidentiality of complaints (APL-4, seed 003
// §4.6); personal reception on a published schedule, booked once (APL-3).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  BACKEND, KENES_DB, cap, createPerson, createUser, cyrTag, expectAudit, expectJson, expectProblem, signIn, studentNumber,
} from './lib/client.mjs';

const TODAY = new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);   // Almaty (GEN-2)
const daysFrom = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const ARGS = 'Асханада дүйсенбі сайын тамақ суық беріледі, бұл бірнеше рет қайталанды.';
let admin;

function sql(statement) {
  if (KENES_DB.startsWith('sqlite:')) return execFileSync('sqlite3', [KENES_DB.slice(7), statement], { encoding: 'utf8' }).trim();
  return execFileSync('psql', [KENES_DB, '-v', 'ON_ERROR_STOP=1', '-At', '-c', statement], { encoding: 'utf8' }).trim();
}

before(async () => { admin = await signIn('admin'); });

// A student with a parent, a classmate, a staff member (assignee, receiver) and a teacher, each with an account.
async function world() {
  const tag = cap(cyrTag(6));
  const person = (extra = {}) => createPerson(admin, { surname: `${tag}${cap(cyrTag(4))}`, name: cap(cyrTag(5)), ...extra });
  const account = async (p, roles) => {
    const u = await createUser(admin, { roles, person_id: p.id });
    return signIn(u.login, { password: u.password });
  };
  const student = await person({ student: { student_number: studentNumber(), course: 1, status: 'studying' } });
  const other = await person({ student: { student_number: studentNumber(), course: 1, status: 'studying' } });
  const parent = await person({});
  expectJson(await admin.post(`/api/v1/people/${student.id}/representatives`, { representative_id: parent.id, kind: 'mother' }), 201, 'representative');
  const staff = await person({ staff: { position: 'Директор орынбасары' } });
  const teacher = await person({ staff: { position: 'Мұғалім' } });
  return {
    tag, student, other, parent, staff, teacher,
    studentClient: await account(student, ['student']), otherClient: await account(other, ['student']),
    parentClient: await account(parent, ['legal_representative']), staffClient: await account(staff, ['staff']),
    teacherClient: await account(teacher, ['curator']),
  };
}

async function noticesOf(client, kind) {
  return expectJson(await client.get('/api/v1/me/notifications?limit=200'), 200, 'notices').items.filter((n) => n.kind === kind);
}

test(`[${BACKEND}] APL-2: an anonymous statement is refused, there is no way to file one without a filer`, async () => {
  const w = await world();
  expectProblem(await w.studentClient.post('/api/v1/statements', { topic: 'canteen', arguments: ARGS, anonymous: true }), 422, 'rule', { rule: 'APL-2' });
  // A paper statement registered without the filer's identity.
  expectProblem(await admin.post('/api/v1/statements/paper', { topic: 'canteen', arguments: ARGS }), 422, 'rule', { rule: 'APL-2' });
  expectProblem(await admin.post('/api/v1/statements/paper', { topic: 'canteen', arguments: ARGS, anonymous: true, filer_person_id: w.student.id }), 422, 'rule', { rule: 'APL-2' });
  // An account with no person behind it (the administrator) cannot file as nobody either.
  expectProblem(await admin.post('/api/v1/statements', { topic: 'canteen', arguments: ARGS }), 403, 'forbidden');
  const mine = expectJson(await w.studentClient.get('/api/v1/statements/mine'), 200, 'mine').items;
  assert.equal(mine.length, 0, 'nothing was registered');
});

test(`[${BACKEND}] APL-2: a dispute is considered only on a written statement with arguments`, async () => {
  const w = await world();
  expectProblem(await w.studentClient.post('/api/v1/statements', { topic: 'canteen' }), 422, 'rule', { rule: 'APL-2' });
  expectProblem(await w.studentClient.post('/api/v1/statements', { topic: 'canteen', arguments: '   ' }), 422, 'rule', { rule: 'APL-2' });
  expectProblem(await w.studentClient.post('/api/v1/statements', { topic: 'canteen', arguments: 'Суық' }), 422, 'rule', { rule: 'APL-2' });
  const s = expectJson(await w.studentClient.post('/api/v1/statements', { topic: 'canteen', arguments: ARGS }), 201, 'filed');
  assert.equal(s.state, 'registered');
  assert.equal(s.filer.person_id, w.student.id);
});

test(`[${BACKEND}] APL-1: the seed's topics only; a representative files on behalf of their own child only`, async () => {
  const w = await world();
  expectProblem(await w.studentClient.post('/api/v1/statements', { topic: 'politics', arguments: ARGS }), 422, 'validation', { fields: [{ field: 'topic', code: 'invalid' }] });
  for (const topic of ['safety', 'education', 'library', 'canteen', 'medical', 'other_department', 'students', 'staff']) {
    expectJson(await w.studentClient.post('/api/v1/statements', { topic, arguments: ARGS }), 201, topic);
  }
  const byParent = expectJson(await w.parentClient.post('/api/v1/statements', { topic: 'library', arguments: ARGS, student_id: w.student.id }), 201, 'by parent');
  assert.equal(byParent.filer.person_id, w.parent.id);
  assert.equal(byParent.student.person_id, w.student.id);
  expectProblem(await w.parentClient.post('/api/v1/statements', { topic: 'library', arguments: ARGS, student_id: w.other.id }), 422, 'validation',
    { fields: [{ field: 'student_id', code: 'not_own_child' }] });
  // The student sees the statement filed for them; the classmate does not.
  assert.ok(expectJson(await w.studentClient.get('/api/v1/statements/mine'), 200, 'mine').items.some((x) => x.id === byParent.id));
  expectProblem(await w.otherClient.get(`/api/v1/statements/${byParent.id}`), 403, 'forbidden');
});

test(`[${BACKEND}] APL-2: registered, assigned, in progress, answered, closed; refused out of order; the answer reaches the filer and the representatives (REP-1)`, async () => {
  const w = await world();
  const s = expectJson(await w.studentClient.post('/api/v1/statements', { topic: 'safety', about: 'Спорт залы', arguments: ARGS }), 201, 'filed');
  assert.match(s.number, /^\d+\/\d{4}$/);
  assert.equal(s.due_on > TODAY, true, 'a deadline ahead');
  // Answered only once assigned; closed only once answered.
  expectProblem(await admin.post(`/api/v1/statements/${s.id}/answer`, { answer: 'Жауап' }), 409, 'conflict');
  expectProblem(await admin.post(`/api/v1/statements/${s.id}/close`, {}), 409, 'conflict');
  // The student cannot handle their own statement.
  expectProblem(await w.studentClient.post(`/api/v1/statements/${s.id}/answer`, { answer: 'Өзіме жауап' }), 403, 'forbidden');
  // A teacher not assigned sees nothing; each reading is audited (GEN-3).
  expectProblem(await w.teacherClient.get(`/api/v1/statements/${s.id}`), 403, 'forbidden');
  expectJson(await w.parentClient.get(`/api/v1/statements/${s.id}`), 200, 'the representative reads');
  await expectAudit(admin, { action: 'statement.read', entity: 'statement', entityId: s.id });
  expectJson(await admin.post(`/api/v1/statements/${s.id}/assign`, { assignee_person_id: w.staff.id }), 200, 'assign');
  // The assignee sees it, starts and answers.
  expectJson(await w.staffClient.get(`/api/v1/statements/${s.id}`), 200, 'assignee reads');
  expectJson(await w.staffClient.post(`/api/v1/statements/${s.id}/start`, {}), 200, 'start');
  const answered = expectJson(await w.staffClient.post(`/api/v1/statements/${s.id}/answer`, { answer: 'Тіреу ертең ауыстырылады.' }), 200, 'answer');
  assert.equal(answered.state, 'answered');
  assert.equal(answered.overdue, false, 'answered before the deadline');
  assert.deepEqual(answered.events.map((e) => e.state), ['registered', 'assigned', 'in_progress', 'answered']);
  for (const [who, client] of [['student', w.studentClient], ['parent', w.parentClient]]) {
    const n = await noticesOf(client, 'statement_answered');
    assert.ok(n.some((x) => x.params?.statement_id === s.id || x.link?.endsWith(`/statements/${s.id}`)), `${who} notified of the answer`);
  }
  const seen = expectJson(await w.parentClient.get(`/api/v1/statements/${s.id}`), 200, 'parent reads');
  assert.equal(seen.answer, 'Тіреу ертең ауыстырылады.');
  expectProblem(await admin.post(`/api/v1/statements/${s.id}/forward`, { forwarded_to: 'Әкімдік', reason: 'Құзырет' }), 409, 'conflict');
  expectJson(await admin.post(`/api/v1/statements/${s.id}/close`, {}), 200, 'close');
  expectProblem(await admin.post(`/api/v1/statements/${s.id}/assign`, { assignee_person_id: w.staff.id }), 409, 'conflict');
});

test(`[${BACKEND}] APL-2: a statement outside the administration's competence is forwarded with a record of to whom and why`, async () => {
  const w = await world();
  const s = expectJson(await w.studentClient.post('/api/v1/statements', { topic: 'medical', arguments: ARGS }), 201, 'filed');
  expectProblem(await admin.post(`/api/v1/statements/${s.id}/forward`, { forwarded_to: 'Қалалық емхана' }), 422, 'validation', { fields: [{ field: 'reason', code: 'required' }] });
  const f = expectJson(await admin.post(`/api/v1/statements/${s.id}/forward`, { forwarded_to: 'Қалалық емхана №3', reason: 'Емхананың құзыреті' }), 200, 'forward');
  assert.equal(f.state, 'forwarded');
  assert.equal(f.forwarded_to, 'Қалалық емхана №3');
  assert.equal(f.forward_reason, 'Емхананың құзыреті');
  expectProblem(await admin.post(`/api/v1/statements/${s.id}/assign`, { assignee_person_id: w.staff.id }), 409, 'conflict');
  assert.equal((await noticesOf(w.parentClient, 'statement_forwarded')).length >= 1, true, 'the representative is told');
});

test(`[${BACKEND}] APL-2: the deadline by the institution's term; a statement past it is overdue, in the register's overdue list and on the administration's needs`, async () => {
  const w = await world();
  const term = expectJson(await admin.get('/api/v1/statements/settings'), 200, 'term');
  assert.equal(typeof term.answer_days, 'number');
  const old = daysFrom(TODAY, -60);
  const s = expectJson(await w.staffClient.post('/api/v1/statements/paper',
    { topic: 'library', arguments: ARGS, filer_person_id: w.parent.id, student_id: w.student.id, received_on: old }), 201, 'paper');
  assert.equal(s.channel, 'paper');
  assert.ok(s.received_by.length > 0, 'who received it');
  assert.equal(s.overdue, true);
  const overdue = expectJson(await admin.get('/api/v1/statements?overdue=1'), 200, 'overdue').items;
  assert.ok(overdue.some((x) => x.id === s.id));
  const needs = expectJson(await admin.get('/api/v1/me/needs'), 200, 'needs').items;
  assert.ok(needs.some((n) => n.kind === 'statement_overdue' && n.link === `/statements/${s.id}`), 'escalated to the administration');
  // Answered, it is no longer overdue.
  expectJson(await admin.post(`/api/v1/statements/${s.id}/assign`, { assignee_person_id: w.staff.id }), 200, 'assign');
  assert.equal(expectJson(await admin.post(`/api/v1/statements/${s.id}/answer`, { answer: 'Жауап берілді.' }), 200, 'answer').overdue, false);
  expectProblem(await w.staffClient.post('/api/v1/statements/paper', { topic: 'library', arguments: ARGS, filer_person_id: w.parent.id, received_on: daysFrom(TODAY, 2) }),
    422, 'validation', { fields: [{ field: 'received_on', code: 'in_future' }] });
  // The term is the institution's: calendar days change the next due date.
  const saved = expectJson(await admin.put('/api/v1/statements/settings', { answer_days: 3, working_days: false }), 200, 'term');
  assert.deepEqual(saved, { answer_days: 3, working_days: false });
  const next = expectJson(await w.studentClient.post('/api/v1/statements', { topic: 'canteen', arguments: ARGS }), 201, 'filed');
  assert.equal(next.due_on, daysFrom(TODAY, 3));
  expectJson(await admin.put('/api/v1/statements/settings', term), 200, 'restore');
});

test(`[${BACKEND}] APL-2: the registration slip is a PDF in the reader's language; the register exports as CSV with formulas neutralised`, async () => {
  const w = await world();
  const s = expectJson(await w.studentClient.post('/api/v1/statements', { topic: 'staff', about: '=HYPERLINK("http://x","y")', arguments: ARGS }), 201, 'filed');
  for (const lang of ['kk', 'ru', 'en']) {
    const r = await w.studentClient.request('GET', `/api/v1/statements/${s.id}/slip.pdf?lang=${lang}`);
    assert.equal(r.status, 200, r.describe());
    assert.match(r.contentType, /^application\/pdf/);
    const text = r.bytes.toString("latin1");
    assert.ok(text.startsWith('%PDF'), 'a PDF');
    assert.ok(text.includes(`/Lang (${lang})`), `/Lang ${lang}`);
    assert.ok(text.includes('/Title'), 'Title metadata');
  }
  expectProblem(await w.otherClient.request('GET', `/api/v1/statements/${s.id}/slip.pdf`), 403, 'forbidden');
  const csv = await admin.request('GET', '/api/v1/statements/register.csv');
  assert.equal(csv.status, 200, csv.describe());
  const body = csv.text;
  assert.ok(body.includes(`"'=HYPERLINK(""http://x"",""y"")"`), 'the formula is neutralised');
  expectProblem(await w.studentClient.request('GET', '/api/v1/statements/register.csv'), 403, 'forbidden');
});

async function seatOmbudsman(w) {
  const gov = expectJson(await admin.get('/api/v1/bodies'), 200, 'bodies').items.find((b) => b.template === 'student_government');
  assert.ok(gov, 'a Student Government');
  expectJson(await admin.post(`/api/v1/bodies/${gov.id}/members`,
    { person_id: w.other.id, position: 'ombudsman', starts_on: TODAY, accepted_regulation: true, ex_officio: true }), 201, 'ombudsman seat');
}

test(`[${BACKEND}] APL-4: a complaint to the ombudsman is seen by the ombudsman, the complainant and representatives, never by the person complained about or the administration unless shared`, async () => {
  const w = await world();
  await seatOmbudsman(w);
  const c = expectJson(await w.studentClient.post('/api/v1/ombudsman/complaints',
    { text: 'Мұғалім сабақта мені басқалардың алдында масқаралады.', about: 'Мұғалім', about_person_id: w.teacher.id }), 201, 'complaint');
  assert.equal(c.state, 'received');
  expectProblem(await w.studentClient.post('/api/v1/ombudsman/complaints', { text: 'Аноним шағым мәтіні осында', anonymous: true }), 422, 'rule', { rule: 'APL-2' });
  // The ombudsman is told and sees it in the inbox.
  assert.ok((await noticesOf(w.otherClient, 'ombudsman_complaint')).length >= 1, 'the ombudsman is notified');
  const inbox = expectJson(await w.otherClient.get('/api/v1/ombudsman/complaints'), 200, 'inbox');
  assert.equal(inbox.ombudsman, true);
  assert.ok(inbox.items.some((x) => x.id === c.id));
  expectJson(await w.otherClient.get(`/api/v1/ombudsman/complaints/${c.id}`), 200, 'ombudsman reads');
  expectJson(await w.studentClient.get(`/api/v1/ombudsman/complaints/${c.id}`), 200, 'complainant reads');
  expectJson(await w.parentClient.get(`/api/v1/ombudsman/complaints/${c.id}`), 200, 'representative reads');
  // Neither the person complained about nor the administration (nor its staff).
  for (const [who, client] of [['the teacher complained about', w.teacherClient], ['the administration', admin], ['staff', w.staffClient]]) {
    const r = await client.get(`/api/v1/ombudsman/complaints/${c.id}`);
    assert.ok(r.status === 403 || r.status === 404, `${who}: ${r.describe()}`);
    assert.ok(!expectJson(await client.get('/api/v1/ombudsman/complaints'), 200, 'list').items.some((x) => x.id === c.id), `${who}: not listed`);
  }
  // Only the ombudsman shares or answers.
  expectProblem(await w.studentClient.post(`/api/v1/ombudsman/complaints/${c.id}/shares`, { person_id: w.teacher.id, reason: 'x' }), 403, 'forbidden');
  expectProblem(await admin.post(`/api/v1/ombudsman/complaints/${c.id}/answer`, { response: 'x' }), 403, 'forbidden');
  // Shared with the teacher by an explicit record: then the teacher sees it, and still cannot handle it.
  const shared = expectJson(await w.otherClient.post(`/api/v1/ombudsman/complaints/${c.id}/shares`, { person_id: w.teacher.id, reason: 'Түсініктеме алу үшін' }), 200, 'share');
  assert.equal(shared.shares[0].reason, 'Түсініктеме алу үшін');
  expectJson(await w.teacherClient.get(`/api/v1/ombudsman/complaints/${c.id}`), 200, 'the teacher, once shared');
  await expectAudit(admin, { action: 'ombudsman_complaint.read', entity: 'ombudsman_complaint', entityId: c.id });
  expectProblem(await w.teacherClient.post(`/api/v1/ombudsman/complaints/${c.id}/answer`, { response: 'x' }), 403, 'forbidden');
  const r = await admin.get(`/api/v1/ombudsman/complaints/${c.id}`);
  assert.ok(r.status === 403 || r.status === 404, `the administration still not: ${r.describe()}`);
  expectJson(await w.otherClient.post(`/api/v1/ombudsman/complaints/${c.id}/answer`, { response: 'Мұғаліммен сөйлестім, ол кешірім сұрады.' }), 200, 'answer');
  assert.ok((await noticesOf(w.parentClient, 'ombudsman_answered')).length >= 1, 'the representative is told (REP-1)');
  expectProblem(await w.otherClient.post(`/api/v1/ombudsman/complaints/${c.id}/answer`, { response: 'Тағы' }), 409, 'conflict');
});

test(`[${BACKEND}] APL-3: the administration publishes reception slots; a month without one is flagged; a slot is booked once and only ahead; the receiver records the outcome`, async () => {
  const w = await world();
  const far = `20${90 + Math.floor(Math.random() * 9)}-0${1 + Math.floor(Math.random() * 9)}`;
  const before = expectJson(await w.studentClient.get(`/api/v1/reception/slots?month=${far}`), 200, 'schedule');
  const mk = async (startsAt) => expectJson(await admin.post('/api/v1/reception/slots',
    { starts_at: startsAt, minutes: 20, place: `Кабинет ${w.tag}`, receiver_person_id: w.staff.id }), 201, 'slot');
  const slot = await mk(`${far}-15T15:00`);
  if (!before.has_reception) {
    assert.equal(before.items.length, 0);
  }
  const after = expectJson(await w.studentClient.get(`/api/v1/reception/slots?month=${far}`), 200, 'schedule');
  assert.equal(after.has_reception, true);
  assert.ok(after.items.some((x) => x.id === slot.id));
  expectProblem(await admin.post('/api/v1/reception/slots', { starts_at: '2020-01-10T10:00', minutes: 20, place: 'x', receiver_person_id: w.staff.id }), 422, 'validation',
    { fields: [{ field: 'starts_at', code: 'in_past' }] });
  expectProblem(await w.studentClient.post('/api/v1/reception/slots', { starts_at: `${far}-16T10:00`, minutes: 20, place: 'x', receiver_person_id: w.staff.id }), 403, 'forbidden');
  // The receiver cannot record an outcome of a slot nobody booked.
  expectProblem(await w.staffClient.post(`/api/v1/reception/slots/${slot.id}/outcome`, { outcome: 'x' }), 409, 'conflict');
  const booked = expectJson(await w.parentClient.post(`/api/v1/reception/slots/${slot.id}/booking`, { topic: 'Жатақхана туралы', student_id: w.student.id }), 200, 'book');
  assert.equal(booked.booked, true);
  assert.equal(booked.mine, true);
  // One booking a slot.
  expectProblem(await w.otherClient.post(`/api/v1/reception/slots/${slot.id}/booking`, { topic: 'Менің сұрағым' }), 409, 'conflict');
  expectProblem(await w.otherClient.get(`/api/v1/reception/slots/${slot.id}`), 403, 'forbidden');
  expectJson(await w.studentClient.get(`/api/v1/reception/slots/${slot.id}`), 200, 'the student booked for');
  // A slot that has passed cannot be booked.
  const past = await mk(`${far}-20T15:00`);
  sql(`UPDATE reception_slots SET starts_at = '2020-01-10T10:00', on_date = '2020-01-10' WHERE id = ${past.id}`);
  expectProblem(await w.studentClient.post(`/api/v1/reception/slots/${past.id}/booking`, { topic: 'Кеш' }), 422, 'rule', { rule: 'APL-3' });
  // The outcome by the receiver, not the booker.
  expectProblem(await w.parentClient.post(`/api/v1/reception/slots/${slot.id}/outcome`, { outcome: 'x' }), 403, 'forbidden');
  const done = expectJson(await w.staffClient.post(`/api/v1/reception/slots/${slot.id}/outcome`, { outcome: 'Жатақханаға орын беру мәселесі комиссияға жіберілді.' }), 200, 'outcome');
  assert.equal(done.outcome, 'Жатақханаға орын беру мәселесі комиссияға жіберілді.');
});
