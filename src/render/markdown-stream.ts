/**
 * Incremental rendering of a markdown reply that arrives token by token.
 *
 * The text is split into top-level blocks. A block is *frozen* once it is followed by a blank line
 * and at least two more blocks (the rule from vercel/streamdown PR #608): nothing typed later can
 * change it any more. Frozen blocks stay in the container untouched (no flicker; a reader's text
 * selection inside them survives streaming), and later updates lex only the text after them.
 * The blocks after them, the live tail, are re-rendered at most once per animation frame, and
 * within the tail a block whose source did not change keeps its nodes too.
 *
 * The final render (`update(text, true)`) equals `renderMarkdown(text)` node for node, whatever
 * the chunking. Reference definitions (`[x]: http://…`) are the one thing that reaches across
 * blocks; when the reply has one, the final render renders the whole text once more.
 */
import { hasLinkDefinitions, lexBlocks, renderTokens, type MarkdownOptions, type Token } from './markdown.js';

/** Runs `callback` later (once) and returns a function that cancels it. */
export type Schedule = (callback: () => void) => () => void;

export interface MarkdownStreamOptions extends MarkdownOptions {
  /** When the live tail is re-rendered; defaults to {@link animationFrame}. */
  schedule?: Schedule;
  /** Called after every change the stream makes to the container's DOM (auto-scroll, tests). */
  onRender?: () => void;
}

/** The default {@link Schedule}: the next animation frame. */
export const animationFrame: Schedule = (callback) => {
  const id = requestAnimationFrame(() => callback());
  return () => cancelAnimationFrame(id);
};

/** Consecutive live tokens rendered together, and the container's nodes that came of them. */
interface Run {
  readonly raws: readonly string[];
  readonly nodes: readonly ChildNode[];
}

const RENDERS_NOTHING: ReadonlySet<string> = new Set(['space', 'def']);

const countNewlines = (text: string): number => {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
};

/** Whether the source of a top-level token ends with a blank line. */
const endsWithBlankLine = (token: Token): boolean =>
  token.type === 'space' ? countNewlines(token.raw) >= 2 : /\n[ \t]*\n$/.test(token.raw);

/**
 * How many leading tokens can be frozen: all tokens up to and including the last one that ends
 * with a blank line and is followed by at least two more blocks.
 */
const freezableCount = (tokens: readonly Token[]): number => {
  let blocksAfter = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (blocksAfter >= 2 && endsWithBlankLine(token)) return i + 1;
    if (token.type !== 'space') blocksAfter++;
  }
  return 0;
};

/**
 * The length in `source` of its first `length` characters after marked's line-ending
 * normalization (`\r\n` and `\r` become `\n`).
 */
const sourceLength = (source: string, length: number): number => {
  if (!source.includes('\r')) return length;
  let i = 0;
  for (let n = 0; n < length && i < source.length; n++) {
    i += source.charCodeAt(i) === 13 && source.charCodeAt(i + 1) === 10 ? 2 : 1;
  }
  return i;
};

const normalizedLength = (source: string): number => {
  let length = source.length;
  for (let i = source.indexOf('\r\n'); i !== -1; i = source.indexOf('\r\n', i + 2)) length--;
  return length;
};

/**
 * Renders a growing markdown text into `container`, whose children it owns (any children it
 * finds there are replaced by the first render; no wrapper element is added).
 *
 * ```ts
 * const stream = new MarkdownStream(element);
 * stream.update('# Hel', false); // rendered at the next animation frame
 * stream.update('# Hello\n\nWorld', true); // rendered now, equal to renderMarkdown(text)
 * ```
 */
export class MarkdownStream {
  private readonly container: HTMLElement;
  private readonly options: MarkdownOptions;
  private readonly schedule: Schedule;
  private readonly onRender: (() => void) | undefined;

  /** The text of the last `update()`, and whether it was final. */
  private text = '';
  private final = false;
  /** A render is owed for `text`. */
  private pending = false;
  private cancelFrame: (() => void) | undefined;

  /** `text.slice(0, frozenEnd)` is rendered as frozen nodes that are never touched again. */
  private frozenEnd = 0;
  /** The rendered live tail after the frozen nodes, as runs of tokens in source order. */
  private live: Run[] = [];
  /** The reference definitions the live tail was rendered with (they change how blocks render). */
  private linksKey = '';
  /** Some lexed part of the text had a reference definition. */
  private sawDefinitions = false;
  /** The container's children are not (or no longer) what the runs above describe. */
  private stale = true;

  constructor(container: HTMLElement, options: MarkdownStreamOptions = {}) {
    this.container = container;
    this.options = { allowImages: options.allowImages ?? false };
    this.schedule = options.schedule ?? animationFrame;
    this.onRender = options.onRender;
  }

