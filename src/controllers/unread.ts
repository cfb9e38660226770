import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The launcher's unread count: assistant messages that arrived (from the server or another tab,
 * not restored or replayed history) while the chat was not in view. Worked out before each render.
 */
export class Unread implements ReactiveController {
  /** Unread messages now. */
  count = 0;
  /** How many had arrived when the chat was last in view. */
  private readMark = 0;

  constructor(
    host: ReactiveControllerHost,
    /** How many assistant messages have arrived so far. */
    private readonly arrivals: () => number,
    /** Whether the chat is in view (inline, or the launcher's panel open). */
    private readonly inView: () => boolean,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const arrived = this.arrivals();
    if (this.inView()) this.readMark = arrived;
    this.count = arrived - this.readMark;
  }
}
