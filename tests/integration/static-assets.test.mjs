// The built UI's files with their precompressed variants: the web build writes x.gz and x.br
// beside x (web/scripts/precompress.mjs) and the server sends the best one the client accepts
// (br, then gzip, q=0 refuses), with Content-Encoding, Vary and an ETag per variant, and the
// plain file otherwise. A scratch server serves a directory this test builds with the real
// precompress step, so the test does not depend on web/dist having been built.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { BACKEND, BASE, REPO_ROOT, rawRequest } from './lib/client.mjs';
import { scratchDatabase, scratchSkip } from './lib/scratch.mjs';
import { precompress } from '../../web/scripts/precompress.mjs';

const JS = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `сөз-${i}`))};\n`;
const CSS = `.tiny{color:red}\n`; // below the precompress threshold: no variants
const HTML = `<!doctype html><html lang="kk"><head><meta charset="utf-8"><title>Kenes</title>${'<!-- shell -->'.repeat(60)}</head><body><div id="app"></div></body></html>\n`;
const JS_PATH = '/assets/app-a1b2c3.js';
const CSS_PATH = '/assets/style-d4e5f6.css';

let scratch, server, dir;

before(async () => {
  if (scratchSkip) return;
  dir = mkdtempSync(join(tmpdir(), 'kenes-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), HTML);
  writeFileSync(join(dir, JS_PATH), JS);
  writeFileSync(join(dir, CSS_PATH), CSS);
  precompress(dir);
  scratch = scratchDatabase({ students: 1 });
  server = await scratch.serve({}, { staticDir: dir });
});

after(async () => {
  await scratch?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const get = (path, headers = {}, method = 'GET') => rawRequest(server.base, method, path, { headers });

test(`[${BACKEND}] a hashed asset comes as brotli, gzip or plain by Accept-Encoding, each with its own ETag`, { skip: scratchSkip }, async () => {
  const br = await get(JS_PATH, { 'Accept-Encoding': 'gzip, deflate, br' });
  assert.equal(br.status, 200);
  assert.equal(br.header('content-encoding'), 'br');
  assert.equal(br.header('vary'), 'Accept-Encoding');
  assert.match(br.contentType, /^text\/javascript/);
  assert.equal(br.header('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(brotliDecompressSync(br.bytes).toString('utf8'), JS);
  assert.ok(br.bytes.length < JS.length / 2, `brotli sends ${br.bytes.length} of ${JS.length} bytes`);

  const gz = await get(JS_PATH, { 'Accept-Encoding': 'gzip' });
  assert.equal(gz.header('content-encoding'), 'gzip');
  assert.equal(gunzipSync(gz.bytes).toString('utf8'), JS);

  const plain = await get(JS_PATH);
  assert.equal(plain.header('content-encoding'), undefined);
  assert.equal(plain.header('vary'), 'Accept-Encoding');
  assert.equal(plain.text, JS);

  const tags = new Set([br.header('etag'), gz.header('etag'), plain.header('etag')]);
  assert.equal(tags.size, 3, `three ETags: ${[...tags]}`);
});

test(`[${BACKEND}] q=0 refuses a coding and a higher q wins`, { skip: scratchSkip }, async () => {
  assert.equal((await get(JS_PATH, { 'Accept-Encoding': 'br;q=0, gzip' })).header('content-encoding'), 'gzip');
  assert.equal((await get(JS_PATH, { 'Accept-Encoding': 'br;q=0, gzip;q=0' })).header('content-encoding'), undefined);
  assert.equal((await get(JS_PATH, { 'Accept-Encoding': 'br;q=0.4, gzip;q=0.9' })).header('content-encoding'), 'gzip');
  assert.equal((await get(JS_PATH, { 'Accept-Encoding': '*' })).header('content-encoding'), 'br');
  assert.equal((await get(JS_PATH, { 'Accept-Encoding': 'identity' })).header('content-encoding'), undefined);
});

test(`[${BACKEND}] If-None-Match revalidates each variant by its own ETag`, { skip: scratchSkip }, async () => {
  const br = await get(JS_PATH, { 'Accept-Encoding': 'br' });
  const again = await get(JS_PATH, { 'Accept-Encoding': 'br', 'If-None-Match': br.header('etag') });
  assert.equal(again.status, 304);
  assert.equal(again.bytes.length, 0);
  const gz = await get(JS_PATH, { 'Accept-Encoding': 'gzip', 'If-None-Match': br.header('etag') });
  assert.equal(gz.status, 200, 'the brotli tag does not stand for the gzip bytes');
  assert.equal(gz.header('content-encoding'), 'gzip');
});

test(`[${BACKEND}] HEAD gives GET's headers and length without a body`, { skip: scratchSkip }, async () => {
  const get_ = await get(JS_PATH, { 'Accept-Encoding': 'br' });
  const head = await get(JS_PATH, { 'Accept-Encoding': 'br' }, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.bytes.length, 0);
  assert.equal(head.header('content-encoding'), 'br');
  assert.equal(head.header('etag'), get_.header('etag'));
  assert.equal(head.header('content-length'), String(get_.bytes.length));
});

test(`[${BACKEND}] a file without variants is sent plain and the variants are not files of their own`, { skip: scratchSkip }, async () => {
  const css = await get(CSS_PATH, { 'Accept-Encoding': 'br, gzip' });
  assert.equal(css.status, 200);
  assert.equal(css.header('content-encoding'), undefined);
  assert.equal(css.header('vary'), undefined);
  assert.equal(css.text, CSS);
  assert.equal((await get(`${JS_PATH}.br`)).status, 404);
  assert.equal((await get(`${CSS_PATH}.gz`, { 'Accept-Encoding': 'gzip' })).status, 404);
});

test(`[${BACKEND}] the app shell is compressed too and still revalidated, for client routes as well`, { skip: scratchSkip }, async () => {
  const shell = await get('/people/7', { Accept: 'text/html', 'Accept-Encoding': 'br' });
  assert.equal(shell.status, 200);
  assert.equal(shell.header('content-encoding'), 'br');
  assert.equal(shell.header('cache-control'), 'no-cache');
  assert.equal(brotliDecompressSync(shell.bytes).toString('utf8'), HTML);
});

// The suite's own server serves the real build: its script and the language catalogs it loads on
// demand come precompressed.
const built = (() => {
  try {
    return readFileSync(join(REPO_ROOT, 'web', 'dist', 'index.html'), 'utf8');
  } catch {
    return null;
  }
})();

test(`[${BACKEND}] the built UI's script is served as brotli`, { skip: built && /assets\/[^"]+\.js/.test(built) ? false : 'web/dist not built' }, async () => {
  const script = built.match(/src="(\/assets\/[^"]+\.js)"/)[1];
  const res = await rawRequest(BASE, 'GET', script, { headers: { 'Accept-Encoding': 'br' } });
  assert.equal(res.status, 200);
  assert.equal(res.header('content-encoding'), 'br');
  assert.ok(res.bytes.length < 100 * 1024, `login page JS is ${res.bytes.length} bytes on the wire`);
});
