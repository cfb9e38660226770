// The framework apps of test/apps/, built from the packed package by scripts/build-apps.js into
// dist-apps/<app>/ (`npm run apps`; `npm test` runs it): loading one in an iframe against a real
// mock backend, and reading what the app shows.
import type { AiChat } from '../../src/ai-chat.js';
import type { Backend } from './backend.js';
import { until } from './element.js';

export interface App {
  /** The folder under dist-apps/ (also the name scripts/build-apps.js knows it by). */
  name: string;
  /** The heading the app gives <ai-chat>. */
  heading: string;
  /** Extra query: `bare` renders a bare <ai-chat> in React 19 instead of the wrapper. */
  variant?: 'bare';
}

export const APPS: App[] = [
  { name: 'react-19', heading: 'React 19 app' },
  { name: 'react-19', heading: 'React 19 app', variant: 'bare' },
  { name: 'react-18', heading: 'React 18 app' },
  { name: 'vue', heading: 'Vue 3 app' },
  { name: 'angular', heading: 'Angular app' },
  { name: 'next', heading: 'Next.js app' },
  { name: 'astro', heading: 'Astro app' },
  { name: 'nuxt', heading: 'Nuxt app' },
  { name: 'sveltekit', heading: 'SvelteKit app' },
];

export const label = (app: App): string => (app.variant ? `${app.name} (${app.variant})` : app.name);

export interface LoadedApp {
  frame: HTMLIFrameElement;
  doc: Document;
  el: AiChat;
  /** The text of the app's `[data-testid=…]` output. */
  shown(id: 'status' | 'replies' | 'renders'): string | undefined;
  /** `window.rerender(times)` in the app. */
  rerender(times: number): Promise<number>;
}

/** Loads dist-apps/<app>/ in an iframe with `?endpoint=` the backend, and waits for <ai-chat>. */
export async function loadApp(
  app: App,
  backend: Backend,
  query: Record<string, string> = {},
): Promise<LoadedApp> {
  const index = `/dist-apps/${app.name}/index.html`;
  const page = await fetch(index, { method: 'HEAD' });
  if (!page.ok) {
    throw new Error(
      `dist-apps/${app.name}/ is missing: build the package and the apps first with \`npm run build && npm run apps\` ` +
        '(the apps install the packed tarball; npm test does both)',
    );
  }
  const params = new URLSearchParams({ endpoint: backend.url('/ai/{feature}/ws'), ...query });
  if (app.variant) params.set(app.variant, '');
  const frame = document.createElement('iframe');
  frame.src = `${index}?${params}`;
  frame.style.cssText = 'width: 640px; height: 800px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument!;
  const win = frame.contentWindow as Window & { rerender?: (times: number) => Promise<number> };
  await until(() => doc.querySelector('ai-chat')?.shadowRoot, `${label(app)} renders <ai-chat>`);
  await until(() => typeof win.rerender === 'function', `${label(app)} sets window.rerender`);
  return {
    frame,
    doc,
    el: doc.querySelector('ai-chat') as AiChat,
    shown: (id) => doc.querySelector(`[data-testid="${id}"]`)?.textContent?.trim(),
    rerender: (times) => win.rerender!(times),
  };
}
