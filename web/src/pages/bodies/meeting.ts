// Pure helpers of the session page: where the signed-in member stands on an item (MTG-5, MTG-6),
// how many may still vote, and the agenda item request.
import type { AgendaItem, AttendanceEntry, Id, Meeting, VoteChoice, VoteReceipt } from './bodies-types';
import { ITEM_KINDS } from './bodies-types';
import { idNumber, sameId } from './bodies';

export function attendanceOf(meeting: Meeting, personId: Id | null | undefined): AttendanceEntry | null {
  return meeting.attendance.find((entry) => sameId(entry.person_id, personId)) ?? null;
}

export const isInterested = (item: AgendaItem, personId: Id | null | undefined): boolean => item.interested_person_ids.some((id) => sameId(id, personId));

/** Present voting members who are not interested in the item: those who may vote on it. */
export function eligibleVoters(meeting: Meeting, item: AgendaItem): AttendanceEntry[] {
  return meeting.attendance.filter((entry) => entry.voting && entry.status === 'present' && !isInterested(item, entry.person_id));
}

/** Names of those who have voted (never how, while the vote is open). */
export function votedNames(meeting: Meeting, item: AgendaItem): string[] {
  return item.votes.map((vote) => attendanceOf(meeting, vote.person_id)?.full_name ?? String(vote.person_id));
}

/**
 * Where the signed-in person stands on an item, checked in the server's order so that the page
 * says what the server would answer:
 * - null: not a member of the body on the session's date (nothing to show);
 * - recused: named as interested (MTG-6), whatever the vote's state;
 * - voted: their vote is recorded (with the choice unless the vote is secret);
 * - non_voting: the secretary or another member without a vote (MTG-5, ORG-9);
 * - not_open / closed: nothing to vote on now;
 * - absent: not marked present (MTG-5);
 * - can_vote.
 */
export type VoterState =
  | { kind: 'recused'; rule: 'MTG-6' }
  | { kind: 'voted'; choice?: VoteChoice }
  | { kind: 'non_voting'; rule: 'MTG-5' }
  | { kind: 'not_open' }
  | { kind: 'closed' }
  | { kind: 'absent'; rule: 'MTG-5' }
  | { kind: 'can_vote' };

export function voterState(meeting: Meeting, item: AgendaItem, personId: Id | null | undefined): VoterState | null {
  const me = attendanceOf(meeting, personId);
  if (!me) return null;
  if (isInterested(item, personId)) return { kind: 'recused', rule: 'MTG-6' };
  const vote = item.votes.find((entry) => sameId(entry.person_id, personId));
  if (vote) return vote.choice ? { kind: 'voted', choice: vote.choice } : { kind: 'voted' };
  if (!me.voting) return { kind: 'non_voting', rule: 'MTG-5' };
  if (item.vote_status === 'none') return { kind: 'not_open' };
  if (item.vote_status !== 'open') return { kind: 'closed' };
  if (me.status !== 'present') return { kind: 'absent', rule: 'MTG-5' };
  return { kind: 'can_vote' };
}

/** The item whose vote is open, else null (one at a time is how sessions run). */
export function openItem(meeting: Meeting): AgendaItem | null {
  return meeting.items.find((item) => item.vote_status === 'open') ?? null;
}

/** ORG-10: a member of the body may record a dissenting opinion on a decided item. */
export function mayDissent(meeting: Meeting, item: AgendaItem, personId: Id | null | undefined): boolean {
  return item.vote_status === 'closed' && attendanceOf(meeting, personId) !== null;
}

export const ITEM_FIELDS = ['kind', 'title', 'motion', 'secret', 'interested_person_ids'] as const;

export interface ItemForm {
  kind: string;
  title: string;
  motion: string;
  secret: boolean;
  interested: string[];
}

export const EMPTY_ITEM: ItemForm = { kind: '', title: '', motion: '', secret: false, interested: [] };

export function itemBody(form: ItemForm): Record<string, unknown> {
  const body: Record<string, unknown> = { kind: form.kind, title: form.title.trim(), motion: form.motion.trim(), secret: form.secret };
  if (form.interested.length > 0) body.interested_person_ids = form.interested.map((id) => idNumber(id));
  return body;
}

export const isItemKind = (kind: string): boolean => (ITEM_KINDS as readonly string[]).includes(kind);

/**
 * The session with a just-recorded vote in it, until the next refresh brings the server's own
 * view: the vote is counted once, and its choice is kept only where the vote is not secret.
 */
export function withVote(meeting: Meeting, receipt: VoteReceipt): Meeting {
  if (!receipt.recorded) return meeting;
  return {
    ...meeting,
    items: meeting.items.map((item) => {
      if (!sameId(item.id, receipt.item_id) || item.votes.some((vote) => sameId(vote.person_id, receipt.person_id))) return item;
      const vote = item.secret ? { person_id: receipt.person_id } : { person_id: receipt.person_id, choice: receipt.choice };
      return { ...item, votes: [...item.votes, vote], votes_cast: item.votes_cast + 1 };
    }),
  };
}
