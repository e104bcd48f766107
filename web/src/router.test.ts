import { describe, expect, it } from 'vitest';
import { matchRoute, safeNext } from './router';
import { ROUTES } from './routes';

describe('matchRoute', () => {
  it('matches static and parameterised paths', () => {
    expect(matchRoute('/people', '/people')).toEqual({});
    expect(matchRoute('/people', '/people/')).toEqual({});
    expect(matchRoute('/people/:id', '/people/42')).toEqual({ id: '42' });
    expect(matchRoute('/people/:id/edit', '/people/a%20b/edit')).toEqual({ id: 'a b' });
    expect(matchRoute('/', '/')).toEqual({});
  });

  it('rejects other paths', () => {
    expect(matchRoute('/people/:id', '/people')).toBeNull();
    expect(matchRoute('/people/:id', '/people/1/edit')).toBeNull();
    expect(matchRoute('/people', '/users')).toBeNull();
    expect(matchRoute('/people/:id', '/people/%E0%A4%A')).toBeNull();
  });

  it('the route table sends /people/new to the create page, not to a person called "new"', () => {
    const first = ROUTES.find((route) => matchRoute(route.pattern, '/people/new'));
    expect(first?.pattern).toBe('/people/new');
    const user = ROUTES.find((route) => matchRoute(route.pattern, '/users/new'));
    expect(user?.pattern).toBe('/users/new');
  });

  it('every protected module route declares its permission', () => {
    const byPattern = Object.fromEntries(ROUTES.map((route) => [route.pattern, route.permission]));
    expect(byPattern['/people']).toBe('people.read');
    expect(byPattern['/import']).toBe('people.import');
    expect(byPattern['/users']).toBe('users.manage');
    expect(byPattern['/audit']).toBe('audit.read');
    expect(byPattern['/elections']).toBe('elections.read');
    expect(byPattern['/elections/:id/stations/:stationId']).toBe('elections.run');
    // A child's overview is for any signed-in user; the server's policy decides whose child.
    expect(byPattern['/children/:id']).toBeUndefined();
    expect(ROUTES.filter((route) => route.public).map((route) => route.pattern)).toEqual(['/login', '/activate', '/forgot', '/reset', '/verify/:code', '/public/:institutionId', '/public/:institutionId/elections/:id', '/public/:institutionId/awards', '/public/:institutionId/elections/:id/vote']);
  });
});

describe('safeNext', () => {
  it.each([
    ['/people?q=a', '/people?q=a'],
    [null, '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/login?next=/x', '/'],
  ])('%s -> %s', (input, expected) => expect(safeNext(input)).toBe(expected));
});
