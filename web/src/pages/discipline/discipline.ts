// The discipline module's shapes as the API answers them (src/modules/discipline) and the pure
// formatting the pages share: the escalation arithmetic (DISC-ESC-1), the lapse of a penalty
// (DISC-PEN-6), the explanation's state (DISC-CASE-2) and the evidence upload (DISC-CASE-4).
import { withQuery } from '../../api';
import { formatDate, formatDateTime } from '../../format';
import { formatMessage, hasMessage, type Locale } from '../../i18n';

export type Id = number | string;

export const TIERS = ['minor', 'major', 'expulsion'] as const;
export const BASES = ['application', 'complaint', 'written_message', 'oral_message', 'own_application'] as const;
export const MEASURES = ['conversation', 'parents_meeting', 'psychologist', 'mentor', 'behaviour_plan'] as const;
export const PENALTIES = ['public_apology', 'warning', 'reprimand', 'severe_reprimand', 'exclusion'] as const;
export const FACTS = ['offence_occurred', 'details', 'offender', 'guilt', 'consequences', 'circumstances', 'exceptional', 'behaviour', 'motives', 'other'] as const;
export const EVIDENCE_KINDS = ['explanation_student', 'explanation_witness', 'material', 'document', 'photo', 'video', 'petition'] as const;
/** What the student or a representative may add to the file (DISC-CASE-5: explain, petition, evidence). */
export const DEFENCE_KINDS = ['explanation_student', 'petition', 'document', 'photo'] as const;

/** One student's part of an incident: the tier after escalation and its arithmetic (DISC-ESC-1). */
export interface IncidentPart {
  person_id?: Id;
  name?: string;
  tier: string;
  base_tier: string;
  earlier_same_kind: number;
  window_from: string;
  reversed: boolean;
}

export interface Incident {
  id: Id;
  kind_code: string;
  occurred_on: string;
  occurred_time: string;
  place: string;
  description: string;
  source: string;
  reversed_by_id: Id | null;
  reverses_id: Id | null;
  reason: string;
  reported_by?: Id | null;
  students?: IncidentPart[];
  /** In a student's record: their own part only. */
  part?: IncidentPart;
}

export interface CatalogueKind {
  code: string;
  tier: string;
  name: string;
  preset: boolean;
  effective_from: string | null;
}

export interface Catalogue {
  on: string;
  items: CatalogueKind[];
  repeat_window_days: number;
}

export interface CaseSummary {
  id: Id;
  number: string;
  status: 'open' | 'decided' | string;
  student_id: Id;
  student: string;
  committee_body_id: Id;
  opened_on: string;
  basis: string;
  non_disclosure: boolean;
  criminal: boolean;
}

export interface Evidence {
  id: Id;
  kind: string;
  description: string;
  text: string;
  added_by: string;
  added_at: string;
  withdrawn_at: string | null;
  withdrawal_reason: string | null;
  file?: { id: Id; name: string; content_type: string; size: number; sha256: string };
}

export interface Decision {
  agenda_item_id: Id;
  decided_on: string;
  measures: string[];
  penalty: string | null;
  reasons: string;
  tiers: { kind_code: string; tier: string | null; version_from: string; softened_retroactively: boolean }[];
}

export interface OrderRef {
  id: Id;
  kind: string;
  number: string;
  issued_on: string;
  delivered_on: string | null;
  delivery_method: string | null;
}

export type ExplanationState = 'awaited' | 'received' | 'refused' | 'overdue';

export interface CaseFile extends CaseSummary {
  summary: string;
  reporter_name: string;
  reporter_person_id: Id | null;
  representative_id: Id | null;
  representative: string;
  explanation_due_at: string;
  explanation: ExplanationState;
  agenda_item_id: Id | null;
  session?: { meeting_id: Id; held_on: string; outcome: string | null };
  incidents: Incident[];
  interested: { person_id: Id; name: string; role: string }[];
  facts: Record<string, string>;
  evidence: Evidence[];
  refusal_act: { drawn_at: string; note: string; signers: { person_id: Id; name: string }[] } | null;
  decision: Decision | null;
  orders: OrderRef[];
  law_report: { reported_on: string; agencies: string[]; reported_by: string; note: string } | null;
}

export interface Order {
  id: Id;
  kind: 'penalty' | 'withdrawal' | string;
  person_id: Id;
  case_id: Id | null;
  penalty_id: Id;
  content: {
    institution?: string;
    number: string;
    issued_on: string;
    kind?: string;
    penalty?: string;
    grounds?: string;
    case?: string;
    student?: { name: string; group: string };
    decision?: { held_on: string; protocol: number; body: string };
    evidence?: { kind: string; description: string; sha256: string }[];
  };
  document_hash: string;
  signature: string;
  verification_code: string;
  delivery: { on: string; method: string; note: string; received_by: string } | null;
}

export interface PenaltyEntry {
  id: Id;
  person_id: Id;
  order_number: string;
  imposed_on: string;
  withdrawn_on: string | null;
  reason: string;
  measure: string | null;
  case_id: Id | null;
  order_id: Id | null;
  withdrawal_order_id: Id | null;
  intercession: string | null;
  in_force: boolean;
  lapses_on: string | null;
}

