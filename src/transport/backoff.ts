/**
 * Reconnect policy as data plus one pure function (partysocket `_getNextDelay`,
 * centrifuge-js full jitter). `ChatSocket` reads every default from `DEFAULTS`.
 */

/** Every reconnect and liveness setting, in milliseconds where it is a duration. */
export const DEFAULTS = {
  /** First backoff ceiling; it doubles on each attempt. */
  baseMs: 1000,
  /** The backoff ceiling never grows past this. */
  capMs: 30_000,
  /** Reconnect attempts after a drop before giving up (`offline`). */
  maxRetries: 5,
  /** Interval between heartbeat frames; silence for twice this means the socket is dead. `0` = off. */
  heartbeatMs: 30_000,
  /** A connection attempt that is not usable within this is abandoned and counts as failed. */
  connectTimeoutMs: 10_000,
  /** A connection that stays usable this long resets the attempt count (so does an answer on it). */
  stableAfterMs: 5_000,
  /** Messages the outbox holds while the connection is down. */
  outboxLimit: 200,
} as const;

/** The settings `nextDelay` reads. */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

/** The longest delay `setTimeout` honours (larger values fire at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;

const nonNegative = (value: number): number => (Number.isFinite(value) && value > 0 ? value : 0);

/**
 * Full-jitter backoff: a uniformly random delay in `[0, min(capMs, baseMs * 2 ** attempt))`.
 *
 * @param attempt 0 for the first retry, 1 for the second, …
 * @param opts `baseMs` and `capMs` (defaults from `DEFAULTS`).
 * @param random a `[0, 1)` source, injectable for tests.
 * @returns whole milliseconds; never negative or NaN, and never above what a timer can wait,
 *   whatever the inputs (a huge or non-finite `attempt` simply hits the cap).
 */
export function nextDelay(
  attempt: number,
  opts: BackoffOptions = DEFAULTS,
  random: () => number = Math.random,
): number {
  const base = nonNegative(opts.baseMs);
  const cap = Math.min(nonNegative(opts.capMs), MAX_TIMER_MS);
  if (base === 0 || cap === 0) return 0;
  // 2 ** 64 times any positive base is far past any cap, so the exponent never overflows.
  const exponent = Number.isNaN(attempt) || attempt < 0 ? 0 : Math.min(Math.floor(attempt), 64);
  const ceiling = Math.min(cap, base * 2 ** exponent);
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.min(Math.floor(unit * ceiling), Math.floor(cap));
}
