export type * from './types.js';
export {
  DIALECT_NAMES,
  STREAMING_DIALECTS,
  isDialectName,
  loadDialect,
  readyDialect,
  type DialectName,
} from './registry.js';
export {
  resolveEndpoint,
  resolveHttpEndpoint,
  tokenProtocols,
  AUTH_MODES,
  type EndpointValues,
} from './endpoint.js';

/** The dialect used when none is named; always loaded (it is in the session's own chunk). */
export const DEFAULT_DIALECT = 'envelope';
