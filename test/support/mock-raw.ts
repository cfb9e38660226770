// Helpers for tests that talk to the mock backend with raw browser sockets: start backends
// through the `mock-backend` server command, call their methods, and close everything a test
// opened (call `closeStarted()` in `afterEach`).
import { executeServerCommand } from '@web/test-runner-commands';

/** Backends started by the current test, and raw sockets it opened. */
const started: number[] = [];
export const sockets: WebSocket[] = [];

export async function start(options: Record<string, unknown> = {}): Promise<{ id: number; port: number }> {
  const backend = await executeServerCommand<{ id: number; port: number }, unknown>('mock-backend', {
    op: 'start',
    options: { pace: 'fast', ...options },
  });
  started.push(backend.id);
  return backend;
}

export function call<R>(id: number, op: string, ...args: unknown[]): Promise<R> {
  return executeServerCommand<R, unknown>('mock-backend', { op, id, args });
}

/** Closes every raw socket and backend the test opened. */
export async function closeStarted(): Promise<void> {
  for (const ws of sockets.splice(0)) ws.close();
  await Promise.all(started.splice(0).map((id) => call(id, 'close')));
}

/** Waits until `check` returns a truthy value (polling), or fails after `timeout` ms. */
export async function until<T>(
  check: () => T | Promise<T>,
  what: string,
  timeout = 3000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
