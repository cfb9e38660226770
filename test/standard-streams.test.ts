import { expect } from '@open-wc/testing';
import { agui } from '../src/protocol/dialects/agui.js';
import { aiSdk } from '../src/protocol/dialects/ai-sdk.js';
import { openai } from '../src/protocol/dialects/openai.js';
import { EventStreamParser } from '../src/transport/event-stream.js';
import type {
  DialectContext,
  HistoryEntry,
  HttpDialect,
  ServerEvent,
  StreamEvent,
} from '../src/protocol/types.js';
import { closeBackends, startBackend, type Backend } from './support/backend.js';

// The three standard-stream dialects against the real mock backend, over real HTTP in Chromium:
// each request is what the dialect encodes (and the mock checks it with the standard's own
// library: @ag-ui/core's RunAgentInputSchema, ai's validateUIMessages, the Chat Completions rules);
// each answer is the real library's stream (@ag-ui/encoder; ai's own stream helpers), read with
// the widget's EventStreamParser and the dialect's decode, as the session layer reads it.

const TIME = '2026-11-21T10:00:00.000Z';
const REPLY =
  '## Your visit\n\nBring **your card** and see [the guide](https://example.org/riverside/guide).\n';
const ERROR_TEXT = 'The AI service is temporarily unavailable.';

interface Turn {
  status: number;
  headers: Headers;
  events: ServerEvent[];
  /** The stream ended without its end (cut). */
  cut: boolean;
}

const send = (id: string, content: string) => ({ type: 'send', id, content, time: TIME }) as const;
const user = (id: string, content: string): HistoryEntry => ({ id, role: 'user', content, time: TIME });
const assistant = (id: string, content: string): HistoryEntry => ({
  id,
  role: 'assistant',
  content,
  time: TIME,
});

/**
 * One turn: the dialect's request for `content` (the last of `history`), POSTed with a bearer
 * token; the answer decoded event by event. `onEvent` may abort the request.
 */
