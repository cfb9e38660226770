// What <ai-chat> needs once the chat is in view, and not before: the panel's view and styles
// (header, transcript, composer), the transcript's scrolling, and the announcer that reads
// finished replies from it. A chunk of its own in the script-tag builds (see ./panel-source.ts):
// a closed launcher downloads none of it. The element reaches all of it through these exports.
export { panel, styles, type PanelView } from './views/panel.js';
export { fitInput } from './views/composer.js';
export { followBottom } from './render/auto-scroll.js';
export { HeightFloor } from './render/height-floor.js';
export { Announcer } from './controllers/announcer.js';

/** The markdown renderer (with its sanitizer): once a reply has text, or in the background. */
export const loadMarkdown = () => import('./render/markdown-directive.js');

/** The cards: once a card arrives. */
export const loadCards = () => import('./views/cards.js');
