// People: create/read/update, validation, duplicates, Kazakh alphabetical order, search,
// pagination, and who sees sensitive personal data (rule GEN-3) with its audit trail.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND, auditHead, auditSince, cap, createPerson, cyrTag, expectAudit, expectJson, expectProblem,
  sameId, signIn, studentNumber, uniq,
} from './lib/client.mjs';

const SENSITIVE = ['birth_date', 'gender', 'email', 'phone', 'representatives', 'children'];
let admin;
let staff;
let curator;

before(async () => {
  admin = await signIn('admin', { lang: 'kk' });
  staff = await signIn('staff', { lang: 'kk' });
  curator = await signIn('curator', { lang: 'kk' });
});

async function search(client, q, extra = {}) {
  const qs = new URLSearchParams({ q, limit: '200', ...extra });
  return expectJson(await client.get(`/api/v1/people?${qs}`), 200, `GET /api/v1/people?${qs}`);
}

function expectSensitive(p, what) {
  for (const k of SENSITIVE) assert.ok(k in p, `${what}: ${k} must be present for a person.read_sensitive reader: ${JSON.stringify(p)}`);
  assert.ok(!p.restricted, `${what}: restricted must not be true`);
}

function expectRestricted(p, what) {
  for (const k of SENSITIVE) assert.ok(!(k in p), `${what}: ${k} must be omitted where person.read_sensitive refuses: ${JSON.stringify(p)}`);
  assert.equal(p.restricted, true, `${what}: restricted must be true`);
}

test(`[${BACKEND}] people: create, read and update a student`, async () => {
  const tag = cap(cyrTag());
  const number = studentNumber();
  const input = {
    surname: 'Жұмабаева', name: tag, patronymic: 'Серікқызы', birth_date: '2007-03-14', gender: 'female',
    email: `${tag.toLowerCase()}@example.kz`, phone: '+7 701 123 45 67',
    student: { student_number: number, course: 2, status: 'studying', academic_debt: false },
  };
  const headBefore = await auditHead(admin);
  const createdRes = await staff.post('/api/v1/people', input);
  const created = expectJson(createdRes, 201, 'POST /api/v1/people as staff');
  assert.ok(created.id !== undefined && created.id !== null);
  assert.equal(created.surname, 'Жұмабаева');
  assert.equal(created.name, tag);
  assert.equal(created.patronymic, 'Серікқызы');
  assert.ok(created.full_name.includes('Жұмабаева') && created.full_name.includes(tag), created.full_name);
  assert.ok(created.kinds.includes('student'));
  assert.equal(created.student.student_number, number);
  assert.equal(created.student.course, 2);
  assert.equal(created.student.status, 'studying');
  assert.equal(created.student.academic_debt, false);
  assert.equal(created.staff, null);

  const full = expectJson(await admin.get(`/api/v1/people/${created.id}`), 200, 'GET as admin');
  expectSensitive(full, 'GET as admin');
  assert.equal(full.birth_date, '2007-03-14');
  assert.equal(full.gender, 'female');
  assert.equal(full.email, input.email);
  assert.equal(full.phone, input.phone);
  assert.deepEqual(full.representatives, []);
  assert.equal(full.user_id ?? null, null);

  const patched = expectJson(await staff.patch(`/api/v1/people/${created.id}`, {
    phone: '+7 702 000 00 00', student: { student_number: number, course: 3, academic_debt: true },
  }), 200, 'PATCH as staff');
  assert.equal(patched.student.course, 3);
  assert.equal(patched.student.academic_debt, true);
  const afterPatch = expectJson(await admin.get(`/api/v1/people/${created.id}`), 200, 'GET after PATCH');
  assert.equal(afterPatch.phone, '+7 702 000 00 00');
  assert.equal(afterPatch.surname, 'Жұмабаева', 'fields not in the PATCH stay');
  assert.equal(afterPatch.birth_date, '2007-03-14');
  assert.equal(afterPatch.student.course, 3);

  // The staff's create and update are both in the audit log.
  const entries = (await auditSince(admin, headBefore)).filter((e) => sameId(e.entity_id, created.id));
  const byStaff = entries.filter((e) => e.actor_login === 'staff');
  assert.ok(byStaff.length >= 2, `create and update by staff must be audited: ${JSON.stringify(entries.map((e) => e.action))}`);
  assert.ok(new Set(byStaff.map((e) => e.action)).size >= 2, 'create and update have different actions');

  // student: null removes the student record.
  const unstudent = expectJson(await admin.patch(`/api/v1/people/${created.id}`, { student: null }), 200, 'PATCH student:null');
  assert.equal(unstudent.student, null);
  assert.ok(!unstudent.kinds.includes('student'));
  const reread = expectJson(await admin.get(`/api/v1/people/${created.id}`), 200, 'GET after student:null');
  assert.equal(reread.student, null);
});

