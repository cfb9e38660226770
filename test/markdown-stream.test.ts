import { expect, waitUntil } from '@open-wc/testing';
import { html as litHtml, nothing, render as litRender } from 'lit';
import { MarkdownStream } from '../src/render/markdown-stream.js';
import { healLive } from '../src/render/heal.js';
import { markdown } from '../src/render/markdown-directive.js';
import { followBottom } from '../src/render/auto-scroll.js';
import { REPLIES, SHORT_REPLY } from './fixtures/markdown-samples.js';
import { chunk, oneShot, prng, stream } from './support/markdown-stream.js';

describe('MarkdownStream', () => {
  describe('property: any chunking renders the one-shot DOM at the end, the healed text on the way', () => {
    const CHUNKINGS_PER_REPLY = 8;
    for (const [name, text] of Object.entries(REPLIES)) {
      it(`streams "${name}" in ${CHUNKINGS_PER_REPLY} random chunkings`, function () {
        this.timeout(120_000);
        const expected = oneShot(text);
        for (let i = 0; i < CHUNKINGS_PER_REPLY; i++) {
          const seed = name.length * 1000 + i;
          const random = prng(seed);
          const maxChunk = [12, 3, 40, 200][i % 4]!;
          const run = stream(chunk(text, random, maxChunk), random, [0.1, 0.5, 1][i % 3]!, 3);
          const where = `${name}, seed ${seed}, max chunk ${maxChunk}`;
          expect(run.container.innerHTML, where).to.equal(expected.innerHTML);
          expect(run.container.isEqualNode(expected), `${where}: same node structure`).to.equal(true);
          expect(
            run.mismatches.slice(0, 3),
            `${where}: a live render differed from the healed one-shot render`,
          ).to.deep.equal([]);
          expect(run.renders, 'at most one render per update').to.be.at.most(run.updates);
        }
      });
    }

    it('streams a reply one character at a time', function () {
      this.timeout(60_000);
      const expected = oneShot(SHORT_REPLY);
      for (let seed = 1; seed <= 5; seed++) {
        const random = prng(seed);
        const run = stream([...SHORT_REPLY], random, 0.3);
        expect(run.container.innerHTML, `seed ${seed}`).to.equal(expected.innerHTML);
        expect(run.mismatches, `seed ${seed}`).to.deep.equal([]);
      }
    });

    it('streams all replies joined, a render after every character', function () {
      this.timeout(120_000);
      const text = Object.values(REPLIES).join('\n\n');
      const run = stream([...text], () => 0, 1, 25);
      expect(run.updates).to.equal(text.length + 1);
      expect(run.container.innerHTML).to.equal(oneShot(text).innerHTML);
      expect(run.mismatches.slice(0, 3)).to.deep.equal([]);
    });

    it('streams with images allowed the same as one-shot', () => {
      const text = REPLIES.hostile!;
      const container = document.createElement('div');
      const md = new MarkdownStream(container, { allowImages: true });
      for (let i = 1; i <= text.length; i += 7) md.update(text.slice(0, i), false);
      md.update(text, true);
      expect(container.innerHTML).to.equal(oneShot(text, true).innerHTML);
      expect(container.querySelector('img')).to.not.equal(null);
    });

    it('resolves a reference definition that arrives after the blocks using it froze', () => {
      const text = REPLIES.overview!;
      const container = document.createElement('div');
      const md = new MarkdownStream(container);
      const end = text.indexOf('[thermo]: ');
      md.update(text.slice(0, end), false);
      md.update(text, false);
      md.update(text, true);
      expect(container.querySelector('a[href="https://example.com/thermometer-manual"]')).to.not.equal(null);
      expect(container.innerHTML).to.equal(oneShot(text).innerHTML);
    });
  });

  describe('frozen blocks', () => {
    const paragraphs = Array.from(
      { length: 120 },
      (_, i) => `Paragraph ${i} with *some* text and a [link](https://example.com/${i}).`,
    );
    const text = `# Title\n\n${paragraphs.join('\n\n')}\n`;

    it('keeps frozen block nodes across later updates (no re-render)', () => {
      const container = document.createElement('div');
      const md = new MarkdownStream(container);
      const removed = new Set<Node>();
      const observer = new MutationObserver((records) => {
        for (const record of records) for (const node of record.removedNodes) removed.add(node);
      });
      observer.observe(container, { childList: true, subtree: true, characterData: true });

      md.update(text.slice(0, text.indexOf('Paragraph 3')), false);
      const heading = container.querySelector('h1')!;
      const first = container.querySelector('p')!;
      expect(heading.textContent).to.equal('Title');
      for (let i = 1; i <= text.length; i += 5)
        md.update(text.slice(0, i + text.indexOf('Paragraph 3')), false);
      md.update(text, true);
      observer.takeRecords().forEach((record) => record.removedNodes.forEach((node) => removed.add(node)));
      observer.disconnect();

      expect(container.querySelector('h1')).to.equal(heading);
      expect(container.querySelector('p')).to.equal(first);
      expect(removed.has(heading) || removed.has(first)).to.equal(false);
      expect(container.innerHTML).to.equal(oneShot(text).innerHTML);
    });

    it('keeps a text selection inside a frozen block while streaming', () => {
      const container = document.createElement('div');
      document.body.append(container);
      const md = new MarkdownStream(container);
      md.update(text.slice(0, 400), false);
      const first = container.querySelector('p')!;
      const selection = getSelection()!;
      selection.selectAllChildren(first);
      for (let i = 400; i <= text.length; i += 50) md.update(text.slice(0, i), false);
      md.update(text, true);
      expect(selection.anchorNode).to.equal(first);
      expect(selection.toString()).to.equal(first.textContent);
      selection.removeAllRanges();
      container.remove();
    });

    it('re-renders only the tail: top-level nodes are patched, not replaced', () => {
      const container = document.createElement('div');
      const md = new MarkdownStream(container);
      const observer = new MutationObserver(() => undefined);
      observer.observe(container, { childList: true });
      let updates = 0;
      let maxRemoved = 0;
      let totalRemoved = 0;
      for (let i = 1; i <= text.length; i += 9) {
        md.update(text.slice(0, i), false);
        updates++;
        let removed = 0;
        for (const record of observer.takeRecords()) removed += record.removedNodes.length;
        maxRemoved = Math.max(maxRemoved, removed);
        totalRemoved += removed;
      }
      observer.disconnect();
      expect(updates).to.be.greaterThan(500);
      expect(maxRemoved).to.be.at.most(4);
      expect(totalRemoved).to.be.at.most(updates / 10);
      expect(container.childElementCount).to.equal(121);
    });
  });

  describe('updates', () => {
    it('renders every update synchronously, and nothing for the same text', () => {
      const container = document.createElement('div');
      let renders = 0;
      const md = new MarkdownStream(container, { onRender: () => renders++ });
      md.update('*hi', false);
      expect(renders).to.equal(1);
      expect(container.innerHTML).to.equal(oneShot('*hi*').innerHTML);
      md.update('*hi', false);
      expect(renders).to.equal(1);
      md.update('*hi* there', true);
      expect(renders).to.equal(2);
      md.update('*hi* there', true);
      expect(renders).to.equal(2);
      expect(container.innerHTML).to.equal(oneShot('*hi* there').innerHTML);
    });

    it('catches up with a burst a step at a time, within its budget, never falling far behind', () => {
      const text = Object.values(REPLIES).join('\n\n');
      const container = document.createElement('div');
      let time = 0;
      // No budget: every update renders one step (about a kilobyte) of what it has not shown yet.
      const md = new MarkdownStream(container, { budgetMs: 0, now: () => time++ });
      expect(md.update(text, false), 'behind after one step').to.equal(false);
      const shownAfterOne = container.textContent!.length;
      expect(shownAfterOne)
        .to.be.greaterThan(0)
        .and.below(text.length / 2);
      let updates = 1;
      while (!md.update(text, false)) updates++;
      expect(updates).to.be.within(3, Math.ceil(text.length / 512));
      expect(container.innerHTML).to.equal(oneShot(healLive(text)).innerHTML);
      expect(md.update(text, false), 'nothing left').to.equal(true);

      // A long text that arrives whole (final) is rendered over a few updates too, each at
      // least a quarter of what is left, and ends exactly as the one-shot render.
      const again = document.createElement('div');
      const other = new MarkdownStream(again, { budgetMs: 0, now: () => time++ });
      let finals = 1;
      while (!other.update(text, true)) finals++;
      expect(finals).to.be.within(2, 12);
      expect(again.innerHTML).to.equal(oneShot(text).innerHTML);
      expect(other.update(text, true)).to.equal(true);
    });

    it('renders bigger steps of a huge table, whose every frame the browser lays out whole', () => {
      // On this clock a character shown costs a microsecond: 4 KB a step within the 4 ms budget.
      const updatesToCatchUp = (text: string): number => {
        const container = document.createElement('div');
        const now = () => container.textContent!.length / 1000;
        const md = new MarkdownStream(container, { budgetMs: 4, now });
        let updates = 1;
        while (!md.update(text, false)) updates++;
        expect(container.innerHTML).to.equal(oneShot(healLive(text)).innerHTML);
        return updates;
      };
      const rows = `| Row | Dose |\n|---|---|\n${Array.from({ length: 8000 }, (_, i) => `| row ${i} | ${i} mg |\n`).join('')}`;
      const items = Array.from({ length: 8000 }, (_, i) => `- item ${i} of the list\n`).join('');
      const paragraphs = (length: number): string =>
        Array.from({ length: 8000 }, (_, i) => `para ${i} of the reply\n\n`)
          .join('')
          .slice(0, length);
      const table = updatesToCatchUp(rows);
      const plain = updatesToCatchUp(paragraphs(rows.length));
      expect(plain, 'a burst over several frames').to.be.greaterThan(4);
      expect(table, `past 250 frozen rows, steps of 12 ms (${table} vs ${plain} updates)`).to.be.below(
        plain * 0.75,
      );
      // A list's items are laid out a group at a time (list-groups.ts): its steps stay small.
      const list = updatesToCatchUp(items);
      const plainAsLong = updatesToCatchUp(paragraphs(items.length));
      expect(list, `a list as long (${list} vs ${plainAsLong} updates)`).to.be.at.least(plainAsLong * 0.75);
    });

    it('learns its pace again after a slow render (a cold start does not keep every step small)', () => {
      const text = Array.from({ length: 2500 }, (_, i) => `Paragraph ${i} of the reply.\n\n`).join('');
      // A character shown costs a microsecond on this clock; `slowFirst`: the first render costs 50 ms more.
      const updatesToCatchUp = (slowFirst: boolean): number => {
        const container = document.createElement('div');
        let calls = 0;
        const now = () => container.textContent!.length / 1000 + (slowFirst && ++calls >= 2 ? 50 : 0);
        const md = new MarkdownStream(container, { budgetMs: 4, now });
        let updates = 1;
        while (!md.update(text, false)) updates++;
        return updates;
      };
      const steady = updatesToCatchUp(false);
      const cold = updatesToCatchUp(true);
      expect(steady, 'a burst over several frames').to.be.greaterThan(5);
      expect(cold, `${cold} updates after a slow first render, ${steady} without`).to.be.at.most(steady + 5);
    });

    it('counts the live block it renders again in what a step costs (a growing code block)', () => {
      const code = '```\n' + Array.from({ length: 400 }, (_, i) => `line ${i} of the program`).join('\n');
      const container = document.createElement('div');
      // On this clock an update costs a microsecond a character of the unclosed code block, the
      // one live block, which every update renders whole again.
      let clock = 0;
      let calls = 0;
      const now = () => {
        if (++calls % 2 === 0) clock += container.textContent!.length / 1000;
        return clock;
      };
      const md = new MarkdownStream(container, { budgetMs: 4, now });
      let updates = 0;
      for (let done = false; !done; updates++) {
        const before = container.textContent!.length;
        const started = clock;
        done = md.update(code, false);
        // Within the budget (and its first guess), or, once the block alone costs more, the
        // least step after it.
        expect(clock - started, `update ${updates + 1}, after ${before} characters`).to.be.at.most(
          Math.max(5, before / 1000 + 0.6),
        );
      }
      expect(updates).to.be.greaterThan(3);
      expect(container.innerHTML).to.equal(oneShot(healLive(code)).innerHTML);
    });

    it('patches what it finds in the container on the first render', () => {
      const container = document.createElement('div');
      container.innerHTML = '<span>placeholder</span>';
      const md = new MarkdownStream(container);
      md.update('text', true);
      expect(container.innerHTML).to.equal(oneShot('text').innerHTML);
    });
  });

  describe('replaced replies', () => {
    it('resets when the text does not extend the previous text', () => {
      const container = document.createElement('div');
      const md = new MarkdownStream(container);
      md.update(REPLIES.overview!.slice(0, 900), false);
      md.update('A different\n\nreply', false);
      expect(container.innerHTML).to.equal(oneShot('A different\n\nreply').innerHTML);
      md.update('A different\n\nreply, continued', true);
      expect(container.innerHTML).to.equal(oneShot('A different\n\nreply, continued').innerHTML);
    });

    it('resets on a shorter text and on a final replacement', () => {
      const container = document.createElement('div');
      const md = new MarkdownStream(container);
      const text = REPLIES.loose!;
      for (let i = 10; i < text.length; i += 10) md.update(text.slice(0, i), false);
      md.update(text.slice(0, 50), true);
      expect(container.innerHTML).to.equal(oneShot(text.slice(0, 50)).innerHTML);
      md.update('', true);
      expect(container.childNodes).to.have.length(0);
      md.update(REPLIES.tables!, true);
      expect(container.innerHTML).to.equal(oneShot(REPLIES.tables!).innerHTML);
    });

    it('continues streaming after a final render', () => {
      const container = document.createElement('div');
      const md = new MarkdownStream(container);
      const text = REPLIES.code!;
      md.update(text.slice(0, 200), true);
      md.update(text.slice(0, 300), false);
      md.update(text, true);
      expect(container.innerHTML).to.equal(oneShot(text).innerHTML);
    });
  });
});

