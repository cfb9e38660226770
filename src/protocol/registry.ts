import { booking } from './dialects/booking.js';
import { consultation } from './dialects/consultation.js';
import { conversation } from './dialects/conversation.js';
import { envelope } from './dialects/envelope.js';
import { hybrid } from './dialects/hybrid.js';
import type { Dialect } from './types.js';

// The built-in dialects by the name the `dialect` attribute takes, each behind a loader, so a
// dialect's code is fetched only when a page uses it. The five seed dialects are in the
// script-tag build itself (ready at once); the three standard streams are separate chunks that
// load on first use (`import()` resolves relative to the module that asks, so the script-tag
// build finds them beside itself). The session waits for a dialect before it connects.

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

const loaders: Readonly<Record<DialectName, () => Promise<Dialect>>> = {
  // Imported above, so in the entry (a later build may give each a chunk of its own).
  envelope: () => Promise.resolve(envelope),
  booking: () => Promise.resolve(booking),
  hybrid: () => Promise.resolve(hybrid),
  conversation: () => Promise.resolve(conversation),
  consultation: () => Promise.resolve(consultation),
  agui: () => import('./dialects/agui.js').then((m) => m.agui),
  'ai-sdk': () => import('./dialects/ai-sdk.js').then((m) => m.aiSdk),
  openai: () => import('./dialects/openai.js').then((m) => m.openai),
};

/** Dialects ready to use now, by name (the seed ones from the start). */
const ready = new Map<string, Dialect>(
  [envelope, booking, hybrid, conversation, consultation].map((d) => [d.name, d]),
);
const loading = new Map<DialectName, Promise<Dialect>>();

/** Whether `name` is a built-in dialect's name. */
export const isDialectName = (name: string): name is DialectName =>
  (DIALECT_NAMES as readonly string[]).includes(name);

/** A built-in dialect that is ready to use now (loaded), or `undefined`. */
export const readyDialect = (name: string): Dialect | undefined => ready.get(name);

/**
 * Loads a built-in dialect (once; later calls share the first load). Rejects when its code
 * cannot be fetched (a network failure); the next call tries again.
 */
export function loadDialect(name: DialectName): Promise<Dialect> {
  const done = ready.get(name);
  if (done) return Promise.resolve(done);
  let pending = loading.get(name);
  if (!pending) {
    pending = loaders[name]().then(
      (dialect) => {
        ready.set(name, dialect);
        loading.delete(name);
        return dialect;
      },
      (error: unknown) => {
        loading.delete(name);
        throw error;
      },
    );
    loading.set(name, pending);
  }
  return pending;
}
