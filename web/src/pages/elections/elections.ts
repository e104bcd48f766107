// The Student Government President election (seed 003 §8, ELEC-*): API paths, answer shapes and
// the pure helpers the pages share (word count, calendar, phases, receipts, signatures, counts).
import { parseCsv, unneutralise } from '../../csv';

export type Id = string | number;

export const PHASES = ['registration', 'campaign', 'silence', 'voting', 'awaiting_close', 'counting', 'counted', 'published'] as const;
export type Phase = (typeof PHASES)[number];

export const PORTFOLIO_KINDS = ['photo', 'cv', 'consent', 'transcript', 'recommendation'] as const;
export const CRITERIA = ['course', 'penalty', 'academic_debt', 'leadership', 'term_limit'] as const;
export const MAX_PROGRAM_WORDS = 100;

export interface Calendar {
  election_day: string;
  voting_opens: string;
  voting_closes: string;
  registration_closes: string;
  silence_starts: string;
}

export interface Results {
  candidates: { candidate_id: number; full_name: string; online: number; paper: number; votes: number }[];
  winner_candidate_id: number | null;
  tied: number[];
  invalid: number;
  unknown_form: number;
  roll_size: number;
  voted: number;
  voted_online: number;
  turnout_percent: number;
  ballot_set_hash: string;
  tie_decision?: string;
}

export interface Election {
  id: Id;
  academic_year: string;
  title: string;
  calendar: Calendar;
  phase: Phase;
  registration_open: boolean;
  campaigning: boolean;
  voting_open: boolean;
  commission_body_id: Id;
  government_body_id: Id;
  list_published_at: string | null;
  ballot_approved_at: string | null;
  voting_closed_at: string | null;
  counted_at: string | null;
  results_published_at: string | null;
  roll_cutoff: string | null;
  roll_size: number;
  voters_marked: number;
  stations: { id: Id; name: string; counted: boolean }[];
  ballot_set_hash: string;
  tie_decision: string;
  results: Results | null;
  is_commission?: boolean;
}

export interface Candidate {
  id: Id;
  election_id: Id;
  person_id: Id;
  full_name: string;
  course: number | null;
  group: string | null;
  faculty: string | null;
  status: 'submitted' | 'registered';
  program: string;
  program_lang: string;
  program_words: number;
  program_review: 'pending' | 'approved' | 'rejected';
  program_review_reason: string;
  leadership_declared: string;
  leadership_confirmed: boolean;
  documents_received_at: string | null;
  registered_at: string | null;
  files?: { kind: string; content_type: string; size: number; sha256: string }[];
  missing_documents?: string[];
  eligibility?: { criterion: string; met: boolean; rule: string }[];
  eligible?: boolean;
}

export interface BallotCandidate {
  candidate_id: number;
  surname: string;
  name: string;
  patronymic: string;
  program?: string;
  course?: number | null;
  faculty?: string | null;
}

export interface MyBallot {
  election_id: Id;
  title: string;
  phase: Phase;
  voting_opens: string;
  voting_closes: string;
  on_roll: boolean;
  voted: boolean;
  voted_via: string | null;
  voting_open: boolean;
  candidates: BallotCandidate[];
}

export interface Voter {
  person_id: Id;
  full_name: string;
  student_number: string;
  faculty: string;
  voted: boolean;
  voted_via: string | null;
}

export interface Turnout {
  roll_size: number;
  voted: number;
  by_hour: { hour: number; voted: number; online: number; station: number }[];
  by_faculty: { faculty: string; roll: number; voted: number }[];
}

export interface Protocol {
  status: 'none' | 'draft' | 'final';
  signers: { person_id: Id; full_name: string; position: string; signed_at: string | null }[];
  verification_code: string | null;
  document_hash: string;
}

export interface PublicElection {
  id: Id;
  title: string;
  academic_year: string;
  phase: Phase;
  election_day: string;
  voting_opens: string;
  voting_closes: string;
  registration_closes: string;
  candidates: { candidate_id: number; full_name: string; program: string; course: number | null; faculty: string | null; has_photo: boolean; materials: { text: string; created_at: string }[] }[];
  ballot_set_hash?: string;
  ballots?: number;
  voters_marked_online?: number;
  results?: Results;
  published_at?: string;
  protocol_verification?: string | null;
}

