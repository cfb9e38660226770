import { z } from '../zod.js';
import type {
  ClientCommand,
  DialectContext,
  HttpDialect,
  HttpRequest,
  ServerEvent,
  StreamEvent,
} from '../types.js';
import { CARD_EVENT, cardEvent, detailText, typedEvent, isRecord, jsonPost, transcript } from './standard.js';

// `ai-sdk` — the Vercel AI SDK UI message stream, v1 (protocols.md §7; `ai` 7 is the reference).
// Each turn is a POST of what `useChat` (its `DefaultChatTransport`) posts; the answer is a
// `text/event-stream` (header `x-vercel-ai-ui-message-stream: v1`) of JSON chunks `{type, …}`
// ended by `data: [DONE]`. The mapping, and what is ignored, is in docs/dialects/ai-sdk.md.

const text = z.string();
const optionalText = z.optional(z.nullable(z.string()));

const Start = z.looseObject({ messageId: optionalText });
const Delta = z.looseObject({ delta: text });
const Reasoning = z.looseObject({ id: text });
const ReasoningDelta = z.looseObject({ id: text, delta: text });
const ErrorChunk = z.looseObject({ errorText: text });
const Finish = z.looseObject({ finishReason: optionalText, messageMetadata: z.optional(z.unknown()) });
const ToolStart = z.looseObject({ toolCallId: text, toolName: text });
const ToolInput = z.looseObject({ toolCallId: text, toolName: text, input: z.optional(z.unknown()) });
const ToolInputError = z.looseObject({ toolCallId: text, toolName: text, errorText: text });
const ToolOutput = z.looseObject({
  toolCallId: text,
  output: z.optional(z.unknown()),
  preliminary: z.optional(z.nullable(z.boolean())),
});
const ToolOutputError = z.looseObject({ toolCallId: text, errorText: text });
const ToolDenied = z.looseObject({ toolCallId: text });
const SourceUrl = z.looseObject({ url: text, title: optionalText });
const Data = z.looseObject({ data: z.optional(z.unknown()) });

/** A data part named `data-ai-chat-card` carries a card (the payload of AG-UI's `ai-chat.card`). */
const CARD_PART = `data-${CARD_EVENT.replace('.', '-')}`;

/** A source is listed only when it links to a web page (never `javascript:`, `data:` or a relative path). */
function isWebUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** The hot path: a well-formed `text-delta`, read with plain checks equal to the schema's. */
function fastDelta(value: unknown): ServerEvent[] | undefined {
  if (!isRecord(value) || value['type'] !== 'text-delta' || typeof value['delta'] !== 'string')
    return undefined;
  return value['delta'] === '' ? [] : [{ type: 'reply-delta', delta: value['delta'] }];
}

/**
 * One chunk of the answer. Never throws; a chunk type this file does not know yields nothing.
 * A response is one assistant message: its text parts stream into one reply, in order.
 */
