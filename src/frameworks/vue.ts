// `ai-chat-element/vue`: what a Vue 3 app needs for <ai-chat>. Nothing here imports Vue or the
// element, so it also loads in `vite.config.*`:
//
//   import { isCustomElement } from 'ai-chat-element/vue';
//   vue({ template: { compilerOptions: { isCustomElement } } })
//
// and it types <ai-chat> in templates (vue-tsc, Volar): its properties (`:tokenProvider`,
// `:maxRetries`, …; Vue sets a binding as a property only when its name is the property's, so use
// camelCase or `.prop`) and `@ai-chat-*` events. Import `ai-chat-element` itself to define the
// element (in the browser: a `.client` plugin in Nuxt, `onMount` in SvelteKit).
import type { App, DefineComponent } from 'vue';
import type { AiChatEventMap, AiChatProperties } from './types.js';

/** For Vue's template compiler: `<ai-chat>` is a custom element, not a Vue component. */
export const isCustomElement = (tag: string): boolean => tag === 'ai-chat';

/**
 * A Vue plugin for apps that compile templates in the browser (Vue's full build): it tells the
 * compiler that `<ai-chat>` is a custom element. Apps built with Vite or Nuxt compile templates
 * ahead of time: give {@link isCustomElement} to the compiler options there instead.
 */
export const AiChatPlugin = {
  install(app: App): void {
    const options = app.config.compilerOptions;
    const previous = options.isCustomElement;
    options.isCustomElement = (tag: string) => isCustomElement(tag) || (previous?.(tag) ?? false);
  },
};

/** `onAiChatStatus`, …: how Vue names the listener of `@ai-chat-status`. */
type VueListenerName<K extends string> = K extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${VueListenerName<Capitalize<Tail>>}`
  : Capitalize<K>;

/** The listeners `@ai-chat-status`, `@ai-chat-message`, … in a Vue template. */
export type AiChatVueEvents = {
  [K in keyof AiChatEventMap as `on${VueListenerName<K & string>}`]?: (event: AiChatEventMap[K]) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'ai-chat': DefineComponent<AiChatProperties & AiChatVueEvents>;
  }
}
