// Ballots: exponential ElGamal encryption of each choice with zero-knowledge proofs, signed with
// the voter's credential (Belenios specification 2.0, sections 4.10-4.15).
//
// Everything that is hashed is a string built exactly as the spec (and belenios-tool 2.0) builds
// it: numbers in base 10, the verbatim prefixes "prove", "bproof0", "bproof1", "sig", vertical
// bars and commas. Ballot JSON fields are written in the order belenios-tool writes them, since
// the signature hash and the tracker are hashes of that text.

import {
  GROUP_NAME,
  Q,
  dec,
  fixedBase,
  gPow,
  hashJson,
  hashToZq,
  modPow,
  mod,
  parseG,
  parseZq,
  P,
  randomZq,
} from './arith';
import { credentialSecret } from './credential';

export interface Ciphertext {
  alpha: bigint;
  beta: bigint;
}
export interface Proof {
  challenge: bigint;
  response: bigint;
}

/** A homomorphic question (spec 4.9.1): pick between min and max answers, optionally blank. */
export interface Question {
  question: string;
  answers: string[];
  min: number;
  max: number;
  blank: boolean;
}

/** The parts of election.json (spec 4.10) the protocol uses, plus its text and fingerprint. */
export interface Election {
  text: string;
  /** φ = HJSON(election text) (spec 4.15): unpadded base64 SHA-256 of the text as published. */
  fingerprint: string;
  uuid: string;
  /** y, the election public key */
  publicKey: bigint;
  questions: Question[];
}

/**
 * Parse election.json as published. The text must be kept byte for byte: its hash is the
 * election fingerprint that every ballot and decryption proof commits to.
 */
export async function parseElection(text: string): Promise<Election> {
  const j = JSON.parse(text) as Record<string, unknown>;
  if (j.group !== GROUP_NAME) throw new Error(`unsupported group ${String(j.group)} (only ${GROUP_NAME})`);
  if (typeof j.uuid !== 'string' || !/^[1-9A-HJ-NP-Za-km-z]{14,}$/.test(j.uuid)) throw new Error('bad uuid');
  if (!Array.isArray(j.questions) || j.questions.length === 0) throw new Error('no questions');
  const questions = j.questions.map((q: Record<string, unknown>, i: number): Question => {
    // Non-homomorphic questions (spec 4.9.2, "type" field) need shuffles: not supported here.
    if (q.type !== undefined) throw new Error(`question ${i + 1}: only homomorphic questions are supported`);
    const answers = q.answers;
    if (!Array.isArray(answers) || answers.length === 0) throw new Error(`question ${i + 1}: no answers`);
    const min = q.min;
    const max = q.max;
    if (typeof min !== 'number' || typeof max !== 'number' || min < 0 || min > max || max > answers.length)
      throw new Error(`question ${i + 1}: bad min/max`);
    return { question: String(q.question), answers: answers.map(String), min, max, blank: q.blank === true };
  });
  return {
    text,
    fingerprint: await hashJson(text),
    uuid: j.uuid,
    publicKey: parseG(j.public_key, 'election public key'),
    questions,
  };
}

// ---- encryption and proofs --------------------------------------------------------------

const ctStr = (c: Ciphertext): string => `${dec(c.alpha)},${dec(c.beta)}`;
const pairs = (xs: bigint[][]): string => xs.map((ab) => ab.map(dec).join(',')).join(',');

/** g^-m = g^(q-m), cached: a fixed-base power costs ~0.4 ms where a modular inverse costs ~4 ms. */
const gInv = new Map<number, bigint>();
/** β / g^m */
function divG(beta: bigint, m: number): bigint {
  if (m === 0) return beta;
  let inv = gInv.get(m);
  if (inv === undefined) gInv.set(m, (inv = gPow(Q - BigInt(m))));
  return (beta * inv) % P;
}

/** g^r, y^r g^m (spec 4.11.1) */
function encrypt(y: bigint, m: number, r: bigint): Ciphertext {
  return { alpha: gPow(r), beta: (fixedBase(y).pow(r) * gPow(BigInt(m))) % P };
}

/** (A, B) = (g^s α^c, y^s (β/g^M)^c) for a simulated or a verified branch. */
function commit(y: bigint, c: Ciphertext, m: number, p: Proof): [bigint, bigint] {
  const a = (gPow(p.response) * modPow(c.alpha, p.challenge)) % P;
  const b = (fixedBase(y).pow(p.response) * modPow(divG(c.beta, m), p.challenge)) % P;
  return [a, b];
}

