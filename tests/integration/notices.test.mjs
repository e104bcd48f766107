// Notices (issue "Notices"): each kind reaches exactly the people it concerns, in the app and by
// e-mail in each person's language; the session invitation carries the agenda and an iCalendar
// file; a person's settings stop the mail, not the notice; the hourly digest; reminders for
// protocols unsigned after 24 h and 72 h (MTG-7); reading is recorded; bad input changes nothing.
// A server of its own (lib/clock-server.mjs) mails to the suite's SMTP sink, so a test can move its
// clock past the invitation's two minutes or the digest's hour instead of waiting.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKEND, KENES_BIN, KENES_DB, cap, createPerson, createUser, cyrTag, expectJson, expectProblem, signIn, uniq } from './lib/client.mjs';
import { startClockServer } from './lib/clock-server.mjs';
import { mailsTo, until } from './lib/mail-sink.mjs';

const SINK = process.env.KENES_SMTP_SINK;
const RELAY = process.env.KENES_SMTP_RELAY;
const skip = KENES_BIN && KENES_DB && SINK && RELAY ? false : 'needs KENES_BIN, KENES_DB, KENES_SMTP_SINK and KENES_SMTP_RELAY (tests/run-integration.sh)';
const TODAY = new Date().toISOString().slice(0, 10);
const inDays = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);

let server;
let admin;

before(async () => {
  if (skip) return;
  server = await startClockServer({ env: { KENES_SMTP_URL: RELAY, KENES_PUBLIC_URL: 'http://kenes.test' } });
  admin = await signIn('admin', { base: server.base });
});

after(async () => {
  await server?.stop();
});

// A date in a notice as people write it ("6 декабря 2026 г.", "2026 жылғы 6 желтоқсан"), never ISO.
const readsDate = (message, iso) => {
  const [year, , day] = iso.split('-');
  return message.includes(year) && new RegExp(`(^|\\D)${Number(day)}(\\D|$)`).test(message) && !message.includes(iso);
};
/** The session invitations among them: the mails with an iCalendar part. */
const invitationsTo = async (email) => (await mailsTo(email)).filter((m) => m.parts.some((p) => p.contentType.startsWith('text/calendar')));

/** A person with an account, an e-mail address and an interface language. */
async function person(tag, i, lang) {
  const email = `notice.${uniq()}@college.kz`.toLowerCase();
  const p = await createPerson(admin, { surname: cap(cyrTag()), name: `${tag}${i}`, email });
  const u = await createUser(admin, { roles: ['student'], person_id: p.id });
  const client = await signIn(u.login, { password: u.password, base: server.base, lang });
  if (lang) expectJson(await client.patch('/api/v1/me', { locale: lang }), 200, 'locale');
  return { person: p, email, client, id: p.id };
}

async function seat(body, who, position = 'member', startsOn = TODAY) {
  return expectJson(await admin.post(`/api/v1/bodies/${body.id}/members`, { person_id: who.id, position, starts_on: startsOn, accepted_regulation: true }), 201, 'member');
}

async function notices(who, kind) {
  const list = expectJson(await who.client.get('/api/v1/me/notifications?limit=200'), 200, 'notices');
  return list.items.filter((n) => n.kind === kind);
}

/** Moves the test server's clock forward (its mail worker then sees the later time). */
function moveClock(ms) {
  server.set(Date.now() + ms);
}

function parseIcs(text) {
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  assert.ok(unfolded.startsWith('BEGIN:VCALENDAR\r\n') && unfolded.endsWith('END:VCALENDAR\r\n'), 'a whole calendar');
  const events = unfolded.split('BEGIN:VEVENT\r\n').slice(1).map((block) => Object.fromEntries(
    block.split('\r\n').filter((l) => l.includes(':') && l !== 'END:VEVENT').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)])));
  return events;
}

