// The org chart (ORG-2) in the browser: /org-chart from the navigation with the SVG in the UI
// language (it loads, and follows a language change), the PDF links in kk/ru/en (each answers a
// PDF), and the public page's org chart without sign-in on a 360 px phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiExpect, launchBrowser, msg, openPage, signIn, switchLanguage } from './lib/harness.mjs';

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
  await signIn(admin.page, 'admin');
  setup.me = await apiExpect(admin.page, 'GET', '/api/v1/me', undefined, 200);
});

after(async () => {
  if (admin) assert.deepEqual(admin.page.problems, [], 'no CSP violations or page errors');
  await browser?.close();
});

test('the org chart page: from the navigation, the SVG in the UI language loads, PDFs in kk/ru/en', async () => {
  const { page } = admin;
  await page.goto('/');
  await page.locator('nav#main-nav a[data-nav="/org-chart"]').click();
  await page.waitForURL((url) => url.pathname === '/org-chart');
  await page.getByRole('heading', { level: 1, name: msg('kk', 'ui.org_chart.title') }).waitFor();
  const image = page.getByTestId('org-chart-image');
  assert.equal(await image.getAttribute('alt'), msg('kk', 'ui.org_chart.alt'));
  assert.equal(await image.getAttribute('src'), '/api/v1/org-chart.svg?lang=kk');
  await page.waitForFunction(() => document.querySelector('[data-testid=org-chart-image]')?.complete);
  assert.ok((await image.evaluate((img) => img.naturalWidth)) > 0, 'the SVG loaded');
  const links = page.getByTestId('org-chart-downloads').locator('a');
  assert.equal(await links.count(), 3);
  for (const lang of ['kk', 'ru', 'en']) {
    const link = page.getByTestId('org-chart-downloads').locator(`a[data-lang=${lang}]`);
    assert.equal((await link.innerText()).trim(), msg('kk', 'ui.org_chart.pdf', { lang }));
    const href = await link.getAttribute('href');
    assert.equal(href, `/api/v1/org-chart.pdf?lang=${lang}`);
    const answer = await follow(page, href);
    assert.equal(answer.status, 200, `PDF ${lang}`);
    assert.match(answer.type, /^application\/pdf/);
    assert.equal(answer.head, '%PDF-');
  }
  // The image follows the UI language.
  await switchLanguage(page, 'ru');
  await page.getByRole('heading', { level: 1, name: msg('ru', 'ui.org_chart.title') }).waitFor();
  assert.equal(await image.getAttribute('src'), '/api/v1/org-chart.svg?lang=ru');
  assert.equal(await image.getAttribute('alt'), msg('ru', 'ui.org_chart.alt'));
  await page.waitForFunction(() => document.querySelector('[data-testid=org-chart-image]')?.complete);
  assert.ok((await image.evaluate((img) => img.naturalWidth)) > 0, 'the Russian SVG loaded');
  await switchLanguage(page, 'kk');
});

test('the public page shows the org chart without sign-in', async () => {
  const { context, page } = await openPage(browser, { width: 360, height: 740 });
  try {
    const id = setup.me.user.institution.id;
    await page.goto(`/public/${id}`);
    const image = page.getByTestId('public-org-chart');
    await image.waitFor();
    assert.equal(await image.getAttribute('src'), `/api/v1/public/institutions/${id}/org-chart.svg?lang=kk`);
    assert.equal(await image.getAttribute('alt'), msg('kk', 'ui.org_chart.alt'));
    await page.waitForFunction(() => document.querySelector('[data-testid=public-org-chart]')?.complete);
    assert.ok((await image.evaluate((img) => img.naturalWidth)) > 0, 'the public SVG loaded');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll at 360 px');
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});