const sumChallenges = (ps: Proof[]): bigint => ps.reduce((s, p) => mod(s + p.challenge, Q), 0n);

/** iprove(S, r, i, M0..Mk) (spec 4.12): proof that c encrypts ms[i] with randomness r. */
async function iprove(y: bigint, prefix: string, c: Ciphertext, r: bigint, i: number, ms: number[]): Promise<Proof[]> {
  const proofs: Proof[] = [];
  const commits: bigint[][] = [];
  const w = randomZq();
  i = Math.max(0, Math.min(i, ms.length - 1)); // only a forged ballot (tests) is out of range
  for (let j = 0; j < ms.length; j++) {
    if (j === i) {
      proofs.push({ challenge: 0n, response: 0n });
      commits.push([gPow(w), fixedBase(y).pow(w)]);
    } else {
      const p = { challenge: randomZq(), response: randomZq() };
      proofs.push(p);
      commits.push(commit(y, c, ms[j], p));
    }
  }
  const h = await hashToZq(`prove|${prefix}|${ctStr(c)}|${pairs(commits)}`);
  const others = sumChallenges(proofs.filter((_, j) => j !== i));
  const ch = mod(h - others, Q);
  proofs[i] = { challenge: ch, response: mod(w - r * ch, Q) };
  return proofs;
}

async function iverify(y: bigint, prefix: string, c: Ciphertext, proofs: Proof[], ms: number[]): Promise<boolean> {
  if (proofs.length !== ms.length) return false;
  const commits = ms.map((m, j) => commit(y, c, m, proofs[j]));
  const h = await hashToZq(`prove|${prefix}|${ctStr(c)}|${pairs(commits)}`);
  return h === sumChallenges(proofs);
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, k) => a + k);

function product(cs: Ciphertext[]): Ciphertext {
  return cs.reduce((acc, c) => ({ alpha: (acc.alpha * c.alpha) % P, beta: (acc.beta * c.beta) % P }), {
    alpha: 1n,
    beta: 1n,
  });
}

interface Answer {
  choices: Ciphertext[];
  individual_proofs: Proof[][];
  overall_proof: Proof[];
  blank_proof?: Proof[];
}

/** One homomorphic answer (spec 4.11.1, 4.13): `plain` are the 0/1 choices without the blank flag. */
async function encryptAnswer(y: bigint, s0: string, q: Question, plain: number[]): Promise<Answer> {
  const sum = plain.reduce((a, b) => a + b, 0);
  const isBlank = q.blank && sum === 0;
  const values = q.blank ? [isBlank ? 1 : 0, ...plain] : plain;
  const rs = values.map(() => randomZq());
  const choices = values.map((m, k) => encrypt(y, m, rs[k]));
  const individual_proofs = await Promise.all(choices.map((c, k) => iprove(y, s0, c, rs[k], values[k], [0, 1])));
  const s = `${s0}|${choices.map(ctStr).join(',')}`;
  if (!q.blank) {
    // overall_proof = iprove(S, R, M - min, min..max)
    const R = mod(rs.reduce((a, b) => a + b, 0n), Q);
    const overall_proof = await iprove(y, s, product(choices), R, sum - q.min, range(q.min, q.max));
    return { choices, individual_proofs, overall_proof };
  }
  const c0 = choices[0];
  const r0 = rs[0];
  const cS = product(choices.slice(1));
  const rS = mod(rs.slice(1).reduce((a, b) => a + b, 0n), Q);
  // blank_proof: m0 = 0 ∨ mΣ = 0 (spec 4.13.1/4.13.2): the true branch is 0 when not blank.
  const blank_proof = await orProofZero(y, s, [c0, cS], [r0, rS], isBlank ? 1 : 0);
  // overall_proof: m0 = 1 ∨ mΣ ∈ [min..max]
  const overall_proof = await overallBlank(y, s, q, c0, cS, isBlank ? r0 : rS, isBlank ? 0 : sum - q.min + 1);
  return { choices, individual_proofs, overall_proof, blank_proof };
}

