// Private by default (design.md): the token never leaks into events, errors, the console or the
// widget's DOM, whatever goes wrong; no third-party requests; nothing stored without `persist`.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import { resolveEndpoint } from '../src/protocol/endpoint.js';
import { redactUrl } from '../src/transport/redact-url.js';
import { closeBackends, startBackend, userFrames, type Backend } from './support/backend.js';
import { connected, q, replies, sleep, until } from './support/element.js';

const SECRET = 'SECRET-TOKEN-7f3a';
const PROVIDED = 'SECRET-PROVIDER-9b1c';
/** Any of these in any output is a leak (the parts catch a token cut in two). */
const NEEDLES = [SECRET, PROVIDED, 'SECRET-TOKEN', 'TOKEN-7f3a', 'SECRET-PROVIDER', 'PROVIDER-9b1c'];

const EVENTS = ['ai-chat-status', 'ai-chat-message', 'ai-chat-send', 'ai-chat-action', 'ai-chat-error'];
const CONSOLE = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** Host attributes the tests set (with secrets in them): not the widget's output. */
const PAGE_ATTRIBUTES = ['token', 'endpoint', 'stream-url'];

type Detail = Event & { detail: unknown };

/**
 * Records everything the widget says: every `ai-chat-*` event (type and JSON detail), every
 * console call (console stubbed meanwhile), every uncaught error and unhandled rejection, and on
 * `check()` the widget's shadow DOM (text and every attribute) and its host's own attributes.
 */
class Recorder {
  readonly events: { type: string; detail: string }[] = [];
  readonly console: string[] = [];
  readonly uncaught: string[] = [];
  private readonly originals = new Map<string, (...args: unknown[]) => void>();
  private readonly onEvent = (event: Event) =>
    this.events.push({ type: event.type, detail: JSON.stringify((event as Detail).detail) ?? '' });
  private readonly onError = (event: ErrorEvent) =>
    this.uncaught.push(`${event.message} ${String(event.error?.stack ?? '')}`);
  private readonly onRejection = (event: PromiseRejectionEvent) => {
    const reason = event.reason as { message?: string; stack?: string } | undefined;
    this.uncaught.push(`${String(event.reason)} ${reason?.message ?? ''} ${reason?.stack ?? ''}`);
  };

  start(): this {
    for (const type of EVENTS) window.addEventListener(type, this.onEvent, true);
    window.addEventListener('error', this.onError);
    window.addEventListener('unhandledrejection', this.onRejection);
    for (const name of CONSOLE) {
      const original = console[name] as (...args: unknown[]) => void;
      this.originals.set(name, original);
      console[name] = (...args: unknown[]) => {
        this.console.push(
          `${name}: ${args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`,
        );
      };
    }
    return this;
  }

  stop(): void {
    for (const type of EVENTS) window.removeEventListener(type, this.onEvent, true);
    window.removeEventListener('error', this.onError);
    window.removeEventListener('unhandledrejection', this.onRejection);
    for (const [name, original] of this.originals)
      (console as unknown as Record<string, unknown>)[name] = original;
    this.originals.clear();
  }

  /** Error codes seen in `ai-chat-error` events. */
  errorCodes(): string[] {
    return this.events
      .filter((e) => e.type === 'ai-chat-error')
      .map((e) => (JSON.parse(e.detail) as { code: string }).code);
  }

  /** Asserts that no output holds a secret (and that there was output to look at). */
  check(el: AiChat): void {
    const dom: string[] = [];
    const walk = (root: ShadowRoot | Element) => {
      for (const node of root.querySelectorAll('*')) {
        for (const attr of node.attributes) dom.push(`<${node.localName} ${attr.name}="${attr.value}">`);
        if (node.shadowRoot) walk(node.shadowRoot);
      }
    };
    walk(el.shadowRoot!);
    dom.push(el.shadowRoot!.textContent ?? '');
    for (const attr of el.attributes) {
      // The page itself put secrets in these; the widget's own attributes are the rest.
      if (!PAGE_ATTRIBUTES.includes(attr.name)) dom.push(`<ai-chat ${attr.name}="${attr.value}">`);
    }
    const outputs = {
      events: this.events.map((e) => `${e.type} ${e.detail}`),
      console: this.console,
      uncaught: this.uncaught,
      dom,
    };
    expect(this.events.length, 'events were recorded').to.be.greaterThan(0);
    expect(dom.join('').length, 'the widget rendered').to.be.greaterThan(0);
    for (const [where, lines] of Object.entries(outputs)) {
      const leaks = lines.filter((line) => NEEDLES.some((needle) => line.includes(needle)));
      expect(leaks, `a secret leaked into ${where}`).to.deep.equal([]);
    }
    expect(this.uncaught, 'uncaught errors').to.deep.equal([]);
  }
}

