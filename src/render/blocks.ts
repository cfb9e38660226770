/**
 * Where a streaming reply's blocks (and the items of its last list or table) end, in marked's
 * tokens: the arithmetic `MarkdownStream` freezes by; and where a step of a burst ends.
 */
import { following } from './list-groups.js';
import type { Token, Tokens } from './markdown.js';

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
export const freezableCount = (tokens: readonly Token[]): number => {
  let blocksAfter = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (blocksAfter >= 2 && endsWithBlankLine(token)) return i + 1;
    if (token.type !== 'space') blocksAfter++;
  }
  return 0;
};

export const rawLength = (tokens: readonly Token[], from = 0, to = tokens.length): number => {
  let length = 0;
  for (let i = from; i < to; i++) length += tokens[i]!.raw.length;
  return length;
};

/** Items of a list token, or rows of a table token, that can freeze (the rest may still change). */
export const freezableItems = (token: Token, skip: number): number =>
  token.type === 'list'
    ? (token as Tokens.List).items.length - skip - 2
    : token.type === 'table'
      ? (token as Tokens.Table).rows.length - 1
      : 0;

/** The length of the first `lines` lines of `raw` (with their newlines), or -1 if it has fewer. */
export const linesLength = (raw: string, lines: number): number => {
  let at = 0;
  for (let line = 0; line < lines; line++) {
    const end = raw.indexOf('\n', at);
    if (end === -1) return -1;
    at = end + 1;
  }
  return at;
};

/**
 * `count` item (row) elements after `from` (or from the start of `parent`), each with its newline;
 * through a long list's groups of items (`list-groups.ts`).
 */
export const advance = (parent: Element, from: ChildNode | null, count: number): ChildNode | null => {
  let node = from;
  for (let i = 0; i < count; i++) {
    let next = following(parent, node);
    while (next && next.nodeType !== Node.ELEMENT_NODE) next = following(parent, next);
    if (!next) return node;
    node = next;
    if (node.nextSibling?.nodeType === Node.TEXT_NODE) node = node.nextSibling;
  }
  return node;
};

/**
 * Where a step of a burst through `text` ends: at `end`, or at the end of the line before it if
 * that is less than `near` characters back (never between the halves of a surrogate pair).
 */
export function stopNear(text: string, end: number, near: number): number {
  const line = text.lastIndexOf('\n', end - 1);
  if (line > end - near) return line + 1;
  if (/[\ud800-\udbff]/.test(text[end - 1]!)) return end - 1;
  return end;
}
