// A verifiable election in the browser (issue 13), on a server whose clock the test moves
// (KENES_CLOCK_FILE). What earlier weeks would have done is set up through the API: a Student
// Government and an Election Commission of three, two registered candidates, the list published,
// the ballot approved, a polling station. Then, through the UI: on election day before 09:00 the
// three commission members make the election key on the "Ballot keys" page, each in their own
// browser (Pedersen, any 2 of 3, keys sealed with a passphrase); the commission issues the voting
// codes once (revote allowed) and the CSV is read. At 09:30 Almaty one student votes by code on
// the public page and one signed in, both on 390 px phones (a typo in the code refused before
// anything is sent; "your vote is cast" only after the server's answer, held back by the test;
// the tracker shown is the one on the board); a third votes at the polling station. At 18:05 the
// commission closes voting and enters the station's paper count; the count is refused without
// the decryptions; two of the three trustees decrypt on the Ballot keys page (the third absent,
// the page shows 2 of 2 needed) and the count combines online and paper votes. The public archive
// passes `belenios-tool election verify`; the voter follows the board link of their receipt, sees
// their ballot on the board and verifies the election in the browser.
// Waits for state, never for time. kk screenshots at 360 and 1366 px in $KENES_SHOTS/verifiable.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiExpect, apiFromPage, BASE, capitalize, drawSignature, expectText, fieldError, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';
import { pdf, png } from './lib/files.mjs';
import { parseVotingCodes } from '../integration/lib/csv.mjs';
import { haveBeleniosTool, tempDir, verifyArchive } from '../integration/lib/belenios.mjs';

const CLOCK = process.env.KENES_CLOCK_FILE;
const PASSWORD = 'e2e-password-2026';
const SHOTS = join(process.env.KENES_SHOTS ?? '/work/shots', 'verifiable');
// Browser cryptography (key shares, encryption, decryption, verification) on a busy 2-core machine.
const CRYPTO_TIMEOUT = 90_000;

let browser;
const contexts = [];
const s = {};
/** Pages wider than the phone they were shot on (reported at the end, not to stop the story). */
const overflows = [];

const pathOf = (response) => new URL(response.url()).pathname;
const waitApi = (page, method, pattern) => page.waitForResponse((r) => r.request().method() === method && pattern.test(pathOf(r)));
const unpadded = (tracker) => tracker.replace(/=+$/, '');

async function expectStatus(response, expected) {
  if (response.status() !== expected) assert.fail(`${response.request().method()} ${pathOf(response)}: ${response.status()} ${await response.text()}`);
}

/** Moves the server's clock to an Almaty wall-clock time (UTC+5). */
function setClock(isoDate, hh, mm) {
  writeFileSync(CLOCK, String(Date.parse(`${isoDate}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+05:00`)));
}

async function newPage(size) {
  const opened = await openPage(browser, size);
  contexts.push(opened.context);
  // Each page runs its own Web Workers of big-number arithmetic: on a busy 2-core machine the
  // other pages' waits need more than the harness's 15 s.
  opened.page.setDefaultTimeout(30_000);
  return opened.page;
}

async function session(login, size) {
  const page = await newPage(size);
  await signIn(page, login, { password: login === 'admin' ? undefined : PASSWORD });
  return page;
}

/** The public API, as anyone would read it. */
async function publicJson(path) {
  const response = await fetch(`${BASE}/api/v1/public/institutions/${s.institution}/elections/${s.election.id}${path}`);
  assert.equal(response.status, 200, `${path}: ${response.status}`);
  return response.json();
}

/**
 * kk screenshots at 360 and 1366 px: the whole page from its top, and with `focus` the state
 * itself (`NAME-part-WIDTH.png`); then the page's own size again. A 360 px page wider than the
 * phone is noted.
 */
async function shoot(page, name, focus) {
  const size = page.viewportSize();
  for (const width of [360, 1366]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    if (width === 360) {
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > 360) overflows.push(`${name}: ${scrollWidth}px`);
    }
    // From the top: a full-page shot of a scrolled page draws the sticky header mid-page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
    if (focus) {
      // Cut from the whole page (not an element shot, over which the sticky header would lie).
      const box = await focus.boundingBox();
      await page.screenshot({ path: join(SHOTS, `${name}-part-${width}.png`), fullPage: true, clip: { x: 0, y: Math.max(0, box.y - 8), width, height: box.height + 16 } });
    }
  }
  await page.setViewportSize(size);
}


