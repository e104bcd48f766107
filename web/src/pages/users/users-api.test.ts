import { describe, expect, it } from 'vitest';
import { heldPermissions, scopeText, toggleRole, tokenRequest, userHref } from './users-api';

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

  it('collects the permissions of the user\'s roles for a token scope', () => {
    const roles = [
      { role: 'staff', permissions: ['self', 'people.read', 'people.write'] },
      { role: 'curator', permissions: ['self', 'people.read_sensitive'] },
      { role: 'institution_admin', permissions: ['users.manage'] },
    ];
    expect(heldPermissions(roles, ['staff', 'curator'])).toEqual(['people.read', 'people.read_sensitive', 'people.write', 'self']);
    expect(heldPermissions(roles, [])).toEqual([]);
  });

  it('builds the token request: read only by default, 90 days when left empty', () => {
    expect(tokenRequest(' ci ', '', 'read', ['people.read'])).toEqual({ name: 'ci', scope: 'read', expires_in_days: 90 });
    expect(tokenRequest('ci', '30', 'permissions', ['people.read', 'self'])).toEqual({ name: 'ci', scope: ['people.read', 'self'], expires_in_days: 30 });
    expect(tokenRequest('ci', 'ten', 'read', [])).toEqual({ name: 'ci', scope: 'read', expires_in_days: 'ten' });
  });

  it('shows a scope in words', () => {
    const labels = { read: 'Read only', all: 'All' };
    expect(scopeText('read', labels, (p) => p)).toBe('Read only');
    expect(scopeText('all', labels, (p) => p)).toBe('All');
    expect(scopeText(['people.read', 'self'], labels, (p) => p.toUpperCase())).toBe('PEOPLE.READ, SELF');
  });
});
