// Notifications in the browser: a council whose last session was 240 days ago is overdue (MTG-1);
// the overdue-bodies job notifies its chair, who sees the unread count on the header bell (none
// before), opens /notifications, reads the message and marks it read (the bell goes away).
// Then a session is convened with its agenda: a Kazakh and a Russian member see the bell rise
// without a reload, find the invitation, receive it by e-mail in their language (the SMTP sink of
// tests/run-e2e.sh, KENES_SMTP_SINK), and the Kazakh member signs the protocol from the notice.
// The job needs the server's database: KENES_DB (and KENES_BIN), or else they are read from the
// running `kenes serve --port <port>` process on this machine (tests/run-e2e.sh starts one). Without
// either, only the empty page and the hidden bell are checked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiExpect, ARTIFACTS, BASE, capitalize, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';

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
let memberKk;
let memberRu;
const setup = {};
const SHOTS = '/work/shots';

before(async () => {
  browser = await launchBrowser();
  admin = await openPage(browser);
  const { page } = admin;
  await signIn(page, 'admin');
  setup.body = await apiExpect(page, 'POST', '/api/v1/bodies', { template: 'council', name: `Ұйықтаған кеңес ${tag} ${uniqueSuffix()}` }, 201);
  setup.person = await apiExpect(page, 'POST', '/api/v1/people', { surname: `${capitalize(randomCyrillic(7))}ов`, name: 'Төраға' }, 201);
  setup.login = `ntf_${uniqueSuffix()}`;
  await apiExpect(page, 'POST', '/api/v1/users', { login: setup.login, password: PASSWORD, display_name: 'Төраға', roles: ['student'], person_id: setup.person.id }, 201);
  await apiExpect(page, 'POST', `/api/v1/bodies/${setup.body.id}/members`, { person_id: setup.person.id, position: 'chair', starts_on: '2025-09-01', accepted_regulation: true }, 201);
  const longAgo = new Date(Date.now() - 240 * 86400e3).toISOString().slice(0, 10);
  await apiExpect(page, 'POST', `/api/v1/bodies/${setup.body.id}/meetings`, { held_on: longAgo, starts_at: '00:00', place: 'Зал', convened_by: setup.person.id }, 201);
  const detail = await apiExpect(page, 'GET', `/api/v1/bodies/${setup.body.id}`, undefined, 200);
  assert.equal(detail.overdue, true, 'the council is overdue');
  chair = await openPage(browser, { width: 360, height: 740 });
  await signIn(chair.page, setup.login, { password: PASSWORD });
  // The seat and the old session were notices of their own: read, so the overdue one is alone.
  const earlier = await apiExpect(chair.page, 'GET', '/api/v1/me/notifications', undefined, 200);
  for (const n of earlier.items.filter((item) => !item.read)) await apiExpect(chair.page, 'POST', `/api/v1/me/notifications/${n.id}/read`, {}, 204);
});

after(async () => {
  for (const p of [admin, chair, memberKk, memberRu]) {
    if (p) assert.deepEqual(p.page.problems, [], 'no CSP violations or page errors');
  }
  await browser?.close();
});

test('the bell is hidden and the page says so while nothing is unread', async () => {
  const { page } = chair;
  const list = await apiExpect(page, 'GET', '/api/v1/me/notifications', undefined, 200);
  assert.equal(list.unread, 0);
  await page.goto('/notifications');
  await page.getByRole('heading', { name: msg('kk', 'ui.notifications.title') }).waitFor();
  assert.equal(await page.getByTestId('notifications-unread').textContent(), msg('kk', 'ui.notifications.unread_count', { count: 0 }));
  await page.getByTestId('notifications-list').waitFor();
  assert.equal(await page.locator('[data-testid=notifications-list] li.is-unread').count(), 0, 'all read');
  // The bell follows the live count, which may arrive after the list: wait for it to go.
  await page.getByTestId('notification-bell').waitFor({ state: 'detached' });
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
  const item = page.getByTestId('notifications-list').locator('li[data-kind=body_overdue]').filter({ hasText: setup.body.name });
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
  const list = await apiExpect(page, 'GET', '/api/v1/me/notifications', undefined, 200);
  assert.equal(list.unread, 0);
});

