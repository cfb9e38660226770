// A web-test-runner plugin exposing the `dom-counters` server command: it collects garbage in
// the test's page (twice, through the Chrome DevTools Protocol) and returns the page's live DOM
// counters, so a test can prove that nodes are not retained per message (detached nodes still
// count while anything holds them).
//
//   executeServerCommand('dom-counters') -> { nodes, documents, jsEventListeners }

export function heapCommands() {
  return {
    name: 'heap-commands',
    /** @param {{command: string, session: any}} ctx */
    async executeCommand({ command, session }) {
      if (command !== 'dom-counters') return undefined;
      const page = session.browser.getPage(session.id);
      const cdp = await page.createCDPSession();
      try {
        for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
        return await cdp.send('Memory.getDOMCounters');
      } finally {
        await cdp.detach();
      }
    },
  };
}