test(`[${BACKEND}] a session convened: its members are told in their languages, with date, place, agenda and an iCalendar invitation; nobody else`, { skip }, async () => {
  server.set('');
  const tag = cap(cyrTag(5));
  const body = expectJson(await admin.post('/api/v1/bodies', { template: 'club', name: `Үйірме ${tag}` }), 201, 'club');
  const chair = await person(tag, 'c', null);        // no language chosen: Kazakh
  const ru = await person(tag, 'r', 'ru');
  const en = await person(tag, 'e', 'en');
  const outsider = await person(tag, 'o', 'ru');
  for (const [who, position] of [[chair, 'chair'], [ru, 'member'], [en, 'member']]) await seat(body, who, position);
  // The English member wants session invitations only in the app.
  const settings = expectJson(await en.client.put('/api/v1/me/notification-settings', { kind: 'meeting_convened', mail: false }), 200, 'settings');
  assert.equal(settings.items.find((s) => s.kind === 'meeting_convened').mail, false);
  assert.equal(settings.items.find((s) => s.kind === 'vote_open').mail, true, 'the other kinds keep their default');

  const heldOn = inDays(9);
  const meeting = expectJson(await admin.post(`/api/v1/bodies/${body.id}/meetings`, { held_on: heldOn, starts_at: '15:30', place: 'Мәжіліс залы, 2-қабат', convened_by: chair.id }), 201, 'convene');
  const items = [`Жоспар ${tag}`, `Есеп ${tag}`];
  for (const title of items) expectJson(await admin.post(`/api/v1/meetings/${meeting.id}/items`, { kind: 'other', title, motion: 'Бекітілсін' }), 200, 'item');

  for (const who of [chair, ru, en]) {
    const mine = (await notices(who, 'meeting_convened')).filter((n) => n.params.meeting_id === meeting.id);
    assert.equal(mine.length, 1, 'one invitation per member');
    assert.equal(mine[0].link, `/meetings/${meeting.id}`, 'it leads to the session');
    assert.equal(mine[0].read, false);
  }
  assert.equal((await notices(outsider, 'meeting_convened')).filter((n) => n.params.meeting_id === meeting.id).length, 0, 'not a member: nothing');
  const [ruNotice] = (await notices(ru, 'meeting_convened')).filter((n) => n.params.meeting_id === meeting.id);
  assert.ok(ruNotice.message.includes('Созвано заседание') && readsDate(ruNotice.message, heldOn), ruNotice.message);
  // The invitation not mailed yet will list the agenda: no separate agenda notices for those waiting.
  assert.equal((await notices(chair, 'meeting_agenda')).filter((n) => n.params.meeting_id === meeting.id).length, 0);
  assert.equal((await notices(en, 'meeting_agenda')).filter((n) => n.params.meeting_id === meeting.id).length, 2, 'the member without mailed invitations is told of each item');
  const [enNotice] = (await notices(en, 'meeting_convened')).filter((n) => n.params.meeting_id === meeting.id);
  assert.equal(enNotice.delivery.mail_status, 'off', 'shown, not mailed');

  // The invitation waits two minutes for the agenda: move the mailing server past them.
  moveClock(3 * 60e3);
  const [kk] = await until('the chair\'s invitation', async () => { const m = await invitationsTo(chair.email); return m.length && m; });
  assert.ok(kk.subject.includes(body.name) && kk.subject.includes('отырысы'), kk.subject);
  assert.ok(kk.body.includes('шақырылды') && kk.body.includes('Мәжіліс залы, 2-қабат') && readsDate(kk.body.split('\n')[0], heldOn), kk.body);
  assert.ok(kk.body.includes(`1. ${items[0]}`) && kk.body.includes(`2. ${items[1]}`), 'the agenda titles');
  assert.ok(kk.body.includes(`http://kenes.test/meetings/${meeting.id}`), 'the link to the session');
  const ics = kk.parts.find((p) => p.contentType.startsWith('text/calendar'));
  assert.ok(ics && /filename="session-\d+\.ics"/.test(ics.disposition), 'an .ics attachment');
  const [event] = parseIcs(ics.body);
  assert.equal(event.UID, `meeting-${meeting.id}@institution-${admin.user.institution.id}.kenes`, 'unique across institutions');
  // At the session's start, Almaty time, for 90 minutes (MTG-1): not an all-day event.
  assert.equal(event['DTSTART;TZID=Asia/Almaty'], `${heldOn.replaceAll('-', '')}T153000`);
  assert.equal(event.DURATION, 'PT90M');
  assert.equal(event['DTSTART;VALUE=DATE'], undefined);
  assert.ok(ics.body.includes('BEGIN:VTIMEZONE\r\nTZID:Asia/Almaty\r\n'), 'the zone is defined');
  assert.equal(event.LOCATION, 'Мәжіліс залы\\, 2-қабат');
  assert.ok(event.SUMMARY.includes(body.name));
  const [ruMail] = await until('the Russian invitation', async () => { const m = await invitationsTo(ru.email); return m.length && m; });
  assert.ok(ruMail.subject.includes('заседание') && ruMail.body.includes('Созвано заседание') && ruMail.body.includes('Повестка дня:'), ruMail.body);
  const ruAfter = (await notices(ru, 'meeting_convened')).find((n) => n.params.meeting_id === meeting.id);
  assert.equal(ruAfter.delivery.mail_status, 'sent');
  assert.ok(ruAfter.delivery.mailed_at, 'when it was mailed');
  server.set('');
});

