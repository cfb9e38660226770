// A web-test-runner reporter that totals the run in one plain line:
//   tests: 259 passed, 0 failed, 0 skipped
// so any CI can read the totals without knowing web-test-runner's progress display.
// With WTR_SUMMARY_FILE set (scripts/test.js does), the line goes to that file and the
// caller prints it last; otherwise it is written when the runner stops.
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
  return {
    /** @param {{sessions: any[]}} args */
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      let broken = 0;
      for (const session of sessions) {
        count(session.testResults, totals);
        if (!session.passed && (session.errors?.length ?? 0) > 0) broken++;
      }
      const extra = broken ? ` (${broken} test file(s) failed to run)` : '';
      line = `tests: ${totals.passed} passed, ${totals.failed + broken} failed, ${totals.skipped} skipped${extra}\n`;
      if (process.env.WTR_SUMMARY_FILE) writeFileSync(process.env.WTR_SUMMARY_FILE, line);
    },
    stop() {
      if (line && !process.env.WTR_SUMMARY_FILE) process.stdout.write(`\n${line}`);
    },
  };
}
