// The trustees' key ceremony in the browser (issue 13; Belenios 3.1.1): three members of an
// election commission, each in their own browser (one on a 390 px phone), open the election's
// "Ballot keys" page; one starts the ceremony; after the first key another member starts it
// again (everyone back to step 1); each makes their key (passphrase, the key file downloads),
// the page moves on by itself as the others finish; the second step is unlocked with
// the passphrase by two of them and with the downloaded key file by the third; when the last
// verification key is in, every page shows the election key's fingerprint and "your key is in
// the list". Waits for state, never for time. kk screenshots at 360 and 1366 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiExpect, capitalize, launchBrowser, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';

const PASSWORD = 'e2e-password-2026';
const SHOTS = process.env.KENES_SHOTS ?? '/work/shots/trust';
const STEP_TIMEOUT = 60_000;
let browser;
const contexts = [];
const s = {};

async function session(login, size) {
  const opened = await openPage(browser, size);
  contexts.push(opened.context);
  await signIn(opened.page, login, { password: login === 'admin' ? undefined : PASSWORD });
  return opened.page;
}

before(async () => {
  browser = await launchBrowser();
  const admin = await session('admin');
  const tag = `${capitalize(randomCyrillic(5))} ${uniqueSuffix()}`;
  const gov = await apiExpect(admin, 'POST', '/api/v1/bodies', { template: 'student_government', name: `Студенттік үкімет ${tag}` }, 201);
  const commission = await apiExpect(admin, 'POST', '/api/v1/bodies', { template: 'election_commission', name: `Сайлау комиссиясы ${tag}` }, 201);
  s.members = [];
  for (const [name, position] of [['Айгүл', 'chair'], ['Бақыт', 'secretary'], ['Санжар', 'member']]) {
    const person = await apiExpect(admin, 'POST', '/api/v1/people', { surname: `${capitalize(randomCyrillic(7))}ова`, name }, 201);
    const login = `trust_${uniqueSuffix()}`;
    await apiExpect(admin, 'POST', '/api/v1/users', { login, password: PASSWORD, display_name: name, roles: ['curator'], person_id: person.id }, 201);
    await apiExpect(admin, 'POST', `/api/v1/bodies/${commission.id}/members`, { person_id: person.id, position, starts_on: '2020-01-01', accepted_regulation: true }, 201);
    s.members.push({ person, login });
  }
  const used = new Set((await apiExpect(admin, 'GET', '/api/v1/elections', undefined, 200)).items.map((e) => e.academic_year));
  let year = 2400 + Math.floor(Math.random() * 3000);
  while (used.has(`${year}-${year + 1}`)) year++;
  s.election = await apiExpect(admin, 'POST', '/api/v1/elections', { academic_year: `${year}-${year + 1}`, commission_body_id: commission.id, government_body_id: gov.id }, 201);
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

const state = (page, value) => page.locator(`[data-testid=keys-page][data-state=${value}]`).waitFor({ timeout: STEP_TIMEOUT });

test('three commission members make the election key in their browsers, the page moving on by itself', { timeout: 300_000 }, async () => {
  const sizes = [{ width: 390, height: 844 }, { width: 1366, height: 900 }, { width: 1280, height: 900 }];
  const pages = [];
  for (let i = 0; i < 3; i++) pages.push(await session(s.members[i].login, sizes[i]));
  const [a, b, c] = pages;
  // From the commission's workspace to the page.
  await a.goto(`/elections/${s.election.id}`);
  await a.locator('[data-testid=keys-link]').click();
  await a.waitForURL(`**/elections/${s.election.id}/keys`);
  for (const p of [b, c]) await p.goto(`/elections/${s.election.id}/keys`);
  await state(a, 'not_started');
  await a.locator('[data-testid=start-ceremony]').click();
  for (const p of pages) await p.locator('[data-testid=step-key]').waitFor({ timeout: STEP_TIMEOUT });
  // Every trustee is listed by name; the threshold is a majority.
  for (const m of s.members) await a.locator('[data-testid=trustees] li', { hasText: m.person.surname }).waitFor();
  await a.setViewportSize({ width: 360, height: 800 });
  await a.screenshot({ path: join(SHOTS, 'keys-step1-360.png'), fullPage: true });
  await b.screenshot({ path: join(SHOTS, 'keys-step1-1366.png'), fullPage: true });
  await a.setViewportSize(sizes[0]);

  // Step 1: a passphrase shorter than 8 characters is refused next to the field.
  await a.locator('input[name=passphrase]').fill('short');
  await a.locator('input[name=repeat]').fill('short');
  await a.locator('[data-testid=make-key]').click();
  await a.locator('[data-testid=step-key] [data-field-error]').first().waitFor();
  // A makes a key; then B, as if a member had lost theirs, starts again: A's page goes back to
  // step 1 by itself and A's certificate is no longer marked done.
  await a.locator('input[name=passphrase]').fill('пароль-0-first');
  await a.locator('input[name=repeat]').fill('пароль-0-first');
  await Promise.all([a.waitForEvent('download'), a.locator('[data-testid=make-key]').click()]);
  await a.locator('[data-testid=waiting]').waitFor({ timeout: STEP_TIMEOUT });
  const rowOfA = (page) => page.locator('[data-testid=trustees] li', { hasText: s.members[0].person.surname });
  await rowOfA(b).locator('[data-done=true]').first().waitFor({ timeout: STEP_TIMEOUT });
  await b.locator('[data-testid=restart-ceremony]').click();
  await b.locator('[data-testid=restart-confirm]').click();
  await a.locator('[data-testid=step-key]').waitFor({ timeout: STEP_TIMEOUT });
  assert.equal(await rowOfA(a).locator('[data-done=true]').count(), 0);

  const files = [];
  for (const [i, p] of pages.entries()) {
    await p.locator('input[name=passphrase]').fill(`пароль-${i}-trustee`);
    await p.locator('input[name=repeat]').fill(`пароль-${i}-trustee`);
    const [download] = await Promise.all([p.waitForEvent('download'), p.locator('[data-testid=make-key]').click()]);
    assert.match(download.suggestedFilename(), new RegExp(`^kenes-election-${s.election.id}-trustee-\\d\\.key$`));
    files.push(await download.path());
    if (i < 2) await p.locator('[data-testid=waiting]').waitFor({ timeout: STEP_TIMEOUT });
  }

  // Step 2 appears by itself on every page once the last certificate is in.
  for (const p of pages) await p.locator('[data-testid=step-polynomial]').waitFor({ timeout: STEP_TIMEOUT });
  // A and B come back later (the key is no longer in the page's memory): a wrong passphrase is
  // refused, the right one unlocks A's sealed copy; B uses the downloaded key file. C goes on.
  for (const p of [a, b]) {
    await p.reload();
    await p.locator('[data-testid=step-polynomial]').waitFor({ timeout: STEP_TIMEOUT });
  }
  await a.locator('input[name=passphrase]').fill('not-the-passphrase');
  await a.locator('[data-testid=make-polynomial]').click();
  await a.locator('[data-testid=step-polynomial] [data-field-error]').first().waitFor();
  await a.locator('input[name=passphrase]').fill('пароль-0-trustee');
  await a.locator('[data-testid=make-polynomial]').click();
  await b.locator('[data-testid=key-file]').setInputFiles(files[1]);
  await b.locator('[data-testid=make-polynomial]').click();
  await c.locator('[data-testid=make-polynomial]').click();

  // Step 3 appears by itself; the key is still unlocked in each page.
  for (const p of pages) await p.locator('[data-testid=step-voutput]').waitFor({ timeout: STEP_TIMEOUT });
  for (const p of pages) await p.locator('[data-testid=make-voutput]').click();

  for (const p of pages) {
    await state(p, 'complete');
    await p.locator('[data-testid=in-list][data-ok=true]').waitFor();
  }
  const fingerprints = await Promise.all(pages.map((p) => p.locator('[data-testid=fingerprint]').innerText()));
  assert.match(fingerprints[0], /^\S{4} \S{4} \S{4}$/);
  assert.ok(fingerprints.every((f) => f === fingerprints[0]), 'every trustee sees the same fingerprint');
  const status = await apiExpect(a, 'GET', `/api/v1/elections/${s.election.id}/trustees`, undefined, 200);
  assert.equal(status.state, 'complete');
  assert.ok(status.fingerprint.startsWith(fingerprints[0].replaceAll(' ', '')));
  for (const p of pages) assert.deepEqual(p.problems, []);
  await a.setViewportSize({ width: 360, height: 800 });
  await a.evaluate(() => window.scrollTo(0, 0));
  await a.screenshot({ path: join(SHOTS, 'keys-complete-360.png'), fullPage: true });
  await b.screenshot({ path: join(SHOTS, 'keys-complete-1366.png'), fullPage: true });
});
