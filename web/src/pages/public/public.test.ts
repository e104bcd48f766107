import { describe, expect, it } from 'vitest';
import { publicApiPath } from './public';

describe('publicApiPath', () => {
  it('addresses a part of the public API of an institution', () => {
    expect(publicApiPath(1001, 'events.ics')).toBe('/api/v1/public/institutions/1001/events.ics');
    expect(publicApiPath('1/2', 'bodies')).toBe('/api/v1/public/institutions/1%2F2/bodies');
  });
});
