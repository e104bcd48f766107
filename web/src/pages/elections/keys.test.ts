import { describe, expect, it } from 'vitest';
import { decryptCall, decryptionProgress, keyFileName, shortFingerprint, shouldPoll, stepOf, type KeyCeremony, type TrusteeTally } from './keys';

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

const closed = (decrypted: boolean[], threshold = 2, kind: KeyCeremony['kind'] = 'pedersen', my: number | null = 1): KeyCeremony => ({
  ...base('complete', { cert: true, polynomial: true, voutput: true }, my),
  kind,
  threshold,
  tally_ready: true,
  decryptions: decrypted.filter(Boolean).length,
  trustees: decrypted.map((d, i) => ({ number: i + 1, person_id: 10 + i, full_name: String(i), cert: true, polynomial: true, voutput: true, decryption: d })),
});

describe('decrypting the tally', () => {
  it('asks each trustee to decrypt once the tally is ready, then shows it done', () => {
    expect(stepOf({ ...base('complete', { cert: true, polynomial: true, voutput: true }), tally_ready: false })).toBe('none');
    expect(stepOf(closed([false, false, false]))).toBe('decrypt');
    expect(stepOf(closed([true, false, false]))).toBe('decrypted');
    expect(stepOf(closed([true, false, false], 2, 'pedersen', null))).toBe('none');
  });
  it('counts decryptions against the threshold: one absent trustee does not block', () => {
    expect(decryptionProgress(closed([true, false, false]))).toEqual({ have: 1, of: 3, need: 2, enough: false });
    expect(decryptionProgress(closed([true, false, true]))).toEqual({ have: 2, of: 3, need: 2, enough: true });
    // a single trustee: their one decryption is needed
    expect(decryptionProgress(closed([false], 0, 'single'))).toEqual({ have: 0, of: 1, need: 1, enough: false });
    // the server's count wins over the list (e.g. a trustee list cut by permissions)
    expect(decryptionProgress({ ...closed([false, false, false]), decryptions: 2 }).enough).toBe(true);
  });
  it('polls during the ceremony and while decryptions are missing, not after', () => {
    expect(shouldPoll(base('certs', {}))).toBe(true);
    expect(shouldPoll(base('complete', {}))).toBe(false);
    expect(shouldPoll(closed([true, false, false]))).toBe(true);
    expect(shouldPoll(closed([true, true, false]))).toBe(false);
  });
  it('calls the single-key decryption with the key file, the threshold one with seed and dkey', () => {
    const tally: TrusteeTally = { number: 2, kind: 'single', election: 'E', encrypted_tally: 'T', private_key: null, decrypted: false };
    expect(decryptCall(tally, 'KEY')).toEqual({ fn: 'decryptShareInWorker', args: ['E', 'T', 'KEY', 2] });
    expect(decryptCall({ ...tally, kind: 'pedersen', private_key: 'DKEY' }, 'SEED')).toEqual({ fn: 'decryptShareThresholdInWorker', args: ['E', 'T', 'SEED', 'DKEY', 2] });
    expect(() => decryptCall({ ...tally, kind: 'pedersen' }, 'SEED')).toThrow();
  });
});
