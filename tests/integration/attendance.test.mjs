// The attendance journal (seed 004 "Registering absent lessons"): terms per academic year (GEN-2),
// a class marked in one request, justified reasons with what each needs (ATT-1), the
// representatives' signatures (REP-2), what was missed (ATT-3), and the infractions the journal
// proposes at the 4th lateness or unjustified absence of a term (DISC-ESC-1), confirmed by the
// curator into the discipline module. Each test works in a school of its own, in the previous
// academic year, so every date is in the past whatever day the suite runs.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND, cap, createPerson, createUser, cyrTag, expectAudit, expectJson, expectProblem, signIn, studentNumber, uniq,
} from './lib/client.mjs';
import { pdf, png } from './lib/clock-server.mjs';
import { newInstitution } from './lib/institution.mjs';
import { mailsTo, until } from './lib/mail-sink.mjs';

const TODAY = new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);   // Almaty (GEN-2)
const [TY, TM] = [Number(TODAY.slice(0, 4)), Number(TODAY.slice(5, 7))];
const FIRST = (TM >= 9 ? TY : TY - 1) - 1;          // the previous academic year
const YEAR = `${FIRST}-${FIRST + 1}`;
const TERMS = [{ starts_on: `${FIRST}-09-01`, ends_on: `${FIRST}-12-31` }, { starts_on: `${FIRST + 1}-01-08`, ends_on: `${FIRST + 1}-05-31` }];
const day = (n) => `${FIRST}-10-${String(n).padStart(2, '0')}`;   // term 1
const later = (n) => `${FIRST + 1}-02-${String(n).padStart(2, '0')}`;   // term 2

let sys;
before(async () => { sys = await signIn('sysadmin'); });

// A school with the previous year's terms, a group of `size` students each with a representative,
// and accounts: admin, curator (of the group), staff (coordinator), the first two students'
// parents, the first student, and a curator of another group.
async function school(size = 4, { kind = 'school' } = {}) {
  const { admin } = await newInstitution(sys, { kind });
  expectJson(await admin.put('/api/v1/attendance/terms', { academic_year: YEAR, terms: TERMS }), 200, 'terms');
  const tag = cap(cyrTag(5));
  const person = (extra = {}) => createPerson(admin, { surname: `${tag}${cap(cyrTag(4))}`, name: cap(cyrTag(5)), ...extra });
  const account = async (roles, p) => {
    const u = await createUser(admin, { roles, person_id: p.id });
    return signIn(u.login, { password: u.password });
  };
  const curatorPerson = await person({ staff: { position: 'Куратор' } });
  const otherCuratorPerson = await person({ staff: { position: 'Куратор' } });
  const group = expectJson(await admin.post('/api/v1/groups', { name: `7-${tag}`, grade: 7, curator_person_id: curatorPerson.id }), 201, 'group');
  const other = expectJson(await admin.post('/api/v1/groups', { name: `8-${tag}`, grade: 8, curator_person_id: otherCuratorPerson.id }), 201, 'group');
  const students = [];
  const parents = [];
  let parentEmail = null;
  for (let i = 0; i < size; i++) {
    const s = await person({ student: { student_number: studentNumber(), grade: 7, status: 'studying', group_id: group.id } });
    const p = await person(i === 0 ? { email: `rep-${uniq()}@example.kz` } : {});
    if (i === 0) parentEmail = p.email;
    expectJson(await admin.post(`/api/v1/people/${s.id}/representatives`, { representative_id: p.id, kind: 'mother' }), 201, 'representative');
    students.push(s.id);
    parents.push(p.id);
  }
  const outsider = await person({ student: { student_number: studentNumber(), grade: 8, status: 'studying', group_id: other.id } });
  const staffPerson = await person({ staff: { position: 'Үйлестіруші' } });
  return {
    admin, group: group.id, other: other.id, students, parents, parentEmail, outsider: outsider.id,
    curator: await account(['curator'], curatorPerson),
    otherCurator: await account(['curator'], otherCuratorPerson),
    staff: await account(['staff'], staffPerson),
    parent: await account(['legal_representative'], { id: parents[0] }),
    otherParent: await account(['legal_representative'], { id: parents[1] }),
    student: await account(['student'], { id: students[0] }),
  };
}

const mark = (client, group, date, exceptions = [], extra = {}) => client.put(`/api/v1/groups/${group}/attendance`, { date, exceptions, ...extra });

