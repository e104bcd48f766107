// A throwaway institution with one record of every kind the API has an id for, and helpers to put
// those ids into route paths. Used by the cross-institution probe (every route called with
// another institution's ids) and the fuzz (malformed bodies against real records).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  KENES_BIN, KENES_DB, cap, createPerson, createUser, cyrTag, expectJson, signIn, studentNumber, uniq,
} from './client.mjs';
import { png } from './clock-server.mjs';
import { deref, schemaTypes } from './routes.mjs';

export const TODAY = new Date().toISOString().slice(0, 10);

// A new institution made by the system administrator, with an institution_admin signed in.
export async function newInstitution(sys, { kind = 'college', tag = cap(cyrTag(6)) } = {}) {
  const inst = expectJson(await sys.post('/api/v1/institutions', { name: `Колледж ${tag} ${uniq()}`, kind }), 201, 'institution');
  const login = `adm-${uniq()}`;
  const password = `pw-${uniq()}-Long`;
  expectJson(await sys.post('/api/v1/users',
    { login, password, display_name: `Әкімші ${tag}`, roles: ['institution_admin'], institution_id: inst.id }), 201, 'first admin');
  const admin = await signIn(login, { password });
  return { inst, admin, login, password, tag };
}

// Creates one record of each kind in the admin's institution; every name carries `tag`, so a
// response that leaks one of them can be recognised. Returns ids by kind. Optional records that
// cannot be made are left out (their routes then get an id that exists nowhere) and listed in
// `missing`.
export async function makeFixtures(admin, tag, { withNotification = false } = {}) {
  const f = { tag, missing: [] };
  const step = async (name, fn) => {
    try {
      await fn();
    } catch (e) {
      f.missing.push(`${name}: ${e.message.split('\n')[0].slice(0, 200)}`);
    }
  };
  const me = expectJson(await admin.get('/api/v1/me'), 200, 'me');
  f.institution = me.user.institution.id;
  const person = (extra = {}) => createPerson(admin, { surname: `${tag}${cap(cyrTag(4))}`, name: cap(cyrTag(5)), ...extra });

  await step('faculty', async () => { f.faculty = expectJson(await admin.post('/api/v1/faculties', { name: `Факультет ${tag}` }), 201, 'faculty').id; });
  await step('shanyrak', async () => { f.shanyrak = expectJson(await admin.post('/api/v1/shanyraks', { name: `Шаңырақ ${tag}` }), 201, 'shanyrak').id; });
  await step('group', async () => { f.group = expectJson(await admin.post('/api/v1/groups', { name: `Г-${tag}`, course: 3 }), 201, 'group').id; });
  const student = await person({ student: { student_number: studentNumber(), course: 3, status: 'studying', ...(f.group ? { group_id: f.group } : {}) } })
    .catch(() => person({ student: { student_number: studentNumber(), course: 3, status: 'studying' } }));
  f.person = student.id;
  f.studentNumber = student.student?.student_number;
  await step('representative', async () => {
    const rep = await person();
    expectJson(await admin.post(`/api/v1/people/${f.person}/representatives`, { representative_id: rep.id, kind: 'mother' }), 201, 'representative');
    f.representative = rep.id;
  });
  const studentUser = await createUser(admin, { roles: ['student'], person_id: f.person, display_name: `Студент ${tag}` });
  f.user = studentUser.id;
  f.studentLogin = studentUser.login;
  f.studentPassword = studentUser.password;
  await step('token', async () => { f.token = expectJson(await admin.post(`/api/v1/users/${f.user}/tokens`, { name: `token ${tag}` }), 201, 'token').id; });
  await step('import', async () => {
    const res = await admin.request('POST', '/api/v1/imports?filename=fixture.csv', { body: `surname,name\n${tag},Аты\n`, contentType: 'text/csv' });
    f.import = expectJson(res, 201, 'import').id;
  });

  // A club with the student as its chair, a session with an agenda item, a candidate for membership.
  const club = expectJson(await admin.post('/api/v1/bodies', { template: 'council', name: `Кеңес ${tag}` }), 201, 'council');
  f.body = club.id;
  f.bodies = [club.id];
  await step('membership', async () => {
    f.membership = expectJson(await admin.post(`/api/v1/bodies/${f.body}/members`,
      { person_id: f.person, position: 'chair', starts_on: TODAY, accepted_regulation: true }), 201, 'membership').id;
  });
  await step('meeting', async () => {
    f.meeting = expectJson(await admin.post(`/api/v1/bodies/${f.body}/meetings`,
      { held_on: TODAY, starts_at: '00:00', place: `Зал ${tag}`, convened_by: f.person }), 201, 'meeting').id;
    expectJson(await admin.put(`/api/v1/meetings/${f.meeting}/attendance`, { person_id: f.person, present: true }), 200, 'attendance');
    const items = expectJson(await admin.post(`/api/v1/meetings/${f.meeting}/items`,
      { kind: 'other', title: `Мәселе ${tag}`, motion: 'Бекітілсін' }), 200, 'agenda item').items;
    f.agendaItem = items[items.length - 1].id;
  });
  await step('membership candidate', async () => {
    const cand = await person();
    f.membershipCandidate = expectJson(await admin.post(`/api/v1/bodies/${f.body}/candidates`,
      { person_id: cand.id, position: 'member', note: `Ұсыныс ${tag}` }), 201, 'membership candidate').id;
  });
  await step('plan', async () => {
    f.plan = expectJson(await admin.post(`/api/v1/bodies/${f.body}/plans`, { academic_year: '2031-2032' }), 201, 'plan').id;
    const withItem = expectJson(await admin.post(`/api/v1/plans/${f.plan}/items`,
      { direction: 'cultural', title: `Іс-шара ${tag}`, due_on: '2031-12-15' }), 201, 'plan item');
    f.planItem = withItem.items[withItem.items.length - 1].id;
  });
  await step('report', async () => {
    f.report = expectJson(await admin.post(`/api/v1/bodies/${f.body}/reports`,
      { kind: 'semi_annual', period_from: '2031-09-01', period_to: '2032-01-31', narrative: `Есеп ${tag}` }), 201, 'report').id;
  });
  await step('event', async () => {
    f.event = expectJson(await admin.post('/api/v1/events', { organiser_body_id: f.body, direction: 'cultural', title: `Той ${tag}`,
      held_on: TODAY, starts_at: '15:00', place: `Акт залы ${tag}`, public: true }), 201, 'event').id;
  });
  await step('penalty', async () => {
    f.penalty = expectJson(await admin.post(`/api/v1/people/${f.person}/penalties`,
      { order_number: `№ ${uniq()}`, imposed_on: TODAY, reason: `Себеп ${tag}` }), 201, 'penalty').id;
  });

  // Discipline (seed 004): a Disciplinary Committee chaired by a teacher with an account, an
  // incident about the student, an open case with the student's explanation, a decided case with
  // its order (a session with quorum adopted it), and a phone withdrawn in a lesson.
  await step('committee', async () => {
    const committee = expectJson(await admin.post('/api/v1/bodies', { template: 'disciplinary_committee', name: `Тәртіп ${tag}` }), 201, 'committee');
    f.bodies.push(committee.id);
    f.committee = committee.id;
    const teacher = await person({ staff: { position: 'Мұғалім' } });
    expectJson(await admin.post(`/api/v1/bodies/${f.committee}/members`,
      { person_id: teacher.id, position: 'chair', starts_on: TODAY, accepted_regulation: true, ex_officio: true }), 201, 'committee chair');
    f.committeeChair = teacher.id;
    const u = await createUser(admin, { roles: ['staff'], person_id: teacher.id });
    f.committeeChairLogin = u.login;
    f.committeeChairPassword = u.password;
  });
  await step('incident', async () => {
    f.incident = expectJson(await admin.post('/api/v1/incidents', { kind_code: 'littering', occurred_on: TODAY, place: `Аула ${tag}`,
      description: `Оқиға ${tag}`, student_ids: [f.person] }), 201, 'incident').id;
  });
  const openCase = async (summary) => expectJson(await admin.post('/api/v1/discipline/cases', { student_id: f.person, committee_body_id: f.committee,
    basis: 'complaint', reporter_name: `Арыз ${tag}`, summary, ...(f.incident ? { incident_ids: [f.incident] } : {}) }), 201, 'case');
  await step('case', async () => {
    f.case = (await openCase(`Іс ${tag}`)).id;
    const withEvidence = expectJson(await admin.post(`/api/v1/discipline/cases/${f.case}/evidence`,
      { kind: 'explanation_witness', description: `Куә ${tag}`, text: `Көрдім ${tag}` }), 201, 'evidence');
    f.caseEvidence = withEvidence.evidence[withEvidence.evidence.length - 1].id;
  });
  await step('order', async () => {
    const decided = await openCase(`Шешілген іс ${tag}`);
    f.decidedCase = decided.id;
    const session = expectJson(await admin.post(`/api/v1/bodies/${f.committee}/meetings`,
      { held_on: TODAY, starts_at: '00:00', place: `Кабинет ${tag}`, convened_by: f.committeeChair }), 201, 'committee session').id;
    expectJson(await admin.post(`/api/v1/meetings/${session}/attendance/all-present`, {}), 200, 'all present');
    const item = expectJson(await admin.post(`/api/v1/discipline/cases/${decided.id}/agenda`, { meeting_id: session }), 200, 'on the agenda').agenda_item_id;
    expectJson(await admin.post(`/api/v1/agenda-items/${item}/vote/open`, {}), 200, 'vote open');
    const chair = await signIn(f.committeeChairLogin, { password: f.committeeChairPassword });
    expectJson(await chair.post(`/api/v1/agenda-items/${item}/votes`, { choice: 'yes' }), 200, 'vote');
    expectJson(await admin.post(`/api/v1/agenda-items/${item}/vote/close`, {}), 200, 'vote close');
    expectJson(await admin.post(`/api/v1/discipline/cases/${decided.id}/decision`,
      { measures: ['conversation'], penalty: 'warning', reasons: `Себеп ${tag}` }), 200, 'decision');
    const order = expectJson(await admin.post(`/api/v1/discipline/cases/${decided.id}/order`, {}), 201, 'order');
    f.order = order.id;
    f.orderPenalty = order.penalty_id;
  });
  await step('device withdrawal', async () => {
    f.deviceWithdrawal = expectJson(await admin.post('/api/v1/device-withdrawals',
      { person_id: f.person, withdrawn_on: TODAY, lesson: `Алгебра ${tag}` }), 201, 'device withdrawal').id;
  });

  // An election in a far academic year (registration is open until two weeks before its day),
  // with a nominated candidate, a photo and a polling station.
  await step('election', async () => {
    const gov = expectJson(await admin.post('/api/v1/bodies', { template: 'student_government', name: `Үкімет ${tag}` }), 201, 'government');
    const commission = expectJson(await admin.post('/api/v1/bodies', { template: 'election_commission', name: `Комиссия ${tag}` }), 201, 'commission');
    f.bodies.push(gov.id, commission.id);
    f.governmentBody = gov.id;
    f.commissionBody = commission.id;
    let created;
    for (let attempt = 0; attempt < 5 && created?.status !== 201; attempt++) {
      const year = 2100 + Math.floor(Math.random() * 5000);
      created = await admin.post('/api/v1/elections', { academic_year: `${year}-${year + 1}`, commission_body_id: commission.id, government_body_id: gov.id });
    }
    f.election = expectJson(created, 201, 'election').id;
    f.electionCandidate = expectJson(await admin.post(`/api/v1/elections/${f.election}/candidates`,
      { person_id: f.person, program: `Бағдарлама ${tag}.`, program_lang: 'kk' }), 201, 'election candidate').id;
    expectJson(await admin.request('PUT', `/api/v1/election-candidates/${f.electionCandidate}/files/photo`, { body: png(), contentType: 'image/png' }), 200, 'photo');
    f.station = expectJson(await admin.post(`/api/v1/elections/${f.election}/stations`, { name: `Учаске ${tag}` }), 201, 'station').id;
  });

  // A notice for the student: the overdue job tells the chair of a body without a session for
  // six months (needs the CLI on the suite's database).
  if (withNotification && KENES_BIN && KENES_DB) {
    await step('notification', async () => {
      const sleepy = expectJson(await admin.post('/api/v1/bodies', { template: 'council', name: `Ұйқы ${tag}` }), 201, 'sleepy council');
      f.bodies.push(sleepy.id);
      expectJson(await admin.post(`/api/v1/bodies/${sleepy.id}/members`,
        { person_id: f.person, position: 'chair', starts_on: '2025-01-01', accepted_regulation: true }), 201, 'sleepy chair');
      const longAgo = new Date(Date.now() - 240 * 86400e3).toISOString().slice(0, 10);
      expectJson(await admin.post(`/api/v1/bodies/${sleepy.id}/meetings`, { held_on: longAgo, starts_at: '00:00', place: 'Зал', convened_by: f.person }), 201, 'old session');
      execFileSync(KENES_BIN, ['jobs', 'run', 'overdue-bodies', '--db', KENES_DB], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60000 });
      const student = await signIn(f.studentLogin, { password: f.studentPassword });
      const list = expectJson(await student.get('/api/v1/me/notifications'), 200, 'notifications');
      assert.ok(list.items.length > 0, `a notice arrived: ${JSON.stringify(list)} ${JSON.stringify(student.user)}`);
      f.notification = list.items[0].id;
    });
  }
  return f;
}

