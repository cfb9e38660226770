import type { AuthMode } from './types.js';

export interface EndpointValues {
  feature: string;
  userId?: string;
  sessionId: string;
}

/**
 * Fills `{feature}`, `{user}` and `{session}` in an endpoint template and returns an absolute
 * `ws:`/`wss:` URL. A relative endpoint resolves against `base` (the page), and `http(s):` is
 * turned into `ws(s):`. Throws an `Error` with a readable message for an unusable endpoint.
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
    throw new Error(`endpoint "${template}" is not a valid URL`);
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new Error(`endpoint "${template}" must be a ws:, wss:, http: or https: URL`);
  }
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') url.searchParams.set(key, value);
  }
  return url;
}

/** The subprotocols that carry a token in `protocol` auth mode. */
export const tokenProtocols = (token: string): string[] => ['bearer', token];

export const AUTH_MODES: readonly AuthMode[] = ['query', 'message', 'protocol'];
