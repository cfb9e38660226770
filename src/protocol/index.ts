import { envelope } from './envelope.js';
import type { Dialect } from './types.js';

export type * from './types.js';
export { resolveEndpoint, tokenProtocols, AUTH_MODES, type EndpointValues } from './endpoint.js';

/** Every dialect the widget speaks, by the name the `dialect` attribute takes. */
export const dialects: Readonly<Record<string, Dialect>> = { envelope };

export const DEFAULT_DIALECT = 'envelope';
