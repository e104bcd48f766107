import { describe, expect, it } from 'vitest';
import { membersMatching } from './members';

const bodies = [
  { name: 'Council', members: [
    { id: 1, person_id: 7, full_name: 'Әлия Серік', position: 'chair', voting: true, starts_on: '2026-09-01' },
    { id: 2, person_id: 8, full_name: 'Бауыржан Омаров', position: 'member', voting: true, starts_on: '2026-09-01' },
  ] },
  { name: 'Senate', members: [{ id: 3, person_id: 7, full_name: 'Әлия Серік', position: 'member', voting: true, starts_on: '2026-09-01' }] },
];

describe('membersMatching', () => {
  it('finds members by any part of the name, case-insensitively, each person once', () => {
    const page = membersMatching(bodies, '  әлия ');
    expect(page.total).toBe(1);
    expect(page.items[0].id).toBe(7);
    expect(page.items[0].staff?.position).toContain('Council');
    expect(page.items[0].staff?.position).toContain('Senate');
  });
  it('honours the limit but counts every match', () => {
    const page = membersMatching(bodies, 'р', 1);
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
  });
  it('finds nobody for a name no member has', () => {
    expect(membersMatching(bodies, 'Zzz').items).toEqual([]);
  });
});
