import { describe, expect, it } from 'vitest';
import type { AgendaItem, AttendanceEntry, Meeting } from './bodies-types';
import { eligibleVoters, itemBody, mayDissent, openItem, voterState, votedNames, withVote } from './meeting';

const entry = (person: number, status: AttendanceEntry['status'], voting = true, position = 'member'): AttendanceEntry => ({
  person_id: person,
  position,
  voting,
  full_name: `P${person}`,
  status,
});

const item = (patch: Partial<AgendaItem> = {}): AgendaItem => ({
  id: 100,
  position: 1,
  kind: 'discipline_case',
  title: 'Case',
  motion: 'Reprimand',
  secret: false,
  vote_status: 'open',
  outcome: null,
  votes_cast: 0,
  interested_person_ids: [],
  votes: [],
  dissents: [],
  ...patch,
});

const meeting = (attendance: AttendanceEntry[], items: AgendaItem[]): Meeting => ({
  id: 1,
  body_id: 2,
  number: 1,
  academic_year: '2026-2027',
  held_on: '2026-11-22',
  place: '204',
  status: 'open',
  quorum: { met: true, present: 5, base: 7, needed: 5, rule: 'MTG-3', explanation: '' },
  attendance,
  items,
});

// 1 chair, 2..7 members, 8 secretary without a vote; 7 absent; 5 interested in the item.
const ATTENDANCE = [
  entry(1, 'present', true, 'chair'),
  entry(2, 'present'),
  entry(3, 'present'),
  entry(4, 'present'),
  entry(5, 'present'),
  entry(6, 'present'),
  entry(7, 'absent'),
  entry(8, 'present', false, 'secretary'),
];

describe("a member's place on an item (MTG-5, MTG-6)", () => {
  const open = item({ interested_person_ids: [5], votes: [{ person_id: 2, choice: 'no' }], votes_cast: 1 });
  const m = meeting(ATTENDANCE, [open]);

  it('in the order the server checks', () => {
    expect(voterState(m, open, 1)).toEqual({ kind: 'can_vote' });
    expect(voterState(m, open, 2)).toEqual({ kind: 'voted', choice: 'no' });
    expect(voterState(m, open, '5')).toEqual({ kind: 'recused', rule: 'MTG-6' });
    expect(voterState(m, open, 7)).toEqual({ kind: 'absent', rule: 'MTG-5' });
    expect(voterState(m, open, 8)).toEqual({ kind: 'non_voting', rule: 'MTG-5' });
    expect(voterState(m, open, 99)).toBeNull();
    expect(voterState(m, open, null)).toBeNull();
  });

  it('a secret vote says that the vote is recorded, not how', () => {
    const secret = item({ secret: true, votes: [{ person_id: 3 }] });
    expect(voterState(meeting(ATTENDANCE, [secret]), secret, 3)).toEqual({ kind: 'voted' });
  });

  it('before opening and after closing there is nothing to vote on; the recusal still shows', () => {
    const waiting = item({ vote_status: 'none', interested_person_ids: [5] });
    expect(voterState(m, waiting, 1)).toEqual({ kind: 'not_open' });
    expect(voterState(m, waiting, 5)).toEqual({ kind: 'recused', rule: 'MTG-6' });
    const closed = item({ vote_status: 'closed', outcome: 'adopted', votes: [{ person_id: 2, choice: 'yes' }] });
    expect(voterState(m, closed, 1)).toEqual({ kind: 'closed' });
    expect(voterState(m, closed, 2)).toEqual({ kind: 'voted', choice: 'yes' });
  });

  it('counts who may vote: present, with a vote, not interested', () => {
    expect(eligibleVoters(m, open).map((e) => e.person_id)).toEqual([1, 2, 3, 4, 6]);
    expect(votedNames(m, open)).toEqual(['P2']);
    expect(openItem(m)?.id).toBe(100);
    expect(openItem(meeting(ATTENDANCE, [item({ vote_status: 'closed' })]))).toBeNull();
  });

  it('any member may record a dissent on a decided item (ORG-10), nobody else', () => {
    const closed = item({ vote_status: 'closed', outcome: 'adopted' });
    expect(mayDissent(m, closed, 6)).toBe(true);
    expect(mayDissent(m, closed, 8)).toBe(true);
    expect(mayDissent(m, closed, 99)).toBe(false);
    expect(mayDissent(m, open, 6)).toBe(false);
  });
});

describe('agenda item request', () => {
  it('trims the texts and sends interested persons as numeric ids', () => {
    expect(itemBody({ kind: 'discipline_case', title: ' Case ', motion: ' Reprimand\n', secret: false, interested: ['5', '6'] })).toEqual({
      kind: 'discipline_case',
      title: 'Case',
      motion: 'Reprimand',
      secret: false,
      interested_person_ids: [5, 6],
    });
    expect(itemBody({ kind: 'other', title: 'T', motion: 'M', secret: true, interested: [] })).not.toHaveProperty('interested_person_ids');
  });
});

describe('a vote receipt in the session until the next read', () => {
  const receipt = { item_id: 100, meeting_id: 1, person_id: 3, choice: 'yes' as const, recorded: true };

  it('counts the vote once and makes the voter "voted"', () => {
    const m = meeting(ATTENDANCE, [item({ votes: [{ person_id: 2, choice: 'no' }], votes_cast: 1 })]);
    const after = withVote(m, receipt);
    expect(after.items[0].votes_cast).toBe(2);
    expect(voterState(after, after.items[0], 3)).toEqual({ kind: 'voted', choice: 'yes' });
    expect(withVote(after, receipt)).toEqual(after);
    expect(m.items[0].votes_cast).toBe(1); // the original is not changed
  });

  it('keeps no choice in a secret vote, and ignores other items and unrecorded receipts', () => {
    const m = meeting(ATTENDANCE, [item({ secret: true }), item({ id: 101 })]);
    const after = withVote(m, receipt);
    expect(after.items[0].votes).toEqual([{ person_id: 3 }]);
    expect(after.items[1].votes).toEqual([]);
    expect(withVote(m, { ...receipt, recorded: false })).toBe(m);
  });
});
