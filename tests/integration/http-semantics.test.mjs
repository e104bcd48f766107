// HTTP semantics that clients written by others rely on (issue 14, items 2 to 5), checked over raw
// sockets so nothing between the test and the server adds, drops or decodes a header: page links
// for every client that does not prefer JSON (with Vary: Accept), HEAD as GET without the body,
// If-None-Match by the weak comparison (W/, lists, *), single byte ranges with If-Range and 416,
// OPTIONS with Allow, 501 for unknown methods and 405 for writes to static files.
// A scratch server on a database and a static directory of its own serves what must not change
// under the test (a public list, a precompressed script); the suite's server serves the rest.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { BACKEND, BASE, signIn } from './lib/client.mjs';
import { scratchDatabase, scratchSkip } from './lib/scratch.mjs';
import { precompress } from '../../web/scripts/precompress.mjs';

const JS = `export const words = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => `сөз-${i}`))};\n`;
const HTML = `<!doctype html><html lang="kk"><head><meta charset="utf-8"><title>Kenes</title>${'<!-- shell -->'.repeat(60)}</head><body><div id="app"></div></body></html>\n`;
const JS_PATH = '/assets/app-0a1b2c.js';
const JS_BYTES = Buffer.from(JS, 'utf8');

let scratch, server, dir, institution;

before(async () => {
  if (scratchSkip) return;
  dir = mkdtempSync(join(tmpdir(), 'kenes-http-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), HTML);
  writeFileSync(join(dir, JS_PATH), JS);
  precompress(dir);
  scratch = scratchDatabase({ students: 1 });
  institution = scratch.institution;
  server = await scratch.serve({}, { staticDir: dir });
});

after(async () => {
  await scratch?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// One request on its own connection (Connection: close), written byte for byte; resolves when the
// server has closed it. `rest` is every byte after the header: the body, and for HEAD, 304 and 204
// it must be empty.
function raw(base, method, path, headers = {}, body = null) {
  const url = new URL(base);
  let text = `${method} ${path} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n`;
  for (const [k, v] of Object.entries(headers)) text += `${k}: ${v}\r\n`;
  if (body !== null) text += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
  text += '\r\n';
  return new Promise((resolve, reject) => {
    const chunks = [];
    const socket = net.connect({ host: url.hostname, port: Number(url.port) }, () => {
      socket.write(text);
      if (body !== null) socket.write(body);
    });
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    // A server that never ends the answer (a HEAD that streams, with a heartbeat that keeps the
    // socket busy) fails the test instead of hanging it.
    const guard = setTimeout(() => socket.destroy(new Error(`${method} ${path}: the answer did not end`)), 30000);
    socket.on('close', () => clearTimeout(guard));
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) { reject(new Error(`${method} ${path}: no complete header in ${JSON.stringify(all.toString('latin1'))}`)); return; }
      const lines = all.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number(lines[0].split(' ')[1]);
      const headerMap = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        headerMap[name] = name in headerMap ? `${headerMap[name]}, ${value}` : value;
      }
      const rest = all.subarray(end + 4);
      let json;
      if (/json/.test(headerMap['content-type'] ?? '') && rest.length) json = JSON.parse(rest.toString('utf8'));
      resolve({ status, headers: headerMap, rest, json, statusLine: lines[0], describe: () => `${lines[0]} ${JSON.stringify(headerMap)} ${rest.toString('utf8').slice(0, 300)}` });
    });
  });
}

const varyNames = (res) => (res.headers.vary ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);

// A complete 200/206 answer: the body is exactly Content-Length bytes.
function expectFull(res, status, what) {
  assert.equal(res.status, status, `${what}: ${res.describe()}`);
  assert.equal(res.headers['content-length'], String(res.rest.length), `${what}: Content-Length and the body`);
}

function expectProblemRaw(res, status, code, what) {
  assert.equal(res.status, status, `${what}: ${res.describe()}`);
  assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json\b/, `${what}: ${res.describe()}`);
  assert.equal(res.json?.code, code, `${what}: ${res.describe()}`);
}

