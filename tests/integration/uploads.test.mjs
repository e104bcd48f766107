// Uploads whose declared type lies about their content, empty or oversized files and media types
// a route does not take: the candidate portfolio (checked by content, never by the declared type)
// and the roster import. Each refusal is a clean 4xx problem+json and stores nothing.
// (Images of huge dimensions are covered with the photo dimension check, not here.)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { BACKEND, cap, createPerson, cyrTag, expectJson, expectProblem, signIn, studentNumber } from './lib/client.mjs';
import { newInstitution } from './lib/institution.mjs';
import { png, pdf } from './lib/clock-server.mjs';

const LIMIT = 5 * 1024 * 1024;   // a portfolio document (docs/openapi.yaml: maxLength 5242880)
const KINDS = ['photo', 'cv', 'consent', 'transcript', 'recommendation'];
let admin;
let candidate;
let requests = 0;

before(async () => {
  const sys = await signIn('sysadmin');
  ({ admin } = await newInstitution(sys));
  const tag = cap(cyrTag(5));
  const gov = expectJson(await admin.post('/api/v1/bodies', { template: 'student_government', name: `Үкімет ${tag}` }), 201, 'government');
  const commission = expectJson(await admin.post('/api/v1/bodies', { template: 'election_commission', name: `Комиссия ${tag}` }), 201, 'commission');
  // A far academic year: registration is open until two weeks before its election day.
  const year = 2100 + Math.floor(Math.random() * 5000);
  const election = expectJson(await admin.post('/api/v1/elections',
    { academic_year: `${year}-${year + 1}`, commission_body_id: commission.id, government_body_id: gov.id }), 201, 'election');
  const person = await createPerson(admin, { surname: cap(cyrTag()), name: cap(cyrTag(5)), student: { student_number: studentNumber(), course: 3, status: 'studying' } });
  candidate = expectJson(await admin.post(`/api/v1/elections/${election.id}/candidates`,
    { person_id: person.id, program: 'Бағдарлама.', program_lang: 'kk' }), 201, 'candidate');
});

const filePath = (kind) => `/api/v1/election-candidates/${candidate.id}/files/${kind}`;

async function put(kind, body, contentType) {
  requests++;
  const opts = { body, timeoutMs: 60000 };
  if (contentType !== undefined) opts.contentType = contentType;
  return admin.request('PUT', filePath(kind), opts);
}

async function stored(kind) {
  requests++;
  return admin.get(filePath(kind));
}

// Refused with a problem+json of the status (and the field error, when given), and nothing
// stored: a kind without a file still has none (404), one with a file keeps it byte for byte.
async function refused(kind, body, contentType, status, code, field) {
  const what = `${kind} as ${contentType} (${body.length} bytes)`;
  const before = await stored(kind);
  let res;
  try {
    res = await put(kind, body, contentType);
  } catch (e) {
    assert.fail(`${what}: no answer (${e.message})`);
  }
  expectProblem(res, status, code, { what, ...(field ? { fields: [{ field: 'file', code: field }] } : {}) });
  const after = await stored(kind);
  if (before.status === 404) expectProblem(after, 404, 'not_found', { what: `${what}: GET afterwards` });
  else assert.ok(after.status === 200 && after.bytes.equals(before.bytes), `${what}: the stored file changed`);
}

const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
const script = Buffer.from('#!/bin/sh\nrm -rf /\n');
const pdfGarbage = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x41), Buffer.from([0x00, 0xff, 0xfe])]);
const pngGarbage = Buffer.concat([png().subarray(0, 16), Buffer.alloc(512, 0x5a)]);

test(`[${BACKEND}] uploads: HTML, SVG and scripts declared as images or PDF are refused by their content and stored nowhere`, async () => {
  for (const bytes of [html, svg, script]) {
    for (const type of ['image/png', 'image/jpeg']) await refused('photo', bytes, type, 422, 'validation', 'not_photo');
    await refused('cv', bytes, 'application/pdf', 422, 'validation', 'not_document');
    await refused('transcript', bytes, 'image/png', 422, 'validation', 'not_document');
  }
  // A PDF is no photo, whatever it is called: a declared type the content contradicts is refused.
  await refused('photo', pdf('cv'), 'image/png', 422, 'validation', 'type_mismatch');
  // A PNG signature followed by garbage does not decode.
  await refused('photo', pngGarbage, 'image/png', 422, 'validation', 'image_damaged');
  // A PDF header with garbage and no end-of-file marker is no PDF.
  await refused('consent', pdfGarbage, 'application/pdf', 422, 'validation', 'not_document');
});

test(`[${BACKEND}] uploads: a PNG declared as application/pdf is refused as a mismatch; sent as what it is, it is kept and served as an attachment`, async () => {
  await refused('recommendation', png(), 'application/pdf', 422, 'validation', 'type_mismatch');
  const body = expectJson(await put('recommendation', png(), 'application/octet-stream'), 200, 'PNG as application/octet-stream');
  assert.ok(body.id !== undefined, JSON.stringify(body).slice(0, 200));
  const got = await stored('recommendation');
  assert.equal(got.status, 200, got.describe());
  assert.equal(got.contentType, 'image/png', 'the type is the content\'s, not the declared one');
  assert.match(String(got.header('content-disposition')), /^attachment; filename="recommendation\.png"$/);
  assert.equal(got.header('x-content-type-options'), 'nosniff');
  assert.ok(got.bytes.equals(png()), 'the bytes as uploaded');
});

