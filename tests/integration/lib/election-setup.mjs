// An election ready for voting, made through the API: a commission (its chair alone) and a
// government, two registered candidates with approved programs, the list published and the ballot
// approved. The server's clock is set along the way.
//
// Online ballots exist only in verifiable elections (issue 13). With `online: true` the chair, as
// the Single trustee, makes the election key with belenios-tool before voting opens, and the
// commission issues the voting codes (Belenios credentials) for the whole roll; the result then
// carries what a voter and the trustee need (see `goOnline`). `online: 'key'` stops after the key
// and returns `issue({ revote })` to issue the codes later (a test that changes the roll first).
import assert from 'node:assert/strict';
import { expectJson, createUser, createPerson, cyrTag, cap, studentNumber, signIn, Client } from './client.mjs';
import { almaty, lastFridayOfSeptember, png, pdf, randomYear } from './clock-server.mjs';
import { parseVotingCodes } from './csv.mjs';
import { toolSingleKey, toolBallot, toolBallots, toolDecryptSingle, saveArchive, tempDir } from './belenios.mjs';

// `names` gives the first voters their person fields ({surname, name, student: {group_id}}); generated otherwise.
// `candidates` registered candidates (2 to 5), from the 2nd, 3rd and 4th courses.
export async function readyElection(server, { voters = 0, names = [], online = false, revote = false, candidates: wanted = 2 } = {}) {
  let admin = await signIn('admin', { base: server.base });
  const tag = cap(cyrTag(5));
  const gov = expectJson(await admin.post('/api/v1/bodies', { template: 'student_government', name: `Үкімет ${tag}` }), 201, 'government');
  const commission = expectJson(await admin.post('/api/v1/bodies', { template: 'election_commission', name: `Комиссия ${tag}` }), 201, 'commission');
  const student = (course, who = {}) =>
    createPerson(admin, { surname: cap(cyrTag()), name: cap(cyrTag(5)), ...who, student: { student_number: studentNumber(), course, status: 'studying', ...who.student } });
  const chair = await student(4);
  const chairUser = await createUser(admin, { roles: ['curator'], person_id: chair.id });   // ELEC-COM-1: staff
  expectJson(await admin.post(`/api/v1/bodies/${commission.id}/members`, { person_id: chair.id, position: 'chair', starts_on: '2100-01-01', accepted_regulation: true }), 201, 'chair');
  // One election per academic year: another test file may have taken the year drawn.
  let year;
  let created;
  for (let attempt = 0; attempt < 5 && created?.status !== 201; attempt++) {
    year = randomYear(0);
    server.set(almaty(`${year}-08-20`, 10));
    const member = await signIn(chairUser.login, { password: chairUser.password, base: server.base });
    created = await member.post('/api/v1/elections', { academic_year: `${year}-${year + 1}`, commission_body_id: commission.id, government_body_id: gov.id });
  }
  const election = expectJson(created, 201, 'election');
  admin = await signIn('admin', { base: server.base });   // sessions made before the clock moved have expired
  const day = lastFridayOfSeptember(year);
  const member = await signIn(chairUser.login, { password: chairUser.password, base: server.base });
  const E = `/api/v1/elections/${election.id}`;
  const candidates = [];
  for (const course of [2, 3, 4, 2, 3].slice(0, wanted)) {
    const p = await student(course);
    const c = expectJson(await member.post(`${E}/candidates`, { person_id: p.id, program: 'Бағдарлама.', program_lang: 'kk' }), 201, 'nominate');
    expectJson(await member.request('PUT', `/api/v1/election-candidates/${c.id}/files/photo`, { body: png(), contentType: 'image/png' }), 200, 'photo');
    for (const kind of ['cv', 'consent', 'transcript', 'recommendation']) {
      expectJson(await member.request('PUT', `/api/v1/election-candidates/${c.id}/files/${kind}`, { body: pdf(kind), contentType: 'application/pdf' }), 200, kind);
    }
    expectJson(await member.patch(`/api/v1/election-candidates/${c.id}`, { leadership_confirmed: true }), 200, 'leadership');
    expectJson(await member.post(`/api/v1/election-candidates/${c.id}/register`, { documents_received: true }), 200, 'register');
    expectJson(await member.post(`/api/v1/election-candidates/${c.id}/program-review`, { decision: 'approved' }), 200, 'review');
    candidates.push(c);
  }
  expectJson(await member.post(`${E}/publish-candidates`, {}), 200, 'publish');
  const voterPersons = [];
  for (let i = 0; i < voters; i++) voterPersons.push(await student(1 + (i % 4), names[i]));
  const numbers = voterPersons.map((p) => p.student.student_number);
  expectJson(await member.post(`${E}/ballot/approve`, {}), 200, 'ballot');
  const inst = (await admin.get('/api/v1/me')).json.user.institution.id;
  const s = { year, day, election, E, inst, candidates, voterNumbers: numbers, voters: voterPersons, chair: chairUser, chairPerson: chair, member, admin, commissionId: commission.id };
  if (online) await goOnline(server, s, { issue: online !== 'key', revote });
  return s;
}

// The Single key ceremony, then (unless `issue` is false) the codes. Adds to the setup:
//  trustee: { dir } — the chair's keypair from belenios-tool;
//  issue({ revote }) — POST credentials (once), fills the fields below and returns the response;
//  codes: Map student_number -> code (the whole roll); csv: the credentials file as received;
//  answers: candidate ids in the order of the question's answers; P: the public election path;
//  archiveDir, uuid: a directory holding the public archive as <uuid>.bel (the tool's input);
//  ballot(code, candidateId): a belenios-tool ballot; ballots([{code, candidateId}]): many;
//  decrypt(): after the close, the trustee's partial decryption of the fresh archive, sent.
async function goOnline(server, s, { issue, revote }) {
  s.trustee = await toolSingleKey(s.E, s.member);
  s.P = `/api/v1/public/institutions/${s.inst}/elections/${s.election.id}`;
  s.codes = new Map();
  s.issue = async ({ revote: again = false } = {}) => {
    const member = await signIn(s.chair.login, { password: s.chair.password, base: server.base });
    const res = await member.post(`${s.E}/credentials`, { revote: again });
    assert.equal(res.status, 200, res.text);
    s.csv = res.text;
    for (const row of parseVotingCodes(res.text).rows) s.codes.set(row.student_number, row.code);
    const anon = new Client({ base: server.base });
    const booth = expectJson(await anon.get(`${s.P}/belenios`), 200, 'booth');
    assert.equal(booth.verifiable, true);
    s.answers = booth.answers;
    s.uuid = JSON.parse(booth.election).uuid;
    s.archiveDir = tempDir('kenes-archive-');
    await saveArchive(anon, s.P, s.uuid, s.archiveDir);
    return res;
  };
  s.ballot = (code, candidateId) => toolBallot(s.archiveDir, s.answers, code, candidateId);
  s.ballots = (wanted) => toolBallots(s.archiveDir, s.uuid, s.answers, wanted);
  s.decrypt = async () => {
    const dir = tempDir('kenes-tally-');
    await saveArchive(new Client({ base: server.base }), s.P, s.uuid, dir);
    const member = await signIn(s.chair.login, { password: s.chair.password, base: server.base });
    return expectJson(await member.post(`${s.E}/trustees/decryption`, { partial_decryption: toolDecryptSingle(s.trustee.dir, dir) }), 200, 'decryption');
  };
  if (issue) await s.issue({ revote });
}
