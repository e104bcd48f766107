// An election ready for voting, made through the API: a commission and a government, two
// registered candidates with approved programs, the list published, the ballot approved and
// one-time voting codes for the voters asked for. The server's clock is set along the way.
import assert from 'node:assert/strict';
import { expectJson, createUser, createPerson, cyrTag, cap, studentNumber, signIn } from './client.mjs';
import { almaty, lastFridayOfSeptember, png, pdf, randomYear } from './clock-server.mjs';
import { parseVotingCodes } from './csv.mjs';

// `names` gives the first voters their person fields ({surname, name, student: {group_id}}); generated otherwise.
export async function readyElection(server, { voters = 0, names = [], codes: issueCodes = true } = {}) {
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
  for (const course of [2, 3]) {
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
  const codes = new Map();
  if (numbers.length && issueCodes) {
    const csv = await member.post(`${E}/voting-codes`, { student_numbers: numbers });
    assert.equal(csv.status, 200, csv.text);
    for (const row of parseVotingCodes(csv.text).rows) codes.set(row.student_number, row.code);
  }
  const inst = (await admin.get('/api/v1/me')).json.user.institution.id;
  return { year, day, election, E, inst, candidates, codes, voterNumbers: numbers, voters: voterPersons, chair: chairUser, chairPerson: chair, member, admin, commissionId: commission.id };
}
