// MTG-8: the General Meeting is the supreme body of the Student Government: its adopted decision
// annuls a decision of the executive, which is then marked with a link to the annulling decision;
// the executive can never annul a decision of the General Meeting. Each refusal cites MTG-8 and
// changes nothing.
import test, { before } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND, KENES_BIN, signIn, expectJson, expectProblem, createUser, createPerson, cyrTag, cap, uniq, studentNumber, sameId, expectAudit,
} from './lib/client.mjs';

const TODAY = new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);
const skip = KENES_BIN ? false : 'KENES_BIN is not set';
let admin;
let w;

async function government() {
  const tag = cap(cyrTag(5));
  const gov = expectJson(await admin.post('/api/v1/bodies', { template: 'student_government', name: `Студенттік үкімет ${tag} ${uniq()}` }), 201, 'government');
  const gm = expectJson(await admin.get(`/api/v1/bodies/${gov.id}`), 200, 'detail').children.find((c) => c.template === 'general_meeting');
  assert.ok(gm, 'the General Meeting is created with the Student Government (MTG-8)');
  const person = await createPerson(admin, { surname: `${tag}${cap(cyrTag(4))}`, name: 'Төраға', student: { student_number: studentNumber(), course: 3, status: 'studying' } });
  const u = await createUser(admin, { roles: ['student'], person_id: person.id });
  const client = await signIn(u.login, { password: u.password });
  for (const [body, position] of [[gov.id, 'president'], [gm.id, 'chair']])
    expectJson(await admin.post(`/api/v1/bodies/${body}/members`, { person_id: person.id, position, starts_on: TODAY, accepted_regulation: true, ex_officio: true }), 201, 'seat');
  return { gov, gm, person, client };
}

// A decision of `body` on a session today: adopted when the one member votes yes.
async function decide(g, body, choice = 'yes', title = `Шешім ${uniq()}`) {
  const m = expectJson(await admin.post(`/api/v1/bodies/${body.id}/meetings`, { held_on: TODAY, starts_at: '00:00', place: 'Зал', convened_by: g.person.id }), 201, 'meeting');
  expectJson(await admin.post(`/api/v1/meetings/${m.id}/attendance/all-present`, {}), 200, 'present');
  const items = expectJson(await admin.post(`/api/v1/meetings/${m.id}/items`, { kind: 'other', title, motion: 'Қабылдансын' }), 200, 'item').items;
  const item = items[items.length - 1];
  expectJson(await admin.post(`/api/v1/agenda-items/${item.id}/vote/open`, {}), 200, 'open');
  expectJson(await g.client.post(`/api/v1/agenda-items/${item.id}/votes`, { choice }), 200, 'vote');
  expectJson(await admin.post(`/api/v1/agenda-items/${item.id}/vote/close`, {}), 200, 'close');
  return { meeting: m.id, item: item.id, title };
}

const itemOf = async (d) => expectJson(await admin.get(`/api/v1/meetings/${d.meeting}`), 200, 'meeting').items.find((i) => sameId(i.id, d.item));

before(async () => {
  if (skip) return;
  admin = await signIn('admin');
  w = await government();
});

test(`[${BACKEND}] MTG-8: the General Meeting annuls a decision of the executive; the decision links to the annulling one`, { skip }, async () => {
  const executive = await decide(w, w.gov);
  const supreme = await decide(w, w.gm);
  const choices = expectJson(await w.client.get(`/api/v1/agenda-items/${supreme.item}/annulments`), 200, 'annullable').items;
  assert.ok(choices.some((c) => sameId(c.agenda_item_id, executive.item)), 'the executive decision is offered');
  const done = expectJson(await w.client.post(`/api/v1/agenda-items/${supreme.item}/annulments`, { agenda_item_id: executive.item }), 201, 'annulled');
  assert.ok(sameId(done.annulled_by, supreme.item));
  const marked = await itemOf(executive);
  assert.ok(sameId(marked.annulled_by?.agenda_item_id, supreme.item), `marked: ${JSON.stringify(marked.annulled_by)}`);
  assert.ok(sameId(marked.annulled_by.meeting_id, supreme.meeting));
  assert.equal(marked.annulled_by.rule, 'MTG-8');
  assert.ok((await itemOf(supreme)).annuls.some((a) => sameId(a.agenda_item_id, executive.item)), 'the annulling decision names what it annulled');
  await expectAudit(admin, { action: 'agenda_item.annul', entityId: executive.item });
  // Once is enough; it is no longer offered.
  expectProblem(await w.client.post(`/api/v1/agenda-items/${supreme.item}/annulments`, { agenda_item_id: executive.item }), 409, 'conflict');
  assert.ok(!expectJson(await w.client.get(`/api/v1/agenda-items/${supreme.item}/annulments`), 200, 'annullable').items.some((c) => sameId(c.agenda_item_id, executive.item)));
});

test(`[${BACKEND}] MTG-8: the executive cannot annul a decision of the General Meeting (refused, nothing marked)`, { skip }, async () => {
  const supreme = await decide(w, w.gm);
  const executive = await decide(w, w.gov);
  expectProblem(await w.client.post(`/api/v1/agenda-items/${executive.item}/annulments`, { agenda_item_id: supreme.item }), 422, 'rule',
    { rule: 'MTG-8', fields: [{ field: 'agenda_item_id', code: 'rule' }] });
  expectProblem(await admin.post(`/api/v1/agenda-items/${executive.item}/annulments`, { agenda_item_id: supreme.item }), 422, 'rule', { rule: 'MTG-8' });
  assert.equal((await itemOf(supreme)).annulled_by, undefined, 'the General Meeting decision stands');
  // Nor does the executive annul its own decisions this way (only the General Meeting does).
  const other = await decide(w, w.gov);
  expectProblem(await admin.post(`/api/v1/agenda-items/${executive.item}/annulments`, { agenda_item_id: other.item }), 422, 'rule', { rule: 'MTG-8' });
  assert.equal((await itemOf(other)).annulled_by, undefined);
});

test(`[${BACKEND}] MTG-8: only by an adopted decision, only an adopted decision, only of its own executive`, { skip }, async () => {
  const executive = await decide(w, w.gov);
  const rejected = await decide(w, w.gm, 'no');
  expectProblem(await admin.post(`/api/v1/agenda-items/${rejected.item}/annulments`, { agenda_item_id: executive.item }), 422, 'rule', { rule: 'MTG-8' });
  const supreme = await decide(w, w.gm);
  const failed = await decide(w, w.gov, 'no');
  expectProblem(await admin.post(`/api/v1/agenda-items/${supreme.item}/annulments`, { agenda_item_id: failed.item }), 422, 'rule', { rule: 'MTG-8' });
  const elsewhere = await government();
  const foreign = await decide(elsewhere, elsewhere.gov);
  expectProblem(await admin.post(`/api/v1/agenda-items/${supreme.item}/annulments`, { agenda_item_id: foreign.item }), 422, 'rule',
    { rule: 'MTG-8', fields: [{ field: 'agenda_item_id', code: 'rule' }] });
  assert.equal((await itemOf(executive)).annulled_by, undefined);
  assert.equal((await itemOf(foreign)).annulled_by, undefined);
  // A member who is no officer of the General Meeting may not (the policy: its officers and managers).
  const student = await signIn('student');
  expectProblem(await student.post(`/api/v1/agenda-items/${supreme.item}/annulments`, { agenda_item_id: executive.item }), 403, 'forbidden');
});