describe('markdown() directive', () => {
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => {
    litRender(nothing, host);
    host.remove();
  });

  const view = (messages: Array<{ text: string; final?: boolean; allowImages?: boolean }>) =>
    litHtml`${messages.map(
      (m) =>
        litHtml`<div part="content" ${markdown(m.text, { final: m.final ?? true, allowImages: m.allowImages ?? false })}></div>`,
    )}`;

  it('renders final text synchronously into the element', () => {
    litRender(view([{ text: '# Hi\n\nthere' }]), host);
    const div = host.querySelector('div')!;
    expect(div.innerHTML).to.equal(oneShot('# Hi\n\nthere').innerHTML);
  });

  it('returns noChange for unchanged input: nodes keep their identity', () => {
    const messages = [{ text: 'first *message*' }, { text: 'second message' }];
    litRender(view(messages), host);
    const [first, second] = host.querySelectorAll('div');
    const firstChild = first!.firstChild;
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((r) => records.push(...r));
    observer.observe(first!, { childList: true, subtree: true, characterData: true });

    litRender(view(messages), host);
    litRender(view([{ text: 'first *message*' }, { text: 'second message, longer' }]), host);
    records.push(...observer.takeRecords());
    observer.disconnect();

    expect(first!.firstChild).to.equal(firstChild);
    expect(records).to.have.length(0);
    expect(second!.innerHTML).to.equal(oneShot('second message, longer').innerHTML);
  });

  it('renders streaming text in the same update, as it would look finished', () => {
    litRender(view([{ text: 'partial **re', final: false }]), host);
    const div = host.querySelector('div')!;
    expect(div.innerHTML).to.equal(oneShot('partial **re**').innerHTML);
    const strong = div.querySelector('strong')!;
    litRender(view([{ text: 'partial **reply**', final: true }]), host);
    expect(div.innerHTML).to.equal(oneShot('partial **reply**').innerHTML);
    expect(div.querySelector('strong'), 'patched in place').to.equal(strong);
  });

  it('renders a burst over the next frames by itself when no host drives it', async () => {
    // Without reference definitions: a block frozen before its definition arrives shows the
    // reference as text until the final render, so live renders of such a text depend on where
    // the frames split it.
    const withoutDefinitions = Object.values(REPLIES).filter((reply) => !/^ {0,3}\[[^\]]+\]:/m.test(reply));
    const text = withoutDefinitions.join('\n\n').repeat(6);
    litRender(view([{ text, final: false }]), host);
    const div = host.querySelector('div')!;
    expect(div.textContent!.length, 'not all in one update').to.be.below(text.length / 2);
    await waitUntil(() => div.innerHTML === oneShot(healLive(text)).innerHTML, 'caught up', {
      timeout: 8000,
    });
  });

  it('re-renders from scratch when allowImages changes', () => {
    const text = 'look: ![chart](https://example.com/chart.png)';
    litRender(view([{ text }]), host);
    const div = host.querySelector('div')!;
    expect(div.querySelector('img')).to.equal(null);
    expect(div.querySelector('a')).to.not.equal(null);
    // Detach first: the <img> would load from the network once connected.
    host.remove();
    litRender(view([{ text, allowImages: true }]), host);
    expect(div.querySelector('img')!.getAttribute('src')).to.equal('https://example.com/chart.png');
    litRender(view([{ text, allowImages: false }]), host);
    expect(div.querySelector('img')).to.equal(null);
  });

  it('throws outside an element position', () => {
    expect(() => litRender(litHtml`<div>${markdown('x')}</div>`, host)).to.throw(/element/);
  });
});

