// Pacing for streamed replies: how long the "AI" thinks, how big each chunk is and how long
// it waits between chunks. Shared by every dialect (and by the SSE stream of `hybrid`).

/** @typedef {[number, number]} Range an inclusive [min, max] */

/**
 * @typedef {object} Pace
 * @property {Range} thinkMs time between the user's message and the first chunk (typing shown)
 * @property {Range} chunkMs pause after each chunk (0 = next macrotask)
 * @property {Range} chunkChars characters per chunk
 */

/**
 * `'human'` (the demo's default), `'fast'` (tests), or explicit numbers / ranges.
 * @typedef {'human' | 'fast' | {thinkMs?: number | Range, chunkMs?: number | Range, chunkChars?: number | Range}} PaceOption
 */

/** @type {Record<'human' | 'fast', Pace>} */
export const PACES = {
  human: { thinkMs: [400, 900], chunkMs: [15, 45], chunkChars: [2, 12] },
  fast: { thinkMs: [20, 20], chunkMs: [0, 0], chunkChars: [8, 8] },
};

/**
 * @param {number | Range | undefined} value
 * @param {Range} fallback
 * @returns {Range}
 */
function toRange(value, fallback) {
  if (typeof value === 'number' && Number.isFinite(value)) return [value, value];
  if (Array.isArray(value) && value.length === 2 && value.every((n) => Number.isFinite(n))) {
    return [Math.min(value[0], value[1]), Math.max(value[0], value[1])];
  }
  return fallback;
}

/**
 * @param {PaceOption | undefined} option
 * @returns {Pace}
 */
export function resolvePace(option) {
  if (option === 'fast') return PACES.fast;
  if (option === undefined || option === 'human') return PACES.human;
  if (typeof option !== 'object' || option === null)
    throw new Error(`mock-backend: unknown pace ${String(option)}`);
  return {
    thinkMs: toRange(option.thinkMs, PACES.fast.thinkMs),
    chunkMs: toRange(option.chunkMs, PACES.fast.chunkMs),
    chunkChars: toRange(option.chunkChars, PACES.fast.chunkChars),
  };
}

/**
 * A whole number in the range.
 * @param {Range} range
 * @param {() => number} [random]
 */
export function between([min, max], random = Math.random) {
  return Math.round(min + (max - min) * random());
}

/**
 * Cuts a text into chunks of the pace's size, anywhere (mid-word, mid-markdown, like a real
 * model's tokens) but never inside a UTF-16 surrogate pair. Joining the chunks gives the text.
 * @param {string} text
 * @param {Pace} pace
 * @param {() => number} [random]
 * @returns {string[]}
 */
export function splitIntoChunks(text, pace, random = Math.random) {
  /** @type {string[]} */
  const chunks = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + Math.max(1, between(pace.chunkChars, random)));
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    chunks.push(text.slice(at, end));
    at = end;
  }
  return chunks;
}

/**
 * Waits `ms` milliseconds; 0 or less waits for the next macrotask only.
 * @param {number} ms
 * @returns {Promise<void>}
 */
export function sleep(ms) {
  return new Promise((resolve) => {
    if (ms > 0) setTimeout(resolve, ms);
    else setImmediate(resolve);
  });
}
