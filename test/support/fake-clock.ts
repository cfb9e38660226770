/**
 * A manual clock for `ChatSocket`'s injectable `clock` option: timers run only when the test
 * calls `advance()`, in due order, with `now()` set to each timer's due time while it runs.
 */
interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export class FakeClock {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  constructor(start = 1_000_000) {
    this.time = start;
  }

  readonly now = (): number => this.time;

  readonly setTimeout = (fn: () => void, ms: number): number => {
    const id = this.nextId++;
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    this.timers.set(id, { id, at: this.time + delay, fn });
    return id;
  };

  readonly clearTimeout = (handle: unknown): void => {
    if (typeof handle === 'number') this.timers.delete(handle);
  };

  /** Move time forward by `ms`, running every timer that falls due (including ones they set). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (let next = this.due(end); next; next = this.due(end)) {
      this.timers.delete(next.id);
      this.time = next.at;
      next.fn();
    }
    this.time = end;
  }

  /** Move the wall clock without running any timer (what a throttled background tab sees). */
  jump(ms: number): void {
    this.time += ms;
  }

  /** How many timers are scheduled. */
  pending(): number {
    return this.timers.size;
  }

  /** Milliseconds until the earliest scheduled timer, or undefined when there is none. */
  nextIn(): number | undefined {
    const next = this.due(Infinity);
    return next ? next.at - this.time : undefined;
  }

  private due(end: number): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.at <= end && (!best || timer.at < best.at || (timer.at === best.at && timer.id < best.id))) {
        best = timer;
      }
    }
    return best;
  }
}
