// A ChatSession on fakes: the fake socket, fake fetch, fake clock, fake environment and (when a
// test asks) fake tabs. Nothing real is touched, so time, the network and other tabs are the
// test's to drive.
import { expect } from '@open-wc/testing';
import { ChatSession, type MessageDetail, type SessionSettings } from '../../src/session/session.js';
import { DIALECT_NAMES, loadDialect } from '../../src/protocol/index.js';
import { loadReplyStreams } from '../../src/session/stream-code.js';
import type { SessionDeps } from '../../src/session/deps.js';
import type { StatusDetail } from '../../src/transport/status.js';
import type { ChatMessage } from '../../src/transcript/types.js';
import { FakeClock } from './fake-clock.js';
import { FakeEnvironment } from './fake-environment.js';
import { FakeFetch, settle } from './fake-fetch.js';
import { FakeWebSocket } from './fake-socket.js';

let ids = 0;
/** A fresh UUID-v4-shaped id (counting, so failures are readable). */
export const uuid = (): string => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;

/** Storage that lives as long as the test wants (two "tabs" can share one). */
export class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

export interface Harness {
  session: ChatSession;
  clock: FakeClock;
  env: FakeEnvironment;
  http: FakeFetch;
  statuses: StatusDetail[];
  errors: { code: string; message: string }[];
  effects: MessageDetail[];
  settings: SessionSettings;
  configure(more?: Partial<SessionSettings>): void;
  /** Settles promise callbacks and the fetch/stream plumbing. */
  settle(times?: number): Promise<void>;
  /** Moves the clock forward in steps of `step` ms, settling after each. */
  advance(ms: number, step?: number): Promise<void>;
  /** Waits for a socket to be made (the target is async), opens it and returns it. */
  open(): Promise<FakeWebSocket>;
  message(id: string): ChatMessage | undefined;
  /** `role:state:content` of every message, for readable assertions. */
  transcript(): string[];
}

export const ENDPOINT = 'wss://clinic.test/ws';

export function harness(settings: SessionSettings = {}, deps: Partial<SessionDeps> = {}): Harness {
  const clock = (deps.clock as FakeClock | undefined) ?? new FakeClock();
  const env = (deps.environment as FakeEnvironment | undefined) ?? new FakeEnvironment();
  const http = new FakeFetch();
  const session = new ChatSession({
    WebSocket: FakeWebSocket,
    fetch: http.fetch,
    clock,
    random: () => 0.5,
    storage: () => undefined,
    BroadcastChannel: undefined,
    locks: undefined,
    environment: env,
    newId: uuid,
    defer: (fn) => queueMicrotask(fn),
    ...deps,
  });
  const h: Harness = {
    session,
    clock,
    env,
    http,
    statuses: [],
    errors: [],
    effects: [],
    settings: { endpoint: ENDPOINT, token: 't', ...settings },
    configure(more = {}) {
      Object.assign(h.settings, more);
      session.configure(h.settings);
    },
    async settle(times = 3) {
      for (let i = 0; i < times; i++) await settle();
    },
    async advance(ms, step = 100) {
      for (let t = 0; t < ms; t += step) {
        clock.advance(Math.min(step, ms - t));
        await settle();
      }
    },
    async open() {
      const before = FakeWebSocket.instances.length;
      for (let i = 0; i < 20 && FakeWebSocket.instances.length === before; i++) await settle();
      const ws = FakeWebSocket.last;
      ws.open();
      return ws;
    },
    message: (id) => session.messages.find((m) => m.id === id),
    transcript: () => session.messages.map((m) => `${m.role}:${m.state}:${m.content}`),
  };
  session.on('status', (e) => h.statuses.push(e.detail));
  session.on('error', (e) => h.errors.push(e.detail));
  session.on('message', (e) => h.effects.push(e.detail));
  return h;
}

/**
 * The harness maker for the tests of the calling `describe`: each test starts with no fake socket,
 * and after it every session it made is closed and must leave no timer behind (the teardown
 * contract: `close()` leaves no timer and no open socket).
 */
/**
 * Loads every built-in dialect (all but the default load on first use) and the reply streams'
 * code, for a test file that configures sessions with them and expects them to connect at once:
 * `before(loadDialects)`. (test/session-standard.test.ts and test/stream-code.test.ts test the
 * wait for code that is not loaded.)
 */
export const loadDialects = () => Promise.all([...DIALECT_NAMES.map(loadDialect), loadReplyStreams()]);

export function useHarnesses(): (...args: Parameters<typeof harness>) => Harness {
  let made: Harness[] = [];
  beforeEach(() => {
    FakeWebSocket.reset();
    made = [];
  });
  afterEach(() => {
    for (const h of made) {
      h.session.close();
      expect(h.clock.pending(), 'timers left after close()').to.equal(0);
    }
  });
  return (...args) => {
    const h = harness(...args);
    made.push(h);
    return h;
  };
}
