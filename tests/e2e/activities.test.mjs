// Work plans (PLAN-1) and events (PLAN-2) in the browser. A small assembly with its council and
// secretariat and two adopted council decisions (one on another matter) are set up through the
// API; then the admin drafts the secretariat's plan on the body page (an item with a responsible
// person from the picker, a status change), is refused approval by the wrong decision (PLAN-1,
// next to the choice) and approves it by the right one; creates a public event linked to the plan
// item; a student registers in their own browser; the admin marks the attendance.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiExpect, ARTIFACTS, capitalize, fieldError, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';

const PASSWORD = 'e2e-password-2026';
const tag = capitalize(randomCyrillic(5));
const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
const month = Number(today.slice(5, 7));
const startYear = Number(today.slice(0, 4)) - (month >= 9 ? 0 : 1);
const academicYear = `${startYear}-${startYear + 1}`;

let browser;
let admin;
const setup = {};

const pathOf = (response) => new URL(response.url()).pathname;
const waitApi = (page, method, pattern) => page.waitForResponse((r) => r.request().method() === method && pattern.test(pathOf(r)));

before(async () => {
  browser = await launchBrowser();
  admin = await openPage(browser);
  const { page } = admin;
  await signIn(page, 'admin');
  const top = await apiExpect(page, 'POST', '/api/v1/bodies', { template: 'small_assembly', name: `Ассамблея ${tag} ${uniqueSuffix()}` }, 201);
  const detail = await apiExpect(page, 'GET', `/api/v1/bodies/${top.id}`, undefined, 200);
  setup.council = detail.children.find((c) => c.kind === 'council');
  setup.secretariat = detail.children.find((c) => c.kind === 'secretariat');
  setup.chair = await apiExpect(page, 'POST', '/api/v1/people', { surname: `${capitalize(randomCyrillic(7))}а`, name: 'Төраға' }, 201);
  setup.owner = await apiExpect(page, 'POST', '/api/v1/people', { surname: `${capitalize(randomCyrillic(7))}б`, name: 'Жауапты' }, 201);
  setup.login = `act_${uniqueSuffix()}`;
  await apiExpect(page, 'POST', '/api/v1/users', { login: setup.login, password: PASSWORD, display_name: 'Төраға', roles: ['student'], person_id: setup.chair.id }, 201);
  await apiExpect(page, 'POST', `/api/v1/bodies/${setup.council.id}/members`, { person_id: setup.chair.id, position: 'chair', starts_on: today, accepted_regulation: true }, 201);
  // Two council decisions: one on another matter, one approving the work plan.
  const meeting = await apiExpect(page, 'POST', `/api/v1/bodies/${setup.council.id}/meetings`, { held_on: today, starts_at: '00:00', place: 'Зал', convened_by: setup.chair.id }, 201);
  setup.meetingId = meeting.id;
  await apiExpect(page, 'PUT', `/api/v1/meetings/${meeting.id}/attendance`, { person_id: setup.chair.id, present: true }, 200);
  await apiExpect(page, 'POST', `/api/v1/meetings/${meeting.id}/items`, { kind: 'hear_report', title: `Есеп ${tag}`, motion: 'Назарға алынсын' }, 200);
  const items = (await apiExpect(page, 'POST', `/api/v1/meetings/${meeting.id}/items`, { kind: 'approve_work_plan', title: `Жоспар ${tag}`, motion: 'Бекітілсін' }, 200)).items;
  setup.wrong = items.find((i) => i.kind === 'hear_report');
  setup.right = items.find((i) => i.kind === 'approve_work_plan');
  for (const item of items) await apiExpect(page, 'POST', `/api/v1/agenda-items/${item.id}/vote/open`, {}, 200);
  setup.student = await openPage(browser, { width: 360, height: 780 });
  await signIn(setup.student.page, setup.login, { password: PASSWORD });
  for (const item of items) await apiExpect(setup.student.page, 'POST', `/api/v1/agenda-items/${item.id}/votes`, { choice: 'yes' }, 200);
  for (const item of items) await apiExpect(page, 'POST', `/api/v1/agenda-items/${item.id}/vote/close`, {}, 200);
});

after(async () => {
  await setup.student?.context.close();
  await admin?.context.close();
  await browser?.close();
});

