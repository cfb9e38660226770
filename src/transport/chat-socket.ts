import { DEFAULTS, nextDelay } from './backoff.js';
import { Status, type StatusDetail } from './status.js';
import { realClock, type Clock } from './clock.js';

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
  /** Heartbeat interval; silence for twice this means the socket is dead. 0 = off (default 30 s). */
  heartbeatMs?: number;
  /** An attempt not usable within this is abandoned and counts as failed (default 10 s). */
  connectTimeoutMs?: number;
  /** A connection usable this long resets the attempt count (default 5 s). */
  stableAfterMs?: number;
  /** Backoff base (default 1 s). */
  baseMs?: number;
  /** Backoff cap (default 30 s). */
  capMs?: number;
  /** Most messages the outbox holds (default 200). */
  outboxLimit?: number;
  /**
   * Default true. False: after open the socket is not `connected` until `ready()` is called
   * (in-band auth); the outbox is not flushed before that.
   */
  readyOnOpen?: boolean;
  /** The frame sent every `heartbeatMs` while usable; `undefined` sends nothing. */
  heartbeatFrame?: () => string | undefined;
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
  /** `connect-timeout`, `target-failed`, `socket-failed`, `send-failed` or `outbox-full`. */
  code: string;
  message: string;
}

/** Detail of the `sent` event. */
export interface SentDetail {
  id: string;
}

/** Raw frame data, never parsed: text, or binary as an `ArrayBuffer`. */
export type FrameData = string | ArrayBuffer;

/**
 * Events a `ChatSocket` dispatches (none bubbles; it is not in the DOM):
 * - `status` — every status change, and every new `attempt`/`retryInMs` while `reconnecting`.
 * - `frame` — a frame arrived; `detail` is the raw `MessageEvent.data`.
 * - `sent` — a message from `send()` actually went out on the wire.
 * - `open` — a new connection is usable (after open, or after `ready()` when `readyOnOpen` is
 *   false); handshake follow-ups may be sent from here, before the outbox is flushed.
 * - `error` — a transport problem worth reporting.
 */
export interface ChatSocketEventMap {
  status: CustomEvent<StatusDetail>;
  frame: CustomEvent<FrameData>;
  sent: CustomEvent<SentDetail>;
  open: Event;
  error: CustomEvent<ChatSocketErrorDetail>;
}

interface Queued {
  id: string;
  frame: string;
}

/** Why the socket is `offline`: decides whether an `online` event brings it back. */
type OfflineCause = 'network' | 'exhausted' | 'final';

const OPEN = 1;
const NORMAL_CLOSURE = 1000;
/** The code this side closes with when it gives up on a socket (connect or heartbeat timeout). */
const ABANDON_CODE = 4000;

const defaultEnvironment = (): SocketEnvironment | undefined =>
  typeof window === 'undefined' ? undefined : window;

