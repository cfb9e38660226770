export {
  renderMarkdown,
  renderTokens,
  lexBlocks,
  hasLinkDefinitions,
  type MarkdownOptions,
} from './markdown.js';
export { MarkdownStream, type MarkdownStreamOptions } from './markdown-stream.js';
export { healLive, healInline, holdBack } from './heal.js';
export { markdown, type MarkdownDirectiveOptions } from './markdown-directive.js';
export { followBottom, BOTTOM_SLACK } from './auto-scroll.js';
export { nextFrame } from './frame.js';
