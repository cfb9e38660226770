/**
 * Resolves at the next animation frame, so work that many events ask for (one per socket
 * frame, thousands a second) is done once per frame. A hidden page paints nothing and runs no
 * frames, so there it resolves at once.
 */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function' || globalThis.document?.visibilityState === 'hidden') {
      resolve();
    } else {
      requestAnimationFrame(() => resolve());
    }
  });
}
