// Election day of a verifiable election over HTTP (part of `make bench`, bench/election.sh): a
// commission's Single key made by belenios-tool, voting codes for the roll, then N voters cast their
// encrypted one-of-five ballots by code, CONCURRENCY at a time. The server checks every ballot's
// proofs and signature before its write transaction (ELEC-DAY-1, ELEC-DAY-2, the board), so this is
// the booth's real throughput on this machine. The ballots are made by belenios-tool beforehand
// (not timed). Environment as for the integration tests: KENES_BIN and KENES_DB (a demo database);
// the script starts its own server on that database with a clock file.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { Client, expectJson } from '../tests/integration/lib/client.mjs';
import { almaty, startClockServer } from '../tests/integration/lib/clock-server.mjs';
import { readyElection } from '../tests/integration/lib/election-setup.mjs';
import { rollToken } from '../tests/integration/lib/belenios.mjs';

const VOTERS = Number(process.env.KENES_BENCH_BALLOTS ?? 600);
const CONCURRENCY = Number(process.env.KENES_BENCH_BALLOT_CONCURRENCY ?? 16);

const server = await startClockServer();
try {
  const t0 = performance.now();
  const s = await readyElection(server, { voters: VOTERS, online: true, candidates: 5 });
  const wanted = s.voterNumbers.map((number, i) => ({ code: s.codes.get(number), candidateId: s.candidates[i % 5].id }));
  const ballots = await s.ballots(wanted);
  console.log(`set-up (election, ${VOTERS} voters, key, codes for a roll of ${s.codes.size}, ballots by belenios-tool): ${Math.round((performance.now() - t0) / 1000)} s, not timed below`);

  server.set(almaty(s.day, 10));
  const anon = new Client({ base: server.base });
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let i = next++; i < ballots.length; i = next++) {
      const t = performance.now();
      const r = await anon.post(`${s.P}/ballots`, { roll_token: rollToken(wanted[i].code), ballot: ballots[i] });
      latencies.push(performance.now() - t);
      assert.equal(r.status, 201, r.text);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const board = expectJson(await anon.get(`${s.P}/board`), 200, 'board');
  assert.equal(board.trackers.length, VOTERS, 'every ballot on the board');
  latencies.sort((a, b) => a - b);
  const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]);
  const rate = VOTERS / seconds;
  console.log(`${VOTERS} encrypted one-of-five ballots cast by code, ${CONCURRENCY} at a time: ${seconds.toFixed(1)} s, ${rate.toFixed(0)} ballots/s `
    + `(latency p50 ${at(0.5)} ms, p99 ${at(0.99)} ms); all on the board`);
  console.log(`30,000 voters at this rate: ${Math.round(30000 / rate / 60)} min of the 9 voting hours, if all came at once`);
} finally {
  await server.stop();
}
