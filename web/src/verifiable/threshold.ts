// Threshold trustees (Belenios specification 2.0, sections 3.1.1 "Pedersen", 4.6): the browser
// side of belenios-tool's `setup generate-trustee-key-threshold` steps 1, 3 and 5, and of
// `election decrypt-threshold`. Steps 2, 4 and 6 (checking certificates, routing vinputs,
// assembling threshold parameters) are the server's.
//
// A trustee keeps one secret: the 22-character seed (belenios-tool's .key file). Everything else
// is derived from it or received from the server:
//   step 1  generateCertificate()          -> seed (keep) + cert (send)
//   step 3  makePolynomial(seed, certs, t) -> polynomial (send)
//   step 5  makeVoutput(seed, certs, vinput) -> voutput (send); its private_key is the .dkey
//   tally   decryptShareThreshold(election, tally, seed, dkey, trusteeId) -> partial decryption

import { P, Q, bytesToBigInt, bytesToHex, dec, gPow, hashToZq, hexToBytes, mod, modInv, modPow, parseG, parseNum, parseZq, randomZq, sha256, utf8 } from './arith';
import { parseElection } from './ballot';
import { ccmDecrypt, ccmEncrypt } from './ccm';
import { BASE58 } from './credential';
import { parseTally, partialDecrypt, partialDecryptionJson, provePossession, trusteePublicKeyJson } from './tally';
import { ownedShare, type Share } from './trustee';

interface Keys {
  sk: bigint;
  vk: bigint;
  dk: bigint;
  ek: bigint;
}

/** sk = SHA256("sk|" seed) mod q, dk = SHA256("dk|" seed) mod q; vk = g^sk, ek = g^dk (spec 4.6.1). */
export async function deriveKeys(seed: string): Promise<Keys> {
  if (!/^[1-9A-HJ-NP-Za-km-z]{22}$/.test(seed.trim())) throw new Error('a trustee seed has 22 base-58 characters');
  const s = seed.trim();
  const sk = mod(bytesToBigInt(await sha256(`sk|${s}`)), Q);
  const dk = mod(bytesToBigInt(await sha256(`dk|${s}`)), Q);
  return { sk, vk: gPow(sk), dk, ek: gPow(dk) };
}

// ---- signed and encrypted messages (spec 4.6.1) --------------------------------------------

/** signed_msg: Schnorr signature, challenge = SHA256(sigmsg|M|A) mod q. */
export async function sign(sk: bigint, message: string): Promise<string> {
  const w = randomZq();
  const challenge = await hashToZq(`sigmsg|${message}|${dec(gPow(w))}`);
  return JSON.stringify({ message, signature: { challenge: dec(challenge), response: dec(mod(w - sk * challenge, Q)) } });
}

/** Returns the message of a signed_msg after checking its signature against vk. */
export async function verifySigned(vk: bigint, signedText: string | { message: string; signature: unknown }): Promise<string> {
  const o = (typeof signedText === 'string' ? JSON.parse(signedText) : signedText) as { message: unknown; signature: Record<string, unknown> };
  if (typeof o.message !== 'string') throw new Error('signed message: no message');
  const c = parseZq(o.signature?.challenge, 'signature challenge');
  const r = parseZq(o.signature?.response, 'signature response');
  const A = (gPow(r) * modPow(vk, c)) % P;
  if ((await hashToZq(`sigmsg|${o.message}|${dec(A)}`)) !== c) throw new Error('bad signature');
  return o.message;
}

/** encrypted_msg: alpha = g^r, beta = ek^r g^s, data = hex(AES-CCM(SHA256(key|g^s), SHA256(iv|g^r), M)). */
export async function encryptFor(ek: bigint, message: string): Promise<string> {
  const r = randomZq();
  const s = randomZq();
  const alpha = gPow(r);
  const gs = gPow(s);
  const beta = (modPow(ek, r) * gs) % P;
  const data = await ccmEncrypt(await sha256(`key|${dec(gs)}`), await sha256(`iv|${dec(alpha)}`), utf8(message));
  return JSON.stringify({ alpha: dec(alpha), beta: dec(beta), data: bytesToHex(data) });
}

