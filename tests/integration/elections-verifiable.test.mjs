// A verifiable election through the API (issue 13), with Debian's belenios-tool as the other side:
// three commission members run a 2-of-3 key ceremony with the tool, the commission issues the
// voting codes (Belenios credentials) once, voters cast ballots the tool made (signed in and by
// code, a revote, a station voter), the server refuses every ballot it must refuse, the close
// computes the encrypted tally, two trustees decrypt (the third is absent), the count combines
// the online result with the paper count, and at every phase the archive — the public one and the
// one `kenes election export-belenios` writes — passes `belenios-tool election verify`.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BACKEND, KENES_BIN, KENES_DB, signIn, expectJson, expectProblem, createUser, createPerson, cyrTag, cap, Client, auditEntries, catalog,
} from './lib/client.mjs';
import { startClockServer, almaty, png } from './lib/clock-server.mjs';
import { readyElection } from './lib/election-setup.mjs';
import { parseVotingCodes } from './lib/csv.mjs';
import { haveBeleniosTool, tool, verifyArchive, tempDir, rollToken, trackerOf, toolCeremony, toolDecrypt, only, saveArchive } from './lib/belenios.mjs';

const skip = !(KENES_BIN && KENES_DB) ? 'needs KENES_BIN and KENES_DB' : (!haveBeleniosTool() ? 'needs belenios-tool' : false);
let server;

before(async () => { if (!skip) server = await startClockServer(); });
after(async () => { if (server) await server.stop(); });

// A 409 whose detail is the catalog's message for `key` with `params` (in any of the three languages).
function expectConflict(res, key, params = {}) {
  const p = expectProblem(res, 409, 'conflict', { what: key });
  const text = (l) => Object.entries(params).reduce((t, [k, v]) => t.replaceAll(`{${k}}`, String(v)), catalog(l)[key] ?? '');
  assert.ok(['kk', 'ru', 'en'].some((l) => text(l) === p.detail), `detail of ${key}: ${res.describe()}`);
}

function assertVerifies(dir, what) {
  const v = verifyArchive(dir);
  assert.ok(v.ok && /all checks passed/.test(v.out), `${what}: ${v.out}`);
}

// The types of the events in an archive (event files are JSON objects with a "type").
const eventTypes = (bytes) => [...bytes.toString('latin1').matchAll(/"type":"([A-Za-z]+)"/g)].map((m) => m[1]);

