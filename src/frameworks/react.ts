// `ai-chat-element/react`: <ai-chat> as a React component, for React 18 and 19. Made with
// `@lit/react`'s `createComponent`, so every prop that is an element property (`tokenProvider`,
// `strings`, `maxRetries`, …) is set as a property, and `onStatus`, `onMessage`, … listen to the
// `ai-chat-*` events. Importing this module defines <ai-chat> (it imports the element), and
// works on a server (Next.js, Remix): nothing touches the DOM as it loads.
//
//   import { AiChat } from 'ai-chat-element/react';
//   <AiChat endpoint="/ai/{feature}/ws" tokenProvider={getToken} onStatus={(e) => setStatus(e.detail.status)} />
//
// It also types a bare <ai-chat> in React 19's JSX (React 19 sets properties and `onai-chat-*`
// listeners on custom elements itself):
//
//   <ai-chat endpoint="/ai/{feature}/ws" tokenProvider={getToken} onai-chat-status={(e) => …} />
import * as React from 'react';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import { createComponent, type EventName } from '@lit/react';
import { AiChat as AiChatElement } from '../ai-chat.js';
import type { AiChatEventMap, AiChatProperties } from './types.js';

/** The event named `K`, typed when the element declares it. */
type EventOf<K extends string> = K extends keyof AiChatEventMap ? AiChatEventMap[K] : Event;

const event = <K extends `ai-chat-${string}`>(name: K) => name as string as EventName<EventOf<K>>;

/** The `on…` props of {@link AiChat} and the events they listen to. */
const events = {
  onStatus: event('ai-chat-status'),
  onMessage: event('ai-chat-message'),
  onSend: event('ai-chat-send'),
  onAction: event('ai-chat-action'),
  onError: event('ai-chat-error'),
  onState: event('ai-chat-state'),
  onData: event('ai-chat-data'),
};

/**
 * <ai-chat> as a React component (React 18 and 19): element properties as props, `onStatus`,
 * `onMessage`, `onSend`, `onAction`, `onError`, `onState` and `onData` as event props, and a `ref` to the
 * element (`send()`, `connect()`, …).
 */
export const AiChat = createComponent({
  tagName: 'ai-chat',
  elementClass: AiChatElement,
  react: React,
  events,
  displayName: 'AiChat',
});

/** The props of {@link AiChat}. */
export type AiChatProps = React.ComponentProps<typeof AiChat>;

/** `onai-chat-status`, `onai-chat-message`, …: the listeners React 19 adds for <ai-chat>'s events. */
export type AiChatReactEvents = {
  [K in keyof AiChatEventMap as `on${K}`]?: (event: AiChatEventMap[K]) => void;
};

/** The props of a bare `<ai-chat>` in React 19 JSX. */
export type AiChatReactProps = DetailedHTMLProps<HTMLAttributes<AiChatElement>, AiChatElement> &
  AiChatProperties &
  AiChatReactEvents;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'ai-chat': AiChatReactProps;
    }
  }
}
