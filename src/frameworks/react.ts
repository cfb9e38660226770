// React 19 JSX types for <ai-chat>: properties (`tokenProvider`, `maxRetries`, …, set as
// properties by React 19) and `onai-chat-*` event props (React 19 adds them as listeners).
// Types only. Load them once in a React project:
//
//   import type {} from 'ai-chat-element/react';
//
//   <ai-chat endpoint="/ai/{feature}/ws" tokenProvider={getToken} onai-chat-status={(e) => setStatus(e.detail.status)} />
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { AiChat } from '../ai-chat.js';
import type { AiChatEventMap, AiChatProperties } from './types.js';

/** `onai-chat-status`, `onai-chat-message`, …: the listeners React 19 adds for <ai-chat>'s events. */
export type AiChatReactEvents = {
  [K in keyof AiChatEventMap as `on${K}`]?: (event: AiChatEventMap[K]) => void;
};

/** The props of `<ai-chat>` in React JSX. */
export type AiChatReactProps = DetailedHTMLProps<HTMLAttributes<AiChat>, AiChat> &
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
