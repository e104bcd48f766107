// Timing of one one-of-five ballot (spec 4.11-4.15) in Node; the browser figure is in the report.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBallot, parseElection, verifyBallot } from './ballot';

const td = (f: string) => readFileSync(new URL(`./testdata/${f}`, import.meta.url), 'utf8');

describe('performance', () => {
  it('one-of-five ballot: encrypt with proofs and verify (median of 7)', async () => {
    // the sample election has 3 answers; build a one-of-five election with the same key and uuid
    const base = JSON.parse(td('election.json'));
    base.questions = [{ answers: ['A', 'B', 'C', 'D', 'E'], min: 1, max: 1, question: 'Q?' }];
    const text = JSON.stringify(base);
    const cred = td('private_creds.txt').trim().split('\n')[0].split(' ')[1];
    const e = await parseElection(text);
    // cold: the first ballot of a page also builds the fixed-base tables of g and y
    const t0 = performance.now();
    await createBallot(text, cred, [[0, 0, 1, 0, 0]]);
    const cold = performance.now() - t0;
    const enc: number[] = [];
    const ver: number[] = [];
    for (let i = 0; i < 7; i++) {
      let t = performance.now();
      const { ballot } = await createBallot(text, cred, [[0, 0, 1, 0, 0]]);
      enc.push(performance.now() - t);
      t = performance.now();
      await verifyBallot(e, ballot);
      ver.push(performance.now() - t);
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`one-of-five ballot in Node: cold (first, with tables) ${cold.toFixed(0)} ms, encrypt+prove median ${med(enc).toFixed(0)} ms, verify median ${med(ver).toFixed(0)} ms`);
    expect(med(enc)).toBeLessThan(1500);
    expect(cold).toBeLessThan(1500);
  }, 60_000);
});
