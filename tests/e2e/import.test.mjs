// Roster import wizard: upload, column mapping, dry-run preview with per-row errors, a corrected
// re-upload, commit, and the imported people in the directory; cancel at any step.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, capitalize, launchBrowser, msg, openPage, randomCyrillic, signIn, uniqueSuffix } from './lib/harness.mjs';
import { xlsx } from '../integration/lib/xlsx.mjs';

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

const HEADER = ['Номер', 'Фамилия', 'Имя', 'Дата рождения', 'Группа'];
const MAPPING = { student_number: 'Номер', surname: 'Фамилия', name: 'Имя', birth_date: 'Дата рождения', group: 'Группа' };

function csvFile(name, rows) {
  const text = [HEADER, ...rows].map((row) => row.join(';')).join('\n') + '\n';
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

async function upload(page, file) {
  await page.locator('[data-step=choose]').waitFor();
  await page.locator('#import-file').setInputFiles(file);
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/imports' && r.request().method() === 'POST'),
    page.locator('[data-step=choose] button[type=submit]').click(),
  ]);
  assert.equal(response.status(), 201, await response.text());
  const body = await response.json();
  await page.locator('[data-step=mapping]').waitFor();
  return body;
}

/** Checks that the selects start from the server's suggestion, then maps our columns exactly. */
async function mapColumns(page, uploaded) {
  for (const field of uploaded.fields) {
    const select = page.locator(`select[data-field="${field}"]`);
    const suggested = uploaded.mapping?.[field];
    assert.equal(await select.inputValue(), suggested === undefined || suggested === null ? '' : String(suggested), `suggested mapping for ${field}`);
    await select.selectOption('');
  }
  for (const [field, column] of Object.entries(MAPPING)) {
    await page.locator(`select[data-field="${field}"]`).selectOption({ label: column });
  }
}

async function preview(page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/imports\/[^/]+\/preview$/.test(new URL(r.url()).pathname)),
    page.locator('[data-step=mapping] button[type=submit]').click(),
  ]);
  assert.equal(response.status(), 200, await response.text());
  const body = await response.json();
  await page.locator('[data-step=preview]').waitFor();
  return body;
}

async function statValue(page, testid) {
  return Number((await page.locator(`[data-testid=${testid}] dd`).innerText()).trim());
}

