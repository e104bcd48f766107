// Number theory and hashing for the Belenios protocol (specification 2.0, sections 4.2 and 5.1).
//
// Plain BigInt: no big-number package. Modular exponentiation uses a sliding window (k = 5):
// our exponents are 256-bit elements of Zq, so one exponentiation is ~255 squarings plus
// ~43 multiplications instead of ~128 for plain square-and-multiply (measured in arith.test.ts).
// Bases used over and over (g and the election key y) get a fixed-base table instead
// (see FixedBase), which removes the squarings altogether.
//
// BigInt arithmetic is not constant time. Secrets handled here (a voter's credential, ballot
// randomness, a trustee's key) live in the user's own browser for the duration of one operation;
// timing side channels require an attacker measuring that browser, which we accept, as Belenios'
// own web client (JavaScript big integers) does.

/** BELENIOS-2048 (spec 5.1): p, g, q copied digit for digit from belenios-tool 2.0, checked in arith.test.ts. */
export const P = BigInt(
  '20694785691422546401013643657505008064922989295751104097100884787057374219242717401922237254497684338129066633138078958404960054389636289796393038773905722803605973749427671376777618898589872735865049081167099310535867780980030790491654063777173764198678527273474476341835600035698305193144284561701911000786737307333564123971732897913240474578834468260652327974647951137672658693582180046317922073668860052627186363386088796882120769432366149491002923444346373222145884100586421050242120365433561201320481118852408731077014151666200162313177169372189248078507711827842317498073276598828825169183103125680162072880719',
);
export const G = BigInt(
  '2402352677501852209227687703532399932712287657378364916510075318787663274146353219320285676155269678799694668298749389095083896573425601900601068477164491735474137283104610458681314511781646755400527402889846139864532661215055797097162016168270312886432456663834863635782106154918419982534315189740658186868651151358576410138882215396016043228843603930989333662772848406593138406010231675095763777982665103606822406635076697764025346253773085133173495194248967754052573659049492477631475991575198775177711481490920456600205478127054728238140972518639858334115700568353695553423781475582491896050296680037745308460627',
);
export const Q = BigInt('78571733251071885079927659812671450121821421258408794611510081919805623223441');
/** The group's name as written in election.json and hashed into proofs of knowledge (spec 4.5). */
export const GROUP_NAME = 'BELENIOS-2048';

export function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

const WINDOW = 5;

/** base^exp mod m, left-to-right sliding window (window of WINDOW bits, odd powers precomputed). */
export function modPow(base: bigint, exp: bigint, m: bigint = P): bigint {
  if (exp < 0n) return modPow(modInv(base, m), -exp, m);
  if (exp === 0n) return 1n % m;
  const b = mod(base, m);
  const bits = exp.toString(2);
  if (bits.length <= 8) {
    let r = 1n;
    for (const c of bits) {
      r = (r * r) % m;
      if (c === '1') r = (r * b) % m;
    }
    return r;
  }
  // odd[i] = b^(2i+1)
  const b2 = (b * b) % m;
  const odd: bigint[] = [b];
  for (let i = 1; i < 1 << (WINDOW - 1); i++) odd.push((odd[i - 1] * b2) % m);
  let r = 1n;
  let i = 0;
  const n = bits.length;
  while (i < n) {
    if (bits[i] === '0') {
      r = (r * r) % m;
      i++;
      continue;
    }
    // longest window starting at i, at most WINDOW bits, ending with a 1
    let j = Math.min(i + WINDOW, n) - 1;
    while (bits[j] === '0') j--;
    let v = 0;
    for (let k = i; k <= j; k++) {
      r = (r * r) % m;
      v = (v << 1) | (bits[k] === '1' ? 1 : 0);
    }
    r = (r * odd[v >> 1]) % m;
    i = j + 1;
  }
  return r;
}

