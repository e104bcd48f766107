// The policy matrix: every route x every relationship. Fixtures give each object kind records to
// which the signed-in users stand in known relationships (own record, own child, own group, member
// or officer of a body, a confidential commission, the election's commission, a privileged
// account); the expected outcome of each call comes from the policy table that `kenes routes`
// prints (the route's permission and its grants), never from the server's answer. A route
// without a declared object policy, or with an object kind this test has no fixture for, fails.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  BACKEND, KENES_BIN, KENES_DB, cap, createPerson, createUser, cyrTag, expectJson, sameId, signIn, studentNumber,
} from './lib/client.mjs';
import { png } from './lib/clock-server.mjs';
import { runKenes } from './lib/routes.mjs';

// Straight to the suite's database (fixtures no route makes on its own).
function sql(statement) {
  if (KENES_DB.startsWith('sqlite:')) return execFileSync('sqlite3', [KENES_DB.slice(7), statement], { encoding: 'utf8' }).trim();
  return execFileSync('psql', [KENES_DB, '-v', 'ON_ERROR_STOP=1', '-At', '-c', statement], { encoding: 'utf8' }).trim();
}

function kenes(args) {
  const out = runKenes(args);
  return JSON.parse(out.slice(out.search(/[[{]/)));
}
const skip = KENES_BIN ? false : 'KENES_BIN is not set';
const routes = KENES_BIN ? kenes(['routes']) : [];
const roles = KENES_BIN ? kenes(['roles']) : {};

const TODAY = new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);   // Almaty (GEN-2)
const DEMO_ROLE = { admin: 'institution_admin', sysadmin: 'system_admin', staff: 'staff', curator: 'curator', student: 'student', parent: 'legal_representative' };
// The permission whose holders are the "manager" of each object kind (see the modules' policy.cpp).
const MANAGE = {
  body: 'bodies.manage', meeting: 'bodies.manage', agenda_item: 'bodies.manage', membership_candidate: 'bodies.manage',
  plan: 'bodies.manage', plan_item: 'bodies.manage', report: 'bodies.manage', event: 'bodies.manage',
  person: 'people.write', user: 'users.manage', account_batch: 'users.manage',
  // Discipline (src/modules/discipline/policy.cpp): the managers of its records hold discipline.manage.
  incident: 'discipline.manage', discipline_case: 'discipline.manage', discipline_order: 'discipline.manage', penalty: 'discipline.manage',
  device_withdrawal: 'discipline.manage', case_evidence: 'discipline.manage',
  attendance_group: 'attendance.mark', attendance_student: 'attendance.manage', attendance_justification: 'attendance.manage',
  attendance_proposal: 'attendance.manage',
  disciplinary_committee: 'bodies.manage',
  // The hostel (src/modules/hostel/policy.cpp): hostel.manage holders (the head) are managers.
  hostel: 'hostel.manage', hostel_campaign: 'hostel.manage', hostel_student: 'hostel.manage', hostel_application: 'hostel.manage',
  hostel_document: 'hostel.manage', hostel_decision: 'hostel.manage', hostel_offer: 'hostel.manage', hostel_order: 'hostel.manage',
  // Hostel, residence half (src/modules/hostel/policy.cpp): hostel.manage holders manage residents.
  hostel_resident: 'hostel.manage', hostel_violation: 'hostel.manage', hostel_eviction: 'hostel.manage',
  // Awards (src/modules/awards/policy.cpp): the principal (awards.manage) for awards, awards.nominate
  // holders for nominations; the encouragement commission and its sessions are bodies.
  award: 'awards.manage', award_nomination: 'awards.nominate', encouragement_commission: 'bodies.manage', award_session: 'bodies.manage',
  // Statements and reception (src/modules/statements/policy.cpp): statements.manage holders. A
  // complaint to the ombudsman has no manager (APL-4).
  statement: 'statements.manage', reception_slot: 'statements.manage',
  // Instructions to the Secretariat (src/modules/instructions/policy.cpp): through the issuing body.
  instruction: 'bodies.manage',
};

const clients = {};   // login -> Client
const roleOf = {};    // login -> role
const personOf = {};  // login -> person id
const fixtures = {};  // object kind -> [{ name, id }]
const relations = {}; // `${kind}:${name}` -> (login) -> { rels: Set, flags: Set }

function standing(login, kind) {
  const rels = new Set(['same institution']);
  const role = roleOf[login];
  if (role === 'institution_admin' || role === 'system_admin') rels.add('administration');
  if (MANAGE[kind] && (roles[role] ?? []).includes(MANAGE[kind])) rels.add('manager');
  return rels;
}

// Who is seated where (by login): the council C has a chair and a member; the disciplinary
// committee DC (confidential) has the member.
const SEATS = { C: { chair: ['member', 'officer'], member: ['member'] }, DC: { member: ['member'] } };

function bodyRelations(kind, body) {
  return (login) => {
    const rels = standing(login, kind);
    for (const r of SEATS[body][login] ?? []) rels.add(r === 'officer' ? 'body officer' : 'body member');
    return { rels, flags: new Set(body === 'DC' ? ['confidential'] : []) };
  };
}

before(async () => {
  if (skip) return;
  const admin = await signIn('admin');
  for (const login of Object.keys(DEMO_ROLE)) {
    clients[login] = login === 'admin' ? admin : await signIn(login);
    roleOf[login] = DEMO_ROLE[login];
    personOf[login] = clients[login].user?.person_id ?? expectJson(await clients[login].get('/api/v1/me'), 200, 'me').user.person_id ?? null;
  }
  const tag = cap(cyrTag(6));
  const person = (extra = {}) => createPerson(admin, { surname: `${tag}${cap(cyrTag(4))}`, name: cap(cyrTag(5)), ...extra });
  const studentAccount = async (login) => {
    const p = await person({ student: { student_number: studentNumber(), course: 3, status: 'studying' } });
    const u = await createUser(admin, { roles: ['student'], person_id: p.id });
    clients[login] = await signIn(u.login, { password: u.password });
    roleOf[login] = 'student';
    personOf[login] = p.id;
    return u;
  };
  const chairUser = await studentAccount('chair');
  await studentAccount('member');
  await studentAccount('outsider');

  // Bodies: a council with a chair and a member; a confidential disciplinary committee.
  const C = expectJson(await admin.post('/api/v1/bodies', { template: 'council', name: `Кеңес ${tag}` }), 201, 'council');
  const DC = expectJson(await admin.post('/api/v1/bodies', { template: 'disciplinary_committee', name: `Тәртіп ${tag}` }), 201, 'committee');
  assert.equal(DC.confidential, true, 'the disciplinary committee is confidential by its template');
  const dcChair = await person({ staff: { position: 'Мұғалім' } });
  const seat = async (body, personId, position) => expectJson(await admin.post(`/api/v1/bodies/${body}/members`,
    { person_id: personId, position, starts_on: TODAY, accepted_regulation: true, ex_officio: true }), 201, `seat ${position}`);
  await seat(C.id, personOf.chair, 'chair');
  await seat(C.id, personOf.member, 'member');
  await seat(DC.id, dcChair.id, 'chair');
  await seat(DC.id, personOf.member, 'member');
  fixtures.body = [{ name: 'C', id: C.id }, { name: 'DC', id: DC.id }];
  fixtures.disciplinary_committee = [{ name: 'DC', id: DC.id }];

  const meeting = async (body, convener) => expectJson(await admin.post(`/api/v1/bodies/${body}/meetings`,
    { held_on: TODAY, starts_at: '00:00', place: `Зал ${tag}`, convened_by: convener }), 201, 'meeting').id;
  const mC = await meeting(C.id, personOf.chair);
  const mDC = await meeting(DC.id, dcChair.id);
  fixtures.meeting = [{ name: 'C', id: mC }, { name: 'DC', id: mDC }];
  const item = async (m) => {
    const items = expectJson(await admin.post(`/api/v1/meetings/${m}/items`, { kind: 'other', title: `Мәселе ${tag}`, motion: 'Бекітілсін' }), 200, 'item').items;
    return items[items.length - 1].id;
  };
  fixtures.agenda_item = [{ name: 'C', id: await item(mC) }, { name: 'DC', id: await item(mDC) }];
  const candidate = await person();
  fixtures.membership_candidate = [{ name: 'C', id: expectJson(await admin.post(`/api/v1/bodies/${C.id}/candidates`,
    { person_id: candidate.id, position: 'member' }), 201, 'candidacy').id }];
  const plan = expectJson(await admin.post(`/api/v1/bodies/${C.id}/plans`, { academic_year: '2041-2042' }), 201, 'plan');
  fixtures.plan = [{ name: 'C', id: plan.id }];
  const withItem = expectJson(await admin.post(`/api/v1/plans/${plan.id}/items`, { direction: 'cultural', title: `Іс ${tag}`, due_on: '2041-12-15' }), 201, 'plan item');
  fixtures.plan_item = [{ name: 'C', id: withItem.items[withItem.items.length - 1].id }];
  fixtures.report = [{ name: 'C', id: expectJson(await admin.post(`/api/v1/bodies/${C.id}/reports`,
    { kind: 'semi_annual', period_from: '2041-09-01', period_to: '2042-01-31', narrative: `Есеп ${tag}` }), 201, 'report').id }];
  fixtures.event = [{ name: 'C', id: expectJson(await admin.post('/api/v1/events', { organiser_body_id: C.id, direction: 'cultural',
    title: `Той ${tag}`, held_on: TODAY, place: `Зал ${tag}` }), 201, 'event').id }];
  for (const kind of ['disciplinary_committee', 'body', 'meeting', 'agenda_item', 'membership_candidate', 'plan', 'plan_item', 'report', 'event']) {
    for (const f of fixtures[kind]) relations[`${kind}:${f.name}`] = bodyRelations(kind, f.name);
  }

  // Persons: the demo student (own record of `student`, own child of `parent`, own group of
  // `curator`), and an outsider only they themselves stand to.
  fixtures.person = [{ name: 'demo student', id: personOf.student }, { name: 'outsider', id: personOf.outsider }];
  relations['person:demo student'] = (login) => {
    const rels = standing(login, 'person');
    if (login === 'student') rels.add('own record');
    if (login === 'parent') rels.add('own child');
    if (login === 'curator') rels.add('own group');
    return { rels, flags: new Set() };
  };
  relations['person:outsider'] = (login) => {
    const rels = standing(login, 'person');
    if (login === 'outsider') rels.add('own record');
    return { rels, flags: new Set() };
  };

  // Accounts: a student's (not privileged) and the system administrator's (privileged for all
  // but a system administrator: finding 1).
  const sysadminUser = expectJson(await clients.sysadmin.get('/api/v1/me'), 200, 'sysadmin me').user.id;
  fixtures.user = [{ name: 'chair', id: chairUser.id }, { name: 'sysadmin', id: sysadminUser }];
  relations['user:chair'] = (login) => ({ rels: standing(login, 'user'), flags: new Set() });
  relations['user:sysadmin'] = (login) => ({ rels: standing(login, 'user'), flags: new Set(login === 'sysadmin' ? [] : ['privileged']) });

  // An election whose commission has the curator, with the outsider as a candidate.
  const gov = expectJson(await admin.post('/api/v1/bodies', { template: 'student_government', name: `Үкімет ${tag}` }), 201, 'government');
  const commission = expectJson(await admin.post('/api/v1/bodies', { template: 'election_commission', name: `Комиссия ${tag}` }), 201, 'commission');
  await seat(commission.id, personOf.curator, 'member');
  let created;
  for (let attempt = 0; attempt < 5 && created?.status !== 201; attempt++) {
    const year = 2100 + Math.floor(Math.random() * 5000);
    created = await admin.post('/api/v1/elections', { academic_year: `${year}-${year + 1}`, commission_body_id: commission.id, government_body_id: gov.id });
  }
  const election = expectJson(created, 201, 'election').id;
  const electionCandidate = expectJson(await admin.post(`/api/v1/elections/${election}/candidates`,
    { person_id: personOf.outsider, program: `Бағдарлама ${tag}.`, program_lang: 'kk' }), 201, 'election candidate').id;
  fixtures.election = [{ name: 'E', id: election }];
  fixtures.election_candidate = [{ name: 'E', id: electionCandidate }];
  const commissionRels = (login) => {
    const rels = new Set(['same institution']);
    if (['institution_admin', 'system_admin'].includes(roleOf[login])) rels.add('administration');
    if (login === 'curator') rels.add('election commission');
    return rels;
  };
  relations['election:E'] = (login) => ({ rels: commissionRels(login), flags: new Set(['results unpublished']) });
  relations['election_candidate:E'] = (login) => {
    const rels = commissionRels(login);
    if (login === 'outsider') rels.add('own record');
    return { rels, flags: new Set() };
  };

  // A penalty of a paper order on the outsider: through its student (own record of `outsider`).
  fixtures.penalty = [{ name: 'P', id: expectJson(await admin.post(`/api/v1/people/${personOf.outsider}/penalties`,
    { order_number: `№ ${tag}`, imposed_on: TODAY, reason: `Себеп ${tag}` }), 201, 'penalty').id }];
  relations['penalty:P'] = (login) => {
    const rels = standing(login, 'penalty');
    if (login === 'outsider') rels.add('own record');
    return { rels, flags: new Set() };
  };

  // Discipline (seed 004). Records about the demo student: own record of `student`, own child of
  // `parent`, own group of `curator` (who curates the student's group).
  const aboutStudent = (kind, extra = () => {}) => (login) => {
    const rels = standing(login, kind);
    if (login === 'student') rels.add('own record');
    if (login === 'parent') rels.add('own child');
    if (login === 'curator') rels.add('own group');
    extra(login, rels);
    return { rels, flags: new Set() };
  };
  const demoStudent = expectJson(await admin.get(`/api/v1/people/${personOf.student}`), 200, 'demo student');
  const studentGroup = demoStudent.student?.group_id;
  assert.ok(studentGroup, 'the demo student is in a group');
  // The curated group (people/policy.cpp): its curator is own group; no manager.
  fixtures.curated_group = [{ name: 'G', id: studentGroup }];
  relations['curated_group:G'] = (login) => {
    const rels = new Set(['same institution']);
    if (['institution_admin', 'system_admin'].includes(roleOf[login])) rels.add('administration');
    if (login === 'curator') rels.add('own group');
    return { rels, flags: new Set() };
  };
  // DISC-CAT-1: an incident the demo staff member reports about the demo student; the reporter is
  // own record, the curator of the student's group own group.
  const incident = expectJson(await clients.staff.post('/api/v1/incidents', { kind_code: 'littering', occurred_on: TODAY, place: `Аула ${tag}`,
    description: `Оқиға ${tag}`, student_ids: [personOf.student] }), 201, 'incident');
  assert.equal(incident.reported_by, personOf.staff, 'the reporter is the demo staff member');
  fixtures.incident = [{ name: 'I', id: incident.id }];
  relations['incident:I'] = (login) => {
    const rels = standing(login, 'incident');
    if (login === 'staff') rels.add('own record');
    if (login === 'curator') rels.add('own group');
    return { rels, flags: new Set() };
  };
  // DISC-CASE-5: a case about the demo student before DC (where `member` sits), with the student's
  // explanation in its file and non-disclosure requested, so it is undisclosed until a decision
  // (stable under the matrix's POST {} calls, which decide nothing).
  const openCase = async (summary) => expectJson(await admin.post('/api/v1/discipline/cases', { student_id: personOf.student, committee_body_id: DC.id,
    basis: 'complaint', reporter_name: `Арыз ${tag}`, summary, incident_ids: [incident.id] }), 201, 'case');
  const U = await openCase(`Аулада қоқыс тастады ${tag}`);
  const withEvidence = expectJson(await clients.student.post(`/api/v1/discipline/cases/${U.id}/evidence`,
    { kind: 'explanation_student', description: `Түсініктеме ${tag}`, text: 'Кешіріңіз, енді болмайды.' }), 201, 'explanation');
  const evidence = withEvidence.evidence[withEvidence.evidence.length - 1].id;
  expectJson(await clients.student.post(`/api/v1/discipline/cases/${U.id}/non-disclosure`, {}), 200, 'non-disclosure');
  const caseRelations = (flags) => (login) => {
    const { rels } = aboutStudent('discipline_case')(login);
    if (login === 'member') rels.add('body member');
    return { rels, flags: new Set(flags) };
  };
  // A decided case with its order: a DC session with quorum (its chair gets an account to vote),
  // the case adopted, the decision (measures first, then a warning with reasons, DISC-PEN-1) and
  // the principal's order (DISC-PEN-4).
  const D = await openCase(`Сабақта тәртіп бұзды ${tag}`);
  const dcChairUser = await createUser(admin, { roles: ['staff'], person_id: dcChair.id });
  const dcChairClient = await signIn(dcChairUser.login, { password: dcChairUser.password });
  const session = expectJson(await admin.post(`/api/v1/bodies/${DC.id}/meetings`,
    { held_on: TODAY, starts_at: '00:00', place: `Кабинет ${tag}`, convened_by: dcChair.id }), 201, 'DC session').id;
  expectJson(await admin.post(`/api/v1/meetings/${session}/attendance/all-present`, {}), 200, 'all present');
  const decisionItem = expectJson(await admin.post(`/api/v1/discipline/cases/${D.id}/agenda`, { meeting_id: session }), 200, 'case on the agenda').agenda_item_id;
  expectJson(await admin.post(`/api/v1/agenda-items/${decisionItem}/vote/open`, {}), 200, 'vote open');
  for (const voter of [dcChairClient, clients.member]) {
    expectJson(await voter.post(`/api/v1/agenda-items/${decisionItem}/votes`, { choice: 'yes' }), 200, 'vote');
  }
  expectJson(await admin.post(`/api/v1/agenda-items/${decisionItem}/vote/close`, {}), 200, 'vote close');
  expectJson(await admin.post(`/api/v1/discipline/cases/${D.id}/decision`,
    { measures: ['conversation'], penalty: 'warning', reasons: `Әңгіме нәтиже бермеді ${tag}` }), 200, 'decision');
  const order = expectJson(await admin.post(`/api/v1/discipline/cases/${D.id}/order`, {}), 201, 'order');
  fixtures.discipline_case = [{ name: 'U', id: U.id }, { name: 'D', id: D.id }];
  relations['discipline_case:U'] = caseRelations(['undisclosed']);
  relations['discipline_case:D'] = caseRelations([]);
  fixtures.discipline_order = [{ name: 'O', id: order.id }];
  relations['discipline_order:O'] = aboutStudent('discipline_order');
  // The penalty the order entered in the register is the demo student's.
  fixtures.penalty.push({ name: 'O', id: order.penalty_id });
  relations['penalty:O'] = aboutStudent('penalty');
  // The student's explanation: read as its case; withdrawn only by who added it (DISC-CASE-5).
  fixtures.case_evidence = [{ name: 'U', id: evidence }];
  relations['case_evidence:U'] = caseRelations(['undisclosed']);
  fixtures.case_evidence_author = [{ name: 'U', id: evidence }];
  relations['case_evidence_author:U'] = (login) => {
    const rels = new Set(['same institution']);
    if (['institution_admin', 'system_admin'].includes(roleOf[login])) rels.add('administration');
    if (login === 'student') rels.add('own record');
    return { rels, flags: new Set() };
  };
  // DISC-DEV-1: the demo student's phone withdrawn in a lesson.
  fixtures.device_withdrawal = [{ name: 'W', id: expectJson(await clients.staff.post('/api/v1/device-withdrawals',
    { person_id: personOf.student, withdrawn_on: TODAY, lesson: `Алгебра ${tag}` }), 201, 'device withdrawal').id }];
  relations['device_withdrawal:W'] = aboutStudent('device_withdrawal');
  fixtures.group = [{ name: 'G', id: expectJson(await admin.post('/api/v1/groups', { name: `Г-${tag}` }), 201, 'group').id }];
  relations['group:G'] = (login) => ({ rels: standing(login, 'group'), flags: new Set() });
  fixtures.import = [{ name: 'I', id: expectJson(await admin.request('POST', '/api/v1/imports?filename=m.csv',
    { body: `surname,name\n${tag},Аты\n`, contentType: 'text/csv' }), 201, 'import').id }];
  relations['import:I'] = (login) => ({ rels: standing(login, 'import'), flags: new Set() });
  // Accounts issued together (an empty group's batch: no accounts, only the sheet's object).
  fixtures.account_batch = [{ name: 'B', id: expectJson(await admin.post('/api/v1/account-batches', { scope: 'group', group_id: fixtures.group[0].id }), 201, 'batch').id }];
  relations['account_batch:B'] = (login) => ({ rels: standing(login, 'account_batch'), flags: new Set() });
  // A notice is its addressee's alone: the overdue job (MTG-1) tells the chair of a council that
  // has not met for six months; only `chair` stands to that notice.
  const sleepy = expectJson(await admin.post('/api/v1/bodies', { template: 'council', name: `Ұйқы ${tag}` }), 201, 'sleepy council');
  expectJson(await admin.post(`/api/v1/bodies/${sleepy.id}/members`,
    { person_id: personOf.chair, position: 'chair', starts_on: '2025-01-01', accepted_regulation: true }), 201, 'sleepy chair');
  const longAgo = new Date(Date.now() - 240 * 86400e3).toISOString().slice(0, 10);
  expectJson(await admin.post(`/api/v1/bodies/${sleepy.id}/meetings`, { held_on: longAgo, starts_at: '00:00', place: 'Зал', convened_by: personOf.chair }), 201, 'old session');
  const args = ['jobs', 'run', 'overdue-bodies', ...(KENES_DB ? ['--db', KENES_DB] : [])];
  execFileSync(KENES_BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60000 });
  const notices = expectJson(await clients.chair.get('/api/v1/me/notifications?limit=1'), 200, 'notices').items;
  assert.ok(notices.length > 0, 'the overdue notice reached the chair');
  fixtures.notification = [{ name: 'N', id: notices[0].id }];
  relations['notification:N'] = (login) => ({ rels: new Set(login === 'chair' ? ['own record'] : []), flags: new Set() });

  // Attendance: a group the demo curator curates, with a student of its own, marked late four
  // days of the previous academic year (terms set for it) so the journal proposes an infraction
  // (DISC-ESC-1); a justification for the demo student (own record of `student`, own child of
  // `parent`, own group of `curator`).
  const now = new Date(Date.now() + 5 * 3600e3);
  const first = (now.getUTCMonth() + 1 >= 9 ? now.getUTCFullYear() : now.getUTCFullYear() - 1) - 1;
  expectJson(await admin.put('/api/v1/attendance/terms', { academic_year: `${first}-${first + 1}`,
    terms: [{ starts_on: `${first}-09-01`, ends_on: `${first}-12-31` }, { starts_on: `${first + 1}-01-08`, ends_on: `${first + 1}-05-31` }] }), 200, 'terms');
  const journalGroup = expectJson(await admin.post('/api/v1/groups', { name: `Ж-${tag}`, curator_person_id: personOf.curator }), 201, 'journal group').id;
  const late = await person({ student: { student_number: studentNumber(), course: 1, status: 'studying', group_id: journalGroup } });
  let marked;
  for (const d of [1, 2, 3, 4]) {
    marked = expectJson(await admin.put(`/api/v1/groups/${journalGroup}/attendance`,
      { date: `${first}-10-0${d}`, exceptions: [{ person_id: late.id, status: 'late' }] }), 200, 'late day');
  }
  assert.equal(marked.proposed.length, 1, 'the 4th lateness proposes');
  fixtures.attendance_group = [{ name: 'curated', id: journalGroup }, { name: 'G', id: fixtures.group[0].id }];
  relations['attendance_group:curated'] = (login) => {
    const rels = standing(login, 'attendance_group');
    if (login === 'curator') rels.add('own group');
    return { rels, flags: new Set() };
  };
  relations['attendance_group:G'] = (login) => ({ rels: standing(login, 'attendance_group'), flags: new Set() });
  fixtures.attendance_proposal = [{ name: 'curated', id: marked.proposed[0] }];
  relations['attendance_proposal:curated'] = relations['attendance_group:curated'];
  const studentRelations = (kind) => ({
    'demo student': (login) => {
      const { rels } = relations['person:demo student'](login);
      const out = standing(login, kind);
      for (const r of ['own record', 'own child', 'own group']) if (rels.has(r)) out.add(r);
      return { rels: out, flags: new Set() };
    },
    outsider: (login) => {
      const rels = standing(login, kind);
      if (login === 'outsider') rels.add('own record');
      return { rels, flags: new Set() };
    },
  });
  fixtures.attendance_student = fixtures.person;
  for (const [name, fn] of Object.entries(studentRelations('attendance_student'))) relations[`attendance_student:${name}`] = fn;
  fixtures.attendance_justification = [{ name: 'demo student', id: expectJson(await admin.post(`/api/v1/people/${personOf.student}/attendance/justifications`,
    { reason: 'doctor', from: TODAY, to: TODAY }), 201, 'justification').id }];
  relations['attendance_justification:demo student'] = studentRelations('attendance_justification')['demo student'];

  // The hostel: a Hostel Allocation Commission whose secretary is `chair` (an officer) and whose
  // member is `member`, chaired by a staff person; a campaign still open with the demo student's
  // application (by `parent`) and a document; a closed campaign of a past year with a proposed
  // allocation on the commission's session; an offer of a place on the application.
  const HAC = expectJson(await admin.post('/api/v1/bodies', { template: 'hostel_allocation_commission', name: `Жатақхана ${tag}` }), 201, 'hostel commission');
  const hacChair = await person({ staff: { position: 'Директор' } });
  await seat(HAC.id, hacChair.id, 'chair');
  await seat(HAC.id, personOf.chair, 'secretary');
  await seat(HAC.id, personOf.member, 'member');
  const hostelSeats = (kind) => (login) => {
    const rels = standing(login, kind);
    if (login === 'chair') { rels.add('body member'); rels.add('body officer'); }
    if (login === 'member') rels.add('body member');
    return { rels, flags: new Set() };
  };
  const aboutApplication = (kind) => (login) => {
    const { rels } = studentRelations(kind)['demo student'](login);
    for (const r of hostelSeats(kind)(login).rels) rels.add(r);
    return { rels, flags: new Set() };
  };
  const H = expectJson(await admin.post('/api/v1/hostel/hostels', { name: `Жатақхана ${tag}` }), 201, 'hostel');
  fixtures.hostel = [{ name: 'H', id: H.id }];
  relations['hostel:H'] = (login) => ({ rels: standing(login, 'hostel'), flags: new Set() });
  const year = 2060 + Math.floor(Math.random() * 40);
  const open = expectJson(await admin.post('/api/v1/hostel/campaigns', { academic_year: `${year}-${year + 1}`, commission_body_id: HAC.id, grant_places: 1, paid_places: 0 }), 201, 'campaign');
  const pastYear = 2001 + Math.floor(Math.random() * 20);
  const past = await admin.post('/api/v1/hostel/campaigns', { academic_year: `${pastYear}-${pastYear + 1}`, commission_body_id: HAC.id, grant_places: 0, paid_places: 0 });
  const closed = past.status === 201 ? past.json : expectJson(await admin.post('/api/v1/hostel/campaigns',
    { academic_year: `${pastYear + 20}-${pastYear + 21}`, commission_body_id: HAC.id, grant_places: 0, paid_places: 0 }), 201, 'past campaign');
  fixtures.hostel_campaign = [{ name: 'open', id: open.id }];
  relations['hostel_campaign:open'] = hostelSeats('hostel_campaign');
  fixtures.hostel_student = fixtures.person;
  for (const [name, fn] of Object.entries(studentRelations('hostel_student'))) relations[`hostel_student:${name}`] = fn;
  const application = expectJson(await clients.parent.post(`/api/v1/hostel/students/${personOf.student}/applications`,
    { campaign_id: open.id, priority_group: 2, subgroups: ['low_income'], home_locality: 'Ақсу ауылы', consent_inspection: true, grade: 10 }), 201, 'hostel application');
  fixtures.hostel_application = [{ name: 'A', id: application.id }];
  relations['hostel_application:A'] = aboutApplication('hostel_application');
  const withDoc = expectJson(await clients.parent.request('POST', `/api/v1/hostel/applications/${application.id}/documents?kind=birth_certificate`,
    { body: png(), contentType: 'image/png' }), 201, 'hostel document');
  fixtures.hostel_document = [{ name: 'A', id: withDoc.documents[0].id }];
  relations['hostel_document:A'] = aboutApplication('hostel_document');
  const hacSession = expectJson(await admin.post(`/api/v1/bodies/${HAC.id}/meetings`,
    { held_on: TODAY, starts_at: '00:00', place: `Кабинет ${tag}`, convened_by: hacChair.id }), 201, 'hostel commission session').id;
  const decision = expectJson(await admin.post(`/api/v1/hostel/campaigns/${closed.id}/allocation`, { meeting_id: hacSession }), 201, 'hostel decision');
  fixtures.hostel_decision = [{ name: 'D', id: decision.id }];
  relations['hostel_decision:D'] = hostelSeats('hostel_decision');
  // MTG-4: the session (both voting members present) adopts it; the principal's order follows.
  const voterOf = async (personId, roles) => {
    const u = await createUser(admin, { roles, person_id: personId });
    return signIn(u.login, { password: u.password });
  };
  const voters = [await voterOf(hacChair.id, ['staff']), clients.member];
  // ORG-9: seven voting members; five more seated to make the composition valid.
  for (let i = 0; i < 5; i++) {
    const p = await person({});
    await seat(HAC.id, p.id, 'member');
    voters.push(await voterOf(p.id, ['student']));
  }
  expectJson(await admin.post(`/api/v1/meetings/${hacSession}/attendance/all-present`, {}), 200, 'all present');
  expectJson(await admin.post(`/api/v1/agenda-items/${decision.agenda_item_id}/vote/open`, {}), 200, 'vote open');
  for (const voter of voters) {
    expectJson(await voter.post(`/api/v1/agenda-items/${decision.agenda_item_id}/votes`, { choice: 'yes' }), 200, 'vote');
  }
  expectJson(await admin.post(`/api/v1/agenda-items/${decision.agenda_item_id}/vote/close`, {}), 200, 'vote close');
  const adopted = expectJson(await admin.post(`/api/v1/hostel/decisions/${decision.id}/adopt`, {}), 200, 'allocation adopted');
  assert.ok(adopted.snapshot?.order_id, 'the allocation order was issued');
  fixtures.hostel_order = [{ name: 'allocation', id: adopted.snapshot.order_id }];
  relations['hostel_order:allocation'] = hostelSeats('hostel_order');
  // HST-RES-1: an offer as place_freed makes it, written straight to the database (no reserve here).
  const offerId = 8000000000000 + Math.floor(Math.random() * 1e12);
  const inst = sql(`SELECT institution_id FROM hostel_applications WHERE id = ${application.id}`);
  const offeredAt = Date.now();
  sql(`INSERT INTO hostel_offers (institution_id, id, application_id, basis, offered_at, expires_at, state) VALUES (${inst}, ${offerId}, ${application.id}, 'place_freed', ${offeredAt}, ${offeredAt + 86400e3}, 'open')`);
  fixtures.hostel_offer = [{ name: 'A', id: offerId }];
  relations['hostel_offer:A'] = aboutApplication('hostel_offer');

  // Hostel, residence half: a girl of grade 9 in a group the demo curator curates, the demo
  // parent's child, settled in a room of her own (the stock through the allocation half's routes;
  // without them, no fixtures and nothing to call), with a violation and an eviction submitted.
  for (const kind of ['hostel_resident', 'hostel_violation', 'hostel_eviction']) fixtures[kind] = [];
  const hostel = await admin.post('/api/v1/hostel/hostels', { name: `Жатақхана-Р ${tag}` });
  if (hostel.status === 201) {
    const added = expectJson(await admin.post(`/api/v1/hostel/hostels/${hostel.json.id}/rooms`, { floor: 1, number: `1-${tag}`, gender: 'female', places: 1 }), 201, 'room');
    const room = added.rooms ? added.rooms.find((r) => r.number === `1-${tag}`) : added;   // the room, or the hostel with its rooms
    const place = expectJson(await admin.get('/api/v1/hostel/free-places?gender=female'), 200, 'free places').items.find((p) => sameId(p.room_id, room.id)).place_id;
    const hostelGroup = expectJson(await admin.post('/api/v1/groups', { name: `Жт-${tag}`, curator_person_id: personOf.curator }), 201, 'hostel group').id;
    const girl = await person({ gender: 'female', student: { student_number: studentNumber(), course: 1, grade: 9, status: 'studying', group_id: hostelGroup } });
    expectJson(await admin.post(`/api/v1/people/${girl.id}/representatives`, { representative_id: personOf.parent, kind: 'mother' }), 201, 'the demo parent');
    const resident = expectJson(await admin.post('/api/v1/hostel/residents', { person_id: girl.id, place_id: place, basis: 'grant', priority_group: 2,
      settled_on: TODAY, settlement_order_date: TODAY, settlement_order_number: `${tag}-ж` }), 201, 'resident');
    const violation = expectJson(await admin.post(`/api/v1/hostel/residents/${resident.id}/violations`,
      { occurred_on: TODAY, description: `Шу ${tag}`, nature: 'Күн тәртібі', severity: 'minor' }), 201, 'violation');
    const eviction = expectJson(await admin.post(`/api/v1/hostel/residents/${resident.id}/evictions`,
      { reason: 'representative_request', details: `Өтініш ${tag}` }), 201, 'eviction');
    const residentRelations = (kind) => (login) => {
      const rels = standing(login, kind);
      if (login === 'parent') rels.add('own child');
      if (login === 'curator') rels.add('own group');
      return { rels, flags: new Set() };
    };
    fixtures.hostel_resident = [{ name: 'R', id: resident.id }];
    fixtures.hostel_violation = [{ name: 'R', id: violation.id }];
    fixtures.hostel_eviction = [{ name: 'R', id: eviction.id }];
    for (const kind of ['hostel_resident', 'hostel_violation', 'hostel_eviction']) relations[`${kind}:R`] = residentRelations(kind);
  }

  // Awards (seed 004): an encouragement commission EC (confidential) where `chair` is the chair
  // and `member` a member; a presented nomination of the outsider with a scoring session at EC's
  // meeting today; a letter of gratitude to the demo student (own record of `student`, own child
  // of `parent`, own group of `curator`).
  const EC = expectJson(await admin.post('/api/v1/bodies', { template: 'encouragement_commission', name: `Көтермелеу ${tag}` }), 201, 'encouragement commission');
  await seat(EC.id, personOf.chair, 'chair');
  await seat(EC.id, personOf.member, 'member');
  const ecSeats = (kind) => (login) => {
    const rels = standing(login, kind);
    if (login === 'chair') { rels.add('body member'); rels.add('body officer'); }
    if (login === 'member') rels.add('body member');
    return { rels, flags: new Set(['confidential']) };
  };
  fixtures.encouragement_commission = [{ name: 'EC', id: EC.id }];
  relations['encouragement_commission:EC'] = ecSeats('encouragement_commission');
  const shanyrak = expectJson(await admin.post('/api/v1/shanyraks', { name: `Шаңырақ ${tag}` }), 201, 'shanyrak');
  const nomination = expectJson(await admin.post('/api/v1/awards/nominations', { contest: 'student_of_year', student_id: personOf.outsider, commission_body_id: EC.id,
    motivation: `Үздік ${tag}`, discussions: [
      { forum: 'shanyrak_meeting', shanyrak_id: shanyrak.id, held_on: TODAY, supported: true, decision: 'Қолдады.' },
      { forum: 'pedagogical_meeting', held_on: TODAY, supported: true, decision: 'Қолдады.' }] }), 201, 'nomination');
  fixtures.award_nomination = [{ name: 'N', id: nomination.id }];
  relations['award_nomination:N'] = (login) => ({ rels: standing(login, 'award_nomination'), flags: new Set() });
  const ecMeeting = await meeting(EC.id, personOf.chair);
  const awardSession = expectJson(await admin.post(`/api/v1/awards/commissions/${EC.id}/sessions`, { meeting_id: ecMeeting, contest: 'student_of_year' }), 201, 'award session');
  fixtures.award_session = [{ name: 'EC', id: awardSession.id }];
  relations['award_session:EC'] = ecSeats('award_session');
  const letter = expectJson(await admin.post('/api/v1/awards', { kind: 'letter_of_gratitude', recipient_kind: 'student', student_id: personOf.student,
    reason: `Алғыс ${tag}` }), 201, 'award');
  fixtures.award = [{ name: 'A', id: letter.id }];
  relations['award:A'] = aboutStudent('award');
  await statementFixtures();
  // ORG-11: an instruction of a Small Assembly's Council (the chair sits in it) to its Secretariat,
  // assigned to `member`, who sits in the Secretariat (straight to the database: the route needs an adopted decision).
  {
    const SA = expectJson(await admin.post('/api/v1/bodies', { template: 'small_assembly', name: `Ассамблея ${tag}` }), 201, 'assembly');
    const children = expectJson(await admin.get(`/api/v1/bodies/${SA.id}`), 200, 'assembly').children;
    const council = children.find((c) => c.template === 'council');
    const secretariat = children.find((c) => c.template === 'secretariat');
    await seat(council.id, personOf.chair, 'chair');
    await seat(secretariat.id, personOf.member, 'member');
    const inst = sql(`SELECT institution_id FROM bodies WHERE id = ${SA.id}`);
    const id = 8_000_000_000_000 + Math.floor(Math.random() * 1e12);
    sql(`INSERT INTO instructions (institution_id, id, body_id, secretariat_id, source, agenda_item_id, issued_by, text, assignee_id, deadline, status, created_at) `
      + `VALUES (${inst}, ${id}, ${council.id}, ${secretariat.id}, 'president', NULL, NULL, 'Тапсырма ${tag}', ${personOf.member}, '${TODAY}', 'issued', ${Date.now()})`);
    fixtures.instruction = [{ name: 'I', id }];
    relations['instruction:I'] = (login) => {
      const rels = standing(login, 'instruction');
      if (login === 'chair') { rels.add('body member'); rels.add('body officer'); }
      if (login === 'member') { rels.add('bound body member'); rels.add('own record'); }
      return { rels, flags: new Set() };
    };
  }
});


