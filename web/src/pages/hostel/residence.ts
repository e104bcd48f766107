// The hostel's residence half as data (seed 004, hostel rules): the shapes the server answers and
// the pure steps the pages share: the 3-strike measure shown before the head records a violation
// (HST-VIOL-2), the visiting window (HST-VIS-1) and the leave notice (HST-LV-1), as on the server.
export type Id = number | string;

export interface Routine {
  opens: string;
  closes: string;
  gadgets_off: string;
  lights_out: string;
}

export interface Leave {
  id: Id;
  resident_id: Id;
  reason: 'weekend' | 'holiday' | 'treatment' | 'family';
  leave_on: string;
  return_on: string;
  accompanying_name: string;
  accompanying_document: string;
  applied_at: string | null;
  departed_at: string | null;
  departed_with: string | null;
  returned_at: string | null;
  returned_with: string | null;
  state: 'applied' | 'departed' | 'returned' | 'closed';
}

export interface Violation {
  id: Id;
  resident_id: Id;
  person_id: Id;
  student_name: string;
  academic_year: string;
  occurred_on: string;
  description: string;
  nature: string;
  severity: 'minor' | 'serious' | 'grave';
  circumstances: string;
  behaviour: string;
  ordinal: number;
  measure: 'reprimand' | 'eviction';
  familiarised_at: string | null;
  familiarised_how: 'app' | 'paper' | null;
  representative_notified_at: string | null;
  explanation: string | null;
  explanation_at: string | null;
  order_number: string | null;
  order_date: string | null;
  eviction_id: Id | null;
  may_sign?: boolean;
  may_explain?: boolean;
  may_manage?: boolean;
}

export interface Person {
  id: Id;
  name: string;
}

export interface Eviction {
  id: Id;
  resident_id: Id;
  person_id: Id;
  student_name: string;
  reason: string;
  details: string;
  submitted_at: string;
  bypass_sheet: { item: string; done: boolean; done_on: string | null }[];
  bypass_complete: boolean;
  order_number: string | null;
  order_date: string | null;
  vacate_by: string | null;
  vacated_at: string | null;
  vacated_with: string | null;
  resettlement: 'allowed' | 'next_year' | 'never';
  state: 'submitted' | 'ordered' | 'vacated';
  representatives: Person[];
  may_manage?: boolean;
  may_order?: boolean;
}

export interface Resident {
  id: Id;
  person_id: Id;
  student_name: string;
  academic_year: string;
  place_id: Id;
  place: string;
  room: string;
  hostel: string;
  basis: 'grant' | 'paid';
  priority_group: number;
  settled_on: string;
  settlement_order_number: string;
  settlement_order_date: string;
  evicted_on: string | null;
  eviction_id: Id | null;
  eviction_order_number: string | null;
  eviction_order_date: string | null;
  holiday_stays: string;
  holiday_reason: string;
  is_out: boolean;
  certificate?: {
    items: { name: string; quantity: number; condition: string }[];
    issued_at: string;
    signed_by: string | null;
    signed_at: string | null;
    signed_how: 'app' | 'paper' | null;
  } | null;
  damages?: { id: Id; description: string; amount_tenge: number; recorded_on: string; compensated_on: string | null }[];
  relocations?: { id: Id; from: string; to: string; moved_on: string; reason: string }[];
  leaves?: Leave[];
  violations?: Violation[];
  evictions?: Eviction[];
  representatives?: Person[];
  may_manage?: boolean;
  may_sign?: boolean;
  may_apply_for_leave?: boolean;
}

export interface FreePlace {
  place_id: Id;
  label: string;
  room_id: Id;
  room_number: string;
  floor: number;
  gender: 'female' | 'male';
  hostel_id: Id;
  hostel_name: string;
}

export interface DoorLine {
  resident_id: Id;
  person_id: Id;
  name: string;
  place: string;
  is_out: boolean;
  evicted: boolean;
  leaves: Leave[];
}

export const EVICTION_REASONS = ['end_of_year', 'expulsion', 'three_violations', 'representative_request', 'academic_leave', 'absences', 'external_study',
  'bumping', 'late_payment', 'false_information'] as const;
export const VISITOR_RELATIONS = ['representative', 'mother', 'father', 'guardian', 'grandmother', 'grandfather', 'brother', 'sister', 'aunt', 'uncle'] as const;
export const LEAVE_REASONS = ['weekend', 'holiday', 'treatment', 'family'] as const;
export const SEVERITIES = ['minor', 'serious', 'grave'] as const;

/** GEN-2: the academic year of a date ("2026-2027"), September to summer. */
export function academicYearOf(date: string): string {
  const y = Number(date.slice(0, 4));
  const first = Number(date.slice(5, 7)) >= 9 ? y : y - 1;
  return `${first}-${first + 1}`;
}

/** HST-VIOL-2: the measure the next violation on `date` draws, from the earlier violations' dates. */
export function nextMeasure(earlier: readonly string[], date: string): { ordinal: number; measure: 'reprimand' | 'eviction' } {
  const year = academicYearOf(date);
  const ordinal = 1 + earlier.filter((d) => academicYearOf(d) === year && d <= date).length;
  return { ordinal, measure: ordinal >= 3 ? 'eviction' : 'reprimand' };
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400e3).toISOString().slice(0, 10);
}

/** HST-LV-1: the first day a leave applied for today may start. */
export function earliestLeave(today: string): string {
  return addDays(today, 2);
}

/** HST-VIS-1: whether an Almaty wall time (date, "HH:MM") is within Friday-Sunday 10:00-20:00. */
export function visitingOpen(date: string, time: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (weekday === 5 || weekday === 6 || weekday === 0) && time >= '10:00' && time < '20:00';
}

export const residentPath = (id: Id) => `/api/v1/hostel/residents/${encodeURIComponent(String(id))}`;
export const violationPath = (id: Id) => `/api/v1/hostel/violations/${encodeURIComponent(String(id))}`;
export const evictionPath = (id: Id) => `/api/v1/hostel/evictions/${encodeURIComponent(String(id))}`;
