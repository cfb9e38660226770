// The baseline bundle of the benchmark (built by scripts/bench/build.js into bench-results/):
// plain marked + DOMPurify, as a naive renderer would use them, the widget's own one-shot
// renderer, renderMarkdown() from src/render/markdown.ts, and for the streaming-quality section
// the widget's MarkdownStream, its styles and remend (vercel/streamdown's incomplete-markdown
// repair) to render the same prefixes as a baseline.
import { marked } from 'marked';
import DOMPurify from 'dompurify';
import remend from 'remend';
import { renderMarkdown } from '../../src/render/markdown.js';
import { MarkdownStream } from '../../src/render/markdown-stream.js';
import { styles } from '../../src/ai-chat.styles.js';

/** What a naive streaming renderer does on every chunk: the whole text, parsed and sanitized again. */
export function naiveRender(container: HTMLElement, text: string): void {
  container.innerHTML = DOMPurify.sanitize(marked.parse(text, { async: false }));
}

/** The widget's renderer, once, on the whole text. */
export function oneShotRender(container: HTMLElement, text: string): void {
  container.replaceChildren(renderMarkdown(text));
}

/** The text so far repaired by remend, then rendered at once by the widget's renderer. */
export function remendRender(container: HTMLElement, text: string): void {
  container.replaceChildren(renderMarkdown(remend(text)));
}

/** The widget's streaming renderer on `container`. */
export function widgetStream(container: HTMLElement): MarkdownStream {
  return new MarkdownStream(container);
}

/** The widget's stylesheet, to lay replies out as the widget does. */
export const widgetStyles: CSSStyleSheet | undefined = styles.styleSheet;
