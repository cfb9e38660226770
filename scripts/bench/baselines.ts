// The baseline bundle of the benchmark (built by scripts/bench/build.js into bench-results/):
// plain marked + DOMPurify, as a naive renderer would use them, and the widget's own one-shot
// renderer, renderMarkdown() from src/render/markdown.ts.
import { marked } from 'marked';
import DOMPurify from 'dompurify';
import { renderMarkdown } from '../../src/render/markdown.js';

/** What a naive streaming renderer does on every chunk: the whole text, parsed and sanitized again. */
export function naiveRender(container: HTMLElement, text: string): void {
  container.innerHTML = DOMPurify.sanitize(marked.parse(text, { async: false }));
}

/** The widget's renderer, once, on the whole text. */
export function oneShotRender(container: HTMLElement, text: string): void {
  container.replaceChildren(renderMarkdown(text));
}
