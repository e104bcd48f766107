// Home pages that lead, in the browser: a member on a phone finds the open vote under "needs
// you" and votes from it; a parent opens their child's overview from the home page; the
// administrator's setup checklist links each step. Screenshots in kk at 360 and 1366 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiExpect, ARTIFACTS, capitalize, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';

const PASSWORD = 'e2e-password-2026';
const SHOTS = process.env.KENES_SHOTS ?? join(ARTIFACTS, 'shots');
mkdirSync(SHOTS, { recursive: true });
const tag = capitalize(randomCyrillic(5));
const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);

let browser;
let admin;
const setup = {};

async function account(page, person, roles) {
  const login = `home_${uniqueSuffix()}`;
  await apiExpect(page, 'POST', '/api/v1/users', { login, password: PASSWORD, display_name: person.name, roles, person_id: person.id }, 201);
  return login;
}

before(async () => {
  browser = await launchBrowser();
  admin = await openPage(browser, { width: 1366, height: 900 });
  const { page } = admin;
  await signIn(page, 'admin');
  setup.body = await apiExpect(page, 'POST', '/api/v1/bodies', { template: 'club', name: `Клуб ${tag}` }, 201);
  const person = (name, extra = {}) => apiExpect(page, 'POST', '/api/v1/people', { surname: `${capitalize(randomCyrillic(7))}ов`, name, ...extra }, 201);
  setup.chair = await person('Төраға');
  setup.member = await person('Мүше', { student: { student_number: `H${uniqueSuffix()}`.slice(0, 12), course: 2, status: 'studying' } });
  setup.mother = await person('Ана');
  await apiExpect(page, 'POST', `/api/v1/people/${setup.member.id}/representatives`, { representative_id: setup.mother.id, kind: 'mother' }, 201);
  setup.memberLogin = await account(page, setup.member, ['student']);
  setup.motherLogin = await account(page, setup.mother, ['legal_representative']);
  for (const [p, position] of [[setup.chair, 'chair'], [setup.member, 'member']])
    await apiExpect(page, 'POST', `/api/v1/bodies/${setup.body.id}/members`, { person_id: p.id, position, starts_on: today, accepted_regulation: true, ex_officio: true }, 201);
  setup.meeting = await apiExpect(page, 'POST', `/api/v1/bodies/${setup.body.id}/meetings`, { held_on: today, starts_at: '00:00', place: 'Кітапхана', convened_by: setup.chair.id }, 201);
  for (const p of [setup.chair, setup.member]) await apiExpect(page, 'PUT', `/api/v1/meetings/${setup.meeting.id}/attendance`, { person_id: p.id, present: true }, 200);
  setup.item = (await apiExpect(page, 'POST', `/api/v1/meetings/${setup.meeting.id}/items`, { kind: 'other', title: `Жоспар ${tag}`, motion: 'Бекіту' }, 200)).items.at(-1);
  await apiExpect(page, 'POST', `/api/v1/agenda-items/${setup.item.id}/vote/open`, {}, 200);
});

after(async () => {
  if (admin) assert.deepEqual(admin.page.problems, [], 'no CSP violations or page errors');
  await browser?.close();
});

test('a member on a phone finds the open vote under "needs you" and votes from it', async () => {
  const { context, page } = await openPage(browser, { width: 360, height: 740 });
  try {
    await signIn(page, setup.memberLogin, { password: PASSWORD });
    const needs = page.getByTestId('needs-you');
    await needs.waitFor();
    assert.equal((await needs.locator('h2').innerText()).trim(), msg('kk', 'ui.needs.title'));
    const vote = needs.locator('[data-testid=need][data-kind=vote] a');
    await vote.waitFor();
    assert.match(await vote.innerText(), new RegExp(`Жоспар ${tag}`));
    await needs.locator('[data-testid=need][data-kind=session]').waitFor();
    await page.getByTestId('overview-bodies').getByText(`Клуб ${tag}`).waitFor();
    await page.screenshot({ path: join(SHOTS, 'home-member-360-kk.png'), fullPage: true });

    await vote.click();
    await page.waitForURL(new RegExp(`/meetings/${setup.meeting.id}`));
    const panel = page.locator(`[data-item-id="${setup.item.id}"] [data-testid=vote-panel]`);
    await panel.locator('button[data-choice=yes]').click();
    await panel.locator('button[data-action=confirm-vote]').click();
    await panel.locator('[data-testid=vote-recorded]').waitFor();

    await page.goto('/');
    await page.getByTestId('needs-you').locator('[data-testid=need][data-kind=session]').waitFor();
    assert.equal(await page.locator('[data-testid=need][data-kind=vote]').count(), 0, 'the vote is gone from the list once cast');
    await page.getByTestId('my-calendar').waitFor();
    assert.equal((await page.getByTestId('my-calendar').innerText()).trim(), msg('kk', 'ui.home.add_to_calendar'));
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test('a parent opens the child\'s overview from the home page and sees the child\'s bodies', async () => {
  const { context, page } = await openPage(browser, { width: 360, height: 740 });
  try {
    await signIn(page, setup.motherLogin, { password: PASSWORD });
    const link = page.getByTestId('child-link');
    await link.waitFor();
    assert.equal(await page.getByTestId('my-calendar').count(), 0, 'no calendar link for a parent without sessions');
    await link.click();
    await page.waitForURL(new RegExp(`/children/${setup.member.id}$`));
    const bodies = page.getByTestId('overview-bodies');
    await bodies.getByText(`Клуб ${tag}`).waitFor();
    assert.match(await bodies.innerText(), new RegExp(msg('kk', 'body.position.member')));
    assert.equal(await page.getByTestId('overview-sessions').count(), 0, 'the session schedule is the student\'s own');
    await page.getByTestId('overview-events').waitFor();
    await page.screenshot({ path: join(SHOTS, 'home-child-360-kk.png'), fullPage: true });
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test('a new institution\'s administrator gets the setup checklist, which ticks itself as steps are done', async () => {
  const sys = await openPage(browser);
  let login;
  try {
    await signIn(sys.page, 'sysadmin');
    const inst = await apiExpect(sys.page, 'POST', '/api/v1/institutions', { name: `Колледж ${tag} ${uniqueSuffix()}`, kind: 'college' }, 201);
    login = `setup_${uniqueSuffix()}`;
    await apiExpect(sys.page, 'POST', '/api/v1/users', { login, password: PASSWORD, display_name: 'Әкімші', roles: ['institution_admin'], institution_id: inst.id }, 201);
  } finally {
    await sys.context.close();
  }
  for (const width of [1366, 360]) {
    const { context, page } = await openPage(browser, { width, height: width === 360 ? 740 : 900 });
    try {
      await signIn(page, login, { password: PASSWORD });
      const list = page.getByTestId('setup-checklist');
      await list.waitFor();
      assert.equal(await list.locator('li').count(), 7);
      assert.equal(await list.locator('[data-testid=setup-structure] a').getAttribute('href'), '/structure/groups');
      if (width === 1366) {
        await list.locator('[data-testid=setup-structure][data-done=false]').waitFor();
        await apiExpect(page, 'POST', '/api/v1/groups', { name: `Г-${tag}`, course: 1 }, 201);
        await page.reload();
        await page.getByTestId('setup-checklist').locator('[data-testid=setup-structure][data-done=true]').waitFor();
      }
      await page.screenshot({ path: join(SHOTS, `home-admin-${width}-kk.png`), fullPage: true });
      assert.deepEqual(page.problems, []);
    } finally {
      await context.close();
    }
  }
});
