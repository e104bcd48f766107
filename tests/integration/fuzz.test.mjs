// A bounded, deterministic fuzz of every JSON route and of the roster import, in an institution of
// its own (so nothing shared is touched): malformed bodies never give a 5xx, every 4xx is
// problem+json with a code, and the server still answers /healthz after each route. The PRNG is
// seeded (KENES_FUZZ_SEED overrides the seed; a failure message names the seed and the case).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { BACKEND, BASE, Client, expectJson, rawRequest, signIn } from './lib/client.mjs';
import { serverRoutes, jsonRequestSchema, requestTypes, schemaTypes, deref } from './lib/routes.mjs';
import { MISSING_ID, fillPath, makeFixtures, newInstitution, plausibleBody } from './lib/institution.mjs';

const SEED = Number(process.env.KENES_FUZZ_SEED ?? 20261205);
const MAX_REQUESTS = 3000;
const HUGE = 100000;
const NESTING = 1000;

// mulberry32: small, fast, and the same sequence on every platform.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
// A per-route stream, so adding a route does not change the cases of the others.
function streamFor(key) {
  let h = SEED >>> 0;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return prng(h);
}
const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];

let F;           // the fuzz institution's fixtures
let clients;     // admin of the fuzz institution, the system admin, anonymous
let requests = 0;

before(async () => {
  const sys = await signIn('sysadmin');
  const inst = await newInstitution(sys);
  F = await makeFixtures(inst.admin, inst.tag);
  if (F.missing.length) console.log(`# fuzz fixtures not made: ${F.missing.join('; ')}`);
  clients = { admin: inst.admin, sysadmin: sys, anonymous: new Client() };
});

// A JSON value of none of the given types.
function wrongValue(rnd, types) {
  const all = [
    ['string', () => pick(rnd, ['', 'x', '0', 'true', '[]', '{}'])],
    ['integer', () => pick(rnd, [0, -1, 7, 2 ** 31])],
    ['number', () => pick(rnd, [1.5, -0.25])],
    ['boolean', () => pick(rnd, [true, false])],
    ['array', () => pick(rnd, [[], [1, 'a'], [[]]])],
    ['object', () => pick(rnd, [{}, { a: 1 }])],
    ['null', () => null],
  ];
  const allowed = new Set(types.flatMap((t) => (t === 'integer' ? ['integer'] : t === 'number' ? ['number', 'integer'] : [t])));
  const candidates = all.filter(([t]) => !allowed.has(t));
  return pick(rnd, candidates)[1]();
}

// A string of the field's pattern's shape whose parts are of the wrong kind ("aaaa-aaaa" for
// "^[0-9]{4}-[0-9]{4}$"), and values in range of the shape but not of the calendar.
function shapedGarbage(schema) {
  const out = [];
  const s = deref(schema) ?? {};
  if (s.pattern) {
    const shape = s.pattern.replace(/^\^|\$$/g, '')
      .replace(/\[[^\]]+\](\{(\d+)\})?/g, (_, _q, n) => 'a'.repeat(Number(n ?? 1)));
    out.push(shape, shape.replace(/a/g, '9'), shape.replace(/a/g, '0'));
  }
  if (s.format === 'date') out.push('2026-02-30', '0000-00-00', '99999-01-01', '2026-1-1');
  return [...new Set(out)];
}

