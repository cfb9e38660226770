// `npm test`: finds (or installs) Chromium, builds what the tests load (what `npm run build` does:
// the script-tag builds dist/ai-chat.js and dist/ai-chat.iife.js, the npm build with its types, and
// custom-elements.json with the editors' data; then the framework apps of test/apps/ from the packed tarball into
// dist-apps/, see scripts/build-apps.js), checks the size budget and that
// docs/api.md's tables match the manifest, runs the Node-side tests (test/node/: the npm package,
// the manifest) and then web-test-runner, and ends with the totals of both. Extra arguments go to
// wtr. Any failed check or test fails the run; a failed build stops it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { findChrome } from './find-chrome.js';

let chrome;
try {
  chrome = findChrome();
} catch (error) {
  console.error(String(error instanceof Error ? error.message : error));
  process.exit(1);
}

const scratch = mkdtempSync(join(tmpdir(), 'ai-chat-test-'));
const summary = join(scratch, 'summary.txt');
const nodeSummary = join(scratch, 'node-summary.txt');
const env = { ...process.env, CHROME_PATH: chrome, WTR_SUMMARY_FILE: summary };

/** @param {string} cmd @param {string[]} args */
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;

/** @type {string[]} */
const failed = [];

// `npm run build`, step by step: the bundles must build (or nothing can be tested); a type error
// in the declarations or a failed manifest fails the run but lets the tests run.
for (const mode of ['production', 'iife', 'npm']) {
  const status = run('npx', ['vite', 'build', '--mode', mode, '--logLevel', 'warn']);
  if (status !== 0) process.exit(status);
}
if (run('npx', ['tsc', '-p', 'tsconfig.build.json']) !== 0) failed.push('types (tsc -p tsconfig.build.json)');
if (run('npx', ['cem', 'analyze', '--quiet']) !== 0) failed.push('custom-elements.json (cem analyze)');
// The framework apps (test/apps/) install the packed package and build with their own tools.
const apps = run('node', ['scripts/build-apps.js']);
if (apps !== 0) process.exit(apps);

// The size check: the script-tag builds, gzipped, against their limit. The limit guards against
// regressions; the goal is 45 KB, not met (see docs/performance.md: the dependencies alone are
// ~40 KB, the five dialects, five languages and the launcher add the rest). The session layer
// (delivery evidence, liveness for every dialect, HTTP reply streams with retries, tab claims,
// connect modes, stop) took the bundle from 70.4 to 79.1 KB; the streaming renderer's healer,
// in-place patching, huge-block freezing and height floor add about 4.5 KB; what the standard
// streams show (tool activity, reasoning, sources, replies that begin before their text, a replaced
// history, the shared state with JSON Patch, the dialect registry) about 4.6 KB more. The three
// standard dialects themselves are chunks beside it (dist/chunks/, 5.3 KB) that only a page using
// them loads; the classic script cannot load chunks, so it holds them. Issue 14: the languages
// other than English, the session layer (session, connection, transport, dialects, zod), the
// markdown renderer with its sanitizer (marked, DOMPurify, src/render/) and the cards are chunks
// too, loaded when used (the session once the chat is in view or connects on load, the renderer
// when a reply has text or in the background once the chat is shown), and the reducer and the
// persistence code leave the entry with the session: the entry went from 83.5
// to 21.4 KB. Then the panel (header, transcript, composer, their styles and the announcer) left
// it too, as a chunk of its own loaded once the chat is in view: the entry, all a closed launcher
// loads, is 14.6 KB, held to issue 14's goal of 15; the panel's chunk (7.1 KB) to 8, so an inline
// chat's first paint stays under 25. The classic script holds everything (93.9 KB); since it
// imports its on-demand parts statically (no lazy wrapper per module), 91.5 KB, held to 92.
// Long lists in groups (src/render/list-groups.ts and three style rules, stop 24) add 0.6 KB to
// the classic script (92.1, held to 92.5) and 60 bytes to the panel's chunk (8.03, held to 8.1:
// an inline chat's first paint is still 23.1 KB).
const SIZE_LIMITS_KB = {
  'dist/ai-chat.js': 15,
  'dist/chunks/panel-part-*.js': 8.1,
  // The session's chunk, on every page's way to its first reply: 28.9 KB until the dialects but
  // the default and the HTTP reply streams' code loaded on demand (24.7 KB).
  'dist/chunks/session-*.js': 25.5,
  'dist/ai-chat.iife.js': 92.5,
};
for (const [pattern, limit] of Object.entries(SIZE_LIMITS_KB)) {
  const [dir, name] = [dirname(pattern), basename(pattern)];
  const file = name.includes('*')
    ? join(dir, readdirSync(dir).find((f) => f.startsWith(name.split('*')[0] ?? '')) ?? name)
    : pattern;
  const gzipKb = gzipSync(readFileSync(file)).length / 1024;
  console.log(`size: ${file} is ${gzipKb.toFixed(1)} KB gzipped (limit ${limit} KB)`);
  if (gzipKb > limit) {
    console.error(`size: ${file} is over its limit by ${(gzipKb - limit).toFixed(1)} KB`);
    if (!failed.includes('size')) failed.push('size');
  }
}

if (run('node', ['scripts/api-tables.js', '--check']) !== 0) failed.push('api-tables');

const nodeTests = readdirSync('test/node')
  .filter((name) => name.endsWith('.test.js'))
  .map((name) => join('test/node', name));
const nodeStatus = run('node', [
  '--test',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=./test/support/node-totals-reporter.js',
  `--test-reporter-destination=${nodeSummary}`,
  ...nodeTests,
]);
const nodeLine = existsSync(nodeSummary)
  ? readFileSync(nodeSummary, 'utf8').trim()
  : 'node tests: did not run';
console.log(nodeLine);
if (nodeStatus !== 0) failed.push('node tests');

const status = run('npx', ['wtr', ...process.argv.slice(2)]);
if (status !== 0) failed.push('browser tests');
if (existsSync(summary)) process.stdout.write(`\n${nodeLine}\n${readFileSync(summary, 'utf8').trim()}\n`);
if (failed.length) console.error(`failed: ${failed.join(', ')}`);
process.exit(failed.length ? 1 : 0);
