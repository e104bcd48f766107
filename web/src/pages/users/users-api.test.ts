import { describe, expect, it } from 'vitest';
import { toggleRole, userHref } from './users-api';

describe('users helpers', () => {
  it('toggles roles in catalogue order', () => {
    const order = ['system_admin', 'institution_admin', 'staff', 'curator'];
    expect(toggleRole(['curator'], 'staff', true, order)).toEqual(['staff', 'curator']);
    expect(toggleRole(['staff', 'curator'], 'staff', false, order)).toEqual(['curator']);
    expect(toggleRole([], 'zzz', true, order)).toEqual(['zzz']);
  });

  it('links to the account by id', () => {
    expect(userHref({ id: 5 })).toBe('/users/5');
    expect(userHref({ id: 'a/b' })).toBe('/users/a%2Fb');
  });
});
