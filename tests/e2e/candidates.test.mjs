// Candidates for membership of the Council (ORG-6) in the browser. A council with its chair (a
// new account) is set up through the API; the admin, on the body page, is refused a direct seat
// without "ex officio" (ORG-6 next to the box), seats one member ex officio, proposes two
// candidates with the picker; the council considers them at a session (two "membership
// candidates" items, the chair votes yes on one and no on the other in their own browser); the
// admin records the decisions: the adopted one needs the regulation accepted (ORG-4 next to the
// box) and seats the candidate "by decision", the rejected one closes the candidacy.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiExpect, apiFromPage, capitalize, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';

const PASSWORD = 'e2e-password-2026';
const tag = capitalize(randomCyrillic(5));
const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);

let browser;
let admin;
const setup = {};

const pathOf = (response) => new URL(response.url()).pathname;
const waitApi = (page, method, pattern) => page.waitForResponse((r) => r.request().method() === method && pattern.test(pathOf(r)));

/** The error shown next to the input named `name` inside `scope` (via aria-describedby). */
async function errorNextTo(page, scope, name) {
  const described = await scope.locator(`[name="${name}"]`).first().getAttribute('aria-describedby');
  if (!described) return null;
  const texts = [];
  for (const id of described.split(/\s+/)) {
    const element = page.locator(`[id="${id}"][data-field-error]`);
    if (await element.count()) texts.push((await element.innerText()).trim());
  }
  return texts.join(' ') || null;
}

const person = (page, suffix, name) => apiExpect(page, 'POST', '/api/v1/people', { surname: `${capitalize(randomCyrillic(7))}${suffix}`, name }, 201);

async function pick(page, scope, inputName, who) {
  await scope.locator(`input[name=${inputName}]`).fill(who.surname);
  await page.locator(`[role=option][data-person-id="${who.id}"]`).click();
  assert.equal(await scope.locator(`input[name=${inputName}]`).getAttribute('data-picked'), String(who.id));
}

before(async () => {
  browser = await launchBrowser();
  admin = await openPage(browser);
  const { page } = admin;
  await signIn(page, 'admin');
  setup.council = await apiExpect(page, 'POST', '/api/v1/bodies', { template: 'council', name: `Кеңес ${tag} ${uniqueSuffix()}` }, 201);
  const detail = await apiExpect(page, 'GET', `/api/v1/bodies/${setup.council.id}`, undefined, 200);
  assert.equal(detail.rules.candidates_by_decision, true, 'a council considers its candidates');
  setup.chair = await person(page, 'а', 'Төраға');
  setup.direct = await person(page, 'б', 'Тікелей');
  setup.candidate = await person(page, 'в', 'Үміткер');
  setup.other = await person(page, 'г', 'Екінші');
  setup.login = `cand_${uniqueSuffix()}`;
  await apiExpect(page, 'POST', '/api/v1/users', { login: setup.login, password: PASSWORD, display_name: 'Төраға', roles: ['student'], person_id: setup.chair.id }, 201);
  setup.directLogin = `cand_${uniqueSuffix()}`;
  await apiExpect(page, 'POST', '/api/v1/users', { login: setup.directLogin, password: PASSWORD, display_name: 'Тікелей', roles: ['student'], person_id: setup.direct.id }, 201);
  // The chair's seat needs no decision (ORG-6 covers the other members).
  await apiExpect(page, 'POST', `/api/v1/bodies/${setup.council.id}/members`, { person_id: setup.chair.id, position: 'chair', starts_on: today, accepted_regulation: true }, 201);
});

after(async () => {
  if (admin) assert.deepEqual(admin.page.problems, [], 'no CSP violations or page errors');
  await setup.chairPage?.context.close();
  await setup.directPage?.context.close();
  await browser?.close();
});

test('a direct seat on the council is refused without "ex officio" (ORG-6 next to the box); with it the member is seated ex officio', async () => {
  const { page } = admin;
  await page.goto(`/bodies/${setup.council.id}`);
  const members = page.locator('[data-testid=members]');
  const form = members.locator('[data-testid=add-member]');
  await form.locator('input[name=ex_officio]').waitFor();
  await pick(page, form, 'person_id', setup.direct);
  await form.locator('select[name=position]').selectOption('member');
  await form.locator('input[name=accepted_regulation]').check();
  const [refused] = await Promise.all([waitApi(page, 'POST', /\/members$/), form.locator('button[type=submit]').click()]);
  assert.equal(refused.status(), 422);
  assert.equal((await refused.json()).rule, 'ORG-6');
  assert.equal(JSON.parse(refused.request().postData()).ex_officio, false, 'the box is sent unticked');
  await form.locator('input[name=ex_officio][aria-invalid=true]').waitFor();
  const error = await errorNextTo(page, form, 'ex_officio');
  assert.ok(error.includes(msg('kk', 'rule.candidates_by_council')), error);
  assert.ok(error.includes(msg('kk', 'ui.rule.ref', { rule: 'ORG-6' })), error);
  assert.equal(await members.locator(`tr[data-person-id="${setup.direct.id}"]`).count(), 0);

  // Ticked: held by office.
  await form.locator('input[name=ex_officio]').check();
  const [seated] = await Promise.all([waitApi(page, 'POST', /\/members$/), form.locator('button[type=submit]').click()]);
  assert.equal(seated.status(), 201, await seated.text());
  const row = members.locator(`tr[data-person-id="${setup.direct.id}"]`);
  await row.locator('[data-testid=seat][data-seat=ex_officio]').waitFor();
  assert.equal((await row.locator('[data-testid=seat]').innerText()).trim(), msg('kk', 'ui.body.seat.ex_officio'));
  assert.equal(await members.locator(`tr[data-person-id="${setup.chair.id}"] [data-testid=seat]`).count(), 0, 'the chair has no badge');
});

