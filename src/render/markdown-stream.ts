/**
 * Incremental rendering of a markdown reply that arrives token by token.
 *
 * The text is split into top-level blocks. A block is *frozen* once it is followed by a blank line
 * and at least two more blocks (the rule from vercel/streamdown PR #608): nothing typed later can
 * change it any more. Frozen blocks stay in the container untouched (no flicker; a reader's text
 * selection inside them survives streaming), and later updates lex only the text after them.
 *
 * One block can be very long: a reply that is a single list or a single table. Its items (rows)
 * freeze too, once two more items (one more row) follow them: the list stays *open*, later
 * updates lex only its unfrozen items (after the table's header, or after a stand-in item that
 * keeps a loose list loose) and add to it. So any shape of reply costs each update only the work
 * of its unfrozen end. A long list's later items go in groups (`list-groups.ts`), so the browser
 * too lays out only the end of it.
 *
 * The blocks after the frozen ones, the live tail, are rendered as they would look finished
 * (`heal.ts`: unclosed markup closed, a link whose URL is still arriving as plain text, a line
 * that may still turn into something else held back) and patched in place (`morph.ts`): a text
 * node that grew is appended to, so a selection inside the streaming block stays, and a block
 * whose source did not change is not touched at all.
 *
 * The final render (`update(text, true)`) equals `renderMarkdown(text)` node for node, whatever
 * the chunking. Reference definitions (`[x]: http://…`) are the one thing that reaches across
 * blocks; when the reply has one, the final render renders the whole text once more.
 *
 * Rendering is synchronous: the caller decides how often to call `update()` (`<ai-chat>` renders
 * once per animation frame, and while it catches up with a burst, in a few short tasks after each
 * frame: see `renderSlot()` in frame.ts). An update that has a burst to catch up with renders what
 * its time budget affords and says so; the caller calls again soon (see `update()`).
 */
import { advance, freezableCount, freezableItems, linesLength, rawLength, stopNear } from './blocks.js';
import { healInline, holdBack } from './heal.js';
import {
  hasLinkDefinitions,
  lexBlocks,
  renderTokenGroups,
  type MarkdownOptions,
  type Token,
  type Tokens,
} from './markdown.js';
import { following, placeItems } from './list-groups.js';
import { morphRun } from './morph.js';

export interface MarkdownStreamOptions extends MarkdownOptions {
  /** Called after every update that changed the container's DOM (auto-scroll, tests). */
  onRender?: () => void;
  /** Work one streaming update may do when it has a lot of text to catch up with (ms; default 2.5). */
  budgetMs?: number;
  /** The clock for `budgetMs` (tests). */
  now?: () => number;
}

/** The least a render of a burst covers (characters), whatever the budget. */
const MIN_STEP = 512;

/**
 * A live table with this many frozen rows (counted an eighth each) slows every frame: the browser
 * lays all of its rows out again each time one is added (8 µs a row in Chromium on the bench
 * machine), and a kilobyte a frame would take minutes to catch up with a burst. Such a table
 * renders {@link HUGE_BLOCK_BUDGET} ms a frame. (A list does not: its items are laid out a group at
 * a time, see `list-groups.ts`.)
 */
const HUGE_BLOCK_ITEMS = 2000;
const ROW_WEIGHT = 8;
const HUGE_BLOCK_BUDGET = 12;

/** One top-level block of the live tail and the container's nodes that came of it. */
interface Run {
  /** The block's source (healed while live); null when unknown (always rendered again). */
  readonly raw: string | null;
  readonly nodes: ChildNode[];
}

/** The first live block when it is a list or a table whose first items are frozen. */
interface Open {
  readonly kind: 'list' | 'table';
  /** Where the items are: the list element, or the table's `<tbody>`. */
  readonly parent: Element;
  /** The last frozen child node of `parent` (null: none); live items follow it. */
  lastFrozen: ChildNode | null;
  /** How many of its items (rows) are frozen. */
  frozen: number;
  /** Where the first unfrozen item (row) starts in the text. */
  restStart: number;
  /** Lexed before the unfrozen items: the table's header and delimiter rows, or a stand-in item. */
  readonly prefix: string;
  /** Items of `prefix` that are not the reply's (the stand-in item). */
  readonly skip: number;
  readonly loose: boolean;
}

