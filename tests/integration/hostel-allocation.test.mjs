// The hostel's allocation half (seed 004 hostel rules): the stock and the campaign's plan
// (HST-PAID-1), applications until July 1 Almaty time and the commission's extension (HST-APP-1),
// the journal, the form by category (HST-APP-3), documents and their checklist (HST-APP-2), the
// inspection (HST-COM-1), the ranking (HST-PRI-1..3), the commission's decision via an adopted
// agenda item (MTG-4) with deviations only for a reason, the reserve list and its offers
// (HST-RES-1), bumping (HST-BUMP-1), and who may see what (GEN-3). The suite runs on a server of
// its own whose clock the tests move.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  BACKEND, KENES_DB, cap, createPerson, createUser, cyrTag, expectAudit, expectJson, expectProblem, signIn, studentNumber,
} from './lib/client.mjs';
import { almaty, addDays, pdf, png, startClockServer } from './lib/clock-server.mjs';

let server;
let admin;
// Far years of their own, so runs on the same database never meet (one campaign per year).
const YEAR = 2200 + Math.floor(Math.random() * 3000) * 2;
const yearOf = (y) => `${y}-${y + 1}`;
let today;
const accounts = new Map();   // login -> { password, client }

// Moves the server clock (Almaty wall time) and signs everybody in again: sessions made at another
// time have expired.
async function at(date, hh = 10, mm = 0, ss = 0) {
  server.set(almaty(date, hh, mm, ss));
  today = date;
  admin = await signIn('admin', { base: server.base });
  for (const a of accounts.values()) a.client = null;
}
async function as(login) {
  const a = accounts.get(login);
  if (!a.client) a.client = await signIn(login, { password: a.password, base: server.base });
  return a.client;
}
async function account(personId, roles) {
  const u = await createUser(admin, { roles, person_id: personId });
  accounts.set(u.login, { password: u.password, client: null });
  return u.login;
}

// Straight to the suite's database: residents are settled by the residence half, so the bumping
// test writes its residents the way settlement would.
function sql(statement) {
  if (KENES_DB.startsWith('sqlite:')) return execFileSync('sqlite3', [KENES_DB.slice(7), statement], { encoding: 'utf8' }).trim();
  return execFileSync('psql', [KENES_DB, '-v', 'ON_ERROR_STOP=1', '-At', '-c', statement], { encoding: 'utf8' }).trim();
}

let w;   // the world: commission, head, families

before(async () => {
  server = await startClockServer();
  await at(`${YEAR}-01-10`);
  const tag = cap(cyrTag(5));
  const person = (extra = {}) => createPerson(admin, { surname: `${tag}${cap(cyrTag(4))}`, name: cap(cyrTag(5)), ...extra });
  // The Hostel Allocation Commission: 7 voting members chaired by a staff person, a secretary (ORG-9).
  const commission = expectJson(await admin.post('/api/v1/bodies', { template: 'hostel_allocation_commission', name: `Жатақхана ${tag}` }), 201, 'commission');
  const members = [];
  for (let i = 0; i < 7; i++) {
    const p = await person(i === 0 ? { staff: { position: 'Директор' } } : {});
    expectJson(await admin.post(`/api/v1/bodies/${commission.id}/members`,
      { person_id: p.id, position: i === 0 ? 'chair' : 'member', starts_on: today, accepted_regulation: true }), 201, `member ${i}`);
    members.push({ person: p, login: await account(p.id, i === 0 ? ['staff'] : ['student']) });
  }
  const sec = await person({ staff: { position: 'Хатшы' } });
  expectJson(await admin.post(`/api/v1/bodies/${commission.id}/members`, { person_id: sec.id, position: 'secretary', starts_on: today, accepted_regulation: true }), 201, 'secretary');
  const secretary = await account(sec.id, ['staff']);
  const other = expectJson(await admin.post('/api/v1/bodies', { template: 'disciplinary_committee', name: `Тәртіп ${tag}` }), 201, 'other body');
  const headPerson = await person({ staff: { position: 'Жатақхана меңгерушісі' } });
  const head = await account(headPerson.id, ['staff']);
  const curatorPerson = await person({ staff: { position: 'Сынып жетекшісі' } });
  const curator = await account(curatorPerson.id, ['curator']);
  const group = expectJson(await admin.post('/api/v1/groups', { name: `${tag}-8А`, course: 1, curator_person_id: curatorPerson.id }), 201, 'group');
  // A family: a student with a legal representative, each with an account.
  const family = async (grade = 8, gender = 'female') => {
    const s = await person({ gender, student: { student_number: studentNumber(), course: 1, grade, status: 'studying', group_id: group.id } });
    const rep = await person({});
    expectJson(await admin.post(`/api/v1/people/${s.id}/representatives`, { representative_id: rep.id, kind: 'mother' }), 201, 'representative');
    return { student: s, rep, parent: await account(rep.id, ['legal_representative']), own: await account(s.id, ['student']) };
  };
  w = { tag, commission, other, members, secretary, sec, head, headPerson, curator, group, family, person };
});

after(async () => { await server?.stop(); });

async function openCampaign(year, plan = {}) {
  return expectJson(await (await as(w.head)).post('/api/v1/hostel/campaigns',
    { academic_year: yearOf(year), commission_body_id: w.commission.id, grant_places: 2, paid_places: 1, price_tenge: 45000, ...plan }), 201, 'campaign');
}

function application(campaign, extra = {}) {
  return { campaign_id: campaign.id, priority_group: 2, subgroups: [], wants_paid: false, home_locality: 'Қарағанды облысы, Осакаров ауданы', consent_inspection: true, ...extra };
}

async function apply(f, campaign, extra = {}) {
  return expectJson(await (await as(f.parent)).post(`/api/v1/hostel/students/${f.student.id}/applications`, application(campaign, extra)), 201, 'application');
}

