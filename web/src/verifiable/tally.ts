// Encrypted tally, partial decryptions and the result (Belenios specification 2.0, sections
// 3.5, 4.5, 4.7, 4.16, 4.18, 4.19), and verifyBoard: the check anyone runs on the public board.

import { GROUP_NAME, P, Q, dec, fixedBase, gPow, hashToZq, mod, modInv, modPow, parseG, parseZq, randomZq } from './arith';
import { type Ciphertext, type Election, type ParsedBallot, type Proof, parseElection, parsePublicCredentials, verifyBallot } from './ballot';
// threshold.ts imports this module too; the cycle is safe because both only call each other's
// functions at run time, never while loading.
import { checkCert, verifySigned } from './threshold';

export type EncryptedTally = Ciphertext[][];

export interface TrusteePublicKey {
  pok: Proof;
  publicKey: bigint;
}

/** trustee_public_key JSON (spec 4.5) in belenios-tool's field order. */
export function trusteePublicKeyJson(k: TrusteePublicKey): string {
  return JSON.stringify({
    pok: { challenge: dec(k.pok.challenge), response: dec(k.pok.response) },
    public_key: dec(k.publicKey),
  });
}

export function parseTrusteePublicKey(x: unknown): TrusteePublicKey {
  const o = (typeof x === 'string' ? JSON.parse(x) : x) as Record<string, unknown>;
  const pok = o.pok as Record<string, unknown>;
  return {
    publicKey: parseG(o.public_key, 'trustee public key'),
    pok: { challenge: parseZq(pok?.challenge, 'pok challenge'), response: parseZq(pok?.response, 'pok response') },
  };
}

/** Hpok(X, A) = SHA256(pok|G|X|A) with G the group's name (spec 4.5). */
const hpok = (X: bigint, A: bigint) => hashToZq(`pok|${GROUP_NAME}|${dec(X)}|${dec(A)}`);

/** Key pair with proof of knowledge of x (spec 4.5): X = g^x, challenge = Hpok(X, g^w), response = w - x*challenge. */
export async function provePossession(x: bigint): Promise<TrusteePublicKey> {
  const X = gPow(x);
  const w = randomZq();
  const challenge = await hpok(X, gPow(w));
  return { publicKey: X, pok: { challenge, response: mod(w - x * challenge, Q) } };
}

export async function verifyPossession(k: TrusteePublicKey): Promise<boolean> {
  const A = (gPow(k.pok.response) * modPow(k.publicKey, k.pok.challenge)) % P;
  return (await hpok(k.publicKey, A)) === k.pok.challenge;
}

// ---- trustees structure (spec 4.7) ------------------------------------------------------

/** One decryption slot of the board: owners are numbered from 1 across all items in order. */
export type TrusteeItem =
  | { kind: 'Single'; key: TrusteePublicKey }
  | { kind: 'Pedersen'; threshold: number; keys: TrusteePublicKey[]; certs: string[]; coefexps: { message: string; signature: unknown }[] };

export function parseTrustees(text: string): TrusteeItem[] {
  const list = JSON.parse(text) as unknown[];
  if (!Array.isArray(list) || list.length === 0) throw new Error('trustees: empty');
  return list.map((item) => {
    const [kind, body] = item as [string, Record<string, unknown>];
    if (kind === 'Single') return { kind, key: parseTrusteePublicKey(body) };
    if (kind === 'Pedersen') {
      const keys = (body.verification_keys as unknown[]).map(parseTrusteePublicKey);
      const threshold = body.threshold;
      if (typeof threshold !== 'number' || threshold < 1 || threshold > keys.length) throw new Error('trustees: bad threshold');
      const certs = (body.certs as unknown[]).map((c) => JSON.stringify(c));
      const coefexps = body.coefexps as { message: string; signature: unknown }[];
      if (certs.length !== keys.length || coefexps.length !== keys.length) throw new Error('trustees: certs, coefexps and keys differ in number');
      return { kind, threshold, keys, certs, coefexps };
    }
    throw new Error(`trustees: unknown kind ${kind}`);
  });
}