// Every header of the GET, with the same value, and no body (RFC 9110 section 9.3.2); Connection
// is about the connection, not the resource.
async function expectHeadLikeGet(base, path, headers, what) {
  const get = await raw(base, 'GET', path, headers);
  const head = await raw(base, 'HEAD', path, headers);
  assert.equal(head.status, get.status, `${what}: ${head.describe()}`);
  assert.equal(head.rest.length, 0, `${what}: HEAD sent ${head.rest.length} bytes of body`);
  const names = (r) => Object.keys(r.headers).filter((n) => n !== 'connection').sort();
  assert.deepEqual(names(head), names(get), `${what}: header names`);
  for (const n of names(get)) assert.equal(head.headers[n], get.headers[n], `${what}: ${n}`);
  assert.equal(head.headers['content-length'], String(get.rest.length), `${what}: HEAD's Content-Length is the GET's body length`);
  return { get, head };
}

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

test(`[${BACKEND}] a page link answers the HTML shell to */*, no Accept and browsers, with Vary: Accept`, async () => {
  const pages = ['/verify/1P0123456789abcdef01234567', '/public/1', '/public/1/elections/2', '/login', '/people/5'];
  for (const path of pages) {
    for (const accept of ['*/*', null, 'text/html', BROWSER, 'text/html;q=0.9, application/json;q=0.9']) {
      const what = `GET ${path} Accept: ${accept ?? '(none)'}`;
      const res = await raw(BASE, 'GET', path, accept === null ? {} : { Accept: accept });
      expectFull(res, 200, what);
      assert.match(res.headers['content-type'] ?? '', /^text\/html\b/, what);
      assert.match(res.rest.toString('utf8'), /<html/i, what);
      assert.ok(varyNames(res).includes('accept'), `${what}: Vary ${res.headers.vary}`);
      assert.equal(res.headers['cache-control'], 'no-cache', what);
    }
    // Only a client that prefers JSON gets the API's 404, and it varies the same way.
    for (const accept of ['application/json', 'application/problem+json', 'application/json, */*;q=0.1']) {
      const res = await raw(BASE, 'GET', path, { Accept: accept });
      expectProblemRaw(res, 404, 'not_found', `GET ${path} Accept: ${accept}`);
      assert.ok(varyNames(res).includes('accept'), `GET ${path} Accept: ${accept}: Vary ${res.headers.vary}`);
    }
  }
  // The API stays under /api: no shell there for */*.
  expectProblemRaw(await raw(BASE, 'GET', '/api/v1/no-such-route', { Accept: '*/*' }), 404, 'not_found', '/api/v1/no-such-route */*');
  expectProblemRaw(await raw(BASE, 'GET', '/api/v1/no-such-route'), 404, 'not_found', '/api/v1/no-such-route without Accept');
});

test(`[${BACKEND}] HEAD sends exactly the GET's headers, Content-Length included, and no body`, { skip: scratchSkip }, async () => {
  const cases = [
    ['public API list', `/api/v1/public/institutions/${institution}/bodies`, {}, 200],
    ['public API list in Russian', `/api/v1/public/institutions/${institution}/bodies`, { 'Accept-Language': 'ru' }, 200],
    ['a 401 problem', '/api/v1/me', {}, 401],
    ['/healthz', '/healthz', {}, 200],
    ['the verify page for */*', '/verify/1P0123456789abcdef01234567', { Accept: '*/*' }, 200],
    ['the login page without Accept', '/login', {}, 200],
    ['the shell, gzip', '/', { 'Accept-Encoding': 'gzip' }, 200],
    ['a script, brotli', JS_PATH, { 'Accept-Encoding': 'br' }, 200],
    ['a script, plain', JS_PATH, {}, 200],
  ];
  for (const [what, path, headers, status] of cases) {
    const { get } = await expectHeadLikeGet(server.base, path, headers, what);
    assert.equal(get.status, status, `${what}: ${get.describe()}`);
    assert.ok(Number(get.headers['content-length']) > 0, `${what}: a body to announce`);
  }
  // Range is defined for GET only: a HEAD with one describes the whole representation.
  const head = await raw(server.base, 'HEAD', JS_PATH, { Range: 'bytes=0-9' });
  assert.equal(head.status, 200, head.describe());
  assert.equal(head.headers['content-length'], String(JS_BYTES.length));
  assert.equal(head.rest.length, 0);
});