// Statements (APL-1, APL-2): one filed by the demo student, assigned to the demo staff member
// (involved); the student is own record, the parent own child.
async function statementFixtures() {
  const admin = clients.admin;
  const s = expectJson(await clients.student.post('/api/v1/statements', { topic: 'canteen', arguments: 'Асханада тамақ суық беріледі, бірнеше рет қайталанды.' }), 201, 'statement');
  expectJson(await admin.post(`/api/v1/statements/${s.id}/assign`, { assignee_person_id: personOf.staff }), 200, 'assigned');
  fixtures.statement = [{ name: 'S', id: s.id }];
  relations['statement:S'] = (login) => {
    const rels = standing(login, 'statement');
    if (login === 'student') rels.add('own record');
    if (login === 'parent') rels.add('own child');
    if (login === 'staff') rels.add('involved');
    return { rels, flags: new Set() };
  };
  // APL-4: `chair` holds the Ombudsman position of a Student Government; a complaint of the demo
  // student shared with `member`. No administration or manager standing: only these relationships.
  const gov = expectJson(await admin.post('/api/v1/bodies', { template: 'student_government', name: `Омбудсмен ${cyrTag(5)}` }), 201, 'government');
  expectJson(await admin.post(`/api/v1/bodies/${gov.id}/members`,
    { person_id: personOf.chair, position: 'ombudsman', starts_on: TODAY, accepted_regulation: true, ex_officio: true }), 201, 'ombudsman');
  const c = expectJson(await clients.student.post('/api/v1/ombudsman/complaints', { text: 'Кезекші оқу залына кіргізбейді.', about: 'Кезекші' }), 201, 'complaint');
  expectJson(await clients.chair.post(`/api/v1/ombudsman/complaints/${c.id}/shares`, { person_id: personOf.member, reason: 'Түсініктеме' }), 200, 'shared');
  fixtures.ombudsman_complaint = [{ name: 'O', id: c.id }];
  relations['ombudsman_complaint:O'] = (login) => {
    const rels = new Set(['same institution']);
    if (login === 'student') rels.add('own record');
    if (login === 'parent') rels.add('own child');
    if (login === 'chair') rels.add('ombudsman');
    if (login === 'member') rels.add('involved');
    return { rels, flags: new Set() };
  };
  // APL-3: a slot received by the demo staff member, booked by the parent for the demo student.
  const year = 2090 + Math.floor(Math.random() * 9);
  const slot = expectJson(await admin.post('/api/v1/reception/slots',
    { starts_at: `${year}-03-${10 + Math.floor(Math.random() * 18)}T15:00`, minutes: 20, place: 'Кабинет 101', receiver_person_id: personOf.staff }), 201, 'slot');
  expectJson(await clients.parent.post(`/api/v1/reception/slots/${slot.id}/booking`, { topic: 'Жатақхана', student_id: personOf.student }), 200, 'booked');
  fixtures.reception_slot = [{ name: 'R', id: slot.id }];
  relations['reception_slot:R'] = (login) => {
    const rels = standing(login, 'reception_slot');
    if (login === 'parent') rels.add('own record').add('own child');
    if (login === 'student') rels.add('own record');
    if (login === 'staff') rels.add('involved');
    return { rels, flags: new Set() };
  };
}

