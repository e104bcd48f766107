// axe-core on the main pages in Kazakh, signed in as the demo administrator: no serious or
// critical violation; the rest is printed. The pages anyone reaches without a session (sign-in,
// activation, password links, the public pages, verification) are also handed to the W3C Nu HTML
// checker as Chromium built them, and so is the server's HTML shell as it is sent: no error. The
// booth and the receipt, the published results and the verification of a protocol are checked
// inside elections.test.mjs and bodies.test.mjs, and of a disciplinary order in discipline.test.mjs,
// where those exist. Each page is checked once it shows its content (headings, no spinner).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, BASE, apiFromPage, launchBrowser, msg, openPage, signIn } from './lib/harness.mjs';
import { expectAccessible } from './lib/axe.mjs';
import { expectSoundPublicPage, expectValidHtml, expectValidPage } from './lib/nu-html.mjs';

let browser, admin;
const ids = {};

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** Waits until the page has its heading and nothing is loading any more. */
async function settled(page, selector) {
  await page.locator('main h1').first().waitFor();
  if (selector) await page.locator(selector).first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.loading'));
}

async function get(page, path) {
  const res = await apiFromPage(page, 'GET', path);
  assert.equal(res.status, 200, `GET ${path}: ${JSON.stringify(res.json)}`);
  return res.json;
}

test('the sign-in page, signed out, at 360 px and on a desktop', async () => {
  for (const viewport of [{ width: 360, height: 740 }, { width: 1366, height: 900 }]) {
    const { context, page } = await openPage(browser, viewport);
    await page.goto('/login');
    await page.locator('input[name=login]').waitFor();
    await page.waitForFunction(() => document.documentElement.lang === 'kk');
    await expectAccessible(page, `login ${viewport.width}px`);
    await expectValidPage(page, `login ${viewport.width}px`);
    await page.screenshot({ path: join(ARTIFACTS, `login-kk-${viewport.width}.png`), fullPage: true });
    await context.close();
  }
});

test('the language buttons and the user menu are named by their visible text', async () => {
  ({ page: admin } = await openPage(browser));
  await signIn(admin, 'admin', { locale: 'kk' });
  for (const code of ['kk', 'ru', 'en']) {
    const button = admin.locator(`.lang-switch button[data-locale=${code}]`);
    const name = await button.evaluate((b) => b.getAttribute('aria-label') ?? b.textContent);
    const visible = (await button.innerText()).trim();
    assert.ok(name.includes(visible), `${code}: accessible name "${name}" contains the visible "${visible}"`);
    assert.ok(name.includes(msg('kk', `ui.lang.${code}.name`)), `${code}: the name says the language in full`);
  }
  const menu = admin.locator('.user-menu-button');
  const menuName = await menu.evaluate((b) => b.getAttribute('aria-label') ?? b.textContent);
  const menuText = (await menu.locator('.user-menu-name').innerText()).trim();
  assert.ok(menuName.includes(menuText), `user menu "${menuName}" contains "${menuText}"`);

  const me = await get(admin, '/api/v1/me');
  ids.institution = me.user.institution.id;
  ids.person = (await get(admin, '/api/v1/people?limit=1')).items[0].id;
  ids.group = (await get(admin, '/api/v1/groups')).items.find((g) => g.name === 'ИС-21')?.id;
  ids.student = (await get(admin, `/api/v1/people?q=${encodeURIComponent('Сәрсенова Әлия')}&kind=student`)).items[0]?.id;
  // The hostel: the demo's decided campaign of this year, an application of it, its decision.
  const campaigns = (await get(admin, '/api/v1/hostel/campaigns')).items;
  const decided = campaigns.length > 1 ? await get(admin, `/api/v1/hostel/campaigns/${campaigns[1].id}`) : null;
  ids.campaign = decided?.id;
  ids.decision = decided?.decision?.id;
  ids.application = decided ? (await get(admin, `/api/v1/hostel/campaigns/${decided.id}/applications`)).items[0]?.id : undefined;
  // The allocation order of that decision: its verification code opens the public check.
  const orderId = ids.decision ? (await get(admin, `/api/v1/hostel/decisions/${ids.decision}`)).snapshot?.order_id : undefined;
  ids.orderCode = orderId ? (await get(admin, `/api/v1/hostel/orders/${orderId}`)).verification_code : undefined;
  ids.election = (await get(admin, `/api/v1/public/institutions/${ids.institution}/elections`)).items[0]?.id;
  const bodies = (await get(admin, '/api/v1/bodies')).items;
  ids.body = bodies[0].id;
  for (const body of bodies) {
    const meetings = (await get(admin, `/api/v1/bodies/${body.id}/meetings`)).items ?? [];
    if (meetings.length) {
      ids.meeting = meetings[0].id;
      break;
    }
  }
});

