// The `agui` dialect (protocols.md §6): AG-UI 1.0 over HTTP, one run per turn.
//
// POST /agui or /agui/{feature} (e.g. /agui/booking-assistant) with Authorization: Bearer TOKEN
// (missing: 401; refused tokens: 401) and a JSON `RunAgentInput`. Every request body is checked
// with @ag-ui/core's own `RunAgentInputSchema`, and beyond it: the last message is the user's,
// message ids are not repeated, a run id is never reused, `state` is an object, the client
// accepts text/event-stream. Each problem is recorded as a violation `#agui{n}: request: …`.
//
// The answer is text/event-stream, every event made by @ag-ui/encoder's `EventEncoder` (and
// checked by @ag-ui/core's `EventSchemas` before it goes out):
//   RUN_STARTED
//   STATE_SNAPSHOT {feature, turns: 1} on a thread's first run (state {}), else STATE_DELTA
//     (turns + 1); the booking assistant adds /booking {step, doctors}
//   REASONING_START, REASONING_MESSAGE_START/CONTENT/END, REASONING_END (one short thought)
//   TOOL_CALL_START/ARGS/END/RESULT per tool the feature "runs" (symptom checker: assess_urgency;
//     doctor recommendation: find_doctors; booking: find_doctors and find_time_slots)
//   TEXT_MESSAGE_START, TEXT_MESSAGE_CONTENT × n (the realistic reply at the mock's pace), TEXT_MESSAGE_END
//   CUSTOM `ai-chat.card` per card (the first attached to the reply by `messageId`),
//   CUSTOM `clinic.reply-info` {feature, characters} (application data for the host page)
//   RUN_FINISHED {outcome: {type: 'success'}}
// Hooks (the last user message): see ../http-turn.js; `/error` ends with RUN_ERROR.
import { randomUUID } from 'node:crypto';
import { EventType } from '@ag-ui/core';
import { EventSchemas, RunAgentInputSchema } from '@ag-ui/core/schemas';
import { EventEncoder } from '@ag-ui/encoder';
import { streamChunks } from '../connection.js';
import { between, sleep } from '../pace.js';
import { longReply } from '../replies.js';
import { idProblems, replyPlan, startTurnStream, textOf, turnRoute } from '../http-turn.js';
import { isObject, show } from '../validate.js';
import { ERROR_TEXT } from './envelope.js';

const PATH = /^\/agui(?:\/([a-z0-9_-]+))?\/?$/;

/**
 * What AG-UI requires of a `RunAgentInput` (and what the widget must send beyond it).
 * @param {unknown} body
 * @param {import('../connection.js').BackendServices} backend
 * @param {import('node:http').IncomingMessage} req
 * @returns {import('../http-turn.js').BodyCheck}
 */
export function aguiCheck(body, backend, req) {
  /** @type {string[]} */
  const problems = [];
  if (!/text\/event-stream|\*\/\*/.test(req.headers.accept ?? '')) {
    problems.push(`Accept is ${show(req.headers.accept ?? '')} (text/event-stream expected)`);
  }
  const parsed = RunAgentInputSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 5))
      problems.push(`RunAgentInput: ${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  if (!isObject(body)) return { problems, text: null };
  if (body.state !== undefined && !isObject(body.state))
    problems.push(`state is not an object: ${show(body.state)}`);
  const runs = backend.store('agui:runs', () => new Set());
  if (typeof body.runId === 'string') {
    if (runs.has(body.runId)) problems.push(`runId ${show(body.runId)} was used by an earlier run`);
    runs.add(body.runId);
  }
  const messages = Array.isArray(body.messages) ? body.messages : [];
  problems.push(...idProblems(messages, 'messages'));
  const last = messages.at(-1);
  if (!isObject(last) || last.role !== 'user') {
    problems.push(`the last message is not the user's: ${show(last)}`);
    return { problems, text: null };
  }
  const text = textOf(last.content);
  if (!text) problems.push('the last message has no text');
  if (typeof body.threadId === 'string' && typeof last.id === 'string')
    backend.firstTime(`agui:${body.threadId}`, last.id);
  return { problems, text: parsed.success && text ? text : null };
}

/** @type {import('../connection.js').Dialect} */
export const agui = {
  name: 'agui',
  matches: () => false,
  onConnection: (conn) => {
    conn.close(1008, 'agui is served over HTTP');
    return { onFrame: () => {} };
  },
  handleHttp: turnRoute({ name: 'agui', path: PATH, check: aguiCheck, answer }),
  describe: (origin) => [
    `POST http://${origin}/agui/{feature}   e.g. http://${origin}/agui/booking-assistant   (AG-UI RunAgentInput; Authorization: Bearer demo-token)`,
    'refused tokens (HTTP 401): expired, revoked, invalid · test hooks: /http-error /error /broken /stall /long',
  ],
};

