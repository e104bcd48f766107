import { describe, expect, it } from 'vitest';
import { activeNavPath, visibleNavItems } from './nav';

describe('navigation', () => {
  it('shows only what the permissions allow', () => {
    expect(visibleNavItems(['self']).map((item) => item.path)).toEqual([]);
    expect(visibleNavItems(['self', 'people.read', 'people.write']).map((item) => item.path)).toEqual(['/people']);
    expect(visibleNavItems(['self', 'institution.read', 'people.read', 'people.write']).map((item) => item.path)).toEqual(['/people', '/structure']);
    expect(visibleNavItems(['people.read', 'people.import', 'users.manage', 'audit.read']).map((item) => item.path)).toEqual(['/people', '/import', '/users', '/audit']);
    expect(visibleNavItems(['institution.read', 'institution.manage', 'institutions.manage']).map((item) => item.path)).toEqual(['/structure', '/institutions']);
    // a student reads bodies (and votes in them) but sees no administration
    expect(visibleNavItems(['self', 'bodies.read', 'meetings.run']).map((item) => item.path)).toEqual(['/bodies', '/events', '/org-chart']);
  });

  it('marks the module of nested pages as current', () => {
    expect(activeNavPath('/people/42/edit')).toBe('/people');
    expect(activeNavPath('/users/new')).toBe('/users');
    expect(activeNavPath('/structure/groups/12')).toBe('/structure');
    expect(activeNavPath('/institutions')).toBe('/institutions');
    expect(activeNavPath('/elections/3/stations/4')).toBe('/elections');
    expect(visibleNavItems(['elections.read']).map((item) => item.path)).toEqual(['/elections']);
    expect(activeNavPath('/bodies/7')).toBe('/bodies');
    expect(activeNavPath('/meetings/12')).toBe('/bodies');
    expect(activeNavPath('/meetingsx')).toBeNull();
    expect(activeNavPath('/peoplex')).toBeNull();
    expect(activeNavPath('/')).toBeNull();
  });
});
