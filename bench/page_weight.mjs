// The sign-in page's bytes on the wire, fetched the way a browser does on a first visit
// (Accept-Encoding: br, gzip): the HTML, the scripts and stylesheets it names, and the language
// catalog the script fetches on start (Kazakh, the default). Counts compressed body bytes.
// Usage: node bench/page_weight.mjs http://127.0.0.1:8080
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const TARGET_JS = 100 * 1024;

function get(path) {
  return new Promise((resolve, reject) => {
    http.get(new URL(path, base), { headers: { 'Accept-Encoding': 'br, gzip', Accept: 'text/html,*/*' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const body = encoding === 'br' ? brotliDecompressSync(wire) : encoding === 'gzip' ? gunzipSync(wire) : wire;
        if (res.statusCode !== 200) reject(new Error(`GET ${path}: HTTP ${res.statusCode}`));
        else resolve({ path, wire: wire.length, size: body.length, encoding: encoding ?? 'identity', text: body.toString('utf8') });
      });
    }).on('error', reject);
  });
}

const html = await get('/login');
const scripts = [...html.text.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
const styles = [...html.text.matchAll(/<link[^>]+rel="(?:stylesheet|modulepreload)"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
const js = await Promise.all(scripts.map(get));
const css = await Promise.all(styles.map(get));
const catalogPath = js.map((f) => f.text.match(/\/assets\/kk-[\w-]+\.json/)?.[0]).find(Boolean);
const catalog = catalogPath ? [await get(catalogPath)] : [];

const sum = (files) => files.reduce((n, f) => n + f.wire, 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const f of [html, ...js, ...css, ...catalog])
  console.log(`  ${f.path.padEnd(36)} ${kb(f.wire).padStart(9)} on the wire (${f.encoding}; ${kb(f.size)} plain)`);
const total = sum([html, ...js, ...css, ...catalog]);
console.log(`login page on the wire (Accept-Encoding: br): ${kb(total)} = HTML ${kb(html.wire)} + JS ${kb(sum(js))} + CSS ${kb(sum(css))} + catalog ${kb(sum(catalog))}`);
console.log(`login page JS on the wire: ${kb(sum(js))} (target < ${kb(TARGET_JS)})${sum(js) < TARGET_JS ? '' : '  OVER TARGET'}`);
if (!catalogPath) console.log('  (no language catalog found in the script: is the UI built?)');
