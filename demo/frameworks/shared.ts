// Shared by the framework demos (react/, vue/, angular/): where the AI backend is, and a token
// provider as an app would write one.

/** `?endpoint=…` (the tests pass their own mock backend), else the dev server's mock backend. */
export const endpoint = new URLSearchParams(location.search).get('endpoint') ?? '/ai/{feature}/ws';

/**
 * A token provider: <ai-chat> asks it before every (re)connect, so a short-lived token can be
 * refreshed. A real app would fetch one (`(await fetch('/api/chat-token')).text()`).
 */
export function tokenProviderFor(framework: string): () => Promise<string> {
  return async () => `${framework}-demo-token`;
}
