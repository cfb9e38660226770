// The streaming-quality page (/bench/quality.html): streams texts, prefix after prefix, into three
// renderers laid out as reply bubbles of the widget (its own stylesheet, in a shadow root), and
// compares every frame with the final render of the whole text:
//   widget  the widget's MarkdownStream (update(prefix, false) per frame, as <ai-chat> calls it)
//   remend  renderMarkdown(remend(prefix)): vercel/streamdown's repair, then the same renderer
//   plain   renderMarkdown(prefix): no healing (what <ai-chat> showed before its healer)
// Per frame: is markdown syntax visible that the final render does not have there (any character
// the final text does not have at that place, see extraCharacters()), is there a
// link or image to an address the final render does not have (a truncated URL), did a block that
// was shown change its tag, did the content get shorter, and did a text range selected in the
// last block on the previous frame survive this one. `window.__quality.run(...)` is called by
// scripts/bench/scenarios.js.

/**
 * @typedef {object} Baselines
 * @property {(container: HTMLElement) => {update(text: string, final: boolean): boolean}} widgetStream
 * @property {(container: HTMLElement, text: string) => void} remendRender
 * @property {(container: HTMLElement, text: string) => void} oneShotRender
 * @property {CSSStyleSheet[]} widgetStyles
 */

const baselinesUrl = '/baselines/baselines.js';
const baselines = /** @type {Baselines} */ (await import(/** @type {string} */ (baselinesUrl)));

const root = /** @type {HTMLElement} */ (document.getElementById('host')).attachShadow({ mode: 'open' });
const layout = new CSSStyleSheet();
layout.replaceSync('.message { inline-size: 320px; max-inline-size: none; margin-block-end: 16px; }');
root.adoptedStyleSheets = [...baselines.widgetStyles, layout];

/** How far ahead in the final text a shown character may be found (markers the frame hides). */
const WINDOW = 8;

/**
 * The characters of `shown` (a frame's text, whitespace removed) that the final text (the same)
 * does not have there: after their common start, each shown character must appear in the final
 * text within the next few characters (the frame may lack markers the final text shows, such as
 * the brackets of a link that never completed), else it is something the final render does not
 * show: markdown syntax (`**`, `|`, `[`, `](url`, a list number, a fence…) on its way out.
 */
function extraCharacters(/** @type {string} */ shown, /** @type {string} */ final) {
  let i = 0;
  while (i < shown.length && shown[i] === final[i]) i++;
  let j = i;
  let extra = '';
  for (; i < shown.length; i++) {
    const at = final.indexOf(/** @type {string} */ (shown[i]), j);
    if (at !== -1 && at - j <= WINDOW) j = at + 1;
    else extra += shown[i];
  }
  return extra;
}

/** A reply bubble as the widget lays it out; returns its content element. */
function bubble() {
  const message = document.createElement('div');
  message.className = 'message assistant';
  const content = document.createElement('div');
  content.className = 'content markdown';
  message.append(content);
  root.append(message);
  return content;
}

/** @typedef {{show(text: string): void, finish(text: string): void, el: HTMLElement}} Renderer */

/** @type {Record<string, () => Renderer>} */
const RENDERERS = {
  widget() {
    const el = bubble();
    const stream = baselines.widgetStream(el);
    // (`flush`: the renderer before this change scheduled its own frame; measuring it here.)
    const flush = () => /** @type {{flush?: () => void}} */ (stream).flush?.();
    return {
      el,
      show: (text) => {
        stream.update(text, false);
        flush();
      },
      finish: (text) => {
        while (stream.update(text, true) === false);
        flush();
      },
    };
  },
  remend() {
    const el = bubble();
    return {
      el,
      show: (text) => baselines.remendRender(el, text),
      finish: (text) => baselines.oneShotRender(el, text),
    };
  },
  plain() {
    const el = bubble();
    return {
      el,
      show: (text) => baselines.oneShotRender(el, text),
      finish: (text) => baselines.oneShotRender(el, text),
    };
  },
};

const squeeze = (/** @type {string} */ text) => text.replace(/\s+/g, '');

