// <ai-chat> end to end: the real element in real Chromium against the real mock backend
// over real WebSockets.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent } from '../src/events.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { closeBackends, startBackend, userFrames, type Backend } from './support/backend.js';
import { connected, q, qa, until } from './support/element.js';
import { clinic } from '../src/presets/clinic.js';

const REPLY = [
  '## Possible causes',
  '',
  'A **fever** with a _sore throat_ is most often viral. See [the NHS page](https://www.nhs.uk/conditions/fever/).',
  '',
  '| Sign | What to do |',
  '| --- | --- |',
  '| Fever above 39 °C | Call us |',
  '| Rash | Come in today |',
  '',
  '```text',
  'rest, fluids, paracetamol',
  '```',
  '',
  '- Drink plenty of fluids',
  '- Rest',
].join('\n');

const shadow = (el: AiChat) => el.shadowRoot!;

async function chat(backend: Backend, attrs: { token?: string; feature?: string; maxRetries?: number } = {}) {
  const el = await fixture<AiChat>(
    html`<ai-chat
      endpoint=${backend.url('/ai/{feature}/ws')}
      token=${attrs.token ?? 'demo-token'}
      feature=${attrs.feature ?? 'symptom_checker'}
      max-retries=${attrs.maxRetries ?? 5}
      .strings=${clinic.en}
    ></ai-chat>`,
  );
  return el;
}

/**
 * Counts the animation frames and the element's renders from `start()` until the reply it asks
 * for is complete and rendered.
 */
async function framesAndRenders(el: AiChat, start: () => void): Promise<{ frames: number; renders: number }> {
  const counts = { frames: 0, renders: 0 };
  let counting = true;
  const tick = () => {
    counts.frames++;
    if (counting) requestAnimationFrame(tick);
  };
  const host = el as unknown as { update(changed: unknown): void };
  const update = host.update.bind(el);
  host.update = (changed) => {
    counts.renders++;
    update(changed);
  };
  requestAnimationFrame(tick);
  start();
  await until(() => el.messages.some((m) => m.role === 'assistant' && m.state === 'complete'), 'done');
  while (!(await el.updateComplete));
  counting = false;
  return counts;
}