test('import wizard: a bad row is shown in the preview, a corrected file is imported, people appear in the directory', async () => {
  const { page } = admin;
  const surname = `Импортова${randomCyrillic(5)}`;
  const tag = uniqueSuffix();
  const first = capitalize(randomCyrillic(5));
  const second = capitalize(randomCyrillic(5));
  const goodRows = [
    [`IMP-${tag}-1`, surname, first, '2008-02-14', 'ИС-21'],
    [`IMP-${tag}-2`, surname, second, '2008-11-30', 'ИС-21'],
  ];

  await page.goto('/import');
  assert.equal((await page.locator('h1').innerText()).trim(), msg('kk', 'ui.import.title'));

  // 1. A file whose second data row (line 3 of the file) has an impossible date.
  const uploaded = await upload(page, csvFile('roster-bad.csv', [goodRows[0], [goodRows[1][0], surname, second, '2008-13-45', 'ИС-21']]));
  assert.equal(uploaded.delimiter, ';');
  assert.deepEqual(uploaded.columns, HEADER);
  assert.equal(uploaded.row_count, 2);
  const sample = await page.locator('[data-testid=import-sample] tbody tr').allInnerTexts();
  assert.equal(sample.length, 2);
  assert.ok(sample[0].includes(first), 'sample rows are shown');
  await mapColumns(page, uploaded);
  const badPreview = await preview(page);
  assert.equal(badPreview.dry_run, true);
  assert.ok(badPreview.errors.length >= 1, JSON.stringify(badPreview));
  const lineThree = badPreview.errors.find((e) => e.line === 3);
  assert.ok(lineThree, `an error on line 3: ${JSON.stringify(badPreview.errors)}`);
  assert.equal(await statValue(page, 'stat-errors'), badPreview.errors.length);
  const row = page.locator('[data-testid=import-errors] tbody tr[data-line="3"]').first();
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(cells[0].trim(), '3');
  assert.equal(cells[2].trim(), lineThree.message);
  const catalogKey = [`field.${lineThree.code}`, `import.${lineThree.code}`].find((key) => {
    try {
      msg('kk', key);
      return true;
    } catch {
      return false;
    }
  });
  if (catalogKey && !/\{/.test(msg('en', catalogKey))) assert.equal(lineThree.message, msg('kk', catalogKey), 'the row error is in Kazakh');
  await page.screenshot({ path: join(ARTIFACTS, 'import-preview-errors.png'), fullPage: true });
  assert.equal(await page.locator('[data-testid=import-commit]').count(), 0, 'no import button while there are errors');

  // 2. Upload the corrected file (the bad upload is cancelled on the server).
  const [cancelled] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/imports\/[^/]+$/.test(new URL(r.url()).pathname) && r.request().method() === 'DELETE'),
    page.locator('button', { hasText: msg('kk', 'ui.import.upload_corrected') }).click(),
  ]);
  assert.equal(cancelled.status(), 204);
  const corrected = await upload(page, csvFile('roster-good.csv', goodRows));
  assert.notEqual(String(corrected.id), String(uploaded.id));
  await mapColumns(page, corrected);
  const goodPreview = await preview(page);
  assert.deepEqual(goodPreview.errors, []);
  assert.equal(goodPreview.creates, 2);
  assert.equal(await statValue(page, 'stat-creates'), 2);
  assert.equal(await statValue(page, 'stat-errors'), 0);

  // 3. Commit: a progress indicator while it runs, then the result.
  const [committed] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/imports\/[^/]+\/commit$/.test(new URL(r.url()).pathname)),
    page.locator('[data-testid=import-commit]').click(),
  ]);
  assert.equal(committed.status(), 200, await committed.text());
  const result = await committed.json();
  assert.equal(result.created, 2);
  await page.locator('[data-step=done]').waitFor();
  assert.equal(
    (await page.locator('[data-testid=import-result]').innerText()).trim(),
    msg('kk', 'ui.import.done_summary', { created: result.created, updated: result.updated, representatives: result.representatives }),
  );
  await page.screenshot({ path: join(ARTIFACTS, 'import-done.png'), fullPage: true });

  // 4. The directory finds them.
  await page.locator('[data-step=done] a[href="/people"]').click();
  await page.waitForURL((url) => url.pathname === '/people');
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/people?') && new URL(r.url()).searchParams.get('q') === surname),
    page.locator('#people-search').fill(surname),
  ]);
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  await page.locator('[data-testid=people-table] tbody th a', { hasText: first }).waitFor();
  const names = await page.locator('[data-testid=people-table] tbody th a').allInnerTexts();
  assert.equal(names.length, 2, JSON.stringify(names));
  assert.ok(names.some((name) => name.includes(second)));
  assert.deepEqual(page.problems, []);
});

test('cancel at the mapping step discards the upload', async () => {
  const { page } = admin;
  await page.goto('/import');
  const uploaded = await upload(page, csvFile('roster-cancel.csv', [[`CAN-${uniqueSuffix()}`, 'Болдырмау', 'Тест', '2008-01-01', 'ИС-21']]));
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/imports/${uploaded.id}` && r.request().method() === 'DELETE'),
    page.locator('[data-step=mapping] button', { hasText: msg('kk', 'ui.common.cancel') }).click(),
  ]);
  assert.equal(response.status(), 204);
  await page.locator('[data-step=choose]').waitFor();
  await page.locator('[role=status]', { hasText: msg('kk', 'ui.import.cancelled') }).waitFor();
  // The server agrees it is cancelled and nothing can be committed from it.
  const status = await page.evaluate(async (id) => (await (await fetch(`/api/v1/imports/${id}`)).json()).status, uploaded.id);
  assert.equal(status, 'cancelled');
});

test('leaving the wizard half-way cancels the pending upload', async () => {
  const { page } = admin;
  await page.goto('/import');
  const uploaded = await upload(page, csvFile('roster-left.csv', [[`LFT-${uniqueSuffix()}`, 'Кетіп', 'Қалды', '2008-01-01', 'ИС-21']]));
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/imports/${uploaded.id}` && r.request().method() === 'DELETE'),
    page.locator('nav#main-nav a[data-nav="/people"]').click(),
  ]);
  assert.equal(response.status(), 204);
});

