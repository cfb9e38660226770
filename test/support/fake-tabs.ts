import type { ChannelConstructor, LockManagerLike } from '../../src/session/deps.js';

/**
 * Tabs of one origin, faked: `BroadcastChannel`s made from one hub hear each other (never
 * themselves), delivered asynchronously as the real one does; `locks` is one shared Web Locks
 * manager (exclusive locks, `ifAvailable`, released when the callback's promise settles).
 */
export class FakeTabs {
  private readonly channels = new Set<{ name: string; deliver: (data: unknown) => void }>();
  /** Every channel ever made, in order (a test can cut one off: its tab "crashed"). */
  private readonly made: { name: string; deliver: (data: unknown) => void }[] = [];
  private readonly held = new Set<string>();
  private readonly waiting = new Map<string, (() => void)[]>();
  /** Everything posted on any channel, by channel name. */
  readonly posted: { name: string; data: unknown }[] = [];

  /** A `BroadcastChannel` constructor for one more tab. */
  get BroadcastChannel(): ChannelConstructor {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const hub = this;
    return class {
      onmessage: ((event: MessageEvent) => void) | null = null;
      private readonly entry: { name: string; deliver: (data: unknown) => void };
      private open = true;
      constructor(readonly name: string) {
        this.entry = { name, deliver: (data) => this.onmessage?.(new MessageEvent('message', { data })) };
        hub.channels.add(this.entry);
        hub.made.push(this.entry);
      }
      postMessage(data: unknown): void {
        if (!this.open) throw new DOMException('closed', 'InvalidStateError');
        hub.broadcast(this.name, structuredClone(data), this.entry);
      }
      close(): void {
        this.open = false;
        hub.channels.delete(this.entry);
      }
    };
  }

  /** The `index`-th channel made hears and reaches no one any more (its tab crashed). */
  cut(index: number): void {
    const entry = this.made[index];
    if (entry) {
      this.channels.delete(entry);
      this.cutOff.add(entry);
    }
  }

  private readonly cutOff = new Set<unknown>();

  /** Posts on a channel as a script of the origin would (junk, hostile data). */
  inject(name: string, data: unknown): void {
    this.broadcast(name, data, undefined);
  }

  readonly locks: LockManagerLike = {
    request: async (name, options, callback) => {
      if (this.held.has(name)) {
        if (options.ifAvailable) return callback(null);
        await new Promise<void>((resolve, reject) => {
          const queue = this.waiting.get(name) ?? [];
          queue.push(resolve);
          this.waiting.set(name, queue);
          options.signal?.addEventListener('abort', () => {
            this.waiting.set(
              name,
              (this.waiting.get(name) ?? []).filter((r) => r !== resolve),
            );
            reject(new DOMException('aborted', 'AbortError'));
          });
        });
      }
      this.held.add(name);
      try {
        return await callback({ name });
      } finally {
        this.held.delete(name);
        this.waiting.get(name)?.shift()?.();
      }
    },
  };

  /** Whether a lock of this name is held now. */
  isHeld(name: string): boolean {
    return this.held.has(name);
  }

  private broadcast(name: string, data: unknown, from: unknown): void {
    if (this.cutOff.has(from)) return;
    this.posted.push({ name, data });
    for (const channel of [...this.channels]) {
      if (channel !== from && channel.name === name) queueMicrotask(() => channel.deliver(data));
    }
  }
}
