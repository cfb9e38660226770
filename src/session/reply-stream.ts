import type {
  DialectContext,
  HttpRequest,
  SendCommand,
  ServerEvent,
  StreamEvent,
} from '../protocol/types.js';
import { DEFAULTS, nextDelay } from '../transport/backoff.js';
import { readEventStream, type StreamFailure } from '../transport/event-stream.js';
import { Status, type StatusDetail } from '../transport/status.js';
import {
  acknowledge,
  dropped,
  emptyDelivery,
  enqueue,
  nextToWrite,
  remove,
  wrote,
  type Delivery,
} from './delivery.js';
import { ReplyTracker, type Carrier, type LinkHost } from './link.js';

/** How one kind of HTTP reply stream is asked for and read. */
export interface StreamSpec {
  /** The request for a message's turn; `undefined` when the dialect cannot send it. */
  request(command: SendCommand, ctx: DialectContext): HttpRequest | undefined;
  decode(event: StreamEvent, ctx: DialectContext): ServerEvent[];
  /** Where a request that names no URL goes (the endpoint, or hybrid's `stream-url`). */
  url(): string | undefined;
  /** One turn at a time: the next request waits until the previous reply has ended. */
  sequential: boolean;
  /** Its status is the session's (an HTTP dialect), rather than a side channel's (hybrid). */
  primary: boolean;
  /** A reply streamed to its end (hybrid tells the server over its socket). */
  complete?(replyId: string): void;
  /** Whether any reply streams now. */
  streaming?(on: boolean): void;
}

/** One message's request and the stream that answers it. */
interface Turn {
  readonly command: SendCommand;
  readonly replies: ReplyTracker;
  abort: () => void;
  /** A successful response arrived: the server has the message. */
  opened: boolean;
  /** The person stopped it. */
  stopped: boolean;
}

/** Statuses that mean the request did not get through (yet) and may be made again. */
const RETRY_STATUSES = new Set([408, 425, 429, 502, 503, 504]);
/** No response (status and headers) within this: the request is made again. */
export const RESPONSE_TIMEOUT_MS = 15_000;

/**
 * Replies streamed over HTTP, one request per message: the standard streams (`channel: 'http'`,
 * the whole history in each request) and hybrid's reply stream. Delivery rules:
 * - an outbox, in order: a message waits while the browser is offline, while a failed request
 *   waits to be made again, while credentials are refused, and (`sequential`) until the previous
 *   reply has ended;
 * - a successful response is the evidence the server has the message (`sent`);
 * - a request that failed before any response (network error, no response within
 *   `RESPONSE_TIMEOUT_MS`, 408/425/429/502/503/504) is made again with the same message id, with
 *   the socket's backoff (full jitter, capped; after `max-retries` the status says `offline` but
 *   it keeps trying at the cap); 401/403: `unauthorized`, the message waits for new credentials;
 *   another error status fails the reply with the reason shown;
 * - the stream has an idle timeout (two heartbeat intervals without a byte); replies are isolated
 *   (each turn names its own replies, so one breaking never ends another); a stream that ends
 *   without its end marker leaves its reply `interrupted`, never `complete`.
 *
 * Status, when `primary`: `connected` = nothing is known broken (the last request reached the
 * server, or none failed); `reconnecting` = a failed request waits to be made again; `offline` =
 * the browser is offline, or `max-retries` attempts failed; `unauthorized` = 401/403.
 */
export class ReplyStreams implements Carrier {
  private delivery: Delivery = emptyDelivery;
  private readonly turns = new Map<string, Turn>();
  /** The message whose request has no response yet (one at a time, in order). */
  private inFlight: string | undefined;
  private attempt = 0;
  private retryTimer: unknown;
  private closed = true;
  private refused = false;
  private _status: Status = Status.idle;

  constructor(
    private readonly host: LinkHost,
    private readonly spec: StreamSpec,
  ) {}

  get status(): Status {
    return this._status;
  }

  connect(): void {
    const wasClosed = this.closed;
    this.closed = false;
    this.refused = false;
    this.attempt = 0;
    this.clearRetry();
    if (wasClosed) this.listen(true);
    this.setStatus(this.online() ? Status.connected : Status.offline);
    this.pump();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listen(false);
    this.clearRetry();
    this.inFlight = undefined;
    this.delivery = dropped(this.delivery);
    for (const turn of [...this.turns.values()]) this.finish(turn, true);
    this.setStatus(Status.idle);
  }

