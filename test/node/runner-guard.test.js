// The guard against a hung test run (test/support/cloneable-results-plugin.js): web-test-runner,
// with the project's configuration, runs test/fixtures/failing-assertions.fixture.ts, whose tests
// fail on a DOM node and on a function. Without the guard the file hung until testsFinishTimeout
// and was reported with no test name; with it, each failure is reported by name with the
// offending HTML, and the file's passing test still counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ROOT } from './build.js';
import { cloneableResults, TRANSPORT } from '../support/cloneable-results-plugin.js';

// eslint-disable-next-line no-control-regex
const plain = (/** @type {string} */ text) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

test('a failed assertion on a DOM node or a function is reported by name, with the HTML, and does not hang', () => {
  const env = { ...process.env };
  delete env.WTR_SUMMARY_FILE;
  const started = Date.now();
  const run = spawnSync('npx', ['wtr', '--config', 'test/fixtures/runner-guard.config.js'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const out = plain(`${run.stdout}\n${run.stderr}`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const context = `wtr exited ${run.status} after ${seconds} s:\n${out}`;
  assert.notEqual(run.status, 0, context);
  assert.doesNotMatch(out, /did not finish|did not start/, context);
  for (const name of [
    'runner guard > an expect on a DOM node that should not be there',
    'runner guard > an assert on a DOM node',
    'runner guard > an expect on a function',
  ]) {
    assert.ok(out.includes(`❌ ${name}`), `"${name}" is reported as failed\n${context}`);
  }
  assert.ok(out.includes('<a href="javascript:alert(1)" data-probe="runner-guard">this</a>'), context);
  assert.ok(out.includes('[function onClick]'), context);
  assert.match(out, /1 passed, 3 failed/, context);
});

test('the plugin rewrites only the runner transport, and says so loudly when the transport changed', () => {
  const plugin = cloneableResults();
  const body = 'export function stable (obj) {\n  var target = structuredClone(obj)\n}';
  assert.equal(plugin.transform({ path: '/test/x.test.ts', body }), undefined);
  const rewritten = plugin.transform({ path: TRANSPORT, body })?.body ?? '';
  assert.match(
    rewritten,
    /^import \{ cloneable as __aiChatCloneable \} from '\/test\/support\/cloneable-results\.ts';/,
  );
  assert.match(rewritten, /var target = __aiChatCloneable\(obj\)/);
  assert.doesNotMatch(rewritten, /structuredClone\(obj\)/);
  assert.throws(
    () => plugin.transform({ path: TRANSPORT, body: 'var target = somethingElse(obj)' }),
    /no longer contains "var target = structuredClone\(obj\)"/,
  );
});
