import { booking } from './dialects/booking.js';
import { consultation } from './dialects/consultation.js';
import { conversation } from './dialects/conversation.js';
import { envelope } from './dialects/envelope.js';
import { hybrid } from './dialects/hybrid.js';
import type { Dialect } from './types.js';

export type * from './types.js';
export { DIALECT_NAMES, isDialectName, loadDialect, readyDialect, type DialectName } from './registry.js';
export {
  resolveEndpoint,
  resolveHttpEndpoint,
  tokenProtocols,
  AUTH_MODES,
  type EndpointValues,
} from './endpoint.js';

/** Every dialect the widget speaks, by the name the `dialect` attribute takes. */
export const dialects: Readonly<Record<string, Dialect>> = {
  envelope,
  booking,
  hybrid,
  conversation,
  consultation,
};

export const DEFAULT_DIALECT = 'envelope';
