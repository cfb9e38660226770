import { z } from '../zod.js';
import { badFrame, describeIssues, idString, parseJson, parseAs, type Read } from '../frame.js';
import { TemplateSchema, templateFrom } from '../cards.js';
import type { ClientCommand, SocketDialect, DialectContext, ServerEvent } from '../types.js';

// `consultation` — protocols.md §5 (seed 004, "FitIQ" consultation). Flat frames
// {type, message_id | messageId, content?, metadata?, timestamp}. Be liberal: the fields may
// also arrive nested in `data`, and both id spellings are accepted.

const optionalText = z.optional(z.nullable(z.string()));
const optionalId = z.optional(z.nullable(z.union([z.string(), z.number()])));

const Frame = z.looseObject({ type: z.string(), data: z.optional(z.unknown()) });

/** The fields every frame may carry, read from the top level or from `data`. */
const Fields = z.looseObject({ message_id: optionalId, messageId: optionalId });
const Chunk = z.looseObject({ content: z.string() });
const Complete = z.looseObject({ content: optionalText });
const Template = z.looseObject({ metadata: TemplateSchema });
const ErrorFields = z.looseObject({
  content: optionalText,
  message: optionalText,
  error: optionalText,
  code: optionalId,
});
const Typing = z.looseObject({
  is_typing: z.optional(z.nullable(z.boolean())),
  isTyping: z.optional(z.nullable(z.boolean())),
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function decode(frame: unknown): ServerEvent[] {
  const json = parseJson(frame);
  if (Array.isArray(json)) return json;
  const head = Frame.safeParse(json.value);
  if (!head.success) return badFrame(describeIssues('consultation', head.error));
  const { type, data, ...top } = head.data;
  // Top-level fields win over the same fields nested in `data`.
  const fields: Record<string, unknown> = { ...(isRecord(data) ? data : {}), ...top };

  const parse = <T>(schema: z.ZodMiniType<T>, value: unknown = fields): Read<T> =>
    parseAs(schema, value, type);

  const ids = parse(Fields);
  if (Array.isArray(ids)) return ids;
  const messageId = ids.message_id ?? ids.messageId;
  const withId = messageId == null ? {} : { id: idString(messageId) };

  switch (type) {
    case 'ai_message_start':
      // The reply appears with its first chunk.
      return [{ type: 'alive' }];
    case 'ai_message_chunk': {
      const chunk = parse(Chunk);
      return Array.isArray(chunk) ? chunk : [{ type: 'reply-delta', ...withId, delta: chunk.content }];
    }
    case 'ai_message_complete': {
      const done = parse(Complete);
      if (Array.isArray(done)) return done;
      return [
        {
          type: 'reply-end',
          ...withId,
          ...(typeof done.content === 'string' ? { content: done.content } : {}),
        },
      ];
    }
    case 'template_created': {
      const template = parse(Template);
      if (Array.isArray(template)) return template;
      return [{ type: 'card', ...withId, card: templateFrom(template.metadata) }];
    }
    case 'error': {
      const error = parse(ErrorFields);
      if (Array.isArray(error)) return error;
      const message =
        error.content || error.message || error.error || 'The consultation service reported an error.';
      return [{ type: 'error', message, ...(error.code != null ? { code: idString(error.code) } : {}) }];
    }
    case 'typing':
    case 'ai_typing': {
      const typing = parse(Typing);
      if (Array.isArray(typing)) return typing;
      // A bare `ai_typing` frame means the assistant is typing.
      return [{ type: 'typing', typing: typing.is_typing ?? typing.isTyping ?? true }];
    }
    // A `pong` carries the ping's message_id: proof that what was written before the ping arrived.
    case 'pong':
      return [messageId == null ? { type: 'alive' } : { type: 'alive', answers: idString(messageId) }];
    // `user_message`: the server echoing the person's own message back, nothing new to show.
    case 'ping':
    case 'heartbeat':
    case 'user_message':
      return [{ type: 'alive' }];
    default:
      return badFrame(`unknown frame type '${type.slice(0, 40)}'`);
  }
}

function encode(command: ClientCommand): string | undefined {
  switch (command.type) {
    case 'send':
      return JSON.stringify({
        type: 'user_message',
        content: command.content,
        message_id: command.id,
        timestamp: command.time,
      });
    case 'heartbeat':
      return JSON.stringify({ type: 'ping', message_id: command.id, timestamp: command.time });
    case 'typing':
    case 'auth':
    case 'join':
    case 'reply-complete':
    case 'cancel':
      return undefined;
  }
}

export const consultation: SocketDialect = {
  name: 'consultation',
  channel: 'socket',
  auth: ['query'],
  // The seed's own client does not connect without a token: wait for one.
  requires: ['token'],
  replies: 'id',
  heartbeat: 'echo',
  closeCodes: { unauthorized: [4401, 1008], final: [1000, 4403, 4404] },
  query: (ctx: DialectContext) => ({ consultation_id: ctx.sessionId, api_key: ctx.apiKey }),
  decode,
  encode,
};
