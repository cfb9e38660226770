import type { Card, Role, Source } from '../protocol/types.js';

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
  /**
   * Figures about a reply, as its backend reported them: e.g. `usage` (`{inputTokens,
   * outputTokens, totalTokens}`), `finishReason`, `model`.
   */
  readonly meta?: Readonly<Record<string, unknown>>;
  /** The tools the agent ran for this reply, in order (standard streams). */
  readonly activity?: readonly Activity[];
  /** The model's reasoning for this reply (shown only when the host asks). */
  readonly reasoning?: readonly Reasoning[];
  /** Links the reply cites (only `http:` and `https:` ones). */
  readonly sources?: readonly Source[];
}

export const ActivityState = { running: 'running', done: 'done', failed: 'failed' } as const;
export type ActivityState = (typeof ActivityState)[keyof typeof ActivityState];

/** One tool the agent ran: a compact line in the transcript. */
export interface Activity {
  readonly id: string;
  /** The tool's name (`''` until the backend names it). */
  readonly name: string;
  readonly state: ActivityState;
  /** Its arguments or result as text (shown only when the host asks: `show-tool-details`). */
  readonly detail?: string;
}

/** One block of the model's reasoning. */
export interface Reasoning {
  readonly id: string;
  readonly text: string;
}

/** What arrived for a reply before the reply itself (a tool that runs first): it goes to the next reply. */
export interface Extras {
  readonly activity?: readonly Activity[];
  readonly reasoning?: readonly Reasoning[];
  readonly sources?: readonly Source[];
}

export interface Transcript {
  readonly messages: readonly ChatMessage[];
  /** The assistant reply streaming now, if any. */
  readonly openReplyId?: string;
  /** A user message went out and no reply has started yet. */
  readonly awaiting: boolean;
  /** The server says the assistant is typing. */
  readonly serverTyping: boolean;
  /**
   * Tool activity, reasoning or sources that arrived before the reply they belong to began (the
   * reply that begins next takes them; a turn that ends without one keeps them in a reply of their own).
   */
  readonly upcoming?: Extras;
}

/** Something the outside should hear about after a step (the element turns them into events). */
export type Effect =
  { kind: 'message'; message: ChatMessage } | { kind: 'error'; code: string; message: string };

export interface Step {
  transcript: Transcript;
  effects: Effect[];
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
