/**
 * The internal event model every dialect maps onto, and the public dialect API. Nothing above
 * `protocol/` ever sees a wire frame: it sees `ServerEvent`s coming in and produces
 * `ClientCommand`s going out. A dialect is plain data (what it is) plus two pure functions
 * (`decode`, `encode`); the built-in dialects use exactly this API, and so can a partner's.
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

/** A link a reply cites (AI SDK `source-url`, AG-UI citations). */
export interface Source {
  url: string;
  title?: string;
}

/** One RFC 6902 JSON Patch operation (AG-UI `STATE_DELTA`). */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

export type ServerEvent =
  /**
   * A reply begins. Evidence of delivery: `replyTo` names the user message it answers when the
   * dialect knows it; otherwise it answers the oldest message written before it that has no
   * answer yet (streams are ordered).
   */
  | { type: 'reply-start'; id?: string; replyTo?: string }
  /** A piece of an assistant reply. `id` absent: the reply open now, or a new one. */
  | { type: 'reply-delta'; id?: string; delta: string }
  /**
   * A reply ends. `content`, when given, is the whole reply and replaces what streamed;
   * `last` is either the last delta or the whole reply (whole when it starts with what streamed).
   * `meta`: figures about the reply (token usage, model), kept in the message's `meta`.
   */
  | {
      type: 'reply-end';
      id?: string;
      content?: string;
      last?: string;
      card?: Card;
      meta?: Record<string, unknown>;
    }
  /** The server stopped the reply early on request (AI SDK `abort`): it ends `stopped`. */
  | { type: 'reply-stopped'; id?: string }
  /** The server reports an error; the reply it names (or the open one) ends as failed. */
  | { type: 'error'; message: string; code?: string; id?: string }
  /** The turn is over: nothing more comes for it (HTTP streams: a reply still open is complete). */
  | { type: 'done' }
  | { type: 'typing'; typing: boolean }
  /** An informational line (status text, notification). */
  | { type: 'system-line'; text: string }
  /**
   * Whole messages (history sync), added once each (deduplicated by id). `replace`: the server's
   * whole history (AG-UI `MESSAGES_SNAPSHOT`), which takes the place of what is shown.
   */
  | { type: 'history'; messages: RemoteMessage[]; replace?: boolean }
  /** A card, attached to the message `id` names, or on its own. */
  | { type: 'card'; card: Card; id?: string }
  /**
   * The server acknowledged a message sent with this client id. `message` is the server's
   * copy: shown when this tab does not know the id (another tab of the same person sent it).
   */
  | { type: 'ack'; clientId: string; message?: RemoteMessage }
  /** The handshake is done (dialects that authenticate in-band). */
  | { type: 'ready' }
  /**
   * Liveness only (heartbeat, pong). `answers`: the id of the heartbeat this answers, when the
   * server names it — evidence that everything written before that heartbeat arrived.
   */
  | { type: 'alive'; answers?: string }
  /**
   * A tool the agent runs (AG-UI `TOOL_CALL_*`, AI SDK tool parts): a compact activity line.
   * Later events with the same `id` update that line (tool streams name the tool only at first).
   */
  | {
      type: 'activity';
      id: string;
      /** The tool's name; absent on an update (the line keeps the name it has). */
      name?: string;
      state: 'running' | 'done' | 'failed';
      /** The reply it belongs to, when known. */
      replyId?: string;
      /** The tool's arguments or result as text, replacing any before (shown only when the host asks). */
      detail?: string;
      /** A piece of the arguments as they stream (AG-UI `TOOL_CALL_ARGS`): appended to `detail`. */
      detailDelta?: string;
    }
  /** The model's reasoning (hidden unless the host asks for it). */
  | { type: 'reasoning'; id: string; delta?: string; end?: boolean; replyId?: string }
  /** Links the reply cites, listed under it. */
  | { type: 'sources'; sources: Source[]; id?: string }
  /** The backend's shared state: a whole snapshot, or a JSON Patch to apply to the last one. */
  | { type: 'state'; snapshot?: unknown; patch?: JsonPatchOperation[] }
  /** Application data for the host page (AI SDK `data-*`, AG-UI `CUSTOM`): an event, nothing shown. */
  | { type: 'data'; name: string; data: unknown }
  /** A frame the dialect could not understand: dropped, reported, never thrown. */
  | { type: 'bad-frame'; reason: string };

export type SendCommand = {
  type: 'send';
  id: string;
  content: string;
  time: string;
  metadata?: Record<string, unknown>;
};

export type ClientCommand =
  | SendCommand
  | { type: 'heartbeat'; id: string; time: string }
  /** The person is (or stopped) typing. */
  | { type: 'typing'; typing: boolean }
  /** In-band authentication, the first frame in `message` auth mode. */
  | { type: 'auth'; id: string; token: string; time: string }
  /** Sent once each time the connection becomes usable (e.g. joining the conversation). */
  | { type: 'join' }
  /** A reply that streamed outside the socket has ended (so the server can keep it). */
  | { type: 'reply-complete'; id: string; content: string }
  /** The person stopped this reply (dialects with `cancel`). */
  | { type: 'cancel'; replyId: string };

/** One message of the conversation so far, as an encoder sees it (oldest first). */
export interface HistoryEntry {
  id: string;
  role: Role;
  content: string;
  time: string;
}

/**
 * What a dialect knows about the conversation when it encodes, decodes or builds a URL. Read it
 * when called and do not change it: `decode` gets the same object for frame after frame while
 * the config, the session and the state stay the same.
 */
