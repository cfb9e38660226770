// The `ai-sdk` dialect (protocols.md §7): the Vercel AI SDK UI message stream, v1.
//
// POST /api/chat or /api/chat/{feature} with Authorization: Bearer TOKEN (missing or refused:
// 401) and the JSON body `useChat` posts (`DefaultChatTransport` of `ai` 7): `{id, messages,
// trigger, messageId?}`. Every request is checked: `id` a non-empty string, `trigger`
// 'submit-message' or 'regenerate-message', `messageId` a string when present, `messages`
// accepted by `ai`'s own `validateUIMessages`, message ids not repeated, the last message the
// user's. Each problem is recorded as a violation `#ai-sdk{n}: request: …`.
//
// The answer is made by `ai` itself, so it is exactly the real stream: `streamText` over the test
// model `MockLanguageModelV4` (from `ai/test`), whose stream is the feature's realistic reply at
// the mock's pace (a first step that calls the feature's tools, executed by `streamText`, when
// it has any; then a short reasoning, the text, the links of the text as sources), turned into UI
// message chunks by `toUIMessageStream` inside `createUIMessageStream`, which also writes the
// cards as `data-ai-chat-card` parts (and `data-reply-info` application data), and sent by
// `pipeUIMessageStreamToResponse` (header `x-vercel-ai-ui-message-stream: v1`, `data: [DONE]` last).
// Test hooks (the last user message): see ../http-turn.js; `/error` is an error part of the
// model's stream (an `error` chunk), and `/abort` aborts the generation on the server (an `abort` chunk).
import { randomUUID } from 'node:crypto';
import {
  convertToModelMessages,
  createUIMessageStream,
  pipeUIMessageStreamToResponse,
  stepCountIs,
  streamText,
  tool,
  validateUIMessages,
} from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { z } from 'zod';
import { corsHeaders } from '../http.js';
import { between, sleep, splitIntoChunks } from '../pace.js';
import { longReply } from '../replies.js';
import { idProblems, replyPlan, textOf, tokensOf, turnRoute } from '../http-turn.js';
import { isObject, show } from '../validate.js';
import { ERROR_TEXT } from './envelope.js';

const PATH = /^\/api\/chat(?:\/([a-z0-9_-]+))?\/?$/;
const TRIGGERS = new Set(['submit-message', 'regenerate-message']);

/**
 * What `useChat` posts, checked with `ai`'s own validator.
 * @param {unknown} body
 * @param {import('../connection.js').BackendServices} backend
 * @returns {Promise<import('../http-turn.js').BodyCheck>}
 */
export async function aiSdkCheck(body, backend) {
  if (!isObject(body)) return { problems: [`the body is not an object: ${show(body)}`], text: null };
  /** @type {string[]} */
  const problems = [];
  if (typeof body.id !== 'string' || body.id === '')
    problems.push(`id is not a non-empty string: ${show(body.id)}`);
  if (!TRIGGERS.has(body.trigger))
    problems.push(`trigger is not submit-message or regenerate-message: ${show(body.trigger)}`);
  if (body.messageId !== undefined && typeof body.messageId !== 'string')
    problems.push(`messageId is not a string: ${show(body.messageId)}`);
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    problems.push(`messages is not a non-empty list: ${show(messages)}`);
    return { problems, text: null };
  }
  try {
    await validateUIMessages({ messages });
  } catch (error) {
    problems.push(`messages: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return { problems, text: null };
  }
  problems.push(...idProblems(messages, 'messages'));
  const last = messages.at(-1);
  if (!isObject(last) || last.role !== 'user') {
    problems.push(`the last message is not the user's: ${show(last)}`);
    return { problems, text: null };
  }
  const text = textOf(last.parts);
  if (typeof body.id === 'string' && typeof last.id === 'string')
    backend.firstTime(`ai-sdk:${body.id}`, last.id);
  return { problems, text: text || null };
}

/** @type {import('../connection.js').Dialect} */
export const aiSdk = {
  name: 'ai-sdk',
  matches: () => false,
  onConnection: (conn) => {
    conn.close(1008, 'ai-sdk is served over HTTP');
    return { onFrame: () => {} };
  },
  handleHttp: turnRoute({ name: 'ai-sdk', path: PATH, check: aiSdkCheck, answer }),
  describe: (origin) => [
    `POST http://${origin}/api/chat/{feature}   e.g. http://${origin}/api/chat/symptom-checker   (useChat body; Authorization: Bearer demo-token)`,
    'refused tokens (HTTP 401): expired, revoked, invalid · test hooks: /http-error /error /abort /broken /stall /long',
  ],
};

const usage = (/** @type {number} */ input, /** @type {number} */ output) => ({
  inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: output, text: output, reasoning: undefined },
});

/**
 * A model stream that yields its parts at the mock's pace while the client is there.
 * @param {{parts: unknown[], paced: Set<number>}} plan `paced`: the indexes that wait a chunk's time first
 * @param {import('../pace.js').Pace} pace
 * @param {() => boolean} isOpen
 * @param {(index: number) => Promise<boolean> | boolean} [before] runs before part `index`; false ends the stream there
 */
function pacedStream({ parts, paced }, pace, isOpen, before) {
  let index = 0;
  return new ReadableStream({
    async pull(controller) {
      if (index >= parts.length || !isOpen() || (before && !(await before(index)))) return controller.close();
      if (paced.has(index)) await sleep(between(pace.chunkMs));
      controller.enqueue(parts[index++]);
    },
  });
}

/**
 * Streams one reply, made by `ai`.
 * @param {import('../http-turn.js').Turn} turn
 * @returns {Promise<import('../http-turn.js').Outcome>}
 */
