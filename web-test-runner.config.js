// web-test-runner: every browser test runs in real Chromium (found by scripts/find-chrome.js).
// The `mock-backend` server command lets integration tests start, stop, restart and inspect
// real instances of the demo's mock AI backend (demo/server/) on 127.0.0.1; the `fault-proxy`
// command puts a fault-injecting TCP proxy (test/support/fault-proxy.js) in front of one.
// `cloneableResults` keeps a failed assertion on a DOM node (or a function) from hanging its file:
// see test/support/cloneable-results-plugin.js. `dom-counters` lets a test collect garbage and
// count the page's DOM nodes (test/leak.test.ts).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { findChrome, CHROME_ARGS } from './scripts/find-chrome.js';
import { faultProxyCommands } from './test/support/fault-proxy-plugin.js';
import { cloneableResults } from './test/support/cloneable-results-plugin.js';
import { heapCommands } from './test/support/heap-plugin.js';
import { mockBackendCommands } from './test/support/mock-backend-plugin.js';
import { summaryReporter } from './test/support/summary-reporter.js';

export default {
  files: ['test/**/*.test.ts', '!test/apps/**'],
  nodeResolve: true,
  reporters: [defaultReporter(), summaryReporter()],
  concurrency: 1,
  // A file that never reports fails after this: only a browser that is stuck or gone is left to
  // catch (a test that never settles fails after the mocha timeout below, and a failed assertion
  // on a DOM node no longer hangs its file: cloneableResults). Not lower: the slowest file,
  // test/security.test.ts, took 75-128 s on a 2-core machine at load 15-23 (the summary line
  // prints the slowest file's time, so creeping towards this shows).
  testsFinishTimeout: 180_000,
  // One test that never settles fails after this, and the file goes on.
  testFramework: { config: { timeout: 10_000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    mockBackendCommands(),
    faultProxyCommands(),
    cloneableResults(),
    heapCommands(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChrome(), headless: true, args: CHROME_ARGS },
    }),
  ],
};
