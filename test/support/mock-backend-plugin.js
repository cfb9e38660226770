// A web-test-runner plugin exposing the `mock-backend` server command, so browser tests can
// drive real instances of the mock AI backend (demo/server/) over real sockets on 127.0.0.1.
//
//   executeServerCommand('mock-backend', { op: 'start', options })  -> { id, port }
//   executeServerCommand('mock-backend', { op, id, args })           -> the method's result
//
// `op` names a method of the backend object (see demo/server/mock-backend.js), e.g. 'stop',
// 'restart', 'received', 'dropAll', 'close'. Results must be JSON.

export function mockBackendCommands() {
  /** @type {Map<number, any>} */
  const backends = new Map();
  let nextId = 1;
  return {
    name: 'mock-backend-commands',
    async serverStop() {
      await Promise.all([...backends.values()].map((b) => b.close()));
      backends.clear();
    },
    /** @param {{command: string, payload: any}} ctx */
    async executeCommand({ command, payload }) {
      if (command !== 'mock-backend') return undefined;
      const { op, id, options, args = [] } = payload ?? {};
      if (op === 'start') {
        const { startMockBackend } = await import('../../demo/server/mock-backend.js');
        const backend = await startMockBackend({ ...options, host: '127.0.0.1', port: 0 });
        const newId = nextId++;
        backends.set(newId, backend);
        return { id: newId, port: backend.port };
      }
      const backend = backends.get(id);
      if (!backend) throw new Error(`mock-backend: no backend with id ${id}`);
      if (typeof backend[op] !== 'function') throw new Error(`mock-backend: no operation '${op}'`);
      const result = await backend[op](...args);
      if (op === 'close') backends.delete(id);
      return result ?? true;
    },
  };
}
