// `persist`: the conversation survives a reload only when the page asks for it.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import { closeBackends, startBackend, userFrames, type Backend } from './support/backend.js';
import { connected, q, replies, until } from './support/element.js';

const mount = (backend: Backend, persist: string, extra: { feature?: string } = {}) =>
  fixture<AiChat>(
    html`<ai-chat
      endpoint=${backend.url('/ai/{feature}/ws')}
      token="t"
      feature=${extra.feature ?? 'faq'}
      persist=${persist}
    ></ai-chat>`,
  );

const keys = (storage: Storage) => Array.from({ length: storage.length }, (_, i) => storage.key(i)!);

describe('persist', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(async () => {
    await closeBackends();
    localStorage.clear();
    sessionStorage.clear();
  });

  for (const mode of ['local', 'session'] as const) {
    it(`persist="${mode}" restores the conversation and its session after a reload`, async () => {
      const storage = mode === 'local' ? localStorage : sessionStorage;
      const backend = await startBackend();
      const first = await mount(backend, mode);
      await connected(first);
      await backend.call('nextReply', 'We open at **8:00**.');
      first.send('When do you open?');
      await replies(first);
      const before = first.messages.map((m) => `${m.role}:${m.content}`);
      first.remove();
      expect(keys(storage).some((k) => k.startsWith('ai-chat:v1:conversation:'))).to.equal(true);

      const second = await mount(backend, mode);
      await connected(second);
      expect(second.messages.map((m) => `${m.role}:${m.content}`)).to.deep.equal(before);
      expect(q(second, '[part~="assistant"] strong')!.textContent).to.equal('8:00');
      await backend.call('nextReply', 'Yes.');
      second.send('And on Sunday?');
      await replies(second, 2);
      const sessions = new Set((await userFrames(backend)).map((f) => f.session_id));
      expect(sessions.size, 'the same session id after the reload').to.equal(1);
    });
  }

  it('sends a message that was still waiting when the page went away, once', async () => {
    const backend = await startBackend();
    await backend.call('stop');
    const first = await mount(backend, 'local');
    first.send('Written while offline');
    await first.updateComplete;
    expect(first.messages[0]!.state).to.equal('pending');
    first.remove();

    await backend.call('restart');
    const second = await mount(backend, 'local');
    await connected(second);
    await until(async () => (await userFrames(backend)).length === 1, 'the waiting message goes out');
    await until(() => second.messages[0]!.state === 'sent', 'marked sent');
    expect(((await userFrames(backend))[0]!.data as Record<string, unknown>).content).to.equal(
      'Written while offline',
    );
  });

  it('clear() wipes the saved conversation too', async () => {
    const backend = await startBackend();
    const el = await mount(backend, 'local');
    await connected(el);
    await backend.call('nextReply', 'Saved.');
    el.send('Keep this');
    await replies(el);
    el.clear();
    el.remove();
    const again = await mount(backend, 'local');
    await connected(again);
    expect(again.messages).to.have.length(0);
    expect(keys(localStorage).filter((k) => k.startsWith('ai-chat:v1:conversation:'))).to.deep.equal([]);
  });

  it('persist="none" (the default) stores nothing at all', async () => {
    const backend = await startBackend();
    const el = await fixture<AiChat>(html`<ai-chat endpoint=${backend.url('/chat/ws')} token="t"></ai-chat>`);
    await connected(el);
    await backend.call('nextReply', 'Nothing kept.');
    el.send('hello');
    await replies(el);
    el.clear();
    el.remove();
    expect(keys(localStorage)).to.deep.equal([]);
    expect(keys(sessionStorage)).to.deep.equal([]);
  });
});
