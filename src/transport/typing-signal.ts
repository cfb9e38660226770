import { realClock, type Clock } from './clock.js';

/**
 * Turns keystrokes into "is typing" on/off signals: on at the first keystroke, off after
 * `idleMs` without one, or at once on `stop()` (a message was sent). Owns its one timer.
 */
export class TypingSignal {
  private typing = false;
  private idleTimer: unknown;

  constructor(
    private readonly onChange: (typing: boolean) => void,
    private readonly idleMs = 2000,
    private readonly clock: Clock = realClock,
  ) {}

  /** The person typed something. */
  poke(): void {
    this.clock.clearTimeout(this.idleTimer);
    this.idleTimer = this.clock.setTimeout(() => this.stop(), this.idleMs);
    if (this.typing) return;
    this.typing = true;
    this.onChange(true);
  }

  /** Typing ended (sent, or idle): signals off once. */
  stop(): void {
    this.clock.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (!this.typing) return;
    this.typing = false;
    this.onChange(false);
  }

  /** Clears the timer without signalling. */
  dispose(): void {
    this.clock.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.typing = false;
  }
}
