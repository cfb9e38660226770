// The three standard streams end to end (issue 13): the real <ai-chat>, in real Chromium, with
// `dialect="agui" | "ai-sdk" | "openai"` and attributes alone, against the real mock backend (its
// AG-UI made with @ag-ui/encoder and every request checked with @ag-ui/core; its AI SDK stream
// made by `ai` itself; its OpenAI stream read by the official client in test/node). After every
// test the mock has flagged no violation of the standard in what the widget sent.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatDataEvent, AiChatStateEvent } from '../src/events.js';
import { closeBackends, startBackend, type Backend } from './support/backend.js';
import { connected, q, qa, replies, until } from './support/element.js';
import { installTraps, replyProblems } from './support/security.js';
import { XSS_VECTORS } from './fixtures/xss-vectors.js';

type Name = 'agui' | 'ai-sdk' | 'openai';

/** Where each dialect's mock route is, and what else it needs. */
const SETUP: Record<Name, { path: string; model?: string }> = {
  agui: { path: '/agui/{feature}' },
  'ai-sdk': { path: '/api/chat/{feature}' },
  openai: { path: '/{feature}/v1/chat/completions', model: 'clinic-mini' },
};

const REPLY =
  '## Your visit\n\nBring **your card** and read [the visitor guide](https://example.org/riverside/guide).\n';

interface StreamRequest {
  path: string;
  status: number;
  authorization: string | null;
  body?: Record<string, unknown>;
  outcome?: string;
}

let backend: Backend;

/** An <ai-chat> speaking `name` to the mock, with attributes only. */
async function chat(name: Name, extra: { feature?: string; token?: string; more?: string } = {}) {
  const { path, model } = SETUP[name];
  const endpoint = `http://127.0.0.1:${backend.port}${path}`;
  const el = await fixture<AiChat>(
    html`<ai-chat
      dialect=${name}
      endpoint=${endpoint}
      token=${extra.token ?? 'demo-token'}
      feature=${extra.feature ?? 'chat'}
      model=${model ?? ''}
    ></ai-chat>`,
  );
  if (!model) el.removeAttribute('model');
  return el;
}

const requests = () => backend.call<StreamRequest[]>('streamRequests');
/** The outcome the mock recorded for its last request, once that answer is over. */
async function lastOutcome(): Promise<string | undefined> {
  let outcome: string | undefined;
  await until(async () => (outcome = (await requests()).at(-1)?.outcome), 'the answer is over');
  return outcome;
}
const assistant = (el: AiChat) => el.messages.filter((m) => m.role === 'assistant');
const bubble = (el: AiChat, id: string) => q(el, `.message[data-id="${CSS.escape(id)}"]`)!;
/** The id of the last user message in a request's body (agui and ai-sdk carry ids; openai none). */
const lastUserId = (body: Record<string, unknown> | undefined) =>
  ((body?.['messages'] as { id?: string; role: string }[] | undefined) ?? []).at(-1)?.id;

beforeEach(async () => {
  backend = await startBackend();
});

afterEach(async () => {
  expect(await backend.call('violations'), 'violations the mock flagged').to.deep.equal([]);
  await closeBackends();
});

