// Server rendering with @lit-labs/ssr, then hydration in the browser: the page holds <ai-chat> as
// rendered in Node (its shell as declarative shadow DOM, from the npm build), then loads Lit's
// hydration support and the package (test/fixtures/hydrate-client.js, as an app's bundle would).
// The element must take over the shadow root the server rendered (the same nodes, nothing
// rendered twice, no error), then connect and answer like any other.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { AiChat } from '../src/ai-chat.js';
import { closeBackends, startBackend, userFrames } from './support/backend.js';
import { until } from './support/element.js';

describe('hydration after @lit-labs/ssr', function () {
  this.timeout(30_000);
  let frame: HTMLIFrameElement | undefined;
  afterEach(async () => {
    frame?.remove();
    frame = undefined;
    await closeBackends();
  });

  it('takes over the server-rendered shadow root, renders nothing twice, connects and answers', async () => {
    const backend = await startBackend();
    const { html } = await executeServerCommand<{ html: string }, unknown>('ssr-render', {
      attributes: {
        heading: 'Front desk',
        feature: 'faq',
        endpoint: backend.url('/ai/{feature}/ws'),
        token: 'hydrated-token',
      },
    });
    expect(html).to.match(/<ai-chat [^>]*><template shadowroot="open" shadowrootmode="open">/);

    // The server's HTML, parsed as a page is (the parser makes the declarative shadow root).
    frame = document.createElement('iframe');
    frame.style.cssText = 'width: 480px; height: 640px';
    frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>${html}</body></html>`;
    const loaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow as Window & typeof globalThis;
    const doc = frame.contentDocument!;
    const el = doc.querySelector('ai-chat') as AiChat;
    const root = el.shadowRoot!;
    expect(root, 'the server rendered a shadow root').to.exist;
    expect(win.customElements.get('ai-chat')).to.equal(undefined);
    const heading = root.querySelector('[part="heading"]')!;
    const composer = root.querySelector('[part="composer"]')!;
    expect(heading.textContent).to.contain('Front desk');

    const errors: string[] = [];
    win.addEventListener('error', (event) => errors.push(String(event.message)));
    win.addEventListener('unhandledrejection', (event) => errors.push(String(event.reason)));
    const consoleError = win.console.error.bind(win.console);
    win.console.error = (...args: unknown[]) => {
      errors.push(args.map(String).join(' '));
      consoleError(...args);
    };

    // The client: hydration support, then the package.
    const script = doc.createElement('script');
    script.type = 'module';
    script.src = '/test/fixtures/hydrate-client.js';
    doc.head.append(script);
    await until(() => win.customElements.get('ai-chat'), 'the package defines <ai-chat>');
    await el.updateComplete;

    // Hydrated: the server's shadow root and nodes, each part once, nothing added beside them.
    expect(el.shadowRoot).to.equal(root);
    expect(root.querySelector('[part="heading"]')).to.equal(heading);
    expect(root.querySelector('[part="composer"]')).to.equal(composer);
    for (const part of ['panel', 'header', 'heading', 'log', 'composer', 'input', 'send']) {
      expect(root.querySelectorAll(`[part~="${part}"]`), `part ${part}`).to.have.length(1);
    }
    expect(heading.textContent).to.contain('Front desk');

    // And it works: it connects with its token, a message round-trips, the reply renders.
    await until(() => el.status === 'connected', `status is ${el.status}`);
    const handshakes = await backend.call<{ query: Record<string, unknown> }[]>('handshakes');
    expect(handshakes).to.have.length(1);
    expect(handshakes[0]!.query.token).to.equal('hydrated-token'.length);
    await backend.call('nextReply', 'Open **8:00–18:00**.');
    el.send('When are you open?');
    await until(
      () => root.querySelector('[part~="assistant"] strong')?.textContent === '8:00–18:00',
      'the reply renders in the hydrated shadow root',
    );
    expect(await userFrames(backend)).to.have.length(1);
    expect(root.querySelectorAll('[part~="composer"]')).to.have.length(1);
    expect(errors).to.deep.equal([]);
  });
});
