// web-test-runner: every browser test runs in real Chromium (found by scripts/find-chrome.js).
// The `mock-backend` server command lets integration tests start, stop, restart and inspect
// real instances of the demo's mock AI backend (demo/server/) on 127.0.0.1; `dom-counters` lets a
// test collect garbage and count the page's DOM nodes (test/leak.test.ts).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { findChrome, CHROME_ARGS } from './scripts/find-chrome.js';
import { heapCommands } from './test/support/heap-plugin.js';
import { mockBackendCommands } from './test/support/mock-backend-plugin.js';
import { summaryReporter } from './test/support/summary-reporter.js';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  reporters: [defaultReporter(), summaryReporter()],
  concurrency: 1,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    mockBackendCommands(),
    heapCommands(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChrome(), headless: true, args: CHROME_ARGS },
    }),
  ],
};