// A session of the commission with `present` voting members, the item voted by all present.
async function session(present = 7) {
  const chair = await as(w.members[0].login);
  const m = expectJson(await chair.post(`/api/v1/bodies/${w.commission.id}/meetings`,
    { held_on: today, starts_at: '00:00', place: `Кабинет ${w.tag}`, convened_by: w.members[0].person.id }), 201, 'session');
  for (const x of w.members.slice(0, present)) expectJson(await chair.put(`/api/v1/meetings/${m.id}/attendance`, { person_id: x.person.id, present: true }), 200, 'present');
  return m;
}
async function vote(item, choice = 'yes', present = 7) {
  const chair = await as(w.members[0].login);
  expectJson(await chair.post(`/api/v1/agenda-items/${item}/vote/open`, {}), 200, 'vote open');
  for (const x of w.members.slice(0, present)) expectJson(await (await as(x.login)).post(`/api/v1/agenda-items/${item}/votes`, { choice }), 200, 'vote');
  expectJson(await chair.post(`/api/v1/agenda-items/${item}/vote/close`, {}), 200, 'vote close');
}

test(`[${BACKEND}] the stock: hostels, rooms of one gender, places out of use; only hostel.manage holders`, async () => {
  const head = await as(w.head);
  const h = expectJson(await head.post('/api/v1/hostel/hostels', { name: `Жатақхана ${w.tag}`, address: 'Сатпаев к-сі, 12' }), 201, 'hostel');
  const withRoom = expectJson(await head.post(`/api/v1/hostel/hostels/${h.id}/rooms`, { floor: 2, number: `20${w.tag.length}`, gender: 'female', places: 3 }), 201, 'room');
  assert.equal(withRoom.rooms[0].places.length, 3);
  assert.equal(withRoom.totals.free, 3);
  expectProblem(await head.post(`/api/v1/hostel/hostels/${h.id}/rooms`, { floor: 2, number: `20${w.tag.length}`, gender: 'female', places: 2 }), 422, 'validation',
    { fields: [{ field: 'number', code: 'taken' }] });
  expectProblem(await head.post(`/api/v1/hostel/hostels/${h.id}/rooms`, { floor: 2, number: 'X', gender: 'mixed', places: 2 }), 422, 'validation');
  const place = withRoom.rooms[0].places[0];
  const out = expectJson(await head.put(`/api/v1/hostel/hostels/${h.id}/places/${place.id}/use`, { out_of_use: true }), 200, 'out of use');
  assert.equal(out.totals.in_use, 2);
  await expectAudit(admin, { action: 'hostel_place.use', entityId: place.id });
  expectProblem(await (await as(w.curator)).get('/api/v1/hostel/hostels'), 403, 'forbidden');
  const f = await w.family();
  expectProblem(await (await as(f.parent)).post('/api/v1/hostel/hostels', { name: 'x' }), 403, 'forbidden');
});

test(`[${BACKEND}] ORG-9: a campaign names a Hostel Allocation Commission; its deadline is July 1 (HST-APP-1); the plan and price (HST-PAID-1)`, async () => {
  const head = await as(w.head);
  expectProblem(await head.post('/api/v1/hostel/campaigns', { academic_year: yearOf(YEAR), commission_body_id: w.other.id, grant_places: 1, paid_places: 0 }), 422, 'rule', { rule: 'ORG-9' });
  expectProblem(await head.post('/api/v1/hostel/campaigns', { academic_year: '2027-2029', commission_body_id: w.commission.id, grant_places: 1, paid_places: 0 }), 422, 'validation');
  const c = await openCampaign(YEAR);
  assert.equal(c.deadline, `${YEAR}-07-01`);
  assert.equal(c.accepting, true);
  assert.equal(c.offer_hours, 24);
  expectProblem(await head.post('/api/v1/hostel/campaigns', { academic_year: yearOf(YEAR), commission_body_id: w.commission.id, grant_places: 1, paid_places: 0 }), 422, 'validation',
    { fields: [{ field: 'academic_year', code: 'taken' }] });
  const plan = expectJson(await head.put(`/api/v1/hostel/campaigns/${c.id}/plan`, { grant_places: 3, paid_places: 2, price_tenge: 52000 }), 200, 'plan');
  assert.equal(plan.price_tenge, 52000);
  const f = await w.family();
  expectProblem(await (await as(f.parent)).put(`/api/v1/hostel/campaigns/${c.id}/plan`, { grant_places: 3, paid_places: 2, price_tenge: 1 }), 403, 'forbidden');
  const listed = expectJson(await (await as(f.parent)).get('/api/v1/hostel/campaigns'), 200, 'campaigns').items.find((x) => x.id === c.id);
  assert.equal(listed.last_day, `${YEAR}-07-01`);
  assert.equal(listed.counts, undefined, 'families see the year, not the counts');
});

