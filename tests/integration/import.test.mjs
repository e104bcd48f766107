// Roster CSV import: encodings and delimiters, suggested mapping, preview with per-row errors,
// all-or-nothing commit, re-import updates, representatives, cancel, audit.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND, auditHead, auditSince, cap, cyrTag, expectJson, expectProblem, sameId, signIn, studentNumber,
} from './lib/client.mjs';
import { xlsx, xlsxBomb } from './lib/xlsx.mjs';

const FIELDS = [
  'student_number', 'surname', 'name', 'patronymic', 'full_name', 'birth_date', 'gender', 'email', 'phone', 'group', 'course',
  'grade', 'status', 'academic_debt',
  'rep1_kind', 'rep1_surname', 'rep1_name', 'rep1_patronymic', 'rep1_phone', 'rep1_email',
  'rep2_kind', 'rep2_surname', 'rep2_name', 'rep2_patronymic', 'rep2_phone', 'rep2_email',
];

let admin;
before(async () => {
  admin = await signIn('admin', { lang: 'en' });
});

// Windows-1251 for ASCII and Cyrillic (Russian letters plus Ё and І, which Kazakh shares);
// the other Kazakh letters have no code in Windows-1251.
export function cp1251(text) {
  const out = [];
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else if (c >= 0x410 && c <= 0x44f) out.push(c - 0x410 + 0xc0);
    else if (c === 0x401) out.push(0xa8);
    else if (c === 0x451) out.push(0xb8);
    else if (c === 0x406) out.push(0xb2);
    else if (c === 0x456) out.push(0xb3);
    else if (c === 0x2116) out.push(0xb9); // №
    else throw new Error(`no Windows-1251 code for ${ch}`);
  }
  return Buffer.from(out);
}

function csv(rows, delimiter = ',', eol = '\n') {
  const cell = (v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(delimiter)).join(eol) + eol;
}

async function upload(bytes, filename = 'roster.csv', contentType = 'text/csv') {
  return admin.request('POST', `/api/v1/imports?${new URLSearchParams({ filename })}`, { body: bytes, contentType });
}

async function search(q) {
  return expectJson(await admin.get(`/api/v1/people?${new URLSearchParams({ q, limit: '200' })}`), 200, `search ${q}`);
}

function mappingFor(columns, byHeader) {
  const m = {};
  for (const [field, header] of Object.entries(byHeader)) {
    const i = columns.indexOf(header);
    assert.ok(i >= 0, `column ${header} in ${JSON.stringify(columns)}`);
    m[field] = i;
  }
  return m;
}

function expectUpload(res, what) {
  const body = expectJson(res, 201, what);
  assert.ok(body.id !== undefined && body.id !== null, `${what}: id`);
  for (const k of ['filename', 'encoding', 'delimiter', 'columns', 'row_count', 'sample', 'mapping', 'fields']) {
    assert.ok(k in body, `${what}: ${k} missing in ${JSON.stringify(body).slice(0, 300)}`);
  }
  assert.deepEqual([...body.fields].sort(), [...FIELDS].sort(), `${what}: fields`);
  return body;
}

// A UTF-8 roster with BOM, comma-separated, headers named like the fields, with Kazakh letters,
// a quoted cell containing the delimiter and a doubled quote, and representatives.
function kazakhRoster(tag, numbers, { course = 2, group } = {}) {
  return [
    ['student_number', 'surname', 'name', 'patronymic', 'birth_date', 'gender', 'group', 'course', 'status',
      'rep1_kind', 'rep1_surname', 'rep1_name', 'rep1_phone', 'rep2_kind', 'rep2_surname', 'rep2_name'],
    [numbers[0], 'Әбенова', tag, 'Қайратқызы', '2006-05-01', 'female', group, course, 'studying',
      'mother', 'Әбенова', 'Гүлнар', '+7 701 000 00 01', 'father', 'Әбенов', 'Қайрат'],
    [numbers[1], 'Тоқтаров', tag, '', '2005-11-20', 'male', group, course, 'studying',
      'father', 'Тоқтаров', 'Ерұлан', '+7 701 000 00 02', '', '', ''],
    [numbers[2], 'Смағұлов, "кіші"', tag, 'Нұрланұлы', '2006-01-31', 'male', group, course, 'academic_leave',
      '', '', '', '', '', '', ''],
  ];
}