test(`[${BACKEND}] GEN-2: terms are quarters in a school and semesters in a college by default; the administration edits them`, async () => {
  const { admin } = await newInstitution(sys, { kind: 'school' });
  const preset = expectJson(await admin.get('/api/v1/attendance/terms?year=2030-2031'), 200, 'school preset');
  assert.equal(preset.preset, true);
  assert.deepEqual(preset.terms.map((t) => t.starts_on), ['2030-09-01', '2030-11-03', '2031-01-08', '2031-03-30']);
  const { admin: collegeAdmin } = await newInstitution(sys, { kind: 'college' });
  const semesters = expectJson(await collegeAdmin.get('/api/v1/attendance/terms?year=2030-2031'), 200, 'college preset');
  assert.deepEqual(semesters.terms.map((t) => [t.starts_on, t.ends_on]), [['2030-09-01', '2030-12-31'], ['2031-01-01', '2031-06-30']]);
  expectProblem(await admin.put('/api/v1/attendance/terms', { academic_year: '2030-2031', terms: [
    { starts_on: '2030-09-01', ends_on: '2030-12-31' }, { starts_on: '2030-12-20', ends_on: '2031-05-31' }] }), 422, 'validation',
  { fields: [{ field: 'terms', code: 'terms_overlap' }] });
  expectProblem(await admin.put('/api/v1/attendance/terms', { academic_year: '2030-2032', terms: [{ starts_on: '2030-09-01', ends_on: '2030-12-31' }] }),
    422, 'validation', { fields: [{ field: 'academic_year', code: 'invalid' }] });
  expectProblem(await admin.put('/api/v1/attendance/terms', { academic_year: '2030-2031', terms: [{ starts_on: '2030-02-30', ends_on: '2030-12-31' }] }),
    422, 'validation', { fields: [{ field: 'terms[0].starts_on', code: 'bad_date' }] });
  const edited = expectJson(await admin.put('/api/v1/attendance/terms', { academic_year: '2030-2031', terms: [
    { starts_on: '2030-09-02', ends_on: '2030-12-27' }, { starts_on: '2031-01-09', ends_on: '2031-05-24' }] }), 200, 'edited');
  assert.equal(edited.preset, false);
  assert.equal(edited.terms.length, 2);
  await expectAudit(admin, { action: 'attendance.terms' });
  const c = await school(1);
  expectProblem(await c.staff.put('/api/v1/attendance/terms', { academic_year: '2030-2031', terms: [] }), 403, 'forbidden');
});

test(`[${BACKEND}] a class of 30 is marked in one request: all present, then the exceptions; a re-mark replaces, audited with before and after`, async () => {
  const c = await school(30);
  const res = expectJson(await mark(c.curator, c.group, day(5), [
    { person_id: c.students[1], status: 'absent' }, { person_id: c.students[2], status: 'late', late_minutes: 7 }]), 200, 'marked');
  assert.equal(res.students.length, 30);
  assert.equal(res.changed, 30);
  const by = Object.fromEntries(res.students.map((s) => [s.person_id, s]));
  assert.equal(by[c.students[0]].status, 'present');
  assert.equal(by[c.students[1]].status, 'absent');
  assert.equal(by[c.students[2]].status, 'late');
  assert.equal(by[c.students[2]].late_minutes, 7);
  // The same request again changes nothing; a re-mark changes only the one student.
  assert.equal(expectJson(await mark(c.curator, c.group, day(5), [
    { person_id: c.students[1], status: 'absent' }, { person_id: c.students[2], status: 'late', late_minutes: 7 }]), 200, 'again').changed, 0);
  const again = expectJson(await mark(c.curator, c.group, day(5), [{ person_id: c.students[2], status: 'late', late_minutes: 7 }]), 200, 're-mark');
  assert.equal(again.changed, 1);
  const entry = await expectAudit(c.admin, { action: 'attendance.mark', entityId: c.group });
  assert.ok(JSON.stringify(entry).includes('absent'), `the re-mark's audit entry has the earlier mark: ${JSON.stringify(entry).slice(0, 400)}`);
  const read = expectJson(await c.curator.get(`/api/v1/groups/${c.group}/attendance?date=${day(5)}`), 200, 'journal');
  assert.equal(read.students.find((s) => s.person_id === c.students[1]).status, 'present');
  assert.equal(read.marked, true);
  // Staff who mark (attendance.mark) may mark any group.
  expectJson(await mark(c.staff, c.other, day(5)), 200, 'staff marks another group');
});

