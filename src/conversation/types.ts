import type { Card, Role } from '../protocol/types.js';

export const MessageState = {
  /**
   * A user message the server is not yet known to have: waiting in the outbox, or written to the
   * connection without evidence yet that it arrived (it is resent, with the same id, after a drop).
   */
  pending: 'pending',
  /** The server has it: acknowledged, answered, or something written after it was answered. */
  sent: 'sent',
  /** An assistant reply that is still arriving. */
  streaming: 'streaming',
  complete: 'complete',
  /** The connection dropped mid-reply; what arrived stays visible. */
  interrupted: 'interrupted',
  /** The person stopped the reply (`stop()`); what arrived stays visible. */
  stopped: 'stopped',
  /** A user message that could not be sent, or a reply the server failed (or cut at the size bound). */
  failed: 'failed',
} as const;
export type MessageState = (typeof MessageState)[keyof typeof MessageState];

/** One message of the conversation, as the host page sees it (`el.messages`). */
export interface ChatMessage {
  readonly id: string;
  readonly role: Role;
  readonly content: string;
  readonly state: MessageState;
  /** ISO 8601 time the message was created or received. */
  readonly time: string;
  readonly card?: Card;
}

export interface Conversation {
  readonly messages: readonly ChatMessage[];
  /** The assistant reply streaming now, if any. */
  readonly openReplyId?: string;
  /** A user message went out and no reply has started yet. */
  readonly awaiting: boolean;
  /** The server says the assistant is typing. */
  readonly serverTyping: boolean;
}

/** Something the outside should hear about after a step (the element turns them into events). */
export type Notice =
  { kind: 'message'; message: ChatMessage } | { kind: 'error'; code: string; message: string };

export interface Step {
  conversation: Conversation;
  notices: Notice[];
}

export interface StepContext {
  /** ISO time for new messages. */
  now: string;
  /** Makes an id for a reply the server did not name. */
  newId: () => string;
  /** Keep the newest N messages (pending ones are never dropped). */
  maxMessages: number;
  /** The longest reply kept (default `MAX_REPLY_CHARS`). */
  maxReplyChars?: number;
}
