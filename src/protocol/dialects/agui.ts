import { z } from '../zod.js';
import { describeIssues } from '../frame.js';
import type {
  ClientCommand,
  DialectContext,
  HttpDialect,
  HttpRequest,
  JsonPatchOperation,
  RemoteMessage,
  ServerEvent,
  StreamEvent,
} from '../types.js';
import { CARD_EVENT, cardEvent, typedEvent, isRecord, jsonPost, transcript } from './standard.js';

// `agui` — AG-UI 1.0 over HTTP (protocols.md §6; `@ag-ui/core` is the reference). Each turn is a
// POST of a `RunAgentInput` to the endpoint; the answer is a `text/event-stream` whose events'
// `data` are AG-UI events `{type, …}`. The mapping, and what is ignored, is in docs/dialects/agui.md.
// AG-UI grows: an event type this file does not know is ignored, never reported.

const text = z.string();
const optionalText = z.optional(z.nullable(z.string()));

const TextStart = z.looseObject({ messageId: text });
const TextContent = z.looseObject({ messageId: text, delta: text });
const TextEnd = z.looseObject({ messageId: text });
const TextChunk = z.looseObject({ messageId: optionalText, delta: optionalText });
const ToolStart = z.looseObject({ toolCallId: text, toolCallName: text, parentMessageId: optionalText });
const ToolArgs = z.looseObject({ toolCallId: text, delta: text });
const ToolChunk = z.looseObject({
  toolCallId: optionalText,
  toolCallName: optionalText,
  parentMessageId: optionalText,
  delta: optionalText,
});
const ToolResult = z.looseObject({
  toolCallId: text,
  content: z.union([text, z.array(z.unknown())]),
  error: optionalText,
});
const StateSnapshot = z.looseObject({ snapshot: z.unknown() });
const PatchOperation = z
  .looseObject({
    op: z.enum(['add', 'remove', 'replace', 'move', 'copy', 'test']),
    path: text,
    from: z.optional(text),
    value: z.optional(z.unknown()),
  })
  .check(
    z.refine((o) => !(o.op === 'move' || o.op === 'copy') || o.from !== undefined, {
      message: 'missing',
      path: ['from'],
    }),
    z.refine((o) => !(o.op === 'add' || o.op === 'replace' || o.op === 'test') || Object.hasOwn(o, 'value'), {
      message: 'missing',
      path: ['value'],
    }),
  );
const StateDelta = z.looseObject({ delta: z.array(PatchOperation) });
const MessagesSnapshot = z.looseObject({ messages: z.array(z.unknown()) });
/** Content is read only for user and assistant messages (a string, or parts); other roles carry other shapes. */
const SnapshotMessage = z.looseObject({ id: text, role: text, content: z.optional(z.unknown()) });
const RunError = z.looseObject({ message: text, code: optionalText });
const RunFinished = z.looseObject({ outcome: z.optional(z.nullable(z.looseObject({ type: text }))) });
const Custom = z.looseObject({ name: text, value: z.optional(z.unknown()) });
const ReasoningMessage = z.looseObject({ messageId: text });
const ReasoningContent = z.looseObject({ messageId: text, delta: text });
const ReasoningChunk = z.looseObject({ messageId: optionalText, delta: optionalText });
/** Before 1.0, reasoning was `THINKING_TEXT_MESSAGE_*`, with no message id. */
const ThinkingContent = z.looseObject({ delta: text });
const THINKING_ID = 'thinking';

/**
 * The text of a message's content: a string, or the `text` of its text parts (images, audio and
 * documents are not shown: model output never loads anything).
 */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) =>
      isRecord(part) && part['type'] === 'text' && typeof part['text'] === 'string' ? part['text'] : '',
    )
    .join('');
}

/**
 * `MESSAGES_SNAPSHOT`: the server's whole history. Only what a person wrote and what the
 * assistant answered is shown (never the server's system or developer prompts, tool, activity or
 * reasoning messages); an assistant message with no text (tool calls only) is left out. An entry
 * that cannot be read is skipped and reported once; the others are kept.
 */
