// Vue 3 template types for <ai-chat> (checked by vue-tsc / Volar): its properties
// (`:tokenProvider`, `:maxRetries`, …; Vue sets a binding as a property only when its name is the
// property's, so use camelCase) and `@ai-chat-*` events. Types only. Load them once in a Vue
// project:
//
//   import type {} from 'ai-chat-element/vue';
//
// and tell Vue's template compiler that <ai-chat> is a custom element:
// `vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'ai-chat' } } })`.
import type { DefineComponent } from 'vue';
import type { AiChatEventMap, AiChatProperties } from './types.js';

/** `onAiChatStatus`, …: how Vue names the listener of `@ai-chat-status`. */
type VueListenerName<K extends string> = K extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${VueListenerName<Capitalize<Tail>>}`
  : Capitalize<K>;

/** The listeners `@ai-chat-status`, `@ai-chat-message`, … in a Vue template. */
export type AiChatVueEvents = {
  [K in keyof AiChatEventMap as `on${VueListenerName<K>}`]?: (event: AiChatEventMap[K]) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'ai-chat': DefineComponent<AiChatProperties & AiChatVueEvents>;
  }
}
