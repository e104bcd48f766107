// A server killed with SIGKILL while ballots are being cast: after the restart every acknowledged
// ballot is there, no voter has two ballots, and the ballots equal the voters marked (ELEC-DAY-2).
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKEND, KENES_BIN, KENES_DB, Client, expectJson, expectProblem, signIn, sleep } from './lib/client.mjs';
import { startClockServer, almaty } from './lib/clock-server.mjs';
import { readyElection } from './lib/election-setup.mjs';

const skip = KENES_BIN && KENES_DB ? false : 'needs KENES_BIN and KENES_DB';
let server;
after(async () => { if (server) await server.stop(); });

test(`[${BACKEND}] SIGKILL while ballots are cast: every acknowledged ballot survives, none twice`, { skip, timeout: 120000 }, async () => {
  server = await startClockServer();
  const setup = await readyElection(server, { voters: 240 });
  server.set(almaty(setup.day, 10));
  const path = `/api/v1/public/institutions/${setup.inst}/elections/${setup.election.id}/votes`;
  const queue = [...setup.codes.values()];
  const acknowledged = new Set();
  let killed = false;
  const voter = async (i) => {
    const client = new Client({ base: server.base });
    while (!killed && queue.length) {
      const code = queue.shift();
      try {
        const res = await client.post(path, { code, candidate_id: setup.candidates[i % 2].id });
        if (res.status === 201) acknowledged.add(res.json.receipt);
      } catch {
        queue.unshift(code);   // the connection died with the server: not acknowledged
        return;
      }
    }
  };
  const casting = Array.from({ length: 16 }, (_, i) => voter(i));
  while (acknowledged.size < 80) await sleep(2);
  assert.equal(await server.kill('SIGKILL'), 'SIGKILL');
  killed = true;
  await Promise.all(casting);
  assert.ok(acknowledged.size >= 80 && acknowledged.size < 240, `killed in the middle (${acknowledged.size} acknowledged)`);

  await server.restart();
  // Everyone votes again after the restart: those whose ballot was stored are refused (ELEC-DAY-2).
  const again = new Client({ base: server.base });
  let accepted = 0;
  let refused = 0;
  for (const code of setup.codes.values()) {
    const res = await again.post(path, { code, candidate_id: setup.candidates[0].id });
    if (res.status === 201) accepted++;
    else { expectProblem(res, 422, 'rule', { rule: 'ELEC-DAY-2' }); refused++; }
  }
  assert.ok(refused >= acknowledged.size, 'every acknowledged voter is marked');
  assert.equal(accepted + refused, 240);

  server.set(almaty(setup.day, 18, 1));
  const member = await signIn(setup.chair.login, { password: setup.chair.password, base: server.base });
  const closed = expectJson(await member.post(`/api/v1/elections/${setup.election.id}/close`, {}), 200, 'close');
  assert.equal(closed.online_ballots, closed.voters_marked_online, 'ballots equal voters marked');
  assert.equal(closed.online_ballots, 240, 'one ballot per voter, none lost, none twice');
  const receipts = expectJson(await new Client({ base: server.base }).get(`/api/v1/public/institutions/${setup.inst}/elections/${setup.election.id}/receipts`), 200, 'receipts');
  for (const r of acknowledged) assert.ok(receipts.receipts.includes(r), `acknowledged receipt ${r} survived`);
  assert.equal(new Set(receipts.receipts).size, receipts.receipts.length);
  server.set('');
});

test(`[${BACKEND}] one ballot per voter across two server processes on one database (ELEC-DAY-2)`, { skip, timeout: 120000 }, async () => {
  const first = await startClockServer();
  const second = await startClockServer();
  try {
    const setup = await readyElection(first, { voters: 3 });
    first.set(almaty(setup.day, 11));
    second.set(almaty(setup.day, 11));
    const path = `/api/v1/public/institutions/${setup.inst}/elections/${setup.election.id}/votes`;
    for (const code of setup.codes.values()) {
      const attempts = [];
      for (const s of [first, second]) {
        for (let i = 0; i < 6; i++) attempts.push(new Client({ base: s.base }).post(path, { code, candidate_id: setup.candidates[i % 2].id }));
      }
      const answers = await Promise.all(attempts);
      assert.equal(answers.filter((r) => r.status === 201).length, 1, 'exactly one ballot for the voter');
      for (const r of answers.filter((x) => x.status !== 201)) expectProblem(r, 422, 'rule', { rule: 'ELEC-DAY-2' });
    }
    first.set(almaty(setup.day, 18, 1));
    const member = await signIn(setup.chair.login, { password: setup.chair.password, base: first.base });
    const closed = expectJson(await member.post(`/api/v1/elections/${setup.election.id}/close`, {}), 200, 'close');
    assert.equal(closed.online_ballots, 3);
    assert.equal(closed.voters_marked_online, 3);
  } finally {
    first.set('');
    await first.stop();
    await second.stop();
  }
});
