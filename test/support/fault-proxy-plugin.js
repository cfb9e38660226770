// A web-test-runner plugin exposing the `fault-proxy` server command, so browser tests can put a
// fault-injecting TCP proxy (./fault-proxy.js) between the page and a backend on 127.0.0.1 and
// inject faults at run time.
//
//   executeServerCommand('fault-proxy', { op: 'start', target: port, options }) -> { id, port }
//   executeServerCommand('fault-proxy', { op, id, args })                       -> the method's result
//
// `op` names a method of FaultProxy: 'configure', 'silence', 'blackhole', 'reset', 'refuse',
// 'flap', 'killAfter', 'stats', 'close'. Results must be JSON (and never null: web-test-runner
// takes a null result for "command not handled").

export function faultProxyCommands() {
  /** @type {Map<number, import('./fault-proxy.js').FaultProxy>} */
  const proxies = new Map();
  let nextId = 1;
  return {
    name: 'fault-proxy-commands',
    async serverStop() {
      await Promise.all([...proxies.values()].map((p) => p.close()));
      proxies.clear();
    },
    /** @param {{command: string, payload: any}} ctx */
    async executeCommand({ command, payload }) {
      if (command !== 'fault-proxy') return undefined;
      const { op, id, target, options = {}, args = [] } = payload ?? {};
      if (op === 'start') {
        const { startFaultProxy } = await import('./fault-proxy.js');
        const proxy = await startFaultProxy({ ...options, target: { port: target } });
        const newId = nextId++;
        proxies.set(newId, proxy);
        return { id: newId, port: proxy.port };
      }
      const proxy = proxies.get(id);
      if (!proxy) throw new Error(`fault-proxy: no proxy with id ${id}`);
      const ops = [
        'configure',
        'silence',
        'blackhole',
        'reset',
        'refuse',
        'flap',
        'killAfter',
        'stats',
        'close',
      ];
      if (!ops.includes(op)) throw new Error(`fault-proxy: no operation '${op}'`);
      const method = /** @type {(...a: unknown[]) => unknown} */ (/** @type {any} */ (proxy)[op]);
      const result = await method.apply(proxy, args);
      if (op === 'close') proxies.delete(id);
      return result ?? true;
    },
  };
}