// An id no record has (ids come from one sequence that starts at 1000).
export const MISSING_ID = '999999999';

// The fixture kind of a path parameter, from the collection it follows.
const BY_COLLECTION = {
  institutions: 'institution', groups: 'group', people: 'person', imports: 'import', users: 'user', bodies: 'body',
  meetings: 'meeting', 'agenda-items': 'agendaItem', 'membership-candidates': 'membershipCandidate', plans: 'plan',
  'plan-items': 'planItem', events: 'event', reports: 'report', notifications: 'notification', elections: 'election',
  'election-candidates': 'electionCandidate', penalties: 'penalty',
  incidents: 'incident', cases: 'case', orders: 'order', 'case-evidence': 'caseEvidence', 'device-withdrawals': 'deviceWithdrawal',
};
const BY_NAME = {
  representative_id: 'representative', token_id: 'token', membership_id: 'membership', station_id: 'station', institution_id: 'institution',
};

export function paramKind(segments, i) {
  const m = /^\{([^}]+)\}$/.exec(segments[i]);
  if (!m) return null;
  const name = m[1];
  if (name === 'kind') return 'kind';
  if (name === 'code') return 'code';
  return BY_NAME[name] ?? BY_COLLECTION[segments[i - 1]] ?? 'unknown';
}