/** The addresses of the links and images of `el`. */
const addresses = (/** @type {Element} */ el) =>
  Array.from(el.querySelectorAll('a[href], img[src]'), (node) =>
    node.localName === 'a' ? `a ${node.getAttribute('href')}` : `img ${node.getAttribute('src')}`,
  );

/** A text node of at least 4 characters in the last block of `el`, if any. */
function lastBlockText(/** @type {Element} */ el) {
  const block = el.lastElementChild;
  if (!block) return null;
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  /** @type {Text | null} */
  let found = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/** @type {Text} */ (node).data.trim().length >= 4) found = /** @type {Text} */ (node);
  }
  return found;
}

const emptyFigures = () => ({
  frames: 0,
  syntaxFrames: 0,
  truncatedLinkFrames: 0,
  flipFrames: 0,
  flips: 0,
  shrinks: 0,
  shrinkPx: 0,
  selectionsMade: 0,
  selectionsKept: 0,
  finalMismatches: 0,
  /** @type {string[]} */
  syntaxExamples: [],
  /** @type {string[]} */
  flipExamples: [],
  /** @type {string[]} */
  truncatedExamples: [],
  /** @type {string[]} */
  shrinkExamples: [],
});

/**
 * Streams each text through each renderer, frame by frame, and adds up what a reader saw.
 * @param {{texts: {name: string, text: string, cuts: number[]}[], selectionEvery: number}} input
 *   `cuts`: the lengths of the prefixes shown before the final render, ascending
 */
function run({ texts, selectionEvery }) {
  /** @type {Record<string, ReturnType<typeof emptyFigures>>} */
  const figures = Object.fromEntries(Object.keys(RENDERERS).map((name) => [name, emptyFigures()]));
  for (const { name, text, cuts } of texts) {
    const reference = document.createElement('div');
    baselines.oneShotRender(reference, text);
    const finalText = squeeze(reference.textContent ?? '');
    const finalAddresses = new Set(addresses(reference));
    for (const [kind, make] of Object.entries(RENDERERS)) {
      const f = figures[kind];
      const renderer = make();
      /** @type {string[]} */
      let tags = [];
      let height = 0;
      cuts.forEach((cut, frame) => {
        const prefix = text.slice(0, cut);
        /** @type {{range: Range, node: Text, selected: string} | null} */
        let probe = null;
        if (frame > 0 && frame % selectionEvery === 0) {
          const node = lastBlockText(renderer.el);
          if (node) {
            const range = document.createRange();
            range.setStart(node, 0);
            range.setEnd(node, 3);
            probe = { range, node, selected: range.toString() };
          }
        }
        renderer.show(prefix);
        f.frames++;
        if (probe) {
          f.selectionsMade++;
          if (probe.node.isConnected && probe.range.toString() === probe.selected) f.selectionsKept++;
        }
        const extra = extraCharacters(squeeze(renderer.el.textContent ?? ''), finalText);
        if (extra) {
          f.syntaxFrames++;
          if (f.syntaxExamples.length < 6)
            f.syntaxExamples.push(
              `${name}: ${JSON.stringify(extra.slice(0, 12))} at …${JSON.stringify(prefix.slice(-40))}`,
            );
        }
        const wrong = addresses(renderer.el).filter((address) => !finalAddresses.has(address));
        if (wrong.length) {
          f.truncatedLinkFrames++;
          if (f.truncatedExamples.length < 6)
            f.truncatedExamples.push(`${name}: ${wrong[0]} at …${JSON.stringify(prefix.slice(-40))}`);
        }
        const now = Array.from(renderer.el.children, (child) => child.localName);
        const changed = tags.filter((tag, i) => now[i] !== tag).length;
        if (changed) {
          f.flips += changed;
          f.flipFrames++;
          if (f.flipExamples.length < 6)
            f.flipExamples.push(
              `${name}: ${tags.join(',')} → ${now.join(',')} at …${JSON.stringify(prefix.slice(-30))}`,
            );
        }
        tags = now;
        const h = renderer.el.getBoundingClientRect().height;
        if (h < height - 0.5) {
          f.shrinks++;
          f.shrinkPx += height - h;
          if (f.shrinkExamples.length < 6)
            f.shrinkExamples.push(
              `${name}: ${Math.round(height - h)} px at …${JSON.stringify(prefix.slice(-40))}`,
            );
        }
        height = h;
      });
      renderer.finish(text);
      if (renderer.el.innerHTML !== reference.innerHTML) f.finalMismatches++;
      renderer.el.parentElement?.remove();
    }
  }
  return figures;
}