/** The number on the bell (0 when it is hidden). */
async function bellCount(page) {
  const bell = page.getByTestId('notification-bell');
  if ((await bell.count()) === 0) return 0;
  return Number(await bell.locator('.bell-count').textContent());
}

/** Waits, without reloading, until the bell shows `count`. */
async function bellShows(page, count) {
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=notification-bell] .bell-count')?.textContent ?? '0') === n, count);
}

async function mailsTo(email) {
  return (await (await fetch(`${process.env.KENES_SMTP_SINK}/messages`)).json()).messages.filter((m) => m.to.includes(email));
}

/** A person with an account and an e-mail address, signed in on a page of their own in `locale`. */
async function memberWithPage(locale, viewport) {
  const page = admin.page;
  const email = `e2e.${uniqueSuffix()}@college.kz`.toLowerCase();
  const person = await apiExpect(page, 'POST', '/api/v1/people', { surname: `${capitalize(randomCyrillic(7))}ова`, name: locale === 'kk' ? 'Айгерім' : 'Мария', email }, 201);
  const login = `ntf_${locale}_${uniqueSuffix()}`;
  await apiExpect(page, 'POST', '/api/v1/users', { login, password: PASSWORD, display_name: person.name, roles: ['student'], person_id: person.id }, 201);
  const opened = await openPage(browser, viewport);
  await signIn(opened.page, login, { password: PASSWORD, locale });
  return { ...opened, person, email, locale };
}