export async function decryptWith(dk: bigint, encryptedText: string): Promise<string> {
  const o = JSON.parse(encryptedText) as Record<string, unknown>;
  const alpha = parseG(o.alpha, 'alpha');
  const beta = parseG(o.beta, 'beta');
  if (typeof o.data !== 'string') throw new Error('encrypted message: no data');
  const gs = (beta * modInv(modPow(alpha, dk))) % P;
  const plain = await ccmDecrypt(await sha256(`key|${dec(gs)}`), await sha256(`iv|${dec(alpha)}`), hexToBytes(o.data));
  return new TextDecoder().decode(plain);
}

/** send(sk, recipient, M) (spec 4.6.3): channel_msg signed, then encrypted for the recipient. */
export async function send(sk: bigint, recipient: bigint, message: string): Promise<string> {
  return encryptFor(recipient, await sign(sk, JSON.stringify({ recipient: dec(recipient), message })));
}

/** The inverse of send: decrypts with dk, checks the sender's signature and that we are the recipient. */
export async function receive(me: Keys, senderVk: bigint, text: string): Promise<string> {
  const channel = JSON.parse(await verifySigned(senderVk, await decryptWith(me.dk, text))) as { recipient: string; message: string };
  if (channel.recipient !== dec(me.ek)) throw new Error('channel message for another recipient');
  return channel.message;
}

// ---- certificates (spec 4.6.2) ----------------------------------------------------------------

export interface CertKeys {
  verification: bigint;
  encryption: bigint;
}

/** Parse and check a cert: its signature must be by its own verification key. */
export async function checkCert(certText: string): Promise<CertKeys> {
  const o = JSON.parse(certText) as { message: string; signature: unknown };
  const k = JSON.parse(o.message) as Record<string, unknown>;
  const keys = { verification: parseG(k.verification, 'verification key'), encryption: parseG(k.encryption, 'encryption key') };
  await verifySigned(keys.verification, o);
  return keys;
}

/** Step 1: a fresh seed (22 base-58 characters, uniform by rejection) and its certificate. */
export async function generateCertificate(): Promise<{ seed: string; cert: string }> {
  let seed = '';
  const b = new Uint8Array(1);
  while (seed.length < 22) {
    globalThis.crypto.getRandomValues(b);
    if (b[0] < 232) seed += BASE58[b[0] % 58];
  }
  const k = await deriveKeys(seed);
  const cert = await sign(k.sk, JSON.stringify({ verification: dec(k.vk), encryption: dec(k.ek) }));
  return { seed, cert };
}

async function myPosition(k: Keys, certs: string[]): Promise<{ all: CertKeys[]; me: number }> {
  const all = await Promise.all(certs.map(checkCert));
  const me = all.findIndex((c) => c.verification === k.vk && c.encryption === k.ek);
  if (me < 0) throw new Error('this seed does not match any of the certificates');
  return { all, me };
}

/** Parse certs.jsons (one cert per line) or an array of cert texts. */
export const splitLines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean);

// ---- polynomial (step 3, spec 4.6.4) ----------------------------------------------------------

/**
 * Step 3: a random polynomial f of degree threshold - 1 (so `threshold` trustees are needed to
 * decrypt, belenios-tool's --threshold); f(j) sent to trustee j, f's coefficients to ourselves,
 * g^{a_k} signed for everyone. Returns the polynomial JSON text.
 */
