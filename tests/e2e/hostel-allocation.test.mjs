// The hostel's allocation end to end (seed 004 hostel rules): a mother applies for her daughter
// on a phone (360x740) with a document (HST-APP-1..3); the head of the hostel registers a paper
// application; the deadline passes on the server clock (KENES_CLOCK_FILE) and applications are
// refused (HST-APP-1); the commission's chair reads the ranking with its explanations
// (HST-PRI-1..3), proposes it to a quorate session, the members adopt it (MTG-4) and the decision
// is recorded with the principal's order; a place back in use is offered from the reserve list and
// the mother accepts it on her phone (HST-RES-1). Persons, accounts, the commission, its session
// and its votes are made through the API; the hostel steps are the UI. The clock is emptied at the end.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiExpect, apiFromPage, capitalize, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';
import { png } from './lib/files.mjs';

const CLOCK = process.env.KENES_CLOCK_FILE;
const { writeFileSync } = await import('node:fs');
const skip = !CLOCK && 'needs the clock file of tests/run-e2e.sh';
const PHONE = { width: 360, height: 740 };
const DESK = { width: 1366, height: 900 };
const PASSWORD = 'e2e-password-2026';
const tag = uniqueSuffix();
// A far year of its own: one campaign per academic year.
const YEAR = 2400 + Math.floor(Math.random() * 3000);
const almaty = (date, hh = 10, mm = 0) => Date.parse(`${date}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+05:00`);
let today = `${YEAR}-06-01`;

let browser;
let admin;
const s = {};

const noSideScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

/** An API-only session of an account (a commission member voting), with its CSRF token. */
async function apiSession(login) {
  const context = await browser.newContext({ baseURL: process.env.KENES_URL });
  const signedIn = await context.request.post('/api/v1/session', { data: { login, password: PASSWORD } });
  assert.equal(signedIn.status(), 200, `sign-in of ${login}: ${await signedIn.text()}`);
  const session = await (await context.request.get('/api/v1/session')).json();
  const call = async (method, path, body) => {
    const response = await context.request.fetch(path, { method, headers: { 'X-CSRF-Token': session.csrf_token, Accept: 'application/json' }, data: body });
    const text = await response.text();
    return { status: response.status(), json: text ? JSON.parse(text) : null };
  };
  return { context, call };
}

async function person(body) {
  return apiExpect(admin.page, 'POST', '/api/v1/people', body, 201);
}
async function account(personId, login, roles) {
  await apiExpect(admin.page, 'POST', '/api/v1/users', { login, password: PASSWORD, display_name: login, roles, person_id: personId }, 201);
}
/** Moves the server clock to Almaty wall time; sessions made at another time are signed in again. */
async function setClock(date, hh = 10, mm = 0) {
  writeFileSync(CLOCK, String(almaty(date, hh, mm)));
  today = date;
  await admin?.context.close();
  admin = await openPage(browser, DESK);
  await signIn(admin.page, 'admin');
}

before(async () => {
  if (skip) return;
  browser = await launchBrowser();
  await setClock(today);
  const family = async (key, name) => {
    const student = await person({ surname: `${capitalize(randomCyrillic(7))}ова`, name, gender: 'female', student: { student_number: `H-${tag}-${key}`, grade: 8, status: 'studying' } });
    const mother = await person({ surname: `${capitalize(randomCyrillic(7))}ова`, name: 'Ана' });
    await apiExpect(admin.page, 'POST', `/api/v1/people/${student.id}/representatives`, { representative_id: mother.id, kind: 'mother' }, 201);
    const login = `hm_${tag}_${key}`;
    await account(mother.id, login, ['legal_representative']);
    return { student, mother, login };
  };
  s.a = await family('a', 'Аружан');
  s.b = await family('b', 'Дана');
  s.c = await family('c', 'Камила');
  // The Hostel Allocation Commission: a staff chair and six members (seven votes, ORG-9), a secretary.
  s.commission = await apiExpect(admin.page, 'POST', '/api/v1/bodies', { template: 'hostel_allocation_commission', name: `Жатақхана комиссиясы ${capitalize(randomCyrillic(5))}` }, 201);
  s.members = [];
  for (let i = 0; i < 7; i++) {
    const p = await person({ surname: `${capitalize(randomCyrillic(7))}${'абвгдеж'[i]}`, name: i === 0 ? 'Төраға' : 'Мүше', ...(i === 0 ? { staff: { position: 'Директор' } } : {}) });
    await apiExpect(admin.page, 'POST', `/api/v1/bodies/${s.commission.id}/members`, { person_id: p.id, position: i === 0 ? 'chair' : 'member', starts_on: today, accepted_regulation: true }, 201);
    const login = `hk_${tag}_${i}`;
    await account(p.id, login, i === 0 ? ['staff'] : ['student']);
    s.members.push({ person: p, login });
  }
  const secretary = await person({ surname: `${capitalize(randomCyrillic(7))}ова`, name: 'Хатшы', staff: { position: 'Тәрбиеші' } });
  await apiExpect(admin.page, 'POST', `/api/v1/bodies/${s.commission.id}/members`, { person_id: secretary.id, position: 'secretary', starts_on: today, accepted_regulation: true }, 201);
  // The stock: a girls' room of two places, one of them under repair; the campaign: one grant place.
  s.hostel = await apiExpect(admin.page, 'POST', '/api/v1/hostel/hostels', { name: `Жатақхана ${tag}` }, 201);
  const withRoom = await apiExpect(admin.page, 'POST', `/api/v1/hostel/hostels/${s.hostel.id}/rooms`, { floor: 2, number: '201', gender: 'female', places: 2 }, 201);
  s.repair = withRoom.rooms[0].places[1];
  await apiExpect(admin.page, 'PUT', `/api/v1/hostel/hostels/${s.hostel.id}/places/${s.repair.id}/use`, { out_of_use: true }, 200);
  s.campaign = await apiExpect(admin.page, 'POST', '/api/v1/hostel/campaigns',
    { academic_year: `${YEAR}-${YEAR + 1}`, commission_body_id: s.commission.id, grant_places: 1, paid_places: 0, price_tenge: 45000 }, 201);
});

