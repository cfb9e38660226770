export {
  renderMarkdown,
  renderTokens,
  lexBlocks,
  hasLinkDefinitions,
  type MarkdownOptions,
} from './markdown.js';
export {
  MarkdownStream,
  animationFrame,
  type MarkdownStreamOptions,
  type Schedule,
} from './markdown-stream.js';
export { markdown, type MarkdownDirectiveOptions } from './markdown-directive.js';
export { followBottom, BOTTOM_SLACK } from './auto-scroll.js';
export { nextFrame } from './frame.js';
