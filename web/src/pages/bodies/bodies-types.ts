// Shapes of the bodies API (docs/openapi.yaml, tag "bodies"): templates, bodies with their rules
// and members, sessions with attendance, quorum, agenda items, votes and dissenting opinions.

export type Id = string | number;

export const THRESHOLD_BASES = ['composition', 'present', 'votes_cast'] as const;
export type ThresholdBase = (typeof THRESHOLD_BASES)[number];
export const THRESHOLD_COMPARISONS = ['more_than', 'at_least'] as const;
export type ThresholdComparison = (typeof THRESHOLD_COMPARISONS)[number];

export interface Threshold {
  base: ThresholdBase;
  comparison: ThresholdComparison;
  numerator: number;
  denominator: number;
  /** RULEBOOK id the threshold comes from, e.g. MTG-3. */
  rule?: string;
}

export interface BodyRules {
  quorum: Threshold;
  majority: Threshold;
  max_months_between_sessions: number;
  term_months?: number | null;
  max_consecutive_terms?: number | null;
  reappointment_allowed?: boolean;
  odd_voting_members?: boolean;
  min_voting_members?: number;
  equal_per_school?: boolean;
  /** ORG-6: members other than the chair and vice-chair are seated by the body's decision on a candidate. */
  candidates_by_decision?: boolean;
}

export interface BodyTemplate {
  id: string;
  kind: string;
  name: string;
  positions: string[];
  non_voting?: string[];
  /** ORG-3: positions a staff member may hold; every other position is a student's. */
  staff_allowed?: string[];
  children?: Array<{ template: string; name: string }>;
  rules: BodyRules;
}

export interface CompositionProblem {
  code: string;
  rule: string;
  message: string;
}

export interface BodySummary {
  id: Id;
  parent_id?: Id | null;
  kind: string;
  template: string;
  /** In the reader's language while it is the template's name; as typed once renamed. */
  name: string;
  name_from_template?: boolean;
  member_count: number;
  voting_members: number;
  composition_problems: CompositionProblem[];
  /** The last session held (its start has come), never a future one (MTG-1). */
  last_session?: string | null;
  /** The next session convened and not started yet. */
  next_session?: { id: Id; held_on: string; starts_at: string } | null;
  overdue: boolean;
  /** Sessions seen only by members, officers, the administration and the persons concerned. */
  confidential: boolean;
}

export interface Membership {
  id: Id;
  person_id: Id;
  full_name?: string;
  position: string;
  voting: boolean;
  starts_on: string;
  ends_on?: string | null;
  /** Held by office (ORG-6). */
  ex_officio?: boolean;
  /** The adopted agenda item that seated the member (ORG-6), if any. */
  decision_item_id?: Id | null;
  /** The founding act that seated the member (ORG-6), if any. */
  founding_act_id?: Id | null;
}

/** ORG-6: the administration's order that staffed a new body in one step. */
export interface FoundingAct {
  id: Id;
  order_number: string;
  order_date: string;
  signed_by: string;
}

export interface BodyDetail extends BodySummary {
  rules: BodyRules;
  members: Membership[];
  children: BodySummary[];
  rule_versions: string[];
  founding_act?: FoundingAct | null;
}

export const END_REASONS = ['resigned', 'term_end', 'removed'] as const;
export type EndReason = (typeof END_REASONS)[number];

export interface MeetingSummary {
  id: Id;
  number: number;
  academic_year: string;
  held_on: string;
  /** Almaty local "HH:MM" (MTG-1). */
  starts_at: string;
  place: string;
  /** scheduled (before the start), open, closed. */
  status: string;
  /** DISC-PEN-3: an extraordinary session. */
  extraordinary?: boolean;
}

export interface Quorum {
  met: boolean;
  present: number;
  base: number;
  needed: number;
  rule: string;
  /** The server's sentence with the arithmetic, in the request's language. */
  explanation: string;
}

export const ATTENDANCE_STATUSES = ['present', 'absent', 'unmarked'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export interface AttendanceEntry {
  person_id: Id;
  position: string;
  voting: boolean;
  full_name: string;
  status: AttendanceStatus;
}

export const VOTE_CHOICES = ['yes', 'no', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export const VOTE_STATUSES = ['none', 'open', 'closed'] as const;
export type VoteStatus = (typeof VOTE_STATUSES)[number];

export const OUTCOMES = ['adopted', 'rejected'] as const;

/** MTG-2: the council's powers as item kinds, and the commissions' cases. */
export const ITEM_KINDS = [
  'membership_candidates',
  'recommendations',
  'approve_agenda',
  'approve_work_plan',
  'hear_report',
  'discipline_case',
  'hostel_allocation',
  'awards',
  'other',
] as const;

export interface Vote {
  person_id: Id;
  /** Absent in a secret vote: only who has voted is known. */
  choice?: VoteChoice;
}

/** The answer to a vote (POST /agenda-items/{id}/votes): a receipt, not the whole session. */
export interface VoteReceipt {
  item_id: Id;
  meeting_id: Id;
  person_id: Id;
  choice: VoteChoice;
  recorded: boolean;
}

export interface Dissent {
  person_id: Id;
  text: string;
}

export interface AgendaItem {
  id: Id;
  position: number;
  kind: string;
  title: string;
  motion: string;
  secret: boolean;
  vote_status: VoteStatus;
  outcome: 'adopted' | 'rejected' | null;
  votes_cast: number;
  interested_person_ids: Id[];
  votes: Vote[];
  dissents: Dissent[];
  counts?: { yes: number; no: number; abstain: number };
}

export interface Meeting {
  id: Id;
  body_id: Id;
  number: number;
  academic_year: string;
  held_on: string;
  /** Almaty local "HH:MM" (MTG-1). */
  starts_at: string;
  place: string;
  /** scheduled (before the start, derived from the clock), open, closed. */
  status: string;
  /** DISC-PEN-3: an extraordinary session. */
  extraordinary?: boolean;
  quorum: Quorum;
  attendance: AttendanceEntry[];
  items: AgendaItem[];
  voting_members?: number;
  voting_present?: number;
  /** The institution's data version when the server read it: answers that overtook each other are put back in order. */
  version?: number;
}

/** One member present at the session, who signs the protocol (MTG-7). */
export interface ProtocolSigner {
  person_id: Id;
  full_name: string;
  signed_at: string | null;
}

export interface Protocol {
  meeting_id: Id;
  status: 'draft' | 'final';
  number: number;
  signers: ProtocolSigner[];
  snapshot: Record<string, unknown>;
  verification_code?: string;
  document_hash?: string;
  signature?: string;
  finalized_at?: string;
  /** Only in the answer to PUT .../protocol/public. */
  public?: boolean;
}

/** The public check of a final protocol by its code. */
export interface ProtocolVerification {
  valid: boolean;
  institution: string;
  body: string;
  number: number;
  academic_year?: string;
  held_on?: string;
  document_hash: string;
  signature: string;
  public_key?: string;
  signers?: number;
  finalized_at?: string;
}