// The route's path with each parameter taken from `pick(kind, name)`.
export function fillPath(path, pick) {
  const segments = path.split('/');
  return segments.map((seg, i) => {
    const kind = paramKind(segments, i);
    return kind === null ? seg : encodeURIComponent(String(pick(kind, seg.slice(1, -1))));
  }).join('/');
}

export function pathParams(path) {
  const segments = path.split('/');
  return segments.map((_, i) => paramKind(segments, i)).filter((k) => k !== null);
}

// Fields of request bodies that refer to records, and the fixture each takes.
const REFS = {
  person_id: 'person', representative_id: 'representative', convened_by: 'person', responsible_person_id: 'person',
  curator_person_id: 'person', faculty_id: 'faculty', group_id: 'group', parent_id: 'body', organiser_body_id: 'body',
  commission_body_id: 'commissionBody', government_body_id: 'governmentBody', agenda_item_id: 'agendaItem',
  plan_item_id: 'planItem', candidate_id: 'electionCandidate', winner_candidate_id: 'electionCandidate', institution_id: 'institution',
  student_id: 'person', committee_body_id: 'committee', reporter_person_id: 'person', reported_by_person_id: 'person',
  received_by_person_id: 'person', returned_to_person_id: 'person', meeting_id: 'meeting', council_item_id: 'agendaItem',
};
const LIST_REFS = { interested_person_ids: 'person', student_ids: 'person', incident_ids: 'incident', signer_person_ids: 'person' };

