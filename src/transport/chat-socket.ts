// One class over 400 lines on purpose: the connection's state machine (attempts, backoff,
// close-code policy, liveness deadlines, online/offline/visibility) shares its state and timers
// at every step, and splitting it would scatter that one machine. Most of the length is its
// documentation and typed event plumbing.
import { DEFAULTS, nextDelay } from './backoff.js';
import { Status, type StatusDetail } from './status.js';
import { realClock, type Clock } from './clock.js';
import { redactUrl } from './redact-url.js';

/** Where and how to connect; produced afresh before every (re)connect. */
export interface ConnectTarget {
  /** The WebSocket URL (may carry a token in its query: it never appears in any event). */
  url: string;
  /** `Sec-WebSocket-Protocol` values (the `protocol` auth style puts the token here). */
  protocols?: string[];
  /** Frames sent right after open, before anything else (e.g. an auth frame). */
  firstFrames?: string[];
}

/** Where `online` / `offline` (on it) and `visibilitychange` (on its `document`) come from. */
export type SocketEnvironment = EventTarget & {
  navigator?: { onLine: boolean };
  document?: EventTarget & { visibilityState?: string };
};

export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

export interface ChatSocketOptions {
  /**
   * Called before EVERY (re)connect (a token provider lives behind it). If it throws or
   * rejects, an `error` event (`target-failed`) is emitted and the attempt counts as failed.
   */
  target: () => ConnectTarget | Promise<ConnectTarget>;
  /** Reconnect attempts after a drop before `offline` (default 5; 0 = `offline` right after a drop). */
  maxRetries?: number;
  /**
   * Heartbeat interval (default 30 s; 0 turns heartbeats and liveness off). `heartbeat` is called
   * this often while usable, and liveness deadlines are two of these.
   */
  heartbeatMs?: number;
  /**
   * `heartbeat` (default): the server answers heartbeats, so any silence of two intervals means a
   * dead socket. `expected`: the server may rightly be quiet, so silence counts only while traffic
   * is expected (`expect(true)`: something written awaits its answer, a reply is under way).
   */
  liveness?: 'heartbeat' | 'expected';
  /** An attempt not usable within this is abandoned and counts as failed (default 10 s). */
  connectTimeoutMs?: number;
  /** A connection usable this long resets the attempt count (default 5 s). */
  stableAfterMs?: number;
  /** Backoff base (default 1 s). */
  baseMs?: number;
  /** Backoff cap (default 30 s). */
  capMs?: number;
  /**
   * Default true. False: after open the socket is not `connected` (and `write()` refuses) until
   * `ready()` is called (in-band auth).
   */
  readyOnOpen?: boolean;
  /** Called every `heartbeatMs` while usable (the caller writes its heartbeat frame, if any). */
  heartbeat?: () => void;
  /**
   * Called with every frame that arrives, as it came. A callback, not an event: a reply can be
   * thousands of frames, and an event object for each cost more than reading them.
   */
  onFrame: (data: FrameData) => void;
  /** Close codes that mean the credentials were refused: status `unauthorized`, no retry. */
  unauthorizedCodes?: readonly number[];
  /** Close codes that end the conversation: status `offline`, no retry. */
  finalCodes?: readonly number[];
  /** Default `globalThis.WebSocket`. */
  WebSocket?: WebSocketConstructor;
  /** Default real timers and `Date.now`. */
  clock?: Clock;
  /** Default `Math.random` (backoff jitter). */
  random?: () => number;
  /** Default `window`. */
  environment?: SocketEnvironment;
}

/** Detail of the `error` event. Never contains a token or a URL's query string. */
export interface ChatSocketErrorDetail {
  /** `connect-timeout`, `target-failed`, `socket-failed` or `send-failed`. */
  code: string;
  message: string;
}

/** Raw frame data, never parsed: text, or binary as an `ArrayBuffer`. */
export type FrameData = string | ArrayBuffer;

/**
 * Events a `ChatSocket` dispatches (none bubbles; it is not in the DOM):
 * - `status` — every status change, and every new `attempt`/`retryInMs` while `reconnecting`.
 * - `frame` — a frame arrived; `detail` is the raw `MessageEvent.data`.
 * - `open` — a new connection is usable (after open, or after `ready()` when `readyOnOpen` is
 *   false): the caller writes what waits for it from here.
 * - `error` — a transport problem worth reporting.
 */
