import { describe, expect, it } from 'vitest';
import { CredentialError, generateCredential, isValidCredential, normalizeCredential, publicCredential } from './credential';

describe('credentials (spec 4.8)', () => {
  it('accepts a tool credential with or without dashes, same public part', async () => {
    expect(normalizeCredential('SrCKj6bsvsN8vcg')).toBe('SrC-Kj6-bsv-sN8-vcg');
    expect(await publicCredential('SrCKj6bsvsN8vcg', 'ZRWERNzyzoN57g')).toBe(await publicCredential('SrC-Kj6-bsv-sN8-vcg', 'ZRWERNzyzoN57g'));
  });
  it('a one-character typo fails the checksum with a clear error', () => {
    expect(() => normalizeCredential('SrC-Kj6-bsv-sN8-vch')).toThrow(CredentialError);
    try {
      normalizeCredential('SrC-Kj7-bsv-sN8-vcg');
    } catch (e) {
      expect((e as CredentialError).reason).toBe('checksum');
    }
  });
  it('checksum 53 ("v") when the first 14 characters are a multiple of 53, as belenios-tool writes it', () => {
    // UJk-vBd-eep-oEU-jTv came from belenios-tool 2.0 generate-credentials; "53 - c1 mod 53" is 53 - (c1 mod 53)
    expect(isValidCredential('UJk-vBd-eep-oEU-jTv')).toBe(true);
    expect(isValidCredential('UJk-vBd-eep-oEU-jT1')).toBe(false);
  });
  it('rejects characters outside base 58 and wrong lengths', () => {
    expect(() => normalizeCredential('0rC-Kj6-bsv-sN8-vcg')).toThrow(/character 1/);
    expect(() => normalizeCredential('SrC-Kj6-bsv-sN8')).toThrow(/15 characters/);
    expect(isValidCredential('SrC-Kj6-bsv-sN8-vcg')).toBe(true);
  });
  it('generated credentials pass their own checksum', () => {
    for (let i = 0; i < 20; i++) expect(isValidCredential(generateCredential())).toBe(true);
  });
});
