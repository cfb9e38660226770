/**
 * A streaming reply never gets shorter under its reader. Almost every update only adds to it,
 * but a few cannot help shrinking it a little: a table whose columns rebalance as a cell fills
 * (a row wraps on fewer lines), a line that turned out to be something smaller. A reader following
 * the bottom would see the text jump. While the reply streams, its element keeps the tallest
 * height it has had: a ResizeObserver on its content box (after layout, before paint, so a shorter
 * frame is never painted) makes up the difference with bottom padding, which later content grows
 * into. (Padding, because it leaves the observed content box alone: a size change made in the
 * callback to the observed box would be a ResizeObserver loop error.)
 *
 * Once the reply is final, the padding only shrinks as content fills it, and goes when the
 * element is laid out at another width (heights are not comparable any more) or the text is
 * replaced by another one.
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

  constructor(el: HTMLElement) {
    this.el = el;
  }

  /** The reply is streaming: from now on it does not get shorter. */
  hold(): void {
    this.streaming = true;
    if (this.observer || typeof ResizeObserver !== 'function') return;
    this.observer = new ResizeObserver((entries) => {
      for (const entry of entries) this.measured(entry);
    });
    this.observer.observe(this.el);
  }

  /** The reply is final: the padding left (if any) only shrinks from now on. */
  release(): void {
    this.streaming = false;
    if (this.pad === 0) this.stop();
  }

  /** The reply was replaced by another text: its old height means nothing any more. */
  reset(): void {
    this.floor = 0;
    this.setPad(0);
  }

  /** Stops observing (the element left the page, or nothing is held up); `hold()` starts again. */
  stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.width = -1;
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
      if (!this.streaming) this.stop();
      return;
    }
    this.floor = Math.max(this.floor, height);
    const pad = this.floor - height;
    if (this.streaming || pad < this.pad) this.setPad(pad);
    if (!this.streaming && this.pad === 0) this.stop();
  }

  private setPad(pad: number): void {
    const rounded = pad < 0.5 ? 0 : Math.ceil(pad);
    if (rounded === this.pad) return;
    this.pad = rounded;
    this.el.style.paddingBlockEnd = rounded ? `${rounded}px` : '';
  }
}
