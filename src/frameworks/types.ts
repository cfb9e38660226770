// Types shared by the framework modules (./react.ts, ./vue.ts): what a template may set on
// <ai-chat> and the events it may listen to. Types only; nothing here runs.
import type { LitElement } from 'lit';
import type { AiChat } from '../ai-chat.js';

/** Whether two types are identical (readonly modifiers included). */
type Same<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;

/**
 * The keys of T that are neither read-only (`status`, `messages`) nor methods (`send()`, …). A
 * method's type is a function; an optional function property such as `tokenProvider` also
 * includes `undefined` under `strictNullChecks`, so it stays (without it, see
 * {@link FunctionProperties}).
 */
type SettableKeys<T> = {
  [K in keyof T]-?: Same<{ [Q in K]: T[K] }, { -readonly [Q in K]: T[K] }> extends true
    ? T[K] extends (...args: never[]) => unknown
      ? never
      : K
    : never;
}[keyof T];

/**
 * Properties whose value is a function. Without `strictNullChecks` (`strict: false`, as in the
 * tsconfig Next.js generates) `tokenProvider?: TokenProvider` is typed as a plain function and
 * would look like a method, so it is named here.
 */
type FunctionProperties = 'tokenProvider';

/**
 * Every public property of <ai-chat> a framework can set (`endpoint`, `token`, `tokenProvider`,
 * `maxRetries`, …), all optional. New public properties of the element appear here by themselves.
 */
export type AiChatProperties = Partial<
  Pick<AiChat, Exclude<SettableKeys<AiChat>, keyof LitElement> | FunctionProperties>
>;

/**
 * The events <ai-chat> fires, by name (`ai-chat-status`, `ai-chat-message`, …): every
 * `ai-chat-*` entry of `GlobalEventHandlersEventMap`, so a new event appears here by itself.
 */
export type AiChatEventMap = {
  [
    K in keyof GlobalEventHandlersEventMap as K extends `ai-chat-${string}` ? K : never
  ]: GlobalEventHandlersEventMap[K];
};
