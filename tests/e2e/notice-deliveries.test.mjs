// A person's delivery record in the browser (REP-1): a student of ИС-21 is seated in a club and
// invited to a session; the invitation is mailed (the server's clock moved past its two minutes,
// KENES_CLOCK_FILE, the SMTP sink of tests/run-e2e.sh) and the seat's notice read. The
// administrator opens the student's page at 1366 and 360 px and sees "Notices sent" with the
// badges (sent, read / not read); the curator of ИС-21 sees it too; the staff member, for whom the
// person's details are closed, sees no such section. Screenshots in kk: /work/shots/deliveries-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiExpect, apiFromPage, capitalize, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';

const PASSWORD = 'e2e-password-2026';
const SHOTS = '/work/shots';
const tag = capitalize(randomCyrillic(5));

let browser;
let admin;
const setup = {};

before(async () => {
  browser = await launchBrowser();
  admin = await openPage(browser, { width: 1366, height: 900 });
  const { page } = admin;
  await signIn(page, 'admin');
  const groups = await apiExpect(page, 'GET', '/api/v1/groups', undefined, 200);
  const group = groups.items.find((g) => g.name === 'ИС-21');
  assert.ok(group, 'the demo group ИС-21');
  const today = new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);   // the Almaty date
  setup.person = await apiExpect(page, 'POST', '/api/v1/people', {
    surname: `${capitalize(randomCyrillic(7))}ова`, name: 'Дана', email: `e2e.${uniqueSuffix()}@college.kz`.toLowerCase(),
    student: { student_number: `E2E${uniqueSuffix()}`.slice(0, 20), course: 2, status: 'studying', group_id: group.id },
  }, 201);
  setup.login = `dlv_${uniqueSuffix()}`;
  await apiExpect(page, 'POST', '/api/v1/users', { login: setup.login, password: PASSWORD, display_name: 'Дана', roles: ['student'], person_id: setup.person.id }, 201);
  setup.body = await apiExpect(page, 'POST', '/api/v1/bodies', { template: 'club', name: `Шахмат үйірмесі ${tag} ${uniqueSuffix()}` }, 201);
  await apiExpect(page, 'POST', `/api/v1/bodies/${setup.body.id}/members`, { person_id: setup.person.id, position: 'chair', starts_on: today, accepted_regulation: true }, 201);
  setup.meeting = await apiExpect(page, 'POST', `/api/v1/bodies/${setup.body.id}/meetings`,
    { held_on: today, starts_at: '23:00', place: 'Шахмат залы', convened_by: setup.person.id }, 201);
});

after(async () => {
  if (admin) assert.deepEqual(admin.page.problems, [], 'no CSP violations or page errors');
  await browser?.close();
});

/** The record as the administrator's API sees it, until `ready` holds for it. */
async function recordUntil(ready) {
  for (;;) {
    const record = await apiExpect(admin.page, 'GET', `/api/v1/people/${setup.person.id}/notice-deliveries`, undefined, 200);
    if (ready(record.items)) return record.items;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('the student reads the seat notice; the invitation is mailed', async (t) => {
  // The student reads the notice of the seat in their own browser session.
  const student = await openPage(browser, { width: 360, height: 740 });
  await signIn(student.page, setup.login, { password: PASSWORD });
  const mine = await apiExpect(student.page, 'GET', '/api/v1/me/notifications', undefined, 200);
  const seat = mine.items.find((n) => n.kind === 'membership_added');
  assert.ok(seat, 'told of the seat');
  await apiExpect(student.page, 'POST', `/api/v1/me/notifications/${seat.id}/read`, {}, 204);
  await student.context.close();
  if (!process.env.KENES_CLOCK_FILE || !process.env.KENES_SMTP_SINK) {
    t.skip('needs the clock file and the SMTP sink of tests/run-e2e.sh to mail the invitation');
    return;
  }
  writeFileSync(process.env.KENES_CLOCK_FILE, String(Date.now() + 3 * 60e3));
  try {
    await recordUntil((items) => items.some((d) => d.kind === 'meeting_convened' && d.delivery.mail_status === 'sent'));
  } finally {
    writeFileSync(process.env.KENES_CLOCK_FILE, '');
  }
});

test('the administrator opens the person and sees the notices sent, at 1366 and 360 px', async () => {
  const { page } = admin;
  await page.goto(`/people/${setup.person.id}`);
  const section = page.getByTestId('notice-deliveries');
  await section.getByRole('heading', { name: msg('kk', 'ui.deliveries.title') }).waitFor();
  const invitation = section.locator('[data-testid=notice-delivery][data-kind=meeting_convened]').filter({ hasText: setup.body.name });
  const seat = section.locator('[data-testid=notice-delivery][data-kind=membership_added]').filter({ hasText: setup.body.name });
  await invitation.waitFor();
  await seat.locator('[data-testid=delivery-read][data-tone=read]').waitFor();
  assert.ok((await seat.getByTestId('delivery-read').textContent()).startsWith(msg('kk', 'ui.deliveries.read_at', { at: '' }).trim()), 'read, with when');
  await invitation.locator('[data-testid=delivery-read][data-tone=unread]').waitFor();
  assert.equal(await invitation.getByTestId('delivery-read').textContent(), msg('kk', 'ui.deliveries.unread'));
  if (process.env.KENES_SMTP_SINK) {
    await invitation.locator('[data-testid=delivery-mail][data-tone=sent]').waitFor();
    assert.ok((await invitation.getByTestId('delivery-mail').textContent()).startsWith(msg('kk', 'ui.deliveries.mail.sent', { at: '' }).trim()));
  }
  assert.ok(!(await section.textContent()).includes('Шахмат залы'), 'titles only, not the notices\' text');
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'deliveries-1366.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await invitation.waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll at 360 px');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'deliveries-360.png'), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });
});

test('the curator of the group sees the section; a staff member does not', async () => {
  const curator = await openPage(browser, { width: 360, height: 740 });
  await signIn(curator.page, 'curator');
  await curator.page.goto(`/people/${setup.person.id}`);
  await curator.page.getByTestId('notice-deliveries').locator('[data-testid=notice-delivery][data-kind=meeting_convened]').waitFor();
  assert.deepEqual(curator.page.problems, []);
  await curator.context.close();

  const staff = await openPage(browser);
  await signIn(staff.page, 'staff');
  await staff.page.goto(`/people/${setup.person.id}`);
  await staff.page.getByRole('heading', { name: setup.person.full_name }).waitFor();
  assert.equal(await staff.page.getByTestId('notice-deliveries').count(), 0, 'no section where the person\'s details are closed');
  const refused = await apiFromPage(staff.page, 'GET', `/api/v1/people/${setup.person.id}/notice-deliveries`);
  assert.equal(refused.status, 403);
  await staff.context.close();
});