  /**
   * Shows `text`, the whole reply so far. Cheap to call on every delta: an extension of the previous
   * text is rendered at the next scheduled frame (once per frame, however many updates came), a
   * text that does not extend it replaces the reply. `final` renders now, synchronously, exactly as
   * `renderMarkdown(text)` would.
   */
  update(text: string, final: boolean): void {
    if (!this.stale && !this.pending && text === this.text && final === this.final) return;
    if (!text.startsWith(this.text)) this.reset();
    this.text = text;
    this.final = final;
    this.pending = true;
    if (final) {
      this.cancel();
      this.render();
    } else if (this.cancelFrame === undefined) {
      this.cancelFrame = this.schedule(() => {
        this.cancelFrame = undefined;
        if (this.pending) this.render();
      });
    }
  }

  /** Renders a pending update now instead of at the scheduled frame. */
  flush(): void {
    this.cancel();
    if (this.pending) this.render();
  }

  /**
   * Cancels the scheduled frame, if any. The rendered DOM stays as it is; a later `update()` or
   * `flush()` picks up from there (a Lit directive calls this when disconnected).
   */
  destroy(): void {
    this.cancel();
  }

  private cancel(): void {
    this.cancelFrame?.();
    this.cancelFrame = undefined;
  }

  /** Forgets the rendered state; the old DOM stays until the next render replaces it (no blank frame). */
  private reset(): void {
    this.frozenEnd = 0;
    this.live = [];
    this.linksKey = '';
    this.sawDefinitions = false;
    this.stale = true;
  }

  private render(): void {
    this.pending = false;
    const final = this.final;
    let tail = this.text.slice(this.frozenEnd);
    let tokens = lexBlocks(tail);
    if (hasLinkDefinitions(tokens)) this.sawDefinitions = true;
    if (final && this.sawDefinitions && this.frozenEnd > 0) {
      // A definition can change blocks on either side of the frozen boundary: render it all again.
      this.reset();
      this.sawDefinitions = true;
      tail = this.text;
      tokens = lexBlocks(tail);
    }
    const linksKey = hasLinkDefinitions(tokens) ? JSON.stringify(tokens.links) : '';
    let freeze = final ? 0 : freezableCount(tokens);
    let rawLength = 0;
    for (const token of tokens) rawLength += token.raw.length;
    // Freezing needs offsets into the text; never guess them.
    if (rawLength !== normalizedLength(tail)) freeze = 0;

    // Keep the longest prefix of live runs whose tokens are unchanged (and lie on one side of the
    // freeze boundary); drop the rest from the DOM.
    let kept = 0;
    let covered = 0;
    if (!this.stale && linksKey === this.linksKey) {
      for (const run of this.live) {
        const end = covered + run.raws.length;
        if (end > tokens.length || (covered < freeze && end > freeze)) break;
        if (!run.raws.every((raw, j) => tokens[covered + j]!.raw === raw)) break;
        kept++;
        covered = end;
      }
    }
    const changed = this.stale || kept < this.live.length || covered < tokens.length;
    if (this.stale) this.container.replaceChildren();
    else for (const run of this.live.slice(kept)) for (const node of run.nodes) node.remove();
    const runs = this.live.slice(0, kept);

    // Render the rest: what is about to freeze in one run, the live tail one block per run (so the
    // next frame can keep the blocks that did not change), or all of it in one run when final.
    if (covered < freeze) runs.push(this.append(tokens.slice(covered, freeze)));
    covered = Math.max(covered, freeze);
    if (final) {
      if (covered < tokens.length) runs.push(this.append(tokens.slice(covered)));
    } else {
      for (; covered < tokens.length; covered++) runs.push(this.append([tokens[covered]!]));
    }

    if (freeze > 0) {
      let frozenTokens = 0;
      let frozenRuns = 0;
      while (frozenTokens < freeze) frozenTokens += runs[frozenRuns++]!.raws.length;
      runs.splice(0, frozenRuns);
      let frozenLength = 0;
      for (let i = 0; i < freeze; i++) frozenLength += tokens[i]!.raw.length;
      this.frozenEnd += sourceLength(tail, frozenLength);
    }
    this.live = runs;
    this.linksKey = linksKey;
    this.stale = false;
    if (changed) this.onRender?.();
  }

  /** Renders tokens and appends them to the container. */
  private append(tokens: Token[]): Run {
    const raws = tokens.map((token) => token.raw);
    if (tokens.every((token) => RENDERS_NOTHING.has(token.type))) return { raws, nodes: [] };
    const fragment = renderTokens(tokens, this.options);
    const nodes = Array.from(fragment.childNodes);
    this.container.append(fragment);
    return { raws, nodes };
  }
}
