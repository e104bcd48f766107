// Voter credentials (Belenios specification 2.0, section 4.8).
//
// The one-time codes the commission prints are Belenios private credentials: 15 base-58
// characters, the last a checksum, usually written XXX-XXX-XXX-XXX-XXX. The secret exponent is
// PBKDF2-HMAC-SHA256(code, salt = election uuid, 1000 iterations, 32 bytes) mod q and the public
// credential (published before voting) is g^secret.

import { Q, bytesToBigInt, dec, gPow, mod, utf8 } from './arith';

/** Base 58 alphabet of the spec (no 0, O, I, l). */
export const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export class CredentialError extends Error {
  constructor(
    /** 'length' (not 15 characters), 'character' (outside the alphabet, at `position`), 'checksum' (a typo). */
    readonly reason: 'length' | 'character' | 'checksum',
    message: string,
    readonly position?: number,
  ) {
    super(message);
    this.name = 'CredentialError';
  }
}

/**
 * Normalise a typed code: spaces and dashes anywhere are ignored, so "SrC-Kj6-bsv-sN8-vcg" and
 * "SrCKj6bsvsN8vcg" are the same. Returns the canonical dashed form, which is the PBKDF2
 * password belenios-tool uses (it always writes the dashes). Throws CredentialError on a typo.
 */
export function normalizeCredential(input: string): string {
  const raw = input.replace(/[\s-]/g, '');
  if (raw.length !== 15) throw new CredentialError('length', `a credential has 15 characters, not ${raw.length}`);
  let n = 0n;
  for (let i = 0; i < 15; i++) {
    const d = BASE58.indexOf(raw[i]);
    if (d < 0) throw new CredentialError('character', `character ${i + 1} ("${raw[i]}") is not allowed`, i);
    if (i < 14) n = n * 58n + BigInt(d);
  }
  // checksum = 53 - (c1 mod 53) where c1 is the first 14 characters as a big-endian base-58
  // number (spec 4.8 "53 - c1 mod 53"; belenios-tool reads it this way, so the digit is 1..53:
  // when c1 is a multiple of 53 the checksum is 53, "v", never 0)
  const check = checksumDigit(n);
  if (BASE58.indexOf(raw[14]) !== check) throw new CredentialError('checksum', 'the code has a typo (checksum does not match)');
  return raw.match(/.{3}/g)!.join('-');
}

const checksumDigit = (c1: bigint): number => 53 - Number(c1 % 53n);

/** True when the code passes the checksum (with or without dashes). */
export function isValidCredential(input: string): boolean {
  try {
    normalizeCredential(input);
    return true;
  } catch {
    return false;
  }
}

/** secret(c) = PBKDF2(c, uuid, 1000, HMAC-SHA256, one block) mod q (spec 4.8). */
export async function credentialSecret(credential: string, uuid: string): Promise<bigint> {
  const c = normalizeCredential(credential);
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', utf8(c), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: utf8(uuid), iterations: 1000 }, key, 256);
  return mod(bytesToBigInt(new Uint8Array(bits)), Q);
}

/** public(c) = g^secret(c), in decimal as published in public_credentials (spec 4.8). */
export async function publicCredential(credential: string, uuid: string): Promise<string> {
  return dec(gPow(await credentialSecret(credential, uuid)));
}

/** A fresh random credential with its checksum (for tests and for codes derived in the browser). */
export function generateCredential(): string {
  const buf = new Uint8Array(14);
  let n = 0n;
  let s = '';
  for (let i = 0; i < 14; i++) {
    // rejection sampling keeps each character uniform: 232 = 4 * 58
    let b: number;
    do {
      globalThis.crypto.getRandomValues(buf.subarray(i, i + 1));
      b = buf[i];
    } while (b >= 232);
    const d = b % 58;
    s += BASE58[d];
    n = n * 58n + BigInt(d);
  }
  s += BASE58[checksumDigit(n)];
  return s.match(/.{3}/g)!.join('-');
}