test('a session convened with its agenda: the members see the bell rise live, get the invitation by e-mail in their language, and sign the protocol from the notice', async (t) => {
  if (!process.env.KENES_SMTP_SINK || !process.env.KENES_CLOCK_FILE) {
    t.skip('needs the SMTP sink and the clock file of tests/run-e2e.sh');
    return;
  }
  const { page } = admin;
  const body = await apiExpect(page, 'POST', '/api/v1/bodies', { template: 'club', name: `Дебат клубы ${tag} ${uniqueSuffix()}` }, 201);
  const convener = await apiExpect(page, 'POST', '/api/v1/people', { surname: `${capitalize(randomCyrillic(7))}ов`, name: 'Төраға' }, 201);
  memberKk = await memberWithPage('kk', { width: 360, height: 740 });
  memberRu = await memberWithPage('ru', { width: 1366, height: 900 });
  const today = new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);   // the Almaty date
  await apiExpect(page, 'POST', `/api/v1/bodies/${body.id}/members`, { person_id: convener.id, position: 'chair', starts_on: today, accepted_regulation: true }, 201);
  for (const m of [memberKk, memberRu]) {
    await apiExpect(page, 'POST', `/api/v1/bodies/${body.id}/members`, { person_id: m.person.id, position: 'member', starts_on: today, accepted_regulation: true }, 201);
    await m.page.goto('/');
    await bellShows(m.page, 1);   // "you were added to the club"
  }

  // The secretary's work: the session, then its agenda.
  const meeting = await apiExpect(page, 'POST', `/api/v1/bodies/${body.id}/meetings`, { held_on: today, starts_at: '00:00', place: 'Акт залы', convened_by: convener.id }, 201);
  const agenda = [`Жыл жоспары ${tag}`, `Дебат турнирі ${tag}`];
  for (const title of agenda) await apiExpect(page, 'POST', `/api/v1/meetings/${meeting.id}/items`, { kind: 'other', title, motion: 'Бекітілсін' }, 200);
  // Live: both bells rise without a reload.
  await bellShows(memberKk.page, 2);
  await bellShows(memberRu.page, 2);

  // The Kazakh member follows the bell and finds the invitation.
  await memberKk.page.getByTestId('notification-bell').click();
  await memberKk.page.waitForURL((url) => url.pathname === '/notifications');
  const invitation = memberKk.page.locator('[data-kind=meeting_convened]').filter({ hasText: body.name });
  await invitation.waitFor();
  assert.ok((await invitation.textContent()).includes('Акт залы'));
  await memberKk.page.getByTestId('notification-settings').locator('input[type=checkbox]').first().waitFor();
  mkdirSync(SHOTS, { recursive: true });
  await memberKk.page.screenshot({ path: join(SHOTS, 'notices-360.png'), fullPage: true });
  assert.ok(await memberKk.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll at 360 px');
  await memberRu.page.getByTestId('notification-bell').click();
  await memberRu.page.waitForURL((url) => url.pathname === '/notifications');
  await memberRu.page.locator('[data-kind=meeting_convened]').filter({ hasText: 'Созвано заседание' }).waitFor();

  // The invitation is mailed after two minutes (for the agenda): move the server's clock past them.
  writeFileSync(process.env.KENES_CLOCK_FILE, String(Date.now() + 3 * 60e3));
  try {
    for (const m of [memberKk, memberRu]) {
      // Polls the sink until the invitation is there (the mailer runs every 2 s); a mail that never
      // comes fails with what did come instead of hanging the suite.
      const deadline = Date.now() + 60_000;
      let invitations = [];
      while (invitations.length === 0) {
        const mails = await mailsTo(m.email);
        invitations = mails.filter((mail) => mail.parts.some((part) => part.contentType.startsWith('text/calendar')));
        if (invitations.length > 0) break;
        assert.ok(Date.now() < deadline, `no invitation to ${m.email}; it has: ${JSON.stringify(mails.map((mail) => mail.subject))}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const [mail] = invitations;
      assert.ok(mail.body.includes(agenda[0]) && mail.body.includes(agenda[1]) && mail.body.includes('Акт залы'), mail.body);
      if (m.locale === 'kk') assert.ok(mail.subject.includes('отырысы') && mail.body.includes('Күн тәртібі:'), mail.subject);
      else assert.ok(mail.subject.includes('заседание') && mail.body.includes('Повестка дня:'), mail.subject);
    }
  } finally {
    writeFileSync(process.env.KENES_CLOCK_FILE, '');
  }

  // The session is held and closed: the Kazakh member signs from the signature notice.
  for (const p of [convener, memberKk.person, memberRu.person]) await apiExpect(page, 'PUT', `/api/v1/meetings/${meeting.id}/attendance`, { person_id: p.id, present: true }, 200);
  const before = await bellCount(memberKk.page);
  await apiExpect(page, 'POST', `/api/v1/meetings/${meeting.id}/close`, {}, 201);
  await bellShows(memberKk.page, before + 1);
  const signature = memberKk.page.locator('[data-kind=signature_needed]').filter({ hasText: body.name });
  await signature.waitFor();   // the open page lists the new notice by itself
  await memberKk.page.setViewportSize({ width: 1366, height: 900 });
  await memberKk.page.screenshot({ path: join(SHOTS, 'notices-1366.png'), fullPage: true });
  await memberKk.page.setViewportSize({ width: 360, height: 740 });
  await signature.getByRole('link', { name: msg('kk', 'ui.notifications.open') }).click();
  await memberKk.page.waitForURL((url) => url.pathname === `/meetings/${meeting.id}`);
  const sign = memberKk.page.locator('button[data-action=sign-protocol]');
  await sign.waitFor();
  await sign.click();
  await memberKk.page.locator(`[data-testid=protocol-signers] li[data-person-id="${memberKk.person.id}"][data-signed=true]`).waitFor();
  const protocol = await apiExpect(page, 'GET', `/api/v1/meetings/${meeting.id}/protocol`, undefined, 200);
  assert.ok(protocol.signers.find((s) => String(s.person_id) === String(memberKk.person.id)).signed_at, 'signed');
  // Following the notice read it.
  const list = await apiExpect(memberKk.page, 'GET', '/api/v1/me/notifications', undefined, 200);
  assert.equal(list.items.find((n) => n.kind === 'signature_needed').read, true);
});
