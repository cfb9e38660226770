// The `openai` dialect (protocols.md §8): OpenAI-compatible Chat Completions streaming.
//
// POST /v1/chat/completions or /{feature}/v1/chat/completions (a base URL per feature, as the
// `openai` client appends /chat/completions to its baseURL) with Authorization: Bearer TOKEN
// (missing or refused: 401) and a JSON body. Every request is checked: `model` a non-empty
// string, `messages` a non-empty list of {role: system|developer|user|assistant|tool, content},
// the last one the user's, `stream: true` (the widget reads a stream), `stream_options` an object
// with a boolean `include_usage` when present. Each problem is recorded as a violation
// `#openai{n}: request: …`; a request without a model, messages or stream gets HTTP 400.
//
// The answer is text/event-stream, hand-written in the documented format: a first chunk with
// `delta: {role: 'assistant', content: ''}`, the reply as `delta.content` chunks at the mock's
// pace, a chunk with `finish_reason: 'stop'`, with `include_usage` a last chunk with no choices and
// the usage figures (and `usage: null` on every other chunk), then `data: [DONE]`. Every chunk of a
// completion has the same id. Test hooks (the last user message): see ../http-turn.js; `/error`
// ends with `data: {"error": {message, type, code}}` and no [DONE].
import { randomUUID } from 'node:crypto';
import { streamChunks } from '../connection.js';
import { sseData } from '../http.js';
import { between, sleep } from '../pace.js';
import { longReply } from '../replies.js';
import { startTurnStream, textOf, tokensOf, turnRoute } from '../http-turn.js';
import { isObject, show } from '../validate.js';
import { ERROR_TEXT } from './envelope.js';

const PATH = /^(?:\/([a-z0-9_-]+))?\/v1\/chat\/completions\/?$/;
const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

/**
 * What a Chat Completions streaming request must be.
 * @param {unknown} body
 * @returns {import('../http-turn.js').BodyCheck}
 */
export function openaiCheck(body) {
  /** @type {string[]} */
  const problems = [];
  if (!isObject(body)) return { problems: [`the body is not an object: ${show(body)}`], text: null };
  let answerable = true;
  if (typeof body.model !== 'string' || body.model === '') {
    problems.push(`model is not a non-empty string: ${show(body.model)}`);
    answerable = false;
  }
  if (body.stream !== true) {
    problems.push(`stream is not true: ${show(body.stream)}`);
    answerable = false;
  }
  if (body.stream_options !== undefined) {
    const options = body.stream_options;
    if (
      !isObject(options) ||
      (options.include_usage !== undefined && typeof options.include_usage !== 'boolean')
    )
      problems.push(`stream_options is not {include_usage: boolean}: ${show(options)}`);
  }
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    problems.push(`messages is not a non-empty list: ${show(messages)}`);
    return { problems, text: null };
  }
  messages.forEach((message, index) => {
    const at = `messages.${index}`;
    if (!isObject(message)) {
      problems.push(`${at} is not an object: ${show(message)}`);
      return;
    }
    if (!ROLES.has(message.role)) problems.push(`${at}.role is not a chat role: ${show(message.role)}`);
    const content = message.content;
    const ok =
      typeof content === 'string' ||
      Array.isArray(content) ||
      (message.role === 'assistant' && content === null && Array.isArray(message.tool_calls));
    if (!ok) problems.push(`${at}.content is not a string or a list of parts: ${show(content)}`);
    for (const key of Object.keys(message)) {
      if (!['role', 'content', 'name', 'tool_calls', 'tool_call_id', 'refusal'].includes(key))
        problems.push(`${at} has a field the API does not know: ${show(key)}`);
    }
  });
  const last = messages.at(-1);
  if (!isObject(last) || last.role !== 'user') {
    problems.push(`the last message is not the user's: ${show(last)}`);
    return { problems, text: null };
  }
  const text = textOf(last.content);
  return { problems, text: answerable && text ? text : null };
}

/** @type {import('../connection.js').Dialect} */
export const openai = {
  name: 'openai',
  matches: () => false,
  onConnection: (conn) => {
    conn.close(1008, 'openai is served over HTTP');
    return { onFrame: () => {} };
  },
  handleHttp: turnRoute({ name: 'openai', path: PATH, check: openaiCheck, answer }),
  describe: (origin) => [
    `POST http://${origin}/v1/chat/completions or http://${origin}/{feature}/v1/chat/completions   (model: any name, e.g. clinic-mini; Authorization: Bearer demo-token)`,
    'refused tokens (HTTP 401): expired, revoked, invalid · test hooks: /http-error /error /broken /stall /long',
  ],
};

/**
 * Streams one completion.
 * @param {import('../http-turn.js').Turn} turn
 * @returns {Promise<import('../http-turn.js').Outcome>}
 */
async function answer({ req, res, backend, body, feature, text, hook, isOpen, cut, stall }) {
  startTurnStream(req, res);
  const id = `chatcmpl-${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  const created = Math.floor(Date.now() / 1000);
  const model = String(body.model);
  const withUsage = isObject(body.stream_options) && body.stream_options.include_usage === true;
  const send = (/** @type {unknown} */ value) => {
    if (isOpen()) res.write(sseData(typeof value === 'string' ? value : JSON.stringify(value)));
  };
  const chunk = (/** @type {Record<string, unknown>} */ delta, /** @type {string | null} */ finish = null) =>
    send({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      system_fingerprint: 'fp_mock',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(withUsage ? { usage: null } : {}),
    });
  const { markdown } = backend.takeReply(feature, text, hook === '/long' ? longReply() : undefined);
  const pace = backend.currentOptions().pace;

  chunk({ role: 'assistant', content: '', refusal: null });
  await sleep(between(pace.thinkMs));
  if (hook === '/stall') {
    chunk({ content: markdown.slice(0, 12) });
    await stall();
    return 'stalled';
  }
  const cutShort = hook === '/error' || hook === '/broken';
  const complete = await streamChunks(
    markdown,
    pace,
    isOpen,
    (delta) => chunk({ content: delta }),
    cutShort ? { stopAfter: Math.ceil(markdown.length / 3) } : {},
  );
  if (hook === '/broken') {
    cut();
    return 'cut';
  }
  if (hook === '/error') {
    send({ error: { message: ERROR_TEXT, type: 'server_error', param: null, code: 'model_unavailable' } });
    res.end();
    return 'error';
  }
  if (!complete) return 'closed';
  chunk({}, 'stop');
  if (withUsage) {
    const prompt = /** @type {unknown[]} */ (body.messages)
      .map((m) => (isObject(m) ? textOf(m.content) : ''))
      .join('\n');
    const usage = { prompt_tokens: tokensOf(prompt), completion_tokens: tokensOf(markdown) };
    send({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      system_fingerprint: 'fp_mock',
      choices: [],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    });
  }
  res.end(sseData('[DONE]'));
  return 'complete';
}
