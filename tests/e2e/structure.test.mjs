// Institution structure: groups with a curator chosen in the people picker, academic years,
// faculties and shanyraks with the server's field errors, institution settings; staff see it all
// read-only; a system administrator creates an institution.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { apiFromPage, ARTIFACTS, fieldError, launchBrowser, msg, openPage, signIn, uniqueSuffix } from './lib/harness.mjs';

let browser;
let admin;
before(async () => {
  browser = await launchBrowser();
  admin = await openPage(browser);
  await signIn(admin.page, 'admin');
});
after(async () => {
  await admin?.context.close();
  await browser?.close();
});

const suffix = uniqueSuffix();
const groupsPath = (r) => new URL(r.url()).pathname;

async function pickStaff(page, name, surname) {
  const picker = page.locator(`input[name=${name}]`);
  await picker.fill(surname);
  const option = page.locator('[role=option]', { hasText: surname }).first();
  await option.waitFor();
  const id = await option.getAttribute('data-person-id');
  await option.click();
  assert.equal(await picker.getAttribute('data-picked'), id);
  return id;
}

test('create a group with a curator, see it in the list, open its students', async () => {
  const { page } = admin;
  const staff = (await apiFromPage(page, 'GET', '/api/v1/people?kind=staff&limit=50')).json.items;
  const omarov = staff.find((p) => p.surname === 'Омаров');
  assert.ok(omarov, 'the demo has staff member Омаров');

  await page.goto('/structure');
  await page.locator('nav.subnav a[data-tab="/structure/groups"]').click();
  await page.waitForURL((url) => url.pathname === '/structure/groups');
  await page.locator('[data-testid=groups-table]').waitFor();
  await page.locator('[data-testid=new-group]').click();
  await page.waitForURL((url) => url.pathname === '/structure/groups/new');

  // A duplicate name and a course out of range: both refused next to their fields.
  await page.locator('input[name=name]').fill('ИС-21');
  await page.locator('input[name=course]').fill('9');
  const [refused] = await Promise.all([
    page.waitForResponse((r) => groupsPath(r) === '/api/v1/groups' && r.request().method() === 'POST'),
    page.locator('[data-testid=group-form] button[type=submit]').click(),
  ]);
  assert.ok([409, 422].includes(refused.status()), String(refused.status()));
  const problem = await refused.json();
  const first = problem.errors[0];
  const input = first.field === 'course' ? 'course' : 'name';
  await page.locator(`input[name=${input}][aria-invalid=true]`).waitFor();
  assert.equal(await fieldError(page, input), first.message);

  const name = `Е2Е-${suffix}`;
  await page.locator('input[name=name]').fill(name);
  await page.locator('input[name=course]').fill('1');
  const faculty = await page.locator('select[name=faculty_id] option').nth(1).getAttribute('value');
  await page.locator('select[name=faculty_id]').selectOption(faculty);
  const curatorId = await pickStaff(page, 'curator_person_id', 'Омаров');
  assert.equal(curatorId, String(omarov.id));
  const [created] = await Promise.all([
    page.waitForResponse((r) => groupsPath(r) === '/api/v1/groups' && r.request().method() === 'POST'),
    page.locator('[data-testid=group-form] button[type=submit]').click(),
  ]);
  assert.equal(created.status(), 201, await created.text());
  const group = await created.json();
  assert.deepEqual(JSON.parse(created.request().postData()), { name, faculty_id: Number(faculty), course: 1, curator_person_id: omarov.id });

  await page.waitForURL((url) => url.pathname === '/structure/groups' && url.searchParams.get('saved') === 'created');
  await page.locator('[role=status]', { hasText: msg('kk', 'ui.groups.created') }).waitFor();
  const row = page.locator(`[data-testid=groups-table] tr[data-group="${name}"]`);
  await row.waitFor();
  await row.locator('[data-testid=group-curator]', { hasText: omarov.full_name }).waitFor();
  const students = (await row.locator('[data-testid=group-students]').innerText()).trim();
  assert.ok(students.startsWith(msg('kk', 'ui.groups.student_count', { count: 0 })), students);
  assert.ok((await row.innerText()).includes(msg('kk', 'ui.groups.course_value', { n: 1 })));
  await page.screenshot({ path: join(ARTIFACTS, 'groups.png'), fullPage: true });

  // The group's row leads to the people directory filtered by that group.
  await row.locator('th a').click();
  await page.waitForURL((url) => url.pathname === '/people' && url.searchParams.get('group_id') === String(group.id));
  await page.locator('[data-testid=people-count]').waitFor();
  assert.equal(await page.locator('select[name=group_id]').inputValue(), String(group.id), 'the new group is in the filter');
  assert.equal((await page.locator('[data-testid=people-count]').innerText()).trim(), msg('kk', 'ui.people.found', { count: 0 }));
  assert.deepEqual(page.problems, []);
});

