// The benchmark's runs, one page at a time: each opens its page, does a warm-up where it
// measures, measures, and closes the page. The pages' drivers are in pages/instrument.js
// (`window.__bench`) and pages/baseline-page.js.
import { randomUUID } from 'node:crypto';
import { clockOffset, heapAfterGc, metrics, openPage } from './browser.js';
import { REMEND_INPUTS } from './fixtures/remend-inputs.js';
import { generateMarkdown, prng, shortReply } from './markdown-gen.js';
import { ANSWERS } from './quality-answers.js';
import { linearFit, median, quantile, withTimeout } from './stats.js';

/** @typedef {'widget' | 'floor' | 'oneshot' | 'naive'} Kind */
/** @typedef {Awaited<ReturnType<typeof import('./server.js').startBenchServer>>} BenchServer */
/**
 * @typedef {object} Context
 * @property {import('./browser.js').Browser} browser
 * @property {BenchServer} server
 * @property {string} warmText the warm-up reply of every page
 * @property {(line: string) => void} progress
 */

/**
 * Calls `window.__bench[method](...args)` in the page.
 * @param {import('./browser.js').Page} page
 * @param {string} method
 * @param {...unknown} args
 * @returns {Promise<any>}
 */
const call = (page, method, ...args) =>
  page.evaluate(
    (name, list) => /** @type {any} */ (window).__bench[/** @type {string} */ (name)](...list),
    method,
    args,
  );

/**
 * Opens the page of `kind` and waits until its socket is connected.
 * @param {Context} ctx
 * @param {Kind} kind
 * @param {string} [query] for the widget page, e.g. '?max-messages=100'
 */
async function openReady(ctx, kind, query = '') {
  const origin = ctx.server.origin;
  const url =
    kind === 'widget' ? `${origin}/bench/widget.html${query}` : `${origin}/bench/baseline.html?kind=${kind}`;
  const bench = await openPage(ctx.browser, url);
  try {
    if (kind === 'widget') await call(bench.page, 'widgetReady');
    else {
      await bench.page.waitForFunction(
        () => /** @type {any} */ (window).__bench?.baselineReady !== undefined,
      );
      await call(bench.page, 'baselineReady');
    }
  } catch (error) {
    await bench.close();
    throw error;
  }
  return bench;
}

/**
 * Streams `text` as the next reply into the page: the widget's send(), or the baseline's own socket.
 * @param {Context} ctx
 * @param {import('./browser.js').Page} page
 * @param {Kind} kind
 * @param {string} text
 * @param {string} prompt
 */
function reply(ctx, page, kind, text, prompt) {
  ctx.server.backend.nextReply(text);
  return call(page, kind === 'widget' ? 'widgetRun' : 'baselineRun', prompt);
}

/** @param {readonly number[]} sorted */
const distribution = (sorted) => ({
  count: sorted.length,
  p50: quantile(sorted, 0.5),
  p95: quantile(sorted, 0.95),
  max: sorted.length ? sorted[sorted.length - 1] : null,
});

/**
 * Streaming runs of `text` into a page of `kind`: a warm-up reply, then `repeats` measured
 * replies on the same page (emptied in between); the run with the median task time is the
 * result, with every run's task time in `taskMsRuns`. `timeoutMs`: a measured run that takes
 * longer is stopped and reported as it stands (`complete: false`, with an estimate of the whole
 * run; for the quadratic naive baseline). `selection`: the run is also the selection test (for
 * the naive baseline, whose 32 KB run takes long).
 * @param {Context} ctx
 * @param {Kind} kind
 * @param {string} text
 * @param {{timeoutMs?: number, selection?: boolean, repeats?: number}} [options]
 */
export async function streamingRun(
  ctx,
  kind,
  text,
  { timeoutMs = 120_000, selection = false, repeats = 1 } = {},
) {
  const bench = await openReady(ctx, kind);
  try {
    await reply(ctx, bench.page, kind, ctx.warmText, 'warm-up');
    const runs = [];
    for (let i = 0; i < repeats; i++) {
      await call(bench.page, kind === 'widget' ? 'widgetClear' : 'baselineClear');
      const run = await measureOnce(ctx, bench, kind, text, { timeoutMs, selection });
      runs.push(run);
      if (!run.complete) break;
    }
    return medianRun(runs);
  } finally {
    await bench.close();
  }
}

