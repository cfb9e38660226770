import { resolveEndpoint, tokenProtocols } from '../protocol/endpoint.js';
import type { SendCommand, ServerEvent, SocketDialect } from '../protocol/types.js';
import { DEFAULTS } from '../transport/backoff.js';
import { ChatSocket, type ConnectTarget } from '../transport/chat-socket.js';
import { Status, type StatusDetail } from '../transport/status.js';
import { TypingSignal } from '../transport/typing-signal.js';
import {
  acknowledge,
  answered,
  dropped,
  emptyDelivery,
  enqueue,
  heartbeatAnswered,
  nextToWrite,
  remove,
  unanswered,
  unproven,
  wrote,
  type Delivery,
  type Evidence,
} from './delivery.js';
import { ReplyTracker, type Carrier, type LinkHost } from './link.js';

/**
 * One socket dialect's connection: the `ChatSocket` (lifecycle, backoff, liveness timers), the
 * handshake and join, heartbeats, typing, and — when it carries the messages (`carrier`) — the
 * outbox with its delivery evidence:
 * - written in order, each exactly once per connection; one at a time where replies carry no id
 *   (`replies: 'turn'`: the next after the previous reply ended, or a deadline passed);
 * - after writing, a heartbeat at once where the server echoes it (`heartbeat: 'echo'`), so its
 *   answer proves delivery within a round trip;
 * - liveness: `echo` dialects die after two silent heartbeat intervals; the others while traffic
 *   is expected (a written message without evidence or answer, a reply under way);
 * - on a drop, whatever was written without evidence goes again, first, on the next connection,
 *   and every reply that was streaming on it ends interrupted.
 * Without `carrier` (hybrid, whose messages travel by HTTP) the socket is the control channel:
 * it hears of each message once, if it is up.
 */
export class SocketChannel implements Carrier {
  private readonly socket: ChatSocket;
  private readonly replies: ReplyTracker;
  private readonly typingSignal?: TypingSignal;
  private delivery: Delivery = emptyDelivery;
  /** `replies: 'turn'`: a message is written and its reply has not ended yet. */
  private turnOpen = false;
  private turnTimer: unknown;
  /** Traffic is expected for a reason outside this socket (a hybrid reply streaming over HTTP). */
  private externalTraffic = false;
  private connected = false;

  constructor(
    private readonly host: LinkHost,
    private readonly dialect: SocketDialect,
    private readonly carrier: boolean,
  ) {
    const { deps, config } = host;
    const echo = dialect.heartbeat === 'echo';
    this.replies = new ReplyTracker(deps.newId, (id) => host.knows(id));
    this.socket = new ChatSocket({
      target: () => this.target(),
      maxRetries: config.maxRetries,
      heartbeatMs: config.heartbeatMs,
      liveness: echo ? 'heartbeat' : 'expected',
      heartbeat: dialect.heartbeat ? () => this.heartbeat() : undefined,
      onFrame: (data) => this.onFrame(data),
      readyOnOpen: !dialect.handshake,
      unauthorizedCodes: dialect.closeCodes?.unauthorized,
      finalCodes: dialect.closeCodes?.final,
      WebSocket: deps.WebSocket,
      clock: deps.clock,
      random: deps.random,
      environment: deps.environment,
    });
    this.socket.on('status', (e) => this.onStatus(e.detail));
    this.socket.on('open', () => this.onOpen());
    this.socket.on('error', (e) => host.error(e.detail.code, e.detail.message));
    if (dialect.typing) {
      this.typingSignal = new TypingSignal(
        (typing) => {
          const frame = dialect.encode({ type: 'typing', typing }, host.context());
          if (frame) this.socket.sendNow(frame);
        },
        2000,
        deps.clock,
      );
    }
  }

  get status(): Status {
    return this.socket.status;
  }

  connect(): void {
    this.socket.connect();
  }

  /** Drops the socket and connects at once (a new token, `retry()`). */
  reconnect(): void {
    this.socket.reconnect();
  }

  close(): void {
    this.typingSignal?.dispose();
    this.socket.close();
    this.endTurn();
  }

  send(command: SendCommand): void {
    this.typingSignal?.stop();
    if (!this.carrier) {
      // The control channel hears of the message if it is up; the message itself goes by HTTP.
      const frame = this.dialect.encode(command, this.host.context(command));
      if (frame) this.socket.write(frame);
      return;
    }
    this.delivery = enqueue(this.delivery, command);
    this.flush();
  }

  cancel(id: string): void {
    this.delivery = remove(this.delivery, id);
    this.expectation();
  }

  queued(): readonly SendCommand[] {
    return this.delivery.queue;
  }

  /** A best-effort frame (e.g. the end of a reply that streamed elsewhere), if the socket is up. */
  notify(frame: string): void {
    this.socket.write(frame);
  }

  /** The person is typing (dialects with a typing frame tell the server). */
  typing(): void {
    this.typingSignal?.poke();
  }

  /** Traffic is expected on this socket for a reason outside it (hybrid: a reply streams). */
  expectTraffic(on: boolean): void {
    this.externalTraffic = on;
    this.expectation();
  }

  /** The person stopped the reply awaited now, before it began: it is dropped when it comes. */
  stopNext(): void {
    this.replies.stopNext();
  }

  stop(replyId: string): void {
    this.replies.stop(replyId);
    if (this.dialect.cancel) {
      const frame = this.dialect.encode({ type: 'cancel', replyId }, this.host.context());
      if (frame) this.socket.write(frame);
    }
    // One turn at a time: the next message still waits for the stopped reply's end frame (its
    // rest is dropped), so the next reply cannot mix with it.
    this.flush();
  }

  // ------------------------------------------------------------------ connection

