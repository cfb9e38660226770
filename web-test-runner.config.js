// web-test-runner: every browser test runs in real Chromium (found by scripts/find-chrome.js).
// The `mock-backend` server command lets integration tests start, stop, restart and inspect
// real instances of the demo's mock AI backend (demo/server/) on 127.0.0.1; the `fault-proxy`
// command puts a fault-injecting TCP proxy (test/support/fault-proxy.js) in front of one.
// `cloneableResults` keeps a failed assertion on a DOM node (or a function) from hanging its file:
// see test/support/cloneable-results-plugin.js. `dom-counters` lets a test collect garbage and
// count the page's DOM nodes (test/leak.test.ts). `ssr-render` renders <ai-chat> with
// @lit-labs/ssr in Node (test/support/ssr-plugin.js). `network` takes the page offline for real for
// a while (test/standard-element.test.ts).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { findChrome, CHROME_ARGS } from './scripts/find-chrome.js';
import { faultProxyCommands } from './test/support/fault-proxy-plugin.js';
import { cloneableResults } from './test/support/cloneable-results-plugin.js';
import { heapCommands } from './test/support/heap-plugin.js';
import { mockBackendCommands } from './test/support/mock-backend-plugin.js';
import { networkCommands } from './test/support/network-plugin.js';
import { ssrCommands } from './test/support/ssr-plugin.js';
import { summaryReporter } from './test/support/summary-reporter.js';

/**
 * esbuild for the tests' TypeScript, but never for the built framework apps under /dist-apps/: they
 * are served exactly as built. (It would rewrite their inline scripts in strict mode, which breaks
 * SvelteKit's: it assigns an undeclared global.)
 */
function esbuildForSources() {
  const plugin = esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' });
  const transform = plugin.transform?.bind(plugin);
  plugin.transform = (context) => (context.path.startsWith('/dist-apps/') ? undefined : transform?.(context));
  return plugin;
}

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
    esbuildForSources(),
    mockBackendCommands(),
    faultProxyCommands(),
    cloneableResults(),
    heapCommands(),
    ssrCommands(),
    networkCommands(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChrome(), headless: true, args: CHROME_ARGS },
    }),
  ],
};
