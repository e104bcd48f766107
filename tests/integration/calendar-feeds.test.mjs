// Calendar feeds that calendar apps can subscribe to: UIDs unique across institutions, DTSTAMP
// and LAST-MODIFIED the time of the last change with SEQUENCE counting changes (RFC 5545 3.8.7),
// and a per-person secret feed URL (its own token scope, read-only, revocable) for apps that
// cannot send a cookie. Every feed is parsed by python icalendar (lib/validators.mjs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { BACKEND, Client, signIn, expectJson, expectProblem, createPerson, createUser, cyrTag, cap, uniq } from './lib/client.mjs';
import { newInstitution } from './lib/institution.mjs';
import { checkIcs, missingTools } from './lib/validators.mjs';

const TODAY = new Date().toISOString().slice(0, 10);
const skip = missingTools().includes('python3-icalendar') ? 'python3-icalendar missing (scripts/install-deps)' : false;
const unfold = (text) => text.replace(/\r\n[ \t]/g, '');

function vevent(ics, uid) {
  return unfold(ics).split('BEGIN:VEVENT\r\n').slice(1).find((b) => b.includes(`UID:${uid}\r\n`));
}
const prop = (block, name) => new RegExp(`^${name}(;[^:]*)?:(.*)$`, 'm').exec(block)?.[2].trim();

test(`[${BACKEND}] event UIDs carry the institution, so two schools' feeds never collide`, { skip }, async () => {
  const sys = await signIn('sysadmin');
  const uids = [];
  for (const { admin } of [{ admin: await signIn('admin') }, await newInstitution(sys)]) {
    const me = expectJson(await admin.get('/api/v1/me'), 200, 'me');
    const body = expectJson(await admin.post('/api/v1/bodies', { template: 'club', name: `Клуб ${uniq()}` }), 201, 'club');
    const event = expectJson(await admin.post('/api/v1/events', { organiser_body_id: body.id, direction: 'cultural', title: `Кеш ${uniq()}`, held_on: TODAY, place: 'Зал', public: true }), 201, 'event');
    const res = await new Client().get(`/api/v1/public/institutions/${me.user.institution.id}/events.ics`);
    assert.equal(res.status, 200);
    assert.deepEqual(checkIcs(res.bytes).problems, []);
    const uid = `event-${event.id}@institution-${me.user.institution.id}.kenes`;
    assert.ok(vevent(res.text, uid), `UID ${uid} in ${res.text.slice(0, 800)}`);
    uids.push(uid);
  }
  assert.notEqual(uids[0].split('@')[1], uids[1].split('@')[1]);
});

test(`[${BACKEND}] DTSTAMP and LAST-MODIFIED are the event's last change, SEQUENCE rises with each change`, { skip }, async () => {
  const admin = await signIn('admin');
  const me = expectJson(await admin.get('/api/v1/me'), 200, 'me');
  const inst = me.user.institution.id;
  const body = expectJson(await admin.post('/api/v1/bodies', { template: 'club', name: `Клуб ${uniq()}` }), 201, 'club');
  const event = expectJson(await admin.post('/api/v1/events', { organiser_body_id: body.id, direction: 'cultural', title: `Кеш ${uniq()}`, held_on: '2099-05-05', place: 'Зал', public: true }), 201, 'event');
  const uid = `event-${event.id}@institution-${inst}.kenes`;
  const feed = async () => {
    const res = await new Client().get(`/api/v1/public/institutions/${inst}/events.ics`);
    assert.equal(res.status, 200);
    const { problems, events } = checkIcs(res.bytes);
    assert.deepEqual(problems, []);
    const block = vevent(res.text, uid);
    assert.ok(block, uid);
    return { block, parsed: events.find((e) => e.uid === uid) };
  };
  const first = await feed();
  assert.ok(prop(first.block, 'LAST-MODIFIED'), `LAST-MODIFIED in ${first.block}`);
  assert.equal(prop(first.block, 'DTSTAMP'), prop(first.block, 'LAST-MODIFIED'), 'DTSTAMP is the last change, not the time of the download');
  assert.equal(Number(prop(first.block, 'SEQUENCE') ?? 0), 0);
  const again = await feed();
  assert.equal(again.block, first.block, 'an unchanged event reads the same in every download');

  expectJson(await admin.patch(`/api/v1/events/${event.id}`, { place: 'Спорт залы' }), 200, 'moved');
  const moved = await feed();
  assert.equal(Number(prop(moved.block, 'SEQUENCE')), 1);
  assert.ok(prop(moved.block, 'LAST-MODIFIED') >= prop(first.block, 'LAST-MODIFIED'));
  assert.equal(prop(moved.block, 'DTSTAMP'), prop(moved.block, 'LAST-MODIFIED'));
  expectJson(await admin.patch(`/api/v1/events/${event.id}`, { place: 'Акт залы' }), 200, 'moved again');
  assert.equal(Number(prop((await feed()).block, 'SEQUENCE')), 2);
});

