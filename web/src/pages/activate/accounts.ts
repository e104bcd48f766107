// Accounts for everyone: what the activation page reads from the QR's link, how a typed code is
// tidied, and the body of a bulk issue. Pure, so they are tested without a browser.

/** The alphabet of activation codes: no 0/O, no 1/I (the server's logins::code_alphabet). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 26;

/** What the QR on the sheet opens: /activate?login=…&code=… */
export function activationQuery(search: string): { login: string; code: string } {
  const params = new URLSearchParams(search);
  return { login: (params.get('login') ?? '').trim().toLowerCase(), code: formatCode(params.get('code') ?? '') };
}

/** Upper case, in groups of four as printed; anything else typed in between is dropped. */
export function formatCode(typed: string): string {
  const chars = typed.toUpperCase().replace(/[\s-]+/g, '');
  return (chars.match(/.{1,4}/g) ?? []).join('-');
}

/** Whether the code can be one at all (length and letters), before asking the server. */
export function codeLooksValid(typed: string): boolean {
  const chars = typed.toUpperCase().replace(/[\s-]+/g, '');
  return chars.length === CODE_LENGTH && [...chars].every((c) => CODE_ALPHABET.includes(c));
}

export type IssueScope = 'group' | 'course' | 'all';
export type LoginRule = 'student_number' | 'name';

export interface IssueForm {
  scope: IssueScope;
  groupId: string;
  course: string;
  loginRule: LoginRule;
  validDays: string;
  representatives: boolean;
}

export const DEFAULT_VALID_DAYS = 14;
export const MAX_VALID_DAYS = 90;

export const emptyIssueForm = (groupId = ''): IssueForm => ({
  scope: groupId ? 'group' : 'all',
  groupId,
  course: '',
  loginRule: 'student_number',
  validDays: String(DEFAULT_VALID_DAYS),
  representatives: true,
});

/** The request body, or the fields that are missing or wrong (by the API's field names). */
export function issueBody(form: IssueForm): { body: Record<string, unknown> } | { errors: Record<string, 'required' | 'invalid'> } {
  const errors: Record<string, 'required' | 'invalid'> = {};
  const body: Record<string, unknown> = { scope: form.scope, login_rule: form.loginRule, representatives: form.representatives };
  if (form.scope === 'group') {
    if (!form.groupId) errors.group_id = 'required';
    else body.group_id = Number(form.groupId);
  }
  if (form.scope === 'course') {
    const course = Number(form.course);
    if (!form.course) errors.course = 'required';
    else if (!Number.isInteger(course) || course < 1 || course > 12) errors.course = 'invalid';
    else body.course = course;
  }
  const days = Number(form.validDays);
  if (!Number.isInteger(days) || days < 1 || days > MAX_VALID_DAYS) errors.valid_days = 'invalid';
  else body.valid_days = days;
  return Object.keys(errors).length ? { errors } : { body };
}

export interface IssueResult {
  id: number;
  students: number;
  representatives: number;
  skipped: number;
  emailed: number;
  expires_at: string;
  sheet_url: string;
}

export interface PersonAccount {
  user_id: number;
  login: string;
  roles: string[];
  status: 'pending' | 'expired' | 'activated' | 'active' | 'disabled';
  code_expires_at: string | null;
  batch_id: number | null;
  activated_at: string | null;
}
