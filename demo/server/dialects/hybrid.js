// The `hybrid` dialect (protocols.md §3, seed 002, WebSocket + Server-Sent Events).
//
// Socket (the control channel): /api/v1/ws/chat/{user}?token=TOKEN (missing or refused: the
// socket is accepted, then closed with 4401 'token refused'). Right after connect the server
// sends {type: 'history', messages: [{id, role, content, timestamp} × 3]} (the same ids on every
// connect of that user). Client -> server:
//   {type: 'typing', is_typing}
//   {type: 'message', role: 'user', content, message_id (UUID v4), timestamp (ISO 8601 UTC)}
//   {type: 'bot_response_complete', message_id, content}: content must be the whole text of a
//     reply streamed (to the end, [DONE]) to the same token and not confirmed yet.
// Server -> client: {type: 'typing', is_typing} while a reply for the socket's token streams;
// {type: 'notification', body} after the first saved reply of a socket; a socket message `/notify`
// -> a notification and a {type: 'message', id, role: 'assistant', content} from another device.
//
// Reply stream: GET /api/v1/chat/stream?message=…&session_id=…&message_id=… with Authorization: Bearer TOKEN
// (no or refused token: 401 text; a token in the query is a violation; no message: 400). The
// body is text/event-stream: one event per delta, its form changing along the reply (plain text,
// {"content"}, {"delta"}, {"text"}, {"choices": [{"delta": {"content"}}]}), a delta with a newline
// (or pretty-printed JSON) as several `data:` lines, `: keep-alive` comments, `data: [DONE]` last.
// A request made again with a message_id seen before (its response was lost) streams the same
// reply again (../answers.js). CORS allows any origin (the tests fetch cross-origin). Violations of a stream request are
// recorded as `#sse{n}: …`; every request is listed by `streamRequests()`.
//
// Test hooks, by the message text of a stream: /http-error (HTTP 500, JSON body), /broken (part
// of a reply, then the connection is cut without [DONE]), /long (about 8 KB).
import { AnswerBook } from '../answers.js';
import { hookOf, redactedQuery, streamChunks } from '../connection.js';
import { authorizationOf, preflight, respond, sseData, startEventStream } from '../http.js';
import { sleep, between } from '../pace.js';
import { hybridHistory, longReply } from '../replies.js';
import { fieldProblems, frameHead, isNonEmptyString, isObject, show } from '../validate.js';
import { ERROR_TEXT } from './envelope.js';

const SOCKET_PATH = /^\/api\/v1\/ws\/chat\/([^/]+)\/?$/;
const STREAM_PATH = /^\/api\/v1\/chat\/stream\/?$/;
const CLIENT_SPECS = {
  typing: { is_typing: 'boolean' },
  message: { role: '=user', content: 'string', message_id: 'uuid', timestamp: 'iso' },
  bot_response_complete: { message_id: 'string', content: 'text' },
};
/** @type {((delta: string) => unknown)[]} the delta forms, in turn; the first is plain text */
const FORMS = [
  (d) => d,
  (d) => ({ content: d }),
  (d) => ({ delta: d }),
  (d) => ({ text: d }),
  (d) => ({ choices: [{ index: 0, delta: { content: d } }] }),
];

/**
 * @typedef {{conn: import('../connection.js').Connection, token: string, saved: number}} Socket
 * @typedef {{streams: number, sockets: Set<Socket>, streamed: Map<string, string[]>, history: Map<string, number>, answers: AnswerBook<string>}} HybridState
 */
const initState = () =>
  /** @type {HybridState} */ ({
    streams: 0,
    sockets: new Set(),
    streamed: new Map(),
    history: new Map(),
    // The replies made per message id: a stream request made again gets the same reply.
    answers: new AnswerBook(() => {}),
  });

/**
 * What protocols.md §3 requires of a client socket frame; returns every problem found.
 * @param {unknown} frame
 */
