// What a screen reader should hear for a rendered message: its text, with blocks and cells
// kept apart (textContent would run "Causes" and "A fever…" together).

const BREAKS = new Set(
  'p div section li tr h1 h2 h3 h4 h5 h6 pre blockquote ul ol table dt dd br hr'.split(' '),
);
const SPACES = new Set(['td', 'th', 'button']);

/** A part of the text to keep short: its text is cut to about `limit` characters. */
export interface ShortPart {
  readonly node: Node;
  readonly limit: number;
}

/**
 * The text of `root` as lines, skipping `<time>` captions and what is marked `data-unannounced`
 * (a reply's tool lines, reasoning and sources: the reply's text is what is announced). The text of `short.node` (inside
 * `root`), or of `root` itself, is cut at a word boundary after about `short.limit` characters
 * and ends with "…"; the walk stops there, so a very long reply costs no more than a short one.
 */
export function plainText(root: Node, short?: ShortPart): string {
  if (short?.node === root) return shorten(collect(root, short.limit * 2 + 64), short.limit);
  return tidy(collect(root, Infinity, short));
}

function collect(root: Node, enough: number, short?: ShortPart): string {
  let out = '';
  const walk = (node: Node): void => {
    if (out.length > enough) return;
    if (node === short?.node) {
      out += `\n${plainText(node, short)}\n`;
      return;
    }
    if (node.nodeType === Node.TEXT_NODE) {
      out += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const name = (node as Element).localName;
    if (name === 'time' || (node as Element).hasAttribute('data-unannounced')) return;
    const breaks = BREAKS.has(name);
    if (breaks) out += '\n';
    for (let child = node.firstChild; child && out.length <= enough; child = child.nextSibling) walk(child);
    if (breaks) out += '\n';
    else if (SPACES.has(name)) out += ' ';
  };
  walk(root);
  return out;
}

const tidy = (text: string): string =>
  text
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();

function shorten(raw: string, limit: number): string {
  const text = tidy(raw);
  if (text.length <= limit) return text;
  // Whole words only: back to the last whitespace unless the limit falls right after a word.
  let end = limit;
  if (!/\s/.test(text[limit]!)) {
    const space = Math.max(text.lastIndexOf(' ', limit), text.lastIndexOf('\n', limit));
    if (space > limit / 2) end = space;
  }
  return `${text.slice(0, end).trimEnd()}…`;
}
