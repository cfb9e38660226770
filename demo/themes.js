// The themes page: once each themed widget is connected, it asks its first question, so every
// look shows bubbles and a card without a click. (No inline scripts on the page.)

/** @typedef {HTMLElement & {send(content: string): boolean, status: string}} ThemedChat */

for (const chat of /** @type {NodeListOf<ThemedChat>} */ (
  document.querySelectorAll('ai-chat[data-demo-question]')
)) {
  const question = chat.dataset.demoQuestion ?? '';
  /** @param {Event} event */
  const onStatus = (event) => {
    if (/** @type {CustomEvent<{status: string}>} */ (event).detail.status !== 'connected') return;
    chat.removeEventListener('ai-chat-status', onStatus);
    chat.send(question);
  };
  chat.addEventListener('ai-chat-status', onStatus);
}