export interface ChatSocketEventMap {
  status: CustomEvent<StatusDetail>;
  open: Event;
  error: CustomEvent<ChatSocketErrorDetail>;
}

/** Why the socket is `offline`: decides whether an `online` event brings it back. */
type OfflineCause = 'network' | 'exhausted' | 'final';

const OPEN = 1;
const NORMAL_CLOSURE = 1000;
/** The code this side closes with when it gives up on a socket (connect or heartbeat timeout). */
const ABANDON_CODE = 4000;

const defaultEnvironment = (): SocketEnvironment | undefined =>
  typeof window === 'undefined' ? undefined : window;

/**
 * One logical chat connection over a sequence of WebSockets: connect, backoff with full
 * jitter, close-code policy, heartbeat timer with a wall-clock liveness deadline, and
 * online/offline/visibility handling. No Lit, no parsing, no outbox: frames go out as strings
 * (`write()` says whether one went out) and come in raw; what to write and what counts as
 * delivered is the session's business. After `maxRetries` failed attempts the status says
 * `offline`, but it keeps trying at the backoff cap while the browser is online (a hidden page
 * waits until it is visible). Every timer lives in a named field and `close()` clears them all in
 * one place.
 *
 * @fires status - `CustomEvent<StatusDetail>`
 * @fires open - `Event`
 * @fires error - `CustomEvent<{ code: string; message: string }>`
 */
export class ChatSocket extends EventTarget {
  private readonly getTarget: ChatSocketOptions['target'];
  private readonly maxRetries: number;
  private readonly heartbeatMs: number;
  private readonly connectTimeoutMs: number;
  private readonly stableAfterMs: number;
  private readonly backoff: { baseMs: number; capMs: number };
  private readonly liveness: 'heartbeat' | 'expected';
  private readonly readyOnOpen: boolean;
  private readonly onHeartbeatDue: (() => void) | undefined;
  private readonly onFrame: (data: FrameData) => void;
  private readonly unauthorizedCodes: readonly number[];
  private readonly finalCodes: readonly number[];
  private readonly WebSocketImpl: WebSocketConstructor | undefined;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly environment: SocketEnvironment | undefined;

  private _status: Status = Status.idle;
  private _attempt = 0;
  private offlineCause: OfflineCause | undefined;
  private ws: WebSocket | null = null;
  /** Bumped whenever an attempt is abandoned, so a late `target()` result is dropped. */
  private generation = 0;
  /** An attempt (target() pending or socket not yet usable) is under way. */
  private attempting = false;
  private live = false;
  /** When the current connection became usable; undefined while there is none. */
  private usableSince: number | undefined;
  private lastReceivedAt = 0;
  /** `expect(true)` since this time (wall clock); undefined while nothing is expected. */
  private expectingSince: number | undefined;
  private listening = false;

  // Every timer, each in its own field; `clearTimers()` clears them all.
  private retryTimer: unknown;
  private connectTimer: unknown;
  private heartbeatTimer: unknown;
  private deadlineTimer: unknown;
  private stableTimer: unknown;

  constructor(options: ChatSocketOptions) {
    super();
    this.getTarget = options.target;
    this.maxRetries = Math.max(0, options.maxRetries ?? DEFAULTS.maxRetries);
    this.heartbeatMs = Math.max(0, options.heartbeatMs ?? DEFAULTS.heartbeatMs);
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs;
    this.stableAfterMs = options.stableAfterMs ?? DEFAULTS.stableAfterMs;
    this.backoff = { baseMs: options.baseMs ?? DEFAULTS.baseMs, capMs: options.capMs ?? DEFAULTS.capMs };
    this.liveness = options.liveness ?? 'heartbeat';
    this.readyOnOpen = options.readyOnOpen ?? true;
    this.onHeartbeatDue = options.heartbeat;
    this.onFrame = options.onFrame;
    this.unauthorizedCodes = options.unauthorizedCodes ?? [];
    this.finalCodes = options.finalCodes ?? [];
    this.WebSocketImpl = options.WebSocket;
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.environment = 'environment' in options ? options.environment : defaultEnvironment();
  }

