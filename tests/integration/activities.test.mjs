// Work plans approved by a council decision (PLAN-1), events with registration and attendance
// (PLAN-2), and the public listing without personal data (PLAN-4).
import test from 'node:test';
import assert from 'node:assert/strict';
import { BACKEND, Client, signIn, expectJson, expectProblem, createPerson, createUser, cyrTag, cap, uniq } from './lib/client.mjs';

const TODAY = new Date().toISOString().slice(0, 10);

async function assembly(admin) {
  const tag = cap(cyrTag(5));
  const top = expectJson(await admin.post('/api/v1/bodies', { template: 'small_assembly', name: `Ассамблея ${tag} ${uniq()}` }), 201, 'assembly');
  const detail = expectJson(await admin.get(`/api/v1/bodies/${top.id}`), 200, 'detail');
  const council = detail.children.find((c) => c.kind === 'council');
  const secretariat = detail.children.find((c) => c.kind === 'secretariat');
  const chair = await createPerson(admin, { surname: cap(cyrTag()), name: 'Төраға' });
  const chairUser = await createUser(admin, { roles: ['student'], person_id: chair.id });
  expectJson(await admin.post(`/api/v1/bodies/${council.id}/members`, { person_id: chair.id, position: 'chair', starts_on: TODAY, accepted_regulation: true }), 201, 'chair');
  return { top, council, secretariat, chair, chairUser, tag };
}

async function adoptedDecision(client, bodyId, convener, kind) {
  const meeting = expectJson(await client.post(`/api/v1/bodies/${bodyId}/meetings`, { held_on: TODAY, starts_at: '00:00', place: 'Зал', convened_by: convener.id }), 201, 'meeting');
  expectJson(await client.put(`/api/v1/meetings/${meeting.id}/attendance`, { person_id: convener.id, present: true }), 200, 'present');
  const item = expectJson(await client.post(`/api/v1/meetings/${meeting.id}/items`, { kind, title: 'Жоспар', motion: 'Бекітілсін' }), 200, 'item').items[0];
  expectJson(await client.post(`/api/v1/agenda-items/${item.id}/vote/open`, {}), 200, 'open');
  return { meeting, item };
}

test(`[${BACKEND}] work plan: drafted by the secretariat, approved only by an adopted council decision (PLAN-1)`, async () => {
  const admin = await signIn('admin');
  const a = await assembly(admin);
  const plan = expectJson(await admin.post(`/api/v1/bodies/${a.secretariat.id}/plans`, { academic_year: '2026-2027' }), 201, 'plan');
  expectProblem(await admin.post(`/api/v1/bodies/${a.secretariat.id}/plans`, { academic_year: '2026-2027' }), 409, 'conflict');
  const owner = await createPerson(admin, { surname: cap(cyrTag()), name: 'Жауапты' });
  const withItem = expectJson(await admin.post(`/api/v1/plans/${plan.id}/items`,
    { direction: 'patriotic', title: 'Тәуелсіздік күніне арналған кеш', responsible_person_id: owner.id, due_on: '2026-12-15' }), 201, 'item');
  assert.equal(withItem.items[0].status, 'planned');
  expectProblem(await admin.post(`/api/v1/plans/${plan.id}/items`, { direction: 'astrology', title: 'x', due_on: '2026-12-15' }), 422, 'validation',
    { fields: [{ field: 'direction', code: 'invalid' }] });

  // A decision of another kind, or not yet adopted, does not approve the plan.
  const chair = await signIn(a.chairUser.login, { password: a.chairUser.password });
  const wrongKind = await adoptedDecision(chair, a.council.id, a.chair, 'hear_report');
  expectJson(await chair.post(`/api/v1/agenda-items/${wrongKind.item.id}/votes`, { choice: 'yes' }), 200, 'vote');
  expectJson(await chair.post(`/api/v1/agenda-items/${wrongKind.item.id}/vote/close`, {}), 200, 'close');
  expectProblem(await admin.post(`/api/v1/plans/${plan.id}/approve`, { agenda_item_id: wrongKind.item.id }), 422, 'rule', { rule: 'PLAN-1' });
  assert.equal(expectJson(await admin.get(`/api/v1/plans/${plan.id}`), 200, 'plan').status, 'draft');

  const approval = await adoptedDecision(chair, a.council.id, a.chair, 'approve_work_plan');
  expectJson(await chair.post(`/api/v1/agenda-items/${approval.item.id}/votes`, { choice: 'yes' }), 200, 'vote');
  expectJson(await chair.post(`/api/v1/agenda-items/${approval.item.id}/vote/close`, {}), 200, 'close');
  const approved = expectJson(await admin.post(`/api/v1/plans/${plan.id}/approve`, { agenda_item_id: approval.item.id }), 200, 'approve');
  assert.equal(approved.status, 'approved');
  assert.equal(approved.approved_by_item_id, approval.item.id);
  const done = expectJson(await admin.patch(`/api/v1/plan-items/${withItem.items[0].id}`, { status: 'done' }), 200, 'done');
  assert.equal(done.items[0].status, 'done');
  // A student who does not run the body cannot draft its plan.
  const student = await signIn('student');
  expectProblem(await student.post(`/api/v1/plans/${plan.id}/items`, { direction: 'sports', title: 'x', due_on: '2026-12-15' }), 403, 'forbidden');
});

