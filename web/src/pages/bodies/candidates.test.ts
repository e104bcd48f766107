import { describe, expect, it } from 'vitest';
import type { AgendaItem, Meeting, Membership } from './bodies-types';
import { memberBody } from './bodies';
import {
  candidateBody,
  candidateDecisions,
  candidateProblems,
  chosenDecision,
  decisionBody,
  decisionProblems,
  defaultCandidatePosition,
  offersExOfficio,
  seatBasis,
  sortCandidates,
  unproposable,
  type MembershipCandidate,
} from './candidates';

const item = (id: number, position: number, kind: string, vote_status: AgendaItem['vote_status'], outcome: AgendaItem['outcome']): AgendaItem => ({
  id,
  position,
  kind,
  title: `Item ${id}`,
  motion: '',
  secret: false,
  vote_status,
  outcome,
  votes_cast: 1,
  interested_person_ids: [],
  votes: [],
  dissents: [],
});

const meeting = (id: number, number: number, held_on: string, items: AgendaItem[], body_id = 7): Meeting => ({
  id,
  body_id,
  number,
  academic_year: '2026-2027',
  held_on,
  place: 'Hall',
  status: 'closed',
  quorum: { met: true, present: 1, base: 1, needed: 1, rule: 'MTG-3', explanation: '' },
  attendance: [],
  items,
});

const candidate = (id: number, status: MembershipCandidate['status'], proposed_at: number, person_id = id + 100): MembershipCandidate => ({
  id,
  body_id: 7,
  person_id,
  full_name: `P${id}`,
  position: 'member',
  status,
  proposed_at,
});

describe('candidateBody', () => {
  it('sends numeric ids as numbers and leaves an empty note out', () => {
    expect(candidateBody({ person_id: '12', position: 'member', note: '  ' })).toEqual({ person_id: 12, position: 'member' });
  });
  it('trims the note', () => {
    expect(candidateBody({ person_id: 3, position: 'secretary', note: ' Class 10A ' })).toEqual({ person_id: 3, position: 'secretary', note: 'Class 10A' });
  });
});

describe('candidateProblems', () => {
  it('asks for a person and a position', () => {
    expect(candidateProblems({ person_id: null, position: '', note: '' })).toEqual({ person_id: 'choose_person', position: 'choose_position' });
    expect(candidateProblems({ person_id: 4, position: 'member', note: '' })).toEqual({});
  });
});

describe('defaultCandidatePosition', () => {
  it('proposes an ordinary member when the body has that position', () => {
    expect(defaultCandidatePosition(['chair', 'vice_chair', 'secretary', 'member'])).toBe('member');
    expect(defaultCandidatePosition(['head_of_secretariat'])).toBe('');
  });
});

describe('candidateDecisions', () => {
  const meetings = [
    meeting(1, 1, '2026-09-10', [item(11, 1, 'membership_candidates', 'closed', 'adopted'), item(12, 2, 'approve_work_plan', 'closed', 'adopted')]),
    meeting(2, 2, '2026-10-05', [
      item(22, 2, 'membership_candidates', 'closed', 'rejected'),
      item(21, 1, 'membership_candidates', 'open', null),
      item(23, 3, 'membership_candidates', 'none', null),
    ]),
    meeting(3, 1, '2026-10-06', [item(31, 1, 'membership_candidates', 'closed', 'adopted')], 8),
  ];
  it('offers only closed votes on candidates items of this body, newest session first', () => {
    const decisions = candidateDecisions(meetings, '7');
    expect(decisions.map((d) => d.id)).toEqual([22, 11]);
    expect(decisions[0]).toEqual({ id: 22, meeting_id: 2, meeting_number: 2, held_on: '2026-10-05', title: 'Item 22', outcome: 'rejected' });
  });
  it('orders items of one session by their place on the agenda', () => {
    const one = [meeting(5, 4, '2026-11-01', [item(52, 2, 'membership_candidates', 'closed', 'adopted'), item(51, 1, 'membership_candidates', 'closed', 'rejected')])];
    expect(candidateDecisions(one, 7).map((d) => d.id)).toEqual([51, 52]);
  });
  it('is empty without sessions', () => {
    expect(candidateDecisions([], 7)).toEqual([]);
  });
});