test(`[${BACKEND}] people: unknown ids are 404 not_found`, async () => {
  expectProblem(await admin.get('/api/v1/people/999999999'), 404, 'not_found', { lang: 'kk' });
  expectProblem(await admin.patch('/api/v1/people/999999999', { phone: '1' }), 404, 'not_found');
  expectProblem(await admin.get('/api/v1/people/not-an-id'), 404, 'not_found');
});

test(`[${BACKEND}] people: a duplicate student number is 409 and writes nothing`, async () => {
  const tag = cap(cyrTag());
  const number = studentNumber();
  const first = await createPerson(staff, { surname: 'Дубль', name: tag, student: { student_number: number } });
  const dup = await staff.post('/api/v1/people', { surname: 'Дубль', name: tag, patronymic: 'Екінші', student: { student_number: number } });
  expectProblem(dup, 409, 'conflict', { lang: 'kk', fields: [{ field: 'student.student_number', code: 'duplicate' }] });
  const found = await search(admin, tag);
  assert.equal(found.total, 1, `only the first person exists: ${JSON.stringify(found.items.map((p) => p.full_name))}`);
  assert.ok(sameId(found.items[0].id, first.id));

  // Taking the number over by PATCH is refused as well.
  const second = await createPerson(staff, { surname: 'Дубль', name: tag, student: { student_number: studentNumber() } });
  const steal = await staff.patch(`/api/v1/people/${second.id}`, { student: { student_number: number } });
  expectProblem(steal, 409, 'conflict', { fields: [{ field: 'student.student_number', code: 'duplicate' }] });
  const again = expectJson(await admin.get(`/api/v1/people/${second.id}`), 200, 'GET second');
  assert.notEqual(again.student.student_number, number);
});

