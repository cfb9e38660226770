// What a screen reader should hear for a rendered message: its text, with blocks and cells
// kept apart (textContent would run "Causes" and "A fever…" together).

const BREAKS = new Set(
  'p div section li tr h1 h2 h3 h4 h5 h6 pre blockquote ul ol table dt dd br hr'.split(' '),
);
const SPACES = new Set(['td', 'th', 'button']);

/**
 * The text of `root` as lines, skipping `<time>` captions and what is marked `data-unannounced`
 * (a reply's tool lines, reasoning and sources: the reply's text is what is announced).
 */
export function plainText(root: Node): string {
  let out = '';
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      out += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const name = (node as Element).localName;
    if (name === 'time' || (node as Element).hasAttribute('data-unannounced')) return;
    const breaks = BREAKS.has(name);
    if (breaks) out += '\n';
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (breaks) out += '\n';
    else if (SPACES.has(name)) out += ' ';
  };
  walk(root);
  return out
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}