test(`[${BACKEND}] a confidential commission: only its members hear of the session, and no agenda item leaves the app (GEN-3)`, { skip }, async () => {
  server.set('');
  const tag = cap(cyrTag(5));
  const committee = expectJson(await admin.post('/api/v1/bodies', { template: 'disciplinary_committee', name: `Тәртіп ${tag}` }), 201, 'committee');
  const chair = await person(tag, 'c', 'kk');
  const member = await person(tag, 'm', 'ru');
  const outsider = await person(tag, 'o', 'kk');
  await seat(committee, chair, 'chair');
  await seat(committee, member);
  const meeting = expectJson(await admin.post(`/api/v1/bodies/${committee.id}/meetings`, { held_on: inDays(5), starts_at: '00:00', place: '204', convened_by: chair.id }), 201, 'convene');
  const secret = `Іс ${tag} ${uniq()}`;
  expectJson(await admin.post(`/api/v1/meetings/${meeting.id}/items`, { kind: 'discipline_case', title: secret, motion: 'Ескерту' }), 200, 'item');
  assert.equal((await notices(member, 'meeting_convened')).filter((n) => n.params.meeting_id === meeting.id).length, 1);
  assert.equal((await notices(outsider, 'meeting_convened')).filter((n) => n.params.meeting_id === meeting.id).length, 0, 'an outsider hears nothing');
  for (const who of [chair, member]) {
    const all = expectJson(await who.client.get('/api/v1/me/notifications?limit=200'), 200, 'all');
    assert.ok(!JSON.stringify(all).includes(secret), 'no notice names the case');
  }
  moveClock(3 * 60e3);
  const [mail] = await until('the member\'s invitation', async () => { const m = await invitationsTo(member.email); return m.length && m; });
  assert.ok(mail.body.includes('Повестка конфиденциальна'), mail.body);
  assert.ok(!mail.body.includes(secret) && !mail.parts.some((p) => p.body.includes(secret)), 'the case is in no part of the mail');
  server.set('');
});