test(`[${BACKEND}] applications: the journal numbers them to the second; grades 7-12; one per student; the form by category (HST-APP-3)`, async () => {
  const c = await openCampaign(YEAR + 1000);
  const a = await w.family(8);
  const first = await apply(a, c, { priority_group: 2, subgroups: ['low_income', 'disabled_representative'], wants_paid: true });
  assert.equal(first.number, 1);
  assert.equal(first.channel, 'online');
  assert.equal(first.form, 'app1');
  assert.equal(first.applicant_id, a.rep.id);
  assert.match(first.registered_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:00$/);
  assert.deepEqual(first.subgroups, ['low_income', 'disabled_representative']);
  expectProblem(await (await as(a.parent)).post(`/api/v1/hostel/students/${a.student.id}/applications`, application(c)), 409, 'conflict');
  // HST-APP-3: groups 4-5 sign appendix 2 with the undertaking to vacate.
  const b = await w.family(9, 'male');
  expectProblem(await (await as(b.parent)).post(`/api/v1/hostel/students/${b.student.id}/applications`, application(c, { priority_group: 4 })), 422, 'rule', { rule: 'HST-APP-3' });
  const second = await apply(b, c, { priority_group: 4, undertaking_to_vacate: true });
  assert.equal(second.form, 'app2');
  assert.equal(second.undertaking_to_vacate, true);
  assert.equal(second.number, 2);
  // Grades 7-12 only.
  const young = await w.family(6);
  expectProblem(await (await as(young.parent)).post(`/api/v1/hostel/students/${young.student.id}/applications`, application(c)), 422, 'validation',
    { fields: [{ field: 'grade', code: 'out_of_range' }] });
  const entering = await apply(young, c, { grade: 7 });
  assert.equal(entering.grade, 7, 'the grade of the year applied for');
  // Another family's child: not theirs to apply for; the student themself holds no hostel.apply.
  expectProblem(await (await as(a.parent)).post(`/api/v1/hostel/students/${b.student.id}/applications`, application(c)), 403, 'forbidden');
  expectProblem(await (await as(a.own)).post(`/api/v1/hostel/students/${a.student.id}/applications`, application(c)), 403, 'forbidden');
  // The head registers a paper application naming the representative who signed it.
  const p = await w.family(10);
  const head = await as(w.head);
  expectProblem(await head.post(`/api/v1/hostel/students/${p.student.id}/applications`, application(c, { channel: 'paper' })), 422, 'validation',
    { fields: [{ field: 'representative_id', code: 'required' }] });
  expectProblem(await head.post(`/api/v1/hostel/students/${p.student.id}/applications`, application(c, { channel: 'paper', representative_id: a.rep.id })), 422, 'validation',
    { fields: [{ field: 'representative_id', code: 'not_found' }] });
  const paper = expectJson(await head.post(`/api/v1/hostel/students/${p.student.id}/applications`, application(c, { channel: 'paper', representative_id: p.rep.id, priority_group: 1 })), 201, 'paper');
  assert.equal(paper.channel, 'paper');
  assert.equal(paper.number, 4);
  await expectAudit(admin, { action: 'hostel_application.create', entityId: paper.id });
  // Bad input changes nothing.
  expectProblem(await (await as(p.parent)).post(`/api/v1/hostel/students/${p.student.id}/applications`, application(c, { priority_group: 6, subgroups: ['rich'] })), 422, 'validation');
  // The journal (appendix 3) for the commission and the head; the family sees its own only.
  const journal = expectJson(await head.get(`/api/v1/hostel/campaigns/${c.id}/applications`), 200, 'journal').items;
  assert.deepEqual(journal.map((x) => x.number), [1, 2, 3, 4]);
  expectJson(await (await as(w.members[3].login)).get(`/api/v1/hostel/campaigns/${c.id}/applications`), 200, 'commission journal');
  expectProblem(await (await as(a.parent)).get(`/api/v1/hostel/campaigns/${c.id}/applications`), 403, 'forbidden');
  const pdfRes = await head.get(`/api/v1/hostel/campaigns/${c.id}/journal.pdf?lang=ru`);
  assert.equal(pdfRes.status, 200);
  assert.match(pdfRes.header('content-type'), /application\/pdf/);
  // The form to sign, in each language, for the family.
  for (const lang of ['kk', 'ru', 'en']) {
    const form = await (await as(b.parent)).get(`/api/v1/hostel/applications/${second.id}/form.pdf?lang=${lang}`);
    assert.equal(form.status, 200, `form ${lang}`);
    assert.equal(form.bytes.subarray(0, 4).toString('latin1'), '%PDF');
  }
  expectProblem(await (await as(a.parent)).get(`/api/v1/hostel/applications/${second.id}`), 403, 'forbidden');
  const mine = expectJson(await (await as(a.parent)).get(`/api/v1/hostel/students/${a.student.id}/applications`), 200, 'own').items;
  assert.equal(mine.length, 1);
  assert.equal(mine[0].standing.group, 2);
  assert.equal(mine[0].standing.subgroup, 'disabled_representative', 'the highest of the declared subgroups (HST-PRI-2)');
  expectJson(await (await as(a.own)).get(`/api/v1/hostel/students/${a.student.id}/applications`), 200, 'the student sees their own');
  // The parent's view of the child has a hostel section; the curator's (own group) has none.
  const overview = expectJson(await (await as(a.parent)).get(`/api/v1/people/${a.student.id}/overview`), 200, 'overview');
  assert.deepEqual(overview.hostel.applications.map((x) => x.id), [first.id]);
  const curatorView = expectJson(await (await as(w.curator)).get(`/api/v1/people/${a.student.id}/overview`), 200, 'curator overview');
  assert.equal(curatorView.hostel, undefined);
  // Withdrawal by the family.
  const gone = expectJson(await (await as(young.parent)).post(`/api/v1/hostel/applications/${entering.id}/withdraw`, { reason: 'Көшіп кеттік' }), 200, 'withdrawn');
  assert.equal(gone.status, 'withdrawn');
  expectProblem(await (await as(young.parent)).post(`/api/v1/hostel/applications/${entering.id}/withdraw`, {}), 409, 'conflict');
});