test(`[${BACKEND}] people: validation errors are 422 with field errors and write nothing`, async () => {
  const tag = cap(cyrTag());
  const cases = [
    ['missing surname', { name: tag }, [{ field: 'surname', code: 'required' }]],
    ['missing name', { surname: tag }, [{ field: 'name', code: 'required' }]],
    ['impossible date', { surname: 'Қате', name: tag, birth_date: '2005-02-30' }, [{ field: 'birth_date', code: 'bad_date' }]],
    ['date in another format', { surname: 'Қате', name: tag, birth_date: '14.03.2007' }, [{ field: 'birth_date', code: 'bad_date' }]],
    ['too long surname', { surname: 'Ә'.repeat(5000), name: tag }, [{ field: 'surname', code: 'too_long' }]],
    ['unknown field', { surname: 'Қате', name: tag, nickname: 'x' }, [{ field: 'nickname', code: 'unknown_field' }]],
    ['unknown nested field', { surname: 'Қате', name: tag, student: { student_number: studentNumber(), hobby: 1 } },
      [{ field: 'student.hobby', code: 'unknown_field' }]],
    ['wrong type', { surname: 42, name: tag }, [{ field: 'surname', code: 'wrong_type' }]],
    ['wrong nested type', { surname: 'Қате', name: tag, student: { student_number: studentNumber(), course: 'two' } },
      [{ field: 'student.course', code: 'wrong_type' }]],
    ['bad enum', { surname: 'Қате', name: tag, gender: 'unknown' }, [{ field: 'gender', code: 'invalid' }]],
    ['bad status', { surname: 'Қате', name: tag, student: { student_number: studentNumber(), status: 'asleep' } },
      [{ field: 'student.status', code: 'invalid' }]],
    ['missing student number', { surname: 'Қате', name: tag, student: {} }, [{ field: 'student.student_number', code: 'required' }]],
    ['unknown group', { surname: 'Қате', name: tag, student: { student_number: studentNumber(), group_id: 999999999 } },
      [{ field: 'student.group_id', code: 'not_found' }]],
    ['several errors at once', { surname: 7, name: tag, birth_date: 'yesterday', extra: true },
      [{ field: 'surname', code: 'wrong_type' }, { field: 'birth_date', code: 'bad_date' }, { field: 'extra', code: 'unknown_field' }]],
    ['body is not an object', [tag], null],
  ];
  for (const [what, body, fields] of cases) {
    const res = await staff.post('/api/v1/people', body);
    if (fields) expectProblem(res, 422, 'validation', { lang: 'kk', fields, onlyFields: true, what });
    else {
      assert.ok([400, 422].includes(res.status), `${what}: ${res.describe()}`);
      const p = expectProblem(res, res.status, res.problem?.code, { what });
      assert.ok(res.status === 400 ? ['bad_request', 'bad_json'].includes(p.code) : p.code === 'validation', `${what}: ${res.describe()}`);
    }
  }
  const found = await search(admin, tag);
  assert.equal(found.total, 0, `nothing may be written: ${JSON.stringify(found.items.map((p) => p.full_name))}`);

  // PATCH validates the same way and changes nothing.
  const p = await createPerson(staff, { surname: 'Дұрыс', name: tag, birth_date: '2006-01-02' });
  expectProblem(await staff.patch(`/api/v1/people/${p.id}`, { birth_date: '2006-13-01' }), 422, 'validation',
    { fields: [{ field: 'birth_date', code: 'bad_date' }], onlyFields: true });
  expectProblem(await staff.patch(`/api/v1/people/${p.id}`, { surname: '', name: 'Басқа' }), 422, 'validation',
    { what: 'empty surname' });
  expectProblem(await staff.patch(`/api/v1/people/${p.id}`, { surname: 'Жаңа', colour: 'red' }), 422, 'validation',
    { fields: [{ field: 'colour', code: 'unknown_field' }], onlyFields: true });
  const same = expectJson(await admin.get(`/api/v1/people/${p.id}`), 200, 'GET after refused PATCHes');
  assert.equal(same.surname, 'Дұрыс');
  assert.equal(same.name, tag);
  assert.equal(same.birth_date, '2006-01-02');
});

test(`[${BACKEND}] people: the list is in Kazakh alphabetical order`, async () => {
  const tag = cap(cyrTag());
  // Created in a scrambled order; expected order: А < Ә < ... < Ұ < Ү < ... < Ы < І.
  const expected = ['Абаев', 'Әлиев', 'Бекова', 'Ұлықбек', 'Үмбетов', 'Ыбыраев', 'Ізтілеуов'];
  for (const surname of ['Ізтілеуов', 'Үмбетов', 'Абаев', 'Ыбыраев', 'Ұлықбек', 'Бекова', 'Әлиев']) {
    await createPerson(staff, { surname, name: tag });
  }
  for (const client of [staff, staff.clone({ lang: null })]) {
    const got = (await search(client, tag)).items.map((p) => p.surname);
    assert.deepEqual(got, expected);
  }
  // Order by surname, then name, then patronymic.
  const tag2 = cap(cyrTag());
  await createPerson(staff, { surname: `Сейіт${tag2}`, name: 'Әсем', patronymic: 'Болатқызы' });
  await createPerson(staff, { surname: `Сейіт${tag2}`, name: 'Әсел' });
  await createPerson(staff, { surname: `Сейіт${tag2}`, name: 'Айгүл' });
  await createPerson(staff, { surname: `Сейіт${tag2}`, name: 'Әсем', patronymic: 'Асанқызы' });
  const rows = (await search(staff, `Сейіт${tag2}`)).items.map((p) => `${p.name} ${p.patronymic ?? ''}`.trim());
  assert.deepEqual(rows, ['Айгүл', 'Әсел', 'Әсем Асанқызы', 'Әсем Болатқызы']);
});