for (const name of ['agui', 'ai-sdk', 'openai'] as const) {
  describe(`dialect="${name}" end to end`, () => {
    it('streams a reply as markdown and completes it; the status reads Ready', async () => {
      const el = await chat(name);
      await connected(el);
      expect(q(el, '[part~="status-text"]')!.textContent).to.equal('Ready');
      await backend.call('nextReply', REPLY);
      el.send('How do I prepare?');
      await replies(el);
      const [reply] = assistant(el);
      expect(reply!.content).to.equal(REPLY);
      const content = q(el, '[part~="assistant"] [part~="content"]')!;
      expect(content.querySelector('strong')!.textContent).to.equal('your card');
      expect(el.messages.map((m) => `${m.role}:${m.state}`)).to.deep.equal([
        'user:sent',
        'assistant:complete',
      ]);
      const [request] = await requests();
      expect(request!.authorization).to.equal(`Bearer ${'demo-token'.length}`);
      expect(await lastOutcome()).to.equal('complete');
    });

    it('stop() aborts the request: the reply ends stopped and the server sees the client go', async () => {
      await backend.call('setOptions', { pace: { thinkMs: 0, chunkMs: 30, chunkChars: 8 } });
      const el = await chat(name);
      await connected(el);
      el.send('/long');
      await until(() => (assistant(el)[0]?.content.length ?? 0) > 40, 'the reply streams');
      el.stop();
      expect(assistant(el)[0]!.state).to.equal('stopped');
      expect(await lastOutcome()).to.equal('closed');
      await el.updateComplete;
      expect(q(el, '[part~="stop"]')).to.equal(null);
      expect(bubble(el, assistant(el)[0]!.id).getAttribute('data-state')).to.equal('stopped');
    });

    it('a message written offline waits, pending, and goes once when the browser is back', async () => {
      const el = await chat(name);
      await connected(el);
      await backend.call('nextReply', 'Back online.');
      await executeServerCommand('network', { offline: true, forMs: 1500 });
      await until(() => el.status === 'offline', `status is ${el.status}, not offline`);
      el.send('Written offline');
      expect(el.messages.map((m) => m.state)).to.deep.equal(['pending']);
      await until(() => el.status === 'connected', 'back online');
      await replies(el);
      expect(assistant(el)[0]!.content).to.equal('Back online.');
      expect(await requests()).to.have.length(1);
    });

    it('a request refused before any byte (503) is made again with the same message', async () => {
      await backend.call('refuseConnections', 1013, 'try again later');
      const el = await chat(name);
      const statuses: string[] = [];
      el.addEventListener('ai-chat-status', (e) => statuses.push(e.detail.status));
      await connected(el);
      await backend.call('nextReply', 'Here now.');
      el.send('Are you there?');
      await until(
        async () => (await requests()).some((r) => r.status === 503),
        'the first request is refused',
      );
      await until(() => el.status === 'reconnecting', `status is ${el.status}`);
      await backend.call('acceptConnections');
      await replies(el);
      const sent = await requests();
      // (A retry may come before the refusal ends: every request but the last was refused.)
      expect(sent.map((r) => r.status)).to.deep.equal([...sent.slice(1).map(() => 503), 200]);
      const [user] = el.messages;
      expect(user).to.include({ role: 'user', state: 'sent', content: 'Are you there?' });
      for (const request of sent) {
        // Chat Completions has no message ids: the same messages are sent again.
        if (name === 'openai') expect(request.body!['messages']).to.deep.equal(sent[0]!.body!['messages']);
        else expect(lastUserId(request.body)).to.equal(user!.id);
      }
      expect(statuses).to.include.members(['reconnecting', 'connected']);
    });

    it('a stream cut mid-reply ends interrupted, what arrived kept', async () => {
      // Paced, so what is written before the cut has left the server when it comes.
      await backend.call('setOptions', { pace: { thinkMs: 0, chunkMs: 20, chunkChars: 8 } });
      const el = await chat(name);
      await connected(el);
      el.send('/broken');
      await until(() => assistant(el)[0]?.state === 'interrupted', 'the reply is interrupted');
      expect(assistant(el)[0]!.content.length).to.be.greaterThan(0);
      expect(await lastOutcome()).to.equal('cut');
    });

    it('a refused token is unauthorized; the message waits and goes with a new token', async () => {
      const el = await chat(name, { token: 'expired' });
      await connected(el);
      el.send('Hello?');
      await until(() => el.status === 'unauthorized', `status is ${el.status}, not unauthorized`);
      expect(el.messages.map((m) => m.state)).to.deep.equal(['pending']);
      await el.updateComplete;
      expect(q(el, '[part~="retry"]')).to.not.equal(null);
      el.token = 'demo-token';
      await replies(el);
      expect(el.messages[0]!.state).to.equal('sent');
      expect((await requests()).map((r) => r.status)).to.deep.equal([401, 200]);
    });

    it('hostile model output in the stream never runs, loads or restyles anything', async () => {
      const traps = installTraps();
      try {
        const el = await chat(name, { feature: 'symptom_checker' });
        el.reasoning = 'collapsed';
        el.showToolDetails = true;
        await connected(el);
        const hostile = XSS_VECTORS.map((v) => v.text).join('\n\n');
        await backend.call(
          'nextReply',
          `${hostile}\n\nSee [<img src=x onerror="window.__xss=1">](https://example.org/a?<script>)`,
        );
        el.send('<img src=x onerror="window.__xss=2"> what now?');
        await replies(el);
        const reply = assistant(el).find((m) => m.content)!;
        const message = bubble(el, reply.id);
        expect(replyProblems(message.querySelector('[part~="content"]')!, false)).to.deep.equal([]);
        const sources = qa(el, '[part~="source"]');
        // The AI SDK stream lists the reply's links: the hostile title is shown as text.
        if (name === 'ai-sdk')
          expect(sources.map((a) => a.textContent)).to.include('<img src=x onerror="window.__xss=1">');
        for (const link of sources) {
          expect(link.getAttribute('href')).to.match(/^https?:/);
          expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
          expect(link.children).to.have.length(0);
        }
        for (const part of qa(el, '[part~="reasoning"], [part~="activity"], [part~="sources"]'))
          expect(part.querySelectorAll('script, img, iframe, style, [onerror], [onload]')).to.have.length(0);
        expect(traps.executions).to.deep.equal([]);
        expect(traps.errors).to.deep.equal([]);
      } finally {
        traps.restore();
      }
      expect(traps.injected).to.deep.equal([]);
    });
  });
}