// The cases of one route: {name, bytes, wellTyped}. wellTyped marks bodies every field of which
// has its type (only the shape of the JSON text is odd); sign-in skips those, since a well-typed
// wrong sign-in counts against the suite's per-address throttle.
function casesFor(route, rnd) {
  const schema = route.schema ?? { type: 'object', properties: {} };
  const props = Object.entries(schema.properties ?? {});
  const base = plausibleBody(schema, F).body;
  const text = JSON.stringify(base);
  const json = (name, value, wellTyped = false) => ({ name, bytes: Buffer.from(JSON.stringify(value), 'utf8'), wellTyped });
  const raw = (name, s, wellTyped = false) => ({ name, bytes: Buffer.isBuffer(s) ? s : Buffer.from(s, 'utf8'), wellTyped });
  const stringFields = props.filter(([, s]) => schemaTypes(s).includes('string')).map(([k]) => k);
  const numberFields = props.filter(([, s]) => schemaTypes(s).some((t) => t === 'integer' || t === 'number')).map(([k]) => k);
  const anyField = props.length ? pick(rnd, props)[0] : 'unexpected';
  const strField = stringFields.length ? pick(rnd, stringFields) : anyField;
  const numField = numberFields.length ? pick(rnd, numberFields) : anyField;
  const placeholder = '\u0001PLACEHOLDER\u0001';
  const withRaw = (field, bytes) => {
    const t = JSON.stringify({ ...base, [field]: placeholder });
    const [head, tail] = t.split(JSON.stringify(placeholder));
    return Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(tail, 'utf8')]);
  };
  const cut = Math.max(1, Math.floor(rnd() * (text.length - 1)));
  const cases = [
    raw('empty body', ''),
    raw(`truncated at ${cut}`, text.slice(0, cut)),
    json('an array instead of an object', [base]),
    raw('a bare string', '"x"'),
    raw(`objects nested ${NESTING} deep`, `{"${anyField}":`.repeat(NESTING) + '1' + '}'.repeat(NESTING)),
    raw(`arrays nested ${NESTING} deep in ${anyField}`, withRaw(anyField, Buffer.from('['.repeat(NESTING) + ']'.repeat(NESTING)))),
    raw(`duplicate key ${anyField}`, text.length > 2 ? `{"${anyField}":${JSON.stringify(wrongValue(rnd, []))},${text.slice(1)}` : `{"${anyField}":1,"${anyField}":2}`, true),
    json('an unknown field', { ...base, [`zz_unknown_${Math.floor(rnd() * 1e6)}`]: 1 }),
    raw(`invalid UTF-8 in ${strField}`, withRaw(strField, Buffer.concat([Buffer.from('"a'), Buffer.from(pick(rnd, [[0xc3, 0x28], [0xff, 0xfe], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xd0]])), Buffer.from('b"')]))),
    raw(`a raw NUL byte in ${strField}`, withRaw(strField, Buffer.from('"a\u0000b"', 'latin1'))),
    json(`an escaped NUL in ${strField}`, { ...base, [strField]: `a\u0000b` }, true),
    json(`a ${HUGE}-character ${strField}`, { ...base, [strField]: pick(rnd, ['я', 'a', '\u{1F600}']).repeat(HUGE) }, true),
    raw(`1e309 in ${numField}`, withRaw(numField, Buffer.from('1e309'))),
    raw(`-0 in ${numField}`, withRaw(numField, Buffer.from('-0')), true),
    raw(`2^63 in ${numField}`, withRaw(numField, Buffer.from(pick(rnd, ['9223372036854775808', '-9223372036854775809', '18446744073709551616', '1e-400', '0x10'])))),
  ];
  for (const [key, s] of props) {
    const types = schemaTypes(s);
    cases.push(json(`wrong type in ${key}`, { ...base, [key]: wrongValue(rnd, types) }));
    for (const g of shapedGarbage(s)) cases.push(json(`${key} = ${g}`, { ...base, [key]: g }, true));
  }
  return cases;
}

function routeInfo(r) {
  const types = requestTypes(r.method, r.path);
  return { ...r, types, schema: jsonRequestSchema(r.method, r.path) };
}

const routes = serverRoutes().map(routeInfo)
  .filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.types.includes('application/json'));

function clientFor(route) {
  if (route.permission === 'public') return clients.anonymous;
  if (route.permission === 'institutions.manage') return clients.sysadmin;
  return clients.admin;
}

function pathFor(route) {
  return fillPath(route.path, (kind) => {
    if (kind === 'kind') return 'photo';
    if (kind === 'code') return 'ABCD-EFGH';
    return F[kind] ?? MISSING_ID;
  });
}