test(`[${BACKEND}] import: UTF-8 with BOM and commas - upload, suggested mapping, preview, commit, re-import`, async () => {
  const tag = cap(cyrTag());
  const group = `ИМП-${tag}`;
  const numbers = [studentNumber(), studentNumber(), studentNumber()];
  const rows = kazakhRoster(tag, numbers, { group });
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(rows, ','), 'utf8')]);
  const head = await auditHead(admin);

  const up = expectUpload(await upload(bytes, `roster-${tag}.csv`), 'upload UTF-8');
  assert.equal(up.filename, `roster-${tag}.csv`);
  assert.equal(up.encoding, 'utf-8');
  assert.equal(up.delimiter, ',');
  assert.deepEqual(up.columns, rows[0], 'the BOM is not part of the first column');
  assert.equal(up.row_count, 3);
  assert.equal(up.sample.length, 3);
  assert.deepEqual(up.sample[2].map(String), rows[3].map(String), 'quoted cells are unquoted');
  // Headers named like the fields are mapped to them.
  for (const [i, h] of rows[0].entries()) assert.equal(up.mapping[h], i, `suggested mapping of ${h}: ${JSON.stringify(up.mapping)}`);

  const got = expectJson(await admin.get(`/api/v1/imports/${up.id}`), 200, 'GET import');
  assert.equal(got.status, 'uploaded');
  assert.deepEqual(got.columns, up.columns);

  const preview = expectJson(await admin.post(`/api/v1/imports/${up.id}/preview`, { mapping: up.mapping }), 200, 'preview');
  assert.equal(preview.dry_run, true);
  assert.equal(preview.rows, 3);
  assert.equal(preview.creates, 3);
  assert.equal(preview.updates, 0);
  assert.equal(preview.representatives, 3);
  assert.deepEqual(preview.new_groups, [group]);
  assert.deepEqual(preview.errors, []);
  assert.equal((await search(tag)).total, 0, 'preview writes nothing');
  const groupsBefore = expectJson(await admin.get('/api/v1/groups'), 200, 'groups').items;
  assert.ok(!groupsBefore.some((g) => g.name === group), 'preview creates no group');

  const commit = expectJson(await admin.post(`/api/v1/imports/${up.id}/commit`, { mapping: up.mapping }), 200, 'commit');
  assert.equal(commit.created, 3);
  assert.equal(commit.updated, 0);
  assert.equal(commit.representatives, 3);
  assert.ok(Array.isArray(commit.new_groups) ? commit.new_groups.includes(group) : commit.new_groups === 1,
    `new_groups ${JSON.stringify(commit.new_groups)}`);
  assert.equal(expectJson(await admin.get(`/api/v1/imports/${up.id}`), 200, 'GET import').status, 'imported');

  const students = (await search(tag)).items;
  assert.equal(students.length, 3, JSON.stringify(students.map((s) => s.full_name)));
  const byNumber = Object.fromEntries(students.map((s) => [s.student.student_number, s]));
  assert.deepEqual(Object.keys(byNumber).sort(), [...numbers].sort());
  const first = expectJson(await admin.get(`/api/v1/people/${byNumber[numbers[0]].id}`), 200, 'GET imported student');
  assert.equal(first.surname, 'Әбенова');
  assert.equal(first.patronymic, 'Қайратқызы');
  assert.equal(first.birth_date, '2006-05-01');
  assert.equal(first.gender, 'female');
  assert.equal(first.student.group_name, group);
  assert.equal(first.student.course, 2);
  assert.equal(first.student.status, 'studying');
  assert.equal(first.representatives.length, 2, JSON.stringify(first.representatives));
  const mother = first.representatives.find((r) => r.kind === 'mother');
  assert.ok(mother && mother.full_name.includes('Гүлнар') && mother.full_name.includes('Әбенова'), JSON.stringify(first.representatives));
  assert.equal(mother.phone, '+7 701 000 00 01');
  const motherDetail = expectJson(await admin.get(`/api/v1/people/${mother.person_id}`), 200, 'GET representative');
  assert.ok(motherDetail.kinds.includes('representative'));
  assert.ok(motherDetail.children.some((c) => sameId(c.person_id, first.id)));
  const third = byNumber[numbers[2]];
  assert.equal(third.surname, 'Смағұлов, "кіші"');
  assert.equal(third.student.status, 'academic_leave');
  const groups = expectJson(await admin.get('/api/v1/groups'), 200, 'groups').items;
  const newGroup = groups.find((g) => g.name === group);
  assert.ok(newGroup, 'the group was created');
  assert.equal(newGroup.student_count, 3);

  // Committing the same upload again is refused and changes nothing.
  const again = await admin.post(`/api/v1/imports/${up.id}/commit`, { mapping: up.mapping });
  expectProblem(again, 409, 'conflict');
  assert.equal((await search(tag)).total, 3);

  // Audit: every created student has an entry.
  const entries = await auditSince(admin, head);
  for (const s of students) {
    assert.ok(entries.some((e) => sameId(e.entity_id, s.id)), `no audit entry for imported ${s.full_name}`);
  }

  // Re-import with a changed course: same people updated, nothing duplicated.
  const rows2 = kazakhRoster(tag, numbers, { course: 3, group });
  const up2 = expectUpload(await upload(Buffer.from(csv(rows2, ','), 'utf8'), 'roster-again.csv'), 'second upload');
  assert.equal(up2.encoding, 'utf-8');
  const preview2 = expectJson(await admin.post(`/api/v1/imports/${up2.id}/preview`, { mapping: up2.mapping }), 200, 'preview 2');
  assert.equal(preview2.creates, 0);
  assert.equal(preview2.updates, 3);
  assert.deepEqual(preview2.new_groups, []);
  assert.deepEqual(preview2.errors, []);
  const commit2 = expectJson(await admin.post(`/api/v1/imports/${up2.id}/commit`, { mapping: up2.mapping }), 200, 'commit 2');
  assert.equal(commit2.created, 0);
  assert.equal(commit2.updated, 3);
  const after = (await search(tag)).items;
  assert.equal(after.length, 3, 'no duplicates after re-import');
  for (const s of after) {
    assert.ok(sameId(s.id, byNumber[s.student.student_number].id), 'same person id for the same student_number');
    assert.equal(s.student.course, 3);
  }
  const firstAgain = expectJson(await admin.get(`/api/v1/people/${byNumber[numbers[0]].id}`), 200, 'GET after re-import');
  assert.equal(firstAgain.representatives.length, 2, `representatives not duplicated: ${JSON.stringify(firstAgain.representatives)}`);
});

