import { isChatMessage } from '../transcript/persistence.js';
import type { ChatMessage } from '../transcript/types.js';
import type { ChannelConstructor, LockManagerLike, SessionDeps } from './deps.js';

// Tabs and frames of one origin that show the same conversation (same endpoint, feature and
// session, with `persist`) keep each other informed over a `BroadcastChannel`. Rules:
// - Each tab sends only what its own person wrote, plus the waiting messages it restored from
//   storage AND won the claim to: two tabs that restored the same waiting message never both send
//   it. A claim is a Web Lock (`navigator.locks`) per message, held until the message is delivered
//   or the tab goes away; a tab that restored it waits for the lock, so it takes over only from a
//   tab that went away without delivering it. Without Web Locks, a claim is posted on the channel
//   and any tab already holding or claiming the message (a lower tab id wins a tie) objects within
//   `CLAIM_WINDOW_MS`; a holder that goes away then leaves the message waiting until a reload.
// - Everything arriving on the channel is validated strictly and copied field by field; junk is
//   dropped. News from another tab can change what is shown, never make this tab send anything.
// - A tab re-posts the replies streaming in it every `PULSE_MS`; a reply another tab showed as
//   streaming that is not refreshed within `STALE_MS` (that tab closed or crashed) ends
//   interrupted here.

/** How long a claim on the channel waits for another tab to object. */
export const CLAIM_WINDOW_MS = 300;
/** How often a tab re-posts the replies streaming in it. */
export const PULSE_MS = 3000;
/** A reply another tab streams that is not refreshed within this ends interrupted. */
export const STALE_MS = 10_000;

type News =
  | { type: 'message'; message: ChatMessage }
  | { type: 'clear'; session?: string }
  | { type: 'claim'; id: string }
  | { type: 'claimed'; id: string };

export interface TabSyncHandlers {
  /** A message as another tab has it (validated). */
  message(message: ChatMessage): void;
  /** Another tab cleared the conversation (and may have started the session `session`). */
  clear(session: string | undefined): void;
  /** Replies another tab streamed and stopped refreshing: they end interrupted here. */
  stale(ids: ReadonlySet<string>): void;
  /** This tab's replies streaming now (re-posted every `PULSE_MS`). */
  streaming(): readonly ChatMessage[];
}

const VERSION = 1;
const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 200;

/** A message rebuilt from its known fields only (nothing else from outside is kept). */
function copyMessage(m: ChatMessage): ChatMessage {
  const { id, role, content, state, time, card } = m;
  return card === undefined ? { id, role, content, state, time } : { id, role, content, state, time, card };
}

/** What arrived on the channel, if it is well-formed news from another tab. */
export function parseNews(data: unknown): (News & { from: string }) | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const d = data as Record<string, unknown>;
  if (d.v !== VERSION || !isId(d.from)) return undefined;
  const from = d.from;
  switch (d.type) {
    case 'message':
      return isChatMessage(d.message)
        ? { type: 'message', message: copyMessage(d.message), from }
        : undefined;
    case 'clear':
      if (d.session !== undefined && !isId(d.session)) return undefined;
      return d.session === undefined ? { type: 'clear', from } : { type: 'clear', session: d.session, from };
    case 'claim':
    case 'claimed':
      return isId(d.id) ? { type: d.type, id: d.id, from } : undefined;
    default:
      return undefined;
  }
}

export class TabSync {
  /** This tab's id on the channel (a claim tie goes to the lower one). */
  readonly tabId: string;
  private channel?: InstanceType<ChannelConstructor>;
  /** Claims held: how to let each go. */
  private readonly held = new Map<string, () => void>();
  /** Lock requests still waiting (aborted on close). */
  private readonly aborts = new Set<AbortController>();
  /** Claims waiting out their window (fallback): how to settle each. */
  private readonly claiming = new Map<string, (won: boolean) => void>();
  /** Replies other tabs showed streaming, and when each was last refreshed. */
  private readonly remote = new Map<string, number>();
  private pulseTimer: unknown;
  private closed = false;

  constructor(
    readonly name: string,
    private readonly deps: SessionDeps,
    private readonly handlers: TabSyncHandlers,
  ) {
    this.tabId = deps.newId();
    const Channel = deps.BroadcastChannel;
    if (!Channel) return;
    try {
      this.channel = new Channel(name);
      this.channel.onmessage = (event: MessageEvent) => this.receive(event.data);
    } catch {
      this.channel = undefined;
    }
  }

  /** Tells the other tabs about a message added or changed here. */
  message(message: ChatMessage): void {
    this.post({ type: 'message', message });
    this.schedulePulse();
  }

  /** Tells the other tabs the conversation was cleared (and the session that follows, if new). */
  clear(session?: string): void {
    this.post(session === undefined ? { type: 'clear' } : { type: 'clear', session });
  }