test(`[${BACKEND}] the journal refuses future dates, dates outside the terms, strangers and bad lessons, and changes nothing`, async () => {
  const c = await school(2);
  const tomorrow = new Date(Date.now() + 29 * 3600e3).toISOString().slice(0, 10);
  expectProblem(await mark(c.curator, c.group, tomorrow), 422, 'validation', { fields: [{ field: 'date', code: 'in_future' }] });
  expectProblem(await mark(c.curator, c.group, `${FIRST + 1}-01-03`), 422, 'validation', { fields: [{ field: 'date', code: 'not_in_term' }] });
  expectProblem(await mark(c.curator, c.group, day(6), [{ person_id: c.outsider, status: 'absent' }]), 422, 'validation',
    { fields: [{ field: 'exceptions[0].person_id', code: 'not_in_group' }] });
  expectProblem(await mark(c.curator, c.group, day(6), [{ person_id: c.students[0], status: 'gone' }]), 422, 'validation',
    { fields: [{ field: 'exceptions[0].status', code: 'invalid' }] });
  expectProblem(await mark(c.curator, c.group, day(6), [{ person_id: c.students[0], status: 'absent', late_minutes: 5 }]), 422, 'validation',
    { fields: [{ field: 'exceptions[0].late_minutes', code: 'only_when_late' }] });
  expectProblem(await mark(c.curator, c.group, day(6), [], { lesson: 3 }), 422, 'validation', { fields: [{ field: 'lesson', code: 'not_recorded' }] });
  expectProblem(await mark(c.curator, c.group, day(6), [], { surprise: 1 }), 422, 'validation', { fields: [{ field: 'surprise', code: 'unknown_field' }] });
  expectProblem(await c.curator.put(`/api/v1/groups/${c.group}/attendance`, [1, 2]), 400, 'bad_request');
  const journal = expectJson(await c.curator.get(`/api/v1/groups/${c.group}/attendance?date=${day(6)}`), 200, 'journal');
  assert.equal(journal.marked, false, 'nothing was written');
  // Another group's curator, a student and a parent cannot open the journal.
  expectProblem(await mark(c.otherCurator, c.group, day(6)), 403, 'forbidden');
  expectProblem(await c.otherCurator.get(`/api/v1/groups/${c.group}/attendance`), 403, 'forbidden');
  expectProblem(await mark(c.student, c.group, day(6)), 403, 'forbidden');
  expectProblem(await c.parent.get(`/api/v1/groups/${c.group}/attendance`), 403, 'forbidden');
  // By lesson: the lesson (1..7) is then required.
  expectJson(await c.admin.put('/api/v1/attendance/settings', { by_lesson: true }), 200, 'by lesson');
  expectProblem(await mark(c.curator, c.group, day(6)), 422, 'validation', { fields: [{ field: 'lesson', code: 'required' }] });
  expectProblem(await mark(c.curator, c.group, day(6), [], { lesson: 8 }), 422, 'validation', { fields: [{ field: 'lesson', code: 'out_of_range' }] });
  const third = expectJson(await mark(c.curator, c.group, day(6), [{ person_id: c.students[0], status: 'absent' }], { lesson: 3 }), 200, 'lesson 3');
  assert.equal(third.lesson, 3);
  expectJson(await mark(c.curator, c.group, day(6), [{ person_id: c.students[0], status: 'absent' }], { lesson: 4 }), 200, 'lesson 4');
  // ATT-3: the representative sees the lessons missed.
  const view = expectJson(await c.parent.get(`/api/v1/people/${c.students[0]}/attendance?year=${YEAR}`), 200, 'parent view');
  assert.deepEqual(view.days.find((d) => d.date === day(6)).absent_lessons, [3, 4]);
});

