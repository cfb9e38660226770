// The demo clinic's own copy on every <ai-chat> of the page: the intro and suggested questions of
// each AI feature, and the emergency numbers. The widget's built-in strings are generic; a clinic
// supplies its words through the `strings` property, here from the documented preset
// (`ai-chat-element/presets/clinic`, src/presets/clinic.ts).
import { clinicStrings } from '../src/presets/clinic.js';

for (const chat of /** @type {NodeListOf<HTMLElement & {strings?: object}>} */ (
  document.querySelectorAll('ai-chat')
)) {
  chat.strings = clinicStrings(chat.closest('[lang]')?.getAttribute('lang') ?? 'en');
}