test(`[${BACKEND}] HEAD runs the GET's authentication and policy, and the head of an event stream ends`, async () => {
  const student = await signIn('student');
  const cookie = `kenes_session=${student.session}`;
  for (const path of ['/api/v1/audit', '/api/v1/people']) {
    const get = await raw(BASE, 'GET', path, { Cookie: cookie, Accept: 'application/json' });
    const head = await raw(BASE, 'HEAD', path, { Cookie: cookie, Accept: 'application/json' });
    assert.equal(head.status, get.status, `${path}: ${head.describe()}`);
    assert.ok([401, 403].includes(get.status), `a student may not read ${path}: ${get.describe()}`);
    assert.equal(head.rest.length, 0);
    assert.equal((await raw(BASE, 'HEAD', path)).status, 401, `HEAD ${path} without a session`);
  }
  const me = await raw(BASE, 'HEAD', '/api/v1/me', { Cookie: cookie });
  assert.equal(me.status, 200, me.describe());
  assert.equal(me.rest.length, 0);
  // The head of an event stream: its headers, no Content-Length (the stream has none) and no
  // events; the server ends the answer instead of streaming.
  const events = await raw(BASE, 'HEAD', '/api/v1/me/notifications/events', { Cookie: cookie, Accept: 'text/event-stream' });
  assert.equal(events.status, 200, events.describe());
  assert.match(events.headers['content-type'] ?? '', /^text\/event-stream/, events.describe());
  assert.equal(events.headers['content-length'], undefined, events.describe());
  assert.equal(events.rest.length, 0);
  // The same route answers JSON to a client that does not ask for a stream: both vary by Accept.
  assert.ok(varyNames(events).includes('accept'), `the stream: Vary ${events.headers.vary}`);
  const count = await raw(BASE, 'GET', '/api/v1/me/notifications/events', { Cookie: cookie, Accept: 'application/json' });
  expectFull(count, 200, 'the unread count as JSON');
  assert.ok(varyNames(count).includes('accept'), `the JSON: Vary ${count.headers.vary}`);
});

test(`[${BACKEND}] If-None-Match compares weakly and takes a list or *, for GET and HEAD`, { skip: scratchSkip }, async () => {
  const cases = [
    ['a script, brotli', JS_PATH, { 'Accept-Encoding': 'br' }],
    ['a script, plain', JS_PATH, {}],
    ['the shell of a page', '/public/1', { Accept: '*/*' }],
    ['a public API list', `/api/v1/public/institutions/${institution}/bodies`, {}],
  ];
  for (const [what, path, headers] of cases) {
    const first = await raw(server.base, 'GET', path, headers);
    expectFull(first, 200, what);
    const tag = first.headers.etag;
    assert.match(tag ?? '', /^"[^"]+"$/, `${what}: a strong ETag: ${first.describe()}`);
    for (const inm of [tag, `W/${tag}`, `"other", ${tag}`, `W/"other",W/${tag}`, '*']) {
      for (const method of ['GET', 'HEAD']) {
        const res = await raw(server.base, method, path, { ...headers, 'If-None-Match': inm });
        assert.equal(res.status, 304, `${what}: ${method} If-None-Match: ${inm}: ${res.describe()}`);
        assert.equal(res.rest.length, 0, `${what}: a 304 has no body`);
        assert.equal(res.headers.etag, tag, `${what}: the 304 names the tag`);
        assert.ok(res.headers['content-length'] === undefined || res.headers['content-length'] === first.headers['content-length'],
          `${what}: ${method} 304 Content-Length ${res.headers['content-length']} (RFC 9110 section 8.6)`);
      }
    }
    const other = await raw(server.base, 'GET', path, { ...headers, 'If-None-Match': '"other", W/"more"' });
    expectFull(other, 200, `${what}: other tags`);
  }
});

