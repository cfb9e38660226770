import type { ChatConfig } from '../config.js';
import type { DialectContext, SendCommand, ServerEvent } from '../protocol/types.js';
import type { StatusDetail } from '../transport/status.js';
import type { SessionDeps } from './deps.js';

/**
 * What a channel (the socket, or the per-turn HTTP streams) needs from its session, and tells
 * it. Every reply event a channel hands over carries a reply id (a channel names the replies its
 * server leaves unnamed), so replies of different channels and turns never mix.
 */
export interface LinkHost {
  readonly deps: SessionDeps;
  readonly config: ChatConfig;
  /** What the dialect sees; with `command`, the history ends with that message. */
  context(command?: SendCommand): DialectContext;
  /** The token to use now (`''` when there is none). Rejects when the provider fails. */
  token(): Promise<string>;
  /** ISO 8601 UTC time now. */
  now(): string;
  status(detail: StatusDetail): void;
  /** Decoded server events, in order (evidence already reported through `delivered`). */
  events(events: ServerEvent[]): void;
  /** Messages the server is now known to have, in send order. */
  delivered(ids: string[]): void;
  /** These replies will get nothing more (their connection is gone): they end interrupted. */
  interrupt(ids: ReadonlySet<string>): void;
  /** A message that cannot be sent at all (e.g. the dialect has no frame for it). */
  failed(id: string, code: string, message: string): void;
  error(code: string, message: string): void;
  /** Whether a message with this id is in the conversation already (a re-delivered reply). */
  knows(id: string): boolean;
}

/** What the session asks of the channel that carries its messages. */
export interface Carrier {
  /** Queues a message (in order, once) and sends it when it can. */
  send(command: SendCommand): void;
  /** Forgets a message not yet known delivered (another tab sends it, or it failed). */
  cancel(id: string): void;
  /** Messages not yet known delivered, in order. */
  queued(): readonly SendCommand[];
  /** The person stopped this reply. */
  stop(replyId: string): void;
  connect(): void;
  close(): void;
}

/** Replies a channel has seen begin but not end, plus the one its server leaves unnamed. */
export class ReplyTracker {
  /** Replies streaming on this channel. */
  readonly streaming = new Set<string>();
  /** Replies the person stopped: the rest of their frames is dropped. */
  readonly stopped = new Set<string>();
  /** Replies already matched to a message (a later frame of one is no new answer). */
  private readonly counted = new Set<string>();
  /** The reply unnamed frames belong to. */
  open: string | undefined;
  /** The person stopped a reply before it began: the next new one is dropped. */
  private dropNext = false;

  constructor(
    private readonly newId: () => string,
    private readonly knows: (id: string) => boolean,
  ) {}

  /**
   * Names the reply an event belongs to and says whether it is a new one (evidence: it answers a
   * message). Returns `undefined` for an event to drop (a frame of a stopped reply).
   */
  name(event: ServerEvent): { event: ServerEvent; isNew: boolean } | undefined {
    switch (event.type) {
      case 'reply-start': {
        const id = event.id ?? this.newId();
        this.open = id;
        const isNew = this.count(id);
        if (this.stopped.has(id)) return isNew ? { event: { type: 'alive' }, isNew } : undefined;
        return { event: { ...event, id }, isNew };
      }
      case 'reply-delta': {
        const id = event.id ?? this.open ?? this.newId();
        this.open = id;
        const isNew = this.count(id);
        // Dropped, but a new reply is still evidence its message arrived.
        if (this.stopped.has(id)) return isNew ? { event: { type: 'alive' }, isNew } : undefined;
        this.streaming.add(id);
        return { event: event.id === id ? event : { ...event, id }, isNew };
      }
      case 'reply-end':
      case 'reply-stopped': {
        const id = event.id ?? this.open ?? this.newId();
        const isNew = this.count(id);
        this.end(id);
        if (this.stopped.delete(id)) return isNew ? { event: { type: 'alive' }, isNew } : undefined;
        return { event: { ...event, id }, isNew };
      }
      case 'error': {
        const id = event.id ?? this.open;
        if (id === undefined) return { event, isNew: false };
        this.end(id);
        if (this.stopped.has(id)) return undefined;
        return { event: { ...event, id }, isNew: false };
      }
      case 'card':
        return event.id !== undefined && this.stopped.has(event.id) ? undefined : { event, isNew: false };
      case 'activity':
      case 'reasoning':
      case 'sources': {
        // Tools, reasoning or sources naming their reply: a reply first seen this way is under way.
        const id = event.type === 'sources' ? event.id : event.replyId;
        if (id === undefined) return { event, isNew: false };
        if (this.stopped.has(id)) return undefined;
        const isNew = this.count(id);
        if (isNew) this.streaming.add(id);
        return { event, isNew };
      }
      default:
        return { event, isNew: false };
    }
  }

  /** The person stopped a reply before it began: the next new reply is dropped. */
  stopNext(): void {
    this.dropNext = true;
  }

  /**
   * The person stopped a reply: nothing more of it is shown. It stays the reply unnamed frames
   * belong to, so its rest is dropped until its end frame (replies without ids).
   */
  stop(id: string): void {
    this.streaming.delete(id);
    this.stopped.add(id);
    if (this.stopped.size > 100) this.stopped.delete(this.stopped.values().next().value!);
  }

  /**
   * Replies under way: streaming, or begun (`reply-start`) with nothing of them shown yet.
   */
  underWay(): Set<string> {
    const ids = new Set(this.streaming);
    if (this.open !== undefined && !this.stopped.has(this.open)) ids.add(this.open);
    return ids;
  }

  /** The channel is gone: what was under way on it, for the session to mark interrupted. */
  reset(): Set<string> {
    const cut = this.underWay();
    this.streaming.clear();
    this.counted.clear();
    this.stopped.clear();
    this.open = undefined;
    this.dropNext = false;
    return cut;
  }

  private end(id: string): void {
    this.streaming.delete(id);
    if (this.open === id) this.open = undefined;
  }

  /** First sight of this reply on this channel (and not one the conversation already has)? */
  private count(id: string): boolean {
    if (this.counted.has(id) || this.knows(id)) return false;
    this.counted.add(id);
    if (this.dropNext) {
      this.dropNext = false;
      this.stopped.add(id);
    }
    if (this.counted.size > 500) this.counted.delete(this.counted.values().next().value!);
    return true;
  }
}
