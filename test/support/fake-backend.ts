// A simulated backend speaking the five socket dialects over `FakeWebSocket` (and hybrid's reply
// stream over `FakeFetch`), behind a simulated network driven by the fake clock. It behaves like
// the mock backend of demo/server (one reply at a time per socket, messages deduplicated by id,
// heartbeats echoed with their id, booking answering a resend on another socket once more) and
// lets a test break the network the ways phones see: silence (a half-open socket: nothing crosses
// either way, nothing closes), crashes (every connection dropped, new ones refused), flapping and
// resets. It records what the server got, so a test can count lost, duplicated and reordered
// messages.
import type { FakeClock } from './fake-clock.js';
import type { FakeFetch, FakeRequest } from './fake-fetch.js';
import { FakeWebSocket } from './fake-socket.js';

type Frame = Record<string, unknown>;
export type Dialect = 'envelope' | 'booking' | 'hybrid' | 'conversation' | 'consultation';

/** One network path: a socket, or a hybrid reply request. */
interface Link {
  readonly id: number;
  alive: boolean;
  silenced: boolean;
  /** The server crashes after receiving this many more frames on this link. */
  crashAfter?: number;
  /** Replies to stream on this link, one at a time. */
  queue: (() => Promise<void>)[];
  busy: boolean;
  send(frame: Frame | string): void;
  drop(): void;
}

const LATENCY = 20;
const THINK = 150;
const CHUNK_EVERY = 100;

export class FakeBackend {
  /** Message ids in the order the server first got them. */
  readonly received: string[] = [];
  /** Contents by message id. */
  readonly contents = new Map<string, string>();
  /** Copies the server got again (resends), by message id. */
  duplicates = 0;
  /** The server accepts connections. */
  up = true;
  /** Sockets opened (handshakes), requests made. */
  connections = 0;
  private readonly links = new Set<Link>();
  private nextLink = 0;
  /** Booking: the whole reply per message id once complete; links owed it meanwhile. */
  private readonly answers = new Map<string, { link: Link; whole?: string; owed: Set<Link> }>();

  constructor(
    readonly dialect: Dialect,
    private readonly clock: FakeClock,
    fetch?: FakeFetch,
  ) {
    FakeWebSocket.onCreate = (ws) => this.accept(ws);
    if (fetch) fetch.onRequest = (request) => this.request(request);
  }

  /** Every live link goes silent: nothing more crosses it either way, and nothing closes it. */
  silence(): void {
    for (const link of this.links) if (link.alive) link.silenced = true;
  }

  /** Every live link is reset (the client sees a 1006 close, or a cut stream). */
  reset(): void {
    for (const link of [...this.links]) if (link.alive && !link.silenced) link.drop();
  }

  /** The server goes down: everything dropped, new connections refused until `start()`. */
  crash(): void {
    this.up = false;
    for (const link of [...this.links]) link.drop();
  }

  start(): void {
    this.up = true;
  }

  /** The next link opened crashes the server after it received `frames` frames. */
  crashOnNextFlush(frames: number): void {
    this.crashNext = frames;
  }

  private crashNext: number | undefined;

