// Notifications in the browser: a council whose last session was 240 days ago is overdue (MTG-1);
// the overdue-bodies job notifies its chair, who sees the unread count on the header bell (none
// before), opens /notifications, reads the message and marks it read (the bell goes away).
// The job needs the server's database: KENES_DB (and KENES_BIN), or else they are read from the
// running `kenes serve --port <port>` process on this machine (tests/run-e2e.sh starts one). Without
// either, only the empty page and the hidden bell are checked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { apiFromPage, ARTIFACTS, BASE, capitalize, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';

const PASSWORD = 'e2e-password-2026';
const tag = capitalize(randomCyrillic(5));

/** The binary and --db of the kenes server behind KENES_URL, if it runs on this machine. */
function serverProcess() {
  if (process.env.KENES_DB && process.env.KENES_BIN) return { bin: process.env.KENES_BIN, db: process.env.KENES_DB };
  const port = new URL(BASE).port;
  if (!port) return null;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const args = readFileSync(join('/proc', pid, 'cmdline'), 'utf8').split('\0');
      const at = args.indexOf('--port');
      const db = args.indexOf('--db');
      if (!args.includes('serve') || at < 0 || args[at + 1] !== port || db < 0) continue;
      return { bin: readlinkSync(join('/proc', pid, 'exe')), db: args[db + 1] };
    } catch {
      // a process that ended or is not ours
    }
  }
  return null;
}

let browser;
let admin;
let chair;
const setup = {};

async function api(page, method, path, body, expected) {
  const answer = await apiFromPage(page, method, path, body);
  assert.equal(answer.status, expected, `${method} ${path}: ${JSON.stringify(answer.json)}`);
  return answer.json;
}

before(async () => {
  browser = await launchBrowser();
  admin = await openPage(browser);
  const { page } = admin;
  await signIn(page, 'admin');
  setup.body = await api(page, 'POST', '/api/v1/bodies', { template: 'council', name: `Ұйықтаған кеңес ${tag} ${uniqueSuffix()}` }, 201);
  setup.person = await api(page, 'POST', '/api/v1/people', { surname: `${capitalize(randomCyrillic(7))}ов`, name: 'Төраға' }, 201);
  setup.login = `ntf_${uniqueSuffix()}`;
  await api(page, 'POST', '/api/v1/users', { login: setup.login, password: PASSWORD, display_name: 'Төраға', roles: ['student'], person_id: setup.person.id }, 201);
  await api(page, 'POST', `/api/v1/bodies/${setup.body.id}/members`, { person_id: setup.person.id, position: 'chair', starts_on: '2025-09-01', accepted_regulation: true }, 201);
  const longAgo = new Date(Date.now() - 240 * 86400e3).toISOString().slice(0, 10);
  await api(page, 'POST', `/api/v1/bodies/${setup.body.id}/meetings`, { held_on: longAgo, starts_at: '00:00', place: 'Зал', convened_by: setup.person.id }, 201);
  const detail = await api(page, 'GET', `/api/v1/bodies/${setup.body.id}`, undefined, 200);
  assert.equal(detail.overdue, true, 'the council is overdue');
  chair = await openPage(browser, { width: 360, height: 740 });
  await signIn(chair.page, setup.login, { password: PASSWORD });
});

after(async () => {
  for (const p of [admin, chair]) {
    if (p) assert.deepEqual(p.page.problems, [], 'no CSP violations or page errors');
  }
  await browser?.close();
});

test('the bell is hidden and the page says so while nothing is unread', async () => {
  const { page } = chair;
  const list = await api(page, 'GET', '/api/v1/me/notifications', undefined, 200);
  assert.equal(list.unread, 0);
  await page.goto('/notifications');
  await page.getByRole('heading', { name: msg('kk', 'ui.notifications.title') }).waitFor();
  assert.equal(await page.getByTestId('notifications-unread').textContent(), msg('kk', 'ui.notifications.unread_count', { count: 0 }));
  assert.equal(await page.getByTestId('notifications-empty').textContent(), msg('kk', 'ui.notifications.empty'));
  assert.equal(await page.getByTestId('notification-bell').count(), 0, 'no bell at zero');
});

test('the overdue job notifies the chair: the bell with the count, the message, mark as read', async (t) => {
  const server = serverProcess();
  if (!server) {
    t.skip('the server database is not reachable (set KENES_DB and KENES_BIN)');
    return;
  }
  execFileSync(server.bin, ['jobs', 'run', 'overdue-bodies', '--db', server.db], { encoding: 'utf8' });
  const { page } = chair;
  await page.goto('/');
  const bell = page.getByTestId('notification-bell');
  await bell.waitFor();
  assert.equal(await bell.getAttribute('aria-label'), msg('kk', 'ui.notifications.bell', { count: 1 }));
  // Keyboard only: focus the bell and follow it.
  await bell.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/notifications');
  const item = page.getByTestId('notifications-list').locator('li').filter({ hasText: setup.body.name });
  await item.waitFor();
  assert.match(await item.textContent(), /MTG-1/);
  assert.ok((await item.textContent()).includes(msg('kk', 'ui.notifications.unread')));
  await page.screenshot({ path: join(ARTIFACTS, 'notifications-360.png'), fullPage: true });
  const noScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(noScroll, 'no horizontal scroll at 360 px');
  const [read] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/v1\/me\/notifications\/[^/]+\/read$/.test(new URL(r.url()).pathname)),
    item.getByRole('button', { name: msg('kk', 'ui.notifications.mark_read') }).click(),
  ]);
  assert.equal(read.status(), 204);
  await item.getByRole('button', { name: msg('kk', 'ui.notifications.mark_read') }).waitFor({ state: 'detached' });
  assert.ok((await item.textContent()).includes(msg('kk', 'ui.notifications.read')));
  await bell.waitFor({ state: 'detached' });
  const list = await api(page, 'GET', '/api/v1/me/notifications', undefined, 200);
  assert.equal(list.unread, 0);
});
