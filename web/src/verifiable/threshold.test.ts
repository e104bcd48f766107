// Threshold trustee pieces (spec 4.6) against a belenios-tool 2.0 run (testdata/threshold: the
// certs and polynomials of three trustees, and trustee 1's seed, vinput and voutput).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ccmDecrypt, ccmEncrypt } from './ccm';
import { checkCert, decryptWith, deriveKeys, encryptFor, makeVoutput, openDecryptionKey, receive, send, sign, splitLines, verifySigned } from './threshold';
import { gPow } from './arith';

const td = (f: string) => readFileSync(new URL(`./testdata/threshold/${f}`, import.meta.url), 'utf8');
const seed = td('trustee1.key').trim();
const certs = splitLines(td('certs.jsons'));
const polys = splitLines(td('polynomials.jsons')).map((l) => JSON.parse(l));

describe('AES-CCM as belenios-tool and SJCL use it (spec 4.6.1)', () => {
  it('agrees with OpenSSL aes-256-ccm (8-byte tag, 13-byte nonce) both ways, all lengths', async () => {
    for (const n of [0, 1, 15, 16, 17, 100, 1065]) {
      const key = new Uint8Array(randomBytes(32));
      const iv = new Uint8Array(randomBytes(32));
      const plain = new Uint8Array(randomBytes(n));
      const mine = await ccmEncrypt(key, iv, plain);
      const c = createCipheriv('aes-256-ccm', key, iv.subarray(0, 13), { authTagLength: 8 });
      const ossl = Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
      expect(Buffer.from(mine).toString('hex')).toBe(ossl.toString('hex'));
      const d = createDecipheriv('aes-256-ccm', key, iv.subarray(0, 13), { authTagLength: 8 });
      d.setAuthTag(ossl.subarray(n));
      expect(Buffer.concat([d.update(ossl.subarray(0, n)), d.final()]).equals(Buffer.from(plain))).toBe(true);
      expect(Buffer.from(await ccmDecrypt(key, iv, ossl)).equals(Buffer.from(plain))).toBe(true);
    }
  });
  it('a changed byte fails authentication', async () => {
    const key = new Uint8Array(randomBytes(32));
    const iv = new Uint8Array(randomBytes(32));
    const ct = await ccmEncrypt(key, iv, new TextEncoder().encode('secret share'));
    ct[3] ^= 1;
    await expect(ccmDecrypt(key, iv, ct)).rejects.toThrow(/authentication/);
  });
});

describe('trustee channels and keys (spec 4.6.1-4.6.3)', () => {
  it('keys derived from the seed are those of its certificate', async () => {
    const k = await deriveKeys(seed);
    const c = await checkCert(certs[0]);
    expect(c.verification).toBe(k.vk);
    expect(c.encryption).toBe(k.ek);
  });
  it('decrypts the tool\'s polynomial sent to itself and its dkey', async () => {
    const k = await deriveKeys(seed);
    const raw = JSON.parse(await receive(k, k.vk, polys[0].polynomial));
    expect(raw.polynomial).toHaveLength(2);
    const S = await openDecryptionKey(seed, JSON.parse(td('trustee1.voutput')).private_key);
    expect(gPow(S).toString()).toBe(JSON.parse(td('trustee1.voutput')).public_key.public_key);
  });
  it('refuses a share signed by someone else, a message for another recipient, a tampered signature', async () => {
    const a = await deriveKeys(seed);
    const b = await deriveKeys('BoRK9fvp2RQcF6dVXTnCZY');
    const msg = await send(b.sk, a.ek, '{"secret":"5"}');
    expect(await receive(a, b.vk, msg)).toBe('{"secret":"5"}');
    await expect(receive(a, a.vk, msg)).rejects.toThrow(/bad signature/);
    const toB = await send(b.sk, b.ek, 'x');
    await expect(receive(a, b.vk, toB)).rejects.toThrow(/authentication/); // a cannot open b's mail
    // re-encrypt b's signed message for a: the channel's recipient is still b
    const signedForB = await decryptWith(b.dk, toB);
    await expect(receive(a, b.vk, await encryptFor(a.ek, signedForB))).rejects.toThrow(/another recipient/);
    const s = JSON.parse(await sign(a.sk, 'hello'));
    s.message = 'hullo';
    await expect(verifySigned(a.vk, s)).rejects.toThrow(/bad signature/);
  });
  it('step 5 checks every share against its commitments: the tool\'s vinput passes, a swapped share fails', async () => {
    const vin = JSON.parse(td('trustee1.vinput'));
    const vout = JSON.parse(await makeVoutput(seed, certs, JSON.stringify(vin)));
    expect(vout.public_key.public_key).toBe(JSON.parse(td('trustee1.voutput')).public_key.public_key);
    [vin.secrets[1], vin.secrets[2]] = [vin.secrets[2], vin.secrets[1]];
    await expect(makeVoutput(seed, certs, JSON.stringify(vin))).rejects.toThrow(/bad signature|does not match/);
  });
});

describe('threshold key establishment among browser trustees (spec 4.6.4-4.6.6)', () => {
  it('shares that do not match the signed commitments are refused at step 5', async () => {
    const { generateCertificate, makePolynomial } = await import('./threshold');
    const ts = [await generateCertificate(), await generateCertificate(), await generateCertificate()];
    const cs = ts.map((t) => t.cert);
    const ps = await Promise.all(ts.map((t) => makePolynomial(t.seed, cs, 2)).map(async (p) => JSON.parse(await p)));
    // step 4, the server's routing
    const vinput = (j: number) => ({ polynomial: ps[j].polynomial, secrets: ps.map((p) => p.secrets[j]), coefexps: ps.map((p) => p.coefexps) });
    const ok = JSON.parse(await makeVoutput(ts[0].seed, cs, JSON.stringify(vinput(0))));
    expect(Object.keys(ok)).toEqual(['private_key', 'public_key']);
    // trustee 2 sends trustee 1 a share off its polynomial, properly signed and encrypted
    const k1 = await deriveKeys(ts[0].seed);
    const k2 = await deriveKeys(ts[1].seed);
    const bad = vinput(0);
    bad.secrets[1] = await send(k2.sk, k1.ek, JSON.stringify({ secret: '12345' }));
    await expect(makeVoutput(ts[0].seed, cs, JSON.stringify(bad))).rejects.toThrow(/share of trustee 2 does not match/);
    // a seed that is not among the certificates
    await expect(makeVoutput('M3eW9JJ74CGMVS6PVfZmY2', cs, JSON.stringify(vinput(0)))).rejects.toThrow(/does not match any/);
  });
});