  send(command: SendCommand): void {
    this.delivery = enqueue(this.delivery, command);
    this.pump();
  }

  cancel(id: string): void {
    this.delivery = remove(this.delivery, id);
    if (this.inFlight === id) this.inFlight = undefined;
    const turn = this.turns.get(id);
    if (turn && !turn.opened) this.finish(turn, false);
    this.pump();
  }

  queued(): readonly SendCommand[] {
    return this.delivery.queue;
  }

  /** Aborts the request of the turn streaming this reply (all turns when none is named). */
  stop(replyId?: string): void {
    for (const turn of [...this.turns.values()]) {
      if (replyId !== undefined && !turn.replies.streaming.has(replyId) && turn.replies.open !== replyId)
        continue;
      turn.stopped = true;
      if (replyId !== undefined) turn.replies.stop(replyId);
      this.finish(turn, false);
    }
    this.pump();
  }

  // ------------------------------------------------------------------ requests

  private pump(): void {
    if (this.closed || this.refused || !this.online() || this.retryTimer !== undefined) return;
    if (this.inFlight !== undefined) return;
    if (this.spec.sequential && this.turns.size > 0) return;
    const next = nextToWrite(this.delivery);
    if (!next) return;
    this.delivery = wrote(this.delivery, next.id, 'message');
    this.inFlight = next.id;
    void this.start(next);
  }

