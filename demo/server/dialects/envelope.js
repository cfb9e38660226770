// The `envelope` dialect (protocols.md §1, seed 000 "AI Doctor System").
//
// Paths: /ai/{feature}/ws (feature in kebab-case, e.g. /ai/symptom-checker/ws) and /chat/ws.
// Every frame both ways: {type, data, session_id, message_id, timestamp}.
//
// Auth, one of:
//   query     ?token=TOKEN
//   protocol  Sec-WebSocket-Protocol: bearer, TOKEN  (the server selects `bearer`)
//   message   no token in the URL or protocol: the first frame must be
//             {type: 'auth', data: {token: TOKEN}, session_id, message_id, timestamp};
//             the server answers {type: 'status', data: {status: 'authenticated'}}.
// A missing or refused token (option refusedTokens): the socket is accepted, then closed with
// 4401 'token refused'.
//
// A user `message` is answered, one reply at a time per socket, with typing {is_typing: true},
// a pause, `chunk` frames {content: delta} sharing one reply id (the envelope's message_id),
// `complete` (same id; `analysis` for symptom_checker, `recommendations` for
// doctor_recommendation) and typing {is_typing: false}. A message whose message_id was seen
// before in its session is recorded and never answered anew: on another socket (the client did not
// see its reply begin) its reply is replayed as one `complete` {content: <the whole reply>, …extras}
// with the same reply id, at once or as soon as it is made (../answers.js). `heartbeat` is
// answered with a `heartbeat` carrying the same message_id (option heartbeatReply).
//
// Test hooks, by the whole content of a user message:
//   /error    part of a reply, then {type: 'error', data: {error: 'The AI service is temporarily
//             unavailable.'}} with the reply's id, then typing false (no `complete`)
//   /long     a long reply (about 8 KB of markdown)
//   /status   a `status` frame with a message, then a `notification` frame (no reply)
//   /history  a `message` frame (a whole earlier AI message, history sync) sent twice, same id
//   /drop     part of a reply, then the socket is terminated without a close frame
//
// Option redeliver: when a socket closes (for any reason: dropAll(), /drop, the client) while a
// reply is under way (from its typing frame to its complete), the reply is kept for its session.
// The next socket of that session (the `session` query parameter, else the session_id of its
// first frame) gets it, before the answer to its first frame (after `authenticated` in message
// mode), as one {type: 'complete', data: {content: <the whole reply>, …its extras}} with the
// reply's message_id. Once only; listed by the backend's redeliveries().
import { randomUUID } from 'node:crypto';
import { AnswerBook } from '../answers.js';
import { longReply } from '../replies.js';
import { isIsoUtc, isNonEmptyString, isObject, isUuidV4, show } from '../validate.js';

const AI_PATH = /^\/ai\/([a-z0-9]+(?:-[a-z0-9]+)*)\/ws\/?$/;
const CLIENT_TYPES = new Set(['message', 'heartbeat', 'subscribe', 'unsubscribe', 'auth']);
export const ERROR_TEXT = 'The AI service is temporarily unavailable.';

/**
 * A reply under way on a socket: what re-delivery sends if the socket drops before it completes.
 * @typedef {{session: string, messageId: string, content: string, data: Record<string, unknown>}} ReplyInFlight
 */

/**
 * A reply as a resend gets it again: one `complete` with the whole content, the same reply id.
 * @typedef {{replyId: string, data: Record<string, unknown>}} Made
 * @typedef {import('../answers.js').Entry<Made>} Entry
 */

/** @param {import('../connection.js').Connection} conn */
const answers = (conn) =>
  conn.store(
    'envelope:answers',
    () =>
      new AnswerBook(
        /** @param {import('../connection.js').Connection} to @param {Made} made */ (to, made) =>
          void to.send({
            type: 'complete',
            data: made.data,
            session_id: to.sessionId,
            message_id: made.replyId,
            timestamp: new Date().toISOString(),
          }),
      ),
  );

/** @param {import('../connection.js').Connection} conn */
const undelivered = (conn) =>
  conn.store('envelope:undelivered', () => /** @type {Map<string, ReplyInFlight>} */ (new Map()));

/**
 * What protocols.md requires of a client frame; returns every problem found.
 * @param {unknown} frame
 * @returns {string[]}
 */