/** Long tasks seen by the page since it loaded (duration, ms). */
/** @type {{start: number, duration: number}[]} */
const longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: true });

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/**
 * The widget's renderer alone (MarkdownStream, with the widget's styles and layout), fed
 * `perFrame` more characters of `text` on every animation frame, then the final update: the
 * update times, and the long tasks (which include each frame's style, layout and paint).
 * @param {string} text
 * @param {number} perFrame
 */
async function paced(text, perFrame) {
  const el = bubble();
  const stream = baselines.widgetStream(el);
  await nextFrame();
  const from = performance.now();
  /** @type {number[]} */
  const updates = [];
  for (let at = perFrame; ; at += perFrame) {
    const final = at >= text.length;
    const start = performance.now();
    const done = stream.update(text.slice(0, Math.min(at, text.length)), final);
    updates.push(performance.now() - start);
    await nextFrame();
    if (final && done !== false) break;
    if (final) at -= perFrame; // the final render is made over a few frames: the same text again
  }
  await nextFrame();
  const to = performance.now();
  const reference = document.createElement('div');
  baselines.oneShotRender(reference, text);
  const same = el.innerHTML === reference.innerHTML;
  el.parentElement?.remove();
  const inWindow = longTasks.filter((task) => task.start + task.duration >= from && task.start <= to);
  updates.sort((a, b) => a - b);
  return {
    characters: text.length,
    updates: updates.length,
    p50: updates[Math.floor(updates.length / 2)],
    p95: updates[Math.min(updates.length - 1, Math.ceil(updates.length * 0.95) - 1)],
    max: updates[updates.length - 1],
    longTasks: inWindow.length,
    longest: inWindow.length ? Math.max(...inWindow.map((task) => task.duration)) : null,
    wallMs: to - from,
    same,
  };
}

/**
 * What one more item costs the browser at the end of a long list: a list of `count` items rendered
 * once (the one-shot render, the widget's styles), then `rounds` items added after its last one,
 * one a frame, each followed by a forced layout. The layout times, and the long tasks meanwhile.
 * @param {number} count
 * @param {number} rounds
 */
async function appendItem(count, rounds) {
  const el = bubble();
  baselines.oneShotRender(el, Array.from({ length: count }, (_, i) => `- Item ${i + 1}`).join('\n'));
  await nextFrame();
  await nextFrame();
  const items = el.querySelectorAll('li');
  const last = /** @type {HTMLElement} */ (items[items.length - 1]);
  const from = performance.now();
  /** @type {number[]} */
  const layouts = [];
  for (let i = 0; i < rounds; i++) {
    const item = /** @type {HTMLElement} */ (last.cloneNode(false));
    item.textContent = `Item ${count + i + 1}`;
    const start = performance.now();
    last.parentElement?.append(item, '\n');
    void el.offsetHeight;
    layouts.push(performance.now() - start);
    await nextFrame();
  }
  await nextFrame();
  const to = performance.now();
  el.parentElement?.remove();
  const inWindow = longTasks.filter((task) => task.start + task.duration >= from && task.start <= to);
  layouts.sort((a, b) => a - b);
  return {
    count,
    rounds,
    layoutP50: layouts[Math.floor(layouts.length / 2)],
    layoutMax: layouts[layouts.length - 1],
    longTasks: inWindow.length,
    longest: inWindow.length ? Math.max(...inWindow.map((task) => task.duration)) : null,
  };
}

Object.assign(window, { __quality: { run, paced, appendItem, ready: true } });

export {};
