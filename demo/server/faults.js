// Fault injection helpers of the mock backend: the malformed frames of `garbage()`, the close
// codes a server may send, and the loopback checks of the chaos endpoint (POST /__mock/chaos).
import { randomBytes } from 'node:crypto';

/**
 * The kinds of malformed frame `garbage()` sends, in the order it cycles through them:
 *   invalid-json  truncated or junk text (valid UTF-8, not JSON)
 *   wrong-types   a known server frame type of the socket's dialect with fields of the wrong types
 *   unknown-type  a well-formed frame of a type no dialect has
 *   huge          {"type":"huge","data":{"content":"<2 MiB of text>"}}
 *   deep          JSON arrays nested 100 000 levels deep ("[[[…]]]")
 *   binary        a binary frame of 16–256 random bytes
 *   empty         ""
 *   null          "null"
 *   array         "[1,2]"
 */
export const GARBAGE_KINDS = /** @type {const} */ ([
  'invalid-json',
  'wrong-types',
  'unknown-type',
  'huge',
  'deep',
  'binary',
  'empty',
  'null',
  'array',
]);

/** @typedef {(typeof GARBAGE_KINDS)[number]} GarbageKind */

/** The length of the string field of a `huge` frame. */
export const HUGE_CHARS = 2 * 1024 * 1024;
/** How deep a `deep` frame nests. */
export const DEEP_LEVELS = 100_000;
/** The most frames one `garbage()` call may send to each socket. */
export const MAX_GARBAGE = 10_000;

const INVALID_JSON = [
  '{"type":"chunk","data":{"content":"the reply was cut off here',
  '{"type": "message", "content": "trailing comma",}',
  "{'type': 'single quotes'}",
  'not json at all ¯\\_(ツ)_/¯',
  '}{',
  '{"type":"typing","data":{"is_typing":tru',
  'NaN',
  '<html><body>502 Bad Gateway</body></html>',
];

/**
 * Per dialect, known server frame types with fields of the wrong types (cycled).
 * @type {Record<string, unknown[]>}
 */
const WRONG_TYPES = {
  envelope: [
    { type: 'chunk', data: { content: 42 }, session_id: 7, message_id: null, timestamp: false },
    { type: 'complete', data: 'done', session_id: [], message_id: { id: 1 }, timestamp: 0 },
    { type: 'typing', data: { is_typing: 'yes' }, session_id: null, message_id: 3, timestamp: {} },
    { type: 'error', data: { error: { nested: true } }, session_id: 1, message_id: [], timestamp: null },
  ],
  booking: [
    { type: 'message', content: { text: 'x' }, is_complete: 'no', metadata: [] },
    { type: 'doctors', doctors: 'Dr. Rossi' },
    { type: 'time_slots', time_slots: { id: 1 } },
    { type: 'booking_confirmation', confirmation: 'yes' },
  ],
  hybrid: [
    { type: 'history', messages: 'none' },
    { type: 'typing', is_typing: 'maybe' },
    { type: 'notification', body: 12 },
    { type: 'message', id: {}, role: 7, content: ['x'] },
  ],
  conversation: [
    { type: 'stream_content', data: { message_id: {}, content: 5, is_complete: 'no' } },
    { type: 'stream_start', data: 'now' },
    { type: 'message_received', data: { message: 'hello' } },
    { type: 'typing_indicator', data: { conversation_id: [], user_id: {}, is_typing: 1 } },
  ],
  consultation: [
    { type: 'ai_message_chunk', message_id: 5, content: ['x'] },
    { type: 'ai_message_start', messageId: { id: 1 } },
    { type: 'template_created', message_id: null, metadata: 'meal plan' },
    { type: 'error', content: { code: 500 } },
  ],
};

/** @type {Buffer | null} */
let hugeFrame = null;
/** @type {Buffer | null} */
let deepFrame = null;

/** The `huge` frame, made once (UTF-8 bytes, sent as a text frame without copying). */
function huge() {
  if (!hugeFrame) {
    const line = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. ';
    const content = line.repeat(Math.ceil(HUGE_CHARS / line.length)).slice(0, HUGE_CHARS);
    hugeFrame = Buffer.from(JSON.stringify({ type: 'huge', data: { content } }));
  }
  return hugeFrame;
}

