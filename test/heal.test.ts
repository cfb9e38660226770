import { expect } from '@open-wc/testing';
import { healLive, holdBack } from '../src/render/heal.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { MarkdownStream } from '../src/render/markdown-stream.js';

/** The live render of `text`, the unfinished reply so far. */
const live = (text: string): HTMLElement => {
  const el = document.createElement('div');
  el.append(renderMarkdown(healLive(text)));
  return el;
};

/** The text a reader sees, whitespace collapsed. */
const shown = (el: HTMLElement): string => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Every prefix of `text`, one character at a time (the text itself excluded). */
const prefixes = (text: string): string[] =>
  Array.from({ length: text.length - 1 }, (_, i) => text.slice(0, i + 1));

/**
 * Streams `text` one character at a time into a MarkdownStream and returns what the reader saw:
 * after each update, the tags of the top-level blocks.
 */
const streamBlocks = (text: string): string[][] => {
  const container = document.createElement('div');
  const stream = new MarkdownStream(container);
  const seen: string[][] = [];
  for (const prefix of prefixes(text)) {
    stream.update(prefix, false);
    seen.push(Array.from(container.children, (child) => child.localName));
  }
  stream.update(text, true);
  seen.push(Array.from(container.children, (child) => child.localName));
  return seen;
};

/** How often a block already shown changed its tag (or vanished) from one update to the next. */
const flips = (seen: string[][]): number => {
  let count = 0;
  for (let i = 1; i < seen.length; i++) {
    const before = seen[i - 1]!;
    const after = seen[i]!;
    before.forEach((tag, j) => {
      if (after[j] !== tag) count++;
    });
  }
  return count;
};

