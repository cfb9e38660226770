/**
 * Healing the unfinished end of a streaming reply, for its LIVE render only: what a reader sees
 * while the model is still typing. The final render never goes through here (it is exactly
 * `renderMarkdown(text)`).
 *
 * Two steps, both pure functions of the text so far:
 *
 * 1. {@link holdBack} leaves out a last line (or two) whose meaning the next characters decide:
 *    a line of `-`, `=`, `*` or `#` only (a list item, a rule, a setext underline, a heading of
 *    unknown level), a bare list number (`1.`), an empty list item or quote, an unfinished task
 *    box (`- [`), a code fence being opened or closed, a paragraph starting with `[` until it is
 *    clearly not a reference definition, and a table header until its delimiter row is
 *    complete. So `Key points:\n- Drink water` goes p → p + ul, never through an h2, and a
 *    table appears whole, once it is one.
 * 2. {@link healInline} completes the inline markup of the block still being written: unclosed
 *    `**strong**`, `*em*`, `_em_`, `~~del~~` and `` `code` `` render as if closed; a marker with
 *    nothing after it yet is left out; a link whose URL is still arriving is its text, plain (never
 *    an `<a>` to a truncated address), an image still arriving is left out; a bare URL or e-mail
 *    address at the very end is not autolinked until something follows it; a half-typed
 *    escape (`\`), character reference (`&am`), raw HTML tag (`<a href="…`) or image (`!`) waits.
 *
 * Emphasis is matched with CommonMark's own delimiter rules (flanking, the rule of 3), so only
 * openers that really are unclosed get a closer; a single asterisk inside a word (`2*3`) or a
 * single tilde (`~5 mg`) is left alone, as the final render most likely leaves it.
 */
import { holdBack } from './hold.js';
import { lexBlocks, type Token, type Tokens } from './markdown.js';

export { holdBack };

interface Delimiter {
  readonly char: string;
  readonly index: number;
  readonly length: number;
  remaining: number;
  readonly canOpen: boolean;
  readonly canClose: boolean;
  /** A single `*` inside a word on both sides (`2*3`): most likely literal, never healed. */
  readonly intraword: boolean;
}

/** What to do to an open inline run so that it renders as if it were finished. */
interface InlineEdits {
  /** Everything from here on is left out. */
  cut: number;
  /** Single characters left out (a link's `[` while its URL arrives). */
  remove: number[];
  /** A backslash goes before this character (a bare URL or address must not autolink yet). */
  escape: number | null;
  /** Closers appended after the cut (innermost first). */
  append: string;
}

const WHITESPACE = /\s/;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const WORD = /[\p{L}\p{N}]/u;
const isSpace = (c: string | undefined): boolean => c === undefined || WHITESPACE.test(c);
const isPunct = (c: string | undefined): boolean => c !== undefined && PUNCTUATION.test(c);
const isWord = (c: string | undefined): boolean => c !== undefined && WORD.test(c);

/** The length of the run of `char` starting at `i`. */
const runLength = (s: string, i: number, char: string): number => {
  let j = i;
  while (s[j] === char) j++;
  return j - i;
};

/** Whether the character at `i` is escaped by an odd number of backslashes before it. */
const isEscaped = (s: string, i: number): boolean => {
  let count = 0;
  for (let j = i - 1; j >= 0 && s[j] === '\\'; j--) count++;
  return count % 2 === 1;
};

/** The end of `s` once the characters whose meaning is still open are left out. */
const settledEnd = (s: string): number => {
  let end = s.length;
  for (;;) {
    const before = end;
    while (end > 0 && isSpace(s[end - 1])) end--;
    const last = s[end - 1];
    if (last === '*' || last === '_' || last === '~') {
      while (end > 0 && s[end - 1] === last) end--;
    } else if (last === '!' || last === '<') {
      end--; // perhaps an image (`![`), an autolink or a tag (`<`)
    } else if (last === '\\' && !isEscaped(s, end - 1)) {
      end--;
    } else {
      const entity = /&#?[a-zA-Z0-9]{0,31}$/.exec(s.slice(Math.max(0, end - 33), end));
      if (entity) end -= entity[0].length;
    }
    if (end === before) return end;
  }
};