const PAGES = [
  { name: 'home', path: () => '/' },
  { name: 'people', path: () => '/people', ready: '[data-testid=people-table]' },
  { name: 'a person', path: () => `/people/${ids.person}` },
  { name: 'bodies', path: () => '/bodies', ready: '[data-testid=bodies-tree]' },
  { name: 'a body', path: () => `/bodies/${ids.body}`, ready: '[data-testid=members]' },
  { name: 'a session', path: () => (ids.meeting ? `/meetings/${ids.meeting}` : null), ready: '[data-testid=quorum]' },
  { name: 'elections', path: () => '/elections' },
  { name: 'notifications', path: () => '/notifications' },
  { name: 'the org chart', path: () => '/org-chart' },
  { name: "a group's attendance journal", path: () => (ids.group ? `/attendance/groups/${ids.group}` : null), ready: '[data-testid=attendance-roll]' },
  { name: "a student's attendance", path: () => (ids.student ? `/attendance/students/${ids.student}` : null), ready: '[data-testid=justification-form]' },
  { name: 'justifications of absence', path: () => '/attendance/justifications' },
  { name: "the school's attendance report", path: () => '/attendance/report', ready: '[data-testid=attendance-report]' },
  { name: 'attendance settings', path: () => '/attendance/settings', ready: '[data-testid=terms-form]' },
  { name: 'the hostel', path: () => '/hostel', ready: '[data-testid=hostel-campaign]' },
  { name: "the hostel's stock", path: () => '/hostel/stock', ready: '[data-testid=hostel-card]' },
  { name: 'a hostel campaign', path: () => (ids.campaign ? `/hostel/campaigns/${ids.campaign}` : null), ready: '[data-testid=hostel-reserve-line]' },
  { name: 'a hostel application', path: () => (ids.application ? `/hostel/applications/${ids.application}` : null), ready: '[data-testid=hostel-standing]' },
  { name: 'a hostel decision', path: () => (ids.decision ? `/hostel/decisions/${ids.decision}` : null), ready: '[data-testid=hostel-decision-line]' },
];

for (const { name, path, ready } of PAGES) {
  test(`${name} (kk)`, async (t) => {
    assert.ok(admin, 'signed in');
    const target = path();
    if (!target) return t.skip('the demo data has no session');
    await admin.goto(target);
    await settled(admin, ready);
    await expectAccessible(admin, name);
  });
}

test('the user menu opened, at 360 px', async () => {
  await admin.setViewportSize({ width: 360, height: 740 });
  await admin.goto('/');
  await settled(admin);
  await expectAccessible(admin, 'home 360px');
  await admin.locator('.user-menu-button').click();
  await admin.locator('#user-menu-list:not([hidden])').waitFor();
  await expectAccessible(admin, 'user menu open 360px');
  await admin.setViewportSize({ width: 1280, height: 900 });
});

// Without a session, on a phone, in Kazakh.
const PUBLIC_PAGES = [
  { name: 'sign-in', path: () => '/login', ready: 'input[name=login]' },
  { name: 'account activation', path: () => '/activate', ready: '[data-testid=activate-form]' },
  { name: 'forgotten password', path: () => '/forgot', ready: 'form input' },
  { name: 'a new password from a link', path: () => '/reset?token=1001.AAAABBBBCCCCDDDDEEEEFFFFGG', ready: 'form input' },
  { name: "the institution's public page", path: () => `/public/${ids.institution}`, ready: '[data-testid=public-audit-anchor]' },
  { name: 'a public election', path: () => (ids.election ? `/public/${ids.institution}/elections/${ids.election}` : null), ready: '[data-testid=public-candidates]' },
  { name: 'voting with a code', path: () => (ids.election ? `/public/${ids.institution}/elections/${ids.election}/vote` : null), ready: '[data-testid=code-booth]' },
  { name: 'a hostel order verified', path: () => (ids.orderCode ? `/verify/${ids.orderCode}` : null), ready: '[data-testid=verify-result][data-valid=true]' },
  { name: 'an unknown verification code', path: () => '/verify/1P0123456789abcdef0123456789', ready: '[data-testid=verify-result][data-valid=unknown]' },
];

for (const { name, path, ready } of PUBLIC_PAGES) {
  test(`${name}, signed out, on a phone: axe and the Nu HTML checker`, async (t) => {
    assert.ok(ids.institution, 'the institution is known');
    const target = path();
    if (!target) return t.skip('the demo data has none');
    const { context, page } = await openPage(browser, { width: 360, height: 740 });
    try {
      await page.goto(target);
      await settled(page, ready);
      await page.waitForFunction(() => document.documentElement.lang === 'kk');
      await expectSoundPublicPage(page, name);
      assert.deepEqual(page.problems, [], 'no CSP violations or page errors');
    } finally {
      await context.close();
    }
  });
}

test('the HTML shell as the server sends it passes the Nu HTML checker; page links to */* get the same shell', async () => {
  const shell = async (path, accept) => {
    const res = await fetch(`${BASE}${path}`, { headers: { Accept: accept } });
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/, path);
    return res.text();
  };
  const html = await shell('/', 'text/html');
  await expectValidHtml(html, 'the shell');
  for (const path of ['/login', '/verify/1P0123456789abcdef0123456789', `/public/${ids.institution}`]) assert.equal(await shell(path, '*/*'), html, path);
});
