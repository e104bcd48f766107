// The one place the session page gets its data from: the server-sent events stream
// GET /api/v1/meetings/{id}/events (`event: update`, data = the Meeting, at most one a second)
// while the page is visible, GET /api/v1/meetings/{id} once at the start, and the meeting that
// every change answers with. When the stream fails, it polls every two seconds instead.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, isAbort, readEventStream } from '../../api';
import type { Meeting } from './bodies-types';

export const POLL_INTERVAL_MS = 2000;

export interface FeedState {
  meeting: Meeting | null;
  /** The last failed refresh; cleared by the next good one. The last meeting stays shown. */
  error: unknown;
}

export interface FeedEnvironment {
  fetchMeeting: (signal: AbortSignal) => Promise<Meeting>;
  isVisible: () => boolean;
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
  intervalMs?: number;
  /**
   * Opens the live stream: calls `onMeeting` for each update; settles when the stream ends
   * (resolves) or fails (rejects). Without it the feed only polls.
   */
  openStream?: (onMeeting: (meeting: unknown) => void, signal: AbortSignal) => Promise<void>;
}

/**
 * Polls while visible, one request at a time. Every applied change bumps a generation: an answer
 * to a request that started before the change is older than what the page shows and is dropped.
 */
export class MeetingFeed {
  private state: FeedState = { meeting: null, error: null };
  private generation = 0;
  private timer: unknown = null;
  private inFlight: AbortController | null = null;
  private stopped = true;
  private stream: AbortController | null = null;
  /** The stream failed once: polling from then on. */
  private streamFailed = false;

  constructor(
    private readonly env: FeedEnvironment,
    private readonly onChange: (state: FeedState) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.refresh();
    this.openStream();
  }

  stop(): void {
    this.stopped = true;
    this.clear();
    this.inFlight?.abort();
    this.inFlight = null;
    this.closeStream();
  }

  /** Whether updates come from the stream (no polling meanwhile). */
  get streaming(): boolean {
    return this.stream !== null;
  }

  /** Reads again and reopens the stream (e.g. in another language). */
  restart(): void {
    this.closeStream();
    this.refresh();
    this.openStream();
  }

  private openStream(): void {
    if (!this.env.openStream || this.streamFailed || this.stopped || this.stream || !this.env.isVisible()) return;
    const controller = new AbortController();
    this.stream = controller;
    this.clear();
    const ended = () => {
      if (this.stream !== controller || controller.signal.aborted) return;
      this.stream = null;
      // The stream broke (or the server ended it): poll instead, starting now.
      this.streamFailed = true;
      if (!this.inFlight) this.refresh();
    };
    this.env
      .openStream((meeting) => {
        if (this.stream !== controller || this.stopped || !isMeeting(meeting)) return;
        // Newer than any poll under way.
        this.generation += 1;
        this.inFlight?.abort();
        this.inFlight = null;
        this.publish({ meeting, error: null });
      }, controller.signal)
      .then(ended, ended);
  }

  private closeStream(): void {
    this.stream?.abort();
    this.stream = null;
  }

  /** Shows a meeting that a change answered with, newer than any refresh under way. */
  apply(meeting: Meeting): void {
    // An answer that is not a whole session (the API changed shape) must not blank the page.
    if (!isMeeting(meeting)) {
      this.refresh();
      return;
    }
    this.generation += 1;
    this.inFlight?.abort();
    this.inFlight = null;
    this.publish({ meeting, error: null });
    this.schedule();
  }

  /**
   * A change answered with less than the whole session (a vote receipt): shows what is known
   * at once and fetches the server's view right after.
   */
  amend(change: (meeting: Meeting) => Meeting): void {
    if (this.state.meeting) this.apply(change(this.state.meeting));
    this.refresh();
  }