function decode({ data }: StreamEvent): ServerEvent[] {
  if (data.trim() === '[DONE]') return [{ type: 'done' }];
  const event = typedEvent(data, 'UI message stream', fastDelta);
  if (Array.isArray(event)) return event;
  const { type, parse } = event;

  switch (type) {
    case 'start': {
      const start = parse(Start);
      if (Array.isArray(start)) return start;
      return [{ type: 'reply-start', ...(start.messageId ? { id: start.messageId } : {}) }];
    }
    case 'text-delta': {
      const delta = parse(Delta);
      if (Array.isArray(delta)) return delta;
      return delta.delta === '' ? [] : [{ type: 'reply-delta', delta: delta.delta }];
    }
    case 'reasoning-start': {
      const start = parse(Reasoning);
      return Array.isArray(start) ? start : [{ type: 'reasoning', id: start.id }];
    }
    case 'reasoning-delta': {
      const delta = parse(ReasoningDelta);
      return Array.isArray(delta) ? delta : [{ type: 'reasoning', id: delta.id, delta: delta.delta }];
    }
    case 'reasoning-end': {
      const end = parse(Reasoning);
      return Array.isArray(end) ? end : [{ type: 'reasoning', id: end.id, end: true }];
    }
    case 'tool-input-start': {
      const start = parse(ToolStart);
      if (Array.isArray(start)) return start;
      return [{ type: 'activity', id: start.toolCallId, name: start.toolName, state: 'running' }];
    }
    case 'tool-input-available': {
      const input = parse(ToolInput);
      if (Array.isArray(input)) return input;
      return [
        {
          type: 'activity',
          id: input.toolCallId,
          name: input.toolName,
          state: 'running',
          detail: detailText(input.input),
        },
      ];
    }
    case 'tool-input-error': {
      const error = parse(ToolInputError);
      if (Array.isArray(error)) return error;
      return [
        {
          type: 'activity',
          id: error.toolCallId,
          name: error.toolName,
          state: 'failed',
          detail: error.errorText,
        },
      ];
    }
    case 'tool-output-available': {
      const output = parse(ToolOutput);
      if (Array.isArray(output)) return output;
      return [
        {
          type: 'activity',
          id: output.toolCallId,
          state: output.preliminary ? 'running' : 'done',
          detail: detailText(output.output),
        },
      ];
    }
    case 'tool-output-error': {
      const error = parse(ToolOutputError);
      if (Array.isArray(error)) return error;
      return [{ type: 'activity', id: error.toolCallId, state: 'failed', detail: error.errorText }];
    }
    case 'tool-output-denied': {
      const denied = parse(ToolDenied);
      return Array.isArray(denied) ? denied : [{ type: 'activity', id: denied.toolCallId, state: 'failed' }];
    }
    case 'source-url': {
      const source = parse(SourceUrl);
      if (Array.isArray(source)) return source;
      if (!isWebUrl(source.url))
        return [{ type: 'bad-frame', reason: `'source-url' frame: url: not an http(s) URL` }];
      return [
        { type: 'sources', sources: [{ url: source.url, ...(source.title ? { title: source.title } : {}) }] },
      ];
    }
    case 'error': {
      const error = parse(ErrorChunk);
      if (Array.isArray(error)) return error;
      return [
        { type: 'error', message: error.errorText.slice(0, 500) || 'The chat service reported an error.' },
      ];
    }
    case 'abort':
      return [{ type: 'reply-stopped' }];
    case 'finish': {
      const finish = parse(Finish);
      if (Array.isArray(finish)) return finish;
      const meta: Record<string, unknown> = {};
      if (finish.finishReason) meta['finishReason'] = finish.finishReason;
      if (finish.messageMetadata !== undefined) meta['metadata'] = finish.messageMetadata;
      return [{ type: 'reply-end', ...(Object.keys(meta).length ? { meta } : {}) }, { type: 'done' }];
    }
    default: {
      if (type.startsWith('data-')) {
        const part = parse(Data);
        if (Array.isArray(part)) return part;
        if (type === CARD_PART) return cardEvent(part.data, CARD_PART);
        return [{ type: 'data', name: type.slice('data-'.length), data: part.data ?? null }];
      }
      // text-start/-end (a response is one message), tool-input-delta (the whole input follows in
      // tool-input-available), tool-approval-*, source-document (no link to show), file and
      // reasoning-file (model output never loads anything), start-step/finish-step/reset-step,
      // message-metadata, custom, steering-message, and whatever the stream adds next.
      return [];
    }
  }
}

/**
 * The request for a turn, as `useChat` posts it (`DefaultChatTransport` of `ai` 7):
 * `{id, messages: [{id, role, parts: [{type: 'text', text}]}], trigger: 'submit-message'}`.
 */
function encode(command: ClientCommand, ctx: DialectContext): HttpRequest | undefined {
  if (command.type !== 'send') return undefined;
  return jsonPost({
    id: ctx.sessionId,
    messages: transcript(command, ctx).map(({ id, role, content }) => ({
      id,
      role,
      parts: [{ type: 'text', text: content }],
    })),
    trigger: 'submit-message',
  });
}

/** The Vercel AI SDK UI message stream: a `useChat` POST per turn, UI message chunks back. */
export const aiSdk: HttpDialect = {
  name: 'ai-sdk',
  channel: 'http',
  auth: ['header'],
  replies: 'turn',
  cancel: true,
  decode,
  encode,
};
