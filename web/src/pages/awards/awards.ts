// Rewarding the students (AWD-1..AWD-5): the API's paths and shapes, shared by the awards pages.
export type Contest = 'student_of_year' | 'shanyrak_of_year';

export interface Discussion {
  id: number | string;
  forum: 'shanyrak_meeting' | 'pedagogical_meeting' | 'shanyrak_union';
  shanyrak_id: number | string | null;
  shanyrak_name: string | null;
  held_on: string;
  supported: boolean;
  decision: string;
}

export interface Nomination {
  id: number | string;
  academic_year: string;
  contest: Contest;
  student_id: number | string | null;
  shanyrak_id: number | string | null;
  commission_body_id: number | string;
  proposed_by_shanyrak_id: number | string | null;
  proposed_by_shanyrak_name: string | null;
  nominee_name: string;
  motivation: string;
  status: 'presented' | 'disagreement' | 'rejected';
  presented_on: string | null;
  discussions: Discussion[];
}

export interface Deadline {
  academic_year: string;
  last_day: string;
  deadline: string;
  rule: string;
}

export interface Standing {
  nomination_id: number | string;
  name: string;
  rank: number;
  place: number | null;
  score_sum: number;
  score_count: number;
  mean: string;
  first_ranks: number;
  median: number;
  tie_break: 'first_ranks' | 'median' | 'earlier_nomination' | null;
}

export interface Session {
  id: number | string;
  commission_body_id: number | string;
  meeting_id: number | string;
  meeting_number: number | null;
  meeting_held_on: string | null;
  academic_year: string;
  contest: Contest;
  status: 'open' | 'closed';
  places: number;
  rule: string;
  nominees: { nomination_id: number | string; name: string; proposed_by_shanyrak_name: string | null; student_id: number | string | null; shanyrak_id: number | string | null; scores: number; award_id: number | string | null }[];
  members: {
    person_id: number | string;
    name: string;
    recusals: { nomination_id: number | string; reason: string }[];
    scored: number;
    scores: { nomination_id: number | string; score: number }[] | null;
  }[];
  me: { voting: boolean; recusals: { nomination_id: number | string; reason: string }[]; scores: { nomination_id: number | string; score: number }[] };
  result: { standings: Standing[]; places: number; tie_break_order: string[] } | null;
  agenda_item_id: number | string | null;
  may_run?: boolean;
}

export interface Award {
  id: number | string;
  kind: string;
  kind_name: string;
  recipient_kind: 'student' | 'shanyrak' | 'group' | 'team';
  recipient_name: string;
  reason: string;
  place: number | null;
  published: boolean;
  academic_year: string;
  order_number: string;
  issued_on: string;
  nomination_id: number | string | null;
  students?: { person_id: number | string; name: string }[];
  order?: { verification_code: string; document_hash: string; content: Record<string, unknown> };
  may_publish?: boolean;
}

export interface AwardKind {
  code: string;
  preset: boolean;
  contest: boolean;
  name: string | null;
}

export const awardPath = (id: number | string, tail = '') => `/api/v1/awards/${encodeURIComponent(String(id))}${tail}`;
export const sessionPath = (id: number | string, tail = '') => `/api/v1/awards/sessions/${encodeURIComponent(String(id))}${tail}`;
export const isAwardOrderCode = (code: string): boolean => /^\d+a[0-9a-z]+$/i.test(code);
export const awardOrderVerifyPath = (code: string) => `/api/v1/public/award-orders/${encodeURIComponent(code)}`;
