import { afterEach, describe, expect, it } from 'vitest';
import { formatMessage, setLocale } from '../../i18n';
import type { BodyRules, BodySummary, Membership } from './bodies-types';
import {
  buildBodyTree,
  conveneBody,
  defaultConvener,
  flattenTree,
  idNumber,
  memberBody,
  membershipEnded,
  membershipOf,
  rulesBody,
  rulesForm,
  termRuleIds,
  thresholdValues,
} from './bodies';
import { allows } from './bodies-api';

const body = (id: number, parent: number | null, name = `B${id}`): BodySummary => ({
  id,
  parent_id: parent,
  kind: 'council',
  template: 'council',
  name,
  member_count: 0,
  voting_members: 0,
  composition_problems: [],
  overdue: false,
});

const member = (person: number, position: string, voting = true): Membership => ({ id: person * 10, person_id: person, full_name: `P${person}`, position, voting, starts_on: '2026-09-01' });

const DISCIPLINARY: BodyRules = {
  quorum: { base: 'composition', comparison: 'more_than', numerator: 2, denominator: 3, rule: 'MTG-3' },
  majority: { base: 'present', comparison: 'more_than', numerator: 1, denominator: 2, rule: 'MTG-3' },
  max_months_between_sessions: 6,
  term_months: 24,
  max_consecutive_terms: null,
  reappointment_allowed: false,
  odd_voting_members: false,
  min_voting_members: 0,
  equal_per_school: false,
};

describe('the tree of bodies (ORG-2)', () => {
  it('nests children under their parent and keeps the server order among siblings', () => {
    const tree = buildBodyTree([body(1, null, 'Parliament'), body(3, 1, 'Faction B'), body(2, 1, 'Faction A'), body(4, null, 'Committee'), body(5, 3, 'Club')]);
    expect(tree.map((node) => node.body.name)).toEqual(['Parliament', 'Committee']);
    expect(tree[0].children.map((node) => node.body.name)).toEqual(['Faction B', 'Faction A']);
    expect(tree[0].children[0].children[0].body.name).toBe('Club');
    expect(tree[0].children[0].children[0].depth).toBe(2);
    expect(flattenTree(tree).map((node) => `${node.depth}:${node.body.name}`)).toEqual(['0:Parliament', '1:Faction B', '2:Club', '1:Faction A', '0:Committee']);
  });

  it('never loses a body: an unknown parent or a cycle puts it at the top level', () => {
    const tree = buildBodyTree([body(1, 99), body(2, 3), body(3, 2), body(4, 4)]);
    const all = flattenTree(tree).map((node) => node.body.id);
    expect(all.sort()).toEqual([1, 2, 3, 4]);
    expect(tree.map((node) => node.body.id)).toContain(1);
    expect(tree.map((node) => node.body.id)).toContain(4);
  });

  it('matches ids given as strings or numbers', () => {
    const tree = buildBodyTree([{ ...body(1, null), id: '1' }, { ...body(2, null), parent_id: 1 }]);
    expect(tree).toHaveLength(1);
    expect(tree[0].children).toHaveLength(1);
  });
});

describe('what the user may do to a body: the abilities the server answered', () => {
  it('allows only what the server listed, and nothing while the abilities load or failed', () => {
    const ready = { state: 'ready' as const, data: { object: 'body', id: 7, actions: ['body.read', 'body.run'] } };
    expect(allows(ready, 'body.run')).toBe(true);
    expect(allows(ready, 'body.manage')).toBe(false);
    expect(allows({ state: 'loading' }, 'body.read')).toBe(false);
    expect(allows({ state: 'failed', message: 'x' }, 'body.read')).toBe(false);
  });

  it('finds the signed-in person among the members', () => {
    const members = [member(1, 'chair'), member(2, 'secretary', false)];
    expect(membershipOf(members, '2')?.position).toBe('secretary');
    expect(membershipOf(members, 3)).toBeNull();
    expect(membershipOf(members, null)).toBeNull();
  });

  it('proposes the only chair as convener and sends the agreement only for a vice-chair', () => {
    const members = [member(1, 'chair'), member(2, 'vice_chair'), member(3, 'member')];
    expect(defaultConvener(members)).toBe('1');
    expect(defaultConvener([member(2, 'vice_chair')])).toBe('');
    expect(conveneBody({ held_on: '2026-11-22', starts_at: '10:00', place: ' 204 ', convened_by: '1', chair_agreement: true }, members)).toEqual({
      held_on: '2026-11-22',
      starts_at: '10:00',
      place: '204',
      convened_by: 1,
    });
    expect(conveneBody({ held_on: '2026-11-22', starts_at: '10:00', place: '204', convened_by: '2', chair_agreement: false }, members)).toEqual({
      held_on: '2026-11-22',
      starts_at: '10:00',
      place: '204',
      convened_by: 2,
      chair_agreement: false,
    });
  });

  it('sends an extraordinary session only when ticked (DISC-PEN-3)', () => {
    const members = [member(1, 'chair')];
    const form = { held_on: '2026-11-22', starts_at: '10:00', place: '204', convened_by: '1', chair_agreement: false };
    expect(conveneBody({ ...form, extraordinary: true }, members)).toEqual({ held_on: '2026-11-22', starts_at: '10:00', place: '204', convened_by: 1, extraordinary: true });
    expect(conveneBody({ ...form, extraordinary: false }, members)).not.toHaveProperty('extraordinary');
  });
});

