// The promise API pages use. Each call runs in one shared module Web Worker (worker.ts), created
// on first use; Vite bundles the worker and the crypto code as separate chunks, so a page pays for
// them only when it calls this. BigInt values cross postMessage (structured clone supports BigInt).

import type { EncryptedBallot } from './ballot';
import type { BallotCheck, Board, BoardReport } from './tally';
import type { Share, TrusteeKeyFiles } from './trustee';
import type { Operation } from './worker';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; progress?: (done: number, total: number) => void };

// workers[0] serves every call; a board check also borrows the others (see verifyBoardInWorker).
const workers: (Worker | undefined)[] = [];
let nextId = 1;
const pending = new Map<number, Pending>();

function getWorker(index = 0): Worker {
  const existing = workers[index];
  if (existing) return existing;
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
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
    // A worker that fails to load rejects every call waiting (a board check cannot finish without
    // its share either); the next call starts afresh.
    for (const p of pending.values()) p.reject(new Error(ev.message || 'worker failed'));
    pending.clear();
    worker.terminate();
    workers[index] = undefined;
  };
  workers[index] = worker;
  return worker;
}

function call<T>(op: Operation, args: unknown[], progress?: Pending['progress'], index = 0): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject, progress });
    getWorker(index).postMessage({ id, op, args });
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

/** How many workers a board check uses: one per core the browser reports, at most 8. */
export function boardWorkers(cores = navigator.hardwareConcurrency || 1): number {
  return Math.max(1, Math.min(8, cores));
}

/** Contiguous shares of `n` items for `k` workers, as [start, end) pairs, sizes differing by one at most. */
export function shares(n: number, k: number): [number, number][] {
  const out: [number, number][] = [];
  for (let w = 0, start = 0; w < k && start < n; w++) {
    const end = start + Math.ceil((n - start) / (k - w));
    out.push([start, end]);
    start = end;
  }
  return out;
}

/**
 * Verify the whole public board (spec 3.5) off the main thread; `onProgress` gets (ballots
 * checked, total). The ballots, about a tenth of a second each on a phone, are split between one
 * worker per core; the first worker then checks the rest (trustees, tally, decryptions, result).
 */
export async function verifyBoardInWorker(board: Board, onProgress?: (done: number, total: number) => void): Promise<BoardReport> {
  const parts = shares(board.ballots.length, boardWorkers());
  if (parts.length < 2) return call('verifyBoard', [board], onProgress);
  const done = parts.map(() => 0);
  const checked = await Promise.all(
    parts.map(([start, end], w) =>
      call<BallotCheck[]>('checkBallots', [board.election, board.publicCredentials, board.ballots.slice(start, end)], (n) => {
        done[w] = n;
        onProgress?.(done.reduce((a, b) => a + b, 0), board.ballots.length);
      }, w),
    ),
  );
  // The ballots' texts are not sent again (30,000 of them are ~420 MB): their checks stand in.
  return call('verifyBoard', [{ ...board, ballots: [] }, checked.flat()]);
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