test(`[${BACKEND}] people: search is case- and Kazakh-letter-insensitive`, async () => {
  const t = cyrTag(6);
  const surname = cap(`ә${t.slice(0, 2)}ө${t.slice(2, 4)}қ${t.slice(4)}ү`);
  const number = studentNumber();
  const p = await createPerson(staff, { surname, name: 'Іздеу', student: { student_number: number } });
  const fold = (s) => s.replace(/[әӘ]/g, (c) => (c === 'ә' ? 'а' : 'А')).replace(/[өӨ]/g, (c) => (c === 'ө' ? 'о' : 'О'))
    .replace(/[қҚ]/g, (c) => (c === 'қ' ? 'к' : 'К')).replace(/[үҮ]/g, (c) => (c === 'ү' ? 'у' : 'У'));
  const variants = [surname, surname.toLowerCase(), surname.toUpperCase(), fold(surname), fold(surname).toUpperCase(),
    fold(surname.toLowerCase()), number, number.toLowerCase()];
  for (const q of variants) {
    const found = await search(staff, q);
    assert.ok(found.items.some((x) => sameId(x.id, p.id)), `q=${q} must find ${surname}: ${JSON.stringify(found.items.map((x) => x.full_name))}`);
  }
  // The contract's own example: "әлия" = "алия" = "ӘЛИЯ" find the demo student Әлия Сәрсенова.
  for (const q of ['әлия', 'алия', 'ӘЛИЯ', 'АЛИЯ']) {
    const found = await search(staff, q);
    assert.ok(found.items.some((x) => x.name === 'Әлия' && x.surname === 'Сәрсенова'), `q=${q} must find Әлия Сәрсенова`);
  }
  const none = await search(staff, `${surname}жжж`);
  assert.ok(!none.items.some((x) => sameId(x.id, p.id)));
  // Filters combine with q.
  const students = await search(staff, surname, { kind: 'student' });
  assert.ok(students.items.some((x) => sameId(x.id, p.id)));
  const staffOnly = await search(staff, surname, { kind: 'staff' });
  assert.ok(!staffOnly.items.some((x) => sameId(x.id, p.id)));
});