/**
 * Streaming runs of `text` into a page of each of `kinds`, taken in turns (one run of each kind,
 * then the next round), so that a machine whose load drifts during the section weighs on every
 * kind alike: the ratios between them are what the targets compare. Each page is opened and
 * warmed up first and stays open; per kind, the run with the median task time is the result, as
 * in {@link streamingRun}.
 * @param {Context} ctx
 * @param {Kind[]} kinds
 * @param {string} text
 * @param {{timeoutMs?: number, repeats?: number}} [options]
 */
export async function interleavedRuns(ctx, kinds, text, { timeoutMs = 120_000, repeats = 1 } = {}) {
  /** @type {Map<Kind, import('./browser.js').BenchPage>} */
  const pages = new Map();
  /** @type {Map<Kind, Awaited<ReturnType<typeof measureOnce>>[]>} */
  const runs = new Map(kinds.map((kind) => [kind, []]));
  try {
    for (const kind of kinds) {
      const bench = await openReady(ctx, kind);
      pages.set(kind, bench);
      await bench.page.bringToFront();
      await reply(ctx, bench.page, kind, ctx.warmText, 'warm-up');
    }
    for (let i = 0; i < repeats; i++) {
      for (const kind of kinds) {
        const bench = /** @type {import('./browser.js').BenchPage} */ (pages.get(kind));
        // The page in front: a page behind another one is hidden, and a hidden page runs no frames.
        await bench.page.bringToFront();
        await call(bench.page, kind === 'widget' ? 'widgetClear' : 'baselineClear');
        runs.get(kind)?.push(await measureOnce(ctx, bench, kind, text, { timeoutMs, selection: false }));
      }
    }
  } finally {
    for (const bench of pages.values()) await bench.close();
  }
  /** @type {Record<string, Awaited<ReturnType<typeof measureOnce>> & {taskMsRuns: number[]}>} */
  const byKind = {};
  for (const [kind, list] of runs) byKind[kind] = medianRun(list);
  return byKind;
}

/**
 * The run with the median task time, with every run's task time in `taskMsRuns`.
 * @template {{taskMs: number}} T
 * @param {T[]} runs
 */
function medianRun(runs) {
  const sorted = [...runs].sort((a, b) => a.taskMs - b.taskMs);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)], taskMsRuns: runs.map((run) => run.taskMs) };
}

/**
 * One measured reply on an open, warmed-up page.
 * @param {Context} ctx
 * @param {import('./browser.js').BenchPage} bench
 * @param {Kind} kind
 * @param {string} text
 * @param {{timeoutMs: number, selection: boolean}} options
 */
