// `npm run size`: what a page with <ai-chat> transfers, per configuration, measured by loading
// real pages in headless Chromium (puppeteer-core; scripts/find-chrome.js) from a server on
// 127.0.0.1 with the mock AI backend attached, and summing the gzip size (zlib's default level,
// KB = 1024 bytes, as `npm test`'s size check) of every file the page requested, with the number
// of requests and of WebSockets it opened. Then where the bytes of each built file go, by source
// (a source-mapped build of the same script-tag build), so the next cut is obvious.
//
// Builds what it needs when dist/ has not got it (`npx vite build`, `--mode iife`); `--build`
// builds again. Goals (issue 14): a closed launcher before any click ≤ 15 KB with no socket; an
// inline chat's first paint ≤ 25 KB and its first reply ≤ 45 KB; the classic script ≤ 72 KB.
import http from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { attachMockBackend } from '../demo/server/mock-backend.js';
import { buildWithSourcemap } from './bench/build.js';
import { gzipSize, sizeBreakdown } from './bench/size.js';
import { CHROME_ARGS, findChrome } from './find-chrome.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const kb = (/** @type {number} */ bytes) => (bytes / 1024).toFixed(1);

/**
 * The configurations: the page's <ai-chat> (its attributes; `{origin}` is the server's), and
 * what the page does before it is measured.
 * @typedef {{name: string, attributes: string, script?: string, lang?: string, until: 'idle' | 'paint' | 'open' | 'reply', message?: string, goal?: number}} Config
 * @type {Config[]}
 */
const CONFIGS = [
  {
    name: 'launcher, closed (before any click)',
    attributes: 'mode="launcher" endpoint="/ai/{feature}/ws"',
    until: 'idle',
    goal: 15,
  },
  {
    name: 'launcher, opened (connected)',
    attributes: 'mode="launcher" endpoint="/ai/{feature}/ws"',
    until: 'open',
  },
  {
    name: 'inline envelope (en): first paint',
    attributes: 'endpoint="/ai/{feature}/ws"',
    until: 'paint',
    goal: 25,
  },
  {
    name: 'inline envelope (en): first reply',
    attributes: 'endpoint="/ai/{feature}/ws"',
    until: 'reply',
    goal: 45,
  },
  ...['fr', 'ar'].map(
    (lang) =>
      /** @type {Config} */ ({
        name: `inline envelope (${lang}): first reply`,
        attributes: 'endpoint="/ai/{feature}/ws"',
        lang,
        until: 'reply',
      }),
  ),
  {
    name: 'inline booking: first reply',
    attributes: 'dialect="booking" endpoint="/ws/booking"',
    until: 'reply',
  },
  {
    name: 'inline agui: first reply',
    attributes: 'dialect="agui" endpoint="/agui/{feature}"',
    until: 'reply',
  },
  {
    name: 'inline ai-sdk: first reply',
    attributes: 'dialect="ai-sdk" endpoint="/api/chat/{feature}"',
    until: 'reply',
  },
  {
    name: 'inline openai: first reply',
    attributes: 'dialect="openai" model="clinic-mini" endpoint="/v1/chat/completions"',
    until: 'reply',
  },
  {
    name: 'inline envelope: a reply with a card',
    attributes: 'feature="symptom_checker" endpoint="/ai/{feature}/ws"',
    until: 'reply',
    message: 'I have a fever and a sore throat',
  },
  {
    name: 'classic script (IIFE): first reply',
    attributes: 'endpoint="/ai/{feature}/ws"',
    script: 'classic',
    until: 'reply',
    goal: 72,
  },
];

