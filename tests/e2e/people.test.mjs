// People directory: search, detail (sensitive or restricted), create and edit with validation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTIFACTS, capitalize, fieldError, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';
import { join } from 'node:path';

let browser;
let admin;
before(async () => {
  browser = await launchBrowser();
  admin = await openPage(browser);
  await signIn(admin.page, 'admin');
});
after(async () => {
  await admin?.context.close();
  await browser?.close();
});

async function search(page, text) {
  await page.goto('/people');
  await page.locator('[data-testid=people-count]').waitFor();
  const box = page.locator('#people-search');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/people?') && new URL(r.url()).searchParams.get('q') === text && r.ok()),
    box.fill(text),
  ]);
  await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q, text);
  // Let the app render the answer it just received.
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  return response.json();
}

test('search finds a Kazakh name typed without Kazakh letters', async () => {
  const { page } = admin;
  await page.goto('/people');
  const allCount = (await page.locator('[data-testid=people-count]').innerText()).trim();
  const answer = await search(page, 'Сарсенова');
  const names = await page.locator('[data-testid=people-table] tbody th a').allInnerTexts();
  assert.ok(names.length > 0, 'some people found');
  assert.ok(names.some((name) => name.includes('Сәрсенова')), `Сәрсенова among ${JSON.stringify(names)}`);
  assert.ok(names.every((name) => /С[аә]рсенова/i.test(name)), `only matching names: ${JSON.stringify(names)}`);
  assert.notEqual((await page.locator('[data-testid=people-count]').innerText()).trim(), allCount);
  // The page range reads "N of M" in Kazakh.
  const range = (await page.locator('[data-testid=pager-range]').innerText()).trim();
  assert.equal(range, msg('kk', 'ui.pager.range', { from: 1, to: names.length, total: answer.total }));
  assert.equal((await page.locator('[data-testid=people-count]').innerText()).trim(), msg('kk', 'ui.people.found', { count: answer.total }));

  // And the given name: "алия" finds "Әлия".
  await search(page, 'алия');
  const byName = await page.locator('[data-testid=people-table] tbody th a').allInnerTexts();
  assert.ok(byName.some((name) => name.includes('Әлия')), `Әлия among ${JSON.stringify(byName)}`);
});

test('filters and paging change the list and live in the URL', async () => {
  const { page } = admin;
  await page.goto('/people');
  await page.locator('[data-testid=people-table]').waitFor();
  const firstPage = await page.locator('[data-testid=people-table] tbody th a').allInnerTexts();
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/people?') && r.url().includes('offset=25')),
    page.locator('.pager button').last().click(),
  ]);
  await page.waitForFunction(() => new URL(location.href).searchParams.get('offset') === '25');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  const secondPage = await page.locator('[data-testid=people-table] tbody th a').allInnerTexts();
  assert.notDeepEqual(secondPage, firstPage);
  assert.match((await page.locator('[data-testid=pager-range]').innerText()).trim(), /26/);

  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/people?') && r.url().includes('kind=staff')),
    page.locator('select[name=kind]').selectOption('staff'),
  ]);
  await page.waitForFunction(() => new URL(location.href).searchParams.get('kind') === 'staff' && !new URL(location.href).searchParams.has('offset'));
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  const kinds = await page.locator('[data-testid=people-table] tbody td:nth-child(2)').allInnerTexts();
  assert.ok(kinds.length > 0, 'staff exist in the demo');
  assert.ok(kinds.every((text) => text.includes(msg('kk', 'ui.person.kind.staff'))), JSON.stringify(kinds));
});