test('candidates are proposed on the body page with the picker', async () => {
  const { page } = admin;
  await page.goto(`/bodies/${setup.council.id}`);
  const section = page.locator('[data-testid=candidates]');
  await section.locator('p.muted', { hasText: msg('kk', 'ui.candidates.empty') }).waitFor();
  const form = section.locator('[data-testid=propose-candidate]');
  assert.equal(await form.locator('select[name=candidate_position]').inputValue(), 'member', 'an ordinary member is proposed by default');
  // Nobody chosen: flagged without a request.
  await form.locator('button[type=submit]').click();
  await form.locator('input[name=candidate_person_id][aria-invalid=true]').waitFor();
  assert.equal(await errorNextTo(page, form, 'candidate_person_id'), msg('kk', 'ui.body.choose_person'));

  for (const [who, note] of [
    [setup.candidate, '10 «А» сыныбынан'],
    [setup.other, ''],
  ]) {
    await pick(page, form, 'candidate_person_id', who);
    await form.locator('textarea[name=candidate_note]').fill(note);
    const [proposed] = await Promise.all([waitApi(page, 'POST', /\/candidates$/), form.locator('button[type=submit]').click()]);
    assert.equal(proposed.status(), 201, await proposed.text());
    assert.deepEqual(JSON.parse(proposed.request().postData()), note ? { person_id: who.id, position: 'member', note } : { person_id: who.id, position: 'member' });
    const item = section.locator(`li[data-person-id="${who.id}"][data-status=proposed]`);
    await item.waitFor();
    assert.equal((await item.locator('[data-testid=candidate-status]').innerText()).trim(), msg('kk', 'ui.candidates.status.proposed'));
    if (note) assert.ok((await item.innerText()).includes(note));
  }
  // Both wait for the council; proposing one again is refused by the API (409 on person_id).
  const again = await apiFromPage(page, 'POST', `/api/v1/bodies/${setup.council.id}/candidates`, { person_id: setup.candidate.id, position: 'member' });
  assert.equal(again.status, 409);
  assert.ok(again.json.errors.some((e) => e.field === 'person_id'));
});

