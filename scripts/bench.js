// `npm run bench`: measures <ai-chat> in real headless Chromium and prints a report (it is not a
// test: it exits 0 whatever the figures, non-zero only when the benchmark itself breaks).
//
// It builds dist/ai-chat.js and a baseline bundle (scripts/bench/baselines.ts), serves them with
// the pages of scripts/bench/pages/ from a server on 127.0.0.1 with the mock AI backend attached,
// and streams seeded, realistic markdown replies of 8, 32 and 128 KB, 8 characters a frame, as
// fast as the socket takes them, into the widget and into three baselines fed the same frames:
//   floor     a bare WebSocket that only parses the frames and joins the text
//   one-shot  the same, plus one render of the whole text at the end (the project's renderMarkdown)
//   naive     innerHTML = DOMPurify.sanitize(marked.parse(all text so far)) on every chunk
// Then: does a selection survive streaming, a burst of 2,000 frames in a second, does a new
// reply touch the 100 messages before it, the heap over 1,000 replies, startup, and the size.
// Then the streaming quality: realistic answers, and remend's own test inputs, streamed prefix
// by prefix into the widget's renderer and into marked + remend, every frame compared with the
// final render (pages/quality-page.js).
// Every figure also goes to bench-results/latest.json.
//
// `npm run bench -- --only=quality,streaming` runs only the named sections (streaming, shapes,
// selection, burst, transcript, heap, session, startup, quality, size); `--sizes=32,128` only those
// streaming sizes (KB); `--kinds=widget,floor,oneshot` only those pages.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBaselines, buildDist, buildWithSourcemap } from './bench/build.js';
import { launchBrowser } from './bench/browser.js';
import { generateMarkdown, manyItems, singleList, singleTable } from './bench/markdown-gen.js';
import * as report from './bench/report.js';
import * as scenarios from './bench/scenarios.js';
import { startBenchServer } from './bench/server.js';
import { gzipSize, sizeBreakdown } from './bench/size.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench-results');
/** Every chunk frame right after the previous one (the mock waits one macrotask: setImmediate). */
const PACE = { thinkMs: 0, chunkMs: 0, chunkChars: 8 };
const sizesArg = process.argv.find((arg) => arg.startsWith('--sizes='));
/** The streamed reply sizes (KB); `--sizes=128` runs one. */
const SIZES_KB = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : [8, 32, 128];
const kindsArg = process.argv.find((arg) => arg.startsWith('--kinds='));
/** What is streamed into; `--kinds=widget,floor,oneshot` leaves the slow naive baseline out. */
const KINDS = /** @type {('widget' | 'floor' | 'oneshot' | 'naive')[]} */ (
  kindsArg ? kindsArg.slice('--kinds='.length).split(',') : ['widget', 'floor', 'oneshot', 'naive']
);
/**
 * The naive baseline is quadratic (about 3 s at 8 KB, 30–50 s at 32 KB, 10 minutes at 128 KB
 * here): past its budget a run stops and the rest is estimated. The 32 KB run must finish (it is
 * also the naive selection test and the base of the naive 128/32 ratio).
 */
const NAIVE_BUDGET_MS = /** @type {Record<number, number>} */ ({ 8: 60_000, 32: 120_000, 128: 25_000 });
/** Measured runs per page (the median is reported); the naive baseline runs once. */
const REPEATS = 5;
const SIZE_TARGET = 45 * 1024;

/** @param {string} line */
const progress = (line) => process.stderr.write(`${line}\n`);
/** @param {string} text */
const print = (text) => process.stdout.write(`${text}\n`);

function describeMachine() {
  /** @param {string[]} args */
  const git = (args) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trimEnd();
    } catch {
      return '';
    }
  };
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    loadAverage: loadavg()[0],
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
    chromium: '',
    commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown',
    dirty: git(['status', '--porcelain', '--', 'src', 'vite.config.ts', 'package.json'])
      .split('\n')
      .map((line) => line.trimEnd())
      .filter(Boolean)
      .map((line) => line.slice(3)),
  };
}

