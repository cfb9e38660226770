import {
  DEFAULT_DIALECT,
  DIALECT_NAMES,
  isDialectName,
  readyDialect,
  type Dialect,
} from './protocol/index.js';
import { AuthMode } from './protocol/types.js';
import { redactUrl } from './transport/redact-url.js';
import type { PersistMode } from './transcript/persistence.js';
import {
  ConnectMode,
  type Mode,
  SETTINGS,
  settingNames,
  type RawSettings,
  type Setting,
  type SettingName,
  type SettingValues,
} from './settings.js';

// Validation of what the page set, driven by the settings table (../settings.ts): each setting
// is read by its kind, a wrong value is replaced by the default and described, and the few rules
// that tie settings together (the dialect decides the auth modes; the mode decides when to
// connect) are written out here.

/** The element's settings, as the host page set them (attributes or properties). */
export type RawConfig = RawSettings;

/** Settings after validation, as the session uses them: every field usable, defaults filled in. */
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
  mode: Mode;
  /** When to connect (the `connect` attribute, the `connectMode` property). */
  connect: ConnectMode;
  /** Milliseconds of nothing happening before an idle connection is closed; `undefined` = the default of the mode. */
  idleTimeoutMs?: number;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.trim() || undefined : undefined;

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
    problems.push(`${name} "${redactUrl(given)}" is not a valid URL; ignored`);
    return undefined;
  }
}

const AUTH_NAMES: readonly string[] = Object.values(AuthMode);
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
  const fallback = readyDialect(DEFAULT_DIALECT)!;
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

function count(name: string, value: unknown, fallback: number, problems: string[]): number {
  if (value === null || value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    const got = Number.isNaN(value) ? 'something that is not a number' : String(value);
    problems.push(`${name} must be a number ≥ 0 (got ${got}); using ${fallback}`);
    return fallback;
  }
  return value;
}

type NumberSetting = Extract<Setting, { kind: 'number' }>;

/**
 * A number setting within `[min, max]` (`off`: 0 is also allowed and means off). Out of range:
 * clamped, and reported. Without a default, unset stays unset.
 */
function ranged(name: string, value: unknown, setting: NumberSetting, problems: string[]) {
  const fallback = setting.default as number | undefined;
  if (fallback === undefined && (value === null || value === undefined)) return undefined;
  const n = count(name, value, fallback ?? 0, problems);
  const { min, max, off } = setting;
  let result = n;
  if (!(off && n === 0) && (n < min || n > max)) {
    result = n < min ? min : max;
    problems.push(
      `${name} must be ${off ? '0 or ' : ''}between ${min} and ${max} (got ${n}); using ${result}`,
    );
  }
  return setting.whole ? Math.floor(result) : result;
}

/** A choice setting: one of its values, else the fallback (reported). */
function choice(
  name: string,
  value: unknown,
  values: readonly string[],
  fallback: string | undefined,
  problems: string[],
) {
  const given = text(value);
  if (given === undefined || values.includes(given)) return given ?? fallback;
  problems.push(`${name} "${given}" is not one of ${values.join(', ')}; using ${fallback}`);
  return fallback;
}

/**
 * Every setting read by its kind (the dialect and the auth mode are left to their own rules).
 * Unset or unusable values become the default.
 */
function readAll(raw: RawConfig, problems: string[]) {
  const values: Partial<Record<SettingName, unknown>> = {};
  for (const name of settingNames) {
    const setting: Setting = SETTINGS[name];
    const value = raw[name];
    const attribute = setting.attribute;
    switch (setting.kind) {
      case 'text':
        values[name] = text(value) ?? setting.default;
        break;
      case 'url':
        values[name] = url(attribute, text(value), problems);
        break;
      case 'number':
        values[name] = ranged(attribute, value, setting, problems);
        break;
      case 'choice':
        if (name !== 'auth') {
          const options = Object.values(setting.values);
          values[name] = choice(attribute, value, options, setting.default as string | undefined, problems);
        }
        break;
      case 'flag':
        values[name] = value === true;
        break;
      case 'dialect':
        break;
    }
  }
  return values as Omit<SettingValues, 'dialect' | 'auth'>;
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
  const s = readAll(raw, problems);
  const mode = s.mode;
  const config: ChatConfig = {
    endpoint: s.endpoint,
    feature: s.feature,
    dialect,
    auth,
    streamUrl: s.streamUrl,
    userId: s.userId,
    sessionId: s.sessionId,
    apiKey: s.apiKey,
    maxRetries: s.maxRetries,
    heartbeatMs: s.heartbeat * 1000,
    maxMessages: s.maxMessages,
    maxLength: s.maxLength,
    persist: s.persist,
    model: s.model,
    mode,
    connect: s.connectMode ?? (mode === 'launcher' ? ConnectMode.open : ConnectMode.auto),
    ...(s.idleTimeout === undefined ? {} : { idleTimeoutMs: s.idleTimeout * 1000 }),
  };
  return { config, problems };
}

/** Settings whose change needs a new connection (the table's `connection`), as the config names them. */
const CONNECTION_SETTINGS = settingNames.filter((name) => (SETTINGS[name] as Setting).connection);

/** The part of the config that, when it changes, needs a new connection. */
export const connectionKey = (c: ChatConfig): string =>
  JSON.stringify(
    CONNECTION_SETTINGS.map((name) =>
      name === 'dialect'
        ? [c.dialect.name, dialectIdentity(c.dialect)]
        : name === 'heartbeat'
          ? c.heartbeatMs
          : c[name as keyof ChatConfig],
    ),
  );

/**
 * A dialect as far as the connection cares: its name and traits. A page that builds an equal
 * dialect object anew (a framework re-render) changes nothing; the functions of the one in use
 * stay until a trait or another setting asks for a new connection.
 */
function dialectIdentity(d: Dialect): string {
  const traits = d.channel === 'socket' ? [d.handshake, d.heartbeat, d.typing, d.join, !!d.replyStream] : [];
  return JSON.stringify([d.channel, d.auth, d.replies, d.acks, d.cancel, d.requires, ...traits]);
}