test(`[${BACKEND}] events: registration, attendance and the public listing without personal data (PLAN-2, PLAN-4)`, async () => {
  const admin = await signIn('admin');
  const a = await assembly(admin);
  const event = expectJson(await admin.post('/api/v1/events', { organiser_body_id: a.council.id, direction: 'cultural', title: `Ұлттық тағамдар фестивалі ${a.tag}`,
    held_on: '2026-12-05', starts_at: '15:00', place: 'Акт залы', public: true }), 201, 'event');
  const hidden = expectJson(await admin.post('/api/v1/events', { organiser_body_id: a.council.id, direction: 'legal', title: `Ішкі кездесу ${a.tag}`,
    held_on: '2026-12-06', place: '101' }), 201, 'private event');
  expectProblem(await admin.post('/api/v1/events', { organiser_body_id: a.council.id, direction: 'cultural', title: 'x', held_on: '2026-12-05', starts_at: '25:00', place: 'y' }),
    422, 'validation', { fields: [{ field: 'starts_at', code: 'invalid' }] });

  const participant = await createPerson(admin, { surname: cap(cyrTag()), name: 'Қатысушы' });
  const u = await createUser(admin, { roles: ['student'], person_id: participant.id });
  const student = await signIn(u.login, { password: u.password });
  expectJson(await student.post(`/api/v1/events/${event.id}/registrations`, {}), 201, 'register');
  expectProblem(await student.post(`/api/v1/events/${event.id}/registrations`, {}), 409, 'conflict');
  const asStudent = expectJson(await student.get(`/api/v1/events/${event.id}`), 200, 'event as student');
  assert.equal(asStudent.registered, 1);
  assert.equal(asStudent.registered_me, true);
  assert.equal(asStudent.participants, undefined, 'a student does not see the list of participants');
  const marked = expectJson(await admin.put(`/api/v1/events/${event.id}/attendance`, { person_id: participant.id, attended: true }), 200, 'attended');
  assert.equal(marked.attended, 1);
  assert.equal(marked.participants[0].person_id, participant.id);

  const me = expectJson(await admin.get('/api/v1/me'), 200, 'me');
  const anon = new Client();
  const pub = expectJson(await anon.get(`/api/v1/public/institutions/${me.user.institution.id}/events`), 200, 'public events');
  assert.ok(pub.items.some((e) => e.id === event.id), 'public event listed');
  assert.ok(!pub.items.some((e) => e.id === hidden.id), 'non-public event not listed');
  assert.ok(!JSON.stringify(pub).includes(participant.surname), 'no participants in public');
  const ics = await anon.get(`/api/v1/public/institutions/${me.user.institution.id}/events.ics`);
  assert.equal(ics.status, 200);
  assert.ok(ics.text.includes(`UID:event-${event.id}@institution-${me.user.institution.id}.kenes`));
  assert.ok(ics.text.includes('DTSTART;TZID=Asia/Almaty:20261205T150000'));
});