test(`[${BACKEND}] HST-APP-2: the checklist follows the category; documents checked by content; the commission and the family only read them, audited (GEN-3)`, async () => {
  const c = await openCampaign(YEAR + 1002);
  const f = await w.family();
  const app = await apply(f, c, { priority_group: 3, subgroups: ['large_low_income'] });
  const items = app.checklist.map((x) => x.item);
  for (const need of ['birth_certificate', 'student_id', 'representative_id', 'registration', 'income', 'pension_statement', 'other_minors', 'social_assistance']) {
    assert.ok(items.includes(need), `checklist has ${need}`);
  }
  assert.ok(!items.includes('disability'), 'nothing the family did not declare');
  assert.ok(app.missing.includes('other_minors'));
  const parent = await as(f.parent);
  const up = (kind, body, type) => parent.request('POST', `/api/v1/hostel/applications/${app.id}/documents?kind=${kind}&name=${encodeURIComponent('Құжат')}`, { body, contentType: type });
  const withDoc = expectJson(await up('other_minors', pdf('Туу туралы куәліктер'), 'application/pdf'), 201, 'upload');
  assert.ok(!withDoc.missing.includes('other_minors'));
  // What is missing is on the family's "needs you" list while the campaign accepts documents.
  const needs = expectJson(await parent.get('/api/v1/me/needs'), 200, 'needs');
  assert.ok(JSON.stringify(needs).includes('hostel_documents'), JSON.stringify(needs));
  const doc = withDoc.documents[0];
  assert.match(doc.sha256, /^[0-9a-f]{64}$/);
  // An exception satisfies the registration item.
  const ex = expectJson(await up('registration_exception', png(), 'image/png'), 201, 'exception');
  assert.ok(!ex.missing.includes('registration'));
  // Not what it claims, or an unknown kind: refused, nothing stored.
  expectProblem(await up('income', 'not a pdf at all', 'application/pdf'), 422, 'validation');
  expectProblem(await up('passport_of_neighbour', pdf(), 'application/pdf'), 422, 'validation');
  assert.equal(expectJson(await parent.get(`/api/v1/hostel/applications/${app.id}`), 200, 'app').documents.length, 2);
  // Who reads the file: the family and the commission; not the head, the curator, other families.
  const member = await as(w.members[2].login);
  const read = await member.get(`/api/v1/hostel/documents/${doc.id}/file`);
  assert.equal(read.status, 200);
  await expectAudit(admin, { action: 'hostel_document.read', entityId: doc.id });
  assert.equal((await parent.get(`/api/v1/hostel/documents/${doc.id}/file`)).status, 200);
  expectProblem(await (await as(w.head)).get(`/api/v1/hostel/documents/${doc.id}/file`), 403, 'forbidden');
  expectProblem(await (await as(w.curator)).get(`/api/v1/hostel/documents/${doc.id}/file`), 403, 'forbidden');
  const stranger = await w.family();
  expectProblem(await (await as(stranger.parent)).get(`/api/v1/hostel/documents/${doc.id}/file`), 403, 'forbidden');
  expectProblem(await (await as(f.own)).get(`/api/v1/hostel/documents/${doc.id}/file`), 403, 'forbidden');
  // The head uploads for a paper application.
  expectJson(await (await as(w.head)).request('POST', `/api/v1/hostel/applications/${app.id}/documents?kind=pension_statement`, { body: pdf(), contentType: 'application/pdf' }), 201, 'head upload');
});

test(`[${BACKEND}] HST-COM-1: a commission member records the inspection of the family's living conditions; only with consent; reads audited`, async () => {
  const c = await openCampaign(YEAR + 1004);
  const f = await w.family();
  const app = await apply(f, c);
  const member = await as(w.members[1].login);
  const record = { inspected_on: today, housing: 'Екі бөлмелі пәтер', household: 'Анасы, екі бала', finances: 'Анасының жалақысы', sanitary: 'Таза',
    study_place: 'Жеке үстел бар', readiness: 'Ата-ана дайын', conclusion: 'Әлеуметтік жағдайы расталды' };
  expectProblem(await member.put(`/api/v1/hostel/applications/${app.id}/inspection`, { ...record, housing: '' }), 422, 'validation');
  expectJson(await member.put(`/api/v1/hostel/applications/${app.id}/inspection`, record), 200, 'inspection');
  await expectAudit(admin, { action: 'hostel_inspection.create', entityId: app.id });
  expectProblem(await (await as(w.head)).put(`/api/v1/hostel/applications/${app.id}/inspection`, record), 403, 'forbidden');
  expectProblem(await (await as(f.parent)).get(`/api/v1/hostel/applications/${app.id}/inspection`), 403, 'forbidden');
  const got = expectJson(await member.get(`/api/v1/hostel/applications/${app.id}/inspection`), 200, 'read');
  assert.equal(got.conclusion, record.conclusion);
  await expectAudit(admin, { action: 'hostel_inspection.read', entityId: app.id });
  const g = await w.family();
  const noConsent = await apply(g, c, { consent_inspection: false });
  expectProblem(await member.put(`/api/v1/hostel/applications/${noConsent.id}/inspection`, record), 422, 'rule', { rule: 'HST-COM-1' });
});

test(`[${BACKEND}] HST-APP-1: accepted until July 1 Almaty time; refused after; the commission extends only by an adopted item with a reason`, async () => {
  const y = YEAR + 1006;
  await at(`${y}-06-30`);
  const c = await openCampaign(y);
  const [a, b, d] = [await w.family(), await w.family(), await w.family()];
  await at(`${y}-07-01`, 23, 59, 58);
  await apply(a, c);
  await at(`${y}-07-02`, 0, 0, 1);
  const late = expectProblem(await (await as(b.parent)).post(`/api/v1/hostel/students/${b.student.id}/applications`, application(c)), 422, 'rule', { rule: 'HST-APP-1' });
  assert.match(late.detail, new RegExp(`${y}-07-01`));
  // The ranking waits for the deadline; now it may be proposed, the extension comes first here.
  const chair = await as(w.members[0].login);
  const m = await session();
  const added = expectJson(await chair.post(`/api/v1/meetings/${m.id}/items`, { kind: 'hostel_allocation', title: 'Мерзімді ұзарту', motion: 'Өтініш қабылдау 10 шілдеге дейін ұзартылсын' }), 200, 'item');
  const item = added.items.at(-1).id;
  const ext = { until: `${y}-07-10`, reason: 'Су тасқыны: аудандағы жол жабық болды', agenda_item_id: item };
  expectProblem(await chair.post(`/api/v1/hostel/campaigns/${c.id}/extension`, ext), 422, 'rule', { rule: 'HST-APP-1' });
  await vote(item);
  expectProblem(await chair.post(`/api/v1/hostel/campaigns/${c.id}/extension`, { ...ext, reason: '' }), 422, 'validation');
  // Only the commission's officers (and the administration) decide; a member does not.
  expectProblem(await (await as(w.members[2].login)).post(`/api/v1/hostel/campaigns/${c.id}/extension`, ext), 403, 'forbidden');
  // An item adopted by another body is no decision of the commission.
  const extended = expectJson(await chair.post(`/api/v1/hostel/campaigns/${c.id}/extension`, ext), 200, 'extended');
  assert.equal(extended.last_day, `${y}-07-10`);
  assert.equal(extended.accepting, true);
  await expectAudit(admin, { action: 'hostel_campaign.extend', entityId: c.id });
  await apply(b, c);
  await at(`${y}-07-11`, 0, 0, 1);
  expectProblem(await (await as(d.parent)).post(`/api/v1/hostel/students/${d.student.id}/applications`, application(c)), 422, 'rule', { rule: 'HST-APP-1' });
});