// Checks one answer; returns a problem description or null.
function judge(res) {
  if (res.status >= 500) return `server error ${res.describe().slice(0, 300)}`;
  if (res.status >= 400) {
    if (!/^application\/problem\+json\b/i.test(res.contentType)) return `4xx without problem+json: ${res.describe().slice(0, 300)}`;
    if (typeof res.problem?.code !== 'string' || !res.problem.code) return `problem without a code: ${res.describe().slice(0, 300)}`;
  }
  return null;
}

async function send(client, method, path, bytes, contentType = 'application/json') {
  requests++;
  try {
    return await client.request(method, path, { body: bytes, contentType, timeoutMs: 20000 });
  } catch (e) {
    return { status: 0, describe: () => `no answer: ${e.message}`, contentType: '' };
  }
}

async function healthy() {
  requests++;
  try {
    return (await rawRequest(BASE, 'GET', '/healthz', { timeoutMs: 10000 })).status === 200;
  } catch {
    return false;
  }
}

test(`[${BACKEND}] fuzz: malformed JSON bodies on every JSON route (seed ${SEED})`, { timeout: 300000 }, async () => {
  const problems = [];
  const tally = {};
  const started = Date.now();
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    const rnd = streamFor(key);
    let cases = casesFor(route, rnd);
    if (key === 'POST /api/v1/session') cases = cases.filter((c) => !c.wellTyped);
    const client = clientFor(route);
    for (const c of cases) {
      if (requests >= MAX_REQUESTS - 200) break;   // the import fuzz needs its share
      const res = await send(client, route.method, pathFor(route), c.bytes);
      tally[res.status] = (tally[res.status] ?? 0) + 1;
      const bad = res.status === 0 ? res.describe() : judge(res);
      if (bad) problems.push(`${key} [${c.name}] (seed ${SEED}): ${bad}`);
    }
    if (!(await healthy())) {
      problems.push(`${key}: /healthz does not answer 200 after its cases (seed ${SEED})`);
      break;
    }
  }
  console.log(`# fuzz: ${routes.length} JSON routes, ${requests} requests in ${Date.now() - started} ms, statuses ${JSON.stringify(tally)}`);
  assert.ok(requests <= MAX_REQUESTS, `${requests} requests`);
  assert.deepEqual(problems, []);
});

// Roster files: bytes no spreadsheet would write. Every upload is answered without a 5xx; an
// accepted one is previewed and committed, and a commit that fails adds nobody.
function rosterCases(rnd) {
  const bytes = (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));
  const cp1251 = Buffer.from([0xc0, 0xf5, 0xec, 0xe5, 0xf2, 0xee, 0xe2]);   // "Ахметов"
  const header = 'student_number,surname,name\n';
  const many = Array.from({ length: 10000 }, (_, i) => `c${i}`).join(',');
  const utf16 = (s, be) => {
    const le = Buffer.from(s, 'utf16le');
    if (!be) return le;
    const out = Buffer.alloc(le.length);
    for (let i = 0; i + 1 < le.length; i += 2) { out[i] = le[i + 1]; out[i + 1] = le[i]; }
    return out;
  };
  const row = `IT${Math.floor(rnd() * 1e9)},Фаззов,Тест\n`;
  return [
    ['random bytes', bytes(4096)],
    ['random bytes after a header', Buffer.concat([Buffer.from(header), bytes(2048)])],
    ['UTF-8 and Windows-1251 mixed', Buffer.concat([Buffer.from(header + 'A1,Сәрсенова,Әлия\n'), Buffer.from('A2,'), cp1251, Buffer.from(',X\n')])],
    ['stray 0xFF bytes', Buffer.concat([Buffer.from(header), Buffer.from([0xff, 0xff, 0x2c, 0xfe, 0x0a])])],
    ['an unclosed quote', Buffer.from(`${header}A3,"Ахметов,Ерлан\nA4,Б,В\n`)],
    ['a quote in an unquoted cell', Buffer.from(`${header}A5,Ах"метов,Ерлан\n`)],
    ['10000 columns', Buffer.from(`${many}\n${many}\n`)],
    ['a 2 MB line', Buffer.from(`${header}A6,${'Ж'.repeat(1024 * 1024)},Е\n`)],
    ['100000 empty lines', Buffer.from(header + '\n'.repeat(100000))],
    ['CR-only line ends', Buffer.from(header.replace('\n', '\r') + row.replace('\n', '\r'))],
    ['NUL bytes', Buffer.from(`${header}A7,Ах\u0000мет,Е\u0000\n`, 'utf8')],
    ['UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(header + row)])],
    ['two UTF-8 BOMs', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(header + row)])],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16(header + row, false)])],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16(header + row, true)])],
    ['UTF-32 LE BOM', Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x00]), Buffer.from(header + row)])],
    ['a BOM alone', Buffer.from([0xef, 0xbb, 0xbf])],
    ['an empty file', Buffer.alloc(0)],
    ['only delimiters', Buffer.from(';;;;\n,,,,\n\t\t\t\n')],
    ['a header only', Buffer.from(header)],
  ];
}

