// Accounts for everyone, end to end: the administrator issues accounts for a group from the
// people directory and downloads the activation sheet; a student and a parent each activate with
// the code from their slip on a 360x740 phone and land signed in. The codes are read from the
// sheet's PDF text, as from the paper.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiFromPage, ARTIFACTS, capitalize, fieldError, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';

const SHOTS = process.env.KENES_SHOTS ?? join(ARTIFACTS, 'shots');
mkdirSync(SHOTS, { recursive: true });
const PASSWORD = 'Көктем-гүлі-2026!';

let browser;
let admin;
let group;
let student;
let parent;
let codes;   // login -> code, from the sheet

before(async () => {
  browser = await launchBrowser();
  admin = await openPage(browser);
  await signIn(admin.page, 'admin');
  const g = await apiFromPage(admin.page, 'POST', '/api/v1/groups', { name: `БЕЛ-${uniqueSuffix()}`, course: 1 });
  assert.equal(g.status, 201, JSON.stringify(g.json));
  group = g.json;
  const s = await apiFromPage(admin.page, 'POST', '/api/v1/people', {
    surname: `Белсенді${randomCyrillic(5)}`, name: 'Аружан',
    student: { student_number: `E2E-A-${uniqueSuffix()}`, course: 1, group_id: group.id },
  });
  assert.equal(s.status, 201, JSON.stringify(s.json));
  student = s.json;
  const p = await apiFromPage(admin.page, 'POST', '/api/v1/people', { surname: `Ата-ана${randomCyrillic(5)}`, name: capitalize(randomCyrillic(5)) });
  assert.equal(p.status, 201, JSON.stringify(p.json));
  parent = p.json;
  const link = await apiFromPage(admin.page, 'POST', `/api/v1/people/${student.id}/representatives`, { representative_id: parent.id, kind: 'mother' });
  assert.equal(link.status, 201, JSON.stringify(link.json));
});

after(async () => {
  await admin?.context.close();
  await browser?.close();
});

test('the administrator issues accounts for a group and downloads the activation sheet', async () => {
  const { page } = admin;
  await page.goto(`/people?group_id=${group.id}`);
  await page.locator('[data-testid=open-issue-accounts]').click();
  const panel = page.locator('[data-testid=issue-accounts]');
  await panel.waitFor();
  assert.equal(await panel.locator('select[name=group_id]').inputValue(), String(group.id), 'the filtered group is proposed');
  // A validity out of range is said next to the field, and nothing is sent.
  await panel.locator('input[name=valid_days]').fill('0');
  await panel.locator('[data-testid=issue-submit]').click();
  await panel.locator('input[name=valid_days][aria-invalid=true]').waitFor();
  assert.equal(await fieldError(page, 'valid_days'), msg('kk', 'ui.accounts.invalid_valid_days'));
  await panel.locator('input[name=valid_days]').fill('7');
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/account-batches') && r.request().method() === 'POST'),
    panel.locator('[data-testid=issue-submit]').click(),
  ]);
  assert.equal(answer.status(), 201);
  const result = page.locator('[data-testid=issue-result]');
  await result.waitFor();
  assert.equal((await result.locator('[data-testid=issued-students]').innerText()).trim(), msg('kk', 'ui.accounts.issued_students', { count: 1 }));
  assert.equal((await result.locator('[data-testid=issued-representatives]').innerText()).trim(), msg('kk', 'ui.accounts.issued_representatives', { count: 1 }));
  const [download] = await Promise.all([page.waitForEvent('download'), result.locator('[data-testid=download-sheet]').click()]);
  const file = join(ARTIFACTS, `activation-sheet-${uniqueSuffix()}.pdf`);
  await download.saveAs(file);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  codes = new Map([...text.matchAll(/Логин: *(\S+)\s+Белсендіру коды:\s*(\S+)/g)].map((m) => [m[1], m[2]]));
  assert.equal(codes.size, 2, text);
  assert.ok(text.includes(student.surname) && text.includes(parent.surname));
  // A picture of the sheet to look at.
  const prefix = join(SHOTS, 'activation-sheet');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, prefix]);
});