export function hybridProblems(frame) {
  const { frame: f, type, at, problems } = frameHead(frame, Object.keys(CLIENT_SPECS));
  if (!f || !type) return problems;
  return fieldProblems(f, CLIENT_SPECS[/** @type {keyof typeof CLIENT_SPECS} */ (type)], at);
}

/**
 * One SSE event for a delta, in the form of its turn.
 * @param {string} delta
 * @param {number} index
 */
export function sseEvent(delta, index) {
  let form = index % FORMS.length;
  if (form === 0 && (delta.includes('\r') || parsesAsJson(delta))) form = 1;
  return sseData(
    form === 0 ? delta : JSON.stringify(FORMS[form](delta), null, index % 7 === 6 ? 1 : undefined),
  );
}

/** @param {string} text */
function parsesAsJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return text.trim() === '[DONE]';
  }
}

/** @type {import('../connection.js').Dialect} */
export const hybrid = {
  name: 'hybrid',
  matches: (pathname) => SOCKET_PATH.test(pathname),

  onConnection(conn) {
    conn.handshake.auth = 'query';
    const token = conn.query.get('token');
    if (conn.refuseToken(token) || !token) return { onFrame: () => {} };
    const user = decodeURIComponent(SOCKET_PATH.exec(conn.pathname)?.[1] ?? 'user');
    const state = conn.store('hybrid', initState);
    /** @type {Socket} */
    const socket = { conn, token, saved: 0 };
    state.sockets.add(socket);
    if (!state.history.has(user)) state.history.set(user, Date.now() - 26 * 3_600_000);
    conn.send({ type: 'history', messages: hybridHistory(user, state.history.get(user) ?? 0) });
    const notify = (/** @type {string} */ title, /** @type {string} */ body) =>
      conn.send({ type: 'notification', title, body });

    return {
      onFrame(frame) {
        conn.report(hybridProblems(frame));
        if (!isObject(frame)) return;
        if (frame.type === 'message' && isNonEmptyString(frame.message_id)) {
          if (!conn.firstTime(`hybrid:${user}`, frame.message_id) || hookOf(frame.content) !== '/notify')
            return;
          notify('Riverside Family Clinic', 'You have a new message.');
          conn.send({
            type: 'message',
            id: `msg-${Date.now().toString(36)}`,
            role: 'assistant',
            content: 'Reminder from your phone: your appointment with **Dr. Rossi** is tomorrow at 09:30.',
          });
        } else if (frame.type === 'bot_response_complete' && typeof frame.content === 'string') {
          const replies = state.streamed.get(token) ?? [];
          const at = replies.indexOf(frame.content);
          if (at < 0) {
            return conn.violation(
              `'bot_response_complete' frame: content is not the whole text of a reply streamed with this token: ${show(frame.content)}`,
            );
          }
          replies.splice(at, 1);
          if (socket.saved++ === 0) notify('Saved', 'This conversation is saved to your history.');
        }
      },
      onClose: () => void state.sockets.delete(socket),
    };
  },

  handleHttp(req, res, backend) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!STREAM_PATH.test(url.pathname)) return false;
    if (preflight(req, res)) return true;
    const state = backend.store('hybrid', initState);
    const label = `sse${++state.streams}`;
    const auth = authorizationOf(req);
    const message = url.searchParams.get('message') ?? '';
    const violation = (/** @type {string} */ text) =>
      backend.recordViolation(label, `stream request: ${text}`);
    const refusal = refusalOf(req, url, auth, backend.currentOptions().refusedTokens, violation);
    backend.recordStreamRequest({
      path: url.pathname,
      query: redactedQuery(url.searchParams),
      authorization: auth.recorded,
      status: refusal?.[0] ?? 200,
    });
    if (refusal) respond(req, res, ...refusal);
    else void stream(req, res, backend, state, auth.token, message);
    return true;
  },

  describe: (origin) => [
    `ws://${origin}/api/v1/ws/chat/{user}?token=demo-token   e.g. ws://${origin}/api/v1/ws/chat/demo-user?token=demo-token`,
    `http://${origin}/api/v1/chat/stream?message=…&session_id=…   (SSE; Authorization: Bearer demo-token)`,
    'refused tokens (close 4401 / HTTP 401): expired, revoked, invalid · test hooks: /http-error /broken /long (stream), /notify (socket)',
  ],
};