let recorder: Recorder | undefined;
const record = (): Recorder => (recorder = new Recorder().start());

async function chat(attrs: {
  endpoint: string;
  token?: string;
  auth?: string;
  maxRetries?: number;
  dialect?: string;
  streamUrl?: string;
  userId?: string;
  tokenProvider?: () => string | Promise<string>;
}): Promise<AiChat> {
  return fixture<AiChat>(
    html`<ai-chat
      endpoint=${attrs.endpoint}
      token=${attrs.token ?? SECRET}
      auth=${attrs.auth ?? ''}
      dialect=${attrs.dialect ?? 'envelope'}
      stream-url=${attrs.streamUrl ?? ''}
      user-id=${attrs.userId ?? ''}
      max-retries=${attrs.maxRetries ?? 5}
      feature="faq"
      .tokenProvider=${attrs.tokenProvider}
    ></ai-chat>`,
  );
}

/** Sends message number `count` and waits for its reply to complete. */
async function converse(backend: Backend, el: AiChat, count: number): Promise<void> {
  await backend.call('nextReply', 'See [our hours](https://clinic.example/hours?ref=chat) and **call us**.');
  el.send(`Question ${count}`);
  await replies(el, count);
}

/** Resolves when a removed element has torn down: its socket is closed (the backend sees no connection). */
const closed = (backend: Backend): Promise<void> =>
  until(
    async () => (await backend.call<number>('connections')) === 0,
    'the removed element closed its socket',
  );

/** The server starts refusing `token`: the next reconnect ends `unauthorized`; Retry too. */
async function refuse(backend: Backend, el: AiChat, token: string): Promise<void> {
  await backend.call('setOptions', { refusedTokens: [token] });
  await backend.call('dropAll');
  await until(() => el.status === 'unauthorized', `status is ${el.status}, not unauthorized`);
  await el.updateComplete;
  q(el, '[part~="retry"]')!.click();
  await until(() => el.status === 'connecting' || el.status === 'unauthorized', 'retry starts');
  await until(() => el.status === 'unauthorized', `status is ${el.status}, not unauthorized after Retry`);
}

describe('privacy: endpoints in messages', () => {
  it('redactUrl drops the query, fragment and user info, valid URL or not', () => {
    expect(redactUrl(`wss://me:${SECRET}@chat.example/ai/{feature}/ws?token=${SECRET}#x`)).to.equal(
      'wss://chat.example/ai/{feature}/ws?…',
    );
    expect(redactUrl(`http://[::1/ws#token=${SECRET}`)).to.equal('http://[::1/ws?…');
    expect(redactUrl(`//me:${SECRET}@chat.example/ws`)).to.equal('//chat.example/ws');
    expect(redactUrl('/chat/ws')).to.equal('/chat/ws');
  });

  it('resolveEndpoint drops a fragment (a WebSocket URL cannot have one)', () => {
    const url = resolveEndpoint(
      'wss://chat.example/ws?a=1#frag',
      { feature: 'chat', sessionId: 's' },
      { token: 't' },
    );
    expect(url.href).to.equal('wss://chat.example/ws?a=1&token=t');
    expect(() => new WebSocket(url.href).close()).not.to.throw();
  });
});