// A campaign of its own year decided: returns everything the later tests need.
async function decidedCampaign(y, { grant = 2, paid = 1 } = {}) {
  await at(`${y}-06-01`);
  const c = await openCampaign(y, { grant_places: grant, paid_places: paid, offer_hours: 24 });
  const fam = {};
  // Registered in this order, a second apart (HST-PRI-3).
  const plan = [
    ['g5other', 5, [], false, 'female'],
    ['g2low', 2, ['low_income'], false, 'female'],
    ['g1', 1, [], false, 'female'],
    ['g2dys', 2, ['dysfunctional_family'], false, 'female'],
    ['g2low_late', 2, ['low_income'], false, 'female'],
    ['g3paid', 3, [], true, 'female'],
    ['g4', 4, ['incomplete_low_income'], false, 'female'],
  ];
  let s = 0;
  for (const [key, group, subs, paidWanted, gender] of plan) {
    await at(`${y}-06-01`, 10, 0, s++);
    fam[key] = await w.family(8, gender);
    fam[key].app = await apply(fam[key], c, { priority_group: group, subgroups: subs, wants_paid: paidWanted, undertaking_to_vacate: group >= 4 });
  }
  return { c, fam };
}

test(`[${BACKEND}] HST-PRI-1..3, HST-PAID-1, MTG-4: the ranking explained; the allocation adopted by the commission's session; deviations need reasons`, async () => {
  const y = YEAR + 1008;
  const { c, fam } = await decidedCampaign(y);
  const chair = await as(w.members[0].login);
  // Before the deadline the ranking may be read, not decided (HST-APP-1).
  const ranking = expectJson(await chair.get(`/api/v1/hostel/campaigns/${c.id}/ranking`), 200, 'ranking').items;
  const order = ranking.map((x) => x.id);
  assert.deepEqual(order, [fam.g1.app.id, fam.g2dys.app.id, fam.g2low.app.id, fam.g2low_late.app.id, fam.g3paid.app.id, fam.g4.app.id, fam.g5other.app.id],
    'group 1 first; within group 2 by subgroup, then time');
  assert.deepEqual(ranking.map((x) => x.outcome), ['grant', 'grant', 'reserve', 'reserve', 'paid', 'reserve', 'reserve'],
    'grants by rank; the paid place to the first who asked after the grants (HST-PAID-1)');
  assert.equal(ranking[2].standing.subgroup, 'low_income');
  assert.equal(ranking[0].standing.subgroup, null, 'group 1 has no subgroups');
  const m0 = await session();
  expectProblem(await chair.post(`/api/v1/hostel/campaigns/${c.id}/allocation`, { meeting_id: m0.id }), 422, 'rule', { rule: 'HST-APP-1' });
  // The family sees its own position and why; not the others'.
  const own = expectJson(await (await as(fam.g2low.parent)).get(`/api/v1/hostel/applications/${fam.g2low.app.id}`), 200, 'own');
  assert.deepEqual([own.standing.position, own.standing.of, own.standing.group, own.standing.subgroup], [3, 7, 2, 'low_income']);
  expectProblem(await (await as(fam.g2low.parent)).get(`/api/v1/hostel/campaigns/${c.id}/ranking`), 403, 'forbidden');
  expectProblem(await (await as(w.curator)).get(`/api/v1/hostel/campaigns/${c.id}/ranking`), 403, 'forbidden');

  await at(`${y}-07-02`);
  const m = await session();
  const chair2 = await as(w.members[0].login);
  // Applications closed, nothing decided: the ranking waits on the commission's "needs you" list.
  assert.ok(JSON.stringify(expectJson(await chair2.get('/api/v1/me/needs'), 200, 'needs')).includes(`/hostel/campaigns/${c.id}`), 'the ranking to consider');
  const propose = (body) => chair2.post(`/api/v1/hostel/campaigns/${c.id}/allocation`, { meeting_id: m.id, ...body });
  // A deviation needs its reason; paid only to those who asked, and only after the grants.
  expectProblem(await propose({ deviations: [{ application_id: fam.g4.app.id, outcome: 'grant' }] }), 422, 'rule', { rule: 'HST-PRI-1' });
  expectProblem(await propose({ deviations: [{ application_id: fam.g4.app.id, outcome: 'paid', reason: 'Комиссия шешімі' }] }), 422, 'rule', { rule: 'HST-PAID-1' });
  expectProblem(await propose({ deviations: [{ application_id: fam.g2dys.app.id, outcome: 'reserve', reason: 'Құжаттар расталмады' }] }), 422, 'rule', { rule: 'HST-PAID-1' });
  expectProblem(await propose({ deviations: [{ application_id: fam.g2low_late.app.id, outcome: 'grant', reason: 'Себеп' }] }), 422, 'rule', { rule: 'HST-PRI-1' });
  expectProblem(await (await as(w.members[4].login)).post(`/api/v1/hostel/campaigns/${c.id}/allocation`, { meeting_id: m.id }), 403, 'forbidden');
  // A session of another body is refused by the bodies module.
  expectProblem(await propose({ meeting_id: 999999999 }), 422, 'validation', { fields: [{ field: 'meeting_id', code: 'not_found' }] });
  const decision = expectJson(await propose({ deviations: [
    { application_id: fam.g2low.app.id, outcome: 'grant', reason: 'Отбасы жағдайы тексеріспен расталды' },
    { application_id: fam.g2dys.app.id, outcome: 'reserve', reason: 'Мекенжай бойынша тіркеу расталмады' }] }), 201, 'proposal');
  assert.equal(decision.lines.find((l) => l.application_id === fam.g2low.app.id).deviation_reason, 'Отбасы жағдайы тексеріспен расталды');
  expectProblem(await propose({}), 409, 'conflict');
  // MTG-4: recorded only once the item is adopted by the commission's session.
  expectProblem(await chair2.post(`/api/v1/hostel/decisions/${decision.id}/adopt`, {}), 422, 'rule', { rule: 'MTG-4' });
  assert.equal(expectJson(await (await as(fam.g1.parent)).get(`/api/v1/hostel/applications/${fam.g1.app.id}`), 200, 'g1').status, 'registered', 'nothing changed');
  await vote(decision.agenda_item_id);
  const adopted = expectJson(await chair2.post(`/api/v1/hostel/decisions/${decision.id}/adopt`, {}), 200, 'adopted');
  assert.ok(adopted.decided_at);
  await expectAudit(admin, { action: 'hostel_decision.adopt', entityId: decision.id });
  // The principal's order on the allocation: numbered, its PDF for the commission, not the families'.
  assert.match(adopted.order_number, /^\d+\/\d{4}-\d{4}$/);
  const orderId = adopted.snapshot.order_id;
  const issued = expectJson(await chair2.get(`/api/v1/hostel/orders/${orderId}`), 200, 'order');
  assert.equal(issued.kind, 'allocation');
  assert.equal((await chair2.get(`/api/v1/hostel/orders/${orderId}/pdf?lang=ru`)).status, 200);
  expectProblem(await (await as(fam.g1.parent)).get(`/api/v1/hostel/orders/${orderId}`), 403, 'forbidden');
  // The printed order's QR code: anyone checks it without signing in; it names no student.
  const checked = await fetch(`${server.base}/api/v1/public/hostel-orders/${issued.verification_code}`);
  assert.equal(checked.status, 200);
  const proof = await checked.json();
  assert.equal(proof.valid, true, 'the signature and hash hold');
  assert.equal(proof.document, 'hostel_order');
  assert.equal(proof.number, adopted.order_number);
  assert.equal(JSON.stringify(proof).includes(issued.content.students[0].name), false, 'the check names no student');
  assert.equal((await fetch(`${server.base}/api/v1/public/hostel-orders/${issued.verification_code.replace('h', 'y')}`)).status, 404,
    'a code of another kind of document is not a hostel order');
  const status = async (f) => expectJson(await (await as(f.parent)).get(`/api/v1/hostel/applications/${f.app.id}`), 200, 'app');
  assert.equal((await status(fam.g1)).status, 'allocated_grant');
  assert.equal((await status(fam.g2low)).status, 'allocated_grant');
  assert.equal((await status(fam.g3paid)).status, 'allocated_paid');
  const reserved = await status(fam.g2dys);
  assert.equal(reserved.status, 'reserve');
  assert.equal(reserved.standing.decided, true);
  assert.equal(reserved.standing.deviation_reason, 'Мекенжай бойынша тіркеу расталмады', 'the family sees the reason of the deviation');
  expectProblem(await chair2.post(`/api/v1/hostel/decisions/${decision.id}/adopt`, {}), 409, 'conflict');
  // HST-RES-1: the reserve list (appendix 7) in the same order.
  const reserve = expectJson(await chair2.get(`/api/v1/hostel/campaigns/${c.id}/reserve`), 200, 'reserve').items;
  assert.deepEqual(reserve.map((x) => x.id), [fam.g2dys.app.id, fam.g2low_late.app.id, fam.g4.app.id, fam.g5other.app.id]);
  assert.equal((await chair2.get(`/api/v1/hostel/campaigns/${c.id}/reserve.pdf?lang=kk`)).status, 200);
  // The families are told the outcome.
  const notes = expectJson(await (await as(fam.g3paid.parent)).get('/api/v1/me/notifications'), 200, 'notifications');
  assert.ok(JSON.stringify(notes).includes('hostel_outcome'), 'the outcome notice');
});

