// A server killed with SIGKILL while ballots are cast: after the restart every acknowledged
// ballot is on the board, no voter has two ballots, and the ballots equal the voters marked
// (ELEC-DAY-2). Ballots are encrypted (a verifiable election with a Single key, issue 13); they
// are made with belenios-tool before the timed part, so the casting is as fast as the server.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKEND, KENES_BIN, KENES_DB, Client, expectJson, expectProblem, signIn, sleep } from './lib/client.mjs';
import { startClockServer, almaty } from './lib/clock-server.mjs';
import { readyElection } from './lib/election-setup.mjs';
import { haveBeleniosTool, rollToken, trackerOf } from './lib/belenios.mjs';

const skip = !(KENES_BIN && KENES_DB) ? 'needs KENES_BIN and KENES_DB' : (!haveBeleniosTool() ? 'needs belenios-tool' : false);
let server;
after(async () => { if (server) await server.stop(); });

// Each voter's roll token and ballot (for the candidates in turn), made before election day.
async function castable(setup) {
  const wanted = setup.voterNumbers.map((n, i) => ({ code: setup.codes.get(n), candidateId: setup.candidates[i % 2].id }));
  const ballots = await setup.ballots(wanted);
  return wanted.map((w, i) => ({ roll_token: rollToken(w.code), ballot: ballots[i] }));
}

const board = async (base, setup) => expectJson(await new Client({ base }).get(`${setup.P}/board`), 200, 'board');

test(`[${BACKEND}] SIGKILL while ballots are cast: every acknowledged ballot survives, none twice`, { skip, timeout: 300000 }, async () => {
  server = await startClockServer();
  const setup = await readyElection(server, { voters: 240, online: true });
  const all = await castable(setup);
  server.set(almaty(setup.day, 10));
  const path = `${setup.P}/ballots`;
  const queue = [...all];
  const acknowledged = new Set();
  let killed = false;
  const voter = async () => {
    const client = new Client({ base: server.base });
    while (!killed && queue.length) {
      const body = queue.shift();
      try {
        const res = await client.post(path, body);
        if (res.status === 201) acknowledged.add(res.json.tracker);
      } catch {
        queue.unshift(body);   // the connection died with the server: not acknowledged
        return;
      }
    }
  };
  const casting = Array.from({ length: 16 }, () => voter());
  while (acknowledged.size < 80) await sleep(2);
  assert.equal(await server.kill('SIGKILL'), 'SIGKILL');
  killed = true;
  await Promise.all(casting);
  assert.ok(acknowledged.size >= 80 && acknowledged.size < 240, `killed in the middle (${acknowledged.size} acknowledged)`);

  await server.restart();
  // Everyone sends their ballot again after the restart: those whose ballot was stored are
  // refused (ELEC-DAY-2, revoting is off), the others' ballots are accepted now.
  const again = new Client({ base: server.base });
  let accepted = 0;
  let refused = 0;
  for (const body of all) {
    const res = await again.post(path, body);
    if (res.status === 201) accepted++;
    else { expectProblem(res, 422, 'rule', { rule: 'ELEC-DAY-2' }); refused++; }
  }
  assert.ok(refused >= acknowledged.size, 'every acknowledged voter is marked');
  assert.equal(accepted + refused, 240);

  server.set(almaty(setup.day, 18, 1));
  const member = await signIn(setup.chair.login, { password: setup.chair.password, base: server.base });
  const closed = expectJson(await member.post(`/api/v1/elections/${setup.election.id}/close`, {}), 200, 'close');
  const after = await board(server.base, setup);
  // The board is the ballot set of a verifiable election: one ballot per voter marked online.
  assert.equal(after.trackers.length, closed.voters_marked_online, 'ballots equal voters marked');
  assert.equal(after.trackers.length, 240, 'one ballot per voter, none lost, none twice');
  for (const t of acknowledged) assert.ok(after.trackers.includes(t), `acknowledged ballot ${t} survived`);
  assert.deepEqual(new Set(after.trackers), new Set(all.map((b) => trackerOf(b.ballot))), 'exactly the ballots made');
  // The tally the trustee decrypts holds them all: 120 and 120.
  await setup.decrypt();
  const results = expectJson(await member.post(`/api/v1/elections/${setup.election.id}/count`, {}), 200, 'count');
  assert.deepEqual(results.candidates.map((c) => c.online), [120, 120]);
  server.set('');
});

