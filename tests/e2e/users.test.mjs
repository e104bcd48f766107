// Users and roles: create a user, grant a role, API tokens shown once and revoked, and the new
// account signs in with exactly the navigation its roles allow.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiFromPage, capitalize, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';

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

const login = `e2e_${uniqueSuffix()}`;
const password = 'e2e-password-2026';
const newPassword = 'e2e-password-reset-2026';

test('create a user with the staff role, then grant the curator role', async () => {
  const { page } = admin;
  await page.goto('/users');
  await page.locator('.page-actions a[href="/users/new"]').click();
  await page.waitForURL((url) => url.pathname === '/users/new');
  await page.locator('input[name=roles][value=staff]').waitFor();

  // A too-short password is refused next to the field.
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=display_name]').fill('Е2Е Тексеруші');
  await page.locator('input[name=password]').fill('short');
  await page.locator('input[name=roles][value=staff]').check();
  const [refused] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/users' && r.request().method() === 'POST'),
    page.locator('form button[type=submit]').click(),
  ]);
  assert.equal(refused.status(), 422);
  const passwordInput = page.locator('input[name=password]');
  await page.locator('input[name=password][aria-invalid=true]').waitFor();
  const problem = await refused.json();
  const passwordProblem = problem.errors.find((e) => e.field === 'password');
  assert.ok(passwordProblem, JSON.stringify(problem));
  const describedBy = (await passwordInput.getAttribute('aria-describedby')).split(' ');
  const errorText = await page.locator(`[id="${describedBy[0]}"]`).innerText();
  assert.equal(errorText.trim(), passwordProblem.message);

  await passwordInput.fill(password);
  // The account belongs to a person chosen with the picker.
  const person = (await apiFromPage(page, 'POST', '/api/v1/people', { surname: `Тіркелгі${randomCyrillic(6)}`, name: capitalize(randomCyrillic(5)), staff: { position: 'E2E' } })).json;
  await page.locator('input[name=person_id]').fill(person.surname);
  await page.locator(`[role=option][data-person-id="${person.id}"]`).click();
  const [created] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/users' && r.request().method() === 'POST'),
    page.locator('form button[type=submit]').click(),
  ]);
  assert.equal(created.status(), 201, await created.text());
  assert.equal(JSON.parse(created.request().postData()).person_id, person.id);
  assert.equal((await created.json()).person_id, person.id);
  await page.waitForURL((url) => /^\/users\/[^/]+$/.test(url.pathname) && url.searchParams.get('created') === '1');
  await page.locator('[role=status]', { hasText: msg('kk', 'ui.users.created') }).waitFor();
  assert.equal(await page.locator('input[name=roles][value=staff]').isChecked(), true);
  assert.equal(await page.locator('input[name=roles][value=curator]').isChecked(), false);

  await page.locator('input[name=roles][value=curator]').check();
  const [patched] = await Promise.all([
    page.waitForResponse((r) => /^\/api\/v1\/users\/[^/]+$/.test(new URL(r.url()).pathname) && r.request().method() === 'PATCH'),
    page.locator('[data-testid=account-form] button[type=submit]').click(),
  ]);
  assert.equal(patched.status(), 200, await patched.text());
  assert.deepEqual(JSON.parse(patched.request().postData()).roles.sort(), ['curator', 'staff']);
  await page.locator('[data-testid=account-form] [role=status]', { hasText: msg('kk', 'ui.common.saved') }).waitFor();

  // The list shows both roles, by their Kazakh names.
  await page.goto('/users');
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/users?') && new URL(r.url()).searchParams.get('q') === login),
    page.locator('#users-search').fill(login),
  ]);
  const roles = page.locator(`[data-testid=users-table] tr[data-login="${login}"] [data-testid=user-roles]`);
  await roles.waitFor();
  const text = await roles.innerText();
  assert.ok(text.includes(msg('kk', 'ui.role.staff')) && text.includes(msg('kk', 'ui.role.curator')), text);
});