test('the secretariat drafts its work plan; the council decision on the plan approves it, another decision is refused (PLAN-1)', async () => {
  const { page } = admin;
  await page.goto(`/bodies/${setup.secretariat.id}`);
  const plans = page.locator('[data-testid=plans]');
  await plans.locator('p.muted', { hasText: msg('kk', 'ui.plans.empty') }).waitFor();
  const create = plans.locator('[data-testid=create-plan]');
  assert.equal(await create.locator('input[name=academic_year]').inputValue(), academicYear, 'the current academic year is proposed');
  const [created] = await Promise.all([waitApi(page, 'POST', /\/plans$/), create.locator('button[type=submit]').click()]);
  assert.equal(created.status(), 201, await created.text());
  const planId = (await created.json()).id;
  const plan = plans.locator(`[data-plan-id="${planId}"]`);
  await plan.locator('[data-testid=plan-status]', { hasText: msg('kk', 'ui.plans.status.draft') }).waitFor();
  // The same year again: the server's duplicate refusal next to the field.
  const [again] = await Promise.all([waitApi(page, 'POST', /\/plans$/), create.locator('button[type=submit]').click()]);
  assert.equal(again.status(), 409);
  await create.locator('input[name=academic_year][aria-invalid=true]').waitFor();
  assert.ok(await fieldError(page, 'academic_year'));

  // An item with a responsible person chosen with the picker.
  await plan.locator('details.plan-add summary').click();
  const form = plan.locator('[data-testid=add-plan-item]');
  await form.locator('select[name=direction]').selectOption('patriotic');
  const title = `Тәуелсіздік күніне арналған кеш ${tag}`;
  await form.locator('input[name=title]').fill(title);
  const picker = form.locator('input[name=responsible_person_id]');
  await picker.fill(setup.owner.surname);
  await page.locator(`[role=option][data-person-id="${setup.owner.id}"]`).click();
  assert.equal(await picker.getAttribute('data-picked'), String(setup.owner.id));
  await form.locator('input[name=due_on]').fill(`${startYear}-12-15`);
  const [added] = await Promise.all([waitApi(page, 'POST', /\/items$/), form.locator('button[type=submit]').click()]);
  assert.equal(added.status(), 201, await added.text());
  assert.deepEqual(JSON.parse(added.request().postData()), { direction: 'patriotic', title, due_on: `${startYear}-12-15`, responsible_person_id: setup.owner.id });
  const row = plan.locator('[data-testid=plan-items] tr[data-item-id]', { hasText: title });
  await row.waitFor();
  assert.ok((await row.innerText()).includes(setup.owner.surname));
  assert.ok((await row.innerText()).includes(msg('kk', 'report.direction.patriotic')));
  setup.planItemId = await row.getAttribute('data-item-id');

  // Its status changes.
  const [patched] = await Promise.all([waitApi(page, 'PATCH', /\/plan-items\/\d+$/), row.locator('select[name=item_status]').selectOption('in_progress')]);
  assert.equal(patched.status(), 200, await patched.text());
  await plan.locator(`tr[data-item-id="${setup.planItemId}"][data-status=in_progress]`).waitFor();

  // Approval: the decision on another matter is refused with PLAN-1 next to the choice.
  await plan.locator('button[data-action=approve-plan]').click();
  const approve = plan.locator('[data-testid=approve-plan]');
  await approve.locator(`select[name=agenda_item_id] option[value="${setup.wrong.id}"]`).waitFor({ state: 'attached' });
  await approve.locator('select[name=agenda_item_id]').selectOption(String(setup.wrong.id));
  const [refused] = await Promise.all([waitApi(page, 'POST', /\/approve$/), approve.locator('button[type=submit]').click()]);
  assert.equal(refused.status(), 422);
  assert.equal((await refused.json()).rule, 'PLAN-1');
  await approve.locator('select[name=agenda_item_id][aria-invalid=true]').waitFor();
  const error = await fieldError(page, 'agenda_item_id');
  assert.ok(error.includes(msg('kk', 'ui.rule.ref', { rule: 'PLAN-1' })), error);
  assert.equal(await plan.getAttribute('data-status'), 'draft');

  await approve.locator('select[name=agenda_item_id]').selectOption(String(setup.right.id));
  const [approved] = await Promise.all([waitApi(page, 'POST', /\/approve$/), approve.locator('button[type=submit]').click()]);
  assert.equal(approved.status(), 200, await approved.text());
  await plans.locator(`[data-plan-id="${planId}"][data-status=approved]`).waitFor();
  assert.equal((await plan.locator('[data-testid=plan-status]').innerText()).trim(), msg('kk', 'ui.plans.status.approved'));
  assert.deepEqual(page.problems, []);
});