/** The `deep` frame, built as a string (a real object that deep would overflow the stack). */
function deep() {
  deepFrame ??= Buffer.from(`${'['.repeat(DEEP_LEVELS)}${']'.repeat(DEEP_LEVELS)}`);
  return deepFrame;
}

/**
 * One malformed frame of a kind, for a socket of a dialect.
 * @param {GarbageKind} kind
 * @param {string} dialect
 * @param {number} n the frame's number in the burst (varies the samples)
 * @returns {{data: string | Buffer, binary: boolean}}
 */
export function garbageFrame(kind, dialect, n) {
  switch (kind) {
    case 'invalid-json':
      return { data: INVALID_JSON[n % INVALID_JSON.length], binary: false };
    case 'wrong-types': {
      const samples = WRONG_TYPES[dialect] ?? WRONG_TYPES.envelope;
      return { data: JSON.stringify(samples[n % samples.length]), binary: false };
    }
    case 'unknown-type':
      return {
        data: JSON.stringify({ type: `x_unknown_${n}`, data: { content: 'what is this?' }, payload: [n] }),
        binary: false,
      };
    case 'huge':
      return { data: huge(), binary: false };
    case 'deep':
      return { data: deep(), binary: false };
    case 'binary':
      return { data: randomBytes(16 + (n % 241)), binary: true };
    case 'empty':
      return { data: '', binary: false };
    case 'null':
      return { data: 'null', binary: false };
    case 'array':
      return { data: '[1,2]', binary: false };
  }
}

/**
 * The kinds to cycle through (all by default); throws on an unknown kind.
 * @param {unknown} kinds
 * @returns {GarbageKind[]}
 */
export function garbageKinds(kinds) {
  if (kinds === undefined || kinds === null) return [...GARBAGE_KINDS];
  const list = typeof kinds === 'string' ? [kinds] : kinds;
  if (!Array.isArray(list) || list.length === 0)
    throw new Error('mock-backend: garbage kinds must be a non-empty list');
  for (const kind of list) {
    if (!GARBAGE_KINDS.includes(kind))
      throw new Error(
        `mock-backend: unknown garbage kind ${JSON.stringify(kind)} (${GARBAGE_KINDS.join(', ')})`,
      );
  }
  return list;
}

/**
 * Throws unless a server may send this close code with this reason (what `ws` would refuse).
 * @param {unknown} code
 * @param {unknown} reason
 */
export function checkCloseCode(code, reason) {
  const n = typeof code === 'number' && Number.isInteger(code) ? code : NaN;
  const valid = (n >= 1000 && n <= 1014 && ![1004, 1005, 1006].includes(n)) || (n >= 3000 && n <= 4999);
  if (!valid) throw new Error(`mock-backend: ${JSON.stringify(code)} is not a close code a server can send`);
  if (typeof reason !== 'string') throw new Error('mock-backend: the close reason must be a string');
  if (Buffer.byteLength(reason) > 123) throw new Error('mock-backend: the close reason is over 123 bytes');
}

/** @param {string | undefined} address */
export function isLoopbackAddress(address) {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * A loopback host name (of a Host or Origin header): localhost, 127.x.x.x or [::1].
 * @param {string} hostname
 */
export const isLoopbackHost = (hostname) =>
  hostname === 'localhost' ||
  hostname.endsWith('.localhost') ||
  isLoopbackAddress(hostname.replace(/^\[|\]$/g, ''));

/**
 * The origin of a request if it is a loopback page (http://localhost:…, http://127.0.0.1:…), '' when
 * there is no Origin header (curl), or null for any other page (which must not drive the chaos).
 * @param {string | undefined} origin
 * @returns {string | null}
 */
export function loopbackOrigin(origin) {
  if (origin === undefined) return '';
  try {
    return isLoopbackHost(new URL(origin).hostname) ? origin : null;
  } catch {
    return null;
  }
}
