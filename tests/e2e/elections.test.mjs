// The Student Government President election in the browser (seed 003 §8, ELEC-*), on a server
// whose clock the test moves (KENES_CLOCK_FILE): the admin sets up a Student Government and an
// Election Commission with two members (API), creates the election in the UI with election day
// 25 days ahead, nominates three candidates with the picker, uploads their portfolios, confirms
// leadership experience, registers two (the first-year one refused with the "course" criterion
// next to it), approves their programs, publishes the list and approves the ballot. Online votes
// exist only in a verifiable election (issue 13): until the key is made the codes section sends
// the commission to the Ballot keys page and the booth sends voters to the polling station; the
// chair, alone on the commission that day, makes a Single key with belenios-tool (API), and the
// commission issues the voting codes once (the CSV download). On election day at 10:00 Almaty a
// student votes on a 390x844 phone, typing their code (the ballot is encrypted in the browser;
// the receipt is its tracker), a second ballot is refused (ELEC-DAY-2, voting again not allowed),
// a commission member issues a ballot at the station with a signature drawn on the canvas; a
// voter without an account votes with their code on a phone from the public page (a typo caught
// before sending, the code of a station voter refused, the same code refused the second time).
// At 18:05 voting is closed, the paper count is refused when it exceeds the ballots issued
// (ELEC-CNT-1) and then entered, the trustee's partial decryption (belenios-tool) sent, the votes
// counted, the protocol signed by both members, the result published; the public page shows the
// result and finds the voter's tracker on the board. Last, the penalty register (DISC-PEN-6) on a
// person page: added, in force, withdrawn. Before registration the commission edits a
// nomination's program and declared experience.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiExpect, apiFromPage, ARTIFACTS, BASE, capitalize, drawSignature, expectText, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';
import { pdf as minimalPdf, png } from './lib/files.mjs';
import { expectAccessible } from './lib/axe.mjs';
import { expectSoundPublicPage } from './lib/nu-html.mjs';
import { parseVotingCodes } from '../integration/lib/csv.mjs';
import { GROUP, only, tempDir, tool } from '../integration/lib/belenios.mjs';

const CLOCK = process.env.KENES_CLOCK_FILE;
const PASSWORD = 'e2e-password-2026';
const DAY_MS = 86_400_000;

let browser;
const s = {};
const contexts = [];

const pathOf = (response) => new URL(response.url()).pathname;
const waitApi = (page, method, pattern) => page.waitForResponse((r) => r.request().method() === method && pattern.test(pathOf(r)));

/** The answer's status; its body is read only to explain a mismatch. */
async function expectStatus(response, expected) {
  if (response.status() !== expected) assert.fail(`${response.request().method()} ${pathOf(response)}: ${response.status()} ${await response.text()}`);
}

/** Moves the server's clock to an Almaty wall-clock time (UTC+5). */
function setClock(isoDate, hh, mm) {
  const ms = Date.parse(`${isoDate}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+05:00`);
  writeFileSync(CLOCK, String(ms));
}

async function session(login, options = {}) {
  const opened = await openPage(browser, options);
  contexts.push(opened.context);
  await signIn(opened.page, login, { password: login === 'admin' ? undefined : PASSWORD });
  return opened.page;
}


async function pick(page, scope, inputName, who) {
  await scope.locator(`input[name=${inputName}]`).fill(who.surname);
  await page.locator(`[role=option][data-person-id="${who.id}"]`).click();
}