test(`[${BACKEND}] a verifiable election: tool trustees, encrypted ballots, threshold decryption, and belenios-tool verifies every phase`, { skip, timeout: 600000 }, async () => {
  const s = await readyElection(server, { voters: 4 });
  const { E, inst, election, day, candidates, member } = s;
  let admin = await signIn('admin', { base: server.base });
  const anon = new Client({ base: server.base });
  const P = `/api/v1/public/institutions/${inst}/elections/${election.id}`;

  // Two more commission members: three trustees, any two of whom can decrypt.
  const members = [{ personId: s.chairPerson.id, ...s.chair }];
  for (let i = 0; i < 2; i++) {
    const person = await createPerson(admin, { surname: cap(cyrTag()), name: cap(cyrTag(5)) });
    const u = await createUser(admin, { roles: ['curator'], person_id: person.id });
    expectJson(await admin.post(`/api/v1/bodies/${s.commissionId}/members`, { person_id: person.id, position: 'member', starts_on: '2100-01-01', accepted_regulation: true }), 201, 'seat');
    members.push({ personId: person.id, ...u });
  }
  // Signed in afresh whenever the clock moved (sessions from before have expired), in trustee order.
  let trusteeOrder;
  const signInTrustees = () => Promise.all(trusteeOrder.map((t) => signIn(members.find((x) => String(x.personId) === String(t.person_id)).login,
    { password: members.find((x) => String(x.personId) === String(t.person_id)).password, base: server.base })));

  // No codes before the key exists.
  expectConflict(await member.post(`${E}/credentials`, {}), 'election.trustees.incomplete');
  let st = expectJson(await member.post(`${E}/trustees/start`, {}), 200, 'start');
  trusteeOrder = st.trustees;
  const { dirs } = await toolCeremony(`${E}/trustees`, await signInTrustees(), 2);


  // The codes: once, the server keeps only public credentials and roll-token hashes.
  const issued = await member.post(`${E}/credentials`, { revote: true });
  assert.equal(issued.status, 200, issued.text);
  const codes = new Map(parseVotingCodes(issued.text).rows.map((r) => [r.student_number, r.code]));
  // Everyone on the roll (every studying student of the institution) gets a code.
  for (const n of s.voterNumbers) assert.ok(codes.has(n), `a code for ${n}`);
  for (const code of codes.values()) assert.match(code, /^[1-9A-HJ-NP-Za-km-z]{3}(-[1-9A-HJ-NP-Za-km-z]{3}){4}$/);
  expectConflict(await member.post(`${E}/credentials`, {}), 'election.credentials.issued');
  const status = expectJson(await member.get(`${E}/credentials`), 200, 'credentials status');
  assert.equal(status.issued, true);
  assert.equal(status.count, codes.size);
  assert.equal(status.revote, true);
  const credentialAudit = (await auditEntries(admin, { action: 'election.credentials' })).find((a) => String(a.entity_id) === String(election.id));
  assert.ok(credentialAudit, 'the issue is audited');
  assert.ok(![...codes.values()].some((c) => JSON.stringify(credentialAudit).includes(c)), 'the audit holds no code');

  const booth = expectJson(await anon.get(`${P}/belenios`), 200, 'booth');
  assert.equal(booth.verifiable, true);
  const electionJson = JSON.parse(booth.election);
  assert.deepEqual(booth.answers.map(String).sort(), candidates.map((c) => String(c.id)).sort());
  assert.equal(electionJson.questions[0].answers.length, 2);
  assert.equal(electionJson.public_key, expectJson(await member.get(`${E}/trustees`), 200, 'ceremony').public_key, 'the key of the ceremony');
  assert.equal(electionJson.questions[0].min, 1);
  assert.equal(electionJson.questions[0].max, 1);

  // Phase 1 (setup): the public archive verifies.
  const dir = tempDir('kenes-archive-');
  await saveArchive(anon, P, electionJson.uuid, dir);
  assertVerifies(dir, 'setup');

  // A ballot made by belenios-tool with a Kenes code. Answer 0 is booth.answers[0].
  const ballotFor = (code, answer) => {
    writeFileSync(join(dir, 'cred'), `${code}\n`);
    writeFileSync(join(dir, 'vote'), `${JSON.stringify([booth.answers.map((_, i) => (i === answer ? 1 : 0))])}\n`);
    return tool(dir, ['election', 'generate-ballot', '--privcred', 'cred', '--ballot', 'vote']).trim();
  };
  const [n1, n2, n3, n4] = s.voterNumbers;
  const signedIn = await createUser(admin, { roles: ['student'], person_id: s.voters[0].id });
  // Before 09:00 on election day: ELEC-DAY-1.
  const early = ballotFor(codes.get(n1), 0);
  server.set(almaty(day, 8, 59, 59));
  const voter1 = await signIn(signedIn.login, { password: signedIn.password, base: server.base });
  expectProblem(await voter1.post(`${E}/ballots`, { roll_token: rollToken(codes.get(n1)), ballot: early }), 422, 'rule', { rule: 'ELEC-DAY-1' });
  server.set(almaty(day, 9, 30));
  // Sessions made before the clock moved have expired.
  const v1 = await signIn(signedIn.login, { password: signedIn.password, base: server.base });
  const m = await signIn(s.chair.login, { password: s.chair.password, base: server.base });
  admin = await signIn('admin', { base: server.base });
  expectProblem(await m.post(`${E}/trustees/start`, {}), 409, 'conflict', { what: 'the ceremony is over' });

  // Signed in: the roll token must be the voter's own.
  expectProblem(await v1.post(`${E}/ballots`, { roll_token: rollToken(codes.get(n2)), ballot: early }), 422, 'validation', { fields: [{ field: 'roll_token', code: 'not_yours' }] });
  expectProblem(await v1.post(`${E}/ballots`, { roll_token: rollToken('111-111-111-111-111'), ballot: early }), 422, 'validation', { fields: [{ field: 'roll_token', code: 'invalid' }] });
  expectProblem(await v1.post(`${E}/ballots`, { roll_token: 'xyz', ballot: early }), 422, 'validation');
  // A tampered proof, a malformed text: nothing is stored.
  // The last digit of the first proof response, one more: still a number below q, no longer a proof.
  const tampered = early.replace(/"response":"(\d+)(\d)"/, (_, head, d) => `"response":"${head}${(Number(d) + 1) % 10}"`);
  const refused = expectProblem(await v1.post(`${E}/ballots`, { roll_token: rollToken(codes.get(n1)), ballot: tampered }), 422, 'validation');
  assert.match(refused.errors[0].code, /^bad_(individual|overall)_proof|bad_signature$/);
  expectProblem(await v1.post(`${E}/ballots`, { roll_token: rollToken(codes.get(n1)), ballot: '{"x":1}' }), 422, 'validation', { fields: [{ field: 'ballot', code: 'malformed' }] });
  assert.equal(expectJson(await anon.get(`${P}/board`), 200, 'board').trackers.length, 0, 'nothing stored by the refusals');

  const cast1 = expectJson(await v1.post(`${E}/ballots`, { roll_token: rollToken(codes.get(n1)), ballot: early }), 201, 'signed-in ballot');
  assert.equal(cast1.tracker, trackerOf(early));
  assert.equal(cast1.replaced, false);
  // Revote (allowed here) replaces the credential's ballot; the earlier ballot cannot come back.
  const second = ballotFor(codes.get(n1), 1);
  const cast2 = expectJson(await v1.post(`${E}/ballots`, { roll_token: rollToken(codes.get(n1)), ballot: second }), 201, 'revote');
  assert.equal(cast2.replaced, true);
  expectProblem(await v1.post(`${E}/ballots`, { roll_token: rollToken(codes.get(n1)), ballot: early }), 422, 'validation', { fields: [{ field: 'ballot', code: 'replayed' }] });
  // By code, without signing in; the same code's ballot replayed by another voter's roll token is refused too.
  const b2 = ballotFor(codes.get(n2), 0);
  expectProblem(await anon.post(`${P}/ballots`, { roll_token: rollToken(codes.get(n3)), ballot: second }), 422, 'validation', { fields: [{ field: 'ballot', code: 'replayed' }] });
  const cast3 = expectJson(await anon.post(`${P}/ballots`, { roll_token: rollToken(codes.get(n2)), ballot: b2 }), 201, 'code ballot');
  const b3 = ballotFor(codes.get(n3), 0);
  // Spaced out, the same ballot: the board keeps its canonical (compact) text, so the tracker is
  // the compact one's and every verifier of the board reads one form.
  const spaced = b3.replaceAll('","', '", "').replaceAll('":', '": ');
  assert.notEqual(spaced, b3);
  const cast4 = expectJson(await anon.post(`${P}/ballots`, { roll_token: rollToken(codes.get(n3)), ballot: spaced }), 201, 'code ballot 2');
  assert.equal(cast4.tracker, trackerOf(b3));

  // ELEC-DAY-2: one roll. A station voter cannot vote online, an online voter not at a station.
  const station = expectJson(await m.post(`${E}/stations`, { name: 'Бас ғимарат' }), 201, 'station');
  expectProblem(await m.post(`${E}/stations/${station.id}/issue`, { student_number: n1, paper_signature: true }), 422, 'rule', { rule: 'ELEC-DAY-2' });
  expectJson(await m.post(`${E}/stations/${station.id}/issue`, { student_number: n4, signature_png: png(40, 20).toString('base64') }), 200, 'issued at the station');
  expectProblem(await anon.post(`${P}/ballots`, { roll_token: rollToken(codes.get(n4)), ballot: ballotFor(codes.get(n4), 0) }), 422, 'rule', { rule: 'ELEC-DAY-2' });

  // The board: three trackers in tracker order, the voter finds theirs.
  let board = expectJson(await anon.get(`${P}/board`), 200, 'board');
  assert.deepEqual(board.trackers, [cast2.tracker, cast3.tracker, trackerOf(b3)].sort());
  assert.equal(board.encrypted_tally, null);
  // The audit names the voter, never a tracker or a ballot.
  const voted = (await auditEntries(admin, { action: 'election.voted' })).filter((a) => String(a.after?.election_id) === String(election.id));
  assert.ok(voted.length >= 4);
  for (const a of voted) for (const t of [cast1.tracker, cast2.tracker, cast3.tracker]) assert.ok(!JSON.stringify(a).includes(t));

  // Phase 2 (voting): the archive verifies with the ballots.
  const votingBytes = await saveArchive(anon, P, electionJson.uuid, dir);
  assertVerifies(dir, 'voting');
  assert.equal(eventTypes(votingBytes).filter((t) => t === 'Ballot').length, 3, 'the board: a revote replaced its ballot');
  // Built once per change and streamed from disk: the same archive has the same ETag and bytes, a
  // revalidation is a 304, HEAD announces its length; the next accepted ballot makes a new one.
  const again = await anon.get(`${P}/archive.bel`);
  assert.deepEqual(again.bytes, votingBytes);
  const etag = again.header('etag');
  assert.match(etag, /^"[0-9a-f]{32}"$/);
  assert.equal((await anon.get(`${P}/archive.bel`, { headers: { 'if-none-match': etag } })).status, 304);
  const head = await anon.request('HEAD', `${P}/archive.bel`);
  assert.equal(head.status, 200);
  assert.equal(head.header('content-length'), String(votingBytes.length));
  assert.equal(head.header('etag'), etag);

  // Close: the encrypted tally of the board.
  server.set(almaty(day, 18, 5));
  const m2 = await signIn(s.chair.login, { password: s.chair.password, base: server.base });
  admin = await signIn('admin', { base: server.base });
  const closed = expectJson(await m2.post(`${E}/close`, {}), 200, 'close');
  assert.equal(closed.online_ballots, 3, 'the board: one ballot per credential');
  assert.equal(closed.voters_marked_online, 3);
  // The hash over the ballot set is over the board's trackers, in board order.
  assert.equal(closed.ballot_set_hash, createHash('sha256').update(board.trackers.map((t) => `${t}\n`).join('')).digest('hex'));
  board = expectJson(await anon.get(`${P}/board`), 200, 'board after close');
  assert.ok(board.encrypted_tally);
  // No plaintext ballots, so no receipts list: the board holds the trackers.
  expectProblem(await anon.get(`${P}/receipts`), 404, 'not_found');
  expectProblem(await anon.post(`${P}/ballots`, { roll_token: rollToken(codes.get(n3)), ballot: ballotFor(codes.get(n3), 1) }), 422, 'rule', { rule: 'ELEC-DAY-1' });
  const talliedBytes = await saveArchive(anon, P, electionJson.uuid, dir);
  assertVerifies(dir, 'tallied');
  assert.ok(eventTypes(talliedBytes).includes('EncryptedTally'));
  assert.notEqual((await anon.get(`${P}/archive.bel`)).header('etag'), etag, 'the close made a new archive');

  // ELEC-CNT-1: the paper count of the station (one ballot, for answer 0).
  expectJson(await m2.put(`${E}/stations/${station.id}/count`, { votes: [{ candidate_id: booth.answers[0], votes: 1 }, { candidate_id: booth.answers[1], votes: 0 }], invalid: 0, unknown_form: 0 }), 200, 'paper');

  // Decryption: the count waits for a threshold (2 of 3); a trustee's share under another's
  // number is refused; trustee 2 is absent.
  expectConflict(await m2.post(`${E}/count`, {}), 'election.decryptions_missing', { have: 0, need: 2 });
  const clients = await signInTrustees();
  const tally = expectJson(await clients[0].get(`${E}/trustees/tally`), 200, 'tally for trustee 1');
  assert.equal(tally.number, 1);
  assert.equal(tally.kind, 'pedersen');
  assert.equal(tally.encrypted_tally, board.encrypted_tally);
  const share1 = toolDecrypt(dirs[0], dir, 1);
  const share3 = toolDecrypt(dirs[2], dir, 3);
  expectProblem(await clients[2].post(`${E}/trustees/decryption`, { partial_decryption: share1 }), 422, 'validation', { fields: [{ field: 'partial_decryption', code: 'invalid' }] });
  expectProblem(await admin.post(`${E}/trustees/decryption`, { partial_decryption: share1 }), 403, 'forbidden');
  st = expectJson(await clients[0].post(`${E}/trustees/decryption`, { partial_decryption: share1 }), 200, 'decryption 1');
  assert.equal(st.decryptions, 1);
  expectProblem(await clients[0].post(`${E}/trustees/decryption`, { partial_decryption: share1 }), 409, 'conflict');
  st = expectJson(await clients[2].post(`${E}/trustees/decryption`, { partial_decryption: share3 }), 200, 'decryption 3');
  assert.deepEqual(st.trustees.map((t) => t.decryption), [true, false, true]);

  // The result: online (decrypted) plus paper. Answer 0: n2, n3 and the paper ballot; answer 1: n1's revote.
  const results = expectJson(await m2.post(`${E}/count`, {}), 200, 'count');
  const byId = Object.fromEntries(results.candidates.map((c) => [String(c.candidate_id), c]));
  assert.deepEqual([byId[String(booth.answers[0])].online, byId[String(booth.answers[0])].paper], [2, 1]);
  assert.deepEqual([byId[String(booth.answers[1])].online, byId[String(booth.answers[1])].paper], [1, 0]);
  assert.equal(String(results.winner_candidate_id), String(booth.answers[0]));
  assert.match(results.archive_fingerprint, /^[0-9a-f]{64}$/);

  // Until publication the public archive holds no decryption (with them anyone could combine the
  // result); the operator's export holds everything, and belenios-tool agrees with the count.
  const publicBytes = await saveArchive(anon, P, electionJson.uuid, dir);
  assert.ok(!eventTypes(publicBytes).includes('PartialDecryption'));
  assert.equal(expectJson(await anon.get(`${P}/board`), 200, 'board').result, null);
  const exportDir = tempDir('kenes-export-');
  const written = execFileSync(KENES_BIN, ['election', 'export-belenios', '--election', String(election.id), '--out', exportDir, '--db', KENES_DB], { encoding: 'utf8' }).trim();
  assert.equal(written, join(exportDir, `${electionJson.uuid}.bel`));
  assertVerifies(exportDir, 'exported after the count');
  const exported = readFileSync(written);
  assert.deepEqual(eventTypes(exported).filter((t) => t === 'PartialDecryption').length, 2);
  // The results' archive fingerprint is the hash naming the exported archive's last event.
  const eventNames = [...exported.toString('latin1').matchAll(/([0-9a-f]{64})\.event\.json/g)].map((m) => m[1]);
  assert.equal(eventNames.at(-1), results.archive_fingerprint);
  const toolResult = JSON.parse(tool(exportDir, ['election', 'compute-result']));
  assert.deepEqual(toolResult.result, [[2, 1]]);

  // The protocol names the archive.
  const signers = clients.filter((_, i) => String(trusteeOrder[i].person_id) !== String(s.chairPerson.id));
  expectJson(await m2.post(`${E}/protocol/sign`, {}), 200, 'sign 1');
  for (const [i, signer] of signers.entries()) expectJson(await signer.post(`${E}/protocol/sign`, {}), 200, `sign ${i + 2}`);
  const pdf = await m2.get(`${E}/protocol.pdf?lang=en`);
  assert.equal(pdf.status, 200);
  const text = execFileSync('pdftotext', ['-', '-'], { input: pdf.bytes, encoding: 'utf8' }).replace(/\s+/g, '');
  assert.ok(text.includes(results.archive_fingerprint.replace(/\s+/g, '')), 'the protocol carries the archive fingerprint');
  expectJson(await m2.post(`${E}/publish-results`, {}), 200, 'publish');
  const published = await saveArchive(anon, P, electionJson.uuid, dir);
  assert.equal(eventTypes(published).filter((t) => t === 'PartialDecryption').length, 2);
  assert.ok(eventTypes(published).includes('Result'));
  assertVerifies(dir, 'published');
  assert.ok(expectJson(await anon.get(`${P}/board`), 200, 'board').result);

  // What a copy of the database could link: a voter to a ciphertext at most. No plaintext ballot
  // of this election exists, and nothing that opens one is in the file or its WAL: no voting
  // code (the private credentials) and no trustee's key.
  if (KENES_DB.startsWith('sqlite:')) {
    const file = KENES_DB.slice(7);
    const bytes = Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
    for (const code of codes.values()) {
      assert.ok(!bytes.includes(code) && !bytes.includes(code.replace(/-/g, '')), 'no voting code is stored');
    }
    for (const d of dirs) assert.ok(!bytes.includes(readFileSync(only(d, '.key'), 'utf8').trim()), "no trustee's key is stored");
    const plain = execFileSync('sqlite3', [file, `SELECT count(*) FROM ballots WHERE election_id = ${election.id}`], { encoding: 'utf8' }).trim();
    assert.equal(plain, '0', 'no plaintext ballot');
  }
  server.set('');
});