export async function makePolynomial(seed: string, certs: string[], threshold: number): Promise<string> {
  const k = await deriveKeys(seed);
  const { all } = await myPosition(k, certs);
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > all.length) throw new Error(`threshold must be between 1 and ${all.length}`);
  const a = Array.from({ length: threshold }, () => randomZq());
  const f = (x: bigint) => a.reduceRight((acc, c) => mod(acc * x + c, Q), 0n);
  const polynomial = await send(k.sk, k.ek, JSON.stringify({ polynomial: a.map(dec) }));
  const secrets: string[] = [];
  for (let j = 0; j < all.length; j++) secrets.push(await send(k.sk, all[j].encryption, JSON.stringify({ secret: dec(f(BigInt(j + 1))) })));
  const coefexps = JSON.parse(await sign(k.sk, JSON.stringify({ coefexps: a.map((c) => dec(gPow(c))) })));
  return JSON.stringify({ polynomial, secrets, coefexps });
}

// ---- voutput (step 5, spec 4.6.5, 4.6.6) ------------------------------------------------------

/**
 * Step 5: check the vinput the server routed to us (every trustee's share for us matches that
 * trustee's signed coefficient commitments: g^{s_ij} = Π_k A_ik^{j^k}) and produce the voutput:
 * our decryption key S_j = Σ_i s_ij sent to ourselves, and its public key with a proof.
 */
export async function makeVoutput(seed: string, certs: string[], vinputText: string): Promise<string> {
  const k = await deriveKeys(seed);
  const { all, me } = await myPosition(k, certs);
  const vin = JSON.parse(vinputText) as { polynomial: string; secrets: string[]; coefexps: { message: string; signature: unknown }[] };
  if (vin.secrets.length !== all.length || vin.coefexps.length !== all.length) throw new Error('vinput: wrong number of trustees');
  await receive(k, k.vk, vin.polynomial); // our own polynomial, as a check it was routed to us
  const j = BigInt(me + 1);
  let S = 0n;
  for (let i = 0; i < all.length; i++) {
    // belenios-tool evaluates f(j) without reducing modulo q: accept any natural number
    const s = mod(parseNum((JSON.parse(await receive(k, all[i].verification, vin.secrets[i])) as { secret: unknown }).secret, 'secret'), Q);
    const A = (JSON.parse(await verifySigned(all[i].verification, vin.coefexps[i])) as { coefexps: unknown[] }).coefexps.map((x) => parseG(x, 'coefexp'));
    let rhs = 1n;
    let jk = 1n;
    for (const Aik of A) {
      rhs = (rhs * modPow(Aik, jk)) % P;
      jk *= j;
    }
    if (gPow(s) !== rhs) throw new Error(`vinput: the share of trustee ${i + 1} does not match their commitments`);
    S = mod(S + s, Q);
  }
  const private_key = await send(k.sk, k.ek, JSON.stringify({ decryption_key: dec(S) }));
  const public_key = JSON.parse(trusteePublicKeyJson(await provePossession(S)));
  return JSON.stringify({ private_key, public_key });
}

/** The decryption key S_j from our .dkey (the voutput's private_key), as decrypt-threshold reads it. */
export async function openDecryptionKey(seed: string, dkeyText: string): Promise<bigint> {
  const k = await deriveKeys(seed);
  const m = JSON.parse(await receive(k, k.vk, dkeyText.trim())) as { decryption_key: unknown };
  // belenios-tool writes the sum without reducing it modulo q
  return mod(parseNum(m.decryption_key, 'decryption key'), Q);
}

/**
 * Threshold partial decryption (belenios-tool's decrypt-threshold; spec 4.18 with the key S_j):
 * `trusteeId` is this trustee's owner number on the board (1-based across the trustees structure).
 */
export async function decryptShareThreshold(electionText: string, encryptedTallyText: string, seed: string, dkeyText: string, trusteeId: number): Promise<Share> {
  const e = await parseElection(electionText);
  const S = await openDecryptionKey(seed, dkeyText);
  return ownedShare(partialDecryptionJson(await partialDecrypt(e, parseTally(encryptedTallyText), S)), trusteeId);
}