after(async () => {
  if (CLOCK) writeFileSync(CLOCK, '');
  await browser?.close();
});

test('HST-APP-1..3: a mother applies for her daughter on a phone and uploads a document', { skip }, async () => {
  const mother = await openPage(browser, PHONE);
  await signIn(mother.page, s.a.login, { password: PASSWORD });
  const { page } = mother;
  await page.goto('/hostel');
  await page.locator(`[data-testid=hostel-child][data-student-id="${s.a.student.id}"] [data-testid=hostel-apply-link]`).click();
  const form = page.locator('[data-testid=hostel-apply-form]');
  await form.waitFor();
  await form.locator('select[name=campaign_id]').selectOption(String(s.campaign.id));
  await form.locator('select[name=priority_group]').selectOption('2');
  await form.locator('input[name="subgroup-low_income"]').check();
  await form.locator('input[name=home_locality]').fill('Ақмола облысы, Зеренді ауданы, Көктерек ауылы');
  await form.locator('input[name=consent_inspection]').check();
  assert.match(await form.locator('[data-testid=hostel-form-kind]').innerText(), new RegExp(msg('kk', 'hostel.application.form_app1')));
  assert.ok(await noSideScroll(page), 'the form fits 360 px');
  await Promise.all([
    page.waitForURL(/\/hostel\/applications\/\d+$/),
    form.locator('[data-testid=hostel-apply-submit]').click(),
  ]);
  const app = page.locator('[data-testid=hostel-application][data-status=registered]');
  await app.waitFor();
  s.a.app = await app.getAttribute('data-application-id');
  // The standing and why (HST-PRI-1..3), the form to sign in each language (HST-APP-3).
  await page.locator('[data-testid=hostel-position]').waitFor();
  await page.locator('[data-testid=hostel-form-pdf-kk]').waitFor();
  // HST-APP-2: the birth certificate, as a photo, against the checklist.
  const item = page.locator('[data-testid=hostel-checklist-item][data-item=birth_certificate]');
  assert.equal(await item.getAttribute('data-done'), 'false');
  await page.locator('[data-testid=hostel-upload] select[name=kind]').selectOption('birth_certificate');
  await page.locator('#hostel-file').setInputFiles({ name: 'tuu-kuali.png', mimeType: 'image/png', buffer: png() });
  await page.locator('[data-testid=hostel-upload-submit]').click();
  await page.locator('[data-testid=hostel-checklist-item][data-item=birth_certificate][data-done=true]').waitFor();
  await page.locator('[data-testid=hostel-document]').first().waitFor();
  assert.ok(await noSideScroll(page), 'the application fits 360 px');
  // The child's page shows the application among the modules' sections.
  await page.goto(`/children/${s.a.student.id}`);
  await page.locator('[data-testid=overview-hostel] [data-testid=overview-hostel-application][data-status=registered]').waitFor();
  assert.deepEqual(page.problems, []);
  await mother.context.close();
  // A third family applies a second later, through the API.
  const c = await openPage(browser, DESK);
  await signIn(c.page, s.c.login, { password: PASSWORD });
  writeFileSync(CLOCK, String(almaty(today, 10, 1)));
  s.c.app = (await apiExpect(c.page, 'POST', `/api/v1/hostel/students/${s.c.student.id}/applications`,
    { campaign_id: s.campaign.id, priority_group: 2, home_locality: 'Ақмола облысы, Шортанды ауылы', consent_inspection: true }, 201)).id;
  await c.context.close();
});