test(`[${BACKEND}] DISC-ESC-1: the 4th late day of a term proposes a minor infraction to the curator, who confirms it into the discipline module`, async () => {
  const c = await school(2);
  const s = c.students[0];
  for (const d of [1, 2, 3]) {
    const r = expectJson(await mark(c.curator, c.group, day(d), [{ person_id: s, status: 'late' }]), 200, `late ${d}`);
    assert.deepEqual(r.proposed, [], `no proposal on the ${d}th lateness`);
  }
  // Re-marking a late day late again (another number of minutes) counts nothing.
  assert.deepEqual(expectJson(await mark(c.curator, c.group, day(3), [{ person_id: s, status: 'late', late_minutes: 3 }]), 200, 're-mark').proposed, []);
  const fourth = expectJson(await mark(c.curator, c.group, day(4), [{ person_id: s, status: 'late' }]), 200, 'late 4');
  assert.equal(fourth.proposed.length, 1, 'the 4th lateness proposes');
  assert.equal(fourth.proposals[0].kind, 'lateness');
  assert.equal(fourth.proposals[0].tier, 'minor');
  assert.equal(fourth.proposals[0].count, 4);
  // A 5th does not propose again.
  assert.deepEqual(expectJson(await mark(c.curator, c.group, day(5), [{ person_id: s, status: 'late' }]), 200, 'late 5').proposed, []);
  // The term summary counts days.
  const summary = expectJson(await c.curator.get(`/api/v1/groups/${c.group}/attendance/summary?year=${YEAR}&term=1`), 200, 'summary');
  assert.equal(summary.students.find((x) => x.person_id === s).late_days, 5);
  // "Needs you" for the curator; not for the other curator.
  const needs = expectJson(await c.curator.get('/api/v1/me/needs'), 200, 'needs').items;
  assert.ok(needs.some((n) => n.kind === 'attendance_proposal'), JSON.stringify(needs));
  assert.ok(!expectJson(await c.otherCurator.get('/api/v1/me/needs'), 200, 'needs').items.some((n) => n.kind === 'attendance_proposal'));
  const id = fourth.proposed[0];
  expectProblem(await c.otherCurator.post(`/api/v1/attendance-proposals/${id}/confirm`, {}), 403, 'forbidden');
  expectProblem(await c.staff.post(`/api/v1/attendance-proposals/${id}/confirm`, {}), 403, 'forbidden');
  const confirmed = expectJson(await c.curator.post(`/api/v1/attendance-proposals/${id}/confirm`, {}), 200, 'confirm');
  assert.equal(confirmed.status, 'confirmed');
  assert.ok(confirmed.incident_id, 'an incident was recorded');
  const incident = expectJson(await c.admin.get(`/api/v1/incidents/${confirmed.incident_id}`), 200, 'incident');
  assert.equal(incident.kind_code, 'lateness');
  assert.equal(incident.source, 'attendance');
  assert.equal(incident.students[0].person_id, s);
  expectProblem(await c.curator.post(`/api/v1/attendance-proposals/${id}/confirm`, {}), 409, 'conflict');
  await expectAudit(c.admin, { action: 'attendance.proposal_confirm', entityId: id });
});

test(`[${BACKEND}] DISC-ESC-1: the 4th unjustified absence proposes a major infraction; justifying it withdraws the proposal; a dismissal needs a reason`, async () => {
  const c = await school(2);
  const [s, t] = c.students;
  let last;
  for (const d of [1, 2, 3, 4]) last = expectJson(await mark(c.curator, c.group, day(d), [{ person_id: s, status: 'absent' }, { person_id: t, status: 'absent' }]), 200, `absent ${d}`);
  assert.equal(last.proposed.length, 2);
  const mine = last.proposals.find((p) => p.person_id === s);
  assert.equal(mine.kind, 'unjustified_absences');
  assert.equal(mine.tier, 'major');
  // The parent justifies the 4th day (illness with the doctor's note); the coordinator accepts it.
  const j = expectJson(await c.parent.post(`/api/v1/people/${s}/attendance/justifications`, { reason: 'illness', from: day(4), to: day(4) }), 201, 'justification');
  expectJson(await c.parent.request('PUT', `/api/v1/attendance-justifications/${j.id}/document`, { body: pdf('Анықтама'), contentType: 'application/pdf' }), 200, 'document');
  expectJson(await c.staff.post(`/api/v1/attendance-justifications/${j.id}/decision`, { accept: true }), 200, 'accepted');
  const view = expectJson(await c.curator.get(`/api/v1/groups/${c.group}/attendance/summary?year=${YEAR}&term=1`), 200, 'summary');
  const row = view.students.find((x) => x.person_id === s);
  assert.equal(row.unjustified_days, 3, 'the count went down');
  assert.equal(row.justified_days, 1);
  assert.ok(!view.proposals.some((p) => p.person_id === s), 'the proposal was withdrawn');
  const journal = expectJson(await c.curator.get(`/api/v1/groups/${c.group}/attendance?date=${day(4)}`), 200, 'journal');
  assert.equal(journal.students.find((x) => x.person_id === s).reason, 'illness');
  // The other student's proposal: dismissed with a reason.
  const other = last.proposals.find((p) => p.person_id === t).id;
  expectProblem(await c.curator.post(`/api/v1/attendance-proposals/${other}/dismiss`, {}), 422, 'validation', { fields: [{ field: 'reason', code: 'required' }] });
  const dismissed = expectJson(await c.curator.post(`/api/v1/attendance-proposals/${other}/dismiss`, { reason: 'Ауырды, анықтама кейін әкелінеді' }), 200, 'dismiss');
  assert.equal(dismissed.status, 'dismissed');
  expectProblem(await c.curator.post(`/api/v1/attendance-proposals/${other}/dismiss`, { reason: 'тағы да' }), 409, 'conflict');
});

