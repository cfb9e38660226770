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
import { DoctorSchema, SymptomAnalysisSchema, doctorFrom, symptomAnalysisFrom } from '../cards.js';
import type { Card, ClientCommand, SocketDialect, DialectContext, Role, ServerEvent } from '../types.js';

// `envelope` — protocols.md §1 (seed 000, "AI Doctor System"). Every frame, both ways, is
// {type, data, session_id, message_id, timestamp}.

const optionalText = z.optional(z.nullable(z.string()));

const Envelope = z.looseObject({
  type: z.string(),
  data: z.optional(z.unknown()),
  message_id: z.optional(z.nullable(z.union([z.string(), z.number()]))),
});

const Chunk = z.looseObject({ content: z.string() });
const Complete = z.optional(
  z.nullable(
    z.looseObject({
      content: optionalText,
      analysis: z.optional(z.nullable(SymptomAnalysisSchema)),
      recommendations: z.optional(z.nullable(z.array(DoctorSchema))),
    }),
  ),
);
const ErrorData = z.looseObject({ error: optionalText, message: optionalText, code: optionalText });
const Typing = z.looseObject({ is_typing: z.boolean() });
const StatusData = z.looseObject({ status: z.string(), message: optionalText });
const Notification = z.looseObject({ title: optionalText, body: z.string() });
const ChatMessage = z.looseObject({
  id: z.union([z.string(), z.number()]),
  content: z.string(),
  type: z.enum(['user', 'ai', 'assistant', 'system']),
  timestamp: optionalText,
});

const ROLES: Record<z.infer<typeof ChatMessage>['type'], Role> = {
  user: 'user',
  ai: 'assistant',
  assistant: 'assistant',
  system: 'system',
};

function cardOf(data: z.infer<typeof Complete>): Card | undefined {
  if (data?.analysis) return symptomAnalysisFrom(data.analysis);
  if (data?.recommendations?.length)
    return { kind: 'doctors', doctors: data.recommendations.map(doctorFrom) };
  return undefined;
}

/**
 * The hot path: a well-formed `chunk` (thousands a second while a reply streams) is read with
 * plain checks that accept exactly what the schemas would; anything else goes through zod.
 */
function fastChunk(value: unknown): ServerEvent[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, data, message_id: id } = value as Record<string, unknown>;
  if (type !== 'chunk' || typeof data !== 'object' || data === null) return undefined;
  const content = (data as Record<string, unknown>).content;
  if (typeof content !== 'string') return undefined;
  if (id == null) return [{ type: 'reply-delta', delta: content }];
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  return [{ type: 'reply-delta', id: String(id), delta: content }];
}

function decode(frame: unknown): ServerEvent[] {
  const json = parseJson(frame);
  if (Array.isArray(json)) return json;
  const fast = fastChunk(json.value);
  if (fast) return fast;
  const envelope = Envelope.safeParse(json.value);
  if (!envelope.success) return badFrame(describeIssues('envelope', envelope.error));
  const { type, data } = envelope.data;
  const id = envelope.data.message_id == null ? undefined : idString(envelope.data.message_id);
  const withId = id === undefined ? {} : { id };

  const parse = <T>(schema: z.ZodMiniType<T>, value: unknown = data): Read<T> => parseAs(schema, value, type);

  switch (type) {
    case 'chunk': {
      const chunk = parse(Chunk);
      return Array.isArray(chunk) ? chunk : [{ type: 'reply-delta', ...withId, delta: chunk.content }];
    }
    case 'complete': {
      const done = parse(Complete);
      if (Array.isArray(done)) return done;
      const card = cardOf(done);
      return [
        {
          type: 'reply-end',
          ...withId,
          ...(typeof done?.content === 'string' ? { content: done.content } : {}),
          ...(card ? { card } : {}),
        },
      ];
    }
    case 'error': {
      const error = parse(ErrorData);
      if (Array.isArray(error)) return error;
      const message = error.error ?? error.message ?? 'The AI service reported an error.';
      return [{ type: 'error', message, ...(error.code ? { code: error.code } : {}) }];
    }
    case 'typing': {
      const typing = parse(Typing);
      return Array.isArray(typing) ? typing : [{ type: 'typing', typing: typing.is_typing }];
    }
    case 'status': {
      const status = parse(StatusData);
      if (Array.isArray(status)) return status;
      return status.message ? [{ type: 'system-line', text: status.message }] : [{ type: 'alive' }];
    }
    case 'notification': {
      const note = parse(Notification);
      if (Array.isArray(note)) return note;
      return [{ type: 'system-line', text: note.title ? `${note.title}: ${note.body}` : note.body }];
    }
    case 'message': {
      const message = parse(ChatMessage);
      if (Array.isArray(message)) return message;
      return [
        {
          type: 'history',
          messages: [
            {
              id: idString(message.id),
              role: ROLES[message.type],
              content: message.content,
              ...(message.timestamp ? { time: message.timestamp } : {}),
            },
          ],
        },
      ];
    }
    case 'heartbeat':
    case 'pong':
      // An answer to a heartbeat echoes its message_id: proof that what was written before it arrived.
      return [id === undefined ? { type: 'alive' } : { type: 'alive', answers: id }];
    default:
      return badFrame(`unknown frame type '${type.slice(0, 40)}'`);
  }
}

function encode(command: ClientCommand, ctx: DialectContext): string | undefined {
  const frame = (type: string, data: unknown, id: string, time: string) =>
    JSON.stringify({ type, data, session_id: ctx.sessionId, message_id: id, timestamp: time });
  switch (command.type) {
    case 'send':
      return frame(
        'message',
        { content: command.content, metadata: command.metadata ?? null, ai_feature: ctx.feature },
        command.id,
        command.time,
      );
    case 'heartbeat':
      return frame('heartbeat', { timestamp: command.time }, command.id, command.time);
    case 'auth':
      return frame('auth', { token: command.token }, command.id, command.time);
    case 'typing':
    case 'join':
    case 'reply-complete':
    case 'cancel':
      return undefined;
  }
}

export const envelope: SocketDialect = {
  name: 'envelope',
  channel: 'socket',
  auth: ['query', 'protocol', 'message'],
  // The seed's own client does not connect without a token: wait for one.
  requires: ['token'],
  replies: 'id',
  heartbeat: 'echo',
  closeCodes: { unauthorized: REFUSED_TOKEN_CODES, final: [4404] },
  decode,
  encode,
};