test('an administrator imports an Excel roster (XLSX) on a phone: one full-name column, generated student numbers', async () => {
  const phone = await openPage(browser, { width: 360, height: 760 });
  const { page } = phone;
  try {
    await signIn(page, 'admin');
    const surname = `Эксельова${randomCyrillic(5)}`;
    const first = capitalize(randomCyrillic(5));
    const second = capitalize(randomCyrillic(5));
    const workbook = xlsx(
      [
        ['Аты-жөні', 'Туған күні', 'Топ'],
        [`${surname} ${first} Ерлан қызы`, { date: '2008-03-08' }, 'ИС-21'],
        [`${surname} ${second}`, { date: '2007-12-01' }, 'ИС-21'],
      ],
      { title: 'ИС-21 тобының тізімі' },
    );
    await page.goto('/import');
    const uploaded = await upload(page, {
      name: 'roster.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: workbook,
    });
    assert.equal(uploaded.encoding, 'xlsx');
    assert.deepEqual(uploaded.columns, ['Аты-жөні', 'Туған күні', 'Топ']);
    await page.locator('[data-step=mapping] p', { hasText: msg('kk', 'ui.import.file_summary_xlsx', { name: 'roster.xlsx', rows: 2 }) }).waitFor();
    // The full-name column is suggested from its Kazakh header, and the date reads as Excel shows it.
    assert.equal(await page.locator('select[data-field="full_name"]').inputValue(), '0');
    const sample = await page.locator('[data-testid=import-sample] tbody tr').allInnerTexts();
    assert.ok(sample[0].includes('08.03.2008'), sample[0]);
    const shown = await preview(page);
    assert.deepEqual(shown.errors, []);
    assert.equal(shown.generated_numbers.length, 2);
    // The numbers to be given are listed before anything is written.
    const generatedRows = await page.locator('[data-testid=generated-numbers] tbody tr').allInnerTexts();
    assert.equal(generatedRows.length, 2);
    assert.ok(generatedRows[0].includes(shown.generated_numbers[0].student_number), generatedRows[0]);
    assert.ok(generatedRows[0].includes(`${surname} ${first}`), generatedRows[0]);
    // Usable at 360 px: the page itself does not scroll sideways (wide tables scroll in their region).
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no horizontal page scroll at 360 px');
    await page.screenshot({ path: join(ARTIFACTS, 'import-xlsx-preview-360.png'), fullPage: true });
    const [committed] = await Promise.all([
      page.waitForResponse((r) => /\/api\/v1\/imports\/[^/]+\/commit$/.test(new URL(r.url()).pathname)),
      page.locator('[data-testid=import-commit]').click(),
    ]);
    assert.equal(committed.status(), 200, await committed.text());
    assert.equal((await committed.json()).created, 2);
    await page.locator('[data-step=done]').waitFor();
    const people = await page.evaluate(async (q) => (await (await fetch(`/api/v1/people?q=${encodeURIComponent(q)}`)).json()).items, surname);
    assert.deepEqual(people.map((p) => p.student.student_number).sort(), shown.generated_numbers.map((g) => g.student_number).sort());
    assert.deepEqual(page.problems, []);
  } finally {
    await phone.context.close();
  }
});