test(`[${BACKEND}] Range on a static file: 206 with Content-Range, 416, If-Range, several ranges`, { skip: scratchSkip }, async () => {
  const len = JS_BYTES.length;
  const whole = await raw(server.base, 'GET', JS_PATH);
  expectFull(whole, 200, 'whole');
  assert.equal(whole.headers['accept-ranges'], 'bytes');
  const tag = whole.headers.etag;

  const parts = [
    ['bytes=0-99', 0, 99],
    ['bytes=100-', 100, len - 1],
    ['bytes=-50', len - 50, len - 1],
    ['bytes=10-10', 10, 10],
    [`bytes=${len - 5}-${len + 1000}`, len - 5, len - 1],
  ];
  for (const [range, first, last] of parts) {
    const res = await raw(server.base, 'GET', JS_PATH, { Range: range });
    expectFull(res, 206, range);
    assert.equal(res.headers['content-range'], `bytes ${first}-${last}/${len}`, range);
    assert.ok(res.rest.equals(JS_BYTES.subarray(first, last + 1)), `${range}: the bytes`);
    assert.equal(res.headers.etag, tag, range);
    assert.match(res.headers['content-type'], /^text\/javascript/, range);
  }

  for (const range of [`bytes=${len}-`, `bytes=${len + 10}-${len + 20}`, 'bytes=-0']) {
    const res = await raw(server.base, 'GET', JS_PATH, { Range: range });
    expectProblemRaw(res, 416, 'range_not_satisfiable', range);
    assert.equal(res.headers['content-range'], `bytes */${len}`, range);
  }

  // If-Range: the part only while the tag is the same strong tag; otherwise all of it.
  const resumed = await raw(server.base, 'GET', JS_PATH, { Range: 'bytes=100-', 'If-Range': tag });
  expectFull(resumed, 206, 'If-Range with the current tag');
  assert.ok(resumed.rest.equals(JS_BYTES.subarray(100)));
  for (const ifRange of ['"changed"', `W/${tag}`, 'Sun, 06 Dec 2026 02:00:00 GMT']) {
    const res = await raw(server.base, 'GET', JS_PATH, { Range: 'bytes=100-', 'If-Range': ifRange });
    expectFull(res, 200, `If-Range: ${ifRange}`);
    assert.ok(res.rest.equals(JS_BYTES), `If-Range: ${ifRange}: the whole file`);
  }

  // Several ranges: the whole file, as RFC 9110 section 14.2 allows; a syntax error is ignored.
  for (const range of ['bytes=0-9,20-29', 'bytes=abc', 'lines=1-2']) {
    const res = await raw(server.base, 'GET', JS_PATH, { Range: range });
    expectFull(res, 200, range);
    assert.ok(res.rest.equals(JS_BYTES), range);
  }

  // The range counts in the bytes actually sent: two parts of the brotli variant make the whole
  // brotli body, which decompresses to the script.
  const br = await raw(server.base, 'GET', JS_PATH, { 'Accept-Encoding': 'br' });
  const brLen = br.rest.length;
  const a = await raw(server.base, 'GET', JS_PATH, { 'Accept-Encoding': 'br', Range: 'bytes=0-99' });
  const b = await raw(server.base, 'GET', JS_PATH, { 'Accept-Encoding': 'br', Range: 'bytes=100-', 'If-Range': br.headers.etag });
  expectFull(a, 206, 'first part of brotli');
  expectFull(b, 206, 'rest of brotli');
  assert.equal(a.headers['content-encoding'], 'br');
  assert.equal(b.headers['content-range'], `bytes 100-${brLen - 1}/${brLen}`);
  assert.equal(brotliDecompressSync(Buffer.concat([a.rest, b.rest])).toString('utf8'), JS);
});