/** The election key is the product of the items' keys (spec 3.1.1); a Pedersen item's key is the product of its coefexps' A_z0, which equals the Lagrange combination of its verification keys. */
export function trusteeOwners(items: TrusteeItem[]): { item: number; index: number; key: TrusteePublicKey }[] {
  const out: { item: number; index: number; key: TrusteePublicKey }[] = [];
  items.forEach((it, i) => {
    if (it.kind === 'Single') out.push({ item: i, index: 1, key: it.key });
    else it.keys.forEach((key, k) => out.push({ item: i, index: k + 1, key }));
  });
  return out;
}

// ---- tally (spec 4.15 last(), 4.16) -------------------------------------------------------

/** B̂ = last(B): keep only each credential's last ballot, in the order of the last ballots (spec 4.15). */
export function lastBallots<T extends { credential: bigint }>(ballots: T[]): T[] {
  const byCred = new Map<bigint, number>();
  ballots.forEach((b, i) => byCred.set(b.credential, i));
  return ballots.filter((b, i) => byCred.get(b.credential) === i);
}

/** C_ij = Π_k choices(answers(b_k)_i)_j ^ weight(b_k) (spec 4.16). */
export function computeTally(
  e: Election,
  ballots: { credential: bigint; answers: { choices: Ciphertext[] }[] }[],
  weights?: Map<string, bigint>,
): EncryptedTally {
  const tally: EncryptedTally = e.questions.map((q) => Array.from({ length: q.answers.length + (q.blank ? 1 : 0) }, () => ({ alpha: 1n, beta: 1n })));
  for (const b of ballots) {
    const w = weights?.get(dec(b.credential)) ?? 1n;
    b.answers.forEach((a, i) =>
      a.choices.forEach((c, j) => {
        const t = tally[i][j];
        const ca = w === 1n ? c.alpha : modPow(c.alpha, w);
        const cb = w === 1n ? c.beta : modPow(c.beta, w);
        tally[i][j] = { alpha: (t.alpha * ca) % P, beta: (t.beta * cb) % P };
      }),
    );
  }
  return tally;
}

export const tallyJson = (t: EncryptedTally): string => JSON.stringify(t.map((q) => q.map((c) => ({ alpha: dec(c.alpha), beta: dec(c.beta) }))));

export function parseTally(text: string): EncryptedTally {
  const t = JSON.parse(text) as { alpha: unknown; beta: unknown }[][];
  return t.map((q) => q.map((c) => ({ alpha: parseG(c.alpha, 'tally alpha'), beta: parseG(c.beta, 'tally beta') })));
}

// ---- partial decryptions (spec 4.18) ------------------------------------------------------

export interface PartialDecryption {
  factors: bigint[][];
  proofs: Proof[][];
}

/** Hdecrypt(X, A, B) = SHA256(decrypt|φ|X|A,B) mod q */
const hdecrypt = (fp: string, X: bigint, A: bigint, B: bigint) => hashToZq(`decrypt|${fp}|${dec(X)}|${dec(A)},${dec(B)}`);

/** A trustee's share: alpha^x for every ciphertext with a proof that log_g X = log_alpha factor. */
export async function partialDecrypt(e: Election, tally: EncryptedTally, x: bigint): Promise<PartialDecryption> {
  const X = gPow(x);
  const factors: bigint[][] = [];
  const proofs: Proof[][] = [];
  for (const q of tally) {
    const fq: bigint[] = [];
    const pq: Proof[] = [];
    for (const c of q) {
      fq.push(modPow(c.alpha, x));
      const w = randomZq();
      const challenge = await hdecrypt(e.fingerprint, X, gPow(w), modPow(c.alpha, w));
      pq.push({ challenge, response: mod(w - x * challenge, Q) });
    }
    factors.push(fq);
    proofs.push(pq);
  }
  return { factors, proofs };
}

export function partialDecryptionJson(pd: PartialDecryption): string {
  return JSON.stringify({
    decryption_factors: pd.factors.map((q) => q.map(dec)),
    decryption_proofs: pd.proofs.map((q) => q.map((p) => ({ challenge: dec(p.challenge), response: dec(p.response) }))),
  });
}

