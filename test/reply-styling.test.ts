// Designers reach the reply: every element of a rendered reply has a part a page can style with
// ::part(), table columns keep their source alignment, and cells do not break inside words.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { closeBackends, startBackend } from './support/backend.js';
import { connected, q, qa, replies } from './support/element.js';
import { replyPartOf } from './support/security.js';

/** A reply with every element the renderer makes. */
const REPLY = `# One

## Two

### Three

#### Four

##### Five

###### Six

A paragraph with **strong**, *em*, ~~del~~, \`code\` and a [link](https://example.com/a).

> A quote.

- a
- [x] done

1. first
2. second

\`\`\`js
const x = 1;
\`\`\`

| Left | Centre | Right | None |
| :--- | :----: | ----: | ---- |
| a | b | c | d |
| Pneumonoultramicroscopicsilicovolcanoconiosis | Hippopotomonstrosesquippedaliophobia | Floccinaucinihilipilification | Antidisestablishmentarianism |

---
`;

/** The parts of the elements of `REPLY` (br has none). */
const PARTS = [
  'md-p',
  'md-heading',
  'md-h1',
  'md-h2',
  'md-h3',
  'md-h4',
  'md-h5',
  'md-h6',
  'md-link',
  'md-strong',
  'md-em',
  'md-del',
  'md-code',
  'md-pre',
  'md-code-block',
  'md-blockquote',
  'md-list',
  'md-ul',
  'md-ol',
  'md-li',
  'md-checkbox',
  'md-table',
  'md-thead',
  'md-tbody',
  'md-tr',
  'md-cell',
  'md-th',
  'md-td',
  'md-hr',
];

function pageStyle(css: string): () => void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  return () => style.remove();
}

const computed = (el: Element, property: string) => getComputedStyle(el).getPropertyValue(property).trim();

describe('styling replies', () => {
  afterEach(closeBackends);

  it('gives every element of a reply its part, and only the renderer sets parts', () => {
    const el = document.createElement('div');
    el.append(renderMarkdown(`${REPLY}\n![img](https://example.com/i.png)`, { allowImages: true }));
    for (const node of el.querySelectorAll('*')) {
      expect(node.getAttribute('part'), node.outerHTML.slice(0, 60)).to.equal(replyPartOf(node) ?? null);
    }
    const found = new Set([...el.querySelectorAll('[part]')].flatMap((node) => node.part.value.split(' ')));
    expect([...found].sort()).to.deep.equal([...PARTS, 'md-img'].sort());
  });

  it('the model cannot set a part, a class or a style', () => {
    const attempts = [
      '<p part="md-link">x</p>',
      '<a href="https://example.com" part="send" class="x" style="color:red">x</a>',
      '<span part="composer">x</span>',
      '[x](https://example.com "part=send")',
      '```js part="send"\ncode\n```',
      '```" part="send\ncode\n```',
      '| a |\n| - |\n| <td part="x">b</td> |',
    ];
    for (const text of attempts) {
      const el = document.createElement('div');
      el.append(renderMarkdown(text));
      for (const node of el.querySelectorAll('*')) {
        expect(node.getAttribute('part'), `${text}: ${node.outerHTML}`).to.equal(replyPartOf(node) ?? null);
        expect(node.hasAttribute('style'), text).to.equal(false);
        if (node.hasAttribute('class'))
          expect(node.getAttribute('class'), text).to.match(/^language-[\w#+.-]+$/);
      }
    }
  });

  it('page CSS reaches every element of a reply through ::part(), columns keep their alignment and words stay whole', async () => {
    const backend = await startBackend();
    const removeRules = pageStyle(
      PARTS.map((part, i) => `ai-chat::part(${part}) { --probe-${part}: ${i + 1}; }`).join('\n'),
    );
    try {
      const el = await fixture<AiChat>(
        html`<ai-chat endpoint=${backend.url('/ai/{feature}/ws')} token="t"></ai-chat>`,
      );
      await connected(el);
      await backend.call('nextReply', REPLY);
      el.send('Show me everything');
      await replies(el);
      PARTS.forEach((part, i) => {
        const found = qa(el, `.content [part~="${part}"]`);
        expect(found.length, `part "${part}" is rendered`).to.be.greaterThan(0);
        for (const node of found)
          expect(computed(node, `--probe-${part}`), `::part(${part})`).to.equal(`${i + 1}`);
      });

      const [left, centre, right, none] = qa(el, '.content tbody tr:first-child td');
      expect(computed(left!, 'text-align')).to.equal('left');
      expect(computed(centre!, 'text-align')).to.equal('center');
      expect(computed(right!, 'text-align')).to.equal('right');
      expect(computed(none!, 'text-align')).to.equal('start');

      // A long word is laid out on one line in its cell (the table scrolls instead).
      for (const cell of qa(el, '.content tbody tr:last-child td')) {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        expect(lines.size, `"${cell.textContent}" breaks inside the word`).to.equal(1);
      }
      expect(q(el, '.content table')!.scrollWidth).to.be.greaterThan(q(el, '.content')!.clientWidth);
    } finally {
      removeRules();
    }
  });
});
