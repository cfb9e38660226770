import {
  AUTH_MODES,
  DEFAULT_DIALECT,
  DIALECT_NAMES,
  dialects,
  isDialectName,
  readyDialect,
  type AuthMode,
  type Dialect,
} from './protocol/index.js';
import { redactEndpoint } from './protocol/endpoint.js';
import { DEFAULTS } from './transport/backoff.js';
import { PERSIST_MODES, type PersistMode } from './conversation/persistence.js';

/** The element's connection settings, as the host page set them (attributes or properties). */
export interface RawConfig {
  endpoint?: string | null;
  feature?: string | null;
  /** A built-in dialect's name, or a dialect object (the public dialect API). */
  dialect?: string | Dialect | null;
  auth?: string | null;
  streamUrl?: string | null;
  userId?: string | null;
  sessionId?: string | null;
  apiKey?: string | null;
  maxRetries?: number | null;
  heartbeat?: number | null;
  maxMessages?: number | null;
  maxLength?: number | null;
  persist?: string | null;
  /** The `model` attribute (OpenAI-compatible backends). */
  model?: string | null;
  /** When to connect: `auto` | `open` | `manual` (default per `mode`). */
  connect?: string | null;
  /** Seconds of nothing happening before an idle connection is closed; `0` = never. */
  idleTimeout?: number | null;
  /** Checked only (the element uses them): `inline` | `launcher`, and `auto` | `light` | `dark`. */
  mode?: string | null;
  theme?: string | null;
}

/** Settings after validation: every field usable, defaults filled in. */
export interface ChatConfig {
  endpoint?: string;
  feature: string;
  dialect: Dialect;
  auth: AuthMode;
  streamUrl?: string;
  userId?: string;
  sessionId?: string;
  apiKey?: string;
  maxRetries: number;
  heartbeatMs: number;
  maxMessages: number;
  /** The longest message the person may send, in characters. */
  maxLength: number;
  persist: PersistMode;
  model?: string;
  /** `inline` or `launcher` (the element's `mode`). */
  mode: 'inline' | 'launcher';
  /** When to connect (see `ConnectMode`). */
  connect: ConnectMode;
  /** Milliseconds of nothing happening before an idle connection is closed; `undefined` = the default of the mode. */
  idleTimeoutMs?: number;
}

/**
 * When the widget connects: `auto` on load (inline default), `open` when the launcher's panel
 * opens or a message is sent (launcher default), `manual` only on `connect()`.
 */
export type ConnectMode = 'auto' | 'open' | 'manual';
export const CONNECT_MODES: readonly ConnectMode[] = ['auto', 'open', 'manual'];

/** The sane range of each number setting; a value outside is clamped (and reported). */
export const LIMITS = {
  /** Seconds between heartbeats: 0 (off) or 1 s to an hour (a timer cannot wait past ~24.8 days). */
  heartbeat: { min: 1, max: 3600 },
  maxRetries: { min: 0, max: 100 },
  maxMessages: { min: 1, max: 10_000 },
  maxLength: { min: 1, max: 100_000 },
  /** Seconds: 0 (never) or 10 s to a day. */
  idleTimeout: { min: 10, max: 86_400 },
} as const;

export const DEFAULT_FEATURE = 'chat';
export const DEFAULT_MAX_MESSAGES = 100;
export const DEFAULT_MAX_LENGTH = 4000;
const DEFAULT_HEARTBEAT_S = DEFAULTS.heartbeatMs / 1000;

const text = (value: string | null | undefined): string | undefined => value?.trim() || undefined;

/**
 * A URL setting that must parse (relative ones against the page). An unusable one is dropped and
 * described without its query string, fragment or user info: a token may travel there.
 */
function url(name: string, value: string | null | undefined, problems: string[]): string | undefined {
  const given = text(value);
  if (given === undefined) return undefined;
  try {
    new URL(given, globalThis.location?.href ?? 'http://localhost/');
    return given;
  } catch {
    problems.push(`${name} "${redactEndpoint(given)}" is not a valid URL; ignored`);
    return undefined;
  }
}