test(`[${BACKEND}] one ballot per voter across two server processes on one database (ELEC-DAY-2)`, { skip, timeout: 120000 }, async () => {
  const first = await startClockServer();
  const second = await startClockServer();
  try {
    const setup = await readyElection(first, { voters: 3, online: true });
    // Revoting is off. Twelve devices of each voter, each with a ballot of its own (a ballot is
    // encrypted afresh each time), send them to both servers at once: one is kept, the others
    // are refused by ELEC-DAY-2.
    const devices = 12;
    const wanted = setup.voterNumbers.flatMap((n, v) => Array.from({ length: devices }, (_, i) => ({ code: setup.codes.get(n), candidateId: setup.candidates[(v + i) % 2].id })));
    const ballots = await setup.ballots(wanted);
    first.set(almaty(setup.day, 11));
    second.set(almaty(setup.day, 11));
    const path = `${setup.P}/ballots`;
    const kept = [];
    for (let v = 0; v < setup.voterNumbers.length; v++) {
      const attempts = [];
      for (let i = 0; i < devices; i++) {
        const base = (i % 2 ? second : first).base;
        attempts.push(new Client({ base }).post(path, { roll_token: rollToken(wanted[v * devices + i].code), ballot: ballots[v * devices + i] }));
      }
      const answers = await Promise.all(attempts);
      assert.equal(answers.filter((r) => r.status === 201).length, 1, 'exactly one ballot for the voter');
      for (const r of answers.filter((x) => x.status !== 201)) expectProblem(r, 422, 'rule', { rule: 'ELEC-DAY-2' });
      kept.push(answers.find((r) => r.status === 201).json.tracker);
    }
    first.set(almaty(setup.day, 18, 1));
    const member = await signIn(setup.chair.login, { password: setup.chair.password, base: first.base });
    const closed = expectJson(await member.post(`/api/v1/elections/${setup.election.id}/close`, {}), 200, 'close');
    assert.equal(closed.voters_marked_online, 3);
    assert.deepEqual((await board(first.base, setup)).trackers, kept.sort());
  } finally {
    first.set('');
    await first.stop();
    await second.stop();
  }
});

test(`[${BACKEND}] a ballot issued at a station and an online ballot of one voter at once: one of them (ELEC-DAY-2)`, { skip, timeout: 300000 }, async () => {
  const first = await startClockServer();
  const second = await startClockServer();
  try {
    const setup = await readyElection(first, { voters: 40, online: true });
    const ballots = await setup.ballots(setup.voterNumbers.map((n) => ({ code: setup.codes.get(n), candidateId: setup.candidates[0].id })));
    first.set(almaty(setup.day, 11));
    second.set(almaty(setup.day, 11));
    const member = await signIn(setup.chair.login, { password: setup.chair.password, base: first.base });
    const station = expectJson(await member.post(`${setup.E}/stations`, { name: 'Бас ғимарат' }), 201, 'station');
    const booth = new Client({ base: second.base });
    // The station's request starts 0-19 ms after the ballot's (which is verified before its
    // transaction), so the two meet at every point of the ballot's write.
    for (const [v, number] of setup.voterNumbers.entries()) {
      const [issued, cast] = await Promise.all([
        sleep(v % 20).then(() => member.post(`${setup.E}/stations/${station.id}/issue`, { student_number: number, paper_signature: true })),
        booth.post(`${setup.P}/ballots`, { roll_token: rollToken(setup.codes.get(number)), ballot: ballots[v] }),
      ]);
      assert.equal(Number(issued.status === 200) + Number(cast.status === 201), 1, `voter ${v}: station ${issued.status}, online ${cast.status}`);
      expectProblem(issued.status === 200 ? cast : issued, 422, 'rule', { rule: 'ELEC-DAY-2' });
    }
  } finally {
    first.set('');
    await first.stop();
    await second.stop();
  }
});
