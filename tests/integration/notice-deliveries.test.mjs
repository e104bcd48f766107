// A person's delivery record (issue 9, for REP-1): which notices were sent to them, whether the
// mail went out or failed and why, and when they read each. The administration and the curator of
// the person's group see it; the parent, other students and other teachers do not; another
// institution does not even learn that the person exists. Each reading is audited (GEN-3), and
// only each notice's title is shown, never what a confidential commission keeps to itself.
// A server of its own (lib/clock-server.mjs) mails to the suite's SMTP sink, so the test moves its
// clock past the invitation's two minutes and the retries of a refused address instead of waiting.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND, KENES_BIN, KENES_DB, auditEntries, auditHead, auditSince, cap, createPerson, createUser, cyrTag, expectJson, expectProblem, sameId, signIn,
  studentNumber, uniq,
} from './lib/client.mjs';
import { startClockServer } from './lib/clock-server.mjs';
import { mailsTo, until } from './lib/mail-sink.mjs';
import { newInstitution } from './lib/institution.mjs';

const SINK = process.env.KENES_SMTP_SINK;
const RELAY = process.env.KENES_SMTP_RELAY;
const skip = KENES_BIN && KENES_DB && SINK && RELAY ? false : 'needs KENES_BIN, KENES_DB, KENES_SMTP_SINK and KENES_SMTP_RELAY (tests/run-integration.sh)';
const TODAY = new Date().toISOString().slice(0, 10);
const inDays = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);

let server;
let admin;
let w;   // the world of the tests: a group, its curator, a student with family, a body

before(async () => {
  if (skip) return;
  server = await startClockServer({ env: { KENES_SMTP_URL: RELAY, KENES_PUBLIC_URL: 'http://kenes.test' } });
  admin = await signIn('admin', { base: server.base, lang: 'kk' });
  w = await world();
});

after(async () => {
  await server?.stop();
});

/** The session invitations among them: the mails with an iCalendar part. */
const invitationsTo = async (email) => (await mailsTo(email)).filter((m) => m.parts.some((p) => p.contentType.startsWith('text/calendar')));

/** A person (with an account in `roles` when given) of the test's institution. */
async function someone(tag, label, { roles = null, email = `delivery.${uniq()}@college.kz`.toLowerCase(), student = null } = {}) {
  const body = { surname: cap(cyrTag()), name: `${tag}${label}` };
  if (email) body.email = email;
  if (student) body.student = student;
  const person = await createPerson(admin, body);
  if (!roles) return { person, id: person.id, email };
  const u = await createUser(admin, { roles, person_id: person.id });
  const client = await signIn(u.login, { password: u.password, base: server.base, lang: 'kk' });
  return { person, id: person.id, email, client };
}

async function world() {
  const tag = cap(cyrTag(5));
  const curator = await someone(tag, 'curator', { roles: ['curator'] });
  const otherCurator = await someone(tag, 'othercurator', { roles: ['curator'] });
  const staff = await someone(tag, 'staff', { roles: ['staff'] });
  const group = expectJson(await admin.post('/api/v1/groups', { name: `Ж-${tag}`, course: 2, curator_person_id: curator.id }), 201, 'group');
  expectJson(await admin.post('/api/v1/groups', { name: `Б-${tag}`, course: 2, curator_person_id: otherCurator.id }), 201, 'other group');
  const studying = () => ({ student_number: studentNumber(), course: 2, status: 'studying', group_id: group.id });
  const student = await someone(tag, 'student', { roles: ['student'], student: studying() });
  const classmate = await someone(tag, 'classmate', { roles: ['student'], student: studying() });
  const parent = await someone(tag, 'parent', { roles: ['legal_representative'] });
  expectJson(await admin.post(`/api/v1/people/${student.id}/representatives`, { representative_id: parent.id, kind: 'father' }), 201, 'representative');
  // No address: nothing can be mailed. A refused address: every attempt fails, with its reason.
  const unreachable = await someone(tag, 'nomail', { email: null, student: studying() });
  const refused = await someone(tag, 'refused', { email: `bad;box.${uniq()}@college.kz`, student: studying() });

  const body = expectJson(await admin.post('/api/v1/bodies', { template: 'club', name: `Үйірме ${tag}` }), 201, 'club');
  for (const [who, position] of [[student, 'chair'], [unreachable, 'member'], [refused, 'member']]) {
    expectJson(await admin.post(`/api/v1/bodies/${body.id}/members`, { person_id: who.id, position, starts_on: TODAY, accepted_regulation: true }), 201, 'member');
  }
  return { tag, curator, otherCurator, staff, group, student, classmate, parent, unreachable, refused, body };
}

const deliveriesPath = (who, query = '') => `/api/v1/people/${who.id}/notice-deliveries${query}`;

async function deliveries(client, who, query = '?limit=200') {
  return expectJson(await client.get(deliveriesPath(who, query)), 200, 'notice deliveries');
}

async function deliveryOf(client, who, kind, predicate = () => true) {
  return (await deliveries(client, who)).items.find((d) => d.kind === kind && predicate(d));
}

