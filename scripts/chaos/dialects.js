// The five socket dialects as the chaos harness drives them: the <ai-chat> attributes that point
// a widget at the mock backend through the fault proxy, and how to read the user messages the
// backend received (in arrival order) from its records.

/**
 * @typedef {object} ChaosDialect
 * @property {string} name
 * @property {(port: number) => Record<string, string>} attributes the element's attributes, the
 *   backend reached at 127.0.0.1:`port` (the proxy)
 * @property {string} userFrame the `type` of the client frame that carries a user message
 */

/** @type {ChaosDialect[]} */
export const DIALECTS = [
  {
    name: 'envelope',
    attributes: (port) => ({
      endpoint: `ws://127.0.0.1:${port}/ai/{feature}/ws`,
      feature: 'chat',
      token: 'demo-token',
    }),
    userFrame: 'message',
  },
  {
    name: 'booking',
    attributes: (port) => ({
      dialect: 'booking',
      endpoint: `ws://127.0.0.1:${port}/ws/booking`,
      feature: 'booking_assistant',
      token: 'demo-token',
    }),
    userFrame: 'message',
  },
  {
    name: 'hybrid',
    attributes: (port) => ({
      dialect: 'hybrid',
      endpoint: `ws://127.0.0.1:${port}/api/v1/ws/chat/{user}`,
      'stream-url': `http://127.0.0.1:${port}/api/v1/chat/stream`,
      'user-id': 'chaos',
      token: 'demo-token',
    }),
    userFrame: 'message',
  },
  {
    name: 'conversation',
    attributes: (port) => ({
      dialect: 'conversation',
      endpoint: `ws://127.0.0.1:${port}/api/v1/chat/ws`,
      'session-id': '123',
      token: 'demo-token',
    }),
    userFrame: 'send_message',
  },
  {
    name: 'consultation',
    attributes: (port) => ({
      dialect: 'consultation',
      endpoint: `ws://127.0.0.1:${port}/ws/consultation`,
      'session-id': 'c-chaos',
      'api-key': 'k-1',
      feature: 'consultation',
      token: 'demo-token',
    }),
    userFrame: 'user_message',
  },
];

/** @param {unknown} value @returns {value is Record<string, unknown>} */
const isObject = (value) => typeof value === 'object' && value !== null;

/**
 * The text of every user message the backend received, in arrival order, resends included.
 * `hybrid` answers over its reply stream: its turns are the stream requests (`turns`), and its
 * socket `message` frames (the history mirror) count as received too (`socket`).
 * @param {ChaosDialect} dialect
 * @param {{frame: unknown}[]} received the backend's `received()`
 * @param {{query: Record<string, string | number>}[]} streamRequests the backend's `streamRequests()`
 * @returns {{turns: string[], socket: string[]}}
 */
export function receivedTexts(dialect, received, streamRequests) {
  /** @type {string[]} */
  const socket = [];
  for (const { frame } of received) {
    if (!isObject(frame) || frame.type !== dialect.userFrame) continue;
    const data = isObject(frame.data) ? frame.data : frame;
    if (typeof data.content === 'string') socket.push(data.content);
  }
  if (dialect.name !== 'hybrid') return { turns: socket, socket };
  /** @type {string[]} */
  const turns = [];
  for (const { query } of streamRequests) if (typeof query.message === 'string') turns.push(query.message);
  return { turns, socket };
}
