// A node:test reporter that totals the Node-side tests (test/node/) in one plain line, like
// summary-reporter.js does for the browser tests:
//   node tests: 12 passed, 0 failed, 0 skipped
// scripts/test.js runs it beside the `spec` reporter.

/** @param {AsyncIterable<{type: string, data: any}>} source */
export default async function* totals(source) {
  const count = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) count.skipped++;
    else if (event.type === 'test:pass') count.passed++;
    else count.failed++;
  }
  yield `node tests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped\n`;
}