function count(name: string, value: number | null | undefined, fallback: number, problems: string[]): number {
  if (value === null || value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    const got = Number.isNaN(value) ? 'something that is not a number' : String(value);
    problems.push(`${name} must be a number ≥ 0 (got ${got}); using ${fallback}`);
    return fallback;
  }
  return value;
}

/**
 * A number setting within `[min, max]` (`offAtZero`: 0 is also allowed and means off). Out of
 * range: clamped, and reported.
 */
function ranged(
  name: string,
  value: number | null | undefined,
  fallback: number,
  { min, max }: { min: number; max: number },
  problems: string[],
  offAtZero = false,
): number {
  const n = count(name, value, fallback, problems);
  if (offAtZero && n === 0) return 0;
  if (n >= min && n <= max) return n;
  const clamped = n < min ? min : max;
  problems.push(
    `${name} must be ${offAtZero ? '0 or ' : ''}between ${min} and ${max} (got ${n}); using ${clamped}`,
  );
  return clamped;
}

const AUTH_NAMES: readonly string[] = [...AUTH_MODES, 'header'];
const isFunction = (value: unknown): boolean => typeof value === 'function';

/**
 * What is wrong with a dialect object a page supplied (the public dialect API), if anything:
 * its traits must be the documented values and `decode`/`encode` functions.
 */
export function dialectProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'is not an object';
  const d = value as Record<string, unknown>;
  if (typeof d.name !== 'string' || !d.name.trim()) return 'has no name';
  if (d.channel !== 'socket' && d.channel !== 'http') return `channel must be 'socket' or 'http'`;
  if (!Array.isArray(d.auth) || d.auth.length === 0 || !d.auth.every((a) => AUTH_NAMES.includes(a)))
    return `auth must list one or more of ${AUTH_NAMES.join(', ')}`;
  if (d.replies !== 'id' && d.replies !== 'turn') return `replies must be 'id' or 'turn'`;
  if (!isFunction(d.decode) || !isFunction(d.encode)) return 'needs decode and encode functions';
  if (
    d.channel === 'socket' &&
    d.heartbeat !== undefined &&
    d.heartbeat !== 'frame' &&
    d.heartbeat !== 'echo'
  )
    return `heartbeat must be 'frame' or 'echo'`;
  const stream = d.replyStream as Record<string, unknown> | undefined;
  if (stream !== undefined && (!isFunction(stream?.request) || !isFunction(stream?.decode)))
    return 'replyStream needs request and decode functions';
  return undefined;
}

function dialectOf(value: RawConfig['dialect'], problems: string[]): Dialect {
  const fallback = dialects[DEFAULT_DIALECT]!;
  if (typeof value === 'object' && value !== null) {
    const problem = dialectProblem(value);
    if (!problem) return value;
    const name = typeof value.name === 'string' ? ` "${value.name.slice(0, 40)}"` : '';
    problems.push(`the dialect object${name} ${problem}; using ${DEFAULT_DIALECT}`);
    return fallback;
  }
  const name = text(value) ?? DEFAULT_DIALECT;
  const ready = readyDialect(name);
  if (ready) return ready;
  // A built-in dialect that loads on demand: the session loads it before it resolves the config.
  if (isDialectName(name)) problems.push(`dialect "${name}" is not loaded yet; using ${DEFAULT_DIALECT}`);
  else
    problems.push(
      `dialect "${name}" is not known (use one of: ${DIALECT_NAMES.join(', ')}); using ${DEFAULT_DIALECT}`,
    );
  return fallback;
}

/**
 * Validates what the page set. A wrong value never stops the widget: it is replaced by the
 * default and described in `problems` (the element reports each as a `bad-config` error).
 */
