// The Student Government President election through the API (seed 003 §8), on a server of its own
// whose clock the test moves: every ELEC rule that refuses something is checked with its RULEBOOK
// ID at its boundary (one second before and after), and the secret ballot is checked in the data.
// Online ballots are encrypted (a verifiable election, issue 13): the two commission members hold
// the key as belenios-tool trustees, voters' ballots are made by belenios-tool with their codes,
// and the count waits for both trustees' decryptions.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  BACKEND, KENES_BIN, KENES_DB, signIn, expectJson, expectProblem, createUser, createPerson, cyrTag, cap, studentNumber, uniq, Client,
} from './lib/client.mjs';
import { startClockServer, almaty, addDays, lastFridayOfSeptember, png, pdf, randomYear } from './lib/clock-server.mjs';
import { parseVotingCodes } from './lib/csv.mjs';
import { haveBeleniosTool, toolCeremony, toolDecrypt, toolBallot, toolBallots, saveArchive, tempDir, rollToken, trackerOf } from './lib/belenios.mjs';

const skip = !(KENES_BIN && KENES_DB) ? 'needs KENES_BIN and KENES_DB' : (!haveBeleniosTool() ? 'needs belenios-tool' : false);
let server;
let admin;
const year = randomYear(1);   // a fresh academic year per run
const academicYear = `${year}-${year + 1}`;
const day = lastFridayOfSeptember(year);

before(async () => {
  if (skip) return;
  server = await startClockServer();
  server.set(almaty(`${year}-08-20`, 10));
  admin = await signIn('admin', { base: server.base });
});
after(async () => { if (server) await server.stop(); });

async function student(course, extra = {}, roles = ['student']) {
  const person = await createPerson(admin, { surname: cap(cyrTag()), name: cap(cyrTag(5)), student: { student_number: studentNumber(), course, status: 'studying', ...extra } });
  const u = await createUser(admin, { roles, person_id: person.id });
  return { person, ...u, client: () => signIn(u.login, { password: u.password, base: server.base }) };
}

async function upload(client, candidateId, kind, bytes, type) {
  return client.request('PUT', `/api/v1/election-candidates/${candidateId}/files/${kind}`, { body: bytes, contentType: type });
}

async function fullPortfolio(client, candidateId) {
  expectJson(await upload(client, candidateId, 'photo', png(16, 16), 'image/png'), 200, 'photo');
  for (const kind of ['cv', 'consent', 'transcript', 'recommendation']) expectJson(await upload(client, candidateId, kind, pdf(kind), 'application/pdf'), 200, kind);
}

