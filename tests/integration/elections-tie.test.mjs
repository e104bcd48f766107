// ELEC-RES-1: a tie is never decided silently: counting reports it, the protocol cannot be signed
// and nobody takes office until the commission records its decision.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKEND, KENES_BIN, KENES_DB, Client, expectJson, expectProblem, signIn } from './lib/client.mjs';
import { startClockServer, almaty } from './lib/clock-server.mjs';
import { readyElection } from './lib/election-setup.mjs';
import { haveBeleniosTool, rollToken } from './lib/belenios.mjs';

const skip = !(KENES_BIN && KENES_DB) ? 'needs KENES_BIN and KENES_DB' : (!haveBeleniosTool() ? 'needs belenios-tool' : false);
let server;
after(async () => { if (server) await server.stop(); });

test(`[${BACKEND}] a tie is reported to the commission, which records its decision (ELEC-RES-1)`, { skip, timeout: 60000 }, async () => {
  server = await startClockServer();
  const setup = await readyElection(server, { voters: 2, online: true });
  const [x, y] = setup.candidates;
  // One encrypted ballot each, made before the clock reaches election day.
  const ballots = [x, y].map((c, i) => setup.ballot(setup.codes.get(setup.voterNumbers[i]), c.id));
  server.set(almaty(setup.day, 12));
  const anon = new Client({ base: server.base });
  for (const [i, ballot] of ballots.entries()) {
    expectJson(await anon.post(`${setup.P}/ballots`, { roll_token: rollToken(setup.codes.get(setup.voterNumbers[i])), ballot }), 201, 'ballot');
  }
  server.set(almaty(setup.day, 18, 30));
  const member = await signIn(setup.chair.login, { password: setup.chair.password, base: server.base });
  const E = `/api/v1/elections/${setup.election.id}`;
  expectJson(await member.post(`${E}/close`, {}), 200, 'close');
  await setup.decrypt();
  const counted = expectJson(await member.post(`${E}/count`, {}), 200, 'count');
  assert.equal(counted.winner_candidate_id, null, 'no winner is picked');
  assert.deepEqual([...counted.tied].sort(), [x.id, y.id].sort());
  expectProblem(await member.post(`${E}/protocol/sign`, {}), 422, 'rule', { rule: 'ELEC-RES-1' });
  expectProblem(await member.post(`${E}/publish-results`, {}), 422, 'rule', { rule: 'ELEC-CNT-2' });
  expectProblem(await member.post(`${E}/tie-decision`, { decision: 'Жеребе', winner_candidate_id: 999999999 }), 422, 'validation',
    { fields: [{ field: 'winner_candidate_id', code: 'invalid' }] });
  const decided = expectJson(await member.post(`${E}/tie-decision`, { decision: 'Комиссия шешімі: қайта дауыс беру өткізілмейді, жеребе тасталды.', winner_candidate_id: y.id }), 200, 'decide');
  assert.equal(decided.winner_candidate_id, y.id);
  assert.equal(expectJson(await member.post(`${E}/protocol/sign`, {}), 200, 'sign').status, 'final');
  expectJson(await member.post(`${E}/publish-results`, {}), 200, 'publish');
  const pub = expectJson(await anon.get(`/api/v1/public/institutions/${setup.inst}/elections/${setup.election.id}`), 200, 'public');
  assert.equal(pub.results.winner_candidate_id, y.id);
  assert.match(pub.results.tie_decision, /жеребе/);
  server.set('');
});
