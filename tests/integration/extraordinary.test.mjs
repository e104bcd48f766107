// The Teachers Council and its extraordinary sessions (DISC-PEN-3: an exclusion needs an
// extraordinary session of the Teachers Council that decides it): the template, the flag on a
// session through convening, reading, the list, the audit and the protocol (JSON and PDF).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  BACKEND, catalog, signIn, expectJson, expectProblem, expectAudit, createPerson, cyrTag, cap,
} from './lib/client.mjs';

const TODAY = new Date().toISOString().slice(0, 10);

async function teacher(admin, tag, i) {
  return createPerson(admin, { surname: `${cap(cyrTag())}`, name: `Мұғалім${tag}${i}`, staff: { position: 'Мұғалім' } });
}

test(`[${BACKEND}] teachers council: the template, staffed by teachers in every seat (DISC-PEN-3, MTG-5, ORG-3)`, async () => {
  const admin = await signIn('admin');
  const templates = expectJson(await admin.request('GET', '/api/v1/body-templates', { lang: 'en' }), 200, 'templates').items;
  const tc = templates.find((t) => t.id === 'teachers_council');
  assert.ok(tc, 'the Teachers Council is offered');
  assert.equal(tc.kind, 'council');
  assert.equal(tc.name, catalog('en')['body.template.teachers_council']);
  assert.deepEqual(tc.positions, ['chair', 'vice_chair', 'secretary', 'member']);
  assert.deepEqual(tc.staff_allowed, tc.positions, 'teachers may hold every seat');
  assert.deepEqual(tc.non_voting, []);

  const body = expectJson(await admin.request('POST', '/api/v1/bodies', { json: { template: 'teachers_council' }, lang: 'kk' }), 201, 'create');
  assert.equal(body.name, catalog('kk')['body.template.teachers_council']);
  assert.equal(expectJson(await admin.get(`/api/v1/bodies/${body.id}`), 200).confidential, false, 'its sessions are not confidential');
  const tag = cap(cyrTag(4));
  for (const [i, position] of ['chair', 'vice_chair', 'secretary', 'member'].entries()) {
    const t = await teacher(admin, tag, i);
    expectJson(await admin.post(`/api/v1/bodies/${body.id}/members`, { person_id: t.id, position, starts_on: TODAY, accepted_regulation: true }), 201, position);
  }
});