test(`[${BACKEND}] MTG-4: without the quorum of 2/3 no vote; a rejected item records nothing`, async () => {
  const y = YEAR + 1010;
  const { c } = await decidedCampaign(y, { grant: 1, paid: 0 });
  await at(`${y}-07-05`);
  const chair = await as(w.members[0].login);
  const m = await session(4);
  const d = expectJson(await chair.post(`/api/v1/hostel/campaigns/${c.id}/allocation`, { meeting_id: m.id }), 201, 'proposal');
  expectProblem(await chair.post(`/api/v1/agenda-items/${d.agenda_item_id}/vote/open`, {}), 422, 'rule', { rule: 'MTG-4' });
  const m2 = await session();
  // The first proposal is still pending on the first session.
  expectProblem(await chair.post(`/api/v1/hostel/campaigns/${c.id}/allocation`, { meeting_id: m2.id }), 409, 'conflict');
  // Rejected on a full session: nothing is recorded.
  const chairClient = await as(w.members[0].login);
  for (const x of w.members.slice(4)) expectJson(await chairClient.put(`/api/v1/meetings/${m.id}/attendance`, { person_id: x.person.id, present: true }), 200, 'present');
  await vote(d.agenda_item_id, 'no');
  expectProblem(await chair.post(`/api/v1/hostel/decisions/${d.id}/adopt`, {}), 422, 'rule', { rule: 'MTG-4' });
  // After a rejection a new proposal may go to another session.
  expectJson(await chair.post(`/api/v1/hostel/campaigns/${c.id}/allocation`, { meeting_id: m2.id }), 201, 'again');
});