  private async target(): Promise<ConnectTarget> {
    const token = await this.host.token();
    const { config } = this.host;
    const ctx = this.host.context();
    const query: Record<string, string | undefined> = { ...this.dialect.query?.(ctx) };
    if (config.auth === 'query' && token) query.token = token;
    const values = { feature: config.feature, userId: config.userId, sessionId: ctx.sessionId };
    const url = resolveEndpoint(config.endpoint ?? '', values, query).href;
    if (config.auth === 'protocol' && token) return { url, protocols: tokenProtocols(token) };
    if (config.auth === 'message') {
      const auth = this.dialect.encode(
        { type: 'auth', id: this.host.deps.newId(), token, time: this.host.now() },
        ctx,
      );
      return { url, firstFrames: auth ? [auth] : [] };
    }
    return { url };
  }

  private onStatus(detail: StatusDetail): void {
    if (this.connected && detail.status !== Status.connected) {
      // The connection is gone: nothing written on it counts; what streamed on it is cut.
      this.connected = false;
      this.delivery = dropped(this.delivery);
      this.endTurn();
      const cut = this.replies.reset();
      if (cut.size) this.host.interrupt(cut);
    }
    this.host.status(detail);
  }

  /** A usable connection: join, then write what waits (first what the last one never proved). */
  private onOpen(): void {
    this.connected = true;
    const join = this.dialect.join ? this.dialect.encode({ type: 'join' }, this.host.context()) : undefined;
    if (join) this.socket.sendNow(join);
    this.flush();
    // A heartbeat at once where the server echoes it: its answer proves the connection works.
    if (this.dialect.heartbeat === 'echo' && this.delivery.written.length === 0) this.heartbeat();
  }

  private heartbeat(): void {
    const id = this.host.deps.newId();
    const frame = this.dialect.encode({ type: 'heartbeat', id, time: this.host.now() }, this.host.context());
    if (frame === undefined || !this.socket.write(frame)) return;
    if (this.dialect.heartbeat === 'echo') this.delivery = wrote(this.delivery, id, 'heartbeat');
  }

  // ------------------------------------------------------------------ outbox

  /** Writes what waits, in order, while the connection is usable (one turn at a time where needed). */
  private flush(): void {
    if (!this.carrier || !this.socket.usable) return;
    let wroteAny = false;
    for (;;) {
      if (this.dialect.replies === 'turn' && this.turnOpen) break;
      const next = nextToWrite(this.delivery);
      if (!next) break;
      const frame = this.dialect.encode(next, this.host.context(next));
      if (frame === undefined) {
        this.delivery = remove(this.delivery, next.id);
        this.host.failed(
          next.id,
          'send-failed',
          `The ${this.dialect.name} dialect cannot send this message.`,
        );
        continue;
      }
      // A write that fails replaces the socket; the message stays queued for the next one.
      if (!this.socket.write(frame)) break;
      this.delivery = wrote(this.delivery, next.id, 'message');
      wroteAny = true;
      if (this.dialect.replies === 'turn') this.openTurn();
    }
    if (wroteAny && this.dialect.heartbeat === 'echo') this.heartbeat();
    this.expectation();
  }

  private openTurn(): void {
    this.turnOpen = true;
    this.host.deps.clock.clearTimeout(this.turnTimer);
    // The reply may never come: after two heartbeat intervals the next message goes anyway.
    const wait = 2 * (this.host.config.heartbeatMs || DEFAULTS.heartbeatMs);
    this.turnTimer = this.host.deps.clock.setTimeout(() => {
      this.turnTimer = undefined;
      this.turnOpen = false;
      this.flush();
    }, wait);
  }

  private endTurn(): void {
    this.turnOpen = false;
    this.host.deps.clock.clearTimeout(this.turnTimer);
    this.turnTimer = undefined;
  }

  /** Tells the socket whether traffic is expected (liveness of dialects without an echo). */
  private expectation(): void {
    const d = this.delivery;
    const expecting =
      unproven(d) > 0 || unanswered(d) > 0 || this.replies.streaming.size > 0 || this.externalTraffic;
    this.socket.expect(expecting);
  }

  // ------------------------------------------------------------------ frames

  private onFrame(frame: unknown): void {
    const decoded = this.dialect.decode(frame, this.host.context());
    const events: ServerEvent[] = [];
    const delivered: string[] = [];
    let turnEnded = false;
    const take = (evidence: Evidence) => {
      this.delivery = evidence.delivery;
      delivered.push(...evidence.delivered);
    };
    for (const raw of decoded) {
      if (raw.type === 'ready') {
        this.socket.ready();
        continue;
      }
      if (raw.type === 'ack') take(acknowledge(this.delivery, raw.clientId));
      else if (raw.type === 'alive' && raw.answers !== undefined)
        take(heartbeatAnswered(this.delivery, raw.answers));
      const named = this.replies.name(raw);
      const turnReply = this.dialect.replies === 'turn';
      if (named?.isNew || (raw.type === 'error' && turnReply && this.turnOpen)) {
        const replyTo = raw.type === 'reply-start' ? raw.replyTo : undefined;
        take(answered(this.delivery, this.dialect.replies, replyTo, !this.dialect.acks));
      }
      const ends =
        raw.type === 'reply-end' ||
        raw.type === 'reply-stopped' ||
        raw.type === 'error' ||
        raw.type === 'done';
      if (turnReply && ends) turnEnded = true;
      if (named) events.push(named.event);
    }
    if (delivered.length) {
      this.socket.proven();
      this.host.delivered(delivered);
    }
    if (events.length) this.host.events(events);
    if (turnEnded) {
      this.endTurn();
      this.flush();
    } else this.expectation();
  }
}
