/**
 * Keeps a scrolled transcript pinned to its bottom while a reply grows, as long as the reader is
 * there: scrolling up stops following, scrolling back to the bottom resumes it. No timers.
 */

/** How close to the bottom (px) still counts as "at the bottom". */
export const BOTTOM_SLACK = 24;

/**
 * Follows the bottom of `scroller` while `content` (inside it) grows or the scroller resizes.
 * Starts following if the scroller is at the bottom now. Returns a disposer that disconnects
 * every observer and listener.
 */
export function followBottom(scroller: HTMLElement, content: HTMLElement): () => void {
  const atBottom = (): boolean =>
    scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= BOTTOM_SLACK;
  let following = atBottom();
  let lastTop = scroller.scrollTop;

  // ResizeObserver callbacks run after layout and before paint: the new bottom shows in the same frame.
  const stick = (): void => {
    if (!following) return;
    scroller.scrollTop = scroller.scrollHeight;
    lastTop = scroller.scrollTop;
  };
  // Scroll events come late (next frame) and content may have grown since, so "not at the
  // bottom" alone is no sign of the reader: only moving up is. Reaching the bottom resumes.
  const onScroll = (): void => {
    const top = scroller.scrollTop;
    if (atBottom()) following = true;
    else if (top < lastTop) following = false;
    lastTop = top;
  };

  scroller.addEventListener('scroll', onScroll, { passive: true });
  const resizes = new ResizeObserver(stick);
  resizes.observe(content);
  resizes.observe(scroller);

  return () => {
    scroller.removeEventListener('scroll', onScroll);
    resizes.disconnect();
  };
}
