// Audit log: a change made in the UI shows up newest first with its before/after snapshot,
// filters narrow the list, and "verify chain" reports an intact chain.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, launchBrowser, msg, openPage, randomCyrillic, signIn } from './lib/harness.mjs';

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

/** Creates a staff person through the UI and changes their phone; returns the id and phone. */
async function makeChanges(page) {
  const surname = `Аудитова${randomCyrillic(5)}`;
  await page.goto('/people/new?kind=staff');
  await page.locator('input[name=surname]').fill(surname);
  await page.locator('input[name=name]').fill('Тексеру');
  await page.locator('input[name=position]').fill('Әдіскер');
  const [created] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/people') && r.request().method() === 'POST'),
    page.locator('form button[type=submit]').click(),
  ]);
  assert.equal(created.status(), 201, await created.text());
  const person = await created.json();
  await page.waitForURL(/\?saved=created$/);
  await page.goto(`/people/${person.id}/edit`);
  const phone = `+7701${String(Date.now()).slice(-7)}`;
  await page.locator('input[name=phone]').fill(phone);
  const [saved] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/people/${person.id}` && r.request().method() === 'PATCH'),
    page.locator('form button[type=submit]').click(),
  ]);
  assert.equal(saved.status(), 200, await saved.text());
  await page.waitForURL(/\?saved=1$/);
  return { id: String(person.id), phone, surname };
}

test('the audit log shows the change with its before/after, newest first, and the chain verifies', async () => {
  const { page } = admin;
  const change = await makeChanges(page);

  const [listed] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit' && r.ok()),
    page.goto('/audit'),
  ]);
  const list = await listed.json();
  const seqs = list.items.map((e) => e.seq);
  assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');
  await page.locator('[data-testid=audit-table]').waitFor();
  assert.equal((await page.locator('h1').innerText()).trim(), msg('kk', 'ui.audit.title'));

  // The entries about our person; one of them carries the new phone in its "after" snapshot.
  const entries = list.items.filter((e) => String(e.entity_id) === change.id);
  assert.ok(entries.length >= 2, `create and update of person ${change.id} in ${JSON.stringify(list.items.slice(0, 10).map((e) => [e.action, e.entity, e.entity_id]))}`);
  const update = entries.find((e) => JSON.stringify(e.after ?? '').includes(change.phone));
  assert.ok(update, `an entry whose after has ${change.phone}: ${JSON.stringify(entries)}`);
  const body = page.locator(`tbody.audit-entry[data-seq="${update.seq}"]`);
  const toggle = body.locator('button[aria-expanded]');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await body.locator('.audit-details').isVisible(), false);
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const afterJson = await body.locator('[data-testid=audit-after]').innerText();
  assert.ok(afterJson.includes(change.phone), afterJson);
  await body.locator('[data-testid=audit-before]').waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'audit-expanded.png'), fullPage: false });

  // Filter by that action: every row shown has it.
  await page.locator('input[name=action]').fill(update.action);
  const [filtered] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit' && new URL(r.url()).searchParams.get('action') === update.action),
    page.locator('form.filters button[type=submit]').click(),
  ]);
  assert.equal(filtered.status(), 200);
  await page.waitForFunction((action) => new URL(location.href).searchParams.get('action') === action, update.action);
  await page.locator(`tbody.audit-entry[data-seq="${update.seq}"]`).waitFor();
  const actions = await page.locator('tbody.audit-entry').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
  assert.ok(actions.length > 0 && actions.every((a) => a === update.action), JSON.stringify(actions));

  // Verify the chain.
  const [verified] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit/verify'),
    page.locator('[data-testid=audit-verify]').click(),
  ]);
  const verdict = await verified.json();
  assert.equal(verdict.ok, true, JSON.stringify(verdict));
  const result = page.locator('[data-testid=audit-verify-result]');
  await result.waitFor();
  assert.equal(await result.getAttribute('data-ok'), 'true');
  assert.equal((await result.innerText()).trim(), msg('kk', 'ui.audit.verify_ok', { count: verdict.checked }));
  assert.deepEqual(page.problems, []);
});

test('a date range in the future finds nothing, and a reversed range is refused before asking', async () => {
  const { page } = admin;
  await page.goto('/audit');
  await page.locator('[data-testid=audit-table]').waitFor();
  await page.locator('input[name=from]').fill('2099-01-01');
  await page.locator('input[name=to]').fill('2099-01-31');
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit' && new URL(r.url()).searchParams.get('from') === '2099-01-01'),
    page.locator('form.filters button[type=submit]').click(),
  ]);
  assert.equal(response.status(), 200, await response.text());
  assert.equal((await response.json()).total, 0);
  await page.locator('p.empty', { hasText: msg('kk', 'ui.audit.empty') }).waitFor();

  await page.locator('input[name=from]').fill('2099-02-01');
  assert.equal(await page.locator('form.filters button[type=submit]').isDisabled(), true);
  assert.ok((await page.locator('form.filters').innerText()).includes(msg('kk', 'ui.audit.bad_range')));
});
