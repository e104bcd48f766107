// Candidates for membership considered by the body (ORG-6): the shapes of the candidates API,
// the request bodies, the choice of the decision (a closed vote on a "membership candidates"
// item of this body's sessions) and how a seat was given. Pure: no requests, no rendering.
import type { AgendaItem, Id, Meeting, Membership } from './bodies-types';
import { idNumber, sameId } from './bodies';

export const CANDIDATE_STATUSES = ['proposed', 'accepted', 'rejected'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

export interface MembershipCandidate {
  id: Id;
  body_id: Id;
  person_id: Id;
  full_name: string;
  position: string;
  note?: string;
  status: CandidateStatus;
  proposed_at?: number;
  decision_item_id?: Id | null;
  membership_id?: Id | null;
}

/** The agenda item kind whose decisions consider candidates (MTG-2). */
export const CANDIDATES_ITEM_KIND = 'membership_candidates';

export const CANDIDATE_FIELDS = ['person_id', 'position', 'note'] as const;
export const DECISION_FIELDS = ['agenda_item_id', 'starts_on', 'accepted_regulation'] as const;

export interface CandidateForm {
  person_id: Id | null;
  position: string;
  note: string;
}

/** POST /bodies/{id}/candidates; an empty note is not sent. */
export function candidateBody(form: CandidateForm): Record<string, unknown> {
  const body: Record<string, unknown> = { person_id: idNumber(form.person_id), position: form.position };
  const note = form.note.trim();
  if (note) body.note = note;
  return body;
}

/** Local checks before proposing: field -> 'choose_person' | 'choose_position'. */
export function candidateProblems(form: CandidateForm): Record<string, 'choose_person' | 'choose_position'> {
  const problems: Record<string, 'choose_person' | 'choose_position'> = {};
  if (form.person_id == null || form.person_id === '') problems.person_id = 'choose_person';
  if (!form.position) problems.position = 'choose_position';
  return problems;
}

/** The position proposed by default: an ordinary member when the body has that position. */
export function defaultCandidatePosition(positions: readonly string[]): string {
  return positions.includes('member') ? 'member' : '';
}

/** A decision that may be recorded on a candidate: a closed vote on a candidates item. */
export interface CandidateDecision {
  id: Id;
  meeting_id: Id;
  meeting_number: number;
  held_on: string;
  title: string;
  outcome: 'adopted' | 'rejected';
}

export const isCandidatesDecision = (item: AgendaItem): boolean =>
  item.kind === CANDIDATES_ITEM_KIND && item.vote_status === 'closed' && (item.outcome === 'adopted' || item.outcome === 'rejected');

/** Closed votes on "membership candidates" items of the body's sessions, newest session first. */
export function candidateDecisions(meetings: readonly Meeting[], bodyId: Id): CandidateDecision[] {
  const out: CandidateDecision[] = [];
  const ordered = meetings
    .filter((meeting) => sameId(meeting.body_id, bodyId))
    .slice()
    .sort((a, b) => (a.held_on === b.held_on ? b.number - a.number : a.held_on < b.held_on ? 1 : -1));
  for (const meeting of ordered)
    for (const item of [...meeting.items].sort((a, b) => a.position - b.position))
      if (isCandidatesDecision(item))
        out.push({ id: item.id, meeting_id: meeting.id, meeting_number: meeting.number, held_on: meeting.held_on, title: item.title, outcome: item.outcome as 'adopted' | 'rejected' });
  return out;
}

export interface DecisionForm {
  agenda_item_id: string;
  starts_on: string;
  accepted_regulation: boolean;
}

/** The chosen decision, if it is among those offered. */
export function chosenDecision(decisions: readonly CandidateDecision[], agendaItemId: string): CandidateDecision | null {
  return decisions.find((decision) => sameId(decision.id, agendaItemId)) ?? null;
}

/** Local checks before recording: a decision must be chosen; an adopted one needs the first day. */
export function decisionProblems(form: DecisionForm, decision: CandidateDecision | null): Record<string, 'required'> {
  const problems: Record<string, 'required'> = {};
  if (!form.agenda_item_id) problems.agenda_item_id = 'required';
  if (decision?.outcome === 'adopted' && !form.starts_on.trim()) problems.starts_on = 'required';
  return problems;
}

/**
 * POST /membership-candidates/{id}/decision. The first day and the acceptance of the regulation
 * go only with an adopted decision (it seats the candidate; ORG-4 stays the server's word).
 */
export function decisionBody(form: DecisionForm, decision: CandidateDecision | null): Record<string, unknown> {
  const body: Record<string, unknown> = { agenda_item_id: idNumber(form.agenda_item_id) };
  if (decision?.outcome === 'adopted') {
    body.starts_on = form.starts_on.trim();
    body.accepted_regulation = form.accepted_regulation;
  }
  return body;
}

/** Proposed candidates first (oldest first: the order they wait in), then the decided ones. */
export function sortCandidates(items: readonly MembershipCandidate[]): MembershipCandidate[] {
  const rank = (c: MembershipCandidate) => (c.status === 'proposed' ? 0 : 1);
  return items.slice().sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? 1 : -1) * ((a.proposed_at ?? 0) - (b.proposed_at ?? 0)));
}

/** People who cannot be proposed again: current members and candidates still under consideration. */
export function unproposable(members: readonly Membership[], candidates: readonly MembershipCandidate[]): Id[] {
  return [...members.map((member) => member.person_id), ...candidates.filter((c) => c.status === 'proposed').map((c) => c.person_id)];
}

/** How a member got the seat, for a badge: by office, by the body's decision, or not said. */
export function seatBasis(member: Pick<Membership, 'ex_officio' | 'decision_item_id'>): 'ex_officio' | 'by_decision' | null {
  if (member.ex_officio) return 'ex_officio';
  if (member.decision_item_id != null) return 'by_decision';
  return null;
}

/** Whether the member form offers "ex officio": only where seats are given by decision (ORG-6). */
export const offersExOfficio = (rules: { candidates_by_decision?: boolean }): boolean => rules.candidates_by_decision === true;
