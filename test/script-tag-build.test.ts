// The script-tag builds (dist/ai-chat.js and dist/ai-chat.iife.js, made by `npm test` before the
// suite runs): a plain HTML page that loads only one of them gets a working <ai-chat>, and a page
// that loads the widget several times (two URLs of the module, and the classic script) gets one
// element definition and no error.
import { expect, waitUntil } from '@open-wc/testing';
import { closeBackends, startBackend, userFrames, type Backend } from './support/backend.js';

interface FrameChat extends HTMLElement {
  status: string;
  messages: readonly { role: string; state: string; content: string }[];
  send(content: string): boolean;
  updateComplete: Promise<boolean>;
}

interface FrameWindow extends Window {
  pageErrors?: string[];
}

/** test/fixtures/csp-probe.js's records. */
interface ProbeWindow extends Window {
  __violations: unknown[];
  __policies: string[];
  __errors: string[];
}

async function loadPage(page = '/test/fixtures/script-tag.html'): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = page;
  frame.style.cssText = 'width: 480px; height: 640px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame;
}

describe('script-tag build (dist/ai-chat.js)', () => {
  afterEach(closeBackends);

  it('defines <ai-chat> from one script, which loads its parts from beside itself, and chats', async () => {
    const backend = await startBackend();
    const frame = await loadPage();
    const win = frame.contentWindow!;
    await win.customElements.whenDefined('ai-chat');
    // The test server injects its own /__web-dev-server… script into HTML it serves; ignore it.
    const ours = (path: string) => !path.startsWith('/__web-dev-server');
    const scripts = [...frame.contentDocument!.scripts].map((s) => new URL(s.src).pathname).filter(ours);
    expect(scripts).to.deep.equal(['/dist/ai-chat.js']);

    await chats(frame, backend);
    // An inline chat connects on load: its session's code came from dist/chunks/, nothing else.
    const resources = win.performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    const loaded = resources
      .filter((p) => p.endsWith('.js') && ours(p))
      .map((p) => p.replace(/-[\w-]{8}\.js$/, '.js'));
    expect(loaded.filter((p) => !p.startsWith('/dist/chunks/'))).to.deep.equal(['/dist/ai-chat.js']);
    expect(loaded).to.include('/dist/chunks/session.js');
    // Only the dialect in use: the default one is in the session's chunk. It streams no reply over
    // HTTP, so the reply streams' code stays where it is too.
    expect(loaded.filter((p) => DIALECT_CHUNK.test(p))).to.deep.equal([]);
    expect(loaded).not.to.include('/dist/chunks/reply-stream.js');
    frame.remove();
  });

  it('loads a dialect other than the default on demand, and no other', async () => {
    const backend = await startBackend();
    const frame = await loadPage();
    const win = frame.contentWindow!;
    await win.customElements.whenDefined('ai-chat');
    await chatsIn(frame, backend, 'booking', backend.url('/ws/booking'));
    const loaded = win.performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.endsWith('.js') && ours(p))
      .map((p) => p.replace(/-[\w-]{8}\.js$/, '.js'));
    expect(loaded.filter((p) => DIALECT_CHUNK.test(p))).to.deep.equal(['/dist/chunks/booking.js']);
    frame.remove();
  });
});

/** The chunk of a dialect that loads on demand (every one but the default). */
const DIALECT_CHUNK = /\/(booking|hybrid|conversation|consultation|agui|ai-sdk|openai)\.js$/;

