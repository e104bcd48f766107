// Shapes of the Kenes HTTP API v1 resources that the UI reads and writes.
import type { Locale } from './i18n';

export type Permission =
  | 'public'
  | 'self'
  | 'institution.read'
  | 'institution.manage'
  | 'people.read'
  | 'people.write'
  | 'people.import'
  | 'users.manage'
  | 'audit.read'
  | 'institutions.manage'
  | 'bodies.read'
  | 'bodies.manage'
  | 'meetings.run';

export const INSTITUTION_KINDS = ['school', 'college', 'university'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export interface Institution {
  id: string | number;
  name: string;
  kind: InstitutionKind;
  languages: string[];
  time_zone: string;
  /** Public pages name student members of bodies (PLAN-4); never in confidential commissions. */
  publish_student_names?: boolean;
}

export interface User {
  id: string | number;
  login: string;
  display_name: string;
  locale: Locale;
  /** The person in the directory this account belongs to (a member of bodies votes as them). */
  person_id?: string | number | null;
  roles: string[];
  permissions: string[];
  institution?: Institution;
}

export type SessionInfo =
  | { authenticated: false; locale?: Locale }
  | { authenticated: true; csrf_token: string; user: User };

export interface LoginResponse {
  csrf_token: string;
  user: User;
}

export const PERSON_KINDS = ['student', 'staff', 'representative'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];
export const STUDENT_STATUSES = ['studying', 'academic_leave', 'expelled', 'graduated'] as const;
export type StudentStatus = (typeof STUDENT_STATUSES)[number];
export const GENDERS = ['female', 'male'] as const;
export const REPRESENTATIVE_KINDS = ['mother', 'father', 'guardian', 'other'] as const;
export type RepresentativeKind = (typeof REPRESENTATIVE_KINDS)[number];

export interface StudentRecord {
  student_number: string;
  course?: number | null;
  grade?: number | null;
  group_id?: string | number | null;
  group_name?: string | null;
  status: StudentStatus;
  academic_debt?: boolean;
}

export interface PersonSummary {
  id: string | number;
  surname: string;
  name: string;
  patronymic?: string | null;
  full_name: string;
  kinds: PersonKind[];
  student: StudentRecord | null;
  staff: { position: string } | null;
}

export interface PersonLink {
  person_id: string | number;
  full_name: string;
  kind: string;
  phone?: string | null;
  email?: string | null;
}

export interface PersonDetail extends PersonSummary {
  birth_date?: string | null;
  gender?: 'female' | 'male' | null;
  email?: string | null;
  phone?: string | null;
  representatives?: PersonLink[];
  children?: PersonLink[];
  user_id?: string | number | null;
  restricted?: boolean;
}

export interface Me {
  user: User;
  person: PersonDetail | null;
  children: PersonSummary[];
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Group {
  id: string | number;
  name: string;
  faculty_id?: string | number | null;
  course?: number | null;
  grade?: number | null;
  curator_person_id?: string | number | null;
  student_count?: number;
}

export interface AcademicYear {
  id: string | number;
  name: string;
  starts_on: string;
  ends_on: string;
}

/** Faculties and shanyraks: a name and nothing else. */
export interface NamedRecord {
  id: string | number;
  name: string;
}

export interface RepresentativeLink {
  student_id: string | number;
  representative_id: string | number;
  kind: RepresentativeKind;
}

export type ImportMapping = Record<string, number>;

export interface ImportUpload {
  id: string | number;
  filename: string;
  encoding: string;
  delimiter: string;
  columns: string[];
  row_count: number;
  sample: string[][];
  mapping: ImportMapping;
  fields: string[];
  status?: 'uploaded' | 'imported' | 'cancelled';
}

export interface ImportRowError {
  line: number;
  column?: string | number | null;
  field?: string;
  code: string;
  message?: string;
}

export interface ImportPreview {
  dry_run: true;
  rows: number;
  creates: number;
  updates: number;
  representatives: number;
  new_groups: string[];
  errors: ImportRowError[];
  /** Rows without a student number and the unique number each one will get. */
  generated_numbers?: { line: number; person: string; student_number: string }[];
}

export interface ImportResult {
  created: number;
  updated: number;
  representatives: number;
  new_groups: string[] | number;
}

export interface UserAccount {
  id: string | number;
  login: string;
  display_name: string;
  person_id: string | number | null;
  roles: string[];
  disabled: boolean;
  created_at: string;
}

export interface RoleInfo {
  role: string;
  permissions: string[];
}

/** "read" (GET and HEAD only), the permissions a token may use, or "all" (tokens made before scopes). */
export type TokenScope = 'read' | 'all' | string[];

export interface ApiToken {
  id: string | number;
  name: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  expired: boolean;
  scope: TokenScope;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor_id: string | number | null;
  actor_login: string | null;
  action: string;
  entity: string;
  entity_id: string | number | null;
  before: unknown;
  after: unknown;
  hash: string;
}

export type AuditVerify =
  | { ok: true; checked: number }
  | { ok: false; checked: number; first_broken_seq: number };