/** Commitment of a "this ciphertext encrypts 0" branch: (g^s α^c, y^s β^c). */
const commitZero = (y: bigint, c: Ciphertext, p: Proof): [bigint, bigint] => commit(y, c, 0, p);

/** blank_proof (spec 4.13.1, 4.13.2): proves cs[0] or cs[1] encrypts 0; `t` is the true one. */
async function orProofZero(y: bigint, s: string, cs: Ciphertext[], rs: bigint[], t: number): Promise<Proof[]> {
  const f = 1 - t;
  const sim = { challenge: randomZq(), response: randomZq() };
  const w = randomZq();
  const commits: bigint[][] = [];
  commits[f] = commitZero(y, cs[f], sim);
  commits[t] = [gPow(w), fixedBase(y).pow(w)];
  const h = await hashToZq(`bproof0|${s}|${pairs(commits)}`);
  const ch = mod(h - sim.challenge, Q);
  const proofs: Proof[] = [];
  proofs[f] = sim;
  proofs[t] = { challenge: ch, response: mod(w - rs[t] * ch, Q) };
  return proofs;
}

/**
 * overall_proof with blank allowed (spec 4.13): branch 0 says c0 encrypts 1 (blank), branch j > 0
 * says cΣ encrypts min + j - 1. `i` is the true branch, `r` its randomness.
 */
async function overallBlank(y: bigint, s: string, q: Question, c0: Ciphertext, cS: Ciphertext, r: bigint, i: number): Promise<Proof[]> {
  const ms = range(q.min, q.max);
  const proofs: Proof[] = [];
  const commits: bigint[][] = [];
  const w = randomZq();
  i = Math.max(0, Math.min(i, ms.length)); // only a forged ballot (tests) is out of range
  for (let j = 0; j <= ms.length; j++) {
    if (j === i) {
      proofs.push({ challenge: 0n, response: 0n });
      commits.push([gPow(w), fixedBase(y).pow(w)]);
    } else {
      const p = { challenge: randomZq(), response: randomZq() };
      proofs.push(p);
      commits.push(j === 0 ? commit(y, c0, 1, p) : commit(y, cS, ms[j - 1], p));
    }
  }
  const h = await hashToZq(`bproof1|${s}|${pairs(commits)}`);
  const ch = mod(h - sumChallenges(proofs.filter((_, j) => j !== i)), Q);
  proofs[i] = { challenge: ch, response: mod(w - r * ch, Q) };
  return proofs;
}

// ---- serialisation ------------------------------------------------------------------------

const jProof = (p: Proof) => ({ challenge: dec(p.challenge), response: dec(p.response) });
const jCt = (c: Ciphertext) => ({ alpha: dec(c.alpha), beta: dec(c.beta) });

function jAnswer(a: Answer): Record<string, unknown> {
  // Field order as belenios-tool 2.0 writes it (compared with a ballot of the tool in ballot.test.ts).
  const o: Record<string, unknown> = {
    choices: a.choices.map(jCt),
    individual_proofs: a.individual_proofs.map((ps) => ps.map(jProof)),
    overall_proof: a.overall_proof.map(jProof),
  };
  if (a.blank_proof) o.blank_proof = a.blank_proof.map(jProof);
  return o;
}

export interface EncryptedBallot {
  /** The ballot JSON text to submit (spec 4.15). */
  ballot: string;
  /** The smart ballot tracker, the voter's receipt: HJSON(ballot text) (spec 4.15). */
  tracker: string;
  /** The public credential the ballot is signed with. */
  credential: string;
}

/** Check the plaintext against the question's rules before encrypting: a client must not produce a ballot its own server refuses. */
export function checkChoices(questions: Question[], choices: number[][]): void {
  if (choices.length !== questions.length) throw new Error(`expected ${questions.length} answers, got ${choices.length}`);
  questions.forEach((q, i) => {
    const c = choices[i];
    if (!Array.isArray(c) || c.length !== q.answers.length) throw new Error(`question ${i + 1}: expected ${q.answers.length} values`);
    if (c.some((v) => v !== 0 && v !== 1)) throw new Error(`question ${i + 1}: each value must be 0 or 1`);
    const sum = c.reduce((a, b) => a + b, 0);
    if (!(q.blank && sum === 0) && (sum < q.min || sum > q.max))
      throw new Error(`question ${i + 1}: choose between ${q.min} and ${q.max}`);
  });
}

