// The trustees' key ceremony as the page sees it (server: src/modules/elections/trustees_api.cpp).

export interface KeyTrustee {
  number: number;
  person_id: number | string;
  full_name: string;
  cert: boolean;
  polynomial: boolean;
  voutput: boolean;
  /** After the close: whether this trustee's partial decryption is on the board. */
  decryption?: boolean;
}

export interface SignedMessage {
  message: string;
  signature: { challenge: string; response: string };
}

export interface KeyCeremony {
  election_id: number | string;
  state: 'not_started' | 'certs' | 'polynomials' | 'voutputs' | 'complete';
  kind: 'single' | 'pedersen' | null;
  threshold: number | null;
  trustees: KeyTrustee[];
  my_number: number | null;
  certs: SignedMessage[] | null;
  fingerprint: string | null;
  public_key: string | null;
  trustees_json: string | null;
  /** After the close, once the encrypted tally is on the board. */
  tally_ready?: boolean;
  /** How many trustees' partial decryptions the board holds. */
  decryptions?: number;
}

/** GET /elections/{id}/trustees/tally: what the signed-in trustee decrypts. */
export interface TrusteeTally {
  /** the trustee's number on the board (owner of the partial decryption) */
  number: number;
  kind: 'single' | 'pedersen';
  election: string;
  encrypted_tally: string;
  /** the trustee's encrypted decryption key from their voutput (pedersen only) */
  private_key: string | null;
  decrypted: boolean;
}

/** How often the page asks whether the other trustees have moved on. */
export const POLL_MS = 3000;

/**
 * What the signed-in trustee has to do now: make their key, the polynomial, the voutput, or wait;
 * after the close, decrypt their share of the tally (then 'decrypted').
 */
export function stepOf(c: KeyCeremony): 'none' | 'make_key' | 'polynomial' | 'voutput' | 'wait' | 'decrypt' | 'decrypted' {
  const me = c.trustees.find((t) => t.number === c.my_number);
  if (me && c.state === 'complete' && c.tally_ready) return me.decryption ? 'decrypted' : 'decrypt';
  if (!me || c.state === 'not_started' || c.state === 'complete') return 'none';
  if (c.state === 'certs') return me.cert ? 'wait' : 'make_key';
  if (c.state === 'polynomials') return me.polynomial ? 'wait' : 'polynomial';
  return me.voutput ? 'wait' : 'voutput';
}

/** The fingerprint's first 12 characters in groups of four: enough to compare aloud. */
export function shortFingerprint(fp: string): string {
  return (fp.slice(0, 12).match(/.{1,4}/g) ?? []).join(' ');
}

/** The name of the downloaded secret, as belenios-tool names a trustee's `.key`. */
export function keyFileName(electionId: string, number: number): string {
  return `kenes-election-${electionId}-trustee-${number}.key`;
}

/**
 * How many partial decryptions the count needs: one per key for a single trustee, the threshold
 * for a Pedersen ceremony (any `need` of the trustees), and whether the board already has them.
 */
export function decryptionProgress(c: KeyCeremony): { have: number; of: number; need: number; enough: boolean } {
  const have = c.decryptions ?? c.trustees.filter((t) => t.decryption).length;
  const need = c.kind === 'pedersen' ? (c.threshold ?? c.trustees.length) : c.trustees.length;
  return { have, of: c.trustees.length, need, enough: have >= need };
}

/** The page keeps asking while the tally waits for decryptions (others may send theirs meanwhile). */
export function shouldPoll(c: KeyCeremony): boolean {
  if (c.state !== 'complete') return true;
  return !!c.tally_ready && !decryptionProgress(c).enough;
}

/**
 * Which worker function decrypts this trustee's share, with its arguments. `secret` is what the
 * ceremony saved: the private key file of a single trustee, the seed of a Pedersen trustee (whose
 * decryption key, sealed to that seed, comes back from the server as `private_key`).
 */
export type DecryptCall =
  | { fn: 'decryptShareInWorker'; args: [election: string, tally: string, privateKeyFile: string, trusteeId: number] }
  | { fn: 'decryptShareThresholdInWorker'; args: [election: string, tally: string, seed: string, dkey: string, trusteeId: number] };

export function decryptCall(tally: TrusteeTally, secret: string): DecryptCall {
  if (tally.kind === 'single') return { fn: 'decryptShareInWorker', args: [tally.election, tally.encrypted_tally, secret, tally.number] };
  if (!tally.private_key) throw new Error('the server sent no decryption key for a threshold trustee');
  return { fn: 'decryptShareThresholdInWorker', args: [tally.election, tally.encrypted_tally, secret, tally.private_key, tally.number] };
}