describe('privacy: the token never leaks', function () {
  this.timeout(20_000);
  afterEach(async () => {
    recorder?.stop();
    recorder = undefined;
    await closeBackends();
  });

  for (const auth of ['query', 'message', 'protocol'] as const) {
    it(`auth="${auth}": connect, send, reply, drop, refusal and Retry`, async () => {
      const backend = await startBackend();
      const rec = record();
      const el = await chat({ endpoint: backend.url('/ai/{feature}/ws'), auth });
      await connected(el);
      await converse(backend, el, 1);
      const [handshake] =
        await backend.call<{ query: Record<string, unknown>; protocol: string | null; auth: string }[]>(
          'handshakes',
        );
      expect(handshake!.auth, 'the token travelled as asked').to.equal(auth);
      if (auth === 'query') expect(handshake!.query.token).to.equal(SECRET.length);
      await refuse(backend, el, SECRET);
      expect(rec.events.some((e) => e.detail.includes('4401'))).to.equal(true);
      rec.check(el);
    });
  }

  it('tokenProvider: its token is used on every (re)connect and never shown, refused or not', async () => {
    const backend = await startBackend();
    const rec = record();
    let calls = 0;
    const el = await chat({
      endpoint: backend.url('/ai/{feature}/ws'),
      tokenProvider: async () => {
        calls++;
        await sleep(5);
        return PROVIDED;
      },
    });
    await until(() => calls > 0 && el.status === 'connected', 'connected with the provider token');
    await converse(backend, el, 1);
    await backend.call('dropAll');
    await until(() => calls >= 2 && el.status === 'connected', 'reconnected, asking the provider again');
    await refuse(backend, el, PROVIDED);
    const handshakes = await backend.call<{ query: Record<string, unknown> }[]>('handshakes');
    expect(handshakes.every((h) => h.query.token === PROVIDED.length)).to.equal(true);
    rec.check(el);
  });

  it('a tokenProvider that throws or rejects with the token in its message', async () => {
    const backend = await startBackend();
    const rec = record();
    const el = await chat({
      endpoint: backend.url('/ai/{feature}/ws'),
      maxRetries: 1,
      tokenProvider: () => {
        throw new Error(`token ${PROVIDED} could not be refreshed`);
      },
    });
    await until(() => el.status === 'offline', `status is ${el.status}, not offline`, 10_000);
    expect(rec.errorCodes()).to.include('target-failed');
    el.tokenProvider = () => Promise.reject(new TypeError(`refresh failed for ${SECRET}`));
    await until(
      () => rec.errorCodes().filter((c) => c === 'target-failed').length >= 3,
      'rejections reported',
      10_000,
    );
    await until(
      () => el.status === 'offline',
      `status is ${el.status}, not offline after rejections`,
      10_000,
    );
    rec.check(el);
  });

  it('a server that is down: reconnect attempts and errors', async () => {
    const backend = await startBackend();
    const port = backend.port;
    await closeBackends();
    const rec = record();
    const el = await chat({
      endpoint: `ws://127.0.0.1:${port}/ai/{feature}/ws?token=${SECRET}`,
      maxRetries: 1,
    });
    el.send('written while the server is down');
    await until(() => el.status === 'offline', `status is ${el.status}, not offline`, 10_000);
    expect(rec.events.filter((e) => e.type === 'ai-chat-status').length).to.be.greaterThan(2);
    rec.check(el);
  });

  it('an unreachable host with the token in the endpoint query, user info and fragment', async () => {
    const rec = record();
    const el = await chat({
      endpoint: `wss://user:${SECRET}@x.invalid/ws?token=${SECRET}#${SECRET}`,
      maxRetries: 0,
    });
    await until(() => el.status === 'offline', `status is ${el.status}, not offline`, 15_000);
    // A real attempt that failed on the network (not a URL the WebSocket constructor refused).
    expect(JSON.parse(rec.events.at(-1)!.detail)).to.include({ status: 'offline', code: 1006 });
    expect(rec.errorCodes()).not.to.include('socket-failed');
    rec.check(el);
  });

  it('an endpoint that is not a URL but a relative path with the token in its query (connect timeout)', async () => {
    // `ht!tp:` is no scheme, so this resolves against the page: ws://localhost:…/ht!tp://[::1/ws?token=…
    const rec = record();
    const el = await chat({ endpoint: `ht!tp://[::1/ws?token=${SECRET}`, maxRetries: 0 });
    // The test server never answers that upgrade: the attempt ends by the 10 s connect timeout.
    await until(() => el.status === 'offline', `status is ${el.status}, not offline`, 15_000);
    expect(rec.errorCodes()).to.include('connect-timeout');
    rec.check(el);
  });

  for (const endpoint of [
    `http://[::1/ws?token=${SECRET}`,
    `http://[bad/ws#token=${SECRET}`,
    `ftp://files.example/ws?token=${SECRET}`,
    `ftp://me:${SECRET}@files.example/ws`,
  ]) {
    it(`an unusable endpoint is reported without its secrets: ${endpoint.replace(SECRET, 'SECRET')}`, async () => {
      const rec = record();
      const el = await chat({ endpoint });
      await until(() => rec.errorCodes().includes('bad-config'), 'the endpoint is reported');
      const error = rec.events.find((e) => e.type === 'ai-chat-error')!;
      const { message } = JSON.parse(error.detail) as { message: string };
      expect(message).to.match(
        /^endpoint "(http|ftp):\/\/[^"]*\/ws(\?…)?" (is not a valid URL|must be a ws)/,
      );
      expect(el.status).to.equal('idle');
      rec.check(el);
    });
  }

  it('hybrid: an unusable stream-url with the token in its query', async () => {
    const backend = await startBackend();
    const rec = record();
    const el = await chat({
      dialect: 'hybrid',
      endpoint: backend.url('/api/v1/ws/chat/{user}'),
      streamUrl: `http://[::1/api/v1/chat/stream?token=${SECRET}`,
      userId: 'u1',
    });
    await connected(el);
    el.send('Hello?');
    await until(
      () => el.messages.some((m) => m.role === 'user' && m.state === 'failed'),
      `the message fails: ${JSON.stringify(el.messages)}`,
    );
    expect(rec.errorCodes()).to.include('bad-config');
    rec.check(el);
  });

  it('hybrid: the reply stream carries the token only in its Authorization header; a failing provider', async () => {
    const backend = await startBackend();
    const rec = record();
    const el = await chat({
      dialect: 'hybrid',
      endpoint: backend.url('/api/v1/ws/chat/{user}'),
      streamUrl: `http://127.0.0.1:${backend.port}/api/v1/chat/stream`,
      userId: 'u1',
    });
    await connected(el);
    await converse(backend, el, 1);
    el.tokenProvider = () => Promise.reject(new Error(`no ${PROVIDED}`));
    await el.updateComplete;
    el.send('a reply stream whose token cannot be had');
    await until(() => rec.errorCodes().includes('token-provider'), 'the provider failure is reported');
    // A new provider is used at the next reconnect (assigning one never reconnects by itself).
    await backend.call('dropAll');
    await until(() => rec.errorCodes().includes('target-failed'), 'so is the socket reconnect failure');
    rec.check(el);
    const [request] =
      await backend.call<{ query: Record<string, unknown>; authorization: string | null }[]>(
        'streamRequests',
      );
    expect(request!.authorization).to.equal(`Bearer ${SECRET.length}`);
    expect(request!.query).not.to.have.property('token');
    expect(await userFrames(backend)).to.have.length.greaterThan(0);
  });
});