  /** The current connection status. */
  get status(): Status {
    return this._status;
  }

  /** Whether a connection is usable now (open, and ready where there is a handshake). */
  get usable(): boolean {
    return this.isUsable();
  }

  /** The 1-based number of the current or upcoming reconnect attempt; 0 on a fresh start. */
  get attempt(): number {
    return this._attempt;
  }

  override addEventListener<K extends keyof ChatSocketEventMap>(
    type: K,
    listener: ((this: ChatSocket, event: ChatSocketEventMap[K]) => void) | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(type, listener, options);
  }

  override removeEventListener<K extends keyof ChatSocketEventMap>(
    type: K,
    listener: ((this: ChatSocket, event: ChatSocketEventMap[K]) => void) | null,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void {
    super.removeEventListener(type, listener, options);
  }

  /** Typed subscription; returns the function that unsubscribes. */
  on<K extends keyof ChatSocketEventMap>(
    type: K,
    listener: (event: ChatSocketEventMap[K]) => void,
  ): () => void {
    const wrapped = (event: Event): void => listener(event as ChatSocketEventMap[K]);
    super.addEventListener(type, wrapped);
    return () => super.removeEventListener(type, wrapped);
  }

  /**
   * Start, or start again at once with a reset attempt count when closed, `offline`,
   * `unauthorized` or waiting to reconnect. A no-op while connecting or connected (an attempt
   * made quietly while `offline` is replaced by a fresh one).
   */
  connect(): void {
    if (this.live || (this.attempting && this._status !== Status.offline)) return;
    this.start();
  }

  /** Drop the current socket (if any) and connect again at once with a fresh `target()`. */
  reconnect(): void {
    this.start();
  }

  /**
   * Stop for good: status `idle`, every timer cleared, environment listeners removed, the
   * socket closed with 1000, no retry. Idempotent.
   */
  close(): void {
    this.stopListening();
    this.abandonSocket(NORMAL_CLOSURE, 'closed');
    this.clearTimers();
    this._attempt = 0;
    this.usableSince = undefined;
    this.offlineCause = undefined;
    this.setStatus(Status.idle);
  }

  /**
   * Writes a frame if the connection is usable. Returns whether it went out. A write that throws
   * means the socket is broken: an `error` (`send-failed`) is reported and the socket is replaced
   * as after a drop (what the caller could not write stays the caller's to write again).
   */
  write(frame: string): boolean {
    return this.isUsable() && this.writeFrame(frame);
  }

  /**
   * Fire and forget (typing indicators, handshake frames such as a join): sent only if the
   * socket is open — before `ready()` too. Returns whether it went out.
   */
  sendNow(frame: string): boolean {
    return this.ws?.readyState === OPEN && this.writeFrame(frame);
  }

  /**
   * Liveness `expected`: whether traffic is expected now (a written message awaits its answer, a
   * reply is under way). While it is, no frame for two heartbeat intervals means the socket is dead.
   */
  expect(expecting: boolean): void {
    if (expecting === (this.expectingSince !== undefined)) return;
    this.expectingSince = expecting ? this.clock.now() : undefined;
    if (this.live) this.checkDeadline();
  }

  /**
   * The server answered something written on this connection: it works, so the attempt count
   * starts afresh (a flapping link that is usable for moments still resets it).
   */
  proven(): void {
    if (!this.live) return;
    this._attempt = 0;
  }

  /** Mark an in-band handshake done (`readyOnOpen: false`): status `connected`, then `open`. */
  ready(): void {
    if (!this.live && this.ws?.readyState === OPEN) this.becomeUsable();
  }

  // ---------------------------------------------------------------- connection lifecycle

  /** A fresh start: reset the count, drop whatever is there, attempt now (or go offline). */
  private start(): void {
    this.abandonSocket(NORMAL_CLOSURE, 'reconnect');
    this.clearTimers();
    this._attempt = 0;
    this.usableSince = undefined;
    this.offlineCause = undefined;
    this.startListening();
    if (this.environment?.navigator?.onLine === false) {
      this.goOffline('network');
      return;
    }
    this.attemptNow();
  }

  /** Run attempt number `this._attempt` (0 = a fresh start) now. */
  private attemptNow(): void {
    this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.attempting = true;
    const generation = ++this.generation;
    this.connectTimer = this.clock.setTimeout(() => this.onConnectTimeout(), this.connectTimeoutMs);
    // Retries past `maxRetries` are made quietly: the status stays `offline` until one works.
    if (this._status === Status.offline && this.offlineCause === 'exhausted') {
      // (no status change)
    } else if (this._attempt === 0) this.setStatus(Status.connecting);
    else this.setStatus(Status.reconnecting, { attempt: this._attempt });
    // A status listener may have called close() or reconnect(): then this attempt is void.
    if (generation !== this.generation) return;
    let target: ConnectTarget | Promise<ConnectTarget>;
    try {
      target = this.getTarget();
    } catch (error) {
      this.onTargetFailed(error);
      return;
    }
    if (!isPromiseLike(target)) {
      this.openSocket(target);
      return;
    }
    target.then(
      (resolved) => {
        if (generation === this.generation) this.openSocket(resolved);
      },
      (error: unknown) => {
        if (generation === this.generation) this.onTargetFailed(error);
      },
    );
  }

  private onTargetFailed(error: unknown): void {
    // The provider's own message may contain the token: report only the error's kind.
    const kind = error instanceof Error ? ` (${error.name})` : '';
    this.emitError('target-failed', `Could not get the connection target${kind}`);
    this.failAttempt();
  }

  private openSocket(target: ConnectTarget): void {
    const Impl = this.WebSocketImpl ?? globalThis.WebSocket;
    let ws: WebSocket;
    try {
      ws = target.protocols?.length ? new Impl(target.url, target.protocols) : new Impl(target.url);
    } catch (error) {
      const kind = error instanceof Error ? ` (${error.name})` : '';
      this.emitError('socket-failed', `Could not open a WebSocket to ${redactUrl(target.url)}${kind}`);
      this.failAttempt();
      return;
    }
    this.ws = ws;
    ws.binaryType = 'arraybuffer';
    const firstFrames = target.firstFrames ?? [];
    ws.onopen = () => {
      if (ws !== this.ws) return;
      this.lastReceivedAt = this.clock.now();
      for (const frame of firstFrames) {
        if (ws !== this.ws || !this.writeFrame(frame)) return;
      }
      if (this.readyOnOpen && ws === this.ws) this.becomeUsable();
    };
    ws.onmessage = (event: MessageEvent) => {
      if (ws !== this.ws) return;
      this.lastReceivedAt = this.clock.now();
      this.onFrame(event.data as FrameData);
    };
    ws.onclose = (event: CloseEvent) => {
      if (ws !== this.ws) return;
      this.detach(ws);
      this.ws = null;
      this.dropped(event.code, event.reason);
    };
    // An error event is always followed by a close event, and says nothing more: not handled.
  }

  private becomeUsable(): void {
    const ws = this.ws;
    this.clock.clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    this.attempting = false;
    this.live = true;
    const now = this.clock.now();
    this.usableSince = now;
    this.lastReceivedAt = now;
    if (this.expectingSince !== undefined) this.expectingSince = now;
    this.offlineCause = undefined;
    // Timers first, events last: a listener may call close(), which must find every timer.
    this.stableTimer = this.clock.setTimeout(() => {
      this.stableTimer = undefined;
      this._attempt = 0;
    }, this.stableAfterMs);
    if (this.heartbeatMs > 0) {
      if (this.onHeartbeatDue)
        this.heartbeatTimer = this.clock.setTimeout(() => this.onHeartbeat(), this.heartbeatMs);
      this.armDeadline(now);
    }
    this.setStatus(Status.connected);
    if (ws !== this.ws || !this.live) return;
    this.dispatchEvent(new Event('open'));
  }

  private onConnectTimeout(): void {
    this.connectTimer = undefined;
    this.emitError('connect-timeout', `No usable connection within ${this.connectTimeoutMs} ms`);
    this.failAttempt('connect timeout');
  }

  /** An attempt failed before the connection became usable. */
  private failAttempt(reason = 'connect failed'): void {
    this.abandonSocket(ABANDON_CODE, reason);
    this.dropped(undefined, undefined);
  }

  /** The connection (or an attempt) ended without close() being called: apply the policy. */
  private dropped(code: number | undefined, reason: string | undefined): void {
    // Wall clock, not only the stable timer: a throttled background timer may not have run yet.
    const wasStable =
      this.usableSince !== undefined && this.clock.now() - this.usableSince >= this.stableAfterMs;
    this.usableSince = undefined;
    this.live = false;
    this.attempting = false;
    this.clearTimers();
    if (wasStable) this._attempt = 0;
    const cause = code === undefined ? {} : { code, reason: reason ?? '' };
    if (code !== undefined && this.unauthorizedCodes.includes(code)) {
      this.setStatus(Status.unauthorized, cause);
    } else if (code !== undefined && this.finalCodes.includes(code)) {
      this.goOffline('final', cause);
    } else if (this.environment?.navigator?.onLine === false) {
      this.goOffline('network', cause);
    } else if (this._attempt >= this.maxRetries) {
      // Out of retries: say `offline` (a Retry is offered) but keep trying at the cap.
      this.goOffline('exhausted', cause);
      this._attempt = Math.max(this._attempt, this.maxRetries);
      this.scheduleQuietRetry();
    } else {
      const retryInMs = nextDelay(this._attempt, this.backoff, this.random);
      this._attempt++;
      this.retryTimer = this.clock.setTimeout(() => {
        this.retryTimer = undefined;
        this.attemptNow();
      }, retryInMs);
      this.setStatus(Status.reconnecting, { attempt: this._attempt, retryInMs, ...cause });
    }
  }

  /**
   * `offline` after `maxRetries`: one more attempt after a full-jitter delay at the cap, while the
   * browser is online and the page visible (a hidden page waits for `visibilitychange`).
   */
  private scheduleQuietRetry(): void {
    if (this.environment?.navigator?.onLine === false || this.hidden()) return;
    const retryInMs = nextDelay(Infinity, this.backoff, this.random);
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      this._attempt++;
      this.attemptNow();
    }, retryInMs);
  }

  private hidden(): boolean {
    return this.environment?.document?.visibilityState === 'hidden';
  }

  private goOffline(cause: OfflineCause, detail: { code?: number; reason?: string } = {}): void {
    this.offlineCause = cause;
    this.setStatus(Status.offline, detail);
  }

  /** Detach and close the current socket (if any) and abandon any attempt in flight. */
  private abandonSocket(code: number, reason: string): void {
    this.generation++;
    this.attempting = false;
    this.live = false; // `usableSince` stays: `dropped()` may still need it
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    this.detach(ws);
    try {
      ws.close(code, reason);
    } catch {
      // Already closed, or a code the implementation refuses: the socket is gone either way.
    }
  }

  private detach(ws: WebSocket): void {
    ws.onopen = null;
    ws.onmessage = null;
    ws.onclose = null;
    ws.onerror = null;
  }

  /** The one place every timer is cleared. */
  private clearTimers(): void {
    this.clock.clearTimeout(this.retryTimer);
    this.clock.clearTimeout(this.connectTimer);
    this.clock.clearTimeout(this.heartbeatTimer);
    this.clock.clearTimeout(this.deadlineTimer);
    this.clock.clearTimeout(this.stableTimer);
    this.retryTimer = undefined;
    this.connectTimer = undefined;
    this.heartbeatTimer = undefined;
    this.deadlineTimer = undefined;
    this.stableTimer = undefined;
  }

  // ---------------------------------------------------------------- liveness

  private onHeartbeat(): void {
    this.heartbeatTimer = undefined;
    if (!this.live || this.checkDeadline()) return;
    this.onHeartbeatDue?.();
    if (this.live) this.heartbeatTimer = this.clock.setTimeout(() => this.onHeartbeat(), this.heartbeatMs);
  }

  /**
   * When the socket counts as dead, or undefined when nothing is awaited: two heartbeat intervals
   * after the last frame received (`heartbeat` liveness), or after the later of that and the moment
   * traffic became expected (`expected` liveness, only while it is).
   */
  private deadline(): number | undefined {
    if (this.heartbeatMs <= 0) return undefined;
    if (this.liveness === 'heartbeat') return this.lastReceivedAt + 2 * this.heartbeatMs;
    if (this.expectingSince === undefined) return undefined;
    return Math.max(this.lastReceivedAt, this.expectingSince) + 2 * this.heartbeatMs;
  }

  private armDeadline(now: number): void {
    this.clock.clearTimeout(this.deadlineTimer);
    this.deadlineTimer = undefined;
    const deadline = this.deadline();
    if (deadline !== undefined)
      this.deadlineTimer = this.clock.setTimeout(() => this.checkDeadline(), deadline - now);
  }

  /**
   * Compare the wall clock with the deadline. Frames only record a time; this one timer re-arms
   * itself for the remaining time, so liveness costs nothing per frame and a late (throttled)
   * timer still sees a dead socket at once. Returns whether the socket was dead.
   */
  private checkDeadline(): boolean {
    if (!this.live) return false;
    const deadline = this.deadline();
    const now = this.clock.now();
    if (deadline !== undefined && now >= deadline) {
      // A dead socket may never close cleanly: detach it and treat it as dropped right away.
      this.abandonSocket(ABANDON_CODE, 'liveness timeout');
      this.dropped(ABANDON_CODE, 'liveness timeout');
      return true;
    }
    this.armDeadline(now);
    return false;
  }

  // ---------------------------------------------------------------- environment

  private startListening(): void {
    if (this.listening || !this.environment) return;
    this.listening = true;
    this.environment.addEventListener('online', this.onOnline);
    this.environment.addEventListener('offline', this.onOffline);
    this.environment.document?.addEventListener('visibilitychange', this.onVisibilityChange);
  }

  private stopListening(): void {
    if (!this.listening || !this.environment) return;
    this.listening = false;
    this.environment.removeEventListener('online', this.onOnline);
    this.environment.removeEventListener('offline', this.onOffline);
    this.environment.document?.removeEventListener('visibilitychange', this.onVisibilityChange);
  }

  private readonly onOnline = (): void => {
    const waiting = this._status === Status.reconnecting && !this.attempting;
    const offlineRecoverable = this._status === Status.offline && this.offlineCause !== 'final';
    if (waiting || offlineRecoverable) this.start();
  };

  private readonly onOffline = (): void => {
    if (this._status === Status.idle || this._status === Status.unauthorized) return;
    if (this._status === Status.offline && this.offlineCause === 'final') return;
    this.abandonSocket(NORMAL_CLOSURE, 'offline');
    this.clearTimers();
    this.usableSince = undefined;
    this.goOffline('network');
  };

  private readonly onVisibilityChange = (): void => {
    if (this.environment?.document?.visibilityState !== 'visible') return;
    if (this.live) this.checkDeadline();
    else if (this.attempting || this.retryTimer !== undefined) {
      if (this._status === Status.reconnecting && !this.attempting) this.attemptNow();
    } else if (this._status === Status.offline && this.offlineCause === 'exhausted') this.attemptNow();
  };

  // ---------------------------------------------------------------- sending

  private isUsable(): boolean {
    return this.live && this.ws?.readyState === OPEN;
  }

  private writeFrame(frame: string): boolean {
    const ws = this.ws;
    if (!ws) return false;
    try {
      ws.send(frame);
      return true;
    } catch (error) {
      const kind = error instanceof Error ? ` (${error.name})` : '';
      this.emitError('send-failed', `Could not write to the socket${kind}`);
      // A socket that cannot be written to is of no use: replace it as after a drop.
      if (ws === this.ws) {
        this.abandonSocket(ABANDON_CODE, 'write failed');
        this.dropped(undefined, undefined);
      }
      return false;
    }
  }

  // ---------------------------------------------------------------- events

  private setStatus(status: Status, extra: Omit<StatusDetail, 'status' | 'previous'> = {}): void {
    const previous = this._status;
    if (status === previous && status !== Status.reconnecting) return;
    this._status = status;
    const detail: StatusDetail = { status, previous };
    if (extra.attempt !== undefined) detail.attempt = extra.attempt;
    if (extra.retryInMs !== undefined) detail.retryInMs = extra.retryInMs;
    if (extra.code !== undefined) detail.code = extra.code;
    if (extra.reason !== undefined) detail.reason = extra.reason;
    this.emit('status', detail);
  }

  private emitError(code: string, message: string): void {
    this.emit('error', { code, message });
  }

  private emit<K extends 'status' | 'error'>(type: K, detail: ChatSocketEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
