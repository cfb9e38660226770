// The page side of a chaos run: a static server on 127.0.0.1 for the script-tag build, and one
// <ai-chat> per run in its own browser context (its own storage and BroadcastChannel, so runs in
// parallel never see each other), driven only through its public API: attributes, `send()`,
// `messages`, `status` and its events.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>chaos</title>
    <script type="module" src="/ai-chat.js"></script>
  </head>
  <body></body>
</html>`;

/**
 * Serves PAGE at /chaos.html and the files of `dir` (the build) on 127.0.0.1.
 * @param {string} dir
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export async function startPageServer(dir) {
  const server = http.createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (path === '/chaos.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(PAGE);
      return;
    }
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep) || !/\.m?js$/.test(file)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}/chaos.html`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * @typedef {object} ChatPage
 * @property {(text: string) => Promise<boolean>} send `el.send(text)`
 * @property {() => Promise<import('./measure.js').Snapshot>} snapshot status and messages now
 * @property {() => Promise<{statuses: string[], errors: string[]}>} log every status it went
 *   through, and the codes of its `ai-chat-error` events
 * @property {string[]} pageErrors uncaught errors and console errors of the page (not Chromium's own
 *   lines about a failed connection: the faults cause those)
 * @property {() => Promise<void>} close
 */

/**
 * Opens the page in a new browser context and mounts one <ai-chat> with these attributes.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} url
 * @param {Record<string, string>} attributes
 * @returns {Promise<ChatPage>}
 */
export async function openChat(browser, url, attributes) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  /** @type {string[]} */
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !/^(WebSocket connection to|Failed to load resource)/.test(text))
      pageErrors.push(text);
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(async (attrs) => {
    await customElements.whenDefined('ai-chat');
    const el = document.createElement('ai-chat');
    const w = /** @type {any} */ (window);
    w.chaos = { el, statuses: [], errors: [] };
    el.addEventListener('ai-chat-status', (e) => w.chaos.statuses.push(/** @type {any} */ (e).detail.status));
    el.addEventListener('ai-chat-error', (e) => w.chaos.errors.push(/** @type {any} */ (e).detail.code));
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    document.body.append(el);
  }, attributes);
  return {
    send: (text) => page.evaluate((t) => /** @type {any} */ (window).chaos.el.send(t), text),
    snapshot: () =>
      page.evaluate(() => {
        const el = /** @type {any} */ (window).chaos.el;
        return {
          status: String(el.status),
          messages: el.messages.map((/** @type {any} */ m) => ({
            id: m.id,
            role: m.role,
            content: m.content,
            state: m.state,
          })),
        };
      }),
    log: () =>
      page.evaluate(() => {
        const { statuses, errors } = /** @type {any} */ (window).chaos;
        return { statuses: [...statuses], errors: [...errors] };
      }),
    pageErrors,
    close: () => context.close(),
  };
}
