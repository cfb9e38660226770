// The mock backend's standard streams against the real libraries' clients: the official `openai`
// client, `ai`'s own `DefaultChatTransport` + `readUIMessageStream` (what `useChat` runs), and
// `@ag-ui/client`'s `HttpAgent`. Each reads the mock's stream the way a real app would (so the
// streams the widget's dialects are tested on are the real thing), and each client's own request
// passes the mock's checks of that standard (so those checks are not stricter, or other, than the
// standard: the widget's requests are held to the same checks in test/standard-streams.test.ts).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { DefaultChatTransport, readUIMessageStream } from 'ai';
import { HttpAgent } from '@ag-ui/client';
import { startMockBackend } from '../../demo/server/mock-backend.js';

/** @type {import('../../demo/server/mock-backend.js').MockBackend} */
let backend;
let base = '';
const REPLY = '## Hello\n\nA **short** reply with a [link](https://example.org/riverside/guide).\n';

before(async () => {
  backend = await startMockBackend({ pace: 'fast' });
  base = `http://127.0.0.1:${backend.port}`;
});
after(() => backend.close());
beforeEach(() => backend.reset());

/** The outcome the mock recorded for the last request, once the answer is over. */
async function lastOutcome() {
  for (let i = 0; i < 200; i++) {
    const last = backend.streamRequests().at(-1);
    if (last?.outcome) return last.outcome;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return undefined;
}

test('openai: the official client reads the mock stream, and its request passes the checks', async () => {
  backend.nextReply(REPLY);
  const client = new OpenAI({ apiKey: 'demo-token', baseURL: `${base}/faq/v1`, maxRetries: 0 });
  const stream = await client.chat.completions.create({
    model: 'clinic-mini',
    messages: [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'Opening hours?' },
    ],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  const ids = new Set();
  /** @type {string[]} */
  const reasons = [];
  /** @type {unknown} */
  let usage;
  for await (const chunk of stream) {
    ids.add(chunk.id);
    text += chunk.choices[0]?.delta.content ?? '';
    if (chunk.choices[0]?.finish_reason) reasons.push(chunk.choices[0].finish_reason);
    if (chunk.usage) usage = chunk.usage;
  }
  assert.equal(text, REPLY);
  assert.equal(ids.size, 1, 'every chunk of a completion has the same id');
  assert.deepEqual(reasons, ['stop']);
  assert.equal(typeof (/** @type {any} */ (usage).total_tokens), 'number');
  assert.deepEqual(backend.violations(), []);
  const [request] = backend.streamRequests();
  assert.equal(request?.path, '/faq/v1/chat/completions');
  assert.equal(request?.authorization, 'Bearer 10');
  assert.equal(await lastOutcome(), 'complete');
});

test('openai: the official client sees the in-band error, the HTTP error and the refused token', async () => {
  const client = new OpenAI({ apiKey: 'demo-token', baseURL: `${base}/v1`, maxRetries: 0 });
  const ask = (/** @type {string} */ content, c = client) =>
    c.chat.completions.create({ model: 'm', messages: [{ role: 'user', content }], stream: true });
  const inBand = await ask('/error');
  await assert.rejects(
    (async () => {
      for await (const chunk of inBand) void chunk;
    })(),
    /temporarily unavailable/,
  );
  await assert.rejects(
    ask('/http-error'),
    (error) => error instanceof OpenAI.APIError && error.status === 500,
  );
  const refused = new OpenAI({ apiKey: 'expired', baseURL: `${base}/v1`, maxRetries: 0 });
  await assert.rejects(ask('Hi', refused), (error) => error instanceof OpenAI.AuthenticationError);
  assert.deepEqual(backend.violations(), []);
});

test('openai: a request that breaks the API is refused and flagged', async () => {
  const response = await fetch(`${base}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'human', content: 'Hi', time: 'now' }], stream: false }),
  });
  assert.equal(response.status, 400);
  const violations = backend.violations().join('\n');
  for (const expected of ['model is not', 'stream is not true', 'messages.0.role', 'messages.0 has a field'])
    assert.ok(violations.includes(expected), `${expected} in ${violations}`);
});

/**
 * @param {string} text
 * @param {string} id
 * @param {'user' | 'assistant'} [role]
 * @returns {import('ai').UIMessage}
 */
const uiMessage = (text, id, role = 'user') => ({ id, role, parts: [{ type: 'text', text }] });

test('ai-sdk: useChat’s transport reads the mock stream (made by ai itself), and its request passes the checks', async () => {
  backend.nextReply(REPLY);
  const transport = new DefaultChatTransport({
    api: `${base}/api/chat/booking-assistant`,
    headers: { Authorization: 'Bearer demo-token' },
  });
  const messages = [
    uiMessage('Hi', 'u1'),
    uiMessage('Hello! How can I help?', 'a1', 'assistant'),
    uiMessage('Book a visit', 'u2'),
  ];
  const chunks = await transport.sendMessages({
    chatId: 'chat-1',
    messages,
    trigger: 'submit-message',
    messageId: undefined,
    abortSignal: undefined,
  });
  /** @type {any} */
  let message;
  for await (const m of readUIMessageStream({ stream: chunks })) message = m;
  const parts = /** @type {{type: string, [key: string]: any}[]} */ (message.parts);
  assert.equal(
    parts
      .filter((p) => p.type === 'text')
      .map((p) => p.text)
      .join(''),
    REPLY,
  );
  const tools = parts.filter((p) => p.type.startsWith('tool-'));
  assert.deepEqual(
    tools.map((p) => [p.type, p.state]),
    [
      ['tool-find_doctors', 'output-available'],
      ['tool-find_time_slots', 'output-available'],
    ],
  );
  assert.deepEqual(
    parts.filter((p) => p.type === 'source-url').map((p) => p.url),
    ['https://example.org/riverside/guide'],
  );
  assert.deepEqual(
    parts.filter((p) => p.type === 'data-ai-chat-card').map((p) => p.data.kind),
    ['doctors', 'time-slots'],
  );
  assert.equal(parts.filter((p) => p.type === 'data-ai-chat-card')[0].data.messageId, message.id);
  assert.equal(message.metadata.usage.totalTokens > 0, true);

  assert.deepEqual(backend.violations(), []);
  // What the real transport posts: the body the widget's ai-sdk dialect is tested to send.
  assert.deepEqual(backend.streamRequests()[0]?.body, { id: 'chat-1', messages, trigger: 'submit-message' });
});

test('ai-sdk: a request that is not what useChat posts is flagged', async () => {
  const response = await fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ id: 'u1', role: 'user', content: 'Hi' }] }),
  });
  assert.equal(response.status, 400);
  const violations = backend.violations().join('\n');
  for (const expected of ['id is not', 'trigger is not', 'messages:'])
    assert.ok(violations.includes(expected), `${expected} in ${violations}`);
});

test('agui: @ag-ui/client’s HttpAgent runs against the mock, applies its state, and its request passes the checks', async () => {
  backend.nextReply(REPLY);
  const agent = new HttpAgent({
    url: `${base}/agui/booking-assistant`,
    headers: { Authorization: 'Bearer demo-token' },
    threadId: 'thread-1',
    initialMessages: [{ id: 'u1', role: 'user', content: 'Book a visit' }],
    initialState: {},
  });
  /** @type {string[]} */
  const seen = [];
  const { newMessages } = await agent.runAgent({}, { onEvent: ({ event }) => void seen.push(event.type) });
  const reply = newMessages.find((m) => m.role === 'assistant' && typeof m.content === 'string' && m.content);
  assert.equal(reply?.content, REPLY);
  const firstState = {
    feature: 'booking_assistant',
    turns: 1,
    booking: { step: 'choose-doctor', doctors: ['dr-rossi', 'dr-nakamura'] },
  };
  assert.deepEqual(agent.state, firstState);
  for (const type of [
    'RUN_STARTED',
    'TOOL_CALL_RESULT',
    'REASONING_MESSAGE_CONTENT',
    'CUSTOM',
    'RUN_FINISHED',
  ])
    assert.ok(seen.includes(type), `${type} in ${seen.join(' ')}`);
  assert.equal(seen.at(-1), 'RUN_FINISHED');

  // A second run: the client sends the state it applied; the mock answers with a STATE_DELTA.
  agent.addMessage({ id: 'u2', role: 'user', content: 'Tomorrow please' });
  await agent.runAgent();
  assert.equal(agent.state.turns, 2);

  assert.deepEqual(backend.violations(), []);
  const bodies = backend.streamRequests().map((r) => /** @type {any} */ (r.body));
  assert.equal(bodies[0].threadId, 'thread-1');
  assert.notEqual(bodies[0].runId, bodies[1].runId);
  assert.deepEqual(bodies[1].state, firstState);
});

test('agui: the client sees RUN_ERROR as a failed run', async () => {
  const agent = new HttpAgent({
    url: `${base}/agui`,
    headers: { Authorization: 'Bearer demo-token' },
    initialMessages: [{ id: 'u1', role: 'user', content: '/error' }],
  });
  /** @type {string[]} */
  const errors = [];
  await agent
    .runAgent({}, { onRunErrorEvent: ({ event }) => void errors.push(event.message) })
    .catch(() => undefined);
  assert.deepEqual(errors, ['The AI service is temporarily unavailable.']);
});

test('agui: a body that is not a RunAgentInput is refused and flagged', async () => {
  const response = await fetch(`${base}/agui`, {
    method: 'POST',
    headers: { authorization: 'Bearer t', 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ threadId: 't', messages: [{ role: 'user', content: 'Hi' }] }),
  });
  assert.equal(response.status, 400);
  const violations = backend.violations().join('\n');
  for (const expected of ['Accept is', 'RunAgentInput: runId', 'RunAgentInput: messages.0.id'])
    assert.ok(violations.includes(expected), `${expected} in ${violations}`);
});