export function parsePartialDecryption(text: string): PartialDecryption {
  const o = JSON.parse(text) as { decryption_factors: unknown[][]; decryption_proofs: Record<string, unknown>[][] };
  return {
    factors: o.decryption_factors.map((q) => q.map((f) => parseG(f, 'decryption factor'))),
    proofs: o.decryption_proofs.map((q) => q.map((p) => ({ challenge: parseZq(p.challenge), response: parseZq(p.response) }))),
  };
}

/** A = g^r X^c, B = alpha^r factor^c, check Hdecrypt(X, A, B) = c (spec 4.18). */
export async function verifyPartialDecryption(e: Election, tally: EncryptedTally, X: bigint, pd: PartialDecryption): Promise<boolean> {
  if (pd.factors.length !== tally.length || pd.proofs.length !== tally.length) return false;
  for (let i = 0; i < tally.length; i++) {
    if (pd.factors[i].length !== tally[i].length || pd.proofs[i].length !== tally[i].length) return false;
    for (let j = 0; j < tally[i].length; j++) {
      const { challenge: c, response: r } = pd.proofs[i][j];
      const A = (gPow(r) * fixedBase(X).pow(c)) % P;
      const B = (modPow(tally[i][j].alpha, r) * modPow(pd.factors[i][j], c)) % P;
      if ((await hdecrypt(e.fingerprint, X, A, B)) !== c) return false;
    }
  }
  return true;
}

// ---- result (spec 4.19) -------------------------------------------------------------------

/** λ_δ^I = Π_{k ∈ I \ {δ}} k / (k - δ) mod q */
export function lagrange(indexes: number[], d: number): bigint {
  let num = 1n;
  let den = 1n;
  for (const k of indexes) {
    if (k === d) continue;
    num = mod(num * BigInt(k), Q);
    den = mod(den * BigInt(k - d), Q);
  }
  return mod(num * modInv(den, Q), Q);
}

/**
 * Combine partial decryptions (keyed by owner, 1-based across the trustees structure) into the
 * synthetic factors F_ij (spec 4.19): Single items need their owner; a Pedersen item needs at least
 * `threshold` of its owners and uses the first `threshold` present (any t+1 give the same F).
 */
export function combineFactors(items: TrusteeItem[], tally: EncryptedTally, pds: Map<number, PartialDecryption>): bigint[][] {
  const F = tally.map((q) => q.map(() => 1n));
  let owner = 1;
  for (const it of items) {
    if (it.kind === 'Single') {
      const pd = pds.get(owner);
      if (!pd) throw new Error(`missing partial decryption of trustee ${owner}`);
      F.forEach((q, i) => q.forEach((_, j) => (F[i][j] = (F[i][j] * pd.factors[i][j]) % P)));
      owner++;
      continue;
    }
    const present = it.keys.map((_, k) => k + 1).filter((k) => pds.has(owner + k - 1));
    if (present.length < it.threshold)
      throw new Error(`only ${present.length} of the ${it.threshold} partial decryptions needed from the threshold trustees`);
    const I = present.slice(0, it.threshold);
    for (const d of I) {
      const pd = pds.get(owner + d - 1)!;
      const l = lagrange(I, d);
      F.forEach((q, i) => q.forEach((_, j) => (F[i][j] = (F[i][j] * modPow(pd.factors[i][j], l)) % P)));
    }
    owner += it.keys.length;
  }
  return F;
}

/** result_ij = log_g(beta_ij / F_ij), searched up to the total weight (spec 4.19). */
export function decryptResult(tally: EncryptedTally, F: bigint[][], totalWeight: bigint): bigint[][] {
  const table = new Map<bigint, bigint>();
  let cur = 1n;
  let k = 0n;
  const log = (h: bigint): bigint => {
    const hit = table.get(h);
    if (hit !== undefined) return hit;
    while (k <= totalWeight) {
      table.set(cur, k);
      if (cur === h) return k;
      cur = (cur * gPow(1n)) % P;
      k++;
    }
    throw new Error('the decrypted value exceeds the total weight: a factor or a ballot is wrong');
  };
  return tally.map((q, i) => q.map((c, j) => log((c.beta * modInv(F[i][j])) % P)));
}