export interface DialectContext {
  sessionId: string;
  feature: string;
  userId?: string;
  apiKey?: string;
  /** The `model` attribute (OpenAI-compatible backends). */
  model?: string;
  /** The `stream-url` attribute (dialects whose replies stream over HTTP beside a socket). */
  streamUrl?: string;
  /** The endpoint, with its placeholders filled in (an `http(s):` URL for HTTP dialects). */
  endpoint?: string;
  /**
   * The conversation so far, oldest first, finished messages only (plus, when encoding a
   * `send`, the message being sent, last). Stateless backends need the whole history.
   */
  history: readonly HistoryEntry[];
  /** The backend's shared state as last reported (`state` events), if any. */
  state?: unknown;
}

/**
 * How the token travels: `query` (`?token=` on the socket URL), `message` (an in-band `auth`
 * frame, first), `protocol` (`Sec-WebSocket-Protocol: bearer, TOKEN`) or `header`
 * (`Authorization: Bearer TOKEN` on HTTP requests).
 */
export const AuthMode = {
  query: 'query',
  message: 'message',
  protocol: 'protocol',
  header: 'header',
} as const;
export type AuthMode = (typeof AuthMode)[keyof typeof AuthMode];

/** A setting a dialect cannot work without. */
export type DialectSetting = 'endpoint' | 'token' | 'userId' | 'apiKey' | 'streamUrl' | 'model';

/** A request for one turn's reply, whose response body is a `text/event-stream`. */
export interface HttpRequest {
  /** Default: the endpoint (HTTP dialects) or the `stream-url` (a socket dialect's replies). */
  url?: string;
  /** Default `POST` when there is a body, else `GET`. */
  method?: 'GET' | 'POST';
  /** Extra headers (`Authorization` and `Accept` are added by the widget). */
  headers?: Record<string, string>;
  /** The body, already serialized (JSON for the standard streams). */
  body?: string;
}

/** One Server-Sent Event of a reply stream. `event` is `message` when the stream names none. */
export interface StreamEvent {
  event: string;
  data: string;
  id?: string;
}

/** Raw socket frame data, never parsed by the transport: text, or binary as an `ArrayBuffer`. */
export type SocketFrame = string | ArrayBuffer;

/** What every dialect declares about itself, as data. */
interface DialectTraits {
  /** A short name, shown in errors (the built-in ones are the `dialect` attribute's values). */
  readonly name: string;
  /** How a token may travel; the first is the default (the `auth` attribute picks another). */
  readonly auth: readonly AuthMode[];
  /** Settings it cannot work without. Without `token` it waits (status `idle`) instead of connecting. */
  readonly requires?: readonly DialectSetting[];
  /**
   * `id`: replies carry their own ids and may be under way together. `turn`: replies carry no
   * id, so the widget sends one message at a time, the next after the previous reply ended.
   */
  readonly replies: 'id' | 'turn';
  /** The server acknowledges each user message (`ack` events naming its client id). */
  readonly acks?: boolean;
  /**
   * The backend can be asked to stop a reply (a `cancel` frame; HTTP dialects abort the request).
   * Without it, stop drops the rest of that reply's frames.
   */
  readonly cancel?: boolean;
}

/** A dialect that keeps one WebSocket open for the whole conversation. */
export interface SocketDialect extends DialectTraits {
  readonly channel: 'socket';
  /** After open, the socket is usable only once `decode` yields `ready` (in-band authentication). */
  readonly handshake?: boolean;
  /**
   * A heartbeat frame exists (`encode({type: 'heartbeat'})`) and is sent every `heartbeat`
   * seconds. `echo`: the server answers each one (an `alive` event, naming its id when it can).
   */
  readonly heartbeat?: 'frame' | 'echo';
  /** A typing frame exists (`encode({type: 'typing'})`). */
  readonly typing?: boolean;
  /** A `join` frame is sent each time the connection becomes usable. */
  readonly join?: boolean;
  /** Close codes: refused credentials (`unauthorized`, no retry) and the end of the conversation (`final`). */
  readonly closeCodes?: { readonly unauthorized?: readonly number[]; readonly final?: readonly number[] };
  /** Extra query parameters of the socket URL (besides `token` in `query` auth). */
  query?(ctx: DialectContext): Record<string, string | undefined>;
  /**
   * One frame as it arrived (`SocketFrame`: text, or binary as an `ArrayBuffer`; typed `unknown`
   * because nothing from the network is trusted). Never throws: a frame it cannot understand
   * becomes a `bad-frame` event.
   */
  decode(frame: unknown, ctx: DialectContext): ServerEvent[];
  /** The frame for a command, or `undefined` when this dialect has no such frame. */
  encode(command: ClientCommand, ctx: DialectContext): string | undefined;
  /**
   * Replies stream over HTTP beside the socket (`hybrid`): the request for a message's reply
   * (`ctx.streamUrl` is its base), and how to read each event of the response.
   */
  readonly replyStream?: {
    request(command: SendCommand, ctx: DialectContext): HttpRequest;
    decode(event: StreamEvent, ctx: DialectContext): ServerEvent[];
  };
}

/**
 * A dialect with no persistent connection: each turn is one HTTP request (the whole history in
 * it) whose response streams the reply as Server-Sent Events.
 */
export interface HttpDialect extends DialectTraits {
  readonly channel: 'http';
  /** The request for a turn (`send`); `undefined` for commands it has no request for. */
  encode(command: ClientCommand, ctx: DialectContext): HttpRequest | undefined;
  /** One event of the response. Never throws. */
  decode(event: StreamEvent, ctx: DialectContext): ServerEvent[];
}

/** One wire dialect: plain data and pure functions, no class hierarchy. */
export type Dialect = SocketDialect | HttpDialect;
