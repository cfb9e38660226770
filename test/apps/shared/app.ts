// Shared by every framework app (copied into each as src/app.ts when it is built): where the AI
// backend is, the token, and what the tests read and call. The page's query says:
//   ?endpoint=ws://127.0.0.1:PORT/ai/{feature}/ws   the test's own mock backend
//   ?inline                                          pass a new inline tokenProvider arrow on every render
// Each app shows the status it hears from `ai-chat-status` in [data-testid=status], the number of
// complete replies in [data-testid=replies], its render count in [data-testid=renders], and sets
// `window.rerender(times)`, which renders the app again that many times, one after another.

const query = new URLSearchParams(globalThis.location?.search ?? '');

/** The test's mock backend, else the dev server's. */
export const endpoint = query.get('endpoint') ?? '/ai/{feature}/ws';

/** Whether to pass a new inline provider on every render (the reconnect-storm check). */
export const inline = query.has('inline');

/** What the provider returns: the tests read its length from the backend's handshake. */
export const tokenFor = (app: string): string => `${app}-app-token`;

declare global {
  interface Window {
    /** Renders the app again `times` times; resolves with the number of renders done. */
    rerender?: (times: number) => Promise<number>;
  }
}
