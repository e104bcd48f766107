// Shared set-up for the end-to-end tests: Debian's chromium driven by playwright-core (never a
// downloaded browser), the server under test from KENES_URL, and the shared message catalogs
// so tests assert the texts people actually read.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = join(HERE, '..', '..', '..');
const webRequire = createRequire(join(REPO_ROOT, 'web', 'package.json'));
const { chromium } = webRequire('playwright-core');
const { IntlMessageFormat } = webRequire('intl-messageformat');

if (!process.env.KENES_URL) {
  throw new Error('KENES_URL is not set: start `kenes serve` with demo data and the built web/dist, then run KENES_URL=http://127.0.0.1:PORT npm run e2e (see tests/e2e/README.md)');
}
export const BASE = process.env.KENES_URL.replace(/\/+$/, '');
export const DEMO_PASSWORD = 'kenes-demo-2026';
export const CHROMIUM = process.env.KENES_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = process.env.KENES_E2E_ARTIFACTS ?? join(tmpdir(), 'kenes-e2e');
mkdirSync(ARTIFACTS, { recursive: true });

const catalogs = Object.fromEntries(
  ['kk', 'ru', 'en'].map((locale) => [locale, JSON.parse(readFileSync(join(REPO_ROOT, 'web', 'locales', `${locale}.json`), 'utf8'))]),
);

/** The catalog text of `key` in `locale`, formatted like the UI and the server do. */
export function msg(locale, key, values) {
  const source = catalogs[locale][key];
  if (source === undefined) throw new Error(`no message ${key} in ${locale}`);
  return String(new IntlMessageFormat(source, locale).format(values));
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A fresh browser context (own cookies and localStorage) and page. Console errors and CSP
 * violations are collected: a page that breaks the server's CSP is a bug, not noise.
 */
export async function openPage(browser, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, baseURL: BASE });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) page.problems.push(message.text());
  });
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/**
 * Signs in through the login form and waits until the app has left /login. With `locale`,
 * the UI (and the account's stored language) is then set to it, whatever an earlier run left.
 */
export async function signIn(page, login, { password = DEMO_PASSWORD, locale = 'kk' } = {}) {
  await page.goto('/login');
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST'),
    page.locator('form button[type=submit]').click(),
  ]);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.locator('.user-menu-button').waitFor();
  if (locale) await switchLanguage(page, locale);
}

/** Clicks a language button and, when signed in, waits for the account setting to be saved. */
export async function switchLanguage(page, locale, { signedIn = true } = {}) {
  const button = page.locator(`.lang-switch button[data-locale=${locale}]`);
  if ((await button.getAttribute('aria-pressed')) === 'true') return;
  if (signedIn) {
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH' && r.ok()),
      button.click(),
    ]);
  } else {
    await button.click();
  }
  await page.waitForFunction((code) => document.documentElement.lang === code, locale);
}

/** The text of the error shown next to the input named `name` (via aria-describedby). */
export async function fieldError(page, name) {
  const input = page.locator(`[name="${name}"]`).first();
  const described = await input.getAttribute('aria-describedby');
  if (!described) return null;
  const texts = [];
  for (const id of described.split(/\s+/)) {
    const element = page.locator(`[id="${id}"][data-field-error]`);
    if (await element.count()) texts.push((await element.innerText()).trim());
  }
  return texts.join(' ') || null;
}

/** Lower-case Cyrillic letters only: names that survive any validation of "a name". */
export function randomCyrillic(length = 6) {
  const letters = 'абвгдежзиклмнопрстуфхцшэюя';
  return Array.from(randomBytes(length), (byte) => letters[byte % letters.length]).join('');
}

export function capitalize(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function uniqueSuffix() {
  return `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
}

/** Calls the API with the page's session (cookie + CSRF), for set-up and clean-up steps. */
export async function apiFromPage(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = await (await fetch('/api/v1/session')).json();
      const response = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token ?? '', Accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let json = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      return { status: response.status, json };
    },
    { method, path, body },
  );
}

/** apiFromPage that asserts the status and answers the JSON (set-up steps that must succeed). */
export async function apiExpect(page, method, path, body, expected) {
  const answer = await apiFromPage(page, method, path, body);
  assert.equal(answer.status, expected, `${method} ${path}: ${JSON.stringify(answer.json)}`);
  return answer.json;
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Waits until `locator` shows exactly `expected` (trimmed; or contains it with {contains: true}),
 * the way Playwright's expect auto-waits: a read right after an action may see the old text.
 * Fails with the text it last saw.
 */
export async function expectText(locator, expected, { contains = false, timeout } = {}) {
  const pattern = new RegExp(contains ? escapeRegExp(expected) : `^\\s*${escapeRegExp(expected)}\\s*$`);
  try {
    await locator.filter({ hasText: pattern }).first().waitFor({ timeout });
  } catch (error) {
    const seen = await locator.first().innerText({ timeout: 1000 }).catch(() => '(no element)');
    throw new Error(`expected ${contains ? 'a text containing' : 'the text'} "${expected}", saw "${seen.trim()}": ${error.message.split('\n')[0]}`);
  }
}

/** Draws a zigzag on the page's signature pad with the mouse, as a voter signs for a ballot at a station. */
export async function drawSignature(page) {
  const box = await page.locator('[data-testid=signature-pad]').boundingBox();
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + box.height / 2 + (i % 2 ? 20 : -20));
  await page.mouse.up();
}
