// Defect 11 of issue 9: DOM nodes were retained per message (4,578 detached nodes after 600
// messages, freed only when the element was removed). Messages arrive here from "another tab"
// (a BroadcastChannel of the same conversation), so hundreds go through the element fast, with no
// server; max-messages keeps the transcript at 20. After garbage collection (through the DevTools
// protocol) the page's node count must not grow with the number of messages that went through.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import { conversationKey } from '../src/transcript/persistence.js';
import { until } from './support/element.js';

const ENDPOINT = 'ws://127.0.0.1:9/ws';
const counters = () => executeServerCommand<{ nodes: number; documents: number }, undefined>('dom-counters');

describe('no DOM nodes retained per message (defect 11)', function () {
  this.timeout(60_000);

  it('the page holds as many nodes after 160 more messages as before', async () => {
    sessionStorage.clear();
    const el = await fixture<AiChat>(
      html`<ai-chat endpoint=${ENDPOINT} session-id="leak" persist="session" max-messages="20"
        ><svg slot="avatar" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"></circle></svg
      ></ai-chat>`,
    );
    el.disconnect();
    const channel = new BroadcastChannel(conversationKey(ENDPOINT, 'chat', 'leak'));
    let n = 0;
    const burst = async (count: number) => {
      for (let i = 0; i < count; i++, n++) {
        const content = `**Reply ${n}**: a [link](https://example.org/${n}) and\n\n- a list\n- of two\n\n\`code\``;
        const message = {
          id: `m${n}`,
          role: n % 2 ? 'assistant' : 'user',
          content,
          state: 'complete',
          time: new Date(Date.now() + n).toISOString(),
        };
        const post = (m: typeof message) =>
          channel.postMessage({ v: 1, from: 'other-tab', type: 'message', message: m });
        if (message.role === 'assistant') {
          // Streamed: the live tail renders, then the final render replaces it.
          for (const cut of [10, 40]) {
            post({ ...message, content: content.slice(0, cut), state: 'streaming' });
            await until(() => el.messages.at(-1)?.content.length === cut, `reply ${n} at ${cut}`);
            await new Promise((r) => requestAnimationFrame(r));
          }
        }
        post(message);
        await until(
          () => el.messages.at(-1)?.id === `m${n}` && el.messages.at(-1)?.state === 'complete',
          `message ${n}`,
        );
      }
      await until(() => el.messages.at(-1)?.id === `m${n - 1}`, 'the last message');
      await el.updateComplete;
      await new Promise((r) => requestAnimationFrame(r));
    };
    await burst(40); // warm up: every cache at its steady size
    const before = await counters();
    await burst(160);
    const after = await counters();
    channel.close();
    console.log(`DOM nodes after 40 messages: ${before.nodes}; after 200: ${after.nodes}`);
    expect(el.messages).to.have.length(20);
    // Some slack for the browser's own bookkeeping; a leak of one node per message would add 160,
    // and the old avatar cache (50 stale entries of 8 nodes each) 400.
    expect(after.nodes - before.nodes, `${before.nodes} → ${after.nodes}`).to.be.below(80);
  });
});
