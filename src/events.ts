import type { ChatMessage } from './conversation/types.js';
import type { StatusDetail } from './transport/status.js';

// Every event <ai-chat> fires: typed `Event` subclasses, `ai-chat-` prefix, bubbling and
// composed so they cross shadow roots; user intents are cancelable.

const init = { bubbles: true, composed: true } as const;

/** Fired on every connection status change. */
export class AiChatStatusEvent extends Event {
  static readonly eventName = 'ai-chat-status';
  constructor(readonly detail: Readonly<StatusDetail>) {
    super(AiChatStatusEvent.eventName, init);
  }
}

/** Fired when a message is added, finishes streaming, or changes state. */
export class AiChatMessageEvent extends Event {
  static readonly eventName = 'ai-chat-message';
  constructor(readonly detail: { readonly message: ChatMessage }) {
    super(AiChatMessageEvent.eventName, init);
  }
}

/** Fired before a user message is sent; `preventDefault()` stops it. */
export class AiChatSendEvent extends Event {
  static readonly eventName = 'ai-chat-send';
  constructor(readonly detail: { readonly content: string }) {
    super(AiChatSendEvent.eventName, { ...init, cancelable: true });
  }
}

/** Fired when a choice on a card is clicked; `preventDefault()` stops what it would send. */
export class AiChatActionEvent extends Event {
  static readonly eventName = 'ai-chat-action';
  constructor(
    readonly detail: { readonly action: string; readonly value: string; readonly message: ChatMessage },
  ) {
    super(AiChatActionEvent.eventName, { ...init, cancelable: true });
  }
}

/**
 * Fired when the backend's shared state changes (AG-UI `STATE_SNAPSHOT`, or a `STATE_DELTA` JSON
 * Patch applied to it): `state` is the whole state as it is now.
 */
export class AiChatStateEvent extends Event {
  static readonly eventName = 'ai-chat-state';
  constructor(readonly detail: { readonly state: unknown }) {
    super(AiChatStateEvent.eventName, init);
  }
}

/**
 * Fired for application data the backend sends the page (AI SDK `data-*` parts, AG-UI `CUSTOM`
 * events other than cards): nothing is shown; `name` is the part's name without `data-`, or the
 * custom event's name.
 */
export class AiChatDataEvent extends Event {
  static readonly eventName = 'ai-chat-data';
  constructor(readonly detail: { readonly name: string; readonly data: unknown }) {
    super(AiChatDataEvent.eventName, init);
  }
}

/** Error codes the widget reports in `ai-chat-error`. */
export type AiChatErrorCode =
  | 'server-error'
  | 'bad-frame'
  | 'bad-config'
  | 'send-failed'
  | 'outbox-full'
  | 'connect-timeout'
  | 'token-provider'
  | (string & {});

/** Fired for a server error, a bad frame, a failed send or an unusable configuration. */
export class AiChatErrorEvent extends Event {
  static readonly eventName = 'ai-chat-error';
  constructor(readonly detail: { readonly code: AiChatErrorCode; readonly message: string }) {
    super(AiChatErrorEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ai-chat-status': AiChatStatusEvent;
    'ai-chat-message': AiChatMessageEvent;
    'ai-chat-send': AiChatSendEvent;
    'ai-chat-action': AiChatActionEvent;
    'ai-chat-error': AiChatErrorEvent;
    'ai-chat-state': AiChatStateEvent;
    'ai-chat-data': AiChatDataEvent;
  }
}
