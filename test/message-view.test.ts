// The message view without its on-demand renderers: a reply's markdown never shows raw while the
// renderer is on its way (its `**` and link syntax would flash), and shows plain if it cannot load.
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import type { ChatMessage } from '../src/transcript/index.js';
import { en } from '../src/i18n/index.js';
import { messageRow, type MessageView, type Renderers } from '../src/views/message.js';

const reply: ChatMessage = {
  id: 'r1',
  role: 'assistant',
  content: 'Drink **water** and see [the guide](https://example.com/guide)',
  state: 'streaming',
  time: '2026-11-21T10:00:00.000Z',
};

function draw(message: ChatMessage, renderers: Renderers): HTMLElement {
  const view: MessageView = {
    t: en,
    lang: 'en',
    allowImages: false,
    reasoning: 'hidden',
    showToolDetails: false,
    renderers,
    choose: () => undefined,
  };
  const root = document.createElement('div');
  render(messageRow(message, view), root);
  return root.querySelector<HTMLElement>('[part="content"]')!;
}

describe('message view before the markdown renderer has loaded', () => {
  it('a reply’s text waits while the renderer is on its way: no raw markdown syntax', () => {
    const content = draw(reply, { markdownComing: true });
    expect(content.textContent).to.equal('');
    expect(content.className).to.include('markdown');
  });

  it('a reply shows plain if the renderer could not be loaded (readable, never lost)', () => {
    expect(draw(reply, {}).textContent).to.equal(reply.content);
  });

  it('a user message is never held back', () => {
    const mine: ChatMessage = { ...reply, id: 'u1', role: 'user', state: 'sent' };
    expect(draw(mine, { markdownComing: true }).textContent).to.equal(mine.content);
  });
});