describe('dialect="agui": what AG-UI adds', () => {
  it('runs tools as activity lines that finish; the state reaches ai-chat-state with the patch applied, and goes back', async () => {
    const el = await chat('agui', { feature: 'booking_assistant' });
    const states: unknown[] = [];
    el.addEventListener('ai-chat-state', (e: AiChatStateEvent) => states.push(e.detail.state));
    await connected(el);
    await backend.call('nextReply', REPLY);
    const data = oneEvent(el, 'ai-chat-data');
    el.send('Book a visit with a GP');
    await replies(el);
    const reply = assistant(el).find((m) => m.content)!;
    expect(reply.activity!.map((a) => `${a.name}:${a.state}`)).to.deep.equal([
      'find_doctors:done',
      'find_time_slots:done',
    ]);
    await el.updateComplete;
    const lines = qa(el, `.message[data-id="${CSS.escape(reply.id)}"] [part~="activity"]`);
    expect(lines.map((line) => line.querySelector('[part~="activity-name"]')!.textContent)).to.deep.equal([
      'find_doctors',
      'find_time_slots',
    ]);
    expect(lines.map((line) => line.querySelector('[part~="activity-state"]')!.textContent)).to.deep.equal([
      'Done',
      'Done',
    ]);
    // The arguments stay out of sight unless the host asks.
    expect(q(el, '[part~="activity-detail"]')).to.equal(null);
    const first = {
      feature: 'booking_assistant',
      turns: 1,
      booking: { step: 'choose-doctor', doctors: ['dr-rossi', 'dr-nakamura'] },
    };
    expect(states.at(-1)).to.deep.equal(first);
    expect((await data).detail).to.deep.equal({
      name: 'clinic.reply-info',
      data: { feature: 'booking_assistant', characters: REPLY.length },
    } satisfies AiChatDataEvent['detail']);
    // The first card belongs to the reply; the next stands alone.
    expect(reply.card?.kind).to.equal('doctors');
    expect(q(el, `.message[data-id="${CSS.escape(reply.id)}"] [part~="card"][part~="doctors"]`)).to.not.equal(
      null,
    );
    expect(el.messages.some((m) => m.card?.kind === 'time-slots')).to.equal(true);
    // Reasoning is hidden by default, and there.
    expect(reply.reasoning?.[0]?.text).to.contain('Book a visit');
    expect(q(el, '[part~="reasoning"]')).to.equal(null);
    el.reasoning = 'collapsed';
    el.showToolDetails = true;
    await el.updateComplete;
    const reasoning = q(el, '[part~="reasoning"]') as HTMLDetailsElement;
    expect(reasoning.open).to.equal(false);
    expect(reasoning.textContent).to.contain('Book a visit');
    // (a tool's detail is its result once it has one)
    expect(q(el, '[part~="activity-detail"]')!.textContent).to.contain('"name":"Dr. Elena Rossi"');

    // The next run sends the state back; the agent answers with a patch.
    await backend.call('nextReply', 'Tomorrow at 9 then.');
    el.send('Tomorrow morning');
    await replies(el, 2);
    const bodies = (await requests()).map((r) => r.body!);
    expect(bodies[1]!['state']).to.deep.equal(first);
    expect(bodies[1]!['threadId']).to.equal(bodies[0]!['threadId']);
    expect(bodies[1]!['runId']).to.not.equal(bodies[0]!['runId']);
    expect(states.at(-1)).to.deep.include({ turns: 2 });
  });

  it('RUN_ERROR fails the reply and shows its message', async () => {
    const el = await chat('agui');
    const error = oneEvent(el, 'ai-chat-error');
    await connected(el);
    el.send('/error');
    expect((await error).detail).to.deep.equal({
      code: 'model_unavailable',
      message: 'The AI service is temporarily unavailable.',
    });
    await until(() => assistant(el)[0]?.state === 'failed', 'the reply fails');
    expect(el.messages.at(-1)).to.include({
      role: 'system',
      content: 'The AI service is temporarily unavailable.',
    });
  });
});

