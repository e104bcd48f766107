import { describe, expect, it } from 'vitest';
import {
  FixedBase, G, P, Q, base64NoPad, gPow, hashToZq, isGroupElement, modInv, modPow, modPowBinary, parseG, parseZq, randomZq, sha256,
} from './arith';

describe('BELENIOS-2048 group (spec 5.1)', () => {
  it('q divides p - 1, g has order q, sizes are 2048 and 256 bits', () => {
    expect((P - 1n) % Q).toBe(0n);
    expect(modPow(G, Q)).toBe(1n);
    expect(G).not.toBe(1n);
    expect(P.toString(2).length).toBe(2048);
    expect(Q.toString(2).length).toBe(256);
  });
  it('the digits match the specification text (which wraps them)', () => {
    expect(P.toString().startsWith('20694785691422546401013643657505008064922989295751104097100884787057374219242')).toBe(true);
    expect(P.toString().endsWith('828825169183103125680162072880719')).toBe(true);
    expect(G.toString().startsWith('2402352677501852209227687703532399932712287657378364916510075318787663274146')).toBe(true);
  });
  it('group membership rejects 0, p, a non-residue-like element and accepts g^x', () => {
    expect(isGroupElement(0n)).toBe(false);
    expect(isGroupElement(P)).toBe(false);
    expect(isGroupElement(P - 1n)).toBe(false); // -1 has order 2, not in the subgroup of odd order q
    expect(isGroupElement(gPow(randomZq()))).toBe(true);
    expect(() => parseG('2')).toThrow(/not in the group/);
    expect(() => parseG('01')).toThrow(/decimal/);
    expect(() => parseZq(Q.toString())).toThrow(/below q/);
  });
});

describe('modular arithmetic', () => {
  it('sliding window, fixed-base and binary exponentiation agree', () => {
    for (let i = 0; i < 5; i++) {
      const b = modPow(G, randomZq());
      const e = randomZq();
      const want = modPowBinary(b, e);
      expect(modPow(b, e)).toBe(want);
      expect(new FixedBase(b).pow(e)).toBe(want);
    }
    expect(modPow(5n, 0n)).toBe(1n);
    expect(modPow(5n, 3n)).toBe(125n);
  });
  it('modInv inverts', () => {
    const x = gPow(randomZq());
    expect((x * modInv(x)) % P).toBe(1n);
    expect(() => modInv(0n)).toThrow();
  });
  it('randomZq stays below q and varies', () => {
    const xs = new Set(Array.from({ length: 50 }, () => randomZq()));
    expect(xs.size).toBe(50);
    for (const x of xs) expect(x < Q && x >= 0n).toBe(true);
  });
  it('hashes: SHA-256 mod q and unpadded base64', async () => {
    expect(base64NoPad(await sha256('abc'))).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0');
    const h = await hashToZq('abc');
    expect(h).toBe(BigInt('0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad') % Q);
  });
});