async function adoptAllocation(y, c) {
  await at(`${y}-07-02`);
  const chair = await as(w.members[0].login);
  const m = await session();
  const d = expectJson(await chair.post(`/api/v1/hostel/campaigns/${c.id}/allocation`, { meeting_id: m.id }), 201, 'proposal');
  await vote(d.agenda_item_id);
  expectJson(await chair.post(`/api/v1/hostel/decisions/${d.id}/adopt`, {}), 200, 'adopted');
}

test(`[${BACKEND}] HST-RES-1: a freed place is offered to the next on the reserve list for 24 hours; accepted, declined, expired`, async () => {
  const y = YEAR + 1012;
  const { c, fam } = await decidedCampaign(y);
  await adoptAllocation(y, c);
  const head = await as(w.head);
  // A female room whose places are all taken or out of use, so the test frees one.
  const h = expectJson(await head.post('/api/v1/hostel/hostels', { name: `Резерв ${w.tag} ${y}` }), 201, 'hostel');
  const room = expectJson(await head.post(`/api/v1/hostel/hostels/${h.id}/rooms`, { floor: 1, number: '101', gender: 'female', places: 3 }), 201, 'room').rooms[0];
  for (const p of room.places) expectJson(await head.put(`/api/v1/hostel/hostels/${h.id}/places/${p.id}/use`, { out_of_use: true }), 200, 'out');
  // Back in use: the first on the reserve list (g2low, rank 3) gets the offer.
  expectJson(await head.put(`/api/v1/hostel/hostels/${h.id}/places/${room.places[0].id}/use`, { out_of_use: false }), 200, 'freed');
  const first = expectJson(await (await as(fam.g2low.parent)).get(`/api/v1/hostel/applications/${fam.g2low.app.id}`), 200, 'first');
  assert.equal(first.status, 'offered');
  assert.equal(first.offer.state, 'open');
  assert.equal(first.offer.expires_at, `${y}-07-03T10:00:00+05:00`, '24 hours from now');
  await expectAudit(admin, { action: 'hostel_offer.create', entityId: first.offer.id });
  const needs = expectJson(await (await as(fam.g2low.parent)).get('/api/v1/me/needs'), 200, 'needs');
  assert.ok(JSON.stringify(needs).includes('hostel_offer'), 'on the family\'s "needs you" list');
  const notes = expectJson(await (await as(fam.g2low.parent)).get('/api/v1/me/notifications'), 200, 'notifications');
  assert.ok(JSON.stringify(notes).includes('hostel_offer'), 'the offer notice');
  // Another family may not answer it.
  expectProblem(await (await as(fam.g4.parent)).post(`/api/v1/hostel/offers/${first.offer.id}/accept`, {}), 403, 'forbidden');
  // Declined: off the list, the place passes to the next.
  const declined = expectJson(await (await as(fam.g2low.parent)).post(`/api/v1/hostel/offers/${first.offer.id}/decline`, {}), 200, 'declined');
  assert.equal(declined.status, 'declined');
  expectProblem(await (await as(fam.g2low.parent)).post(`/api/v1/hostel/offers/${first.offer.id}/accept`, {}), 422, 'rule', { rule: 'HST-RES-1' });
  const second = expectJson(await (await as(fam.g2low_late.parent)).get(`/api/v1/hostel/applications/${fam.g2low_late.app.id}`), 200, 'second');
  assert.equal(second.status, 'offered');
  // Unanswered past its deadline: expired when next read, the next gets it.
  await at(`${y}-07-03`, 10, 0, 1);
  const expired = expectJson(await (await as(fam.g2low_late.parent)).get(`/api/v1/hostel/applications/${fam.g2low_late.app.id}`), 200, 'expired');
  assert.equal(expired.status, 'declined');
  assert.equal(expired.status_reason, 'offer_expired');
  expectProblem(await (await as(fam.g2low_late.parent)).post(`/api/v1/hostel/offers/${second.offer.id}/accept`, {}), 422, 'rule', { rule: 'HST-RES-1' });
  const third = expectJson(await (await as(fam.g4.parent)).get(`/api/v1/hostel/applications/${fam.g4.app.id}`), 200, 'third');
  assert.equal(third.status, 'offered');
  const accepted = expectJson(await (await as(fam.g4.parent)).post(`/api/v1/hostel/offers/${third.offer.id}/accept`, {}), 200, 'accepted');
  assert.equal(accepted.status, 'allocated_grant', 'ready for settlement');
  await expectAudit(admin, { action: 'hostel_offer.accept', entityId: third.offer.id });
  const reserve = expectJson(await (await as(w.members[0].login)).get(`/api/v1/hostel/campaigns/${c.id}/reserve`), 200, 'reserve').items;
  assert.deepEqual(reserve.map((x) => x.id), [fam.g5other.app.id], 'the one left waits for the next freed place');
  // A place already offered is not offered twice; a male place finds no female applicant.
  const head2 = await as(w.head);
  const boys = expectJson(await head2.post(`/api/v1/hostel/hostels/${h.id}/rooms`, { floor: 1, number: '102', gender: 'male', places: 1 }), 201, 'male room').rooms.find((r) => r.number === '102');
  expectJson(await head2.put(`/api/v1/hostel/hostels/${h.id}/places/${boys.places[0].id}/use`, { out_of_use: true }), 200, 'out');
  expectJson(await head2.put(`/api/v1/hostel/hostels/${h.id}/places/${boys.places[0].id}/use`, { out_of_use: false }), 200, 'in');
  assert.equal(expectJson(await (await as(fam.g5other.parent)).get(`/api/v1/hostel/applications/${fam.g5other.app.id}`), 200, 'g5').status, 'reserve');
});

