// The iCalendar feeds in the browser: a body's sessions on the body page and a member's own
// sessions on the home page; each link answers text/calendar with the session in it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiExpect, capitalize, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';

const PASSWORD = 'e2e-password-2026';
const tag = capitalize(randomCyrillic(5));
const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);

let browser;
let admin;
const setup = {};

/** Fetches a link's href with the page's session and returns status, type and text (or the first bytes). */
async function follow(page, href) {
  return page.evaluate(async (url) => {
    const response = await fetch(url);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return {
      status: response.status,
      type: response.headers.get('Content-Type') ?? '',
      text: new TextDecoder().decode(bytes),
      head: String.fromCharCode(...bytes.slice(0, 5)),
    };
  }, href);
}

before(async () => {
  browser = await launchBrowser();
  admin = await openPage(browser);
  const { page } = admin;
  await signIn(page, 'admin');
  setup.body = await apiExpect(page, 'POST', '/api/v1/bodies', { template: 'club', name: `Клуб ${tag} ${uniqueSuffix()}` }, 201);
  setup.person = await apiExpect(page, 'POST', '/api/v1/people', { surname: `${capitalize(randomCyrillic(7))}ов`, name: 'Жетекші' }, 201);
  setup.login = `cal_${uniqueSuffix()}`;
  await apiExpect(page, 'POST', '/api/v1/users', { login: setup.login, password: PASSWORD, display_name: 'Жетекші', roles: ['student'], person_id: setup.person.id }, 201);
  await apiExpect(page, 'POST', `/api/v1/bodies/${setup.body.id}/members`, { person_id: setup.person.id, position: 'chair', starts_on: today, accepted_regulation: true }, 201);
  setup.meeting = await apiExpect(page, 'POST', `/api/v1/bodies/${setup.body.id}/meetings`, { held_on: today, starts_at: '00:00', place: 'Кітапхана', convened_by: setup.person.id }, 201);
});

after(async () => {
  if (admin) assert.deepEqual(admin.page.problems, [], 'no CSP violations or page errors');
  await browser?.close();
});

test('the body page links its sessions as iCalendar', async () => {
  const { page } = admin;
  await page.goto(`/bodies/${setup.body.id}`);
  const link = page.getByTestId('body-calendar');
  await link.waitFor();
  assert.equal((await link.innerText()).trim(), msg('kk', 'ui.body.calendar'));
  const answer = await follow(page, await link.getAttribute('href'));
  assert.equal(answer.status, 200);
  assert.match(answer.type, /^text\/calendar/);
  assert.ok(answer.text.includes('BEGIN:VCALENDAR'));
  assert.ok(answer.text.includes(`UID:meeting-${setup.meeting.id}@institution-`), 'the session is in the feed');
});

test('the home page links the member\'s own sessions as iCalendar', async () => {
  const { context, page } = await openPage(browser, { width: 360, height: 740 });
  try {
    await signIn(page, setup.login, { password: PASSWORD });
    await page.goto('/');
    const link = page.getByTestId('my-calendar');
    await link.waitFor();
    assert.equal((await link.innerText()).trim(), msg('kk', 'ui.home.add_to_calendar'));
    assert.equal(await link.getAttribute('href'), '/api/v1/me/calendar.ics');
    const answer = await follow(page, '/api/v1/me/calendar.ics');
    assert.equal(answer.status, 200);
    assert.match(answer.type, /^text\/calendar/);
    assert.ok(answer.text.includes('BEGIN:VCALENDAR'));
    assert.ok(answer.text.includes(`UID:meeting-${setup.meeting.id}@institution-`), 'the member\'s session is in the feed');
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test('the home page gives the member a secret subscription link, which a calendar app reads without a cookie, and revokes it', async () => {
  const { context, page } = await openPage(browser, { width: 360, height: 740 });
  try {
    await signIn(page, setup.login, { password: PASSWORD });
    await page.goto('/');
    const create = page.getByTestId('calendar-feed-create');
    await create.waitFor();
    assert.equal((await create.innerText()).trim(), msg('kk', 'ui.calendar_feed.create'));
    await create.click();
    const field = page.getByTestId('calendar-feed-url');
    await field.waitFor();
    const url = await field.inputValue();
    assert.match(url, /\/api\/v1\/public\/calendar-feeds\/kenes_\d+_[^/]+\/sessions\.ics$/);
    const path = new URL(url).pathname;
    // A calendar app: no cookie.
    const anonymous = await fetch(new URL(path, page.url()));
    assert.equal(anonymous.status, 200);
    assert.ok((await anonymous.text()).includes(`UID:meeting-${setup.meeting.id}@institution-`), 'the member\'s session is in the subscribed feed');
    await page.getByTestId('calendar-feed-revoke').click();
    await page.getByTestId('calendar-feed-revoke').waitFor({ state: 'detached' });
    assert.equal((await fetch(new URL(path, page.url()))).status, 404, 'a revoked link reads nothing');
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});
