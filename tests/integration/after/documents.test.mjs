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
