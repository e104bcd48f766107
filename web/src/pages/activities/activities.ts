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
