// Types shared by the framework declarations (./react.ts, ./vue.ts): what a template may set on
// <ai-chat> and the events it may listen to. Types only; nothing here runs.
import type { LitElement } from 'lit';
import type { AiChat } from '../ai-chat.js';
import type {
  AiChatActionEvent,
  AiChatErrorEvent,
  AiChatMessageEvent,
  AiChatSendEvent,
  AiChatStatusEvent,
} from '../events.js';

/** Whether two types are identical (readonly modifiers included). */
type Same<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;

/**
 * The keys of T that are neither read-only (`status`, `messages`) nor methods (`send()`, …). A
 * method's type is a function; an optional function property such as `tokenProvider` also
 * includes `undefined`, so it stays.
 */
type SettableKeys<T> = {
  [K in keyof T]-?: Same<{ [Q in K]: T[K] }, { -readonly [Q in K]: T[K] }> extends true
    ? T[K] extends (...args: never[]) => unknown
      ? never
      : K
    : never;
}[keyof T];

/**
 * Every public property of <ai-chat> a framework can set (`endpoint`, `token`, `tokenProvider`,
 * `maxRetries`, …), all optional. New public properties of the element appear here by themselves.
 */
export type AiChatProperties = Partial<Pick<AiChat, Exclude<SettableKeys<AiChat>, keyof LitElement>>>;

/** The events <ai-chat> fires, by name. */
export interface AiChatEventMap {
  'ai-chat-status': AiChatStatusEvent;
  'ai-chat-message': AiChatMessageEvent;
  'ai-chat-send': AiChatSendEvent;
  'ai-chat-action': AiChatActionEvent;
  'ai-chat-error': AiChatErrorEvent;
}