describe('rules', () => {
  afterEach(() => setLocale('kk'));

  it('describes a threshold in words in every language', () => {
    const values = thresholdValues(DISCIPLINARY.quorum);
    expect(formatMessage('en', 'ui.body.threshold', values)).toBe('more than 2/3 of the voting members');
    expect(formatMessage('ru', 'ui.body.threshold', values)).toBe('более 2/3 от числа голосующих членов');
    expect(formatMessage('kk', 'ui.body.threshold', values)).toBe('дауыс беретін мүшелердің 2/3 бөлігінен көбі');
    expect(formatMessage('en', 'ui.body.threshold', thresholdValues({ base: 'votes_cast', comparison: 'at_least', numerator: 1, denominator: 2 }))).toBe('at least 1/2 of the votes cast');
  });

  it('names ORG-7 and ORG-8 for the term rules that apply', () => {
    expect(termRuleIds(DISCIPLINARY)).toEqual(['ORG-8']);
    expect(termRuleIds({ ...DISCIPLINARY, max_consecutive_terms: 2, reappointment_allowed: true })).toEqual(['ORG-7']);
    expect(termRuleIds({ ...DISCIPLINARY, reappointment_allowed: true })).toEqual([]);
  });

  it('round-trips the form into the PUT body with numbers and nulls', () => {
    const form = rulesForm(DISCIPLINARY, '2026-12-01');
    expect(form.term_months).toBe('24');
    expect(form.max_consecutive_terms).toBe('');
    const built = rulesBody({ ...form, quorum: { ...form.quorum, numerator: ' 3 ', denominator: '4' } });
    expect(built).toEqual({
      body: {
        effective_from: '2026-12-01',
        quorum: { base: 'composition', comparison: 'more_than', numerator: 3, denominator: 4 },
        majority: { base: 'present', comparison: 'more_than', numerator: 1, denominator: 2 },
        max_months_between_sessions: 6,
        term_months: 24,
        max_consecutive_terms: null,
        reappointment_allowed: false,
        odd_voting_members: false,
        min_voting_members: 0,
        equal_per_school: false,
      },
    });
  });

  it('refuses what is not a whole number before sending, by field path', () => {
    const form = rulesForm(DISCIPLINARY, '2026-12-01');
    const built = rulesBody({ ...form, quorum: { ...form.quorum, numerator: '2.5' }, max_months_between_sessions: '', term_months: 'abc' });
    expect(built).toEqual({ invalid: { 'quorum.numerator': 'whole_number', max_months_between_sessions: 'required', term_months: 'whole_number' } });
  });
});

describe('members', () => {
  it('always sends the acceptance (ORG-4 is the server word) and an end date only when given', () => {
    expect(memberBody({ person_id: '42', position: 'member', starts_on: '2026-11-22', ends_on: ' ', accepted_regulation: false })).toEqual({
      person_id: 42,
      position: 'member',
      starts_on: '2026-11-22',
      accepted_regulation: false,
    });
    expect(memberBody({ person_id: 42, position: 'chair', starts_on: '2026-11-22', ends_on: '2027-06-30', accepted_regulation: true }).ends_on).toBe('2027-06-30');
  });

  it('a membership ended before today is over; one ending today still counts', () => {
    expect(membershipEnded({ ...member(1, 'member'), ends_on: '2026-11-21' }, '2026-11-22')).toBe(true);
    expect(membershipEnded({ ...member(1, 'member'), ends_on: '2026-11-22' }, '2026-11-22')).toBe(false);
    expect(membershipEnded(member(1, 'member'), '2026-11-22')).toBe(false);
  });

  it('keeps ids numeric when they are', () => {
    expect(idNumber('17')).toBe(17);
    expect(idNumber(17)).toBe(17);
    expect(idNumber('')).toBeNull();
    expect(idNumber(null)).toBeNull();
    expect(idNumber('abc')).toBe('abc');
  });
});
