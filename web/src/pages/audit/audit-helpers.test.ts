import { describe, expect, it } from 'vitest';
import { changedKeys, prettyJson, rangeIsValid } from './audit-helpers';

describe('audit helpers', () => {
  it('pretty-prints snapshots, also when stored as JSON text', () => {
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson('plain')).toBe('plain');
    expect(prettyJson(null)).toBeNull();
  });

  it('lists the changed top-level keys', () => {
    expect(changedKeys({ phone: '1', name: 'A' }, { phone: '2', name: 'A', email: 'x' })).toEqual(['email', 'phone']);
    expect(changedKeys(null, { a: 1 })).toEqual(['a']);
  });

  it('checks the date range', () => {
    expect(rangeIsValid('2026-01-01', '2026-01-31')).toBe(true);
    expect(rangeIsValid('2026-02-01', '2026-01-31')).toBe(false);
    expect(rangeIsValid('', '2026-01-31')).toBe(true);
  });
});