/** A URL without its query string or fragment, safe to show (tokens travel in the query). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return url.split(/[?#]/, 1)[0] ?? '';
  }
}

/**
 * One logical chat connection over a sequence of WebSockets: connect, backoff with full
 * jitter, close-code policy, heartbeat with a wall-clock deadline, an ordered outbox, and
 * online/offline/visibility handling. No Lit, no parsing: frames go out as strings and come in
 * raw. Every timer lives in a named field and `close()` clears them all in one place.
 *
 * @fires status - `CustomEvent<StatusDetail>`
 * @fires frame - `CustomEvent<string | ArrayBuffer>`
 * @fires sent - `CustomEvent<{ id: string }>`
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
  private readonly outboxLimit: number;
  private readonly readyOnOpen: boolean;
  private readonly heartbeatFrame: (() => string | undefined) | undefined;
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
  private usable = false;
  /** When the current connection became usable; undefined while there is none. */
  private usableSince: number | undefined;
  private lastReceivedAt = 0;
  private readonly outbox: Queued[] = [];
  private flushing = false;
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
    this.outboxLimit = options.outboxLimit ?? DEFAULTS.outboxLimit;
    this.readyOnOpen = options.readyOnOpen ?? true;
    this.heartbeatFrame = options.heartbeatFrame;
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

  /** Messages waiting in the outbox. */
  get outboxSize(): number {
    return this.outbox.length;
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
   * `unauthorized` or waiting to reconnect. A no-op while connecting or connected.
   */
  connect(): void {
    if (this.attempting || this.usable) return;
    this.start();
  }

  /** Drop the current socket (if any) and connect again at once with a fresh `target()`. */
  reconnect(): void {
    this.start();
  }

  /**
   * Stop for good: status `idle`, every timer cleared, environment listeners removed, the
   * socket closed with 1000, no retry. The outbox is kept (a later `connect()` flushes it).
   * Idempotent.
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
   * Send a message now if the connection is usable (emitting `sent`), or queue it in order.
   * Returns false (and emits `error` `outbox-full`) only when it could not be queued.
   */
  send(id: string, frame: string): boolean {
    if (this.isUsable() && this.outbox.length === 0 && this.write(frame)) {
      this.emit('sent', { id });
      return true;
    }
    if (this.outbox.length >= this.outboxLimit) {
      this.emitError('outbox-full', `The outbox is full (${this.outboxLimit} messages); message not queued`);
      return false;
    }
    this.outbox.push({ id, frame });
    this.flush();
    return true;
  }

  /**
   * Fire and forget (typing indicators, handshake frames such as a join): sent only if the
   * socket is open — before `ready()` too — and never queued. Returns whether it went out.
   */
  sendNow(frame: string): boolean {
    return this.ws?.readyState === OPEN && this.write(frame);
  }

  /** Remove a not-yet-sent message from the outbox; returns whether it was there. */
  cancel(id: string): boolean {
    const index = this.outbox.findIndex((item) => item.id === id);
    if (index < 0) return false;
    this.outbox.splice(index, 1);
    return true;
  }

  /** Mark an in-band handshake done (`readyOnOpen: false`): status `connected`, `open`, flush. */
  ready(): void {
    if (!this.usable && this.ws?.readyState === OPEN) this.becomeUsable();
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
    if (this._attempt === 0) this.setStatus(Status.connecting);
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
        if (!this.write(frame)) break;
      }
      if (this.readyOnOpen && ws === this.ws) this.becomeUsable();
    };
    ws.onmessage = (event: MessageEvent) => {
      if (ws !== this.ws) return;
      this.lastReceivedAt = this.clock.now();
      this.emit('frame', event.data as FrameData);
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
    this.usable = true;
    const now = this.clock.now();
    this.usableSince = now;
    this.lastReceivedAt = now;
    // Timers first, events last: a listener may call close(), which must find every timer.
    this.stableTimer = this.clock.setTimeout(() => {
      this.stableTimer = undefined;
      this._attempt = 0;
    }, this.stableAfterMs);
    if (this.heartbeatMs > 0) {
      this.heartbeatTimer = this.clock.setTimeout(() => this.onHeartbeat(), this.heartbeatMs);
      this.deadlineTimer = this.clock.setTimeout(() => this.checkDeadline(), 2 * this.heartbeatMs);
    }
    this.setStatus(Status.connected);
    if (ws !== this.ws || !this.usable) return;
    this.dispatchEvent(new Event('open'));
    this.flush();
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
    this.usable = false;
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
      this.goOffline('exhausted', cause);
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

  private goOffline(cause: OfflineCause, detail: { code?: number; reason?: string } = {}): void {
    this.offlineCause = cause;
    this.setStatus(Status.offline, detail);
  }

  /** Detach and close the current socket (if any) and abandon any attempt in flight. */
  private abandonSocket(code: number, reason: string): void {
    this.generation++;
    this.attempting = false;
    this.usable = false; // `usableSince` stays: `dropped()` may still need it
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
    if (!this.usable || this.checkDeadline()) return;
    const frame = this.heartbeatFrame?.();
    if (typeof frame === 'string') this.write(frame);
    if (this.usable) this.heartbeatTimer = this.clock.setTimeout(() => this.onHeartbeat(), this.heartbeatMs);
  }

  /**
   * Compare the wall clock with the last frame received. Frames only record a time; this one
   * timer re-arms itself for the remaining time, so liveness costs nothing per frame and a late
   * (throttled) timer still sees a dead socket at once. Returns whether the socket was dead.
   */
  private checkDeadline(): boolean {
    if (!this.usable || this.heartbeatMs <= 0) return false;
    const deadline = this.lastReceivedAt + 2 * this.heartbeatMs;
    const now = this.clock.now();
    if (now >= deadline) {
      // A dead socket may never close cleanly: detach it and treat it as dropped right away.
      this.abandonSocket(ABANDON_CODE, 'heartbeat timeout');
      this.dropped(ABANDON_CODE, 'heartbeat timeout');
      return true;
    }
    this.clock.clearTimeout(this.deadlineTimer);
    this.deadlineTimer = this.clock.setTimeout(() => this.checkDeadline(), deadline - now);
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
    if (this.usable) this.checkDeadline();
    else if (this._status === Status.reconnecting && !this.attempting) this.attemptNow();
  };

  // ---------------------------------------------------------------- sending

  private isUsable(): boolean {
    return this.usable && this.ws?.readyState === OPEN;
  }

  private write(frame: string): boolean {
    try {
      this.ws?.send(frame);
      return this.ws !== null;
    } catch (error) {
      const kind = error instanceof Error ? ` (${error.name})` : '';
      this.emitError('send-failed', `Could not write to the socket${kind}`);
      return false;
    }
  }

  /** Send the outbox in order, once each, while the connection stays usable. */
  private flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.outbox.length > 0 && this.isUsable()) {
        const next = this.outbox[0]!;
        if (!this.write(next.frame)) break;
        this.outbox.shift();
        this.emit('sent', { id: next.id });
      }
    } finally {
      this.flushing = false;
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

  private emit<K extends 'status' | 'frame' | 'sent' | 'error'>(
    type: K,
    detail: ChatSocketEventMap[K]['detail'],
  ): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
