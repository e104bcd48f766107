// The Student Government President election through the API (seed 003 §8), on a server of its own
// whose clock the test moves: every ELEC rule that refuses something is checked with its RULEBOOK
// ID at its boundary (one second before and after), and the secret ballot is checked in the data.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  BACKEND, KENES_BIN, KENES_DB, signIn, expectJson, expectProblem, createUser, createPerson, cyrTag, cap, studentNumber, uniq, Client,
} from './lib/client.mjs';
import { startClockServer, almaty, addDays, lastFridayOfSeptember, png, pdf, randomYear } from './lib/clock-server.mjs';
import { parseVotingCodes } from './lib/csv.mjs';

const skip = KENES_BIN && KENES_DB ? false : 'needs KENES_BIN and KENES_DB';
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

test(`[${BACKEND}] the President election end to end, each ELEC rule at its boundary`, { skip, timeout: 120000 }, async () => {
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
  // One-time voting codes: printed once, only their hash kept.
  const codes = await member.post(`${E}/voting-codes`, { student_numbers: [codeVoter.person.student.student_number] });
  assert.equal(codes.status, 200);
  assert.match(codes.contentType, /^text\/csv/);
  const code = parseVotingCodes(codes.text).rows[0].code;
  assert.match(code, /^[A-Z2-9]{4}(-[A-Z2-9]{1,4}){6}$/);
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
  expectProblem(await v1.post(`${E}/votes`, { candidate_id: ca.id }), 422, 'rule', { rule: 'ELEC-DAY-1' });
  server.set(almaty(day, 9, 0, 0));
  const mine = expectJson(await v1.get(`${E}/my-ballot`), 200, 'my ballot');
  assert.equal(mine.voting_open, true);
  assert.deepEqual(mine.candidates.map((x) => x.candidate_id).sort(), [ca.id, cb.id].sort());
  expectProblem(await v1.post(`${E}/votes`, { candidate_id: cc.id }), 422, 'validation', { fields: [{ field: 'candidate_id', code: 'invalid' }] });
  const receipt = expectJson(await v1.post(`${E}/votes`, { candidate_id: ca.id }), 201, 'vote').receipt;
  assert.match(receipt, /^[A-Z2-9]{4}(-[A-Z2-9]{1,4}){6}$/);
  // ELEC-DAY-2: once.
  expectProblem(await v1.post(`${E}/votes`, { candidate_id: cb.id }), 422, 'rule', { rule: 'ELEC-DAY-2' });
  expectProblem(await member.post(`/api/v1/election-candidates/${ca.id}/materials`, { text: 'Сайлау күні' }), 422, 'rule', { rule: 'ELEC-CAMP-1' });

  // Voting with the one-time code, without signing in.
  const byCode = new Client({ base: server.base });
  expectProblem(await byCode.post(`/api/v1/public/institutions/${inst}/elections/${election.id}/votes`, { code: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GG', candidate_id: cb.id }),
    422, 'validation', { fields: [{ field: 'code', code: 'invalid' }] });
  const codeReceipt = expectJson(await byCode.post(`/api/v1/public/institutions/${inst}/elections/${election.id}/votes`, { code: code.toLowerCase(), candidate_id: cb.id }), 201, 'code vote').receipt;
  assert.notEqual(codeReceipt, receipt);
  expectProblem(await byCode.post(`/api/v1/public/institutions/${inst}/elections/${election.id}/votes`, { code, candidate_id: ca.id }), 422, 'rule', { rule: 'ELEC-DAY-2' });
  expectProblem(await (await codeVoter.client()).post(`${E}/votes`, { candidate_id: ca.id }), 422, 'rule', { rule: 'ELEC-DAY-2' });

  // ELEC-1: the roll is every studying student on the cut-off date; a student enrolled later is not on it.
  const newcomer = await student(2);
  expectProblem(await (await newcomer.client()).post(`${E}/votes`, { candidate_id: ca.id }), 422, 'rule', { rule: 'ELEC-1' });

  // Ten devices of one voter at once: one ballot.
  const v2 = await voter2.client();
  const burst = await Promise.all(Array.from({ length: 10 }, () => v2.post(`${E}/votes`, { candidate_id: cb.id })));
  assert.equal(burst.filter((r) => r.status === 201).length, 1, 'exactly one accepted');
  for (const r of burst.filter((x) => x.status !== 201)) expectProblem(r, 422, 'rule', { rule: 'ELEC-DAY-2' });

  // The polling station: found by student number, ballot issued with a signature (ELEC-DAY-2).
  const found = expectJson(await member.get(`${E}/roll?student_number=${encodeURIComponent(paperVoter.person.student.student_number)}`), 200, 'find');
  assert.equal(found.voted, false);
  expectProblem(await member.post(`${E}/stations/${station.id}/issue`, { student_number: paperVoter.person.student.student_number }), 422, 'validation',
    { fields: [{ field: 'signature_png', code: 'required' }] });
  expectJson(await member.post(`${E}/stations/${station.id}/issue`, { student_number: paperVoter.person.student.student_number, signature_png: png(40, 20).toString('base64') }), 200, 'issued');
  expectProblem(await member.post(`${E}/stations/${station.id}/issue`, { student_number: voter1.person.student.student_number, paper_signature: true }), 422, 'rule', { rule: 'ELEC-DAY-2' });
  expectProblem(await (await paperVoter.client()).post(`${E}/votes`, { candidate_id: ca.id }), 422, 'rule', { rule: 'ELEC-DAY-2' });
  expectJson(await member2.post(`${E}/stations/${station.id}/issue`, { student_number: paper2.person.student.student_number, paper_signature: true }), 200, 'issued on paper');
  const turnout = expectJson(await member.get(`${E}/turnout`), 200, 'turnout');
  assert.equal(turnout.voted, 5);
  assert.ok(turnout.by_hour.some((h) => h.hour === 9 && h.online === 3 && h.station === 2));
  expectProblem(await outsider.get(`${E}/turnout`), 403, 'forbidden');

  server.set(almaty(day, 17, 59, 59));
  const late1 = await lateVoter.client();
  expectJson(await late1.post(`${E}/votes`, { candidate_id: ca.id }), 201, 'last second vote');
  expectProblem(await member.post(`${E}/close`, {}), 422, 'rule', { rule: 'ELEC-DAY-1' });
  server.set(almaty(day, 18, 0, 0));
  expectProblem(await (await tooLate.client()).post(`${E}/votes`, { candidate_id: ca.id }), 422, 'rule', { rule: 'ELEC-DAY-1' });

  // Close: the ballot-set hash; ballots equal voters marked online.
  server.set(almaty(day, 18, 5));
  const closed = expectJson(await member.post(`${E}/close`, {}), 200, 'close');
  assert.match(closed.ballot_set_hash, /^[0-9a-f]{64}$/);
  assert.equal(closed.online_ballots, 4);
  assert.equal(closed.voters_marked_online, 4);
  const receipts = expectJson(await anon.get(`/api/v1/public/institutions/${inst}/elections/${election.id}/receipts`), 200, 'receipts');
  assert.ok(receipts.receipts.includes(receipt), 'the voter finds their receipt');
  assert.equal(receipts.count, 4);
  if (KENES_DB.startsWith('postgresql')) {
    // PostgreSQL's row stamp (xmin) pairs rows written together: after the close every ballot
    // carries the closing transaction's id, shared with no roll row.
    const psql = (sql) => execFileSync('psql', [KENES_DB, '-At', '-c', sql], { encoding: 'utf8' }).trim();
    assert.equal(psql(`SELECT count(DISTINCT xmin::text) FROM ballots WHERE election_id = ${election.id}`), '1');
    assert.equal(psql(`SELECT count(*) FROM ballots b JOIN voter_roll v ON v.xmin::text = b.xmin::text WHERE b.election_id = ${election.id} AND v.election_id = ${election.id}`), '0');
  }
  assert.ok(receipts.receipts.includes(codeReceipt));

  // ELEC-CNT-1: every station counted, sums within the ballots issued (2 here).
  expectProblem(await member.post(`${E}/count`, {}), 422, 'rule', { rule: 'ELEC-CNT-1' });
  const over = expectProblem(await member.put(`${E}/stations/${station.id}/count`, { votes: [{ candidate_id: ca.id, votes: 2 }, { candidate_id: cb.id, votes: 1 }], invalid: 0, unknown_form: 0 }),
    422, 'rule', { rule: 'ELEC-CNT-1', fields: [{ field: 'votes', code: 'rule' }] });
  assert.ok(over.errors[0].message.includes('3') && over.errors[0].message.includes('2') && !over.errors[0].message.includes('{'), 'the message next to the field has its numbers');
  expectJson(await member.put(`${E}/stations/${station.id}/count`, { votes: [{ candidate_id: ca.id, votes: 1 }, { candidate_id: cb.id, votes: 0 }], invalid: 1, unknown_form: 0 }), 200, 'station count');
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

test(`[${BACKEND}] a stored ballot names no voter and keeps no time or insertion order`, { skip: !skip && KENES_DB.startsWith('sqlite:') ? false : 'reads the SQLite file' }, () => {
  const db = KENES_DB.slice(7);
  const columns = execFileSync('sqlite3', [db, "SELECT group_concat(name, ',') FROM pragma_table_info('ballots')"], { encoding: 'utf8' }).trim();
  assert.equal(columns, 'institution_id,election_id,receipt,candidate_id');
  const sql = execFileSync('sqlite3', [db, "SELECT sql FROM sqlite_schema WHERE name = 'ballots'"], { encoding: 'utf8' });
  assert.match(sql, /WITHOUT ROWID/);
});
