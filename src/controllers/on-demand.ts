import type { ReactiveControllerHost } from 'lit';

/**
 * The parts of the element that load on demand (the panel, the launcher, the markdown renderer,
 * the cards, the session), and what is on its way: a module is fetched once, when first asked
 * for, and the host updates when it arrives. The script-tag build turns each `import()` into a
 * chunk beside itself, found relative to its own URL; the classic-script build holds them all.
 */
export class OnDemand {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly modules: Loadable<unknown>[] = [];
  /** Modules asked for in the background already (once each). */
  private readonly prefetched = new Set<Loadable<unknown>>();

  constructor(private readonly host: ReactiveControllerHost) {}

  /**
   * Starts loading `module` once the browser is idle (right after the first paint, say), so it is
   * there when first needed; asked once per module. Where `requestIdleCallback` is missing
   * (Safari), soon after.
   */
  prefetch(module: Loadable<unknown>): void {
    if (module.ready || this.prefetched.has(module)) return;
    this.prefetched.add(module);
    const start = () => void module.get();
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
    else setTimeout(start, 200);
  }

  /** Tries again every module whose load failed (the host's Retry). */
  retry(): void {
    for (const module of this.modules) module.retry();
  }

  /**
   * A module loaded on demand: `get()` returns it once it has arrived, else starts loading it
   * (once) and returns undefined; `ready` tells without loading. A load that fails is reported
   * and not tried again until `retry()` (the host's Retry, or `connect()`). A module that is
   * `already` there (bundled with the element) is never loaded: it arrives at once.
   */
  module<T>(load: () => Promise<T>, arrived?: (value: T) => void, already?: T): Loadable<T> {
    let value: T | undefined = already;
    if (already !== undefined) arrived?.(already);
    let state: 'idle' | 'loading' | 'failed' = 'idle';
    const start = () => {
      state = 'loading';
      this.track(
        load().then(
          (loaded) => {
            value = loaded;
            arrived?.(loaded);
            this.host.requestUpdate();
          },
          (error: unknown) => {
            state = 'failed';
            console.warn('<ai-chat> could not load a part of itself', error);
          },
        ),
      );
    };
    const module: Loadable<T> = {
      get: () => {
        if (value === undefined && state === 'idle') start();
        return value;
      },
      get ready() {
        return value !== undefined;
      },
      get failed() {
        return state === 'failed';
      },
      retry: () => {
        if (state === 'failed') start();
      },
    };
    this.modules.push(module);
    return module;
  }

  /** Waits for `promise` before `settled()` resolves. */
  track(promise: Promise<unknown>): void {
    const tracked = promise.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** Whether something is on its way. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Resolves once nothing is on its way (what arrives meanwhile is waited for too). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }
}

/** One module loaded on demand (see {@link OnDemand.module}). */
export interface Loadable<T> {
  /** The module if it has arrived; otherwise starts loading it and returns undefined. */
  get(): T | undefined;
  readonly ready: boolean;
  /** Its last load failed (until `retry()`). */
  readonly failed: boolean;
  /** Tries again after a failed load. */
  retry(): void;
}
