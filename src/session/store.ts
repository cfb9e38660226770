import type { ChatConfig } from '../config.js';
import {
  conversationKey,
  loadMessages,
  readItem,
  saveMessages,
  sessionKey,
  writeItem,
  type ChatMessage,
  type StorageLike,
} from '../transcript/index.js';

/**
 * Where one conversation is kept across reloads (`persist`): its storage, its key, and the key of
 * the session id the widget made. Every failure of the storage is swallowed by the functions it
 * uses: losing the saved copy never breaks the chat.
 */
export class ConversationStore {
  private constructor(
    private readonly storage: StorageLike,
    /** Where the session id the widget made is kept (none when the host set `session-id`). */
    private readonly idKey: string | undefined,
    private readonly base: { endpoint: string; feature: string },
  ) {}

  /** The store for a config, or none (no `persist`, no endpoint, or no storage). */
  static for(config: ChatConfig, storageFor: (mode: ChatConfig['persist']) => StorageLike | undefined) {
    if (config.persist === 'none' || !config.endpoint) return undefined;
    const storage = storageFor(config.persist);
    if (!storage) return undefined;
    const idKey = config.sessionId ? undefined : sessionKey(config.endpoint, config.feature);
    return new ConversationStore(storage, idKey, { endpoint: config.endpoint, feature: config.feature });
  }

  /** Whether this store is the same place as another (same storage, endpoint and feature). */
  same(other: ConversationStore | undefined): boolean {
    return (
      other !== undefined &&
      other.storage === this.storage &&
      other.idKey === this.idKey &&
      other.base.endpoint === this.base.endpoint &&
      other.base.feature === this.base.feature
    );
  }

  /** The session id saved by an earlier page, or `made` (saved now for the next one). */
  sessionId(made: string): string {
    if (!this.idKey) return made;
    const saved = readItem(this.storage, this.idKey);
    if (saved) return saved;
    writeItem(this.storage, this.idKey, made);
    return made;
  }

  /** The session id saved now (another tab may have started a new one). */
  savedSessionId(): string | undefined {
    return this.idKey ? readItem(this.storage, this.idKey) : undefined;
  }

  /** The key of the conversation of a session: also the name tabs of it talk on. */
  key(sessionId: string): string {
    return conversationKey(this.base.endpoint, this.base.feature, sessionId);
  }

  load(sessionId: string): ChatMessage[] {
    return loadMessages(this.storage, this.key(sessionId));
  }

  save(sessionId: string, messages: readonly ChatMessage[]): void {
    saveMessages(this.storage, this.key(sessionId), messages);
  }

  /** Forgets a session: its conversation and the saved id (nothing of it stays stored). */
  forget(sessionId: string): void {
    writeItem(this.storage, this.key(sessionId), undefined);
    if (this.idKey) writeItem(this.storage, this.idKey, undefined);
  }
}
