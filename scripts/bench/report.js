// The benchmark's printed report: tables and PASS/FAIL lines, from the figures of scenarios.js.

/** @typedef {Awaited<ReturnType<typeof import('./scenarios.js').streamingRun>>} StreamingResult */
/** @typedef {{sizeKB: number, rows: Record<string, StreamingResult>}} StreamingSize */
/** @typedef {{name: string, value: string, pass: boolean}} Target */

/**
 * A number with `digits` decimals, '—' for null/undefined/NaN.
 * @param {number | null | undefined} value
 * @param {number} [digits]
 */
export const num = (value, digits = 1) =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);

/** @param {number} bytes */
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** @param {boolean} pass */
const verdict = (pass) => (pass ? 'PASS' : 'FAIL');

/**
 * Left-aligned first column, right-aligned others.
 * @param {string[][]} rows
 */
function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows
    .map((row) =>
      row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('   '),
    )
    .join('\n');
}

/** @param {string} title */
const heading = (title) => `\n${title}\n${'─'.repeat(title.length)}`;

/**
 * @param {{cpu: string, cores: number, memoryGB: number, loadAverage: number, chromium: string, node: string, platform: string, commit: string, dirty: string[]}} machine
 */
export function machineReport(machine) {
  const lines = [
    `machine   ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, ${machine.platform}, load average ${machine.loadAverage.toFixed(2)} at the start${machine.loadAverage > machine.cores / 2 ? ' (busy: expect noisy figures)' : ''}`,
    `browser   ${machine.chromium} (headless)`,
    `node      ${machine.node}`,
    `commit    ${machine.commit}${machine.dirty.length ? ` + uncommitted changes in ${machine.dirty.join(', ')}` : ''}`,
  ];
  return lines.join('\n');
}

const LABELS = /** @type {Record<string, string>} */ ({
  widget: 'widget',
  floor: 'floor',
  oneshot: 'one-shot',
  naive: 'naive',
});

/**
 * What the columns of the streaming tables mean.
 * @param {number} repeats measured replies per page
 */
export function streamingLegend(repeats) {
  return [
    heading('Streaming: each reply sent by the mock backend in 8-character chunk frames, back to back'),
    'task ms      main-thread task time, CDP Performance TaskDuration, from send() to the final render',
    'long tasks   count / longest ms (PerformanceObserver longtask) in that window',
    'update       a frame callback (widget) or an update call (baselines) that changed the reply DOM,',
    '             timed from its start to the delivery of its mutations (microtasks included)',
    'idle frames  frame callbacks of the widget that changed nothing in the reply',
    'wall ms      first chunk sent by the server → final render (clocks aligned over CDP)',
    `Each page: a warm-up reply, then the median (by task time) of ${repeats} measured replies; naive: 1.`,
  ].join('\n');
}

/** @param {StreamingSize} size */
export function streamingTable({ sizeKB, rows }) {
  const any = Object.values(rows)[0];
  const title = `${sizeKB} KB reply: ${any.textLength.toLocaleString('en')} characters in ${any.chunks.toLocaleString('en')} chunks of 8`;
  /** @type {string[][]} */
  const cells = [
    ['', 'task ms', 'long tasks', 'update p50 / p95 / max ms', 'updates', 'idle frames', 'wall ms'],
  ];
  /** @type {string[]} */
  const notes = [];
  for (const [kind, row] of Object.entries(rows)) {
    const u = row.updates;
    const task = row.complete ? num(row.taskMs) : `>${num(row.taskMs, 0)}`;
    cells.push([
      LABELS[kind] ?? kind,
      task,
      `${row.longTasks.count} / ${num(row.longTasks.longest, 0)}`,
      kind === 'floor' ? '—' : `${num(u.p50, 2)} / ${num(u.p95, 2)} / ${num(u.max, 2)}`,
      kind === 'floor' ? '—' : String(u.count),
      kind === 'widget' ? String(row.idleFrameCallbacks) : '—',
      row.complete ? num(row.wallMs) : '—',
    ]);
    if (!row.complete) {
      notes.push(
        `  ${LABELS[kind]}: stopped after ${(row.taskMs / 1000).toFixed(0)} s with ${row.chunksRendered ?? '?'} of ${row.chunks} chunks rendered; ` +
          `whole run estimated at ~${num(row.estimatedTaskMs, 0)} ms task time (per-update cost fitted linearly on text length)`,
      );
    }
    if (row.state !== 'complete' && row.complete)
      notes.push(`  ${LABELS[kind]}: the reply ended as '${row.state}'`);
  }
  const widget = rows.widget;
  const oneshot = rows.oneshot;
  if (widget && oneshot && widget.signature && oneshot.signature) {
    const same = widget.signature.html === oneshot.signature.html;
    notes.push(
      `  widget final DOM ${same ? '=' : '≠'} one-shot renderMarkdown DOM (${widget.signature.elements} elements, ${widget.signature.htmlLength} chars of HTML${same ? '' : ` vs ${oneshot.signature.htmlLength}`})`,
    );
  }
  const spread = Object.entries(rows)
    .filter(([, row]) => row.taskMsRuns.length > 1)
    .map(([kind, row]) => `${LABELS[kind]} ${row.taskMsRuns.map((ms) => num(ms, 0)).join(' / ')}`);
  if (spread.length) notes.push(`  task ms of each run: ${spread.join(' · ')}`);
  const parts = Object.entries(rows).map(
    ([kind, row]) =>
      `${LABELS[kind]} ${num(row.taskParts.scriptMs, 0)} / ${num(row.taskParts.styleMs, 0)} / ${num(row.taskParts.layoutMs, 0)}`,
  );
  notes.push(`  of the task ms, script / style / layout: ${parts.join(' · ')}`);
  if (widget) {
    notes.push(
      `  widget: ${widget.updateKinds.frame} updates in frame callbacks, ${widget.updateKinds.task} in socket tasks` +
        `${widget.updateKinds.unattributed ? `, ${widget.updateKinds.unattributed} unattributed` : ''}; ${widget.animationFrames} animation frames ran` +
        `${widget.wallMs && widget.animationFrames ? ` (one per ${num(widget.wallMs / widget.animationFrames, 0)} ms of wall time)` : ''}; ` +
        `server sent ${widget.sent.chunks} chunks in ${num(widget.sent.ms, 0)} ms (longest gap ${num(widget.sent.maxGapMs, 1)} ms)`,
    );
  }
  return `${heading(title)}\n${table(cells)}${notes.length ? `\n${notes.join('\n')}` : ''}`;
}