test(`[${BACKEND}] uploads: an empty file is refused for every kind`, async () => {
  for (const kind of KINDS) {
    await refused(kind, Buffer.alloc(0), kind === 'photo' ? 'image/png' : 'application/pdf', 422, 'validation', kind === 'photo' ? 'not_photo' : 'not_document');
  }
});

test(`[${BACKEND}] uploads: media types a portfolio document is not are 415; an unknown kind is 404`, async () => {
  for (const type of ['text/html', 'image/svg+xml', 'application/javascript', 'multipart/form-data; boundary=x', 'application/json', 'text/csv', 'text/plain']) {
    await refused('cv', pdf('cv'), type, 415, 'unsupported_media_type');
  }
  expectProblem(await put('passport', pdf('x'), 'application/pdf'), 404, 'not_found');
  expectProblem(await put('..%2F..%2Fetc%2Fpasswd', pdf('x'), 'application/pdf'), 404, 'not_found');
});

// A document over its 5 MiB is a field error naming the limit (the form shows it by the file);
// a request over the 10 MiB upload limit is refused as a whole (413) before any handler.
test(`[${BACKEND}] uploads: a document of exactly 5 MiB is taken, one byte more is refused, a request over 10 MiB is 413`, { timeout: 120000 }, async () => {
  const big = (size) => {
    const head = Buffer.from('%PDF-1.4\n');
    const tail = Buffer.from('\n%%EOF\n');
    return Buffer.concat([head, Buffer.alloc(size - head.length - tail.length, 0x20), tail]);
  };
  const at = big(LIMIT);
  assert.equal(at.length, LIMIT);
  expectJson(await put('transcript', at, 'application/pdf'), 200, 'exactly the limit');
  const got = await stored('transcript');
  assert.equal(got.status, 200);
  assert.equal(got.bytes.length, LIMIT);
  await refused('cv', big(LIMIT + 1), 'application/pdf', 422, 'validation', 'too_large');
  await refused('cv', big(10 * 1024 * 1024 + 1), 'application/pdf', 413, 'too_large');
});

// ---------------------------------------------------------------------------------------------
// The roster import reads CSV text, whatever a file is called.

async function importsCount() {
  requests++;
  const res = await admin.get('/api/v1/audit?action=import.upload&limit=200');
  return expectJson(res, 200, 'audit').items.length;
}

async function upload(body, contentType) {
  requests++;
  return admin.request('POST', '/api/v1/imports?filename=roster.csv', { body, contentType, timeoutMs: 60000 });
}

test(`[${BACKEND}] uploads: the roster import refuses an empty file and media types it does not take (images, PDF, HTML, SVG, JSON)`, async () => {
  const before = await importsCount();
  expectProblem(await upload(Buffer.alloc(0), 'text/csv'), 422, 'validation', { what: 'an empty file', fields: [{ field: 'file', code: 'invalid' }] });
  for (const type of ['image/png', 'application/pdf', 'image/jpeg', 'text/html', 'image/svg+xml', 'application/json', 'multipart/form-data; boundary=x']) {
    expectProblem(await upload(Buffer.from('surname,name\nАхметов,Ерлан\n'), type), 415, 'unsupported_media_type', { what: type });
  }
  assert.equal(await importsCount(), before, 'no import stored');
});

// A binary file declared as CSV reads as Windows-1251 text of no roster: whatever the upload
// answers, committing it adds nobody.
test(`[${BACKEND}] uploads: a PNG or a PDF declared as a CSV roster adds nobody`, async () => {
  requests++;
  const count = async () => expectJson(await admin.get('/api/v1/people?limit=1'), 200, 'people').total;
  const people = await count();
  for (const [name, bytes] of [['png', png()], ['pdf', pdf('x')]]) {
    const res = await upload(bytes, 'text/csv');
    assert.ok(res.status < 500, `${name} as text/csv: ${res.describe()}`);
    if (res.status !== 201) {
      expectProblem(res, res.status, res.problem?.code, { what: `${name} as text/csv` });
      continue;
    }
    requests++;
    const commit = await admin.post(`/api/v1/imports/${res.json.id}/commit`, { mapping: { student_number: 0, surname: 0, name: 0 } });
    assert.ok(commit.status >= 400 && commit.status < 500, `${name}: commit ${commit.describe()}`);
    expectProblem(commit, commit.status, commit.problem?.code, { what: `${name}: commit` });
  }
  requests++;
  assert.equal(await count(), people, 'nobody added');
  console.log(`# uploads: ${requests} requests so far`);
});

test(`[${BACKEND}] uploads: a roster over the upload limit is 413 and stores nothing`, { timeout: 120000 }, async () => {
  const before = await importsCount();
  const line = 'IT000000001,Ахметов,Ерлан\n';
  const limit = 10 * 1024 * 1024;
  const body = Buffer.from(`student_number,surname,name\n${line.repeat(Math.ceil(limit / Buffer.byteLength(line)))}`).subarray(0, limit + 1);
  assert.equal(body.length, limit + 1);
  let res;
  try {
    res = await upload(body, 'text/csv');
  } catch (e) {
    assert.fail(`the server must answer 413, not drop the connection (${e.message})`);
  }
  expectProblem(res, 413, 'too_large');
  assert.equal(await importsCount(), before, 'no import stored');
  console.log(`# uploads: ${requests} requests in this file`);
});