test('person detail shows personal data to an admin and a restricted note to staff', async () => {
  const { page } = admin;
  // Students only: the demo also has representatives called Сәрсенова Әлия.
  await page.goto(`/people?q=${encodeURIComponent('Сарсенова')}&kind=student`);
  await page.locator('[data-testid=people-table] tbody th a', { hasText: 'Әлия' }).first().click();
  await page.waitForURL(/\/people\/[^/]+$/);
  const detailPath = new URL(page.url()).pathname;
  assert.match(await page.locator('h1').innerText(), /Сәрсенова/);
  await page.locator('[data-testid=sensitive-facts]').waitFor();
  assert.equal(await page.locator('[data-testid=restricted-note]').count(), 0);
  assert.ok((await page.locator('[data-testid=fact-student-number]').innerText()).length > 0);

  const staff = await openPage(browser);
  try {
    await signIn(staff.page, 'staff');
    await staff.page.goto(detailPath);
    await staff.page.locator('[data-testid=restricted-note]').waitFor();
    assert.ok((await staff.page.locator('[data-testid=restricted-note]').innerText()).includes(msg('kk', 'ui.person.restricted')));
    assert.equal(await staff.page.locator('[data-testid=sensitive-facts]').count(), 0);
  } finally {
    await staff.context.close();
  }
});

test('create a student, then an edit with an invalid value shows the error next to its field', async () => {
  const { page } = admin;
  const surname = `Тестова${randomCyrillic(5)}`;
  const name = capitalize(randomCyrillic(5));
  const number = `E2E-${uniqueSuffix()}`;

  await page.goto('/people');
  await page.locator(`a[href="/people/new?kind=student"]`).click();
  await page.waitForURL(/\/people\/new/);
  await page.locator('input[name=surname]').fill(surname);
  await page.locator('input[name=name]').fill(name);
  await page.locator('input[name=student_number]').fill(number);
  await page.locator('input[name=course]').fill('1');
  const [created] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/people') && r.request().method() === 'POST'),
    page.locator('form button[type=submit]').click(),
  ]);
  assert.equal(created.status(), 201, await created.text());
  await page.waitForURL(/\/people\/[^/]+\?saved=created/);
  assert.match(await page.locator('h1').innerText(), new RegExp(surname));
  assert.equal((await page.locator('[data-testid=fact-student-number] dd').innerText()).trim(), number);

  // Edit: clear the surname (required) and give a course the server refuses.
  await page.locator('.page-actions a', { hasText: msg('kk', 'ui.common.edit') }).click();
  await page.waitForURL(/\/edit$/);
  await page.locator('input[name=surname]').fill('');
  const [refused] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/people\/[^/]+$/.test(new URL(r.url()).pathname) && r.request().method() === 'PATCH'),
    page.locator('form button[type=submit]').click(),
  ]);
  assert.equal(refused.status(), 422);
  const problem = await refused.json();
  const surnameProblem = problem.errors.find((e) => e.field === 'surname');
  assert.ok(surnameProblem, `surname error in ${JSON.stringify(problem)}`);
  await page.locator('input[name=surname][aria-invalid=true]').waitFor();
  assert.equal(await fieldError(page, 'surname'), surnameProblem.message);
  assert.equal(surnameProblem.message, msg('kk', `field.${surnameProblem.code}`));
  assert.equal(await page.locator('input[name=surname]').getAttribute('aria-invalid'), 'true');
  await page.locator('[role=alert]').first().waitFor();
  assert.match(new URL(page.url()).pathname, /\/edit$/, 'the form stays open');
  await page.screenshot({ path: join(ARTIFACTS, 'person-edit-error.png'), fullPage: true });

  // Fix it and change the phone: saved, back on the detail page.
  await page.locator('input[name=surname]').fill(surname);
  await page.locator('input[name=phone]').fill('+77015550000');
  const [saved] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/people\/[^/]+$/.test(new URL(r.url()).pathname) && r.request().method() === 'PATCH'),
    page.locator('form button[type=submit]').click(),
  ]);
  assert.equal(saved.status(), 200, await saved.text());
  await page.waitForURL(/\/people\/[^/]+\?saved=1$/);
  await page.locator('[role=status]', { hasText: msg('kk', 'ui.person.saved') }).waitFor();
  assert.ok((await page.locator('[data-testid=sensitive-facts]').innerText()).includes('+77015550000'));
  assert.deepEqual(page.problems, []);
});
