import { describe, expect, it } from 'vitest';
import { parseUnread, UnreadFeed, type UnreadEnvironment } from './unread-feed';

/** A fake stream the test pushes messages into and ends at will. */
function fakeEnvironment() {
  const streams: { push: (data: string) => void; end: () => void; fail: () => void; signal: AbortSignal }[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  const env: UnreadEnvironment = {
    openStream: (onUpdate, signal) =>
      new Promise<void>((resolve, reject) => {
        streams.push({ push: onUpdate, end: resolve, fail: () => reject(new Error('network')), signal });
      }),
    setTimer: (run, ms) => {
      timers.push({ run, ms });
      return timers.length - 1;
    },
    clearTimer: () => undefined,
    retryMs: 5000,
  };
  return { env, streams, timers };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('parseUnread', () => {
  it('reads the count and the latest notice, and skips anything else', () => {
    expect(parseUnread('{"unread":2,"latest":77}')).toEqual({ unread: 2, latest: 77 });
    expect(parseUnread('{"unread":-1,"latest":1}')).toBeNull();
    expect(parseUnread('{"unread":"2"}')).toBeNull();
    expect(parseUnread('not json')).toBeNull();
  });
});

describe('UnreadFeed', () => {
  it('reports each new count live and says when a notice arrived', () => {
    const { env, streams } = fakeEnvironment();
    const seen: [number, boolean][] = [];
    const feed = new UnreadFeed(env, (state, arrived) => seen.push([state.unread, arrived]));
    feed.start();
    expect(streams).toHaveLength(1);
    streams[0].push('{"unread":0,"latest":0}');
    streams[0].push('{"unread":1,"latest":10}');
    streams[0].push('{"unread":1,"latest":10}');
    streams[0].push('{"unread":0,"latest":10}');
    expect(seen).toEqual([
      [0, false],
      [1, true],
      [0, false],
    ]);
    feed.stop();
    expect(streams[0].signal.aborted).toBe(true);
  });

  it('opens the stream again after a pause when it ends or fails, and not after stop', async () => {
    const { env, streams, timers } = fakeEnvironment();
    const feed = new UnreadFeed(env, () => undefined);
    feed.start();
    streams[0].fail();
    await flush();
    expect(timers).toHaveLength(1);
    expect(timers[0].ms).toBe(5000);
    timers[0].run();
    expect(streams).toHaveLength(2);
    streams[1].end();
    await flush();
    expect(timers).toHaveLength(2);
    feed.stop();
    timers[1].run();
    expect(streams).toHaveLength(2);
  });
});