test(`[${BACKEND}] ATT-1: each reason needs its document and agreement; the coordinator registers olympiads; a refusal names its reason`, async () => {
  const c = await school(2);
  const s = c.students[0];
  expectJson(await mark(c.curator, c.group, day(7), [{ person_id: s, status: 'absent' }]), 200, 'absent');
  expectProblem(await c.parent.post(`/api/v1/people/${s}/attendance/justifications`, { reason: 'olympiad', from: day(7), to: day(7) }), 422, 'rule', { rule: 'ATT-1' });
  expectProblem(await c.parent.post(`/api/v1/people/${s}/attendance/justifications`, { reason: 'doctor', from: day(8), to: day(7) }), 422, 'validation',
    { fields: [{ field: 'to', code: 'before_from' }] });
  expectProblem(await c.parent.post(`/api/v1/people/${s}/attendance/justifications`, { reason: 'holiday', from: day(7), to: day(7) }), 422, 'validation',
    { fields: [{ field: 'reason', code: 'invalid' }] });
  // Another child's parent, another student: nothing.
  expectProblem(await c.otherParent.post(`/api/v1/people/${s}/attendance/justifications`, { reason: 'doctor', from: day(7), to: day(7) }), 403, 'forbidden');
  expectProblem(await c.student.post(`/api/v1/people/${s}/attendance/justifications`, { reason: 'doctor', from: day(7), to: day(7) }), 403, 'forbidden');
  const doctor = expectJson(await c.parent.post(`/api/v1/people/${s}/attendance/justifications`, { reason: 'doctor', from: day(7), to: day(7), note: 'Тіс дәрігері' }), 201, 'doctor');
  expectProblem(await c.staff.post(`/api/v1/attendance-justifications/${doctor.id}/decision`, { accept: true }), 422, 'rule', { rule: 'ATT-1' });
  // The document is checked by its content.
  expectProblem(await c.parent.request('PUT', `/api/v1/attendance-justifications/${doctor.id}/document`, { body: 'not a scan', contentType: 'application/octet-stream' }),
    422, 'validation', { fields: [{ field: 'file', code: 'not_document' }] });
  expectProblem(await c.parent.request('PUT', `/api/v1/attendance-justifications/${doctor.id}/document`, { body: png(), contentType: 'application/pdf' }),
    422, 'validation', { fields: [{ field: 'file', code: 'type_mismatch' }] });
  expectProblem(await c.otherParent.request('PUT', `/api/v1/attendance-justifications/${doctor.id}/document`, { body: png(), contentType: 'image/png' }), 403, 'forbidden');
  const withDoc = expectJson(await c.parent.request('PUT', `/api/v1/attendance-justifications/${doctor.id}/document`, { body: png(), contentType: 'image/png' }), 200, 'png');
  assert.equal(withDoc.document.content_type, 'image/png');
  assert.equal(withDoc.document.sha256.length, 64);
  const file = await c.staff.get(`/api/v1/attendance-justifications/${doctor.id}/document`);
  assert.equal(file.status, 200);
  assert.equal(file.header('content-type'), 'image/png');
  await expectAudit(c.admin, { action: 'attendance.justification_document_read', entityId: doctor.id });
  // The parent cannot decide; the coordinator refuses with a reason, once.
  expectProblem(await c.parent.post(`/api/v1/attendance-justifications/${doctor.id}/decision`, { accept: true }), 403, 'forbidden');
  expectProblem(await c.staff.post(`/api/v1/attendance-justifications/${doctor.id}/decision`, { accept: false }), 422, 'validation',
    { fields: [{ field: 'refusal_reason', code: 'required' }] });
  const refused = expectJson(await c.staff.post(`/api/v1/attendance-justifications/${doctor.id}/decision`, { accept: false, refusal_reason: 'Анықтамада мөр жоқ' }), 200, 'refused');
  assert.equal(refused.status, 'refused');
  expectProblem(await c.staff.post(`/api/v1/attendance-justifications/${doctor.id}/decision`, { accept: true }), 409, 'conflict');
  // The coordinator registers an olympiad: no document needed.
  const olympiad = expectJson(await c.staff.post(`/api/v1/people/${s}/attendance/justifications`, { reason: 'olympiad', from: day(7), to: day(7) }), 201, 'olympiad');
  expectJson(await c.staff.post(`/api/v1/attendance-justifications/${olympiad.id}/decision`, { accept: true }), 200, 'olympiad accepted');
  // External activities: the request with the stamp and the principal's signature.
  const external = expectJson(await c.staff.post(`/api/v1/people/${s}/attendance/justifications`, { reason: 'external', from: day(9), to: day(9) }), 201, 'external');
  expectJson(await c.staff.request('PUT', `/api/v1/attendance-justifications/${external.id}/document`, { body: pdf(), contentType: 'application/pdf' }), 200, 'request');
  const p = expectProblem(await c.staff.post(`/api/v1/attendance-justifications/${external.id}/decision`, { accept: true }), 422, 'rule', { rule: 'ATT-1' });
  assert.ok(p.detail.length > 0);
  expectJson(await c.staff.post(`/api/v1/attendance-justifications/${external.id}/decision`, { accept: true, principal_agreed: true }), 200, 'signed');
  const listed = expectJson(await c.staff.get('/api/v1/attendance/justifications?status=accepted'), 200, 'list').items;
  assert.deepEqual(listed.map((x) => x.id).sort(), [olympiad.id, external.id].sort());
});