describe('decisions on a candidate', () => {
  const decisions = candidateDecisions([meeting(1, 1, '2026-09-10', [item(11, 1, 'membership_candidates', 'closed', 'adopted'), item(12, 2, 'membership_candidates', 'closed', 'rejected')])], 7);
  const adopted = chosenDecision(decisions, '11');
  const rejected = chosenDecision(decisions, '12');

  it('finds the chosen decision by id', () => {
    expect(adopted?.outcome).toBe('adopted');
    expect(rejected?.outcome).toBe('rejected');
    expect(chosenDecision(decisions, '99')).toBeNull();
    expect(chosenDecision(decisions, '')).toBeNull();
  });
  it('requires a decision, and the first day when it was adopted', () => {
    expect(decisionProblems({ agenda_item_id: '', starts_on: '', accepted_regulation: false }, null)).toEqual({ agenda_item_id: 'required' });
    expect(decisionProblems({ agenda_item_id: '11', starts_on: ' ', accepted_regulation: true }, adopted)).toEqual({ starts_on: 'required' });
    expect(decisionProblems({ agenda_item_id: '12', starts_on: '', accepted_regulation: false }, rejected)).toEqual({});
  });
  it('sends the first day and the acceptance only with an adopted decision', () => {
    expect(decisionBody({ agenda_item_id: '11', starts_on: '2026-09-11 ', accepted_regulation: false }, adopted)).toEqual({
      agenda_item_id: 11,
      starts_on: '2026-09-11',
      accepted_regulation: false,
    });
    expect(decisionBody({ agenda_item_id: '12', starts_on: '2026-09-11', accepted_regulation: true }, rejected)).toEqual({ agenda_item_id: 12 });
  });
});

describe('sortCandidates', () => {
  it('puts the proposed first in the order proposed, then the decided newest first', () => {
    const sorted = sortCandidates([candidate(1, 'accepted', 10), candidate(2, 'proposed', 30), candidate(3, 'proposed', 20), candidate(4, 'rejected', 40)]);
    expect(sorted.map((c) => c.id)).toEqual([3, 2, 4, 1]);
  });
});

describe('unproposable', () => {
  it('excludes members and candidates under consideration, not the decided ones', () => {
    const members = [{ id: 1, person_id: 50, position: 'chair', voting: true, starts_on: '2026-09-01' }] as Membership[];
    expect(unproposable(members, [candidate(1, 'proposed', 1, 60), candidate(2, 'rejected', 2, 70)])).toEqual([50, 60]);
  });
});

describe('seats (ORG-6)', () => {
  it('tells an ex officio seat from a seat by decision', () => {
    expect(seatBasis({ ex_officio: true, decision_item_id: null })).toBe('ex_officio');
    expect(seatBasis({ ex_officio: false, decision_item_id: 44 })).toBe('by_decision');
    expect(seatBasis({ ex_officio: false, decision_item_id: null })).toBeNull();
    expect(seatBasis({})).toBeNull();
  });
  it('offers "ex officio" only where the body seats candidates by decision', () => {
    expect(offersExOfficio({ candidates_by_decision: true })).toBe(true);
    expect(offersExOfficio({ candidates_by_decision: false })).toBe(false);
    expect(offersExOfficio({})).toBe(false);
  });
  it('sends ex_officio on a member only when the form has it', () => {
    const base = { person_id: '5', position: 'member', starts_on: '2026-09-01', ends_on: '', accepted_regulation: true };
    expect(memberBody(base)).not.toHaveProperty('ex_officio');
    expect(memberBody({ ...base, ex_officio: false })).toMatchObject({ ex_officio: false });
    expect(memberBody({ ...base, ex_officio: true })).toMatchObject({ ex_officio: true, person_id: 5 });
  });
});
