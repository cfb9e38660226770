/**
 * A transcript never gets shorter under its reader while a reply streams. Almost every update
 * only adds to it, but a few cannot help shrinking it a little: a typing indicator that gives way
 * to the reply, a table whose columns rebalance as a cell fills (a row wraps on fewer lines), a
 * line that turned out to be something smaller. A reader following the bottom would see the text
 * jump. While held, the element (`<ai-chat>`'s list of messages) keeps the tallest height it has
 * had: a ResizeObserver on its content box (after layout, before paint, so a shorter frame is
 * never painted) makes up the difference with bottom padding, which later content grows into.
 * (Padding, because it leaves the observed content box alone: a size change made in the callback
 * to a box that this or another observer watches, or to anything inside it, would be a
 * ResizeObserver loop error on the host's page. The bottom-follower watches the same list's
 * content box, so the floor goes on the list, not on a message inside it.)
 *
 * What the reader does is not made up for: a click in the element (collapsing a reasoning or tool
 * block by mouse or keyboard) lets the size change it causes through, in the frame it is laid
 * out; the padding stays what it was, so nothing else moves.
 *
 * Once released, the padding only shrinks as content fills it, and goes when the element is laid
 * out at another width (heights are not comparable any more) or on `reset()`.
 */
export class HeightFloor {
  private readonly el: HTMLElement;
  private observer: ResizeObserver | undefined;
  /** The tallest content-box block size seen at the current inline size. */
  private floor = 0;
  private width = -1;
  /** The bottom padding added now (px). */
  private pad = 0;
  private streaming = false;
  /** A click in the element: the next size change is the reader's doing (until two frames pass). */
  private readerAction = 0;
  private readonly onClick = (): void => {
    const action = ++this.readerAction;
    // Layout (and this observer) runs after the next frame's callbacks: two frames cover it.
    const expire = () => {
      if (this.readerAction === action) this.readerAction = 0;
    };
    requestAnimationFrame(() => requestAnimationFrame(expire));
  };

  /**
   * Observes `el` from now until `stop()`. An observer made before another one on the same
   * element runs its callback first: made before the bottom-follower's, the padding is in place
   * when the follower scrolls to the bottom, in the same frame.
   */
  constructor(el: HTMLElement) {
    this.el = el;
    if (typeof ResizeObserver !== 'function') return;
    this.observer = new ResizeObserver((entries) => {
      for (const entry of entries) this.measured(entry);
    });
    this.observer.observe(el);
    // Capture: a click on a <summary> toggles its <details> before the click leaves the list.
    el.addEventListener('click', this.onClick, true);
  }

  /** A reply is streaming: from now on the element does not get shorter. */
  hold(): void {
    this.streaming = true;
  }

  /** No reply is streaming: the padding left (if any) only shrinks from now on. */
  release(): void {
    this.streaming = false;
  }

  /** Messages left from the top (an emptied or trimmed transcript): the old height means nothing. */
  reset(): void {
    this.floor = 0;
    this.setPad(0);
  }

  /** Stops observing (the element left the page); the padding stays as it is. */
  stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.el.removeEventListener('click', this.onClick, true);
  }

  private measured(entry: ResizeObserverEntry): void {
    const box = entry.contentBoxSize?.[0];
    const height = box ? box.blockSize : entry.contentRect.height;
    const width = box ? box.inlineSize : entry.contentRect.width;
    if (width !== this.width) {
      // Another width is another layout: start over.
      this.width = width;
      this.floor = height;
      this.setPad(0);
      return;
    }
    if (this.readerAction) {
      // The reader's doing: the new height, with the padding as it was, is the floor now.
      this.readerAction = 0;
      this.floor = height + this.pad;
    }
    this.floor = Math.max(this.floor, height);
    const pad = this.floor - height;
    if (this.streaming || pad < this.pad) this.setPad(pad);
  }

  private setPad(pad: number): void {
    const rounded = pad < 0.5 ? 0 : Math.ceil(pad);
    if (rounded === this.pad) return;
    this.pad = rounded;
    this.el.style.paddingBlockEnd = rounded ? `${rounded}px` : '';
  }
}
