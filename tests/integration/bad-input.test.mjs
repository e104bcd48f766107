// Bad input never yields a 500, a crash or a partial write: malformed JSON, oversized bodies and
// headers, invalid UTF-8, injection-looking strings, unknown routes and wrong methods.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, BACKEND, Client, cap, createPerson, cyrTag, expectJson, expectProblem, rawRequest, signIn, studentNumber,
} from './lib/client.mjs';

let admin;
let staff;

before(async () => {
  admin = await signIn('admin');
  staff = await signIn('staff', { lang: 'en' });
});

async function countByName(q) {
  const body = expectJson(await admin.get(`/api/v1/people?${new URLSearchParams({ q, limit: '200' })}`), 200, `search ${q}`);
  return body.total;
}

// A raw request with the staff session (cookie + CSRF) and a body given as bytes.
function staffRaw(method, path, body, headers = {}) {
  return staff.request(method, path, { body, contentType: 'application/json', ...(Object.keys(headers).length ? { headers } : {}) });
}

async function healthy(what) {
  const res = await rawRequest(BASE, 'GET', '/healthz');
  assert.equal(res.status, 200, `${what}: /healthz afterwards: ${res.describe()}`);
}

test(`[${BACKEND}] malformed JSON is 400 bad_json`, async () => {
  const tag = cap(cyrTag());
  const bodies = [
    `{"surname": "Қате", "name": "${tag}"`,
    `{"surname": "Қате", "name": "${tag}",}`,
    `{surname: "Қате", name: "${tag}"}`,
    `{"surname": 'Қате', "name": "${tag}"}`,
    `{"surname": "Қате", "name": "${tag}"} trailing`,
    '',
    ' ',
    'null garbage',
    '[' .repeat(100000),
  ];
  for (const b of bodies) {
    const res = await staffRaw('POST', '/api/v1/people', Buffer.from(b, 'utf8'));
    expectProblem(res, 400, 'bad_json', { lang: 'en', what: `body ${JSON.stringify(b.slice(0, 40))}` });
  }
  assert.equal(await countByName(tag), 0, 'nothing written');
  await healthy('malformed JSON');
});

test(`[${BACKEND}] a JSON body over 1 MiB is 413 too_large and the server keeps serving`, async () => {
  const tag = cap(cyrTag());
  const filler = 'а'.repeat(600 * 1024); // 2 bytes each in UTF-8: 1.2 MiB
  const body = Buffer.from(JSON.stringify({ surname: filler, name: tag }), 'utf8');
  assert.ok(body.length > 1024 * 1024);
  let res;
  let lastError;
  for (let attempt = 0; attempt < 2 && !res; attempt++) {
    try {
      res = await staffRaw('POST', '/api/v1/people', body);
    } catch (e) {
      lastError = e;
    }
  }
  assert.ok(res, `the server must answer 413, not drop the connection (${lastError?.message})`);
  expectProblem(res, 413, 'too_large', { lang: 'en' });
  assert.equal(await countByName(tag), 0, 'nothing written');

  // Exactly at the limit's scale but below it: accepted as far as size goes (422 for the too long surname).
  const below = Buffer.from(JSON.stringify({ surname: 'а'.repeat(400 * 1024), name: tag }), 'utf8');
  assert.ok(below.length < 1024 * 1024);
  expectProblem(await staffRaw('POST', '/api/v1/people', below), 422, 'validation',
    { fields: [{ field: 'surname', code: 'too_long' }] });

  // Login has the same limit.
  let login;
  try {
    login = await new Client().request('POST', '/api/v1/session', { body, contentType: 'application/json' });
  } catch (e) {
    assert.fail(`login with a huge body: the server dropped the connection (${e.message})`);
  }
  expectProblem(login, 413, 'too_large');
  await healthy('too large body');
});

