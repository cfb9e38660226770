import { realClock, type Clock } from '../transport/clock.js';
import type { SocketEnvironment, WebSocketConstructor } from '../transport/chat-socket.js';
import { storageFor, type PersistMode, type StorageLike } from '../transcript/persistence.js';

/** The part of `navigator.locks` the session uses (tab sync claims). */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown>;
}

/** A `BroadcastChannel` constructor (or a fake one). */
export type ChannelConstructor = new (name: string) => {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(data: unknown): void;
  close(): void;
};

/**
 * Everything a session takes from the outside world. Each has a real default
 * (`defaultDeps()`); tests replace any of them with a fake, so the whole fault matrix runs on a
 * fake socket, a fake `fetch` and a fake clock.
 */
export interface SessionDeps {
  WebSocket?: WebSocketConstructor;
  fetch: typeof fetch;
  clock: Clock;
  /** `[0, 1)`, for backoff jitter. */
  random: () => number;
  /** Where `persist` keeps the conversation. */
  storage: (mode: PersistMode) => StorageLike | undefined;
  /** Other tabs and frames of the same conversation; undefined: none. */
  BroadcastChannel?: ChannelConstructor;
  /** `navigator.locks`, for claims across tabs; undefined: a BroadcastChannel claim instead. */
  locks?: LockManagerLike;
  /** `online` / `offline` events, `navigator.onLine`, and the document's visibility. */
  environment?: SocketEnvironment;
  /** A fresh id (UUID v4) for messages, heartbeats and sessions. */
  newId: () => string;
  /** Runs a callback after the current task (used to give a framework a moment to set a token). */
  defer: (fn: () => void) => void;
}

/** The real world: browser globals where they exist, never touched at import time. */
export function defaultDeps(): SessionDeps {
  const g = globalThis as typeof globalThis & { window?: SocketEnvironment };
  const locks = (g.navigator as (Navigator & { locks?: LockManagerLike }) | undefined)?.locks;
  return {
    WebSocket: g.WebSocket as WebSocketConstructor | undefined,
    fetch: (...args) => g.fetch(...args),
    clock: realClock,
    random: Math.random,
    storage: storageFor,
    BroadcastChannel: typeof g.BroadcastChannel === 'function' ? g.BroadcastChannel : undefined,
    locks: locks && typeof locks.request === 'function' ? locks : undefined,
    environment: typeof g.window === 'undefined' ? undefined : g.window,
    newId: () => g.crypto.randomUUID(),
    defer: (fn) => void Promise.resolve().then(fn),
  };
}