test(`[${BACKEND}] HST-BUMP-1: groups 4-5 arriving bump nobody; with no free place a group 1-3 applicant has a resident of groups 4-5 vacate by the commission's adopted decision`, async () => {
  const y = YEAR + 1014;
  const { c, fam } = await decidedCampaign(y, { grant: 7, paid: 0 });
  await adoptAllocation(y, c);
  const head = await as(w.head);
  const h = expectJson(await head.post('/api/v1/hostel/hostels', { name: `Ығыстыру ${w.tag} ${y}` }), 201, 'hostel');
  const room = expectJson(await head.post(`/api/v1/hostel/hostels/${h.id}/rooms`, { floor: 3, number: '301', gender: 'male', places: 2 }), 201, 'room').rooms[0];
  // A boy of group 2 arriving during the year, and one of group 5.
  await at(`${y}-06-20`);
  const member = await as(w.members[1].login);
  const late = await openCampaign(y + 1);
  const boy = await w.family(9, 'male');
  boy.app = await apply(boy, late, { priority_group: 2, subgroups: ['low_income'] });
  const boy5 = await w.family(9, 'male');
  boy5.app = await apply(boy5, late, { priority_group: 5, undertaking_to_vacate: true });
  expectProblem(await member.get(`/api/v1/hostel/applications/${boy5.app.id}/bumping`), 422, 'rule', { rule: 'HST-BUMP-1' });
  // Places are free in the male rooms: no bumping while one is.
  expectProblem(await member.get(`/api/v1/hostel/applications/${boy.app.id}/bumping`), 422, 'rule', { rule: 'HST-BUMP-1' });
  // Settle residents of groups 4 and 5 (and 3) on every male place of the institution.
  const inst = sql(`SELECT institution_id FROM hostel_rooms WHERE id = ${room.id}`);
  const places = sql(`SELECT p.id FROM hostel_places p JOIN hostel_rooms r ON r.institution_id = p.institution_id AND r.id = p.room_id WHERE p.institution_id = ${inst} AND r.gender = 'male' AND p.out_of_use = 0 `
    + `AND NOT EXISTS (SELECT 1 FROM hostel_residents x WHERE x.institution_id = p.institution_id AND x.place_id = p.id AND x.evicted_on IS NULL)`).split('\n').filter(Boolean);
  const residents = [];
  for (const [i, placeId] of places.entries()) {
    const r = await w.family(10, 'male');
    const group = placeId === String(room.places[0].id) ? 4 : placeId === String(room.places[1].id) ? 5 : 3;
    const id = 9000000000000 + Math.floor(Math.random() * 1e12);
    sql(`INSERT INTO hostel_residents (institution_id, id, person_id, academic_year, place_id, basis, priority_group, settled_on, settlement_order_number, settlement_order_date, recorded_at) `
      + `VALUES (${inst}, ${id}, ${r.student.id}, '${yearOf(y)}', ${placeId}, 'grant', ${group}, '${y}-09-01', '${i + 1}/${yearOf(y)}', '${y}-08-30', 0)`);
    residents.push({ id, group, person: r.student });
  }
  const list = expectJson(await member.get(`/api/v1/hostel/applications/${boy.app.id}/bumping`), 200, 'appendix 4').items;
  assert.ok(list.length >= 2);
  assert.ok(list.every((x) => x.priority_group === 4 || x.priority_group === 5), 'only groups 4-5');
  const g5 = residents.find((r) => r.group === 5);
  const g4 = residents.find((r) => r.group === 4);
  assert.ok(list.findIndex((x) => x.resident_id === g5.id) < list.findIndex((x) => x.resident_id === g4.id), 'group 5 before group 4');
  expectProblem(await (await as(boy.parent)).get(`/api/v1/hostel/applications/${boy.app.id}/bumping`), 403, 'forbidden');
  const listPdf = await member.get(`/api/v1/hostel/applications/${boy.app.id}/bumping.pdf?lang=kk`);
  assert.equal(listPdf.status, 200, 'the appendix 4 list as PDF');
  assert.equal(listPdf.bytes.subarray(0, 4).toString('latin1'), '%PDF');
  // The proposal: a group-3 resident is never bumped; a group-5 one is, by the session's decision.
  const chair = await as(w.members[0].login);
  const m = await session();
  const g3 = residents.find((r) => r.group === 3);
  if (g3) expectProblem(await chair.post(`/api/v1/hostel/applications/${boy.app.id}/bumping`, { meeting_id: m.id, resident_id: g3.id, reason: 'Орын жоқ' }), 422, 'rule', { rule: 'HST-BUMP-1' });
  expectProblem(await chair.post(`/api/v1/hostel/applications/${boy5.app.id}/bumping`, { meeting_id: m.id, resident_id: g5.id, reason: 'Орын жоқ' }), 422, 'rule', { rule: 'HST-BUMP-1' });
  const d = expectJson(await chair.post(`/api/v1/hostel/applications/${boy.app.id}/bumping`, { meeting_id: m.id, resident_id: g5.id, reason: 'Бос орын жоқ, 2-топтағы оқушы' }), 201, 'bumping');
  assert.equal(d.kind, 'bumping');
  expectProblem(await chair.post(`/api/v1/hostel/decisions/${d.id}/adopt`, {}), 422, 'rule', { rule: 'MTG-4' });
  await vote(d.agenda_item_id);
  const adopted = await chair.post(`/api/v1/hostel/decisions/${d.id}/adopt`, {});
  // The adopted decision submits the resident's eviction for bumping (HST-EV-1), which the
  // residence half carries on (bypass sheet, the principal's order, vacating).
  const done = expectJson(adopted, 200, 'adopted');
  assert.ok(done.snapshot.eviction_id, 'the head\'s submission to evict for bumping');
  const eviction = expectJson(await admin.get(`/api/v1/hostel/evictions/${done.snapshot.eviction_id}`), 200, 'the eviction');
  assert.equal(eviction.reason, 'bumping');
  void fam;
});
