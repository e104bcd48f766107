import { describe, expect, it } from 'vitest';
import { keyFileName, shortFingerprint, stepOf, type KeyCeremony } from './keys';

const base = (state: KeyCeremony['state'], done: Partial<Record<'cert' | 'polynomial' | 'voutput', boolean>>, my: number | null = 1): KeyCeremony => ({
  election_id: 1,
  state,
  kind: 'pedersen',
  threshold: 2,
  trustees: [
    { number: 1, person_id: 10, full_name: 'A', cert: false, polynomial: false, voutput: false, ...done },
    { number: 2, person_id: 11, full_name: 'B', cert: false, polynomial: false, voutput: false },
  ],
  my_number: my,
  certs: null,
  fingerprint: null,
  public_key: null,
  trustees_json: null,
});

describe('the key ceremony page', () => {
  it('tells the trustee the next step, and to wait once theirs is done', () => {
    expect(stepOf(base('certs', {}))).toBe('make_key');
    expect(stepOf(base('certs', { cert: true }))).toBe('wait');
    expect(stepOf(base('polynomials', { cert: true }))).toBe('polynomial');
    expect(stepOf(base('polynomials', { cert: true, polynomial: true }))).toBe('wait');
    expect(stepOf(base('voutputs', { cert: true, polynomial: true }))).toBe('voutput');
    expect(stepOf(base('complete', { cert: true, polynomial: true, voutput: true }))).toBe('none');
  });
  it('gives someone who is not a trustee nothing to do', () => {
    expect(stepOf(base('certs', {}, null))).toBe('none');
  });
  it('shortens the fingerprint to three groups of four', () => {
    expect(shortFingerprint('AbCdEfGhIjKlMnOp')).toBe('AbCd EfGh IjKl');
    expect(keyFileName('7', 2)).toBe('kenes-election-7-trustee-2.key');
  });
});
