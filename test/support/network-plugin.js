// A web-test-runner plugin exposing the `network` server command: it takes the test's page
// offline for real (the browser's network emulation: `navigator.onLine` turns false, the
// `offline` event fires, requests fail) and brings it back online after `forMs`, from the server
// (the page cannot ask while it is offline).
//
//   executeServerCommand('network', { offline: true, forMs: 1500 }) -> true (at once)

export function networkCommands() {
  /** @type {Map<string, ReturnType<typeof setTimeout>>} */
  const timers = new Map();
  return {
    name: 'network-commands',
    /** @param {{command: string, payload: any, session: any}} ctx */
    async executeCommand({ command, payload, session }) {
      if (command !== 'network') return undefined;
      const { offline = false, forMs = 2000 } = payload ?? {};
      if (!(Number.isFinite(forMs) && forMs >= 0 && forMs <= 20_000))
        throw new Error('network: forMs must be 0..20000');
      const page = session.browser.getPage(session.id);
      clearTimeout(timers.get(session.id));
      // Answer first: once the page is offline, the answer may not reach it.
      setTimeout(() => {
        void page.setOfflineMode(offline).catch(() => undefined);
        if (offline)
          timers.set(
            session.id,
            setTimeout(() => void page.setOfflineMode(false).catch(() => undefined), forMs),
          );
      }, 50);
      return true;
    },
  };
}
