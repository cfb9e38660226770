// Two builds of the widget, streamed the same reply in turns: `npm run bench:compare -- <dir A>
// <dir B> [--sizes=32,128] [--rounds=7]`, where each dir is a `dist/` of `npx vite build` (copy it
// aside before changing the code). On a machine whose load drifts, single runs of the streaming
// section vary by up to 1.5×, more than most changes; here the two builds and the floor take
// turns run by run, in one browser, so that drift weighs on each alike, and the medians compare.
// Prints, per build: main-thread CPU and task time, updates, their p95 and longest, long tasks.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchBrowser, metrics, openPage } from './browser.js';
import { buildBaselines } from './build.js';
import { generateMarkdown } from './markdown-gen.js';
import { startBenchServer } from './server.js';

const args = process.argv.slice(2);
const option = (/** @type {string} */ name, /** @type {string} */ fallback) =>
  args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const dirs = args.filter((arg) => !arg.startsWith('--'));
if (dirs.length !== 2) {
  console.error('usage: npm run bench:compare -- <dist dir A> <dist dir B> [--sizes=32,128] [--rounds=7]');
  process.exit(2);
}
const sizes = option('sizes', '32,128').split(',').map(Number);
const rounds = Number(option('rounds', '7'));
const root = resolve(import.meta.dirname, '../..');
const pace = { thinkMs: 0, chunkMs: 0, chunkChars: 8 };
// The floor's page (a bare WebSocket) comes with the baselines' bundle, as in `npm run bench`.
const baselinesDir = resolve(root, 'bench-results/baselines');
if (!existsSync(resolve(baselinesDir, 'baselines.js'))) await buildBaselines(root, baselinesDir);

/** @param {string} distDir */
const serve = (distDir) => startBenchServer({ root, distDir: resolve(distDir), baselinesDir, pace });

/**
 * @param {import('./browser.js').Page} page
 * @param {string} method
 * @param {...unknown} list
 * @returns {Promise<any>}
 */
const call = (page, method, ...list) =>
  page.evaluate(
    (name, values) => /** @type {any} */ (window).__bench[/** @type {string} */ (name)](...values),
    method,
    list,
  );

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[(values.length - 1) >> 1] ?? NaN;

const servers = [await serve(dirs[0] ?? ''), await serve(dirs[1] ?? '')];
const browser = await launchBrowser();
try {
  for (const sizeKB of sizes) {
    const text = generateMarkdown(sizeKB * 1024, sizeKB);
    /** @type {{name: string, server: (typeof servers)[number], widget: boolean, bench: import('./browser.js').BenchPage, runs: {cpu: number, task: number, updates: number, p95: number, max: number, long: number[]}[]}[]} */
    const pages = [];
    for (const [name, server, widget] of /** @type {const} */ ([
      ['A', servers[0], true],
      ['B', servers[1], true],
      ['floor', servers[0], false],
    ])) {
      const url = widget
        ? `${server.origin}/bench/widget.html`
        : `${server.origin}/bench/baseline.html?kind=floor`;
      const bench = await openPage(browser, url);
      if (widget) await call(bench.page, 'widgetReady');
      else {
        await bench.page.waitForFunction(
          () => /** @type {any} */ (window).__bench?.baselineReady !== undefined,
        );
        await call(bench.page, 'baselineReady');
      }
      await bench.page.bringToFront();
      server.backend.nextReply(generateMarkdown(4096, 99));
      await call(bench.page, widget ? 'widgetRun' : 'baselineRun', 'warm-up');
      pages.push({ name, server, widget, bench, runs: [] });
    }
    for (let round = 0; round < rounds; round++) {
      for (const entry of pages) {
        const { page, cdp } = entry.bench;
        // In front: a page behind another is hidden, and a hidden page runs no frames.
        await page.bringToFront();
        await call(page, entry.widget ? 'widgetClear' : 'baselineClear');
        await call(page, 'reset');
        entry.server.backend.nextReply(text);
        const before = await metrics(cdp);
        await call(page, entry.widget ? 'widgetRun' : 'baselineRun', 'measure');
        const after = await metrics(cdp);
        const snap = await call(page, 'snapshot');
        /** @type {number[]} */
        const updates = snap.updates;
        entry.runs.push({
          cpu: ((after.ThreadTime ?? 0) - (before.ThreadTime ?? 0)) * 1000,
          task: ((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) * 1000,
          updates: updates.length,
          p95: updates[Math.max(0, Math.ceil(updates.length * 0.95) - 1)] ?? NaN,
          max: updates[updates.length - 1] ?? NaN,
          long: snap.longTasks,
        });
      }
    }
    console.log(`\n${sizeKB} KB, ${rounds} rounds (medians; the runs in order after "|")`);
    for (const { name, runs, bench } of pages) {
      const of = (/** @type {'cpu' | 'task' | 'updates' | 'p95' | 'max'} */ key) =>
        median(runs.map((run) => run[key]));
      const long = runs.map((run) =>
        run.long.length ? `${run.long.length} (${Math.round(Math.max(...run.long))} ms)` : '0',
      );
      console.log(
        `${name.padEnd(5)} cpu ${of('cpu').toFixed(0)} ms, task ${of('task').toFixed(0)} ms, ` +
          (name === 'floor'
            ? ''
            : `${of('updates')} updates, p95 ${of('p95').toFixed(1)} ms, longest ${of('max').toFixed(1)} ms, long tasks ${long.join(' ')} `) +
          `| cpu ${runs.map((run) => run.cpu.toFixed(0)).join(' ')}` +
          (name === 'floor' ? '' : ` | p95 ${runs.map((run) => run.p95.toFixed(1)).join(' ')}`),
      );
      await bench.close();
    }
  }
} finally {
  await browser.close();
  for (const server of servers) await server.close();
}