test('an event linked to the plan item: created by the admin, a student registers on a phone, the admin marks attendance (PLAN-2)', async () => {
  assert.ok(setup.planItemId, 'the plan item exists');
  const { page } = admin;
  await page.goto('/');
  await page.locator('nav#main-nav a[data-nav="/events"]').click();
  await page.waitForURL((url) => url.pathname === '/events');
  const form = page.locator('[data-testid=create-event]');
  // Required fields are flagged without a request.
  await form.locator('button[type=submit]').click();
  await form.locator('input[name=title][aria-invalid=true]').waitFor();
  await form.locator(`select[name=organiser_body_id] option[value="${setup.secretariat.id}"]`).waitFor({ state: 'attached' });
  await form.locator('select[name=organiser_body_id]').selectOption(String(setup.secretariat.id));
  await form.locator(`select[name=plan_item_id] option[value="${setup.planItemId}"]`).waitFor({ state: 'attached' });
  await form.locator('select[name=plan_item_id]').selectOption(String(setup.planItemId));
  await form.locator('select[name=direction]').selectOption('patriotic');
  const title = `Тәуелсіздік кеші ${tag}`;
  await form.locator('input[name=title]').fill(title);
  await form.locator('textarea[name=description]').fill('Ән, күй, поэзия.');
  await form.locator('input[name=held_on]').fill(`${startYear}-12-15`);
  await form.locator('input[name=starts_at]').fill('15:00');
  await form.locator('input[name=place]').fill('Акт залы');
  await form.locator('input[name=public]').check();
  const [created] = await Promise.all([waitApi(page, 'POST', /\/events$/), form.locator('button[type=submit]').click()]);
  assert.equal(created.status(), 201, await created.text());
  const sent = JSON.parse(created.request().postData());
  assert.deepEqual(sent, {
    organiser_body_id: setup.secretariat.id,
    direction: 'patriotic',
    title,
    held_on: `${startYear}-12-15`,
    place: 'Акт залы',
    public: true,
    description: 'Ән, күй, поэзия.',
    starts_at: '15:00',
    plan_item_id: Number(setup.planItemId),
  });
  const eventId = (await created.json()).id;
  setup.eventId = eventId;
  await page.waitForURL((url) => url.pathname === `/events/${eventId}`);
  await page.locator('h1', { hasText: title }).waitFor();
  await page.locator('[data-testid=participants] p.muted', { hasText: msg('kk', 'ui.events.participants_empty') }).waitFor();

  // The student registers on their phone; they do not see the list of participants.
  const student = setup.student.page;
  await student.goto('/events');
  await student.locator(`[data-testid=events-list] li[data-event-id="${eventId}"] a`).click();
  await student.waitForURL((url) => url.pathname === `/events/${eventId}`);
  // By keyboard: the button is reached with Tab and pressed with Enter.
  await student.locator('h1').focus();
  for (let i = 0; i < 10 && (await student.evaluate(() => document.activeElement?.getAttribute('data-action'))) !== 'register'; i++) await student.keyboard.press('Tab');
  const [registered] = await Promise.all([waitApi(student, 'POST', /\/registrations$/), student.keyboard.press('Enter')]);
  assert.equal(registered.status(), 201, await registered.text());
  await student.locator('[data-testid=registered-me]').waitFor();
  await student.locator('.alert-success', { hasText: msg('kk', 'ui.events.registered_notice') }).waitFor();
  assert.equal(await student.locator('[data-testid=participants]').count(), 0);
  assert.equal(await student.locator('[data-testid=create-event]').count(), 0);
  assert.ok((await student.evaluate(() => document.scrollingElement.scrollWidth)) <= 360);
  assert.deepEqual(student.problems, []);

  // The admin marks the attendance.
  await page.reload();
  const participant = page.locator(`[data-testid=participants] li[data-person-id="${setup.chair.id}"]`);
  await participant.waitFor();
  const [marked] = await Promise.all([waitApi(page, 'PUT', /\/attendance$/), participant.locator('button[data-mark=attended]').click()]);
  assert.equal(marked.status(), 200, await marked.text());
  await page.locator(`[data-testid=participants] li[data-person-id="${setup.chair.id}"][data-attended=true]`).waitFor();
  await page.locator('[data-testid=event-counts]', { hasText: msg('kk', 'ui.events.counts', { registered: 1, attended: 1 }) }).waitFor();
  assert.deepEqual(page.problems, []);
});

