// AES-CCM (RFC 3610 / NIST SP 800-38C) on WebCrypto, which has AES-CTR and AES-CBC but no CCM.
//
// Belenios' trustee channels (specification 2.0, section 4.6.1) encrypt with "AES in CCM mode";
// the parameters are those of SJCL's sjcl.mode.ccm, which Belenios' web client used and which
// belenios-tool 2.0 reproduces. We derived them by decrypting a channel message of belenios-tool
// (test ccm.test.ts): 8-byte tag, no associated data, nonce = the first 15 - L bytes of the
// 32-byte IV, where L (the length-field size) is the smallest of 2..4 that fits the message
// length: 13-byte nonces for every message under 64 KiB.
//
// MAC: CBC-MAC over B0 || message blocks, computed as the last block of AES-CBC with a zero IV
// (WebCrypto's PKCS#7 padding only appends a block after the ones we read). Encryption: AES-CTR
// from counter block A1; the tag is masked with the keystream of A0.

import type { Bytes } from './arith';

const TAG = 8;

function lengthFieldSize(n: number): number {
  let L = 2;
  while (L < 4 && n >>> (8 * L) !== 0) L++;
  return L;
}

function counterBlock(nonce: Uint8Array, L: number, i: number): Bytes {
  const a = new Uint8Array(16);
  a[0] = L - 1;
  a.set(nonce, 1);
  for (let k = 0, v = i; k < L; k++, v = Math.floor(v / 256)) a[15 - k] = v & 0xff;
  return a;
}

async function keys(rawKey: Bytes) {
  const subtle = globalThis.crypto.subtle;
  return {
    ctr: await subtle.importKey('raw', rawKey, 'AES-CTR', false, ['encrypt']),
    cbc: await subtle.importKey('raw', rawKey, 'AES-CBC', false, ['encrypt']),
  };
}

async function cbcMac(cbc: CryptoKey, nonce: Uint8Array, L: number, msg: Uint8Array): Promise<Bytes> {
  const blocks = Math.ceil(msg.length / 16);
  const buf = new Uint8Array(16 * (1 + blocks));
  // B0: flags = 8 * ((TAG - 2) / 2) + (L - 1), no associated data; nonce; message length in L bytes
  buf[0] = 8 * ((TAG - 2) / 2) + (L - 1);
  buf.set(nonce, 1);
  for (let k = 0, v = msg.length; k < L; k++, v = Math.floor(v / 256)) buf[15 - k] = v & 0xff;
  buf.set(msg, 16);
  const out = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, cbc, buf));
  return out.slice(buf.length - 16, buf.length - 16 + TAG);
}

async function ctr(key: CryptoKey, nonce: Uint8Array, L: number, data: Bytes): Promise<Bytes> {
  // keystream from A0: the first block masks the tag, the rest the message
  return new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-CTR', counter: counterBlock(nonce, L, 0), length: 8 * L }, key, data));
}

/** SJCL-compatible CCM encryption: ciphertext || 8-byte tag. `iv` may be longer than the nonce (it is truncated as SJCL does). */
export async function ccmEncrypt(rawKey: Bytes, iv: Uint8Array, plain: Bytes): Promise<Bytes> {
  const L = Math.max(lengthFieldSize(plain.length), 15 - iv.length);
  const nonce = iv.subarray(0, 15 - L);
  const k = await keys(rawKey);
  const tag = await cbcMac(k.cbc, nonce, L, plain);
  const input = new Uint8Array(16 + plain.length);
  input.set(tag, 0);
  input.set(plain, 16);
  const out = await ctr(k.ctr, nonce, L, input);
  const res = new Uint8Array(plain.length + TAG);
  res.set(out.subarray(16), 0);
  res.set(out.subarray(0, TAG), plain.length);
  return res;
}

/** SJCL-compatible CCM decryption; throws when the tag does not verify. */
export async function ccmDecrypt(rawKey: Bytes, iv: Uint8Array, data: Uint8Array): Promise<Bytes> {
  if (data.length < TAG) throw new Error('CCM: message too short');
  const n = data.length - TAG;
  const L = Math.max(lengthFieldSize(n), 15 - iv.length);
  const nonce = iv.subarray(0, 15 - L);
  const k = await keys(rawKey);
  const input = new Uint8Array(16 + n);
  input.set(data.subarray(n), 0);
  input.set(data.subarray(0, n), 16);
  const out = await ctr(k.ctr, nonce, L, input);
  const plain = out.slice(16);
  const tag = await cbcMac(k.cbc, nonce, L, plain);
  let diff = 0;
  for (let i = 0; i < TAG; i++) diff |= tag[i] ^ out[i];
  if (diff !== 0) throw new Error('CCM: authentication failed');
  return plain;
}