const LOGINS = ['admin', 'sysadmin', 'staff', 'curator', 'student', 'parent', 'chair', 'member', 'outsider'];
const OTHER_PARAMS = { membership_id: '1', token_id: '1', kind: 'photo', station_id: '1', representative_id: '1' };

function allowedBy(route, facts) {
  return route.policy.grants.some((g) => facts.rels.has(g.relationship) && !(g.unless && facts.flags.has(g.unless)));
}

async function call(client, route, id) {
  const param = route.policy.param;
  const path = route.path.replace(/\{([^}]+)\}/g, (_, name) => (name === param ? String(id) : OTHER_PARAMS[name] ?? '1'));
  const method = route.method;
  if (path.endsWith('/events') && method === 'GET' && route.policy.object === 'meeting') {
    return client.get(`${path}?view=none`);   // the stream refuses the view after the policy: no endless stream
  }
  if (method === 'GET') return client.get(path);
  if (method === 'DELETE') return client.delete(path);
  if (method === 'PUT' && (path.includes('/files/') || path.endsWith('/document'))) return client.request('PUT', path, { body: png(), contentType: 'image/png' });
  // An upload route checks the body's media type before the policy (like any request's shape).
  if (method === 'POST' && (path.endsWith('/evidence-files') || path.endsWith('/files') || (path.startsWith('/api/v1/hostel/') && path.endsWith('/documents')))) return client.request('POST', path, { body: png(), contentType: 'image/png' });
  if (method === 'POST' && path === '/api/v1/imports') return client.request('POST', `${path}?filename=m.csv`, { body: 'surname,name\n', contentType: 'text/csv' });
  return client.request(method, path, { json: {} });
}