  /**
   * Claims the right to send a message restored from storage. Resolves true when this tab holds
   * it (until `release()` or `close()`), false when another tab has it. With Web Locks the claim
   * waits while another tab holds the message: if that tab goes away before delivering it, this
   * one takes over (after `CLAIM_WINDOW_MS`, so news of a delivery that raced the release is in).
   */
  claim(id: string): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.held.has(id)) return Promise.resolve(true);
    const locks = this.deps.locks;
    if (locks) return this.lock(locks, id, false);
    if (!this.channel) {
      this.held.set(id, () => undefined);
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const timer = this.deps.clock.setTimeout(() => settle(true), CLAIM_WINDOW_MS);
      const settle = (won: boolean) => {
        this.deps.clock.clearTimeout(timer);
        if (this.claiming.get(id) !== settle) return;
        this.claiming.delete(id);
        if (won && !this.closed) this.held.set(id, () => undefined);
        resolve(won && !this.closed);
      };
      this.claiming.set(id, settle);
      this.post({ type: 'claim', id });
    });
  }

  private lock(locks: LockManagerLike, id: string, fresh: boolean): Promise<boolean> {
    const abort = new AbortController();
    return new Promise<boolean>((resolve) => {
      this.aborts.add(abort);
      const options = fresh ? { ifAvailable: true } : { signal: abort.signal };
      locks
        .request(this.lockName(id), options, async (lock) => {
          this.aborts.delete(abort);
          if (!lock || this.closed) return resolve(false);
          const released = new Promise<void>((release) => this.held.set(id, release));
          if (!fresh)
            await new Promise((r) => this.deps.clock.setTimeout(() => r(undefined), CLAIM_WINDOW_MS));
          resolve(!this.closed && this.held.has(id));
          return released;
        })
        .catch(() => {
          this.aborts.delete(abort);
          resolve(false);
        });
    });
  }

  /** Holds the claim on a message this tab's person just wrote (no other tab can have it). */
  hold(id: string): void {
    if (this.closed || this.held.has(id)) return;
    if (this.deps.locks) void this.lock(this.deps.locks, id, true);
    else this.held.set(id, () => undefined);
  }

  /** Lets a claim go (the message was delivered, or failed). */
  release(id: string): void {
    this.held.get(id)?.();
    this.held.delete(id);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const release of this.held.values()) release();
    this.held.clear();
    for (const settle of [...this.claiming.values()]) settle(false);
    for (const abort of this.aborts) abort.abort();
    this.aborts.clear();
    this.deps.clock.clearTimeout(this.pulseTimer);
    this.pulseTimer = undefined;
    this.remote.clear();
    if (!this.channel) return;
    this.channel.onmessage = null;
    try {
      this.channel.close();
    } catch {
      // Closed already.
    }
    this.channel = undefined;
  }

  private lockName(id: string): string {
    return `ai-chat:send:${this.name}:${id}`;
  }

  private post(news: News): void {
    if (this.closed) return;
    try {
      this.channel?.postMessage({ ...news, v: VERSION, from: this.tabId });
    } catch {
      // Closed meanwhile, or a value that cannot be cloned: the other tabs miss this one.
    }
  }

  private receive(data: unknown): void {
    const news = parseNews(data);
    if (!news || news.from === this.tabId || this.closed) return;
    switch (news.type) {
      case 'message':
        if (news.message.state === 'streaming') this.remote.set(news.message.id, this.deps.clock.now());
        else this.remote.delete(news.message.id);
        this.handlers.message(news.message);
        this.schedulePulse();
        break;
      case 'clear':
        this.remote.clear();
        this.handlers.clear(news.session);
        break;
      case 'claim':
        // Ours: say so. Being claimed by both: the lower tab id wins.
        if (this.held.has(news.id)) this.post({ type: 'claimed', id: news.id });
        else if (this.claiming.has(news.id)) {
          if (news.from < this.tabId) this.claiming.get(news.id)!(false);
          else this.post({ type: 'claimed', id: news.id });
        }
        break;
      case 'claimed':
        this.claiming.get(news.id)?.(false);
        break;
    }
  }

  /** Runs the pulse while a reply streams here or in another tab. */
  private schedulePulse(): void {
    if (this.pulseTimer !== undefined || this.closed || !this.channel) return;
    this.pulseTimer = this.deps.clock.setTimeout(() => this.pulse(), PULSE_MS);
  }

  private pulse(): void {
    this.pulseTimer = undefined;
    const own = this.handlers.streaming();
    for (const message of own) this.post({ type: 'message', message });
    const now = this.deps.clock.now();
    const stale = new Set<string>();
    for (const [id, seen] of this.remote) if (now - seen >= STALE_MS) stale.add(id);
    for (const id of stale) this.remote.delete(id);
    if (stale.size) this.handlers.stale(stale);
    if (own.length || this.remote.size) this.schedulePulse();
  }
}