async function loginOf(personId) {
  const answer = await apiFromPage(admin.page, 'GET', `/api/v1/people/${personId}/account`);
  return answer.json.account.login;
}

test('a student activates from the QR link on a 360 px phone and lands signed in', async () => {
  const login = await loginOf(student.id);
  const code = codes.get(login);
  assert.ok(code, `the sheet has ${login}`);
  const phone = await openPage(browser, { width: 360, height: 740 });
  try {
    const { page } = phone;
    await page.goto(`/activate?login=${encodeURIComponent(login)}&code=${encodeURIComponent(code)}`);
    await page.locator('[data-testid=activate-form]').waitFor();
    assert.equal(await page.locator('input[name=login]').inputValue(), login);
    assert.equal(await page.locator('input[name=code]').inputValue(), code);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no horizontal scroll at 360 px');
    await page.screenshot({ path: join(SHOTS, 'activate-360-kk.png'), fullPage: true });
    // A weak password: the server's reason next to the field, the code still valid.
    await page.locator('input[name=password]').fill('1234567890');
    await page.locator('[data-testid=activate-submit]').click();
    await page.locator('input[name=password][aria-invalid=true]').waitFor();
    assert.equal(await fieldError(page, 'password'), msg('kk', 'field.password_sequence'));
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('[data-testid=activate-submit]').click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.locator('.user-menu-button, .menu-button').first().waitFor();
    const me = await apiFromPage(page, 'GET', '/api/v1/me');
    assert.equal(me.json.user.login, login);
    assert.deepEqual(page.problems, []);
  } finally {
    await phone.context.close();
  }
});

test('a parent types the login and code from the slip on a 360 px phone and lands signed in', async () => {
  const login = await loginOf(parent.id);
  const code = codes.get(login);
  assert.ok(code, `the sheet has ${login}`);
  const phone = await openPage(browser, { width: 360, height: 740 });
  try {
    const { page } = phone;
    await page.goto('/login');
    await page.locator('a[href="/activate"]').click();
    await page.locator('[data-testid=activate-form]').waitFor();
    // A code too short is refused before asking the server.
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=code]').fill(code.slice(0, 10));
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('[data-testid=activate-submit]').click();
    await page.locator('input[name=code][aria-invalid=true]').waitFor();
    assert.equal(await fieldError(page, 'code'), msg('kk', 'ui.activate.code_malformed'));
    // Typed as people do: lower case, with spaces.
    await page.locator('input[name=code]').fill('');
    await page.locator('input[name=code]').pressSequentially(code.toLowerCase().replaceAll('-', ' '));
    assert.equal(await page.locator('input[name=code]').inputValue(), code, 'shown in groups of four');
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('[data-testid=activate-submit]').click();
    await page.waitForURL((url) => url.pathname === '/');
    const me = await apiFromPage(page, 'GET', '/api/v1/me');
    assert.equal(me.json.user.login, login);
    assert.deepEqual(me.json.user.roles, ['legal_representative']);
    assert.deepEqual(page.problems, []);
  } finally {
    await phone.context.close();
  }
});

test('the activation page at 1366 px, and the person page shows the account activated', async () => {
  const wide = await openPage(browser, { width: 1366, height: 900 });
  try {
    await wide.page.goto('/activate');
    await wide.page.locator('[data-testid=activate-form]').waitFor();
    await wide.page.screenshot({ path: join(SHOTS, 'activate-1366-kk.png') });
  } finally {
    await wide.context.close();
  }
  const { page } = admin;
  await page.goto(`/people/${student.id}`);
  const section = page.locator('[data-testid=account-section]');
  await section.waitFor();
  await section.locator('[data-testid=account-status][data-status=activated]').waitFor();
  assert.equal((await section.locator('[data-testid=account-status]').innerText()).trim(), msg('kk', 'ui.account.status_activated'));
});