/** Plain square-and-multiply, kept only so the test can measure what the window buys. */
export function modPowBinary(base: bigint, exp: bigint, m: bigint = P): bigint {
  let r = 1n;
  let b = mod(base, m);
  let e = exp;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

/**
 * Fixed-base exponentiation by a table of base^(d * 2^(WB*i)) for every digit d of WB bits:
 * an exponentiation below 2^256 is then 64 multiplications and no squaring. The table costs
 * 256/WB * 2^WB multiplications once (~1000), so it pays from the third exponentiation on; a
 * ballot raises g and y about 40 times each.
 */
export class FixedBase {
  private static readonly WB = 4;
  private readonly table: bigint[][] = [];
  constructor(readonly base: bigint, private readonly maxBits = 256) {
    const WB = FixedBase.WB;
    let cur = mod(base, P);
    for (let i = 0; i * WB < maxBits; i++) {
      const row: bigint[] = [1n];
      for (let d = 1; d < 1 << WB; d++) row.push((row[d - 1] * cur) % P);
      this.table.push(row);
      cur = (row[(1 << WB) - 1] * cur) % P;
    }
  }
  pow(exp: bigint): bigint {
    let e = exp;
    if (e < 0n || e >= 1n << BigInt(this.maxBits)) e = mod(e, Q);
    const mask = BigInt((1 << FixedBase.WB) - 1);
    let r = 1n;
    for (let i = 0; e > 0n; i++) {
      const d = Number(e & mask);
      if (d !== 0) r = (r * this.table[i][d]) % P;
      e >>= BigInt(FixedBase.WB);
    }
    return r;
  }
}

let gTable: FixedBase | undefined;
/** g^e mod p with a table built on first use. */
export function gPow(e: bigint): bigint {
  gTable ??= new FixedBase(G);
  return gTable.pow(e);
}

/** Tables for election keys, so repeated ballots in one worker reuse them. */
const keyTables = new Map<bigint, FixedBase>();
export function fixedBase(y: bigint): FixedBase {
  let t = keyTables.get(y);
  if (!t) {
    if (keyTables.size > 8) keyTables.clear();
    t = new FixedBase(y);
    keyTables.set(y, t);
  }
  return t;
}

/** Inverse modulo m by the extended Euclidean algorithm. */
export function modInv(a: bigint, m: bigint = P): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const qt = r0 / r1;
    [r0, r1] = [r1, r0 - qt * r1];
    [s0, s1] = [s1, s0 - qt * s1];
  }
  if (r0 !== 1n) throw new Error('not invertible');
  return mod(s0, m);
}

/** Membership in the order-q subgroup of Z*p (a value "of type G", spec 4.2): 1 <= x < p and x^q = 1. */
export function isGroupElement(x: bigint): boolean {
  return x > 0n && x < P && modPow(x, Q) === 1n;
}

/** Parse a decimal string as the spec writes every big number (4.2); rejects anything else. */
export function parseNum(s: unknown, what = 'number'): bigint {
  if (typeof s !== 'string' || !/^(0|[1-9][0-9]*)$/.test(s)) throw new Error(`${what}: not a decimal string`);
  return BigInt(s);
}

export function parseZq(s: unknown, what = 'Zq'): bigint {
  const v = parseNum(s, what);
  if (v >= Q) throw new Error(`${what}: not below q`);
  return v;
}

export function parseG(s: unknown, what = 'group element'): bigint {
  const v = parseNum(s, what);
  if (!isGroupElement(v)) throw new Error(`${what}: not in the group`);
  return v;
}

// ---- randomness -------------------------------------------------------------------------

function cryptoObj(): Crypto {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (!c?.subtle) throw new Error('WebCrypto is not available');
  return c;
}

/** Uniform in Zq: 256 random bits, rejected while >= q (q is just below 2^256, ~32% rejection). */
export function randomZq(): bigint {
  const buf = new Uint8Array(32);
  for (;;) {
    cryptoObj().getRandomValues(buf);
    const v = bytesToBigInt(buf);
    if (v < Q) return v;
  }
}

// ---- bytes, hashes, encodings -------------------------------------------------------------

export function bytesToBigInt(b: Uint8Array): bigint {
  let hex = '';
  for (const x of b) hex += x.toString(16).padStart(2, '0');
  return hex === '' ? 0n : BigInt('0x' + hex);
}

export function bytesToHex(b: Uint8Array): string {
  let hex = '';
  for (const x of b) hex += x.toString(16).padStart(2, '0');
  return hex;
}

export function hexToBytes(hex: string): Bytes {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error('bad hexadecimal');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Bytes backed by a plain ArrayBuffer, the only kind WebCrypto accepts. */
export type Bytes = Uint8Array<ArrayBuffer>;

export const utf8 = (s: string): Bytes => new TextEncoder().encode(s);

export async function sha256(data: string | Bytes): Promise<Bytes> {
  const bytes = typeof data === 'string' ? utf8(data) : data;
  return new Uint8Array(await cryptoObj().subtle.digest('SHA-256', bytes));
}

export async function sha256Hex(data: string | Bytes): Promise<string> {
  return bytesToHex(await sha256(data));
}

/** Base64 without padding, as belenios-tool writes fingerprints and trackers (spec 4.15, HJSON). */
export function base64NoPad(b: Uint8Array): string {
  let bin = '';
  for (const x of b) bin += String.fromCharCode(x);
  return btoa(bin).replace(/=+$/, '');
}

/** HJSON(J) = BASE64(SHA256(J)) unpadded (spec 4.15): election fingerprint, ballot tracker, signature hash. */
export async function hashJson(text: string): Promise<string> {
  return base64NoPad(await sha256(text));
}

/** SHA256(s) read as a 256-bit big-endian number, reduced mod q (every H... of spec 4.5-4.18). */
export async function hashToZq(s: string): Promise<bigint> {
  return mod(bytesToBigInt(await sha256(s)), Q);
}

/** Decimal serialisation of numbers (spec 4.2). */
export const dec = (x: bigint): string => x.toString(10);