test('a semi-annual report of the secretariat: figures from the period, narrative edited while a draft, approved, PDF and XLSX (PLAN-3)', async () => {
  assert.ok(setup.eventId, 'the event exists');
  const { page } = admin;
  await page.goto(`/bodies/${setup.secretariat.id}`);
  const reports = page.locator('[data-testid=reports]');
  await reports.locator('details.plan-add summary').click();
  const form = reports.locator('[data-testid=create-report]');
  await form.locator('select[name=kind]').selectOption('semi_annual');
  // A period that ends before it starts is refused on the page.
  await form.locator('input[name=period_from]').fill(`${startYear}-12-31`);
  await form.locator('input[name=period_to]').fill(`${startYear}-09-01`);
  await form.locator('button[type=submit]').click();
  await form.locator('input[name=period_to][aria-invalid=true]').waitFor();
  assert.equal(await fieldError(page, 'period_to'), msg('kk', 'ui.reports.period_order'));
  await form.locator('input[name=period_from]').fill(`${startYear}-09-01`);
  await form.locator('input[name=period_to]').fill(`${startYear}-12-31`);
  await form.locator('textarea[name=narrative]').fill('Жарты жыл қорытындысы.');
  const [created] = await Promise.all([waitApi(page, 'POST', /\/reports$/), form.locator('button[type=submit]').click()]);
  assert.equal(created.status(), 201, await created.text());
  const reportId = (await created.json()).id;
  const report = reports.locator(`li[data-report-id="${reportId}"] [data-testid=report][data-status=draft]`);
  await report.waitFor();
  // The event of the plan, attended by one person, counts under its direction.
  const direction = report.locator('[data-testid=report-directions] tr[data-direction=patriotic]');
  assert.deepEqual((await direction.locator('td').allInnerTexts()).map((s) => s.trim()), [msg('kk', 'report.direction.patriotic'), '1', '1']);
  assert.equal((await report.locator('[data-figure=plan_items_open]').innerText()).trim(), '1');

  // The narrative changes while a draft.
  const narrative = 'Жарты жыл қорытындысы: Тәуелсіздік кеші өтті.';
  await report.locator('textarea[name=narrative]').fill(narrative);
  const [patched] = await Promise.all([waitApi(page, 'PATCH', /\/reports\/\d+$/), report.locator('[data-testid=report-narrative] button[type=submit]').click()]);
  assert.equal(patched.status(), 200, await patched.text());
  assert.deepEqual(JSON.parse(patched.request().postData()), { narrative });
  await report.locator('.alert-success', { hasText: msg('kk', 'ui.common.saved') }).waitFor();

  const [approved] = await Promise.all([waitApi(page, 'POST', /\/reports\/\d+\/approve$/), report.locator('button[data-action=approve-report]').click()]);
  assert.equal(approved.status(), 200, await approved.text());
  const final = reports.locator(`li[data-report-id="${reportId}"] [data-testid=report][data-status=approved]`);
  await final.waitFor();
  assert.equal((await final.locator('[data-testid=report-narrative-text]').innerText()).trim(), narrative);
  assert.equal(await final.locator('textarea[name=narrative]').count(), 0, 'an approved report is not edited');

  const [pdf] = await Promise.all([page.waitForEvent('download'), final.locator('[data-testid=report-downloads] a[data-format=pdf]').click()]);
  const pdfFile = join(ARTIFACTS, 'report.pdf');
  await pdf.saveAs(pdfFile);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  assert.ok(text.includes(narrative), 'the narrative is in the PDF');
  assert.ok(text.includes(msg('kk', 'report.by_direction')), 'the PDF is in Kazakh');
  const [xlsx] = await Promise.all([page.waitForEvent('download'), final.locator('[data-testid=report-downloads] a[data-format=xlsx]').click()]);
  const xlsxFile = join(ARTIFACTS, 'report.xlsx');
  await xlsx.saveAs(xlsxFile);
  assert.equal(readFileSync(xlsxFile).subarray(0, 2).toString('latin1'), 'PK', 'an Office Open XML file');
  // The body page with its plan and report fits a phone: wide tables scroll inside their box.
  await page.setViewportSize({ width: 360, height: 780 });
  try {
    await page.reload();
    await reports.locator(`li[data-report-id="${reportId}"] button[data-action=open-report]`).click();
    await reports.locator('[data-testid=report-directions]').waitFor();
    assert.ok((await page.evaluate(() => document.scrollingElement.scrollWidth)) <= 360, 'the body page fits 360 px');
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  assert.deepEqual(page.problems, []);
});

test('the public page without sign-in: bodies with members, the approved plan, the public event and its calendar, the approved report, the published protocol (PLAN-4)', async () => {
  assert.ok(setup.eventId, 'the event exists');
  const { page } = admin;
  // The council's session is closed, signed by the chair (the only member present) and published.
  await apiExpect(page, 'POST', `/api/v1/meetings/${setup.meetingId}/close`, {}, 201);
  const final = await apiExpect(setup.student.page, 'POST', `/api/v1/meetings/${setup.meetingId}/protocol/sign`, {}, 200);
  assert.equal(final.status, 'final');
  await apiExpect(page, 'PUT', `/api/v1/meetings/${setup.meetingId}/protocol/public`, { public: true }, 200);
  const me = await apiExpect(page, 'GET', '/api/v1/me', undefined, 200);
  const institutionId = me.user.institution.id;
  // The protocol keeps the body's name as stored when it was closed (Kazakh, for a name from a
  // template), whatever language this browser asks the API in.
  const councilKk = (await apiExpect(page, 'GET', `/api/v1/bodies/${setup.council.id}?lang=kk`, undefined, 200)).name;
  // Signed-in people find the page from the home page.
  await page.goto('/');
  assert.equal(await page.locator('[data-testid=public-page-link]').getAttribute('href'), `/public/${institutionId}`);

  // A signed checkpoint of the audit chain, as the server's job writes every 10 minutes.
  const anchored = execFileSync(process.env.KENES_BIN, ['audit', 'anchor', '--db', process.env.KENES_DB, '--institution', String(institutionId)], { encoding: 'utf8' });
  const [, anchoredSeq, anchoredHash] = anchored.match(/anchored entry (\d+) \(([0-9a-f]{64})\)/);

  const anonymous = await openPage(browser, { width: 360, height: 780 });
  try {
    const anon = anonymous.page;
    await anon.goto(`/public/${institutionId}`);
    const bodies = anon.locator('[data-testid=public-bodies]');
    const council = bodies.locator(`li[data-body-id="${setup.council.id}"]`);
    await council.waitFor();
    assert.ok((await council.innerText()).includes(setup.chair.surname), 'members by name');
    assert.ok((await council.innerText()).includes(msg('kk', 'body.position.chair')), 'with their positions');
    const plans = anon.locator('[data-testid=public-plans]');
    assert.ok((await plans.innerText()).includes(`Тәуелсіздік күніне арналған кеш ${tag}`), 'the approved plan');
    const events = anon.locator('[data-testid=public-events]');
    await events.locator(`li[data-event-id="${setup.eventId}"]`, { hasText: `Тәуелсіздік кеші ${tag}` }).waitFor();
    const ics = await events.locator('[data-testid=events-ics]').getAttribute('href');
    const calendar = await anon.evaluate(async (href) => {
      const r = await fetch(href);
      return { status: r.status, type: r.headers.get('Content-Type'), text: await r.text() };
    }, ics);
    assert.equal(calendar.status, 200);
    assert.match(calendar.type, /^text\/calendar/);
    assert.ok(calendar.text.includes(`UID:event-${setup.eventId}@institution-`));
    const reports = anon.locator('[data-testid=public-reports]');
    assert.ok((await reports.innerText()).includes('Тәуелсіздік кеші өтті.'), 'the approved report');
    const protocol = anon.locator(`[data-testid=public-protocols] li[data-code="${final.verification_code}"]`);
    await protocol.waitFor();
    assert.ok((await protocol.innerText()).includes(msg('kk', 'ui.meeting.counts', { yes: 1, no: 0, abstain: 0 })), 'decisions with counts');
    assert.ok((await protocol.innerText()).includes(councilKk), `the body's name ${councilKk}`);
    const anchor = anon.locator('[data-testid=public-audit-anchor]');
    assert.ok((await anchor.innerText()).includes(msg('kk', 'ui.public.anchor.title')), 'the audit checkpoint');
    // The server's own job may have anchored a newer head since.
    const seq = Number(await anchor.locator('[data-testid=anchor-seq]').innerText());
    assert.ok(seq >= Number(anchoredSeq), `anchored entry ${seq}`);
    if (seq === Number(anchoredSeq)) assert.equal(await anchor.locator('[data-testid=anchor-hash]').getAttribute('data-hash'), anchoredHash);
    assert.ok((await anon.evaluate(() => document.scrollingElement.scrollWidth)) <= 360, 'fits a phone');
    await protocol.locator(`a[href="/verify/${final.verification_code}"]`).click();
    await anon.waitForURL((url) => url.pathname === `/verify/${final.verification_code}`);
    await anon.locator('[data-testid=verify-result][data-valid=true]').waitFor();
    assert.deepEqual(anon.problems, []);
  } finally {
    await anonymous.context.close();
  }
});
