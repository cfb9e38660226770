// Starts fault-injecting TCP proxies (./fault-proxy.js) for browser tests, through the
// `fault-proxy` server command of ./fault-proxy-plugin.js.
import { executeServerCommand } from '@web/test-runner-commands';

export interface ProxyStats {
  accepted: number;
  open: number;
  refused: number;
  reset: number;
  silenced: number;
  killed: number;
  upstreamFailed: number;
  bytes: { up: number; down: number };
  dropped: { up: number; down: number };
  writes: number;
}

export interface Proxy {
  id: number;
  port: number;
  call<R = unknown>(op: string, ...args: unknown[]): Promise<R>;
  stats(): Promise<ProxyStats>;
}

const running = new Set<Proxy>();

/** A proxy on 127.0.0.1 in front of the backend at `targetPort` (options: see FaultProxyOptions). */
export async function startProxy(targetPort: number, options: Record<string, unknown> = {}): Promise<Proxy> {
  const { id, port } = await executeServerCommand<{ id: number; port: number }, unknown>('fault-proxy', {
    op: 'start',
    target: targetPort,
    options,
  });
  const call = <R>(op: string, ...args: unknown[]) =>
    executeServerCommand<R, unknown>('fault-proxy', { op, id, args });
  const proxy: Proxy = { id, port, call, stats: () => call<ProxyStats>('stats') };
  running.add(proxy);
  return proxy;
}

/** Closes every proxy the test started. */
export async function closeProxies(): Promise<void> {
  const all = [...running];
  running.clear();
  await Promise.all(all.map((p) => p.call('close')));
}