test(`[${BACKEND}] public pages: bodies with members' names and positions, approved plans, published protocols only (PLAN-4)`, async () => {
  const admin = await signIn('admin');
  const a = await assembly(admin);
  const me = expectJson(await admin.get('/api/v1/me'), 200, 'me');
  const anon = new Client();
  const inst = me.user.institution.id;
  const bodies = expectJson(await anon.get(`/api/v1/public/institutions/${inst}/bodies`), 200, 'public bodies');
  const council = bodies.items.find((b) => b.id === a.council.id);
  assert.ok(council, 'the council is public');
  assert.equal(council.members[0].full_name.startsWith(a.chair.surname), true);
  assert.equal(council.members[0].position, 'chair');
  const text = JSON.stringify(bodies);
  assert.ok(!text.includes('birth_date') && !text.includes('phone') && !text.includes('email'), 'no contacts or dates of birth');

  // A final protocol appears only once published.
  const chair = await signIn(a.chairUser.login, { password: a.chairUser.password });
  const { meeting, item } = await adoptedDecision(chair, a.council.id, a.chair, 'recommendations');
  expectJson(await chair.post(`/api/v1/agenda-items/${item.id}/votes`, { choice: 'yes' }), 200, 'vote');
  expectJson(await chair.post(`/api/v1/agenda-items/${item.id}/vote/close`, {}), 200, 'close vote');
  expectJson(await chair.post(`/api/v1/meetings/${meeting.id}/close`, {}), 201, 'close');
  expectProblem(await chair.put(`/api/v1/meetings/${meeting.id}/protocol/public`, { public: true }), 422, 'rule', { rule: 'MTG-7' });
  const final = expectJson(await chair.post(`/api/v1/meetings/${meeting.id}/protocol/sign`, {}), 200, 'sign');
  assert.equal(final.status, 'final');
  const listed = () => anon.get(`/api/v1/public/institutions/${inst}/protocols`).then((r) => expectJson(r, 200, 'public protocols').items);
  assert.ok(!(await listed()).some((p) => p.verification_code === final.verification_code), 'not public yet');
  expectJson(await chair.put(`/api/v1/meetings/${meeting.id}/protocol/public`, { public: true }), 200, 'publish');
  const pub = (await listed()).find((p) => p.verification_code === final.verification_code);
  assert.ok(pub, 'published');
  assert.deepEqual(pub.decisions[0].counts, { yes: 1, no: 0, abstain: 0 });
  expectProblem(await anon.get('/api/v1/public/institutions/999999999/bodies'), 404, 'not_found');
});

test(`[${BACKEND}] reports: figures from the period's data, narrative, approval freezes them, PDF and XLSX, public once approved (PLAN-3)`, async () => {
  const admin = await signIn('admin');
  const a = await assembly(admin);
  const club = expectJson(await admin.post('/api/v1/bodies', { template: 'club', name: `Дебат клубы ${a.tag}`, parent_id: a.top.id }), 201, 'club');
  const attendee = await createPerson(admin, { surname: cap(cyrTag()), name: 'Белсенді' });
  const mk = async (bodyId, direction, date) => {
    const e = expectJson(await admin.post('/api/v1/events', { organiser_body_id: bodyId, direction, title: `${direction} ${a.tag}`, held_on: date, place: 'Зал' }), 201, 'event');
    expectJson(await admin.put(`/api/v1/events/${e.id}/attendance`, { person_id: attendee.id, attended: true }), 200, 'attended');
    return e;
  };
  await mk(a.council.id, 'cultural', '2026-10-10');
  await mk(club.id, 'educational', '2026-11-02');
  await mk(club.id, 'educational', '2026-11-20');
  await mk(a.council.id, 'sports', '2027-02-01');   // outside the period
  const report = expectJson(await admin.post(`/api/v1/bodies/${a.top.id}/reports`,
    { kind: 'semi_annual', period_from: '2026-09-01', period_to: '2026-12-31', narrative: 'Жарты жыл қорытындысы.' }), 201, 'report');
  const f = report.figures;
  assert.deepEqual(f.events_by_direction.map((d) => [d.direction, d.events, d.participants]), [['cultural', 1, 1], ['educational', 2, 2]]);
  assert.deepEqual(f.events_by_month.map((m) => [m.month, m.events]), [['2026-10', 1], ['2026-11', 2]]);
  const clubRow = f.clubs_and_sections.find((c) => c.name === `Дебат клубы ${a.tag}`);
  assert.equal(clubRow.events, 2);

  expectJson(await admin.patch(`/api/v1/reports/${report.id}`, { narrative: 'Жаңартылған талдау.' }), 200, 'narrative');
  const approved = expectJson(await admin.post(`/api/v1/reports/${report.id}/approve`, {}), 200, 'approve');
  assert.equal(approved.status, 'approved');
  await mk(a.council.id, 'cultural', '2026-12-01');   // later data does not change an approved report
  const again = expectJson(await admin.get(`/api/v1/reports/${report.id}`), 200, 'report');
  assert.deepEqual(again.figures, approved.figures);
  expectProblem(await admin.patch(`/api/v1/reports/${report.id}`, { narrative: 'x' }), 409, 'conflict');

  const pdf = await admin.get(`/api/v1/reports/${report.id}/report.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const xlsx = await admin.get(`/api/v1/reports/${report.id}/report.xlsx`);
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK', 'an Office Open XML (zip) file');
  const me = expectJson(await admin.get('/api/v1/me'), 200, 'me');
  const pub = expectJson(await new Client().get(`/api/v1/public/institutions/${me.user.institution.id}/reports`), 200, 'public reports');
  assert.ok(pub.items.some((r) => r.id === report.id), 'approved reports are public');
});
