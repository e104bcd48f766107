// Written statements end to end (seed 004 "Resolving disputes", APL-1..4): a student files a
// statement on a phone at 360 px (there is no anonymous option, and the API refuses one: APL-2),
// downloads the registration slip, the administration assigns and answers before the deadline and
// the student sees the answer; a complaint to the ombudsman that the teacher complained about
// cannot see (APL-4); a reception slot booked (APL-3). Screenshots at 360 and 1366 px go to
// $KENES_SHOTS/statements, with the slip PDF.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiExpect as api, apiFromPage, capitalize, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';
import { expectAccessible } from './lib/axe.mjs';

const SHOTS = join(process.env.KENES_SHOTS ?? '/work/shots', 'statements');
const PHONE = { width: 360, height: 740 };
const DESK = { width: 1366, height: 900 };
const PASSWORD = 'e2e-password-2026';
const tag = uniqueSuffix();
const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
const s = {};
let browser;
let admin;

async function shots(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize();
  for (const viewport of [PHONE, DESK]) {
    await page.setViewportSize(viewport);
    if (viewport === PHONE) assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${name}: no horizontal scroll at 360 px`);
    await page.screenshot({ path: join(SHOTS, `${name}-${viewport.width}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

async function account(person, roles) {
  const login = `st_${randomCyrillic(3).length}${tag}_${Math.floor(Math.random() * 1e6)}`;
  await api(admin.page, 'POST', '/api/v1/users', { login, password: PASSWORD, display_name: login, roles, person_id: person.id }, 201);
  return login;
}

before(async () => {
  browser = await launchBrowser();
  admin = await openPage(browser, DESK);
  await signIn(admin.page, 'admin');
  const person = (extra) => api(admin.page, 'POST', '/api/v1/people', { surname: `${capitalize(randomCyrillic(7))}ова`, name: 'Аружан', ...extra }, 201);
  s.student = await person({ student: { student_number: `S-${tag}`, course: 1 } });
  s.ombudsman = await person({ student: { student_number: `O-${tag}`, course: 2 } });
  s.teacher = await person({ staff: { position: 'Мұғалім' } });
  s.councillor = await person({ student: { student_number: `C-${tag}`, course: 3 } });
  s.studentLogin = await account(s.student, ['student']);
  s.ombudsmanLogin = await account(s.ombudsman, ['student']);
  s.teacherLogin = await account(s.teacher, ['curator']);
  const gov = (await api(admin.page, 'GET', '/api/v1/bodies', undefined, 200)).items.find((b) => b.template === 'student_government');
  await api(admin.page, 'POST', `/api/v1/bodies/${gov.id}/members`, { person_id: s.ombudsman.id, position: 'ombudsman', starts_on: today, accepted_regulation: true, ex_officio: true }, 201);
  await api(admin.page, 'POST', `/api/v1/bodies/${gov.id}/members`, { person_id: s.councillor.id, position: 'member', starts_on: today, accepted_regulation: true, ex_officio: true }, 201);
});

after(async () => { await browser?.close(); });

/** Chooses a person in the picker named `name` inside `scope` by typing their surname. */
async function pick(page, scope, name, person) {
  const input = scope.locator(`input[name=${name}][role=combobox]`);
  await input.fill(person.surname);
  await page.locator(`[role=option][data-person-id="${person.id}"]`).click();
  assert.equal(await input.getAttribute('data-picked'), String(person.id), `${name}: ${person.surname} picked`);
}

test('APL-2: a student files a written statement on a phone (no anonymous option), gets the slip, and sees the answer given before the deadline', async () => {
  const student = await openPage(browser, PHONE);
  await signIn(student.page, s.studentLogin, { password: PASSWORD });
  const { page } = student;
  await page.goto('/statements');
  const form = page.locator('[data-testid=statement-form]');
  await form.waitFor();
  // No anonymous option anywhere on the form; the API refuses one (APL-2).
  assert.equal(await form.locator('[name*=anonym], input[type=checkbox]').count(), 0, 'no anonymous option');
  const refused = await apiFromPage(page, 'POST', '/api/v1/statements', { topic: 'canteen', arguments: 'Аноним өтініш мәтіні осында.', anonymous: true });
  assert.equal(refused.status, 422);
  assert.equal(refused.json.rule, 'APL-2');
  await form.locator('select[name=topic]').selectOption('canteen');
  await form.locator('input[name=about]').fill('Асхана');
  await form.locator('textarea[name=arguments]').fill(`Дүйсенбі сайын түскі ас суық беріледі ${tag}, асхана меңгерушісіне айтқанбыз.`);
  await shots(page, 'my-statements');
  await expectAccessible(page, 'my statements');
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/statements'),
    form.locator('[data-testid=file-statement]').click(),
  ]);
  assert.equal(answer.status(), 201, await answer.text());
  s.statement = await answer.json();
  await page.locator(`[data-testid=statement][data-statement-id="${s.statement.id}"]`).waitFor();
  assert.equal(await page.locator('[data-testid=statement-state]').getAttribute('data-state'), 'registered');
  // The slip downloads as a PDF.
  const slip = await page.request.get(`/api/v1/statements/${s.statement.id}/slip.pdf?lang=kk`);
  assert.equal(slip.status(), 200);
  const bytes = await slip.body();
  assert.equal(bytes.subarray(0, 4).toString(), '%PDF');
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(join(SHOTS, 'slip-kk.pdf'), bytes);
  assert.ok(await page.locator('[data-testid=slip-pdf-kk]').isVisible());
  await shots(page, 'statement-registered');

  // The administration assigns it to the teacher and answers before the deadline.
  const a = admin.page;
  await a.goto(`/statements/${s.statement.id}`);
  const assign = a.locator('[data-testid=assign-form]');
  await pick(a, assign, 'assignee_person_id', s.teacher);
  await shots(a, 'statement-assign');
  await assign.locator('button[type=submit]').click();
  await a.locator('[data-testid=statement][data-state=assigned]').waitFor();
  await a.locator('[data-testid=answer-form] textarea[name=answer]').fill('Асхана меңгерушісімен сөйлестік: ас 12:30-да ыстық беріледі.');
  await a.locator('[data-testid=send-answer]').click();
  await a.locator('[data-testid=statement][data-state=answered]').waitFor();
  await shots(a, 'statement-admin');
  await a.goto('/statements/register');
  await a.locator('[data-testid=statement-list]').waitFor();
  await shots(a, 'register');
  await expectAccessible(a, 'the register');

  await page.goto(`/statements/${s.statement.id}`);
  await page.locator('[data-testid=statement-answer]').waitFor();
  assert.match(await page.locator('[data-testid=statement-answer]').innerText(), /12:30/);
  const seen = await api(page, 'GET', `/api/v1/statements/${s.statement.id}`, undefined, 200);
  assert.equal(seen.overdue, false, 'answered before the deadline');
  await shots(page, 'statement-answered');
  await expectAccessible(page, 'the statement page');
});

