import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTrusteePublicKey, verifyPossession } from './tally';
import { generateTrusteeKey, loadSealedKey, openPrivateKey, openText, parsePrivateKey, publicKeyOf, sealPrivateKey, sealText, storeSealedKey } from './trustee';

const td = (f: string) => readFileSync(new URL(`./testdata/${f}`, import.meta.url), 'utf8');

class MemStorage {
  private m = new Map<string, string>();
  getItem(k: string) { return this.m.get(k) ?? null; }
  setItem(k: string, v: string) { this.m.set(k, v); }
  removeItem(k: string) { this.m.delete(k); }
}

describe('trustee keys (spec 4.5)', () => {
  it('the proof of knowledge of a belenios-tool key verifies; a changed key does not', async () => {
    const k = parseTrusteePublicKey(td('trustee.pubkey'));
    expect(await verifyPossession(k)).toBe(true);
    expect(await verifyPossession({ ...k, pok: { ...k.pok, response: k.pok.response + 1n } })).toBe(false);
  });
  it('generated keys carry a valid proof and the private file gives the public key', async () => {
    const { privateKey, publicKey } = await generateTrusteeKey();
    const k = parseTrusteePublicKey(publicKey);
    expect(await verifyPossession(k)).toBe(true);
    expect(publicKeyOf(privateKey)).toBe(k.publicKey.toString());
    expect(Object.keys(JSON.parse(publicKey))).toEqual(['pok', 'public_key']);
  });
  it('a sealed key opens with its passphrase only, and round-trips through storage', async () => {
    const { privateKey } = await generateTrusteeKey();
    const sealed = await sealPrivateKey(privateKey, 'correct horse battery', 1000);
    expect(JSON.stringify(sealed)).not.toContain(JSON.parse(privateKey));
    const storage = new MemStorage() as unknown as Storage;
    storeSealedKey('election-1', sealed, storage);
    const back = loadSealedKey('election-1', storage)!;
    expect(await openPrivateKey(back, 'correct horse battery')).toBe(privateKey);
    await expect(openPrivateKey(back, 'correct horse battery!')).rejects.toThrow(/wrong passphrase/);
    await expect(sealPrivateKey(privateKey, 'short')).rejects.toThrow(/8 characters/);
    expect(() => parsePrivateKey('"0"')).toThrow();
    const thr = await sealText(JSON.stringify({ seed: 'yiryWN8n7jB1QLbbzcYbSH', dkey: '{}' }), 'another passphrase', 1000);
    expect(JSON.parse(await openText(thr, 'another passphrase')).seed).toBe('yiryWN8n7jB1QLbbzcYbSH');
  });
});