export interface DeviceWithdrawal {
  id: Id;
  person_id?: Id;
  student?: string;
  withdrawn_on: string;
  lesson: string;
  only_to_representative: boolean;
  returned_on: string | null;
  returned_to?: string;
}

/** GET /api/v1/people/{id}/discipline */
export interface DisciplineRecord {
  penalty_in_force: boolean;
  lapses_on: string | null;
  penalties: PenaltyEntry[];
  incidents: Incident[];
  cases: CaseSummary[];
  device_withdrawals: DeviceWithdrawal[];
}

export const casePath = (id: Id, tail = '') => `/api/v1/discipline/cases/${encodeURIComponent(String(id))}${tail}`;
export const orderPath = (id: Id, tail = '') => `/api/v1/discipline/orders/${encodeURIComponent(String(id))}${tail}`;
export const recordPath = (personId: Id) => `/api/v1/people/${encodeURIComponent(String(personId))}/discipline`;

/** Order codes carry a "y" between the institution and the random part (protocol codes a "z"). */
export const isDisciplineOrderCode = (code: string): boolean => /^\d+y[0-9a-z]+$/i.test(code);
export const orderVerifyPath = (code: string) => `/api/v1/public/discipline-orders/${encodeURIComponent(code)}`;

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : null;
}

/** The repeat window's length in days, both ends counted: 2026-06-06 .. 2026-12-05 is 183. */
export function windowDays(windowFrom: string, occurredOn: string): number | null {
  const from = dayNumber(windowFrom);
  const on = dayNumber(occurredOn);
  return from == null || on == null ? null : on - from + 1;
}

export const tierName = (locale: Locale, tier: string): string =>
  hasMessage(`discipline.tier.${tier}`) ? formatMessage(locale, `discipline.tier.${tier}`) : tier;

/**
 * DISC-ESC-1 with its arithmetic: "2nd in 183 days since 06.06.2026: minor → major". The first
 * of its kind in the window says only its tier.
 */
export function escalationText(part: Pick<IncidentPart, 'tier' | 'base_tier' | 'earlier_same_kind' | 'window_from'>, occurredOn: string, locale: Locale): string {
  const count = part.earlier_same_kind + 1;
  const base = tierName(locale, part.base_tier);
  const tier = tierName(locale, part.tier);
  const days = windowDays(part.window_from, occurredOn) ?? 0;
  if (part.earlier_same_kind === 0) return formatMessage(locale, 'ui.discipline.escalation_first', { days, tier });
  return formatMessage(locale, 'ui.discipline.escalation', { count, days, from: formatDate(part.window_from, locale), base, tier });
}

/** A catalogue kind's name: the catalogue's (own kinds have typed names), else the shared catalog's. */
export function kindName(locale: Locale, code: string, catalogue?: readonly CatalogueKind[] | null): string {
  const own = catalogue?.find((k) => k.code === code);
  if (own?.name) return own.name;
  return hasMessage(`discipline.kind.${code}`) ? formatMessage(locale, `discipline.kind.${code}`) : code;
}

/** DISC-PEN-6: "in force until 05.06.2027", "withdrawn 01.03.2027", or "lapsed". */
export function penaltyStateText(p: Pick<PenaltyEntry, 'in_force' | 'lapses_on' | 'withdrawn_on'>, locale: Locale): string {
  if (p.withdrawn_on) return formatMessage(locale, 'ui.discipline.penalty_withdrawn', { date: formatDate(p.withdrawn_on, locale) });
  if (p.in_force && p.lapses_on) return formatMessage(locale, 'ui.discipline.in_force_until', { date: formatDate(p.lapses_on, locale) });
  return formatMessage(locale, 'ui.discipline.lapsed');
}

/** DISC-CASE-2: the explanation's state with the deadline when it still runs or has passed. */
export function explanationText(c: Pick<CaseFile, 'explanation' | 'explanation_due_at'>, locale: Locale): string {
  const due = formatDateTime(c.explanation_due_at, locale);
  return formatMessage(locale, `ui.discipline.explanation.${c.explanation}`, { due });
}

/** Files the server accepts as evidence (the same checks as candidates' documents). */
export const EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

export function evidenceFileProblem(file: { type: string; size: number }): 'type' | 'size' | null {
  if (!(EVIDENCE_TYPES as readonly string[]).includes(file.type)) return 'type';
  if (file.size > EVIDENCE_MAX_BYTES) return 'size';
  return null;
}

export function evidenceUploadPath(caseId: Id, kind: string, description: string, name: string): string {
  return withQuery(casePath(caseId, '/evidence-files'), { kind, description, name: name.slice(0, 200) });
}

/** Incidents newest first, corrections kept beside what they correct (nothing is deleted). */
export const isCorrection = (i: Incident): boolean => i.reverses_id != null;
export const isReversed = (i: Incident): boolean => i.reversed_by_id != null;