function ensureBuilt() {
  const rebuild = process.argv.includes('--build');
  /** @type {[string, string[]][]} */
  const builds = [
    ['dist/ai-chat.js', ['vite', 'build', '--logLevel', 'error']],
    ['dist/ai-chat.iife.js', ['vite', 'build', '--mode', 'iife', '--logLevel', 'error']],
  ];
  for (const [file, args] of builds) {
    if (!rebuild && existsSync(join(ROOT, file))) continue;
    console.log(`building ${file}…`);
    const result = spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

/** @param {Config} config */
function page(config) {
  const attributes = config.attributes;
  const script =
    config.script === 'classic'
      ? '<script src="/dist/ai-chat.iife.js"></script>'
      : '<script type="module" src="/dist/ai-chat.js"></script>';
  return `<!doctype html>
<html lang="${config.lang ?? 'en'}">
  <head><meta charset="utf-8" /><title>size</title>${script}</head>
  <body><h1>A page</h1><ai-chat token="demo-token" ${attributes}></ai-chat></body>
</html>`;
}

/** A server for the pages and dist/, with the mock backend (fast pace) on the same origin. */
async function serve() {
  /** @type {ReturnType<typeof attachMockBackend> | undefined} */
  let backend;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/size\/(\d+)\.html$/.exec(url.pathname);
    if (match) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page(/** @type {Config} */ (CONFIGS[Number(match[1])])));
      return;
    }
    const path = normalize(join(ROOT, url.pathname));
    if (url.pathname.startsWith('/dist/') && path.startsWith(join(ROOT, 'dist') + sep) && existsSync(path)) {
      res.writeHead(200, {
        'content-type': extname(path) === '.js' ? 'text/javascript' : 'application/json',
      });
      res.end(readFileSync(path));
      return;
    }
    if (backend?.handleHttp(req, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found');
  });
  backend = attachMockBackend(server, { pace: 'fast' });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    async close() {
      await backend?.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/**
 * Loads one configuration's page and measures what it transferred.
 * @param {import('puppeteer-core').Browser} browser @param {string} origin @param {number} index
 */
async function measure(browser, origin, index) {
  const config = /** @type {Config} */ (CONFIGS[index]);
  const tab = await browser.newPage();
  const cdp = await tab.createCDPSession();
  await cdp.send('Network.enable');
  let sockets = 0;
  cdp.on('Network.webSocketCreated', () => sockets++);
  /** @type {{url: string, gzip: number, at: number}[]} */
  const files = [];
  const started = Date.now();
  tab.on('response', async (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/dist/')) return;
    const body = await response.buffer().catch(() => Buffer.alloc(0));
    files.push({ url: url.pathname, gzip: gzipSize(body), at: Date.now() - started });
  });
  // The moment the empty chat is first painted: the first animation frame that finds its composer
  // (or its launcher) in the shadow root; that frame paints it. (Not a frame later: the session's
  // code starts loading then, on purpose after the first paint.)
  await tab.evaluateOnNewDocument(() => {
    const look = () => {
      const panel = document
        .querySelector('ai-chat')
        ?.shadowRoot?.querySelector('[part~="composer"], [part~="launcher"]');
      if (panel) Reflect.set(window, '__painted', performance.now());
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await tab.goto(`${origin}/size/${index}.html`, { waitUntil: 'load' });
  await tab.waitForFunction(() => Reflect.has(window, '__painted'), { timeout: 15_000 });
  const painted = /** @type {number} */ (await tab.evaluate(() => Reflect.get(window, '__painted')));
  if (config.until === 'open') {
    await tab.evaluate(() => /** @type {any} */ (document.querySelector('ai-chat')).open());
    await tab.waitForFunction(
      () => document.querySelector('ai-chat')?.getAttribute('status') === 'connected',
      { timeout: 15_000 },
    );
  }
  if (config.until === 'reply') {
    await tab.waitForFunction(
      () => document.querySelector('ai-chat')?.getAttribute('status') === 'connected',
      { timeout: 15_000 },
    );
    await tab.evaluate(
      (text) => /** @type {any} */ (document.querySelector('ai-chat')).send(text),
      config.message ?? 'When are you open?',
    );
    await tab.waitForFunction(
      () =>
        /** @type {any} */ (document.querySelector('ai-chat'))?.messages.some(
          (/** @type {any} */ m) => m.role === 'assistant' && m.state === 'complete',
        ),
      { timeout: 30_000 },
    );
    await tab.evaluate(() => /** @type {any} */ (document.querySelector('ai-chat')).updateComplete);
  }
  await tab.waitForNetworkIdle({ idleTime: 500, timeout: 15_000 });
  // First paint: what had arrived when the chat was painted.
  const paintedAt = await tab.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => ({
      url: new URL(e.name).pathname,
      end: /** @type {PerformanceResourceTiming} */ (e).responseEnd,
    })),
  );
  const beforePaint = new Set(paintedAt.filter((e) => e.end <= painted).map((e) => e.url));
  const counted = config.until === 'paint' ? files.filter((f) => beforePaint.has(f.url)) : files;
  await tab.close();
  return {
    config,
    requests: counted.length,
    gzip: counted.reduce((sum, f) => sum + f.gzip, 0),
    sockets: config.until === 'paint' ? undefined : sockets,
    files: counted.map((f) => f.url.replace(/^\/dist\//, '').replace(/-[\w-]{8}\.js$/, '.js')),
  };
}

async function main() {
  ensureBuilt();
  const { origin, close } = await serve();
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
  const rows = [];
  try {
    for (let i = 0; i < CONFIGS.length; i++) rows.push(await measure(browser, origin, i));
  } finally {
    await browser.close();
    await close();
  }
  console.log(`\nWhat a page transfers (gzip of every file it requested; KB = 1024 bytes):\n`);
  const width = Math.max(...rows.map((r) => r.config.name.length));
  console.log(`${'configuration'.padEnd(width)}  ${'KB gz'.padStart(6)}  req  ws  goal     files`);
  for (const r of rows) {
    const goal = r.config.goal ? `${r.gzip / 1024 <= r.config.goal ? 'ok' : 'OVER'} ≤${r.config.goal}` : '';
    console.log(
      `${r.config.name.padEnd(width)}  ${kb(r.gzip).padStart(6)}  ${String(r.requests).padStart(3)}  ${String(r.sockets ?? '-').padStart(2)}  ${goal.padEnd(7)}  ${r.files.join(' ')}`,
    );
  }

  // Where the bytes go: each file of a source-mapped build of the same script-tag build.
  const out = mkdtempSync(join(tmpdir(), 'ai-chat-size-'));
  try {
    buildWithSourcemap(ROOT, out);
    const files = [
      'ai-chat.js',
      ...readdirSync(join(out, 'chunks'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => `chunks/${f}`),
    ];
    console.log('\nWhere the bytes go (gzip of each source’s share of a file, on its own):');
    for (const file of files) {
      const path = join(out, file);
      const total = gzipSize(readFileSync(path));
      const { available, groups } = await sizeBreakdown(path);
      if (!available) continue;
      const top = groups
        .filter((g) => g.gzip >= 256)
        .sort((a, b) => b.gzip - a.gzip)
        .slice(0, 8)
        .map((g) => `${g.group} ${kb(g.gzip)}`)
        .join(', ');
      console.log(`  ${file.replace(/-[\w-]{8}\.js$/, '.js')} (${kb(total)} KB): ${top}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  console.log(
    `\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${kb(totalmem() / 1024 / 1024)} GB, Node ${process.version}, ${await chromeVersion()}`,
  );
}

async function chromeVersion() {
  const result = spawnSync(findChrome(), ['--version'], { encoding: 'utf8' });
  return result.stdout.trim() || 'Chromium';
}

await main();