test('HST-APP-1: the head registers a paper application naming the representative who signed it', { skip }, async () => {
  const head = await openPage(browser, DESK);
  await signIn(head.page, 'staff');
  const { page } = head;
  await page.goto(`/hostel/campaigns/${s.campaign.id}`);
  const paper = page.locator('[data-testid=hostel-paper]');
  await paper.waitFor();
  await paper.locator('input[name=paper_student]').fill(s.b.student.surname);
  await page.locator(`[role=option][data-person-id="${s.b.student.id}"]`).click();
  await Promise.all([page.waitForURL(/\/hostel\/apply\/\d+\?paper=1$/), paper.locator('[data-testid=hostel-paper-start]').click()]);
  const form = page.locator('[data-testid=hostel-apply-form]');
  await form.waitFor();
  await form.locator('select[name=campaign_id]').selectOption(String(s.campaign.id));
  await form.locator('select[name=representative_id]').selectOption(String(s.b.mother.id));
  await form.locator('select[name=priority_group]').selectOption('3');
  await form.locator('input[name=home_locality]').fill('Көкшетау қаласы');
  await form.locator('input[name=consent_inspection]').check();
  await Promise.all([page.waitForURL(/\/hostel\/applications\/\d+$/), form.locator('[data-testid=hostel-apply-submit]').click()]);
  await page.locator('[data-testid=hostel-application][data-status=registered]').waitFor();
  assert.match(await page.locator('[data-testid=hostel-application]').innerText(), new RegExp(msg('kk', 'hostel.application.channel_paper')));
  await page.goto(`/hostel/campaigns/${s.campaign.id}`);
  await page.locator('[data-testid=hostel-journal-line]').nth(2).waitFor();
  assert.equal(await page.locator('[data-testid=hostel-journal-line]').count(), 3, 'three lines in the journal (appendix 3)');
  await head.context.close();
});

test('HST-APP-1: after July 1 on the server clock applications are refused', { skip }, async () => {
  await setClock(`${YEAR}-07-02`);
  const late = await person({ surname: `${capitalize(randomCyrillic(7))}ова`, name: 'Кеш', gender: 'female', student: { student_number: `H-${tag}-late`, grade: 9, status: 'studying' } });
  const refused = await apiFromPage(admin.page, 'POST', `/api/v1/hostel/students/${late.id}/applications`,
    { campaign_id: s.campaign.id, channel: 'paper', representative_id: s.a.mother.id, priority_group: 1, home_locality: 'Астана', consent_inspection: true });
  assert.equal(refused.status, 422);
  assert.equal(refused.json.rule, 'HST-APP-1');
  const mother = await openPage(browser, PHONE);
  await signIn(mother.page, s.a.login, { password: PASSWORD });
  await mother.page.goto('/hostel');
  await mother.page.locator(`[data-testid=hostel-child][data-student-id="${s.a.student.id}"] [data-testid=hostel-child-application]`).waitFor();
  assert.equal(await mother.page.locator(`[data-testid=hostel-child][data-student-id="${s.a.student.id}"] [data-testid=hostel-apply-link]`).count(), 0, 'no way to apply');
  await mother.context.close();
});