test('the council decides at a session; the decisions recorded on the page seat one candidate (ORG-4 checked) and reject the other', async () => {
  const { page } = admin;
  const listed = await apiExpect(page, 'GET', `/api/v1/bodies/${setup.council.id}/candidates`, undefined, 200);
  assert.equal(listed.items.length, 2, 'both candidates were proposed');
  // The session: the chair present, two "membership candidates" items voted and closed.
  const meeting = await apiExpect(page, 'POST', `/api/v1/bodies/${setup.council.id}/meetings`, { held_on: today, starts_at: '00:00', place: 'Мәжіліс залы', convened_by: setup.chair.id }, 201);
  await apiExpect(page, 'PUT', `/api/v1/meetings/${meeting.id}/attendance`, { person_id: setup.chair.id, present: true }, 200);
  await apiExpect(page, 'PUT', `/api/v1/meetings/${meeting.id}/attendance`, { person_id: setup.direct.id, present: true }, 200);
  await apiExpect(page, 'POST', `/api/v1/meetings/${meeting.id}/items`, { kind: 'membership_candidates', title: `Кандидат ${setup.candidate.surname}`, motion: 'Кеңес құрамына қабылдансын' }, 200);
  const items = (await apiExpect(page, 'POST', `/api/v1/meetings/${meeting.id}/items`, { kind: 'membership_candidates', title: `Кандидат ${setup.other.surname}`, motion: 'Кеңес құрамына қабылдансын' }, 200)).items;
  const yes = items.find((i) => i.title.endsWith(setup.candidate.surname));
  const no = items.find((i) => i.title.endsWith(setup.other.surname));
  for (const item of [yes, no]) await apiExpect(page, 'POST', `/api/v1/agenda-items/${item.id}/vote/open`, {}, 200);
  // Both voting members vote in their own browsers: yes on the first candidate, no on the second.
  setup.chairPage = await openPage(browser, { width: 360, height: 780 });
  setup.directPage = await openPage(browser, { width: 360, height: 780 });
  for (const [voter, login] of [
    [setup.chairPage.page, setup.login],
    [setup.directPage.page, setup.directLogin],
  ]) {
    await signIn(voter, login, { password: PASSWORD });
    await apiExpect(voter, 'POST', `/api/v1/agenda-items/${yes.id}/votes`, { choice: 'yes' }, 200);
    await apiExpect(voter, 'POST', `/api/v1/agenda-items/${no.id}/votes`, { choice: 'no' }, 200);
  }
  for (const item of [yes, no]) await apiExpect(page, 'POST', `/api/v1/agenda-items/${item.id}/vote/close`, {}, 200);
  const closed = await apiExpect(page, 'GET', `/api/v1/meetings/${meeting.id}`, undefined, 200);
  assert.equal(closed.items.find((i) => i.id === yes.id).outcome, 'adopted');
  assert.equal(closed.items.find((i) => i.id === no.id).outcome, 'rejected');

  await page.goto(`/bodies/${setup.council.id}`);
  const section = page.locator('[data-testid=candidates]');
  const first = section.locator(`li[data-person-id="${setup.candidate.id}"]`);
  await first.locator('button[data-action=record-decision]').click();
  const decide = first.locator('[data-testid=record-decision]');
  const choice = decide.locator('select[name=agenda_item_id]');
  await choice.locator(`option[value="${yes.id}"]`).waitFor({ state: 'attached' });
  const optionText = await choice.locator(`option[value="${yes.id}"]`).innerText();
  assert.ok(optionText.includes(yes.title) && optionText.includes(msg('kk', 'ui.meeting.outcome.adopted')), optionText);
  assert.ok((await choice.locator(`option[value="${no.id}"]`).innerText()).includes(msg('kk', 'ui.meeting.outcome.rejected')));
  await choice.selectOption(String(yes.id));
  // Adopted: the first day and the acceptance of the regulation; unticked, ORG-4 refuses next to the box.
  assert.equal(await decide.locator('input[name=starts_on]').inputValue(), today);
  const [refused] = await Promise.all([waitApi(page, 'POST', /\/decision$/), decide.locator('button[type=submit]').click()]);
  assert.equal(refused.status(), 422, await refused.text());
  assert.deepEqual(JSON.parse(refused.request().postData()), { agenda_item_id: yes.id, starts_on: today, accepted_regulation: false });
  await decide.locator('input[name=accepted_regulation][aria-invalid=true]').waitFor();
  assert.ok(await errorNextTo(page, decide, 'accepted_regulation'));
  await decide.locator('input[name=accepted_regulation]').check();
  const [recorded] = await Promise.all([waitApi(page, 'POST', /\/decision$/), decide.locator('button[type=submit]').click()]);
  assert.equal(recorded.status(), 200, await recorded.text());
  const answer = await recorded.json();
  assert.equal(answer.status, 'accepted');
  assert.ok(answer.membership_id, 'a membership was made');
  await section.locator(`li[data-person-id="${setup.candidate.id}"][data-status=accepted]`).waitFor();
  await section.locator('.alert', { hasText: msg('kk', 'ui.candidates.decided_accepted', { name: answer.full_name }) }).waitFor();
  // The candidate is a member now, seated by the decision.
  const row = page.locator(`[data-testid=members] tr[data-person-id="${setup.candidate.id}"]`);
  await row.locator('[data-testid=seat][data-seat=by_decision]').waitFor();
  assert.equal((await row.locator('[data-testid=seat]').innerText()).trim(), msg('kk', 'ui.body.seat.by_decision'));
  const body = await apiExpect(page, 'GET', `/api/v1/bodies/${setup.council.id}`, undefined, 200);
  assert.equal(String(body.members.find((m) => m.person_id === setup.candidate.id).decision_item_id), String(yes.id));

  // The rejected decision closes the other candidacy: no date, no acceptance asked.
  const second = section.locator(`li[data-person-id="${setup.other.id}"]`);
  await second.locator('button[data-action=record-decision]').click();
  const decide2 = second.locator('[data-testid=record-decision]');
  await decide2.locator(`select[name=agenda_item_id] option[value="${no.id}"]`).waitFor({ state: 'attached' });
  await decide2.locator('select[name=agenda_item_id]').selectOption(String(no.id));
  assert.equal(await decide2.locator('input[name=accepted_regulation]').count(), 0);
  const [rejected] = await Promise.all([waitApi(page, 'POST', /\/decision$/), decide2.locator('button[type=submit]').click()]);
  assert.equal(rejected.status(), 200, await rejected.text());
  assert.deepEqual(JSON.parse(rejected.request().postData()), { agenda_item_id: no.id });
  const closedItem = section.locator(`li[data-person-id="${setup.other.id}"][data-status=rejected]`);
  await closedItem.waitFor();
  assert.equal((await closedItem.locator('[data-testid=candidate-status]').innerText()).trim(), msg('kk', 'ui.candidates.status.rejected'));
  assert.equal(await page.locator(`[data-testid=members] tr[data-person-id="${setup.other.id}"]`).count(), 0);
  // A decided candidacy is not decided again.
  const twice = await apiFromPage(page, 'POST', `/api/v1/membership-candidates/${answer.id}/decision`, { agenda_item_id: yes.id, starts_on: today, accepted_regulation: true });
  assert.equal(twice.status, 409);
});
