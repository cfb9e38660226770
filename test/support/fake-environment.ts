/**
 * A stand-in for `window` as the transport sees it: `online`/`offline` events with
 * `navigator.onLine`, and the document's visibility with `visibilitychange`.
 */
export class FakeEnvironment extends EventTarget {
  navigator = { onLine: true };
  document: EventTarget & { visibilityState: string } = Object.assign(new EventTarget(), {
    visibilityState: 'visible',
  });

  goOffline(): void {
    this.navigator.onLine = false;
    this.dispatchEvent(new Event('offline'));
  }

  goOnline(): void {
    this.navigator.onLine = true;
    this.dispatchEvent(new Event('online'));
  }

  setVisibility(state: 'visible' | 'hidden'): void {
    this.document.visibilityState = state;
    this.document.dispatchEvent(new Event('visibilitychange'));
  }
}
