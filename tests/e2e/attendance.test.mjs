// The attendance journal on phones (360 px): the demo curator marks a week of a new group of
// theirs ("all present", a tap for the exceptions, one save a day); the 4th lateness of the term
// proposes a minor infraction (DISC-ESC-1), which the curator confirms into the discipline
// module. The demo parent then justifies a day of their daughter's with a photographed
// certificate (ATT-1), and the coordinator accepts it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { join } from 'node:path';
import { apiFromPage, ARTIFACTS, capitalize, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';

const CLOCK = process.env.KENES_CLOCK_FILE;
const PHONE = { width: 360, height: 740 };
let browser;
let week = [];
let group;
let students = [];
let movedClock = false;

const iso = (ms) => new Date(ms + 5 * 3600e3).toISOString().slice(0, 10);   // Almaty (GEN-2)

/** A small valid PNG: a "photo" of the certificate. */
function png() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(4, 0);
  ihdr.writeUInt32BE(4, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(4 * 13))), chunk('IEND', Buffer.alloc(0))]);
}

before(async () => {
  browser = await launchBrowser();
  const { context, page } = await openPage(browser);
  await signIn(page, 'admin');
  // Five school days of one week, in the past and within a term; when today leaves no such week
  // (the first days of a term, the summer), the server clock moves to late November.
  const terms = (await apiFromPage(page, 'GET', '/api/v1/attendance/terms')).json.terms;
  const inTerm = (d) => terms.some((t) => t.starts_on <= d && d <= t.ends_on);
  const pick = (nowMs) => {
    const days = [];
    for (let back = 1; back < 40 && days.length < 5; back++) {
      const ms = nowMs - back * 86400e3;
      const day = new Date(ms + 5 * 3600e3).getUTCDay();
      if (day === 0 || day === 6) continue;
      if (!inTerm(iso(ms))) break;
      days.unshift(iso(ms));
    }
    return days;
  };
  week = pick(Date.now());
  if (week.length < 5 && CLOCK) {
    const now = new Date(Date.now() + 5 * 3600e3);
    const first = now.getUTCMonth() + 1 >= 9 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
    const at = Date.parse(`${first}-11-28T12:00:00+05:00`);
    writeFileSync(CLOCK, String(at));
    movedClock = true;
    week = pick(at);
  }
  assert.equal(week.length, 5, `a week of school days in a term: ${JSON.stringify(terms)}`);
  // A new group of the demo curator's, with three students.
  const curatorPage = await openPage(browser);
  await signIn(curatorPage.page, 'curator');
  const curator = { id: (await apiFromPage(curatorPage.page, 'GET', '/api/v1/session')).json.user.person_id };
  await curatorPage.context.close();
  const tag = capitalize(randomCyrillic(4));
  const created = await apiFromPage(page, 'POST', '/api/v1/groups', { name: `ЖК-${tag}-${uniqueSuffix().slice(-4)}`, course: 1, curator_person_id: curator.id });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  group = created.json;
  for (const name of ['Арман', 'Бекзат', 'Дана']) {
    const s = await apiFromPage(page, 'POST', '/api/v1/people', {
      surname: `${tag}${capitalize(randomCyrillic(5))}`, name, student: { student_number: `E2E-A-${uniqueSuffix()}`, course: 1, group_id: group.id },
    });
    assert.equal(s.status, 201, JSON.stringify(s.json));
    students.push(s.json);
  }
  await context.close();
});

after(async () => {
  if (movedClock && CLOCK) writeFileSync(CLOCK, '');
  await browser?.close();
});

const isMark = (r) => new URL(r.url()).pathname === `/api/v1/groups/${group.id}/attendance` && r.request().method() === 'PUT';
const isJournal = (r) => new URL(r.url()).pathname === `/api/v1/groups/${group.id}/attendance` && r.request().method() === 'GET';

