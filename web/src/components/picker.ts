// Pure parts of the person picker: which request to send for what was typed, and how the
// arrow keys move through the suggestions.
import { withQuery } from '../api';
import type { PersonKind, PersonSummary } from '../types';

/** Fewer letters match half the directory: wait for two. */
export const PICKER_MIN_CHARS = 2;
export const PICKER_LIMIT = 10;

export interface PickedPerson {
  id: string | number;
  full_name: string;
}

/** The GET /api/v1/people request for the typed text, or null while it is too short. */
export function pickerRequest(text: string, kind?: PersonKind): string | null {
  const q = text.trim().replace(/\s+/g, ' ');
  if ([...q].length < PICKER_MIN_CHARS) return null;
  return withQuery('/api/v1/people', { q, kind, limit: PICKER_LIMIT });
}

/**
 * The next highlighted suggestion for ArrowDown (+1) / ArrowUp (-1): wraps around at both ends,
 * and from "nothing highlighted" (-1) ArrowUp goes to the last one. -1 when there is nothing.
 */
export function moveActive(current: number, delta: number, count: number): number {
  if (count <= 0) return -1;
  if (current < 0) return delta > 0 ? 0 : count - 1;
  return (((current + delta) % count) + count) % count;
}

/** Suggestions without the people that may not be chosen (e.g. the student themself). */
export function withoutExcluded(people: readonly PersonSummary[], exclude: readonly (string | number)[]): PersonSummary[] {
  const excluded = new Set(exclude.map(String));
  return people.filter((person) => !excluded.has(String(person.id)));
}

/** What tells two people of the same name apart: group and student number, or the position. */
export function distinguishingFacts(person: PersonSummary): string[] {
  const facts: string[] = [];
  if (person.student) {
    if (person.student.group_name) facts.push(person.student.group_name);
    if (person.student.student_number) facts.push(person.student.student_number);
  }
  if (person.staff?.position) facts.push(person.staff.position);
  return facts;
}
