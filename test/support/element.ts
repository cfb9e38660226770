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

export const connected = (el: AiChat): Promise<void> =>
  until(() => el.status === 'connected', `status is ${el.status}, not connected`);

/** Waits for `count` assistant replies to be complete. */
export const replies = (el: AiChat, count = 1): Promise<void> =>
  until(
    () =>
      el.messages.filter((m) => m.role === 'assistant' && m.state === 'complete' && m.content).length >=
      count,
    `${count} complete assistant replies`,
  );

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