test('edit a group: another curator; emptying a field the API cannot clear is refused', async () => {
  const { page } = admin;
  const groups = (await apiFromPage(page, 'GET', '/api/v1/groups')).json.items;
  const group = groups.find((g) => g.name === `Е2Е-${suffix}`);
  assert.ok(group, 'created by the previous test');
  await page.goto('/structure/groups');
  await page.locator(`tr[data-group="${group.name}"] a[href="/structure/groups/${group.id}"]`).click();
  await page.waitForURL((url) => url.pathname === `/structure/groups/${group.id}`);
  await page.waitForFunction(() => document.querySelector('input[name=curator_person_id]')?.value.startsWith('Омаров'));

  await page.locator('input[name=course]').fill('');
  let patches = 0;
  const count = (request) => request.method() === 'PATCH' && patches++;
  page.on('request', count);
  await page.locator('[data-testid=group-form] button[type=submit]').click();
  await page.locator('input[name=course][aria-invalid=true]').waitFor();
  assert.equal(await fieldError(page, 'course'), msg('kk', 'ui.groups.cannot_clear'));
  page.off('request', count);
  assert.equal(patches, 0);

  await page.locator('input[name=course]').fill('2');
  await pickStaff(page, 'curator_person_id', 'Жұмабаева');
  const [saved] = await Promise.all([
    page.waitForResponse((r) => groupsPath(r) === `/api/v1/groups/${group.id}` && r.request().method() === 'PATCH'),
    page.locator('[data-testid=group-form] button[type=submit]').click(),
  ]);
  assert.equal(saved.status(), 200, await saved.text());
  const body = JSON.parse(saved.request().postData());
  assert.deepEqual(Object.keys(body).sort(), ['course', 'curator_person_id'], 'only what changed');
  await page.waitForURL((url) => url.pathname === '/structure/groups');
  await page.locator(`tr[data-group="${group.name}"] [data-testid=group-curator]`, { hasText: 'Жұмабаева' }).waitFor();
  assert.equal((await apiFromPage(page, 'GET', '/api/v1/groups')).json.items.find((g) => g.id === group.id).course, 2);
});

test('academic years, faculties and shanyraks: create, and the server refusals next to the field', async () => {
  const { page } = admin;
  await page.goto('/structure/years');
  const form = page.locator('[data-testid=create-form]');
  await form.waitFor();
  // An end before the start is refused before sending.
  await form.locator('input[name=starts_on]').fill('2031-09-01');
  await form.locator('input[name=ends_on]').fill('2031-06-30');
  await form.locator('button[type=submit]').click();
  await page.locator('input[name=ends_on][aria-invalid=true]').waitFor();
  assert.equal(await fieldError(page, 'ends_on'), msg('kk', 'ui.years.bad_range'));

  const yearName = `E2E ${suffix}`;
  await form.locator('input[name=ends_on]').fill('2032-06-30');
  await form.locator('input[name=name]').fill(yearName);
  const [year] = await Promise.all([
    page.waitForResponse((r) => groupsPath(r) === '/api/v1/academic-years' && r.request().method() === 'POST'),
    form.locator('button[type=submit]').click(),
  ]);
  assert.equal(year.status(), 201, await year.text());
  await page.locator('[role=status]', { hasText: msg('kk', 'ui.years.created', { name: yearName }) }).waitFor();
  const yearRow = page.locator('[data-testid=years-table] tr', { hasText: yearName });
  await yearRow.waitFor();
  assert.ok((await yearRow.innerText()).includes('01.09.2031'), await yearRow.innerText());

  for (const [tab, endpoint, createdKey] of [
    ['/structure/faculties', '/api/v1/faculties', 'ui.faculties.created'],
    ['/structure/shanyraks', '/api/v1/shanyraks', 'ui.shanyraks.created'],
  ]) {
    await page.locator(`nav.subnav a[data-tab="${tab}"]`).click();
    await page.waitForURL((url) => url.pathname === tab);
    const create = page.locator('[data-testid=create-form]');
    await page.locator('[data-testid=records-list]').waitFor();
    const name = `Е2Е ${tab.split('/')[2]} ${suffix}`;
    await create.locator('input[name=name]').fill(name);
    const [ok] = await Promise.all([page.waitForResponse((r) => groupsPath(r) === endpoint && r.request().method() === 'POST'), create.locator('button[type=submit]').click()]);
    assert.equal(ok.status(), 201, await ok.text());
    await page.locator('[role=status]', { hasText: msg('kk', createdKey, { name }) }).waitFor();
    await page.locator('[data-testid=records-list] li', { hasText: name }).waitFor();

    // The same name again: 409 with errors[] on "name", shown next to the field.
    await create.locator('input[name=name]').fill(name);
    const [dup] = await Promise.all([page.waitForResponse((r) => groupsPath(r) === endpoint && r.request().method() === 'POST'), create.locator('button[type=submit]').click()]);
    assert.equal(dup.status(), 409);
    const problem = await dup.json();
    await page.locator('input[name=name][aria-invalid=true]').waitFor();
    assert.equal(await fieldError(page, 'name'), problem.errors.find((e) => e.field === 'name').message);
  }
});

