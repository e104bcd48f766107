// An instruction of the Council tracked to done (ORG-11), in the browser, on the demo institution:
// the curator chairs the Small Assembly's Council and issues an instruction carrying out one of
// its adopted decisions to the head of the Youth Center, who heads the Secretariat ("staff"); he
// starts it and marks it done on a phone, each change in its history; the demo's overdue
// instruction is flagged in the list. Screenshots in kk: /work/shots/C/instructions-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiExpect as api, launchBrowser, msg, openPage, signIn, uniqueSuffix } from './lib/harness.mjs';

const SHOTS = '/work/shots/C';
let browser;
let chair;
let council;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  chair = await openPage(browser, { width: 1366, height: 900 });
  await signIn(chair.page, 'curator');
  const bodies = await api(chair.page, 'GET', '/api/v1/bodies', undefined, 200);
  council = bodies.items.find((b) => b.template === 'council' && bodies.items.some((p) => p.template === 'small_assembly' && String(p.id) === String(b.parent_id)));
  assert.ok(council, 'the demo Small Assembly\'s Council');
});

after(async () => {
  if (chair) assert.deepEqual(chair.page.problems, [], 'no CSP violations or page errors');
  await browser?.close();
});

test('the Council\'s chair sees the overdue instruction flagged and issues one to the Secretariat', async () => {
  const { page } = chair;
  await page.goto(`/bodies/${council.id}`);
  await page.getByTestId('body-instructions').click();
  await page.getByTestId('instructions').waitFor();
  // The demo's overdue one is flagged, first in the list.
  const overdue = page.locator('[data-testid=instruction-row][data-overdue=true]');
  await overdue.first().waitFor();
  assert.equal(await overdue.first().getByTestId('overdue-flag').textContent(), msg('kk', 'ui.instructions.overdue'));
  await page.getByTestId('overdue-count').waitFor();
  const text = `Кеңес шешімін орындау ${uniqueSuffix()}`;
  const form = page.getByTestId('issue-instruction-form');
  await form.locator('textarea[name=text]').fill(text);
  const staffName = await form.locator('select[name=assignee_id] option').filter({ hasText: 'Омаров' }).first().getAttribute('value');
  await form.locator('select[name=assignee_id]').selectOption(staffName);
  await page.screenshot({ path: join(SHOTS, 'instructions-1366.png'), fullPage: true });
  await page.getByTestId('issue-instruction').click();
  const row = page.locator('[data-testid=instruction-row][data-status=issued]').filter({ hasText: text });
  await row.waitFor();
  chair.issued = { text, href: await row.locator('a').first().getAttribute('href') };
  await page.setViewportSize({ width: 360, height: 740 });
  await row.waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll at 360 px');
  await page.screenshot({ path: join(SHOTS, 'instructions-360.png'), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });
});

test('the head of the Secretariat starts it and marks it done on a phone; the history shows each step', async () => {
  assert.ok(chair.issued?.href, 'issued by the previous test');
  const staff = await openPage(browser, { width: 360, height: 740 });
  const { page } = staff;
  await signIn(page, 'staff');
  await page.goto(chair.issued.href);
  const view = page.getByTestId('instruction');
  await view.waitFor();
  assert.equal(await view.getAttribute('data-status'), 'issued');
  await page.locator('textarea[name=note]').fill('Бастадым');
  await page.getByTestId('instruction-in_progress').click();
  await page.locator('[data-testid=instruction][data-status=in_progress]').waitFor();
  await page.screenshot({ path: join(SHOTS, 'instruction-360.png'), fullPage: true });
  await page.locator('textarea[name=note]').fill('Орындалды, Кеңеске хабарланды');
  await page.getByTestId('instruction-done').click();
  await page.locator('[data-testid=instruction][data-status=done]').waitFor();
  const steps = await page.locator('[data-testid=instruction-history] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-status')));
  assert.deepEqual(steps, ['issued', 'in_progress', 'done']);
  assert.equal(await page.getByTestId('instruction-actions').count(), 0, 'nothing left to do once done');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll at 360 px');
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.screenshot({ path: join(SHOTS, 'instruction-1366.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
  await staff.context.close();
  // The Council's list shows it done.
  await chair.page.goto(`/bodies/${council.id}/instructions`);
  await chair.page.locator('[data-testid=instruction-row][data-status=done]').filter({ hasText: chair.issued.text }).waitFor();
});