/** A raw upload with the page's session (the portfolio routes take the file as the body). */
async function upload(page, path, buffer, contentType) {
  const { csrf_token: csrf } = await (await page.request.get('/api/v1/session')).json();
  const response = await page.request.put(path, { data: buffer, headers: { 'Content-Type': contentType, 'X-CSRF-Token': csrf ?? '' } });
  assert.equal(response.status(), 200, `PUT ${path}: ${await response.text()}`);
}

/** The code with one character changed to its neighbour in the alphabet: the checksum no longer matches. */
function withTypo(code) {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  const at = alphabet.indexOf(code[1]);
  return code[0] + alphabet[at === alphabet.length - 1 ? at - 1 : at + 1] + code.slice(2);
}

before(async () => {
  assert.ok(CLOCK, 'KENES_CLOCK_FILE must name the clock file of the server under test (tests/run-e2e.sh sets it)');
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  // Registration time of a year far ahead (one election per academic year: retry if taken).
  let admin;
  const tag = `${capitalize(randomCyrillic(5))} ${uniqueSuffix()}`;
  for (let attempt = 0; attempt < 5 && !s.election; attempt++) {
    s.year = 2400 + Math.floor(Math.random() * 3000);
    setClock(`${s.year}-08-20`, 10, 0);
    admin = await session('admin');
    if (!s.government) {
      s.government = await apiExpect(admin, 'POST', '/api/v1/bodies', { template: 'student_government', name: `Студенттік үкімет ${tag}` }, 201);
      s.commission = await apiExpect(admin, 'POST', '/api/v1/bodies', { template: 'election_commission', name: `Сайлау комиссиясы ${tag}` }, 201);
    }
    const created = await apiFromPage(admin, 'POST', '/api/v1/elections', {
      academic_year: `${s.year}-${s.year + 1}`,
      commission_body_id: s.commission.id,
      government_body_id: s.government.id,
    });
    if (created.status === 201) s.election = created.json;
  }
  assert.ok(s.election, 'an election was created');
  s.day = s.election.calendar.election_day;
  s.institution = (await apiExpect(admin, 'GET', '/api/v1/me', undefined, 200)).user.institution.id;
  const E = `/api/v1/elections/${s.election.id}`;
  const number = () => `V${Date.now().toString().slice(-7)}${Math.floor(Math.random() * 900 + 100)}`;
  const person = (name, student) => apiExpect(admin, 'POST', '/api/v1/people', { surname: `${capitalize(randomCyrillic(7))}ова`, name, ...(student ? { student } : {}) }, 201);
  const account = async (who, display, roles) => {
    const login = `verif_${uniqueSuffix()}`;
    await apiExpect(admin, 'POST', '/api/v1/users', { login, password: PASSWORD, display_name: display, roles, person_id: who.id }, 201);
    return login;
  };

  // ELEC-COM-1: the commission's members are staff (the curator preset carries elections.run).
  s.members = [];
  for (const [name, position] of [['Айгүл', 'chair'], ['Бақыт', 'secretary'], ['Санжар', 'member']]) {
    const who = await person(name);
    const login = await account(who, name, ['curator']);
    await apiExpect(admin, 'POST', `/api/v1/bodies/${s.commission.id}/members`, { person_id: who.id, position, starts_on: `${s.year}-01-01`, accepted_regulation: true }, 201);
    s.members.push({ person: who, login, position });
  }

  // Two registered candidates with approved programs.
  s.candidates = [];
  const photo = png(2, 2);
  for (const [name, course] of [['Әлия', 3], ['Бауыржан', 2]]) {
    const who = await person(name, { student_number: number(), course, status: 'studying' });
    const c = await apiExpect(admin, 'POST', `${E}/candidates`, { person_id: who.id, program: 'Ашық кеңес, әділ шешім.', program_lang: 'kk' }, 201);
    await upload(admin, `/api/v1/election-candidates/${c.id}/files/photo`, photo, 'image/png');
    for (const kind of ['cv', 'consent', 'transcript', 'recommendation']) await upload(admin, `/api/v1/election-candidates/${c.id}/files/${kind}`, pdf(), 'application/pdf');
    await apiExpect(admin, 'PATCH', `/api/v1/election-candidates/${c.id}`, { leadership_confirmed: true }, 200);
    await apiExpect(admin, 'POST', `/api/v1/election-candidates/${c.id}/register`, { documents_received: true }, 200);
    await apiExpect(admin, 'POST', `/api/v1/election-candidates/${c.id}/program-review`, { decision: 'approved' }, 200);
    s.candidates.push({ id: c.id, person: who });
  }
  await apiExpect(admin, 'POST', `${E}/publish-candidates`, {}, 200);

  // Voters: one with an account, one who votes by code only, one at the polling station.
  s.signedNumber = number();
  s.signed = await person('Сайлаушы', { student_number: s.signedNumber, course: 1, status: 'studying' });
  s.signedLogin = await account(s.signed, 'Сайлаушы', ['student']);
  s.coderNumber = number();
  s.coder = await person('Кодпен', { student_number: s.coderNumber, course: 2, status: 'studying' });
  s.paperNumber = number();
  s.paper = await person('Қағаз', { student_number: s.paperNumber, course: 3, status: 'studying' });

  await apiExpect(admin, 'POST', `${E}/ballot/approve`, {}, 200);
  s.station = (await apiExpect(admin, 'POST', `${E}/stations`, { name: 'Бас ғимарат, 101' }, 201)).id;
});

