import { describe, expect, it } from 'vitest';
import { EventStreamParser } from './sse';

describe('EventStreamParser', () => {
  it('reads named events, multi-line data, and skips comments', () => {
    const parser = new EventStreamParser();
    expect(parser.push(': heartbeat\n\nevent: update\ndata: {"a":1}\n\n')).toEqual([{ event: 'update', data: '{"a":1}' }]);
    expect(parser.push('data: one\ndata: two\n\n')).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });
  it('keeps a partial event across chunks, with \\r\\n split between them', () => {
    const parser = new EventStreamParser();
    expect(parser.push('event: upd')).toEqual([]);
    expect(parser.push('ate\r')).toEqual([]);
    expect(parser.push('\ndata:{"b":')).toEqual([]);
    expect(parser.push('2}\r\n\r\n')).toEqual([{ event: 'update', data: '{"b":2}' }]);
  });
  it('ignores an event without data and resets the name after each event', () => {
    const parser = new EventStreamParser();
    expect(parser.push('event: update\n\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x' }]);
  });
});