/**
 * Encrypt and sign a ballot (spec 4.11-4.15).
 * @param electionText election.json exactly as published
 * @param credential the voter's private credential (code), with or without dashes
 * @param choices per question, 0/1 for each answer in order; all zeros is a blank vote where allowed
 */
export async function createBallot(
  electionText: string,
  credential: string,
  choices: number[][],
  /** Tests only: encrypt choices that break the rules, with proofs that cannot hold, to check verifiers refuse them. */
  testForge = false,
): Promise<EncryptedBallot> {
  const e = await parseElection(electionText);
  if (!testForge) checkChoices(e.questions, choices);
  const sk = await credentialSecret(credential, e.uuid);
  const pub = dec(gPow(sk));
  const s0 = `${e.fingerprint}|${pub}`;
  const answers: Answer[] = [];
  for (let i = 0; i < e.questions.length; i++) answers.push(await encryptAnswer(e.publicKey, s0, e.questions[i], choices[i]));
  const body = {
    election_uuid: e.uuid,
    election_hash: e.fingerprint,
    credential: pub,
    answers: answers.map(jAnswer),
  };
  // signature (spec 4.14) over the hash of the ballot without its signature field
  const hash = await hashJson(JSON.stringify(body));
  const w = randomZq();
  const challenge = await hashToZq(`sig|${hash}|${dec(gPow(w))}`);
  const signature = { hash, proof: jProof({ challenge, response: mod(w - sk * challenge, Q) }) };
  const ballot = JSON.stringify({ ...body, signature });
  return { ballot, tracker: await hashJson(ballot), credential: pub };
}

// ---- verification -----------------------------------------------------------------------

export interface ParsedBallot {
  credential: bigint;
  answers: Answer[];
  tracker: string;
}

function pProof(x: unknown, what: string): Proof {
  const o = x as Record<string, unknown>;
  if (!o || typeof o !== 'object') throw new Error(`${what}: not a proof`);
  return { challenge: parseZq(o.challenge, `${what}.challenge`), response: parseZq(o.response, `${what}.response`) };
}
function pProofs(x: unknown, what: string): Proof[] {
  if (!Array.isArray(x)) throw new Error(`${what}: not a list`);
  return x.map((p, k) => pProof(p, `${what}[${k}]`));
}

/**
 * Check a ballot as the server and any auditor must (spec 3.2 step 3, 3.5.1): right election,
 * every number in range and in the group, every proof, the signature. Throws with the reason.
 * Credential eligibility (the credential is in the published list) is the caller's check:
 * `publicCredentials` when given.
 */