test('APL-2: the administration registers a paper statement, naming the filer with the picker', async () => {
  const a = admin.page;
  await a.goto('/statements/register');
  const box = a.locator('[data-testid=paper-statement]');
  await box.locator('summary').click();
  const form = box.locator('[data-testid=paper-form]');
  await form.locator('select[name=topic]').selectOption('library');
  await form.locator('textarea[name=arguments]').fill('Кітапханада оқулықтар жетпейді, екі адамға бір кітап беріледі.');
  // Without a filer it is anonymous and refused (APL-2), shown on the filer's field.
  await form.locator('[data-testid=register-paper]').click();
  await form.locator('input[name=filer_person_id][aria-invalid=true]').waitFor();
  await pick(a, form, 'filer_person_id', s.student);
  await shots(a, 'paper-statement');
  await form.locator('[data-testid=register-paper]').click();
  await a.waitForURL((url) => /^\/statements\/\d+$/.test(url.pathname));
  const id = new URL(a.url()).pathname.split('/').pop();
  const paper = await api(a, 'GET', `/api/v1/statements/${id}`, undefined, 200);
  assert.equal(paper.channel, 'paper');
  assert.equal(String(paper.filer.person_id), String(s.student.id), 'the filer picked');
});

test('APL-4: a complaint to the ombudsman; the teacher complained about cannot see it', async () => {
  const student = await openPage(browser, PHONE);
  await signIn(student.page, s.studentLogin, { password: PASSWORD });
  const { page } = student;
  await page.goto('/ombudsman');
  const form = page.locator('[data-testid=complaint-form]');
  await form.locator('input[name=about]').fill('Мұғалім');
  await form.locator('textarea[name=text]').fill(`Мұғалім сабақта мені басқалардың алдында масқаралады ${tag}.`);
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/ombudsman/complaints'),
    form.locator('[data-testid=file-complaint]').click(),
  ]);
  assert.equal(answer.status(), 201, await answer.text());
  const complaint = await answer.json();
  await page.locator('[data-testid=complaint-row]').first().waitFor();
  await shots(page, 'ombudsman-student');

  const teacher = await openPage(browser, DESK);
  await signIn(teacher.page, s.teacherLogin, { password: PASSWORD });
  const denied = await apiFromPage(teacher.page, 'GET', `/api/v1/ombudsman/complaints/${complaint.id}`);
  assert.ok(denied.status === 403 || denied.status === 404, `the teacher: ${denied.status}`);
  const adminDenied = await apiFromPage(admin.page, 'GET', `/api/v1/ombudsman/complaints/${complaint.id}`);
  assert.ok(adminDenied.status === 403 || adminDenied.status === 404, `the administration: ${adminDenied.status}`);

  const ombudsman = await openPage(browser, DESK);
  await signIn(ombudsman.page, s.ombudsmanLogin, { password: PASSWORD });
  await ombudsman.page.goto('/ombudsman');
  await ombudsman.page.locator('[data-testid=complaint-row]').first().waitFor();
  await shots(ombudsman.page, 'ombudsman-inbox');
  await ombudsman.page.goto(`/ombudsman/${complaint.id}`);
  const share = ombudsman.page.locator('[data-testid=share-form]');
  await share.waitFor();
  // The ombudsman (a student) may not search the directory: the picker offers the bodies' members.
  const directory = await apiFromPage(ombudsman.page, 'GET', `/api/v1/people?q=${encodeURIComponent(s.councillor.surname)}`);
  assert.equal(directory.status, 403, 'no directory for a student');
  await share.locator('input[name=person_id]').fill(s.councillor.surname);
  const offered = ombudsman.page.locator(`[role=option][data-person-id="${s.councillor.id}"]`);
  await offered.waitFor();
  assert.match(await offered.innerText(), new RegExp(msg('kk', 'body.position.member')), 'a member, with their body and position');
  await ombudsman.page.screenshot({ path: join(SHOTS, 'complaint-share-suggestions-1366.png') });
  await ombudsman.page.setViewportSize(PHONE);
  await ombudsman.page.screenshot({ path: join(SHOTS, 'complaint-share-suggestions-360.png') });
  await ombudsman.page.setViewportSize(DESK);
  await pick(ombudsman.page, share, 'person_id', s.councillor);
  await shots(ombudsman.page, 'complaint-share');
  await share.locator('input[name=reason]').fill('Студенттік кеңестің пікірі керек');
  await share.locator('button[type=submit]').click();
  await ombudsman.page.locator('[data-testid=complaint-shares] li', { hasText: s.councillor.surname }).waitFor();
  await shots(ombudsman.page, 'complaint');
  await expectAccessible(ombudsman.page, 'the complaint page');
});

