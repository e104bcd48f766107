// The W3C Nu HTML checker (vnu.jar from the npm package vnu-jar, a devDependency of web/, run on
// Debian's Java: scripts/install-deps installs default-jre-headless when `java` is missing) on what
// a reader's browser really holds: the DOM Chromium built, serialized with page.content(), or the
// server's HTML shell exactly as it is sent. Errors fail the test; warnings are printed. Each
// checked document is kept under ARTIFACTS/html/ so a failure can be read in its context.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ARTIFACTS, REPO_ROOT } from './harness.mjs';
import { expectAccessible } from './axe.mjs';

const webRequire = createRequire(join(REPO_ROOT, 'web', 'package.json'));
// The package's main export is the path of vnu.jar; its launcher would download a Java runtime
// when none is on PATH, so Java is started here directly.
const VNU_JAR = String(webRequire('vnu-jar'));
const JAVA = process.env.KENES_JAVA ?? 'java';
const DIR = join(ARTIFACTS, 'html');
mkdirSync(DIR, { recursive: true });

function describe(m) {
  const where = m.lastLine ? `line ${m.lastLine}${m.firstColumn ? `:${m.firstColumn}` : ''}` : 'document';
  return `  ${where}: ${m.message}${m.extract ? `\n      ${JSON.stringify(m.extract)}` : ''}`;
}

/** The checker's messages on `html` (a whole document), kept as ARTIFACTS/html/<name>.html. */
export async function nuMessages(html, name) {
  const file = join(DIR, `${name.replace(/[^\p{L}\p{N}._-]+/gu, '-')}.html`);
  writeFileSync(file, html);
  const output = await new Promise((resolve, reject) => {
    execFile(JAVA, ['-jar', VNU_JAR, '--format', 'json', '--exit-zero-always', file], { maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`vnu on ${file}: ${error.message}\n${stderr}`));
      else resolve(stderr || stdout);
    });
  });
  return JSON.parse(output).messages;
}

/**
 * Fails on any error of the Nu checker in `html` (a document as a string); prints the warnings
 * under `label`.
 */
export async function expectValidHtml(html, label) {
  const messages = await nuMessages(html, label);
  const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
  const warnings = messages.filter((m) => m.type === 'info' && m.subType === 'warning');
  if (warnings.length) console.log(`Nu HTML checker, ${label}: ${warnings.length} warning(s)\n${warnings.map(describe).join('\n')}`);
  assert.equal(errors.length, 0, `Nu HTML checker, ${label}: ${errors.length} error(s)\n${errors.map(describe).join('\n')}`);
}

/** The page's DOM as Chromium built it, checked once the caller has waited for its content. */
export async function expectValidPage(page, label) {
  await expectValidHtml(await page.content(), label);
}

/** A page anyone may open, as it is shown now: no Nu checker error and no serious axe violation. */
export async function expectSoundPublicPage(page, label) {
  await expectValidPage(page, label);
  await expectAccessible(page, label);
}