test(`[${BACKEND}] extraordinary sessions: the flag round-trips, bad input changes nothing, the protocol says so (DISC-PEN-3)`, async () => {
  const admin = await signIn('admin');
  const tag = cap(cyrTag(5));
  const body = expectJson(await admin.post('/api/v1/bodies', { template: 'teachers_council', name: `Педкеңес ${tag}` }), 201, 'council');
  const members = [];
  for (let i = 0; i < 3; i++) {
    const t = await teacher(admin, tag, i);
    members.push(t);
    expectJson(await admin.post(`/api/v1/bodies/${body.id}/members`,
      { person_id: t.id, position: ['chair', 'secretary', 'member'][i], starts_on: TODAY, accepted_regulation: true }), 201, 'member');
  }
  const convene = (extra) => admin.post(`/api/v1/bodies/${body.id}/meetings`, { held_on: TODAY, starts_at: '00:00', place: 'Мұғалімдер бөлмесі', convened_by: members[0].id, ...extra });

  // Bad type: a field error, and no session is created.
  for (const bad of ['yes', 'true', 1, ['true']]) {
    expectProblem(await convene({ extraordinary: bad }), 422, 'validation', { fields: [{ field: 'extraordinary', code: 'wrong_type' }] });
  }
  assert.equal(expectJson(await admin.get(`/api/v1/bodies/${body.id}/meetings`), 200).items.length, 0, 'nothing convened by bad input');

  const extra = expectJson(await convene({ extraordinary: true }), 201, 'extraordinary');
  assert.equal(extra.extraordinary, true);
  const ordinary = expectJson(await convene({}), 201, 'ordinary');
  assert.equal(ordinary.extraordinary, false, 'ordinary by default');
  const explicit = expectJson(await convene({ extraordinary: false }), 201, 'explicitly ordinary');
  assert.equal(explicit.extraordinary, false);

  assert.equal(expectJson(await admin.get(`/api/v1/meetings/${extra.id}`), 200).extraordinary, true);
  assert.equal(expectJson(await admin.get(`/api/v1/meetings/${ordinary.id}`), 200).extraordinary, false);
  const list = expectJson(await admin.get(`/api/v1/bodies/${body.id}/meetings`), 200).items;
  const flag = Object.fromEntries(list.map((m) => [String(m.id), m.extraordinary]));
  assert.deepEqual(flag, { [extra.id]: true, [ordinary.id]: false, [explicit.id]: false });

  // The audit entry records it.
  assert.equal((await expectAudit(admin, { action: 'meeting.convene', entityId: extra.id })).after.extraordinary, true);
  assert.equal((await expectAudit(admin, { action: 'meeting.convene', entityId: ordinary.id })).after.extraordinary, false);

  // A decision at the extraordinary session, then its protocol: titled as extraordinary.
  for (const m of members) expectJson(await admin.put(`/api/v1/meetings/${extra.id}/attendance`, { person_id: m.id, present: true }), 200, 'present');
  const item = expectJson(await admin.post(`/api/v1/meetings/${extra.id}/items`,
    { kind: 'discipline_case', title: `Оқудан шығару ${tag}`, motion: 'Білім алушы оқудан шығарылсын' }), 200, 'item').items[0];
  expectJson(await admin.post(`/api/v1/agenda-items/${item.id}/vote/open`, {}), 200, 'open');
  expectJson(await admin.post(`/api/v1/agenda-items/${item.id}/vote/close`, {}), 200, 'close vote');
  const protocol = expectJson(await admin.post(`/api/v1/meetings/${extra.id}/close`, {}), 201, 'close');
  assert.equal(protocol.snapshot.extraordinary, true);
  expectJson(await admin.post(`/api/v1/meetings/${ordinary.id}/close`, {}), 201, 'close ordinary');
  assert.equal(expectJson(await admin.get(`/api/v1/meetings/${ordinary.id}/protocol`), 200).snapshot.extraordinary, false);

  const pdfText = async (id, lang) => {
    const doc = await admin.get(`/api/v1/meetings/${id}/protocol.pdf?lang=${lang}`);
    assert.equal(doc.status, 200);
    return execFileSync('pdftotext', ['-', '-'], { input: doc.bytes, encoding: 'utf8' }).replace(/\s+/g, ' ');
  };
  const words = { kk: 'Кезектен тыс', ru: 'Протокол внеочередного заседания', en: 'of the extraordinary session' };
  for (const [lang, phrase] of Object.entries(words)) {
    const title = catalog(lang)['protocol.title_extraordinary'].replace('{number}', String(protocol.number));
    const text = await pdfText(extra.id, lang);
    assert.ok(text.includes(title), `${lang}: "${title}" in ${text.slice(0, 300)}`);
    assert.ok(text.includes(phrase), `${lang}: "${phrase}"`);
    const plain = await pdfText(ordinary.id, lang);
    assert.ok(!plain.includes(phrase), `${lang}: an ordinary session's protocol is not extraordinary`);
  }
});

test(`[${BACKEND}] demo: the demo institution has a Teachers Council of teachers for the discipline work (DISC-PEN-3)`, async () => {
  const admin = await signIn('admin');
  const list = expectJson(await admin.get('/api/v1/bodies'), 200, 'bodies').items;
  const councils = list.filter((b) => b.template === 'teachers_council').sort((a, b) => Number(a.id) - Number(b.id));
  assert.ok(councils.length > 0, 'a Teachers Council');
  const demo = expectJson(await admin.get(`/api/v1/bodies/${councils[0].id}`), 200, 'detail');
  assert.deepEqual(demo.members.map((m) => m.position).sort(), ['chair', 'member', 'member', 'member', 'secretary']);
});
