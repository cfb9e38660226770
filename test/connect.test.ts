// The element's side of the session: a closed launcher costs nothing (issue 14.1), a token
// provider re-created on every render costs no socket (issue 10.1), equal objects assigned anew
// cost no update, and the stop control (issue 12.3). Against the real mock backend.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import { closeBackends, startBackend } from './support/backend.js';
import { connected, q, until } from './support/element.js';

/** Lets a macrotask pass (every socket the element would open has been made by then). */
const macrotask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

/** Counts the sockets made and the timers left pending while it is installed. */
function spy() {
  const real = {
    WebSocket: window.WebSocket,
    setTimeout: window.setTimeout,
    clearTimeout: window.clearTimeout,
  };
  const pending = new Set<unknown>();
  let sockets = 0;
  window.WebSocket = class extends real.WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      sockets++;
    }
  };
  const stacks = new Map<unknown, string>();
  window.setTimeout = ((fn: () => void, ms?: number) => {
    const handle: unknown = real.setTimeout.call(
      window,
      () => {
        pending.delete(handle);
        fn();
      },
      ms,
    );
    pending.add(handle);
    stacks.set(handle, new Error().stack ?? '');
    return handle;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((handle?: number) => {
    pending.delete(handle);
    real.clearTimeout.call(window, handle);
  }) as typeof window.clearTimeout;
  return {
    get sockets() {
      return sockets;
    },
    get timers() {
      return pending.size;
    },
    /** Where the pending timers were set (a failure names them). */
    get where() {
      return [...pending].map((h) => stacks.get(h)).join('\n---\n');
    },
    restore() {
      Object.assign(window, real);
    },
  };
}

describe('<ai-chat> and its session', () => {
  afterEach(closeBackends);

  it('a closed launcher before any click: no socket, no timer, status idle; opening it connects (issue 14.1)', async () => {
    const backend = await startBackend();
    const watch = spy();
    try {
      const el = await fixture<AiChat>(
        html`<ai-chat mode="launcher" endpoint=${backend.url('/ai/{feature}/ws')} token="t"></ai-chat>`,
      );
      await el.updateComplete;
      await macrotask();
      expect(watch.sockets, 'sockets').to.equal(0);
      expect(watch.timers, `timers set at ${watch.where}`).to.equal(0);
      expect(el.status).to.equal('idle');
      q<HTMLButtonElement>(el, '[part~="launcher"]')!.click();
      await connected(el);
      expect(watch.sockets).to.equal(1);
    } finally {
      watch.restore();
    }
  });

  it('a tokenProvider assigned anew 1,000 times (and on every ai-chat-* event) opens one socket (issue 10.1)', async () => {
    const backend = await startBackend();
    const el = await fixture<AiChat>(html`<ai-chat endpoint=${backend.url('/ai/{feature}/ws')}></ai-chat>`);
    el.tokenProvider = () => 'demo-token';
    for (const type of ['ai-chat-status', 'ai-chat-message', 'ai-chat-error']) {
      el.addEventListener(type, () => (el.tokenProvider = () => 'demo-token'));
    }
    await connected(el);
    for (let i = 0; i < 1000; i++) {
      el.tokenProvider = () => 'demo-token';
      if (i % 100 === 0) await el.updateComplete;
    }
    await backend.call('nextReply', 'Still one socket.');
    el.send('hello');
    await until(() => el.messages.some((m) => m.content === 'Still one socket.'), 'the reply');
    expect(await backend.call<unknown[]>('handshakes')).to.have.length(1);
  });

  it('equal strings or dialect objects assigned anew cost no update', async () => {
    const el = await fixture<AiChat>(html`<ai-chat></ai-chat>`);
    el.strings = { send: 'Go', counter: (n: number, max: number) => `${n}/${max}` };
    await el.updateComplete;
    el.strings = { send: 'Go', counter: (n: number, max: number) => `${n}/${max}` };
    expect(el.isUpdatePending).to.equal(false);
    el.strings = { send: 'Send it' };
    expect(el.isUpdatePending).to.equal(true);
    await el.updateComplete;
    expect(q(el, '[part~="send"]')!.getAttribute('aria-label')).to.equal('Send it');
  });

  it('shows a labelled stop control while a reply streams; it stops the reply and gives focus back', async () => {
    const backend = await startBackend({ pace: { thinkMs: 0, chunkMs: 100, chunkChars: 4 } });
    const el = await fixture<AiChat>(
      html`<ai-chat endpoint=${backend.url('/ai/{feature}/ws')} token="t" lang="de"></ai-chat>`,
    );
    await connected(el);
    expect(q(el, '[part~="stop"]')).to.equal(null);
    await backend.call('nextReply', 'A reply long enough to be stopped somewhere along the way, surely.');
    el.send('Erzähl');
    await until(() => el.messages.some((m) => m.state === 'streaming'), 'streaming');
    await el.updateComplete;
    const stop = q<HTMLButtonElement>(el, '[part~="stop"]')!;
    expect(stop.getAttribute('aria-label')).to.equal('Stoppen');
    await expect(el).to.be.accessible();
    stop.focus();
    await sendKeys({ press: 'Enter' });
    const reply = () => el.messages.find((m) => m.role === 'assistant')!;
    await until(() => reply().state === 'stopped', 'stopped');
    const cut = reply().content;
    await el.updateComplete;
    expect(q(el, '[part~="stop"]')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(q(el, 'textarea'));
    expect(q(el, '[part~="message"][part~="stopped"] [part~="meta"]')!.textContent).to.contain('gestoppt');
    // The rest of the reply still arrives on the wire, and is dropped.
    await until(async () => (await backend.call<{ messages: number }>('stats')) !== undefined, 'stats');
    await backend.call('nextReply', 'Next.');
    el.send('Weiter');
    await until(() => el.messages.some((m) => m.content === 'Next.'), 'the next reply');
    expect(reply().content).to.equal(cut);
  });
});