async function measureOnce(ctx, bench, kind, text, { timeoutMs, selection }) {
  const { server } = ctx;
  const clock = await clockOffset(bench.page);
  await call(bench.page, 'reset');
  server.backend.nextReply(text);
  server.tap.arm();
  const before = await metrics(bench.cdp);
  const method = kind === 'widget' ? 'widgetRun' : selection ? 'baselineSelection' : 'baselineRun';
  const running = call(bench.page, method, 'measure');
  running.catch(() => {}); // a run cut by the timeout rejects when its page closes
  const outcome = await withTimeout(running, timeoutMs);
  const after = await metrics(bench.cdp);
  const sent = server.tap.disarm();
  const snap = await call(bench.page, 'snapshot');

  const complete = outcome !== 'timeout';
  const result = complete ? (selection ? outcome.result : outcome) : null;
  /** @param {string} name a CDP metric in seconds → the delta in ms */
  const delta = (name) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
  const taskMs = delta('TaskDuration');
  const chunks = Math.ceil(text.length / 8);
  /** @type {number | null} */
  let estimatedTaskMs = null;
  if (!complete && snap.calls.length > 1) {
    // Naive: each update costs about a + b·length; the rest of the chunks, at the same
    // overhead ratio (task time / update time) as the part that ran.
    const fit = linearFit(snap.calls);
    let rest = 0;
    for (let i = snap.calls.length + 1; i <= chunks; i++)
      rest += fit.a + fit.b * Math.min(text.length, i * 8);
    const done = snap.calls.reduce((/** @type {number} */ sum, /** @type {number[]} */ [, d]) => sum + d, 0);
    estimatedTaskMs = taskMs + rest * (taskMs / (done || 1));
  }
  return {
    kind,
    textLength: text.length,
    complete,
    state: result?.state ?? 'unfinished',
    taskMs,
    /** Main-thread CPU time (CDP ThreadTime): what the page's own work cost, whatever else the machine runs. */
    cpuMs: delta('ThreadTime'),
    estimatedTaskMs,
    /** Of the task time (CDP): script, style recalculation and layout. */
    taskParts: {
      scriptMs: delta('ScriptDuration'),
      styleMs: delta('RecalcStyleDuration'),
      layoutMs: delta('LayoutDuration'),
    },
    longTasks: {
      count: snap.longTasks.length,
      longest: snap.longTasks.length ? Math.max(...snap.longTasks) : null,
    },
    updates: distribution(snap.updates),
    updateKinds: snap.updateKinds,
    frameCallbacks: snap.frameCallbacks,
    idleFrameCallbacks: snap.idleCallbacks,
    animationFrames: snap.animationFrames,
    framesReceived: snap.frames,
    chunksRendered: kind === 'naive' ? snap.calls.length : null,
    chunks,
    wallMs:
      complete && sent.first !== null ? snap.timeOrigin + snap.finalAt - clock.offset - sent.first : null,
    firstChunkLatencyMs:
      sent.first !== null && snap.firstChunkAt !== null
        ? snap.timeOrigin + snap.firstChunkAt - clock.offset - sent.first
        : null,
    clockRttMs: clock.rtt,
    sent: {
      chunks: sent.count,
      ms: sent.first !== null && sent.last !== null ? sent.last - sent.first : null,
      maxGapMs: sent.maxGap,
      maxBufferedBytes: sent.maxBuffered,
    },
    signature: result?.signature ?? null,
    selection: selection && complete ? selectionFigures(outcome) : null,
  };
}

/**
 * @param {{made: boolean, selected: string, after: string, unchanged: boolean, anchorConnected: boolean, selectedNodeConnected: boolean, anchorNow: string | null}} outcome
 */
const selectionFigures = ({
  made,
  selected,
  after,
  unchanged,
  anchorConnected,
  selectedNodeConnected,
  anchorNow,
}) => ({
  made,
  selected,
  after,
  unchanged,
  anchorConnected,
  selectedNodeConnected,
  anchorNow,
});

/**
 * Selection test on the widget: a 32 KB reply, text selected in its first paragraph once that
 * is complete; after the final render, is the selection the same and its anchor still connected?
 * @param {Context} ctx
 * @param {string} text
 */
export async function widgetSelectionRun(ctx, text) {
  const bench = await openReady(ctx, 'widget');
  try {
    await reply(ctx, bench.page, 'widget', ctx.warmText, 'warm-up');
    await call(bench.page, 'widgetClear');
    ctx.server.backend.nextReply(text);
    const outcome = await call(bench.page, 'widgetSelection', 'select');
    return { ...selectionFigures(outcome), api: outcome.api, state: outcome.result.state };
  } finally {
    await bench.close();
  }
}

/**
 * Burst: 2,000 chunk frames of one reply pushed within one second (spread evenly), then its
 * `complete`. Counts frames received, reply DOM updates and animation frames.
 * @param {Context} ctx
 * @param {number} count
 * @param {number} ms
 */
export async function burstRun(ctx, count = 2000, ms = 1000) {
  const { backend } = ctx.server;
  const bench = await openReady(ctx, 'widget');
  try {
    await reply(ctx, bench.page, 'widget', ctx.warmText, 'warm-up');
    await call(bench.page, 'widgetClear');
    await call(bench.page, 'reset');
    const text = generateMarkdown(count * 8, 7);
    const id = randomUUID();
    const session = 'bench-burst';
    /** @param {string} type @param {Record<string, unknown>} data */
    const frame = (type, data) => ({
      type,
      data,
      session_id: session,
      message_id: id,
      timestamp: new Date().toISOString(),
    });
    await bench.page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.__burst = w.__bench.burstWatch();
    });
    const start = performance.now();
    let pushed = 0;
    while (pushed < count) {
      const due = Math.min(count, Math.floor(((performance.now() - start) / ms) * count) + 1);
      for (; pushed < due; pushed++)
        backend.push(frame('chunk', { content: text.slice(pushed * 8, pushed * 8 + 8) }));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const pushMs = performance.now() - start;
    backend.push(frame('complete', {}));
    const watched = await bench.page.evaluate(() => /** @type {any} */ (window).__burst);
    return {
      pushed,
      pushMs,
      ...watched,
      pass:
        watched.state === 'complete' &&
        watched.maxUpdatesPerFrame <= 1 &&
        watched.frameUpdates <= watched.animationFrames,
    };
  } finally {
    await bench.close();
  }
}

