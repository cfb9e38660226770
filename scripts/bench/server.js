// The benchmark's web server on 127.0.0.1: the pages (scripts/bench/pages/), dist/ and the
// baseline bundle, with the mock AI backend attached, so every page talks to a real WebSocket
// on the same origin. It also taps the backend's sends to know when chunk frames went out.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { attachMockBackend } from '../../demo/server/mock-backend.js';
import { Connection } from '../../demo/server/connection.js';

const TYPES = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
});

/** Wall-clock milliseconds (the same scale as a page's `performance.timeOrigin + performance.now()`). */
export const wallNow = () => performance.timeOrigin + performance.now();

/**
 * What the tap saw while armed: the chunk frames the backend wrote to its sockets.
 * @typedef {{count: number, first: number | null, last: number | null, maxGap: number, maxBuffered: number}} SendLog
 */

/**
 * Wraps Connection.prototype.send (the one path every dialect frame and push() takes) to log
 * when chunk frames go out and how much the socket had to buffer.
 */
function tapSends() {
  /** @type {SendLog | null} */
  let log = null;
  const original = Connection.prototype.send;
  /** @this {Connection} @param {unknown} frame */
  Connection.prototype.send = function send(frame) {
    const sent = original.call(this, frame);
    if (
      log &&
      sent &&
      typeof frame === 'object' &&
      frame !== null &&
      'type' in frame &&
      frame.type === 'chunk'
    ) {
      const at = wallNow();
      if (log.last !== null) log.maxGap = Math.max(log.maxGap, at - log.last);
      log.first ??= at;
      log.last = at;
      log.count++;
      log.maxBuffered = Math.max(log.maxBuffered, this.ws.bufferedAmount);
    }
    return sent;
  };
  return {
    arm() {
      log = { count: 0, first: null, last: null, maxGap: 0, maxBuffered: 0 };
    },
    /** @returns {SendLog} */
    disarm() {
      const result = log ?? { count: 0, first: null, last: null, maxGap: 0, maxBuffered: 0 };
      log = null;
      return result;
    },
    restore() {
      Connection.prototype.send = original;
    },
  };
}

/**
 * The widget page: only the instrumentation and /dist/ai-chat.js, and one <ai-chat>.
 * @param {URLSearchParams} params `max-messages` is passed on
 */
function widgetPage(params) {
  const max = params.get('max-messages');
  const attributes = max && /^\d+$/.test(max) ? ` max-messages="${max}"` : '';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>bench: widget</title>
    <script src="/bench/instrument.js"></script>
    <script type="module" src="/dist/ai-chat.js"></script>
  </head>
  <body>
    <ai-chat endpoint="/chat/ws" token="t"${attributes}></ai-chat>
  </body>
</html>
`;
}

/**
 * @param {object} options
 * @param {string} options.root the repository
 * @param {string} options.distDir what to serve as /dist/ (a copy of dist/)
 * @param {string} options.baselinesDir where the baseline bundle was built
 * @param {import('../../demo/server/pace.js').PaceOption} options.pace
 */
export async function startBenchServer({ root, distDir, baselinesDir, pace }) {
  /** @type {Record<string, string>} */
  const mounts = {
    '/dist/': distDir,
    '/bench/': join(root, 'scripts', 'bench', 'pages'),
    '/baselines/': baselinesDir,
  };
  const server = http.createServer((req, res) => {
    void serve(req, res);
  });
  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async function serve(req, res) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers = { 'cache-control': 'no-store' };
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204, headers);
      res.end();
      return;
    }
    if (url.pathname === '/bench/widget.html') {
      res.writeHead(200, { ...headers, 'content-type': TYPES['.html'] });
      res.end(widgetPage(url.searchParams));
      return;
    }
    const mount = Object.keys(mounts).find((prefix) => url.pathname.startsWith(prefix));
    if (mount && req.method === 'GET') {
      const base = mounts[mount];
      const file = normalize(join(base, decodeURIComponent(url.pathname.slice(mount.length))));
      if (file.startsWith(base + sep)) {
        try {
          const body = await readFile(file);
          res.writeHead(200, {
            ...headers,
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          });
          res.end(body);
          return;
        } catch {
          // 404 below
        }
      }
    }
    if (backend.handleHttp(req, res)) return;
    res.writeHead(404, { ...headers, 'content-type': 'text/plain' });
    res.end('Not found');
  }
  const backend = attachMockBackend(server, { pace });
  const tap = tapSends();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    backend,
    tap,
    async close() {
      tap.restore();
      await backend.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