  private async start(command: SendCommand): Promise<void> {
    let token: string;
    try {
      token = await this.host.token();
    } catch {
      this.host.error('token-provider', 'Could not get a token for the reply stream.');
      if (this.inFlight === command.id) this.retry(command.id);
      return;
    }
    if (this.closed || this.inFlight !== command.id) return;
    const ctx = this.host.context(command);
    const request = this.spec.request(command, ctx);
    const base = globalThis.location?.href ?? 'http://localhost/';
    let url: string | undefined;
    try {
      url = request && new URL(request.url ?? this.spec.url() ?? '', base).href;
    } catch {
      url = undefined;
    }
    if (!request || !url) {
      this.inFlight = undefined;
      this.delivery = remove(this.delivery, command.id);
      this.host.failed(command.id, 'bad-config', 'The reply stream has no usable URL for this message.');
      this.pump();
      return;
    }
    const headers: Record<string, string> = { ...request.headers };
    if (token) headers['Authorization'] = `Bearer ${token}`;
    if (request.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['Content-Type'] = 'application/json';
    const { deps, config } = this.host;
    const turn: Turn = {
      command,
      replies: new ReplyTracker(deps.newId, (id) => this.host.knows(id)),
      abort: () => undefined,
      opened: false,
      stopped: false,
    };
    this.turns.set(command.id, turn);
    turn.abort = readEventStream(
      {
        url,
        ...(request.method ? { method: request.method } : {}),
        headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        fetch: deps.fetch,
        clock: deps.clock,
        connectTimeoutMs: RESPONSE_TIMEOUT_MS,
        idleTimeoutMs: 2 * (config.heartbeatMs || DEFAULTS.heartbeatMs),
      },
      {
        onOpen: () => this.onOpen(turn),
        onEvent: (event) => this.onEvent(turn, event),
        onEnd: () => this.finish(turn, true),
        onError: (failure) => this.onError(turn, failure),
      },
    );
  }

  private onOpen(turn: Turn): void {
    const { id } = turn.command;
    turn.opened = true;
    if (this.inFlight === id) this.inFlight = undefined;
    const evidence = acknowledge(this.delivery, id);
    this.delivery = evidence.delivery;
    this.attempt = 0;
    if (this._status !== Status.connected && this.online()) this.setStatus(Status.connected);
    if (evidence.delivered.length) this.host.delivered(evidence.delivered);
    this.spec.streaming?.(true);
    this.pump();
  }

  private onEvent(turn: Turn, raw: StreamEvent): void {
    if (!this.turns.has(turn.command.id)) return;
    const events: ServerEvent[] = [];
    let done = false;
    for (const decoded of this.spec.decode(raw, this.host.context())) {
      if (decoded.type === 'done') {
        done = true;
        break;
      }
      const named = turn.replies.name(decoded);
      if (!named) continue;
      const event = named.event;
      // An error naming no reply of this turn must not fail another turn's reply.
      events.push(
        event.type === 'error' && event.id === undefined ? { ...event, id: this.host.deps.newId() } : event,
      );
    }
    if (done) {
      // The turn is over: a reply still open is complete, and whatever waited for a reply stays.
      for (const id of turn.replies.underWay()) events.push({ type: 'reply-end', id });
      events.push({ type: 'done' });
    }
    const completed = events.filter((e) => e.type === 'reply-end').map((e) => (e as { id: string }).id);
    if (events.length) this.host.events(events);
    for (const id of completed) this.spec.complete?.(id);
    if (done) {
      turn.replies.streaming.clear();
      this.finish(turn, false);
    }
  }

  private onError(turn: Turn, failure: StreamFailure): void {
    const { id } = turn.command;
    if (!this.turns.has(id)) return;
    if (!turn.opened && this.inFlight === id) {
      this.turns.delete(id);
      if (failure.status === 401 || failure.status === 403) {
        // Refused credentials: the message waits for new ones (connect() or a new token).
        this.inFlight = undefined;
        this.delivery = dropped(this.delivery);
        this.refused = true;
        this.setStatus(Status.unauthorized, { code: failure.status, reason: failure.reason });
        return;
      }
      if (failure.kind === 'request' || RETRY_STATUSES.has(failure.status ?? 0)) {
        this.retry(id);
        return;
      }
      // The server answered with an error: it has the message, and the reply failed.
      this.inFlight = undefined;
      const evidence = acknowledge(this.delivery, id);
      this.delivery = evidence.delivery;
      if (evidence.delivered.length) this.host.delivered(evidence.delivered);
    }
    this.finish(turn, true);
    const reason = failure.reason;
    this.host.events([{ type: 'error', id: this.host.deps.newId(), code: 'stream-failed', message: reason }]);
  }

  /** A request that never got a response: made again after a backoff, with the same id. */
  private retry(id: string): void {
    if (this.inFlight === id) this.inFlight = undefined;
    this.delivery = dropped(this.delivery);
    if (this.closed) return;
    const { config, deps } = this.host;
    const retryInMs = nextDelay(this.attempt, DEFAULTS, deps.random);
    this.attempt++;
    this.clearRetry();
    this.retryTimer = deps.clock.setTimeout(() => {
      this.retryTimer = undefined;
      this.pump();
    }, retryInMs);
    if (!this.spec.primary) return;
    if (!this.online()) this.setStatus(Status.offline);
    else if (this.attempt > config.maxRetries) this.setStatus(Status.offline);
    else this.setStatus(Status.reconnecting, { attempt: this.attempt, retryInMs });
  }

  /**
   * The turn is over (ended, broken, stopped or closed). `cut`: replies still streaming get
   * nothing more, so they end interrupted.
   */
  private finish(turn: Turn, cut: boolean): void {
    const { id } = turn.command;
    if (this.turns.get(id) !== turn) return;
    this.turns.delete(id);
    turn.abort();
    if (this.inFlight === id) this.inFlight = undefined;
    const open = turn.replies.reset();
    // (Called with no replies too: what arrived for a reply that never began is kept, interrupted.)
    if (cut) this.host.interrupt(open);
    if (this.turns.size === 0) this.spec.streaming?.(false);
    this.pump();
  }

  // ------------------------------------------------------------------ environment

  private online(): boolean {
    return this.host.deps.environment?.navigator?.onLine !== false;
  }

  private listen(on: boolean): void {
    const env = this.host.deps.environment;
    if (!env) return;
    const method = on ? 'addEventListener' : 'removeEventListener';
    env[method]('online', this.onOnline);
    env[method]('offline', this.onOffline);
  }

  private readonly onOnline = (): void => {
    if (this.refused || this.closed) return;
    this.attempt = 0;
    this.clearRetry();
    this.setStatus(Status.connected);
    this.pump();
  };

  private readonly onOffline = (): void => {
    if (this.refused || this.closed) return;
    this.setStatus(Status.offline);
  };

  private clearRetry(): void {
    this.host.deps.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private setStatus(status: Status, extra: Omit<StatusDetail, 'status' | 'previous'> = {}): void {
    if (!this.spec.primary) return;
    const previous = this._status;
    if (status === previous && status !== Status.reconnecting) return;
    this._status = status;
    this.host.status({ status, previous, ...extra });
  }
}