/**
 * Others untouched: a transcript of `count` messages (history frames pushed by the server, half
 * user, half assistant markdown), then one more 8 KB reply streamed; did any of the earlier
 * message elements see a DOM mutation?
 * @param {Context} ctx
 * @param {number} count
 */
export async function transcriptRun(ctx, count = 100) {
  const { backend } = ctx.server;
  const bench = await openReady(ctx, 'widget', `?max-messages=${count}`);
  try {
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      const user = i % 2 === 0;
      backend.push({
        type: 'message',
        data: {
          id,
          session_id: 'bench-history',
          content: user ? `Question ${i}: what should I know about this?` : shortReply(500 + i),
          type: user ? 'user' : 'ai',
          timestamp: new Date(Date.now() - (count - i) * 60_000).toISOString(),
          sender_id: user ? 'user' : 'assistant',
          metadata: null,
        },
        session_id: 'bench-history',
        message_id: id,
        timestamp: new Date().toISOString(),
      });
    }
    const filled = await call(bench.page, 'widgetMessages', count);
    backend.nextReply(generateMarkdown(8 * 1024, 11));
    const outcome = await call(bench.page, 'othersUntouched', 'one more');
    return { filled, ...outcome, pass: outcome.result.state === 'complete' && outcome.mutated === 0 };
  } finally {
    await bench.close();
  }
}

/**
 * Heap: `total` short replies streamed through max-messages=100, the JS heap after forced GC at
 * each checkpoint, and the message elements left in the DOM.
 * @param {Context} ctx
 * @param {number[]} checkpoints ascending, the last is the total
 */
export async function heapRun(ctx, checkpoints = [100, 500, 1000]) {
  const { backend } = ctx.server;
  const bench = await openReady(ctx, 'widget', '?max-messages=100');
  try {
    const total = checkpoints[checkpoints.length - 1];
    for (let i = 0; i < total; i++) backend.nextReply(shortReply(10_000 + i));
    /** @type {{replies: number, usedSize: number, jsHeapUsed: number, elements: number, messages: number, failed: number}[]} */
    const figures = [];
    let done = 0;
    const start = performance.now();
    for (const at of checkpoints) {
      const run = await call(bench.page, 'widgetReplies', at - done, `q${done}-`);
      done = at;
      const heap = await heapAfterGc(bench.cdp);
      figures.push({
        replies: at,
        ...heap,
        elements: run.elements,
        messages: run.messages,
        failed: run.failed,
      });
      ctx.progress(`  heap after ${at} replies: ${(heap.usedSize / 1048576).toFixed(2)} MB`);
    }
    const first = figures[0];
    const last = figures[figures.length - 1];
    const ratio = last.usedSize / first.usedSize;
    return {
      figures,
      ratio,
      seconds: (performance.now() - start) / 1000,
      elementsAtEnd: last.elements,
      failed: figures.reduce((sum, f) => sum + f.failed, 0),
      pass: ratio <= 1.25 && last.elements <= 100,
    };
  } finally {
    await bench.close();
  }
}

/**
 * Startup: navigation start → /dist/ai-chat.js fetched, → <ai-chat> defined, → its first render;
 * one warm-up load, then the median of `loads` fresh loads.
 * @param {Context} ctx
 * @param {number} loads
 */
export async function startupRun(ctx, loads = 5) {
  /** @type {{scriptLoaded: number | null, defined: number | null, firstRender: number | null, hasContent: boolean}[]} */
  const samples = [];
  for (let i = 0; i <= loads; i++) {
    const bench = await openPage(ctx.browser, `${ctx.server.origin}/bench/widget.html`);
    try {
      const figures = await call(bench.page, 'startupFigures');
      if (i > 0) samples.push(figures);
    } finally {
      await bench.close();
    }
  }
  /** @param {'scriptLoaded' | 'defined' | 'firstRender'} key */
  const med = (key) => median(samples.map((s) => s[key]).filter((v) => v !== null));
  return {
    samples,
    scriptLoadedMs: med('scriptLoaded'),
    definedMs: med('defined'),
    firstRenderMs: med('firstRender'),
    allRendered: samples.every((s) => s.hasContent),
  };
}

