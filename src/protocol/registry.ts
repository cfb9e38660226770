import { envelope } from './dialects/envelope.js';
import { firstUse, type FirstUse } from '../first-use.js';
import type { Dialect } from './types.js';

// The built-in dialects by the name the `dialect` attribute takes, each behind a loader, so a
// dialect's code is fetched only when a page uses it. The default (`envelope`) is in the session's
// chunk (ready at once); every other one is a chunk of its own that loads on first use
// (`import()` resolves relative to the module that asks, so the script-tag build finds them
// beside itself), and what it shares with the session comes from the session's chunk
// (vite.config.ts). The session waits for a dialect before it connects.

/** The `dialect` attribute's values, in the order the docs list them. */
export const DIALECT_NAMES = [
  'envelope',
  'booking',
  'hybrid',
  'conversation',
  'consultation',
  'agui',
  'ai-sdk',
  'openai',
] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

const dialects: Readonly<Record<DialectName, FirstUse<Dialect>>> = {
  // Imported above: the default, ready at once.
  envelope: firstUse(() => Promise.resolve(envelope), envelope),
  booking: firstUse(() => import('./dialects/booking.js').then((m) => m.booking)),
  hybrid: firstUse(() => import('./dialects/hybrid.js').then((m) => m.hybrid)),
  conversation: firstUse(() => import('./dialects/conversation.js').then((m) => m.conversation)),
  consultation: firstUse(() => import('./dialects/consultation.js').then((m) => m.consultation)),
  agui: firstUse(() => import('./dialects/agui.js').then((m) => m.agui)),
  'ai-sdk': firstUse(() => import('./dialects/ai-sdk.js').then((m) => m.aiSdk)),
  openai: firstUse(() => import('./dialects/openai.js').then((m) => m.openai)),
};

/**
 * The built-in dialects that stream their replies over HTTP (an HTTP dialect, or hybrid's reply
 * stream beside its socket), known before their code loads, so that the session loads the reply
 * streams' code alongside theirs rather than after.
 */
export const STREAMING_DIALECTS: readonly DialectName[] = ['hybrid', 'agui', 'ai-sdk', 'openai'];

/** Whether `name` is a built-in dialect's name. */
export const isDialectName = (name: string): name is DialectName =>
  (DIALECT_NAMES as readonly string[]).includes(name);

/** A built-in dialect that is ready to use now (loaded), or `undefined`. */
export const readyDialect = (name: string): Dialect | undefined =>
  isDialectName(name) ? dialects[name].value : undefined;

/**
 * Loads a built-in dialect (once; later calls share the first load). Rejects when its code
 * cannot be fetched (a network failure); the next call tries again.
 */
export const loadDialect = (name: DialectName): Promise<Dialect> => dialects[name].load();