/** Set when a section broke: the report goes on, the exit code says so. */
let broken = false;

const onlyArg = process.argv.find((arg) => arg.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
/** Whether the section named `key` runs. @param {string} key */
const wanted = (key) => !only || only.has(key);

/**
 * Runs one section of the benchmark; if it throws, prints why and goes on.
 * @template T
 * @param {string} name
 * @param {() => Promise<T>} run
 * @returns {Promise<T | null>}
 */
async function section(name, run) {
  progress(`${name} …`);
  try {
    return await run();
  } catch (error) {
    broken = true;
    print(`\n${name}: BROKE: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return null;
  }
}

async function main() {
  const started = performance.now();
  const machine = describeMachine();
  mkdirSync(RESULTS, { recursive: true });
  progress('building dist/ai-chat.js (npx vite build) …');
  // Served and measured from a copy: someone may rebuild dist/ while the benchmark runs.
  // The whole directory: ai-chat.js loads its panel, session and renderer from chunks/ beside it.
  const distFile = join(RESULTS, 'dist', 'ai-chat.js');
  rmSync(dirname(distFile), { recursive: true, force: true });
  cpSync(dirname(buildDist(ROOT)), dirname(distFile), { recursive: true });
  progress('building the baselines (scripts/bench/baselines.ts) …');
  await buildBaselines(ROOT, join(RESULTS, 'baselines'));

  const server = await startBenchServer({
    root: ROOT,
    distDir: dirname(distFile),
    baselinesDir: join(RESULTS, 'baselines'),
    pace: PACE,
  });
  const browser = await launchBrowser();
  machine.chromium = await browser.version();
  print(report.machineReport(machine));

  /** @type {import('./bench/scenarios.js').Context} */
  const ctx = { browser, server, warmText: generateMarkdown(4 * 1024, 99), progress };
  /** @type {Record<string, unknown>} */
  const results = { machine, pace: PACE, date: new Date().toISOString() };
  try {
    // 1. Streaming runs (and, folded into the naive 32 KB run, its selection test: it takes long).
    /** @type {import('./bench/report.js').StreamingSize[]} */
    const streaming = [];
    if (wanted('streaming')) print(report.streamingLegend(REPEATS));
    for (const sizeKB of wanted('streaming') ? SIZES_KB : []) {
      const text = generateMarkdown(sizeKB * 1024, sizeKB);
      const rows = await section(`streaming ${sizeKB} KB`, async () => {
        /** @type {Record<string, import('./bench/report.js').StreamingResult>} */
        const byKind = {};
        // The widget and the baselines it is compared with take turns, run by run.
        const compared = KINDS.filter((kind) => kind !== 'naive');
        progress(`  into ${compared.join(', ')}, in turns`);
        Object.assign(byKind, await scenarios.interleavedRuns(ctx, compared, text, { repeats: REPEATS }));
        if (KINDS.includes('naive')) {
          progress('  into naive');
          byKind.naive = await scenarios.streamingRun(ctx, 'naive', text, {
            timeoutMs: NAIVE_BUDGET_MS[sizeKB],
            selection: sizeKB === 32,
            repeats: 1,
          });
        }
        return byKind;
      });
      if (!rows) continue;
      streaming.push({ sizeKB, rows });
      print(report.streamingTable({ sizeKB, rows }));
    }
    // 1b. Shapes that are one huge block: one list, one table, 100,000 list items.
    if (wanted('shapes')) {
      /** @type {import('./bench/report.js').ShapeRow[]} */
      const shapes = [];
      const shapeTexts = /** @type {[string, string][]} */ ([
        ['128 KB single list', singleList(128 * 1024, 5)],
        ['128 KB single table', singleTable(128 * 1024, 6)],
      ]);
      for (const [name, text] of shapeTexts) {
        const row = await section(`shape: ${name}`, async () => {
          const widget = await scenarios.streamingRun(ctx, 'widget', text, { timeoutMs: 300_000 });
          const oneshot = await scenarios.streamingRun(ctx, 'oneshot', text, { timeoutMs: 300_000 });
          return { name, widget, oneshot };
        });
        if (row) shapes.push(row);
      }
      // 100,000 items (1.3 MB) are more than a reply may hold (512 KB): the renderer alone.
      const paced = await section('shapes: the renderer alone, one update per animation frame', () =>
        scenarios.pacedRun(ctx, [...shapeTexts, ['100,000 list items', manyItems(100_000)]], 4096),
      );
      const appended = await section('shapes: one more item at the end of a long list', () =>
        scenarios.appendItemRun(ctx, [3_000, 30_000, 100_000]),
      );
      print(report.shapesReport(shapes, paced ?? [], appended ?? []));
      results.shapes = { widget: shapes, paced, appended };
    }

    const targets = report.streamingTargets(streaming);
    if (targets.length) print(report.targetLines('Streaming targets', targets));
    results.streaming = streaming;
    results.streamingTargets = targets;

    // 2. Selection (the widget here; the naive baseline's was its 32 KB run).
    if (wanted('selection'))
      results.selection = await section('selection', async () => {
        const widget = await scenarios.widgetSelectionRun(ctx, generateMarkdown(32 * 1024, 32));
        const naive = streaming.find((s) => s.sizeKB === 32)?.rows.naive.selection ?? null;
        print(report.selectionReport(widget, naive));
        return { widget, naive };
      });

    // 3. Burst.
    if (wanted('burst'))
      results.burst = await section('burst', async () => {
        const burst = await scenarios.burstRun(ctx);
        print(report.burstReport(burst));
        return burst;
      });

    // 4. Others untouched.
    if (wanted('transcript'))
      results.transcript = await section('100-message transcript', async () => {
        const transcript = await scenarios.transcriptRun(ctx);
        print(report.transcriptReport(transcript));
        return transcript;
      });

    // 5. Heap.
    if (wanted('heap'))
      results.heap = await section('heap: 1,000 replies', async () => {
        const heap = await scenarios.heapRun(ctx);
        print(report.heapReport(heap));
        return heap;
      });

    // The session alone, per socket frame (what the widget adds to the floor before rendering).
    if (wanted('session'))
      results.session = await section('session', async () => {
        const session = await scenarios.sessionRun(ctx);
        print(report.sessionReport(session));
        return session;
      });

    // 6. Startup.
    if (wanted('startup'))
      results.startup = await section('startup', async () => {
        const startup = await scenarios.startupRun(ctx);
        print(report.startupReport(startup));
        return startup;
      });

    // 7. Streaming quality.
    if (wanted('quality'))
      results.quality = await section('streaming quality', async () => {
        const quality = await scenarios.qualityRun(ctx);
        print(report.qualityReport(quality));
        return quality;
      });

    const violations = server.backend.violations();
    results.protocolViolations = violations.length;
    if (violations.length) {
      print(
        `\n(the mock backend saw ${violations.length} protocol violations: ${violations.slice(0, 3).join(' | ')})`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }

  // 8. Size.
  if (wanted('size'))
    results.size = await section('size', async () => {
      const mapped = buildWithSourcemap(ROOT, join(RESULTS, 'sourcemap-build'));
      const size = {
        raw: statSync(distFile).size,
        gzip: gzipSize(readFileSync(distFile)),
        limit: SIZE_TARGET,
        mappedBuildRaw: statSync(mapped).size,
        breakdown: await sizeBreakdown(mapped),
      };
      print(report.sizeReport(size));
      return size;
    });

  const seconds = (performance.now() - started) / 1000;
  results.seconds = seconds;
  writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  print(
    `\nAll figures: ${join('bench-results', 'latest.json')} (the benchmark took ${seconds.toFixed(0)} s)`,
  );
  if (broken) process.exitCode = 1;
}

main().catch((error) => {
  console.error('bench: broke:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