/** Where the link destination opened at `i` (just after `(`) closes, or -1 if not yet. */
const destinationEnd = (s: string, i: number, end: number): number => {
  let depth = 0;
  let angle = s[i] === '<';
  for (let j = angle ? i + 1 : i; j < end; j++) {
    const c = s[j];
    if (c === '\\') j++;
    else if (angle) {
      if (c === '>') angle = false;
    } else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
};

const URL_START = /^(?:https?:\/\/|www\.)/i;
const EMAIL_AT_END = /[\w.+-]+@[\w-]+(?:\.[\w-]*)*$/;
const ANGLE_AT_END = /^<[a-zA-Z][\w+.-]*(?::[^\s<>]*)?$/;
const ANGLE_AUTOLINK = /^<[a-zA-Z][\w+.-]*:[^\s<>]*>/;
const TAG = /^<\/?[a-zA-Z][\w-]*(?:\s[^<>]*)?>/;
const TAG_AT_END = /^<\/?[a-zA-Z][\w-]*\s[^<>]*$/;

/**
 * What to change in `s`, the source of an inline run that the model is still writing, so that
 * it renders as if finished (see the module comment).
 */
export function inlineEdits(s: string): InlineEdits {
  const end = settledEnd(s);
  const edits: InlineEdits = { cut: end, remove: [], escape: null, append: '' };
  const delimiters: Delimiter[] = [];
  const brackets: Array<{ index: number; image: boolean; link: boolean }> = [];
  let code: { index: number; length: number } | null = null;
  let pending: { open: number; image: boolean; close: number } | null = null;

  scan: for (let i = 0; i < end;) {
    const c = s[i]!;
    switch (c) {
      case '\\':
        i += 2;
        continue;
      case '`': {
        const length = runLength(s, i, '`');
        let j = s.indexOf('`', i + length);
        while (j !== -1 && j < end && runLength(s, j, '`') !== length)
          j = s.indexOf('`', j + runLength(s, j, '`'));
        if (j === -1 || j >= end) {
          code = { index: i, length };
          break scan;
        }
        i = j + length;
        continue;
      }
      case '*':
      case '_':
      case '~': {
        const length = runLength(s, i, c);
        const before = s[i - 1];
        const after = i + length < end ? s[i + length] : undefined;
        const left = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
        const right = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
        const underscore = c === '_';
        delimiters.push({
          char: c,
          index: i,
          length,
          remaining: length,
          canOpen: underscore ? left && (!right || isPunct(before)) : left,
          canClose: underscore ? right && (!left || isPunct(after)) : right,
          intraword: c === '*' && length === 1 && isWord(before) && isWord(after),
        });
        i += length;
        continue;
      }
      case '!':
      case '[': {
        const image = c === '!';
        if (image && s[i + 1] !== '[') break;
        // A bracket right after a word (`array[0]`) is most likely text, not a link.
        brackets.push({ index: i, image, link: image || !isWord(s[i - 1]) });
        i += image ? 2 : 1;
        continue;
      }
      case ']': {
        const open = brackets.pop();
        if (!open) break;
        if (i + 1 >= end) {
          pending = { open: open.index, image: open.image, close: i };
          break scan;
        }
        if (s[i + 1] === '(') {
          const close = destinationEnd(s, i + 2, end);
          if (close === -1) {
            pending = { open: open.index, image: open.image, close: i };
            break scan;
          }
          i = close + 1;
          continue;
        }
        break;
      }
      case '<': {
        const rest = s.slice(i, end);
        if (ANGLE_AT_END.test(rest) || TAG_AT_END.test(rest)) {
          edits.cut = i;
          break scan;
        }
        // An autolink or a raw HTML tag (shown as text) is one token: nothing inside it links.
        const whole = ANGLE_AUTOLINK.exec(rest) ?? TAG.exec(rest);
        if (whole) {
          i += whole[0].length;
          continue;
        }
        break;
      }
      default:
        // marked autolinks a URL wherever it starts, even right after a quote or a letter.
        if (c === 'h' || c === 'H' || c === 'w' || c === 'W') {
          const url = URL_START.exec(s.slice(i, i + 8));
          if (url) {
            let j = i;
            while (j < end && !WHITESPACE.test(s[j]!) && s[j] !== '<') j++;
            if (j === end) {
              // A bare URL still arriving: shown as text until something follows it.
              edits.escape = url[0].startsWith('w') || url[0].startsWith('W') ? i + 3 : s.indexOf(':', i);
              break scan;
            }
            i = j;
            continue;
          }
        }
    }
    i++;
  }

  if (pending) {
    if (pending.image) edits.cut = pending.open;
    else {
      edits.cut = pending.close;
      edits.remove.push(pending.open);
    }
  }
  // Brackets still open: an image is left out from its `![`, a link's `[` is dropped.
  for (const open of brackets) {
    if (open.index >= edits.cut) break;
    if (open.image) {
      edits.cut = open.index;
      break;
    }
    if (open.link) edits.remove.push(open.index);
  }
  if (code && code.index < edits.cut) {
    let contentEnd = edits.cut;
    while (contentEnd > code.index + code.length && s[contentEnd - 1] === '`') contentEnd--;
    if (s.slice(code.index + code.length, contentEnd).trim() === '') edits.cut = code.index;
    else {
      edits.cut = contentEnd;
      edits.append = '`'.repeat(code.length);
    }
  }
  if (edits.escape === null && !code && !pending && edits.cut === end) {
    const email = EMAIL_AT_END.exec(s.slice(Math.max(0, end - 256), end));
    if (email) edits.escape = end - email[0].length + email[0].indexOf('@');
  }
  // Left out: removed characters and escapes past the cut.
  edits.remove = edits.remove.filter((index) => index < edits.cut);
  if (edits.escape !== null && edits.escape >= edits.cut) edits.escape = null;
  while (edits.cut > 0 && isSpace(s[edits.cut - 1]) && !edits.append) edits.cut--;

  edits.append += closers(
    delimiters.filter((d) => d.index + d.length <= edits.cut),
    edits.remove,
  );
  return edits;
}

/**
 * CommonMark's "process emphasis" over the delimiter runs of an inline run; returns the
 * closers that the openers still open need, innermost first.
 */
const closers = (delimiters: Delimiter[], removed: readonly number[]): string => {
  for (let c = 0; c < delimiters.length; c++) {
    const closer = delimiters[c]!;
    if (!closer.canClose) continue;
    while (closer.remaining > 0) {
      let found = -1;
      for (let o = c - 1; o >= 0; o--) {
        const opener = delimiters[o]!;
        if (opener.char !== closer.char || !opener.canOpen || opener.remaining === 0) continue;
        if (closer.char === '~') {
          if (opener.remaining !== closer.remaining) continue;
        } else if (
          (opener.canClose || closer.canOpen) &&
          (opener.length + closer.length) % 3 === 0 &&
          !(opener.length % 3 === 0 && closer.length % 3 === 0)
        ) {
          continue;
        }
        found = o;
        break;
      }
      if (found === -1) break;
      const opener = delimiters[found]!;
      const use = closer.char === '~' ? closer.remaining : Math.min(2, opener.remaining, closer.remaining);
      opener.remaining -= use;
      closer.remaining -= use;
      for (let k = found + 1; k < c; k++) delimiters[k]!.remaining = 0;
    }
  }
  let out = '';
  for (let i = delimiters.length - 1; i >= 0; i--) {
    const d = delimiters[i]!;
    if (!d.canOpen || d.remaining === 0 || d.intraword || removed.includes(d.index)) continue;
    if (d.char === '~' && d.remaining !== 2) continue;
    out += d.char.repeat(d.remaining);
  }
  return out;
};

/**
 * The inline source of the block still open at the end of the lexed text (a paragraph, a
 * heading, a table's last cell, possibly inside lists and quotes), or null when none is open.
 */
const openInline = (tokens: readonly Token[], text: string): string | null => {
  const endsLine = /\n[ \t]*$/.test(text);
  let token: Token | undefined = tokens[tokens.length - 1];
  for (;;) {
    switch (token?.type) {
      case 'paragraph':
      case 'text':
        return (token as Tokens.Paragraph | Tokens.Text).text;
      case 'heading':
        return endsLine ? null : (token as Tokens.Heading).text;
      case 'list': {
        const item = (token as Tokens.List).items.at(-1);
        token = item?.tokens.at(-1);
        break;
      }
      case 'blockquote':
        token = (token as Tokens.Blockquote).tokens.at(-1);
        break;
      case 'table': {
        if (endsLine) return null;
        const line = text.slice(text.lastIndexOf('\n') + 1);
        let pipe = line.lastIndexOf('|');
        while (pipe > 0 && isEscaped(line, pipe)) pipe = line.lastIndexOf('|', pipe - 1);
        return line.slice(pipe + 1);
      }
      default:
        return null;
    }
  }
};

/**
 * Completes the inline markup of the block still being written at the end of `text` (see the
 * module comment). `tokens` are `lexBlocks(text)`.
 */
export function healInline(text: string, tokens: readonly Token[]): string {
  let s = openInline(tokens, text);
  if (s === null) return text;
  s = s.trimEnd();
  const edits = inlineEdits(s);
  const end = text.trimEnd().length;
  // Positions in `s` are positions from the end of the text; a change is made only where the
  // text really has the same characters there (a block inside a quote has `>` in its source).
  const at = (i: number): number | null => {
    const j = end - (s.length - i);
    return j >= 0 && text.slice(j, end) === s.slice(i) ? j : null;
  };
  const cut = at(edits.cut);
  if (cut === null) return edits.append ? text.slice(0, end) + edits.append : text;
  // Single-character changes, applied from the last to the first so positions stay valid.
  const changes: Array<{ at: number; escape: boolean }> = [];
  for (const index of edits.remove) {
    const j = at(index);
    if (j !== null) changes.push({ at: j, escape: false });
  }
  if (edits.escape !== null) {
    const j = at(edits.escape);
    if (j !== null) changes.push({ at: j, escape: true });
  }
  let out = text.slice(0, cut);
  for (const change of changes.sort((a, b) => b.at - a.at)) {
    out = change.escape
      ? `${out.slice(0, change.at)}\\${out.slice(change.at)}`
      : out.slice(0, change.at) + out.slice(change.at + 1);
  }
  return out + edits.append;
}

/** The text to render live for `text`, the reply so far: held-back lines out, inline markup closed. */
export function healLive(text: string): string {
  const shown = text.slice(0, holdBack(text));
  return healInline(shown, lexBlocks(shown));
}
