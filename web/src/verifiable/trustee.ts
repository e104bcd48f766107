// A trustee with a single key (Belenios specification 2.0, sections 3.1.1 "Single", 4.5, 4.18):
// generate the key pair in the browser, keep the private key as a file and/or in browser storage
// under a passphrase, and later decrypt the trustee's share of the encrypted tally with proofs.
//
// The files are belenios-tool's own formats, so a trustee can switch between Kenes and the tool:
// the private key file is the JSON string of x (a .privkey), the public key is a
// trustee_public_key (a .pubkey).

import { base64NoPad, dec, gPow, parseZq, randomZq, sha256Hex, utf8 } from './arith';
import { parseElection } from './ballot';
import { parseTally, partialDecrypt, partialDecryptionJson, provePossession, trusteePublicKeyJson } from './tally';

export interface TrusteeKeyFiles {
  /** .privkey content: the JSON string of the private key x in decimal. Keep secret. */
  privateKey: string;
  /** .pubkey content: trustee_public_key with its proof of knowledge (spec 4.5). Send to the commission's server. */
  publicKey: string;
}

/** Fresh x ∈ Zq, X = g^x with a proof of knowledge of x (spec 4.5). */
export async function generateTrusteeKey(): Promise<TrusteeKeyFiles> {
  const x = randomZq();
  return { privateKey: JSON.stringify(dec(x)), publicKey: trusteePublicKeyJson(await provePossession(x)) };
}

export function parsePrivateKey(file: string): bigint {
  const x = parseZq(JSON.parse(file.trim()), 'private key');
  if (x === 0n) throw new Error('private key: zero');
  return x;
}

/** The public key of a private key file, to check the file belongs to the key the board lists. */
export const publicKeyOf = (privateKeyFile: string): string => dec(gPow(parsePrivateKey(privateKeyFile)));

export interface Share {
  /** partial_decryption JSON (spec 4.18) */
  partialDecryption: string;
  /** owned_partial_decryption JSON: {"owner": trusteeId, "payload": SHA-256 hex of partialDecryption} */
  owned: string;
  /** both lines, as `belenios-tool election decrypt` prints them and `archive add-event --type=PartialDecryption` takes them */
  lines: string;
}

/** owned_partial_decryption (spec 4.18) around a partial decryption's text. */
export async function ownedShare(partialDecryption: string, trusteeId: number): Promise<Share> {
  const owned = JSON.stringify({ owner: trusteeId, payload: await sha256Hex(partialDecryption) });
  return { partialDecryption, owned, lines: `${partialDecryption}\n${owned}\n` };
}

/**
 * The trustee's partial decryption of the encrypted tally (spec 4.18). `trusteeId` is the
 * trustee's number on the board, 1-based across the trustees structure (spec 4.7).
 */
export async function decryptShare(electionText: string, encryptedTallyText: string, privateKeyFile: string, trusteeId: number): Promise<Share> {
  const e = await parseElection(electionText);
  const pd = partialDecryptionJson(await partialDecrypt(e, parseTally(encryptedTallyText), parsePrivateKey(privateKeyFile)));
  return ownedShare(pd, trusteeId);
}

// ---- passphrase-protected storage ------------------------------------------------------------

/**
 * A private key sealed with a passphrase: AES-256-GCM under a key from PBKDF2-HMAC-SHA256 with a
 * random 16-byte salt. 600,000 iterations (OWASP's 2023 figure for PBKDF2-SHA256) make each
 * passphrase guess cost ~0.3 s on a laptop; GCM's tag makes a wrong passphrase fail cleanly.
 */
export interface SealedKey {
  v: 1;
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  salt: string;
  iv: string;
  ciphertext: string;
}

const b64 = (b: Uint8Array) => base64NoPad(b);
function unb64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s + '='.repeat((4 - (s.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function aesKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  const base = await subtle.importKey('raw', utf8(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export const SEAL_ITERATIONS = 600_000;

/** Seal a single trustee's .privkey (checked first). */
export async function sealPrivateKey(privateKeyFile: string, passphrase: string, iterations = SEAL_ITERATIONS): Promise<SealedKey> {
  parsePrivateKey(privateKeyFile);
  return sealText(privateKeyFile, passphrase, iterations);
}

/** Returns the private key file text; rejects with "wrong passphrase" when GCM's tag does not verify. */
export async function openPrivateKey(sealed: SealedKey, passphrase: string): Promise<string> {
  const text = await openText(sealed, passphrase);
  parsePrivateKey(text);
  return text;
}

/**
 * Seal any trustee secret: a threshold trustee keeps its seed and its .dkey, e.g.
 * sealText(JSON.stringify({ seed, dkey }), passphrase).
 */
export async function sealText(secret: string, passphrase: string, iterations = SEAL_ITERATIONS): Promise<SealedKey> {
  if (passphrase.length < 8) throw new Error('the passphrase needs at least 8 characters');
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const key = await aesKey(passphrase, salt, iterations);
  const ct = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, utf8(secret)));
  return { v: 1, kdf: 'PBKDF2-SHA256', iterations, salt: b64(salt), iv: b64(iv), ciphertext: b64(ct) };
}

export async function openText(sealed: SealedKey, passphrase: string): Promise<string> {
  if (sealed.v !== 1 || sealed.kdf !== 'PBKDF2-SHA256') throw new Error('unknown sealed key format');
  const key = await aesKey(passphrase, unb64(sealed.salt), sealed.iterations);
  let plain: ArrayBuffer;
  try {
    plain = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(sealed.iv) }, key, unb64(sealed.ciphertext));
  } catch {
    throw new Error('wrong passphrase');
  }
  return new TextDecoder().decode(plain);
}

const STORAGE_PREFIX = 'kenes.trustee-key.';

/** Keep a sealed key in this browser's localStorage under a name (e.g. the election id). */
export function storeSealedKey(name: string, sealed: SealedKey, storage: Storage = localStorage): void {
  storage.setItem(STORAGE_PREFIX + name, JSON.stringify(sealed));
}

export function loadSealedKey(name: string, storage: Storage = localStorage): SealedKey | undefined {
  const s = storage.getItem(STORAGE_PREFIX + name);
  return s === null ? undefined : (JSON.parse(s) as SealedKey);
}

export function forgetSealedKey(name: string, storage: Storage = localStorage): void {
  storage.removeItem(STORAGE_PREFIX + name);
}


