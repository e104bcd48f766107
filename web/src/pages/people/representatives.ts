// Pure helpers of the legal-representative form on a student's page: link an existing person
// (POST /api/v1/people/{id}/representatives), or create one first (POST /api/v1/people).
import type { PickedPerson } from '../../components/picker';
import { formErrors, type FormErrors } from '../../errors';
import { t } from '../../i18n';
import { REPRESENTATIVE_KINDS, type RepresentativeKind } from '../../types';
import { idValue } from './person-form';

export type RepresentativeMode = 'existing' | 'new';

export interface NewRepresentativeForm {
  surname: string;
  name: string;
  patronymic: string;
  phone: string;
  email: string;
}

export const EMPTY_NEW_REPRESENTATIVE: NewRepresentativeForm = { surname: '', name: '', patronymic: '', phone: '', email: '' };

/** Server field names of POST /api/v1/people that the "new person" part shows. */
export const NEW_REPRESENTATIVE_FIELDS = ['surname', 'name', 'patronymic', 'phone', 'email'] as const;
/** Server field names of the link request that the form shows. */
export const LINK_FIELDS = ['representative_id', 'kind'] as const;

export function isRepresentativeKind(value: string): value is RepresentativeKind {
  return (REPRESENTATIVE_KINDS as readonly string[]).includes(value);
}

/** The new person: names always sent (so the server can say "required"), empty extras left out. */
export function newRepresentativeBody(form: NewRepresentativeForm): Record<string, string> {
  const body: Record<string, string> = { surname: form.surname.trim(), name: form.name.trim() };
  for (const key of ['patronymic', 'phone', 'email'] as const) {
    const value = form[key].trim();
    if (value) body[key] = value;
  }
  return body;
}

export function linkBody(representativeId: string | number, kind: string): { representative_id: string | number; kind: string } {
  const id = typeof representativeId === 'number' ? representativeId : idValue(representativeId) ?? representativeId;
  return { representative_id: id, kind };
}

/**
 * What can be said before any request: a relation must be chosen, and an existing person
 * picked. Checked first so that "create and link" never creates a person it then cannot link.
 * Null when the form may be sent.
 */
export function checkRepresentativeForm(mode: RepresentativeMode, picked: PickedPerson | null, kind: string): FormErrors | null {
  const fields: Record<string, string> = {};
  if (mode === 'existing' && !picked) fields.representative_id = t('ui.representatives.choose_person');
  if (!isRepresentativeKind(kind)) fields.kind = t('ui.representatives.choose_kind');
  return Object.keys(fields).length > 0 ? { fields, general: [] } : null;
}

/** A refused link: field errors next to their fields, "student" (not a student) as a sentence. */
export function linkFormErrors(error: unknown): FormErrors {
  return formErrors(error, LINK_FIELDS, { student: t('ui.representatives.not_student') });
}