test(`[${BACKEND}] a secret feed URL: the member's sessions without a cookie, read-only, replaced and revoked by its owner`, { skip }, async () => {
  const admin = await signIn('admin');
  const tag = cap(cyrTag(5));
  const person = await createPerson(admin, { surname: cap(cyrTag()), name: `Мүше${tag}` });
  const account = await createUser(admin, { roles: ['student'], person_id: person.id });
  const member = await signIn(account.login, { password: account.password });
  const body = expectJson(await admin.post('/api/v1/bodies', { template: 'club', name: `Клуб ${tag} ${uniq()}` }), 201, 'club');
  expectJson(await admin.post(`/api/v1/bodies/${body.id}/members`, { person_id: person.id, position: 'chair', starts_on: TODAY, accepted_regulation: true }), 201, 'chair');
  const meeting = expectJson(await admin.post(`/api/v1/bodies/${body.id}/meetings`, { held_on: TODAY, starts_at: '16:45', place: 'Кітапхана', convened_by: person.id }), 201, 'meeting');
  const uid = `meeting-${meeting.id}@institution-${member.user.institution.id}.kenes`;

  assert.deepEqual(expectJson(await member.get('/api/v1/me/calendar-feed'), 200, 'none yet'), { active: false, created_at: null });
  expectProblem(await member.delete('/api/v1/me/calendar-feed'), 404, 'not_found');
  const made = expectJson(await member.post('/api/v1/me/calendar-feed', {}), 201, 'feed');
  assert.equal(made.active, true);
  const path = new URL(made.url).pathname;
  assert.match(path, /^\/api\/v1\/public\/calendar-feeds\/kenes_\d+_[^/]+\/sessions\.ics$/);
  assert.equal(expectJson(await member.get('/api/v1/me/calendar-feed'), 200, 'active').active, true);

  const anon = new Client();
  const res = await anon.get(path);
  assert.equal(res.status, 200, res.describe());
  assert.match(res.contentType, /^text\/calendar/);
  assert.match(String(res.header('cache-control')), /no-store/);
  const { problems, events } = checkIcs(res.bytes);
  assert.deepEqual(problems, []);
  assert.ok(events.some((e) => e.uid === uid), `the member's session in ${res.text.slice(0, 600)}`);

  // The token opens the feed and nothing else: not a bearer token.
  const token = decodeURIComponent(path.split('/')[5]);
  const bearer = new Client();
  bearer.bearer = token;
  expectProblem(await bearer.get('/api/v1/me'), 401, 'unauthenticated');
  expectProblem(await bearer.get('/api/v1/me/calendar.ics'), 401, 'unauthenticated');

  // A new URL replaces the old one; revoking ends it.
  const replaced = expectJson(await member.post('/api/v1/me/calendar-feed', {}), 201, 'replaced');
  const path2 = new URL(replaced.url).pathname;
  assert.notEqual(path2, path);
  expectProblem(await anon.get(path), 404, 'not_found');
  assert.equal((await anon.get(path2)).status, 200);
  assert.equal((await member.delete('/api/v1/me/calendar-feed')).status, 204);
  expectProblem(await anon.get(path2), 404, 'not_found');
  assert.equal(expectJson(await member.get('/api/v1/me/calendar-feed'), 200, 'revoked').active, false);
  expectProblem(await anon.get('/api/v1/public/calendar-feeds/kenes_1_nothing/sessions.ics'), 404, 'not_found');
});