test(`[${BACKEND}] ATT-1: family matters justify at most 10 days a year: the 10th day is accepted, the 11th refused with the rule`, async () => {
  const c = await school(1);
  const s = c.students[0];
  const family = async (from, to) => {
    const j = expectJson(await c.parent.post(`/api/v1/people/${s}/attendance/justifications`, { reason: 'family', from, to, note: 'Ата-ананың хаты' }), 201, 'family');
    expectJson(await c.parent.request('PUT', `/api/v1/attendance-justifications/${j.id}/document`, { body: pdf('Хат'), contentType: 'application/pdf' }), 200, 'letter');
    return j.id;
  };
  const nine = await family(day(1), day(9));
  expectProblem(await c.staff.post(`/api/v1/attendance-justifications/${nine}/decision`, { accept: true }), 422, 'rule', { rule: 'ATT-1' });   // no agreement
  expectJson(await c.staff.post(`/api/v1/attendance-justifications/${nine}/decision`, { accept: true, principal_agreed: true }), 200, '9 days');
  const tenth = await family(day(20), day(20));
  expectJson(await c.staff.post(`/api/v1/attendance-justifications/${tenth}/decision`, { accept: true, principal_agreed: true }), 200, 'the 10th day');
  const eleventh = await family(day(21), day(21));
  const p = expectProblem(await c.staff.post(`/api/v1/attendance-justifications/${eleventh}/decision`, { accept: true, principal_agreed: true }, { lang: 'en' }), 422, 'rule',
    { rule: 'ATT-1', lang: 'en' });
  assert.match(p.detail, /10/);
  const view = expectJson(await c.parent.get(`/api/v1/people/${s}/attendance?year=${YEAR}`), 200, 'view');
  assert.deepEqual(view.family_days, { used: 10, cap: 10 });
  assert.equal(view.justifications.find((j) => j.id === eleventh).status, 'pending', 'the refused acceptance changed nothing');
});

test(`[${BACKEND}] REP-2: the representative is told of an unjustified absence and signs it once; the term's report card likewise`, async () => {
  const c = await school(2);
  const s = c.students[0];
  expectJson(await mark(c.curator, c.group, later(2), [{ person_id: s, status: 'absent' }]), 200, 'absent');
  const notices = expectJson(await c.parent.get('/api/v1/me/notifications'), 200, 'notices').items;
  assert.ok(notices.some((n) => n.kind === 'attendance_absence'), `REP-1: the representative was told: ${JSON.stringify(notices).slice(0, 300)}`);
  assert.ok(!expectJson(await c.otherParent.get('/api/v1/me/notifications'), 200, 'other').items.some((n) => n.kind === 'attendance_absence'));
  // REP-1: mailed too, and the delivery is logged.
  if (process.env.KENES_SMTP_SINK) {
    await until('the absence mailed to the representative', async () => (await mailsTo(c.parentEmail)).length > 0);
    const logged = await until('the delivery logged as sent', async () => {
      const list = expectJson(await c.admin.get(`/api/v1/people/${c.parents[0]}/notice-deliveries`), 200, 'deliveries').items;
      return list.find((n) => n.kind === 'attendance_absence' && n.delivery.mail_status === 'sent');
    });
    assert.ok(logged.delivery.mailed_at);
  }
  const before = expectJson(await c.parent.get(`/api/v1/people/${s}/attendance?year=${YEAR}`), 200, 'view');
  assert.equal(before.to_sign, 1);
  assert.equal(before.days[0].signature, null);
  const signed = expectJson(await c.parent.post(`/api/v1/people/${s}/attendance/acknowledgements`, { kind: 'absence', date: later(2) }), 200, 'sign');
  assert.equal(signed.created, true);
  const again = expectJson(await c.parent.post(`/api/v1/people/${s}/attendance/acknowledgements`, { kind: 'absence', date: later(2) }), 200, 'again');
  assert.equal(again.created, false);
  assert.equal(again.signed_at, signed.signed_at, 'idempotent');
  expectProblem(await c.parent.post(`/api/v1/people/${s}/attendance/acknowledgements`, { kind: 'absence', date: later(3) }), 422, 'validation',
    { fields: [{ field: 'date', code: 'no_unjustified_absence' }] });
  expectProblem(await c.student.post(`/api/v1/people/${s}/attendance/acknowledgements`, { kind: 'absence', date: later(2) }), 403, 'forbidden');
  expectProblem(await c.otherParent.post(`/api/v1/people/${s}/attendance/acknowledgements`, { kind: 'absence', date: later(2) }), 403, 'forbidden');
  const card = expectJson(await c.parent.post(`/api/v1/people/${s}/attendance/acknowledgements`, { kind: 'report_card', term: 1, academic_year: YEAR }), 200, 'card');
  assert.equal(card.subject, `${YEAR}/1`);
  expectProblem(await c.parent.post(`/api/v1/people/${s}/attendance/acknowledgements`, { kind: 'report_card', term: 5, academic_year: YEAR }), 422, 'validation',
    { fields: [{ field: 'term', code: 'invalid' }] });
  const after = expectJson(await c.parent.get(`/api/v1/people/${s}/attendance?year=${YEAR}`), 200, 'view');
  assert.equal(after.to_sign, 0);
  assert.ok(after.terms[0].report_card_signature);
  await expectAudit(c.admin, { action: 'attendance.acknowledge', entityId: s });
});