/**
 * Why a stream request is not answered with a stream: [status, content-type, body], or null.
 * @param {import('node:http').IncomingMessage} req
 * @param {URL} url
 * @param {ReturnType<typeof authorizationOf>} auth
 * @param {string[]} refused
 * @param {(text: string) => void} violation
 * @returns {[number, string, string] | null}
 */
function refusalOf(req, url, auth, refused, violation) {
  if (req.method !== 'GET') {
    violation(`method ${req.method} (GET expected)`);
    return [405, 'text/plain', 'Method not allowed'];
  }
  for (const key of ['token', 'access_token']) {
    if (url.searchParams.has(key))
      violation(`the token is in the query (${key}); send Authorization: Bearer`);
  }
  if (!isNonEmptyString(url.searchParams.get('session_id')))
    violation('session_id is missing from the query');
  if (auth.scheme !== 'Bearer' || !auth.token) {
    violation(
      `Authorization is not "Bearer <token>": ${auth.recorded === null ? 'missing' : show(auth.scheme)}`,
    );
    return [401, 'text/plain', 'Missing bearer token'];
  }
  if (refused.includes(auth.token)) return [401, 'text/plain', 'Token refused'];
  const message = url.searchParams.get('message');
  if (!isNonEmptyString(message)) {
    violation('message is missing from the query');
    return [400, 'text/plain', 'message is required'];
  }
  if (hookOf(message) === '/http-error')
    return [500, 'application/json', JSON.stringify({ error: 'internal_error', detail: ERROR_TEXT })];
  return null;
}

/**
 * Streams a reply as SSE; sockets with the same token see the AI typing meanwhile.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {import('../connection.js').BackendServices} backend
 * @param {HybridState} state
 * @param {string} token
 * @param {string} message
 */
async function stream(req, res, backend, state, token, message) {
  let closed = false;
  res.on('close', () => (closed = true));
  const typing = (/** @type {boolean} */ isTyping) => {
    for (const s of state.sockets)
      if (s.token === token) s.conn.send({ type: 'typing', is_typing: isTyping });
  };
  startEventStream(req, res);
  backend.trackStream(res);
  const hook = hookOf(message);
  // A request made again for the same message (its response was lost) streams the same reply.
  const messageId = new URL(req.url ?? '/', 'http://localhost').searchParams.get('message_id');
  const key = messageId && !hook ? `${token}:${messageId}` : '';
  const made = key ? state.answers.replyFor(key) : undefined;
  const markdown =
    made ?? backend.takeReply('chat', message, hook === '/long' ? longReply() : undefined).markdown;
  if (key && made === undefined) state.answers.made(state.answers.first(key, null), markdown);
  const pace = backend.currentOptions().pace;
  typing(true);
  res.write(': stream open\n\n');
  await sleep(between(pace.thinkMs));
  const complete = await streamChunks(
    markdown,
    pace,
    () => !closed && !req.destroyed,
    (delta, index) => res.write(`${index % 5 === 3 ? ': keep-alive\n\n' : ''}${sseEvent(delta, index)}`),
    hook === '/broken' ? { stopAfter: Math.ceil(markdown.length / 3) } : {},
  );
  typing(false);
  if (hook === '/broken') {
    await sleep(20);
    res.socket?.destroy();
    return;
  }
  if (!complete) return;
  const streamed = state.streamed.get(token) ?? [];
  state.streamed.set(token, [...streamed.slice(-19), markdown]);
  res.end('data: [DONE]\n\n');
}
