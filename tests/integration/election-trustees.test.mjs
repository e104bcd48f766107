// The trustees' key ceremony of an election (issue 13; Belenios 2.0 spec 3.1.1 "Pedersen", 4.6):
// the trustees' messages come from Debian's belenios-tool (steps 1, 3 and 5), the server does steps
// 2, 4 and 6 itself, and what it stores is checked against belenios-tool's own make-trustees and
// make-election. Every refusal is checked: not a trustee, out of order, and each message the server
// must verify (spec 4.6.6).
import test, { before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BACKEND, KENES_BIN, signIn, expectJson, expectProblem, createUser, createPerson, cyrTag, cap, auditEntries, sameId,
} from './lib/client.mjs';
import { GROUP, haveBeleniosTool, only, tool } from './lib/belenios.mjs';

const skip = !KENES_BIN ? 'KENES_BIN is not set' : (!haveBeleniosTool() ? 'needs belenios-tool' : false);
let admin;

before(async () => { if (!skip) admin = await signIn('admin'); });


async function member() {
  const person = await createPerson(admin, { surname: cap(cyrTag()), name: cap(cyrTag(5)) });
  const u = await createUser(admin, { roles: ['curator'], person_id: person.id });
  return { person, client: await signIn(u.login, { password: u.password }) };
}

// An election whose commission has `n` members (signed in), plus an outsider curator.
async function electionWith(n) {
  const tag = cap(cyrTag(5));
  const gov = expectJson(await admin.post('/api/v1/bodies', { template: 'student_government', name: `Үкімет ${tag}` }), 201, 'government');
  const commission = expectJson(await admin.post('/api/v1/bodies', { template: 'election_commission', name: `Сайлау комиссиясы ${tag}` }), 201, 'commission');
  const members = [];
  for (let i = 0; i < n; i++) {
    const m = await member();
    expectJson(await admin.post(`/api/v1/bodies/${commission.id}/members`, { person_id: m.person.id, position: i === 0 ? 'chair' : 'member', starts_on: '2020-01-01', accepted_regulation: true }), 201, 'seat');
    members.push(m);
  }
  let created;
  for (let attempt = 0; attempt < 5 && created?.status !== 201; attempt++) {
    const year = 2100 + Math.floor(Math.random() * 5000);
    created = await admin.post('/api/v1/elections', { academic_year: `${year}-${year + 1}`, commission_body_id: commission.id, government_body_id: gov.id });
  }
  const election = expectJson(created, 201, 'election');
  // The server numbers the trustees by person id: sort ours the same way.
  members.sort((a, b) => Number(a.person.id) - Number(b.person.id));
  return { id: election.id, E: `/api/v1/elections/${election.id}/trustees`, members, outsider: await member() };
}

