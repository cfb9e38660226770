// `npm test`: finds (or installs) Chromium, builds the script-tag bundle the
// dist tests load, then runs web-test-runner. Extra arguments go to wtr.
import { spawnSync } from 'node:child_process';
import { findChrome } from './find-chrome.js';

let chrome;
try {
  chrome = findChrome();
} catch (error) {
  console.error(String(error instanceof Error ? error.message : error));
  process.exit(1);
}

/** @param {string} cmd @param {string[]} args */
const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, CHROME_PATH: chrome } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run('npx', ['vite', 'build', '--logLevel', 'warn']);
run('npx', ['wtr', ...process.argv.slice(2)]);
