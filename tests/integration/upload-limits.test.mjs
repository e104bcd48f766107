// Portfolio uploads that try to exhaust the server or pass one type off as another
// (PUT /api/v1/election-candidates/{id}/files/{kind}), on a server of its own so that its
// memory (VmHWM, the peak resident set, from /proc/<pid>/status) is this test's alone.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { BACKEND, KENES_BIN, KENES_DB, signIn, expectJson, expectProblem, createUser, createPerson, cyrTag, cap, studentNumber } from './lib/client.mjs';
import { startClockServer, almaty, randomYear, png, pdf, pngChunk } from './lib/clock-server.mjs';

const skip = KENES_BIN && KENES_DB ? false : 'needs KENES_BIN and KENES_DB';
const MiB = 1024 * 1024;
let server;
let member;      // the commission's chair, a student
let candidate;   // nominated, so the chair may upload its portfolio

function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)[1]);
  return { rss: kib('VmRSS') * 1024, peak: kib('VmHWM') * 1024 };
}

// Resets VmHWM to the current RSS (Linux clear_refs "5"), so the peak measured is this test's.
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;   // not permitted here: the peak then covers the server's whole (short) life
  }
}

// A PNG of width x height one-bit grey pixels whose IDAT holds every row, all zero: about 50 KB
// for 20000 x 20000, which a decoder expands to 1.6 GB of ARGB.
function hugePng(width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; ihdr[9] = 0;   // bit depth 1, greyscale
  const raw = Buffer.alloc((Math.ceil(width / 8) + 1) * height);
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
}

// A small PNG whose IDAT inflates to far more than its rows need (a zlib bomb in a valid image).
function zlibBombPng(width, height, inflatedBytes) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 2;
  const raw = Buffer.alloc(inflatedBytes);
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
}

// A progressive JPEG header (SOF2) claiming width x height, after JFIF and Exif segments.
function hugeJpeg(width, height) {
  const segment = (marker, payload) => {
    const len = Buffer.alloc(2); len.writeUInt16BE(payload.length + 2);
    return Buffer.concat([Buffer.from([0xff, marker]), len, payload]);
  };
  const sof = Buffer.from([8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.alloc(500, 0xff)])), segment(0xdb, Buffer.alloc(65, 1)), segment(0xc2, sof),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0, 0])), Buffer.alloc(2000, 0x55), Buffer.from([0xff, 0xd9])]);
}

const put = (client, kind, body, contentType, lang) =>
  client.request('PUT', `/api/v1/election-candidates/${candidate.id}/files/${kind}`, { body, contentType, ...(lang ? { lang } : {}) });

before(async () => {
  if (skip) return;
  server = await startClockServer();
  let admin = await signIn('admin', { base: server.base });
  const tag = cap(cyrTag(5));
  const gov = expectJson(await admin.post('/api/v1/bodies', { template: 'student_government', name: `Үкімет ${tag}` }), 201, 'government');
  const commission = expectJson(await admin.post('/api/v1/bodies', { template: 'election_commission', name: `Комиссия ${tag}` }), 201, 'commission');
  const student = (course) => createPerson(admin, { surname: cap(cyrTag()), name: cap(cyrTag(5)), student: { student_number: studentNumber(), course, status: 'studying' } });
  const chair = await student(4);
  const chairUser = await createUser(admin, { roles: ['curator'], person_id: chair.id });
  expectJson(await admin.post(`/api/v1/bodies/${commission.id}/members`, { person_id: chair.id, position: 'chair', starts_on: '2100-01-01', accepted_regulation: true }), 201, 'chair');
  // One election per academic year: another test file may have taken the year drawn.
  let created;
  for (let attempt = 0; attempt < 5 && created?.status !== 201; attempt++) {
    const year = randomYear(0);
    server.set(almaty(`${year}-08-20`, 10));
    member = await signIn(chairUser.login, { password: chairUser.password, base: server.base });
    created = await member.post('/api/v1/elections', { academic_year: `${year}-${year + 1}`, commission_body_id: commission.id, government_body_id: gov.id });
  }
  const election = expectJson(created, 201, 'election');
  admin = await signIn('admin', { base: server.base });
  const nominee = await student(3);
  candidate = expectJson(await member.post(`/api/v1/elections/${election.id}/candidates`, { person_id: nominee.id, program: 'Бағдарлама.', program_lang: 'kk' }), 201, 'nominate');
});
after(async () => { if (server) await server.stop(); });

