// The voter's side of a verifiable election (part of `make bench`, also runnable alone): one
// one-of-five ballot encrypted with all its proofs and signed with the voter's code (Belenios spec
// 4.11-4.15), by the same library the booth's Web Worker runs (web/src/verifiable), in Node and in
// Debian's Chromium with the CPU slowed 4x, as on a cheap phone. Target: under 1.5 s.
// The first ballot of a page also builds the fixed-base tables of g and the election key, so it is
// reported apart from the later ones. Figures are medians of fresh pages (Chromium) or runs (Node).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const webRequire = createRequire(join(ROOT, 'web', 'package.json'));
const esbuild = webRequire('esbuild');
const { chromium } = webRequire('playwright-core');
const PAGES = Number(process.env.KENES_BENCH_BOOTH_PAGES ?? 5);
const LATER = 3; // ballots after the first on each page

// The sample election of the library's tests (a belenios-tool election), asked as one of five.
const testdata = (f) => readFileSync(join(ROOT, 'web', 'src', 'verifiable', 'testdata', f), 'utf8');
const election = JSON.parse(testdata('election.json'));
election.questions = [{ answers: ['A', 'B', 'C', 'D', 'E'], min: 1, max: 1, question: 'Q?' }];
const input = { text: JSON.stringify(election), code: testdata('private_creds.txt').trim().split('\n')[0].split(' ')[1] };

// Runs where the library is loaded (`lib`): the first ballot, then LATER more, each verified.
async function measure(lib, { text, code }, later) {
  const choice = [[0, 0, 1, 0, 0]];
  let t = performance.now();
  await lib.createBallot(text, code, choice);
  const first = performance.now() - t;
  const parsed = await lib.parseElection(text);
  const encrypt = [];
  const verify = [];
  for (let i = 0; i < later; i++) {
    t = performance.now();
    const { ballot } = await lib.createBallot(text, code, choice);
    encrypt.push(performance.now() - t);
    t = performance.now();
    await lib.verifyBallot(parsed, ballot);
    verify.push(performance.now() - t);
  }
  return { first, encrypt, verify };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;
const bundle = (format) =>
  esbuild.build({ entryPoints: [join(ROOT, 'web', 'src', 'verifiable', 'ballot.ts')], bundle: true, write: false, format, globalName: 'KenesBallot', target: 'es2022' }).then((r) => r.outputFiles[0].text);

// Node (the same build the browser gets, as a module).
const dir = mkdtempSync(join(tmpdir(), 'kenes-booth-'));
try {
  writeFileSync(join(dir, 'ballot.mjs'), await bundle('esm'));
  const lib = await import(pathToFileURL(join(dir, 'ballot.mjs')).href);
  const runs = [];
  for (let i = 0; i < PAGES; i++) runs.push(await measure(lib, input, i === 0 ? LATER : 0));
  console.log(`Node ${process.versions.node}: first ballot ${ms(median(runs.map((r) => r.first)))}, later ballots ${ms(median(runs[0].encrypt))}, verification ${ms(median(runs[0].verify))}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Chromium, a fresh page per run, on a 127.0.0.1 origin (a secure context, as the booth's page is)
// served by playwright itself, CPU throttled through the DevTools protocol.
const page_html = `<!doctype html><meta charset="utf-8"><script>${await bundle('iife')}</script>`;
const browser = await chromium.launch({
  executablePath: process.env.KENES_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  for (const rate of [1, 4]) {
    const runs = [];
    for (let i = 0; i < PAGES; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.route('http://127.0.0.1:9/booth.html', (route) => route.fulfill({ contentType: 'text/html', body: page_html }));
      await page.goto('http://127.0.0.1:9/booth.html');
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      runs.push(
        await page.evaluate(
          async ([source, data, later]) => (0, eval)(`(${source})`)(window.KenesBallot, data, later),
          [measure.toString(), input, LATER],
        ),
      );
      await context.close();
    }
    const first = median(runs.map((r) => r.first));
    const later = median(runs.flatMap((r) => r.encrypt));
    const verdict = rate === 4 ? ` (target < 1500 ms: ${first < 1500 ? 'met' : 'NOT met'})` : '';
    console.log(`Chromium, ${rate === 1 ? 'CPU at full speed' : `CPU ${rate}x slower`}, ${PAGES} fresh pages: first ballot ${ms(first)}${verdict}, later ballots ${ms(later)}, verification ${ms(median(runs.flatMap((r) => r.verify)))}`);
  }
} finally {
  await browser.close();
}
