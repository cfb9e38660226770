// Faults injected into the real mock backend, over real sockets: what the person sees and
// what the server received. Each test counts the faults it injects into `faults`, and the
// last test prints the total (the figure for the closing note).
import { expect, fixture, html } from '@open-wc/testing';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent } from '../src/events.js';
import { closeBackends, startBackend, userFrames, type Backend } from './support/backend.js';
import { connected, q, qa, replies, until } from './support/element.js';

let faults = 0;

const mount = (
  backend: Backend,
  attrs: { heartbeat?: number; maxRetries?: number; maxMessages?: number } = {},
) =>
  fixture<AiChat>(
    html`<ai-chat
      endpoint=${backend.url('/ai/{feature}/ws')}
      token="t"
      feature="faq"
      heartbeat=${attrs.heartbeat ?? 30}
      max-retries=${attrs.maxRetries ?? 8}
      max-messages=${attrs.maxMessages ?? 100}
    ></ai-chat>`,
  );

const contents = async (backend: Backend) =>
  (await userFrames(backend)).map((f) => (f.data as Record<string, unknown>).content);

const handshakes = async (backend: Backend) => (await backend.call<unknown[]>('handshakes')).length;

function setVisibility(state: 'hidden' | 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('faults', () => {
  afterEach(async () => {
    await closeBackends();
    delete (document as { visibilityState?: unknown }).visibilityState;
    delete (document as { hidden?: unknown }).hidden;
  });

  it('keeps a reply cut mid-stream, marked interrupted, and goes on after the reconnect', async () => {
    const backend = await startBackend({ pace: { thinkMs: 0, chunkMs: 25, chunkChars: 5 } });
    const el = await mount(backend);
    await connected(el);
    await backend.call(
      'nextReply',
      'A reply that is long enough to be cut off somewhere in the middle of it.',
    );
    el.send('first');
    await until(() => el.messages.some((m) => m.state === 'streaming' && m.content.length > 10), 'streaming');
    await backend.call('dropAll');
    faults++;
    await until(() => el.messages.some((m) => m.state === 'interrupted'), 'interrupted');
    await connected(el);
    await backend.call('nextReply', 'Second answer.');
    el.send('second');
    await until(
      () => el.messages.some((m) => m.content === 'Second answer.' && m.state === 'complete'),
      'continues',
    );
    const cut = el.messages.find((m) => m.state === 'interrupted')!;
    expect(cut.content.length).to.be.greaterThan(10);
    await el.updateComplete;
    expect(qa(el, '[part~="interrupted"]')).to.have.length(1);
  });

  it('shows nothing twice when the envelope server re-delivers the cut reply by its id', async () => {
    const backend = await startBackend({ redeliver: true, pace: { thinkMs: 0, chunkMs: 25, chunkChars: 5 } });
    const el = await mount(backend);
    await connected(el);
    const whole = 'This whole reply is re-delivered in one piece after the connection comes back.';
    await backend.call('nextReply', whole);
    el.send('tell me');
    await until(() => el.messages.some((m) => m.state === 'streaming' && m.content.length > 10), 'streaming');
    await backend.call('dropAll');
    faults++;
    await until(() => el.messages.some((m) => m.state === 'interrupted'), 'interrupted');
    await connected(el);
    await backend.call('nextReply', 'Next.');
    el.send('and now?');
    await until(
      () => el.messages.some((m) => m.content === whole && m.state === 'complete'),
      're-delivered whole',
    );
    await replies(el, 2);
    const assistants = el.messages.filter((m) => m.role === 'assistant');
    expect(assistants.map((m) => m.content)).to.deep.equal([whole, 'Next.']);
  });

  it('sends messages written while down (across failed attempts and a hidden/visible switch) once, in order', async () => {
    const backend = await startBackend();
    const el = await mount(backend);
    await connected(el);
    let attempt = 0;
    el.addEventListener('ai-chat-status', (e) => (attempt = Math.max(attempt, e.detail.attempt ?? 0)));
    await backend.call('stop');
    faults++;
    el.send('one');
    await until(() => el.status === 'reconnecting', 'reconnecting');
    el.send('two');
    setVisibility('hidden');
    await until(() => attempt >= 2, 'an attempt failed while hidden');
    el.send('three');
    const before = attempt;
    // Back on the page: the waiting retry is made at once (and fails: the backend is down).
    setVisibility('visible');
    await until(() => attempt > before, 'an attempt made on showing the page');
    expect(el.messages.filter((m) => m.state === 'pending')).to.have.length(3);
    await backend.call('restart');
    // Back on the page: a pending retry fires at once instead of waiting out its backoff.
    setVisibility('hidden');
    setVisibility('visible');
    await until(async () => (await userFrames(backend)).length === 3, 'all three arrive');
    // A probe written after them: streams are ordered, so a resend of any would arrive before it.
    el.send('probe');
    await until(async () => (await contents(backend)).includes('probe'), 'the probe arrives');
    expect(await contents(backend)).to.deep.equal(['one', 'two', 'three', 'probe']);
    await until(
      () => el.messages.filter((m) => m.role === 'user').every((m) => m.state === 'sent'),
      'all sent',
    );
  });

  it('does not resend a message whose delivery was proven (its heartbeat echoed) before the socket died', async () => {
    const backend = await startBackend({ pace: { thinkMs: 400, chunkMs: 5, chunkChars: 8 } });
    const el = await mount(backend);
    await connected(el);
    el.send('in flight');
    await until(async () => (await userFrames(backend)).length === 1, 'written');
    // The heartbeat written right after it comes back naming its id: proof the server has it.
    await until(() => el.messages[0]!.state === 'sent', 'proven sent before its reply starts');
    await backend.call('dropAll');
    faults++;
    await connected(el);
    // Streams are ordered: a resend would reach the server before a probe written after it.
    el.send('probe');
    await until(async () => (await contents(backend)).includes('probe'), 'the probe arrives');
    expect(await contents(backend)).to.deep.equal(['in flight', 'probe']);
  });

  it('calls the token provider before every (re)connect; a refused token stops until a fresh one', async () => {
    const backend = await startBackend();
    const tokens = ['expired', 'fresh-1', 'fresh-2'];
    let calls = 0;
    const el = await fixture<AiChat>(
      html`<ai-chat
        endpoint=${backend.url('/chat/ws')}
        .tokenProvider=${async () => tokens[Math.min(calls++, tokens.length - 1)]!}
      ></ai-chat>`,
    );
    await until(() => el.status === 'unauthorized', 'the first token is refused');
    // That nothing retries by itself after a refusal is shown on the fake clock (session.test.ts,
    // 'a refused token or a final close code stops retrying'): a fixed wait could only say "not yet".
    expect(calls).to.equal(1);
    expect(await handshakes(backend)).to.equal(1);
    el.retry();
    await connected(el);
    expect(calls).to.equal(2);
    await backend.call('dropAll');
    faults++;
    await until(() => calls === 3 && el.status === 'connected', 'the provider is asked again on reconnect');
    const queries = await backend.call<{ query: Record<string, unknown> }[]>('handshakes');
    expect(queries.map((h) => h.query.token)).to.deep.equal([7, 7, 7]); // lengths: 'expired', 'fresh-1', 'fresh-2'
  });

  it('detects a half-open socket within two heartbeat intervals and replaces it', async () => {
    const backend = await startBackend();
    const el = await mount(backend, { heartbeat: 1 });
    await connected(el);
    const silencedAt = performance.now();
    await backend.call('silence', true);
    faults++;
    await until(() => el.status !== 'connected', 'the dead socket is noticed', 6000);
    const detectedAfter = performance.now() - silencedAt;
    await connected(el);
    expect(detectedAfter, `detected after ${Math.round(detectedAfter)} ms`).to.be.below(2000 + 700);
    expect(await handshakes(backend)).to.equal(2);
    await backend.call('nextReply', 'Alive again.');
    el.send('ping?');
    await until(() => el.messages.some((m) => m.content === 'Alive again.'), 'the new socket works');
  });

  it('goes offline at once when the browser does, and reconnects at once when it is back', async () => {
    const backend = await startBackend();
    const el = await mount(backend);
    await connected(el);
    window.dispatchEvent(new Event('offline'));
    faults++;
    expect(el.status).to.equal('offline');
    await el.updateComplete;
    expect(q(el, '[part~="retry"]')).to.exist;
    el.send('typed while offline');
    window.dispatchEvent(new Event('online'));
    expect(['connecting', 'reconnecting']).to.include(el.status);
    await connected(el);
    await until(async () => (await userFrames(backend)).length === 1, 'the offline message goes out');
  });

  it('gives up after max-retries against refused connections, then Retry reconnects', async () => {
    const backend = await startBackend();
    const el = await mount(backend, { maxRetries: 1 });
    await connected(el);
    await backend.call('refuseConnections', 1013, 'try again later');
    await backend.call('dropAll');
    faults += 2;
    await until(() => el.status === 'offline', `status ${el.status}`, 6000);
    expect(await handshakes(backend)).to.equal(2);
    await backend.call('acceptConnections');
    await el.updateComplete;
    q<HTMLButtonElement>(el, '[part~="retry"]')!.click();
    await connected(el);
  });

  it('survives a burst of thousands of malformed frames and renders the next valid reply', async function () {
    // 3,010 frames through the mock, the socket and the element: seconds on a busy machine.
    this.timeout(40_000);
    const backend = await startBackend();
    const el = await mount(backend);
    await connected(el);
    const thrown: unknown[] = [];
    const onError = (e: ErrorEvent) => thrown.push(e.error ?? e.message);
    const onRejection = (e: PromiseRejectionEvent) => thrown.push(e.reason);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    const warn = console.warn;
    let warnings = 0;
    console.warn = (...args: unknown[]) => {
      warnings++;
      void args;
    };
    let errors = 0;
    el.addEventListener('ai-chat-error', (e: AiChatErrorEvent) => {
      if (e.detail.code === 'bad-frame') errors++;
    });
    try {
      const kinds = ['invalid-json', 'wrong-types', 'unknown-type', 'binary', 'empty', 'null', 'array'];
      const small = await backend.call<{ sent: number }>('garbage', 3000, kinds);
      const big = await backend.call<{ sent: number }>('garbage', 10, ['huge', 'deep']);
      const sent = small.sent + big.sent;
      faults += sent;
      await until(() => errors >= sent, `an error per bad frame (${errors}/${sent})`, 15000);
      await backend.call('nextReply', 'Still **fine**.');
      el.send('are you ok?');
      await until(
        () => q(el, '[part~="assistant"] strong')?.textContent === 'fine',
        'the next reply renders',
      );
      // The reply came after every bad frame on the same socket (streams are ordered): no error
      // can still be on its way.
      expect(errors).to.equal(sent);
      expect(warnings, 'console warnings are rate-limited').to.be.at.most(10 + Math.ceil(sent / 100));
      expect(thrown).to.deep.equal([]);
      expect(el.status).to.equal('connected');
    } finally {
      console.warn = warn;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });

  it('keeps several widgets on one page independent', async () => {
    const a = await startBackend();
    const b = await startBackend();
    const first = await mount(a);
    const second = await mount(b);
    await connected(first);
    await connected(second);
    await a.call('stop');
    faults++;
    await until(() => first.status === 'reconnecting', 'the first reconnects');
    expect(second.status).to.equal('connected');
    await b.call('nextReply', 'Only me.');
    second.send('you there?');
    await replies(second);
    expect(first.messages).to.have.length(0);
    expect(await userFrames(a)).to.have.length(0);
  });

  it('after removal sends nothing more and never reconnects (every timer cleared)', async () => {
    const backend = await startBackend();
    const el = await mount(backend, { heartbeat: 1 });
    await connected(el);
    await until(
      async () => (await backend.received()).some((r) => r.frame.type === 'heartbeat'),
      'heartbeats flow',
    );
    el.remove();
    await until(async () => (await backend.call<number>('connections')) === 0, 'closed');
    // The server saw the socket close, and the session is closed for good (idle, not
    // reconnecting). That a closed session keeps no timer, so nothing can be sent or retried
    // later however long one waits, is the fake-clock teardown contract of session.test.ts: a
    // fixed wait here could only say "not yet".
    expect(el.status).to.equal('idle');
    expect(await handshakes(backend)).to.equal(1);
  });

  it('bounds the outbox: past the limit a message fails visibly instead of piling up', async () => {
    const backend = await startBackend();
    const el = await mount(backend);
    await connected(el);
    await backend.call('stop');
    faults++;
    await until(() => el.status === 'reconnecting', 'down');
    const codes: string[] = [];
    el.addEventListener('ai-chat-error', (e: AiChatErrorEvent) => codes.push(e.detail.code));
    for (let i = 0; i < 201; i++) el.send(`m${i}`);
    await el.updateComplete;
    expect(el.messages.filter((m) => m.state === 'pending')).to.have.length(200);
    expect(el.messages.at(-1)!.state).to.equal('failed');
    expect(codes).to.include('outbox-full');
  });

  it('trims to max-messages but never drops a message that is still waiting', async () => {
    const backend = await startBackend();
    const el = await mount(backend, { maxMessages: 3 });
    await connected(el);
    await backend.call('stop');
    faults++;
    await until(() => el.status === 'reconnecting', 'down');
    for (const text of ['a', 'b', 'c', 'd', 'e']) el.send(text);
    await el.updateComplete;
    expect(el.messages.map((m) => m.content)).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    await backend.call('restart');
    setVisibility('hidden');
    setVisibility('visible');
    await until(async () => (await userFrames(backend)).length === 5, 'all five are sent');
    expect(await contents(backend)).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
  });

  it('counted the faults it injected', () => {
    console.log(`faults injected over real sockets in this suite: ${faults}`);
    expect(faults).to.be.greaterThan(3000);
  });
});
