// Pure helpers for work plans (PLAN-1) and events (PLAN-2).
import type { Id } from '../bodies/bodies-types';

export const DIRECTIONS = ['patriotic', 'legal', 'cultural', 'educational', 'social', 'sports', 'volunteering', 'meetings', 'other'] as const;
export const PLAN_ITEM_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type PlanItemStatus = (typeof PLAN_ITEM_STATUSES)[number];

export interface PlanItem {
  id: Id;
  direction: string;
  title: string;
  responsible_person_id: Id | null;
  responsible: string | null;
  due_on: string;
  status: PlanItemStatus;
  open?: boolean;
}

export interface Plan {
  id: Id;
  body_id: Id;
  academic_year: string;
  status: 'draft' | 'approved';
  approved_by_item_id: Id | null;
  approved_at: string | null;
  items: PlanItem[];
}

export interface EventParticipant {
  person_id: Id;
  full_name: string;
  role: string;
  attended: boolean;
}

export interface KenesEvent {
  id: Id;
  direction: string;
  title: string;
  description?: string;
  held_on: string;
  starts_at: string | null;
  place: string;
  organiser: string;
  organiser_body_id?: Id;
  plan_item_id?: Id | null;
  public: boolean;
  registered: number;
  attended: number;
  registered_me?: boolean;
  participants?: EventParticipant[];
  /** PLAN-2: a cancelled event stays listed with its reason and takes no registrations. */
  cancelled?: boolean;
  cancel_reason?: string | null;
}

/** The academic year a day falls in: it starts on 1 September ("2026-2027"). */
export function academicYearOf(isoDay: string): string {
  const year = Number(isoDay.slice(0, 4));
  const month = Number(isoDay.slice(5, 7));
  const start = month >= 9 ? year : year - 1;
  return `${start}-${start + 1}`;
}

/** "2026-2027" with consecutive years, as the API requires. */
export function validAcademicYear(value: string): boolean {
  const match = /^(\d{4})-(\d{4})$/.exec(value.trim());
  return !!match && Number(match[2]) === Number(match[1]) + 1;
}

export interface PlanItemForm {
  direction: string;
  title: string;
  responsible: { id: Id } | null;
  due_on: string;
}

export const PLAN_ITEM_FIELDS = ['direction', 'title', 'responsible_person_id', 'due_on'] as const;

export function planItemBody(form: PlanItemForm): Record<string, unknown> {
  const body: Record<string, unknown> = { direction: form.direction, title: form.title.trim(), due_on: form.due_on };
  if (form.responsible) body.responsible_person_id = Number(form.responsible.id);
  return body;
}

export interface EventForm {
  organiser_body_id: string;
  direction: string;
  title: string;
  description: string;
  held_on: string;
  starts_at: string;
  place: string;
  plan_item_id: string;
  public: boolean;
}

export const EVENT_FIELDS = ['organiser_body_id', 'direction', 'title', 'description', 'held_on', 'starts_at', 'place', 'plan_item_id', 'public'] as const;

/** The request body: empty optional fields are left out, ids are numbers. */
export function eventBody(form: EventForm): Record<string, unknown> {
  const body: Record<string, unknown> = {
    organiser_body_id: Number(form.organiser_body_id),
    direction: form.direction,
    title: form.title.trim(),
    held_on: form.held_on,
    place: form.place.trim(),
    public: form.public,
  };
  if (form.description.trim()) body.description = form.description.trim();
  if (form.starts_at) body.starts_at = form.starts_at;
  if (form.plan_item_id) body.plan_item_id = Number(form.plan_item_id);
  return body;
}

/** The required fields left empty, by field name. */
export function missingEventFields(form: EventForm): string[] {
  return (['organiser_body_id', 'direction', 'title', 'held_on', 'place'] as const).filter((key) => !String(form[key]).trim());
}

/** What organisers may change of an event ahead (PLAN-2). */
export interface EventEditForm {
  title: string;
  description: string;
  held_on: string;
  starts_at: string;
  place: string;
}

export const EVENT_EDIT_FIELDS = ['title', 'description', 'held_on', 'starts_at', 'place'] as const;

export function editFormOf(event: KenesEvent): EventEditForm {
  return { title: event.title, description: event.description ?? '', held_on: event.held_on, starts_at: event.starts_at ?? '', place: event.place };
}

/**
 * The PATCH body: only the fields the organiser changed, so an untouched form changes nothing
 * and tells nobody. An emptied start time is sent as null (an all-day event).
 */
export function eventChanges(event: KenesEvent, form: EventEditForm): Record<string, unknown> {
  const before = editFormOf(event);
  const body: Record<string, unknown> = {};
  for (const key of ['title', 'description', 'place'] as const) if (form[key].trim() !== before[key].trim()) body[key] = form[key].trim();
  if (form.held_on !== before.held_on) body.held_on = form.held_on;
  if (form.starts_at !== before.starts_at) body.starts_at = form.starts_at || null;
  return body;
}

/** The required fields of the edit form left empty, by field name. */
export function missingEditFields(form: EventEditForm): string[] {
  return (['title', 'held_on', 'place'] as const).filter((key) => !form[key].trim());
}

/** The Almaty date and time (UTC+5 all year, GEN-2) as YYYY-MM-DD and HH:MM. */
export function almatyNow(now: Date = new Date()): { today: string; time: string } {
  const shifted = new Date(now.getTime() + 5 * 3600_000).toISOString();
  return { today: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/**
 * PLAN-2, as the server decides it: an event with a start time has taken place once it started,
 * one without once its day is over. Used only to offer the actions; the server has the last word.
 */
export function eventTakenPlace(event: Pick<KenesEvent, 'held_on' | 'starts_at'>, now: Date = new Date()): boolean {
  const { today, time } = almatyNow(now);
  if (event.held_on !== today) return event.held_on < today;
  return !!event.starts_at && event.starts_at <= time;
}

/** Whether the change and cancel actions apply: the event is ahead and not cancelled. */
export function eventChangeable(event: KenesEvent, now: Date = new Date()): boolean {
  return !event.cancelled && !eventTakenPlace(event, now);
}
