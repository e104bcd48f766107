#!/usr/bin/env node
// Rewrites web/locales/*.json in the canonical form shared with the C++ server: keys sorted,
// 2-space indent, UTF-8 without \u escapes, trailing newline. `--check` only reports.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'locales');
const check = process.argv.includes('--check');
let dirty = 0;
for (const locale of ['kk', 'ru', 'en']) {
  const path = join(dir, `${locale}.json`);
  const text = readFileSync(path, 'utf8');
  const data = JSON.parse(text);
  const sorted = Object.fromEntries(Object.keys(data).sort().map((key) => [key, data[key]]));
  const canonical = `${JSON.stringify(sorted, null, 2)}\n`;
  if (canonical === text) continue;
  dirty += 1;
  if (check) console.error(`${path} is not in canonical form`);
  else writeFileSync(path, canonical);
}
process.exit(check && dirty ? 1 : 0);
