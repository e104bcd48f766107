// Web Worker entry: the heavy work (about a hundred 2048-bit exponentiations per ballot, thousands
// for a board, a few hundred for a trustee's step) runs here so the booth, the trustee page and the
// public page stay responsive. Pages talk to it through client.ts; nothing here touches the DOM.
//
// Protocol: the page posts { id, op, args }; the worker answers { id, ok: true, value } or
// { id, ok: false, error }, and { id, progress: [done, total] } while checking ballots.

import { createBallot } from './ballot';
import { checkBallots, verifyBoard } from './tally';
import { decryptShareThreshold, generateCertificate, makePolynomial, makeVoutput } from './threshold';
import { decryptShare, generateTrusteeKey } from './trustee';

/** Operations by name; their arguments and results are plain data (strings, numbers, arrays). */
export const operations = {
  // not createBallot itself: its test-only fourth argument must not be reachable from a page
  encryptBallot: (electionText: string, credential: string, choices: number[][]) => createBallot(electionText, credential, choices),
  generateTrusteeKey,
  decryptShare,
  generateCertificate,
  makePolynomial,
  makeVoutput,
  decryptShareThreshold,
};
// With progress messages: the whole board, or a share of its ballots (client.ts splits a board).
export type Operation = keyof typeof operations | 'verifyBoard' | 'checkBallots';

export interface WorkerRequest {
  id: number;
  op: Operation;
  args: unknown[];
}

const scope = self as unknown as {
  onmessage: ((ev: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(msg: unknown): void;
};

scope.onmessage = async (ev) => {
  const req = ev.data;
  try {
    let value: unknown;
    const progress = (done: number, total: number) => scope.postMessage({ id: req.id, progress: [done, total] });
    if (req.op === 'verifyBoard') {
      const [board, checked] = req.args as [Parameters<typeof verifyBoard>[0], Parameters<typeof verifyBoard>[2]];
      value = await verifyBoard(board, progress, checked);
    } else if (req.op === 'checkBallots') {
      const [election, credentials, ballots] = req.args as [string, string, string[]];
      value = await checkBallots(election, credentials, ballots, progress);
    } else if (Object.prototype.hasOwnProperty.call(operations, req.op))
      value = await (operations[req.op] as (...a: unknown[]) => Promise<unknown>)(...req.args);
    else throw new Error(`unknown operation ${req.op}`);
    scope.postMessage({ id: req.id, ok: true, value });
  } catch (err) {
    scope.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
