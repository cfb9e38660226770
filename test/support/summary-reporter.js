// A web-test-runner reporter that totals the run in one plain line:
//   tests: 259 passed, 0 failed, 0 skipped (slowest file: test/x.test.ts, 41.2 s of 90 s allowed)
// so any CI can read the totals without knowing web-test-runner's progress display. The slowest
// file's time (files run one at a time, so it is the time from one file's report to the next)
// shows how close the suite is to `testsFinishTimeout`, the time after which a file that never
// reports is failed. With WTR_SUMMARY_FILE set (scripts/test.js does), the line goes to that file
// and the caller prints it last; otherwise it is written when the runner stops.
import { writeFileSync } from 'node:fs';

/** @param {any} suite @param {{passed: number, failed: number, skipped: number}} totals */
function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
}

export function summaryReporter() {
  let line = '';
  /** @type {number | undefined} */
  let allowed;
  let last = 0;
  let slowest = { file: '', ms: 0 };
  return {
    /** @param {{config: {testsFinishTimeout?: number, concurrency?: number}}} args */
    start({ config }) {
      allowed = config.testsFinishTimeout;
    },
    onTestRunStarted() {
      last = performance.now();
      slowest = { file: '', ms: 0 };
    },
    /** @param {{testFile: string}} args */
    reportTestFileResults({ testFile }) {
      const now = performance.now();
      if (now - last > slowest.ms) slowest = { file: testFile, ms: now - last };
      last = now;
    },
    /** @param {{sessions: any[]}} args */
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      let broken = 0;
      for (const session of sessions) {
        count(session.testResults, totals);
        if (!session.passed && (session.errors?.length ?? 0) > 0) broken++;
      }
      const extra = broken ? ` (${broken} test file(s) failed to run)` : '';
      const file = slowest.file.replace(`${process.cwd()}/`, '');
      const of = allowed ? ` of ${Math.round(allowed / 1000)} s allowed` : '';
      const slow = file ? ` (slowest file: ${file}, ${(slowest.ms / 1000).toFixed(1)} s${of})` : '';
      line = `tests: ${totals.passed} passed, ${totals.failed + broken} failed, ${totals.skipped} skipped${extra}${slow}\n`;
      if (process.env.WTR_SUMMARY_FILE) writeFileSync(process.env.WTR_SUMMARY_FILE, line);
    },
    stop() {
      if (line && !process.env.WTR_SUMMARY_FILE) process.stdout.write(`\n${line}`);
    },
  };
}