describe('privacy: no third-party requests', function () {
  this.timeout(20_000);
  afterEach(async () => {
    await closeBackends();
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  for (const page of ['/test/fixtures/privacy-clinic.html', '/demo/index.html']) {
    it(`${page}: every request goes to the page's origin or the backend`, async () => {
      const backend = await startBackend();
      const frame = document.createElement('iframe');
      frame.src = page;
      frame.style.cssText = 'width: 1000px; height: 800px';
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      document.body.append(frame);
      await loaded;
      const win = frame.contentWindow!;
      await win.customElements.whenDefined('ai-chat');
      const el = frame.contentDocument!.querySelector('ai-chat') as AiChat;
      el.setAttribute('endpoint', backend.url('/ai/{feature}/ws'));
      await until(() => el.status === 'connected', `status is ${el.status}, not connected`);
      await backend.call(
        'nextReply',
        [
          'Find us on [the map](https://maps.example/clinic) or <https://clinic.example/visit>.',
          '',
          '![Our building](https://images.example/clinic.jpg)',
          '',
          '<img src="https://tracker.example/pixel.gif"> <link rel="stylesheet" href="https://cdn.example/x.css">',
          '<iframe src="https://evil.example/"></iframe>',
        ].join('\n'),
      );
      el.send('Where are you?');
      await until(
        () => el.messages.some((m) => m.role === 'assistant' && m.state === 'complete'),
        'the reply completes',
      );
      await el.updateComplete; // the reply is rendered: whatever it loads has been asked for
      // A request of the page's own made after the render: once its timing entry is in, the
      // requests the render started before it have been made (and those that ended, recorded).
      const sentinel = `/test/fixtures/csp-probe.js?sentinel=${Math.random().toString(36).slice(2)}`;
      await (await win.fetch(sentinel)).text();
      await until(
        () => win.performance.getEntriesByType('resource').some((e) => e.name.endsWith(sentinel)),
        'the timing of a request made after the render',
      );
      const content = el.shadowRoot!.querySelector('[part~="assistant"] [part~="content"]')!;
      expect(content.querySelector('a[href="https://maps.example/clinic"]')).to.exist;
      expect(content.querySelector('img, link, iframe'), 'nothing that loads').to.equal(null);

      const entries = win.performance.getEntriesByType('resource');
      expect(entries.length, 'the resource timing buffer did not overflow').to.be.below(250);
      const allowed = [win.location.origin, `http://127.0.0.1:${backend.port}`];
      const foreign = entries.map((e) => e.name).filter((url) => !allowed.includes(new URL(url).origin));
      expect(foreign, 'third-party requests').to.deep.equal([]);
      expect(
        entries.some((e) =>
          new URL(e.name).pathname.startsWith(page === '/demo/index.html' ? '/demo/' : '/dist/'),
        ),
      ).to.equal(true);
    });
  }
});

/** Everything a page can store, as one comparable snapshot. */
async function stored(): Promise<Record<string, unknown>> {
  const databases = await indexedDB.databases();
  return {
    localStorage: Object.keys(localStorage),
    sessionStorage: Object.keys(sessionStorage),
    cookies: document.cookie,
    indexedDB: databases.map((d) => d.name),
    caches: await caches.keys(),
  };
}

async function clearStorage(): Promise<void> {
  localStorage.clear();
  sessionStorage.clear();
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0]!.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
  for (const { name } of await indexedDB.databases()) {
    if (name) indexedDB.deleteDatabase(name);
  }
  for (const key of await caches.keys()) await caches.delete(key);
}

const EMPTY = { localStorage: [], sessionStorage: [], cookies: '', indexedDB: [], caches: [] };

describe('privacy: nothing stored without persist', function () {
  this.timeout(20_000);
  afterEach(closeBackends);

  it('persist="none" (the default) leaves every storage empty', async () => {
    await clearStorage();
    expect(await stored()).to.deep.equal(EMPTY);
    // The check itself sees what is stored.
    localStorage.setItem('probe', '1');
    expect((await stored()).localStorage).to.deep.equal(['probe']);
    localStorage.clear();

    const backend = await startBackend();
    const el = await chat({ endpoint: backend.url('/ai/{feature}/ws') });
    expect(el.persist).to.equal('none');
    await connected(el);
    await converse(backend, el, 1);
    await converse(backend, el, 2);
    await backend.call('dropAll');
    await until(() => el.status === 'connected', 'reconnected');
    el.remove();
    await closed(backend);
    expect(await stored()).to.deep.equal(EMPTY);
  });
});

describe('privacy: what persist stores', function () {
  this.timeout(20_000);
  afterEach(async () => {
    await closeBackends();
    await clearStorage();
  });

  for (const persist of ['session', 'local'] as const) {
    it(`persist="${persist}" uses only ${persist}Storage and never stores a token`, async () => {
      await clearStorage();
      const backend = await startBackend();
      const el = await fixture<AiChat>(
        html`<ai-chat
          endpoint=${`${backend.url('/ai/{feature}/ws')}?token=${SECRET}#${SECRET}`}
          token=${SECRET}
          persist=${persist}
          feature="faq"
        ></ai-chat>`,
      );
      await connected(el);
      await converse(backend, el, 1);
      el.remove();
      await closed(backend);

      const used = persist === 'local' ? localStorage : sessionStorage;
      const entries = Object.keys(used).map((key) => `${key}=${used.getItem(key)}`);
      expect(entries.join('\n'), 'the conversation is kept').to.contain('Question 1');
      const leaks = entries.filter((entry) => NEEDLES.some((needle) => entry.includes(needle)));
      expect(leaks, 'a secret was stored').to.deep.equal([]);
      expect(await stored()).to.deep.equal({
        ...EMPTY,
        [`${persist}Storage`]: Object.keys(used),
      });
    });
  }
});
