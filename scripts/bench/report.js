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
    'cpu ms       main-thread CPU time (CDP ThreadTime) in the same window: on a busy machine, the task',
    '             time also counts the time the thread waited for a core; the CPU time does not',
    'long tasks   count / longest ms (PerformanceObserver longtask) in that window',
    'update       a frame callback (widget) or an update call (baselines) that changed the reply DOM,',
    '             timed from its start to the delivery of its mutations (microtasks included)',
    'idle frames  frame callbacks of the widget that changed nothing in the reply',
    'wall ms      first chunk sent by the server → final render (clocks aligned over CDP)',
    `Each page: a warm-up reply, then the median (by task time) of ${repeats} measured replies, the pages`,
    'taking turns (widget, floor, one-shot, then again), so a drifting machine load weighs on all alike;',
    'naive: 1, after them.',
  ].join('\n');
}

/** @param {StreamingSize} size */
export function streamingTable({ sizeKB, rows }) {
  const any = Object.values(rows)[0];
  const title = `${sizeKB} KB reply: ${any.textLength.toLocaleString('en')} characters in ${any.chunks.toLocaleString('en')} chunks of 8`;
  /** @type {string[][]} */
  const cells = [
    ['', 'task ms', 'cpu ms', 'long tasks', 'update p50 / p95 / max ms', 'updates', 'idle frames', 'wall ms'],
  ];
  /** @type {string[]} */
  const notes = [];
  for (const [kind, row] of Object.entries(rows)) {
    const u = row.updates;
    const task = row.complete ? num(row.taskMs) : `>${num(row.taskMs, 0)}`;
    cells.push([
      LABELS[kind] ?? kind,
      task,
      num(row.cpuMs),
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
    if (!rows?.widget || !rows.floor || !rows.oneshot) continue;
    const { widget, floor, oneshot } = rows;
    const p95 = widget.updates.p95;
    targets.push({
      name: `${sizeKB} KB: widget update p95 ≤ 4 ms`,
      value: `${num(p95, 2)} ms`,
      pass: p95 !== null && p95 <= 4,
    });
    targets.push({
      name: `${sizeKB} KB: no long task over 50 ms`,
      value: widget.longTasks.count
        ? `${widget.longTasks.count}, longest ${num(widget.longTasks.longest, 0)} ms`
        : 'none',
      pass: widget.longTasks.count === 0,
    });
    const render = oneshot.updates.max ?? 0;
    const budget = 1.25 * (floor.taskMs + render);
    const cpuBudget = 1.25 * (floor.cpuMs + render);
    targets.push({
      name: `${sizeKB} KB: widget CPU ≤ 1.25 × (floor CPU + one-shot render)`,
      value: `${num(widget.cpuMs, 0)} vs 1.25 × (${num(floor.cpuMs, 0)} + ${num(render, 0)}) = ${num(cpuBudget, 0)} ms (${num(widget.cpuMs / (floor.cpuMs + render), 2)}×)`,
      pass: widget.cpuMs <= cpuBudget,
    });
    targets.push({
      name: `${sizeKB} KB: widget task ≤ 1.25 × (floor task + one-shot render)`,
      value: `${num(widget.taskMs, 0)} vs 1.25 × (${num(floor.taskMs, 0)} + ${num(render, 0)}) = ${num(budget, 0)} ms (${num(widget.taskMs / (floor.taskMs + render), 2)}×)`,
      pass: widget.taskMs <= budget,
    });
  }
  const small = bySize.get(32);
  const large = bySize.get(128);
  if (small?.widget && large?.widget) {
    const ratio = large.widget.taskMs / small.widget.taskMs;
    // (`--kinds=` may leave the naive baseline out.)
    let naive = '';
    if (small.naive && large.naive) {
      const naiveLarge = large.naive.complete ? large.naive.taskMs : large.naive.estimatedTaskMs;
      const naiveRatio = naiveLarge !== null && small.naive.complete ? naiveLarge / small.naive.taskMs : null;
      naive = ` (naive: ${large.naive.complete ? '' : '~'}${num(naiveRatio, 1)}${large.naive.complete ? '' : ', estimated'})`;
    }
    targets.push({
      name: 'widget task time 128 KB / 32 KB ≤ 4.5',
      value: `${num(ratio, 2)}${naive}`,
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

/** @typedef {Record<string, number | string[]>} QualityFigures */

/**
 * @param {{seeds: number[], answers: Record<string, QualityFigures>, answerCount: number, answerCharacters: number, remend: Record<string, QualityFigures>, remendInputs: number, keyPoints: Record<string, QualityFigures>, jumps: {jumps: number, jumpPx: number, followingFrames: number, frames: number, sizes: number[], chunks: number, chunkMs: number, replies: number}}} quality
 */
export function qualityReport(quality) {
  const kinds = ['widget', 'remend', 'plain'];
  const label = /** @type {Record<string, string>} */ ({
    widget: 'widget',
    remend: 'marked + remend',
    plain: 'marked alone (before)',
  });
  /** @param {QualityFigures} f @param {string} key */
  const n = (f, key) => /** @type {number} */ (f[key] ?? 0);
  /** @param {number} part @param {number} whole */
  const share = (part, whole) =>
    `${part.toLocaleString('en')} / ${whole.toLocaleString('en')} (${num((100 * part) / (whole || 1))} %)`;
  /** @param {Record<string, QualityFigures>} figures @param {(f: QualityFigures) => string} cell */
  const row = (figures, cell) => kinds.map((kind) => cell(figures[kind] ?? {}));
  const a = quality.answers;
  const cells = [
    ['', ...kinds.map((kind) => label[kind])],
    ['transient-syntax frames', ...row(a, (f) => share(n(f, 'syntaxFrames'), n(f, 'frames')))],
    ['frames with a link to a truncated URL', ...row(a, (f) => String(n(f, 'truncatedLinkFrames')))],
    ['block flips (frames)', ...row(a, (f) => `${n(f, 'flips')} (${n(f, 'flipFrames')})`)],
    ['render got shorter (px)', ...row(a, (f) => `${n(f, 'shrinks')} (${num(n(f, 'shrinkPx'), 0)})`)],
    [
      'selection in the last block kept',
      ...row(a, (f) => `${n(f, 'selectionsKept')} / ${n(f, 'selectionsMade')}`),
    ],
    ['final render ≠ one-shot', ...row(a, (f) => String(n(f, 'finalMismatches')))],
    [
      `remend's ${quality.remendInputs} test inputs: transient-syntax frames`,
      ...row(quality.remend, (f) => share(n(f, 'syntaxFrames'), n(f, 'frames'))),
    ],
    [
      '  … frames with a link to a truncated URL',
      ...row(quality.remend, (f) => String(n(f, 'truncatedLinkFrames'))),
    ],
    ['  … block flips', ...row(quality.remend, (f) => String(n(f, 'flips')))],
    ["'Key points:\\n- Drink water': block flips", ...row(quality.keyPoints, (f) => String(n(f, 'flips')))],
  ];
  const w = a.widget ?? {};
  const r = a.remend ?? {};
  const wr = quality.remend.widget ?? {};
  const rr = quality.remend.remend ?? {};
  const answerShare = (100 * n(w, 'syntaxFrames')) / (n(w, 'frames') || 1);
  /** @type {Target[]} */
  const targets = [
    {
      name: 'transient-syntax frames ≤ 4 % (realistic answers)',
      value: `${num(answerShare)} % (marked + remend ${num((100 * n(r, 'syntaxFrames')) / (n(r, 'frames') || 1))} %)`,
      pass: answerShare <= 4,
    },
    {
      name: "fewer transient-syntax frames than remend on remend's inputs",
      value: `${n(wr, 'syntaxFrames')} vs ${n(rr, 'syntaxFrames')}`,
      pass: n(wr, 'syntaxFrames') < n(rr, 'syntaxFrames'),
    },
    {
      name: '0 frames with a link to a truncated URL',
      value: String(n(w, 'truncatedLinkFrames') + n(wr, 'truncatedLinkFrames')),
      pass: n(w, 'truncatedLinkFrames') + n(wr, 'truncatedLinkFrames') === 0,
    },
    {
      name: 'selection inside the streaming block kept',
      value: `${n(w, 'selectionsKept')} / ${n(w, 'selectionsMade')}`,
      pass: n(w, 'selectionsMade') > 0 && n(w, 'selectionsKept') === n(w, 'selectionsMade'),
    },
    {
      name: "0 block flips on 'Key points:\\n- Drink water'",
      value: String(n(quality.keyPoints.widget ?? {}, 'flips')),
      pass: n(quality.keyPoints.widget ?? {}, 'flips') === 0,
    },
    {
      name: '0 view jumps (real widget following the bottom)',
      value: `${quality.jumps.jumps} in ${quality.jumps.followingFrames} frames following the bottom (${quality.jumps.replies} replies, ${quality.jumps.chunks} chunks ${quality.jumps.chunkMs} ms apart)${quality.jumps.jumps ? `; ${quality.jumps.sizes.join(', ')} px` : ''}`,
      pass: quality.jumps.jumps === 0 && quality.jumps.followingFrames > 0,
    },
    {
      name: 'final render = one-shot render',
      value: String(n(w, 'finalMismatches') + n(wr, 'finalMismatches')),
      pass: n(w, 'finalMismatches') + n(wr, 'finalMismatches') === 0,
    },
  ];
  /** @param {QualityFigures} f @param {string} key @param {string} what */
  const list = (f, key, what) =>
    /** @type {string[]} */ (f[key] ?? []).slice(0, 3).map((e) => `  widget ${what}: ${e}`);
  const examples = [
    ...list(w, 'syntaxExamples', 'syntax'),
    ...list(w, 'flipExamples', 'flip'),
    ...list(w, 'truncatedExamples', 'truncated link'),
    ...list(w, 'shrinkExamples', 'shrink'),
    ...list(wr, 'syntaxExamples', 'syntax (remend inputs)'),
    ...list(wr, 'flipExamples', 'flip (remend inputs)'),
    ...list(wr, 'truncatedExamples', 'truncated link (remend inputs)'),
  ];
  return [
    heading(
      `Streaming quality (${quality.answerCount} realistic answers, ${quality.answerCharacters.toLocaleString('en')} characters, each in ${quality.seeds.length} random chunkings of 1–12 characters; every frame compared with the final render)`,
    ),
    table(cells),
    'transient syntax: characters shown that the final render does not have there (markers, pipes, a URL, a list number…)',
    'flip: a block already shown changes its tag (p → h2) or vanishes · shorter: the rendered reply lost height',
    '(the widget keeps a streaming reply from getting shorter on screen: see the view-jump target)',
    'selection: 3 characters selected in the last block before a frame, still the same text after it',
    ...examples,
    targetLines('Streaming-quality targets', targets).trimStart(),
  ].join('\n');
}

/** @typedef {{name: string, widget: StreamingResult, oneshot: StreamingResult}} ShapeRow */

/**
 * @typedef {{name: string, perFrame: number, characters: number, updates: number, p50: number, p95: number, max: number, longTasks: number, longest: number | null, wallMs: number, same: boolean}} PacedRow
 */

/**
 * @typedef {{count: number, rounds: number, layoutP50: number, layoutMax: number, longTasks: number, longest: number | null}} AppendRow
 */

/**
 * @param {ShapeRow[]} shapes
 * @param {PacedRow[]} paced
 * @param {AppendRow[]} appended
 */
export function shapesReport(shapes, paced, appended = []) {
  /** @type {string[][]} */
  const cells = [
    [
      '',
      'characters',
      'task ms',
      'long tasks',
      'update p50 / p95 / max ms',
      'updates',
      'one-shot render ms',
      'final = one-shot',
    ],
  ];
  /** @type {Target[]} */
  const targets = [];
  for (const { name, widget, oneshot } of shapes) {
    const u = widget.updates;
    const same =
      widget.signature && oneshot.signature ? widget.signature.html === oneshot.signature.html : false;
    cells.push([
      name,
      widget.textLength.toLocaleString('en'),
      widget.complete ? num(widget.taskMs) : `>${num(widget.taskMs, 0)}`,
      `${widget.longTasks.count} / ${num(widget.longTasks.longest, 0)}`,
      `${num(u.p50, 2)} / ${num(u.p95, 2)} / ${num(u.max, 2)}`,
      String(u.count),
      num(oneshot.updates.max, 0),
      same ? 'yes' : 'NO',
    ]);
    targets.push({
      name: `${name}: no long task over 50 ms`,
      value: widget.longTasks.count
        ? `${widget.longTasks.count}, longest ${num(widget.longTasks.longest, 0)} ms`
        : 'none',
      pass: widget.longTasks.count === 0 && widget.complete,
    });
  }
  /** @type {string[][]} */
  const pacedCells = [
    ['', 'characters', 'updates', 'update p50 / p95 / max ms', 'long tasks', 'wall ms', 'final = one-shot'],
  ];
  for (const row of paced) {
    pacedCells.push([
      row.name,
      row.characters.toLocaleString('en'),
      String(row.updates),
      `${num(row.p50, 2)} / ${num(row.p95, 2)} / ${num(row.max, 2)}`,
      `${row.longTasks} / ${num(row.longest, 0)}`,
      num(row.wallMs, 0),
      row.same ? 'yes' : 'NO',
    ]);
    targets.push({
      name: `${row.name}, renderer alone: no long task over 50 ms`,
      value: row.longTasks ? `${row.longTasks}, longest ${num(row.longest, 0)} ms` : 'none',
      pass: row.longTasks === 0 && row.same,
    });
  }
  for (const row of appended) {
    targets.push({
      name: `one more item after ${row.count.toLocaleString('en')}: no long task over 50 ms`,
      value: row.longTasks
        ? `${row.longTasks}, longest ${num(row.longest, 0)} ms`
        : `none (layout ${num(row.layoutP50, 2)} ms)`,
      pass: row.longTasks === 0,
    });
  }
  return [
    heading(
      'One huge block (8-character chunk frames, back to back, into the widget; one-shot: the whole text rendered once)',
    ),
    table(cells),
    heading(
      `The same shapes into the renderer alone (MarkdownStream, the widget's styles), ${paced[0]?.perFrame ?? '?'} more characters every animation frame (long tasks include each frame's style, layout and paint)`,
    ),
    table(pacedCells),
    ...(appended.length
      ? [
          heading(
            `One more item at the end of a list (rendered once, the widget's styles; ${appended[0]?.rounds} items added, one a frame, each laid out at once)`,
          ),
          table([
            ['items in the list', 'layout p50 / max ms', 'long tasks'],
            ...appended.map((row) => [
              row.count.toLocaleString('en'),
              `${num(row.layoutP50, 2)} / ${num(row.layoutMax, 2)}`,
              `${row.longTasks} / ${num(row.longest, 0)}`,
            ]),
          ]),
        ]
      : []),
    targetLines('Huge-block targets', targets).trimStart(),
  ].join('\n');
}

/** @param {{frames: number, floorUs: number, sessionUs: number}} session */
export function sessionReport(session) {
  return [
    heading(
      `The session per socket frame (envelope, fake socket, ${session.frames.toLocaleString('en-US')} chunk frames; median of 5 rounds)`,
    ),
    `      JSON.parse alone ${session.floorUs.toFixed(2)} µs · the session (decode, delivery evidence, transcript, change) ${session.sessionUs.toFixed(2)} µs`,
  ].join('\n');
}