test('HST-PRI-1..3, MTG-4: the commission ranks, decides in a quorate session and the order is generated', { skip }, async () => {
  const chair = await openPage(browser, DESK);
  await signIn(chair.page, s.members[0].login, { password: PASSWORD });
  const { page } = chair;
  // The session of today with all seven present.
  s.meeting = await apiExpect(page, 'POST', `/api/v1/bodies/${s.commission.id}/meetings`, { held_on: today, starts_at: '00:00', place: '101', convened_by: s.members[0].person.id }, 201);
  await apiExpect(page, 'POST', `/api/v1/meetings/${s.meeting.id}/attendance/all-present`, {}, 200);
  await page.goto(`/hostel/campaigns/${s.campaign.id}`);
  const lines = page.locator('[data-testid=hostel-ranking-line]');
  await lines.nth(2).waitFor();
  // Group 2 with a subgroup, group 2 without, then group 3 (HST-PRI-1, HST-PRI-2).
  assert.equal(await lines.nth(0).getAttribute('data-outcome'), 'grant');
  assert.match(await lines.nth(0).innerText(), new RegExp(msg('kk', 'hostel.application.subgroup.low_income')));
  assert.equal(await lines.nth(1).getAttribute('data-outcome'), 'reserve');
  await page.locator('[data-testid=hostel-propose] select[name=meeting_id]').selectOption(String(s.meeting.id));
  await Promise.all([page.waitForURL(/\/hostel\/decisions\/\d+$/), page.locator('[data-testid=hostel-propose-submit]').click()]);
  const decisionId = page.url().split('/').pop();
  await page.locator('[data-testid=hostel-decision][data-decided=false]').waitFor();
  // Not recorded before the vote (MTG-4).
  await page.locator('[data-testid=hostel-adopt]').click();
  await page.locator('.alert').first().waitFor();
  const decision = await apiExpect(page, 'GET', `/api/v1/hostel/decisions/${decisionId}`, undefined, 200);
  await apiExpect(page, 'POST', `/api/v1/agenda-items/${decision.agenda_item_id}/vote/open`, {}, 200);
  for (const m of s.members) {
    const voter = await apiSession(m.login);
    const voted = await voter.call('POST', `/api/v1/agenda-items/${decision.agenda_item_id}/votes`, { choice: 'yes' });
    assert.equal(voted.status, 200, JSON.stringify(voted.json));
    await voter.context.close();
  }
  await apiExpect(page, 'POST', `/api/v1/agenda-items/${decision.agenda_item_id}/vote/close`, {}, 200);
  await page.reload();
  await page.locator('[data-testid=hostel-adopt]').click();
  await page.locator('[data-testid=hostel-decision][data-decided=true]').waitFor();
  assert.equal(await page.locator('[data-testid=hostel-decision-line][data-outcome=grant]').count(), 1);
  const recorded = await apiExpect(page, 'GET', `/api/v1/hostel/decisions/${decisionId}`, undefined, 200);
  assert.equal(recorded.item_outcome, 'adopted');
  // The principal's order follows the decision: numbered, signed, its PDF in each language.
  assert.match(recorded.order_number ?? '', /^\d+\/\d{4}-\d{4}$/);
  await page.locator('[data-testid=hostel-order-number]', { hasText: recorded.order_number }).waitFor();
  await Promise.all([page.waitForURL(/\/hostel\/orders\/\d+$/), page.locator('[data-testid=hostel-order-number] a').click()]);
  const pdf = await page.request.get(`/api/v1/hostel/orders/${recorded.snapshot.order_id}/pdf?lang=kk`);
  assert.equal(pdf.status(), 200);
  // Its QR code leads to the public check, which holds (the code's tag h: a hostel order).
  await Promise.all([page.waitForURL(/\/verify\/\d+h[0-9a-z]+$/), page.locator('[data-testid=hostel-order-code]').click()]);
  await page.locator('[data-testid=verify-result][data-kind=hostel_order][data-valid=true]').waitFor();
  await page.goto(`/hostel/campaigns/${s.campaign.id}`);
  await page.locator('[data-testid=hostel-reserve-line]').nth(1).waitFor();
  assert.deepEqual(page.problems, []);
  await chair.context.close();
});

test('HST-RES-1: a place back in use is offered to the first on the reserve list; the mother accepts on her phone', { skip }, async () => {
  const head = await openPage(browser, DESK);
  await signIn(head.page, 'staff');
  await head.page.goto('/hostel/stock');
  const place = head.page.locator(`[data-testid=hostel-card][data-hostel-id="${s.hostel.id}"] [data-testid=hostel-place][data-out-of-use=true]`);
  await place.locator('button').click();
  await head.page.locator(`[data-testid=hostel-card][data-hostel-id="${s.hostel.id}"] [data-testid=hostel-place][data-out-of-use=true]`).waitFor({ state: 'detached' });
  await head.context.close();
  const mother = await openPage(browser, PHONE);
  await signIn(mother.page, s.c.login, { password: PASSWORD });
  const { page } = mother;
  await page.goto(`/hostel/applications/${s.c.app}`);
  const offer = page.locator('[data-testid=hostel-offer]');
  await offer.waitFor();
  assert.match(await offer.innerText(), /201/);
  assert.ok(await noSideScroll(page), 'the offer fits 360 px');
  await offer.locator('[data-testid=hostel-offer-accept]').click();
  await page.locator('[data-testid=hostel-application][data-status=allocated_grant]').waitFor();
  assert.deepEqual(page.problems, []);
  await mother.context.close();
});
