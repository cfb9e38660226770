// Small helpers for tests of the real <ai-chat> element.
import { waitUntil } from '@open-wc/testing';
import type { AiChat } from '../../src/ai-chat.js';

export const q = <T extends Element = HTMLElement>(el: AiChat, selector: string): T | null =>
  el.shadowRoot!.querySelector<T>(selector);

export const qa = (el: AiChat, selector: string): HTMLElement[] => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>(selector),
];

/** Waits until `predicate` (sync or async) holds, polling every 20 ms. */
export const until = (predicate: () => unknown, message: string, timeout = 8000): Promise<void> =>
  waitUntil(async () => Boolean(await predicate()), message, { timeout, interval: 20 });

// Both wait for the render too: the element renders at most once per animation frame, so its
// state can be ahead of its DOM for up to a frame.

export const connected = async (el: AiChat): Promise<void> => {
  await until(() => el.status === 'connected', `status is ${el.status}, not connected`);
  await el.updateComplete;
};

/** Waits for `count` assistant replies to be complete (and rendered). */
export const replies = async (el: AiChat, count = 1): Promise<void> => {
  await until(
    () =>
      el.messages.filter((m) => m.role === 'assistant' && m.state === 'complete' && m.content).length >=
      count,
    `${count} complete assistant replies`,
  );
  await el.updateComplete;
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What Lit warned about on this page so far, besides its dev-mode notice (the tests run Lit in dev mode). */
export const litWarnings = (): string[] => {
  const issued = (globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings;
  if (!issued) throw new Error('the tests run Lit in dev mode, so litIssuedWarnings should exist');
  return [...issued].filter((w) => !/dev mode|dev-mode/i.test(w));
};
