// The promise API pages use. Each call runs in one shared module Web Worker (worker.ts), created
// on first use; Vite bundles the worker and the crypto code as separate chunks, so a page pays for
// them only when it calls this. BigInt values cross postMessage (structured clone supports BigInt).

import type { EncryptedBallot } from './ballot';
import type { Board, BoardReport } from './tally';
import type { WorkerRequest } from './worker';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; progress?: (done: number, total: number) => void };

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (ev: MessageEvent<{ id: number; ok?: boolean; value?: unknown; error?: string; progress?: [number, number] }>) => {
    const m = ev.data;
    const p = pending.get(m.id);
    if (!p) return;
    if (m.progress) return p.progress?.(...m.progress);
    pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(m.error));
  };
  worker.onerror = (ev) => {
    // A worker that fails to load rejects every call waiting on it; the next call starts afresh.
    for (const p of pending.values()) p.reject(new Error(ev.message || 'worker failed'));
    pending.clear();
    worker?.terminate();
    worker = undefined;
  };
  return worker;
}

function call<T>(op: WorkerRequest['op'], args: unknown[], progress?: Pending['progress']): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject, progress });
    getWorker().postMessage({ id, op, args });
  });
}

/**
 * Encrypt and sign a ballot off the main thread (spec 4.11-4.15).
 * @param electionText election.json exactly as published (its hash is the fingerprint)
 * @param credential the voter's code "XXX-XXX-XXX-XXX-XXX" (dashes optional; a typo rejects with CredentialError's message)
 * @param choices per question, 0/1 per answer; all zeros = blank where the question allows it
 * @returns the ballot text to submit and its tracker (the receipt to show the voter)
 */
export function encryptBallot(electionText: string, credential: string, choices: number[][]): Promise<EncryptedBallot> {
  return call('encryptBallot', [electionText, credential, choices]);
}

/** Verify the whole public board in the worker (spec 3.5); `onProgress` gets (ballots checked, total). */
export function verifyBoardInWorker(board: Board, onProgress?: (done: number, total: number) => void): Promise<BoardReport> {
  return call('verifyBoard', [board], onProgress);
}
