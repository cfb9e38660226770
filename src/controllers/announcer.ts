import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatMessage } from '../transcript/index.js';
import type { Strings } from '../i18n/index.js';
import { Status } from '../transport/status.js';
import { noticeText } from '../views/notice.js';
import { plainText } from '../views/plain-text.js';

/**
 * Something to announce to screen readers: a finished reply or a system line (once each), or a
 * change of the connection status.
 */
export type Announcement =
  | { kind: 'message'; message: ChatMessage }
  | { kind: 'status'; status: Status; previous: Status; code?: number };

/**
 * How much of a finished reply is announced: a screen reader reads this much, then "…" (the
 * whole reply is in the transcript). Reading back a 128 KB reply, and speaking it, would cost
 * the page a long task and the listener minutes.
 */
const ANNOUNCED_CHARACTERS = 600;

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * The live-region announcer: two hidden regions the element renders (`#polite`, a status, and `#urgent`, an alert), and what
 * happened since the last update written into them once that update has rendered it — a finished
 * reply or a system line politely (once, never per token; a long reply's text cut to its first
 * `ANNOUNCED_CHARACTERS` and "…", the rest is in the transcript), a lost connection assertively,
 * its return politely. Each write replaces the region's text, so it is read once.
 */
export class Announcer implements ReactiveController {
  private pending: Announcement[] = [];
  /** The connection was lost (and that was announced): the next `connected` is announced as its return. */
  private lost = false;

  constructor(
    private readonly host: Host,
    /** What happened since the last update (taken, oldest first). */
    private readonly take: () => Announcement[],
    private readonly strings: () => Strings,
    /** Whether the transcript is drawn whole (no renderer on its way): until then, announcing waits. */
    private readonly drawn: () => boolean = () => true,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    this.pending.push(...this.take());
  }

  hostUpdated(): void {
    // A reply is read as drawn: while its markdown renderer or its card is on its way, the update
    // that brings it announces.
    if (this.pending.length === 0 || !this.drawn()) return;
    const t = this.strings();
    const polite: string[] = [];
    const urgent: string[] = [];
    for (const item of this.pending.splice(0)) {
      if (item.kind === 'message') {
        const text = this.textOf(item.message.id);
        if (text) polite.push(text);
        continue;
      }
      const { status, previous, code } = item;
      if (status === Status.reconnecting && previous === Status.connected) urgent.push(t.connectionLost);
      else if (status === Status.offline || status === Status.unauthorized)
        urgent.push(noticeText(t, status, code));
      else if (status === Status.connected && this.lost) polite.push(t.reconnected);
      else continue;
      this.lost = status !== Status.connected;
    }
    const root = this.host.renderRoot;
    const write = (id: string, lines: string[]) => {
      const region = root.querySelector(`#${id}`);
      if (lines.length && region) region.textContent = lines.join('\n');
    };
    write('polite', polite);
    write('urgent', urgent);
  }

  /** A message as read aloud: the text of its bubble as rendered (a long body cut short). */
  private textOf(id: string): string {
    const bubble = this.host.renderRoot.querySelector(`.message[data-id="${CSS.escape(id)}"]`);
    if (!bubble) return '';
    const content = bubble.querySelector('.content');
    return plainText(bubble, content ? { node: content, limit: ANNOUNCED_CHARACTERS } : undefined);
  }
}