test(`[${BACKEND}] people: pagination is stable, without duplicates or gaps`, async () => {
  const tag = cap(cyrTag());
  // Seven exact namesakes (ties broken by id) and five others.
  for (let i = 0; i < 7; i++) await createPerson(staff, { surname: 'Тең', name: tag, patronymic: 'Бірдей' });
  for (const s of ['Айдар', 'Нұр', 'Өмір', 'Бақыт', 'Шолпан']) await createPerson(staff, { surname: s, name: tag });
  const all = await search(staff, tag);
  assert.equal(all.total, 12);
  assert.equal(all.items.length, 12);
  const pages = [];
  let offset = 0;
  for (;;) {
    const qs = new URLSearchParams({ q: tag, limit: '5', offset: String(offset) });
    const page = expectJson(await staff.get(`/api/v1/people?${qs}`), 200, `page at ${offset}`);
    assert.equal(page.total, 12);
    assert.equal(page.limit, 5);
    assert.equal(page.offset, offset);
    pages.push(...page.items.map((x) => String(x.id)));
    if (page.items.length < 5) break;
    offset += 5;
    assert.ok(offset < 100, 'runaway pagination');
  }
  assert.equal(pages.length, 12);
  assert.equal(new Set(pages).size, 12, 'no duplicates across pages');
  assert.deepEqual(pages, all.items.map((x) => String(x.id)), 'pages concatenate to the full list');
  const again = await search(staff, tag);
  assert.deepEqual(again.items.map((x) => String(x.id)), pages, 'the order is stable');
  // Namesakes are ordered by id.
  const ties = all.items.filter((x) => x.surname === 'Тең').map((x) => x.id);
  const cmp = (a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1);
  assert.deepEqual(ties, [...ties].sort(cmp), 'ties by id');

  // Defaults and bounds.
  const def = expectJson(await staff.get('/api/v1/people'), 200, 'GET /people');
  assert.equal(def.limit, 50);
  assert.equal(def.offset, 0);
  assert.ok(def.items.length <= 50);
  assert.ok(def.total >= 300, `the demo has about 300 students, total ${def.total}`);
  const big = await staff.get('/api/v1/people?limit=100000');
  if (big.status === 200) assert.ok(big.json.items.length <= 200 && big.json.limit <= 200, 'hard cap 200');
  else {
    const p = expectProblem(big, 422, 'validation');
    assert.ok(p.errors?.some((e) => e.field === 'limit'), JSON.stringify(p.errors));
  }
  for (const q of ['limit=0', 'limit=abc', 'offset=-1']) {
    const res = await staff.get(`/api/v1/people?${q}`);
    assert.ok([400, 422].includes(res.status), `${q}: ${res.describe()}`);
    expectProblem(res, res.status, res.status === 400 ? 'bad_request' : 'validation', { what: q });
  }
});

test(`[${BACKEND}] people: sensitive fields hidden from staff, shown to admin, audited (GEN-3)`, async () => {
  const student = await signIn('student');
  const me = expectJson(await student.get('/api/v1/me'), 200, 'GET /me');
  const id = me.person.id;
  const head = await auditHead(admin);

  const asStaff = expectJson(await staff.get(`/api/v1/people/${id}`), 200, 'GET as staff');
  expectRestricted(asStaff, 'staff');
  assert.equal(asStaff.surname, 'Сәрсенова', 'non-sensitive fields are shown');

  const asAdmin = expectJson(await admin.get(`/api/v1/people/${id}`), 200, 'GET as admin');
  expectSensitive(asAdmin, 'admin');
  assert.ok(asAdmin.representatives.length >= 1, 'the demo student has a representative (the parent)');
  for (const r of asAdmin.representatives) {
    assert.ok(r.person_id !== undefined && typeof r.full_name === 'string' && typeof r.kind === 'string', JSON.stringify(r));
  }

  // Lists never carry sensitive fields.
  const list = await search(admin, 'Сәрсенова');
  for (const p of list.items) for (const k of ['birth_date', 'email', 'phone']) assert.ok(!(k in p), `list item has ${k}`);

  const entries = await auditSince(admin, head, { action: 'person.read_sensitive' });
  assert.ok(entries.some((e) => sameId(e.entity_id, id) && e.actor_login === 'admin'),
    `admin's sensitive read must be audited: ${JSON.stringify(entries.slice(0, 5))}`);
  assert.ok(!entries.some((e) => sameId(e.entity_id, id) && e.actor_login === 'staff'),
    'a restricted read is not a sensitive read');
  await expectAudit(admin, { action: 'person.read_sensitive', entityId: id, actorLogin: 'admin' });
});

