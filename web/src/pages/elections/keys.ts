// The trustees' key ceremony as the page sees it (server: src/modules/elections/trustees_api.cpp).

export interface KeyTrustee {
  number: number;
  person_id: number | string;
  full_name: string;
  cert: boolean;
  polynomial: boolean;
  voutput: boolean;
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
}

/** How often the page asks whether the other trustees have moved on. */
export const POLL_MS = 3000;

/** What the signed-in trustee has to do now: make their key, the polynomial, the voutput, or wait. */
export function stepOf(c: KeyCeremony): 'none' | 'make_key' | 'polynomial' | 'voutput' | 'wait' {
  const me = c.trustees.find((t) => t.number === c.my_number);
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