test(`[${BACKEND}] import: Windows-1251 with semicolons and Russian headers`, async () => {
  const tag = cap(cyrTag());
  const n1 = studentNumber();
  const n2 = studentNumber();
  const rows = [
    ['Номер', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Группа', 'Курс'],
    [n1, 'Иванов', tag, 'Сергеевич', '2006-02-03', `ИМП-${tag}`, '1'],
    [n2, 'Щербакова', tag, 'Ёлкина; вторая', '2005-12-24', `ИМП-${tag}`, '1'],
  ];
  const bytes = cp1251(csv(rows, ';', '\r\n'));
  // Make sure the file really is not UTF-8.
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  const up = expectUpload(await upload(bytes, 'roster-1251.csv', 'application/octet-stream'), 'upload Windows-1251');
  assert.equal(up.encoding, 'windows-1251');
  assert.equal(up.delimiter, ';');
  assert.deepEqual(up.columns, rows[0]);
  assert.equal(up.row_count, 2);
  assert.deepEqual(up.sample.map((r) => r.map(String)), rows.slice(1));
  assert.equal(up.mapping.surname, 1, `suggested mapping: ${JSON.stringify(up.mapping)}`);
  assert.equal(up.mapping.name, 2, `suggested mapping: ${JSON.stringify(up.mapping)}`);
  assert.equal(up.mapping.patronymic, 3, `suggested mapping: ${JSON.stringify(up.mapping)}`);

  const mapping = mappingFor(up.columns, {
    student_number: 'Номер', surname: 'Фамилия', name: 'Имя', patronymic: 'Отчество', birth_date: 'Дата рождения',
    group: 'Группа', course: 'Курс',
  });
  const preview = expectJson(await admin.post(`/api/v1/imports/${up.id}/preview`, { mapping }), 200, 'preview');
  assert.deepEqual(preview.errors, []);
  assert.equal(preview.creates, 2);
  const commit = expectJson(await admin.post(`/api/v1/imports/${up.id}/commit`, { mapping }), 200, 'commit');
  assert.equal(commit.created, 2);
  const found = (await search(tag)).items;
  assert.deepEqual(found.map((p) => p.surname), ['Иванов', 'Щербакова']);
  assert.deepEqual(found.map((p) => p.patronymic), ['Сергеевич', 'Ёлкина; вторая']);
  assert.deepEqual(found.map((p) => p.student.student_number), [n1, n2]);
});

test(`[${BACKEND}] import: a bad row - preview lists it, commit is 422 and writes nothing`, async () => {
  const tag = cap(cyrTag());
  const group = `ИМП-${tag}`;
  const dupNumber = studentNumber();
  const rows = [
    ['student_number', 'surname', 'name', 'birth_date', 'group', 'course'],
    [dupNumber, 'Жақсыбеков', tag, '2006-04-04', group, '1'], // line 2: fine
    [studentNumber(), 'Ермекова', tag, '2006-02-30', group, '1'], // line 3: impossible date
    [studentNumber(), '', tag, '2006-01-01', group, '1'], // line 4: no surname
    [dupNumber, 'Қайталанған', tag, '2006-01-01', group, '1'], // line 5: number repeats line 2
    [studentNumber(), 'Сейтқали', tag, '2006-01-01', group, 'екі'], // line 6: course not a number
  ];
  const up = expectUpload(await upload(Buffer.from(csv(rows), 'utf8')), 'upload with bad rows');
  const mapping = mappingFor(up.columns, {
    student_number: 'student_number', surname: 'surname', name: 'name', birth_date: 'birth_date', group: 'group', course: 'course',
  });
  const expected = [
    { line: 3, field: 'birth_date', code: 'no_such_date', header: 'birth_date' },
    { line: 4, field: 'surname', code: 'required', header: 'surname' },
    { line: 5, field: 'student_number', code: 'duplicate', header: 'student_number' },
    { line: 6, field: 'course', header: 'course' },
  ];
  const checkErrors = (errors, what) => {
    assert.ok(Array.isArray(errors), `${what}: errors[]`);
    for (const want of expected) {
      const hit = errors.find((e) => e.line === want.line && e.field === want.field);
      assert.ok(hit, `${what}: expected an error at line ${want.line} for ${want.field} in ${JSON.stringify(errors)}`);
      if (want.code) assert.equal(hit.code, want.code, `${what}: code at line ${want.line}`);
      else assert.ok(['invalid', 'wrong_type'].includes(hit.code), `${what}: code at line ${want.line}: ${hit.code}`);
      const index = up.columns.indexOf(want.header);
      assert.ok([index, index + 1, want.header].includes(hit.column),
        `${what}: column at line ${want.line} should name column ${want.header} (index ${index}), got ${JSON.stringify(hit.column)}`);
      assert.equal(typeof hit.message, 'string');
      assert.ok(hit.message.length > 0);
    }
    assert.ok(!errors.some((e) => e.line === 2), `${what}: line 2 is fine: ${JSON.stringify(errors)}`);
  };

  const preview = expectJson(await admin.post(`/api/v1/imports/${up.id}/preview`, { mapping }), 200, 'preview');
  assert.equal(preview.dry_run, true);
  assert.equal(preview.rows, 5);
  checkErrors(preview.errors, 'preview');

  const head = await auditHead(admin);
  const commit = await admin.post(`/api/v1/imports/${up.id}/commit`, { mapping });
  const p = expectProblem(commit, 422, 'validation', { lang: 'en' });
  checkErrors(p.errors, 'commit');

  assert.equal((await search(tag)).total, 0, 'nothing written');
  const groups = expectJson(await admin.get('/api/v1/groups'), 200, 'groups').items;
  assert.ok(!groups.some((g) => g.name === group), 'no group created');
  assert.equal(expectJson(await admin.get(`/api/v1/imports/${up.id}`), 200, 'GET import').status, 'uploaded');
  const written = (await auditSince(admin, head)).filter((e) => JSON.stringify(e).includes(tag) || JSON.stringify(e).includes(dupNumber));
  assert.deepEqual(written.map((e) => e.action), [], 'a refused commit writes no audit entries about its rows');
});

test(`[${BACKEND}] import: cancel (DELETE) writes nothing and ends the upload`, async () => {
  const tag = cap(cyrTag());
  const rows = kazakhRoster(tag, [studentNumber(), studentNumber(), studentNumber()], { group: `ИМП-${tag}` });
  const up = expectUpload(await upload(Buffer.from(csv(rows), 'utf8')), 'upload to cancel');
  const del = await admin.delete(`/api/v1/imports/${up.id}`);
  assert.equal(del.status, 204, del.describe());
  assert.equal(expectJson(await admin.get(`/api/v1/imports/${up.id}`), 200, 'GET cancelled import').status, 'cancelled');
  expectProblem(await admin.post(`/api/v1/imports/${up.id}/commit`, { mapping: up.mapping }), 409, 'conflict');
  assert.equal((await search(tag)).total, 0, 'nothing written');
  const groups = expectJson(await admin.get('/api/v1/groups'), 200, 'groups').items;
  assert.ok(!groups.some((g) => g.name === `ИМП-${tag}`), 'no group created');
  expectProblem(await admin.get('/api/v1/imports/999999999'), 404, 'not_found');
  expectProblem(await admin.delete('/api/v1/imports/999999999'), 404, 'not_found');
});

test(`[${BACKEND}] import: broken files and mappings are refused with problem+json`, async () => {
  // Empty file.
  const empty = await upload(Buffer.alloc(0));
  assert.ok([400, 422].includes(empty.status), `empty file: ${empty.describe()}`);
  expectProblem(empty, empty.status, empty.problem?.code);
  // Wrong content type.
  expectProblem(await upload(Buffer.from('surname,name\nА,Б\n'), 'x.csv', 'application/json'), 415, 'unsupported_media_type');
  // Over 10 MiB.
  const big = Buffer.alloc(10 * 1024 * 1024 + 1024, 'а,б\n');
  let res;
  try {
    res = await upload(big);
  } catch (e) {
    assert.fail(`upload over 10 MiB: the server dropped the connection instead of answering 413 (${e.message})`);
  }
  expectProblem(res, 413, 'too_large');
  // Mapping problems.
  const tag = cap(cyrTag());
  const up = expectUpload(await upload(Buffer.from(csv([['surname', 'name'], ['Ахметов', tag]]))), 'small upload');
  expectProblem(await admin.post(`/api/v1/imports/${up.id}/preview`, { mapping: { name: 1 } }), 422, 'validation',
    { what: 'surname not mapped' });
  expectProblem(await admin.post(`/api/v1/imports/${up.id}/preview`, { mapping: { surname: 0, name: 7 } }), 422, 'validation',
    { what: 'column out of range' });
  expectProblem(await admin.post(`/api/v1/imports/${up.id}/preview`, { mapping: { surname: 0, name: 1, shoe_size: 0 } }), 422, 'validation',
    { what: 'unknown field in mapping' });
  expectProblem(await admin.post(`/api/v1/imports/${up.id}/preview`, { mapping: { surname: '0', name: 1 } }), 422, 'validation',
    { what: 'index of the wrong type' });
  expectProblem(await admin.post(`/api/v1/imports/${up.id}/preview`, {}), 422, 'validation',
    { fields: [{ field: 'mapping', code: 'required' }] });
  assert.equal((await search(tag)).total, 0, 'nothing written');
  // An unclosed quote is reported, not crashed on.
  const bad = await upload(Buffer.from(`surname,name\n"Ахметов,${tag}\n`));
  if (bad.status === 201) {
    const pv = expectJson(await admin.post(`/api/v1/imports/${bad.json.id}/preview`, { mapping: { surname: 0, name: 1 } }), 200, 'preview unclosed quote');
    assert.ok(pv.errors.length > 0, 'an unclosed quote is an error');
  } else {
    assert.ok([400, 422].includes(bad.status), bad.describe());
    expectProblem(bad, bad.status, bad.problem?.code);
  }
});

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const thisYear = () => new Date().getUTCFullYear();

test(`[${BACKEND}] import: XLSX with a merged title, one full-name column, dates and no student numbers`, async () => {
  const tag = cap(cyrTag());
  const group = `ИМП-${tag}`;
  for (const inlineStrings of [false, true]) {
    const name1 = `${tag}${inlineStrings ? 'а' : 'б'}`;
    const rows = [
      ['Аты-жөні', 'Туған күні', 'Топ', 'Курс'],
      [`Сәрсенова ${name1} Ерлан қызы`, { date: '2008-02-05' }, group, 2],
      [null, null, null, null], // an empty row in the middle of the sheet is skipped
      [`Тоқтаров ${name1}`, { date: '2007-11-20' }, group, 2],
    ];
    const bytes = xlsx(rows, { title: `${group} тобының тізімі`, inlineStrings });
    const up = expectUpload(await upload(bytes, `roster-${tag}.xlsx`, XLSX_TYPE), 'upload XLSX');
    assert.equal(up.encoding, 'xlsx');
    assert.deepEqual(up.columns, rows[0], 'the merged title row above the header is skipped');
    assert.equal(up.row_count, 2);
    assert.deepEqual(up.sample[0], [`Сәрсенова ${name1} Ерлан қызы`, '05.02.2008', group, '2'], 'a date cell reads as the date Excel shows');
    assert.equal(up.mapping.full_name, 0, JSON.stringify(up.mapping));
    assert.equal(up.mapping.birth_date, 1);
    assert.equal(up.mapping.group, 2);
    assert.ok(!('student_number' in up.mapping));

    const preview = expectJson(await admin.post(`/api/v1/imports/${up.id}/preview`, { mapping: up.mapping }), 200, 'preview XLSX');
    assert.deepEqual(preview.errors, []);
    assert.equal(preview.creates, 2);
    assert.equal(preview.generated_numbers.length, 2, JSON.stringify(preview));
    // Lines are the sheet's row numbers: title 1, header 2, data 3, empty 4, data 5.
    assert.deepEqual(preview.generated_numbers.map((g) => g.line), [3, 5]);
    assert.deepEqual(preview.generated_numbers.map((g) => g.person), [`Сәрсенова ${name1}`, `Тоқтаров ${name1}`]);
    const numbers = preview.generated_numbers.map((g) => g.student_number);
    assert.equal(new Set(numbers).size, 2);
    for (const n of numbers) assert.match(n, new RegExp(`^K${thisYear()}-\\d{4,}$`));

    const commit = expectJson(await admin.post(`/api/v1/imports/${up.id}/commit`, { mapping: up.mapping }), 200, 'commit XLSX');
    assert.equal(commit.created, 2);
    const found = (await search(name1)).items;
    assert.equal(found.length, 2);
    assert.deepEqual(found.map((p) => p.student.student_number).sort(), [...numbers].sort(), 'the numbers shown in the preview are the ones given');
    const alia = found.find((p) => p.surname === 'Сәрсенова');
    const detail = expectJson(await admin.get(`/api/v1/people/${alia.id}`), 200, 'GET imported');
    assert.equal(detail.name, name1);
    assert.equal(detail.patronymic, 'Ерлан қызы', 'the Kazakh particle stays with the patronymic');
    assert.equal(detail.birth_date, '2008-02-05');
    assert.equal(detail.student.group_name, group);

    // The same workbook again: the same people are found (surname, name, patronymic, birth date), not duplicated.
    const again = expectUpload(await upload(bytes, `roster-${tag}-again.xlsx`, XLSX_TYPE), 'upload XLSX again');
    const preview2 = expectJson(await admin.post(`/api/v1/imports/${again.id}/preview`, { mapping: again.mapping }), 200, 'preview again');
    assert.equal(preview2.updates, 2, JSON.stringify(preview2));
    assert.deepEqual(preview2.generated_numbers, []);
    expectJson(await admin.post(`/api/v1/imports/${again.id}/commit`, { mapping: again.mapping }), 200, 'commit again');
    assert.equal((await search(name1)).total, 2);
  }
});

test(`[${BACKEND}] import: generated student numbers continue the series and never collide`, async () => {
  const tag = cap(cyrTag());
  const numbersOf = async (names) => {
    const rows = [['Тегі', 'Аты'], ...names.map((n) => ['Жаңабаев', n])];
    const up = expectUpload(await upload(Buffer.from(csv(rows), 'utf8')), 'upload without numbers');
    const preview = expectJson(await admin.post(`/api/v1/imports/${up.id}/preview`, { mapping: up.mapping }), 200, 'preview');
    expectJson(await admin.post(`/api/v1/imports/${up.id}/commit`, { mapping: up.mapping }), 200, 'commit');
    return preview.generated_numbers.map((g) => g.student_number);
  };
  const first = await numbersOf([`${tag}а`, `${tag}б`]);
  const second = await numbersOf([`${tag}в`]);
  const all = [...first, ...second];
  assert.equal(new Set(all).size, 3, JSON.stringify(all));
  const seq = (n) => Number(n.split('-')[1]);
  assert.ok(seq(second[0]) > Math.max(...first.map(seq)), `the series continues: ${JSON.stringify(all)}`);
});

test(`[${BACKEND}] import: row messages name the column as mapped, the value and the person, in each language`, async () => {
  const tag = cap(cyrTag());
  const rows = [
    ['Билет №', 'Фамилия', 'Имя', 'Дата рожд.', 'Курс'],
    [studentNumber(), 'Ермекова', tag, '30.02.2008', '1'],
    [studentNumber(), 'Қасымов', tag, '2008-01-01', 'екі'],
  ];
  const up = expectUpload(await upload(Buffer.from(csv(rows), 'utf8')), 'upload');
  const mapping = { student_number: 0, surname: 1, name: 2, birth_date: 3, course: 4 };
  const want = {
    en: ['30.02.2008 does not exist: the column “Дата рожд.” (Ермекова', '“екі” in the column “Курс” is not a valid value (Қасымов'],
    ru: ['Даты 30.02.2008 не существует: столбец «Дата рожд.» (Ермекова', 'Значение «екі» в столбце «Курс» недопустимо (Қасымов'],
    kk: ['30.02.2008 деген күн жоқ: «Дата рожд.» бағаны (Ермекова', '«Курс» бағанындағы «екі» мәні жарамсыз (Қасымов'],
  };
  for (const [lang, [date, course]] of Object.entries(want)) {
    const pv = expectJson(await admin.request('POST', `/api/v1/imports/${up.id}/preview`, { json: { mapping }, lang }), 200, `preview ${lang}`);
    const byLine = Object.fromEntries(pv.errors.map((e) => [e.line, e]));
    assert.equal(byLine[2].code, 'no_such_date');
    assert.equal(byLine[2].column, 'Дата рожд.');
    assert.ok(byLine[2].message.startsWith(date), `${lang}: ${byLine[2].message}`);
    assert.ok(byLine[2].message.includes(`Ермекова ${tag}`), `${lang}: the person's name in ${byLine[2].message}`);
    assert.ok(byLine[3].message.startsWith(course), `${lang}: ${byLine[3].message}`);
    // The refused commit carries the same words in problem+json.
    const commit = await admin.request('POST', `/api/v1/imports/${up.id}/commit`, { json: { mapping }, lang });
    const p = expectProblem(commit, 422, 'validation');
    assert.ok(p.errors.some((e) => e.line === 2 && e.message.startsWith(date)), `${lang}: ${JSON.stringify(p.errors)}`);
  }
  assert.equal((await search(tag)).total, 0, 'nothing written');
});

test(`[${BACKEND}] import: a zip bomb, a damaged workbook and a title-only sheet are refused and change nothing`, async () => {
  const head = await auditHead(admin);
  const bomb = xlsxBomb(80);
  assert.ok(bomb.length < 2 * 1024 * 1024, `the bomb is small: ${bomb.length}`);
  const refused = await upload(bomb, 'bomb.xlsx', XLSX_TYPE);
  const p = expectProblem(refused, 422, 'validation', { lang: 'en', fields: [{ field: 'file', code: 'invalid' }] });
  assert.match(p.errors[0].message, /unpacks to more than 32 MB/);
  const good = xlsx([['Тегі', 'Аты'], ['Омаров', 'Ерлан']]);
  const cut = await upload(good.subarray(0, Math.floor(good.length / 2)), 'cut.xlsx', XLSX_TYPE);
  const p2 = expectProblem(cut, 422, 'validation', { fields: [{ field: 'file', code: 'invalid' }] });
  assert.ok(p2.errors[0].message.length > 0);
  // Only a title merged across the columns, no header and no students.
  const titleOnly = await upload(xlsx([[null, null, null]], { title: 'Тізім' }), 'title.xlsx', XLSX_TYPE);
  expectProblem(titleOnly, 422, 'validation', { fields: [{ field: 'file', code: 'invalid' }] });
  const written = (await auditSince(admin, head)).filter((e) => e.action.startsWith('import.'));
  assert.deepEqual(written.map((e) => e.action), [], 'refused uploads are not recorded as uploads');
});
