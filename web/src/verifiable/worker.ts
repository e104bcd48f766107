// Web Worker entry: the heavy work (about a hundred 2048-bit exponentiations per ballot, thousands
// for a board) runs here so the booth and the public page stay responsive. Pages talk to it through
// client.ts; nothing here touches the DOM.
//
// Protocol: the page posts { id, op, args }; the worker answers { id, ok: true, value } or
// { id, ok: false, error }, and { id, progress: [done, total] } while verifying a board.

import { createBallot } from './ballot';
import { verifyBoard, type Board } from './tally';

export type WorkerRequest =
  | { id: number; op: 'encryptBallot'; args: [electionText: string, credential: string, choices: number[][]] }
  | { id: number; op: 'verifyBoard'; args: [board: Board] };

const scope = self as unknown as {
  onmessage: ((ev: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(msg: unknown): void;
};

scope.onmessage = async (ev) => {
  const req = ev.data;
  try {
    let value: unknown;
    if (req.op === 'encryptBallot') value = await createBallot(...req.args);
    else if (req.op === 'verifyBoard') value = await verifyBoard(req.args[0], (done, total) => scope.postMessage({ id: req.id, progress: [done, total] }));
    else throw new Error(`unknown operation ${(req as { op: string }).op}`);
    scope.postMessage({ id: req.id, ok: true, value });
  } catch (err) {
    scope.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