/**
 * Renders a growing markdown text into `container`, whose children it owns (what it finds there
 * is patched into the first render; no wrapper element is added).
 *
 * ```ts
 * const stream = new MarkdownStream(element);
 * stream.update('# Hel', false); // shown as it would look finished
 * stream.update('# Hello\n\nWorld', true); // equal to renderMarkdown(text)
 * ```
 */
export class MarkdownStream {
  private readonly container: HTMLElement;
  private readonly options: MarkdownOptions;
  private readonly onRender: (() => void) | undefined;
  private readonly budgetMs: number;
  private readonly now: () => number;

  /** The text of the last `update()` (line endings normalized), and whether it was final. */
  private text = '';
  private final = false;
  /** How much of `text` is rendered (less while catching up with a burst). */
  private shown = 0;
  /** `text.slice(0, frozenEnd)` is rendered as frozen nodes that are never touched again. */
  private frozenEnd = 0;
  /** The first live block, when it is a list or table with frozen items. */
  private open: Open | null = null;
  /** The live tail after the frozen nodes, one run per top-level token. */
  private live: Run[] = [];
  /** The reference definitions the live tail was rendered with (they change how blocks render). */
  private linksKey = '';
  /** Some lexed part of the text had a reference definition. */
  private sawDefinitions = false;
  /** Nothing rendered yet (or the text was replaced): the container's nodes are all live. */
  private stale = true;
  /** What a character of a burst costs to render (ms), averaged over the last renders. */
  private msPerChar = 0.002;

  constructor(container: HTMLElement, options: MarkdownStreamOptions = {}) {
    this.container = container;
    this.options = { allowImages: options.allowImages ?? false };
    this.onRender = options.onRender;
    this.budgetMs = options.budgetMs ?? 2.5;
    this.now = options.now ?? (() => performance.now());
    this.reset();
  }

  /**
   * Shows `text`, the whole reply so far. A text that extends the previous one costs only the
   * work of its unfrozen end; a text that does not replaces the reply (patching the nodes already
   * shown). `final`: the text is complete, and its render is exactly `renderMarkdown(text)`.
   *
   * An update does about `budgetMs` of work. When more text arrived than that renders (a burst, a
   * slow frame, a long reply that arrives whole), it renders as much as the budget affords at the
   * pace its last renders had (at least half a kilobyte, ending at a line's end if one is near;
   * what it renders again, the unfrozen text already shown, counts in what it affords; the
   * budget is larger while a huge table is live, see {@link HUGE_BLOCK_ITEMS}),
   * and returns false: the next `update()` (with the same or a longer text) goes on from there,
   * and the final render is made when it has caught up. Returns true when `text` is shown (and, if
   * `final`, rendered exactly).
   */
  update(text: string, final: boolean): boolean {
    if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
    const caughtUp = this.shown === text.length;
    if (!this.stale && caughtUp && text === this.text && final === this.final) return true;
    if (!text.startsWith(this.text)) this.reset();
    this.text = text;
    this.final = final;
    const backlog = text.length - this.shown;
    // As much as the budget affords at the pace of the last renders, in one render: the steps of
    // a burst are never shown one by one, so rendering them one by one would only repeat work.
    const started = this.now();
    const open = this.open;
    const items = open?.kind === 'table' ? open.frozen * ROW_WEIGHT : 0;
    const budget = items >= HUGE_BLOCK_ITEMS ? HUGE_BLOCK_BUDGET : this.budgetMs;
    const from = this.shown;
    // A render lexes the unfrozen text shown so far again, and renders its changed blocks again.
    const tail = from - (open ? open.restStart : this.frozenEnd);
    const affordable = Math.max(MIN_STEP, Math.floor(budget / this.msPerChar) - tail);
    const end = backlog <= affordable ? text.length : stopNear(text, from + affordable, MIN_STEP / 2);
    // (A render may start again from the top: `shown` is set after it.)
    const changed = this.render(end, final && end === text.length);
    this.shown = end;
    const took = this.now() - started;
    // Only renders of a real burst (from half a step: a step may end early, at a line's end) say
    // what a character costs, counting the unfrozen text a render lexes and renders again.
    if (end - from >= MIN_STEP / 2) this.msPerChar = (this.msPerChar + took / (end - from + tail)) / 2;
    if (changed) this.onRender?.();
    return this.shown === text.length;
  }