describe('a closed launcher from the script-tag build', () => {
  afterEach(closeBackends);

  it('loads only the entry and opens no socket until it is opened; then loads its session and chats', async () => {
    const backend = await startBackend();
    const frame = await loadPage('/test/fixtures/script-tag-launcher.html');
    const win = frame.contentWindow!;
    await win.customElements.whenDefined('ai-chat');
    const el = frame.contentDocument!.querySelector('ai-chat') as FrameChat & { open(): void };
    el.setAttribute('endpoint', backend.url('/ai/{feature}/ws'));
    await el.updateComplete;
    const scripts = () =>
      win.performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name).pathname)
        .filter((p) => p.endsWith('.js') && !p.startsWith('/__web-dev-server'))
        .map((p) => p.replace(/-[\w-]{8}\.js$/, '.js'));
    expect(el.shadowRoot!.querySelector('[part~="launcher"]')).to.exist;
    expect(el.status).to.equal('idle');
    expect(scripts()).to.deep.equal(['/dist/ai-chat.js']);
    expect(await backend.call<unknown[]>('handshakes')).to.have.length(0);
    // Its bytes are the entry's, which npm test's size check holds to its limit (npm run size
    // prints what each configuration transfers).

    // A pointer over the launcher (or focus on it): the panel's code starts loading, ready for the
    // click; still no session and no socket.
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="launcher"]')!;
    button.dispatchEvent(new PointerEvent('pointerenter'));
    await waitUntil(() => scripts().includes('/dist/chunks/panel-part.js'), 'the panel loads on hover');
    expect(scripts().some((p) => p.includes('session'))).to.equal(false);
    expect(await backend.call<unknown[]>('handshakes')).to.have.length(0);

    el.open();
    await waitUntil(() => el.status === 'connected', `the opened launcher connects (${el.status})`, {
      timeout: 8000,
    });
    expect(scripts()).to.include.members(['/dist/chunks/panel-part.js', '/dist/chunks/session.js']);
    expect(el.shadowRoot!.querySelector('[part~="input"]')).to.equal(el.shadowRoot!.activeElement);
    expect(await backend.call<unknown[]>('handshakes')).to.have.length(1);
    frame.remove();
  });
});

/** The test server injects its own /__web-dev-server… script into HTML it serves; ignore it. */
const ours = (path: string) => !path.startsWith('/__web-dev-server');

/** The element of the page, switched to `dialect` at `endpoint` (a path on `backend`): answers one message. */
async function chatsOverHttp(frame: HTMLIFrameElement, backend: Backend, dialect: string, path: string) {
  await chatsIn(frame, backend, dialect, `http://127.0.0.1:${backend.port}${path}`);
}

async function chatsIn(frame: HTMLIFrameElement, backend: Backend, dialect: string, endpoint: string) {
  const el = frame.contentDocument!.querySelector('ai-chat') as FrameChat;
  el.setAttribute('dialect', dialect);
  el.setAttribute('model', 'clinic-mini');
  el.setAttribute('endpoint', endpoint);
  await waitUntil(() => el.status === 'connected', `the element is ready (${el.status})`, { timeout: 8000 });
  await backend.call('nextReply', 'Open **daily**.');
  el.send('When are you open?');
  await waitUntil(
    () => el.messages.some((m) => m.role === 'assistant' && m.state === 'complete'),
    'the reply completes',
    { timeout: 8000 },
  );
  await el.updateComplete;
  const strong = el.shadowRoot!.querySelector('[part~="assistant"] [part~="content"] strong');
  expect(strong?.textContent).to.equal('daily');
  expect(await backend.call('violations')).to.deep.equal([]);
}

describe('a standard stream from the script-tag builds', () => {
  afterEach(closeBackends);

  it('the module loads the dialect on demand, from beside itself, and only then', async () => {
    const backend = await startBackend();
    const frame = await loadPage();
    const win = frame.contentWindow!;
    await win.customElements.whenDefined('ai-chat');
    const scripts = () =>
      win.performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name).pathname)
        .filter((p) => p.endsWith('.js') && ours(p));
    // No dialect chunk before one is used (the panel's and the session's may have arrived: the chat is inline).
    const before = scripts();
    expect(before).to.include('/dist/ai-chat.js');
    expect(before.filter((p) => /agui|ai-sdk|openai|standard/.test(p))).to.deep.equal([]);
    await chatsOverHttp(frame, backend, 'agui', '/agui/{feature}');
    const loaded = scripts().map((p) => p.replace(/-[\w-]{8}\.js$/, '.js'));
    expect(loaded).to.include.members([
      '/dist/ai-chat.js',
      '/dist/chunks/agui.js',
      '/dist/chunks/reply-stream.js',
    ]);
    expect(loaded.filter((p) => !p.startsWith('/dist/chunks/'))).to.deep.equal(['/dist/ai-chat.js']);
    expect(loaded.some((p) => /ai-sdk|openai/.test(p))).to.equal(false);
    frame.remove();
  });

  it('the classic script holds them (it cannot load chunks)', async () => {
    const backend = await startBackend();
    const frame = await loadPage('/test/fixtures/script-tag-classic.html');
    await chatsOverHttp(frame, backend, 'openai', '/v1/chat/completions');
    const scripts = frame
      .contentWindow!.performance.getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.endsWith('.js') && ours(p));
    expect(scripts).to.deep.equal(['/dist/ai-chat.iife.js']);
    frame.remove();
  });
});