describe('dialect="ai-sdk": what the AI SDK stream adds', () => {
  it('lists the sources under the reply, shows tools and the card, and keeps the finish figures', async () => {
    const el = await chat('ai-sdk', { feature: 'booking_assistant' });
    await connected(el);
    await backend.call('nextReply', REPLY);
    el.send('Book a visit');
    await replies(el);
    await el.updateComplete;
    const reply = assistant(el).find((m) => m.content)!;
    expect(reply.sources).to.deep.equal([
      { url: 'https://example.org/riverside/guide', title: 'the visitor guide' },
    ]);
    const links = qa(
      el,
      `.message[data-id="${CSS.escape(reply.id)}"] [part~="source"]`,
    ) as HTMLAnchorElement[];
    expect(links.map((a) => [a.href, a.textContent, a.target, a.rel])).to.deep.equal([
      ['https://example.org/riverside/guide', 'the visitor guide', '_blank', 'noopener noreferrer'],
    ]);
    expect(reply.activity!.map((a) => `${a.name}:${a.state}`)).to.deep.equal([
      'find_doctors:done',
      'find_time_slots:done',
    ]);
    expect(reply.card?.kind).to.equal('doctors');
    expect(reply.meta).to.have.property('finishReason', 'stop');
  });

  it('the server’s abort ends the reply stopped; an error part fails it', async () => {
    const el = await chat('ai-sdk');
    await connected(el);
    el.send('/abort');
    await until(() => assistant(el)[0]?.state === 'stopped', 'the reply is stopped');
    el.send('/error');
    await until(() => assistant(el)[1]?.state === 'failed', 'the reply fails');
  });
});

describe('dialect="openai": what Chat Completions adds', () => {
  it('keeps the usage figures in the reply’s meta, and sends model, messages and stream', async () => {
    const el = await chat('openai');
    await connected(el);
    await backend.call('nextReply', REPLY);
    el.send('Hi');
    await replies(el);
    await until(() => assistant(el)[0]!.meta?.['usage'] !== undefined, 'the usage arrives');
    const { meta } = assistant(el)[0]!;
    expect(meta).to.include({ finishReason: 'stop', model: 'clinic-mini' });
    const usage = meta!['usage'] as Record<string, number>;
    expect(usage['totalTokens']).to.equal(usage['inputTokens']! + usage['outputTokens']!);
    const [request] = await requests();
    expect(request!.path).to.equal('/chat/v1/chat/completions');
    expect(request!.body).to.deep.include({ model: 'clinic-mini', stream: true });
  });

  it('without model it reports a setting error', async () => {
    const errors: string[] = [];
    const el = await fixture<AiChat>(
      html`<ai-chat
        dialect="openai"
        endpoint=${`http://127.0.0.1:${backend.port}/v1/chat/completions`}
        token="demo-token"
        @ai-chat-error=${(e: CustomEvent<{ message: string }>) => errors.push(e.detail.message)}
      ></ai-chat>`,
    );
    await until(() => errors.length > 0, 'a bad-config error');
    expect(errors).to.deep.equal(['the openai dialect needs the model attribute']);
    expect(el.status).to.not.equal('unauthorized');
  });
});