  /** Characters of the last `update()`'s text not shown yet (while it catches up with a burst). */
  get behind(): number {
    return this.text.length - this.shown;
  }

  /** Forgets the rendered state; the DOM stays and is patched by the next render (no blank frame). */
  private reset(): void {
    this.shown = 0;
    this.frozenEnd = 0;
    this.open = null;
    this.live = [{ raw: null, nodes: Array.from(this.container.childNodes) }];
    this.linksKey = '';
    this.sawDefinitions = false;
    this.stale = true;
  }

  /** Gives up the open block's frozen items: the whole block is live again. */
  private close(): void {
    this.open = null;
    const first = this.live[0];
    if (first) this.live[0] = { raw: null, nodes: first.nodes };
  }

  /** Renders the current text; returns whether the DOM changed. */
  private render(end: number, final: boolean): boolean {
    const text = this.text;
    let start: number;
    let prefix: string;
    let source: string;
    let tokens: ReturnType<typeof lexBlocks>;
    for (;;) {
      const open = this.open;
      start = open ? open.restStart : this.frozenEnd;
      prefix = open ? open.prefix : '';
      source = prefix + text.slice(start, end);
      if (!final) source = source.slice(0, Math.max(prefix.length, holdBack(source)));
      tokens = lexBlocks(source);
      if (hasLinkDefinitions(tokens)) this.sawDefinitions = true;
      if (final && this.sawDefinitions && (this.frozenEnd > 0 || open)) {
        // A definition can change blocks on either side of the frozen boundary: render it all again.
        this.reset();
        this.sawDefinitions = true;
        continue;
      }
      if (open && !this.continues(open, tokens[0])) {
        this.close();
        continue;
      }
      break;
    }
    const exact = rawLength(tokens) === source.length;
    const freeze = final || !exact ? 0 : freezableCount(tokens);

    // What is shown: the tokens about to freeze as they are, the rest as it would look finished.
    let live: Token[] = tokens.slice(freeze);
    if (!final) {
      const liveSource = source.slice(rawLength(tokens, 0, freeze));
      const healed = healInline(liveSource, live);
      if (healed !== liveSource) live = lexBlocks(healed);
    }
    const shown = [...tokens.slice(0, freeze), ...live];
    const linksKey = hasLinkDefinitions(tokens) ? JSON.stringify(tokens.links) : '';
    const relinked = linksKey !== this.linksKey;
    let changed = this.stale;

    const runs: Run[] = [];
    let i = this.open ? 1 : 0;
    while (!relinked && i < shown.length && i < this.live.length && this.live[i]!.raw === shown[i]!.raw) i++;
    // Everything this render shows anew, sanitized in one pass: the open block, the changed blocks.
    const groups = shown.slice(i).map((token) => [token]);
    if (this.open) groups.unshift([shown[0]!]);
    const rendered = renderTokenGroups(groups, this.options).map((fragment) =>
      Array.from(fragment.childNodes),
    );
    if (this.open) {
      changed = this.patchOpen(this.open, rendered.shift()!) || changed;
    }
    runs.push(...this.live.slice(0, i));
    if (i < shown.length || i < this.live.length) {
      changed = true;
      const fresh = shown.slice(i).map((token, k) => ({ raw: token.raw, nodes: rendered[k]! }));
      const olds = this.live.slice(i).flatMap((run) => run.nodes);
      const patched = morphRun(
        this.container,
        olds,
        fresh.flatMap((run) => run.nodes),
        null,
      );
      let at = 0;
      for (const run of fresh) {
        runs.push({ raw: run.raw, nodes: patched.slice(at, at + run.nodes.length) });
        at += run.nodes.length;
      }
    }
    this.live = runs;
    this.linksKey = linksKey;
    this.stale = false;

    if (freeze > 0) {
      this.frozenEnd = start + rawLength(tokens, 0, freeze) - prefix.length;
      this.open = null;
      this.live.splice(0, freeze);
    } else if (!final && exact) {
      this.freezeItems(tokens, live, start);
    }
    return changed;
  }

  /** Whether `token`, lexed after the open block's prefix, still continues that block. */
  private continues(open: Open, token: Token | undefined): boolean {
    if (open.kind === 'table') return token?.type === 'table';
    if (token?.type !== 'list') return false;
    const list = token as Tokens.List;
    // A loose item in the rest makes the whole list loose: the frozen items must change too.
    return list.loose === open.loose && list.items.length > open.skip;
  }

