// The hostel allocation's shapes as the API answers them (src/modules/hostel) and the pure
// helpers its pages share: the explanation of a standing (HST-PRI-1..3) and the checklist
// (HST-APP-2).
import { t } from '../../i18n';

export type Id = number | string;

export const SUBGROUPS = ['dysfunctional_family', 'disabled_student', 'disabled_representative', 'large_low_income', 'incomplete_low_income', 'low_income', 'other'] as const;
export const GROUPS = [1, 2, 3, 4, 5] as const;
export const DOCUMENT_KINDS = ['birth_certificate', 'student_id', 'representative_id', 'registration', 'registration_exception', 'income', 'unemployment',
  'pension_statement', 'other_minors', 'disability', 'social_assistance', 'dysfunctional_family', 'absent_parent', 'guardianship'] as const;

export interface Place { id: Id; label: string; out_of_use: boolean; occupied: boolean }
export interface Room { id: Id; floor: number; number: string; gender: 'female' | 'male'; places: Place[] }
export interface Hostel { id: Id; name: string; address: string; rooms: Room[]; totals: { places: number; in_use: number; free: number } }

export interface Campaign {
  id: Id;
  academic_year: string;
  commission_body_id: Id;
  commission_name: string;
  grant_places: number;
  paid_places: number;
  price_tenge: number;
  deadline: string;
  extended_until: string | null;
  extension_reason: string | null;
  last_day: string;
  accepting: boolean;
  offer_hours: number;
  counts?: Record<string, number>;
  decision?: { id: Id; agenda_item_id: Id | null; decided: boolean; order_number: string | null } | null;
}

export interface Standing {
  position: number;
  of: number;
  group: number;
  subgroup: string | null;
  grade7_first: boolean;
  registered_at: string;
  decided?: boolean;
  outcome?: string;
  deviation_reason?: string;
}

export interface JournalLine {
  id: Id;
  number: number;
  registered_at: string;
  student_id: Id;
  student_name: string;
  applicant_id: Id | null;
  applicant_name: string;
  channel: 'online' | 'paper';
  grade: number;
  gender: string;
  priority_group: number;
  subgroups: string[];
  wants_paid: boolean;
  home_locality: string;
  form: 'app1' | 'app2';
  status: string;
  status_reason: string;
}

export interface ChecklistItem { item: string; kinds: string[]; done: boolean }
export interface DocumentInfo { id: Id; kind: string; file_name: string; file_type: string; file_size: number; sha256: string; uploaded_at: string }
export interface Offer { id: Id; offered_at: string; expires_at: string; state: string; place?: { id: Id; label: string; room: string; hostel: string } }

export interface Application extends JournalLine {
  campaign_id: Id;
  academic_year: string;
  consent_inspection: boolean;
  undertaking_to_vacate: boolean;
  checklist: ChecklistItem[];
  missing: string[];
  documents: DocumentInfo[];
  standing: Standing | null;
  offer: Offer | null;
  inspected: boolean;
  accepting?: boolean;
}

export interface RankingLine extends JournalLine { standing: Standing; outcome: string; missing: number; inspected: boolean }
export interface ReserveLine extends JournalLine { position: number; rank: number; offer: Offer | null }

export interface DecisionLine { application_id: Id; rank: number; outcome: string; deviation_reason: string; student_id: Id; student_name: string; priority_group: number; number: number; status: string }
export interface Decision {
  id: Id;
  campaign_id: Id;
  kind: 'allocation' | 'bumping';
  agenda_item_id: Id | null;
  decided_at: string | null;
  order_number: string | null;
  order_date: string | null;
  item_outcome: string;
  session?: { held_on: string; number: number; body: string; meeting_id: Id };
  lines: DecisionLine[];
  snapshot: Record<string, unknown> | null;
}

export interface BumpingLine { position: number; resident_id: Id; person_id: Id; name: string; priority_group: number; subgroups: string[]; room: string; place: string; basis: string }

export const hostelPath = (...parts: (string | number)[]) => `/api/v1/hostel/${parts.map((p) => encodeURIComponent(String(p))).join('/')}`;

/** HST-APP-3: appendix 1 for groups 1-3, appendix 2 (with the undertaking to vacate) for 4-5. */
export const formFor = (group: number): 'app1' | 'app2' => (group <= 3 ? 'app1' : 'app2');
export const needsUndertaking = (group: number) => group >= 4;

/** "Group 2, low-income family, registered 01.06 10:00:03: 3rd of 7" as words (HST-PRI-1..3). */
export function explain(s: Standing, registered: string): string {
  const parts = [t(`hostel.application.group_${s.group}`)];
  if (s.subgroup) parts.push(t(`hostel.application.subgroup.${s.subgroup}`) + (s.grade7_first ? ` (${t('ui.hostel.application.grade7_first')})` : ''));
  parts.push(t('ui.hostel.application.registered', { at: registered }));
  return parts.join(' · ');
}

/** The checklist's missing items in words. */
export const missingWords = (missing: readonly string[]) => missing.map((m) => t(`ui.hostel.document.${m}`));
