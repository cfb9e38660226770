// Starts real instances of the mock AI backend (demo/server/) for browser tests, through the
// `mock-backend` server command of test/support/mock-backend-plugin.js.
import { executeServerCommand } from '@web/test-runner-commands';

export interface Backend {
  id: number;
  port: number;
  /** `ws://127.0.0.1:PORT` + path */
  url(path: string): string;
  call<R = unknown>(op: string, ...args: unknown[]): Promise<R>;
  /** Every client frame the backend received (parsed JSON). */
  received(): Promise<{ connection: number; frame: Record<string, unknown> }[]>;
}

const running = new Set<Backend>();

export async function startBackend(options: Record<string, unknown> = {}): Promise<Backend> {
  const { id, port } = await executeServerCommand<{ id: number; port: number }, unknown>('mock-backend', {
    op: 'start',
    options: { pace: 'fast', ...options },
  });
  const call = <R>(op: string, ...args: unknown[]) =>
    executeServerCommand<R, unknown>('mock-backend', { op, id, args });
  const backend: Backend = {
    id,
    port,
    url: (path) => `ws://127.0.0.1:${port}${path}`,
    call,
    received: () => call('received'),
  };
  running.add(backend);
  return backend;
}

/** Closes every backend the test started. */
export async function closeBackends(): Promise<void> {
  const all = [...running];
  running.clear();
  await Promise.all(all.map((b) => b.call('close')));
}

/** The user-message frames (`type: 'message'`) a backend received. */
export async function userFrames(backend: Backend): Promise<Record<string, unknown>[]> {
  return (await backend.received()).map((r) => r.frame).filter((f) => f && f.type === 'message');
}