test('APL-3: the administration publishes a reception slot; the student books it', async () => {
  const next = new Date(Date.now() + 5 * 3600_000 + 3 * 86400e3).toISOString().slice(0, 10);
  // The administration publishes it with the form, choosing the receiver with the picker.
  const a = admin.page;
  await a.goto('/reception');
  const publish = a.locator('[data-testid=publish-form]');
  await a.locator('[data-testid=reception-schedule]').waitFor();
  await publish.locator('input[name=starts_at]').fill(`${next}T16:${String(10 + Math.floor(Math.random() * 49)).padStart(2, '0')}`);
  await publish.locator('input[name=place]').fill(`Кабинет ${tag}`);
  await pick(a, publish, 'receiver_person_id', s.teacher);
  assert.equal(await publish.locator('input[name=place]').inputValue(), `Кабинет ${tag}`);
  await shots(a, 'reception-publish');
  const [published] = await Promise.all([
    a.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/reception/slots'),
    publish.locator('button[type=submit]').click(),
  ]);
  assert.equal(published.status(), 201, await published.text());
  const slot = await published.json();
  assert.ok(slot.receiver.includes(s.teacher.surname), `the receiver picked: ${slot.receiver}`);
  const student = await openPage(browser, PHONE);
  await signIn(student.page, s.studentLogin, { password: PASSWORD });
  const { page } = student;
  await page.goto('/reception');
  await page.locator('input[name=month]').fill(next.slice(0, 7));
  const row = page.locator(`[data-testid=slot][data-slot-id="${slot.id}"]`);
  await row.waitFor();
  await page.locator('input[name=topic]').fill('Жатақхана туралы');
  await row.locator('[data-testid=book-slot]').click();
  await page.locator(`[data-testid=slot][data-slot-id="${slot.id}"][data-booked=true]`).waitFor();
  await shots(page, 'reception');
  await expectAccessible(page, 'the reception page');
  const again = await apiFromPage(page, 'POST', `/api/v1/reception/slots/${slot.id}/booking`, { topic: 'Тағы' });
  assert.equal(again.status, 409, 'one booking a slot');
  await admin.page.goto('/reception');
  await admin.page.locator('[data-testid=publish-form]').waitFor();
  await shots(admin.page, 'reception-admin');
});
