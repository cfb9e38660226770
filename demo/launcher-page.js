// demo/launcher.html: the launcher on a long clinic page, with what it costs the page shown live —
// the requests the widget made, their bytes as served, and its WebSockets (opened, open now).
// Loaded before the widget, so it sees everything the widget does. With a build (`npm run build`)
// the page loads `dist/ai-chat.js`, which `npm start` serves gzipped as a static server would, so
// the bytes are what a clinic's page transfers (`npm run size` prints the same per kind of page);
// without one it loads the sources through Vite, and the bytes say little.

const sockets = { opened: 0, open: 0 };
const NativeWebSocket = window.WebSocket;
window.WebSocket = class CountedWebSocket extends NativeWebSocket {
  /** @param {string | URL} url @param {string | string[]} [protocols] */
  constructor(url, protocols) {
    super(url, protocols);
    sockets.opened++;
    sockets.open++;
    this.addEventListener('close', () => {
      sockets.open--;
      show();
    });
    show();
  }
};

/** @type {PerformanceResourceTiming[]} */
const widget = [];
const isWidget = (/** @type {string} */ name) => {
  const url = new URL(name);
  return /^\/(dist|src)\//.test(url.pathname) && !url.searchParams.has('probe');
};
new PerformanceObserver((list) => {
  for (const entry of /** @type {PerformanceResourceTiming[]} */ (list.getEntries())) {
    if (isWidget(entry.name)) widget.push(entry);
  }
  show();
}).observe({ type: 'resource', buffered: true });

const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function show() {
  const out = document.getElementById('cost');
  if (!out) return;
  const bytes = widget.reduce((sum, e) => sum + e.encodedBodySize, 0);
  const status = /** @type {{ status?: string } | null} */ (document.querySelector('ai-chat'))?.status ?? '—';
  const set = (/** @type {string} */ name, /** @type {string} */ text) => {
    const field = out.querySelector(`[data-${name}]`);
    if (field) field.textContent = text;
  };
  set('requests', String(widget.length));
  set('bytes', kb(bytes));
  set('sockets', `${sockets.opened} opened, ${sockets.open} open`);
  set('status', status);
  set('files', widget.map((e) => `${new URL(e.name).pathname}  ${kb(e.encodedBodySize)}`).join('\n'));
}

/** A long page, as a clinic's are: the page's sections three times over. */
function lengthen() {
  const sections = [...document.querySelectorAll('main > section')];
  let after = sections.at(-1);
  for (let round = 0; round < 2; round++) {
    for (const section of sections) {
      const copy = section.cloneNode(true);
      after?.after(copy);
      after = /** @type {Element} */ (copy);
    }
  }
}

document.addEventListener('ai-chat-status', show);
document.addEventListener('DOMContentLoaded', lengthen);
document.addEventListener('DOMContentLoaded', show);

// The built script-tag module if there is one (what a clinic's page loads), else the sources.
const built = await fetch('/dist/ai-chat.js?probe', { method: 'HEAD' }).then(
  (response) => response.ok && !/html/.test(response.headers.get('content-type') ?? ''),
  () => false,
);
document.documentElement.dataset['widget'] = built ? 'dist/ai-chat.js (built)' : 'src/ai-chat.ts (sources)';
const source = document.querySelector('[data-source]');
if (source) source.textContent = document.documentElement.dataset['widget'];
// A script element, as a clinic's page has (an import() here would go through Vite, which adds a
// query to the URL, and the entry's chunks would load it a second time under its plain URL).
const script = document.createElement('script');
script.type = 'module';
script.src = built ? '/dist/ai-chat.js' : '/src/ai-chat.ts';
script.addEventListener('load', () => customElements.whenDefined('ai-chat').then(show));
document.head.append(script);

export {};