export function envelopeProblems(frame) {
  if (!isObject(frame)) return [`frame is not an object: ${show(frame)}`];
  const type = typeof frame.type === 'string' ? frame.type : null;
  const at = `'${type ?? '?'}' frame`;
  /** @type {string[]} */
  const problems = [];
  if (type === null) problems.push(`frame has no string type: ${show(frame.type)}`);
  else if (!CLIENT_TYPES.has(type)) problems.push(`unknown client frame type ${show(type)}`);
  if (!isNonEmptyString(frame.session_id))
    problems.push(`${at}: session_id is not a string: ${show(frame.session_id)}`);
  if (!isUuidV4(frame.message_id))
    problems.push(`${at}: message_id is not a UUID v4: ${show(frame.message_id)}`);
  if (!isIsoUtc(frame.timestamp))
    problems.push(`${at}: timestamp is not ISO 8601 UTC: ${show(frame.timestamp)}`);
  const data = frame.data;
  if (!isObject(data)) return [...problems, `${at}: data is not an object: ${show(data)}`];
  if (type === 'message') {
    if (typeof data.content !== 'string')
      problems.push(`${at}: data.content is not a string: ${show(data.content)}`);
    if (!('metadata' in data) || (data.metadata !== null && !isObject(data.metadata))) {
      problems.push(`${at}: data.metadata is not null or an object: ${show(data.metadata)}`);
    }
    if (!isNonEmptyString(data.ai_feature))
      problems.push(`${at}: data.ai_feature is not a string: ${show(data.ai_feature)}`);
  } else if (type === 'heartbeat') {
    if (!isIsoUtc(data.timestamp))
      problems.push(`${at}: data.timestamp is not ISO 8601 UTC: ${show(data.timestamp)}`);
  } else if (type === 'subscribe' || type === 'unsubscribe') {
    if (!isNonEmptyString(data.topic))
      problems.push(`${at}: data.topic is not a string: ${show(data.topic)}`);
  } else if (type === 'auth') {
    if (!isNonEmptyString(data.token)) problems.push(`${at}: data.token is not a string`);
  }
  return problems;
}

/** @type {import('../connection.js').Dialect} */
export const envelope = {
  name: 'envelope',
  matches: (pathname) => AI_PATH.test(pathname) || /^\/chat\/ws\/?$/.test(pathname),
  selectProtocol: (offered) => (offered.includes('bearer') ? 'bearer' : false),
  describe: (origin) => [
    `ws://${origin}/ai/{feature}/ws?token=demo-token   e.g. ws://${origin}/ai/symptom-checker/ws?token=demo-token`,
    `ws://${origin}/chat/ws?token=demo-token   (or a first auth frame, or Sec-WebSocket-Protocol: bearer, TOKEN)`,
    'refused tokens (close 4401): expired, revoked, invalid · test hooks: /error /long /status /history /drop',
  ],

  onConnection(conn) {
    const pathFeature = (AI_PATH.exec(conn.pathname)?.[1] ?? 'chat').replaceAll('-', '_');
    const isChatPath = !AI_PATH.test(conn.pathname);
    const bearerAt = conn.offeredProtocols.indexOf('bearer');
    const mode = conn.query.has('token') ? 'query' : bearerAt >= 0 ? 'protocol' : 'message';
    conn.handshake.auth = mode;

    /**
     * @param {string} type
     * @param {Record<string, unknown>} data
     * @param {string} [messageId]
     */
    const send = (type, data, messageId = randomUUID()) =>
      conn.send({
        type,
        data,
        session_id: conn.sessionId,
        message_id: messageId,
        timestamp: new Date().toISOString(),
      });

    /** @type {{current: ReplyInFlight | null}} the reply under way on this socket */
    const inFlight = { current: null };
    let redeliveryDue = true;
    const querySession = conn.query.get('session');
    /**
     * Before this socket's first answer: the reply its session lost in a drop, if any.
     * @param {unknown} frameSession
     */
    const redeliver = (frameSession) => {
      const session = querySession || (isNonEmptyString(frameSession) ? frameSession : null);
      if (!redeliveryDue || !session || !conn.options.redeliver) return;
      redeliveryDue = false;
      const lost = undelivered(conn).get(session);
      if (!lost) return;
      undelivered(conn).delete(session);
      const sent = conn.send({
        type: 'complete',
        data: { ...lost.data, content: lost.content },
        session_id: session,
        message_id: lost.messageId,
        timestamp: new Date().toISOString(),
      });
      if (!sent) return void undelivered(conn).set(session, lost);
      conn.backend.recordRedelivery({
        connection: conn.id,
        session_id: session,
        message_id: lost.messageId,
        length: lost.content.length,
      });
    };

    let authed = false;
    if (mode !== 'message') {
      const token = mode === 'query' ? conn.query.get('token') : conn.offeredProtocols[bearerAt + 1];
      if (conn.isRefused(token)) {
        conn.refuse();
        return { onFrame: () => {} };
      }
      authed = true;
    }

    return {
      onFrame(frame) {
        for (const problem of envelopeProblems(frame)) conn.violation(problem);
        if (!isObject(frame) || typeof frame.type !== 'string') return;
        const data = isObject(frame.data) ? frame.data : {};
        if (isNonEmptyString(frame.session_id)) conn.sessionId = frame.session_id;

        if (frame.type === 'auth') {
          if (authed)
            return conn.violation(`'auth' frame, but the socket is already authenticated (${mode} mode)`);
          if (conn.isRefused(typeof data.token === 'string' ? data.token : null)) return conn.refuse();
          authed = true;
          send('status', { status: 'authenticated' });
          redeliver(frame.session_id);
          return;
        }
        if (!authed) return conn.violation(`'${frame.type}' frame before 'auth' (message auth mode)`);
        redeliver(frame.session_id);

        if (frame.type === 'heartbeat') {
          // The answer echoes the heartbeat's message_id: the client's proof that everything it
          // wrote before the heartbeat arrived.
          const echo = typeof frame.message_id === 'string' ? frame.message_id : undefined;
          if (conn.options.heartbeatReply) send('heartbeat', { timestamp: new Date().toISOString() }, echo);
        } else if (frame.type === 'message' && typeof data.content === 'string') {
          /** @type {Entry | null} */
          let entry = null;
          if (typeof frame.session_id === 'string' && typeof frame.message_id === 'string') {
            const key = `${frame.session_id}:${frame.message_id}`;
            // Seen before: its reply again (replayed whole, same reply id), never a second one.
            if (!conn.firstTime(frame.session_id, frame.message_id) && answers(conn).again(key, conn)) return;
            entry = answers(conn).first(key, conn);
          }
          const feature =
            typeof data.ai_feature === 'string' && data.ai_feature ? data.ai_feature : pathFeature;
          if (!isChatPath && feature !== pathFeature) {
            conn.violation(
              `'message' frame: ai_feature ${show(feature)} on the socket of feature '${pathFeature}'`,
            );
          }
          const content = data.content;
          const session = conn.sessionId ?? '';
          conn.enqueue(() => reply(conn, send, feature, content, session, inFlight, entry));
        }
      },
      onClose() {
        const lost = inFlight.current;
        if (lost && lost.session && conn.options.redeliver) undelivered(conn).set(lost.session, lost);
      },
    };
  },
};

