// The `conversation` dialect (protocols.md §4, seed 003 "AI Chat Application").
//
// Paths: /api/v1/chat/ws and /ws. No token in the URL (one there is a violation): the first
// frame must be {type: 'auth', token}. Anything else first: a violation, then close 4001
// 'Authentication required'. A missing or refused token: close 4001 'token refused'. Verifying
// takes authDelayMs (default 15), then {type: 'auth_success', user_id}; a frame that arrives
// before auth_success is a violation and is dropped.
//
// Client -> server (after auth_success), all with `data`:
//   join_conversation {conversation_id}               (must come before send_message)
//   send_message {conversation_id, content, message_type: 'user', client_id (UUID v4)}
//   typing {conversation_id, is_typing}               (recorded)
// A send_message is acked (after ackDelayMs; never with dropAcks) by message_received
// {message: {id, content, message_type: 'user', sender_id, created_at, client_id}}; a resent
// client_id is acked again with the same message and never answered anew: on another socket its
// reply is replayed whole under the same id (stream_start, one stream_content with is_complete,
// stream_complete), at once or as soon as it is made (../answers.js). The answer, one at a
// time per socket: typing_indicator {conversation_id, user_id: 'assistant', is_typing: true},
// stream_start {message_id}, stream_content {message_id, content, is_complete} (true on the last),
// stream_complete {message_id, usage: {prompt_tokens, completion_tokens, total_tokens}},
// typing_indicator false. Over 4000 characters: error {code: 'MESSAGE_TOO_LONG', message}, no ack.
// Server ids are numbers, as in the seed.
//
// Test hooks, by the whole content of a sent message: /error (part of a reply, then error
// {code: 'AI_SERVICE_ERROR', message}), /other-tab (no answer; message_added × 2, a user message
// and an assistant message sent "from another tab", then conversation_updated), /long, /drop.
import { AnswerBook } from '../answers.js';
import { hookOf } from '../connection.js';
import { sleep } from '../pace.js';
import { longReply } from '../replies.js';
import { fieldProblems, frameHead, isNonEmptyString, isObject, show } from '../validate.js';
import { ERROR_TEXT } from './envelope.js';

const PATH = /^\/(api\/v1\/chat\/ws|ws)\/?$/;
export const MAX_LENGTH = 4000;
/** @type {Record<string, Record<string, string>>} the fields of each client frame's `data` */
const DATA_SPECS = {
  join_conversation: { conversation_id: 'id' },
  send_message: { conversation_id: 'id', content: 'string', message_type: '=user', client_id: 'uuid' },
  typing: { conversation_id: 'id', is_typing: 'boolean' },
};

/**
 * What protocols.md §4 requires of a client frame; returns every problem found.
 * @param {unknown} frame
 */
export function conversationProblems(frame) {
  const { frame: f, type, at, problems } = frameHead(frame, ['auth', ...Object.keys(DATA_SPECS)]);
  if (!f || !type) return problems;
  if (type === 'auth') return fieldProblems(f, { token: 'string' }, at);
  if (!isObject(f.data)) return [`${at}: data is not an object: ${show(f.data)}`];
  return fieldProblems(f.data, DATA_SPECS[type], at, 'data.');
}

/**
 * @typedef {{id: number, content: string, message_type: string, sender_id: number | string, created_at: string, client_id?: string, conversation_id: unknown}} ChatMessage
 * @typedef {{nextId: number, acked: Map<string, ChatMessage>}} ConversationState
 */

/** @param {import('../connection.js').Connection} conn */
const stateOf = (conn) =>
  conn.store('conversation', () => /** @type {ConversationState} */ ({ nextId: 1000, acked: new Map() }));

/**
 * A reply as a resend gets it again, under the same id: start, one chunk with the whole text
 * (`is_complete`), complete.
 * @typedef {{id: number, cid: unknown, markdown: string, usage: Record<string, number>}} Made
 * @typedef {import('../answers.js').Entry<Made>} Entry
 */

/** @param {import('../connection.js').Connection} to @param {Made} made */
function replay(to, made) {
  const send = (/** @type {string} */ type, /** @type {Record<string, unknown>} */ data) =>
    to.send({ type, data });
  send('stream_start', { message_id: made.id, conversation_id: made.cid });
  send('stream_content', { message_id: made.id, content: made.markdown, is_complete: true });
  send('stream_complete', { message_id: made.id, usage: made.usage });
}

/** @param {import('../connection.js').Connection} conn */
const answers = (conn) => conn.store('conversation:answers', () => new AnswerBook(replay));

