// What the home page shows, as data: the "needs you" entries and a person's overview, as the
// server answers them (GET /api/v1/me/needs, /api/v1/people/{id}/overview, /api/v1/setup).
import type { MessageValues, Locale } from '../../i18n';
import { formatDate, formatDateTime } from '../../format';
import type { HostelOverview } from '../hostel/HostelOverviewSection';
import type { AwardsOverview } from '../awards/AwardsOverviewSection';

export interface Need {
  kind: string;
  link: string;
  params: Record<string, string | number>;
  when: string | null;
}

export interface Seat {
  body_id: number;
  body: string;
  position: string;
  voting: boolean;
  starts_on: string;
  ends_on: string | null;
}

export interface SessionAhead {
  id: number;
  body_id: number;
  body: string;
  number: number;
  held_on: string;
  place: string;
  status: string;
}

export interface EventOfPerson {
  id: number;
  title: string;
  held_on: string;
  starts_at: string | null;
  place: string;
  role: string;
  attended: boolean;
  cancelled?: boolean;
}

export interface Candidacy {
  id: number;
  election_id: number;
  title: string;
  election_day: string;
  status: string;
  program_review: string;
  phase: string;
}

export interface MembershipCandidacy {
  id: number;
  body_id: number;
  body: string;
  position: string;
  status: string;
  proposed_at: string;
}
export interface Overview {
  id: number;
  full_name: string;
  group_name: string | null;
  sections: string[];
  bodies?: { seats: Seat[]; candidacies: MembershipCandidacy[] };
  sessions?: SessionAhead[];
  events?: EventOfPerson[];
  candidacies?: Candidacy[];
  nominations?: Candidacy[];
  attendance?: AttendanceOverview | null;
  hostel?: HostelOverview;
  awards?: AwardsOverview;
}

/** The student's current term in the journal (attendance module). */
export interface AttendanceOverview {
  academic_year: string;
  term: number;
  late_days: number;
  unjustified_days: number;
  justified_days: number;
  link: string;
}

export interface SetupStep {
  key: string;
  link: string;
  done: boolean;
  count: number;
}

export interface Setup {
  steps: SetupStep[];
  done: number;
  total: number;
}

/** The message arguments of a need, with its dates written in the reader's language. */
export function needValues(need: Need, locale: Locale): MessageValues {
  const values: MessageValues = { ...need.params };
  if (typeof need.params.date === 'string') values.date = formatDate(need.params.date, locale);
  if (typeof need.params.closes === 'string') values.closes = formatDateTime(need.params.closes, locale);
  return values;
}

/** The first step not done yet: the one the checklist offers as "next". */
export function nextStep(setup: Setup): SetupStep | undefined {
  return setup.steps.find((s) => !s.done);
}

/** Whether the person has sessions to put in a calendar: a seat, or a session ahead. */
export function hasSessions(overview: Overview | null): boolean {
  if (!overview) return false;
  return (overview.bodies?.seats.length ?? 0) > 0 || (overview.sessions?.length ?? 0) > 0;
}