test(`[${BACKEND}] a 2-of-3 ceremony with belenios-tool trustees gives make-trustees' structure and the election key`, { skip, timeout: 300000 }, async () => {
  const { id, E, members, outsider } = await electionWith(3);
  const dirs = members.map(() => mkdtempSync(join(tmpdir(), 'kenes-trustee-')));
  const shared = mkdtempSync(join(tmpdir(), 'kenes-ceremony-'));
  try {
    // Not a trustee: 403 by the policy (a curator outside the commission), for every step and the status.
    expectProblem(await outsider.client.post(`${E}/start`, {}), 403, 'forbidden');
    expectProblem(await outsider.client.get(E), 403, 'forbidden');
    expectProblem(await outsider.client.post(`${E}/cert`, { cert: {} }), 403, 'forbidden');
    // Out of order: nothing before the start.
    const none = expectJson(await members[0].client.get(E), 200, 'status');
    assert.equal(none.state, 'not_started');
    expectProblem(await members[0].client.post(`${E}/cert`, { cert: {} }), 409, 'conflict');

    // The administration starts (and may follow) but is no trustee: it holds no key share.
    let s = expectJson(await admin.post(`${E}/start`, {}), 200, 'start');
    assert.equal(s.state, 'certs');
    assert.equal(s.kind, 'pedersen');
    assert.equal(s.threshold, 2, 'a majority of 3');
    assert.deepEqual(s.trustees.map((t) => String(t.person_id)), members.map((m) => String(m.person.id)));
    assert.deepEqual(s.trustees.map((t) => t.number), [1, 2, 3]);
    assert.equal(s.my_number, null);
    expectProblem(await admin.post(`${E}/cert`, { cert: {} }), 403, 'forbidden');
    // Restart before completion discards everything, the list is frozen again.
    s = expectJson(await members[1].client.post(`${E}/start`, {}), 200, 'restart');
    assert.equal(s.my_number, 2);

    // Step 1: certificates.
    const certs = dirs.map((dir) => { tool(dir, ['setup', 'generate-trustee-key-threshold', ...GROUP, '--step', '1']); return readFileSync(only(dir, '.cert'), 'utf8').trim(); });
    const tampered = JSON.parse(certs[0]);
    tampered.message = tampered.message.replace(/"verification":"(\d)/, (m, d) => `"verification":"${(Number(d) + 1) % 10}`);
    expectProblem(await members[0].client.post(`${E}/cert`, { cert: tampered }), 422, 'validation', { fields: [{ field: 'cert', code: 'invalid' }] });
    s = expectJson(await members[0].client.post(`${E}/cert`, { cert: JSON.parse(certs[0]) }), 200, 'cert 1');
    assert.deepEqual(s.trustees.map((t) => t.cert), [true, false, false]);
    assert.equal(s.certs, null, 'the certificates are handed out once all are in');
    expectProblem(await members[0].client.post(`${E}/cert`, { cert: JSON.parse(certs[0]) }), 409, 'conflict', { what: 'a second cert from the same trustee' });
    expectProblem(await members[1].client.post(`${E}/cert`, { cert: JSON.parse(certs[0]) }), 422, 'validation', { fields: [{ field: 'cert', code: 'duplicate' }] });
    expectProblem(await members[1].client.post(`${E}/polynomial`, { polynomial: {} }), 409, 'conflict', { what: 'polynomial before all certs' });
    expectJson(await members[1].client.post(`${E}/cert`, { cert: JSON.parse(certs[1]) }), 200, 'cert 2');
    s = expectJson(await members[2].client.post(`${E}/cert`, { cert: JSON.parse(certs[2]) }), 200, 'cert 3');
    assert.equal(s.state, 'polynomials');

    // Step 2 is the server's: the certificates in the trustees' order.
    s = expectJson(await members[0].client.get(E), 200, 'status');
    assert.equal(s.certs.length, 3);
    writeFileSync(join(shared, 'certs.jsons'), s.certs.map((c) => JSON.stringify(c)).join('\n') + '\n');
    for (const dir of dirs) writeFileSync(join(dir, 'certs.jsons'), readFileSync(join(shared, 'certs.jsons')));

    // Step 3: polynomials.
    const polys = dirs.map((dir) => tool(dir, ['setup', 'generate-trustee-key-threshold', ...GROUP, '--certs', 'certs.jsons', '--key', only(dir, '.key'), '--step', '3', '--threshold', '2']).trim());
    expectProblem(await members[0].client.post(`${E}/polynomial`, { polynomial: JSON.parse(polys[1]) }), 422, 'validation',
      { fields: [{ field: 'polynomial.coefexps', code: 'invalid' }], what: 'coefexps signed by another trustee' });
    const short = JSON.parse(polys[0]);
    short.secrets.pop();
    expectProblem(await members[0].client.post(`${E}/polynomial`, { polynomial: short }), 422, 'validation', { fields: [{ field: 'polynomial.secrets', code: 'invalid' }] });
    expectProblem(await members[0].client.get(`${E}/vinput`), 409, 'conflict', { what: 'vinput before all polynomials' });
    for (let i = 0; i < 3; i++) s = expectJson(await members[i].client.post(`${E}/polynomial`, { polynomial: JSON.parse(polys[i]) }), 200, `polynomial ${i + 1}`);
    assert.equal(s.state, 'voutputs');
    expectProblem(await members[0].client.post(`${E}/polynomial`, { polynomial: JSON.parse(polys[0]) }), 409, 'conflict');

    // Step 4 is the server's: each trustee gets only their own vinput (spec 4.6.5).
    const vinputs = [];
    for (let i = 0; i < 3; i++) {
      const v = expectJson(await members[i].client.get(`${E}/vinput`), 200, `vinput ${i + 1}`);
      assert.equal(v.number, i + 1);
      assert.equal(v.vinput.polynomial, JSON.parse(polys[i]).polynomial, 'its own polynomial');
      assert.deepEqual(v.vinput.secrets, polys.map((p) => JSON.parse(p).secrets[i]), 'the secrets meant for it');
      vinputs.push(v.vinput);
    }
    expectProblem(await admin.get(`${E}/vinput`), 403, 'forbidden');

    // Step 5: voutputs; belenios-tool checks the vinput itself (it would fail on a wrong routing).
    const voutputs = dirs.map((dir, i) => tool(dir, ['setup', 'generate-trustee-key-threshold', ...GROUP, '--certs', 'certs.jsons', '--key', only(dir, '.key'), '--step', '5'], JSON.stringify(vinputs[i])).trim());
    expectProblem(await members[0].client.post(`${E}/voutput`, { voutput: JSON.parse(voutputs[1]) }), 422, 'validation',
      { fields: [{ field: 'voutput.public_key', code: 'invalid' }], what: "a verification key that does not match the commitments at j" });
    expectJson(await members[0].client.post(`${E}/voutput`, { voutput: JSON.parse(voutputs[0]) }), 200, 'voutput 1');
    expectJson(await members[2].client.post(`${E}/voutput`, { voutput: JSON.parse(voutputs[2]) }), 200, 'voutput 3');
    s = expectJson(await members[1].client.post(`${E}/voutput`, { voutput: JSON.parse(voutputs[1]) }), 200, 'voutput 2');
    assert.equal(s.state, 'complete');

    // Step 6 by belenios-tool from the same messages, then make-trustees: byte for byte what the server stored.
    writeFileSync(join(shared, 'polynomials.jsons'), polys.join('\n') + '\n');
    writeFileSync(join(shared, 'threshold.json'), tool(shared, ['setup', 'generate-trustee-key-threshold', ...GROUP, '--certs', 'certs.jsons', '--step', '6', '--polynomials', 'polynomials.jsons'], voutputs.join('\n') + '\n'));
    writeFileSync(join(shared, 'public_keys.jsons'), '');
    tool(shared, ['setup', 'make-trustees']);
    const expected = readFileSync(join(shared, 'trustees.json'), 'utf8').trim();
    assert.equal(s.trustees_json, expected, 'the stored trustees structure is make-trustees\' output');
    writeFileSync(join(shared, 'trustees.json'), s.trustees_json);
    writeFileSync(join(shared, 'template.json'), JSON.stringify({ description: 'd', name: 'n', questions: [{ answers: ['a', 'b'], min: 1, max: 1, question: 'q' }] }));
    tool(shared, ['setup', 'make-election', '--uuid', tool(shared, ['setup', 'generate-token']).trim(), ...GROUP, '--template', 'template.json']);
    assert.equal(s.public_key, JSON.parse(readFileSync(join(shared, 'election.json'), 'utf8')).public_key, 'belenios-tool computes the same election key');
    assert.equal(s.fingerprint, tool(shared, ['sha256-b64'], s.trustees_json).trim());

    // Complete and immutable.
    expectProblem(await members[0].client.post(`${E}/start`, {}), 409, 'conflict', { what: 'restart after completion' });
    expectProblem(await members[0].client.post(`${E}/voutput`, { voutput: JSON.parse(voutputs[0]) }), 409, 'conflict');

    // Every step is audited against the election, with no secret in it.
    const audit = (await auditEntries(admin, { entity: 'election' })).filter((e) => sameId(e.entity_id, id));
    const actions = audit.map((e) => e.action);
    for (const a of ['election.trustees.start', 'election.trustees.restart', 'election.trustees.cert', 'election.trustees.polynomial',
      'election.trustees.vinputs', 'election.trustees.voutput', 'election.trustees.complete']) assert.ok(actions.includes(a), `audit ${a}: ${actions}`);
    assert.equal(actions.filter((a) => a === 'election.trustees.cert').length, 3);
    const keys = dirs.map((dir) => readFileSync(only(dir, '.key'), 'utf8').trim());
    for (const e of audit) for (const k of keys) assert.ok(!JSON.stringify(e).includes(k), 'no trustee seed in the audit');
  } finally {
    for (const d of [...dirs, shared]) rmSync(d, { recursive: true, force: true });
  }
});

test(`[${BACKEND}] a commission of one member makes a Single key; of none, no ceremony`, { skip, timeout: 120000 }, async () => {
  const { E, members } = await electionWith(1);
  const dir = mkdtempSync(join(tmpdir(), 'kenes-single-'));
  try {
    let s = expectJson(await members[0].client.post(`${E}/start`, {}), 200, 'start');
    assert.equal(s.kind, 'single');
    assert.equal(s.threshold, 1);
    tool(dir, ['setup', 'generate-trustee-key', ...GROUP]);
    const pub = JSON.parse(readFileSync(only(dir, '.pubkey'), 'utf8'));
    expectProblem(await members[0].client.post(`${E}/cert`, { cert: {} }), 409, 'conflict', { what: 'a certificate where a Single key is due' });
    expectProblem(await members[0].client.post(`${E}/public-key`, { public_key: { ...pub, public_key: '2' } }), 422, 'validation', { fields: [{ field: 'public_key', code: 'invalid' }] });
    s = expectJson(await members[0].client.post(`${E}/public-key`, { public_key: pub }), 200, 'public key');
    assert.equal(s.state, 'complete');
    writeFileSync(join(dir, 'public_keys.jsons'), JSON.stringify(pub) + '\n');
    tool(dir, ['setup', 'make-trustees']);
    assert.equal(s.trustees_json, readFileSync(join(dir, 'trustees.json'), 'utf8').trim());
    assert.equal(s.public_key, pub.public_key, 'a Single key is the election key');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const empty = await electionWith(0);
  expectProblem(await admin.post(`${empty.E}/start`, {}), 422, 'validation', { fields: [{ field: 'commission_body_id', code: 'no_members' }] });
});

test(`[${BACKEND}] the last two polynomials posted at once both land and the vinputs are computed`, { skip, timeout: 300000 }, async () => {
  const { E, members } = await electionWith(3);
  const dirs = members.map(() => mkdtempSync(join(tmpdir(), 'kenes-race-')));
  try {
    expectJson(await admin.post(`${E}/start`, {}), 200, 'start');
    const certs = dirs.map((dir) => { tool(dir, ['setup', 'generate-trustee-key-threshold', ...GROUP, '--step', '1']); return readFileSync(only(dir, '.cert'), 'utf8').trim(); });
    await Promise.all(members.map((m, i) => m.client.post(`${E}/cert`, { cert: JSON.parse(certs[i]) })));
    const s = expectJson(await members[0].client.get(E), 200, 'status');
    assert.equal(s.state, 'polynomials', 'three certificates at once: none lost');
    for (const dir of dirs) writeFileSync(join(dir, 'certs.jsons'), s.certs.map((c) => JSON.stringify(c)).join('\n') + '\n');
    const polys = dirs.map((dir) => tool(dir, ['setup', 'generate-trustee-key-threshold', ...GROUP, '--certs', 'certs.jsons', '--key', only(dir, '.key'), '--step', '3', '--threshold', '2']).trim());
    const res = await Promise.all(members.map((m, i) => m.client.post(`${E}/polynomial`, { polynomial: JSON.parse(polys[i]) })));
    for (const r of res) expectJson(r, 200, 'polynomial');
    for (const m of members) expectJson(await m.client.get(`${E}/vinput`), 200, 'every vinput is there');
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
});