test('a curator marks a week on a phone; the 4th lateness proposes an infraction, which the curator confirms (DISC-ESC-1)', async () => {
  const { context, page } = await openPage(browser, PHONE);
  await signIn(page, 'curator');
  await page.goto('/attendance');
  await page.locator(`[data-testid=attendance-groups] a:has-text("${group.name}")`).click();
  await page.locator('[data-testid=attendance-roll]').waitFor();
  const late = students[0];
  for (const [i, day] of week.entries()) {
    await Promise.all([page.waitForResponse((r) => isJournal(r) && r.url().includes(day) && r.ok()), page.locator('input[name=date]').fill(day)]);
    const rows = page.locator('[data-testid=roll-student]');
    assert.equal(await rows.count(), 3);
    await page.locator('[data-testid=all-present]').click();
    // Arman is late the first four days (two taps: absent, then late); Dana is absent on Friday.
    const arman = page.locator(`[data-testid=roll-student]:has-text("${late.surname}")`);
    if (i < 4) {
      await arman.click();
      await arman.click();
      assert.equal(await arman.getAttribute('data-mark'), 'late');
    }
    if (i === 4) await page.locator(`[data-testid=roll-student]:has-text("${students[2].surname}")`).click();
    const [saved] = await Promise.all([page.waitForResponse((r) => isMark(r)), page.locator('[data-testid=attendance-save]').click()]);
    assert.equal(saved.status(), 200, await saved.text());
    const body = await saved.json();
    assert.equal(body.proposed.length, i === 3 ? 1 : 0, `day ${i + 1}: a proposal only on the 4th lateness`);
  }
  // The tap targets are big and the page fits the phone.
  const box = await page.locator('[data-testid=roll-student]').first().boundingBox();
  assert.ok(box.height >= 48, `tap target ${box.height}px`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no horizontal scrolling at 360 px');
  await page.screenshot({ path: join(ARTIFACTS, 'attendance-journal-360.png'), fullPage: true });

  // The proposal waits on the journal and in "needs you".
  const proposal = page.locator('[data-testid=attendance-proposal]').filter({ hasText: late.surname });
  await proposal.waitFor();
  await page.goto('/');
  await page.locator('a[href^="/attendance/groups/"]').filter({ hasText: late.surname }).first().click();
  await proposal.waitFor();
  const [confirmed] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/attendance-proposals\/[^/]+\/confirm$/.test(new URL(r.url()).pathname)),
    proposal.locator('[data-testid=proposal-confirm]').click(),
  ]);
  assert.equal(confirmed.status(), 200, await confirmed.text());
  const result = await confirmed.json();
  assert.equal(result.status, 'confirmed');
  await proposal.waitFor({ state: 'detached' });
  const incident = await apiFromPage(page, 'GET', `/api/v1/incidents/${result.incident_id}`);
  assert.equal(incident.status, 200, JSON.stringify(incident.json));
  assert.equal(incident.json.kind_code, 'lateness');
  assert.equal(incident.json.source, 'attendance');
  await context.close();
});

test('a parent justifies a day with a photographed certificate on a phone; the coordinator accepts it (ATT-1)', async () => {
  const { context, page } = await openPage(browser, PHONE);
  await signIn(page, 'parent');
  await page.goto('/attendance');
  await page.locator('[data-testid=attendance-child]').first().click();
  const form = page.locator('[data-testid=justification-form]');
  await form.waitFor();
  // A parent may bring illness, a doctor's visit or family matters, not an olympiad.
  const reasons = await form.locator('select[name=reason] option').evaluateAll((options) => options.map((o) => o.value));
  assert.deepEqual(reasons, ['illness', 'doctor', 'family']);
  await form.locator('select[name=reason]').selectOption('doctor');
  await form.locator('input[name=from]').fill(week[1]);
  await form.locator('input[name=to]').fill(week[1]);
  await form.locator('textarea[name=note]').fill('Тіс дәрігері, талон қоса беріледі');
  await form.locator('[data-testid=justification-file]').setInputFiles({ name: 'anyqtama.png', mimeType: 'image/png', buffer: png() });
  const [, uploaded] = await Promise.all([
    page.waitForResponse((r) => /\/attendance\/justifications$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST'),
    page.waitForResponse((r) => /\/api\/v1\/attendance-justifications\/[^/]+\/document$/.test(new URL(r.url()).pathname) && r.request().method() === 'PUT'),
    form.locator('[data-testid=justification-submit]').click(),
  ]);
  assert.equal(uploaded.status(), 200, await uploaded.text());
  const justification = await uploaded.json();
  assert.equal(justification.document.content_type, 'image/png');
  await form.locator('.alert').filter({ hasText: msg('kk', 'ui.attendance.justification_sent') }).waitFor();
  const line = page.locator('[data-testid=justification]').filter({ hasText: msg('kk', 'ui.attendance.reason.doctor') }).first();
  assert.equal((await line.locator('[data-testid=justification-status]').innerText()).trim(), msg('kk', 'ui.attendance.justification_status.pending'));
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no horizontal scrolling at 360 px');
  await page.screenshot({ path: join(ARTIFACTS, 'attendance-justification-360.png'), fullPage: true });
  await context.close();

  const staff = await openPage(browser);
  await signIn(staff.page, 'staff');
  await staff.page.goto('/attendance/justifications');
  const card = staff.page.locator('[data-testid=justification-card]').filter({ hasText: 'Тіс дәрігері' }).first();
  await card.waitFor();
  const [decided] = await Promise.all([
    staff.page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/attendance-justifications/${justification.id}/decision`),
    card.locator('[data-testid=justification-accept]').click(),
  ]);
  assert.equal(decided.status(), 200, await decided.text());
  assert.equal((await decided.json()).status, 'accepted');
  await staff.context.close();
});
