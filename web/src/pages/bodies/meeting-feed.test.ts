import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Meeting } from './bodies-types';
import { MeetingFeed, POLL_INTERVAL_MS, type FeedState } from './meeting-feed';

const meeting = (version: number): Meeting => ({
  id: 1,
  body_id: 2,
  number: version,
  academic_year: '2026-2027',
  held_on: '2026-11-22',
  place: '204',
  status: 'open',
  quorum: { met: false, present: 0, base: 7, needed: 5, rule: 'MTG-3', explanation: '' },
  attendance: [],
  items: [],
});

interface Pending {
  resolve: (m: Meeting) => void;
  reject: (e: unknown) => void;
  signal: AbortSignal;
}

function setUp() {
  const pending: Pending[] = [];
  const states: FeedState[] = [];
  let visible = true;
  const feed = new MeetingFeed(
    {
      fetchMeeting: (signal) => new Promise<Meeting>((resolve, reject) => pending.push({ resolve, reject, signal })),
      isVisible: () => visible,
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    },
    (state) => states.push(state),
  );
  return {
    feed,
    pending,
    states,
    setVisible: (value: boolean) => {
      visible = value;
      feed.visibilityChanged();
    },
  };
}

const flush = () => new Promise<void>((resolve) => queueMicrotask(() => queueMicrotask(() => queueMicrotask(resolve))));

describe('the session feed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fetches at once, then every two seconds, one request at a time', async () => {
    const { feed, pending, states } = setUp();
    feed.start();
    expect(pending).toHaveLength(1);
    vi.advanceTimersByTime(POLL_INTERVAL_MS * 3);
    expect(pending).toHaveLength(1); // no pile-up while the first is unanswered
    pending[0].resolve(meeting(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)?.meeting?.number).toBe(1);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS - 1);
    expect(pending).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending).toHaveLength(2);
    feed.stop();
  });

  it('drops a refresh that started before a change was applied', async () => {
    const { feed, pending, states } = setUp();
    feed.start();
    pending[0].resolve(meeting(1));
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(pending).toHaveLength(2);
    feed.apply(meeting(3)); // e.g. the answer of PUT /attendance
    expect(pending[1].signal.aborted).toBe(true);
    pending[1].resolve(meeting(2)); // the old state arrives late
    await flush();
    expect(states.at(-1)?.meeting?.number).toBe(3);
    expect(feed.current.meeting?.number).toBe(3);
    // polling goes on after the change
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(pending).toHaveLength(3);
    feed.stop();
  });

  it('an answer that overtook a newer one is dropped (two attendance marks in flight)', async () => {
    const { feed, pending, states } = setUp();
    feed.start();
    pending[0].resolve({ ...meeting(1), version: 10 });
    await flush();
    feed.apply({ ...meeting(3), version: 12 }); // the second mark's answer came first
    feed.apply({ ...meeting(2), version: 11 }); // the first mark's answer, late
    expect(feed.current.meeting?.number).toBe(3);
    expect(states.at(-1)?.meeting?.number).toBe(3);
    feed.apply({ ...meeting(4), version: 12 }); // same version (e.g. read again in another language)
    expect(feed.current.meeting?.number).toBe(4);
    feed.stop();
  });

  it('keeps the last meeting on a failed refresh, reports it, and recovers', async () => {
    const { feed, pending, states } = setUp();
    feed.start();
    pending[0].resolve(meeting(1));
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    pending[1].reject(new Error('offline'));
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toMatchObject({ meeting: { number: 1 }, error: expect.any(Error) });
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    pending[2].resolve(meeting(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toEqual({ meeting: meeting(2), error: null });
    feed.stop();
  });

  it('does not poll while the page is hidden and refreshes as soon as it is shown', async () => {
    const { feed, pending, setVisible } = setUp();
    feed.start();
    pending[0].resolve(meeting(1));
    await vi.advanceTimersByTimeAsync(0);
    setVisible(false);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 10);
    expect(pending).toHaveLength(1);
    setVisible(true);
    expect(pending).toHaveLength(2);
    feed.stop();
  });

  it('stops for good: no timers, the request in flight aborted, late answers ignored', async () => {
    const { feed, pending, states } = setUp();
    feed.start();
    feed.stop();
    expect(pending[0].signal.aborted).toBe(true);
    pending[0].resolve(meeting(1));
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 5);
    expect(states).toEqual([]);
    expect(pending).toHaveLength(1);
  });

  it('a partial answer (a vote receipt) shows at once and is followed by a fresh read', async () => {
    const { feed, pending, states } = setUp();
    feed.start();
    pending[0].resolve(meeting(1));
    await vi.advanceTimersByTimeAsync(0);
    feed.amend((current) => ({ ...current, place: 'amended' }));
    expect(states.at(-1)?.meeting?.place).toBe('amended');
    expect(pending).toHaveLength(2); // refetched at once, not after two seconds
    pending[1].resolve(meeting(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)?.meeting).toEqual(meeting(2));
    feed.stop();
  });

  it('something that is not a session is never shown; the page reads the session instead', async () => {
    const { feed, pending, states } = setUp();
    feed.start();
    pending[0].resolve(meeting(1));
    await vi.advanceTimersByTimeAsync(0);
    feed.apply({ item_id: 5, recorded: true } as unknown as Meeting);
    expect(states.at(-1)?.meeting).toEqual(meeting(1));
    expect(pending).toHaveLength(2);
    feed.stop();
  });
});

