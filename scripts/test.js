// `npm test`: finds (or installs) Chromium, builds the script-tag bundle the dist tests load,
// then runs web-test-runner and ends with one line of totals. Extra arguments go to wtr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChrome } from './find-chrome.js';

let chrome;
try {
  chrome = findChrome();
} catch (error) {
  console.error(String(error instanceof Error ? error.message : error));
  process.exit(1);
}

const summary = join(mkdtempSync(join(tmpdir(), 'ai-chat-test-')), 'summary.txt');
const env = { ...process.env, CHROME_PATH: chrome, WTR_SUMMARY_FILE: summary };

/** @param {string} cmd @param {string[]} args */
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;

const built = run('npx', ['vite', 'build', '--logLevel', 'warn']);
if (built !== 0) process.exit(built);

// The size check: the script-tag build, gzipped, against its limit. The limit guards against
// regressions; the goal is 45 KB (see README "Performance": the dependencies alone are ~40 KB).
const SIZE_LIMIT_KB = 64;
const gzipKb = gzipSync(readFileSync('dist/ai-chat.js')).length / 1024;
console.log(`size: dist/ai-chat.js is ${gzipKb.toFixed(1)} KB gzipped (limit ${SIZE_LIMIT_KB} KB)`);
if (gzipKb > SIZE_LIMIT_KB) {
  console.error(`size: dist/ai-chat.js is over its limit by ${(gzipKb - SIZE_LIMIT_KB).toFixed(1)} KB`);
  process.exit(1);
}
const status = run('npx', ['wtr', ...process.argv.slice(2)]);
if (existsSync(summary)) process.stdout.write(`\n${readFileSync(summary, 'utf8').trim()}\n`);
process.exit(status);
