// The public bulletin board of a verifiable election (issue 13), as the public election page
// shows it: the trackers of the ballots on the board (a voter finds their own), the encrypted
// tally and decryptions after the close, the result, and a check of the whole archive in the
// browser. Pure helpers only; BoardSection.tsx wires them to the screen.
import type { BoardReport } from '../../verifiable/tally';
import { publicElectionPath, type Id } from './elections';

/** GET /public/institutions/{inst}/elections/{id}/belenios (the fields the board needs). */
export interface BeleniosInfo {
  verifiable: boolean;
  /** election.json as published; null until the voting codes are issued */
  election: string | null;
  fingerprint: string | null;
  /** answers[i] = the candidate of answer i of the one question */
  answers: number[];
  closed: boolean;
  ballots: number;
}

/** GET /public/institutions/{inst}/elections/{id}/board. */
export interface PublicBoard {
  election_id: Id;
  fingerprint: string | null;
  closed: boolean;
  /** base64 SHA-256 of each ballot on the board, sorted */
  trackers: string[];
  encrypted_tally: string | null;
  decryptions: number;
  /** {"result": [[...]]} once counted */
  result: string | null;
}

export const boardPath = (institutionId: Id, id: Id) => publicElectionPath(institutionId, id, 'board');
export const archivePath = (institutionId: Id, id: Id) => publicElectionPath(institutionId, id, 'archive.bel');
export const beleniosInfoPath = (institutionId: Id, id: Id) => publicElectionPath(institutionId, id, 'belenios');

/** How an auditor checks the downloaded archive on their own computer (DIR holds UUID.bel). */
export const VERIFY_COMMAND = 'belenios-tool election verify --dir DIR';

/** Trackers shown per page: 30,000 of them in the page at once would freeze a phone. */
export const TRACKERS_PER_PAGE = 50;

/**
 * A tracker as typed or pasted: base64 is case-sensitive, so only spaces, line breaks and the
 * padding go. A `+` in a URL query arrives as a space (URLSearchParams), hence spaces inside
 * the text become `+` again.
 */
export function normalizeTracker(text: string): string {
  return text.trim().replace(/ /g, '+').replace(/\s+/g, '').replace(/=+$/, '');
}

/** The tracker the booth links with (`?tracker=`), if any. */
export function trackerFromSearch(search: string): string | null {
  const raw = new URLSearchParams(search).get('tracker');
  const tracker = raw === null ? '' : normalizeTracker(raw);
  return tracker || null;
}

/** Whether a tracker is on the (sorted) board: binary search, with a scan if the order differs. */
export function isOnBoard(trackers: readonly string[], tracker: string): boolean {
  let lo = 0;
  let hi = trackers.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (trackers[mid] === tracker) return true;
    if (trackers[mid] < tracker) lo = mid + 1;
    else hi = mid - 1;
  }
  return trackers.includes(tracker);
}

/** The trackers a search keeps: every one containing the typed text (all of them for an empty search). */
export function filterTrackers(trackers: readonly string[], query: string): readonly string[] {
  const wanted = normalizeTracker(query);
  return wanted ? trackers.filter((t) => t.includes(wanted)) : trackers;
}

/** The offset of the page that shows `tracker` (so the highlighted one is on screen), 0 if absent. */
export function offsetOf(trackers: readonly string[], tracker: string | null, perPage = TRACKERS_PER_PAGE): number {
  const index = tracker ? trackers.indexOf(tracker) : -1;
  return index < 0 ? 0 : Math.floor(index / perPage) * perPage;
}

/** The name belenios-tool looks for: `election verify --dir DIR` reads DIR/UUID.bel. */
export function archiveFileName(electionText: string | null, id: Id): string {
  try {
    const uuid = (JSON.parse(electionText ?? '') as { uuid?: unknown }).uuid;
    if (typeof uuid === 'string' && /^[A-Za-z0-9]+$/.test(uuid)) return `${uuid}.bel`;
  } catch {
    // no election text yet: a name of our own
  }
  return `election-${id}.bel`;
}

/** Rows of the published result: answer i of the one question is candidate answers[i]; a blank count comes first. */
export function resultRows(
  resultText: string | null,
  electionText: string | null,
  answers: readonly number[],
  nameOf: (candidateId: number) => string,
  blankLabel: string,
): { key: string; label: string; value: number }[] {
  if (!resultText) return [];
  try {
    const counts = (JSON.parse(resultText) as { result: number[][] }).result[0] ?? [];
    const blank = !!(JSON.parse(electionText ?? '{}') as { questions?: { blank?: boolean }[] }).questions?.[0]?.blank;
    const rows = counts.slice(blank ? 1 : 0).map((value, i) => ({ key: String(answers[i] ?? i), label: answers[i] === undefined ? String(i + 1) : nameOf(answers[i]), value: Number(value) }));
    return blank ? [...rows, { key: 'blank', label: blankLabel, value: Number(counts[0]) }] : rows;
  } catch {
    return [];
  }
}

/** Roughly how long checking n ballots takes in one worker: ~60 ms each on a laptop, more on a phone. */
export function verifyMinutes(ballots: number): number {
  return Math.max(1, Math.ceil((ballots * 0.1) / 60));
}

export type CheckState = 'ok' | 'failed' | 'absent';

/** What the check found, item by item, in the order a person reads it. */
export interface ReportSummary {
  ok: boolean;
  ballots: { state: CheckState; checked: number; total: number; failed: number };
  /** the trustees' proofs and the election key built from their keys: always on the board */
  trustees: Exclude<CheckState, 'absent'>;
  tally: CheckState;
  decryptions: CheckState;
  result: CheckState;
  /** trackers listed on the page but missing from the archive (should be none) */
  missing: number;
}

/**
 * Sorts verifyBoard's errors (tally.ts, one sentence each, in English) into the items the page
 * explains in the reader's language. `present` says which parts the archive had at all.
 */
export function summarizeReport(
  report: BoardReport,
  present: { ballots: number; tally: boolean; decryptions: number; result: boolean },
  listed: readonly string[] = [],
): ReportSummary {
  const has = (re: RegExp) => report.errors.some((e) => re.test(e));
  const state = (there: boolean, re: RegExp): CheckState => (!there ? 'absent' : has(re) ? 'failed' : 'ok');
  const failedBallots = report.errors.filter((e) => /^ballot \d+:/.test(e)).length;
  const inArchive = new Set(report.trackers);
  const missing = listed.filter((t) => !inArchive.has(t)).length;
  return {
    ok: report.ok && missing === 0,
    ballots: { state: failedBallots > 0 ? 'failed' : 'ok', checked: present.ballots, total: present.ballots, failed: failedBallots },
    trustees: has(/^trustee \d+: proof of knowledge|election key|^threshold (trustee|parameters)/) ? 'failed' : 'ok',
    tally: state(present.tally, /encrypted tally|ballots were tallied|total weight/),
    decryptions: state(present.decryptions > 0, /^trustee \d+: (?!proof of knowledge)|partial decryption of unknown/),
    // only a published result is judged: too few decryptions to decrypt yet is not a fault
    result: state(present.result, /published result|^result:/),
    missing,
  };
}
