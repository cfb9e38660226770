// A partner's own backend, plugged in with the public dialect API: a dialect is data (what it
// is) plus two pure functions (`decode`, `encode`). The widget brings the rest: reconnection,
// the outbox and its delivery evidence, liveness, rendering, stop. This one speaks the frames of
// the mock backend's /chat/ws socket ({type, data, session_id, message_id, timestamp}) and is
// written from scratch against docs/custom-dialect.md, as a partner would.

/** @typedef {import('../src/index.js').SocketDialect} SocketDialect */
/** @typedef {import('../src/index.js').ServerEvent} ServerEvent */

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** @type {SocketDialect} */
export const partnerDialect = {
  name: 'partner',
  channel: 'socket',
  auth: ['query'],
  requires: ['token'],
  // Replies carry their own ids; the server answers each heartbeat, echoing its id.
  replies: 'id',
  heartbeat: 'echo',
  closeCodes: { unauthorized: [4401] },

  decode(frame) {
    /** @type {unknown} */
    let value;
    try {
      value = typeof frame === 'string' ? JSON.parse(frame) : undefined;
    } catch {
      value = undefined;
    }
    if (!isObject(value) || typeof value.type !== 'string')
      return [{ type: 'bad-frame', reason: 'not a frame' }];
    const data = isObject(value.data) ? value.data : {};
    const id = typeof value.message_id === 'string' ? value.message_id : undefined;
    switch (value.type) {
      case 'chunk':
        return typeof data.content === 'string' ? [{ type: 'reply-delta', id, delta: data.content }] : [];
      case 'complete':
        return [
          { type: 'reply-end', id, ...(typeof data.content === 'string' ? { content: data.content } : {}) },
        ];
      case 'typing':
        return [{ type: 'typing', typing: data.is_typing === true }];
      case 'error':
        return [
          {
            type: 'error',
            id,
            message: typeof data.error === 'string' ? data.error : 'Something went wrong.',
          },
        ];
      case 'heartbeat':
        return [{ type: 'alive', answers: id }];
      default:
        return []; // status, notification, history: nothing this partner shows
    }
  },

  encode(command, ctx) {
    /**
     * @param {string} type
     * @param {Record<string, unknown>} data
     * @param {string} id
     * @param {string} time
     */
    const frame = (type, data, id, time) =>
      JSON.stringify({ type, data, session_id: ctx.sessionId, message_id: id, timestamp: time });
    switch (command.type) {
      case 'send':
        return frame(
          'message',
          { content: command.content, metadata: null, ai_feature: ctx.feature },
          command.id,
          command.time,
        );
      case 'heartbeat':
        return frame('heartbeat', { timestamp: command.time }, command.id, command.time);
      default:
        return undefined; // no typing, join, cancel or auth frames
    }
  },
};