/**
 * @param {import('../connection.js').Connection} conn
 * @param {(type: string, data: Record<string, unknown>, messageId?: string) => boolean} send
 * @param {string} feature
 * @param {string} content
 * @param {string} session the session of the user message
 * @param {{current: ReplyInFlight | null}} inFlight set while the reply is under way
 * @param {Entry | null} entry where the reply is kept for a resend of the message
 */
async function reply(conn, send, feature, content, session, inFlight, entry) {
  const hook = content.trim().toLowerCase();
  if (!conn.open && (!entry || hook.startsWith('/'))) return; // dropped (or silenced) meanwhile
  if (hook === '/status') {
    send('status', {
      status: 'maintenance',
      message: 'Scheduled maintenance tonight from 22:00 to 23:00 UTC.',
    });
    send('notification', { title: 'Riverside Family Clinic', body: 'Your lab results are ready to view.' });
    return;
  }
  if (hook === '/history') {
    const id = randomUUID();
    const message = {
      id,
      session_id: conn.sessionId,
      content: 'Earlier today: your appointment with **Dr. Rossi** is confirmed for 10:30.',
      type: 'ai',
      timestamp: new Date(Date.now() - 3_600_000).toISOString(),
      sender_id: 'assistant',
      metadata: null,
    };
    send('message', message, id);
    send('message', message, id);
    return;
  }

  const replyId = randomUUID();
  const { markdown, extras, scripted } =
    hook === '/long' ? { ...longReply(), scripted: null } : conn.takeReply(feature, content);
  /** @type {Record<string, unknown>} */
  const done = {};
  if (extras.analysis) done.analysis = extras.analysis;
  if (extras.recommendations) done.recommendations = extras.recommendations;
  // The reply is made, even if the socket that asked went away: a resend elsewhere gets it.
  if (entry && !hook.startsWith('/'))
    answers(conn).made(entry, { replyId, data: { ...done, ...scripted, content: markdown } });
  if (!conn.open) return;
  inFlight.current = { session, messageId: replyId, content: markdown, data: { ...done, ...scripted } };
  send('typing', { is_typing: true }, replyId);
  await conn.think();
  if (!conn.open) return;
  const chunk = (/** @type {string} */ delta) => send('chunk', { content: delta }, replyId);

  if (hook === '/error' || hook === '/drop') {
    await conn.stream(markdown, chunk, { stopAfter: Math.ceil(markdown.length / 3) });
    if (hook === '/drop') return conn.terminate();
    inFlight.current = null;
    send('error', { error: ERROR_TEXT }, replyId);
    send('typing', { is_typing: false }, replyId);
    return;
  }

  if (!(await conn.stream(markdown, chunk))) return;
  inFlight.current = null;
  if (conn.options.completeContent) done.content = markdown;
  send('complete', { ...done, ...scripted }, replyId);
  send('typing', { is_typing: false }, replyId);
}
