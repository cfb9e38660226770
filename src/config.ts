import { AUTH_MODES, DEFAULT_DIALECT, dialects, type AuthMode, type Dialect } from './protocol/index.js';
import { redactEndpoint } from './protocol/endpoint.js';
import { DEFAULTS } from './transport/backoff.js';
import { PERSIST_MODES, type PersistMode } from './conversation/persistence.js';

/** The element's connection settings, as the host page set them (attributes or properties). */
export interface RawConfig {
  endpoint?: string | null;
  feature?: string | null;
  dialect?: string | null;
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
}

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
 * Validates what the page set. A wrong value never stops the widget: it is replaced by the
 * default and described in `problems` (the element reports each as a `bad-config` error).
 */
export function resolveConfig(raw: RawConfig): { config: ChatConfig; problems: string[] } {
  const problems: string[] = [];
  const dialectName = text(raw.dialect) ?? DEFAULT_DIALECT;
  let dialect = dialects[dialectName];
  if (!dialect || !Object.hasOwn(dialects, dialectName)) {
    problems.push(
      `dialect "${dialectName}" is not known (use one of: ${Object.keys(dialects).join(', ')}); using ${DEFAULT_DIALECT}`,
    );
    dialect = dialects[DEFAULT_DIALECT]!;
  }
  const authName = text(raw.auth);
  let auth = dialect.auth[0]!;
  if (authName) {
    if ((AUTH_MODES as readonly string[]).includes(authName)) auth = authName as AuthMode;
    else problems.push(`auth "${authName}" is not one of ${AUTH_MODES.join(', ')}; using ${auth}`);
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
  const config: ChatConfig = {
    endpoint: text(raw.endpoint),
    feature: text(raw.feature) ?? DEFAULT_FEATURE,
    dialect,
    auth,
    streamUrl: url('stream-url', raw.streamUrl, problems),
    userId: text(raw.userId),
    sessionId: text(raw.sessionId),
    apiKey: text(raw.apiKey),
    maxRetries: Math.floor(count('max-retries', raw.maxRetries, DEFAULTS.maxRetries, problems)),
    heartbeatMs: count('heartbeat', raw.heartbeat, DEFAULT_HEARTBEAT_S, problems) * 1000,
    maxMessages: Math.max(
      1,
      Math.floor(count('max-messages', raw.maxMessages, DEFAULT_MAX_MESSAGES, problems)),
    ),
    maxLength: Math.max(1, Math.floor(count('max-length', raw.maxLength, DEFAULT_MAX_LENGTH, problems))),
    persist,
  };
  return { config, problems };
}

/** The part of the config that, when it changes, needs a new connection. */
export const connectionKey = (c: ChatConfig): string =>
  JSON.stringify([
    c.endpoint,
    c.feature,
    c.dialect.name,
    c.auth,
    c.streamUrl,
    c.userId,
    c.sessionId,
    c.apiKey,
    c.maxRetries,
    c.heartbeatMs,
  ]);
