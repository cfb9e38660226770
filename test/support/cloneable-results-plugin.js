// A web-test-runner plugin that keeps one failed assertion from hanging a test file.
//
// The runner's browser-side transport (`/__web-dev-server__web-socket.js`, served by
// @web/dev-server-core) clones every message with `structuredClone` before sending it. A failed
// assertion whose `actual` or `expected` is a DOM node, a function or the window cannot be cloned:
// the DataCloneError is thrown inside the runner, the file's results never reach Node, and the run
// waits for `testsFinishTimeout` with no test name (modernweb-dev/web#2967, open-wc/open-wc#2880).
// This plugin rewrites that one call to go through `cloneable()` from test/support/cloneable-results.ts,
// which turns what cannot be cloned into readable text (a node becomes its HTML).
//
// If a new version of the runner no longer has the call, the plugin fails the page load with a
// message saying so, rather than silently losing the guard; test/node/runner-guard.test.js proves
// the guard end to end.

export const TRANSPORT = '/__web-dev-server__web-socket.js';
const CALL = 'var target = structuredClone(obj)';
const HELPER = '/test/support/cloneable-results.ts';

export function cloneableResults() {
  return {
    name: 'cloneable-results',
    /** @param {{ path: string, body: unknown }} context */
    transform(context) {
      if (context.path !== TRANSPORT) return undefined;
      const body = String(context.body);
      if (!body.includes(CALL)) {
        throw new Error(
          `cloneable-results: ${TRANSPORT} no longer contains "${CALL}". The runner's transport ` +
            'changed: check whether a failed assertion on a DOM node still hangs a test file ' +
            '(test/node/runner-guard.test.js) and update or remove test/support/cloneable-results-plugin.js.',
        );
      }
      return {
        body:
          `import { cloneable as __aiChatCloneable } from '${HELPER}';\n` +
          body.replace(CALL, 'var target = __aiChatCloneable(obj)'),
      };
    },
  };
}
