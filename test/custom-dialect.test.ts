// The worked example of the public dialect API (issue 12.2): demo/custom-dialect.js, a partner's
// dialect written from scratch (two functions and a few traits), drives the real element against
// the real mock backend, and gets delivery, liveness and stop from the widget.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import { partnerDialect } from '../demo/custom-dialect.js';
import { closeBackends, startBackend } from './support/backend.js';
import { connected, until } from './support/element.js';

describe('a custom dialect (demo/custom-dialect.js)', () => {
  afterEach(closeBackends);

  it('streams a reply; its message is sent on the heartbeat echo; a drop resends nothing delivered', async () => {
    const backend = await startBackend();
    const el = await fixture<AiChat>(
      html`<ai-chat .dialect=${partnerDialect} endpoint=${backend.url('/chat/ws')} token="t"></ai-chat>`,
    );
    await connected(el);
    await backend.call('nextReply', 'Hello from **your** backend.');
    el.send('Hi!');
    await until(() => el.messages.some((m) => m.role === 'assistant' && m.state === 'complete'), 'the reply');
    expect(el.messages.map((m) => `${m.role}:${m.state}`)).to.deep.equal(['user:sent', 'assistant:complete']);
    expect(el.messages[1]!.content).to.equal('Hello from **your** backend.');
    await backend.call('dropAll');
    await connected(el);
    const sent = (await backend.received()).filter((r) => r.frame.type === 'message');
    expect(sent).to.have.length(1);
    expect(await backend.call('violations')).to.deep.equal([]);
  });

  it('is validated: a broken dialect object falls back to the default with a bad-config error', async () => {
    const errors: string[] = [];
    const el = await fixture<AiChat>(
      html`<ai-chat @ai-chat-error=${(e: CustomEvent) => errors.push(e.detail.message)}></ai-chat>`,
    );
    el.dialect = { ...partnerDialect, replies: 'whenever' } as unknown as typeof partnerDialect;
    await el.updateComplete;
    expect(
      errors.some((m) => m.includes(`the dialect object "partner" replies must be 'id' or 'turn'`)),
    ).to.equal(true);
  });
});