test(`[${BACKEND}] GEN-3: a student's attendance is for the student, their representatives, their curator, the coordinator and the administration`, async () => {
  const c = await school(2);
  const s = c.students[0];
  expectJson(await mark(c.curator, c.group, day(12), [{ person_id: s, status: 'late' }]), 200, 'late');
  for (const [who, client] of [['student', c.student], ['parent', c.parent], ['curator', c.curator], ['staff', c.staff], ['admin', c.admin]]) {
    expectJson(await client.get(`/api/v1/people/${s}/attendance?year=${YEAR}`), 200, who);
  }
  expectProblem(await c.otherParent.get(`/api/v1/people/${s}/attendance`), 403, 'forbidden');
  expectProblem(await c.otherCurator.get(`/api/v1/people/${s}/attendance`), 403, 'forbidden');
  expectProblem(await c.student.get(`/api/v1/people/${c.students[1]}/attendance`), 403, 'forbidden');
  expectProblem(await c.parent.get(`/api/v1/people/${s}/attendance?year=2026`), 422, 'validation', { fields: [{ field: 'year', code: 'invalid' }] });
  await expectAudit(c.admin, { action: 'attendance.read', entityId: s });
  // The person overview has the attendance section for the parent.
  const overview = expectJson(await c.parent.get(`/api/v1/people/${s}/overview`), 200, 'overview');
  assert.ok(overview.sections.includes('attendance'), JSON.stringify(overview.sections));
});

