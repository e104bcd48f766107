// Names that come from templates read in each language: a body created from a template without a
// typed name (and its nested bodies) and an election created with the default title answer in the
// request's language; once renamed, the typed name is the same in every language (GEN-1).
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND, LOCALES, catalog, expectAudit, expectJson, expectProblem, signIn, cap, cyrTag,
} from './lib/client.mjs';

const words = (lang, key, params = {}) => catalog(lang)[key].replace(/\{(\w+)\}/g, (_, p) => String(params[p]));

async function inEachLanguage(admin, path) {
  const out = {};
  for (const lang of LOCALES) out[lang] = expectJson(await admin.request('GET', path, { lang }), 200, `${path} in ${lang}`);
  return out;
}

test(`[${BACKEND}] template names: a body from a template reads in each language until it is renamed`, async () => {
  const admin = await signIn('admin');
  const created = expectJson(await admin.request('POST', '/api/v1/bodies', { json: { template: 'student_government' }, lang: 'ru' }), 201, 'create');
  assert.equal(created.name, words('ru', 'body.template.student_government'), 'the answer is in the request language');
  assert.equal(created.name_from_template, true);

  const before = await inEachLanguage(admin, `/api/v1/bodies/${created.id}`);
  for (const lang of LOCALES) {
    assert.equal(before[lang].name, words(lang, 'body.template.student_government'), lang);
    // The nested bodies made with it (ORG-2) are named by the template too.
    const names = before[lang].children.map((c) => c.name).sort();
    const want = ['body.default.committee', 'body.default.club', 'body.default.general_meeting'].map((k) => words(lang, k)).sort();
    assert.deepEqual(names, want, `${lang} children`);
  }
  const list = expectJson(await admin.request('GET', '/api/v1/bodies', { lang: 'en' }), 200, 'list');
  assert.equal(list.items.find((b) => String(b.id) === String(created.id)).name, words('en', 'body.template.student_government'));

  // Bad input changes nothing.
  expectProblem(await admin.patch(`/api/v1/bodies/${created.id}`, { name: '' }), 422, 'validation', { fields: [{ field: 'name', code: 'required' }] });
  expectProblem(await admin.patch(`/api/v1/bodies/${created.id}`, { name: 'x'.repeat(201) }), 422, 'validation', { fields: [{ field: 'name', code: 'too_long' }] });
  expectProblem(await admin.patch(`/api/v1/bodies/${created.id}`, { title: 'Жаңа' }), 422, 'validation');
  expectProblem(await admin.patch('/api/v1/bodies/999999999', { name: 'Жоқ' }), 404, 'not_found');
  const student = await signIn('student');
  expectProblem(await student.patch(`/api/v1/bodies/${created.id}`, { name: 'Басқа' }), 403, 'forbidden');
  assert.equal(expectJson(await admin.request('GET', `/api/v1/bodies/${created.id}`, { lang: 'en' }), 200).name, words('en', 'body.template.student_government'));

  // Renamed: the typed name in every language, audited with the key it replaced.
  const typed = `Жастар үкіметі ${cap(cyrTag())}`;
  const renamed = expectJson(await admin.patch(`/api/v1/bodies/${created.id}`, { name: typed }), 200, 'rename');
  assert.equal(renamed.name, typed);
  assert.equal(renamed.name_from_template, false);
  const after = await inEachLanguage(admin, `/api/v1/bodies/${created.id}`);
  for (const lang of LOCALES) assert.equal(after[lang].name, typed, lang);
  const entry = await expectAudit(admin, { action: 'body.rename', entityId: created.id, actorLogin: 'admin' });
  assert.equal(entry.before.name_key, 'body.template.student_government');
  assert.equal(entry.after.name, typed);
  // The children keep their template names until they are renamed themselves.
  assert.equal(after.kk.children.length, 3);
  assert.ok(after.en.children.every((c) => c.name_from_template));
});

test(`[${BACKEND}] template names: a typed name is the same in every language`, async () => {
  const admin = await signIn('admin');
  const typed = `Парламент ${cap(cyrTag())}`;
  const created = expectJson(await admin.post('/api/v1/bodies', { template: 'student_parliament', name: typed }), 201, 'create');
  assert.equal(created.name_from_template, false);
  const got = await inEachLanguage(admin, `/api/v1/bodies/${created.id}`);
  for (const lang of LOCALES) assert.equal(got[lang].name, typed, lang);
});

test(`[${BACKEND}] template names: an election with the default title reads in each language`, async () => {
  const admin = await signIn('admin');
  const government = expectJson(await admin.post('/api/v1/bodies', { template: 'student_government' }), 201, 'government');
  const commission = expectJson(await admin.post('/api/v1/bodies', { template: 'election_commission' }), 201, 'commission');
  // The academic year is unique per institution and other files pick random years too: another
  // year on a collision.
  let year, created;
  for (let attempt = 0; attempt < 5 && created?.status !== 201; attempt++) {
    const first = 2400 + Math.floor(Math.random() * 500);
    year = `${first}-${first + 1}`;
    created = await admin.request('POST', '/api/v1/elections',
      { json: { academic_year: year, commission_body_id: commission.id, government_body_id: government.id }, lang: 'en' });
  }
  const election = expectJson(created, 201, 'election');
  assert.equal(election.title, words('en', 'election.default_title', { year }));
  assert.equal(election.title_from_default, true);
  const got = await inEachLanguage(admin, `/api/v1/elections/${election.id}`);
  for (const lang of LOCALES) assert.equal(got[lang].title, words(lang, 'election.default_title', { year }), lang);
  assert.notEqual(got.kk.title, got.ru.title);
});
