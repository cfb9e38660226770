import { expect } from '@open-wc/testing';
import { renderMarkdown } from '../src/render/markdown.js';
import { MarkdownStream } from '../src/render/markdown-stream.js';
import { GROUP_SIZE } from '../src/render/list-groups.js';
import { healLive } from '../src/render/heal.js';
import { markdownStyles } from '../src/views/markdown.styles.js';
import { chunk, oneShot, prng, stream } from './support/markdown-stream.js';

const items = (count: number, line: (i: number) => string): string =>
  Array.from({ length: count }, (_, i) => line(i)).join('');

const LISTS: Record<string, string> = {
  tight: items(1234, (i) => `- item ${i} with **bold** text\n`),
  ordered: items(1100, (i) => `${i + 7}. step ${i}\n`),
  loose: items(1050, (i) => `- loose item ${i}\n\n`),
  nested: `Intro.\n\n${items(3, (i) => `- outer ${i}\n`)}- outer with a long list\n${items(
    700,
    (i) => `  - inner ${i}\n`,
  )}- outer after\n\nThe end.\n`,
  'two lists': `${items(600, (i) => `- first ${i}\n`)}\nBetween.\n\n${items(800, (i) => `1. second ${i}\n`)}`,
};

const groupsOf = (list: Element): Element[] =>
  Array.from(list.children).filter((child) => child.localName === 'div');