describe('<ai-chat> against the mock backend', () => {
  afterEach(closeBackends);

  it('is idle without an endpoint, with every main part present and accessible', async () => {
    const el = await fixture<AiChat>(html`<ai-chat></ai-chat>`);
    expect(el.status).to.equal('idle');
    expect(el.getAttribute('status')).to.equal('idle');
    for (const part of ['header', 'status', 'log', 'composer', 'input', 'send', 'empty']) {
      expect(q(el, `[part~="${part}"]`), part).to.exist;
    }
    expect(q(el, '[part~="log"]')!.getAttribute('role')).to.equal('log');
    expect(q(el, '[part~="typing"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('connects, streams a markdown reply with typing indicator and busy state, and ends equal to a one-shot render', async () => {
    const backend = await startBackend({ pace: { thinkMs: 150, chunkMs: 2, chunkChars: 7 } });
    const el = await chat(backend);
    await connected(el);
    expect(q(el, '[part~="status"]')!.textContent).to.contain('Live');
    await backend.call('nextReply', REPLY, {
      analysis: { recommended_specialties: ['General practice'], urgency_level: 'medium' },
    });

    const messages: string[] = [];
    el.addEventListener('ai-chat-message', (e) =>
      messages.push(`${e.detail.message.role}:${e.detail.message.state}`),
    );
    expect(el.send('I have a fever and a sore throat')).to.equal(true);
    await el.updateComplete;
    const user = q(el, '[part~="message"][part~="user"]')!;
    expect(user.querySelector('[part~="content"]')!.textContent).to.equal('I have a fever and a sore throat');

    await until(() => q(el, '[part~="typing"]'), 'typing indicator shows after sending');
    expect(el.hasAttribute('busy')).to.equal(true);
    await until(
      () => el.messages.some((m) => m.role === 'assistant' && m.state === 'complete'),
      'the reply completes',
    );
    await el.updateComplete;
    expect(el.hasAttribute('busy')).to.equal(false);
    expect(q(el, '[part~="typing"]')).to.equal(null);

    const content = q(el, '[part~="assistant"] [part~="content"]')!;
    const expected = document.createElement('div');
    expected.append(renderMarkdown(REPLY));
    expect(content.innerHTML).to.equal(expected.innerHTML);
    expect(content.querySelector('table')).to.exist;
    expect(content.querySelector('pre code')).to.exist;
    const link = content.querySelector('a')!;
    expect(link.getAttribute('target')).to.equal('_blank');
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer');

    expect(q(el, '[part~="card"]')).to.exist;
    expect(q(el, '[part~="urgency"]')!.textContent).to.contain('Medium');
    expect(messages).to.include.members([
      'user:pending',
      'user:sent',
      'assistant:streaming',
      'assistant:complete',
    ]);

    const frames = await userFrames(backend);
    expect(frames).to.have.length(1);
    expect((frames[0]!.data as Record<string, unknown>).ai_feature).to.equal('symptom_checker');
    expect(await backend.call('violations')).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('renders once per animation frame however fast the frames come (and steps of a burst)', async () => {
    const backend = await startBackend({ pace: { thinkMs: 0, chunkMs: 0, chunkChars: 4 } });
    const el = await chat(backend);
    await connected(el);
    await backend.call('nextReply', 'word '.repeat(2000));
    const { frames, renders } = await framesAndRenders(el, () => el.send('go'));
    const deltas = 10_000 / 4;
    // Besides one render a frame, a render cut short by its time budget goes on in a task of its
    // own (renderSlot): each such step shows at least a quarter kilobyte more of the reply.
    const steps = Math.ceil(10_000 / 256);
    expect(renders, `${renders} renders, ${frames} frames, ${deltas} deltas`).to.be.at.most(
      frames + steps + 2,
    );
    expect(renders).to.be.below(deltas / 10);
  });

  it('catches up with a reply far behind in several short renders after a frame', async () => {
    // The whole reply in one socket frame: about 60 KB the renderer has not shown.
    const backend = await startBackend({ pace: { thinkMs: 0, chunkMs: 0, chunkChars: 1_000_000 } });
    const el = await chat(backend);
    await connected(el);
    const text = Array.from({ length: 1500 }, (_, i) => `Paragraph ${i} of a **long** reply.`).join('\n\n');
    await backend.call('nextReply', text);
    const { frames, renders } = await framesAndRenders(el, () => el.send('go'));
    const expected = document.createElement('div');
    expected.append(renderMarkdown(text));
    expect(q(el, '[part~="assistant"] [part~="content"]')!.innerHTML).to.equal(expected.innerHTML);
    expect(renders, `${renders} renders in ${frames} frames`).to.be.greaterThan(frames);
  });

  it('fires a cancelable ai-chat-send: preventDefault stops the message', async () => {
    const backend = await startBackend();
    const el = await chat(backend);
    await connected(el);
    el.addEventListener('ai-chat-send', (e) => e.preventDefault(), { once: true });
    expect(el.send('never sent')).to.equal(false);
    expect(el.messages).to.have.length(0);
    expect(await userFrames(backend)).to.have.length(0);
  });

  it('sends on Enter, makes a newline on Shift+Enter, and keeps focus in the composer', async () => {
    const backend = await startBackend();
    const el = await chat(backend);
    await connected(el);
    const input = q<HTMLTextAreaElement>(el, 'textarea')!;
    input.focus();
    await sendKeys({ type: 'first line' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'second line' });
    expect(input.value).to.equal('first line\nsecond line');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(input.value).to.equal('');
    expect(shadow(el).activeElement).to.equal(input);
    await until(async () => (await userFrames(backend)).length === 1, 'the server got the message');
    const [frame] = await userFrames(backend);
    expect((frame!.data as Record<string, unknown>).content).to.equal('first line\nsecond line');
  });

  it('shows the server typing indicator and notices, and reports server errors in the conversation', async () => {
    const backend = await startBackend();
    const el = await chat(backend);
    await connected(el);
    await backend.call('push', { type: 'typing', data: { is_typing: true } });
    await until(() => q(el, '[part~="typing"]'), 'typing shows on a typing frame');
    await backend.call('push', { type: 'typing', data: { is_typing: false } });
    await until(() => !q(el, '[part~="typing"]'), 'typing hides again');
    const error = oneEvent(el, 'ai-chat-error');
    await backend.call('push', { type: 'error', data: { error: 'The AI service is busy.' } });
    expect((await error).detail).to.deep.equal({ code: 'server-error', message: 'The AI service is busy.' });
    await until(
      () => q(el, '[part~="system"]')?.textContent?.includes('The AI service is busy.'),
      'error line shown',
    );
  });

  it('drops a malformed frame with an ai-chat-error and keeps the conversation going', async () => {
    const backend = await startBackend();
    const el = await chat(backend);
    await connected(el);
    const errors: string[] = [];
    el.addEventListener('ai-chat-error', (e) => errors.push(e.detail.code));
    await backend.call('push', '{not json');
    await backend.call('push', { type: 'chunk', data: { content: 42 } });
    await backend.call('push', { type: 'mystery', data: {} });
    await until(() => errors.length === 3, `three bad-frame errors (got ${errors.length})`);
    expect(errors).to.deep.equal(['bad-frame', 'bad-frame', 'bad-frame']);
    await backend.call('nextReply', 'Still **here**.');
    el.send('are you there?');
    await until(
      () => el.messages.some((m) => m.role === 'assistant' && m.state === 'complete'),
      'the next reply renders',
    );
    await el.updateComplete;
    expect(q(el, '[part~="assistant"] strong')!.textContent).to.equal('here');
    expect(el.status).to.equal('connected');
  });

  it('shows card values that look like built-in names as plain text', async () => {
    const backend = await startBackend();
    const el = await chat(backend);
    await connected(el);
    await backend.call('push', {
      type: 'complete',
      message_id: 'r-proto',
      data: {
        content: 'Done.',
        analysis: { recommended_specialties: ['__proto__'], urgency_level: 'constructor' },
      },
    });
    await until(() => q(el, '[part~="urgency"]'), 'the analysis card');
    expect(q(el, '[part~="urgency"]')!.textContent!.trim()).to.equal('constructor');
    expect(q(el, '[part~="chip"]')!.textContent!.trim()).to.equal('__proto__');
  });

  it('adds history messages once, deduplicated by id', async () => {
    const backend = await startBackend();
    const el = await chat(backend);
    await connected(el);
    const frame = {
      type: 'message',
      data: {
        id: 'h-1',
        session_id: 's',
        content: 'Earlier **answer**',
        type: 'ai',
        timestamp: '2026-11-21T09:00:00Z',
        sender_id: 'ai',
        metadata: null,
      },
    };
    await backend.call('push', frame);
    await backend.call('push', frame);
    await until(() => el.messages.length > 0, 'history arrives');
    await backend.call('push', { type: 'heartbeat', data: {} });
    await el.updateComplete;
    expect(el.messages.filter((m) => m.id === 'h-1')).to.have.length(1);
  });

  it('reconnects after the server restarts, and a message written meanwhile is sent once, in order', async () => {
    const backend = await startBackend();
    const el = await chat(backend);
    await connected(el);
    const statuses: string[] = [];
    el.addEventListener('ai-chat-status', (e) => statuses.push(e.detail.status));
    await backend.call('stop');
    await until(() => el.status === 'reconnecting', 'reconnecting after the server went away');
    await until(
      () => q(el, '[part~="status"]')!.textContent!.includes('Reconnecting'),
      'badge says reconnecting',
    );

    el.send('first while down');
    el.send('second while down');
    await el.updateComplete;
    expect(qa(el, '[part~="message"][part~="pending"]')).to.have.length(2);
    expect(q(el, '[part~="meta"]')!.textContent).to.contain('Waiting');

    await backend.call('restart');
    await connected(el);
    await until(async () => (await userFrames(backend)).length === 2, 'both messages reach the server');
    await until(
      () => el.messages.filter((m) => m.role === 'assistant' && m.state === 'complete').length === 2,
      'both answered',
    );
    const contents = (await userFrames(backend)).map((f) => (f.data as Record<string, unknown>).content);
    expect(contents).to.deep.equal(['first while down', 'second while down']);
    await el.updateComplete;
    expect(qa(el, '[part~="pending"]')).to.have.length(0);
    expect(statuses[0]).to.equal('reconnecting');
    expect(statuses.at(-1)).to.equal('connected');
  });

  it('marks a reply cut off mid-stream as interrupted and keeps its text', async () => {
    const backend = await startBackend({ pace: { thinkMs: 0, chunkMs: 30, chunkChars: 4 } });
    const el = await chat(backend);
    await connected(el);
    await backend.call(
      'nextReply',
      'This reply will be cut off somewhere in the middle of a long sentence that keeps going.',
    );
    el.send('tell me');
    await until(
      () => el.messages.some((m) => m.state === 'streaming' && m.content.length > 8),
      'streaming started',
    );
    await backend.call('dropAll');
    await until(() => el.messages.some((m) => m.state === 'interrupted'), 'the reply is marked interrupted');
    await el.updateComplete;
    const reply = q(el, '[part~="assistant"]')!;
    expect(reply.getAttribute('part')).to.contain('interrupted');
    expect(reply.querySelector('[part~="content"]')!.textContent!.length).to.be.greaterThan(4);
    expect(reply.querySelector('[part~="meta"]')!.textContent).to.contain('interrupted');
  });

  it('stops at unauthorized on a refused token, without retrying, and shows Retry', async () => {
    const backend = await startBackend();
    const el = await chat(backend, { token: 'expired' });
    await until(() => el.status === 'unauthorized', `status is ${el.status}, not unauthorized`);
    await el.updateComplete;
    expect(q(el, '[part~="status"]')!.textContent).to.contain('Session expired');
    expect(q(el, '[part~="retry"]')).to.exist;
    await expect(el).to.be.accessible();
    // No retry by itself, however long one waits: shown on the fake clock (session.test.ts, 'a
    // refused token or a final close code stops retrying'). Here: one attempt so far.
    expect((await backend.call<unknown[]>('handshakes')).length).to.equal(1);

    el.token = 'fresh-token';
    await connected(el);
    expect((await backend.call<unknown[]>('handshakes')).length).to.equal(2);
  });

  it('goes offline after max-retries and comes back with Retry', async () => {
    const backend = await startBackend();
    const el = await chat(backend, { maxRetries: 0 });
    await connected(el);
    await backend.call('stop');
    await until(() => el.status === 'offline', `status is ${el.status}, not offline`);
    await el.updateComplete;
    expect(q(el, '[part~="retry"]')).to.exist;
    await expect(el).to.be.accessible();
    await backend.call('restart');
    q<HTMLButtonElement>(el, '[part~="retry"]')!.click();
    await connected(el);
    await el.updateComplete;
    expect(q(el, '[part~="retry"]')).to.equal(null);
  });

  it('does not reconnect when moved in the DOM, and closes its socket when removed', async () => {
    const backend = await startBackend();
    const el = await chat(backend);
    await connected(el);
    const other = document.createElement('div');
    document.body.append(other);
    other.append(el);
    await el.updateComplete;
    // The element decides after that update whether it was removed or moved; a round trip
    // afterwards would go on a new socket, after a second handshake, had the move reconnected.
    await backend.call('nextReply', 'Still here.');
    el.send('moved?');
    await until(() => el.messages.some((m) => m.content === 'Still here.'), 'answered after the move');
    expect(el.status).to.equal('connected');
    expect((await backend.call<unknown[]>('handshakes')).length).to.equal(1);

    el.remove();
    await until(
      async () => (await backend.call<number>('connections')) === 0,
      'the server sees the socket close',
    );
    expect(el.status).to.equal('idle');
    other.remove();
  });

  it("reconnects once to the new endpoint when the feature changes, and shows that feature's suggestions", async () => {
    const backend = await startBackend();
    const el = await chat(backend, { feature: 'symptom_checker' });
    await connected(el);
    expect(q(el, '[part~="suggestion"]')!.textContent).to.contain('fever');
    el.feature = 'faq';
    await until(
      async () => (await backend.call<{ path: string }[]>('handshakes')).at(-1)?.path === '/ai/faq/ws',
      'a new socket on /ai/faq/ws',
    );
    await connected(el);
    await backend.call('nextReply', 'Parking is free.');
    q<HTMLButtonElement>(el, '[part~="suggestion"]')!.click();
    await until(
      () => el.messages.some((m) => m.role === 'assistant' && m.state === 'complete'),
      'reply arrives',
    );
    const handshakes = await backend.call<{ path: string }[]>('handshakes');
    expect(handshakes.map((h) => h.path)).to.deep.equal(['/ai/symptom-checker/ws', '/ai/faq/ws']);
    const [frame] = await userFrames(backend);
    expect((frame!.data as Record<string, unknown>).ai_feature).to.equal('faq');
    expect(el.messages[0]!.content).to.equal('Where can I park?');
  });

  it('refuses a message over max-length with a clear error, keeps the draft, and sends nothing', async () => {
    const backend = await startBackend();
    const el = await fixture<AiChat>(
      html`<ai-chat endpoint=${backend.url('/chat/ws')} token="t" max-length="20"></ai-chat>`,
    );
    await connected(el);
    const errors: AiChatErrorEvent['detail'][] = [];
    el.addEventListener('ai-chat-error', (e: AiChatErrorEvent) => errors.push(e.detail));
    const input = q<HTMLTextAreaElement>(el, 'textarea')!;
    input.focus();
    await sendKeys({ type: 'This message is far too long' });
    await el.updateComplete;
    expect(q(el, '[part~="counter"]')!.textContent).to.contain('/ 20');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(q<HTMLButtonElement>(el, '[part~="send"]')!.disabled).to.equal(true);
    await sendKeys({ press: 'Enter' });
    expect(input.value).to.equal('This message is far too long');
    expect(el.send('x'.repeat(21))).to.equal(false);
    expect(errors.map((e) => e.code)).to.include('too-long');
    expect(errors.find((e) => e.code === 'too-long')!.message).to.contain('20');
    expect(el.messages).to.have.length(0);
    expect(await userFrames(backend)).to.have.length(0);
  });

  it('disconnect() goes idle and stays there; connect() comes back', async () => {
    const backend = await startBackend();
    const el = await chat(backend);
    await connected(el);
    el.disconnect();
    expect(el.status).to.equal('idle');
    await until(async () => (await backend.call<number>('connections')) === 0, 'socket closed');
    el.connect();
    await connected(el);
  });

  for (const auth of ['message', 'protocol'] as const) {
    it(`authenticates with auth="${auth}" without putting the token in the URL`, async () => {
      const backend = await startBackend();
      const el = await fixture<AiChat>(
        html`<ai-chat endpoint=${backend.url('/chat/ws')} token="secret-token" auth=${auth}></ai-chat>`,
      );
      await connected(el);
      const [handshake] =
        await backend.call<{ auth: string; query: Record<string, unknown> }[]>('handshakes');
      expect(handshake!.auth).to.equal(auth);
      expect(handshake!.query).to.not.have.property('token');
      await backend.call('nextReply', 'Authenticated.');
      el.send('hello');
      await until(
        () => el.messages.some((m) => m.role === 'assistant' && m.state === 'complete'),
        'reply arrives',
      );
      expect(await backend.call('violations')).to.deep.equal([]);
    });
  }

  it('sends heartbeats at the heartbeat interval and stays connected', async () => {
    const backend = await startBackend();
    const el = await fixture<AiChat>(
      html`<ai-chat endpoint=${backend.url('/chat/ws')} token="t" heartbeat="1"></ai-chat>`,
    );
    await connected(el);
    await until(
      async () => (await backend.received()).filter((r) => r.frame.type === 'heartbeat').length >= 2,
      'two heartbeats reach the server',
    );
    expect(el.status).to.equal('connected');
    expect(await backend.call('violations')).to.deep.equal([]);
  });

  it('reports a wrong attribute as bad-config and keeps working with the default', async () => {
    const backend = await startBackend();
    const errors: string[] = [];
    const listener = (e: AiChatErrorEvent) => errors.push(e.detail.code);
    document.addEventListener('ai-chat-error', listener);
    const el = await fixture<AiChat>(
      html`<ai-chat
        endpoint=${backend.url('/ai/{feature}/ws')}
        token="t"
        dialect="klingon"
        max-retries="lots"
        mode="popup"
        theme="neon"
      ></ai-chat>`,
    );
    await connected(el);
    document.removeEventListener('ai-chat-error', listener);
    expect(errors.filter((c) => c === 'bad-config')).to.have.length(4);
    expect(q(el, '[part~="composer"]'), 'still the inline panel').to.exist;
  });
});

describe('<ai-chat> in Lit dev mode', () => {
  it('made Lit issue no warning besides the dev-mode notice across the suite above', () => {
    const issued = (globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings;
    expect(issued, 'the tests run Lit in dev mode').to.be.instanceOf(Set);
    expect([...issued!].filter((w) => !/dev mode|dev-mode/i.test(w))).to.deep.equal([]);
  });
});
