import { describe, expect, it } from 'vitest';
import type { Protocol } from './bodies-types';
import { groupedHash, protocolPdfPath, protocolView, verifyApiPath, verifyPagePath } from './protocol';

const protocol = (status: 'draft' | 'final', signed: (string | null)[]): Protocol => ({
  meeting_id: 7,
  status,
  number: 1,
  snapshot: {},
  signers: signed.map((at, i) => ({ person_id: i + 1, full_name: `P${i + 1}`, signed_at: at })),
});

describe('protocolView', () => {
  it('counts signatures and lets a present member who has not signed sign a draft', () => {
    const view = protocolView(protocol('draft', ['2026-11-22T10:00:00+05:00', null]), '2');
    expect(view).toMatchObject({ signed: 1, total: 2, canSign: true });
    expect(view.mine?.person_id).toBe(2);
  });
  it('does not offer signing twice, to someone absent, without a person, or on a final protocol', () => {
    expect(protocolView(protocol('draft', ['2026-11-22T10:00:00+05:00', null]), 1).canSign).toBe(false);
    expect(protocolView(protocol('draft', [null]), 9)).toMatchObject({ canSign: false, mine: null });
    expect(protocolView(protocol('draft', [null]), null).canSign).toBe(false);
    expect(protocolView(protocol('final', [null]), 1).canSign).toBe(false);
  });
});

describe('paths', () => {
  it('builds the PDF, verify page and verify API paths with encoding', () => {
    expect(protocolPdfPath(7, 'ru')).toBe('/api/v1/meetings/7/protocol.pdf?lang=ru');
    expect(verifyPagePath('1-ab/c')).toBe('/verify/1-ab%2Fc');
    expect(verifyApiPath('1-abc')).toBe('/api/v1/public/protocols/1-abc');
  });
  it('groups a hash by eight characters', () => {
    expect(groupedHash('0123456789abcdef01')).toBe('01234567 89abcdef 01');
    expect(groupedHash(undefined)).toBe('');
  });
});