/** The element of the page: connected to `backend`, answers one message with markdown. */
async function chats(frame: HTMLIFrameElement, backend: Backend): Promise<FrameChat> {
  const el = frame.contentDocument!.querySelector('ai-chat') as FrameChat;
  await el.updateComplete; // the panel's code, loaded on demand beside the script
  expect(el.shadowRoot!.querySelector('[part~="heading"]')!.textContent).to.equal('Ask the clinic');
  el.setAttribute('endpoint', backend.url('/ai/{feature}/ws'));
  await waitUntil(() => el.status === 'connected', 'the element connects', { timeout: 8000 });
  await backend.call('nextReply', 'We are open **8:00–18:00**.');
  el.send('When are you open?');
  await waitUntil(
    () => el.messages.some((m) => m.role === 'assistant' && m.state === 'complete'),
    'the reply completes',
    { timeout: 8000 },
  );
  await el.updateComplete; // the element renders on the next animation frame
  const strong = el.shadowRoot!.querySelector('[part~="assistant"] [part~="content"] strong');
  expect(strong?.textContent).to.equal('8:00–18:00');
  expect(await userFrames(backend)).to.have.length(1);
  expect(await backend.call<unknown[]>('handshakes')).to.have.length(1);
  return el;
}

describe('classic-script build (dist/ai-chat.iife.js)', () => {
  afterEach(closeBackends);

  it('defines <ai-chat> from a classic <script> (no type="module") and chats with the backend', async () => {
    const backend = await startBackend();
    const frame = await loadPage('/test/fixtures/script-tag-classic.html');
    const win = frame.contentWindow!;
    const scripts = [...frame.contentDocument!.scripts].filter((s) => ours(new URL(s.src).pathname));
    expect(scripts.map((s) => [new URL(s.src).pathname, s.type])).to.deep.equal([
      ['/dist/ai-chat.iife.js', ''],
    ]);
    // A classic script runs before the parser reaches the element: it is upgraded at once.
    expect(win.customElements.get('ai-chat')).to.be.a('function');
    // The build adds nothing to the page's globals.
    expect(Object.keys(win).filter((key) => /ai.?chat/i.test(key))).to.deep.equal([]);
    await chats(frame, backend);
    frame.remove();
  });
});

describe('classic-script build under a strict CSP and Trusted Types', () => {
  afterEach(closeBackends);

  it('works with script-src and style-src self and only the lit-html and ai-chat policies', async () => {
    const backend = await startBackend();
    const frame = await loadPage('/test/fixtures/csp-strict-classic.html');
    const win = frame.contentWindow as ProbeWindow;
    expect(win.customElements.get('ai-chat')).to.be.a('function');
    await chats(frame, backend);
    expect(win.__violations).to.deep.equal([]);
    expect(win.__errors).to.deep.equal([]);
    expect(win.__policies.every((name) => ['lit-html', 'ai-chat'].includes(name))).to.equal(true);
    frame.remove();
  });
});

describe('loading the widget more than once', () => {
  afterEach(closeBackends);

  for (const page of ['script-tag-twice.html', 'script-tag-iife-first.html']) {
    it(`defines one <ai-chat> without an error (${page})`, async () => {
      const backend = await startBackend();
      const frame = await loadPage(`/test/fixtures/${page}`);
      const win = frame.contentWindow as FrameWindow;
      await win.customElements.whenDefined('ai-chat');
      const resources = win.performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      expect(resources.filter((e) => e.responseStatus !== 200).map((e) => e.name)).to.deep.equal([]);
      const copies = resources
        .map((e) => new URL(e.name))
        // The parts the defining copy loads on demand are beside it, in dist/chunks/; they import
        // what they share with the entry from its plain URL (`../ai-chat.js`, no query), which is
        // one more copy where the page added a query, and defines nothing.
        .filter((url) => url.pathname.startsWith('/dist/') && !url.pathname.startsWith('/dist/chunks/'))
        .map((url) => url.pathname + url.search)
        .filter((copy) => copy !== '/dist/ai-chat.js');
      expect(copies).to.have.members(['/dist/ai-chat.js?a', '/dist/ai-chat.js?b', '/dist/ai-chat.iife.js']);

      const el = frame.contentDocument!.querySelector('ai-chat') as FrameChat;
      expect(win.customElements.get('ai-chat')).to.equal(el.constructor);
      await chats(frame, backend);
      expect(win.pageErrors).to.deep.equal([]);
      frame.remove();
    });
  }
});
