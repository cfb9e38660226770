import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * What is in the element's `avatar` slot, copied beside each assistant message: one copy per
 * message (a node can be in one place only), made once, without `slot` and `id` attributes, and
 * dropped when its message leaves the transcript. A new slot content replaces every copy.
 */
export class AvatarCopies implements ReactiveController {
  /** The slot's content (elements and text that is not blank). */
  private nodes: readonly Node[] = [];
  private readonly copies = new Map<string, Node[]>();

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The ids of the messages in the transcript now. */
    private readonly ids: () => readonly string[],
  ) {
    host.addController(this);
  }

  /** The slot's `slotchange` listener. */
  readonly slotChanged = (event: Event): void => {
    const nodes = (event.target as HTMLSlotElement).assignedNodes({ flatten: true });
    this.nodes = nodes.filter((node) => node.nodeType === Node.ELEMENT_NODE || node.textContent?.trim());
    this.copies.clear();
    this.host.requestUpdate();
  };

  /** Drops the copies of messages no longer in the transcript. */
  hostUpdate(): void {
    const ids = this.ids();
    if (this.copies.size <= ids.length) return;
    const kept = new Set(ids);
    for (const id of this.copies.keys()) if (!kept.has(id)) this.copies.delete(id);
  }

  /** The copies beside one message (none when the slot is empty). */
  readonly for = (id: string): readonly Node[] => {
    if (this.nodes.length === 0) return [];
    let copies = this.copies.get(id);
    if (!copies) {
      copies = this.nodes.map((node) => {
        const copy = node.cloneNode(true);
        if (copy instanceof Element) {
          copy.removeAttribute('slot');
          for (const element of [copy, ...copy.querySelectorAll('[id]')]) element.removeAttribute('id');
        }
        return copy;
      });
      this.copies.set(id, copies);
    }
    return copies;
  };
}
