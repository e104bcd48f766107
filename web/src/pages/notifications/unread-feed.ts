// The bell's unread count, live: GET /api/v1/me/notifications/events sends `event: update` with
// {"unread": n, "latest": id} at once and whenever a notice arrives or is read. When the stream
// ends or fails (a restart, a proxy timeout), it is opened again after a pause.
export interface UnreadState {
  unread: number;
  latest: number;
}

export interface UnreadEnvironment {
  /** Calls `onUpdate` with each message's data; settles when the stream ends or fails. */
  openStream: (onUpdate: (data: string) => void, signal: AbortSignal) => Promise<void>;
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
  retryMs?: number;
}

export const RETRY_MS = 5000;

/** The count from one message; null when it is not one (a broken message is skipped). */
export function parseUnread(data: string): UnreadState | null {
  try {
    const value = JSON.parse(data) as Partial<UnreadState>;
    if (typeof value.unread !== 'number' || typeof value.latest !== 'number' || value.unread < 0) return null;
    return { unread: value.unread, latest: value.latest };
  } catch {
    return null;
  }
}

export class UnreadFeed {
  private controller: AbortController | null = null;
  private timer: unknown = null;
  private stopped = true;
  private last: UnreadState | null = null;

  /**
   * `onChange` gets every new count; `arrived` is true when a notice came in since the last
   * message (not for the first message, nor when one was only read).
   */
  constructor(
    private readonly env: UnreadEnvironment,
    private readonly onChange: (state: UnreadState, arrived: boolean) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.env.clearTimer(this.timer);
    this.timer = null;
    this.controller?.abort();
    this.controller = null;
  }

  private open(): void {
    if (this.stopped || this.controller) return;
    const controller = new AbortController();
    this.controller = controller;
    const settled = () => {
      if (this.controller !== controller) return;
      this.controller = null;
      if (this.stopped) return;
      this.timer = this.env.setTimer(() => {
        this.timer = null;
        this.open();
      }, this.env.retryMs ?? RETRY_MS);
    };
    this.env
      .openStream((data) => {
        if (this.controller !== controller) return;
        const state = parseUnread(data);
        if (!state) return;
        const arrived = this.last !== null && state.latest !== this.last.latest;
        if (this.last && state.unread === this.last.unread && !arrived) return;
        this.last = state;
        this.onChange(state, arrived);
      }, controller.signal)
      .then(settled, settled);
  }
}
