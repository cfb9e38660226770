// The renderer's cost from a cold start: `npm run bench:warmup -- [--size=128] [--step=1024]
// [--repeats=4]`. In one fresh page, the widget's MarkdownStream renders the same reply `repeats`
// times, `step` characters more per update (no time budget: each update renders all it is given),
// and prints, per repetition, the updates' p50, p95, longest and sum. The first repetition is the
// first reply a page ever renders: V8 runs the lexer, the sanitizer and the patching in its
// interpreter until they are hot, so the same updates cost several times more than once warm.
// `npm run bench` and `npm run bench:compare` warm each page with one short reply first, so their
// figures lie between the two.
import { resolve } from 'node:path';
import { launchBrowser, openPage } from './browser.js';
import { buildBaselines } from './build.js';
import { generateMarkdown } from './markdown-gen.js';
import { quantile } from './stats.js';
import { startBenchServer } from './server.js';

const args = process.argv.slice(2);
const option = (/** @type {string} */ name, /** @type {number} */ fallback) =>
  Number(args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const sizeKB = option('size', 128);
const step = option('step', 1024);
const repeats = option('repeats', 4);

const root = resolve(import.meta.dirname, '../..');
const baselinesDir = resolve(root, 'bench-results/baselines');
// The renderer comes with the baselines' bundle (built from the source tree, as in `npm run bench`).
await buildBaselines(root, baselinesDir);
const server = await startBenchServer({
  root,
  distDir: resolve(root, 'dist'),
  baselinesDir,
  pace: { thinkMs: 0, chunkMs: 0, chunkChars: 8 },
});
const browser = await launchBrowser();
try {
  const bench = await openPage(browser, `${server.origin}/bench/quality.html`);
  await bench.page.waitForFunction(() => /** @type {any} */ (window).__quality?.ready === true);
  const text = generateMarkdown(sizeKB * 1024, sizeKB);
  /** @type {number[][]} */
  const runs = await bench.page.evaluate(
    async (reply, size, times) => {
      const url = '/baselines/baselines.js';
      const baselines = await import(url);
      const all = [];
      for (let run = 0; run < times; run++) {
        const container = document.createElement('div');
        container.className = 'markdown';
        document.body.append(container);
        const stream = baselines.widgetStream(container, { budgetMs: Infinity });
        const durations = [];
        for (let at = size; at < reply.length + size; at += size) {
          const end = Math.min(at, reply.length);
          const start = performance.now();
          stream.update(reply.slice(0, end), end === reply.length);
          durations.push(performance.now() - start);
        }
        container.remove();
        all.push(durations);
      }
      return all;
    },
    text,
    step,
    repeats,
  );
  await bench.close();
  console.log(
    `${sizeKB} KB reply (${text.length.toLocaleString('en-US')} characters), ${step} characters an update, ` +
      `the renderer alone (no socket, no frames in between), in one fresh page:`,
  );
  for (const [index, durations] of runs.entries()) {
    const sorted = [...durations].sort((a, b) => a - b);
    const sum = durations.reduce((total, ms) => total + ms, 0);
    console.log(
      `  render ${index + 1}: ${durations.length} updates, p50 ${(quantile(sorted, 0.5) ?? NaN).toFixed(2)} ms, ` +
        `p95 ${(quantile(sorted, 0.95) ?? NaN).toFixed(2)} ms, longest ${(sorted[sorted.length - 1] ?? NaN).toFixed(1)} ms, ` +
        `sum ${sum.toFixed(0)} ms, updates over 4 ms: ${sorted.filter((ms) => ms > 4).length}`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
