// Pure helpers of the institution structure pages: the section tabs, group and academic-year
// forms and their request bodies, the institution settings patch.
import type { PickedPerson } from '../../components/picker';
import { t } from '../../i18n';
import type { Group, Institution, InstitutionKind } from '../../types';
import { idValue, numberOrText } from '../people/person-form';

export interface StructureTab {
  path: string;
  labelKey: string;
}

export const STRUCTURE_TABS: readonly StructureTab[] = [
  { path: '/structure', labelKey: 'ui.structure.settings' },
  { path: '/structure/years', labelKey: 'ui.structure.years' },
  { path: '/structure/faculties', labelKey: 'ui.structure.faculties' },
  { path: '/structure/groups', labelKey: 'ui.structure.groups' },
  { path: '/structure/shanyraks', labelKey: 'ui.structure.shanyraks' },
];

/** The tab a path belongs to: /structure/groups/12 is under "groups", /structure itself is settings. */
export function activeStructureTab(path: string): string | null {
  const trimmed = path.replace(/\/+$/, '') || '/';
  let best: StructureTab | null = null;
  for (const tab of STRUCTURE_TABS) {
    if ((trimmed === tab.path || trimmed.startsWith(`${tab.path}/`)) && (!best || tab.path.length > best.path.length)) best = tab;
  }
  return best?.path ?? null;
}

/** Schools count classes by grade (1-12), colleges and universities groups by course (1-6). */
export function levelField(kind: InstitutionKind | undefined): 'course' | 'grade' {
  return kind === 'school' ? 'grade' : 'course';
}

/** Link to the people directory showing the students of a group. */
export function groupPeopleHref(group: Pick<Group, 'id'>): string {
  return `/people?${new URLSearchParams({ group_id: String(group.id), kind: 'student' }).toString()}`;
}

export interface GroupFormState {
  name: string;
  faculty_id: string;
  course: string;
  grade: string;
  curator: PickedPerson | null;
}

export const EMPTY_GROUP_FORM: GroupFormState = { name: '', faculty_id: '', course: '', grade: '', curator: null };

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

export function groupToForm(group: Group, curatorName: string | null): GroupFormState {
  return {
    name: group.name,
    faculty_id: str(group.faculty_id),
    course: str(group.course),
    grade: str(group.grade),
    curator: group.curator_person_id == null ? null : { id: group.curator_person_id, full_name: curatorName ?? String(group.curator_person_id) },
  };
}

/** Server field names of the group requests that the form shows. */
export const GROUP_FIELDS = ['name', 'faculty_id', 'course', 'grade', 'curator_person_id'] as const;

export function createGroupBody(form: GroupFormState): Record<string, unknown> {
  const body: Record<string, unknown> = { name: form.name.trim() };
  const faculty = idValue(form.faculty_id);
  const course = numberOrText(form.course);
  const grade = numberOrText(form.grade);
  if (faculty !== null) body.faculty_id = faculty;
  if (course !== null) body.course = course;
  if (grade !== null) body.grade = grade;
  if (form.curator) body.curator_person_id = form.curator.id;
  return body;
}

export interface GroupPatch {
  body: Record<string, unknown>;
  /** Fields emptied that the API cannot clear (GroupPatch takes no null): field -> message. */
  errors: Record<string, string>;
}

/** Only what changed. Emptying a field that had a value is refused here, not sent. */
export function patchGroupBody(initial: GroupFormState, form: GroupFormState): GroupPatch {
  const body: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  const name = form.name.trim();
  if (name !== initial.name.trim()) body.name = name;
  const compare: Array<[string, string, string, (value: string) => unknown]> = [
    ['faculty_id', initial.faculty_id, form.faculty_id, idValue],
    ['course', initial.course.trim(), form.course.trim(), numberOrText],
    ['grade', initial.grade.trim(), form.grade.trim(), numberOrText],
  ];
  for (const [field, before, after, convert] of compare) {
    if (before === after) continue;
    if (after === '') errors[field] = t('ui.groups.cannot_clear');
    else body[field] = convert(after);
  }
  const curatorBefore = initial.curator ? String(initial.curator.id) : '';
  const curatorAfter = form.curator ? String(form.curator.id) : '';
  if (curatorBefore !== curatorAfter) {
    if (!form.curator) errors.curator_person_id = t('ui.groups.cannot_clear');
    else body.curator_person_id = form.curator.id;
  }
  return { body, errors };
}

/** "2-курс" / "5 класс": a group's course or grade in words, empty when it has neither. */
export function levelText(group: Pick<Group, 'course' | 'grade'>): string {
  const parts: string[] = [];
  if (group.course != null) parts.push(t('ui.groups.course_value', { n: group.course }));
  if (group.grade != null) parts.push(t('ui.groups.grade_value', { n: group.grade }));
  return parts.join(', ');
}

export interface AcademicYearForm {
  name: string;
  starts_on: string;
  ends_on: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A year that ends before it starts is refused here with a clear sentence. */
export function checkAcademicYear(form: AcademicYearForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (ISO_DATE.test(form.starts_on) && ISO_DATE.test(form.ends_on) && form.ends_on <= form.starts_on) errors.ends_on = t('ui.years.bad_range');
  return errors;
}

/** "2026-2027" for a year starting on 2026-09-01: the usual name, suggested when the name is empty. */
export function suggestYearName(startsOn: string, endsOn: string): string {
  if (!ISO_DATE.test(startsOn) || !ISO_DATE.test(endsOn)) return '';
  return `${startsOn.slice(0, 4)}-${endsOn.slice(0, 4)}`;
}

export interface InstitutionFormState {
  name: string;
  kind: string;
  languages: string[];
  publishStudentNames?: boolean;
}

export function institutionToForm(institution: Institution): InstitutionFormState {
  return { name: institution.name, kind: institution.kind, languages: [...institution.languages], publishStudentNames: !!institution.publish_student_names };
}

const LANGUAGE_ORDER = ['kk', 'ru', 'en'];

/** Languages in the catalogue order (kk, ru, en), whatever order they were ticked in. */
export function orderedLanguages(languages: readonly string[]): string[] {
  return [...new Set(languages)].sort((a, b) => {
    const rank = (code: string) => (LANGUAGE_ORDER.includes(code) ? LANGUAGE_ORDER.indexOf(code) : LANGUAGE_ORDER.length);
    return rank(a) - rank(b) || a.localeCompare(b);
  });
}

/** PATCH /api/v1/institution: only what changed. */
export function institutionPatch(initial: InstitutionFormState, form: InstitutionFormState): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (form.name.trim() !== initial.name.trim()) body.name = form.name.trim();
  if (form.kind !== initial.kind) body.kind = form.kind;
  const before = orderedLanguages(initial.languages);
  const after = orderedLanguages(form.languages);
  if (before.join(',') !== after.join(',')) body.languages = after;
  if (!!form.publishStudentNames !== !!initial.publishStudentNames) body.publish_student_names = !!form.publishStudentNames;
  return body;
}

/** POST /api/v1/institutions. */
export function institutionBody(form: InstitutionFormState): Record<string, unknown> {
  const body: Record<string, unknown> = { name: form.name.trim(), languages: orderedLanguages(form.languages) };
  if (form.kind) body.kind = form.kind;
  return body;
}