before(async () => {
  assert.ok(CLOCK, 'KENES_CLOCK_FILE must name the clock file of the server under test (tests/run-e2e.sh sets it)');
  browser = await launchBrowser();
  // A probe session on the real clock finds an academic year without an election.
  const probe = await session('admin');
  const used = new Set((await apiExpect(probe, 'GET', '/api/v1/elections', undefined, 200)).items.map((e) => e.academic_year));
  let year = new Date().getUTCFullYear() + 3;
  while (used.has(`${year}-${year + 1}`)) year++;
  s.year = `${year}-${year + 1}`;
  s.start = `${year}-11-01`;
  s.day = new Date(Date.parse(`${s.start}T00:00:00Z`) + 25 * DAY_MS).toISOString().slice(0, 10);
  setClock(s.start, 10, 0);

  const admin = await session('admin');
  s.admin = admin;
  s.institution = (await apiExpect(admin, 'GET', '/api/v1/me', undefined, 200)).user.institution.id;
  const tag = `${capitalize(randomCyrillic(5))} ${uniqueSuffix()}`;
  s.government = await apiExpect(admin, 'POST', '/api/v1/bodies', { template: 'student_government', name: `Студенттік үкімет ${tag}` }, 201);
  s.commission = await apiExpect(admin, 'POST', '/api/v1/bodies', { template: 'election_commission', name: `Сайлау комиссиясы ${tag}` }, 201);
  const person = (name, student) => apiExpect(admin, 'POST', '/api/v1/people', { surname: `${capitalize(randomCyrillic(7))}ов`, name, ...(student ? { student } : {}) }, 201);
  const number = () => `E${Date.now().toString().slice(-7)}${Math.floor(Math.random() * 900 + 100)}`;
  // ELEC-COM-1: commission members are staff; their accounts carry elections.run (the curator preset).
  const account = async (who, display, roles = ['curator']) => {
    const login = `elec_${uniqueSuffix()}`;
    await apiExpect(admin, 'POST', '/api/v1/users', { login, password: PASSWORD, display_name: display, roles, person_id: who.id }, 201);
    return login;
  };
  s.chair = await person('Төраға', { student_number: number(), course: 4, status: 'studying' });
  s.secretary = await person('Хатшы', { student_number: number(), course: 3, status: 'studying' });
  s.chairLogin = await account(s.chair, 'Төраға');
  s.secretaryLogin = await account(s.secretary, 'Хатшы');
  // The secretary joins the next day: the key ceremony, started today, has the chair as its one
  // trustee (a Single key that belenios-tool makes and later decrypts with).
  const nextDay = new Date(Date.parse(`${s.start}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  for (const [who, position, from] of [
    [s.chair, 'chair', s.start],
    [s.secretary, 'secretary', nextDay],
  ])
    await apiExpect(admin, 'POST', `/api/v1/bodies/${s.commission.id}/members`, { person_id: who.id, position, starts_on: from, accepted_regulation: true }, 201);
  s.alpha = await person('Әлия', { student_number: number(), course: 3, status: 'studying' });
  s.beta = await person('Бауыржан', { student_number: number(), course: 2, status: 'studying' });
  s.fresh = await person('Жаңа', { student_number: number(), course: 1, status: 'studying' });
  s.voterNumber = number();
  s.voter = await person('Сайлаушы', { student_number: s.voterNumber, course: 1, status: 'studying' });
  s.voterLogin = await account(s.voter, 'Сайлаушы', ['student']);
  s.paperNumber = number();
  s.paper = await person('Қағаз', { student_number: s.paperNumber, course: 2, status: 'studying' });
  s.coderNumber = number();
  s.coder = await person('Кодпен', { student_number: s.coderNumber, course: 2, status: 'studying' });
});

after(async () => {
  if (CLOCK) writeFileSync(CLOCK, '');
  if (s.trusteeDir) rmSync(s.trusteeDir, { recursive: true, force: true });
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

test('the admin creates the election in the UI with election day 25 days ahead', async () => {
  const page = s.admin;
  await page.goto('/elections');
  const form = page.locator('[data-testid=create-election]');
  await form.locator('input[name=academic_year]').fill(s.year);
  assert.equal(await form.locator('input[name=election_day]').inputValue(), `${s.year.slice(0, 4)}-09-${(await form.locator('input[name=election_day]').inputValue()).slice(8)}`, 'the last Friday of September is proposed');
  await form.locator('input[name=election_day]').fill(s.day);
  await form.locator('select[name=commission_body_id]').selectOption(String(s.commission.id));
  await form.locator('select[name=government_body_id]').selectOption(String(s.government.id));
  const [created] = await Promise.all([waitApi(page, 'POST', /\/api\/v1\/elections$/), form.locator('button[type=submit]').click()]);
  await expectStatus(created, 201);
  s.election = await created.json();
  await page.waitForURL(`**/elections/${s.election.id}`);
  await page.locator('[data-testid=phase][data-phase=registration]').waitFor();
  assert.equal(await page.locator('[data-testid=election-day]').getAttribute('data-date'), s.day);
});

test('three candidates are nominated, their portfolios uploaded; the first-year one is refused on "course", two are registered', async () => {
  const page = s.admin;
  const nominate = page.locator('[data-testid=nominate]');
  const program = 'Студенттердің дауысы естілсін: ашық кеңес, әділ шешім, әр факультетке көмек.';
  for (const who of [s.alpha, s.beta, s.fresh]) {
    await pick(page, nominate, 'person_id', who);
    await nominate.locator('textarea[name=program]').fill(program);
    const hint = await nominate.locator('textarea[name=program]').evaluate((area) => document.getElementById(`${area.id}-hint`)?.textContent ?? '');
    assert.equal(hint, msg('kk', 'ui.election.words', { count: 10, max: 100 }), 'the live word count');
    await nominate.locator('textarea[name=leadership_declared]').fill('Топ старостасы, 2 жыл');
    const [answer] = await Promise.all([waitApi(page, 'POST', /\/candidates$/), nominate.locator('button[type=submit]').click()]);
    await expectStatus(answer, 201);
    const nominated = await answer.json();
    assert.equal(nominated.program_words, 10, 'the server counts the same words (ICU)');
    who.candidate = nominated.id;
  }
  const photo = png(2, 2);
  for (const who of [s.alpha, s.beta, s.fresh]) {
    const card = page.locator(`li.candidate-card[data-candidate-id="${who.candidate}"]`);
    for (const kind of ['photo', 'cv', 'consent', 'transcript', 'recommendation']) {
      const file = kind === 'photo' ? { name: 'photo.png', mimeType: 'image/png', buffer: photo } : { name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: minimalPdf() };
      const [put] = await Promise.all([waitApi(page, 'PUT', new RegExp(`/files/${kind}$`)), card.locator(`input[name="documents.${kind}"]`).setInputFiles(file)]);
      await expectStatus(put, 200);
      await card.locator(`li[data-kind=${kind}][data-uploaded=true]`).waitFor();
    }
    const consent = await card.locator('[data-testid=consent-pdf-kk]').getAttribute('href');
    const pdf = await page.request.get(consent);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const [confirmed] = await Promise.all([waitApi(page, 'PATCH', /\/election-candidates\/\d+$/), card.locator('[data-testid=confirm-leadership]').click()]);
    assert.equal(confirmed.status(), 200);
    await card.locator('li[data-criterion=leadership][data-met=true]').waitFor();
  }

  // ELEC-REG-3: without the box the registration is refused next to it.
  const fresh = page.locator(`li.candidate-card[data-candidate-id="${s.fresh.candidate}"]`);
  assert.equal(await fresh.locator('li[data-criterion=course]').getAttribute('data-met'), 'false');
  const [noBox] = await Promise.all([waitApi(page, 'POST', /\/register$/), fresh.locator('[data-testid=register] button[type=submit]').click()]);
  assert.equal((await noBox.json()).rule, 'ELEC-REG-3');
  await fresh.locator('input[name=documents_received][aria-invalid=true]').waitFor();
  // ELEC-ELIG-1: the failing criterion is named next to it with the server's message.
  await fresh.locator('input[name=documents_received]').check();
  const [refused] = await Promise.all([waitApi(page, 'POST', /\/register$/), fresh.locator('[data-testid=register] button[type=submit]').click()]);
  assert.equal(refused.status(), 422);
  const problem = await refused.json();
  assert.equal(problem.rule, 'ELEC-ELIG-1');
  assert.deepEqual(problem.errors.map((e) => e.field), ['eligibility.course']);
  const courseError = fresh.locator('li[data-criterion=course] [data-field-error]');
  await courseError.waitFor();
  await expectText(courseError, msg('kk', 'election.criterion_failed.course'));

  // Before registration the commission edits the nomination: program (live count) and experience.
  await fresh.locator('[data-testid=edit-nomination]').click();
  const edit = fresh.locator('[data-testid=edit-nomination-form]');
  const edited = 'Жаңа бағдарлама: кітапхана түнде де ашық болсын.';
  await edit.locator('textarea[name=program]').fill(edited);
  const editHint = await edit.locator('textarea[name=program]').evaluate((area) => document.getElementById(`${area.id}-hint`)?.textContent ?? '');
  assert.equal(editHint, msg('kk', 'ui.election.words', { count: 7, max: 100 }));
  await edit.locator('textarea[name=leadership_declared]').fill('Клуб төрағасы, 1 жыл');
  const [patched] = await Promise.all([waitApi(page, 'PATCH', /\/election-candidates\/\d+$/), edit.locator('button[type=submit]').click()]);
  await expectStatus(patched, 200);
  assert.deepEqual(JSON.parse(patched.request().postData()), { program: edited, leadership_declared: 'Клуб төрағасы, 1 жыл' }, 'only the changes are sent');
  assert.equal((await patched.json()).program_words, 7);
  await fresh.locator('[data-testid=edit-nomination-form]').waitFor({ state: 'detached' });
  await expectText(fresh.locator('[data-testid=program]'), edited);

  for (const who of [s.alpha, s.beta]) {
    const card = page.locator(`li.candidate-card[data-candidate-id="${who.candidate}"]`);
    await card.locator('input[name=documents_received]').check();
    const [registered] = await Promise.all([waitApi(page, 'POST', /\/register$/), card.locator('[data-testid=register] button[type=submit]').click()]);
    await expectStatus(registered, 200);
    await page.locator(`li.candidate-card[data-candidate-id="${who.candidate}"][data-status=registered]`).waitFor();
    const [reviewed] = await Promise.all([waitApi(page, 'POST', /\/program-review$/), card.locator('[data-testid=review] button[data-decision=approved]').click()]);
    await expectStatus(reviewed, 200);
    await page.locator(`li.candidate-card[data-candidate-id="${who.candidate}"][data-review=approved]`).waitFor();
  }
});

test('the list is published, the ballot approved, a station added', async () => {
  const page = s.admin;
  const [published] = await Promise.all([waitApi(page, 'POST', /\/publish-candidates$/), page.locator('[data-testid=publish-list] button').click()]);
  await expectStatus(published, 200);
  await page.locator('[data-testid=phase][data-phase=campaign]').waitFor();
  const ballot = page.locator('[data-testid=approve-ballot]');
  await ballot.locator('input[name=roll_cutoff]').fill(s.start);
  const [approved] = await Promise.all([waitApi(page, 'POST', /\/ballot\/approve$/), ballot.locator('button[type=submit]').click()]);
  await expectStatus(approved, 200);
  await page.locator('[data-testid=ballot-approved]').waitFor();
  const pdf = await page.request.get(await page.locator('[data-testid=ballot-pdf-ru]').getAttribute('href'));
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  // ELEC-CAMP-1: during the campaign the commission publishes a candidate's material.
  const material = page.locator(`li.candidate-card[data-candidate-id="${s.alpha.candidate}"] [data-testid=add-material]`);
  await material.locator('textarea[name=text]').fill('Кездесу: сейсенбі, 14:00, акт залы');
  const [posted] = await Promise.all([waitApi(page, 'POST', /\/materials$/), material.locator('button[type=submit]').click()]);
  await expectStatus(posted, 201);
  const station = page.locator('[data-testid=add-station]');
  await station.locator('input[name=station_name]').fill('Бас ғимарат, 101');
  const [added] = await Promise.all([waitApi(page, 'POST', /\/stations$/), station.locator('button[type=submit]').click()]);
  assert.equal(added.status(), 201);
  s.station = (await added.json()).id;
  await page.locator(`[data-testid=station-list] li[data-station-id="${s.station}"]`).waitFor();
});

test('without a key there are no codes and no online vote; the chair makes the key (belenios-tool), the commission issues the codes once', async () => {
  const page = s.admin;
  const E = `/api/v1/elections/${s.election.id}`;
  await page.goto(`/elections/${s.election.id}`);
  const section = page.locator('[data-testid=voting-codes]');
  // No key yet: the section explains and links the Ballot keys page; nothing to issue.
  await section.locator('[data-testid=codes-need-key]').waitFor();
  await expectText(section.locator('[data-testid=codes-need-key]'), msg('kk', 'ui.codes.need_key'), { contains: true });
  assert.equal(await section.locator('[data-testid=codes-keys-link]').getAttribute('href'), `/elections/${s.election.id}/keys`);
  assert.equal(await section.locator('button').count(), 0, 'no form to issue codes');
  // The public booth of an election without a key sends the voter to the polling station.
  await page.goto(`/public/${s.institution}/elections/${s.election.id}/vote`);
  await page.locator('[data-testid=code-booth] [data-testid=online-closed]').waitFor();
  await expectText(page.locator('[data-testid=online-closed]'), msg('kk', 'ui.vote.online_not_open'));
  assert.equal(await page.locator('[data-testid=code-booth] input, [data-testid=code-booth] form').count(), 0, 'no vote form');

  // The key ceremony through the API: the chair is the one trustee; belenios-tool makes the key.
  const chair = await session(s.chairLogin);
  const started = await apiExpect(chair, 'POST', `${E}/trustees/start`, {}, 200);
  assert.equal(started.kind, 'single');
  assert.deepEqual(started.trustees.map((t) => String(t.person_id)), [String(s.chair.id)]);
  s.trusteeDir = tempDir('kenes-e2e-trustee-');
  tool(s.trusteeDir, ['setup', 'generate-trustee-key', ...GROUP]);
  const pub = JSON.parse(readFileSync(only(s.trusteeDir, '.pubkey'), 'utf8'));
  assert.equal((await apiExpect(chair, 'POST', `${E}/trustees/public-key`, { public_key: pub }, 200)).state, 'complete');

  // The commission issues the codes once, on the election page; the CSV is the only copy.
  await page.goto(`/elections/${s.election.id}`);
  await section.locator('[data-testid=credentials-form]').waitFor();
  const roll = (await apiExpect(page, 'GET', E, undefined, 200)).roll_size;
  assert.ok(roll >= 6, `the roll (${roll})`);
  await section.locator('[data-testid=issue-credentials]').click();
  await expectText(section.locator('[data-testid=confirm-credentials] .confirm-text'), msg('kk', 'ui.codes.encrypted_confirm_no_revote'));
  const [download, answer] = await Promise.all([page.waitForEvent('download'), waitApi(page, 'POST', /\/credentials$/), section.locator('[data-testid=confirm-issue-credentials]').click()]);
  await expectStatus(answer, 200);
  assert.deepEqual(JSON.parse(answer.request().postData()), { revote: false }, 'voting again not allowed');
  assert.equal(download.suggestedFilename(), `voting-codes-${s.election.id}.csv`);
  const text = readFileSync(await download.path(), 'utf8');
  assert.ok(text.startsWith('\uFEFF'), 'saved with the BOM Excel needs for UTF-8');
  const { header, rows } = parseVotingCodes(text);
  assert.deepEqual(header, ['student_number', 'full_name', 'faculty', 'code'], 'the header line');
  assert.equal(rows.length, roll, 'a code per voter on the roll');
  const codes = new Map(rows.map((r) => [r.student_number, r.code]));
  for (const code of codes.values()) assert.match(code, /^[1-9A-HJ-NP-Za-km-z]{3}(-[1-9A-HJ-NP-Za-km-z]{3}){4}$/);
  assert.equal(new Set(codes.values()).size, roll, 'every code differs');
  s.voterCode = codes.get(s.voterNumber);
  s.coderCode = codes.get(s.coderNumber);
  s.paperCode = codes.get(s.paperNumber);
  assert.ok(s.voterCode && s.coderCode && s.paperCode, 'the voters created here have codes');
  const issued = section.locator(`[data-testid=credentials-issued][data-count="${roll}"][data-revote=false]`);
  await issued.waitFor();
  await expectText(issued, msg('kk', 'ui.codes.encrypted_downloaded', { count: roll }), { contains: true });
  assert.equal(await section.locator('[data-testid=issue-credentials]').count(), 0, 'issued once: no second button');
  // Once only: the server refuses a second issue.
  const again = await apiFromPage(page, 'POST', `${E}/credentials`, { revote: false });
  assert.equal(again.status, 409);
});

test('on election day a student votes on a phone with their code, a second ballot is refused (ELEC-DAY-2), a ballot is issued at the station with a signature', async () => {
  setClock(s.day, 10, 0);
  const student = await session(s.voterLogin, { width: 390, height: 844 });
  await student.goto('/');
  await student.locator(`[data-testid=vote-card][data-election-id="${s.election.id}"]`).waitFor();
  // A second tab, opened before the vote, tries again afterwards.
  const second = await student.context().newPage();
  await second.goto(`/elections/${s.election.id}/vote`);
  await second.locator('[data-testid=booth][data-state=open] [data-testid=verifiable-booth]').waitFor();

  await student.locator('[data-testid=vote-card-link]').click();
  await student.locator('[data-testid=booth][data-state=open] [data-testid=verifiable-booth][data-step=choose]').waitFor();
  const cards = student.locator('label.ballot-card');
  await cards.nth(1).waitFor();
  assert.equal(await cards.count(), 2, 'the two registered candidates, not the refused one');
  await expectAccessible(student, 'the booth (390px)');
  await student.screenshot({ path: join(ARTIFACTS, 'booth-390.png'), fullPage: true });
  await student.locator(`label.ballot-card[data-candidate-id="${s.alpha.candidate}"]`).click();
  await student.locator('[data-testid=vote-next]').click();
  await student.locator('[data-testid=confirm-vote] input[name=voting_code]').waitFor();
  await expectText(student.locator('.confirm-text'), s.alpha.surname, { contains: true });
  await expectText(student.locator('[data-testid=confirm-vote]'), msg('kk', 'ui.booth.confirm_final'), { contains: true });
  await student.locator('input[name=voting_code]').fill(s.voterCode);
  await student.screenshot({ path: join(ARTIFACTS, 'booth-confirm-390.png'), fullPage: false });
  const [cast] = await Promise.all([waitApi(student, 'POST', new RegExp(`/api/v1/elections/${s.election.id}/ballots$`)), student.locator('[data-testid=vote-confirm]').click()]);
  assert.equal(cast.status(), 201);
  const body = JSON.parse(cast.request().postData());
  assert.deepEqual(Object.keys(body).sort(), ['ballot', 'roll_token'], 'an encrypted ballot and the roll token');
  assert.ok(!cast.request().postData().includes(s.voterCode), 'the code never leaves the browser');
  s.tracker = (await cast.json()).tracker;
  await student.locator('[data-testid=booth][data-state=receipt][data-verifiable=true]').waitFor();
  await expectText(student.locator('[data-testid=tracker]'), s.tracker);
  await student.screenshot({ path: join(ARTIFACTS, 'booth-receipt-390.png'), fullPage: false });
  // The copy button puts the tracker on the clipboard and says so in a live region.
  await student.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  const copyStatus = student.locator('[data-testid=copy-status]');
  assert.equal(await copyStatus.getAttribute('role'), 'status', 'announced by screen readers');
  await student.locator('[data-testid=copy-tracker]').click();
  await student.locator('[data-testid=copy-status][data-outcome=copied]').waitFor();
  await expectText(copyStatus, msg('kk', 'ui.booth.tracker_copied'));
  assert.equal(await student.evaluate(() => navigator.clipboard.readText()), s.tracker);
  await expectAccessible(student, 'the receipt (390px)');
  for (const width of [360, 1366]) {
    await student.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    await student.screenshot({ path: join(ARTIFACTS, `booth-receipt-copied-${width}.png`), fullPage: true });
  }
  await student.setViewportSize({ width: 390, height: 844 });
  const width = await student.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scroll on the phone (${width})`);

  // Voting again is not allowed in this election: the second tab's ballot is refused.
  await second.locator(`label.ballot-card[data-candidate-id="${s.beta.candidate}"]`).click();
  await second.locator('[data-testid=vote-next]').click();
  await second.locator('input[name=voting_code]').fill(s.voterCode);
  const [again] = await Promise.all([waitApi(second, 'POST', /\/ballots$/), second.locator('[data-testid=vote-confirm]').click()]);
  assert.equal(again.status(), 422);
  assert.equal((await again.json()).rule, 'ELEC-DAY-2');
  const refusal = second.locator('[data-testid=confirm-vote] [role=alert]');
  await refusal.waitFor();
  await expectText(refusal, msg('kk', 'ui.booth.refused_voted'), { contains: true });
  await second.close();
  await student.reload();
  await student.locator('[data-testid=booth][data-state=voted]').waitFor();
  await expectText(student.locator('[data-testid=booth]'), msg('kk', 'ui.vote.voted_online'), { contains: true });

  // The polling station: the chair finds the voter by the student number and records the ballot.
  const chair = await session(s.chairLogin);
  s.chairPage = chair;
  await chair.goto(`/elections/${s.election.id}/stations/${s.station}`);
  await chair.locator('input[name=student_number]').fill(s.voterNumber);
  await chair.locator('[data-testid=find-voter] button[type=submit]').click();
  await chair.locator('[data-testid=voter][data-voted=true]').waitFor();
  await chair.locator('input[name=student_number]').fill(s.paperNumber);
  await chair.locator('[data-testid=find-voter] button[type=submit]').click();
  await chair.locator('[data-testid=voter][data-voted=false]').waitFor();
  await drawSignature(chair);
  const [issued] = await Promise.all([waitApi(chair, 'POST', /\/issue$/), chair.locator('[data-testid=issue-ballot]').click()]);
  await expectStatus(issued, 200);
  const sent = JSON.parse(issued.request().postData());
  assert.ok(sent.signature_png && !sent.signature_png.startsWith('data:'), 'a base64 PNG without the data: prefix');
  await chair.locator('[data-testid=voter][data-voted=true]').waitFor();

  await chair.goto(`/elections/${s.election.id}`);
  await chair.locator('[data-testid=turnout-total][data-voted="2"]').waitFor();
});

test('a voter without an account votes with a code on a phone; a typo is caught, a station voter\'s code and the same code the second time are refused (ELEC-DAY-2)', async () => {
  setClock(s.day, 11, 0);
  const { context, page } = await openPage(browser, { width: 390, height: 844 });
  contexts.push(context);
  await page.goto(`/public/${s.institution}/elections/${s.election.id}`);
  await page.locator('[data-testid=vote-with-code]').click();
  await page.waitForURL(`**/public/${s.institution}/elections/${s.election.id}/vote`);
  const booth = page.locator('[data-testid=code-booth][data-state=open] [data-testid=verifiable-booth]');
  await booth.waitFor();
  await expectAccessible(page, 'voting with a code (390px)');

  const choose = async (candidate) => {
    await page.locator(`label.ballot-card[data-candidate-id="${candidate}"]`).click();
    await page.locator('[data-testid=vote-next]').click();
    await page.locator('[data-testid=confirm-vote] input[name=voting_code]').waitFor();
  };
  const cast = async (typed) => {
    await page.locator('input[name=voting_code]').fill(typed);
    const [answer] = await Promise.all([waitApi(page, 'POST', /\/ballots$/), page.locator('[data-testid=vote-confirm]').click()]);
    return answer;
  };
  await choose(s.beta.candidate);
  // A typo (the last character is a checksum): said next to the field, nothing is sent.
  const last = s.coderCode.at(-1);
  const typo = s.coderCode.slice(0, -1) + (last === '2' ? '3' : '2');
  const posted = [];
  page.on('request', (r) => r.method() === 'POST' && /\/ballots$/.test(new URL(r.url()).pathname) && posted.push(r));
  await page.locator('input[name=voting_code]').fill(typo);
  await page.locator('[data-testid=vote-confirm]').click();
  await page.locator('input[name=voting_code][aria-invalid=true]').waitFor();
  await expectText(page.locator('[data-testid=confirm-vote] .field-error, [data-testid=confirm-vote] [data-field-error]').first(), msg('kk', 'ui.booth.code_typo'));
  assert.equal(posted.length, 0, 'a typo is not sent');

  // The code of a voter who took a paper ballot at the station: one roll (ELEC-DAY-2).
  const paper = await cast(s.paperCode);
  assert.equal(paper.status(), 422);
  assert.equal((await paper.json()).rule, 'ELEC-DAY-2');
  await expectText(page.locator('[data-testid=confirm-vote] [role=alert]'), msg('kk', 'ui.booth.refused_voted'), { contains: true });

  // Typed with spaces instead of dashes.
  const castOk = await cast(s.coderCode.replace(/-/g, ' '));
  assert.equal(castOk.status(), 201);
  assert.ok(!castOk.request().postData().includes(s.coderCode), 'the code never leaves the browser');
  const tracker = (await castOk.json()).tracker;
  await expectText(page.locator('[data-testid=tracker]'), tracker);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scroll on the phone (${width})`);

  await page.goto(`/public/${s.institution}/elections/${s.election.id}/vote`);
  await booth.waitFor();
  assert.equal(await page.locator('input[name=voting_code]').count(), 0, 'the code comes after the choice');
  await choose(s.alpha.candidate);
  const again = await cast(s.coderCode);
  assert.equal(again.status(), 422);
  assert.equal((await again.json()).rule, 'ELEC-DAY-2');
  const refusal = page.locator('[data-testid=confirm-vote] [role=alert]');
  await refusal.waitFor();
  await expectText(refusal, msg('kk', 'ui.booth.refused_voted'), { contains: true });
  assert.deepEqual(page.problems, [], 'no CSP violations or page errors');
});

test('after 18:00 voting is closed, the paper count entered (ELEC-CNT-1), counted, signed by the commission and published', async () => {
  setClock(s.day, 18, 5);
  const chair = s.chairPage;
  await chair.goto(`/elections/${s.election.id}`);
  await chair.locator('[data-testid=phase][data-phase=awaiting_close]').waitFor();
  const [closed] = await Promise.all([waitApi(chair, 'POST', /\/close$/), chair.locator('[data-testid=close-voting]').click()]);
  await expectStatus(closed, 200);
  const count = chair.locator(`form[data-testid=station-count][data-station-id="${s.station}"]`);
  await count.waitFor();
  // Two ballots found where one was issued: refused with the arithmetic.
  await count.locator(`input[name=votes_${s.alpha.candidate}]`).fill('1');
  await count.locator(`input[name=votes_${s.beta.candidate}]`).fill('1');
  const [tooMany] = await Promise.all([waitApi(chair, 'PUT', /\/count$/), count.locator('button[type=submit]').click()]);
  assert.equal(tooMany.status(), 422);
  assert.equal((await tooMany.json()).rule, 'ELEC-CNT-1');
  const countError = count.locator('[data-field-error]').first();
  await countError.waitFor();
  await expectText(countError, msg('kk', 'rule.count_exceeds_issued', { found: 2, issued: 1 }));
  await count.locator(`input[name=votes_${s.beta.candidate}]`).fill('0');
  const [saved] = await Promise.all([waitApi(chair, 'PUT', /\/count$/), count.locator('button[type=submit]').click()]);
  await expectStatus(saved, 200);
  // The count waits for the trustee's partial decryption of the encrypted tally: refused before it.
  const E = `/api/v1/elections/${s.election.id}`;
  const early = await apiFromPage(chair, 'POST', `${E}/count`, {});
  assert.equal(early.status, 409, JSON.stringify(early.json));
  // The trustee decrypts with belenios-tool, their key never on the server, from the public archive.
  const tally = await apiExpect(chair, 'GET', `${E}/trustees/tally`, undefined, 200);
  assert.equal(tally.kind, 'single');
  const archive = await chair.request.get(`/api/v1/public/institutions/${s.institution}/elections/${s.election.id}/archive.bel`);
  assert.equal(archive.status(), 200);
  writeFileSync(join(s.trusteeDir, `${JSON.parse(tally.election).uuid}.bel`), await archive.body());
  const share = tool(s.trusteeDir, ['election', 'decrypt', '--privkey', only(s.trusteeDir, '.privkey'), '--trustee-id', '1']).split('\n')[0];
  assert.equal((await apiExpect(chair, 'POST', `${E}/trustees/decryption`, { partial_decryption: share }, 200)).decryptions, 1);
  const [counted] = await Promise.all([waitApi(chair, 'POST', /\/count$/), chair.locator('[data-testid=count]').click()]);
  await expectStatus(counted, 200);
  await chair.locator(`[data-testid=winner][data-candidate-id="${s.alpha.candidate}"]`).waitFor();

  for (const [page, who] of [
    [chair, s.chair],
    [await session(s.secretaryLogin), s.secretary],
  ]) {
    await page.goto(`/elections/${s.election.id}`);
    const [signed] = await Promise.all([waitApi(page, 'POST', /\/protocol\/sign$/), page.locator('[data-testid=sign-protocol]').click()]);
    await expectStatus(signed, 200);
    await page.locator(`[data-testid=protocol-signers] li[data-person-id="${who.id}"][data-signed=true]`).waitFor();
  }
  await chair.reload();
  await chair.locator('[data-testid=protocol-status][data-status=final]').waitFor();
  const pdf = await chair.request.get(await chair.locator('[data-testid=protocol-pdf-en]').getAttribute('href'));
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  const [published] = await Promise.all([waitApi(chair, 'POST', /\/publish-results$/), chair.locator('[data-testid=publish-results]').click()]);
  await expectStatus(published, 200);
  await chair.locator('[data-testid=results-published]').waitFor();
  s.code = (await apiExpect(chair, 'GET', `/api/v1/elections/${s.election.id}/protocol`, undefined, 200)).verification_code;
});

test('the public page shows the result and finds the tracker on the board; the protocol code verifies', async () => {
  const { context, page } = await openPage(browser, { width: 390, height: 844 });
  contexts.push(context);
  const institution = s.institution;
  await page.goto(`/public/${institution}/elections/${s.election.id}`);
  await page.locator('[data-testid=public-results]').waitFor();
  await expectText(page.locator('[data-testid=public-winner]'), s.alpha.surname, { contains: true });
  assert.equal(await page.locator(`[data-testid=public-result-bars] li[data-key="${s.alpha.candidate}"]`).getAttribute('data-value'), '2');
  await page.locator('img.candidate-photo').nth(1).waitFor();
  assert.equal(await page.locator('img.candidate-photo').count(), 2);
  await expectText(page.locator(`li.public-candidate[data-candidate-id="${s.alpha.candidate}"]`), 'Кездесу: сейсенбі, 14:00, акт залы', { contains: true });
  await page.waitForFunction(() => { const img = document.querySelector('img.candidate-photo'); return img && img.complete && img.naturalWidth > 0; });
  await page.screenshot({ path: join(ARTIFACTS, 'election-public-390.png'), fullPage: true });
  // The booth's link: the voter's tracker is on the board; a tracker that is not is not found.
  await page.goto(`/public/${institution}/elections/${s.election.id}?tracker=${encodeURIComponent(s.tracker)}#board`);
  await page.locator('[data-testid=board-mine][data-found=true]').waitFor();
  await expectText(page.locator('[data-testid=board-mine]'), msg('kk', 'ui.board.mine_found'));
  await page.locator('[data-testid=board] input[name=tracker]').fill('ZZZZ-no-such-tracker');
  await page.locator('[data-testid=board-search-none]').waitFor();
  await expectSoundPublicPage(page, 'the published results');

  await page.goto(`/verify/${s.code}`);
  await page.locator('[data-testid=verify-result][data-kind=election_results][data-valid=true]').waitFor();
  await expectSoundPublicPage(page, "the election protocol verified");
  assert.deepEqual(page.problems, [], 'no CSP violations or page errors');
});

test('the penalty register on the person page: a penalty in force, a withdrawal before it refused next to the date, then withdrawn', async () => {
  const admin = await session('admin');
  await admin.goto(`/people/${s.beta.id}`);
  const section = admin.locator('[data-testid=penalties]');
  await section.locator('[data-testid=penalty-in-force][data-in-force=false]').waitFor();
  const form = section.locator('[data-testid=add-penalty]');
  await form.locator('input[name=order_number]').fill(`№ ${uniqueSuffix()}`);
  await form.locator('input[name=imposed_on]').fill(s.day);
  await form.locator('textarea[name=reason]').fill('Сабаққа дәлелсіз себеппен келмеу');
  const [added] = await Promise.all([waitApi(admin, 'POST', /\/penalties$/), form.locator('button[type=submit]').click()]);
  await expectStatus(added, 201);
  const penalty = await added.json();
  const row = section.locator(`tr[data-penalty-id="${penalty.id}"]`);
  await section.locator(`tr[data-penalty-id="${penalty.id}"][data-in-force=true]`).waitFor();
  await section.locator('[data-testid=penalty-in-force][data-in-force=true]').waitFor();

  const before = new Date(Date.parse(`${s.day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
  await row.locator('input[name=withdrawn_on]').fill(before);
  const [refused] = await Promise.all([waitApi(admin, 'POST', /\/withdraw$/), row.locator('button[type=submit]').click()]);
  assert.equal(refused.status(), 422);
  await row.locator('input[name=withdrawn_on][aria-invalid=true]').waitFor();
  await row.locator('input[name=withdrawn_on]').fill(s.day);
  const [withdrawn] = await Promise.all([waitApi(admin, 'POST', /\/withdraw$/), row.locator('button[type=submit]').click()]);
  await expectStatus(withdrawn, 200);
  await section.locator(`tr[data-penalty-id="${penalty.id}"][data-in-force=false]`).waitFor();
  await section.locator('[data-testid=penalty-in-force][data-in-force=false]').waitFor();

  // The institution's public page links the election.
  await admin.goto(`/public/${s.institution}`);
  await admin.locator(`[data-testid=public-elections] li[data-election-id="${s.election.id}"] a`).click();
  await admin.waitForURL(`**/public/${s.institution}/elections/${s.election.id}`);
  await admin.locator('[data-testid=public-results]').waitFor();
  assert.deepEqual(admin.problems, [], 'no CSP violations or page errors');
});