test(`[${BACKEND}] three 20000x20000 PNGs and a JPEG at once are refused from their headers, the server stays under 300 MiB`, { skip, timeout: 60000 }, async () => {
  const pid = server.child.pid;
  const bomb = hugePng(20000, 20000);
  assert.ok(bomb.length < 100 * 1024, `the PNG is small on the wire (${bomb.length} bytes)`);
  // A normal photo first: this caller may upload, so the refusals below are about the images.
  expectJson(await put(member, 'photo', png(64, 64), 'image/png'), 200, 'a small photo');
  const before = memory(pid);
  const reset = resetPeak(pid);
  const answers = await Promise.all([
    put(member, 'photo', bomb, 'image/png', 'en'), put(member, 'photo', bomb, 'image/png', 'kk'), put(member, 'photo', bomb, 'image/png', 'ru'),
    put(member, 'photo', hugeJpeg(20000, 20000), 'image/jpeg', 'en'),
  ]);
  const after = memory(pid);
  console.log(`server ${pid}: VmRSS ${(before.rss / MiB).toFixed(1)} -> ${(after.rss / MiB).toFixed(1)} MiB, VmHWM ${(after.peak / MiB).toFixed(1)} MiB${reset ? ' (peak reset before the uploads)' : ' (whole life)'}`);
  assert.ok(after.peak < 300 * MiB, `peak resident memory ${(after.peak / MiB).toFixed(1)} MiB`);
  for (const [i, res] of answers.entries()) {
    const p = expectProblem(res, 422, 'validation', { fields: [{ field: 'file', code: 'photo_too_large' }], onlyFields: true, what: `upload ${i}` });
    assert.deepEqual([p.errors[0].field, p.errors[0].code], ['file', 'photo_too_large']);
  }
  // Localised, with the figures.
  assert.match(answers[0].problem.errors[0].message, /^The image is 20,000×20,000 pixels; a photo may be at most 4,096×4,096 pixels\.$/);
  assert.equal(answers[1].header('content-language'), 'kk');
  assert.match(answers[1].problem.errors[0].message, /фотосурет ең көбі/);
  assert.match(answers[2].problem.errors[0].message, /фотография может быть не больше/);
  assert.equal((await fetch(`${server.base}/readyz`)).status, 200, 'still serving');
});

// An upload the server answered 503 (every decoder stayed busy past its wait, as on a loaded
// machine) is sent again after the Retry-After it named, as a client does, until it is decided.
async function putUntilDecided(client, kind, body, contentType) {
  for (let attempt = 1; ; attempt++) {
    const res = await put(client, kind, body, contentType);
    if (res.status !== 503 || attempt === 10) return { res, attempts: attempt };
    expectProblem(res, 503, 'unavailable', { what: 'decoders busy' });
    const seconds = Number(res.header('retry-after'));
    assert.ok(seconds >= 1, `Retry-After names the wait (${res.header('retry-after')})`);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
}

test(`[${BACKEND}] three photos of the largest size at once are decoded, the server stays under 300 MiB`, { skip, timeout: 300000 }, async () => {
  const pid = server.child.pid;
  const largest = hugePng(4096, 4096);   // accepted: decoded (64 MiB of ARGB each), two at a time
  resetPeak(pid);
  const outcomes = await Promise.all([1, 2, 3].map(() => putUntilDecided(member, 'photo', largest, 'image/png')));
  const { peak } = memory(pid);
  console.log(`server ${pid}: VmHWM ${(peak / MiB).toFixed(1)} MiB after three 4096x4096 photos at once (attempts ${outcomes.map((o) => o.attempts).join(', ')})`);
  for (const { res } of outcomes) assert.equal(res.status, 200, res.describe());
  assert.ok(peak < 300 * MiB, `peak resident memory ${(peak / MiB).toFixed(1)} MiB`);
});

test(`[${BACKEND}] spoofed and damaged files are refused cleanly, never with a 500`, { skip, timeout: 60000 }, async () => {
  const pid = server.child.pid;
  resetPeak(pid);
  const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
  const cases = [
    // [what, kind, body, declared type, field code]
    ['a PNG sent as image/jpeg', 'photo', png(16, 16), 'image/jpeg', 'type_mismatch'],
    ['a PDF sent as a PNG scan', 'cv', pdf('cv'), 'image/png', 'type_mismatch'],
    ['an HTML file named .png', 'photo', html, 'image/png', 'not_photo'],
    ['an HTML file sent as a PDF', 'consent', html, 'application/pdf', 'not_document'],
    ['a PDF that never ends', 'transcript', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n'), 'application/pdf', 'not_document'],
    ['a PNG cut after its header', 'photo', png(64, 64).subarray(0, 60), 'image/png', 'image_damaged'],
    ['a PNG with a broken header CRC', 'photo', (() => { const b = Buffer.from(png(16, 16)); b[20] ^= 1; return b; })(), 'image/png', 'image_damaged'],
    ['a JPEG with scan data before its frame', 'photo', Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 4, 0, 0, 0xff, 0xd9]), 'image/jpeg', 'image_damaged'],
    ['a 10000x10000 scan', 'recommendation', hugeJpeg(10000, 10000), 'image/jpeg', 'scan_too_large'],
  ];
  for (const [what, kind, body, type, code] of cases) {
    const res = await put(member, kind, body, type, 'en');
    expectProblem(res, 422, 'validation', { fields: [{ field: 'file', code }], onlyFields: true, what });
  }
  const mismatch = await put(member, 'photo', png(16, 16), 'image/jpeg', 'en');
  assert.equal(mismatch.problem.errors[0].message, 'The file is PNG but was sent as JPEG. Save it with the right extension.');

  // A valid 1000x1000 PNG whose IDAT inflates to 100 MB, 33 times its rows: the decoder stops at
  // the rows it needs.
  const zbomb = zlibBombPng(1000, 1000, 100 * 1000 * 1000);
  assert.ok(zbomb.length < 1024 * 1024, `zlib bomb on the wire: ${zbomb.length} bytes`);
  const res = await put(member, 'photo', zbomb, 'image/png');
  const body = expectJson(res, 200, 'the zlib bomb is decoded as far as its rows and re-encoded');
  const photo = body.files.find((f) => f.kind === 'photo');
  assert.equal(photo.content_type, 'image/png');
  assert.ok(photo.size < 100 * 1024, `the re-encoded photo has no trailing data (${photo.size} bytes)`);
  const { peak } = memory(pid);
  assert.ok(peak < 300 * MiB, `peak resident memory ${(peak / MiB).toFixed(1)} MiB`);
  assert.equal((await fetch(`${server.base}/readyz`)).status, 200, 'still serving');
});
