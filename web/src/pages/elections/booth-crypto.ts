// Verifiable elections in the booth (issue 13): the pure steps between what a voter chose and
// typed and what the server receives, and the server's refusals in the voter's words. The pages
// (VerifiableBooth.tsx, VotingCodesSection.tsx) only wire these to the screen.
//
// The voting code is a Belenios private credential. It never leaves the browser: the server gets
// the roll token (a hash of the code that says "this voter on the roll has a code", not which
// public credential is theirs) and the ballot the code signed.
import { ApiError, NETWORK_ERROR_STATUS } from '../../api';
import { fieldMessage, problemMessage, ruleOf } from '../../errors';
import { t } from '../../i18n';
import { electionPath, publicElectionPath, type Id } from './elections';

/** GET /public/institutions/{inst}/elections/{id}/belenios: what the booth needs to encrypt. */
export interface BeleniosBooth {
  election_id: Id;
  verifiable: boolean;
  /** election.json exactly as published (its hash is the fingerprint); null until the codes are issued. */
  election: string | null;
  fingerprint: string | null;
  /** answers[i] = the candidate of answer i of the one question. */
  answers: number[];
  revote: boolean;
  voting_open: boolean;
  closed: boolean;
  ballots: number;
}

/** GET /elections/{id}/credentials: whether the codes of a verifiable election were issued. */
export interface CredentialsStatus {
  issued: boolean;
  issued_at: string | null;
  count: number;
  revote: boolean;
}

/** 201 of POST .../ballots. */
export interface CastAnswer {
  tracker: string;
  replaced: boolean;
}

export const beleniosPath = (institutionId: Id, id: Id) => publicElectionPath(institutionId, id, 'belenios');
export const credentialsPath = (id: Id) => electionPath(id, 'credentials');
/** The signed-in voter casts here; the server checks the roll token is theirs. */
export const ballotsPath = (id: Id) => electionPath(id, 'ballots');
export const publicBallotsPath = (institutionId: Id, id: Id) => publicElectionPath(institutionId, id, 'ballots');

/** The public election page with the voter's tracker, which the board highlights (`?tracker=`). */
export function boardLink(institutionId: Id, id: Id, tracker: string): string {
  return `/public/${encodeURIComponent(String(institutionId))}/elections/${encodeURIComponent(String(id))}?tracker=${encodeURIComponent(tracker)}#board`;
}

/** Encrypted voting works once the key ceremony is complete and the codes exist (the election text is published). */
export const boothIsVerifiable = (b: BeleniosBooth | null | undefined): b is BeleniosBooth & { election: string } => !!b && b.verifiable && b.election != null;

// ---- the code -----------------------------------------------------------------------------

export const ROLL_PREFIX = 'kenes-roll|';

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** roll_token = lowercase hex SHA-256 of UTF-8 "kenes-roll|" + the code in canonical dashed form. */
export async function rollToken(canonicalCode: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(ROLL_PREFIX + canonicalCode));
  return hex(new Uint8Array(digest));
}

export type CodeCheck = { ok: true; code: string } | { ok: false; message: string };

/**
 * The typed code in canonical form, or why it cannot be one, said before anything is sent: the
 * last character is a checksum, so nearly every typo is caught here rather than by the server.
 * credential.ts is loaded on demand (it brings the big-number group, which the app shell must not).
 */
export async function checkCode(typed: string): Promise<CodeCheck> {
  if (!typed.replace(/[\s-]/g, '')) return { ok: false, message: t('ui.booth.code_required') };
  const { normalizeCredential, CredentialError } = await import('../../verifiable/credential');
  try {
    return { ok: true, code: normalizeCredential(typed) };
  } catch (error) {
    if (!(error instanceof CredentialError)) throw error;
    if (error.reason === 'length') return { ok: false, message: t('ui.booth.code_length', { count: typed.replace(/[\s-]/g, '').length }) };
    if (error.reason === 'character') {
      const raw = typed.replace(/[\s-]/g, '');
      const position = (error.position ?? 0) + 1;
      return { ok: false, message: t('ui.booth.code_character', { position, character: raw[position - 1] ?? '' }) };
    }
    return { ok: false, message: t('ui.booth.code_typo') };
  }
}

// ---- the choice ---------------------------------------------------------------------------

/** The one question's 0/1 vector: a 1 at the chosen candidate's answer index. Throws if the candidate is not on the encrypted ballot. */
export function choicesFor(answers: readonly number[], candidateId: number): number[][] {
  const at = answers.indexOf(candidateId);
  if (at < 0) throw new Error(`candidate ${candidateId} is not among the ballot's answers`);
  return [answers.map((_, i) => (i === at ? 1 : 0))];
}

/** Whether the candidates the page shows are exactly the encrypted ballot's answers (else a vote could not be encoded). */
export function answersMatch(answers: readonly number[], candidateIds: readonly number[]): boolean {
  return answers.length === candidateIds.length && new Set(answers).size === answers.length && candidateIds.every((id) => answers.includes(id));
}

// ---- refusals -----------------------------------------------------------------------------

/** Ballot defects the server names (422 field "ballot"), each in words a voter can act on. */
const DEFECT_MESSAGES: Record<string, string> = {
  malformed: 'ui.booth.defect_broken',
  wrong_election: 'ui.booth.defect_stale',
  not_in_group: 'ui.booth.defect_broken',
  bad_individual_proof: 'ui.booth.defect_broken',
  bad_overall_proof: 'ui.booth.defect_broken',
  bad_blank_proof: 'ui.booth.defect_broken',
  bad_signature: 'ui.booth.defect_broken',
  replayed: 'ui.booth.defect_replayed',
};

export interface BoothRefusal {
  /** 'code': the message goes next to the code field (the voter retypes it). */
  field: 'code' | null;
  /** Headline first, as ErrorList shows them. */
  messages: string[];
  rule: string | null;
}

/**
 * A failed cast in the voter's words. The roll token and the ballot are things the voter never
 * sees, so their field errors are said about the code or the ballot; the election-day rules get a
 * booth sentence with the server's localised detail (the hours) after it.
 */
export function boothRefusal(error: unknown): BoothRefusal {
  const rule = ruleOf(error);
  if (!(error instanceof ApiError) || error.status === NETWORK_ERROR_STATUS) {
    // Nothing reached the board for sure: the voter may try again; a replaced ballot is harmless.
    return { field: null, messages: [problemMessage(error), t('ui.booth.try_again')], rule };
  }
  if (rule === 'ELEC-DAY-1') return { field: null, messages: [t('ui.booth.refused_hours'), problemMessage(error)], rule };
  if (rule === 'ELEC-DAY-2') return { field: null, messages: [t('ui.booth.refused_voted'), problemMessage(error)], rule };
  for (const problem of error.fieldErrors) {
    if (problem.field === 'roll_token') {
      if (problem.code === 'invalid') return { field: 'code', messages: [t('ui.booth.code_unknown')], rule };
      if (problem.code === 'not_yours') return { field: 'code', messages: [t('ui.booth.code_not_yours')], rule };
      return { field: 'code', messages: [fieldMessage(problem)], rule };
    }
    if (problem.field === 'ballot') {
      // A public credential the board does not know: the code is not one of this election's.
      if (problem.code === 'unknown_credential') return { field: 'code', messages: [t('ui.booth.code_unknown')], rule };
      const key = DEFECT_MESSAGES[problem.code];
      return { field: null, messages: [key ? t(key) : t('ui.booth.defect_other'), t('ui.booth.not_counted')], rule };
    }
  }
  return { field: null, messages: [problemMessage(error)], rule };
}