function snapshot(value: unknown): ServerEvent[] {
  const whole = MessagesSnapshot.safeParse(value);
  if (!whole.success)
    return [{ type: 'bad-frame', reason: describeIssues('MESSAGES_SNAPSHOT', whole.error) }];
  const messages: RemoteMessage[] = [];
  let unreadable = 0;
  for (const entry of whole.data.messages) {
    const message = SnapshotMessage.safeParse(entry);
    if (!message.success) {
      unreadable++;
      continue;
    }
    const { id, role, content } = message.data;
    if (role !== 'user' && role !== 'assistant') continue;
    const body = contentText(content);
    if (role === 'assistant' && body === '') continue;
    messages.push({ id, role, content: body });
  }
  const events: ServerEvent[] = [{ type: 'history', messages, replace: true }];
  if (unreadable) {
    events.push({
      type: 'bad-frame',
      reason: `'MESSAGES_SNAPSHOT' event: ${unreadable} message(s) unreadable`,
    });
  }
  return events;
}

/** The hot path: a well-formed `TEXT_MESSAGE_CONTENT`, read with plain checks equal to the schema's. */
function fastContent(value: unknown): ServerEvent[] | undefined {
  if (!isRecord(value) || value['type'] !== 'TEXT_MESSAGE_CONTENT') return undefined;
  const { messageId: id, delta } = value;
  if (typeof id !== 'string' || typeof delta !== 'string') return undefined;
  return delta === '' ? [] : [{ type: 'reply-delta', id, delta }];
}