test('institution settings: the languages error next to the languages, a new name saved and shown', async () => {
  const { page } = admin;
  await page.goto('/structure');
  const form = page.locator('[data-testid=institution-form]');
  await form.waitFor();
  const before = (await apiFromPage(page, 'GET', '/api/v1/institution')).json;
  assert.equal(await form.locator('input[name=name]').inputValue(), before.name);
  for (const code of before.languages) await form.locator(`input[name=languages][value=${code}]`).uncheck();
  const [refused] = await Promise.all([
    page.waitForResponse((r) => groupsPath(r) === '/api/v1/institution' && r.request().method() === 'PATCH'),
    form.locator('button[type=submit]').click(),
  ]);
  assert.equal(refused.status(), 422);
  assert.deepEqual(JSON.parse(refused.request().postData()), { languages: [] }, 'only what changed');
  const problem = await refused.json();
  const message = problem.errors.find((e) => e.field === 'languages').message;
  await form.locator('fieldset [data-field-error]', { hasText: message }).waitFor();
  const describedBy = await form.locator('fieldset:has(input[name=languages])').getAttribute('aria-describedby');
  const errorId = await form.locator('fieldset [data-field-error]').getAttribute('id');
  assert.ok(describedBy.split(' ').includes(errorId), 'the fieldset is described by its error');

  // Saving without a change sends nothing.
  await page.reload();
  await form.waitFor();
  await form.locator('button[type=submit]').click();
  await form.locator('[role=status]', { hasText: msg('kk', 'ui.common.nothing_changed') }).waitFor();
  assert.deepEqual((await apiFromPage(page, 'GET', '/api/v1/institution')).json, before);

  // A new name is saved and shows at once under every structure page's title.
  const renamed = `${before.name} ${suffix}`;
  try {
    await form.locator('input[name=name]').fill(renamed);
    const [saved] = await Promise.all([
      page.waitForResponse((r) => groupsPath(r) === '/api/v1/institution' && r.request().method() === 'PATCH'),
      form.locator('button[type=submit]').click(),
    ]);
    assert.equal(saved.status(), 200, await saved.text());
    assert.deepEqual(JSON.parse(saved.request().postData()), { name: renamed });
    await form.locator('[role=status]', { hasText: msg('kk', 'ui.common.saved') }).waitFor();
    await page.locator('.page-subtitle', { hasText: renamed }).waitFor();
  } finally {
    const restored = await apiFromPage(page, 'PATCH', '/api/v1/institution', { name: before.name });
    assert.equal(restored.status, 200);
  }
});