test(`[${BACKEND}] the school's term report has per-group figures; the journal prints as PDF (GEN-4)`, async () => {
  const c = await school(3);
  expectJson(await mark(c.curator, c.group, day(14), [{ person_id: c.students[0], status: 'absent' }, { person_id: c.students[1], status: 'late' }]), 200, 'day 14');
  expectJson(await mark(c.staff, c.other, day(14), [{ person_id: c.outsider, status: 'absent' }]), 200, 'other group');
  const report = expectJson(await c.staff.get(`/api/v1/attendance/report?year=${YEAR}&term=1`), 200, 'report');
  const g = report.groups.find((x) => x.group_id === c.group);
  assert.deepEqual([g.students, g.unjustified_days, g.late_days], [3, 1, 1]);
  assert.equal(report.totals.unjustified_days, 2);
  expectProblem(await c.curator.get(`/api/v1/attendance/report?year=${YEAR}`), 403, 'forbidden');
  expectProblem(await c.staff.get(`/api/v1/attendance/report?year=${YEAR}&term=9`), 422, 'validation', { fields: [{ field: 'term', code: 'invalid' }] });
  for (const q of [`month=${FIRST}-10`, `year=${YEAR}&term=1`]) {
    const res = await c.curator.get(`/api/v1/groups/${c.group}/attendance/journal.pdf?${q}&lang=kk`);
    assert.equal(res.status, 200, res.describe());
    assert.equal(res.header('content-type'), 'application/pdf');
    assert.equal(res.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  }
  expectProblem(await c.curator.get(`/api/v1/groups/${c.group}/attendance/journal.pdf?month=${FIRST}-13`), 422, 'validation', { fields: [{ field: 'month', code: 'invalid' }] });
  expectProblem(await c.otherCurator.get(`/api/v1/groups/${c.group}/attendance/journal.pdf?month=${FIRST}-10`), 403, 'forbidden');
});

test(`[${BACKEND}] REP-2: the school sees who has not signed: unsigned absences and report cards per term and group, as JSON and CSV`, async () => {
  const c = await school(3);
  const [s0, s1, s2] = c.students;
  expectJson(await mark(c.curator, c.group, later(2), [{ person_id: s0, status: 'absent' }, { person_id: s1, status: 'absent' }]), 200, 'absent');
  expectJson(await mark(c.curator, c.group, later(3), [{ person_id: s0, status: 'absent' }]), 200, 'absent again');
  // The first student's mother signs one of the two days and the second term's report card.
  expectJson(await c.parent.post(`/api/v1/people/${s0}/attendance/acknowledgements`, { kind: 'absence', date: later(2) }), 200, 'sign a day');
  expectJson(await c.parent.post(`/api/v1/people/${s0}/attendance/acknowledgements`, { kind: 'report_card', term: 2, academic_year: YEAR }), 200, 'sign the card');
  const list = expectJson(await c.curator.get(`/api/v1/groups/${c.group}/attendance/unsigned?year=${YEAR}&term=2`), 200, 'unsigned');
  assert.equal(list.rule, 'REP-2');
  const of = (id) => list.items.find((i) => String(i.person_id) === String(id));
  assert.deepEqual(of(s0).unsigned_absences, [later(3)], 'the signed day is not listed, the other is');
  assert.equal(of(s0).report_card_signed, true);
  assert.deepEqual(of(s1).unsigned_absences, [later(2)]);
  assert.equal(of(s1).report_card_signed, false);
  assert.deepEqual(of(s2).unsigned_absences, []);
  assert.equal(of(s2).report_card_signed, false, 'no absence, but the report card is not signed');
  assert.equal(of(s1).representatives.length, 1, 'who is to sign');
  // Once all is signed the student leaves the list.
  expectJson(await c.parent.post(`/api/v1/people/${s0}/attendance/acknowledgements`, { kind: 'absence', date: later(3) }), 200, 'sign the other day');
  const after = expectJson(await c.curator.get(`/api/v1/groups/${c.group}/attendance/unsigned?year=${YEAR}&term=2`), 200, 'after');
  assert.ok(!after.items.some((i) => String(i.person_id) === String(s0)), 'all signed: not listed');
  // Term 1 had no absence: only the report cards.
  const first = expectJson(await c.curator.get(`/api/v1/groups/${c.group}/attendance/unsigned?year=${YEAR}&term=1`), 200, 'term 1');
  assert.ok(first.items.every((i) => i.unsigned_absences.length === 0 && !i.report_card_signed));
  // The administration: the school, filtered to a group; the other group's student is only in the school's list.
  const whole = expectJson(await c.admin.get(`/api/v1/attendance/unsigned?year=${YEAR}&term=2`), 200, 'school');
  assert.ok(whole.items.some((i) => String(i.person_id) === String(c.outsider)));
  const filtered = expectJson(await c.admin.get(`/api/v1/attendance/unsigned?year=${YEAR}&term=2&group_id=${c.group}`), 200, 'one group');
  assert.ok(filtered.items.every((i) => String(i.group_id) === String(c.group)));
  assert.ok(!filtered.items.some((i) => String(i.person_id) === String(c.outsider)));
  // CSV with the headings in the request's language.
  const res = await c.admin.get(`/api/v1/attendance/unsigned?year=${YEAR}&term=2&group_id=${c.group}&format=csv`, { lang: 'kk' });
  assert.equal(res.status, 200);
  assert.match(res.contentType, /^text\/csv/);
  const text = res.text;
  assert.ok(text.startsWith('\uFEFF'), 'a BOM for spreadsheets');
  const lines = text.slice(1).split('\r\n').filter(Boolean);
  assert.equal(lines.length, filtered.items.length + 1, 'a heading and a row per student');
  assert.match(lines.find((l) => l.includes(later(2))) ?? '', /қол қойылмаған/, 'the unsigned report card in Kazakh');
  // Who may: the curator of the group and the administration; not another curator, a parent or a student.
  expectProblem(await c.otherCurator.get(`/api/v1/groups/${c.group}/attendance/unsigned`), 403, 'forbidden');
  expectProblem(await c.parent.get(`/api/v1/groups/${c.group}/attendance/unsigned`), 403, 'forbidden');
  expectProblem(await c.student.get('/api/v1/attendance/unsigned'), 403, 'forbidden');
  expectProblem(await c.curator.get('/api/v1/attendance/unsigned'), 403, 'forbidden');
  expectProblem(await c.admin.get(`/api/v1/attendance/unsigned?term=9&year=${YEAR}`), 422, 'validation', { fields: [{ field: 'term', code: 'invalid' }] });
  expectProblem(await c.admin.get(`/api/v1/attendance/unsigned?format=xml`), 422, 'validation', { fields: [{ field: 'format', code: 'invalid' }] });
});
