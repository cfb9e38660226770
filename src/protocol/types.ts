/**
 * The internal event model every dialect maps onto. Nothing above `protocol/` ever sees a
 * wire frame: it sees `ServerEvent`s coming in and produces `ClientCommand`s going out.
 */

/** Structured results a backend attaches to a reply, shown as cards (never from markdown). */
export type Card =
  | { kind: 'symptom-analysis'; urgency: string; specialties: string[] }
  | { kind: 'doctors'; doctors: Doctor[] }
  | { kind: 'time-slots'; slots: TimeSlot[] }
  | { kind: 'booking-confirmation'; appointmentId: string; status: string; doctor?: string; start?: string }
  | { kind: 'template'; templateId: string; templateType: string; name: string; description?: string };

export interface Doctor {
  id: string;
  name: string;
  specialty?: string;
  rating?: number;
  nextAvailable?: string;
}

export interface TimeSlot {
  id: string;
  start: string;
  end?: string;
  doctorId?: string;
  available?: boolean;
}

export type Role = 'user' | 'assistant' | 'system';

/** A whole message the server sends as history or from another tab. */
export interface RemoteMessage {
  id: string;
  role: Role;
  content: string;
  time?: string;
}

export type ServerEvent =
  /** A piece of an assistant reply. `id` absent: the reply open now, or a new one. */
  | { type: 'reply-delta'; id?: string; delta: string }
  /**
   * A reply ends. `content`, when given, is the whole reply and replaces what streamed;
   * `last` is either the last delta or the whole reply (whole when it starts with what streamed).
   */
  | { type: 'reply-end'; id?: string; content?: string; last?: string; card?: Card }
  /** The server reports an error; an open reply ends as failed. */
  | { type: 'error'; message: string; code?: string }
  | { type: 'typing'; typing: boolean }
  /** An informational line (status text, notification). */
  | { type: 'notice'; text: string }
  /** Whole messages (history sync), added once each (deduplicated by id). */
  | { type: 'history'; messages: RemoteMessage[] }
  /** A card on its own (not closing a reply). */
  | { type: 'card'; card: Card; id?: string }
  /**
   * The server acknowledged a message sent with this client id. `message` is the server's
   * copy: shown when this tab does not know the id (another tab of the same person sent it).
   */
  | { type: 'ack'; clientId: string; message?: RemoteMessage }
  /** The handshake is done (dialects that authenticate in-band). */
  | { type: 'ready' }
  /** Liveness only (heartbeat, pong). */
  | { type: 'alive' }
  /** A frame the dialect could not understand: dropped, reported, never thrown. */
  | { type: 'bad-frame'; reason: string };

export type ClientCommand =
  | { type: 'send'; id: string; content: string; time: string; metadata?: Record<string, unknown> }
  | { type: 'heartbeat'; id: string; time: string }
  /** The person is (or stopped) typing. */
  | { type: 'typing'; typing: boolean }
  /** In-band authentication, the first frame in `message` auth mode. */
  | { type: 'auth'; id: string; token: string; time: string }
  /** Sent once each time the connection becomes usable (e.g. joining the conversation). */
  | { type: 'join' }
  /** A reply that streamed outside the socket has ended (so the server can keep it). */
  | { type: 'reply-complete'; id: string; content: string };

/** One `data:` payload of a reply streamed over Server-Sent Events, decoded. */
export type StreamChunk = { type: 'delta'; text: string } | { type: 'done' } | { type: 'skip' };

/** What a dialect knows about the conversation when it encodes or builds the URL. */
export interface DialectContext {
  sessionId: string;
  feature: string;
  userId?: string;
  apiKey?: string;
}

export type AuthMode = 'query' | 'message' | 'protocol';

/** One wire dialect: plain data and pure functions, no class hierarchy. */
export interface Dialect {
  readonly name: string;
  /** How the token travels when the `auth` attribute does not say. */
  readonly auth: AuthMode;
  /** Whether the connection is usable at open (`true`) or only after a `ready` event. */
  readonly readyOnOpen: boolean;
  /** Close codes that mean the token was refused: no retry, status `unauthorized`. */
  readonly unauthorizedCodes: readonly number[];
  /** Close codes after which the widget must not reconnect (status `offline`). */
  readonly finalCodes: readonly number[];
  /**
   * Whether the server acknowledges each sent message (`ack` events): a message then stays
   * `pending` until acknowledged, and unacknowledged ones are sent again on the next
   * connection (the server deduplicates by the client id).
   */
  readonly acks?: boolean;
  /** Extra query parameters for the socket URL (besides `token` in `query` auth). */
  query?(ctx: DialectContext): Record<string, string | undefined>;
  /**
   * Replies stream over Server-Sent Events (`hybrid`): the URL of the stream for a message
   * (from the `stream-url` attribute), and how to read each `data:` payload.
   */
  readonly stream?: {
    url(streamUrl: string, command: Extract<ClientCommand, { type: 'send' }>, ctx: DialectContext): string;
    decode(data: string): StreamChunk;
  };
  /** Never throws: a frame it cannot understand becomes a `bad-frame` event. */
  decode(frame: unknown, ctx: DialectContext): ServerEvent[];
  /** The frame for a command, or `undefined` when this dialect has no such frame. */
  encode(command: ClientCommand, ctx: DialectContext): string | undefined;
}