test(`[${BACKEND}] the administration sees a session invitation sent, then read; nothing but its title (REP-1, GEN-3)`, { skip }, async () => {
  server.set('');
  const heldOn = inDays(6);
  const place = `Кабинет ${uniq()}`;
  const meeting = expectJson(await admin.post(`/api/v1/bodies/${w.body.id}/meetings`,
    { held_on: heldOn, starts_at: '14:30', place, convened_by: w.student.id }), 201, 'convene');
  const isOurs = (d) => d.title.includes(w.body.name);

  const waiting = await deliveryOf(admin, w.student, 'meeting_convened', isOurs);
  assert.ok(waiting, 'the invitation is listed as soon as it exists');
  assert.equal(waiting.delivery.mail_status, 'pending', 'the invitation waits two minutes for the agenda');
  assert.equal(waiting.delivery.read_at, null);

  // The mailing server past the two minutes: the sink gets the invitation, the record says sent.
  server.set(Date.now() + 3 * 60e3);
  const [mail] = await until('the student\'s invitation', async () => { const m = await invitationsTo(w.student.email); return m.length && m; });
  const sent = await until('the invitation recorded as sent', async () => {
    const d = await deliveryOf(admin, w.student, 'meeting_convened', isOurs);
    return d?.delivery.mail_status === 'sent' && d;
  });
  assert.ok(sent.delivery.mailed_at, 'when it was mailed');
  assert.equal(sent.delivery.mail_error, null);
  assert.equal(sent.title, mail.subject, 'the title is the subject the student received (both in Kazakh)');
  assert.equal(sent.created_at.length, 25, 'an Almaty time with its offset');
  // The title only: not the sentence with the place, not the parameters, not the link.
  assert.deepEqual(Object.keys(sent).sort(), ['created_at', 'delivery', 'id', 'kind', 'title']);
  assert.ok(!JSON.stringify(sent).includes(place), 'the place is in the notice, not in its title');

  // The student reads it: the record says when.
  const [mine] = expectJson(await w.student.client.get('/api/v1/me/notifications?limit=200'), 200, 'own notices').items
    .filter((n) => n.kind === 'meeting_convened' && sameId(n.params.meeting_id, meeting.id));
  assert.ok(sameId(mine.id, sent.id), 'the same notice the student has');
  const readBefore = Date.now();
  assert.equal((await w.student.client.post(`/api/v1/me/notifications/${mine.id}/read`, {})).status, 204);
  const read = await deliveryOf(admin, w.student, 'meeting_convened', (d) => sameId(d.id, sent.id));
  assert.ok(read.delivery.read_at, 'read');
  assert.ok(Date.parse(read.delivery.read_at) >= Date.parse(sent.delivery.mailed_at), 'read after it was mailed (the clock was moved on)');
  assert.ok(Date.parse(read.delivery.read_at) >= readBefore - 1000);
  assert.equal(read.delivery.mail_status, 'sent', 'still sent');
  server.set('');
});

test(`[${BACKEND}] a person without an address is shown as such; a refused address as failed with its reason`, { skip }, async () => {
  server.set('');
  expectJson(await admin.post(`/api/v1/bodies/${w.body.id}/meetings`,
    { held_on: inDays(8), starts_at: '10:00', place: '101', convened_by: w.student.id }), 201, 'convene');
  const ours = (d) => d.kind === 'meeting_convened' && d.title.includes(w.body.name);
  // Nothing will ever be mailed without an address: not shown as "waiting".
  const none = (await deliveries(admin, w.unreachable)).items.filter(ours);
  assert.equal(none.length, 2, 'both invitations');
  for (const d of none) {
    assert.equal(d.delivery.mail_status, 'no_address');
    assert.equal(d.delivery.mailed_at, null);
  }

  // The relay refuses the address each time; the clock moves past each retry's wait until the
  // fifth attempt, which is the last. An attempt is counted when the mail is claimed, and finished
  // when the relay's refusal is recorded (audited as notification.mail_failed with its attempt's
  // number): the clock moves on only after that, or the next retry's wait would be counted from the
  // moved clock and the next attempt would never come. The record still shows the previous
  // attempt's reason while an attempt runs, so the reason alone does not say it has finished.
  const newest = async () => (await deliveries(admin, w.refused)).items.filter(ours)[0];
  const id = (await newest()).id;
  const finished = async (attempt) => (await auditEntries(admin, { action: 'notification.mail_failed', entity: 'notification', entity_id: String(id) }, 1))
    .find((e) => e.after?.attempts === attempt);
  for (let attempt = 1; attempt <= 5; attempt++) {
    server.set(Date.now() + 3 * 60e3 + (attempt - 1) * 3600e3);
    const entry = await until(`attempt ${attempt} finished`, () => finished(attempt), 150);   // the relay's refusal took over a minute on a busy machine
    assert.equal(entry.after.final, attempt === 5, 'only the fifth attempt is the last');
    const d = await newest();
    assert.equal(d.delivery.mail_attempts, attempt);
    assert.equal(d.delivery.mail_error, 'the address was refused', 'the reason of each failed attempt');
    assert.equal(d.delivery.mail_status, attempt < 5 ? 'pending' : 'failed', attempt < 5 ? 'retried later' : 'failed after the last');
  }
  const failed = await newest();
  assert.equal(failed.delivery.mail_error, 'the address was refused');
  assert.equal(failed.delivery.mail_attempts, 5);
  assert.equal(failed.delivery.mailed_at, null);
  server.set('');
});

