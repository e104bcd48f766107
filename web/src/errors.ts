// Turns API failures into text for people: localised by the server when it could, else by
// our catalog, and split per form field so each message sits next to its input.
import { ApiError, NETWORK_ERROR_STATUS, type FieldProblem } from './api';
import { hasMessage, t } from './i18n';

export interface FormErrors {
  /** field path (e.g. "surname", "student.student_number") -> message */
  fields: Record<string, string>;
  /** messages that belong to no visible field, shown in the form's alert */
  general: string[];
}

export const NO_ERRORS: FormErrors = { fields: {}, general: [] };

/** Message of one field problem: the server's localised text, else ours for its code. */
export function fieldMessage(problem: FieldProblem): string {
  if (problem.message) return problem.message;
  const key = `field.${problem.code}`;
  return hasMessage(key) ? t(key) : t('ui.error.field_generic');
}

/** Headline for a failed request, e.g. "Wrong login or password. Check the login and the password." */
export function problemMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return t('ui.error.unexpected');
  if (error.status === NETWORK_ERROR_STATUS) return t('ui.error.network');
  const { title, detail } = error.problem;
  if (error.status === 429) {
    if (detail) return detail;
    const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60));
    return t('error.too_many_attempts.detail', { minutes });
  }
  if (title && detail) return /[.!?…]$/.test(title) ? `${title} ${detail}` : `${title}. ${detail}`;
  if (title || detail) return (title ?? detail) as string;
  const key = `error.${error.code}.title`;
  return hasMessage(key) ? t(key) : t('ui.error.http', { status: error.status });
}

/**
 * Splits a validation problem into per-field messages. Errors for fields that the form does
 * not show (e.g. an unknown_field) go to `general` so they are never silently dropped; `explain`
 * gives such a field a whole sentence instead of "field: message" (e.g. "student" on a form
 * that links a representative to the student on screen).
 */
export function formErrors(error: unknown, visibleFields: readonly string[], explain: Record<string, string> = {}): FormErrors {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  const problems = error instanceof ApiError ? error.fieldErrors : [];
  for (const problem of problems) {
    const message = fieldMessage(problem);
    const field = problem.field ?? '';
    if (visibleFields.includes(field)) {
      if (!(field in fields)) fields[field] = message; // the first problem per field is enough
    } else if (field in explain) {
      if (!general.includes(explain[field])) general.push(explain[field]);
    } else {
      general.push(field ? `${field}: ${message}` : message);
    }
  }
  // The headline always comes first: it is what a screen reader announces from the alert.
  general.unshift(problemMessage(error));
  return { fields, general };
}

/** The RULEBOOK id of the regulation that refused the request (problem `rule`), if any. */
export function ruleOf(error: unknown): string | null {
  return error instanceof ApiError && typeof error.problem.rule === 'string' && error.problem.rule ? error.problem.rule : null;
}
