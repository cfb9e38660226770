/**
 * Whether two property values are the same for the element: equal primitives, or plain objects
 * and arrays with the same contents (functions by their source: a framework re-creates an inline
 * `(n) => \`${n} unread\`` on every render). Used as `hasChanged` where a page is likely to
 * assign an equal value anew, so that costs no update.
 */
export function same(a: unknown, b: unknown, depth = 0): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a === 'function' && typeof b === 'function') return String(a) === String(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > 8) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return keys.every((key) => Object.hasOwn(y, key) && same(x[key], y[key], depth + 1));
}

/** A Lit `hasChanged` that ignores a new identity of an equal value. */
export const changed = (value: unknown, old: unknown): boolean => !same(value, old);

/** Whether two objects have the same keys with identical values (`Object.is`, one level deep). */
export function sameEntries(a: object, b: object): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return keys.every((key) => Object.hasOwn(y, key) && Object.is(x[key], y[key]));
}