test(`[${BACKEND}] the curator of the group sees the record; the parent, a classmate, other staff and the person do not; another institution gets 404`, { skip }, async () => {
  const byAdmin = await deliveries(admin, w.student);
  const byCurator = await deliveries(w.curator.client, w.student);
  assert.ok(byCurator.items.length > 0, 'the curator sees the notices');
  assert.deepEqual(byCurator.items.map((d) => d.id), byAdmin.items.map((d) => d.id), 'the same record as the administration');
  // The curator also sees it for the parent of a student of the group (the family, REP-1).
  expectJson(await w.curator.client.get(deliveriesPath(w.parent)), 200, 'curator: the parent of a student of the group');
  for (const [label, who] of [['the parent', w.parent], ['a classmate', w.classmate], ['a staff member', w.staff],
    ['the curator of another group', w.otherCurator], ['the person themselves', w.student]]) {
    expectProblem(await who.client.get(deliveriesPath(w.student)), 403, 'forbidden', { what: label });
  }
  const sys = await signIn('sysadmin');
  const other = await newInstitution(sys);
  expectProblem(await other.admin.get(deliveriesPath(w.student)), 404, 'not_found', { what: 'another institution' });
  expectProblem(await admin.get('/api/v1/people/999999999/notice-deliveries'), 404, 'not_found', { what: 'no such person' });
});

test(`[${BACKEND}] newest first, paged; bad paging is refused with the field; every reading is audited (GEN-3)`, { skip }, async () => {
  const head = await auditHead(admin);
  const all = await deliveries(admin, w.student);
  assert.ok(all.total >= 2 && all.items.length === all.total, `${all.total} notices`);
  for (let i = 1; i < all.items.length; i++) {
    const [newer, older] = [all.items[i - 1], all.items[i]];
    assert.ok(newer.created_at > older.created_at || (newer.created_at === older.created_at && Number(newer.id) > Number(older.id)), 'newest first');
  }
  const second = await deliveries(admin, w.student, '?limit=1&offset=1');
  assert.equal(second.items.length, 1);
  assert.ok(sameId(second.items[0].id, all.items[1].id), 'the second page starts where the first ends');
  assert.equal(second.total, all.total);
  for (const q of ['?limit=abc', '?limit=0', '?offset=-1']) {
    const p = expectProblem(await admin.get(deliveriesPath(w.student, q)), 422, 'validation', { what: q, lang: 'kk' });
    assert.ok(p.errors?.some((e) => q.includes(e.field)), `${q}: ${JSON.stringify(p.errors)}`);
  }
  expectProblem(await admin.get('/api/v1/people/abc/notice-deliveries'), 404, 'not_found');
  await deliveries(w.curator.client, w.student);
  expectProblem(await w.parent.client.get(deliveriesPath(w.student)), 403, 'forbidden');

  const reads = (await auditSince(admin, head, { action: 'person.read_notice_deliveries' })).filter((e) => sameId(e.entity_id, w.student.id));
  assert.equal(reads.length, 3, `the administration twice and the curator once: ${JSON.stringify(reads.map((e) => e.actor_login))}`);
  assert.ok(reads.every((e) => e.entity === 'person'));
  assert.equal(new Set(reads.map((e) => e.actor_login)).size, 2, 'who read it');
});

test(`[${BACKEND}] a confidential commission's case stays out of the record (GEN-3)`, { skip }, async () => {
  const committee = expectJson(await admin.post('/api/v1/bodies', { template: 'disciplinary_committee', name: `Тәртіп ${w.tag}` }), 201, 'committee');
  for (const [who, position] of [[w.curator, 'chair'], [w.student, 'member']]) {
    expectJson(await admin.post(`/api/v1/bodies/${committee.id}/members`, { person_id: who.id, position, starts_on: TODAY, accepted_regulation: true }), 201, 'member');
  }
  const meeting = expectJson(await admin.post(`/api/v1/bodies/${committee.id}/meetings`,
    { held_on: inDays(4), starts_at: '16:00', place: '204', convened_by: w.curator.id }), 201, 'convene');
  const secret = `Іс ${w.tag} ${uniq()}`;
  expectJson(await admin.post(`/api/v1/meetings/${meeting.id}/items`, { kind: 'discipline_case', title: secret, motion: 'Ескерту' }), 200, 'item');
  const record = await deliveries(admin, w.student);
  assert.ok(record.items.some((d) => d.kind === 'meeting_convened' && d.title.includes(committee.name)), 'the invitation is listed by its title');
  assert.ok(!JSON.stringify(record).includes(secret), 'the case is named nowhere');
});