/** The prefix lengths of `length` characters streamed in random chunks of `min`–`max` characters. */
function randomCuts(/** @type {number} */ length, /** @type {number} */ seed, min = 1, max = 12) {
  const random = prng(seed);
  /** @type {number[]} */
  const cuts = [];
  for (let at = min + Math.floor(random() * (max - min + 1)); at < length;) {
    cuts.push(at);
    at += min + Math.floor(random() * (max - min + 1));
  }
  return cuts;
}

/** Every prefix length of a text of `length` characters, one character at a time (the whole excluded). */
const everyCut = (/** @type {number} */ length) =>
  Array.from({ length: Math.max(0, length - 1) }, (_, i) => i + 1);

/**
 * Adds the figures of `more` (same renderers) into `into`.
 * @param {Record<string, Record<string, number | string[]>>} into
 * @param {Record<string, Record<string, number | string[]>>} more
 */
function addFigures(into, more) {
  for (const [kind, figures] of Object.entries(more)) {
    const target = (into[kind] ??= {});
    for (const [key, value] of Object.entries(figures)) {
      if (Array.isArray(value))
        target[key] = [.../** @type {string[]} */ (target[key] ?? []), ...value].slice(0, 6);
      else target[key] = /** @type {number} */ (target[key] ?? 0) + value;
    }
  }
  return into;
}

/**
 * Streaming quality: the five realistic answers in random 1–12 character chunks (`seeds`
 * chunkings each), remend's own test inputs one character at a time, and `Key points:\n- Drink
 * water` one character at a time, each through the widget's MarkdownStream, remend + the same
 * renderer, and the renderer alone (see pages/quality-page.js).
 * @param {Context} ctx
 * @param {number[]} seeds
 */
export async function qualityRun(ctx, seeds = [1, 2, 3]) {
  const bench = await openPage(ctx.browser, `${ctx.server.origin}/bench/quality.html`);
  try {
    await bench.page.waitForFunction(() => /** @type {any} */ (window).__quality?.ready === true);
    /** @param {{name: string, text: string, cuts: number[]}[]} texts */
    const measure = async (texts) => {
      /** @type {Record<string, Record<string, number | string[]>>} */
      let total = {};
      // In batches: one page.evaluate must stay well under the protocol timeout.
      for (let i = 0; i < texts.length; i += 40) {
        const batch = texts.slice(i, i + 40);
        const figures = await bench.page.evaluate(
          (input) => /** @type {any} */ (window).__quality.run(input),
          { texts: batch, selectionEvery: 5 },
        );
        total = addFigures(total, figures);
      }
      return total;
    };
    const answerTexts = ANSWERS.flatMap(([name, text]) =>
      seeds.map((seed) => ({ name, text, cuts: randomCuts(text.length, seed) })),
    );
    ctx.progress(`  ${answerTexts.length} answer streams`);
    const answers = await measure(answerTexts);
    ctx.progress(`  ${REMEND_INPUTS.length} remend test inputs, a character at a time`);
    const remend = await measure(
      REMEND_INPUTS.map(([file, text], i) => ({ name: `${file} #${i}`, text, cuts: everyCut(text.length) })),
    );
    ctx.progress('  view jumps: the answers streamed into the widget at a reading pace');
    const jumps = await viewJumpRun(ctx);
    const keyPointsText = 'Key points:\n- Drink water';
    const keyPoints = await measure([
      { name: 'key points', text: keyPointsText, cuts: everyCut(keyPointsText.length) },
    ]);
    return {
      seeds,
      answers,
      answerCount: ANSWERS.length,
      answerCharacters: ANSWERS.reduce((sum, [, text]) => sum + text.length, 0),
      remend,
      remendInputs: REMEND_INPUTS.length,
      keyPoints,
      jumps,
    };
  } finally {
    await bench.close();
  }
}