  /** Fetches now (e.g. after the page became visible or the language changed). */
  refresh(): void {
    if (this.stopped) return;
    this.clear();
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const started = this.generation;
    this.env
      .fetchMeeting(controller.signal)
      .then((meeting) => {
        if (this.stopped || controller.signal.aborted || started !== this.generation) return;
        this.publish({ meeting, error: null });
      })
      .catch((error) => {
        if (this.stopped || isAbort(error) || controller.signal.aborted || started !== this.generation) return;
        this.publish({ meeting: this.state.meeting, error });
      })
      .finally(() => {
        if (this.inFlight !== controller) return;
        this.inFlight = null;
        this.schedule();
      });
  }

  /** Call on visibilitychange: hidden pages do not poll, a page shown again refreshes at once. */
  visibilityChanged(): void {
    if (this.env.isVisible()) {
      if (!this.inFlight) this.refresh();
      this.openStream();
    } else {
      this.clear();
      this.closeStream();
    }
  }

  get current(): FeedState {
    return this.state;
  }

  private schedule(): void {
    this.clear();
    if (this.stopped || this.stream || !this.env.isVisible()) return;
    this.timer = this.env.setTimer(() => {
      this.timer = null;
      this.refresh();
    }, this.env.intervalMs ?? POLL_INTERVAL_MS);
  }

  private clear(): void {
    if (this.timer !== null) this.env.clearTimer(this.timer);
    this.timer = null;
  }

  private publish(state: FeedState): void {
    // Answers can overtake each other (two attendance marks in flight, a stream message sent
    // before a change's own answer arrives): a session older than the one shown is dropped,
    // or the page would show a quorum the server no longer has, with nothing left to correct it.
    if (state.meeting && this.state.meeting && isOlder(state.meeting, this.state.meeting)) return;
    this.state = state;
    this.onChange(state);
  }
}

/** Whether `a` is an older state of the session than `b` (by the institution's data version). */
export function isOlder(a: Meeting, b: Meeting): boolean {
  return typeof a.version === 'number' && typeof b.version === 'number' && a.version < b.version;
}

export function isMeeting(value: unknown): value is Meeting {
  const m = value as Meeting | null;
  return !!m && typeof m === 'object' && Array.isArray(m.items) && Array.isArray(m.attendance) && !!m.quorum;
}

export interface MeetingData extends FeedState {
  /** Show the meeting a change answered with. */
  apply: (meeting: Meeting) => void;
  /** Show a change known only in part (e.g. a vote receipt), then refetch. */
  amend: (change: (meeting: Meeting) => Meeting) => void;
  refresh: () => void;
}

/** The session with live updates; `refreshKey` (e.g. the UI language) forces a refetch. */
export function useMeeting(id: string, refreshKey?: unknown): MeetingData {
  const [state, setState] = useState<FeedState>({ meeting: null, error: null });
  const feed = useRef<MeetingFeed | null>(null);

  useEffect(() => {
    setState({ meeting: null, error: null });
    const path = `/api/v1/meetings/${encodeURIComponent(id)}`;
    const current = new MeetingFeed(
      {
        fetchMeeting: (signal) => api.get<Meeting>(path, { signal }),
        isVisible: () => document.visibilityState !== 'hidden',
        setTimer: (run, ms) => window.setTimeout(run, ms),
        clearTimer: (timer) => window.clearTimeout(timer as number),
        openStream: (onMeeting, signal) =>
          readEventStream(
            `${path}/events`,
            (event) => {
              if (event.event !== 'update') return;
              try {
                onMeeting(JSON.parse(event.data));
              } catch {
                // A broken message is skipped; the next one carries the whole session again.
              }
            },
            signal,
          ),
      },
      setState,
    );
    feed.current = current;
    const onVisibility = () => current.visibilityChanged();
    document.addEventListener('visibilitychange', onVisibility);
    current.start();
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      current.stop();
      feed.current = null;
    };
  }, [id]);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    feed.current?.restart();
  }, [refreshKey]);

  return useMemo(
    () => ({
      ...state,
      apply: (meeting: Meeting) => feed.current?.apply(meeting),
      amend: (change: (meeting: Meeting) => Meeting) => feed.current?.amend(change),
      refresh: () => feed.current?.refresh(),
    }),
    [state],
  );
}
