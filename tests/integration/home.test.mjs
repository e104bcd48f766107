// Home pages that lead: the "needs you" list gathers from every module and shows an entry only
// to the people whose policy allows the action; a student's overview is for the student, their
// parents, curator and administration, each section by its own policy; the setup checklist ticks
// itself from what exists. Each test works in an institution of its own.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND, signIn, expectJson, expectProblem, createUser, createPerson, cyrTag, cap, studentNumber,
} from './lib/client.mjs';
import { newInstitution } from './lib/institution.mjs';

// Today in Almaty, as the server counts days (GEN-2).
const TODAY = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);

async function school() {
  const sys = await signIn('sysadmin');
  return newInstitution(sys);
}

async function student(admin, tag, name, extra = {}) {
  const person = await createPerson(admin, { surname: `${tag}${cap(cyrTag(4))}`, name, student: { student_number: studentNumber(), course: 2, status: 'studying' }, ...extra });
  const user = await createUser(admin, { roles: ['student'], person_id: person.id });
  const client = await signIn(user.login, { password: user.password });
  return { person, user, client };
}

async function needs(client) {
  return expectJson(await client.get('/api/v1/me/needs'), 200, 'needs').items;
}

const kinds = (items) => items.map((n) => n.kind).sort();

// A council with a chair and two members, and a student who is in no body.
async function council(admin, tag, { template = 'club' } = {}) {
  const chair = await student(admin, tag, 'Төраға');
  const a = await student(admin, tag, 'Мүше');
  const b = await student(admin, tag, 'Екінші');
  const outsider = await student(admin, tag, 'Бөгде');
  const body = expectJson(await admin.post('/api/v1/bodies', { template, name: `Кеңес ${tag}` }), 201, 'body');
  for (const [p, position] of [[chair, 'chair'], [a, 'member'], [b, 'member']])
    expectJson(await admin.post(`/api/v1/bodies/${body.id}/members`, { person_id: p.person.id, position, starts_on: TODAY, accepted_regulation: true, ex_officio: true }), 201, 'seat');
  return { body, chair, a, b, outsider };
}

test(`[${BACKEND}] needs you: a session, an open vote and a protocol to sign wait for the members, and go once done`, async () => {
  const { admin, tag } = await school();
  const c = await council(admin, tag);
  assert.deepEqual(await needs(c.a.client), [], 'nothing before the session is convened');

  const meeting = expectJson(await admin.post(`/api/v1/bodies/${c.body.id}/meetings`, { held_on: TODAY, starts_at: '00:00', place: '101', convened_by: c.chair.person.id }), 201, 'convene');
  const session = (await needs(c.a.client)).find((n) => n.kind === 'session');
  assert.ok(session, 'the member is told of the session');
  assert.equal(session.link, `/meetings/${meeting.id}`);
  assert.equal(session.params.body, `Кеңес ${tag}`);
  assert.equal(session.params.date, TODAY);
  assert.deepEqual(await needs(c.outsider.client), [], 'a student in no body is told nothing');

  for (const p of [c.chair, c.a, c.b]) expectJson(await admin.put(`/api/v1/meetings/${meeting.id}/attendance`, { person_id: p.person.id, present: true }), 200, 'present');
  const item = expectJson(await admin.post(`/api/v1/meetings/${meeting.id}/items`, { kind: 'other', title: `Сұрақ ${tag}`, motion: 'Қабылдау' }), 200, 'item').items.at(-1);
  expectJson(await admin.post(`/api/v1/agenda-items/${item.id}/vote/open`, {}), 200, 'open');
  const vote = (await needs(c.a.client)).find((n) => n.kind === 'vote');
  assert.ok(vote, 'the vote waits for the member');
  assert.equal(vote.params.title, `Сұрақ ${tag}`);
  assert.deepEqual(kinds(await needs(c.outsider.client)), [], 'not for the outsider');

  expectJson(await c.a.client.post(`/api/v1/agenda-items/${item.id}/votes`, { choice: 'yes' }), 200, 'vote');
  assert.ok(!(await needs(c.a.client)).some((n) => n.kind === 'vote'), 'gone once the member voted (MTG-5)');
  assert.ok((await needs(c.b.client)).some((n) => n.kind === 'vote'), 'still there for the member who has not');

  expectJson(await admin.post(`/api/v1/agenda-items/${item.id}/vote/close`, {}), 200, 'close vote');
  expectJson(await admin.post(`/api/v1/meetings/${meeting.id}/close`, {}), 201, 'close session: the protocol drafted');
  for (const p of [c.a, c.b]) {
    const sign = (await needs(p.client)).find((n) => n.kind === 'signature');
    assert.ok(sign, 'the protocol waits for the signature of each member present (MTG-7)');
    assert.equal(sign.link, `/meetings/${meeting.id}#protocol`);
  }
  expectJson(await c.a.client.post(`/api/v1/meetings/${meeting.id}/protocol/sign`, {}), 200, 'sign');
  assert.ok(!(await needs(c.a.client)).some((n) => n.kind === 'signature'), 'gone once signed');
  assert.ok((await needs(c.b.client)).some((n) => n.kind === 'signature'), 'still waits for the other member');
  assert.deepEqual(await needs(c.outsider.client), []);
});