/**
 * The streaming targets, for the 32 and 128 KB replies.
 * @param {StreamingSize[]} sizes
 * @returns {Target[]}
 */
export function streamingTargets(sizes) {
  /** @type {Target[]} */
  const targets = [];
  const bySize = new Map(sizes.map((s) => [s.sizeKB, s.rows]));
  for (const sizeKB of [32, 128]) {
    const rows = bySize.get(sizeKB);
    if (!rows) continue;
    const { widget, floor, oneshot } = rows;
    const p95 = widget.updates.p95;
    targets.push({
      name: `${sizeKB} KB: widget update p95 ≤ 2 ms`,
      value: `${num(p95, 2)} ms`,
      pass: p95 !== null && p95 <= 2,
    });
    targets.push({
      name: `${sizeKB} KB: no long task over 50 ms`,
      value: widget.longTasks.count
        ? `${widget.longTasks.count}, longest ${num(widget.longTasks.longest, 0)} ms`
        : 'none',
      pass: widget.longTasks.count === 0,
    });
    const render = oneshot.updates.max ?? 0;
    const budget = 1.5 * (floor.taskMs + render);
    targets.push({
      name: `${sizeKB} KB: widget task ≤ 1.5 × (floor task + one-shot render)`,
      value: `${num(widget.taskMs, 0)} vs 1.5 × (${num(floor.taskMs, 0)} + ${num(render, 0)}) = ${num(budget, 0)} ms`,
      pass: widget.taskMs <= budget,
    });
  }
  const small = bySize.get(32);
  const large = bySize.get(128);
  if (small && large) {
    const ratio = large.widget.taskMs / small.widget.taskMs;
    const naiveLarge = large.naive.complete ? large.naive.taskMs : large.naive.estimatedTaskMs;
    const naiveRatio = naiveLarge !== null && small.naive.complete ? naiveLarge / small.naive.taskMs : null;
    targets.push({
      name: 'widget task time 128 KB / 32 KB ≤ 4.5',
      value: `${num(ratio, 2)} (naive: ${large.naive.complete ? '' : '~'}${num(naiveRatio, 1)}${large.naive.complete ? '' : ', estimated'})`,
      pass: ratio <= 4.5,
    });
  }
  return targets;
}

/**
 * @param {string} title
 * @param {Target[]} targets
 */
export function targetLines(title, targets) {
  const width = Math.max(...targets.map((t) => t.name.length));
  return `${heading(title)}\n${targets.map((t) => `${verdict(t.pass)}  ${t.name.padEnd(width)}   ${t.value}`).join('\n')}`;
}

/**
 * @param {{made: boolean, unchanged: boolean, anchorConnected: boolean, selected: string, after: string} | null} widget
 * @param {{made: boolean, unchanged: boolean, anchorConnected: boolean, selected: string, after: string} | null} naive
 */
export function selectionReport(widget, naive) {
  /** @param {string} label @param {typeof widget} s */
  const line = (label, s) =>
    !s
      ? `${label}  not run`
      : !s.made
        ? `${label}  no selection could be made (the first paragraph never completed)`
        : `${label}  selection unchanged: ${s.unchanged ? 'yes' : 'no'} · anchor node still connected (and still the anchor): ${s.anchorConnected ? 'yes' : 'no'}   (selected ${JSON.stringify(s.selected.slice(0, 24))}, after: ${JSON.stringify(s.after.slice(0, 24))})`;
  return [
    heading('Selection survives (32 KB reply, text selected in its first paragraph mid-stream)'),
    `${verdict(!!widget?.unchanged && !!widget.anchorConnected)}  ${line('widget', widget)}`,
    `      ${line('naive ', naive)}   (expected: lost; during its measured 32 KB run)`,
  ].join('\n');
}