/**
 * Streams one run.
 * @param {import('../http-turn.js').Turn} turn
 * @returns {Promise<import('../http-turn.js').Outcome>}
 */
async function answer({ req, res, backend, body, feature, text, hook, isOpen, cut, stall }) {
  const encoder = new EventEncoder({ accept: 'text/event-stream' });
  startTurnStream(req, res, { 'content-type': encoder.getContentType() });
  const emit = (/** @type {Record<string, unknown>} */ event) => {
    const checked = EventSchemas.safeParse(event);
    if (!checked.success) throw new Error(`mock-backend: an invalid AG-UI event: ${checked.error.message}`);
    if (isOpen()) res.write(encoder.encodeSSE(/** @type {any} */ (event)));
  };
  const { threadId, runId } = /** @type {{threadId: string, runId: string}} */ (body);
  const { markdown, extras } = backend.takeReply(feature, text, hook === '/long' ? longReply() : undefined);
  const plan = replyPlan(extras, text, markdown);
  const pace = backend.currentOptions().pace;
  const messageId = `msg-${randomUUID()}`;

  emit({ type: EventType.RUN_STARTED, threadId, runId });
  const turns = isObject(body.state) && typeof body.state.turns === 'number' ? body.state.turns : 0;
  /** @type {Record<string, unknown>[]} */
  const patch = [];
  if (turns > 0) patch.push({ op: 'replace', path: '/turns', value: turns + 1 });
  else emit({ type: EventType.STATE_SNAPSHOT, snapshot: { feature, turns: 1 } });
  if (extras.doctors?.length) {
    const booking = { step: 'choose-doctor', doctors: extras.doctors.map((d) => d.id) };
    patch.push({ op: 'add', path: '/booking', value: booking });
  }
  if (patch.length) emit({ type: EventType.STATE_DELTA, delta: patch });

  await sleep(between(pace.thinkMs));
  const reasoningId = `reasoning-${randomUUID()}`;
  emit({ type: EventType.REASONING_START, messageId: `span-${reasoningId}` });
  emit({ type: EventType.REASONING_MESSAGE_START, messageId: reasoningId, role: 'reasoning' });
  emit({
    type: EventType.REASONING_MESSAGE_CONTENT,
    messageId: reasoningId,
    delta: `The person asks about ${show(text.slice(0, 40))}; answer with general information, never a diagnosis.`,
  });
  emit({ type: EventType.REASONING_MESSAGE_END, messageId: reasoningId });
  emit({ type: EventType.REASONING_END, messageId: `span-${reasoningId}` });

  for (const tool of plan.tools) {
    const toolCallId = `call-${randomUUID()}`;
    const args = JSON.stringify(tool.input);
    emit({
      type: EventType.TOOL_CALL_START,
      toolCallId,
      toolCallName: tool.name,
      parentMessageId: messageId,
    });
    const half = Math.ceil(args.length / 2);
    emit({ type: EventType.TOOL_CALL_ARGS, toolCallId, delta: args.slice(0, half) });
    emit({ type: EventType.TOOL_CALL_ARGS, toolCallId, delta: args.slice(half) });
    emit({ type: EventType.TOOL_CALL_END, toolCallId });
    await sleep(between(pace.chunkMs));
    emit({
      type: EventType.TOOL_CALL_RESULT,
      messageId: `tool-${toolCallId}`,
      toolCallId,
      content: JSON.stringify(tool.output),
      role: 'tool',
    });
  }

  emit({ type: EventType.TEXT_MESSAGE_START, messageId, role: 'assistant' });
  if (hook === '/stall') {
    emit({ type: EventType.TEXT_MESSAGE_CONTENT, messageId, delta: markdown.slice(0, 12) });
    await stall();
    return 'stalled';
  }
  const cutShort = hook === '/error' || hook === '/broken';
  const complete = await streamChunks(
    markdown,
    pace,
    isOpen,
    (delta) => emit({ type: EventType.TEXT_MESSAGE_CONTENT, messageId, delta }),
    cutShort ? { stopAfter: Math.ceil(markdown.length / 3) } : {},
  );
  if (hook === '/broken') {
    cut();
    return 'cut';
  }
  if (hook === '/error') {
    emit({ type: EventType.RUN_ERROR, message: ERROR_TEXT, code: 'model_unavailable' });
    res.end();
    return 'error';
  }
  if (!complete) return 'closed';
  emit({ type: EventType.TEXT_MESSAGE_END, messageId });
  plan.cards.forEach((card, index) =>
    emit({
      type: EventType.CUSTOM,
      name: 'ai-chat.card',
      value: index === 0 ? { ...card, messageId } : card,
    }),
  );
  emit({
    type: EventType.CUSTOM,
    name: 'clinic.reply-info',
    value: { feature, characters: markdown.length },
  });
  emit({ type: EventType.RUN_FINISHED, threadId, runId, outcome: { type: 'success' } });
  res.end();
  return 'complete';
}