export async function verifyBallot(e: Election, ballotText: string, publicCredentials?: ReadonlySet<string>): Promise<ParsedBallot> {
  const b = JSON.parse(ballotText) as Record<string, unknown>;
  if (b.election_uuid !== e.uuid) throw new Error('ballot for another election (uuid)');
  if (b.election_hash !== e.fingerprint) throw new Error('ballot for another election (fingerprint)');
  const credential = parseG(b.credential, 'credential');
  if (publicCredentials && !publicCredentials.has(dec(credential))) throw new Error('unknown credential');
  if (!Array.isArray(b.answers) || b.answers.length !== e.questions.length) throw new Error('wrong number of answers');
  const y = e.publicKey;
  const s0 = `${e.fingerprint}|${dec(credential)}`;
  const answers: Answer[] = [];
  for (let i = 0; i < e.questions.length; i++) {
    const q = e.questions[i];
    const a = b.answers[i] as Record<string, unknown>;
    const n = q.answers.length + (q.blank ? 1 : 0);
    if (!Array.isArray(a.choices) || a.choices.length !== n) throw new Error(`answer ${i + 1}: wrong number of choices`);
    const choices = a.choices.map((c: Record<string, unknown>, k: number) => ({
      alpha: parseG(c?.alpha, `answer ${i + 1} choice ${k + 1} alpha`),
      beta: parseG(c?.beta, `answer ${i + 1} choice ${k + 1} beta`),
    }));
    if (!Array.isArray(a.individual_proofs) || a.individual_proofs.length !== n) throw new Error(`answer ${i + 1}: wrong number of proofs`);
    const individual_proofs = a.individual_proofs.map((p: unknown, k: number) => pProofs(p, `answer ${i + 1} proof ${k + 1}`));
    for (let k = 0; k < n; k++)
      if (!(await iverify(y, s0, choices[k], individual_proofs[k], [0, 1])))
        throw new Error(`answer ${i + 1}: choice ${k + 1} is not proven 0 or 1`);
    const overall_proof = pProofs(a.overall_proof, `answer ${i + 1} overall proof`);
    const s = `${s0}|${choices.map(ctStr).join(',')}`;
    const ms = range(q.min, q.max);
    if (!q.blank) {
      if (a.blank_proof !== undefined) throw new Error(`answer ${i + 1}: unexpected blank proof`);
      if (!(await iverify(y, s, product(choices), overall_proof, ms)))
        throw new Error(`answer ${i + 1}: the number of choices is not between ${q.min} and ${q.max}`);
      answers.push({ choices, individual_proofs, overall_proof });
      continue;
    }
    const blank_proof = pProofs(a.blank_proof, `answer ${i + 1} blank proof`);
    const c0 = choices[0];
    const cS = product(choices.slice(1));
    if (blank_proof.length !== 2) throw new Error(`answer ${i + 1}: bad blank proof`);
    const bc = [commitZero(y, c0, blank_proof[0]), commitZero(y, cS, blank_proof[1])];
    if ((await hashToZq(`bproof0|${s}|${pairs(bc)}`)) !== sumChallenges(blank_proof))
      throw new Error(`answer ${i + 1}: blank proof does not hold`);
    if (overall_proof.length !== ms.length + 1) throw new Error(`answer ${i + 1}: bad overall proof`);
    const oc = overall_proof.map((p, j) => (j === 0 ? commit(y, c0, 1, p) : commit(y, cS, ms[j - 1], p)));
    if ((await hashToZq(`bproof1|${s}|${pairs(oc)}`)) !== sumChallenges(overall_proof))
      throw new Error(`answer ${i + 1}: the number of choices is not between ${q.min} and ${q.max}`);
    answers.push({ choices, individual_proofs, overall_proof, blank_proof });
  }
  // signature (spec 4.14): hash of the ballot without the signature, then the Schnorr proof
  const sig = b.signature as Record<string, unknown> | undefined;
  if (!sig || typeof sig.hash !== 'string') throw new Error('ballot not signed');
  const p = pProof(sig.proof, 'signature');
  // The text must be the canonical serialisation (compact, fields in the tool's order, nothing
  // extra): the signature hash and the tracker are hashes of text, so two texts of one ballot, or
  // a field one verifier reads and another ignores, must not exist.
  const body = { election_uuid: e.uuid, election_hash: e.fingerprint, credential: dec(credential), answers: answers.map(jAnswer) };
  const canonical = JSON.stringify({ ...body, signature: { hash: sig.hash, proof: jProof(p) } });
  if (canonical !== ballotText.trim()) throw new Error('the ballot is not in canonical form');
  if ((await hashJson(JSON.stringify(body))) !== sig.hash) throw new Error('signature hash does not match the ballot');
  const A = (gPow(p.response) * modPow(credential, p.challenge)) % P;
  if ((await hashToZq(`sig|${sig.hash}|${dec(A)}`)) !== p.challenge) throw new Error('bad signature');
  return { credential, answers, tracker: await hashJson(canonical) };
}

/**
 * public_credentials (spec 4.8) as belenios-tool 2.0 writes them: each entry is the credential,
 * optionally followed by ",weight" and ",login" (the tool writes "cred,,id" when voters have ids).
 * Returns credential -> weight (1 when empty).
 */
export function parsePublicCredentials(text: string): Map<string, bigint> {
  const list = JSON.parse(text) as unknown;
  if (!Array.isArray(list)) throw new Error('public credentials: not a list');
  const out = new Map<string, bigint>();
  for (const entry of list) {
    if (typeof entry !== 'string') throw new Error('public credentials: not a string');
    const [cred, weight] = entry.split(',');
    const c = parseG(cred, 'public credential');
    if (out.has(dec(c))) throw new Error('public credentials: duplicate');
    out.set(dec(c), weight ? BigInt(weight) : 1n);
  }
  return out;
}

/** The receipt of a ballot text: HJSON(ballot) (spec 4.15). */
export const ballotTracker = (ballotText: string): Promise<string> => hashJson(ballotText);