test(`[${BACKEND}] OPTIONS lists a path's methods with Allow; unknown methods are 501; writes to files are 405`, { skip: scratchSkip }, async () => {
  const allowOf = (res) => (res.headers.allow ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const [path, expected] of [
    ['/api/v1/people', ['GET', 'HEAD', 'POST', 'OPTIONS']],
    ['/api/v1/institution', ['GET', 'HEAD', 'PATCH', 'OPTIONS']],
    ['/api/v1/session', ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS']],
    ['/healthz', ['GET', 'HEAD', 'OPTIONS']],
  ]) {
    const res = await raw(BASE, 'OPTIONS', path);
    assert.equal(res.status, 204, `OPTIONS ${path}: ${res.describe()}`);
    assert.deepEqual(allowOf(res).sort(), [...expected].sort(), `OPTIONS ${path}: Allow ${res.headers.allow}`);
    assert.equal(res.rest.length, 0);
    assert.equal(res.headers['content-length'], undefined, `OPTIONS ${path}: a 204 has no Content-Length (RFC 9110 section 8.6)`);
  }
  expectProblemRaw(await raw(BASE, 'OPTIONS', '/api/v1/no-such-route'), 404, 'not_found', 'OPTIONS on an unknown path');

  // A 405 names the same methods.
  const wrong = await raw(BASE, 'PUT', '/api/v1/people', { 'Content-Type': 'application/json' }, '{}');
  expectProblemRaw(wrong, 405, 'method_not_allowed', 'PUT /api/v1/people');
  assert.deepEqual(allowOf(wrong).sort(), ['GET', 'HEAD', 'OPTIONS', 'POST']);

  for (const path of [JS_PATH, '/', '/login']) {
    const options = await raw(server.base, 'OPTIONS', path);
    assert.equal(options.status, 204, `OPTIONS ${path}: ${options.describe()}`);
    assert.deepEqual(allowOf(options), ['GET', 'HEAD', 'OPTIONS'], `OPTIONS ${path}`);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await raw(server.base, method, path, { 'Content-Type': 'application/json' }, '{}');
      expectProblemRaw(res, 405, 'method_not_allowed', `${method} ${path}`);
      assert.deepEqual(allowOf(res), ['GET', 'HEAD', 'OPTIONS'], `${method} ${path}`);
    }
  }
  // The file is still there, unchanged.
  const after = await raw(server.base, 'GET', JS_PATH);
  assert.ok(after.rest.equals(JS_BYTES));

  for (const method of ['BREW', 'PROPFIND', 'TRACE', 'MKCOL']) {
    for (const path of ['/api/v1/people', '/api/v1/no-such-route', '/login', JS_PATH]) {
      const base = path === JS_PATH ? server.base : BASE;
      expectProblemRaw(await raw(base, method, path), 501, 'not_implemented', `${method} ${path}`);
    }
  }
});

// RFC 9111 section 4.1: a shared cache may answer a new request with a stored response only when
// every header field the stored response's Vary names has the same value in both requests (a
// field absent from both matches; `*` never does). This is the whole of what a cache between
// Kenes and its readers knows about languages.
function sharedCacheMayReuse(stored, storedRequest, newRequest) {
  const lower = (h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), String(v).trim()]));
  const a = lower(storedRequest);
  const b = lower(newRequest);
  return varyNames(stored).every((name) => name !== '*' && a[name] === b[name]);
}