test('after an admin password reset the new account signs in and sees People but not Users or Audit', async () => {
  const { page: adminPage } = admin;
  await adminPage.goto('/users');
  await Promise.all([
    adminPage.waitForResponse((r) => r.url().includes('/api/v1/users?') && new URL(r.url()).searchParams.get('q') === login),
    adminPage.locator('#users-search').fill(login),
  ]);
  await adminPage.locator(`[data-testid=users-table] tr[data-login="${login}"] a`).click();
  await adminPage.locator('input[name=new_password]').fill(newPassword);
  const [reset] = await Promise.all([
    adminPage.waitForResponse((r) => /\/api\/v1\/users\/[^/]+\/password$/.test(new URL(r.url()).pathname)),
    adminPage.locator('button', { hasText: msg('kk', 'ui.users.reset_password_submit') }).click(),
  ]);
  assert.equal(reset.status(), 204);
  await adminPage.locator('[role=status]', { hasText: msg('kk', 'ui.users.password_reset_done') }).waitFor();

  const { context, page } = await openPage(browser);
  try {
    await signIn(page, login, { password: newPassword });
    await page.locator('nav#main-nav a[data-nav="/people"]').waitFor();
    assert.equal(await page.locator('a[data-nav="/users"]').count(), 0);
    assert.equal(await page.locator('a[data-nav="/audit"]').count(), 0);
  } finally {
    await context.close();
  }
});

test('an API token is shown once and can be revoked', async () => {
  const { page } = admin;
  await page.goto('/users');
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/users?') && new URL(r.url()).searchParams.get('q') === login),
    page.locator('#users-search').fill(login),
  ]);
  // The account page reads the account itself (GET /api/v1/users/{id}), also on a bare deep link.
  const [account] = await Promise.all([
    page.waitForResponse((r) => /^\/api\/v1\/users\/[^/]+$/.test(new URL(r.url()).pathname) && r.request().method() === 'GET'),
    page.locator(`[data-testid=users-table] tr[data-login="${login}"] a`).click(),
  ]);
  assert.equal(account.status(), 200);
  await page.waitForURL((url) => /^\/users\/[^/]+$/.test(url.pathname) && url.search === '');
  assert.equal(new URL(page.url()).pathname, new URL(account.url()).pathname.replace('/api/v1', ''));
  await page.locator('h1', { hasText: (await account.json()).display_name }).waitFor();
  const tokenName = `e2e-token-${uniqueSuffix()}`;
  await page.locator('input[name=token_name]').fill(tokenName);
  const [created] = await Promise.all([
    page.waitForResponse((r) => /\/tokens$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST'),
    page.locator('button', { hasText: msg('kk', 'ui.tokens.create') }).click(),
  ]);
  assert.equal(created.status(), 201, await created.text());
  const { token } = await created.json();
  assert.ok(token && token.length >= 16);
  assert.equal(await page.locator('[data-testid=new-token]').inputValue(), token);
  const row = page.locator('[data-testid=tokens-table] tbody tr', { hasText: tokenName });
  await row.waitFor();

  // The token works as a bearer token.
  const me = await page.evaluate(async (bearer) => (await fetch('/api/v1/me', { headers: { Authorization: `Bearer ${bearer}` }, credentials: 'omit' })).status, token);
  assert.equal(me, 200);

  // Reloading never shows it again.
  await page.reload();
  await row.waitFor();
  assert.equal(await page.locator('[data-testid=new-token]').count(), 0);

  page.once('dialog', (dialog) => dialog.accept());
  const [revoked] = await Promise.all([
    page.waitForResponse((r) => /\/tokens\/[^/]+$/.test(new URL(r.url()).pathname) && r.request().method() === 'DELETE'),
    row.locator('button').click(),
  ]);
  assert.equal(revoked.status(), 204);
  await row.waitFor({ state: 'detached' });
  const after = await page.evaluate(async (bearer) => (await fetch('/api/v1/me', { headers: { Authorization: `Bearer ${bearer}` }, credentials: 'omit' })).status, token);
  assert.equal(after, 401);
});