/**
 * View jumps in the real widget: the five answers streamed one after another as replies, in
 * random 1–12 character chunk frames about `chunkMs` apart (a person's reading pace), into a
 * transcript that follows its bottom; on every animation frame, did the transcript get shorter
 * while it was following its bottom?
 * @param {Context} ctx
 * @param {number} chunkMs
 */
export async function viewJumpRun(ctx, chunkMs = 12) {
  const { backend } = ctx.server;
  const bench = await openReady(ctx, 'widget');
  try {
    await reply(ctx, bench.page, 'widget', ctx.warmText, 'warm-up');
    await call(bench.page, 'widgetClear');
    await bench.page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.__jumps = w.__bench.viewJumpWatch();
    });
    const session = 'bench-jumps';
    let chunks = 0;
    for (const [index, [, text]] of ANSWERS.entries()) {
      const id = randomUUID();
      /** @param {string} type @param {Record<string, unknown>} data */
      const frame = (type, data) => ({
        type,
        data,
        session_id: session,
        message_id: id,
        timestamp: new Date().toISOString(),
      });
      const finished = bench.page.evaluate(() => /** @type {any} */ (window).__bench.nextReplyDone());
      let at = 0;
      for (const cut of [...randomCuts(text.length, 100 + index), text.length]) {
        backend.push(frame('chunk', { content: text.slice(at, cut) }));
        at = cut;
        chunks++;
        await new Promise((resolve) => setTimeout(resolve, chunkMs));
      }
      backend.push(frame('complete', {}));
      await finished;
    }
    const figures = await bench.page.evaluate(() => /** @type {any} */ (window).__jumps.stop());
    return { ...figures, chunks, chunkMs, replies: ANSWERS.length };
  } finally {
    await bench.close();
  }
}

/**
 * Huge blocks into the widget's renderer alone (pages/quality-page.js `paced`): `perFrame`
 * characters more on every animation frame, then the final update.
 * @param {Context} ctx
 * @param {[string, string][]} texts
 * @param {number} perFrame
 */
export async function pacedRun(ctx, texts, perFrame) {
  const bench = await openPage(ctx.browser, `${ctx.server.origin}/bench/quality.html`);
  try {
    await bench.page.waitForFunction(() => /** @type {any} */ (window).__quality?.ready === true);
    const rows = [];
    for (const [name, text] of texts) {
      ctx.progress(`  ${name}, ${perFrame} characters a frame`);
      const figures = await bench.page.evaluate(
        (t, n) => /** @type {any} */ (window).__quality.paced(t, n),
        text,
        perFrame,
      );
      rows.push({ name, perFrame, ...figures });
    }
    return rows;
  } finally {
    await bench.close();
  }
}

/**
 * One more item at the end of lists of each length in `counts`, in the widget's styles
 * (pages/quality-page.js `appendItem`): what the browser's layout of it costs.
 * @param {Context} ctx
 * @param {number[]} counts
 */
export async function appendItemRun(ctx, counts, rounds = 30) {
  const bench = await openPage(ctx.browser, `${ctx.server.origin}/bench/quality.html`);
  try {
    await bench.page.waitForFunction(() => /** @type {any} */ (window).__quality?.ready === true);
    const rows = [];
    for (const count of counts) {
      ctx.progress(`  one more item after ${count.toLocaleString('en')}`);
      rows.push(
        await bench.page.evaluate(
          (n, r) => /** @type {any} */ (window).__quality.appendItem(n, r),
          count,
          rounds,
        ),
      );
    }
    return rows;
  } finally {
    await bench.close();
  }
}

/**
 * The session's cost per socket frame, on the fake socket in the page (baselines.ts
 * `sessionFlood`): no network, no render; against `JSON.parse` of the same frames.
 * @param {Context} ctx
 */
export async function sessionRun(ctx, frames = 16_000) {
  const bench = await openPage(ctx.browser, `${ctx.server.origin}/bench/baseline.html?kind=floor`);
  try {
    ctx.progress(`  ${frames.toLocaleString('en-US')} chunk frames, 7 rounds`);
    const figures = await bench.page.evaluate(async (count) => {
      const url = '/baselines/baselines.js';
      const baselines = await import(url);
      return baselines.sessionFlood(count);
    }, frames);
    return { frames, ...figures };
  } finally {
    await bench.close();
  }
}
