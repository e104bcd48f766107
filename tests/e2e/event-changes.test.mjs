// Changing and cancelling an event in the browser (PLAN-2; notices "an event I registered for
// changed"). A club with a student chair and a public event are set up through the API, and a
// student registers. The chair, on a 360 px phone, opens the edit form (keyboard only), sees an
// emptied title refused next to the field, and moves the event; the registered student sees the
// bell rise without a reload and reads the old and new time. Then the chair cancels with a reason
// (a missing reason refused next to the field): the event shows the badge and the reason, the
// registration button is gone, and the list marks it. Screenshots in kk at 360 and 1366 px go to
// /work/shots/events-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectAccessible } from './lib/axe.mjs';
import { apiExpect, capitalize, fieldError, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';

const PASSWORD = 'e2e-password-2026';
const tag = capitalize(randomCyrillic(5));
const SHOTS = '/work/shots';
const almatyDay = (days) => new Date(Date.now() + 5 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);

let browser;
let admin;
let chair;
let student;
let wide;
const setup = {};

/** A student account for a new person, signed in on a page of its own. */
async function account(name, viewport) {
  const person = await apiExpect(admin.page, 'POST', '/api/v1/people', { surname: `${capitalize(randomCyrillic(7))}ова`, name }, 201);
  const login = `evt_${uniqueSuffix()}`;
  await apiExpect(admin.page, 'POST', '/api/v1/users', { login, password: PASSWORD, display_name: name, roles: ['student'], person_id: person.id }, 201);
  const opened = await openPage(browser, viewport);
  await signIn(opened.page, login, { password: PASSWORD });
  return { ...opened, person, login };
}

const noHorizontalScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

before(async () => {
  browser = await launchBrowser();
  admin = await openPage(browser);
  await signIn(admin.page, 'admin');
  setup.body = await apiExpect(admin.page, 'POST', '/api/v1/bodies', { template: 'club', name: `Ән үйірмесі ${tag} ${uniqueSuffix()}` }, 201);
  chair = await account('Төраға', { width: 360, height: 740 });
  student = await account('Айгерім', { width: 360, height: 740 });
  await apiExpect(admin.page, 'POST', `/api/v1/bodies/${setup.body.id}/members`, { person_id: chair.person.id, position: 'chair', starts_on: almatyDay(0), accepted_regulation: true }, 201);
  setup.event = await apiExpect(chair.page, 'POST', '/api/v1/events', { organiser_body_id: setup.body.id, direction: 'cultural', title: `Ән кеші ${tag}`, held_on: almatyDay(10),
    starts_at: '15:00', place: 'Акт залы', public: true }, 201);
  await apiExpect(student.page, 'POST', `/api/v1/events/${setup.event.id}/registrations`, {}, 201);
  // Earlier notices (none expected for a plain student) are read, so the bell counts this test's only.
  const earlier = await apiExpect(student.page, 'GET', '/api/v1/me/notifications', undefined, 200);
  for (const n of earlier.items.filter((item) => !item.read)) await apiExpect(student.page, 'POST', `/api/v1/me/notifications/${n.id}/read`, {}, 204);
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  for (const p of [admin, chair, student, wide]) {
    if (p) assert.deepEqual(p.page.problems, [], 'no CSP violations or page errors');
  }
  await browser?.close();
});

test('the chair moves the event on a phone, by keyboard; the registered student sees the notice in the bell with the old and new time (PLAN-2)', async () => {
  const { page } = chair;
  const id = setup.event.id;
  await student.page.goto('/');
  await student.page.locator('.user-menu-button').waitFor();
  assert.equal(await student.page.getByTestId('notification-bell').count(), 0, 'nothing unread yet');

  await page.goto(`/events/${id}`);
  const open = page.locator('[data-action=edit-event]');
  await open.focus();
  await page.keyboard.press('Enter');
  const form = page.getByTestId('edit-event');
  await form.waitFor();
  assert.equal(await open.getAttribute('aria-expanded'), 'true');
  assert.equal(await form.locator('input[name=title]').inputValue(), setup.event.title, 'the form starts from the event');

  // An emptied title is refused next to the field, before anything is sent.
  await form.locator('input[name=title]').fill('');
  await form.locator('button[type=submit]').click();
  await form.locator('[data-field-error]').first().waitFor();
  assert.equal(await fieldError(page, 'title'), msg('kk', 'field.required'));

  await form.locator('input[name=title]').fill(setup.event.title);
  const newDay = almatyDay(12);
  await form.locator('input[name=held_on]').fill(newDay);
  await form.locator('input[name=starts_at]').fill('16:30');
  await form.locator('input[name=place]').fill('Спорт залы');
  assert.ok(await noHorizontalScroll(page), 'no horizontal scroll at 360 px');
  await page.screenshot({ path: join(SHOTS, 'events-edit-360.png'), fullPage: true });
  await expectAccessible(page, 'the event edit form at 360 px');
  await form.locator('input[name=place]').focus();
  const [saved] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/v1/events/${id}`)),
    page.keyboard.press('Enter'),
  ]);
  assert.equal(saved.status(), 200);
  assert.deepEqual(JSON.parse(saved.request().postData()), { held_on: newDay, starts_at: '16:30', place: 'Спорт залы' }, 'only the changes are sent');
  await page.locator('.alert-success', { hasText: msg('kk', 'ui.events.saved') }).waitFor();
  await page.getByTestId('event-when').filter({ hasText: 'Спорт залы' }).waitFor();
  await form.waitFor({ state: 'detached' });

  // Live: the bell rises without a reload; the notice says what moved, old and new.
  const bell = student.page.getByTestId('notification-bell');
  await bell.waitFor();
  await bell.click();
  await student.page.waitForURL((url) => url.pathname === '/notifications');
  const notice = student.page.locator('[data-kind=event_changed]').filter({ hasText: setup.event.title });
  await notice.waitFor();
  const text = await notice.textContent();
  for (const part of [`${setup.event.held_on} 15:00`, `${newDay} 16:30`, 'Акт залы', 'Спорт залы']) assert.ok(text.includes(part), `${part} in ${text}`);
  assert.ok(await noHorizontalScroll(student.page), 'no horizontal scroll at 360 px');
  await student.page.screenshot({ path: join(SHOTS, 'events-notice-360.png'), fullPage: true });

  // The same form at 1366 px, for the record.
  wide = await openPage(browser, { width: 1366, height: 900 });
  await signIn(wide.page, chair.login, { password: PASSWORD });
  await wide.page.goto(`/events/${id}`);
  await wide.page.locator('[data-action=edit-event]').click();
  await wide.page.getByTestId('edit-event').waitFor();
  await wide.page.screenshot({ path: join(SHOTS, 'events-edit-1366.png'), fullPage: true });
  await wide.page.locator('[data-action=edit-event]').click();
  await wide.page.getByTestId('edit-event').waitFor({ state: 'detached' });
});

test('the chair cancels with a reason: the badge and the reason on the page and in the list, no registration button (PLAN-2)', async () => {
  const { page } = chair;
  const id = setup.event.id;
  const reason = `Мектепте карантин ${tag}`;
  const newcomer = await account('Дана', { width: 360, height: 740 });
  await newcomer.page.goto(`/events/${id}`);
  await newcomer.page.locator('[data-action=register]').waitFor();

  await page.goto(`/events/${id}`);
  await page.locator('[data-action=cancel-event]').click();
  const form = page.getByTestId('cancel-event');
  await form.waitFor();
  await form.locator('button[type=submit]').click();
  await form.locator('[data-field-error]').first().waitFor();
  assert.equal(await fieldError(page, 'reason'), msg('kk', 'field.required'), 'the reason is required');
  await form.locator('textarea[name=reason]').fill(reason);
  const [cancelled] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/events/${id}/cancel`)),
    form.locator('button[type=submit]').click(),
  ]);
  assert.equal(cancelled.status(), 200);
  await page.locator('.alert-success', { hasText: msg('kk', 'ui.events.cancelled_notice') }).waitFor();
  const marked = page.getByTestId('event-cancelled');
  await marked.filter({ hasText: reason }).waitFor();
  assert.ok((await marked.textContent()).includes(msg('kk', 'ui.events.cancelled')));
  assert.equal(await page.locator('[data-action=edit-event]').count(), 0, 'a cancelled event offers no change');
  assert.ok(await noHorizontalScroll(page), 'no horizontal scroll at 360 px');
  await page.screenshot({ path: join(SHOTS, 'events-cancelled-360.png'), fullPage: true });
  await expectAccessible(page, 'a cancelled event at 360 px');

  // The newcomer's page: the badge and the reason, and no registration button.
  await newcomer.page.reload();
  await newcomer.page.getByTestId('event-cancelled').filter({ hasText: reason }).waitFor();
  assert.equal(await newcomer.page.locator('[data-action=register]').count(), 0, 'no registration for a cancelled event');
  assert.deepEqual(newcomer.page.problems, []);
  await newcomer.context.close();

  // The list marks it too.
  await wide.page.goto('/events');
  const row = wide.page.locator(`[data-testid=events-list] li[data-event-id="${id}"]`);
  await row.locator('.badge-event-cancelled', { hasText: msg('kk', 'ui.events.cancelled') }).waitFor();
  await wide.page.goto(`/events/${id}`);
  await wide.page.getByTestId('event-cancelled').waitFor();
  await wide.page.screenshot({ path: join(SHOTS, 'events-cancelled-1366.png'), fullPage: true });

  // The public page, without sign-in: still listed, marked, with the reason.
  const me = await apiExpect(admin.page, 'GET', '/api/v1/me', undefined, 200);
  const anon = await openPage(browser, { width: 360, height: 740 });
  await anon.page.goto(`/public/${me.user.institution.id}`);
  const pub = anon.page.locator(`[data-testid=public-events] li[data-event-id="${id}"]`);
  await pub.locator('.badge-event-cancelled').waitFor();
  assert.ok((await pub.textContent()).includes(reason), 'the reason is public with the event');
  assert.deepEqual(anon.page.problems, []);
  await anon.context.close();
});