describe('healing the live end of a streaming reply', () => {
  describe('unclosed inline markup renders as if closed', () => {
    const cases: Array<[string, string, string]> = [
      ['strong', 'Take it **with food', 'strong'],
      ['emphasis', 'It is *usually', 'em'],
      ['underscore emphasis', 'It is _usually', 'em'],
      ['strong emphasis', 'A ***very important', 'strong'],
      ['strikethrough', 'The ~~old advice', 'del'],
      ['code span', 'Run `npm test', 'code'],
      ['nested', '**Warning: *never', 'em'],
    ];
    for (const [name, text, tag] of cases) {
      it(name, () => {
        const el = live(text);
        expect(el.querySelector(tag), el.innerHTML).to.not.equal(null);
        expect(el.textContent, 'no marker shown').to.not.match(/[*_~`]/);
      });
    }

    it('an opener half typed as a closer (`**bold*`) is still one', () => {
      const el = live('This is **bold*');
      expect(el.querySelector('strong')!.textContent).to.equal('bold');
      expect(shown(el)).to.equal('This is bold');
    });

    it('a marker with nothing after it yet is left out', () => {
      for (const text of ['Some text **', 'Some text *', 'Some text ~~', 'Some text `', 'Some text _']) {
        expect(shown(live(text)), text).to.equal('Some text');
      }
    });

    it('leaves alone what most likely stays literal: an asterisk inside a word, a single tilde', () => {
      expect(shown(live('2*3 is'))).to.equal('2*3 is');
      expect(shown(live('about ~5 mg'))).to.equal('about ~5 mg');
      expect(shown(live('snake_case and more_'))).to.equal('snake_case and more');
      expect(shown(live('5 * 3'))).to.equal('5 * 3');
    });

    it('closes the markup of the last table cell, the last list item and a heading', () => {
      expect(live('| a | b |\n| - | - |\n| 1 | **x').querySelector('td strong')).to.not.equal(null);
      expect(live('- one\n- two **x').querySelector('li:last-child strong')).to.not.equal(null);
      expect(live('## A **big').querySelector('h2 strong')).to.not.equal(null);
    });

    it('does not heal a block that has ended', () => {
      expect(shown(live('A **b\n\nNext'))).to.equal('A **b Next');
      expect(live('# A **b\n').querySelector('strong')).to.equal(null);
    });

    it('leaves code blocks as they are', () => {
      const el = live('```js\nconst a = b * c; // **not bold');
      expect(el.querySelector('pre code')!.textContent).to.equal('const a = b * c; // **not bold\n');
    });
  });

  describe('links and images while their URL arrives', () => {
    const text =
      'See the [MDN reference](https://developer.mozilla.org/en-US/docs/Web/API/WebSocket) for details.';

    it('a link is plain text (never an <a>) until its URL is complete', () => {
      const end = text.indexOf(')') + 1;
      for (const prefix of prefixes(text).slice(0, end - 1)) {
        const el = live(prefix);
        expect(el.querySelector('a'), prefix).to.equal(null);
        expect(el.textContent, prefix).to.not.match(/[[\]()]/);
      }
      const done = live(text.slice(0, end));
      expect(done.querySelector('a')!.getAttribute('href')).to.equal(
        'https://developer.mozilla.org/en-US/docs/Web/API/WebSocket',
      );
    });

    it('a bare URL is not autolinked until something follows it', () => {
      const el = live('Docs: https://developer.mozilla.org/en-US/docs/Web/AP');
      expect(el.querySelector('a')).to.equal(null);
      expect(shown(el)).to.equal('Docs: https://developer.mozilla.org/en-US/docs/Web/AP');
      expect(live('Docs: www.example.co').querySelector('a')).to.equal(null);
      expect(live('Mail help@example.or').querySelector('a')).to.equal(null);
      expect(live('Docs: https://example.com/a and').querySelector('a')).to.not.equal(null);
    });

    it('an angle-bracket autolink is left out until it closes', () => {
      expect(shown(live('Docs: <https://example.com/a'))).to.equal('Docs:');
      expect(live('Docs: <https://example.com/a>').querySelector('a')).to.not.equal(null);
    });

    it('an image is left out (nothing loads) until its URL is complete', () => {
      const image = 'Chart: ![blood pressure](https://example.com/bp.png) done';
      const end = image.indexOf(')') + 1;
      for (const prefix of prefixes(image).slice(0, end - 1)) {
        const el = document.createElement('div');
        el.append(renderMarkdown(healLive(prefix), { allowImages: true }));
        expect(el.querySelector('img, a'), prefix).to.equal(null);
        expect(el.textContent, prefix).to.not.match(/[![\]()]/);
      }
    });

    it('a bracket right after a word stays (`array[0`)', () => {
      expect(shown(live('Use array[0'))).to.equal('Use array[0');
    });
  });

  describe('lines that may still become something else are held back', () => {
    it('`Key points:\\n- Drink water` goes p → p + ul with no flip', () => {
      const seen = streamBlocks('Key points:\n- Drink water');
      expect(flips(seen)).to.equal(0);
      expect(seen.some((tags) => tags.includes('h2'))).to.equal(false);
      expect(seen.at(-1)).to.deep.equal(['p', 'ul']);
    });

    it('a heading never flashes as h1 before it is an h2', () => {
      const seen = streamBlocks('Intro.\n\n## Dosage\n\nTake one.');
      expect(seen.some((tags) => tags.includes('h1'))).to.equal(false);
      expect(flips(seen)).to.equal(0);
    });

    it('a numbered list does not start as a paragraph', () => {
      const seen = streamBlocks('Steps:\n\n1. Rest\n2. Drink');
      expect(flips(seen)).to.equal(0);
      expect(seen.at(-1)).to.deep.equal(['p', 'ol']);
    });

    it('a rule does not pass through a list or a paragraph', () => {
      const seen = streamBlocks('Text.\n\n---\n\nMore.');
      expect(flips(seen)).to.equal(0);
      expect(seen.at(-1)).to.deep.equal(['p', 'hr', 'p']);
    });

    it('a code fence is never shown as text, opening or closing', () => {
      const text = 'Run:\n\n```bash\nnpm test\n```\n\nDone.';
      for (const prefix of prefixes(text)) {
        expect(live(prefix).textContent, prefix).to.not.contain('`');
      }
      expect(flips(streamBlocks(text))).to.equal(0);
    });

    it('a task box is not shown as brackets while it is typed', () => {
      for (const prefix of prefixes('- [x] done'))
        expect(live(prefix).textContent, prefix).to.not.contain('[');
    });

    it('holds only the undecided line', () => {
      expect(holdBack('Intro\n-')).to.equal('Intro\n'.length);
      expect(holdBack('Intro\n- a')).to.equal('Intro\n- a'.length);
      expect(holdBack('## A')).to.equal(4);
      expect(holdBack('> ##')).to.equal(0);
    });
  });

  describe('tables', () => {
    const table =
      '| Drug | Dose | Max/day |\n| :--- | ---: | :---: |\n| Paracetamol | 500 mg | 4 g |\n| Ibuprofen | 200 mg | 1.2 g |\n';

    it('appear once their header and delimiter row exist, never as a paragraph of pipes', () => {
      const delimiterEnd = table.indexOf('\n', table.indexOf('\n') + 1) + 1;
      for (const prefix of prefixes(table)) {
        const el = live(prefix);
        expect(el.textContent, prefix).to.not.contain('|');
        expect(el.querySelector('table') !== null, prefix).to.equal(prefix.length >= delimiterEnd);
      }
    });

    it('keep their columns and alignment while rows arrive', () => {
      const delimiterEnd = table.indexOf('\n', table.indexOf('\n') + 1) + 1;
      for (const prefix of prefixes(table).slice(delimiterEnd)) {
        const el = live(prefix);
        const header = Array.from(el.querySelectorAll('th'), (th) => th.getAttribute('align'));
        expect(header, prefix).to.deep.equal(['left', 'right', 'center']);
        for (const row of el.querySelectorAll('tbody tr')) expect(row.children, prefix).to.have.length(3);
      }
    });

    it('stream with no block flip', () => {
      expect(flips(streamBlocks(`Doses:\n\n${table}\nAsk a pharmacist.`))).to.equal(0);
    });
  });

  describe('the rest waits too', () => {
    it('a half-typed escape or character reference is left out', () => {
      expect(shown(live('Use \\'))).to.equal('Use');
      expect(shown(live('Fish &am'))).to.equal('Fish');
      expect(shown(live('Fish &amp; chips'))).to.equal('Fish & chips');
    });
  });
});