test(`[${BACKEND}] invalid UTF-8 is refused with 400 or 422 and writes nothing`, async () => {
  const tag = cap(cyrTag());
  const pieces = [
    Buffer.from([0xc3, 0x28]), // invalid continuation
    Buffer.from([0xff, 0xfe]), // never valid
    Buffer.from([0xc0, 0xaf]), // overlong "/"
    Buffer.from([0xed, 0xa0, 0x80]), // UTF-16 surrogate encoded in UTF-8
    Buffer.from([0xd0]), // truncated sequence
  ];
  for (const bad of pieces) {
    const body = Buffer.concat([Buffer.from('{"surname":"'), bad, Buffer.from(`","name":"${tag}"}`)]);
    const res = await staffRaw('POST', '/api/v1/people', body);
    assert.ok([400, 422].includes(res.status), `bytes ${bad.toString('hex')}: ${res.describe()}`);
    expectProblem(res, res.status, res.status === 400 ? res.problem?.code : 'validation', { what: bad.toString('hex') });
    if (res.status === 400) assert.ok(['bad_json', 'bad_request'].includes(res.problem.code), res.describe());
  }
  // An escaped lone surrogate is valid JSON but not a valid string.
  const lone = await staffRaw('POST', '/api/v1/people', Buffer.from(`{"surname":"\\ud800","name":"${tag}"}`));
  assert.ok([400, 422].includes(lone.status), `lone surrogate: ${lone.describe()}`);
  // Control characters in names are refused.
  const ctrl = await staff.post('/api/v1/people', { surname: 'Бақ\u0000ыт', name: tag });
  const p = expectProblem(ctrl, 422, 'validation');
  assert.ok(p.errors?.some((e) => e.field === 'surname'), JSON.stringify(p.errors));
  // Invalid UTF-8 in the query string.
  const q = await staff.get('/api/v1/people?q=%FF%FE');
  assert.ok([200, 400, 422].includes(q.status), `q=%FF%FE: ${q.describe()}`);
  if (q.status !== 200) expectProblem(q, q.status, q.problem?.code);
  assert.equal(await countByName(tag), 0, 'nothing written');
  await healthy('invalid UTF-8');
});

test(`[${BACKEND}] SQL-injection-looking and <script> strings are stored verbatim and returned as JSON strings`, async () => {
  const tag = cap(cyrTag());
  const nasty = {
    surname: `O'Brien"); DROP TABLE people; --`,
    name: `<script>alert('${tag}')</script>`,
    patronymic: `${tag}' OR '1'='1`,
    student: { student_number: studentNumber() },
  };
  const before = expectJson(await admin.get('/api/v1/people?limit=1'), 200, 'count before').total;
  const created = await createPerson(staff, nasty);
  const res = await admin.get(`/api/v1/people/${created.id}`);
  const got = expectJson(res, 200, 'GET the nasty person');
  assert.match(res.contentType, /^application\/json\b/);
  assert.equal(res.header('x-content-type-options'), 'nosniff');
  for (const k of ['surname', 'name', 'patronymic']) assert.equal(got[k], nasty[k], k);
  // In the raw body the strings only occur inside JSON strings (a plain or \u-escaped rendering).
  assert.ok(!res.text.replace(/"(?:[^"\\]|\\.)*"/g, '""').includes('<'), 'markup outside JSON strings');

  // Searching with injection-looking or wildcard queries neither fails nor matches everything.
  const all = expectJson(await admin.get('/api/v1/people?limit=1'), 200, 'count after').total;
  assert.ok(all >= before + 1, 'the table still works');
  for (const q of [`' OR '1'='1`, `" OR ""="`, '%', '_', '%%', '\\', `${tag}' OR '1'='1`, `'; DROP TABLE people; --`]) {
    const r = expectJson(await admin.get(`/api/v1/people?${new URLSearchParams({ q, limit: '5' })}`), 200, `q=${q}`);
    assert.ok(r.total < all, `q=${q} must not match everyone (${r.total} of ${all})`);
  }
  const byTag = expectJson(await admin.get(`/api/v1/people?${new URLSearchParams({ q: `${tag}' OR '1'='1` })}`), 200, 'q with tag');
  assert.ok(byTag.items.every((x) => x.patronymic === nasty.patronymic || x.name.includes(tag)), 'only the verbatim match');
  expectProblem(await admin.get(`/api/v1/people/${encodeURIComponent("1 OR 1=1")}`), 404, 'not_found');
  expectProblem(await admin.get(`/api/v1/people/${encodeURIComponent("1'; DROP TABLE people; --")}`), 404, 'not_found');
  const still = expectJson(await admin.get('/api/v1/people?limit=1'), 200, 'table still works');
  assert.ok(still.total >= all);
  // The nasty strings also work in a PATCH and survive a round trip.
  const patched = expectJson(await staff.patch(`/api/v1/people/${created.id}`, { surname: `Robert'); DELETE FROM people WHERE ('1'='1` }),
    200, 'PATCH with an injection-looking surname');
  assert.equal(patched.surname, `Robert'); DELETE FROM people WHERE ('1'='1`);
  const stillAfter = expectJson(await admin.get('/api/v1/people?limit=1'), 200, 'table still works after PATCH');
  assert.ok(stillAfter.total >= all);
});

