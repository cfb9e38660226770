// `npm run chaos`: drives <ai-chat> (the script-tag build, in headless Chromium) through a
// fault-injecting TCP proxy (test/support/fault-proxy.js) to the mock backend, for each of the
// five socket dialects under the four faults of issue 9 (scripts/chaos/scenarios.js), and prints
// what the person would have met: messages lost, duplicated, reordered, replies left streaming,
// messages failed or pending forever, replies mixed into one another, the status at the end and
// the time to settle (definitions: scripts/chaos/measure.js). Exits non-zero when any count is
// above 0 or a widget did not end `connected` (`--no-fail`: print only).
//
//   npm run chaos
//   npm run chaos -- --dialects envelope,hybrid --scenarios crash,resets --messages 50 --seed 7
//
// Options: --dialects LIST, --scenarios LIST (silence, crash, flapping, resets), --messages N (50),
// --duration S (how long silence, flapping and resets last, the messages spread over it: 30),
// --heartbeat S (the widget's heartbeat, 2; silence is scaled to it), --settle S (the longest wait
// for the widget to come to rest after a fault, 40: more than the 30 s backoff cap), --jobs N (runs
// at once, 4), --seed N (1; the faults and the pauses between messages follow it; the widget's own
// randomness does not), --json FILE (every figure), --no-build (serve the last build), --no-fail.
import { mkdirSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { findChrome, CHROME_ARGS } from './find-chrome.js';
import { DIALECTS } from './chaos/dialects.js';
import { FAILING } from './chaos/measure.js';
import { startPageServer } from './chaos/page.js';
import { runOne } from './chaos/run.js';
import { SCENARIOS } from './chaos/scenarios.js';
import { spawnSync } from 'node:child_process';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    dialects: { type: 'string', default: DIALECTS.map((d) => d.name).join(',') },
    scenarios: { type: 'string', default: Object.keys(SCENARIOS).join(',') },
    messages: { type: 'string', default: '50' },
    duration: { type: 'string', default: '30' },
    heartbeat: { type: 'string', default: '2' },
    settle: { type: 'string', default: '40' },
    jobs: { type: 'string', default: '4' },
    seed: { type: 'string', default: '1' },
    json: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'no-fail': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  const header = /** @type {string} */ (
    (await import('node:fs')).readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport ')[0]
  );
  console.log(header.replace(/^\/\/ ?/gm, ''));
  process.exit(0);
}

/**
 * @param {string} name
 * @param {string} value
 * @param {number} min
 * @param {number} max
 */
function number(name, value, min, max) {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    console.error(`--${name} must be a number from ${min} to ${max}, not ${value}`);
    process.exit(2);
  }
  return n;
}

/**
 * @template T
 * @param {string} name
 * @param {string} list
 * @param {T[]} known
 * @param {(item: T) => string} nameOf
 */
function pick(name, list, known, nameOf) {
  const wanted = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted.filter((w) => !known.some((k) => nameOf(k) === w));
  if (unknown.length || wanted.length === 0) {
    console.error(
      `--${name}: unknown ${unknown.join(', ') || '(none given)'}; known: ${known.map(nameOf).join(', ')}`,
    );
    process.exit(2);
  }
  return known.filter((k) => wanted.includes(nameOf(k)));
}

const dialects = pick('dialects', values.dialects, DIALECTS, (d) => d.name);
const scenarios = pick('scenarios', values.scenarios, Object.keys(SCENARIOS), (s) => s);
const messages = number('messages', values.messages, 1, 500);
const durationMs = number('duration', values.duration, 1, 600) * 1000;
const heartbeatS = number('heartbeat', values.heartbeat, 1, 30);
const settleMs = number('settle', values.settle, 5, 300) * 1000;
const jobs = Math.floor(number('jobs', values.jobs, 1, 8));
const seed = Math.floor(number('seed', values.seed, 0, 2 ** 31));

/** @param {string} line */
const progress = (line) => process.stderr.write(`${line}\n`);