after(async () => {
  if (CLOCK) writeFileSync(CLOCK, '');
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

const keysState = (page, value) => page.locator(`[data-testid=keys-page][data-state=${value}]`).waitFor({ timeout: CRYPTO_TIMEOUT });

test('on election morning the three commission members make the election key (2 of 3), each in their own browser', { timeout: 300_000 }, async () => {
  // Before 09:00 on election day: sessions opened now still hold at 18:05 (12 hours).
  setClock(s.day, 7, 0);
  const sizes = [{ width: 1366, height: 900 }, { width: 1280, height: 900 }, { width: 390, height: 844 }];
  s.trustees = [];
  for (const [i, m] of s.members.entries()) s.trustees.push({ ...m, page: await session(m.login, sizes[i]), passphrase: `құпия-сөз-${i}-${uniqueSuffix()}` });
  const pages = s.trustees.map((x) => x.page);
  const [chair] = pages;
  await chair.goto(`/elections/${s.election.id}`);
  await chair.locator('[data-testid=keys-link]').click();
  await chair.waitForURL(`**/elections/${s.election.id}/keys`);
  for (const p of pages.slice(1)) await p.goto(`/elections/${s.election.id}/keys`);
  await keysState(chair, 'not_started');
  await chair.locator('[data-testid=start-ceremony]').click();
  for (const p of pages) await p.locator('[data-testid=step-key]').waitFor({ timeout: CRYPTO_TIMEOUT });
  await expectText(chair.locator('[data-testid=threshold]'), msg('kk', 'ui.keys.threshold', { threshold: 2, n: 3 }));

  for (const [i, t] of s.trustees.entries()) {
    await t.page.locator('input[name=passphrase]').fill(t.passphrase);
    await t.page.locator('input[name=repeat]').fill(t.passphrase);
    const [download] = await Promise.all([t.page.waitForEvent('download', { timeout: CRYPTO_TIMEOUT }), t.page.locator('[data-testid=make-key]').click()]);
    assert.match(download.suggestedFilename(), new RegExp(`^kenes-election-${s.election.id}-trustee-\\d\\.key$`));
    if (i < 2) await t.page.locator('[data-testid=waiting]').waitFor({ timeout: CRYPTO_TIMEOUT });
  }
  // The secret is still in each page's memory: the next steps need no passphrase.
  for (const p of pages) await p.locator('[data-testid=step-polynomial]').waitFor({ timeout: CRYPTO_TIMEOUT });
  for (const p of pages) await p.locator('[data-testid=make-polynomial]').click();
  for (const p of pages) await p.locator('[data-testid=step-voutput]').waitFor({ timeout: CRYPTO_TIMEOUT });
  for (const p of pages) await p.locator('[data-testid=make-voutput]').click();
  for (const p of pages) {
    await keysState(p, 'complete');
    await p.locator('[data-testid=in-list][data-ok=true]').waitFor();
  }
  const status = await apiExpect(chair, 'GET', `/api/v1/elections/${s.election.id}/trustees`, undefined, 200);
  assert.equal(status.state, 'complete');
  assert.equal(status.kind, 'pedersen');
  assert.equal(status.threshold, 2);
  // Each member's number on the board (the order of the server's list).
  for (const t of s.trustees) t.number = (await apiExpect(t.page, 'GET', `/api/v1/elections/${s.election.id}/trustees`, undefined, 200)).my_number;
  assert.deepEqual(s.trustees.map((t) => t.number).sort(), [1, 2, 3]);
  for (const p of pages) assert.deepEqual(p.problems, []);
});

test('the commission issues the voting codes once, with revoting allowed, and the CSV holds a code per voter', async () => {
  const chair = s.trustees[0].page;
  await chair.goto(`/elections/${s.election.id}`);
  const section = chair.locator('[data-testid=voting-codes]');
  await section.locator('[data-testid=credentials-form]').waitFor();
  // The plaintext codes are refused for a verifiable election (the UI no longer offers them).
  assert.equal(await section.locator('[data-testid=download-codes]').count(), 0);
  await section.locator('input[name=revote]').check();
  await section.locator('[data-testid=issue-credentials]').click();
  await expectText(section.locator('[data-testid=confirm-credentials] .confirm-text'), msg('kk', 'ui.codes.encrypted_confirm_revote'));
  const [download, answer] = await Promise.all([
    chair.waitForEvent('download'),
    waitApi(chair, 'POST', /\/credentials$/),
    section.locator('[data-testid=confirm-issue-credentials]').click(),
  ]);
  await expectStatus(answer, 200);
  assert.equal(download.suggestedFilename(), `voting-codes-${s.election.id}.csv`);
  const { header, rows } = parseVotingCodes(readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(header, ['student_number', 'full_name', 'faculty', 'code']);
  const roll = (await apiExpect(chair, 'GET', `/api/v1/elections/${s.election.id}`, undefined, 200)).roll_size;
  assert.equal(rows.length, roll, 'a code per voter on the roll');
  s.codes = new Map(rows.map((r) => [r.student_number, r.code]));
  for (const code of s.codes.values()) assert.match(code, /^[1-9A-HJ-NP-Za-km-z]{3}(-[1-9A-HJ-NP-Za-km-z]{3}){4}$/);
  assert.equal(new Set(s.codes.values()).size, rows.length, 'every code differs');
  for (const n of [s.signedNumber, s.coderNumber, s.paperNumber]) assert.ok(s.codes.has(n), `a code for ${n}`);
  const issued = section.locator(`[data-testid=credentials-issued][data-count="${rows.length}"][data-revote=true]`);
  await issued.waitFor();
  await expectText(issued.locator('.alert-success'), msg('kk', 'ui.codes.encrypted_downloaded', { count: rows.length }), { contains: true });
  // Once only: the server refuses a second issue.
  await apiExpect(chair, 'POST', `/api/v1/elections/${s.election.id}/credentials`, { revote: false }, 409);
  await shoot(chair, 'codes-issued', section);
});

/** Chooses, opens the code step, types a typo (refused locally, nothing sent), then the code; the cast is held until the test has seen "sending" without a receipt. */
async function castInBooth(page, candidateId, code, shotName) {
  const booth = page.locator('[data-testid=verifiable-booth]');
  await booth.locator(`label.ballot-card[data-candidate-id="${candidateId}"]`).click();
  await booth.locator('[data-testid=vote-next]').click();
  await booth.locator('[data-testid=confirm-vote] input[name=voting_code]').waitFor();
  const sent = [];
  page.on('request', (r) => r.method() === 'POST' && /\/ballots$/.test(new URL(r.url()).pathname) && sent.push(r.url()));

  await booth.locator('input[name=voting_code]').fill(withTypo(code));
  await booth.locator('[data-testid=vote-confirm]').click();
  await booth.locator('input[name=voting_code][aria-invalid=true]').waitFor();
  assert.equal(await fieldError(page, 'voting_code'), msg('kk', 'ui.booth.code_typo'));
  if (shotName) await shoot(page, shotName, page.locator('[data-testid=confirm-vote]'));
  assert.deepEqual(sent, [], 'a typo is refused before anything is sent');

  // The server's answer is held back: until it arrives the booth says "sending", not "cast".
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/\/ballots$/, async (route) => {
    await held;
    await route.continue();
  });
  await booth.locator('input[name=voting_code]').fill(code);
  const answered = waitApi(page, 'POST', /\/ballots$/);
  await booth.locator('[data-testid=vote-confirm]').click();
  await page.locator('[data-testid=cast-progress][data-progress=sending]').waitFor({ timeout: CRYPTO_TIMEOUT });
  assert.equal(await page.locator('[data-testid=booth][data-state=receipt]').count(), 0, 'no receipt before the server answered');
  release();
  const answer = await answered;
  await expectStatus(answer, 201);
  await page.unroute(/\/ballots$/);
  const cast = await answer.json();
  const body = JSON.parse(answer.request().postData());
  assert.match(body.roll_token, /^[0-9a-f]{64}$/);
  assert.ok(!answer.request().postData().includes(code), 'the code never leaves the browser');
  await page.locator('[data-testid=booth][data-state=receipt]').waitFor();
  await expectText(page.locator('h1'), msg('kk', 'ui.booth.cast_title'));
  const shown = (await page.locator('[data-testid=tracker]').innerText()).trim();
  assert.equal(unpadded(shown), unpadded(cast.tracker));
  const board = await publicJson('/board');
  assert.ok(board.trackers.map(unpadded).includes(unpadded(shown)), 'the tracker shown is on the board');
  return shown;
}

test('at 09:30 a student votes by code on the public page and another signed in, on phones; a typo is refused locally', { timeout: 240_000 }, async () => {
  setClock(s.day, 9, 30);
  const [alpha, beta] = s.candidates;
  // By code, without an account.
  const coder = await newPage({ width: 390, height: 844 });
  s.coderPage = coder;
  await coder.goto(`/public/${s.institution}/elections/${s.election.id}`);
  await coder.locator('[data-testid=vote-with-code]').click();
  await coder.waitForURL(`**/public/${s.institution}/elections/${s.election.id}/vote`);
  await coder.locator('[data-testid=code-booth][data-state=open] [data-testid=verifiable-booth]').waitFor();
  await coder.locator('[data-testid=verifiable-booth][data-step=choose] label.ballot-card').nth(1).waitFor();
  assert.equal(await coder.locator('label.ballot-card').count(), 2);
  s.coderTracker = await castInBooth(coder, alpha.id, s.codes.get(s.coderNumber), 'booth-code');
  await shoot(coder, 'booth-receipt', coder.locator('[data-testid=booth][data-state=receipt]'));
  // The receipt carries the board link with the tracker.
  const href = await coder.locator('[data-testid=board-link]').getAttribute('href');
  assert.ok(href.includes(`?tracker=${encodeURIComponent(s.coderTracker)}`), href);

  // Signed in, typing the code on the phone.
  const student = await session(s.signedLogin, { width: 390, height: 844 });
  await student.goto(`/elections/${s.election.id}`);
  await student.locator('[data-testid=booth-link]').click();
  await student.waitForURL(`**/elections/${s.election.id}/vote`);
  await student.locator('[data-testid=booth][data-state=open] [data-testid=verifiable-booth]').waitFor();
  s.signedTracker = await castInBooth(student, beta.id, s.codes.get(s.signedNumber), null);
  for (const p of [coder, student]) assert.deepEqual(p.problems, []);
  const board = await publicJson('/board');
  assert.equal(board.trackers.length, 2);
});

test('a student votes at the polling station: the commission member issues the ballot', async () => {
  const chair = s.trustees[0].page;
  await chair.goto(`/elections/${s.election.id}/stations/${s.station}`);
  await chair.locator('input[name=student_number]').fill(s.paperNumber);
  await chair.locator('[data-testid=find-voter] button[type=submit]').click();
  await chair.locator('[data-testid=voter][data-voted=false]').waitFor();
  await drawSignature(chair);
  const [issued] = await Promise.all([waitApi(chair, 'POST', /\/issue$/), chair.locator('[data-testid=issue-ballot]').click()]);
  await expectStatus(issued, 200);
  await chair.locator('[data-testid=voter][data-voted=true]').waitFor();
  // The student who voted online is known at the station too (ELEC-DAY-2).
  await chair.locator('input[name=student_number]').fill(s.coderNumber);
  await chair.locator('[data-testid=find-voter] button[type=submit]').click();
  await chair.locator(`[data-testid=voter][data-voted=true][data-person-id="${s.coder.id}"]`).waitFor();
  await chair.goto(`/elections/${s.election.id}`);
  await chair.locator('[data-testid=turnout-total][data-voted="3"]').waitFor();
});

test('after 18:00 the commission closes voting and enters the paper count; counting waits for the decryptions', async () => {
  setClock(s.day, 18, 5);
  const chair = s.trustees[0].page;
  const [alpha, beta] = s.candidates;
  await chair.goto(`/elections/${s.election.id}`);
  await chair.locator('[data-testid=phase][data-phase=awaiting_close]').waitFor();
  const [closed] = await Promise.all([waitApi(chair, 'POST', /\/close$/), chair.locator('[data-testid=close-voting]').click()]);
  await expectStatus(closed, 200);
  const count = chair.locator(`form[data-testid=station-count][data-station-id="${s.station}"]`);
  await count.waitFor();
  await count.locator(`input[name=votes_${alpha.id}]`).fill('1');
  await count.locator(`input[name=votes_${beta.id}]`).fill('0');
  await count.locator('input[name=invalid]').fill('0');
  await count.locator('input[name=unknown_form]').fill('0');
  const [saved] = await Promise.all([waitApi(chair, 'PUT', /\/count$/), count.locator('button[type=submit]').click()]);
  await expectStatus(saved, 200);
  await chair.locator(`[data-testid=station-count][data-station-id="${s.station}"][data-counted=true]`).waitFor();
  const board = await publicJson('/board');
  assert.ok(board.encrypted_tally, 'the encrypted tally is on the board after the close');
  // Without the trustees' decryptions the count is refused, in words.
  const [refused] = await Promise.all([waitApi(chair, 'POST', /\/count$/), chair.locator('[data-testid=count]').click()]);
  assert.equal(refused.status(), 409);
  await expectText(chair.locator('[data-testid=counting]'), msg('kk', 'election.decryptions_missing', { have: 0, need: 2 }), { contains: true });
});

test('two of the three trustees decrypt on the Ballot keys page with their passphrases; the third is absent', { timeout: 240_000 }, async () => {
  const [first, absent, second] = s.trustees;
  for (const t of [first, absent, second]) {
    await t.page.goto(`/elections/${s.election.id}/keys`);
    await t.page.locator('[data-testid=step-decrypt]').waitFor();
  }
  await first.page.locator('[data-testid=decryptions][data-have="0"][data-need="2"]').waitFor();
  await expectText(first.page.locator('[data-testid=decryptions-count]'), msg('kk', 'ui.keys.decryptions_count', { have: 0, of: 3, need: 2 }));
  await shoot(first.page, 'keys-decrypt', first.page.locator('[data-testid=step-decrypt]'));
  // A wrong passphrase is refused next to the field; nothing is sent.
  await first.page.locator('[data-testid=step-decrypt] input[name=passphrase]').fill('бұл-құпия-сөз-емес');
  await first.page.locator('[data-testid=decrypt]').click();
  await first.page.locator('[data-testid=step-decrypt] input[name=passphrase][aria-invalid=true]').waitFor({ timeout: CRYPTO_TIMEOUT });
  assert.equal(await fieldError(first.page, 'passphrase'), msg('kk', 'ui.keys.wrong_passphrase'));
  for (const [i, t] of [first, second].entries()) {
    await t.page.locator('[data-testid=step-decrypt] input[name=passphrase]').fill(t.passphrase);
    const [sent] = await Promise.all([waitApi(t.page, 'POST', /\/trustees\/decryption$/), t.page.locator('[data-testid=decrypt]').click()]);
    await expectStatus(sent, 200);
    await t.page.locator('[data-testid=decrypted]').waitFor();
    await t.page.locator(`[data-testid=decryptions][data-have="${i + 1}"]`).waitFor();
  }
  // The absent trustee's page moves on by itself: the threshold is reached without them.
  await absent.page.locator('[data-testid=decryptions][data-have="2"][data-need="2"][data-enough=true]').waitFor({ timeout: 30_000 });
  await expectText(absent.page.locator('[data-testid=decryptions-count]'), msg('kk', 'ui.keys.decryptions_count', { have: 2, of: 3, need: 2 }));
  await first.page.locator('[data-testid=decryptions][data-enough=true]').waitFor();
  await shoot(first.page, 'keys-decrypted', first.page.locator('[data-testid=decryptions]'));
  const status = await apiExpect(first.page, 'GET', `/api/v1/elections/${s.election.id}/trustees`, undefined, 200);
  assert.deepEqual(
    status.trustees.map((t) => [t.number, t.decryption]).sort(),
    [[first.number, true], [absent.number, false], [second.number, true]].sort(),
  );
  for (const t of s.trustees) assert.deepEqual(t.page.problems, []);
});

test('the commission counts: online and paper votes combined per candidate', async () => {
  const chair = s.trustees[0].page;
  const [alpha, beta] = s.candidates;
  await chair.goto(`/elections/${s.election.id}`);
  const [counted] = await Promise.all([waitApi(chair, 'POST', /\/count$/), chair.locator('[data-testid=count]').click()]);
  await expectStatus(counted, 200);
  const results = await counted.json();
  const byId = Object.fromEntries(results.candidates.map((c) => [String(c.candidate_id), c]));
  // Alpha: the code voter online and the station voter on paper; beta: the signed-in voter online.
  assert.deepEqual([byId[alpha.id].online, byId[alpha.id].paper, byId[alpha.id].votes], [1, 1, 2]);
  assert.deepEqual([byId[beta.id].online, byId[beta.id].paper, byId[beta.id].votes], [1, 0, 1]);
  await chair.locator(`[data-testid=winner][data-candidate-id="${alpha.id}"]`).waitFor();
  const bars = chair.locator('[data-testid=result-bars]');
  await bars.locator(`li[data-key="${alpha.id}"][data-value="2"]`).waitFor();
  await bars.locator(`li[data-key="${beta.id}"][data-value="1"]`).waitFor();
  await expectText(bars.locator(`li[data-key="${alpha.id}"] .bar-value`), `2 ${msg('kk', 'ui.election.online_paper', { online: 1, paper: 1 })}`);
  await expectText(bars.locator(`li[data-key="${beta.id}"] .bar-value`), `1 ${msg('kk', 'ui.election.online_paper', { online: 1, paper: 0 })}`);
  // A verifiable election has no plaintext ballot set to hash.
  assert.equal(await chair.locator('[data-testid=ballot-set-hash]').count(), 0);
  await shoot(chair, 'results', chair.locator('[data-testid=results]'));
});

test('the public archive passes belenios-tool election verify', { skip: haveBeleniosTool() ? false : 'needs belenios-tool' }, async () => {
  const booth = await publicJson('/belenios');
  const uuid = JSON.parse(booth.election).uuid;
  const response = await fetch(`${BASE}/api/v1/public/institutions/${s.institution}/elections/${s.election.id}/archive.bel`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /application\/x-tar/);
  const dir = tempDir('kenes-e2e-archive-');
  writeFileSync(join(dir, `${uuid}.bel`), Buffer.from(await response.arrayBuffer()));
  const verified = verifyArchive(dir);
  assert.ok(verified.ok && /all checks passed/.test(verified.out), verified.out);
});

test('the voter follows the board link from the receipt, finds their ballot and verifies the election in the browser', { timeout: 180_000 }, async () => {
  const page = s.coderPage;
  await page.locator('[data-testid=board-link]').click();
  await page.waitForURL((url) => url.pathname === `/public/${s.institution}/elections/${s.election.id}` && url.searchParams.get('tracker') === s.coderTracker);
  await page.locator('[data-testid=board-mine][data-found=true]').waitFor();
  await expectText(page.locator('[data-testid=board-mine]'), msg('kk', 'ui.board.mine_found'));
  await expectText(page.locator('[data-testid=board-trackers] li[aria-current=true]'), s.coderTracker);
  assert.equal(await page.locator('[data-testid=board-trackers] li').count(), 2);
  await page.locator('[data-testid=board-tally][data-ready=true]').waitFor();
  // The board replaces the plaintext receipts, which a verifiable election does not have.
  assert.equal(await page.locator('[data-testid=receipts]').count(), 0);
  await shoot(page, 'board-tracker', page.locator('[data-testid=board]'));
  await page.locator('[data-testid=board-verify-start]').click();
  await page.locator('[data-testid=board-report][data-ok=true]').waitFor({ timeout: CRYPTO_TIMEOUT });
  await expectText(page.locator('[data-testid=board-report]'), msg('kk', 'ui.board.report_ok'), { contains: true });
  await page.locator('[data-testid=board-report] li[data-check=ballots][data-state=ok]').waitFor();
  await page.locator('[data-testid=board-report] li[data-check=tally][data-state=ok]').waitFor();
  // Until publication the archive holds no decryption, while the board counts two: said so.
  await expectText(page.locator('[data-testid=board-report] li[data-check=decryptions]'), msg('kk', 'ui.board.check_decryptions_withheld', { count: 2 }), { contains: true });
  await shoot(page, 'verify-report', page.locator('[data-testid=board-verify]'));
  assert.deepEqual(page.problems, []);
});

test('the protocol is signed by the three members and the result published: the archive then holds the decryptions and the result, and both checks pass', { timeout: 240_000 }, async () => {
  for (const t of s.trustees) {
    await t.page.goto(`/elections/${s.election.id}`);
    const [signed] = await Promise.all([waitApi(t.page, 'POST', /\/protocol\/sign$/), t.page.locator('[data-testid=sign-protocol]').click()]);
    await expectStatus(signed, 200);
    await t.page.locator(`[data-testid=protocol-signers] li[data-person-id="${t.person.id}"][data-signed=true]`).waitFor();
  }
  const chair = s.trustees[0].page;
  await chair.reload();
  await chair.locator('[data-testid=protocol-status][data-status=final]').waitFor();
  const [published] = await Promise.all([waitApi(chair, 'POST', /\/publish-results$/), chair.locator('[data-testid=publish-results]').click()]);
  await expectStatus(published, 200);
  await chair.locator('[data-testid=results-published]').waitFor();

  if (haveBeleniosTool()) {
    const uuid = JSON.parse((await publicJson('/belenios')).election).uuid;
    const response = await fetch(`${BASE}/api/v1/public/institutions/${s.institution}/elections/${s.election.id}/archive.bel`);
    const dir = tempDir('kenes-e2e-archive-');
    writeFileSync(join(dir, `${uuid}.bel`), Buffer.from(await response.arrayBuffer()));
    const verified = verifyArchive(dir);
    assert.ok(verified.ok && /all checks passed/.test(verified.out), verified.out);
  }

  const page = s.coderPage;
  await page.reload();
  const [alpha, beta] = s.candidates;
  // The board's result is the decrypted online tally: one vote each (the paper ballot is not on the board).
  await page.locator(`[data-testid=board-result] li[data-key="${alpha.id}"][data-value="1"]`).waitFor();
  await page.locator(`[data-testid=board-result] li[data-key="${beta.id}"][data-value="1"]`).waitFor();
  await page.locator(`[data-testid=public-result-bars] li[data-key="${alpha.id}"][data-value="2"]`).waitFor();
  await page.locator('[data-testid=board-mine][data-found=true]').waitFor();
  await page.locator('[data-testid=board-verify-start]').click();
  await page.locator('[data-testid=board-report][data-ok=true]').waitFor({ timeout: CRYPTO_TIMEOUT });
  for (const check of ['ballots', 'trustees', 'tally', 'decryptions', 'result']) await page.locator(`[data-testid=board-report] li[data-check=${check}][data-state=ok]`).waitFor();
  await shoot(page, 'verify-report-published', page.locator('[data-testid=board]'));
  assert.deepEqual(page.problems, []);
});

test('no page shot at 360 px is wider than the phone', () => {
  assert.deepEqual(overflows, []);
});
