import { z } from '../zod.js';
import {
  badFrame,
  describeIssues,
  idString,
  parseJson,
  parseAs,
  REFUSED_TOKEN_CODES,
  type Read,
} from '../frame.js';
import type {
  ClientCommand,
  SocketDialect,
  DialectContext,
  RemoteMessage,
  Role,
  ServerEvent,
  HttpRequest,
  SendCommand,
  StreamEvent,
} from '../types.js';

// `hybrid` — protocols.md §3 (seed 002, WebSocket + SSE). The socket is the control channel
// (typing, history sync, notifications), flat frames {type, …fields}; the reply streams over
// Server-Sent Events from the `stream-url`.

const optionalText = z.optional(z.nullable(z.string()));

const Frame = z.looseObject({ type: z.string() });

const ROLES: Record<string, Role> = {
  user: 'user',
  human: 'user',
  assistant: 'assistant',
  bot: 'assistant',
  ai: 'assistant',
  system: 'system',
};

const ChatMessage = z.looseObject({
  id: z.union([z.string(), z.number()]),
  role: z
    .string()
    .check(z.refine((role) => Object.hasOwn(ROLES, role.toLowerCase()), { message: 'unknown role' })),
  content: z.string(),
  timestamp: optionalText,
});
const History = z.looseObject({ messages: z.array(ChatMessage) });
const Typing = z.looseObject({ is_typing: z.boolean() });
const Notification = z
  .looseObject({ title: optionalText, body: optionalText, message: optionalText })
  .check(z.refine((note) => Boolean(note.body ?? note.message), { message: 'missing', path: ['body'] }));
const ErrorFrame = z.looseObject({ error: optionalText, message: optionalText, code: optionalText });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function remoteFrom(raw: z.infer<typeof ChatMessage>): RemoteMessage {
  return {
    id: idString(raw.id),
    role: ROLES[raw.role.toLowerCase()]!,
    content: raw.content,
    ...(raw.timestamp ? { time: raw.timestamp } : {}),
  };
}

/**
 * A history frame keeps the messages it can read: one odd entry (a tool message, say) does not
 * lose the whole history. The first entry it cannot read is reported in one `bad-frame` event.
 */
function history(frame: unknown): ServerEvent[] {
  const whole = History.safeParse(frame);
  if (whole.success) return [{ type: 'history', messages: whole.data.messages.map(remoteFrom) }];
  const report = badFrame(describeIssues('history', whole.error));
  const entries: unknown = isRecord(frame) ? frame['messages'] : undefined;
  if (!Array.isArray(entries)) return report;
  const good = entries.flatMap((entry) => {
    const result = ChatMessage.safeParse(entry);
    return result.success ? [remoteFrom(result.data)] : [];
  });
  return good.length ? [{ type: 'history', messages: good }, ...report] : report;
}

function decode(frame: unknown): ServerEvent[] {
  const json = parseJson(frame);
  if (Array.isArray(json)) return json;
  const head = Frame.safeParse(json.value);
  if (!head.success) return badFrame(describeIssues('hybrid', head.error));
  const { type } = head.data;

  const parse = <T>(schema: z.ZodMiniType<T>, value: unknown = json.value): Read<T> =>
    parseAs(schema, value, type);

  switch (type) {
    case 'typing': {
      const typing = parse(Typing);
      return Array.isArray(typing) ? typing : [{ type: 'typing', typing: typing.is_typing }];
    }
    case 'history':
      return history(json.value);
    case 'message': {
      const message = parse(ChatMessage);
      return Array.isArray(message) ? message : [{ type: 'history', messages: [remoteFrom(message)] }];
    }
    case 'notification': {
      const note = parse(Notification);
      if (Array.isArray(note)) return note;
      const body = note.body ?? note.message ?? '';
      return [{ type: 'system-line', text: note.title ? `${note.title}: ${body}` : body }];
    }
    case 'error': {
      const error = parse(ErrorFrame);
      if (Array.isArray(error)) return error;
      const message = error.error || error.message || 'The chat service reported an error.';
      return [{ type: 'error', message, ...(error.code ? { code: error.code } : {}) }];
    }
    case 'heartbeat':
    case 'pong':
      return [{ type: 'alive' }];
    default:
      return badFrame(`unknown frame type '${type.slice(0, 40)}'`);
  }
}

