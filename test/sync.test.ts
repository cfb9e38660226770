// Tabs of one conversation in sync: with `persist`, two elements (or two same-origin frames)
// showing the same conversation (endpoint + feature + session) tell each other, over a
// BroadcastChannel, of every message added or finished; each keeps its own socket and sends only
// what its own person wrote, so the server gets every message once.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import { closeBackends, startBackend, userFrames, type Backend } from './support/backend.js';
import { connected, replies, until, litWarnings } from './support/element.js';

/** Two elements on the same conversation, as two tabs would be. */
async function twoTabs(backend: Backend, persist = 'local'): Promise<[AiChat, AiChat]> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div>
      <ai-chat
        endpoint=${backend.url('/ai/{feature}/ws')}
        token="t"
        feature="faq"
        persist=${persist}
      ></ai-chat>
      <ai-chat
        endpoint=${backend.url('/ai/{feature}/ws')}
        token="t"
        feature="faq"
        persist=${persist}
      ></ai-chat>
    </div>`,
  );
  const [a, b] = [...wrapper.querySelectorAll('ai-chat')] as [AiChat, AiChat];
  await connected(a);
  await connected(b);
  return [a, b];
}

/** Records the name of every BroadcastChannel opened on this page from now on (until the test ends). */
function channelsOpened(): string[] {
  const names: string[] = [];
  const Original = window.BroadcastChannel;
  window.BroadcastChannel = class extends Original {
    constructor(name: string) {
      super(name);
      names.push(name);
    }
  };
  restore.push(() => (window.BroadcastChannel = Original));
  return names;
}

/** The messages posted on a channel from now on. */
function listen(name: string): { content: string; state: string }[] {
  const heard: { content: string; state: string }[] = [];
  const channel = new BroadcastChannel(name);
  channel.onmessage = (e: MessageEvent<{ message?: { content: string; state: string } }>) => {
    if (e.data?.message) heard.push(e.data.message);
  };
  restore.push(() => channel.close());
  return heard;
}

const restore: (() => void)[] = [];

const transcript = (el: AiChat) => el.messages.map((m) => `${m.role}:${m.state}:${m.content}`);
const contents = async (backend: Backend) =>
  (await userFrames(backend)).map((f) => (f.data as Record<string, unknown>).content);

describe('tabs in sync', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(async () => {
    for (const undo of restore.splice(0)) undo();
    await closeBackends();
    localStorage.clear();
    sessionStorage.clear();
  });

  it('a message and its reply in one tab appear in the other, and the server gets each message once', async () => {
    const backend = await startBackend();
    const [a, b] = await twoTabs(backend);
    expect(await backend.call<unknown[]>('handshakes')).to.have.length(2);

    await backend.call('nextReply', 'We open at **8:00**.');
    a.send('When do you open?');
    await replies(a);
    await until(() => transcript(b).join() === transcript(a).join(), `B shows A's turn (${transcript(b)})`);
    expect(b.messages.map((m) => m.id)).to.deep.equal(a.messages.map((m) => m.id));
    await b.updateComplete;
    expect(b.shadowRoot!.querySelector('[part~="assistant"] strong')!.textContent).to.equal('8:00');

    await backend.call('nextReply', 'Yes, 9 to 13.');
    b.send('And on Saturday?');
    await replies(b, 2);
    await until(() => transcript(a).join() === transcript(b).join(), `A shows B's turn (${transcript(a)})`);
    // Each tab's socket is ordered: a copy from either would reach the server before its probe.
    a.send('probe A');
    b.send('probe B');
    await until(async () => (await contents(backend)).length >= 4, 'both probes arrive');
    const got = await contents(backend);
    expect(got.slice(0, 2)).to.deep.equal(['When do you open?', 'And on Saturday?']);
    expect([...got.slice(2)].sort()).to.deep.equal(['probe A', 'probe B']);
    expect(transcript(a).slice(0, 4)).to.deep.equal([
      'user:sent:When do you open?',
      'assistant:complete:We open at **8:00**.',
      'user:sent:And on Saturday?',
      'assistant:complete:Yes, 9 to 13.',
    ]);
    expect(await backend.call('violations')).to.deep.equal([]);
  });

  it('fires ai-chat-message in the other tab, which counts the reply as unread on its launcher', async () => {
    const backend = await startBackend();
    const [a, b] = await twoTabs(backend);
    b.mode = 'launcher';
    await b.updateComplete;
    const heard: string[] = [];
    b.addEventListener('ai-chat-message', (e) =>
      heard.push(`${e.detail.message.role}:${e.detail.message.state}`),
    );
    await backend.call('nextReply', 'Hello.');
    a.send('Hi');
    await until(() => heard.includes('assistant:complete'), `B hears the reply (${heard})`);
    await until(
      () => b.shadowRoot!.querySelector('[part~="badge"]')?.textContent?.trim() === '1',
      'one unread',
    );
  });

  it('a message waiting in one tab waits in the other too, and goes out once', async () => {
    const backend = await startBackend();
    const [a, b] = await twoTabs(backend);
    await backend.call('stop');
    await until(() => a.status !== 'connected' && b.status !== 'connected', 'both lost the server');
    a.send('Written while the server is down');
    await until(() => b.messages.some((m) => m.state === 'pending'), 'B shows it waiting');
    await backend.call('restart');
    await connected(a);
    await connected(b);
    await until(() => b.messages.some((m) => m.role === 'user' && m.state === 'sent'), 'B shows it sent');
    // Each tab's socket is ordered: a copy from either would reach the server before its probe.
    a.send('probe A');
    b.send('probe B');
    await until(async () => (await contents(backend)).length >= 3, 'both probes arrive');
    const got = await contents(backend);
    expect(got.filter((c) => c === 'Written while the server is down')).to.have.length(1);
    expect([...got].sort()).to.deep.equal(['Written while the server is down', 'probe A', 'probe B'].sort());
  });

  it('clear() in one tab clears the other', async () => {
    const backend = await startBackend();
    const [a, b] = await twoTabs(backend);
    await backend.call('nextReply', 'Noted.');
    a.send('Remember this');
    await replies(a);
    await until(() => b.messages.length === 2, 'B has the turn');
    a.clear();
    await until(() => b.messages.length === 0, 'B is cleared');
  });

  it('stops listening when the element is removed (its channel closes with it)', async () => {
    const backend = await startBackend();
    const names = channelsOpened();
    const [a, b] = await twoTabs(backend);
    b.remove();
    await until(async () => (await backend.call<number>('connections')) === 1, "B's socket closed");
    // A listener of our own, opened after B's channel: a channel delivers to its listeners in the
    // order they were opened, so once this one has heard A's finished reply, B's would have too.
    const heard = listen(names[0]!);
    await backend.call('nextReply', 'Only A hears this.');
    a.send('Hello?');
    await replies(a);
    await until(
      () => heard.some((m) => m.content === 'Only A hears this.' && m.state === 'complete'),
      'heard',
    );
    expect(b.messages).to.deep.equal([]);
  });

  it('does not sync without persist (each page is its own conversation)', async () => {
    const backend = await startBackend();
    const names = channelsOpened();
    const [a, b] = await twoTabs(backend, 'none');
    await backend.call('nextReply', 'Private.');
    a.send('Just here');
    await replies(a);
    // Nothing to wait for: no channel was ever opened, so nothing can reach B.
    expect(names).to.deep.equal([]);
    expect(b.messages).to.deep.equal([]);
  });

  it('keeps two same-origin frames of one conversation in sync', async function () {
    this.timeout(20_000);
    const backend = await startBackend();
    const page = `<!doctype html><html lang="en"><head><script type="module" src="/src/ai-chat.ts"></script></head>
      <body><ai-chat endpoint="${backend.url('/ai/{feature}/ws')}" token="t" feature="faq" persist="local"></ai-chat></body></html>`;
    const frames = [0, 1].map(() => {
      const frame = document.createElement('iframe');
      frame.srcdoc = page;
      frame.style.cssText = 'width: 420px; height: 640px';
      return frame;
    });
    const loaded = frames.map(
      (f) => new Promise((resolve) => f.addEventListener('load', resolve, { once: true })),
    );
    // One after the other: the second frame finds the session id the first one saved.
    document.body.append(frames[0]!);
    await loaded[0];
    await frames[0]!.contentWindow!.customElements.whenDefined('ai-chat');
    const first = frames[0]!.contentDocument!.querySelector('ai-chat') as AiChat;
    await connected(first);
    document.body.append(frames[1]!);
    await loaded[1];
    await frames[1]!.contentWindow!.customElements.whenDefined('ai-chat');
    const second = frames[1]!.contentDocument!.querySelector('ai-chat') as AiChat;
    try {
      await connected(second);
      await backend.call('nextReply', 'Parking is free.');
      first.send('Where can I park?');
      await until(
        () => second.messages.some((m) => m.role === 'assistant' && m.state === 'complete'),
        `the reply reaches the other frame (${transcript(second)})`,
      );
      expect(transcript(second)).to.deep.equal(transcript(first));
      await backend.call('nextReply', 'Yes.');
      second.send('Is it covered?');
      await until(() => first.messages.length === 4, 'and back');
      // Each frame's socket is ordered: a copy from either would reach the server before its probe.
      first.send('probe 1');
      second.send('probe 2');
      await until(async () => (await contents(backend)).length >= 4, 'both probes arrive');
      const got = await contents(backend);
      expect(got.slice(0, 2)).to.deep.equal(['Where can I park?', 'Is it covered?']);
      expect([...got.slice(2)].sort()).to.deep.equal(['probe 1', 'probe 2']);
    } finally {
      for (const frame of frames) frame.remove();
    }
  });
});

describe('tabs in sync: Lit', () => {
  it('issued no warning across the tests above', () => {
    expect(litWarnings()).to.deep.equal([]);
  });
});