/**
 * A Pedersen item's public material is consistent (spec 4.6.6, 4.6.7): each certificate is
 * self-signed, each trustee's coefficient commitments are signed by that trustee, and each
 * verification key is g^{S_j} = Π_i Π_k A_ik^{j^k}. Returns the problems found.
 */
async function checkPedersen(it: Extract<TrusteeItem, { kind: 'Pedersen' }>): Promise<string[]> {
  const errors: string[] = [];
  try {
    const certs = await Promise.all(it.certs.map(checkCert));
    const A: bigint[][] = [];
    for (let i = 0; i < certs.length; i++) {
      const raw = JSON.parse(await verifySigned(certs[i].verification, it.coefexps[i])) as { coefexps: unknown[] };
      A.push(raw.coefexps.map((x) => parseG(x, 'coefexp')));
    }
    it.keys.forEach((k, idx) => {
      const j = BigInt(idx + 1);
      let v = 1n;
      for (const Ai of A) {
        let jk = 1n;
        for (const Aik of Ai) {
          v = (v * modPow(Aik, jk)) % P;
          jk *= j;
        }
      }
      if (v !== k.publicKey) errors.push(`threshold trustee ${idx + 1}: verification key does not match the commitments`);
    });
  } catch (err) {
    errors.push(`threshold parameters: ${(err as Error).message}`);
  }
  return errors;
}

// ---- the public board check ----------------------------------------------------------------

export interface Board {
  /** election.json text as published */
  election: string;
  /** trustees JSON text (spec 4.7) */
  trustees: string;
  /** public_credentials JSON text (spec 4.8) */
  publicCredentials: string;
  /** every accepted ballot's text, in board order (revotes included; last() is applied here) */
  ballots: string[];
  /** encrypted_tally JSON text, if published: must equal the recomputed one */
  encryptedTally?: string;
  /** num_tallied and total_weight of the sized_encrypted_tally (4.16), if published */
  numTallied?: number;
  totalWeight?: string;
  /** published partial decryptions with their owner (1-based, as in owned_partial_decryption) */
  partialDecryptions?: { owner: number; text: string }[];
  /** the result JSON text ({"result": [[...]]}), if published */
  result?: string;
}

export interface BoardReport {
  ok: boolean;
  /** what failed, in words, each with where */
  errors: string[];
  trackers: string[];
  numTallied: number;
  totalWeight: bigint;
  tally: EncryptedTally;
  /** decrypted counts when enough partial decryptions are present */
  result?: bigint[][];
}

/** A ballot that verified, or why it did not. */
export type BallotCheck = ParsedBallot | { error: string };

/**
 * Each ballot's proofs, signature and credential (spec 3.5.1), one after the other. Independent of
 * each other: a page splits a large board between several workers (client.ts) and hands the
 * results to verifyBoard. `onProgress(done, total)` is called after each ballot.
 */
