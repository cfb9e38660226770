// Small checks the dialects use to find client frames that break protocols.md.

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]00:?00)$/;

/** @param {unknown} value */
export const isUuidV4 = (value) => typeof value === 'string' && UUID_V4.test(value);

/** An ISO 8601 date-time in UTC (`Z` or `+00:00`) that is a real date. @param {unknown} value */
export const isIsoUtc = (value) =>
  typeof value === 'string' && ISO_UTC.test(value) && !Number.isNaN(Date.parse(value));

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
export const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** @param {unknown} value */
export const isNonEmptyString = (value) => typeof value === 'string' && value.length > 0;

/** A short JSON rendering of a value for a violation message. @param {unknown} value */
export function show(value) {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