test(`[${BACKEND}] needs you: a confidential commission's session is listed for its members only, and the officers see candidacies to consider`, async () => {
  const { admin, tag } = await school();
  const c = await council(admin, tag, { template: 'disciplinary_committee' });
  expectJson(await admin.post(`/api/v1/bodies/${c.body.id}/meetings`, { held_on: TODAY, starts_at: '00:00', place: '7', convened_by: c.chair.person.id }), 201, 'convene');
  assert.ok((await needs(c.b.client)).some((n) => n.kind === 'session'), 'the member');
  assert.ok(!(await needs(c.outsider.client)).some((n) => n.kind === 'session'), 'not the outsider');

  const gov = await council(admin, `${tag}Б`, { template: 'student_government' });
  const proposed = await admin.post(`/api/v1/bodies/${gov.body.id}/candidates`, { person_id: gov.outsider.person.id, position: 'member', note: 'ұсыныс' });
  if (proposed.status === 201) {
    const entry = (await needs(gov.chair.client)).find((n) => n.kind === 'membership_candidates');
    assert.ok(entry, 'the chair is asked to put the candidacy before the council (ORG-6)');
    assert.equal(entry.params.count, 1);
    assert.ok(!(await needs(gov.outsider.client)).some((n) => n.kind === 'membership_candidates'), 'not the candidate');
  } else {
    assert.equal(proposed.status, 422, `candidacy refused only by a rule: ${proposed.text}`);
  }
});

test(`[${BACKEND}] a student's overview: the student, their parent, the administration; others refused; sessions for the student only`, async () => {
  const { admin, tag } = await school();
  const c = await council(admin, tag);
  expectJson(await admin.post(`/api/v1/bodies/${c.body.id}/meetings`, { held_on: TODAY, starts_at: '00:00', place: '101', convened_by: c.chair.person.id }), 201, 'convene');
  const mother = await createPerson(admin, { surname: `${tag}Ана`, name: 'Ана' });
  expectJson(await admin.post(`/api/v1/people/${c.a.person.id}/representatives`, { representative_id: mother.id, kind: 'mother' }), 201, 'link');
  const parentUser = await createUser(admin, { roles: ['legal_representative'], person_id: mother.id });
  const parent = await signIn(parentUser.login, { password: parentUser.password });

  const own = expectJson(await c.a.client.get(`/api/v1/people/${c.a.person.id}/overview`), 200, 'own');
  assert.deepEqual(own.sections.sort(), ['attendance', 'awards', 'bodies', 'candidacies', 'discipline', 'events', 'hostel', 'nominations', 'sessions']);
  assert.equal(own.bodies.seats.length, 1);
  assert.equal(own.bodies.seats[0].body, `Кеңес ${tag}`);
  assert.equal(own.bodies.seats[0].position, 'member');
  assert.equal(own.sessions.length, 1, 'the session ahead');

  const child = expectJson(await parent.get(`/api/v1/people/${c.a.person.id}/overview`), 200, 'as parent');
  assert.deepEqual(child.sections.sort(), ['attendance', 'awards', 'bodies', 'candidacies', 'discipline', 'events', 'hostel'], 'the parent sees attendance, awards, seats, events, public candidacies, the discipline record and hostel applications');
  assert.equal(child.discipline.penalty_in_force, false);
  assert.equal(child.bodies.seats[0].position, 'member');
  assert.equal(child.sessions, undefined, 'not the session schedule');
  assert.equal(child.nominations, undefined, 'not the nominations still under review');

  expectJson(await admin.get(`/api/v1/people/${c.a.person.id}/overview`), 200, 'administration');
  expectProblem(await parent.get(`/api/v1/people/${c.b.person.id}/overview`), 403, 'forbidden');
  expectProblem(await c.outsider.client.get(`/api/v1/people/${c.a.person.id}/overview`), 403, 'forbidden');
  // Another school's student is not found from here (nothing says the id exists).
  const other = await signIn('admin');
  expectProblem(await other.get(`/api/v1/people/${c.a.person.id}/overview`), 404, 'not_found');
});

test(`[${BACKEND}] the setup checklist ticks itself as the institution is set up; only its administration sees it`, async () => {
  const { admin, tag } = await school();
  const first = expectJson(await admin.get('/api/v1/setup'), 200, 'setup');
  assert.deepEqual(first.steps.map((s) => s.key), ['institution', 'structure', 'roster', 'accounts', 'bodies', 'staffed', 'first_session']);
  assert.equal(first.done, 0);
  assert.ok(first.steps.every((s) => s.link.startsWith('/')));

  expectJson(await admin.post('/api/v1/groups', { name: `Г-${tag}`, course: 1 }), 201, 'group');
  const c = await council(admin, tag);
  const after = expectJson(await admin.get('/api/v1/setup'), 200, 'setup');
  const done = Object.fromEntries(after.steps.map((s) => [s.key, s.done]));
  assert.deepEqual(done, { institution: false, structure: true, roster: true, accounts: true, bodies: true, staffed: true, first_session: false });

  expectJson(await admin.post(`/api/v1/bodies/${c.body.id}/meetings`, { held_on: TODAY, starts_at: '00:00', place: '1', convened_by: c.chair.person.id }), 201, 'convene');
  assert.equal(expectJson(await admin.get('/api/v1/setup'), 200, 'setup').steps.find((s) => s.key === 'first_session').done, true);
  expectProblem(await c.a.client.get('/api/v1/setup'), 403, 'forbidden');
});
