// The baseline pages (?kind=floor|oneshot|naive): a bare WebSocket to the same mock backend as
// the widget, in the same envelope dialect, fed the same frames.
//   floor    JSON.parse each frame and join the text; nothing rendered
//   oneshot  the same, then the whole text rendered once, at the end, with the project's renderMarkdown
//   naive    container.innerHTML = DOMPurify.sanitize(marked.parse(text so far)) on every chunk
/** @typedef {{naiveRender(container: HTMLElement, text: string): void, oneShotRender(container: HTMLElement, text: string): void}} Baselines */

const bench = /** @type {any} */ (window).__bench;
const kind = new URLSearchParams(location.search).get('kind') ?? 'floor';
const baselinesUrl = '/baselines/baselines.js';
/** @type {Baselines | null} */
const baselines = kind === 'floor' ? null : await import(/** @type {string} */ (baselinesUrl));
const container = /** @type {HTMLElement} */ (document.getElementById('reply'));
const sessionId = crypto.randomUUID();

const socket = new WebSocket(`ws://${location.host}/chat/ws?token=t`);
const opened = new Promise((resolve, reject) => {
  socket.addEventListener('open', resolve, { once: true });
  socket.addEventListener('error', reject, { once: true });
});

/** @type {{text: string, resolve: (value: unknown) => void} | null} */
let current = null;

socket.onmessage = (/** @type {MessageEvent<string>} */ event) => {
  const frame = JSON.parse(event.data);
  if (!current) return;
  if (frame.type === 'chunk') {
    current.text += frame.data.content;
    if (kind === 'naive' && baselines) {
      const start = performance.now();
      baselines.naiveRender(container, current.text);
      bench.recordCall(start, performance.now() - start, current.text.length);
    }
  } else if (frame.type === 'complete') {
    if (kind === 'oneshot' && baselines) {
      const start = performance.now();
      baselines.oneShotRender(container, current.text);
      bench.recordCall(start, performance.now() - start, current.text.length);
    }
    bench.state.finalAt = performance.now();
    const { text, resolve } = current;
    current = null;
    resolve({
      state: 'complete',
      length: text.length,
      signature: kind === 'floor' ? null : bench.signature(container),
    });
  }
};

/**
 * Sends `prompt` as an envelope `message` and resolves when the reply's `complete` frame has been handled.
 * @param {string} prompt
 */
function run(prompt) {
  return new Promise((resolve) => {
    current = { text: '', resolve };
    bench.state.startAt = performance.now();
    socket.send(
      JSON.stringify({
        type: 'message',
        data: { content: prompt, metadata: null, ai_feature: 'chat' },
        session_id: sessionId,
        message_id: crypto.randomUUID(),
        timestamp: new Date().toISOString(),
      }),
    );
  });
}

Object.assign(bench, {
  baselineRun: run,
  baselineClear: () => {
    container.replaceChildren();
    return true;
  },
  baselineSelection: (/** @type {string} */ prompt) =>
    bench.selectionTest(
      () => container,
      () => run(prompt),
      () => document.getSelection(),
    ),
  baselineReady: async () => {
    await opened;
    return true;
  },
});

export {};