test(`[${BACKEND}] an unknown route is 404 problem+json`, async () => {
  for (const path of ['/api/v1/nope', '/api/v2/people', '/api/v1/people/1/unknown', '/api/v1/', '/api/v1/people/%zz']) {
    const anon = await new Client({ lang: 'ru' }).get(path);
    expectProblem(anon, anon.status === 400 ? 400 : 404, anon.status === 400 ? 'bad_request' : 'not_found', { lang: 'ru', what: `anonymous ${path}` });
    const signed = await admin.get(path);
    expectProblem(signed, signed.status === 400 ? 400 : 404, signed.status === 400 ? 'bad_request' : 'not_found', { what: path });
  }
  expectProblem(await new Client().get('/api/v1/nope'), 404, 'not_found', { lang: 'kk' });
});

test(`[${BACKEND}] a wrong method is 405 problem+json with Allow`, async () => {
  const cases = [
    ['DELETE', '/api/v1/institution', ['GET', 'PATCH']],
    ['PUT', '/api/v1/people', ['GET', 'POST']],
    ['DELETE', '/api/v1/people', ['GET', 'POST']],
    ['POST', '/api/v1/audit', ['GET']],
    ['PUT', '/api/v1/me', ['GET', 'PATCH']],
  ];
  for (const [method, path, allowed] of cases) {
    const res = await admin.request(method, path, { json: {} });
    expectProblem(res, 405, 'method_not_allowed', { what: `${method} ${path}` });
    const allow = (res.header('allow') ?? '').split(',').map((s) => s.trim().toUpperCase());
    for (const m of allowed) assert.ok(allow.includes(m), `${method} ${path}: Allow ${res.header('allow')} must include ${m}`);
  }
  const anon = await new Client({ lang: 'en' }).request('POST', '/healthz', { json: {} });
  expectProblem(anon, 405, 'method_not_allowed', { lang: 'en' });
});

test(`[${BACKEND}] oversized headers are 431 or 400, and the server still serves`, async () => {
  const huge = 'x'.repeat(16 * 1024);
  const tries = [
    ['one huge header', { 'X-Filler': huge }, '/api/v1/session'],
    ['many headers', Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`X-Filler-${i}`, 'y'.repeat(100)])), '/api/v1/session'],
    ['huge cookie', { Cookie: `kenes_session=${huge}` }, '/api/v1/me'],
    ['huge URL', {}, `/api/v1/people?q=${'a'.repeat(16 * 1024)}`],
  ];
  for (const [what, headers, path] of tries) {
    let res;
    try {
      res = await rawRequest(BASE, 'GET', path, { headers });
    } catch (e) {
      assert.fail(`${what}: the server must answer 431 or 400, not drop the connection (${e.message})`);
    }
    assert.ok([400, 414, 431].includes(res.status), `${what}: ${res.describe()}`);
    await healthy(what);
  }
  // A header just below the limit is fine.
  const ok = await rawRequest(BASE, 'GET', '/healthz', { headers: { 'X-Filler': 'z'.repeat(4 * 1024) } });
  assert.equal(ok.status, 200, ok.describe());
});

test(`[${BACKEND}] odd but well-formed JSON values are validated, not crashed on`, async () => {
  const tag = cap(cyrTag());
  const bodies = [
    `{"surname":"Сан","name":"${tag}","student":{"student_number":"${studentNumber()}","course":1e400}}`,
    `{"surname":"Сан","name":"${tag}","student":{"student_number":"${studentNumber()}","course":2.5}}`,
    `{"surname":"Сан","name":"${tag}","student":{"student_number":"${studentNumber()}","course":-1}}`,
    `{"surname":"Сан","name":"${tag}","student":{"student_number":"${studentNumber()}","course":99999999999999999999}}`,
    `{"surname":"Сан","name":"${tag}","student":{"student_number":"${studentNumber()}","academic_debt":"yes"}}`,
    `{"surname":"Сан","name":"${tag}","student":"${studentNumber()}"}`,
    `{"surname":["Сан"],"name":"${tag}"}`,
    `{"surname":{"kk":"Сан"},"name":"${tag}"}`,
    `{"surname":null,"name":"${tag}"}`,
  ];
  for (const b of bodies) {
    const res = await staffRaw('POST', '/api/v1/people', Buffer.from(b));
    assert.ok([400, 422].includes(res.status), `${b}: ${res.describe()}`);
    expectProblem(res, res.status, res.status === 400 ? res.problem?.code : 'validation', { what: b });
  }
  assert.equal(await countByName(tag), 0, 'nothing written');
});

test(`[${BACKEND}] after all bad input the server still answers /healthz and the API`, async () => {
  await healthy('bad input suite');
  expectJson(await admin.get('/api/v1/people?limit=1'), 200, 'GET /people');
});