test(`[${BACKEND}] the President election end to end, each ELEC rule at its boundary`, { skip, timeout: 300000 }, async () => {
  const tag = cap(cyrTag(5));
  const gov = expectJson(await admin.post('/api/v1/bodies', { template: 'student_government', name: `Үкімет ${tag}` }), 201, 'government');
  const commission = expectJson(await admin.post('/api/v1/bodies', { template: 'election_commission', name: `Сайлау комиссиясы ${tag}` }), 201, 'commission');
  const club = expectJson(await admin.post('/api/v1/bodies', { template: 'club', name: `Клуб ${tag}` }), 201, 'club');
  // ELEC-COM-1: the commission is staff; their accounts carry elections.run (the curator preset).
  const chair = await student(4, {}, ['curator']);
  const secretary = await student(4, {}, ['curator']);
  const since = `${year}-01-01`;
  for (const [m, position] of [[chair, 'chair'], [secretary, 'secretary']]) {
    expectJson(await admin.post(`/api/v1/bodies/${commission.id}/members`, { person_id: m.person.id, position, starts_on: since, accepted_regulation: true }), 201, position);
  }
  let member, member2, outsider, aClient;
  // Sessions last hours; after the clock jumps days ahead everyone signs in again.
  const moveTo = async (ms) => {
    server.set(ms);
    admin = await signIn('admin', { base: server.base });
    member = await chair.client();
    member2 = await secretary.client();
    outsider = await outsiderStudent.client();
    if (a) aClient = await a.client();
  };
  let a;
  const outsiderStudent = await student(3);
  await moveTo(almaty(`${year}-08-20`, 10));

  // ELEC-COM-1: the commission is a body made from its template; ELEC-DAY-1: the default day.
  expectProblem(await admin.post('/api/v1/elections', { academic_year: academicYear, commission_body_id: club.id, government_body_id: gov.id }),
    422, 'rule', { rule: 'ELEC-COM-1' });
  const election = expectJson(await member.post('/api/v1/elections', { academic_year: academicYear, commission_body_id: commission.id, government_body_id: gov.id }), 201, 'election');
  assert.equal(election.calendar.election_day, day, 'last Friday of September');
  assert.equal(election.calendar.voting_opens, `${day}T09:00:00+05:00`);
  assert.equal(election.calendar.voting_closes, `${day}T18:00:00+05:00`);
  assert.equal(election.calendar.registration_closes, `${addDays(day, -13)}T00:00:00+05:00`, 'end of the day 14 days before');
  assert.equal(election.phase, 'registration');
  expectProblem(await outsider.post(`/api/v1/elections/${election.id}/publish-candidates`, {}), 403, 'forbidden');
  const E = `/api/v1/elections/${election.id}`;
  // The object policy: a curator holds elections.run but sits on no commission of this election.
  const otherCurator = await (await student(4, {}, ['curator'])).client();
  expectProblem(await otherCurator.post(`${E}/publish-candidates`, {}), 403, 'forbidden');
  assert.deepEqual(expectJson(await otherCurator.get(`/api/v1/me/abilities?object=election&id=${election.id}`), 200, 'abilities').actions,
    ['election.read', 'election.vote']);
  assert.ok(expectJson(await member.get(`/api/v1/me/abilities?object=election&id=${election.id}`), 200, 'abilities').actions.includes('election.run'));

  // Candidates: A leads a club (experience from Kenes), B declares experience the commission confirms,
  // C is a first-year (ELEC-ELIG-1: course), D has a penalty in force (DISC-PEN-6).
  a = await student(3);
  aClient = await a.client();
  const [b, c, d] = [await student(2), await student(1), await student(3)];
  expectJson(await admin.post(`/api/v1/bodies/${club.id}/members`, { person_id: a.person.id, position: 'chair', starts_on: since, accepted_regulation: true }), 201, 'club chair');
  const penalty = expectJson(await admin.post(`/api/v1/people/${d.person.id}/penalties`, { order_number: `№ ${uniq()}`, imposed_on: `${year}-07-01`, reason: 'Сабақтан қалу' }), 201, 'penalty');
  assert.equal(penalty.in_force, true);

  const long = Array.from({ length: 101 }, (_, i) => `сөз${i}`).join(' ');
  expectProblem(await member.post(`${E}/candidates`, { person_id: a.person.id, program: long, program_lang: 'kk' }), 422, 'rule',
    { rule: 'ELEC-REG-1', fields: [{ field: 'program', code: 'rule' }] });
  const program = 'Студенттердің үні естілсін: ашық бюджет, жатақханада тыныштық, әр факультетте клуб.';
  const ca = expectJson(await member.post(`${E}/candidates`, { person_id: a.person.id, program, program_lang: 'kk' }), 201, 'nominate A');
  assert.equal(ca.program_words, 10);
  expectProblem(await member.post(`${E}/candidates`, { person_id: a.person.id, program }), 409, 'conflict');
  const cb = expectJson(await member.post(`${E}/candidates`, { person_id: b.person.id, program: 'Open student budget and a voice for every course.', program_lang: 'en', leadership_declared: 'Group head, 2 years' }), 201, 'B');
  const cc = expectJson(await member.post(`${E}/candidates`, { person_id: c.person.id, program: 'Больше спорта.', program_lang: 'ru' }), 201, 'C');
  const cd = expectJson(await member.post(`${E}/candidates`, { person_id: d.person.id, program: 'Тәртіп.', program_lang: 'kk' }), 201, 'D');

  // Portfolio files are checked by content; the photo is re-encoded (metadata dropped).
  expectProblem(await upload(member, ca.id, 'photo', Buffer.from('not a picture'), 'image/png'), 422, 'validation', { fields: [{ field: 'file', code: 'not_photo' }] });
  expectProblem(await upload(member, ca.id, 'cv', Buffer.from('MZ executable'), 'application/pdf'), 422, 'validation', { fields: [{ field: 'file', code: 'not_document' }] });
  expectJson(await upload(member, ca.id, 'photo', png(16, 16, 'GPS 43.238949 76.889709'), 'image/png'), 200, 'photo');
  const photo = await member.get(`/api/v1/election-candidates/${ca.id}/files/photo`);
  assert.equal(photo.status, 200);
  assert.equal(photo.contentType, 'image/png');
  assert.ok(!photo.bytes.toString('latin1').includes('GPS'), 'the re-encoded photo keeps no metadata');
  expectProblem(await outsider.get(`/api/v1/election-candidates/${ca.id}/files/photo`), 403, 'forbidden');
  const consent = await member.get(`/api/v1/election-candidates/${ca.id}/consent.pdf?lang=kk`);
  assert.equal(consent.status, 200);
  assert.equal(consent.bytes.subarray(0, 5).toString('latin1'), '%PDF-');

  // ELEC-REG-3: in person; ELEC-REG-1: the whole portfolio.
  expectProblem(await member.post(`/api/v1/election-candidates/${ca.id}/register`, { documents_received: false }), 422, 'rule', { rule: 'ELEC-REG-3' });
  const incomplete = expectProblem(await member.post(`/api/v1/election-candidates/${ca.id}/register`, { documents_received: true }), 422, 'rule', { rule: 'ELEC-REG-1' });
  assert.deepEqual(incomplete.errors.map((e) => e.field).sort(), ['documents.consent', 'documents.cv', 'documents.recommendation', 'documents.transcript']);
  for (const x of [ca, cb, cc, cd]) await fullPortfolio(member, x.id);
  expectJson(await member.post(`/api/v1/election-candidates/${ca.id}/register`, { documents_received: true }), 200, 'register A');

  // ELEC-ELIG-1, each failed criterion named.
  const noLead = expectProblem(await member.post(`/api/v1/election-candidates/${cb.id}/register`, { documents_received: true }), 422, 'rule', { rule: 'ELEC-ELIG-1' });
  assert.deepEqual(noLead.errors.map((e) => e.field), ['eligibility.leadership']);
  expectJson(await member.patch(`/api/v1/election-candidates/${cb.id}`, { leadership_confirmed: true }), 200, 'confirm');
  expectJson(await member.post(`/api/v1/election-candidates/${cb.id}/register`, { documents_received: true }), 200, 'register B');
  const first = expectProblem(await member.post(`/api/v1/election-candidates/${cc.id}/register`, { documents_received: true }), 422, 'rule', { rule: 'ELEC-ELIG-1' });
  assert.deepEqual(first.errors.map((e) => e.field), ['eligibility.course', 'eligibility.leadership']);
  assert.ok(first.errors[0].message.length > 10, 'a readable reason');
  expectJson(await member.patch(`/api/v1/election-candidates/${cd.id}`, { leadership_confirmed: true }), 200, 'confirm D');
  const penalised = expectProblem(await member.post(`/api/v1/election-candidates/${cd.id}/register`, { documents_received: true }), 422, 'rule', { rule: 'ELEC-ELIG-1' });
  assert.deepEqual(penalised.errors.map((e) => e.field), ['eligibility.penalty']);
  // ORG-7: President for the two academic years before this one: not a third consecutive term.
  const twice = await student(4);
  for (const y of [year - 2, year - 1]) {
    expectJson(await admin.post(`/api/v1/bodies/${gov.id}/members`, { person_id: twice.person.id, position: 'president', starts_on: `${y}-09-01`, accepted_regulation: true }), 201, `president ${y}`);
  }
  const ct = expectJson(await member.post(`${E}/candidates`, { person_id: twice.person.id, program: 'Үшінші мерзім.' }), 201, 'nominate the President');
  await fullPortfolio(member, ct.id);
  const third = expectProblem(await member.post(`/api/v1/election-candidates/${ct.id}/register`, { documents_received: true }), 422, 'rule', { rule: 'ELEC-ELIG-1' });
  assert.deepEqual(third.errors.map((e) => e.field), ['eligibility.term_limit']);
  assert.equal(expectJson(await member.get(`${E}/candidates`), 200, 'list').items.find((x) => x.id === ct.id).eligibility.find((x) => x.criterion === 'term_limit').rule, 'ORG-7');

  // DISC-PEN-6: withdrawn, the penalty no longer counts.
  expectJson(await admin.post(`/api/v1/penalties/${penalty.id}/withdraw`, { withdrawn_on: `${year}-08-15` }), 200, 'withdraw');
  const cdList = expectJson(await member.get(`${E}/candidates`), 200, 'list').items.find((x) => x.id === cd.id);
  assert.equal(cdList.eligibility.find((x) => x.criterion === 'penalty').met, true);

  // ELEC-REG-2: open until the end of the day 14 days before election day.
  const late = await student(3);
  await moveTo(almaty(addDays(day, -14), 23, 59, 59));
  const lastMinute = expectJson(await member.post(`${E}/candidates`, { person_id: late.person.id, program: 'Соңғы минут.' }), 201, 'last second');
  server.set(almaty(addDays(day, -13), 0, 0, 0));
  expectProblem(await member.post(`/api/v1/election-candidates/${lastMinute.id}/register`, { documents_received: true }), 422, 'rule', { rule: 'ELEC-REG-2' });
  expectProblem(await member.post(`${E}/candidates`, { person_id: (await student(3)).person.id, program: 'Кеш.' }), 422, 'rule', { rule: 'ELEC-REG-2' });

  // ELEC-CAMP-3 before publication; ELEC-CAMP-1: no campaign before the list is published.
  expectProblem(await member.post(`${E}/publish-candidates`, {}), 422, 'rule', { rule: 'ELEC-CAMP-3' });
  expectProblem(await member.post(`/api/v1/election-candidates/${cc.id}/program-review`, { decision: 'rejected' }), 422, 'validation', { fields: [{ field: 'reason', code: 'required' }] });
  for (const x of [ca, cb]) expectJson(await member.post(`/api/v1/election-candidates/${x.id}/program-review`, { decision: 'approved' }), 200, 'approve');
  expectProblem(await member.post(`/api/v1/election-candidates/${ca.id}/materials`, { text: 'Маған дауыс беріңіз!' }), 422, 'rule', { rule: 'ELEC-CAMP-1' });
  const published = expectJson(await member.post(`${E}/publish-candidates`, {}), 200, 'publish');
  assert.equal(published.phase, 'campaign');
  // ELEC-CAMP-2: with the administration's approval: the commission publishes, the candidate cannot alone.
  expectProblem(await aClient.post(`/api/v1/election-candidates/${ca.id}/materials`, { text: 'Маған дауыс беріңіз!' }), 422, 'rule',
    { rule: 'ELEC-CAMP-2', fields: [{ field: 'text', code: 'rule' }] });
  expectJson(await member.post(`/api/v1/election-candidates/${ca.id}/materials`, { text: 'Маған дауыс беріңіз!' }), 201, 'campaign');
  const anon = new Client({ base: server.base });
  const inst = (await admin.get('/api/v1/me')).json.user.institution.id;
  const pub = expectJson(await anon.get(`/api/v1/public/institutions/${inst}/elections/${election.id}`), 200, 'public');
  assert.deepEqual(pub.candidates.map((x) => x.candidate_id).sort(), [ca.id, cb.id].sort(), 'registered candidates with approved programs only');
  assert.ok(!JSON.stringify(pub).includes(d.person.surname), 'others are not on the public page');
  assert.equal((await anon.get(`/api/v1/public/institutions/${inst}/election-candidates/${ca.id}/photo`)).status, 200);

  // The ballot (ELEC-DAY-3) and the roll (ELEC-1).
  const station = expectJson(await member.post(`${E}/stations`, { name: 'Бас ғимарат' }), 201, 'station');
  const voter1 = await student(1);
  const voter2 = await student(2);
  const paperVoter = await student(3);
  const paper2 = await student(2);
  const lateVoter = await student(4);
  const tooLate = await student(4);
  const codeVoter = await student(2);
  const approved = expectJson(await member.post(`${E}/ballot/approve`, {}), 200, 'ballot');
  assert.ok(approved.roll_size >= 6, 'every studying student is on the roll');
  // The election key: the two commission members are its trustees (both needed to decrypt); it
  // must exist before voting opens, and so must the codes.
  const started = expectJson(await member.post(`${E}/trustees/start`, {}), 200, 'ceremony');
  const trusteeClients = () => started.trustees.map((t) => (String(t.person_id) === String(chair.person.id) ? member : member2));
  assert.deepEqual(started.trustees.map((t) => String(t.person_id)).sort(), [chair.person.id, secretary.person.id].map(String).sort());
  const { dirs: trusteeDirs } = await toolCeremony(`${E}/trustees`, trusteeClients(), 2);
  // The codes (Belenios credentials): the whole roll at once, printed once, no revoting (ELEC-DAY-2).
  const codesCsv = await member.post(`${E}/credentials`, { revote: false });
  assert.equal(codesCsv.status, 200, codesCsv.text);
  assert.match(codesCsv.contentType, /^text\/csv/);
  const codes = new Map(parseVotingCodes(codesCsv.text).rows.map((r) => [r.student_number, r.code]));
  for (const v of [voter1, voter2, paperVoter, paper2, lateVoter, tooLate, codeVoter]) assert.ok(codes.has(v.person.student.student_number), 'a code for every voter on the roll');
  const code = codes.get(codeVoter.person.student.student_number);
  assert.match(code, /^[1-9A-HJ-NP-Za-km-z]{3}(-[1-9A-HJ-NP-Za-km-z]{3}){4}$/);
  const token = (who) => rollToken(codes.get(who.person.student.student_number));
  // The booth's question has exactly the ballot's candidates: one not on it cannot be chosen.
  const P = `/api/v1/public/institutions/${inst}/elections/${election.id}`;
  const booth = expectJson(await anon.get(`${P}/belenios`), 200, 'booth');
  assert.deepEqual(booth.answers.map(String).sort(), [ca.id, cb.id].map(String).sort());
  const archiveDir = tempDir('kenes-archive-');
  await saveArchive(anon, P, JSON.parse(booth.election).uuid, archiveDir);
  // Each voter's ballot, made by belenios-tool with their code before election day.
  const ballotOf = (who, candidate) => toolBallot(archiveDir, booth.answers, codes.get(who.person.student.student_number), candidate.id);
  const b1 = ballotOf(voter1, ca);
  const b1again = ballotOf(voter1, cb);
  const bCode = ballotOf(codeVoter, cb);
  const bCodeAgain = ballotOf(codeVoter, ca);
  const b2 = ballotOf(voter2, cb);
  const bPaper = ballotOf(paperVoter, ca);
  const bLate = ballotOf(lateVoter, ca);
  const bTooLate = ballotOf(tooLate, ca);
  const devices2 = await toolBallots(archiveDir, JSON.parse(booth.election).uuid, booth.answers, Array.from({ length: 10 }, () => ({ code: codes.get(voter2.person.student.student_number), candidateId: cb.id })));
  const ballotPdf = await member.get(`${E}/ballot.pdf?lang=kk`);
  assert.equal(ballotPdf.status, 200);

  // ELEC-CAMP-1: the day before election day is silent.
  await moveTo(almaty(addDays(day, -2), 23, 59, 59));
  expectJson(await member.post(`/api/v1/election-candidates/${ca.id}/materials`, { text: 'Ертең сайлау!' }), 201, 'last campaign second');
  server.set(almaty(addDays(day, -1), 0, 0, 0));
  expectProblem(await member.post(`/api/v1/election-candidates/${ca.id}/materials`, { text: 'Тыныштық күні' }), 422, 'rule', { rule: 'ELEC-CAMP-1' });

  // ELEC-DAY-1: 09:00-18:00 Almaty.
  await moveTo(almaty(day, 8, 59, 59));
  const v1 = await voter1.client();
  expectProblem(await v1.post(`${E}/ballots`, { roll_token: token(voter1), ballot: b1 }), 422, 'rule', { rule: 'ELEC-DAY-1' });
  server.set(almaty(day, 9, 0, 0));
  const mine = expectJson(await v1.get(`${E}/my-ballot`), 200, 'my ballot');
  assert.equal(mine.voting_open, true);
  assert.deepEqual(mine.candidates.map((x) => x.candidate_id).sort(), [ca.id, cb.id].sort());
  // A tampered ballot (one digit of a proof changed) and a malformed one are refused, and stored nowhere.
  const tampered = b1.replace(/"response":"(\d+)(\d)"/, (_, head, dgt) => `"response":"${head}${(Number(dgt) + 1) % 10}"`);
  assert.notEqual(tampered, b1);
  const refused = expectProblem(await v1.post(`${E}/ballots`, { roll_token: token(voter1), ballot: tampered }), 422, 'validation');
  assert.equal(refused.errors[0].field, 'ballot');
  assert.match(refused.errors[0].code, /^(bad_(individual|overall)_proof|bad_signature)$/);
  expectProblem(await v1.post(`${E}/ballots`, { roll_token: token(voter1), ballot: '{"candidate_id":1}' }), 422, 'validation', { fields: [{ field: 'ballot', code: 'malformed' }] });
  assert.equal(expectJson(await anon.get(`${P}/board`), 200, 'board').trackers.length, 0, 'nothing stored by the refusals');
  const receipt = expectJson(await v1.post(`${E}/ballots`, { roll_token: token(voter1), ballot: b1 }), 201, 'ballot').tracker;
  assert.equal(receipt, trackerOf(b1), 'the tracker is the hash of the ballot');
  // ELEC-DAY-2: once (the commission allowed no revote).
  expectProblem(await v1.post(`${E}/ballots`, { roll_token: token(voter1), ballot: b1again }), 422, 'rule', { rule: 'ELEC-DAY-2' });
  expectProblem(await member.post(`/api/v1/election-candidates/${ca.id}/materials`, { text: 'Сайлау күні' }), 422, 'rule', { rule: 'ELEC-CAMP-1' });

  // Voting with the code, without signing in: the booth sends the roll token derived from it.
  const byCode = new Client({ base: server.base });
  expectProblem(await byCode.post(`${P}/ballots`, { roll_token: rollToken('111-111-111-111-111'), ballot: bCode }),
    422, 'validation', { fields: [{ field: 'roll_token', code: 'invalid' }] });
  // Hex digits in either case are one token.
  const codeReceipt = expectJson(await byCode.post(`${P}/ballots`, { roll_token: token(codeVoter).toUpperCase(), ballot: bCode }), 201, 'code ballot').tracker;
  assert.notEqual(codeReceipt, receipt);
  expectProblem(await byCode.post(`${P}/ballots`, { roll_token: token(codeVoter), ballot: bCodeAgain }), 422, 'rule', { rule: 'ELEC-DAY-2' });
  expectProblem(await (await codeVoter.client()).post(`${E}/ballots`, { roll_token: token(codeVoter), ballot: bCodeAgain }), 422, 'rule', { rule: 'ELEC-DAY-2' });

  // ELEC-1: the roll is every studying student on the cut-off date; a student enrolled later is
  // not on it and has no code: signed in, they can only send another voter's roll token (refused,
  // nothing stored) or a token that is nobody's.
  const newcomer = await student(2);
  assert.ok(!parseVotingCodes(codesCsv.text).rows.some((r) => r.student_number === newcomer.person.student.student_number), 'no code for the newcomer');
  const nc = await newcomer.client();
  assert.equal(expectJson(await nc.get(`${E}/my-ballot`), 200, 'not on the roll').on_roll, false);
  expectProblem(await nc.post(`${E}/ballots`, { roll_token: token(voter2), ballot: b2 }), 422, 'validation', { fields: [{ field: 'roll_token', code: 'not_yours' }] });
  expectProblem(await nc.post(`${E}/ballots`, { roll_token: rollToken('222-222-222-222-222'), ballot: b2 }), 422, 'validation', { fields: [{ field: 'roll_token', code: 'invalid' }] });
  expectProblem(await member.post(`${E}/stations/${station.id}/issue`, { student_number: newcomer.person.student.student_number, paper_signature: true }), 422, 'validation',
    { fields: [{ field: 'student_number', code: 'not_on_roll' }] });
  // An account that is nobody on the roll at all (no person): ELEC-1 by name.
  const nobody = await createUser(admin, { roles: ['student'] });
  const nb = await signIn(nobody.login, { password: nobody.password, base: server.base });
  expectProblem(await nb.post(`${E}/ballots`, { roll_token: token(voter2), ballot: b2 }), 422, 'rule', { rule: 'ELEC-1' });

  // Ten devices of one voter at once, each with a ballot of its own (made beforehand): one ballot.
  const v2 = await voter2.client();
  const burst = await Promise.all(devices2.map((ballot) => v2.post(`${E}/ballots`, { roll_token: token(voter2), ballot })));
  assert.equal(burst.filter((r) => r.status === 201).length, 1, 'exactly one accepted');
  for (const r of burst.filter((x) => x.status !== 201)) expectProblem(r, 422, 'rule', { rule: 'ELEC-DAY-2' });
  const burstReceipt = burst.find((r) => r.status === 201).json.tracker;

  // The polling station: found by student number, ballot issued with a signature (ELEC-DAY-2).
  const found = expectJson(await member.get(`${E}/roll?student_number=${encodeURIComponent(paperVoter.person.student.student_number)}`), 200, 'find');
  assert.equal(found.voted, false);
  expectProblem(await member.post(`${E}/stations/${station.id}/issue`, { student_number: paperVoter.person.student.student_number }), 422, 'validation',
    { fields: [{ field: 'signature_png', code: 'required' }] });
  expectJson(await member.post(`${E}/stations/${station.id}/issue`, { student_number: paperVoter.person.student.student_number, signature_png: png(40, 20).toString('base64') }), 200, 'issued');
  expectProblem(await member.post(`${E}/stations/${station.id}/issue`, { student_number: voter1.person.student.student_number, paper_signature: true }), 422, 'rule', { rule: 'ELEC-DAY-2' });
  expectProblem(await (await paperVoter.client()).post(`${E}/ballots`, { roll_token: token(paperVoter), ballot: bPaper }), 422, 'rule', { rule: 'ELEC-DAY-2' });
  expectJson(await member2.post(`${E}/stations/${station.id}/issue`, { student_number: paper2.person.student.student_number, paper_signature: true }), 200, 'issued on paper');
  const turnout = expectJson(await member.get(`${E}/turnout`), 200, 'turnout');
  assert.equal(turnout.voted, 5);
  assert.ok(turnout.by_hour.some((h) => h.hour === 9 && h.online === 3 && h.station === 2));
  expectProblem(await outsider.get(`${E}/turnout`), 403, 'forbidden');

  server.set(almaty(day, 17, 59, 59));
  const late1 = await lateVoter.client();
  const lateReceipt = expectJson(await late1.post(`${E}/ballots`, { roll_token: token(lateVoter), ballot: bLate }), 201, 'last second ballot').tracker;
  expectProblem(await member.post(`${E}/close`, {}), 422, 'rule', { rule: 'ELEC-DAY-1' });
  server.set(almaty(day, 18, 0, 0));
  expectProblem(await (await tooLate.client()).post(`${E}/ballots`, { roll_token: token(tooLate), ballot: bTooLate }), 422, 'rule', { rule: 'ELEC-DAY-1' });
  expectProblem(await anon.post(`${P}/ballots`, { roll_token: token(tooLate), ballot: bTooLate }), 422, 'rule', { rule: 'ELEC-DAY-1' });

  // Close: the board's ballots equal the voters marked online; each voter finds their tracker.
  server.set(almaty(day, 18, 5));
  const closed = expectJson(await member.post(`${E}/close`, {}), 200, 'close');
  assert.match(closed.ballot_set_hash, /^[0-9a-f]{64}$/);
  assert.equal(closed.voters_marked_online, 4);
  expectProblem(await anon.post(`${P}/ballots`, { roll_token: token(tooLate), ballot: bTooLate }), 422, 'rule', { rule: 'ELEC-DAY-1' });
  const board = expectJson(await anon.get(`${P}/board`), 200, 'board');
  assert.deepEqual(board.trackers, [receipt, codeReceipt, burstReceipt, lateReceipt].sort(), 'one ballot per voter marked online, in tracker order');
  assert.ok(board.trackers.includes(receipt), 'the voter finds their tracker');
  assert.ok(board.trackers.includes(codeReceipt));
  assert.ok(board.encrypted_tally, 'the encrypted tally of the board');
  // No PostgreSQL xmin check any more: a board row and its voter's roll mark are written in one
  // transaction on both backends (booth_api.cpp), so a copy of the database can pair a voter with
  // a ciphertext; what keeps the ballot secret is that no choice exists to be paired, the
  // ciphertext opening only with both trustees' keys, which the server never holds (see the
  // election_board check below).

  // ELEC-CNT-1: every station counted, sums within the ballots issued (2 here).
  expectProblem(await member.post(`${E}/count`, {}), 422, 'rule', { rule: 'ELEC-CNT-1' });
  const over = expectProblem(await member.put(`${E}/stations/${station.id}/count`, { votes: [{ candidate_id: ca.id, votes: 2 }, { candidate_id: cb.id, votes: 1 }], invalid: 0, unknown_form: 0 }),
    422, 'rule', { rule: 'ELEC-CNT-1', fields: [{ field: 'votes', code: 'rule' }] });
  assert.ok(over.errors[0].message.includes('3') && over.errors[0].message.includes('2') && !over.errors[0].message.includes('{'), 'the message next to the field has its numbers');
  expectJson(await member.put(`${E}/stations/${station.id}/count`, { votes: [{ candidate_id: ca.id, votes: 1 }, { candidate_id: cb.id, votes: 0 }], invalid: 1, unknown_form: 0 }), 200, 'station count');
  // The online votes come from the trustees' decryption of the tally: both are needed.
  const needTwo = expectProblem(await member.post(`${E}/count`, {}), 409, 'conflict');
  assert.ok(/2/.test(needTwo.detail), needTwo.detail);
  await saveArchive(anon, P, JSON.parse(booth.election).uuid, archiveDir);
  const trustees = trusteeClients();
  for (const [i, t] of started.trustees.entries()) {
    expectJson(await trustees[i].post(`${E}/trustees/decryption`, { partial_decryption: toolDecrypt(trusteeDirs[i], archiveDir, t.number) }), 200, `decryption ${t.number}`);
  }
  const results = expectJson(await member.post(`${E}/count`, {}), 200, 'count');
  assert.equal(results.winner_candidate_id, ca.id);
  assert.deepEqual(results.candidates.map((x) => [x.candidate_id, x.online, x.paper]).sort(), [[ca.id, 2, 1], [cb.id, 2, 0]].sort());
  assert.equal(results.invalid, 1);
  assert.equal(results.voted, 6);

  // ELEC-RES-1: official on publication; until then the result is the commission's only.
  assert.equal(expectJson(await outsider.get(E), 200, 'as a student').results, null);
  expectProblem(await outsider.get(`${E}/protocol.pdf?lang=kk`), 403, 'forbidden');
  expectProblem(await outsider.get(`${E}/protocol`), 403, 'forbidden');
  assert.equal(expectJson(await member.get(E), 200, 'as the commission').results.winner_candidate_id, ca.id);

  // ELEC-CNT-2: the commission signs; then publication seats the President (ORG-7).
  expectProblem(await member.post(`${E}/publish-results`, {}), 422, 'rule', { rule: 'ELEC-CNT-2' });
  // ELEC-CNT-2: the commission signs; a student outside it is refused by the policy.
  expectProblem(await outsider.post(`${E}/protocol/sign`, {}), 403, 'forbidden');
  const half = expectJson(await member.post(`${E}/protocol/sign`, {}), 200, 'sign 1');
  assert.equal(half.status, 'draft');
  const final = expectJson(await member2.post(`${E}/protocol/sign`, {}), 200, 'sign 2');
  assert.equal(final.status, 'final');
  const protocol = await member.get(`${E}/protocol.pdf?lang=en`);
  assert.equal(protocol.status, 200);
  const text = execFileSync('pdftotext', ['-', '-'], { input: protocol.bytes, encoding: 'utf8' });
  assert.match(text, /Original 1 of 2/);
  assert.match(text, /Original 2 of 2/);
  const verified = expectJson(await anon.get(`/api/v1/public/election-protocols/${final.verification_code}`), 200, 'verify');
  assert.equal(verified.valid, true);
  expectJson(await member.post(`${E}/publish-results`, {}), 200, 'publish');
  const president = expectJson(await admin.get(`/api/v1/bodies/${gov.id}`), 200, 'government').members.find((m) => m.position === 'president');
  assert.equal(president?.person_id, a.person.id, 'the winner is President');
  assert.equal(expectJson(await outsider.get(E), 200, 'published').results.winner_candidate_id, ca.id);
  const publicResult = expectJson(await anon.get(`/api/v1/public/institutions/${inst}/elections/${election.id}`), 200, 'public results');
  assert.equal(publicResult.results.winner_candidate_id, ca.id);
  server.set('');
});

// The board of a verifiable election holds ciphertexts keyed by their public credential: no
// voter, no time; on SQLite without a rowid, so rows lie in credential order, not arrival order.
test(`[${BACKEND}] a stored ballot names no voter and keeps no time or insertion order`, { skip: !skip && KENES_DB.startsWith('sqlite:') ? false : 'reads the SQLite file' }, () => {
  const db = KENES_DB.slice(7);
  const columns = execFileSync('sqlite3', [db, "SELECT group_concat(name, ',') FROM pragma_table_info('election_board')"], { encoding: 'utf8' }).trim();
  assert.equal(columns, 'institution_id,election_id,credential,tracker,ballot');
  const sql = execFileSync('sqlite3', [db, "SELECT sql FROM sqlite_schema WHERE name = 'election_board'"], { encoding: 'utf8' });
  assert.match(sql, /WITHOUT ROWID/);
});