async function turn(
  backend: Backend,
  dialect: HttpDialect,
  path: string,
  ctx: DialectContext,
  {
    token = 'demo-token',
    signal,
    onEvent,
  }: { token?: string; signal?: AbortSignal; onEvent?: (events: readonly ServerEvent[]) => void } = {},
): Promise<Turn> {
  const last = ctx.history.at(-1)!;
  const request = dialect.encode(send(last.id, last.content), ctx)!;
  const response = await fetch(`http://127.0.0.1:${backend.port}${path}`, {
    method: request.method ?? 'POST',
    headers: { ...request.headers, Authorization: `Bearer ${token}` },
    body: request.body ?? null,
    signal: signal ?? null,
  });
  const events: ServerEvent[] = [];
  if (!response.ok || !response.body) {
    await response.text();
    return { status: response.status, headers: response.headers, events, cut: false };
  }
  // The parser hands over each event's data (or a StreamEvent): both read the same here.
  const parser = new EventStreamParser((item: unknown) => {
    const event: StreamEvent =
      typeof item === 'string' ? { event: 'message', data: item } : (item as StreamEvent);
    events.push(...dialect.decode(event, ctx));
    onEvent?.(events);
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let cut = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(value);
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    cut = true;
  }
  return { status: response.status, headers: response.headers, events, cut };
}

const of = <T extends ServerEvent['type']>(events: readonly ServerEvent[], type: T) =>
  events.filter((e): e is Extract<ServerEvent, { type: T }> => e.type === type);
const text = (events: readonly ServerEvent[]) =>
  of(events, 'reply-delta')
    .map((e) => e.delta)
    .join('');

/** The outcome the mock recorded for its last request, once the answer is over. */
async function lastOutcome(backend: Backend): Promise<string | undefined> {
  for (let i = 0; i < 200; i++) {
    const requests = await backend.call<{ outcome?: string }[]>('streamRequests');
    if (requests.at(-1)?.outcome) return requests.at(-1)!.outcome;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return undefined;
}

let backend: Backend;
beforeEach(async () => {
  backend = await startBackend();
});
afterEach(closeBackends);

describe('standard streams: agui against the mock (@ag-ui/encoder, @ag-ui/core)', () => {
  const ctx: DialectContext = {
    sessionId: 'thread-1',
    feature: 'booking_assistant',
    history: [user('u1', 'Book a visit')],
  };

  it('sends a RunAgentInput the mock accepts, and decodes the whole run', async () => {
    await backend.call('nextReply', REPLY);
    const { status, events, cut } = await turn(backend, agui, '/agui/booking-assistant', ctx);
    expect(status).to.equal(200);
    expect(cut).to.equal(false);
    expect(await backend.call('violations')).to.deep.equal([]);
    expect(of(events, 'bad-frame')).to.deep.equal([]);

    const [start] = of(events, 'reply-start');
    expect(start?.id).to.match(/^msg-/);
    expect(text(events)).to.equal(REPLY);
    expect(of(events, 'reply-delta').every((e) => e.id === start!.id)).to.equal(true);
    expect(of(events, 'reply-end')).to.deep.equal([{ type: 'reply-end', id: start!.id }]);

    const tools = of(events, 'activity');
    const names = tools.filter((a) => a.name).map((a) => a.name);
    expect(names).to.deep.equal(['find_doctors', 'find_time_slots']);
    const first = tools.filter((a) => a.id === tools[0]!.id);
    expect(first.map((a) => a.state)).to.deep.equal(['running', 'running', 'running', 'done']);
    expect(first[0]!.replyId).to.equal(start!.id);
    expect(JSON.parse(first.map((a) => a.detailDelta ?? '').join(''))).to.deep.equal({
      query: 'Book a visit',
    });
    expect(JSON.parse(first.at(-1)!.detail!)[0].id).to.equal('dr-rossi');

    expect(of(events, 'state')).to.deep.equal([
      { type: 'state', snapshot: { feature: 'booking_assistant', turns: 1 } },
      {
        type: 'state',
        patch: [
          {
            op: 'add',
            path: '/booking',
            value: { step: 'choose-doctor', doctors: ['dr-rossi', 'dr-nakamura'] },
          },
        ],
      },
    ]);
    const reasoning = of(events, 'reasoning');
    expect(reasoning.map((r) => Boolean(r.end))).to.deep.equal([false, false, true]);
    expect(reasoning[1]!.delta).to.contain('Book a visit');

    const cards = of(events, 'card');
    expect(cards.map((c) => [c.card.kind, c.id])).to.deep.equal([
      ['doctors', start!.id],
      ['time-slots', undefined],
    ]);
    expect(of(events, 'data')).to.deep.equal([
      {
        type: 'data',
        name: 'clinic.reply-info',
        data: { feature: 'booking_assistant', characters: REPLY.length },
      },
    ]);
    expect(events.at(-1)).to.deep.equal({ type: 'done' });

    const [request] =
      await backend.call<{ body: Record<string, unknown>; authorization: string }[]>('streamRequests');
    expect(request!.authorization).to.equal('Bearer 10');
    expect(request!.body['threadId']).to.equal('thread-1');
    expect(request!.body['messages']).to.deep.equal([{ id: 'u1', role: 'user', content: 'Book a visit' }]);
  });

  it('sends the conversation and the state back on the next turn; the mock answers with a STATE_DELTA', async () => {
    const second: DialectContext = {
      ...ctx,
      feature: 'chat',
      state: { feature: 'chat', turns: 1 },
      history: [user('u1', 'Hi'), assistant('m1', 'Hello!'), user('u2', 'Opening hours?')],
    };
    const { events } = await turn(backend, agui, '/agui', second);
    expect(await backend.call('violations')).to.deep.equal([]);
    expect(of(events, 'state')).to.deep.equal([
      { type: 'state', patch: [{ op: 'replace', path: '/turns', value: 2 }] },
    ]);
    const [request] = await backend.call<{ body: Record<string, unknown> }[]>('streamRequests');
    expect(request!.body['state']).to.deep.equal({ feature: 'chat', turns: 1 });
    expect((request!.body['messages'] as unknown[]).length).to.equal(3);
  });

  it('fails the reply on RUN_ERROR (/error), and the stream cut (/broken) ends without done', async () => {
    const failed = await turn(backend, agui, '/agui', { ...ctx, history: [user('u1', '/error')] });
    expect(of(failed.events, 'error')).to.deep.equal([
      { type: 'error', message: ERROR_TEXT, code: 'model_unavailable' },
    ]);
    expect(of(failed.events, 'done')).to.deep.equal([]);
    // Paced, so what is written before the cut has been read when it comes: a connection cut
    // right after a burst can lose the burst in the browser (the body errors before it is read).
    await backend.call('setOptions', { pace: { thinkMs: 0, chunkMs: 20, chunkChars: 8 } });
    const broken = await turn(backend, agui, '/agui', { ...ctx, history: [user('u2', '/broken')] });
    expect(broken.cut).to.equal(true);
    expect(text(broken.events).length).to.be.greaterThan(0);
    expect(of(broken.events, 'done')).to.deep.equal([]);
  });

  it('is answered 500 (/http-error) and 401 (refused token) with no stream', async () => {
    expect(
      (await turn(backend, agui, '/agui', { ...ctx, history: [user('u1', '/http-error')] })).status,
    ).to.equal(500);
    expect((await turn(backend, agui, '/agui', ctx, { token: 'expired' })).status).to.equal(401);
  });
});

describe('standard streams: ai-sdk against the mock (ai streamText + createUIMessageStream)', () => {
  const ctx: DialectContext = {
    sessionId: 'chat-1',
    feature: 'booking_assistant',
    history: [user('u1', 'Hi'), assistant('a1', 'Hello!'), user('u2', 'Book a visit')],
  };

  it('sends what useChat sends, the mock accepts it, and the real stream decodes whole', async () => {
    await backend.call('nextReply', REPLY);
    const { status, headers, events } = await turn(backend, aiSdk, '/api/chat/booking-assistant', ctx);
    expect(status).to.equal(200);
    expect(headers.get('x-vercel-ai-ui-message-stream')).to.equal('v1');
    expect(await backend.call('violations')).to.deep.equal([]);
    expect(of(events, 'bad-frame')).to.deep.equal([]);

    const [start] = of(events, 'reply-start');
    expect(start?.id).to.match(/^msg-/);
    expect(text(events)).to.equal(REPLY);
    const tools = of(events, 'activity');
    expect(
      tools.filter((a) => a.name && a.state === 'running' && !a.detail).map((a) => a.name),
    ).to.deep.equal(['find_doctors', 'find_time_slots']);
    const doctors = tools.filter((a) => a.id === tools[0]!.id);
    expect(doctors.map((a) => a.state)).to.deep.equal(['running', 'running', 'done']);
    expect(JSON.parse(doctors[1]!.detail!)).to.deep.equal({ query: 'Book a visit' });
    expect(of(events, 'sources')).to.deep.equal([
      { type: 'sources', sources: [{ url: 'https://example.org/riverside/guide', title: 'the guide' }] },
    ]);
    expect(of(events, 'reasoning').map((r) => Boolean(r.end))).to.deep.equal([false, false, true]);
    expect(of(events, 'card').map((c) => [c.card.kind, c.id])).to.deep.equal([
      ['doctors', start!.id],
      ['time-slots', undefined],
    ]);
    expect(of(events, 'data').map((d) => d.name)).to.deep.equal(['reply-info']);
    const [end] = of(events, 'reply-end');
    expect(end?.meta?.['finishReason']).to.equal('stop');
    expect(
      (end?.meta?.['metadata'] as { usage: { totalTokens: number } }).usage.totalTokens,
    ).to.be.greaterThan(0);
    expect(events.at(-1)).to.deep.equal({ type: 'done' });

    const [request] = await backend.call<{ body: unknown }[]>('streamRequests');
    expect(request!.body).to.deep.equal(JSON.parse(aiSdk.encode(send('u2', 'Book a visit'), ctx)!.body!));
  });

  it('fails the reply on an error part (/error) and stops it on the server’s abort (/abort)', async () => {
    const failed = await turn(backend, aiSdk, '/api/chat', { ...ctx, history: [user('u1', '/error')] });
    expect(of(failed.events, 'error')).to.deep.equal([{ type: 'error', message: ERROR_TEXT }]);
    const stopped = await turn(backend, aiSdk, '/api/chat', { ...ctx, history: [user('u2', '/abort')] });
    expect(of(stopped.events, 'reply-stopped')).to.deep.equal([{ type: 'reply-stopped' }]);
    expect(of(stopped.events, 'reply-end')).to.deep.equal([]);
    expect(await backend.call('violations')).to.deep.equal([]);
  });
});

describe('standard streams: openai against the mock (chat.completion.chunk)', () => {
  const ctx: DialectContext = {
    sessionId: 's1',
    feature: 'faq',
    model: 'clinic-mini',
    history: [user('u1', 'Hi'), assistant('a1', 'Hello!'), user('u2', 'Opening hours?')],
  };

  it('sends model, messages and stream; decodes the reply, its finish reason and usage', async () => {
    await backend.call('nextReply', REPLY);
    const { status, events } = await turn(backend, openai, '/faq/v1/chat/completions', ctx);
    expect(status).to.equal(200);
    expect(await backend.call('violations')).to.deep.equal([]);
    expect(of(events, 'bad-frame')).to.deep.equal([]);
    expect(text(events)).to.equal(REPLY);
    const ids = new Set(of(events, 'reply-delta').map((e) => e.id));
    expect(ids.size).to.equal(1);
    const [id] = ids;
    expect(id).to.match(/^chatcmpl-/);
    const ends = of(events, 'reply-end');
    expect(ends.map((e) => e.id)).to.deep.equal([id, id]);
    expect(ends[0]!.meta).to.deep.equal({ finishReason: 'stop', model: 'clinic-mini' });
    expect(Object.keys(ends[1]!.meta!['usage'] as object)).to.deep.equal([
      'inputTokens',
      'outputTokens',
      'totalTokens',
    ]);
    expect(events.at(-1)).to.deep.equal({ type: 'done' });
    const [request] = await backend.call<{ body: Record<string, unknown> }[]>('streamRequests');
    expect(request!.body['messages']).to.deep.equal([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'Opening hours?' },
    ]);
  });

  it('fails the reply on an in-band error (/error); without a model the request is refused and flagged', async () => {
    const failed = await turn(backend, openai, '/v1/chat/completions', {
      ...ctx,
      history: [user('u1', '/error')],
    });
    expect(of(failed.events, 'error')).to.deep.equal([
      { type: 'error', message: ERROR_TEXT, code: 'model_unavailable' },
    ]);
    expect(of(failed.events, 'done')).to.deep.equal([]);
    const { model: _model, ...noModel } = ctx;
    expect((await turn(backend, openai, '/v1/chat/completions', noModel)).status).to.equal(400);
    expect(await backend.call<string[]>('violations')).to.deep.equal([
      '#openai2: request: model is not a non-empty string: ""',
    ]);
  });
});

describe('standard streams: stop and faults', () => {
  const cases: [string, HttpDialect, string, DialectContext][] = [
    ['agui', agui, '/agui', { sessionId: 't', feature: 'chat', history: [user('u1', '/long')] }],
    ['ai-sdk', aiSdk, '/api/chat', { sessionId: 'c', feature: 'chat', history: [user('u1', '/long')] }],
    [
      'openai',
      openai,
      '/v1/chat/completions',
      { sessionId: 's', feature: 'chat', model: 'm', history: [user('u1', '/long')] },
    ],
  ];
  for (const [name, dialect, path, ctx] of cases) {
    it(`${name}: stop aborts the request; the server sees the client go`, async () => {
      await backend.call('setOptions', { pace: { thinkMs: 0, chunkMs: 5, chunkChars: 8 } });
      const controller = new AbortController();
      let deltas = 0;
      const aborted = await turn(backend, dialect, path, ctx, {
        signal: controller.signal,
        onEvent: () => {
          if (++deltas === 3) controller.abort();
        },
      }).catch((error: unknown) => error);
      expect(aborted).to.be.instanceOf(DOMException);
      expect(await lastOutcome(backend)).to.equal('closed');
    });

    it(`${name}: /stall starts the reply, then sends nothing until the client goes`, async () => {
      const controller = new AbortController();
      let received: readonly ServerEvent[] = [];
      let replying: () => void = () => undefined;
      const started = new Promise<void>((resolve) => (replying = resolve));
      const stalled = turn(
        backend,
        dialect,
        path,
        { ...ctx, history: [user('u1', '/stall')] },
        {
          signal: controller.signal,
          onEvent: (events) => {
            received = events;
            if (of(events, 'reply-delta').length) replying();
          },
        },
      ).catch((error: unknown) => error);
      await started;
      const count = received.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received.length, 'nothing more arrived').to.equal(count);
      expect(of(received, 'done')).to.deep.equal([]);
      expect((await backend.call<{ outcome?: string }[]>('streamRequests')).at(-1)?.outcome).to.equal(
        undefined,
      );
      controller.abort();
      expect(await stalled).to.be.instanceOf(DOMException);
      expect(await lastOutcome(backend)).to.equal('stalled');
    });

    it(`${name}: refuseConnections() and outages answer 401 and 503; dropAll() cuts the stream`, async () => {
      await backend.call('refuseConnections', 4401, 'no');
      expect((await turn(backend, dialect, path, { ...ctx, history: [user('u1', 'Hi')] })).status).to.equal(
        401,
      );
      await backend.call('refuseConnections', 1012, 'restart');
      expect((await turn(backend, dialect, path, { ...ctx, history: [user('u1', 'Hi')] })).status).to.equal(
        503,
      );
      await backend.call('acceptConnections');
      await backend.call('setOptions', { pace: { thinkMs: 0, chunkMs: 5, chunkChars: 8 } });
      let dropped = false;
      const result = await turn(backend, dialect, path, ctx, {
        onEvent: () => {
          if (!dropped) void backend.call('dropAll');
          dropped = true;
        },
      });
      expect(result.cut).to.equal(true);
      expect(of(result.events, 'done')).to.deep.equal([]);
    });
  }
});