test('staff see the structure pages read-only', async () => {
  const { context, page } = await openPage(browser);
  try {
    await signIn(page, 'staff');
    await page.locator('nav#main-nav a[data-nav="/structure"]').click();
    await page.waitForURL((url) => url.pathname === '/structure');
    await page.locator('[data-testid=institution-facts]').waitFor();
    assert.equal(await page.locator('[data-testid=institution-form]').count(), 0);
    assert.equal(await page.locator('[data-testid=institution-name]').innerText(), (await apiFromPage(page, 'GET', '/api/v1/institution')).json.name);

    for (const [tab, content] of [
      ['/structure/years', '[data-testid=years-table]'],
      ['/structure/faculties', '[data-testid=records-list]'],
      ['/structure/groups', '[data-testid=groups-table]'],
      ['/structure/shanyraks', '[data-testid=records-list]'],
    ]) {
      await page.locator(`nav.subnav a[data-tab="${tab}"]`).click();
      await page.waitForURL((url) => url.pathname === tab);
      await page.locator(content).waitFor();
      assert.equal((await page.locator('[data-testid=read-only-note]').innerText()).trim(), msg('kk', 'ui.structure.read_only'), tab);
      assert.equal(await page.locator('[data-testid=create-form]').count(), 0, `${tab}: no create form`);
      assert.equal(await page.locator('form').count(), 0, `${tab}: no form at all`);
      assert.equal(await page.locator('[data-testid=new-group]').count(), 0, `${tab}: no new-group button`);
      assert.equal(await page.locator('a[href^="/structure/groups/"]').count(), 0, `${tab}: no edit links`);
    }
    // The group list still shows curators.
    await page.locator('nav.subnav a[data-tab="/structure/groups"]').click();
    await page.locator('[data-testid=groups-table] tr[data-group="ИС-21"] [data-testid=group-curator]', { hasText: 'Жұмабаева' }).waitFor();
    await page.goto('/structure/groups/new');
    await page.locator('[data-testid=forbidden]').waitFor();
    assert.equal(await page.locator('nav#main-nav a[data-nav="/institutions"]').count(), 0);
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test('a system administrator creates an institution', async () => {
  assert.equal(await admin.page.locator('nav#main-nav a[data-nav="/institutions"]').count(), 0, 'an institution admin has no Institutions');
  const { context, page } = await openPage(browser);
  try {
    await signIn(page, 'sysadmin');
    await page.locator('nav#main-nav a[data-nav="/institutions"]').click();
    await page.waitForURL((url) => url.pathname === '/institutions');
    await page.locator('[data-testid=institutions-table]').waitFor();
    const form = page.locator('[data-testid=create-form]');

    // No kind chosen: the server names the field.
    const name = `Е2Е мектебі ${suffix}`;
    await form.locator('input[name=name]').fill(name);
    const [refused] = await Promise.all([
      page.waitForResponse((r) => groupsPath(r) === '/api/v1/institutions' && r.request().method() === 'POST'),
      form.locator('button[type=submit]').click(),
    ]);
    assert.equal(refused.status(), 422);
    const problem = await refused.json();
    await form.locator('select[name=kind][aria-invalid=true]').waitFor();
    assert.equal(await fieldError(page, 'kind'), problem.errors.find((e) => e.field === 'kind').message);

    await form.locator('select[name=kind]').selectOption('school');
    await form.locator('input[name=languages][value=en]').uncheck();
    const [created] = await Promise.all([
      page.waitForResponse((r) => groupsPath(r) === '/api/v1/institutions' && r.request().method() === 'POST'),
      form.locator('button[type=submit]').click(),
    ]);
    assert.equal(created.status(), 201, await created.text());
    const institution = await created.json();
    assert.deepEqual(JSON.parse(created.request().postData()), { name, kind: 'school', languages: ['kk', 'ru'] });
    await page.locator('[role=status]', { hasText: msg('kk', 'ui.institutions.created', { name }) }).waitFor();
    assert.ok((await page.locator('[data-testid=first-admin-command]').innerText()).includes(`--institution ${institution.id}`));
    const row = page.locator(`[data-testid=institutions-table] tr[data-institution="${name}"]`);
    await row.waitFor();
    const text = await row.innerText();
    assert.ok(text.includes(msg('kk', 'ui.institution.kind.school')), text);
    assert.ok(text.includes(`${msg('kk', 'ui.lang.kk.name')}, ${msg('kk', 'ui.lang.ru.name')}`), text);
    assert.ok(!text.includes(msg('kk', 'ui.lang.en.name')), text);
    const listed = (await apiFromPage(page, 'GET', '/api/v1/institutions')).json.items;
    assert.ok(listed.some((item) => item.id === institution.id && item.name === name));
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});
