import type { ChatMessage } from './transcript/types.js';
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

/**
 * The codes of `ai-chat-error` the widget reports itself. An `error` frame from a server that
 * names its own code (`rate_limited`, …) passes that code on as it came, so the type stays open.
 */
export const AiChatErrorCode = {
  /** A setting is wrong (its default is used instead), or one the dialect needs is missing (also "no token"). */
  badConfig: 'bad-config',
  /** A frame the dialect could not understand was dropped (the conversation goes on). */
  badFrame: 'bad-frame',
  /** The server reported an error without a code of its own; the reply it names ends `failed`. */
  serverError: 'server-error',
  /** The server refused the credentials sent in-band (the `conversation` dialect's auth frame). */
  unauthorized: 'unauthorized',
  /** A message could not be written (the socket failed, or the dialect has no frame for it). */
  sendFailed: 'send-failed',
  /** The outbox already holds 200 messages: this one is not sent and ends `failed`. */
  outboxFull: 'outbox-full',
  /** The message is longer than `max-length`: it is not sent. */
  tooLong: 'too-long',
  /** No usable connection within the connect timeout: the attempt counts as failed and another follows. */
  connectTimeout: 'connect-timeout',
  /** The browser refused to open the WebSocket (an unusable URL). */
  socketFailed: 'socket-failed',
  /** Where to connect could not be worked out (the token provider failed while the URL was built). */
  targetFailed: 'target-failed',
  /** The `tokenProvider` threw or rejected. */
  tokenProvider: 'token-provider',
  /** An HTTP reply stream failed for good (the server answered with an error): the reply ends `failed`. */
  streamFailed: 'stream-failed',
  /** An HTTP reply stream reported an error event. */
  streamError: 'stream-error',
  /** A reply grew past 512 K characters: it is cut there and ends `failed`. */
  replyTooLarge: 'reply-too-large',
} as const;
export type AiChatErrorCode = (typeof AiChatErrorCode)[keyof typeof AiChatErrorCode] | (string & {});

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