async function peopleCount() {
  requests++;
  return expectJson(await clients.admin.get('/api/v1/people?limit=1'), 200, 'people count').total;
}

test(`[${BACKEND}] fuzz: roster files that are not rosters are refused or imported whole, never a 5xx (seed ${SEED})`, { timeout: 300000 }, async () => {
  const problems = [];
  const tally = {};
  const rnd = streamFor('roster import');
  const started = Date.now();
  const before = requests;
  const note = (what, res) => {
    tally[`${what} ${res.status}`] = (tally[`${what} ${res.status}`] ?? 0) + 1;
    const bad = res.status === 0 ? res.describe() : judge(res);
    if (bad) problems.push(bad);
    return !bad;
  };
  const badMappings = [{ surname: 9999999999999 }, { surname: -1 }, { surname: 1.5 }, { student_number: 0, surname: 0, name: 0 }, { nonsense: 1 }, []];
  for (const [name, body] of rosterCases(rnd)) {
    const type = pick(rnd, ['text/csv', 'text/csv; charset=windows-1251', 'application/octet-stream', 'text/plain']);
    const up = await send(clients.admin, 'POST', `/api/v1/imports?filename=${encodeURIComponent(`fuzz-${name}.csv`)}`, body, type);
    if (!note('upload', up)) { problems[problems.length - 1] = `upload [${name}]: ${problems[problems.length - 1]}`; continue; }
    if (up.status !== 201) continue;
    const id = up.json.id;
    const suggested = up.json.mapping ?? {};
    const columns = up.json.columns?.length ?? 0;
    const mapping = Object.keys(suggested).length ? suggested : { student_number: 0, surname: Math.min(1, columns), name: Math.min(2, columns) };
    const bad = pick(rnd, badMappings);
    for (const m of [bad, mapping]) {
      const pv = await send(clients.admin, 'POST', `/api/v1/imports/${id}/preview`, Buffer.from(JSON.stringify({ mapping: m })));
      if (!note('preview', pv)) problems[problems.length - 1] = `preview [${name}] ${JSON.stringify(m)}: ${problems[problems.length - 1]}`;
    }
    const count = await peopleCount();
    const commit = await send(clients.admin, 'POST', `/api/v1/imports/${id}/commit`, Buffer.from(JSON.stringify({ mapping })));
    if (!note('commit', commit)) problems[problems.length - 1] = `commit [${name}]: ${problems[problems.length - 1]}`;
    if (commit.status >= 400 || commit.status === 0) {
      const after = await peopleCount();
      if (after !== count) problems.push(`commit [${name}] failed with ${commit.status} but the people count went from ${count} to ${after}`);
    }
    if (!(await healthy())) { problems.push(`/healthz does not answer after [${name}]`); break; }
  }
  console.log(`# roster fuzz: ${requests - before} requests in ${Date.now() - started} ms, ${JSON.stringify(tally)}; ${requests} requests in this file`);
  assert.ok(requests <= MAX_REQUESTS, `${requests} requests`);
  assert.deepEqual(problems, []);
});