// A body that passes validation where it can, with record references taken from `refs`
// (fixtures of one institution). Returns {body, refs: number of references put in}.
export function plausibleBody(schema, refs) {
  const body = {};
  let count = 0;
  const required = new Set(schema.required ?? []);
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const s = deref(raw) ?? {};
    if (key in REFS) {
      const id = refs[REFS[key]];
      if (id === undefined) { if (required.has(key)) body[key] = Number(MISSING_ID); continue; }
      body[key] = id;
      count++;
      continue;
    }
    if (key in LIST_REFS && refs[LIST_REFS[key]] !== undefined) {
      body[key] = [refs[LIST_REFS[key]]];
      count++;
      continue;
    }
    if (key === 'student_number' || key === 'student_numbers') {
      if (!refs.studentNumber) continue;
      body[key] = key === 'student_number' ? refs.studentNumber : [refs.studentNumber];
      count++;
      continue;
    }
    if (!required.has(key)) continue;
    body[key] = plausibleValue(key, s);
  }
  return { body, refs: count };
}

export function plausibleValue(key, s) {
  if (s.enum) return s.enum[0];
  const types = schemaTypes(s);
  if (s.format === 'date') return TODAY;
  const special = {
    academic_year: '2031-2032', starts_at: '10:00', login: `x-${Date.now()}`, password: 'a-long-password-1',
    new_password: 'a-long-password-1', code: 'ABCD-EFGH', decision: 'winner', choice: 'yes', kind: 'other', position: 'member',
    template: 'club', roles: ['student'], mapping: { surname: 0, name: 1 }, votes: [], languages: ['kk'],
  };
  if (key in special) return special[key];
  if (types.includes('boolean')) return true;
  if (types.includes('integer') || types.includes('number')) return 0;
  if (types.includes('array')) return [];
  if (types.includes('object')) return {};
  return `Probe ${key}`;
}
