// axe-core (an npm devDependency of web/) run inside a page of the e2e suite. Serious and critical
// violations fail the test; the others are printed so they are seen without blocking.
// The engine is injected with page.evaluate, which the server's CSP (no inline scripts) does not
// govern, so the page under test keeps its real CSP.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from './harness.mjs';

const webRequire = createRequire(join(REPO_ROOT, 'web', 'package.json'));
const AXE_SOURCE = readFileSync(webRequire.resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);

function describe(violation) {
  const nodes = violation.nodes.slice(0, 5).map((n) => `      ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join('; ').trim() ?? ''}`);
  return `  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.nodes.length} element(s))\n${nodes.join('\n')}`;
}

/** The axe-core violations of the page as it is now (WCAG 2.1 A/AA and best practices). */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(`${AXE_SOURCE}\n;void 0`);
  const results = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }),
  );
  return results.violations;
}

/**
 * Fails on serious or critical violations; prints the rest under `label`. Call it once the page
 * shows the state to check (the caller waits for it), never on a half-rendered page.
 */
export async function expectAccessible(page, label) {
  const violations = await axeViolations(page);
  const blocking = violations.filter((v) => BLOCKING.has(v.impact));
  const other = violations.filter((v) => !BLOCKING.has(v.impact));
  if (other.length) console.log(`axe, ${label}: ${other.length} minor or moderate finding(s)\n${other.map(describe).join('\n')}`);
  assert.equal(blocking.length, 0, `axe, ${label}: serious or critical violations\n${blocking.map(describe).join('\n')}`);
}