describe('long lists in groups of items', () => {
  it(`keeps ${GROUP_SIZE} items, then groups the rest ${GROUP_SIZE} at a time (one-shot)`, () => {
    const list = renderMarkdown(LISTS.tight!).firstElementChild!;
    const groups = groupsOf(list);
    expect(list.localName).to.equal('ul');
    expect(list.getAttribute('role'), 'a list that says so: a checker counts the grouped items').to.equal(
      'list',
    );
    expect(list.querySelectorAll(':scope > li').length).to.equal(GROUP_SIZE);
    expect(groups.map((group) => group.querySelectorAll(':scope > li').length)).to.deep.equal([500, 234]);
    for (const group of groups) {
      expect(group.getAttribute('role')).to.equal('none');
      expect(group.hasAttribute('data-items')).to.equal(true);
      expect(group.firstElementChild!.localName).to.equal('li');
    }
    expect(groups[0]!.firstElementChild!.textContent).to.equal('item 500 with bold text');
    const all = Array.from(list.querySelectorAll('li'));
    expect(all.map((li) => li.textContent)).to.deep.equal(
      Array.from({ length: 1234 }, (_, i) => `item ${i} with bold text`),
    );
    // Each item with its newline, in the same parent.
    expect(all.every((li) => li.nextSibling?.nodeValue === '\n')).to.equal(true);
  });

  it('leaves a list of up to the group size as it is, and groups a long nested list', () => {
    const short = renderMarkdown(items(GROUP_SIZE, (i) => `- ${i}\n`)).firstElementChild!;
    expect(groupsOf(short)).to.deep.equal([]);
    expect(short.hasAttribute('role')).to.equal(false);
    const nested = oneShot(LISTS.nested!);
    const [outer, inner] = Array.from(nested.querySelectorAll('ul'));
    expect(groupsOf(outer!)).to.deep.equal([]);
    expect(groupsOf(inner!).map((group) => group.children.length)).to.deep.equal([200]);
  });

  it('keeps one list for assistive technology: axe finds nothing in grouped lists', async () => {
    const reply = document.createElement('div');
    reply.append(renderMarkdown(LISTS.ordered!.slice(0, 12_000)), renderMarkdown(LISTS.loose!));
    document.body.append(reply);
    expect(reply.querySelectorAll('[data-items]').length).to.equal(3);
    try {
      await expect(reply).to.be.accessible();
    } finally {
      reply.remove();
    }
  });

  it('makes no group of what the model writes', () => {
    const html = '<div role="none" data-items><li>x</li></div>';
    const fragment = renderMarkdown(`${html}\n\n- a\n- b\n`);
    expect(fragment.querySelector('[data-items], div')).to.equal(null);
    expect(fragment.textContent).to.contain(html);
  });

  describe('streamed, the groups are the one-shot render’s, on the way and at the end', () => {
    for (const [name, text] of Object.entries(LISTS)) {
      it(`streams the ${name} list in random chunkings`, function () {
        this.timeout(120_000);
        const expected = oneShot(text);
        for (const [seed, maxChunk] of [
          [1, 40],
          [2, 400],
        ] as const) {
          const random = prng(seed * 7919 + name.length);
          const run = stream(chunk(text, random, maxChunk), random, 0.5, 25);
          const where = `${name}, seed ${seed}, max chunk ${maxChunk}`;
          expect(run.container.isEqualNode(expected), `${where}: the one-shot DOM`).to.equal(true);
          expect(run.mismatches.slice(0, 3), `${where}: a live render differed`).to.deep.equal([]);
        }
      });
    }

    it('puts a burst of items arriving at once where their numbers say', () => {
      const text = LISTS.ordered!;
      const container = document.createElement('div');
      const md = new MarkdownStream(container, { budgetMs: Infinity });
      // 40 items, then the rest in one update: the live render of that update has groups of its own.
      md.update(text.slice(0, text.indexOf('\n47. ')), false);
      const cut = text.slice(0, text.lastIndexOf('\n') - 3);
      md.update(cut, false);
      expect(container.isEqualNode(oneShot(healLive(cut))), 'the healed one-shot DOM').to.equal(true);
      md.update(text, true);
      expect(container.isEqualNode(oneShot(text))).to.equal(true);
    });

    it('keeps frozen items in their groups, and a selection in the item being written', () => {
      const text = LISTS.tight!;
      const container = document.createElement('div');
      document.body.append(container);
      const md = new MarkdownStream(container, { budgetMs: Infinity });
      const growing = text.indexOf('- item 1100 ') + 'item 1100'.length + 2;
      md.update(text.slice(0, growing), false);
      const frozen = container.querySelectorAll('li')[700]!;
      const live = container.querySelectorAll('li')[1100]!;
      expect(live.parentElement!.hasAttribute('data-items')).to.equal(true);
      const words = live.firstChild as Text;
      const selection = getSelection()!;
      selection.setBaseAndExtent(words, 0, words, 4);
      for (let end = growing + 3; end <= text.length; end += 11) md.update(text.slice(0, end), false);
      md.update(text, true);
      expect(container.querySelectorAll('li')[700]).to.equal(frozen);
      expect(container.querySelectorAll('li')[1100]).to.equal(live);
      expect(selection.anchorNode).to.equal(words);
      expect(selection.toString()).to.equal('item');
      expect(container.isEqualNode(oneShot(text))).to.equal(true);
      selection.removeAllRanges();
      container.remove();
    });
  });

  it('lays a group out on its own, with a loose list’s items as far apart as everywhere', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [markdownStyles.styleSheet!];
    const reply = document.createElement('div');
    reply.className = 'markdown';
    reply.append(renderMarkdown(items(GROUP_SIZE * 2 + 3, (i) => `- loose item ${i}\n\n`)));
    root.append(reply);
    const list = reply.firstElementChild!;
    const [first, second] = groupsOf(list);
    expect(getComputedStyle(first!).contain).to.equal('layout paint');
    const li = Array.from(list.querySelectorAll('li'));
    const gap = (i: number): number =>
      li[i + 1]!.getBoundingClientRect().top - li[i]!.getBoundingClientRect().bottom;
    expect(gap(100)).to.be.greaterThan(4);
    for (const at of [GROUP_SIZE - 1, GROUP_SIZE * 2 - 1])
      expect(gap(at), `between items ${at} and ${at + 1}`).to.be.closeTo(gap(100), 0.5);
    // The list ends as far above what follows as a list without groups.
    const plain = document.createElement('div');
    plain.className = 'markdown';
    plain.append(renderMarkdown('- loose a\n\n- loose b\n\nAfter.'));
    reply.append(renderMarkdown('After.'));
    root.append(plain);
    const end = (box: Element): number =>
      box.nextElementSibling!.getBoundingClientRect().top -
      Array.from(box.querySelectorAll('li')).at(-1)!.getBoundingClientRect().bottom;
    expect(second!.parentElement).to.equal(list);
    expect(end(list)).to.be.closeTo(end(plain.firstElementChild!), 0.5);
    host.remove();
  });
});