test(`[${BACKEND}] an answer shaped by the request's language names Accept-Language in Vary: a shared cache keeps the Kazakh one from a Russian reader`, { skip: scratchSkip }, async () => {
  const path = `/api/v1/public/institutions/${institution}/bodies`;
  const kkRequest = { 'Accept-Language': 'kk' };
  const ruRequest = { 'Accept-Language': 'ru-RU,ru;q=0.9' };
  const kk = await raw(server.base, 'GET', path, kkRequest);
  const ru = await raw(server.base, 'GET', path, ruRequest);
  expectFull(kk, 200, 'kk');
  expectFull(ru, 200, 'ru');
  // The two really differ (positions are named in the reader's language), so reuse would be wrong.
  assert.notDeepEqual(kk.json, ru.json, 'the public list in kk and in ru');
  assert.equal(kk.headers['content-language'], 'kk');
  assert.equal(ru.headers['content-language'], 'ru');
  assert.notEqual(kk.headers.etag, ru.headers.etag, 'one tag per language');
  for (const res of [kk, ru]) assert.ok(varyNames(res).includes('accept-language'), `Vary ${res.headers.vary}`);
  assert.equal(sharedCacheMayReuse(kk, kkRequest, ruRequest), false, 'the Kazakh answer is not reused for a Russian reader');
  assert.equal(sharedCacheMayReuse(kk, kkRequest, { 'Accept-Language': 'kk' }), true, 'it is reused for the next Kazakh reader');
  assert.equal(sharedCacheMayReuse(kk, kkRequest, {}), false, 'nor for a reader who names no language');
  // A cache revalidating its Kazakh copy for a Russian reader gets the Russian answer, not a 304;
  // for a Kazakh reader the 304 repeats the Vary of the 200 (RFC 9110 section 15.4.5).
  const revalidatedRu = await raw(server.base, 'GET', path, { ...ruRequest, 'If-None-Match': kk.headers.etag });
  expectFull(revalidatedRu, 200, 'revalidated for ru');
  assert.deepEqual(revalidatedRu.json, ru.json);
  const revalidatedKk = await raw(server.base, 'GET', path, { ...kkRequest, 'If-None-Match': kk.headers.etag });
  assert.equal(revalidatedKk.status, 304, revalidatedKk.describe());
  assert.ok(varyNames(revalidatedKk).includes('accept-language'), `the 304: Vary ${revalidatedKk.headers.vary}`);
  const head = await raw(server.base, 'HEAD', path, ruRequest);
  assert.equal(head.headers.vary, ru.headers.vary, 'HEAD varies like GET');

  // A signed-in answer (no-store anyway) and a problem, in the reader's language, vary the same way.
  const student = await signIn('student');
  const mine = await raw(BASE, 'GET', '/api/v1/bodies', { Cookie: `kenes_session=${student.session}`, 'Accept-Language': 'ru' });
  expectFull(mine, 200, 'signed-in list');
  assert.ok(varyNames(mine).includes('accept-language'), `signed-in list: Vary ${mine.headers.vary}`);
  for (const [what, base, p, headers] of [
    ['an API 404', BASE, '/api/v1/no-such-route', {}],
    ['a 401', BASE, '/api/v1/bodies', {}],
    ['a page asked for as JSON', BASE, '/login', { Accept: 'application/json' }],
    ['an unknown method', BASE, '/api/v1/people', null],
  ]) {
    const kkProblem = await raw(base, headers ? 'GET' : 'BREW', p, { ...(headers ?? {}), 'Accept-Language': 'kk' });
    const ruProblem = await raw(base, headers ? 'GET' : 'BREW', p, { ...(headers ?? {}), 'Accept-Language': 'ru' });
    assert.match(kkProblem.headers['content-type'] ?? '', /^application\/problem\+json/, `${what}: ${kkProblem.describe()}`);
    assert.notEqual(kkProblem.json.title, ruProblem.json.title, `${what}: the title is translated`);
    assert.ok(varyNames(kkProblem).includes('accept-language'), `${what}: Vary ${kkProblem.headers.vary}`);
  }

  // A document negotiated without ?lang= varies; with ?lang= the URL names the language, and the
  // answer is the same whatever Accept-Language says.
  const chart = `/api/v1/public/institutions/${institution}/org-chart.svg`;
  const byHeader = await raw(server.base, 'GET', chart, { 'Accept-Language': 'ru' });
  expectFull(byHeader, 200, 'the chart by Accept-Language');
  assert.ok(varyNames(byHeader).includes('accept-language'), `the chart by Accept-Language: Vary ${byHeader.headers.vary}`);
  const byQuery = await raw(server.base, 'GET', `${chart}?lang=ru`, { 'Accept-Language': 'en' });
  expectFull(byQuery, 200, 'the chart by ?lang=');
  assert.ok(!varyNames(byQuery).includes('accept-language'), `the chart by ?lang=: Vary ${byQuery.headers.vary}`);
  assert.equal(byQuery.headers['content-language'], 'ru', 'the chart in Russian whatever Accept-Language says');
});

test(`[${BACKEND}] answers the language does not shape do not name Accept-Language: files, the HTML shell, health, the audit anchor, OPTIONS`, { skip: scratchSkip }, async () => {
  const cases = [
    ['a script', server.base, JS_PATH, {}],
    ['the shell of a page', server.base, '/public/1', { Accept: '*/*' }],
    ['the shell of /login', BASE, '/login', {}],
    ['/healthz', BASE, '/healthz', {}],
    ['the public audit anchor', server.base, `/api/v1/public/institutions/${institution}/audit-anchor`, {}],
  ];
  for (const [what, base, path, headers] of cases) {
    const kk = await raw(base, 'GET', path, { ...headers, 'Accept-Language': 'kk' });
    const ru = await raw(base, 'GET', path, { ...headers, 'Accept-Language': 'ru' });
    expectFull(kk, 200, what);
    assert.ok(!varyNames(kk).includes('accept-language'), `${what}: Vary ${kk.headers.vary}`);
    assert.equal(kk.headers['content-language'], undefined, `${what}: in no language`);
    assert.ok(kk.rest.equals(ru.rest), `${what}: the same bytes in every language`);
    assert.ok(sharedCacheMayReuse(kk, { ...headers, 'Accept-Language': 'kk' }, { ...headers, 'Accept-Language': 'ru' }), `${what}: one copy serves every language`);
  }
  const options = await raw(BASE, 'OPTIONS', '/api/v1/people', { 'Accept-Language': 'ru' });
  assert.equal(options.status, 204);
  assert.ok(!varyNames(options).includes('accept-language'), `OPTIONS: Vary ${options.headers.vary}`);
});
