// Live session updates over server-sent events: a change reaches a viewer within about a second,
// a burst of changes is coalesced (at most one message a second), and on PostgreSQL a change made
// through the other server process reaches the viewer too.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { BACKEND, BASE, BASE_2, signIn, expectJson, createPerson, cyrTag, cap, uniq } from './lib/client.mjs';

const TODAY = new Date().toISOString().slice(0, 10);

// Opens the stream and collects parsed `update` events with their arrival time.
function openStream(base, client, meetingId) {
  const events = [];
  const url = new URL(`${base}/api/v1/meetings/${meetingId}/events`);
  let buffer = '';
  let resolveHeaders;
  const headers = new Promise((r) => { resolveHeaders = r; });
  const req = http.get(url, { headers: { Cookie: `kenes_session=${client.session}`, Accept: 'text/event-stream', 'Accept-Language': 'en' } }, (res) => {
    resolveHeaders(res);
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (block.startsWith('event: update') && data) events.push({ at: Date.now(), meeting: JSON.parse(data.slice(6)) });
      }
    });
  });
  req.on('error', () => {});
  return { events, headers, close: () => req.destroy() };
}

async function waitFor(predicate, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (predicate()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return predicate();
}

async function session(admin) {
  const tag = cap(cyrTag(5));
  const body = expectJson(await admin.post('/api/v1/bodies', { template: 'council', name: `Live ${tag} ${uniq()}` }), 201, 'body');
  const people = [];
  for (let i = 0; i < 5; i++) {
    const p = await createPerson(admin, { surname: cap(cyrTag()), name: `${tag}${i}` });
    expectJson(await admin.post(`/api/v1/bodies/${body.id}/members`, { person_id: p.id, position: i ? 'member' : 'chair', ex_officio: true, starts_on: TODAY, accepted_regulation: true }), 201, 'member');
    people.push(p);
  }
  const meeting = expectJson(await admin.post(`/api/v1/bodies/${body.id}/meetings`, { held_on: TODAY, starts_at: '00:00', place: 'Зал', convened_by: people[0].id }), 201, 'meeting');
  return { meeting, people };
}

test(`[${BACKEND}] live: a change reaches the viewer within a second, and bursts are coalesced`, async () => {
  const admin = await signIn('admin');
  const { meeting, people } = await session(admin);
  const stream = openStream(BASE, admin, meeting.id);
  try {
    const res = await stream.headers;
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'], /^text\/event-stream/);
    assert.ok(await waitFor(() => stream.events.length >= 1, 2000), 'the current state arrives at once');
    assert.equal(stream.events[0].meeting.voting_present, 0);

    const changed = Date.now();
    expectJson(await admin.put(`/api/v1/meetings/${meeting.id}/attendance`, { person_id: people[0].id, present: true }), 200, 'present');
    assert.ok(await waitFor(() => stream.events.some((e) => e.meeting.voting_present === 1), 2500), 'update arrives');
    const latency = stream.events.find((e) => e.meeting.voting_present === 1).at - changed;
    assert.ok(latency < 1600, `update within about a second (took ${latency} ms)`);

    // Four changes in quick succession: the viewer is sent at most one message a second.
    await new Promise((r) => setTimeout(r, 1100));
    const before = stream.events.length;
    const burstStart = Date.now();
    for (const p of people.slice(1)) expectJson(await admin.put(`/api/v1/meetings/${meeting.id}/attendance`, { person_id: p.id, present: true }), 200, 'present');
    assert.ok(await waitFor(() => stream.events.some((e) => e.meeting.voting_present === 5), 3000), 'the final state arrives');
    const during = stream.events.slice(before).filter((e) => e.at - burstStart < 1000).length;
    assert.ok(during <= 1, `coalesced: ${during} messages in the first second of the burst`);
  } finally {
    stream.close();
  }
});

test(`[${BACKEND}] live: a change made on the other server process reaches the viewer`, { skip: BASE_2 ? false : 'one server only' }, async () => {
  const admin = await signIn('admin');
  const { meeting, people } = await session(admin);
  const other = admin.clone({ base: BASE_2 });
  const stream = openStream(BASE_2, other, meeting.id);
  try {
    assert.ok(await waitFor(() => stream.events.length >= 1, 2000), 'initial state');
    expectJson(await admin.put(`/api/v1/meetings/${meeting.id}/attendance`, { person_id: people[0].id, present: true }), 200, 'present on instance 1');
    assert.ok(await waitFor(() => stream.events.some((e) => e.meeting.voting_present === 1), 2500), 'instance 2 saw the change');
  } finally {
    stream.close();
  }
});
