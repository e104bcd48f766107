// Pure helpers for the protocol block of a session (MTG-7) and its public check.
import type { Id, Protocol, ProtocolSigner } from './bodies-types';
import { sameId } from './bodies';

export const PROTOCOL_LANGS = ['kk', 'ru', 'en'] as const;

const meetingBase = (meetingId: Id) => `/api/v1/meetings/${encodeURIComponent(String(meetingId))}`;

export const protocolPath = (meetingId: Id) => `${meetingBase(meetingId)}/protocol`;

/** The PDF of the protocol in one language. */
export const protocolPdfPath = (meetingId: Id, lang: string) => `${meetingBase(meetingId)}/protocol.pdf?lang=${encodeURIComponent(lang)}`;

/** The public verification page of a final protocol (the QR code points there too). */
export const verifyPagePath = (code: string) => `/verify/${encodeURIComponent(code)}`;

export const verifyApiPath = (code: string) => `/api/v1/public/protocols/${encodeURIComponent(code)}`;

export interface ProtocolView {
  signed: number;
  total: number;
  /** The signed-in person's line, when they were present. */
  mine: ProtocolSigner | null;
  /** A draft the signed-in person was present for and has not signed yet. */
  canSign: boolean;
}

export function protocolView(protocol: Protocol, personId: Id | null | undefined): ProtocolView {
  const signed = protocol.signers.filter((signer) => !!signer.signed_at).length;
  const mine = personId == null ? null : (protocol.signers.find((signer) => sameId(signer.person_id, personId)) ?? null);
  return { signed, total: protocol.signers.length, mine, canSign: protocol.status === 'draft' && !!mine && !mine.signed_at };
}

/** A long hex hash split in groups of eight so that it wraps on a phone and reads aloud. */
export function groupedHash(hash: string | undefined): string {
  return (hash ?? '').match(/.{1,8}/g)?.join(' ') ?? '';
}