test(`[${BACKEND}] votes, signatures, reminders after 24 h and 72 h, the final protocol: each to the right people, once (MTG-5, MTG-7)`, { skip }, async () => {
  server.set('');
  const tag = cap(cyrTag(5));
  const club = expectJson(await admin.post('/api/v1/bodies', { template: 'club', name: `Клуб ${tag}` }), 201, 'club');
  const [chair, a, b, absent] = [await person(tag, 'c', 'kk'), await person(tag, 'a', 'ru'), await person(tag, 'b', 'en'), await person(tag, 'x', 'kk')];
  for (const [who, position] of [[chair, 'chair'], [a, 'member'], [b, 'member'], [absent, 'member']]) await seat(club, who, position);
  const meeting = expectJson(await admin.post(`/api/v1/bodies/${club.id}/meetings`, { held_on: TODAY, starts_at: '00:00', place: 'Зал', convened_by: chair.id }), 201, 'convene');
  for (const who of [chair, a, b]) expectJson(await admin.put(`/api/v1/meetings/${meeting.id}/attendance`, { person_id: who.id, present: true }), 200, 'present');
  expectJson(await admin.put(`/api/v1/meetings/${meeting.id}/attendance`, { person_id: absent.id, present: false }), 200, 'absent');
  const withItems = expectJson(await admin.post(`/api/v1/meetings/${meeting.id}/items`, { kind: 'other', title: `Мәселе ${tag}`, motion: 'Бекітілсін', interested_person_ids: [b.id] }), 200, 'item');
  const item = withItems.items[0];
  expectJson(await admin.post(`/api/v1/agenda-items/${item.id}/vote/open`, {}), 200, 'open');
  // MTG-6: the interested member does not vote, the absent one cannot.
  for (const [who, told] of [[chair, 1], [a, 1], [b, 0], [absent, 0]]) {
    assert.equal((await notices(who, 'vote_open')).filter((n) => n.params.meeting_id === meeting.id).length, told, `vote notice for ${who.person.name}`);
  }
  expectJson(await chair.client.post(`/api/v1/agenda-items/${item.id}/votes`, { choice: 'yes' }), 200, 'vote');
  expectJson(await a.client.post(`/api/v1/agenda-items/${item.id}/votes`, { choice: 'yes' }), 200, 'vote');
  expectJson(await admin.post(`/api/v1/agenda-items/${item.id}/vote/close`, {}), 200, 'close vote');
  expectJson(await admin.post(`/api/v1/meetings/${meeting.id}/close`, {}), 201, 'close session');
  for (const [who, told] of [[chair, 1], [a, 1], [b, 1], [absent, 0]]) {
    const sign = (await notices(who, 'signature_needed')).filter((n) => n.params.meeting_id === meeting.id);
    assert.equal(sign.length, told, `signature notice for ${who.person.name}`);
    if (told) assert.equal(sign[0].link, `/meetings/${meeting.id}`);
  }
  expectJson(await chair.client.post(`/api/v1/meetings/${meeting.id}/protocol/sign`, {}), 200, 'the chair signs');

  // The reminders job on the protocol's clock: nothing before 24 h, then once each at 24 h and 72 h.
  const dir = mkdtempSync(join(tmpdir(), 'kenes-remind-'));
  const clockFile = join(dir, 'now');
  const remind = (hours) => {
    writeFileSync(clockFile, String(Date.now() + hours * 3600e3));
    execFileSync(KENES_BIN, ['jobs', 'run', 'signature-reminders', '--db', KENES_DB], { encoding: 'utf8', env: { ...process.env, KENES_CLOCK_FILE: clockFile, KENES_LOG_LEVEL: 'warn' } });
  };
  const reminders = async (who) => (await notices(who, 'signature_reminder')).filter((n) => n.params.meeting_id === meeting.id).map((n) => n.params.hours).sort();
  try {
    remind(23);
    assert.deepEqual(await reminders(a), [], 'not before 24 h');
    remind(25);
    remind(25);
    assert.deepEqual(await reminders(a), [24], 'once at 24 h');
    assert.deepEqual(await reminders(chair), [], 'the chair has signed');
    assert.deepEqual(await reminders(absent), [], 'the absent member does not sign');
    expectJson(await a.client.post(`/api/v1/meetings/${meeting.id}/protocol/sign`, {}), 200, 'a signs');
    remind(73);
    assert.deepEqual(await reminders(a), [24], 'no 72 h reminder after signing');
    assert.deepEqual(await reminders(b), [24, 72]);
    const [r72] = (await notices(b, 'signature_reminder')).filter((n) => n.params.hours === 72 && n.params.meeting_id === meeting.id);
    assert.ok(r72.message.includes('72') && r72.message.includes('MTG-7'), r72.message);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const final = expectJson(await b.client.post(`/api/v1/meetings/${meeting.id}/protocol/sign`, {}), 200, 'the last signature');
  assert.equal(final.status, 'final');
  for (const who of [chair, a, b, absent]) {
    assert.equal((await notices(who, 'protocol_final')).filter((n) => n.params.meeting_id === meeting.id).length, 1, 'every member hears the protocol is final');
  }
});

test(`[${BACKEND}] memberships and candidacies are told to the person; the hourly digest coalesces into one mail (ORG-5, ORG-6)`, { skip }, async () => {
  server.set('');
  const tag = cap(cyrTag(5));
  const who = await person(tag, 'p', 'kk');
  const bodies = [];
  for (let i = 0; i < 3; i++) bodies.push(expectJson(await admin.post('/api/v1/bodies', { template: 'club', name: `Клуб ${tag} ${i}` }), 201, 'club'));
  const first = await seat(bodies[0], who);
  await until('the first membership mail', async () => (await mailsTo(who.email)).length === 1);
  // Within the hour the next ones wait and then go out together.
  await seat(bodies[1], who);
  await seat(bodies[2], who);
  const added = await notices(who, 'membership_added');
  assert.equal(added.length, 3);
  assert.equal(added.find((n) => n.params.body_id === bodies[0].id).link, `/bodies/${bodies[0].id}`);
  moveClock(61 * 60e3);
  const mails = await until('the digest', async () => { const m = await mailsTo(who.email); return m.length === 2 && m; });
  const digest = mails.find((m) => m.body.includes(bodies[1].name));
  assert.ok(digest.subject.includes('2') && digest.body.includes(bodies[2].name), `${digest.subject}\n${digest.body}`);
  assert.ok(!mails[0].body.includes(bodies[1].name), 'the first mail had only the first');
  const later = await notices(who, 'membership_added');
  assert.ok(later.every((n) => n.delivery.mail_status === 'sent'));
  server.set('');

  // Leaving a body, and a candidacy proposed to a council.
  assert.equal((await admin.post(`/api/v1/bodies/${bodies[0].id}/members/${first.id}/end`, { reason: 'resigned', on: TODAY })).status, 204);
  const removed = await notices(who, 'membership_removed');
  assert.equal(removed.length, 1);
  assert.ok(removed[0].message.includes(bodies[0].name) && readsDate(removed[0].message, TODAY), removed[0].message);
  const council = expectJson(await admin.post('/api/v1/bodies', { template: 'council', name: `Кеңес ${tag}` }), 201, 'council');
  expectJson(await admin.post(`/api/v1/bodies/${council.id}/candidates`, { person_id: who.id, position: 'member' }), 201, 'candidacy');
  const candidacy = await notices(who, 'council_candidacy');
  assert.equal(candidacy.length, 1);
  assert.ok(candidacy[0].message.includes('ұсынылды') && candidacy[0].message.includes('ORG-6'), candidacy[0].message);
});

test(`[${BACKEND}] settings: bad input is refused with the field and changes nothing; reading is recorded; the live count`, { skip }, async () => {
  const tag = cap(cyrTag(5));
  const who = await person(tag, 's', 'ru');
  const beforeSettings = expectJson(await who.client.get('/api/v1/me/notification-settings'), 200, 'settings');
  expectProblem(await who.client.put('/api/v1/me/notification-settings', { kind: 'no_such_kind', mail: false }), 422, 'validation', { fields: [{ field: 'kind', code: 'invalid' }] });
  expectProblem(await who.client.put('/api/v1/me/notification-settings', { kind: 'vote_open', mail: 'no' }), 422, 'validation');
  expectProblem(await who.client.put('/api/v1/me/notification-settings', { kind: 'vote_open' }), 422, 'validation');
  assert.deepEqual(expectJson(await who.client.get('/api/v1/me/notification-settings'), 200, 'settings'), beforeSettings, 'nothing changed');

  // The live stream: the count at once, then again when a notice arrives.
  const controller = new AbortController();
  const response = await fetch(`${server.base}/api/v1/me/notifications/events`, { headers: { accept: 'text/event-stream', cookie: [...who.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }, signal: controller.signal });
  assert.equal(response.status, 200);
  assert.ok(response.headers.get('content-type').startsWith('text/event-stream'));
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const nextCount = async () => {
    for (;;) {
      const events = [...text.matchAll(/event: update\ndata: (.*)\n\n/g)];
      if (events.length) {
        text = text.slice(events[0].index + events[0][0].length);
        return JSON.parse(events[0][1]);
      }
      const { value, done } = await reader.read();
      assert.ok(!done, 'the stream stays open');
      text += decoder.decode(value, { stream: true });
    }
  };
  assert.equal((await nextCount()).unread, 0);
  // Without asking for a stream, the count once as JSON.
  assert.deepEqual(Object.keys(expectJson(await who.client.get('/api/v1/me/notifications/events'), 200, 'count')).sort(), ['latest', 'unread']);
  const body = expectJson(await admin.post('/api/v1/bodies', { template: 'club', name: `Клуб ${tag}` }), 201, 'club');
  await seat(body, who);
  assert.equal((await nextCount()).unread, 1, 'the new notice shows at once');
  const [notice] = await notices(who, 'membership_added');
  assert.equal((await who.client.post(`/api/v1/me/notifications/${notice.id}/read`, {})).status, 204);
  assert.equal((await nextCount()).unread, 0, 'and its reading');
  controller.abort();
  const [read] = await notices(who, 'membership_added');
  assert.ok(read.read && read.delivery.read_at, 'when it was read');
  expectProblem(await who.client.post(`/api/v1/me/notifications/${notice.id}/read`, {}), 404, 'not_found');
});