async function answer({ res, req, backend, body, feature, text, hook, isOpen, cut, stall }) {
  const { markdown, extras } = backend.takeReply(feature, text, hook === '/long' ? longReply() : undefined);
  const plan = replyPlan(extras, text, markdown);
  const pace = backend.currentOptions().pace;
  const prompt = /** @type {unknown[]} */ (body.messages)
    .map((m) => (isObject(m) ? textOf(m.parts) : ''))
    .join('\n');
  const finish = (/** @type {'stop' | 'tool-calls'} */ unified, /** @type {number} */ output) => ({
    type: 'finish',
    finishReason: { unified, raw: unified },
    usage: usage(tokensOf(prompt), output),
  });

  /** @type {{parts: unknown[], paced: Set<number>}[]} */
  const steps = [];
  if (plan.tools.length) {
    /** @type {unknown[]} */
    const parts = [{ type: 'stream-start', warnings: [] }];
    for (const t of plan.tools) {
      const id = `call-${randomUUID()}`;
      const input = JSON.stringify(t.input);
      parts.push(
        { type: 'tool-input-start', id, toolName: t.name },
        { type: 'tool-input-delta', id, delta: input },
        { type: 'tool-input-end', id },
        { type: 'tool-call', toolCallId: id, toolName: t.name, input },
      );
    }
    parts.push(finish('tool-calls', 20));
    steps.push({ parts, paced: new Set() });
  }
  const chunks = splitIntoChunks(markdown, pace);
  const textAt = 5;
  steps.push({
    parts: [
      { type: 'stream-start', warnings: [] },
      { type: 'reasoning-start', id: 'reasoning-0' },
      {
        type: 'reasoning-delta',
        id: 'reasoning-0',
        delta: `The person asks about ${show(text.slice(0, 40))}.`,
      },
      { type: 'reasoning-end', id: 'reasoning-0' },
      { type: 'text-start', id: 'text-0' },
      ...chunks.map((delta) => ({ type: 'text-delta', id: 'text-0', delta })),
      { type: 'text-end', id: 'text-0' },
      ...plan.sources.map((s, i) => ({
        type: 'source',
        sourceType: 'url',
        id: `source-${i}`,
        url: s.url,
        title: s.title,
      })),
      finish('stop', tokensOf(markdown)),
    ],
    paced: new Set(chunks.map((_, i) => textAt + i)),
  });

  const messageId = `msg-${randomUUID()}`;
  const abort = new AbortController();
  const third = textAt + Math.max(1, Math.ceil(chunks.length / 3));
  /** @type {import('../http-turn.js').Outcome} */
  let outcome = 'complete';
  /** @param {number} index */
  const before = async (index) => {
    if (index === textAt && hook === '/stall') return true;
    if (index === textAt + 1 && hook === '/stall') {
      outcome = 'stalled';
      await stall();
      return false;
    }
    if (index !== third) return true;
    if (hook === '/broken') {
      outcome = 'cut';
      cut();
      return false;
    }
    if (hook === '/abort') abort.abort();
    return true;
  };
  let call = 0;
  const model = new MockLanguageModelV4({
    modelId: 'clinic-mock',
    doStream: async () => {
      const step = steps[call++] ?? steps[steps.length - 1];
      await sleep(between(pace.thinkMs));
      if (hook === '/error' && step === steps[steps.length - 1]) {
        const parts = step.parts.slice(0, third);
        parts.push({ type: 'error', error: new Error(ERROR_TEXT) });
        return { stream: pacedStream({ parts, paced: step.paced }, pace, isOpen) };
      }
      return {
        stream: pacedStream(step, pace, isOpen, step === steps[steps.length - 1] ? before : undefined),
      };
    },
  });
  /** @type {Record<string, any>} */
  const tools = {};
  for (const t of plan.tools) {
    tools[t.name] = tool({
      description: `The clinic's ${t.name.replaceAll('_', ' ')}`,
      inputSchema: z.record(z.string(), z.unknown()),
      execute: async () => t.output,
    });
  }

  const result = streamText({
    model,
    messages: await convertToModelMessages(/** @type {any} */ (body.messages)),
    tools,
    stopWhen: stepCountIs(steps.length),
    abortSignal: abort.signal,
  });
  const stream = createUIMessageStream({
    execute: async ({ writer }) => {
      const reply = result.toUIMessageStream({
        generateMessageId: () => messageId,
        sendReasoning: true,
        sendSources: true,
        sendFinish: false,
        onError: (error) => (error instanceof Error ? error.message : String(error)),
      });
      let ended = false;
      for await (const chunk of reply) {
        if (chunk.type === 'error') outcome = 'error';
        if (chunk.type === 'abort') outcome = 'stopped';
        ended ||= chunk.type === 'error' || chunk.type === 'abort';
        writer.write(chunk);
      }
      if (ended || outcome !== 'complete' || !isOpen()) return;
      plan.cards.forEach((card, index) =>
        writer.write({ type: 'data-ai-chat-card', data: index === 0 ? { ...card, messageId } : card }),
      );
      writer.write({
        type: 'data-reply-info',
        data: { feature, characters: markdown.length },
        transient: true,
      });
      const total = await result.totalUsage;
      writer.write({
        type: 'finish',
        finishReason: 'stop',
        messageMetadata: {
          usage: {
            inputTokens: total.inputTokens,
            outputTokens: total.outputTokens,
            totalTokens: total.totalTokens,
          },
        },
      });
    },
    onError: (error) => (error instanceof Error ? error.message : String(error)),
  });
  await pipeUIMessageStreamToResponse({ response: res, stream, headers: corsHeaders(req) });
  if (outcome === 'complete' && !isOpen()) return 'closed';
  return outcome;
}
