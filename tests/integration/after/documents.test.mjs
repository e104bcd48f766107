// Runs after the integration suite (tests/run-integration.sh): every document the suite's tests
// downloaded (lib/validators.mjs keeps each XLSX, PDF, iCalendar feed, CSV and /metrics answer in
// KENES_IT_ARTIFACTS) is handed to independent validators: openpyxl, xlsx2csv and xmllint; qpdf
// --check and pdffonts; python icalendar; promtool; a strict CSV parse. One test per kind names
// every document a tool refused, with the request that produced it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { BACKEND } from '../lib/client.mjs';
import { ARTIFACTS, artifacts, check, kindOf, missingTools } from '../lib/validators.mjs';

const files = artifacts();

test(`[${BACKEND}] the validators are installed (scripts/install-deps)`, () => {
  assert.deepEqual(missingTools(), [], 'missing validators');
});

for (const kind of ['xlsx', 'pdf', 'ics', 'csv', 'metrics']) {
  const mine = files.filter((f) => kindOf(f) === kind);
  test(`[${BACKEND}] every ${kind} the suite downloaded passes the independent validators (${mine.length} documents)`, { skip: !ARTIFACTS && 'KENES_IT_ARTIFACTS not set' }, () => {
    const refused = [];
    for (const f of mine) {
      const file = join(ARTIFACTS, f);
      const path = existsSync(file + '.path') ? readFileSync(file + '.path', 'utf8') : '?';
      const { problems } = check(kind, readFileSync(file));
      if (problems.length) refused.push(`GET ${path} (${f}):\n    ${problems.join('\n    ')}`);
    }
    assert.equal(refused.length, 0, `${refused.length} of ${mine.length} ${kind} documents refused:\n  ${refused.join('\n  ')}`);
  });
}

// Every JSON answer the suite received conforms to the schema docs/openapi.yaml declares for its
// route and status, checked by ajv (lib/schema.mjs) strictly: a property the schema does not
// declare is a mismatch, so the document cannot drift from the server unnoticed. Problem answers
// are checked against their declared problem schema too.
import { parseYaml } from '../lib/yaml.mjs';
import { checkSchema, responseSchema } from '../lib/schema.mjs';
import { REPO_ROOT } from '../lib/client.mjs';
import { answers } from '../lib/validators.mjs';

const doc = parseYaml(readFileSync(join(REPO_ROOT, 'docs', 'openapi.yaml'), 'utf8'));
const templates = Object.keys(doc.paths).map((p) => ({
  path: p,
  re: new RegExp('^' + p.split('/').map((seg) => (/^\{[^}]+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/') + '$'),
  literal: !p.includes('{'),
}));
function template(method, path) {
  const bare = path.split('?')[0];
  const hits = templates.filter((t) => t.re.test(bare) && doc.paths[t.path][method.toLowerCase()]);
  return (hits.find((t) => t.literal) ?? hits.sort((a, b) => a.path.split('{').length - b.path.split('{').length)[0])?.path ?? null;
}

test(`[${BACKEND}] every JSON answer the suite received conforms to its schema in docs/openapi.yaml`, { skip: !ARTIFACTS && 'KENES_IT_ARTIFACTS not set' }, () => {
  const all = answers();
  const drift = new Map();
  let checked = 0;
  for (const a of all) {
    const t = template(a.method, a.path);
    if (!t) continue;   // an unknown route: the routing tests answer for those
    let schema;
    try {
      schema = responseSchema(doc, a.method, t, a.status, a.problem ? 'application/problem+json' : 'application/json');
    } catch {
      continue;   // an undeclared status: openapi.test.mjs answers for those
    }
    let body;
    try { body = JSON.parse(a.body); } catch { drift.set(`${a.method} ${t} ${a.status}: not JSON`, a.path); continue; }
    checked++;
    for (const e of checkSchema(doc, schema, body)) {
      const key = `${a.method} ${t} -> ${a.status}: ${e.replace(/\[\d+\]/g, '[]')}`;
      if (!drift.has(key)) drift.set(key, a.path);
    }
  }
  const lines = [...drift].map(([k, p]) => `${k}   (e.g. ${p})`);
  assert.equal(lines.length, 0, `${lines.length} mismatches in ${checked} answers:\n  ${lines.slice(0, 150).join('\n  ')}`);
});