test(`[${BACKEND}] people: POST and PATCH answers hide sensitive fields from callers the policy person.read_sensitive refuses`, async () => {
  // Otherwise a no-op PATCH would be a way around GEN-3 for staff.
  const tag = cap(cyrTag());
  const created = await createPerson(staff, { surname: 'Жасырын', name: tag, birth_date: '2007-01-02', phone: '+7 700 1' });
  expectRestricted(created, 'POST answer to staff');
  const patched = expectJson(await staff.patch(`/api/v1/people/${created.id}`, { patronymic: 'Ұлы' }), 200, 'PATCH as staff');
  expectRestricted(patched, 'PATCH answer to staff');
  const student = await signIn('student');
  const me = expectJson(await student.get('/api/v1/me'), 200, 'GET /me');
  const noop = expectJson(await staff.patch(`/api/v1/people/${me.person.id}`, {}), 200, 'empty PATCH of the demo student as staff');
  expectRestricted(noop, 'empty PATCH answer to staff');
  // Where the policy allows it the answer is complete.
  const full = expectJson(await admin.patch(`/api/v1/people/${created.id}`, {}), 200, 'empty PATCH as admin');
  expectSensitive(full, 'PATCH answer to admin');
  assert.equal(full.birth_date, '2007-01-02');
});

test(`[${BACKEND}] people: a curator sees sensitive data only for their own group and its representatives`, async () => {
  const groups = expectJson(await curator.get('/api/v1/groups'), 200, 'GET /groups').items;
  const own = groups.find((g) => g.name === 'ИС-21');
  assert.ok(own, `group ИС-21 exists: ${JSON.stringify(groups.map((g) => g.name))}`);
  const other = groups.find((g) => g.name !== 'ИС-21' && g.student_count > 0);
  assert.ok(other, 'the demo has another group with students');
  const curatorMe = expectJson(await curator.get('/api/v1/me'), 200, 'GET /me curator');
  if (curatorMe.person) assert.ok(sameId(own.curator_person_id, curatorMe.person.id), 'ИС-21 is curated by the curator');

  const ownStudents = expectJson(await curator.get(`/api/v1/people?kind=student&group_id=${own.id}&limit=200`), 200, 'own group').items;
  assert.ok(ownStudents.length > 0, 'ИС-21 has students');
  assert.ok(ownStudents.every((s) => sameId(s.student.group_id, own.id)), 'group_id filter');
  const otherStudents = expectJson(await curator.get(`/api/v1/people?kind=student&group_id=${other.id}&limit=200`), 200, 'other group').items;
  assert.ok(otherStudents.length > 0);

  const head = await auditHead(admin);
  const mine = expectJson(await curator.get(`/api/v1/people/${ownStudents[0].id}`), 200, 'own student');
  expectSensitive(mine, `curator reading own student ${ownStudents[0].full_name}`);
  const foreign = expectJson(await curator.get(`/api/v1/people/${otherStudents[0].id}`), 200, 'foreign student');
  expectRestricted(foreign, `curator reading ${otherStudents[0].full_name} of ${other.name}`);

  // A representative of an own student is visible in full; one of a foreign student is not.
  const withRep = [];
  for (const s of ownStudents.slice(0, 10)) {
    const d = expectJson(await admin.get(`/api/v1/people/${s.id}`), 200, 'admin GET');
    if (d.representatives.length) { withRep.push(d); break; }
  }
  assert.ok(withRep.length, 'some student of ИС-21 has a representative');
  const repId = withRep[0].representatives[0].person_id;
  expectSensitive(expectJson(await curator.get(`/api/v1/people/${repId}`), 200, 'own representative'), 'curator reading a representative of an own student');
  const foreignFull = expectJson(await admin.get(`/api/v1/people/${otherStudents[0].id}`), 200, 'admin GET foreign');
  if (foreignFull.representatives.length) {
    const fr = foreignFull.representatives[0].person_id;
    const frd = expectJson(await curator.get(`/api/v1/people/${fr}`), 200, 'foreign representative');
    // Unless that person is also a representative of an own student (siblings in two groups).
    const frAdmin = expectJson(await admin.get(`/api/v1/people/${fr}`), 200, 'admin GET foreign representative');
    const alsoOwn = frAdmin.children.some((ch) => ownStudents.some((s) => sameId(s.id, ch.person_id)));
    if (!alsoOwn) expectRestricted(frd, 'curator reading a representative of a foreign student');
  }

  const entries = await auditSince(admin, head, { action: 'person.read_sensitive' });
  assert.ok(entries.some((e) => sameId(e.entity_id, ownStudents[0].id) && e.actor_login === 'curator'),
    'the curator\'s sensitive read is audited');
  assert.ok(!entries.some((e) => sameId(e.entity_id, otherStudents[0].id) && e.actor_login === 'curator'),
    'the curator\'s restricted read is not audited as sensitive');
});