function encode(command: ClientCommand): string | undefined {
  switch (command.type) {
    case 'typing':
      return JSON.stringify({ type: 'typing', is_typing: command.typing });
    case 'send':
      return JSON.stringify({
        type: 'message',
        role: 'user',
        content: command.content,
        message_id: command.id,
        timestamp: command.time,
      });
    case 'reply-complete':
      return JSON.stringify({
        type: 'bot_response_complete',
        message_id: command.id,
        content: command.content,
      });
    case 'heartbeat':
    case 'auth':
    case 'join':
    case 'cancel':
      return undefined;
  }
}

/**
 * `{stream-url}?message=…&session_id=…&message_id=…`, keeping any query (and fragment) the stream URL has.
 * Values are percent-encoded as `encodeURIComponent` would (`%20`, never `+`, for a space).
 * A relative stream URL stays relative: the caller resolves it.
 */
function replyRequest(command: SendCommand, ctx: DialectContext): HttpRequest {
  const base = ctx.streamUrl ?? '';
  const hashAt = base.indexOf('#');
  const hash = hashAt < 0 ? '' : base.slice(hashAt);
  const beforeHash = hashAt < 0 ? base : base.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const path = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const params = new URLSearchParams(queryAt < 0 ? '' : beforeHash.slice(queryAt + 1));
  params.set('message', command.content);
  params.set('session_id', ctx.sessionId);
  // The client's id, so a backend can deduplicate a request made again after a failure.
  params.set('message_id', command.id);
  // URLSearchParams writes a space as `+` (and a real `+` as `%2B`), which some servers read
  // literally; `%20` means a space everywhere.
  return { method: 'GET', url: `${path}?${params.toString().replaceAll('+', '%20')}${hash}` };
}

/** The text of a JSON delta in any of the shapes protocols.md §3 lists (plus two common ones). */
function deltaText(chunk: Record<string, unknown>): string | undefined {
  for (const key of ['content', 'delta', 'text']) if (typeof chunk[key] === 'string') return chunk[key];
  // Anthropic-style {"delta": {"text": "…"}}.
  if (isRecord(chunk['delta']) && typeof chunk['delta']['text'] === 'string') return chunk['delta']['text'];
  const choice: unknown = Array.isArray(chunk['choices']) ? chunk['choices'][0] : undefined;
  if (isRecord(choice)) {
    // OpenAI chat {"choices": [{"delta": {"content": "…"}}]}, or completions {"choices": [{"text": "…"}]}.
    if (isRecord(choice['delta']) && typeof choice['delta']['content'] === 'string')
      return choice['delta']['content'];
    if (typeof choice['text'] === 'string') return choice['text'];
  }
  return undefined;
}

/**
 * One event of a reply stream. Never throws. Only unnamed (`message`) events carry text; a named
 * `error` event, or a JSON payload with an `error`, fails the reply; other named events (`ping`)
 * carry nothing to show. What is not a JSON object is plain text.
 */
function streamDecode({ event, data }: StreamEvent): ServerEvent[] {
  if (event === 'error') return [{ type: 'error', code: 'stream-error', message: errorText(data) }];
  if (event !== 'message') return [];
  if (data.trim() === '[DONE]') return [{ type: 'done' }];
  if (data === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return [{ type: 'reply-delta', delta: data }];
  }
  // A bare JSON string, number, array… is plain text that happens to parse.
  if (!isRecord(value)) return [{ type: 'reply-delta', delta: data }];
  if (value['error'] !== undefined && value['error'] !== null) {
    return [{ type: 'error', code: 'stream-error', message: errorText(value['error']) }];
  }
  const text = deltaText(value);
  // Role-only chunks, pings, usage reports: nothing to show.
  return text ? [{ type: 'reply-delta', delta: text }] : [];
}

/** A readable message from an in-band error (a string, `{message}`, or JSON text of either). */
function errorText(error: unknown): string {
  if (typeof error === 'string') {
    try {
      const parsed: unknown = JSON.parse(error);
      if (parsed !== error && parsed !== null && typeof parsed === 'object') return errorText(parsed);
    } catch {
      // Plain text.
    }
    return error.trim().slice(0, 500) || 'The reply stream reported an error.';
  }
  if (isRecord(error)) {
    const inner = error['error'] ?? error['message'];
    if (inner !== undefined && inner !== error) return errorText(inner);
  }
  return 'The reply stream reported an error.';
}

export const hybrid: SocketDialect = {
  name: 'hybrid',
  channel: 'socket',
  auth: ['query', 'protocol'],
  requires: ['streamUrl'],
  replies: 'id',
  typing: true,
  closeCodes: { unauthorized: REFUSED_TOKEN_CODES, final: [4404] },
  replyStream: { request: replyRequest, decode: streamDecode },
  decode,
  encode,
};
