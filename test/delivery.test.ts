// The delivery rules end to end: the real <ai-chat> against the real mock backend over real
// sockets (and real SSE for hybrid), one test per dialect for what the session changed. The
// fault matrix itself runs on fakes (test/session-faults.test.ts); these prove the same rules
// hold on the wire.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import { closeBackends, startBackend, type Backend } from './support/backend.js';
import { connected, until } from './support/element.js';

type Frame = Record<string, unknown> & { type: string; data?: Record<string, unknown> };

const framesOf = async (backend: Backend, type: string): Promise<Frame[]> =>
  (await backend.received()).map((r) => r.frame as Frame).filter((f) => f?.type === type);

/** The assistant's replies (not its cards, which come as messages of their own), as `state:text`. */
const assistant = (el: AiChat) =>
  el.messages.filter((m) => m.role === 'assistant' && m.content).map((m) => `${m.state}:${m.content}`);
const user = (el: AiChat) => el.messages.filter((m) => m.role === 'user');

describe('delivery against the mock backend', () => {
  afterEach(closeBackends);

  it('booking: three messages sent at once get three whole replies, one turn at a time (defect 4)', async () => {
    const backend = await startBackend({ pace: { thinkMs: 30, chunkMs: 5, chunkChars: 4 } });
    const el = await fixture<AiChat>(
      html`<ai-chat dialect="booking" endpoint=${backend.url('/ws/booking')} token="t"></ai-chat>`,
    );
    await connected(el);
    const texts = ['First answer, in full.', 'Second answer, in full.', 'Third answer, in full.'];
    for (const text of texts) await backend.call('nextReply', text);
    el.send('one');
    el.send('two');
    el.send('three');
    await until(() => assistant(el).filter((a) => a.startsWith('complete:')).length === 3, 'three replies');
    expect(assistant(el).filter((a) => a.startsWith('complete:'))).to.deep.equal(
      texts.map((t) => `complete:${t}`),
    );
    expect(el.messages.filter((m) => m.role === 'user').map((m) => m.state)).to.deep.equal([
      'sent',
      'sent',
      'sent',
    ]);
    expect(await backend.call('violations')).to.deep.equal([]);
  });

  it('booking: a silent socket with a message awaiting its reply is replaced, and the message goes again (defect 2)', async () => {
    const backend = await startBackend();
    const el = await fixture<AiChat>(
      html`<ai-chat
        dialect="booking"
        endpoint=${backend.url('/ws/booking')}
        token="t"
        heartbeat="1"
      ></ai-chat>`,
    );
    await connected(el);
    await backend.call('silence', true);
    await backend.call('nextReply', 'Here after all.');
    el.send('hello?');
    await until(() => el.status !== 'connected', 'the silent socket is given up', 5000);
    await until(() => assistant(el).includes('complete:Here after all.'), 'answered on the new socket');
    const sent = await framesOf(backend, 'message');
    expect(sent).to.have.length(2);
    expect(sent[0]!.message_id).to.equal(sent[1]!.message_id);
    expect(user(el).map((m) => m.state)).to.deep.equal(['sent']);
    expect(assistant(el)).to.deep.equal(['complete:Here after all.']);
  });

  it('consultation: a message is sent once the pong naming the ping after it comes back', async () => {
    const backend = await startBackend({ pace: { thinkMs: 1500, chunkMs: 0, chunkChars: 8 } });
    const el = await fixture<AiChat>(
      html`<ai-chat
        dialect="consultation"
        endpoint=${backend.url('/ws/consultation')}
        session-id="c-1"
        token="t"
      ></ai-chat>`,
    );
    await connected(el);
    el.send('A plan, please');
    // Long before the reply starts (1.5 s), the echo proves delivery.
    await until(() => user(el)[0]!.state === 'sent', 'sent on the pong', 1000);
    expect(assistant(el)).to.deep.equal([]);
    const pings = await framesOf(backend, 'ping');
    expect(pings.length).to.be.greaterThan(0);
  });

  it('hybrid: a message written while the reply stream is unreachable waits, then goes (defect 6)', async () => {
    const backend = await startBackend();
    const el = await fixture<AiChat>(
      html`<ai-chat
        dialect="hybrid"
        endpoint=${backend.url('/api/v1/ws/chat/{user}')}
        stream-url=${`http://127.0.0.1:${backend.port}/api/v1/chat/stream`}
        user-id="42"
        token="demo-token"
      ></ai-chat>`,
    );
    await connected(el);
    // Counts the reply-stream requests that fail for want of a server (the session's fetch is
    // the page's, looked up on each call).
    const pageFetch = window.fetch;
    let unreachable = 0;
    window.fetch = (...args: Parameters<typeof fetch>) =>
      pageFetch(...args).catch((error: unknown) => {
        unreachable++;
        throw error;
      });
    try {
      await backend.call('stop');
      el.send('Are you back?');
      const mine = () => el.messages.find((m) => m.content === 'Are you back?');
      await until(() => mine()?.state === 'pending', 'pending');
      // The first request failed and so did the one made again after it: still waiting.
      await until(() => unreachable >= 2, 'two requests fail', 10000);
      expect(el.messages.some((m) => m.state === 'failed')).to.equal(false);
      expect(mine()!.state).to.equal('pending');
      await backend.call('nextReply', 'Back and answering.');
      await backend.call('restart');
      await until(
        () => assistant(el).includes('complete:Back and answering.'),
        'answered once it is back',
        8000,
      );
      expect(mine()!.state).to.equal('sent');
      const requests = await backend.call<{ query: Record<string, unknown> }[]>('streamRequests');
      expect(requests.map((r) => r.query.message)).to.deep.equal(['Are you back?']);
    } finally {
      window.fetch = pageFetch;
    }
  });
});
