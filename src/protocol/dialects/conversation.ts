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
} from '../types.js';

// `conversation` — protocols.md §4 (seed 003, "AI Chat Application"). In-band auth: the first
// frame is {type: "auth", token}; the connection is usable after `auth_success`. Every other
// frame is {type, data}.

const optionalText = z.optional(z.nullable(z.string()));
const id = z.union([z.string(), z.number()]);

const Frame = z.looseObject({ type: z.string(), data: z.optional(z.unknown()) });

const ROLES: Record<string, Role> = {
  user: 'user',
  assistant: 'assistant',
  ai: 'assistant',
  bot: 'assistant',
  system: 'system',
};

const ChatMessage = z.looseObject({
  id,
  content: z.string(),
  message_type: z
    .string()
    .check(z.refine((type) => Object.hasOwn(ROLES, type.toLowerCase()), { message: 'unknown message type' })),
  created_at: optionalText,
  client_id: z.optional(z.nullable(id)),
});
const WithMessage = z.looseObject({ message: ChatMessage });
const StreamContent = z.looseObject({
  message_id: z.optional(z.nullable(id)),
  content: z.string(),
  is_complete: z.optional(z.nullable(z.boolean())),
});
const StreamComplete = z.optional(z.nullable(z.looseObject({ message_id: z.optional(z.nullable(id)) })));
const TypingIndicator = z.looseObject({ is_typing: z.boolean(), user_id: z.optional(z.nullable(id)) });
const ErrorData = z.optional(
  z.nullable(z.looseObject({ code: z.optional(z.nullable(id)), message: optionalText, error: optionalText })),
);

function remoteFrom(raw: z.infer<typeof ChatMessage>): RemoteMessage {
  return {
    id: idString(raw.id),
    role: ROLES[raw.message_type.toLowerCase()]!,
    content: raw.content,
    ...(raw.created_at ? { time: raw.created_at } : {}),
  };
}

/** `{id}` when the server gave a message id (numbers made strings), else nothing. */
const withId = (value: string | number | null | undefined) => (value == null ? {} : { id: idString(value) });

function decode(frame: unknown, ctx: DialectContext): ServerEvent[] {
  const json = parseJson(frame);
  if (Array.isArray(json)) return json;
  const head = Frame.safeParse(json.value);
  if (!head.success) return badFrame(describeIssues('conversation', head.error));
  const { type, data } = head.data;

  const parse = <T>(schema: z.ZodMiniType<T>, value: unknown = data): Read<T> => parseAs(schema, value, type);

  switch (type) {
    case 'auth_success':
      return [{ type: 'ready' }];
    case 'auth_error':
    case 'auth_failed': {
      // The message may sit in `data` or, like `auth_success`'s fields, at the top level.
      const error = parse(ErrorData, data ?? json.value);
      if (Array.isArray(error)) return error;
      const message = error?.message || error?.error || 'The token was refused.';
      return [{ type: 'error', code: 'unauthorized', message }];
    }
    case 'message_received': {
      const received = parse(WithMessage);
      if (Array.isArray(received)) return received;
      const { message } = received;
      // Our own message coming back: the acknowledgement (by the id we made).
      if (message.client_id != null) {
        return [{ type: 'ack', clientId: idString(message.client_id), message: remoteFrom(message) }];
      }
      return [{ type: 'history', messages: [remoteFrom(message)] }];
    }
    case 'message_added': {
      const added = parse(WithMessage);
      return Array.isArray(added) ? added : [{ type: 'history', messages: [remoteFrom(added.message)] }];
    }
    case 'stream_start':
      // The reply appears with its first content.
      return [{ type: 'alive' }];
    case 'stream_content': {
      const chunk = parse(StreamContent);
      if (Array.isArray(chunk)) return chunk;
      const replyId = withId(chunk.message_id);
      const delta: ServerEvent = { type: 'reply-delta', ...replyId, delta: chunk.content };
      return chunk.is_complete ? [delta, { type: 'reply-end', ...replyId }] : [delta];
    }
    case 'stream_complete': {
      const done = parse(StreamComplete);
      return Array.isArray(done) ? done : [{ type: 'reply-end', ...withId(done?.message_id) }];
    }
    case 'typing_indicator': {
      const typing = parse(TypingIndicator);
      if (Array.isArray(typing)) return typing;
      // The server may echo the person's own typing back to the conversation: not the assistant.
      const own =
        ctx.userId !== undefined && typing.user_id != null && idString(typing.user_id) === ctx.userId;
      return own ? [{ type: 'alive' }] : [{ type: 'typing', typing: typing.is_typing }];
    }
    case 'error': {
      const error = parse(ErrorData);
      if (Array.isArray(error)) return error;
      const message = error?.message || error?.error || 'The chat service reported an error.';
      return [{ type: 'error', message, ...(error?.code != null ? { code: idString(error.code) } : {}) }];
    }
    case 'conversation_updated':
    case 'pong':
    case 'heartbeat':
      return [{ type: 'alive' }];
    default:
      return badFrame(`unknown frame type '${type.slice(0, 40)}'`);
  }
}

function encode(command: ClientCommand, ctx: DialectContext): string | undefined {
  // The seed's servers keep conversation ids as integers: an all-digit id goes out as a number.
  const conversation_id = /^\d{1,15}$/.test(ctx.sessionId) ? Number(ctx.sessionId) : ctx.sessionId;
  switch (command.type) {
    case 'auth':
      return JSON.stringify({ type: 'auth', token: command.token });
    case 'join':
      return JSON.stringify({ type: 'join_conversation', data: { conversation_id } });
    case 'send':
      return JSON.stringify({
        type: 'send_message',
        data: { conversation_id, content: command.content, message_type: 'user', client_id: command.id },
      });
    case 'typing':
      return JSON.stringify({ type: 'typing', data: { conversation_id, is_typing: command.typing } });
    case 'heartbeat':
    case 'reply-complete':
    case 'cancel':
      return undefined;
  }
}

export const conversation: SocketDialect = {
  name: 'conversation',
  channel: 'socket',
  auth: ['message'],
  // The seed's own client does not connect without a token: wait for one.
  requires: ['token'],
  replies: 'id',
  handshake: true,
  acks: true,
  typing: true,
  join: true,
  closeCodes: { unauthorized: REFUSED_TOKEN_CODES, final: [4404] },
  decode,
  encode,
};
