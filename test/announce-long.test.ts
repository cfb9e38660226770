// A very long reply is announced usefully and cheaply: its first few hundred characters and "…"
// (then its card), read from the start of the rendered reply, not the whole 100 KB.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import { plainText } from '../src/views/plain-text.js';
import { closeBackends, startBackend } from './support/backend.js';
import { connected, q, replies } from './support/element.js';

describe('announcing a long reply', () => {
  afterEach(closeBackends);

  it('cuts the text at a word boundary, keeps blocks apart and stops walking early', () => {
    const root = document.createElement('div');
    root.innerHTML = '<h2>Causes</h2><p>A fever is <strong>usually</strong> viral.</p><p>More text here</p>';
    expect(plainText(root)).to.equal('Causes\nA fever is usually viral.\nMore text here');
    expect(plainText(root, { node: root, limit: 30 })).to.equal('Causes\nA fever is usually…');
    const big = document.createElement('div');
    for (let i = 0; i < 20_000; i++)
      big.append(Object.assign(document.createElement('p'), { textContent: `Paragraph ${i}.` }));
    // Reads only the start: the walk never gets as far as the 101st paragraph (it would ask for its
    // next sibling), however many follow.
    let reached = false;
    Object.defineProperty(big.children[100]!, 'nextSibling', {
      get: () => {
        reached = true;
        return null;
      },
    });
    const text = plainText(big, { node: big, limit: 100 });
    expect(reached, 'reads only the start').to.equal(false);
    expect(text).to.equal(`${Array.from({ length: 7 }, (_, i) => `Paragraph ${i}.`).join('\n')}\nParagraph…`);
  });

  it('announces the start of a 100 KB reply and its card, not the whole text', async () => {
    const backend = await startBackend({ pace: { thinkMs: 0, chunkMs: 0, chunkChars: 4096 } });
    const el = await fixture<AiChat>(
      html`<ai-chat
        endpoint=${backend.url('/ai/{feature}/ws')}
        token="t"
        feature="symptom_checker"
      ></ai-chat>`,
    );
    await connected(el);
    const region = q(el, '#polite')!;
    const writes: string[] = [];
    new MutationObserver(() => writes.push(region.textContent ?? '')).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    const reply = `## Possible causes\n\n${Array.from({ length: 1500 }, (_, i) => `Point ${i}: a fever with a sore throat is most often viral.`).join('\n\n')}`;
    await backend.call('nextReply', reply);
    el.send('I have a fever');
    await replies(el);
    await el.updateComplete;
    expect(writes).to.have.length(1);
    const [announced] = writes as [string];
    expect(announced.startsWith('Assistant:\nPossible causes\nPoint 0: a fever with a sore throat')).to.equal(
      true,
    );
    expect(announced.length).to.be.below(900);
    expect(announced).to.contain('…\n');
    expect(announced, 'the card is announced too').to.contain('urgency');
  });
});
