import { redactUrl } from '../transport/redact-url.js';
import type { AuthMode } from './types.js';

export interface EndpointValues {
  feature: string;
  userId?: string;
  sessionId: string;
}

/**
 * Fills `{feature}`, `{user}` and `{session}` in an endpoint template and returns an absolute
 * `ws:`/`wss:` URL. A relative endpoint resolves against `base` (the page), `http(s):` is turned
 * into `ws(s):` and a fragment is dropped. Throws an `Error` with a readable message for an
 * unusable endpoint (shown without its query string, fragment or user info: {@link redactUrl}).
 */
export function resolveEndpoint(
  template: string,
  values: EndpointValues,
  query: Record<string, string | undefined> = {},
  base: string = globalThis.location?.href ?? 'http://localhost/',
): URL {
  const filled = template
    .replaceAll('{feature}', encodeURIComponent(values.feature.replaceAll('_', '-')))
    .replaceAll('{user}', encodeURIComponent(values.userId ?? ''))
    .replaceAll('{session}', encodeURIComponent(values.sessionId));
  let url: URL;
  try {
    url = new URL(filled, base);
  } catch {
    throw new Error(`endpoint "${redactUrl(template)}" is not a valid URL`);
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new Error(`endpoint "${redactUrl(template)}" must be a ws:, wss:, http: or https: URL`);
  }
  // A WebSocket URL cannot have a fragment (the constructor throws): drop it.
  url.hash = '';
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') url.searchParams.set(key, value);
  }
  return url;
}

/**
 * Fills the placeholders of an HTTP dialect's endpoint and returns an absolute `http:`/`https:`
 * URL (relative ones resolve against `base`; `ws(s):` is turned into `http(s):`). Throws an
 * `Error` with a readable, redacted message for an unusable endpoint.
 */
export function resolveHttpEndpoint(
  template: string,
  values: EndpointValues,
  base: string = globalThis.location?.href ?? 'http://localhost/',
): URL {
  const url = resolveEndpoint(template, values, {}, base);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return url;
}

/** The subprotocols that carry a token in `protocol` auth mode. */
export const tokenProtocols = (token: string): string[] => ['bearer', token];

export const AUTH_MODES: readonly AuthMode[] = ['query', 'message', 'protocol'];
