// Seed 004, "Rewarding the students", end to end: two Shanyraks nominate their students for
// "Student of the year" on a phone (AWD-3: each nomination with the Shanyrak meeting's and the
// pedagogical meeting's decisions); the chair of the encouragement commission opens its scoring at
// the commission's meeting; the page shows the mother of a nominee recused from her child (kin) and
// she is refused when she tries (AWD-3); the members score, the chair closes and the places follow
// with the tie-break explained; the principal awards the first place by an order (AWD-5), whose
// PDF and the certificate download in kk; the mother is notified and sees the award in her child's
// record (REP-1). Persons, accounts, Shanyraks and the commission are made through the API; the
// awards steps are the UI. Screenshots of every awards page in kk at 360 and 1366 px go to
// $KENES_SHOTS/awards (default /work/shots/awards).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiExpect as api, apiFromPage, capitalize, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';

const SHOTS = join(process.env.KENES_SHOTS ?? '/work/shots', 'awards');
const PHONE = { width: 360, height: 740 };
const DESK = { width: 1366, height: 900 };
const PASSWORD = 'e2e-password-2026';
const tag = uniqueSuffix();
const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);

let browser;
let admin;
const s = {};

const noSideScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

async function shots(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize();
  for (const viewport of [PHONE, DESK]) {
    await page.setViewportSize(viewport);
    if (viewport === PHONE) assert.ok(await noSideScroll(page), `${name}: no horizontal scroll at 360 px`);
    await page.screenshot({ path: join(SHOTS, `${name}-${viewport.width}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

// A section of a long page, at both widths (the full page at 360 px is too tall to read).
async function sectionShots(page, locator, name) {
  mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize();
  for (const viewport of [PHONE, DESK]) {
    await page.setViewportSize(viewport);
    await locator.screenshot({ path: join(SHOTS, `${name}-section-${viewport.width}.png`) });
  }
  await page.setViewportSize(size);
}

async function person(body) {
  return api(admin.page, 'POST', '/api/v1/people', body, 201);
}

async function account(personId, login, roles) {
  await api(admin.page, 'POST', '/api/v1/users', { login, password: PASSWORD, display_name: login, roles, person_id: personId }, 201);
}

async function pick(page, name, who) {
  const input = page.locator(`input[name="${name}"]`);
  await input.fill(who.surname);
  await page.locator(`[role=option][data-person-id="${who.id}"]`).click();
}

before(async () => {
  browser = await launchBrowser();
  admin = await openPage(browser, DESK);
  await signIn(admin.page, 'admin');
  const groups = await api(admin.page, 'GET', '/api/v1/groups', undefined, 200);
  const group = groups.items[0];
  s.students = [];
  for (let i = 0; i < 3; i++) {
    s.students.push(await person({ surname: `${capitalize(randomCyrillic(7))}${'абв'[i]}`, name: ['Айару', 'Нұрлан', 'Дана'][i],
      student: { student_number: `A-${tag}-${i}`, course: 2, group_id: group.id } }));
  }
  s.mother = await person({ surname: `${capitalize(randomCyrillic(7))}ова`, name: 'Гүлнар', email: `mother-${tag}@e2e.kenes.kz` });
  await api(admin.page, 'POST', `/api/v1/people/${s.students[0].id}/representatives`, { representative_id: s.mother.id, kind: 'mother' }, 201);
  s.motherLogin = `am_${tag}`;
  await account(s.mother.id, s.motherLogin, ['legal_representative']);
  s.shanyrakA = await api(admin.page, 'POST', '/api/v1/shanyraks', { name: `Шаңырақ «Болашақ» ${tag}` }, 201);
  s.shanyrakB = await api(admin.page, 'POST', '/api/v1/shanyraks', { name: `Шаңырақ «Жұлдыз» ${tag}` }, 201);
  await api(admin.page, 'PUT', `/api/v1/awards/shanyraks/${s.shanyrakA.id}/members`, { person_ids: [s.students[0].id, s.students[1].id] }, 200);
  await api(admin.page, 'PUT', `/api/v1/awards/shanyraks/${s.shanyrakB.id}/members`, { person_ids: [s.students[2].id] }, 200);
  // The encouragement commission: a chair (staff), a teacher, the mother; its meeting today.
  s.commission = await api(admin.page, 'POST', '/api/v1/bodies', { template: 'encouragement_commission', name: `Көтермелеу комиссиясы ${tag}` }, 201);
  s.chair = await person({ surname: `${capitalize(randomCyrillic(7))}ов`, name: 'Төраға', staff: { position: 'Мұғалім' } });
  s.teacher = await person({ surname: `${capitalize(randomCyrillic(7))}ев`, name: 'Мұғалім', staff: { position: 'Мұғалім' } });
  s.chairLogin = `ac_${tag}`;
  s.teacherLogin = `at_${tag}`;
  await account(s.chair.id, s.chairLogin, ['staff']);
  await account(s.teacher.id, s.teacherLogin, ['staff']);
  for (const [p, position] of [[s.chair, 'chair'], [s.teacher, 'member'], [s.mother, 'member']]) {
    await api(admin.page, 'POST', `/api/v1/bodies/${s.commission.id}/members`, { person_id: p.id, position, starts_on: today, accepted_regulation: true }, 201);
  }
  s.meeting = await api(admin.page, 'POST', `/api/v1/bodies/${s.commission.id}/meetings`, { held_on: today, starts_at: '00:00', place: '101', convened_by: s.chair.id }, 201);
});

after(async () => {
  await browser?.close();
});

async function nominate(page, student, shanyrak, motivation) {
  await page.goto('/awards/nominate');
  await page.locator('[data-testid=nominate-page] form').waitFor();
  await pick(page, 'student_id', student);
  await page.locator('select[name=commission_body_id]').selectOption(String(s.commission.id));
  await page.locator('textarea[name=motivation]').fill(motivation);
  await page.locator('select[name="discussions.0.shanyrak_id"]').selectOption(String(shanyrak.id));
  await page.locator('textarea[name="discussions.0.decision"]').fill('Шаңырақ жиналысы бірауыздан қолдады.');
  await page.locator('textarea[name="discussions.1.decision"]').fill('Педагогикалық кеңес қолдады.');
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/awards/nominations' && r.status() === 201),
    page.locator('[data-testid=submit-nomination]').click(),
  ]);
  await page.waitForURL((url) => url.pathname === '/awards');
}

test('AWD-3: two Shanyraks nominate their students on a phone, each with its discussions', async () => {
  const { page } = await openPage(browser, PHONE);
  await signIn(page, 'admin');
  await page.goto('/awards/nominate');
  await page.locator('[data-testid=nominate-page] form').waitFor();
  await shots(page, 'nominate');
  await nominate(page, s.students[0], s.shanyrakA, 'Республикалық олимпиаданың жеңімпазы.');
  await nominate(page, s.students[1], s.shanyrakA, 'Ерікті жобалардың ұйымдастырушысы.');
  await nominate(page, s.students[2], s.shanyrakB, 'Облыс чемпионы, үздік оқушы.');
  await page.locator('[data-testid=nomination]').first().waitFor();
  const names = await page.locator('[data-testid=nomination]').allTextContents();
  for (const st of s.students) assert.ok(names.some((n) => n.includes(st.surname)), `${st.surname} nominated`);
  assert.ok(names.some((n) => n.includes(s.shanyrakB.name)), 'the second Shanyrak\'s nomination');
  await shots(page, 'awards');
  await page.context().close();
});

test('AWD-3: the commission scores with the mother recused from her child; places with the tie-break; the principal awards by order; PDFs', async () => {
  const chair = await openPage(browser, DESK);
  await signIn(chair.page, s.chairLogin, { password: PASSWORD });
  await chair.page.goto('/awards');
  const form = chair.page.locator('[data-testid=commission-sessions]', { hasText: s.commission.name }).locator('[data-testid=open-session]');
  await form.waitFor();
  await form.locator('select[name=contest]').selectOption('student_of_year');
  await form.locator('button[type=submit]').click();
  await chair.page.waitForURL(/\/awards\/sessions\/\d+/);
  const sessionId = new URL(chair.page.url()).pathname.split('/').at(-1);
  await chair.page.locator('[data-testid=award-session][data-status=open]').waitFor();
  // The mother is shown recused from her child (kin).
  const mother = chair.page.locator('[data-testid=session-member][data-recused=yes]', { hasText: s.mother.surname });
  await mother.waitFor();
  assert.ok((await mother.textContent()).includes(msg('kk', 'ui.awards.recused.kin')));
  await shots(chair.page, 'session-open');
  // The mother tries to score her child: refused; she scores the others.
  const session = await api(chair.page, 'GET', `/api/v1/awards/sessions/${sessionId}`, undefined, 200);
  const nid = (student) => session.nominees.find((n) => String(n.student_id) === String(student.id)).nomination_id;
  const mum = await openPage(browser, PHONE);
  await signIn(mum.page, s.motherLogin, { password: PASSWORD });
  await mum.page.goto(`/awards/sessions/${sessionId}`);
  await mum.page.locator(`[data-testid=score-row][data-recused=kin]`).waitFor();
  await shots(mum.page, 'session-recused');
  const refused = await apiFromPage(mum.page, 'PUT', `/api/v1/awards/sessions/${sessionId}/scores`, { scores: [{ nomination_id: nid(s.students[0]), score: 10 }] });
  assert.equal(refused.status, 422);
  assert.equal(refused.json.rule, 'AWD-3');
  await api(mum.page, 'PUT', `/api/v1/awards/sessions/${sessionId}/scores`, { scores: [{ nomination_id: nid(s.students[1]), score: 8 }, { nomination_id: nid(s.students[2]), score: 6 }] }, 200);
  const teacher = await openPage(browser, DESK);
  await signIn(teacher.page, s.teacherLogin, { password: PASSWORD });
  await api(teacher.page, 'PUT', `/api/v1/awards/sessions/${sessionId}/scores`,
    { scores: [{ nomination_id: nid(s.students[0]), score: 7 }, { nomination_id: nid(s.students[1]), score: 9 }, { nomination_id: nid(s.students[2]), score: 6 }] }, 200);
  // The chair scores on the page: first 9, second 7, third 5.
  await chair.page.reload();
  for (const [st, v] of [[s.students[0], '9'], [s.students[1], '7'], [s.students[2], '5']]) {
    await chair.page.locator(`select[name="score-${nid(st)}"]`).selectOption(v);
  }
  await Promise.all([
    chair.page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/scores') && r.status() === 200),
    chair.page.locator('[data-testid=save-scores]').click(),
  ]);
  await Promise.all([
    chair.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/close') && r.status() === 200),
    chair.page.locator('[data-testid=close-session]').click(),
  ]);
  await chair.page.locator('[data-testid=award-session][data-status=closed]').waitFor();
  // Student 1: 7, 9, 8 (mean 8, two first ranks) before student 0: 9, 7 (mean 8, one first rank).
  const first = chair.page.locator('[data-testid=standing][data-place="1"]');
  await first.waitFor();
  assert.ok((await first.textContent()).includes(s.students[1].surname), 'the first place');
  assert.ok((await first.textContent()).includes(msg('kk', 'ui.awards.tie_break.first_ranks')), 'the tie-break explained');
  assert.ok((await chair.page.locator('[data-testid=standing][data-place="2"]').textContent()).includes(s.students[0].surname));
  assert.ok((await chair.page.locator('[data-testid=standing][data-place="3"]').textContent()).includes(s.students[2].surname));
  await shots(chair.page, 'session-result');
  s.sessionId = sessionId;
  s.secondPlace = nid(s.students[0]);
  await Promise.all([chair.context.close(), mum.context.close(), teacher.context.close()]);
});

test('AWD-5: the principal awards the second place by order; the order and certificate PDFs; the mother is notified (REP-1)', async () => {
  const { page } = admin;
  await page.goto(`/awards/sessions/${s.sessionId}`);
  const row = page.locator('[data-testid=standing][data-place="2"]');
  await row.waitFor();
  await row.locator('[data-testid=issue-place-award]').click();
  await page.waitForURL(/\/awards\/\d+$/);
  await page.locator('[data-testid=award-page]').waitFor();
  const awardId = new URL(page.url()).pathname.split('/').at(-1);
  await shots(page, 'award');
  for (const doc of ['order', 'certificate']) {
    const href = await page.locator(`[data-testid=award-${doc}-pdf-kk]`).getAttribute('href');
    const r = await page.request.get(href);
    assert.equal(r.status(), 200);
    const bytes = await r.body();
    assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF');
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(SHOTS, `${doc}-kk.pdf`), bytes);
  }
  // The mother: the notice and the award in her child's record, on her phone.
  const mum = await openPage(browser, PHONE);
  await signIn(mum.page, s.motherLogin, { password: PASSWORD });
  await mum.page.goto('/notifications');
  await mum.page.locator(`a[href="/awards/${awardId}"]`).first().waitFor();
  await shots(mum.page, 'notifications');
  await mum.page.goto(`/children/${s.students[0].id}`);
  await mum.page.locator(`[data-testid=overview-award] a[href="/awards/${awardId}"]`).waitFor();
  await shots(mum.page, 'child');
  await mum.page.goto(`/awards/${awardId}`);
  await mum.page.locator('[data-testid=award-documents]').waitFor();
  // The principal publishes it: the public page lists it.
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/publication') && r.status() === 200),
    // The box follows the server's answer (a controlled field), so a click, not check().
    page.locator('[data-testid=award-publication] input[type=checkbox]').click(),
  ]);
  const me = await api(page, 'GET', '/api/v1/me', undefined, 200);
  const anon = await openPage(browser, PHONE);
  await anon.page.goto(`/public/${me.user.institution.id}/awards`);
  await anon.page.locator('[data-testid=public-award]', { hasText: s.students[0].surname }).waitFor();
  await shots(anon.page, 'public');
  await Promise.all([mum.context.close(), anon.context.close()]);
});

test('AWD-1: the principal adds a kind, sets a Shanyrak\'s members and gives the Shanyrak an award of the new kind; a scored contest offers no second session', async () => {
  const { page } = await openPage(browser, PHONE);
  await signIn(page, 'admin');
  const shanyrak = await api(page, 'POST', '/api/v1/shanyraks', { name: `Шаңырақ «Арман» ${tag}` }, 201);
  // A kind of the principal's own, named in the three languages.
  await page.goto('/awards');
  const kinds = page.locator('[data-testid=award-kinds]');
  await kinds.waitFor();
  const kindName = `Алғыс хат (спорт) ${tag}`;
  const form = kinds.locator('[data-testid=add-kind]');
  await form.locator('input[name=name_kk]').fill(kindName);
  await form.locator('input[name=name_ru]').fill(`Благодарность (спорт) ${tag}`);
  await form.locator('input[name=name_en]').fill(`Letter of thanks (sport) ${tag}`);
  const [added] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/awards/kinds' && r.status() === 201),
    form.locator('button[type=submit]').click(),
  ]);
  const kind = (await added.json()).code;
  await kinds.locator(`li[data-kind="${kind}"]`, { hasText: kindName }).waitFor();
  await shots(page, 'kinds');
  await sectionShots(page, kinds, 'kinds');
  // The Shanyrak's members, from the awards page.
  await page.locator('[data-testid=shanyrak-members-link] a').click();
  await page.waitForURL((url) => url.pathname === '/awards/shanyraks');
  await page.locator('select[name=shanyrak_id]').selectOption(String(shanyrak.id));
  for (const st of [s.students[0], s.students[2]]) {
    await pick(page, 'member', st);
    await page.locator(`[data-testid=shanyrak-members] [data-person-id="${st.id}"]`).waitFor();
  }
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/shanyraks/${shanyrak.id}/members`) && r.status() === 200),
    page.locator('[data-testid=save-members]').click(),
  ]);
  await page.locator('[data-testid=members-saved]').waitFor();
  await shots(page, 'shanyrak-members');
  // Opened again, the page shows the list as it stands.
  await page.reload();
  await page.locator('select[name=shanyrak_id]').selectOption(String(shanyrak.id));
  for (const st of [s.students[0], s.students[2]]) await page.locator(`[data-testid=shanyrak-members] [data-person-id="${st.id}"]`).waitFor();
  // The Shanyrak award of the new kind.
  await page.goto('/awards');
  const issue = page.locator('[data-testid=issue-award]');
  await issue.locator(`select[name=kind] option[value="${kind}"]`).waitFor({ state: 'attached' });
  await issue.locator('select[name=kind]').selectOption(kind);
  await issue.locator('select[name=recipient_kind]').selectOption('shanyrak');
  await issue.locator('select[name=shanyrak_id]').selectOption(String(shanyrak.id));
  await issue.locator('textarea[name=reason]').fill('Облыстық спорт жарысындағы ұжымдық жеңісі үшін.');
  await shots(page, 'issue-shanyrak');
  await sectionShots(page, issue, 'issue-shanyrak');
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/awards' && r.status() === 201),
    issue.locator('button[type=submit]').click(),
  ]);
  await page.waitForURL(/\/awards\/\d+$/);
  const award = await api(page, 'GET', `/api/v1/awards/${new URL(page.url()).pathname.split('/').at(-1)}`, undefined, 200);
  assert.equal(award.kind, kind);
  await page.locator('[data-testid=award-page]', { hasText: kindName }).waitFor();
  assert.equal(award.recipient_kind, 'shanyrak');
  assert.deepEqual(award.students.map((x) => String(x.person_id)).sort(), [s.students[0].id, s.students[2].id].map(String).sort());
  // The team choice shows its name and members.
  await page.goto('/awards');
  await issue.locator('select[name=recipient_kind]').selectOption('team');
  await issue.locator('input[name=team_name]').waitFor();
  await pick(page, 'team_member', s.students[1]);
  await issue.locator(`[data-testid=team-members] [data-person-id="${s.students[1].id}"]`).waitFor();
  await shots(page, 'issue-team');
  await sectionShots(page, issue, 'issue-team');
  await sectionShots(page, page.locator('[data-testid=shanyrak-members-link]'), 'members-link');
  await page.context().close();
  // "Student of the year" is scored this year: the chair is not offered a second session of it.
  const chair = await openPage(browser, PHONE);
  await signIn(chair.page, s.chairLogin, { password: PASSWORD });
  await chair.page.goto('/awards');
  const sessions = chair.page.locator('[data-testid=commission-sessions]', { hasText: s.commission.name });
  await sessions.locator('li[data-status]').first().waitFor();
  const contests = await sessions.locator('[data-testid=open-session] select[name=contest] option').evaluateAll((o) => o.map((x) => x.value));
  assert.ok(!contests.includes('student_of_year'), `offered: ${contests}`);
  await chair.context.close();
});