export interface Penalty {
  id: Id;
  person_id: Id;
  order_number: string;
  imposed_on: string;
  withdrawn_on: string | null;
  reason: string;
  in_force: boolean;
  /** The principal's order in Kenes (DISC-PEN-4); null for a paper order recorded before. */
  order_id?: Id | null;
  withdrawal_order_id?: Id | null;
}

const enc = (value: Id) => encodeURIComponent(String(value));
export const electionPath = (id: Id, part = '') => `/api/v1/elections/${enc(id)}${part ? `/${part}` : ''}`;
export const candidatePath = (id: Id, part = '') => `/api/v1/election-candidates/${enc(id)}${part ? `/${part}` : ''}`;
export const publicElectionPath = (institutionId: Id, id: Id, part = '') =>
  `/api/v1/public/institutions/${enc(institutionId)}/elections/${enc(id)}${part ? `/${part}` : ''}`;
export const publicPhotoPath = (institutionId: Id, candidateId: Id) => `/api/v1/public/institutions/${enc(institutionId)}/election-candidates/${enc(candidateId)}/photo`;
export const electionProtocolVerifyPath = (code: string) => `/api/v1/public/election-protocols/${encodeURIComponent(code)}`;

/** ELEC-REG-1: words of a program as ICU counts them (word-like segments only). */
/** The list with one candidate replaced by the server's answer about it (e.g. after an edit). */
export function withCandidate<C extends { id: Candidate['id'] }>(items: readonly C[], updated: C): C[] {
  return items.map((c) => (String(c.id) === String(updated.id) ? updated : c));
}

export function countWords(text: string, locale = 'kk'): number {
  if (!text.trim()) return 0;
  const Segmenter = (Intl as unknown as { Segmenter?: new (l: string, o: { granularity: string }) => { segment: (s: string) => Iterable<{ isWordLike?: boolean }> } }).Segmenter;
  if (!Segmenter) return text.trim().split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  let count = 0;
  for (const segment of new Segmenter(locale, { granularity: 'word' }).segment(text)) if (segment.isWordLike) count++;
  return count;
}

/** ELEC-DAY-1: the last Friday of September of the academic year's first calendar year. */
export function lastFridayOfSeptember(year: number): string {
  const last = new Date(Date.UTC(year, 8, 30));
  const back = (last.getUTCDay() - 5 + 7) % 7;
  return `${year}-09-${String(30 - back).padStart(2, '0')}`;
}

/** "2026-2027" for a date on or after 1 September 2026 (till 31 August 2027). */
export function academicYearOf(isoDate: string): string {
  const [y, m] = isoDate.split('-').map(Number);
  const first = m >= 9 ? y : y - 1;
  return `${first}-${first + 1}`;
}

/** The academic year's default election day: "2026-2027" -> 2026's last Friday of September. */
export function defaultElectionDay(academicYear: string): string {
  const first = Number(academicYear.slice(0, 4));
  return Number.isFinite(first) && /^\d{4}-\d{4}$/.test(academicYear) ? lastFridayOfSeptember(first) : '';
}

export const phaseIndex = (phase: Phase): number => PHASES.indexOf(phase);
/** Whether the election is in `phase` or later. */
export const phaseReached = (current: Phase, phase: Phase): boolean => phaseIndex(current) >= phaseIndex(phase);

/** Receipt codes compared as a voter types them: case, spaces and dashes do not matter. */
export const normalizeReceipt = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** The receipts that match what was typed (at least 4 characters); exact match first. */
export function searchReceipts(receipts: readonly string[], query: string): { exact: boolean; matches: string[] } {
  const wanted = normalizeReceipt(query);
  if (wanted.length < 4) return { exact: false, matches: [] };
  const matches = receipts.filter((receipt) => normalizeReceipt(receipt).includes(wanted));
  const exact = matches.some((receipt) => normalizeReceipt(receipt) === wanted);
  return { exact, matches: exact ? matches.filter((receipt) => normalizeReceipt(receipt) === wanted) : matches.slice(0, 20) };
}

