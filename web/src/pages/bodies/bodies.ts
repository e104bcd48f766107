// Pure helpers of the bodies pages: the tree of bodies, who may run a body's sessions, the rules
// form and the member and convene requests. No I/O here, so each piece is unit-tested.
import type { BodyRules, BodySummary, BodyTemplate, Id, Membership, Threshold, ThresholdBase, ThresholdComparison } from './bodies-types';
import { THRESHOLD_BASES, THRESHOLD_COMPARISONS } from './bodies-types';

export const sameId = (a: Id | null | undefined, b: Id | null | undefined): boolean => a != null && b != null && String(a) === String(b);

export interface BodyNode {
  body: BodySummary;
  depth: number;
  children: BodyNode[];
}

/**
 * Nests the flat list by parent_id, keeping the server's order among siblings. A body whose
 * parent is not in the list (or that would close a cycle) is shown at the top level, never lost.
 */
export function buildBodyTree(bodies: readonly BodySummary[]): BodyNode[] {
  const byId = new Map(bodies.map((body) => [String(body.id), body]));
  const childrenOf = new Map<string, BodySummary[]>();
  const roots: BodySummary[] = [];
  for (const body of bodies) {
    const parent = body.parent_id == null ? null : String(body.parent_id);
    if (parent !== null && byId.has(parent) && parent !== String(body.id)) {
      const list = childrenOf.get(parent) ?? [];
      list.push(body);
      childrenOf.set(parent, list);
    } else {
      roots.push(body);
    }
  }
  const placed = new Set<string>();
  const build = (body: BodySummary, depth: number): BodyNode => {
    placed.add(String(body.id));
    const children = (childrenOf.get(String(body.id)) ?? []).filter((child) => !placed.has(String(child.id))).map((child) => build(child, depth + 1));
    return { body, depth, children };
  };
  const tree = roots.map((body) => build(body, 0));
  // Bodies only reachable through a cycle (a is b's parent and b is a's): top level too.
  for (const body of bodies) if (!placed.has(String(body.id))) tree.push(build(body, 0));
  return tree;
}

/** Depth-first order, e.g. for a "part of" select with indented names. */
export function flattenTree(nodes: readonly BodyNode[]): BodyNode[] {
  return nodes.flatMap((node) => [node, ...flattenTree(node.children)]);
}

// Positions that convene and run sessions (MTG-1), as the server's templates name them.
const CHAIR_POSITIONS = new Set(['chair', 'president', 'head_of_secretariat', 'faction_head']);
const VICE_CHAIR_POSITIONS = new Set(['vice_chair', 'first_vice_president', 'second_vice_president']);

export const isChair = (position: string): boolean => CHAIR_POSITIONS.has(position);
export const isViceChair = (position: string): boolean => VICE_CHAIR_POSITIONS.has(position);

/** The membership of a person among the members, if any. */
export function membershipOf<T extends { person_id: Id }>(members: readonly T[], personId: Id | null | undefined): T | null {
  return members.find((member) => sameId(member.person_id, personId)) ?? null;
}

/** Arguments of ui.body.threshold for a quorum or majority rule. */
export function thresholdValues(threshold: Threshold): { comparison: ThresholdComparison; numerator: number; denominator: number; base: ThresholdBase } {
  return { comparison: threshold.comparison, numerator: threshold.numerator, denominator: threshold.denominator, base: threshold.base };
}

/** RULEBOOK ids behind the term rules of a body: ORG-7 (consecutive terms), ORG-8 (no re-appointment). */
export function termRuleIds(rules: BodyRules): string[] {
  const ids: string[] = [];
  if (rules.max_consecutive_terms != null) ids.push('ORG-7');
  if (rules.reappointment_allowed === false) ids.push('ORG-8');
  return ids;
}

/** The membership is over by `today` (ended early or its term ran out). */
export function membershipEnded(member: Membership, today: string): boolean {
  return !!member.ends_on && member.ends_on < today;
}

// ---- the rules form (PUT /api/v1/bodies/{id}/rules)

export interface ThresholdForm {
  base: string;
  comparison: string;
  numerator: string;
  denominator: string;
}

export interface RulesForm {
  effective_from: string;
  quorum: ThresholdForm;
  majority: ThresholdForm;
  max_months_between_sessions: string;
  term_months: string;
  max_consecutive_terms: string;
  reappointment_allowed: boolean;
  odd_voting_members: boolean;
  min_voting_members: string;
  equal_per_school: boolean;
}

const numberText = (value: number | null | undefined) => (value == null ? '' : String(value));

