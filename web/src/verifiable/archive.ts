// Reading a Belenios archive (.bel, spec 4.4): an old-style tar of a BELENIOS header, data files
// named by the SHA-256 (hex) of their content and events chained by their parent's hash.
// boardFromArchive turns it into the Board that verifyBoard checks.

import { sha256Hex } from './arith';
import type { Board } from './tally';

export interface ArchiveEntry {
  name: string;
  text: string;
}

/** Minimal tar reader: 512-byte headers, name at 0..100, octal size at 124..136, content padded to 512. */
export function readTar(bytes: Uint8Array): ArchiveEntry[] {
  const out: ArchiveEntry[] = [];
  const dec = new TextDecoder();
  let off = 0;
  while (off + 512 <= bytes.length) {
    const h = bytes.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const name = dec.decode(h.subarray(0, 100)).replace(/\0.*$/s, '');
    const size = parseInt(dec.decode(h.subarray(124, 136)).replace(/\0.*$/s, '').trim() || '0', 8);
    off += 512;
    out.push({ name, text: dec.decode(bytes.subarray(off, off + size)) });
    off += Math.ceil(size / 512) * 512;
  }
  return out;
}

interface Event {
  parent?: string;
  height: number;
  type: string;
  payload?: string;
}

/**
 * Check the archive's integrity (every file's name is the hash of its content, events chained by
 * parent hash and height, spec 3.5.1) and return its board. Throws on a broken archive.
 */
export async function boardFromArchive(bytes: Uint8Array): Promise<Board> {
  const entries = readTar(bytes);
  if (entries[0]?.name !== 'BELENIOS') throw new Error('not a Belenios archive');
  const data = new Map<string, string>();
  const events: { hash: string; ev: Event }[] = [];
  for (const { name, text } of entries.slice(1)) {
    const m = /^([0-9a-f]{64})\.(data|event)\.json$/.exec(name);
    if (!m) throw new Error(`unexpected file ${name}`);
    if ((await sha256Hex(text)) !== m[1]) throw new Error(`${name}: content does not match its hash`);
    if (m[2] === 'data') data.set(m[1], text);
    else events.push({ hash: m[1], ev: JSON.parse(text) as Event });
  }
  const get = (h: string | undefined, what: string): string => {
    const t = h === undefined ? undefined : data.get(h);
    if (t === undefined) throw new Error(`missing ${what}`);
    return t;
  };
  const board: Board = { election: '', trustees: '', publicCredentials: '', ballots: [], partialDecryptions: [] };
  let prev: string | undefined;
  events.forEach(({ hash, ev }, i) => {
    if (ev.height !== i || ev.parent !== prev) throw new Error(`event ${i}: broken chain`);
    prev = hash;
    switch (ev.type) {
      case 'Setup': {
        const s = JSON.parse(get(ev.payload, 'setup data')) as { election: string; trustees: string; credentials: string };
        board.election = get(s.election, 'election');
        board.trustees = get(s.trustees, 'trustees');
        board.publicCredentials = get(s.credentials, 'public credentials');
        break;
      }
      case 'Ballot':
        board.ballots.push(get(ev.payload, 'ballot'));
        break;
      case 'EncryptedTally': {
        const s = JSON.parse(get(ev.payload, 'sized encrypted tally')) as { num_tallied: number; total_weight: number | string; encrypted_tally: string };
        board.encryptedTally = get(s.encrypted_tally, 'encrypted tally');
        board.numTallied = s.num_tallied;
        board.totalWeight = String(s.total_weight);
        break;
      }
      case 'PartialDecryption': {
        const o = JSON.parse(get(ev.payload, 'owned partial decryption')) as { owner: number; payload: string };
        board.partialDecryptions!.push({ owner: o.owner, text: get(o.payload, 'partial decryption') });
        break;
      }
      case 'Result':
        board.result = get(ev.payload, 'result');
        break;
      case 'EndBallots':
      case 'EndShuffles':
        break;
      default:
        throw new Error(`unsupported event ${ev.type}`);
    }
  });
  if (!board.election) throw new Error('no Setup event');
  return board;
}
