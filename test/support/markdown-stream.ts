// Streaming a markdown reply in random chunks, checked against the one-shot render (the
// MarkdownStream property tests and the list-group tests).
import { renderMarkdown } from '../../src/render/markdown.js';
import { MarkdownStream } from '../../src/render/markdown-stream.js';
import { healLive } from '../../src/render/heal.js';
import { prng } from './security.js';

export { prng };

export const oneShot = (text: string, allowImages = false): HTMLElement => {
  const el = document.createElement('div');
  el.append(renderMarkdown(text, { allowImages }));
  return el;
};

/** Splits `text` into chunks of 1..maxChunk characters. */
export const chunk = (text: string, random: () => number, maxChunk: number): string[] => {
  const chunks: string[] = [];
  for (let i = 0; i < text.length;) {
    const size = 1 + Math.floor(random() * maxChunk);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
};

export interface StreamRun {
  container: HTMLElement;
  renders: number;
  updates: number;
  /** Updates after which the DOM differed from the one-shot render of the healed text so far. */
  mismatches: string[];
}

/**
 * Streams `text` in the given chunks, rendering after a chunk with probability `renderChance`
 * (the element renders once per animation frame, however many chunks came), then sends the final
 * update. After every render (every `checkEvery`th) the DOM must equal the one-shot render of
 * `healLive(text so far)`: the incremental live render is the healed text rendered at once.
 */
export const stream = (
  chunks: string[],
  random: () => number,
  renderChance: number,
  checkEvery = 1,
): StreamRun => {
  const container = document.createElement('div');
  const run: StreamRun = { container, renders: 0, updates: 0, mismatches: [] };
  // No time budget: each update shows all of its text, whatever this machine's pace.
  const md = new MarkdownStream(container, { onRender: () => run.renders++, budgetMs: Infinity });
  let text = '';
  for (const piece of chunks) {
    text += piece;
    if (random() >= renderChance) continue;
    md.update(text, false);
    run.updates++;
    if (run.updates % checkEvery === 0 && !/^ {0,3}\[[^\]]+\]:/m.test(text)) {
      const expected = oneShot(healLive(text.replace(/\r\n?/g, '\n'))).innerHTML;
      if (container.innerHTML !== expected) run.mismatches.push(JSON.stringify(text));
    }
  }
  md.update(text, true);
  run.updates++;
  return run;
};
