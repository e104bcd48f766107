// The promise API pages use. Each call runs in one shared module Web Worker (worker.ts), created
// on first use; Vite bundles the worker and the crypto code as separate chunks, so a page pays for
// them only when it calls this. BigInt values cross postMessage (structured clone supports BigInt).

import type { EncryptedBallot } from './ballot';
import type { Board, BoardReport } from './tally';
import type { Share, TrusteeKeyFiles } from './trustee';
import type { Operation } from './worker';

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

function call<T>(op: Operation, args: unknown[], progress?: Pending['progress']): Promise<T> {
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

// ---- trustees (same functions as trustee.ts and threshold.ts, run in the worker) -------------

/** Single-key trustee: a key pair with its proof (spec 4.5); save privateKey as a file and/or seal it (trustee.ts sealPrivateKey). */
export function generateTrusteeKeyInWorker(): Promise<TrusteeKeyFiles> {
  return call('generateTrusteeKey', []);
}

/** Single-key trustee's partial decryption (spec 4.18); `trusteeId` is the owner number on the board. */
export function decryptShareInWorker(electionText: string, encryptedTallyText: string, privateKeyFile: string, trusteeId: number): Promise<Share> {
  return call('decryptShare', [electionText, encryptedTallyText, privateKeyFile, trusteeId]);
}

/** Threshold trustee, step 1 (spec 4.6.2): keep `seed` secret, send `cert`. */
export function generateCertificateInWorker(): Promise<{ seed: string; cert: string }> {
  return call('generateCertificate', []);
}

/** Threshold trustee, step 3 (spec 4.6.4): `certs` in the server's order, `threshold` trustees needed to decrypt. */
export function makePolynomialInWorker(seed: string, certs: string[], threshold: number): Promise<string> {
  return call('makePolynomial', [seed, certs, threshold]);
}

/** Threshold trustee, step 5 (spec 4.6.6): checks the shares received and returns the voutput. */
export function makeVoutputInWorker(seed: string, certs: string[], vinput: string): Promise<string> {
  return call('makeVoutput', [seed, certs, vinput]);
}

/** Threshold trustee's partial decryption; `dkey` is the private_key of the trustee's voutput. */
export function decryptShareThresholdInWorker(electionText: string, encryptedTallyText: string, seed: string, dkey: string, trusteeId: number): Promise<Share> {
  return call('decryptShareThreshold', [electionText, encryptedTallyText, seed, dkey, trusteeId]);
}
