// Pure helpers of the person form: the form state as strings, and the JSON bodies of
// POST /api/v1/people and PATCH /api/v1/people/{id}.
import type { PersonDetail } from '../../types';

export interface PersonFormState {
  surname: string;
  name: string;
  patronymic: string;
  birth_date: string;
  gender: string;
  email: string;
  phone: string;
  isStudent: boolean;
  student_number: string;
  course: string;
  grade: string;
  group_id: string;
  status: string;
  academic_debt: boolean;
  isStaff: boolean;
  position: string;
}

/** Field paths as the server names them in errors[].field. */
export const PERSON_FIELDS = [
  'surname',
  'name',
  'patronymic',
  'birth_date',
  'gender',
  'email',
  'phone',
  'student',
  'student.student_number',
  'student.course',
  'student.grade',
  'student.group_id',
  'student.status',
  'student.academic_debt',
  'staff',
  'staff.position',
] as const;

const SENSITIVE = ['birth_date', 'gender', 'email', 'phone'] as const;
const PLAIN = ['surname', 'name', 'patronymic'] as const;

export function emptyPersonForm(kind: 'student' | 'staff' = 'student'): PersonFormState {
  return {
    surname: '',
    name: '',
    patronymic: '',
    birth_date: '',
    gender: '',
    email: '',
    phone: '',
    isStudent: kind === 'student',
    student_number: '',
    course: '',
    grade: '',
    group_id: '',
    status: 'studying',
    academic_debt: false,
    isStaff: kind === 'staff',
    position: '',
  };
}

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

export function personToForm(person: PersonDetail): PersonFormState {
  return {
    surname: str(person.surname),
    name: str(person.name),
    patronymic: str(person.patronymic),
    birth_date: str(person.birth_date),
    gender: str(person.gender),
    email: str(person.email),
    phone: str(person.phone),
    isStudent: !!person.student,
    student_number: str(person.student?.student_number),
    course: str(person.student?.course),
    grade: str(person.student?.grade),
    group_id: str(person.student?.group_id),
    status: str(person.student?.status) || 'studying',
    academic_debt: !!person.student?.academic_debt,
    isStaff: !!person.staff,
    position: str(person.staff?.position),
  };
}

/**
 * A whole number stays a number; anything else typed is sent as typed so that the server's
 * validation names the problem next to the field instead of the value silently vanishing.
 */
export function numberOrText(value: string): number | string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** Group ids may be numbers or strings on the server; keep numbers numeric. */
export function idValue(value: string): number | string | null {
  if (!value) return null;
  return /^\d+$/.test(value) ? Number(value) : value;
}

function studentBody(form: PersonFormState): Record<string, unknown> {
  const body: Record<string, unknown> = { student_number: form.student_number.trim(), status: form.status || 'studying', academic_debt: form.academic_debt };
  const course = numberOrText(form.course);
  const grade = numberOrText(form.grade);
  const group = idValue(form.group_id);
  if (course !== null) body.course = course;
  if (grade !== null) body.grade = grade;
  if (group !== null) body.group_id = group;
  return body;
}

export function createPersonBody(form: PersonFormState): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of [...PLAIN, ...SENSITIVE]) {
    const value = form[key].trim();
    if (value) body[key] = value;
  }
  // Required names are always sent, even empty, so the server reports them as required.
  body.surname = form.surname.trim();
  body.name = form.name.trim();
  if (form.isStudent) body.student = studentBody(form);
  if (form.isStaff) body.staff = { position: form.position.trim() };
  return body;
}

/**
 * Only what changed: a PATCH must never blank out fields the editor could not see (a role
 * refused by the policy person.read_sensitive gets no birth date, and must not erase it by saving).
 */
export function patchPersonBody(initial: PersonFormState, form: PersonFormState, sensitiveVisible: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const keys: (keyof PersonFormState)[] = [...PLAIN, ...(sensitiveVisible ? SENSITIVE : [])];
  for (const key of keys) {
    const before = String(initial[key]).trim();
    const after = String(form[key]).trim();
    if (before !== after) body[key] = after === '' && key !== 'surname' && key !== 'name' ? null : after;
  }
  const studentKeys: (keyof PersonFormState)[] = ['isStudent', 'student_number', 'course', 'grade', 'group_id', 'status', 'academic_debt'];
  if (studentKeys.some((key) => initial[key] !== form[key])) {
    body.student = form.isStudent ? studentBody(form) : null;
  }
  if (initial.isStaff !== form.isStaff || initial.position !== form.position) {
    body.staff = form.isStaff ? { position: form.position.trim() } : null;
  }
  return body;
}
