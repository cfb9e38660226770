/**
 * A line to the other tabs and frames of this origin that show the same conversation: a thin
 * wrapper over `BroadcastChannel` that never throws (no BroadcastChannel, a closed channel, an
 * uncloneable value) and hands over only what arrives. The caller validates what it gets: any
 * script of the origin can post on the channel.
 */
export class TabChannel {
  private channel?: BroadcastChannel;

  constructor(
    readonly name: string,
    onMessage: (data: unknown) => void,
  ) {
    if (typeof BroadcastChannel === 'undefined') return;
    try {
      this.channel = new BroadcastChannel(name);
      this.channel.onmessage = (event: MessageEvent) => onMessage(event.data);
    } catch {
      this.channel = undefined;
    }
  }

  /** Whether the channel is open. */
  get open(): boolean {
    return this.channel !== undefined;
  }

  /** Posts to every other channel of this name (never to this one). */
  post(data: unknown): void {
    try {
      this.channel?.postMessage(data);
    } catch {
      // Closed meanwhile, or a value that cannot be cloned: the other tabs miss this one.
    }
  }

  close(): void {
    if (!this.channel) return;
    this.channel.onmessage = null;
    this.channel.close();
    this.channel = undefined;
  }
}
