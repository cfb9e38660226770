import type { ChatConfig } from '../config.js';
import type { ChatMessage } from '../transcript/types.js';
import type { SendCommand } from '../protocol/types.js';
import type { SessionDeps } from './deps.js';
import { ConversationStore } from './store.js';
import { TabSync, type TabSyncHandlers } from './tab-sync.js';

/** What sharing needs from its session. */
export interface SharingHooks extends Omit<TabSyncHandlers, 'clear'> {
  messages(): readonly ChatMessage[];
  /** Messages restored from storage (the conversation was empty). */
  restore(messages: readonly ChatMessage[]): void;
  /** A message restored waiting, which this tab won the claim to: it goes out. */
  resend(command: SendCommand): void;
  /** Whether this tab's outbox has the message. */
  queued(id: string): boolean;
  /** Another tab cleared the conversation (and started the session `session`, if it says so). */
  clear(session: string | undefined): void;
}

/**
 * Where a conversation lives beyond this page (`persist`): its store (the saved messages and
 * session id) and the line to the other tabs and frames showing it. See `tab-sync.ts` for the
 * rules between tabs.
 */
export class Sharing {
  private store?: ConversationStore;
  private tabs?: TabSync;

  constructor(
    private readonly deps: SessionDeps,
    private readonly hooks: SharingHooks,
  ) {}

  /**
   * Follows the config: finds the session id an earlier page saved (returned, so a reload
   * continues the same conversation; else `made`), restores the saved messages once, and claims
   * the waiting ones (each goes out from the one tab that wins it). Opens the line to other tabs.
   */
  sync(config: ChatConfig, made: string): string {
    const store = ConversationStore.for(config, this.deps.storage);
    if (!store) {
      this.store = undefined;
      this.open(undefined);
      return made;
    }
    if (store.same(this.store)) {
      this.open(store.key(config.sessionId ?? made));
      return made;
    }
    this.store = store;
    const sessionId = config.sessionId ?? store.sessionId(made);
    this.open(store.key(sessionId));
    const saved = store.load(sessionId);
    if (saved.length && this.hooks.messages().length === 0) this.restore(saved);
    return config.sessionId ? made : sessionId;
  }

  /** Saves the conversation (when a message was added or changed state). */
  save(sessionId: string, messages: readonly ChatMessage[]): void {
    this.store?.save(sessionId, messages);
  }

  /** Tells the other tabs about a message added or changed here. */
  tell(message: ChatMessage): void {
    this.tabs?.message(message);
  }

  /** Holds the claim on a message this tab's person wrote; lets it go once delivered or failed. */
  hold(id: string): void {
    this.tabs?.hold(id);
  }

  release(id: string): void {
    this.tabs?.release(id);
  }

  /**
   * The conversation was cleared here: its saved copy and id are forgotten, the other tabs clear
   * too (and follow to `next`, a new session, if given), and the line moves to the new session.
   */
  cleared(before: string, next: string | undefined, current: string): void {
    this.store?.forget(before);
    this.tabs?.clear(next);
    if (this.store) this.open(this.store.key(current));
  }

  /** The session changed (another tab started a new one): the line follows. */
  follow(sessionId: string): void {
    if (this.store) this.open(this.store.key(sessionId));
  }

  close(): void {
    this.tabs?.close();
    this.tabs = undefined;
    this.store = undefined;
  }

  private restore(saved: readonly ChatMessage[]): void {
    this.hooks.restore(saved);
    for (const m of this.hooks.messages()) {
      if (m.role !== 'user' || m.state !== 'pending') continue;
      const command: SendCommand = { type: 'send', id: m.id, content: m.content, time: m.time };
      const claim = this.tabs ? this.tabs.claim(m.id) : Promise.resolve(true);
      void claim.then((won) => {
        // Another tab sends it; or it was delivered, cleared or failed meanwhile.
        const still = this.hooks.messages().find((x) => x.id === m.id)?.state === 'pending';
        if (won && still && !this.hooks.queued(m.id)) this.hooks.resend(command);
        else if (won && !still) this.tabs?.release(m.id);
      });
    }
  }

  private open(name: string | undefined): void {
    if (this.tabs?.name === name) return;
    this.tabs?.close();
    this.tabs = name ? new TabSync(name, this.deps, this.hooks) : undefined;
  }
}
