// The host's layout survives the page: a page rule that sets `display` on ai-chat (block, grid,
// inline-block, flex) keeps the panel as tall as the host, the transcript scrolling inside and the
// composer in view; the send and launcher icons are slots a designer can fill.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import { q } from './support/element.js';

/** Adds a stylesheet to the page; returns its removal. */
const pageStyle = (text: string): (() => void) => {
  const style = document.createElement('style');
  style.textContent = text;
  document.head.append(style);
  return () => style.remove();
};

describe('layout under any display', () => {
  for (const display of ['block', 'grid', 'inline-block', 'flex']) {
    it(`display: ${display} on the page keeps the transcript scrolling and the composer in view`, async () => {
      const removeRules = pageStyle(`ai-chat.page-display { display: ${display}; inline-size: 360px; }`);
      try {
        const el = await fixture<AiChat>(
          html`<ai-chat class="page-display" style="--ai-chat-height: 320px"></ai-chat>`,
        );
        expect(getComputedStyle(el).display).to.equal(display);
        // Enough history to overflow the transcript (restored from the conversation as data).
        for (let i = 0; i < 30; i++)
          el.send(`Question number ${i + 1}, long enough to wrap inside its bubble.`);
        await el.updateComplete;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        await el.updateComplete;

        const host = el.getBoundingClientRect();
        const panel = q(el, '[part~="panel"]')!.getBoundingClientRect();
        const log = q(el, '[part~="log"]')!;
        const composer = q(el, '[part~="composer"]')!.getBoundingClientRect();
        expect(Math.round(host.height)).to.equal(320);
        expect(Math.round(panel.height)).to.equal(320);
        expect(log.scrollHeight, 'the transcript overflows').to.be.greaterThan(log.clientHeight);
        expect(getComputedStyle(log).overflowY).to.equal('auto');
        expect(composer.bottom, 'the composer ends inside the host').to.be.at.most(host.bottom + 0.5);
        expect(composer.height).to.be.greaterThan(20);
      } finally {
        removeRules();
      }
    });
  }
});

describe('icon slots', () => {
  it('the send button shows what is in `send-icon`, and keeps its label', async () => {
    const el = await fixture<AiChat>(
      html`<ai-chat><svg slot="send-icon" id="mine" aria-hidden="true" viewBox="0 0 10 10"></svg></ai-chat>`,
    );
    const slot = q<HTMLSlotElement>(el, '[part~="send"] slot[name="send-icon"]')!;
    expect(slot.assignedElements()).to.deep.equal([el.querySelector('#mine')]);
    expect(q(el, '[part~="send"]')!.getAttribute('aria-label')).to.be.a('string').and.not.equal('');
    const size = el.querySelector('#mine')!.getBoundingClientRect();
    expect(size.width)
      .to.be.greaterThan(0)
      .and.at.most(parseFloat(getComputedStyle(q(el, '[part~="send"]')!).fontSize) * 1.25 + 0.5);
  });

  it('the launcher shows what is in `launcher-icon` while closed', async () => {
    const el = await fixture<AiChat>(
      html`<ai-chat mode="launcher"
        ><img slot="launcher-icon" id="logo" alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="
      /></ai-chat>`,
    );
    const slot = q<HTMLSlotElement>(el, '[part~="launcher"] slot[name="launcher-icon"]')!;
    expect(slot.assignedElements()).to.deep.equal([el.querySelector('#logo')]);
    el.open();
    await el.updateComplete;
    expect(q(el, '[part~="launcher"] slot[name="launcher-icon"]'), 'open: the close icon instead').to.equal(
      null,
    );
  });
});
