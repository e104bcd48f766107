import { describe, expect, it } from 'vitest';
import { activeNavPath, visibleNavItems } from './nav';

describe('navigation', () => {
  it('shows only what the permissions allow', () => {
    expect(visibleNavItems(['self']).map((item) => item.path)).toEqual([]);
    expect(visibleNavItems(['self', 'people.read', 'people.write']).map((item) => item.path)).toEqual(['/people']);
    expect(visibleNavItems(['people.read', 'people.import', 'users.manage', 'audit.read']).map((item) => item.path)).toEqual(['/people', '/import', '/users', '/audit']);
  });

  it('marks the module of nested pages as current', () => {
    expect(activeNavPath('/people/42/edit')).toBe('/people');
    expect(activeNavPath('/users/new')).toBe('/users');
    expect(activeNavPath('/peoplex')).toBeNull();
    expect(activeNavPath('/')).toBeNull();
  });
});
