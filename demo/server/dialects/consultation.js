// The `consultation` dialect (protocols.md §5, seed 004 "FitIQ", a fitness & nutrition coach).
//
// Path: /ws/consultation?consultation_id=ID&token=TOKEN[&api_key=KEY]. The socket is accepted,
// then closed with 4401 'token refused' for a missing or refused token (or a refused api_key),
// 4404 'consultation not found' without a consultation_id, 4403 'access denied' when the
// consultation_id is `forbidden`.
//
// Client -> server: {type: 'user_message', content, message_id (UUID v4), timestamp (ISO 8601
// UTC)}; {type: 'ping', message_id, timestamp} -> {type: 'pong', message_id, timestamp} (option
// heartbeatReply). A message_id seen before in the consultation is never answered anew: on
// another socket its reply is replayed whole under the same id (start, one chunk, complete, its
// template card), at once or as soon as it is made (../answers.js).
//
// Server -> client, one reply at a time per socket, every frame with a timestamp:
// ai_message_start, ai_message_chunk {content} × n, ai_message_complete. The reply id is spelled
// `message_id` in some frames and `messageId` in others, as in the seed: start `message_id`,
// chunks in turn (`message_id` first), complete `messageId`. When the user asks for a meal,
// workout or wellness plan ("plan", "program", "routine", … and a topic word), the complete is
// followed by {type: 'template_created', message_id (a new id), timestamp, metadata: {template_id,
// type, name, description}}.
//
// Test hooks, by the whole content of a user message: /end (a short goodbye, then close 1000
// 'consultation complete'), /error (part of a reply, then {type: 'error', content}), /long, /drop.
import { randomUUID } from 'node:crypto';
import { AnswerBook } from '../answers.js';
import { hookOf } from '../connection.js';
import { consultationReply, longReply } from '../replies.js';
import { fieldProblems, frameHead, isNonEmptyString, isObject } from '../validate.js';
import { ERROR_TEXT } from './envelope.js';

const PATH = /^\/ws\/consultation\/?$/;
const CLIENT_SPECS = {
  user_message: { content: 'string', message_id: 'uuid', timestamp: 'iso' },
  ping: { message_id: 'uuid', timestamp: 'iso' },
};
const GOODBYE =
  'Great work today! 🎉 This consultation is now complete — your plans stay in **My templates**. See you at the next check-in.';

/**
 * What protocols.md §5 requires of a client frame; returns every problem found.
 * @param {unknown} frame
 */
export function consultationProblems(frame) {
  const { frame: f, type, at, problems } = frameHead(frame, Object.keys(CLIENT_SPECS));
  if (!f || !type) return problems;
  return fieldProblems(f, CLIENT_SPECS[/** @type {keyof typeof CLIENT_SPECS} */ (type)], at);
}

/**
 * A reply as a resend gets it again: start, one chunk with the whole text, complete, and its
 * template card, under the same reply id.
 * @typedef {{id: string, markdown: string, template: Record<string, unknown> | null}} Made
 * @typedef {import('../answers.js').Entry<Made>} Entry
 */

/** @param {import('../connection.js').Connection} to @param {Made} made */
function replay(to, made) {
  const send = (/** @type {string} */ type, /** @type {Record<string, unknown>} */ fields) =>
    to.send({ type, ...fields, timestamp: new Date().toISOString() });
  send('ai_message_start', { message_id: made.id });
  send('ai_message_chunk', { message_id: made.id, content: made.markdown });
  send('ai_message_complete', { messageId: made.id });
  if (made.template) send('template_created', { message_id: newId(), metadata: made.template });
}

/** @param {import('../connection.js').Connection} conn */
const answers = (conn) => conn.store('consultation:answers', () => new AnswerBook(replay));

const newId = () => `msg_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

/** @type {import('../connection.js').Dialect} */
export const consultation = {
  name: 'consultation',
  matches: (pathname) => PATH.test(pathname),

  onConnection(conn) {
    conn.handshake.auth = 'query';
    const consultationId = conn.query.get('consultation_id');
    const apiKey = conn.query.get('api_key');
    const none = { onFrame: () => {} };
    if (conn.refuseToken(conn.query.get('token'))) return none;
    if (apiKey !== null && conn.isRefused(apiKey)) {
      conn.close(4401, 'api key refused');
      return none;
    }
    if (!consultationId) {
      conn.close(4404, 'consultation not found');
      return none;
    }
    if (consultationId === 'forbidden') {
      conn.close(4403, 'access denied');
      return none;
    }
    conn.sessionId = consultationId;
    /** @param {string} type @param {Record<string, unknown>} fields */
    const send = (type, fields) => conn.send({ type, ...fields, timestamp: new Date().toISOString() });

    return {
      onFrame(frame) {
        conn.report(consultationProblems(frame));
        if (!isObject(frame)) return;
        if (frame.type === 'ping') {
          if (conn.options.heartbeatReply) send('pong', { message_id: frame.message_id ?? newId() });
        } else if (frame.type === 'user_message' && typeof frame.content === 'string') {
          /** @type {Entry | null} */
          let entry = null;
          if (isNonEmptyString(frame.message_id)) {
            const key = `${consultationId}:${frame.message_id}`;
            // Seen before: its reply again (replayed whole, same id), never a second one.
            if (!conn.firstTime(consultationId, frame.message_id) && answers(conn).again(key, conn)) return;
            entry = answers(conn).first(key, conn);
          }
          const content = frame.content;
          conn.enqueue(() => answer(conn, send, content, entry));
        }
      },
    };
  },

  describe: (origin) => [
    `ws://${origin}/ws/consultation?consultation_id=demo-consultation&token=demo-token[&api_key=KEY]`,
    'close 4401 refused token (expired, revoked, invalid), 4404 no consultation_id, 4403 consultation_id=forbidden',
    'test hooks: /end (close 1000) /error /long /drop · ask for a "meal plan", "workout plan" or "sleep routine"',
  ],
};

/**
 * @param {import('../connection.js').Connection} conn
 * @param {(type: string, fields: Record<string, unknown>) => boolean} send
 * @param {string} content
 * @param {Entry | null} entry where the reply is kept for a resend of the message
 */
async function answer(conn, send, content, entry) {
  const hook = hookOf(content);
  if (!conn.open && (!entry || hook)) return; // dropped (or silenced) meanwhile
  const own = hook === '/long' ? { ...longReply(), template: null } : consultationReply(content);
  const { markdown, scripted } = conn.takeReply(
    'consultation',
    content,
    hook === '/end' ? { markdown: GOODBYE, extras: {} } : own,
  );
  const id = newId();
  const template = scripted?.template ?? (scripted ? null : own.template);
  const templateMetadata = template
    ? { template_id: `tmpl_${randomUUID().replaceAll('-', '').slice(0, 8)}`, ...template }
    : null;
  // The reply is made, even if the socket that asked went away: a resend elsewhere gets it.
  if (entry && !hook) answers(conn).made(entry, { id, markdown, template: templateMetadata });
  if (!conn.open) return;
  await conn.think();
  if (!conn.open) return;
  send('ai_message_start', { message_id: id });
  const outcome = await conn.streamHooked(
    markdown,
    (delta, index) =>
      send('ai_message_chunk', { content: delta, [index % 2 ? 'messageId' : 'message_id']: id }),
    hook,
  );
  if (outcome === 'closed') return;
  if (outcome === 'error') return void send('error', { content: ERROR_TEXT });
  send('ai_message_complete', { messageId: id });
  if (hook === '/end') return conn.close(1000, 'consultation complete');
  if (templateMetadata) send('template_created', { message_id: newId(), metadata: templateMetadata });
}