  private later(fn: () => void, ms = LATENCY): void {
    this.clock.setTimeout(fn, ms);
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.clock.setTimeout(resolve, ms));
  }

  // ------------------------------------------------------------------ sockets

  private accept(ws: FakeWebSocket): void {
    this.later(() => {
      if (ws.readyState !== 0) return;
      if (!this.up) return ws.drop();
      this.connections++;
      const link: Link = {
        id: ++this.nextLink,
        alive: true,
        silenced: false,
        queue: [],
        busy: false,
        send: (frame) => {
          if (!link.alive || link.silenced) return;
          const data = typeof frame === 'string' ? frame : JSON.stringify(frame);
          this.later(() => {
            if (link.alive && !link.silenced && ws.readyState === 1) ws.receive(data);
          });
        },
        drop: () => {
          if (!link.alive) return;
          link.alive = false;
          this.links.delete(link);
          if (ws.readyState < 3) ws.drop();
        },
      };
      if (this.crashNext !== undefined) {
        link.crashAfter = this.crashNext;
        this.crashNext = undefined;
      }
      this.links.add(link);
      ws.onClientClose = () => {
        link.alive = false;
        this.links.delete(link);
      };
      ws.onClientSend = (data) => {
        if (!link.alive || link.silenced) return;
        this.later(() => {
          if (!link.alive || link.silenced) return;
          if (link.crashAfter !== undefined && link.crashAfter-- <= 0) return this.crashFor(2000);
          this.onFrame(link, JSON.parse(data) as Frame);
        });
      };
      ws.open();
      if (this.dialect === 'hybrid') link.send({ type: 'history', messages: [] });
    });
  }

  private crashFor(ms: number): void {
    this.crash();
    this.clock.setTimeout(() => this.start(), ms);
  }

  /** First sight of a message id? Records it either way. */
  private firstTime(id: string, content: string): boolean {
    if (this.contents.has(id)) {
      this.duplicates++;
      return false;
    }
    this.contents.set(id, content);
    this.received.push(id);
    return true;
  }

  private onFrame(link: Link, f: Frame): void {
    const data = (f.data ?? {}) as Frame;
    switch (this.dialect) {
      case 'envelope':
        if (f.type === 'heartbeat') link.send({ type: 'heartbeat', data: {}, message_id: f.message_id });
        else if (f.type === 'message' && this.firstTime(String(f.message_id), String(data.content)))
          this.reply(link, String(data.content));
        break;
      case 'consultation':
        if (f.type === 'ping') link.send({ type: 'pong', message_id: f.message_id });
        else if (f.type === 'user_message' && this.firstTime(String(f.message_id), String(f.content)))
          this.reply(link, String(f.content));
        break;
      case 'conversation':
        if (f.type === 'auth') link.send({ type: 'auth_success', user_id: 1 });
        else if (f.type === 'send_message') {
          const id = String(data.client_id);
          const fresh = this.firstTime(id, String(data.content));
          link.send({
            type: 'message_received',
            data: {
              message: {
                id: this.received.length,
                content: data.content,
                message_type: 'user',
                client_id: id,
              },
            },
          });
          if (fresh) this.reply(link, String(data.content));
        }
        break;
      case 'booking': {
        if (f.type !== 'message') break;
        const id = String(f.message_id);
        if (this.firstTime(id, String(f.content))) this.reply(link, String(f.content), id);
        else this.answerAgain(link, id);
        break;
      }
      case 'hybrid':
        break; // the control channel: messages travel by HTTP
    }
  }

  /** The reply to a message: a pause, three chunks, the end; one reply at a time per link. */
  private reply(link: Link, content: string, bookingId?: string): void {
    const text = `re ${content}`;
    const parts = [text.slice(0, 3), text.slice(3, 6), text.slice(6)];
    const replyId = `r-${content}`;
    const record = bookingId ? { link, owed: new Set<Link>() } : undefined;
    if (bookingId) this.answers.set(bookingId, record as { link: Link; owed: Set<Link> });
    link.queue.push(async () => {
      await this.wait(THINK);
      for (const [i, part] of parts.entries()) {
        if (!link.alive) break;
        const last = i === parts.length - 1;
        switch (this.dialect) {
          case 'envelope':
            link.send({ type: 'chunk', data: { content: part }, message_id: replyId });
            if (last) link.send({ type: 'complete', data: {}, message_id: replyId });
            break;
          case 'consultation':
            link.send({ type: 'ai_message_chunk', message_id: replyId, content: part });
            if (last) link.send({ type: 'ai_message_complete', message_id: replyId });
            break;
          case 'conversation':
            link.send({
              type: 'stream_content',
              data: { message_id: replyId, content: part, is_complete: false },
            });
            if (last) link.send({ type: 'stream_complete', data: { message_id: replyId } });
            break;
          case 'booking':
            link.send({ type: 'message', content: part, is_complete: last });
            break;
        }
        await this.wait(CHUNK_EVERY);
      }
      if (record) {
        const whole = text;
        Object.assign(record, { whole });
        for (const other of record.owed) other.send({ type: 'message', content: whole, is_complete: true });
      }
    });
    void this.pump(link);
  }

  /** Booking: a message resent on another link gets its whole reply there (once complete). */
  private answerAgain(link: Link, id: string): void {
    const known = this.answers.get(id) as { link: Link; whole?: string; owed: Set<Link> } | undefined;
    if (!known || known.link === link) return;
    if (known.whole === undefined) known.owed.add(link);
    else {
      const whole = known.whole;
      link.queue.push(async () => link.send({ type: 'message', content: whole, is_complete: true }));
      void this.pump(link);
    }
  }

  private async pump(link: Link): Promise<void> {
    if (link.busy) return;
    link.busy = true;
    while (link.queue.length && link.alive) await link.queue.shift()!();
    link.busy = false;
  }

  // ------------------------------------------------------------------ hybrid's reply stream

  private request(request: FakeRequest): void {
    this.later(() => {
      if (request.aborted) return;
      if (!this.up) return request.fail();
      this.connections++;
      const link: Link = {
        id: ++this.nextLink,
        alive: true,
        silenced: false,
        queue: [],
        busy: false,
        send: (text) => {
          if (!link.alive || link.silenced) return;
          this.later(() => {
            if (link.alive && !link.silenced && !request.aborted) request.push(String(text));
          });
        },
        drop: () => {
          if (!link.alive) return;
          link.alive = false;
          this.links.delete(link);
          request.settled ? request.cut() : request.fail();
        },
      };
      this.links.add(link);
      if (this.crashNext !== undefined) {
        this.crashNext = undefined;
        return this.crashFor(2000);
      }
      const content = request.query.get('message') ?? '';
      const id = request.query.get('message_id') ?? '';
      this.firstTime(id, content);
      request.respond(200);
      const text = `re ${content}`;
      link.queue.push(async () => {
        await this.wait(THINK);
        for (const part of [text.slice(0, 3), text.slice(3, 6), text.slice(6)]) {
          if (!link.alive) return;
          link.send(`data: ${JSON.stringify({ content: part })}\n\n`);
          await this.wait(CHUNK_EVERY);
        }
        link.send('data: [DONE]\n\n');
        this.later(() => {
          if (link.alive && !link.silenced) request.end();
          link.alive = false;
          this.links.delete(link);
        }, 2 * LATENCY);
      });
      void this.pump(link);
    });
  }
}