export function resolveConfig(raw: RawConfig): { config: ChatConfig; problems: string[] } {
  const problems: string[] = [];
  const dialect = dialectOf(raw.dialect, problems);
  const authName = text(raw.auth);
  let auth = dialect.auth[0]!;
  if (authName) {
    if ((dialect.auth as readonly string[]).includes(authName)) auth = authName as AuthMode;
    else
      problems.push(
        `auth "${authName}" is not one the ${dialect.name} dialect supports (${dialect.auth.join(', ')}); using ${auth}`,
      );
  }
  const persistName = text(raw.persist) ?? 'none';
  let persist: PersistMode = 'none';
  if ((PERSIST_MODES as readonly string[]).includes(persistName)) persist = persistName as PersistMode;
  else problems.push(`persist "${persistName}" is not one of ${PERSIST_MODES.join(', ')}; nothing is stored`);
  const mode = text(raw.mode);
  if (mode && mode !== 'inline' && mode !== 'launcher') {
    problems.push(`mode "${mode}" is not one of inline, launcher; using inline`);
  }
  const theme = text(raw.theme);
  if (theme && !['auto', 'light', 'dark'].includes(theme)) {
    problems.push(`theme "${theme}" is not one of auto, light, dark; using auto`);
  }
  const connectName = text(raw.connect);
  let connect: ConnectMode = mode === 'launcher' ? 'open' : 'auto';
  if (connectName) {
    if ((CONNECT_MODES as readonly string[]).includes(connectName)) connect = connectName as ConnectMode;
    else
      problems.push(`connect "${connectName}" is not one of ${CONNECT_MODES.join(', ')}; using ${connect}`);
  }
  const idle =
    raw.idleTimeout === null || raw.idleTimeout === undefined
      ? undefined
      : ranged('idle-timeout', raw.idleTimeout, 0, LIMITS.idleTimeout, problems, true);
  const config: ChatConfig = {
    endpoint: text(raw.endpoint),
    feature: text(raw.feature) ?? DEFAULT_FEATURE,
    dialect,
    auth,
    streamUrl: url('stream-url', raw.streamUrl, problems),
    userId: text(raw.userId),
    sessionId: text(raw.sessionId),
    apiKey: text(raw.apiKey),
    maxRetries: Math.floor(
      ranged('max-retries', raw.maxRetries, DEFAULTS.maxRetries, LIMITS.maxRetries, problems),
    ),
    heartbeatMs:
      ranged('heartbeat', raw.heartbeat, DEFAULT_HEARTBEAT_S, LIMITS.heartbeat, problems, true) * 1000,
    maxMessages: Math.floor(
      ranged('max-messages', raw.maxMessages, DEFAULT_MAX_MESSAGES, LIMITS.maxMessages, problems),
    ),
    maxLength: Math.floor(
      ranged('max-length', raw.maxLength, DEFAULT_MAX_LENGTH, LIMITS.maxLength, problems),
    ),
    persist,
    model: text(raw.model),
    mode: mode === 'launcher' ? 'launcher' : 'inline',
    connect,
    ...(idle === undefined ? {} : { idleTimeoutMs: idle * 1000 }),
  };
  return { config, problems };
}

/** The part of the config that, when it changes, needs a new connection. */
export const connectionKey = (c: ChatConfig): string =>
  JSON.stringify([
    c.endpoint,
    c.feature,
    c.dialect.name,
    dialectIdentity(c.dialect),
    c.auth,
    c.streamUrl,
    c.userId,
    c.sessionId,
    c.apiKey,
    c.model,
    c.maxRetries,
    c.heartbeatMs,
  ]);

/**
 * A dialect as far as the connection cares: its name and traits. A page that builds an equal
 * dialect object anew (a framework re-render) changes nothing; the functions of the one in use
 * stay until a trait or another setting asks for a new connection.
 */
function dialectIdentity(d: Dialect): string {
  const traits = d.channel === 'socket' ? [d.handshake, d.heartbeat, d.typing, d.join, !!d.replyStream] : [];
  return JSON.stringify([d.channel, d.auth, d.replies, d.acks, d.cancel, d.requires, ...traits]);
}