  /** Patches the open block's live items (rows) into the ones `rendered` (its nodes) has; returns whether anything changed. */
  private patchOpen(open: Open, rendered: ChildNode[]): boolean {
    const root = rendered.find((node) => node.nodeType === Node.ELEMENT_NODE) as Element | undefined;
    const holder = open.kind === 'table' ? root?.querySelector(':scope > tbody') : root;
    const items: ChildNode[] = [];
    if (holder) {
      let child = open.kind === 'list' ? advance(holder, holder.firstChild, open.skip) : null;
      for (child = following(holder, child); child; child = following(holder, child)) items.push(child);
    }
    const olds: ChildNode[] = [];
    for (let node = following(open.parent, open.lastFrozen); node; node = following(open.parent, node))
      olds.push(node);
    if (olds.length === items.length && olds.every((node, i) => node.isEqualNode(items[i]!))) return false;
    if (open.kind === 'list') placeItems(open.parent, olds, items, open.frozen);
    else morphRun(open.parent, olds, items, null);
    return true;
  }

  /**
   * Freezes the items (rows) of the open block that can no longer change, or opens the last live
   * block when it is a list or a table long enough to have some.
   */
  private freezeItems(tokens: readonly Token[], live: readonly Token[], start: number): void {
    let open = this.open;
    let index = 0;
    if (!open) {
      index = tokens.length - 1;
      while (index > 0 && tokens[index]!.type === 'space') index--;
      const token = tokens[index];
      if (!token || freezableItems(token, 0) < 1 || live[index]?.type !== token.type) return;
      const run = this.live[index];
      const root = run?.nodes.find((node) => node.nodeType === Node.ELEMENT_NODE) as Element | undefined;
      if (!root) return;
      const blockStart = start + rawLength(tokens, 0, index);
      if (token.type === 'list') {
        const list = token as Tokens.List;
        if (root.localName !== (list.ordered ? 'ol' : 'ul')) return;
        const marker = /^[ \t]*(?:[-*+]|\d{1,9}[.)])/.exec(list.items[0]!.raw)?.[0];
        if (!marker) return;
        const standIn = `${marker.replace(/\d+/, '1')} x\n\n`;
        open = {
          kind: 'list',
          parent: root,
          lastFrozen: root.firstChild?.nodeType === Node.TEXT_NODE ? root.firstChild : null,
          frozen: 0,
          restStart: blockStart,
          prefix: list.loose ? standIn : '',
          skip: list.loose ? 1 : 0,
          loose: list.loose,
        };
      } else {
        const body = root.querySelector(':scope > tbody');
        const header = linesLength(token.raw, 2);
        if (root.localName !== 'table' || !body || header === -1) return;
        open = {
          kind: 'table',
          parent: body,
          lastFrozen: null,
          frozen: 0,
          restStart: blockStart + header,
          prefix: token.raw.slice(0, header),
          skip: 0,
          loose: false,
        };
      }
      // Everything before the block is final: its end is decided by the block's start.
      this.frozenEnd = blockStart;
      this.live.splice(0, index);
      this.open = open;
      this.freezeOpen(open, token, live[index]!, 0);
      return;
    }
    this.freezeOpen(open, tokens[0]!, live[0]!, open.skip);
  }

  /** Moves the open block's boundary past the items (rows) of `token` that can no longer change. */
  private freezeOpen(open: Open, token: Token, shown: Token, skip: number): void {
    const count = freezableItems(token, skip);
    if (count < 1) return;
    let length = 0;
    if (open.kind === 'list') {
      const items = (token as Tokens.List).items;
      const healed = (shown as Tokens.List).items;
      for (let i = skip; i < skip + count; i++) {
        // Only items shown exactly as they are can freeze.
        if (healed[i]?.raw !== items[i]!.raw) return;
        length += items[i]!.raw.length;
      }
    } else {
      const header = linesLength(token.raw, 2);
      const rows = linesLength(token.raw, 2 + count);
      if (header === -1 || rows === -1) return;
      length = rows - header;
    }
    open.restStart += length;
    open.lastFrozen = advance(open.parent, open.lastFrozen, count);
    open.frozen += count;
  }
}