/** One event of a run's answer. Never throws; an unknown event type yields nothing. */
function decode({ data }: StreamEvent): ServerEvent[] {
  const event = typedEvent(data, 'AG-UI', fastContent);
  if (Array.isArray(event)) return event;
  const { type, value, parse } = event;

  switch (type) {
    case 'TEXT_MESSAGE_START': {
      const start = parse(TextStart);
      return Array.isArray(start) ? start : [{ type: 'reply-start', id: start.messageId }];
    }
    case 'TEXT_MESSAGE_CONTENT': {
      const content = parse(TextContent);
      if (Array.isArray(content)) return content;
      return content.delta === ''
        ? []
        : [{ type: 'reply-delta', id: content.messageId, delta: content.delta }];
    }
    case 'TEXT_MESSAGE_END': {
      const end = parse(TextEnd);
      return Array.isArray(end) ? end : [{ type: 'reply-end', id: end.messageId }];
    }
    case 'TEXT_MESSAGE_CHUNK': {
      // A chunk opens its message (the first with a new id) and ends it implicitly (the run's end).
      const chunk = parse(TextChunk);
      if (Array.isArray(chunk)) return chunk;
      if (!chunk.delta) return [];
      return [
        { type: 'reply-delta', ...(chunk.messageId ? { id: chunk.messageId } : {}), delta: chunk.delta },
      ];
    }
    case 'TOOL_CALL_START': {
      const start = parse(ToolStart);
      if (Array.isArray(start)) return start;
      return [
        {
          type: 'activity',
          id: start.toolCallId,
          name: start.toolCallName,
          state: 'running',
          ...(start.parentMessageId ? { replyId: start.parentMessageId } : {}),
        },
      ];
    }
    case 'TOOL_CALL_ARGS': {
      const args = parse(ToolArgs);
      if (Array.isArray(args)) return args;
      return [{ type: 'activity', id: args.toolCallId, state: 'running', detailDelta: args.delta }];
    }
    case 'TOOL_CALL_CHUNK': {
      const chunk = parse(ToolChunk);
      if (Array.isArray(chunk)) return chunk;
      if (!chunk.toolCallId) return [];
      return [
        {
          type: 'activity',
          id: chunk.toolCallId,
          state: 'running',
          ...(chunk.toolCallName ? { name: chunk.toolCallName } : {}),
          ...(chunk.parentMessageId ? { replyId: chunk.parentMessageId } : {}),
          ...(chunk.delta ? { detailDelta: chunk.delta } : {}),
        },
      ];
    }
    case 'TOOL_CALL_RESULT': {
      const result = parse(ToolResult);
      if (Array.isArray(result)) return result;
      return [
        {
          type: 'activity',
          id: result.toolCallId,
          state: result.error ? 'failed' : 'done',
          detail: result.error || contentText(result.content),
        },
      ];
    }
    case 'STATE_SNAPSHOT': {
      const state = parse(StateSnapshot);
      return Array.isArray(state) ? state : [{ type: 'state', snapshot: state.snapshot }];
    }
    case 'STATE_DELTA': {
      const state = parse(StateDelta);
      if (Array.isArray(state)) return state;
      return [{ type: 'state', patch: state.delta.map(patchOperation) }];
    }
    case 'MESSAGES_SNAPSHOT':
      return snapshot(value);
    case 'RUN_ERROR': {
      const error = parse(RunError);
      if (Array.isArray(error)) return error;
      return [
        {
          type: 'error',
          message: error.message.slice(0, 500) || 'The agent reported an error.',
          ...(error.code ? { code: error.code.slice(0, 80) } : {}),
        },
      ];
    }
    case 'RUN_FINISHED': {
      const finished = parse(RunFinished);
      if (Array.isArray(finished)) return finished;
      return finished.outcome?.type === 'cancelled'
        ? [{ type: 'reply-stopped' }, { type: 'done' }]
        : [{ type: 'done' }];
    }
    case 'CUSTOM': {
      const custom = parse(Custom);
      if (Array.isArray(custom)) return custom;
      if (custom.name === CARD_EVENT) return cardEvent(custom.value, CARD_EVENT);
      return [{ type: 'data', name: custom.name, data: custom.value ?? null }];
    }
    case 'REASONING_MESSAGE_START': {
      const start = parse(ReasoningMessage);
      return Array.isArray(start) ? start : [{ type: 'reasoning', id: start.messageId }];
    }
    case 'REASONING_MESSAGE_CONTENT': {
      const content = parse(ReasoningContent);
      return Array.isArray(content)
        ? content
        : [{ type: 'reasoning', id: content.messageId, delta: content.delta }];
    }
    case 'REASONING_MESSAGE_END': {
      const end = parse(ReasoningMessage);
      return Array.isArray(end) ? end : [{ type: 'reasoning', id: end.messageId, end: true }];
    }
    case 'REASONING_MESSAGE_CHUNK': {
      const chunk = parse(ReasoningChunk);
      if (Array.isArray(chunk)) return chunk;
      return chunk.delta
        ? [{ type: 'reasoning', id: chunk.messageId || THINKING_ID, delta: chunk.delta }]
        : [];
    }
    case 'THINKING_TEXT_MESSAGE_START':
      return [{ type: 'reasoning', id: THINKING_ID }];
    case 'THINKING_TEXT_MESSAGE_CONTENT': {
      const content = parse(ThinkingContent);
      return Array.isArray(content)
        ? content
        : [{ type: 'reasoning', id: THINKING_ID, delta: content.delta }];
    }
    case 'THINKING_TEXT_MESSAGE_END':
      return [{ type: 'reasoning', id: THINKING_ID, end: true }];
    default:
      // RUN_STARTED (the HTTP status already told that the request arrived), TOOL_CALL_END (the
      // arguments are complete; the result says when it is done), STEP_*, REASONING_START/END and
      // THINKING_START/END (spans around reasoning messages), REASONING_ENCRYPTED_VALUE,
      // ACTIVITY_*, SUBAGENT_*, RAW, and whatever AG-UI adds next.
      return [];
  }
}

function patchOperation(raw: z.infer<typeof PatchOperation>): JsonPatchOperation {
  return {
    op: raw.op,
    path: raw.path,
    ...(raw.from !== undefined ? { from: raw.from } : {}),
    ...(Object.hasOwn(raw, 'value') ? { value: raw.value } : {}),
  };
}

/**
 * The request for a turn: a `RunAgentInput` with the session id as the thread, a fresh run id,
 * the conversation so far, the last shared state, and no tools, context or forwarded props.
 */
function encode(command: ClientCommand, ctx: DialectContext): HttpRequest | undefined {
  if (command.type !== 'send') return undefined;
  return jsonPost({
    threadId: ctx.sessionId,
    runId: crypto.randomUUID(),
    messages: transcript(command, ctx),
    state: ctx.state ?? {},
    tools: [],
    context: [],
    forwardedProps: {},
  });
}

/** AG-UI 1.0 over HTTP: a `RunAgentInput` POST per turn, AG-UI events back as Server-Sent Events. */
export const agui: HttpDialect = {
  name: 'agui',
  channel: 'http',
  auth: ['header'],
  replies: 'turn',
  cancel: true,
  decode,
  encode,
};
