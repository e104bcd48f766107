// The attendance journal as data (seed 004 "Registering absent lessons"): the shapes the server
// answers, and the pure steps of marking a class on a phone: everyone starts present, a tap
// cycles a student through absent and late, and one request carries only the exceptions.
export type Mark = 'present' | 'late' | 'absent';
export const MARKS: readonly Mark[] = ['present', 'absent', 'late'];
export const REASONS = ['illness', 'doctor', 'family', 'olympiad', 'external'] as const;
export type Reason = (typeof REASONS)[number];
/** ATT-1: the reasons a legal representative brings; the others are the coordinator's to register. */
export const REPRESENTATIVE_REASONS: readonly Reason[] = ['illness', 'doctor', 'family'];

export interface Term {
  number: number;
  starts_on: string;
  ends_on: string;
}

export interface TermsAnswer {
  academic_year: string;
  terms: Term[];
  preset: boolean;
  institution_kind: string;
  by_lesson: boolean;
  lessons_per_day: number;
}

export interface Proposal {
  id: number | string;
  person_id: number | string;
  student: string;
  academic_year: string;
  term: number;
  kind: 'lateness' | 'unjustified_absences';
  tier: 'minor' | 'major';
  count: number;
  date: string;
  status: 'pending' | 'confirmed' | 'dismissed' | 'withdrawn';
  incident_id: number | string | null;
  dismiss_reason: string | null;
}

export interface JournalStudent {
  person_id: number | string;
  name: string;
  status: Mark | null;
  late_minutes: number | null;
  reason: string | null;
  term_late: number;
  term_unjustified: number;
}

export interface Journal {
  group: { id: number | string; name: string };
  date: string;
  lesson: number;
  by_lesson: boolean;
  academic_year: string;
  term: Term | null;
  marked: boolean;
  today: string;
  students: JournalStudent[];
  proposals: Proposal[];
  changed?: number;
  proposed?: (number | string)[];
}

export interface Justification {
  id: number | string;
  person_id: number | string;
  student: string;
  reason: Reason;
  from: string;
  to: string;
  days: number;
  note: string;
  status: 'pending' | 'accepted' | 'refused';
  refusal_reason: string | null;
  principal_agreed: boolean;
  document: { content_type: string; size: number; sha256: string } | null;
}

export interface Signature {
  signed_by: number | string;
  signed_at: string;
  name: string;
}

export interface Day {
  date: string;
  absent_lessons: number[];
  late_lessons: { lesson: number; minutes?: number }[];
  unjustified: boolean;
  reason: string | null;
  signature?: Signature | null;
  term: number | null;
}

export interface StudentTerm extends Term {
  late_days: number;
  unjustified_days: number;
  justified_days: number;
  report_card_signature: Signature | null;
}

export interface StudentAttendance {
  person_id: number | string;
  name: string;
  group: { id: number | string; name: string } | null;
  academic_year: string;
  current_term: number | null;
  terms: StudentTerm[];
  days: Day[];
  to_sign: number;
  justifications: Justification[];
  family_days: { used: number; cap: number };
  proposals: Proposal[];
  today: string;
}

export interface GroupSummary {
  group_id: number | string;
  academic_year: string;
  term: Term;
  students: { person_id: number | string; name: string; late_days: number; unjustified_days: number; justified_days: number; absent_marks: number; late_marks: number }[];
  proposals: Proposal[];
}

export interface SchoolReport {
  academic_year: string;
  term: number;
  groups: { group_id: number | string; name: string; students: number; late_days: number; unjustified_days: number; justified_days: number; students_over_lateness: number; students_over_absences: number }[];
  totals: { students: number; late_days: number; unjustified_days: number; justified_days: number; pending_proposals: number };
}

/** The marks on screen, by student id. */
export type Roll = Record<string, { mark: Mark; minutes: string }>;

/** The roll as the journal has it; an unmarked day starts with everyone present. */
export function rollFrom(journal: Journal): Roll {
  const roll: Roll = {};
  for (const s of journal.students) {
    roll[String(s.person_id)] = { mark: s.status ?? 'present', minutes: s.late_minutes ? String(s.late_minutes) : '' };
  }
  return roll;
}

/** "All present": everyone back to present. */
export function allPresent(roll: Roll): Roll {
  const out: Roll = {};
  for (const id of Object.keys(roll)) out[id] = { mark: 'present', minutes: '' };
  return out;
}

/** A tap: present -> absent -> late -> present. */
export function nextMark(mark: Mark): Mark {
  return MARKS[(MARKS.indexOf(mark) + 1) % MARKS.length];
}

export function tap(roll: Roll, id: string): Roll {
  const current = roll[id] ?? { mark: 'present', minutes: '' };
  const mark = nextMark(current.mark);
  return { ...roll, [id]: { mark, minutes: mark === 'late' ? current.minutes : '' } };
}

export interface MarkRequest {
  date: string;
  lesson?: number;
  default: 'present';
  exceptions: { person_id: number | string; status: Mark; late_minutes?: number }[];
}

/** One request for the whole class: present by default, the others as exceptions. */
export function markRequest(roll: Roll, date: string, lesson: number | null): MarkRequest {
  const exceptions: MarkRequest['exceptions'] = [];
  for (const [id, { mark, minutes }] of Object.entries(roll)) {
    if (mark === 'present') continue;
    const entry: MarkRequest['exceptions'][number] = { person_id: /^\d+$/.test(id) ? Number(id) : id, status: mark };
    const m = Number(minutes);
    if (mark === 'late' && minutes.trim() !== '' && Number.isInteger(m) && m >= 1 && m <= 600) entry.late_minutes = m;
    exceptions.push(entry);
  }
  const body: MarkRequest = { date, default: 'present', exceptions };
  if (lesson !== null) body.lesson = lesson;
  return body;
}

export function countMarks(roll: Roll): Record<Mark, number> {
  const out: Record<Mark, number> = { present: 0, late: 0, absent: 0 };
  for (const { mark } of Object.values(roll)) out[mark] += 1;
  return out;
}

/** Whether the roll differs from what the journal holds (unsaved changes). */
export function isDirty(roll: Roll, journal: Journal): boolean {
  if (!journal.marked) return true;
  const saved = rollFrom(journal);
  return Object.keys(roll).some((id) => roll[id].mark !== saved[id]?.mark || (roll[id].mark === 'late' && roll[id].minutes !== saved[id]?.minutes));
}

/** ATT-1: the family days left this academic year after a justification of `days` days. */
export function familyDaysLeft(used: number, cap: number): number {
  return Math.max(0, cap - used);
}

/** Inclusive calendar days between two ISO dates (0 when `to` is before `from`). */
export function daysInclusive(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return 0;
  return Math.round((b - a) / 86400000) + 1;
}

/** The academic year of a date (GEN-2: September to the following summer). */
export function academicYearOf(iso: string): string {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const first = month >= 9 ? year : year - 1;
  return `${first}-${first + 1}`;
}
