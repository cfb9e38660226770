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

/**
 * @param {unknown} value
 * @returns {value is string}
 */
export const isNonEmptyString = (value) => typeof value === 'string' && value.length > 0;

/** A short JSON rendering of a value for a violation message. @param {unknown} value */
export function show(value) {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** @type {Record<string, [(value: unknown) => boolean, string]>} */
const KINDS = {
  string: [isNonEmptyString, 'a non-empty string'],
  text: [(value) => typeof value === 'string', 'a string'],
  uuid: [isUuidV4, 'a UUID v4'],
  iso: [isIsoUtc, 'ISO 8601 UTC'],
  boolean: [(value) => typeof value === 'boolean', 'a boolean'],
  object: [isObject, 'an object'],
  id: [
    (value) => isNonEmptyString(value) || (typeof value === 'number' && Number.isFinite(value)),
    'a string or number id',
  ],
};

/**
 * Checks fields against a spec, e.g. `{message_id: 'uuid', timestamp: 'iso', role: '=user',
 * metadata: '?object'}`. Kinds: `string` (non-empty), `text` (any string), `uuid` (v4), `iso`
 * (ISO 8601 UTC), `boolean`, `object`, `id` (non-empty string or finite number), `=value` (exactly
 * that string); a leading `?` makes the field optional.
 * @param {Record<string, unknown>} object
 * @param {Record<string, string>} spec
 * @param {string} at where, for the messages, e.g. `'message' frame`
 * @param {string} [prefix] before each field name, e.g. `data.`
 * @returns {string[]} every problem found
 */
export function fieldProblems(object, spec, at, prefix = '') {
  /** @type {string[]} */
  const problems = [];
  for (const [key, rule] of Object.entries(spec)) {
    const optional = rule.startsWith('?');
    const kind = optional ? rule.slice(1) : rule;
    const value = object[key];
    if (optional && value === undefined) continue;
    const [ok, what] = kind.startsWith('=')
      ? [(/** @type {unknown} */ v) => v === kind.slice(1), JSON.stringify(kind.slice(1))]
      : KINDS[kind];
    if (!ok(value)) problems.push(`${at}: ${prefix}${key} is not ${what}: ${show(value)}`);
  }
  return problems;
}

/**
 * The first checks of a flat client frame: an object with a known string `type`.
 * @param {unknown} frame
 * @param {Iterable<string>} types the client frame types the dialect knows
 * @returns {{frame: Record<string, any> | null, type: string | null, at: string, problems: string[]}}
 *   `type` is null unless it is one of `types`; `at` names the frame for messages
 */
export function frameHead(frame, types) {
  if (!isObject(frame))
    return { frame: null, type: null, at: 'frame', problems: [`frame is not an object: ${show(frame)}`] };
  const known = new Set(types);
  const raw = frame.type;
  if (typeof raw !== 'string')
    return { frame, type: null, at: 'frame', problems: [`frame has no string type: ${show(raw)}`] };
  if (!known.has(raw))
    return { frame, type: null, at: `'${raw}' frame`, problems: [`unknown client frame type ${show(raw)}`] };
  return { frame, type: raw, at: `'${raw}' frame`, problems: [] };
}