export async function checkBallots(
  electionText: string,
  publicCredentials: string,
  ballots: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<BallotCheck[]> {
  const e = await parseElection(electionText);
  const creds = new Set(parsePublicCredentials(publicCredentials).keys());
  const out: BallotCheck[] = [];
  for (let i = 0; i < ballots.length; i++) {
    try {
      out.push(await verifyBallot(e, ballots[i], creds));
    } catch (err) {
      out.push({ error: (err as Error).message });
    }
    onProgress?.(i + 1, ballots.length);
  }
  return out;
}

/**
 * Recompute everything from the public board (spec 3.5): trustee proofs, every ballot's proofs,
 * signature and credential, the encrypted tally of last(B), every partial decryption proof, and the
 * result. Never throws for a bad board: it reports.
 * `onProgress(done, total)` is called after each ballot so a page can show progress; `checked`,
 * when given, holds checkBallots' results for board.ballots, computed elsewhere (other workers).
 */
export async function verifyBoard(board: Board, onProgress?: (done: number, total: number) => void, checked?: readonly BallotCheck[]): Promise<BoardReport> {
  const errors: string[] = [];
  const e = await parseElection(board.election);
  const items = parseTrustees(board.trustees);
  const owners = trusteeOwners(items);
  for (const [n, o] of owners.entries())
    if (!(await verifyPossession(o.key))) errors.push(`trustee ${n + 1}: proof of knowledge of the key does not hold`);
  // y must be the product of the items' keys (spec 3.1.1); for Pedersen items, the Lagrange
  // combination of the first t verification keys gives the item's key.
  let y = 1n;
  for (const it of items) {
    if (it.kind === 'Single') y = (y * it.key.publicKey) % P;
    else {
      const I = it.keys.slice(0, it.threshold).map((_, k) => k + 1);
      for (const d of I) y = (y * modPow(it.keys[d - 1].publicKey, lagrange(I, d))) % P;
    }
  }
  if (y !== e.publicKey) errors.push('the election key is not the product of the trustees\' keys');
  for (const it of items) if (it.kind === 'Pedersen') errors.push(...(await checkPedersen(it)));
  const weights = parsePublicCredentials(board.publicCredentials);
  const checks = checked ?? (await checkBallots(board.election, board.publicCredentials, board.ballots, onProgress));
  const parsed: ParsedBallot[] = [];
  const trackers: string[] = [];
  const seen = new Set<string>(); // 30,000 ballots: a lookup each, not a scan of the list
  checks.forEach((b, i) => {
    // the server refuses a ballot already on the board (a replay): a board holding one was
    // tampered with. Ballots are in canonical form, so one ballot has one tracker.
    if ('error' in b) errors.push(`ballot ${i + 1}: ${b.error}`);
    else if (seen.has(b.tracker)) errors.push(`ballot ${i + 1}: replay of an earlier ballot`);
    else {
      parsed.push(b);
      trackers.push(b.tracker);
      seen.add(b.tracker);
    }
  });
  const tallied = lastBallots(parsed);
  const totalWeight = tallied.reduce((s, b) => s + (weights.get(dec(b.credential)) ?? 1n), 0n);
  const tally = computeTally(e, tallied, weights);
  const report: BoardReport = { ok: false, errors, trackers, numTallied: tallied.length, totalWeight, tally };
  if (board.encryptedTally !== undefined && board.encryptedTally.trim() !== tallyJson(tally))
    errors.push('the published encrypted tally differs from the one recomputed from the ballots');
  if (board.numTallied !== undefined && board.numTallied !== tallied.length)
    errors.push(`the board says ${board.numTallied} ballots were tallied, the ballots give ${tallied.length}`);
  if (board.totalWeight !== undefined && board.totalWeight !== dec(totalWeight))
    errors.push(`the board says the total weight is ${board.totalWeight}, the ballots give ${dec(totalWeight)}`);
  const pds = new Map<number, PartialDecryption>();
  for (const { owner, text } of board.partialDecryptions ?? []) {
    const o = owners[owner - 1];
    if (!o) {
      errors.push(`partial decryption of unknown trustee ${owner}`);
      continue;
    }
    try {
      const pd = parsePartialDecryption(text);
      if (await verifyPartialDecryption(e, tally, o.key.publicKey, pd)) pds.set(owner, pd);
      else errors.push(`trustee ${owner}: the decryption proof does not hold`);
    } catch (err) {
      errors.push(`trustee ${owner}: ${(err as Error).message}`);
    }
  }
  if (pds.size > 0 || board.result !== undefined) {
    try {
      report.result = decryptResult(tally, combineFactors(items, tally, pds), totalWeight);
      if (board.result !== undefined) {
        const published = (JSON.parse(board.result) as { result: unknown }).result;
        if (JSON.stringify(published) !== JSON.stringify(report.result.map((q) => q.map(Number))))
          errors.push('the published result differs from the decryption of the tally');
      }
    } catch (err) {
      errors.push(`result: ${(err as Error).message}`);
    }
  }
  report.ok = errors.length === 0;
  return report;
}