/**
 * @param {{pushed: number, pushMs: number, framesReceived: number, updates: number, frameUpdates: number, taskUpdates: number, animationFrames: number, maxUpdatesPerFrame: number, state: string, pass: boolean}} burst
 */
export function burstReport(burst) {
  return [
    heading(`Burst (${burst.pushed} chunk frames pushed in ${num(burst.pushMs, 0)} ms)`),
    `${verdict(burst.pass)}  frames received ${burst.framesReceived} · reply DOM updates ${burst.updates} (${burst.frameUpdates} in frames, ${burst.taskUpdates} in socket tasks) · animation frames ${burst.animationFrames} · most updates in one frame ${burst.maxUpdatesPerFrame}${burst.state === 'complete' ? '' : ` · reply ended '${burst.state}'`}`,
  ].join('\n');
}

/**
 * @param {{before: number, removed: number, mutated: number, after: number, mutatedParts: string[], pass: boolean, result: {state: string}}} transcript
 */
export function transcriptReport(transcript) {
  return [
    heading('Others untouched (100-message transcript, one more 8 KB reply streamed)'),
    `${verdict(transcript.pass)}  earlier message elements mutated: ${transcript.mutated} of ${transcript.before - transcript.removed} still shown (${transcript.removed} trimmed by max-messages, as expected); ${transcript.after} message elements after${transcript.mutated ? `; e.g. ${transcript.mutatedParts.join(', ')}` : ''}`,
  ].join('\n');
}

/**
 * @param {{figures: {replies: number, usedSize: number, jsHeapUsed: number}[], ratio: number, elementsAtEnd: number, failed: number, seconds: number, pass: boolean}} heap
 */
export function heapReport(heap) {
  const figures = heap.figures
    .map((f) => `${f.replies}: ${(f.usedSize / 1048576).toFixed(2)} MB`)
    .join(' · ');
  return [
    heading('Heap (short replies streamed through max-messages=100; JS heap used after forced GC)'),
    `${verdict(heap.pass)}  ${figures} · last/first ${num(heap.ratio, 2)} (bounded if ≤ 1.25) · message elements at the end: ${heap.elementsAtEnd} (≤ 100)${heap.failed ? ` · ${heap.failed} replies did not complete` : ''} · ${num(heap.seconds, 0)} s`,
  ].join('\n');
}

/**
 * @param {{scriptLoadedMs: number | null, definedMs: number | null, firstRenderMs: number | null, allRendered: boolean, samples: unknown[]}} startup
 */
export function startupReport(startup) {
  return [
    heading(`Startup (median of ${startup.samples.length} loads, ms since navigation start)`),
    `      /dist/ai-chat.js fetched ${num(startup.scriptLoadedMs)} · <ai-chat> defined ${num(startup.definedMs)} · first render ${num(startup.firstRenderMs)}${startup.allRendered ? '' : ' · (a load rendered nothing!)'}`,
  ].join('\n');
}

/**
 * @param {{raw: number, gzip: number, limit: number, mappedBuildRaw: number, breakdown: Awaited<ReturnType<typeof import('./size.js').sizeBreakdown>>}} size
 */
export function sizeReport(size) {
  const lines = [
    heading('Size of dist/ai-chat.js (gzip at zlib’s default level, as npm test; 1 KB = 1024 B)'),
    `${verdict(size.gzip <= size.limit)}  ${kb(size.gzip)} gzipped (target ≤ ${kb(size.limit)}), ${kb(size.raw)} raw`,
  ];
  const { breakdown } = size;
  if (!breakdown.available) {
    lines.push("      no breakdown: the 'source-map' package cannot be resolved from scripts/");
    return lines.join('\n');
  }
  // The mapped build has a `//# sourceMappingURL=` line more; anything else means src/ changed meanwhile.
  if (Math.abs(size.mappedBuildRaw - size.raw) > 64) {
    lines.push(
      `      (the source-mapped build is ${kb(size.mappedBuildRaw)}: src/ changed during the run, the breakdown is of the newer code)`,
    );
  }
  /** @type {string[][]} */
  const cells = [['      source', 'raw', 'gzip alone']];
  for (const g of breakdown.groups) cells.push([`      ${g.group}`, kb(g.raw), kb(g.gzip)]);
  const src = breakdown.groups.filter((g) => g.group.startsWith('src/'));
  cells.push([
    '      src/ (all files)',
    kb(src.reduce((sum, g) => sum + g.raw, 0)),
    kb(src.reduce((sum, g) => sum + g.gzip, 0)),
  ]);
  lines.push(table(cells));
  lines.push('      (each group gzipped on its own, so the groups add up to more than the whole)');
  if (breakdown.largestUnmapped && breakdown.largestUnmapped.bytes > 1024) {
    lines.push(
      `      largest unmapped run: ${breakdown.largestUnmapped.bytes} B starting ${JSON.stringify(breakdown.largestUnmapped.starts)}`,
    );
  }
  return lines.join('\n');
}
