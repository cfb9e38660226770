import type { RawConfig } from '../config.js';
import type { ChatMessage } from '../transcript/types.js';
import type { StatusDetail } from '../transport/status.js';
import type { TokenProvider } from './token.js';

/** What the host sets: the element's settings plus its credentials and what it shows. */
export interface SessionSettings extends RawConfig {
  token?: string | null;
  /** Also `setTokenProvider()`, which costs nothing when the function is only new. */
  tokenProvider?: TokenProvider | null;
  /** Whether the chat is visible: inline always; a launcher while its panel is open. Default true. */
  panelOpen?: boolean;
}

/** Where a message change came from: the server, its history replay, another tab, or storage. */
export type Origin = 'live' | 'history' | 'tab' | 'restore';

/** Detail of the session's `message` event. */
export interface MessageDetail {
  message: ChatMessage;
  origin: Origin;
  /** The message was not in the conversation before. */
  added: boolean;
}

/**
 * Events of a `ChatSession` (not in the DOM; the element's controller re-dispatches them as the
 * typed `ai-chat-*` events):
 * - `status` — every status change; `message` — a message added or changed; `error` — something
 *   to report (`{code, message}`); `send` — cancelable, before a user message is sent;
 * - `state` — the backend's shared state changed (a snapshot, or a patch applied): the whole state;
 * - `data` — application data for the host page (AI SDK `data-*`, AG-UI `CUSTOM`), `{name, data}`;
 * - `change` — anything the view shows changed.
 */
export interface ChatSessionEventMap {
  status: CustomEvent<StatusDetail>;
  message: CustomEvent<MessageDetail>;
  error: CustomEvent<{ code: string; message: string }>;
  send: CustomEvent<{ content: string }>;
  state: CustomEvent<{ state: unknown }>;
  data: CustomEvent<{ name: string; data: unknown }>;
}