/** The base64 body of a data: URL (canvas.toDataURL), as the server wants a signature. */
export function signatureBase64(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  return dataUrl.startsWith('data:') && comma >= 0 ? dataUrl.slice(comma + 1) : dataUrl;
}

/** The issue request: an on-screen signature or the paper list, never both. */
export function issueBody(studentNumber: string, signaturePng: string | null, paper: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { student_number: studentNumber.trim() };
  if (paper) body.paper_signature = true;
  else if (signaturePng) body.signature_png = signatureBase64(signaturePng);
  return body;
}

/** The paper count of a station from the form's text inputs (empty = 0). */
export function paperCountBody(votes: Record<string, string>, invalid: string, unknown: string) {
  const n = (text: string) => (text.trim() === '' ? 0 : Number(text));
  return {
    votes: Object.entries(votes).map(([candidate_id, text]) => ({ candidate_id: Number(candidate_id), votes: n(text) })),
    invalid: n(invalid),
    unknown_form: n(unknown),
  };
}

/** The width of a bar, in percent of the largest value (0 when all are 0). */
export function barPercent(value: number, max: number): number {
  if (!max || max <= 0 || value <= 0) return 0;
  return Math.min(100, Math.round((value / max) * 1000) / 10);
}

/** Election protocol codes carry "e" after the institution number: "1001e3fa..." */
export const isElectionProtocolCode = (code: string): boolean => /^\d+e[0-9a-f]+$/i.test(code);

/** The candidate's name on a ballot. */
export const ballotName = (c: Pick<BallotCandidate, 'surname' | 'name' | 'patronymic'>): string => [c.surname, c.name, c.patronymic].filter(Boolean).join(' ');

/** "HH:MM" of an ISO date-time with offset, as the wall clock in Almaty shows it (the server sends +05:00). */
/**
 * The last day of registration (ELEC-REG-2): the server gives the instant registration closes,
 * the midnight that ends that day, so the day to show is the one before.
 */
export function lastRegistrationDay(closes: string): string {
  const date = closes.slice(0, 10);
  if (!/T00:00/.test(closes)) return date;
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function wallTime(iso: string): string {
  const match = /T(\d{2}):(\d{2})/.exec(iso);
  return match ? `${match[1]}:${match[2]}` : '';
}

/** Results in descending order of votes, for the chart. */
export function rankedResults(results: Results): Results['candidates'] {
  return [...results.candidates].sort((a, b) => b.votes - a.votes || a.full_name.localeCompare(b.full_name));
}

/** The roll look-up: ?student_number= */
export const withQueryNumber = (path: string, studentNumber: string) => `${path}?student_number=${encodeURIComponent(studentNumber)}`;

/** A row of the voting codes file (Belenios credentials of a verifiable election). */
export interface VotingCodeRow {
  student_number: string;
  full_name: string;
  faculty: string;
  code: string;
}

/**
 * The codes file as rows (the server's CSV: BOM, semicolons, RFC 4180 quoting, a header line).
 * Names come back as people wrote them, without the apostrophe that keeps a formula-like name
 * from running in a spreadsheet.
 */
export function parseVotingCodes(csv: string): VotingCodeRow[] {
  const rows = parseCsv(csv);
  if (rows.length === 0) return [];
  const header = rows[0].map((h) => h.trim());
  const at = (name: keyof VotingCodeRow) => header.indexOf(name);
  const columns = { student_number: at('student_number'), full_name: at('full_name'), faculty: at('faculty'), code: at('code') };
  if (columns.code < 0) return [];
  return rows.slice(1).map((cells) => {
    const cell = (index: number) => (index >= 0 ? unneutralise(cells[index] ?? '').trim() : '');
    return { student_number: cell(columns.student_number), full_name: cell(columns.full_name), faculty: cell(columns.faculty), code: cell(columns.code) };
  });
}

/** The file name for the codes download: "voting-codes-7.csv", as the server names it. */
export const votingCodesFileName = (id: Id): string => `voting-codes-${String(id)}.csv`;