test(`[${BACKEND}] people: link and unlink a representative`, async () => {
  const tag = cap(cyrTag());
  const child = await createPerson(staff, { surname: 'Бала', name: tag, student: { student_number: studentNumber() } });
  const mother = await createPerson(staff, { surname: 'Ана', name: tag, phone: '+7 705 111 22 33' });
  const head = await auditHead(admin);
  const linked = await staff.post(`/api/v1/people/${child.id}/representatives`, { representative_id: mother.id, kind: 'mother' });
  assert.equal(linked.status, 201, linked.describe());

  const c = expectJson(await admin.get(`/api/v1/people/${child.id}`), 200, 'GET child');
  const r = c.representatives.find((x) => sameId(x.person_id, mother.id));
  assert.ok(r, JSON.stringify(c.representatives));
  assert.equal(r.kind, 'mother');
  assert.equal(r.phone, '+7 705 111 22 33');
  const m = expectJson(await admin.get(`/api/v1/people/${mother.id}`), 200, 'GET mother');
  assert.ok(m.children.some((x) => sameId(x.person_id, child.id)), JSON.stringify(m.children));
  assert.ok(m.kinds.includes('representative'), JSON.stringify(m.kinds));

  expectProblem(await staff.post(`/api/v1/people/${child.id}/representatives`, { representative_id: mother.id, kind: 'aunt' }),
    422, 'validation', { fields: [{ field: 'kind', code: 'invalid' }] });
  expectProblem(await staff.post(`/api/v1/people/${child.id}/representatives`, { representative_id: 999999999, kind: 'father' }),
    422, 'validation', { fields: [{ field: 'representative_id', code: 'not_found' }] });
  expectProblem(await staff.post('/api/v1/people/999999999/representatives', { representative_id: mother.id, kind: 'father' }),
    404, 'not_found');
  expectProblem(await staff.post(`/api/v1/people/${child.id}/representatives`, { kind: 'father' }),
    422, 'validation', { fields: [{ field: 'representative_id', code: 'required' }] });

  const un = await staff.delete(`/api/v1/people/${child.id}/representatives/${mother.id}`);
  assert.equal(un.status, 204, un.describe());
  const c2 = expectJson(await admin.get(`/api/v1/people/${child.id}`), 200, 'GET child after unlink');
  assert.ok(!c2.representatives.some((x) => sameId(x.person_id, mother.id)));
  expectProblem(await staff.delete(`/api/v1/people/${child.id}/representatives/${mother.id}`), 404, 'not_found');

  const entries = (await auditSince(admin, head)).filter((e) => e.actor_login === 'staff');
  assert.ok(entries.length >= 2, `link and unlink are audited: ${JSON.stringify(entries.map((e) => e.action))}`);
});

test(`[${BACKEND}] groups: null in a PATCH removes the curator, faculty or course`, async () => {
  const admin = await signIn('admin');
  const curator = await createPerson(admin, { surname: cap(cyrTag()), name: 'Куратор', staff: { position: 'Куратор' } });
  const group = expectJson(await admin.post('/api/v1/groups', { name: `ТОП-${uniq()}`, course: 2, curator_person_id: curator.id }), 201, 'group');
  assert.equal(group.curator_person_id, curator.id);
  const cleared = expectJson(await admin.patch(`/api/v1/groups/${group.id}`, { curator_person_id: null, course: null }), 200, 'clear');
  assert.equal(cleared.curator_person_id, null);
  assert.equal(cleared.course, null);
  expectProblem(await admin.patch(`/api/v1/groups/${group.id}`, { name: null }), 422, 'validation', { fields: [{ field: 'name', code: 'required' }] });
});