describe('the session feed with a live stream', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function withStream() {
    const pending: Pending[] = [];
    const states: FeedState[] = [];
    const streams: { push: (m: unknown) => void; end: () => void; fail: (e: unknown) => void; signal: AbortSignal }[] = [];
    let visible = true;
    const feed = new MeetingFeed(
      {
        fetchMeeting: (signal) => new Promise<Meeting>((resolve, reject) => pending.push({ resolve, reject, signal })),
        isVisible: () => visible,
        setTimer: (run, ms) => setTimeout(run, ms),
        clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
        openStream: (onMeeting, signal) =>
          new Promise<void>((resolve, reject) => streams.push({ push: onMeeting, end: resolve, fail: reject, signal })),
      },
      (state) => states.push(state),
    );
    return {
      feed,
      pending,
      states,
      streams,
      setVisible: (value: boolean) => {
        visible = value;
        feed.visibilityChanged();
      },
    };
  }

  it('reads once, then takes the stream and does not poll while it lives', async () => {
    const { feed, pending, states, streams } = withStream();
    feed.start();
    expect(pending).toHaveLength(1);
    expect(streams).toHaveLength(1);
    expect(feed.streaming).toBe(true);
    pending[0].resolve(meeting(1));
    await flush();
    vi.advanceTimersByTime(POLL_INTERVAL_MS * 5);
    expect(pending).toHaveLength(1);
    streams[0].push(meeting(2));
    expect(states.at(-1)?.meeting?.number).toBe(2);
    streams[0].push({ not: 'a meeting' });
    expect(states.at(-1)?.meeting?.number).toBe(2);
  });

  it('a stream update wins over a poll answer that started before it', async () => {
    const { feed, pending, states, streams } = withStream();
    feed.start();
    streams[0].push(meeting(5));
    expect(pending[0].signal.aborted).toBe(true);
    pending[0].resolve(meeting(4));
    await flush();
    expect(states.at(-1)?.meeting?.number).toBe(5);
  });

  it('a change\'s own answer that arrives after a newer stream message does not undo it', async () => {
    const { feed, streams } = withStream();
    feed.start();
    streams[0].push({ ...meeting(7), version: 20 });
    feed.apply({ ...meeting(6), version: 19 });
    expect(feed.current.meeting?.number).toBe(7);
    streams[0].push({ ...meeting(5), version: 18 });
    expect(feed.current.meeting?.number).toBe(7);
    feed.stop();
  });

  it('falls back to polling when the stream fails, and does not reopen it', async () => {
    const { feed, pending, states, streams, setVisible } = withStream();
    feed.start();
    pending[0].resolve(meeting(1));
    await flush();
    streams[0].fail(new Error('network'));
    await flush();
    expect(feed.streaming).toBe(false);
    expect(pending).toHaveLength(2); // polls at once
    pending[1].resolve(meeting(2));
    await flush();
    vi.advanceTimersByTime(POLL_INTERVAL_MS);
    expect(pending).toHaveLength(3);
    expect(states.at(-1)?.meeting?.number).toBe(2);
    setVisible(false);
    setVisible(true);
    expect(streams).toHaveLength(1);
  });

  it('closes the stream while hidden and on stop, reopens it when shown or restarted', async () => {
    const { feed, streams, setVisible } = withStream();
    feed.start();
    setVisible(false);
    expect(streams[0].signal.aborted).toBe(true);
    expect(feed.streaming).toBe(false);
    setVisible(true);
    expect(streams).toHaveLength(2);
    feed.restart();
    expect(streams[1].signal.aborted).toBe(true);
    expect(streams).toHaveLength(3);
    feed.stop();
    expect(streams[2].signal.aborted).toBe(true);
    // An aborted stream settling later does not switch to polling.
    streams[2].fail(new DOMException('aborted', 'AbortError'));
    await flush();
    expect(feed.streaming).toBe(false);
  });
});