const frames = async (count: number): Promise<void> => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
};

describe('followBottom()', () => {
  let scroller: HTMLElement;
  let content: HTMLElement;
  let dispose: () => void;
  const grow = (px: number): void => {
    const block = document.createElement('div');
    block.style.height = `${px}px`;
    content.append(block);
  };
  const distanceFromBottom = (): number => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
  const scrollTo = async (top: number): Promise<void> => {
    scroller.scrollTop = top;
    await new Promise((resolve) => scroller.addEventListener('scroll', resolve, { once: true }));
  };

  beforeEach(() => {
    scroller = document.createElement('div');
    scroller.style.cssText = 'height: 100px; overflow: auto;';
    content = document.createElement('div');
    scroller.append(content);
    document.body.append(scroller);
    dispose = followBottom(scroller, content);
  });
  afterEach(() => {
    dispose();
    scroller.remove();
  });

  it('keeps the scroller at the bottom while content grows', async () => {
    for (let i = 0; i < 5; i++) {
      grow(60);
      await frames(2);
      expect(distanceFromBottom(), `after growth ${i}`).to.be.at.most(1);
    }
    expect(scroller.scrollTop).to.be.greaterThan(0);
  });

  it('keeps following when content grows between its own scroll and the scroll event', async () => {
    grow(300);
    await frames(1);
    // After this frame's stick (ResizeObserver, after layout) and before its scroll event (next frame).
    await new Promise((resolve) => setTimeout(resolve));
    grow(300);
    await frames(3);
    expect(distanceFromBottom()).to.be.at.most(1);
  });

  it('stops following when the reader scrolls up, and resumes at the bottom', async () => {
    grow(500);
    await frames(2);
    expect(distanceFromBottom()).to.be.at.most(1);
    await scrollTo(100);
    grow(200);
    await frames(2);
    expect(scroller.scrollTop).to.equal(100);
    await scrollTo(scroller.scrollHeight);
    grow(200);
    await frames(2);
    expect(distanceFromBottom()).to.be.at.most(1);
  });

  it('stops everything when disposed', async () => {
    grow(500);
    await frames(2);
    const top = scroller.scrollTop;
    dispose();
    grow(500);
    await frames(2);
    expect(scroller.scrollTop).to.equal(top);
  });
});