/** Builds the script-tag module into a private folder (someone may rebuild dist/ meanwhile). */
function build() {
  const out = join(ROOT, 'chaos-results', 'dist');
  mkdirSync(out, { recursive: true });
  if (!values['no-build']) {
    progress('building the script-tag module (npx vite build) …');
    const result = spawnSync(
      'npx',
      ['vite', 'build', '--logLevel', 'error', '--outDir', out, '--emptyOutDir'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    if (result.status !== 0) {
      console.error(`the build failed:\n${result.stdout}${result.stderr}`);
      process.exit(1);
    }
  } else if (!readdirSync(out).includes('ai-chat.js')) {
    copyFileSync(join(ROOT, 'dist', 'ai-chat.js'), join(out, 'ai-chat.js'));
  }
  return out;
}

/** @param {import('./chaos/run.js').RunResult} r */
const failures = (r) => FAILING.reduce((n, key) => n + r[key], 0) + (r.status === 'connected' ? 0 : 1);

/** @param {number | null} ms */
const seconds = (ms) => (ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s`);

/** @param {import('./chaos/run.js').RunResult[]} results */
function table(results) {
  const head = [
    'dialect',
    'scenario',
    ...FAILING,
    'end status',
    'settled in',
    'received',
    'interrupted',
    'connects',
  ];
  const rows = results.map((r) => [
    r.dialect,
    r.scenario,
    ...FAILING.map((k) => String(r[k])),
    r.status,
    seconds(r.settleMs),
    `${r.received}/${r.sent}`,
    String(r.interrupted),
    String(r.connects),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  /** @param {string[]} row */
  const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * The issue-9 view: a row per scenario, a column per dialect, what went wrong in each cell.
 * @param {import('./chaos/run.js').RunResult[]} results
 */
function matrix(results) {
  const names = [...new Set(results.map((r) => r.dialect))];
  const lines = [
    `| fault (${messages} messages) | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---|').join('')}`,
  ];
  for (const scenario of [...new Set(results.map((r) => r.scenario))]) {
    const cells = names.map((name) => {
      const r = results.find((x) => x.dialect === name && x.scenario === scenario);
      if (!r) return '';
      const bad = FAILING.filter((k) => r[k] > 0).map((k) => `${r[k]} ${k}`);
      if (r.status !== 'connected') bad.push(`ends ${r.status}`);
      return bad.length ? bad.join(', ') : `0 (${seconds(r.settleMs)})`;
    });
    lines.push(`| ${scenario} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

async function main() {
  const started = Date.now();
  const dir = build();
  const pages = await startPageServer(dir);
  const browser = await puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    // Every run's page is a background tab: keep its timers at full speed.
    args: [
      ...CHROME_ARGS,
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
    ],
  });
  const plan = dialects.flatMap((dialect) => scenarios.map((scenario) => ({ dialect, scenario })));
  progress(
    `${plan.length} runs, ${jobs} at a time: ${messages} messages each, faults for ${durationMs / 1000} s, heartbeat ${heartbeatS} s, settle ≤ ${settleMs / 1000} s, seed ${seed}`,
  );
  /** @type {import('./chaos/run.js').RunResult[]} */
  const results = [];
  /** @type {string[]} */
  const broken = [];
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const { dialect, scenario } = plan[next++];
      const t0 = Date.now();
      try {
        const r = await runOne({
          browser,
          pageUrl: pages.url,
          dialect,
          scenario,
          messages,
          durationMs,
          heartbeatS,
          settleMs,
          seed,
        });
        results.push(r);
        const bad = FAILING.filter((k) => r[k] > 0).map((k) => `${k} ${r[k]}`);
        progress(
          `  ${dialect.name}/${scenario}: ${bad.join(', ') || 'clean'}, ends ${r.status}, settled ${seconds(r.settleMs)} (${((Date.now() - t0) / 1000).toFixed(0)} s; ${r.notes.join('; ')})`,
        );
      } catch (error) {
        broken.push(`${dialect.name}/${scenario}: ${error instanceof Error ? error.stack : String(error)}`);
        progress(
          `  ${dialect.name}/${scenario}: BROKE: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, plan.length) }, worker));
  } finally {
    await browser.close();
    await pages.close();
  }
  const order = (/** @type {import('./chaos/run.js').RunResult} */ r) =>
    plan.findIndex((p) => p.dialect.name === r.dialect && p.scenario === r.scenario);
  results.sort((a, b) => order(a) - order(b));

  console.log(`\n${table(results)}\n\n${matrix(results)}\n`);
  /** @param {string[]} list */
  const tally = (list) =>
    Object.entries(
      list.reduce((n, x) => ({ ...n, [x]: (n[x] ?? 0) + 1 }), /** @type {Record<string, number>} */ ({})),
    )
      .map(([x, n]) => `${x} ×${n}`)
      .join(', ');
  const errors = results
    .filter((r) => r.errors.length)
    .map((r) => `${r.dialect}/${r.scenario}: ${tally(r.errors)}`);
  if (errors.length) console.log(`ai-chat-error events (codes):\n  ${errors.join('\n  ')}\n`);
  const pageErrors = results
    .filter((r) => r.pageErrors.length)
    .map((r) => `${r.dialect}/${r.scenario}: ${r.pageErrors.slice(0, 3).join(' | ')}`);
  if (pageErrors.length) console.log(`page errors:\n  ${pageErrors.join('\n  ')}\n`);
  const runtime = (Date.now() - started) / 1000;
  console.log(
    `${results.length} runs in ${runtime.toFixed(0)} s (seed ${seed}, ${messages} messages, faults for ${durationMs / 1000} s, heartbeat ${heartbeatS} s, settle ≤ ${settleMs / 1000} s, ${jobs} at a time)`,
  );
  if (values.json) {
    writeFileSync(
      values.json,
      `${JSON.stringify({ date: new Date().toISOString(), seed, heartbeatS, messages, settleMs, runtime, results }, null, 2)}\n`,
    );
  }
  if (broken.length) {
    console.error(`\nthe harness broke on:\n${broken.join('\n')}`);
    process.exit(2);
  }
  const failing = results.filter((r) => failures(r) > 0);
  if (failing.length) console.log(`${failing.length} of ${results.length} runs are not clean.`);
  process.exit(failing.length && !values['no-fail'] ? 1 : 0);
}

await main();