const thresholdForm = (threshold: Threshold): ThresholdForm => ({
  base: threshold.base,
  comparison: threshold.comparison,
  numerator: String(threshold.numerator),
  denominator: String(threshold.denominator),
});

export function rulesForm(rules: BodyRules, effectiveFrom: string): RulesForm {
  return {
    effective_from: effectiveFrom,
    quorum: thresholdForm(rules.quorum),
    majority: thresholdForm(rules.majority),
    max_months_between_sessions: numberText(rules.max_months_between_sessions),
    term_months: numberText(rules.term_months),
    max_consecutive_terms: numberText(rules.max_consecutive_terms),
    reappointment_allowed: rules.reappointment_allowed ?? true,
    odd_voting_members: rules.odd_voting_members ?? false,
    min_voting_members: numberText(rules.min_voting_members ?? 0),
    equal_per_school: rules.equal_per_school ?? false,
  };
}

/** Field paths of the rules request, as the server names them in errors[]. */
export const RULES_FIELDS = [
  'effective_from',
  'quorum.base',
  'quorum.comparison',
  'quorum.numerator',
  'quorum.denominator',
  'majority.base',
  'majority.comparison',
  'majority.numerator',
  'majority.denominator',
  'max_months_between_sessions',
  'term_months',
  'max_consecutive_terms',
  'reappointment_allowed',
  'odd_voting_members',
  'min_voting_members',
  'equal_per_school',
] as const;

export type RulesBody = Record<string, unknown>;

/**
 * The request body, or the fields that are not whole numbers (path -> 'whole_number' / 'required').
 * The server checks ranges and dates; only what cannot be sent as JSON is caught here.
 */
export function rulesBody(form: RulesForm): { body: RulesBody } | { invalid: Record<string, 'whole_number' | 'required'> } {
  const invalid: Record<string, 'whole_number' | 'required'> = {};
  const whole = (path: string, text: string, optional: boolean): number | null | undefined => {
    const trimmed = text.trim();
    if (trimmed === '') {
      if (!optional) invalid[path] = 'required';
      return null;
    }
    if (!/^\d{1,6}$/.test(trimmed)) {
      invalid[path] = 'whole_number';
      return undefined;
    }
    return Number(trimmed);
  };
  const threshold = (key: 'quorum' | 'majority') => {
    const part = form[key];
    return {
      base: (THRESHOLD_BASES as readonly string[]).includes(part.base) ? part.base : 'composition',
      comparison: (THRESHOLD_COMPARISONS as readonly string[]).includes(part.comparison) ? part.comparison : 'more_than',
      numerator: whole(`${key}.numerator`, part.numerator, false),
      denominator: whole(`${key}.denominator`, part.denominator, false),
    };
  };
  const body: RulesBody = {
    effective_from: form.effective_from.trim(),
    quorum: threshold('quorum'),
    majority: threshold('majority'),
    max_months_between_sessions: whole('max_months_between_sessions', form.max_months_between_sessions, false),
    term_months: whole('term_months', form.term_months, true),
    max_consecutive_terms: whole('max_consecutive_terms', form.max_consecutive_terms, true),
    reappointment_allowed: form.reappointment_allowed,
    odd_voting_members: form.odd_voting_members,
    min_voting_members: whole('min_voting_members', form.min_voting_members, false),
    equal_per_school: form.equal_per_school,
  };
  return Object.keys(invalid).length > 0 ? { invalid } : { body };
}

// ---- members and sessions

export const MEMBER_FIELDS = ['person_id', 'position', 'starts_on', 'ends_on', 'accepted_regulation', 'voting', 'ex_officio'] as const;

export interface MemberForm {
  person_id: Id | null;
  position: string;
  starts_on: string;
  ends_on: string;
  accepted_regulation: boolean;
  /** Only where the body seats its members by decision on candidates (ORG-6); else not sent. */
  ex_officio?: boolean;
}

/** POST /bodies/{id}/members. The acceptance is always sent, so that ORG-4 is the server's word. */
export function memberBody(form: MemberForm): Record<string, unknown> {
  const body: Record<string, unknown> = {
    person_id: idNumber(form.person_id),
    position: form.position,
    starts_on: form.starts_on.trim(),
    accepted_regulation: form.accepted_regulation,
  };
  if (form.ends_on.trim()) body.ends_on = form.ends_on.trim();
  if (form.ex_officio !== undefined) body.ex_officio = form.ex_officio;
  return body;
}

export const CONVENE_FIELDS = ['held_on', 'starts_at', 'place', 'convened_by', 'chair_agreement', 'extraordinary'] as const;

