import { z } from '../zod.js';
import { describeIssues } from '../frame.js';
import type {
  ClientCommand,
  DialectContext,
  HttpDialect,
  HttpRequest,
  ServerEvent,
  StreamEvent,
} from '../types.js';
import { codeOf, errorText, eventJson, isRecord, jsonPost, transcript, usageOf } from './standard.js';

// `openai` — OpenAI-compatible Chat Completions streaming (protocols.md §8). Each turn is a POST
// of `{model, messages, stream: true, stream_options: {include_usage: true}}`; the answer is
// `data:` lines of `chat.completion.chunk` objects ended by `data: [DONE]`. The mapping, and what
// is ignored, is in docs/dialects/openai.md.

const optionalText = z.optional(z.nullable(z.string()));

const Delta = z.looseObject({
  content: optionalText,
  /** What a model refused to do: shown as its reply. */
  refusal: optionalText,
  /** Reasoning text as DeepSeek, vLLM and most proxies stream it (`reasoning` on OpenRouter). */
  reasoning_content: optionalText,
  reasoning: optionalText,
});
const Choice = z.looseObject({
  index: z.optional(z.number()),
  delta: z.optional(z.nullable(Delta)),
  finish_reason: optionalText,
});
const Chunk = z.looseObject({
  id: optionalText,
  model: optionalText,
  choices: z.optional(z.nullable(z.array(Choice))),
  usage: z.optional(z.nullable(z.unknown())),
  error: z.optional(z.unknown()),
});

/** Reasoning has no id on the wire: one reasoning block per reply, named after the completion. */
const REASONING_ID = 'reasoning';
const FALLBACK_ERROR = 'The model service reported an error.';

/** The hot path: a well-formed content chunk, read with plain checks equal to the schema's. */
function fastChunk(value: unknown): ServerEvent[] | undefined {
  if (!isRecord(value) || value['error'] !== undefined || value['usage'] != null) return undefined;
  const { id, choices } = value;
  if (typeof id !== 'string' || !Array.isArray(choices) || choices.length !== 1) return undefined;
  const choice: unknown = choices[0];
  if (!isRecord(choice) || choice['finish_reason'] != null || !isRecord(choice['delta'])) return undefined;
  const delta = choice['delta'];
  const content = delta['content'];
  if (typeof content !== 'string' || content === '') return undefined;
  for (const key of ['refusal', 'reasoning_content', 'reasoning']) if (delta[key] != null) return undefined;
  return [{ type: 'reply-delta', ...(id ? { id } : {}), delta: content }];
}

/**
 * One event of the answer. Never throws. The chunks' `id` (the same on every chunk of a
 * completion) is the reply's id; only the first choice is shown (the widget asks for one).
 */
function decode({ event, data }: StreamEvent): ServerEvent[] {
  if (event === 'error')
    return [{ type: 'error', code: 'stream-error', message: errorText(data, FALLBACK_ERROR) }];
  if (data.trim() === '[DONE]') return [{ type: 'done' }];
  const json = eventJson(data);
  if (Array.isArray(json)) return json;
  if (json.value === null) return [];
  const fast = fastChunk(json.value);
  if (fast) return fast;
  const parsed = Chunk.safeParse(json.value);
  if (!parsed.success)
    return [{ type: 'bad-frame', reason: describeIssues('chat.completion.chunk', parsed.error) }];
  const chunk = parsed.data;
  const withId = chunk.id ? { id: chunk.id } : {};

  if (chunk.error !== undefined && chunk.error !== null) {
    const code = isRecord(chunk.error) ? codeOf(chunk.error['code'] ?? chunk.error['type']) : {};
    return [{ type: 'error', message: errorText(chunk.error, FALLBACK_ERROR), ...code }];
  }

  const events: ServerEvent[] = [];
  const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
  const delta = choice?.delta;
  const reasoning = delta?.reasoning_content || delta?.reasoning;
  if (reasoning) {
    events.push({
      type: 'reasoning',
      id: chunk.id ? `${REASONING_ID}-${chunk.id}` : REASONING_ID,
      ...(chunk.id ? { replyId: chunk.id } : {}),
      delta: reasoning,
    });
  }
  const content = (delta?.content ?? '') + (delta?.refusal ?? '');
  if (content) events.push({ type: 'reply-delta', ...withId, delta: content });
  // The reply ends with its finish reason; with `include_usage`, a last chunk (no choices) carries
  // the figures of the whole reply, and ends it again with them (some servers send both at once).
  const meta: Record<string, unknown> = {};
  if (choice?.finish_reason) {
    meta['finishReason'] = choice.finish_reason;
    if (chunk.model) meta['model'] = chunk.model;
  }
  const usage = usageOf(chunk.usage);
  if (usage) meta['usage'] = usage;
  if (Object.keys(meta).length) events.push({ type: 'reply-end', ...withId, meta });
  return events;
}

/**
 * The request for a turn: the conversation so far as `messages` (`{role, content}`), the
 * `model` attribute, streaming on, with the usage figures at the end.
 */
function encode(command: ClientCommand, ctx: DialectContext): HttpRequest | undefined {
  if (command.type !== 'send') return undefined;
  return jsonPost({
    model: ctx.model ?? '',
    messages: transcript(command, ctx).map(({ role, content }) => ({ role, content })),
    stream: true,
    stream_options: { include_usage: true },
  });
}

/** OpenAI-compatible Chat Completions streaming: a POST per turn, `chat.completion.chunk`s back. */
export const openai: HttpDialect = {
  name: 'openai',
  channel: 'http',
  auth: ['header'],
  requires: ['model'],
  replies: 'turn',
  cancel: true,
  decode,
  encode,
};