test(`[${BACKEND}] every route declares an object policy of a known kind`, { skip }, () => {
  const kinds = new Set(['public', 'account', 'institution', ...Object.keys(MANAGE), 'election', 'election_candidate', 'group', 'import', 'notification',
    'curated_group', 'case_evidence_author', 'ombudsman_complaint']);
  const problems = [];
  for (const r of routes) {
    if (!r.policy || !r.policy.action || !Array.isArray(r.policy.grants) || r.policy.grants.length === 0) problems.push(`${r.method} ${r.path}: no policy`);
    else if (!kinds.has(r.policy.object)) problems.push(`${r.method} ${r.path}: object kind ${r.policy.object} has no fixture in this matrix`);
    else if (r.policy.param && !r.path.includes(`{${r.policy.param}}`)) problems.push(`${r.method} ${r.path}: the policy's {${r.policy.param}} is not in the path`);
  }
  assert.deepEqual(problems, []);
});

for (const route of routes.filter((r) => r.permission !== 'public' && !(r.method === 'DELETE' && r.path === '/api/v1/session'))) {
  test(`[${BACKEND}] policy matrix: ${route.method} ${route.path} (${route.policy.action})`, { skip }, async () => {
    const kind = route.policy.object;
    const objects = route.policy.param ? fixtures[kind] : [{ name: kind, id: null }];
    const problems = [];
    for (const object of objects) {
      for (const login of LOGINS) {
        const holds = (roles[roleOf[login]] ?? []).includes(route.permission);
        const facts = route.policy.param ? relations[`${kind}:${object.name}`](login)
          : { rels: kind === 'account' ? new Set(['own account']) : standing(login, kind), flags: new Set() };
        const expected = holds && allowedBy(route, facts);
        const res = await call(clients[login], route, object.id);
        const got = `${res.status}${res.problem?.code ? ' ' + res.problem.code : ''}`;
        const who = `${login} on ${kind} ${object.name} [${[...facts.rels, ...[...facts.flags].map((f) => `(${f})`)].join(', ')}]`;
        // Allowed: anything but a refusal (a handler may still answer 404 for a second id, 422 for {}).
        if (res.status >= 500) problems.push(`${who}: server error ${got}`);
        else if (expected && [401, 403].includes(res.status)) problems.push(`${who}: expected allowed, got ${got}`);
        else if (!expected && !(res.status === 403 && res.problem?.code === 'forbidden')) problems.push(`${who}: expected 403 forbidden, got ${got}`);
      }
    }
    assert.deepEqual(problems, []);
  });
}