/** @type {import('../connection.js').Dialect} */
export const conversation = {
  name: 'conversation',
  matches: (pathname) => PATH.test(pathname),

  onConnection(conn) {
    conn.handshake.auth = 'message';
    if (conn.query.has('token'))
      conn.violation('token in the URL: this dialect authenticates with a first auth frame');
    const state = stateOf(conn);
    /** @type {'new' | 'verifying' | 'ready'} */
    let phase = 'new';
    let userId = 0;
    /** @type {unknown} */
    let joined = null;
    /** @param {string} type @param {Record<string, unknown>} data */
    const send = (type, data) => conn.send({ type, data });

    return {
      onFrame(frame) {
        conn.report(conversationProblems(frame));
        if (!isObject(frame)) return;
        const type = String(frame.type);
        const data = isObject(frame.data) ? frame.data : {};
        if (phase === 'new') {
          if (type !== 'auth') {
            conn.violation(`'${type}' frame before 'auth': the first frame must be auth`);
            return conn.close(4001, 'Authentication required');
          }
          const token = frame.token;
          if (!isNonEmptyString(token) || conn.isRefused(token)) return conn.close(4001, 'token refused');
          phase = 'verifying';
          userId = 1000 + ([...token].reduce((sum, c) => sum * 31 + c.charCodeAt(0), 7) % 9000);
          void sleep(conn.options.authDelayMs).then(() => {
            phase = 'ready';
            conn.send({ type: 'auth_success', user_id: userId });
          });
          return;
        }
        if (phase === 'verifying') return conn.violation(`'${type}' frame sent before auth_success`);
        if (type === 'auth') return conn.violation("'auth' frame, but the socket is already authenticated");
        if (type === 'join_conversation' && data.conversation_id !== undefined) joined = data.conversation_id;
        if (type !== 'send_message' || typeof data.content !== 'string') return;

        const cid = data.conversation_id;
        if (joined === null) conn.violation("'send_message' frame before join_conversation");
        else if (cid !== joined)
          conn.violation(
            `'send_message' frame: conversation_id ${show(cid)} is not the joined ${show(joined)}`,
          );
        const content = data.content;
        if (content.length > MAX_LENGTH) {
          send('error', {
            code: 'MESSAGE_TOO_LONG',
            message: `Message exceeds maximum length of ${MAX_LENGTH} characters`,
          });
          return;
        }
        const clientId = typeof data.client_id === 'string' ? data.client_id : '';
        const key = `${String(cid)}:${clientId}`;
        const known = clientId ? state.acked.get(key) : undefined;
        const fresh = !clientId || conn.firstTime(`conversation:${String(cid)}`, clientId);
        /** @type {ChatMessage} */
        const message = known ?? {
          id: state.nextId++,
          content,
          message_type: 'user',
          sender_id: userId,
          created_at: new Date().toISOString(),
          ...(clientId && { client_id: clientId }),
          conversation_id: cid,
        };
        if (clientId) state.acked.set(key, message);
        const acked = sleep(conn.options.ackDelayMs).then(() => {
          if (!conn.options.dropAcks) send('message_received', { message });
        });
        const book = answers(conn);
        // Seen before: acknowledged again, and its reply replayed on another socket, never a second one.
        if (!fresh || known) {
          if (clientId) void acked.then(() => book.again(key, conn));
          return;
        }
        const hook = hookOf(content);
        const entry = clientId && !hook ? book.first(key, conn) : null;
        if (hook === '/other-tab') void acked.then(() => otherTab(conn, state, cid, userId));
        else conn.enqueue(() => acked.then(() => answer(conn, send, cid, content, hook, entry)));
      },
    };
  },

  describe: (origin) => [
    `ws://${origin}/api/v1/chat/ws   (also /ws) — first frame {"type":"auth","token":"demo-token"}`,
    'refused tokens (close 4001): expired, revoked, invalid · test hooks: /error /other-tab /long /drop',
  ],
};

/**
 * @param {import('../connection.js').Connection} conn
 * @param {(type: string, data: Record<string, unknown>) => boolean} send
 * @param {unknown} cid
 * @param {string} content
 * @param {string} hook
 * @param {Entry | null} entry where the reply is kept for a resend of the message
 */
async function answer(conn, send, cid, content, hook, entry) {
  if (!conn.open && !entry) return; // dropped (or silenced) meanwhile
  const state = stateOf(conn);
  const { markdown } = conn.takeReply('chat', content, hook === '/long' ? longReply() : undefined);
  const messageId = state.nextId++;
  const prompt = 24 + Math.ceil(content.length / 4);
  const completion = Math.ceil(markdown.length / 4);
  const usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  // The reply is made, even if the socket that asked went away: a resend elsewhere gets it.
  if (entry) answers(conn).made(entry, { id: messageId, cid, markdown, usage });
  if (!conn.open) return;
  const typing = (/** @type {boolean} */ isTyping) =>
    send('typing_indicator', { conversation_id: cid, user_id: 'assistant', is_typing: isTyping });
  typing(true);
  await conn.think();
  if (!conn.open) return;
  send('stream_start', { message_id: messageId, conversation_id: cid });
  const outcome = await conn.streamHooked(
    markdown,
    (delta, _index, last) =>
      send('stream_content', { message_id: messageId, content: delta, is_complete: last }),
    hook,
  );
  if (outcome === 'closed') return;
  if (outcome === 'error') {
    send('error', { code: 'AI_SERVICE_ERROR', message: ERROR_TEXT, message_id: messageId });
  } else {
    send('stream_complete', { message_id: messageId, usage });
  }
  typing(false);
}

/**
 * Another tab of the same user sent a message and got an answer.
 * @param {import('../connection.js').Connection} conn
 * @param {ConversationState} state
 * @param {unknown} cid
 * @param {number} userId
 */
function otherTab(conn, state, cid, userId) {
  const now = Date.now();
  const added = (/** @type {Omit<ChatMessage, 'id' | 'conversation_id'>} */ message) =>
    conn.send({
      type: 'message_added',
      data: { message: { id: state.nextId++, conversation_id: cid, ...message } },
    });
  added({
    content: 'Can you summarise what we discussed?',
    message_type: 'user',
    sender_id: userId,
    created_at: new Date(now).toISOString(),
  });
  added({
    content:
      'Sure — we talked about **sleep habits**: a fixed wake-up time, daylight in the morning and no caffeine after 2 pm.',
    message_type: 'assistant',
    sender_id: 'assistant',
    created_at: new Date(now + 1500).toISOString(),
  });
  conn.send({
    type: 'conversation_updated',
    data: {
      conversation: { id: cid, title: 'Sleep habits', updated_at: new Date(now + 1500).toISOString() },
    },
  });
}