export interface ConveneForm {
  held_on: string;
  /** "HH:MM", Almaty local (MTG-1): attendance and votes open from then. */
  starts_at: string;
  place: string;
  convened_by: string;
  chair_agreement: boolean;
  /** DISC-PEN-3: an extraordinary session (the Teachers Council deciding an exclusion). */
  extraordinary?: boolean;
}

/** POST /bodies/{id}/meetings; the agreement is sent only for a vice-chair convening (MTG-1). */
export function conveneBody(form: ConveneForm, members: readonly Membership[]): Record<string, unknown> {
  const body: Record<string, unknown> = {
    held_on: form.held_on.trim(),
    starts_at: form.starts_at.trim(),
    place: form.place.trim(),
    convened_by: idNumber(form.convened_by),
  };
  const convener = members.find((member) => sameId(member.person_id, form.convened_by));
  if (convener && isViceChair(convener.position)) body.chair_agreement = form.chair_agreement;
  // Sent only when ticked: an ordinary session is the default.
  if (form.extraordinary) body.extraordinary = true;
  return body;
}

/** The default convener: the chair when there is exactly one. */
export function defaultConvener(members: readonly Membership[]): string {
  const chairs = members.filter((member) => isChair(member.position));
  return chairs.length === 1 ? String(chairs[0].person_id) : '';
}

/** Ids travel as numbers when they are numeric, as the API's Id schema says. */
export function idNumber(id: Id | null | undefined): Id | null {
  if (id == null || id === '') return null;
  if (typeof id === 'number') return id;
  return /^\d{1,15}$/.test(id) ? Number(id) : id;
}

// ---- schedule (MTG-1)

/** Unix milliseconds of a session's start: its day and "HH:MM" in Almaty (UTC+5 since 2024). */
export function sessionStartMs(session: { held_on: string; starts_at: string }): number {
  return Date.parse(`${session.held_on}T${session.starts_at}:00+05:00`);
}

/**
 * How long until a scheduled session opens, for a one-shot refresh of the page at its start
 * (the live stream only speaks when data changes, and the start changes no data). Null when it is
 * not scheduled; at most a day, as timers of longer delays overflow.
 */
export function msUntilStart(session: { status: string; held_on: string; starts_at: string }, nowMs: number): number | null {
  if (session.status !== 'scheduled') return null;
  const start = sessionStartMs(session);
  if (Number.isNaN(start)) return null;
  return Math.min(Math.max(start - nowMs, 0) + 1000, 86_400_000);
}

// ---- who may hold a position (ORG-3) and the founding composition (ORG-6)

/**
 * The kind of person the picker offers for a position: students only, unless the template lets
 * staff hold it (ORG-3). Before a position is chosen, everyone when some position is open to staff.
 */
export function pickerKind(template: BodyTemplate | null | undefined, position: string): 'student' | null {
  const staffAllowed = template?.staff_allowed ?? [];
  if (!position) return staffAllowed.length > 0 ? null : 'student';
  return staffAllowed.includes(position) ? null : 'student';
}

export interface FoundingSeatForm {
  position: string;
  person_id: string;
}

export interface FoundingForm {
  order_number: string;
  order_date: string;
  signed_by: string;
  accepted_regulation: boolean;
  seats: FoundingSeatForm[];
}

/** A first row per leading position of the template (chair, vice-chair, secretary...), then members. */
export function foundingSeats(template: BodyTemplate | null | undefined): FoundingSeatForm[] {
  if (!template) return [];
  return template.positions.map((position) => ({ position, person_id: '' }));
}

/** POST /bodies/{id}/founding-act; rows without a person are left out (a position may stay vacant). */
export function foundingBody(form: FoundingForm): Record<string, unknown> {
  return {
    order_number: form.order_number.trim(),
    order_date: form.order_date.trim(),
    signed_by: form.signed_by.trim(),
    accepted_regulation: form.accepted_regulation,
    seats: form.seats.filter((seat) => seat.person_id !== '').map((seat) => ({ person_id: idNumber(seat.person_id), position: seat.position })),
  };
}

/** The form row a server error "seats[i]..." belongs to: the i-th row that names a person. */
export function foundingRowOf(form: FoundingForm, sentIndex: number): number {
  let seen = -1;
  for (let row = 0; row < form.seats.length; row++) {
    if (form.seats[row].person_id !== '') seen++;
    if (seen === sentIndex) return row;
  }
  return -1;
}

/** "HH:MM" in Almaty (UTC+5) at a moment: the default start of a session convened now. */
export function almatyTimeNow(nowMs: number): string {
  return new Date(nowMs + 5 * 3_600_000).toISOString().slice(11, 16);
}
