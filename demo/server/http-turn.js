// One turn of a standard stream (agui, ai-sdk, openai; protocols.md §6–8): a POST whose JSON body
// carries the whole conversation and whose answer streams the reply as Server-Sent Events. This
// module does what every such route does: it checks the request's method, reads and records the
// body (a refused request's too), checks the headers and token, answers the faults the backend is
// injecting, hands the body to the dialect's checks (each problem recorded as a violation
// `#<label>: request: …`), answers the `/http-error` hook, and tracks the stream so `dropAll()` and
// `stop()` cut it. The dialect only says what a good body is and how to stream its reply.
//
// Test hooks, by the text of the last user message (every standard-stream dialect honours them):
//   /http-error  HTTP 500 with a JSON error body, no stream
//   /error       part of the reply, then the dialect's in-band error
//   /broken      part of the reply, then the connection is cut (no end, no [DONE])
//   /stall       the start of the reply, then silence until the client goes (at most 30 s)
//   /long        a reply of about 8 KB
import { hookOf, redactedQuery } from './connection.js';
import { authorizationOf, corsHeaders, preflight, readBody } from './http.js';
import { sleep } from './pace.js';
import { isObject, show } from './validate.js';

/** The largest body a turn may have (the whole conversation is in it). */
export const MAX_TURN_BODY = 2_000_000;
/** How long `/stall` keeps a stream open and silent. */
export const STALL_MS = 30_000;

/**
 * What a dialect's check of a body found: every problem, and the text of the message to answer
 * (`null`: the body cannot be answered, HTTP 400).
 * @typedef {{problems: string[], text: string | null}} BodyCheck
 */

/**
 * A turn, as the dialect streams its reply.
 * @typedef {object} Turn
 * @property {import('node:http').IncomingMessage} req
 * @property {import('node:http').ServerResponse} res
 * @property {import('./connection.js').BackendServices} backend
 * @property {Record<string, any>} body the parsed body (it passed the check)
 * @property {string} feature the AI feature (snake_case), from the path; `chat` by default
 * @property {string} text the message to answer
 * @property {string} hook the test hook `text` is ('' for an ordinary message)
 * @property {string} label names this request in violations, e.g. `agui3`
 * @property {() => boolean} isOpen the client is still there and the stream was not cut
 * @property {() => void} cut ends the connection abruptly (hook `/broken`)
 * @property {() => Promise<void>} stall waits, silent, until the client goes or STALL_MS pass (hook `/stall`)
 */

/**
 * An answer's outcome, as `streamRequests()` records it.
 * @typedef {'complete' | 'error' | 'stopped' | 'cut' | 'closed' | 'stalled'} Outcome
 */

/**
 * The HTTP handler of a standard-stream dialect.
 * @param {object} spec
 * @param {string} spec.name the dialect (and its per-backend state key)
 * @param {RegExp} spec.path the route; its first group, when matched, is the feature (kebab-case)
 * @param {(body: unknown, backend: import('./connection.js').BackendServices, req: import('node:http').IncomingMessage) => BodyCheck | Promise<BodyCheck>} spec.check
 * @param {(turn: Turn) => Promise<Outcome>} spec.answer streams the reply (the status line is not sent yet)
 * @returns {NonNullable<import('./connection.js').Dialect['handleHttp']>}
 */
export function turnRoute({ name, path, check, answer }) {
  return (req, res, backend) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = path.exec(url.pathname);
    if (!match) return false;
    if (preflight(req, res)) return true;
    void serve(req, res, backend, url, match[1], { name, check, answer });
    return true;
  };
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {import('./connection.js').BackendServices} backend
 * @param {URL} url
 * @param {string | undefined} featurePath
 * @param {{name: string, check: Parameters<typeof turnRoute>[0]['check'], answer: Parameters<typeof turnRoute>[0]['answer']}} spec
 */
async function serve(req, res, backend, url, featurePath, { name, check, answer }) {
  const state = backend.store(`${name}:turns`, () => ({ requests: 0 }));
  const label = `${name}${++state.requests}`;
  const violation = (/** @type {string} */ text) => backend.recordViolation(label, `request: ${text}`);
  const auth = authorizationOf(req);
  /** @type {import('./connection.js').StreamRequest} */
  const entry = {
    path: url.pathname,
    query: redactedQuery(url.searchParams),
    authorization: auth.recorded,
    status: 0,
    method: req.method ?? 'GET',
  };
  backend.recordStreamRequest(entry);
  const refuse = (/** @type {number} */ status, /** @type {string} */ message, headers = {}) => {
    entry.status = status;
    entry.outcome = 'refused';
    req.resume();
    sendError(req, res, status, message, headers);
  };

  if (req.method !== 'POST') {
    violation(`method ${req.method} (POST expected)`);
    return refuse(405, 'Method not allowed', { allow: 'POST, OPTIONS' });
  }
  for (const key of ['token', 'access_token', 'api_key', 'key']) {
    if (url.searchParams.has(key)) violation(`a secret is in the query (${key}); send Authorization: Bearer`);
  }
  // The body is read (and kept) before anything is refused: what a client sent to a request that
  // was refused is recorded too, so a test can see that its retry carries the same message.
  /** @type {string | Error} */
  let raw;
  try {
    raw = await readBody(req, MAX_TURN_BODY);
  } catch (error) {
    raw = error instanceof Error ? error : new Error(String(error));
  }
  if (typeof raw === 'string') {
    try {
      entry.body = JSON.parse(raw);
    } catch {
      // Reported below, once the request is not refused for another reason.
    }
  }
  const refusal = backend.refusal();
  if (refusal) {
    if ([4001, 4401, 1008].includes(refusal.code)) return refuse(401, refusal.reason || 'Unauthorized');
    if ([4003, 4403].includes(refusal.code)) return refuse(403, refusal.reason || 'Forbidden');
    return refuse(503, refusal.reason || 'Service unavailable', { 'retry-after': '1' });
  }
  if (auth.recorded === null) return refuse(401, 'Missing bearer token');
  if (auth.scheme !== 'Bearer' || !auth.token) {
    violation(`Authorization is not "Bearer <token>": ${show(auth.scheme)}`);
    return refuse(401, 'Missing bearer token');
  }
  if (backend.currentOptions().refusedTokens.includes(auth.token)) return refuse(401, 'Token refused');
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type))
    violation(`Content-Type is ${show(type)} (application/json expected)`);

  /** @type {unknown} */
  let body;
  try {
    if (typeof raw !== 'string') throw raw;
    body = JSON.parse(raw);
  } catch (error) {
    violation(`the body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    return refuse(400, 'The body must be JSON');
  }
  /** @type {BodyCheck} */
  let checked;
  try {
    checked = await check(body, backend, req);
  } catch (error) {
    checked = { problems: [`the body could not be checked: ${String(error)}`], text: null };
  }
  for (const problem of checked.problems) violation(problem);
  if (checked.text === null || !isObject(body)) return refuse(400, 'The request is not valid');
  const hook = hookOf(checked.text);
  if (hook === '/http-error') return refuse(500, 'The model is unavailable (test hook /http-error).');

  entry.status = 200;
  let closed = false;
  res.on('close', () => (closed = true));
  backend.trackStream(res);
  let severed = false;
  const isOpen = () => !closed && !severed && !res.destroyed;
  /** @type {Turn} */
  const turn = {
    req,
    res,
    backend,
    body,
    feature: (featurePath ? decodeURIComponent(featurePath) : 'chat').replaceAll('-', '_'),
    text: checked.text,
    hook,
    label,
    isOpen,
    // What was written goes out first (destroying at once can drop it from the socket's buffer):
    // then the connection ends with no last chunk, as when a proxy or the network cuts it.
    cut: () => {
      severed = true;
      const socket = res.socket;
      if (socket) socket.end(() => socket.destroy());
    },
    stall: async () => {
      const until = Date.now() + STALL_MS;
      while (isOpen() && Date.now() < until) await sleep(50);
    },
  };
  try {
    entry.outcome = await answer(turn);
  } catch (error) {
    console.error(`mock-backend: the ${name} answer failed`, error);
    entry.outcome = 'cut';
    res.destroy();
    return;
  }
  if (entry.outcome === 'complete' && !isOpen()) entry.outcome = 'closed';
  if (!severed && !res.writableEnded && !res.destroyed) res.end();
}

/**
 * An error answer, JSON in the shape OpenAI-compatible servers use (`{error: {message, type, code}}`).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} message
 * @param {Record<string, string>} [headers]
 */
function sendError(req, res, status, message, headers = {}) {
  const type =
    status === 401 || status === 403
      ? 'authentication_error'
      : status >= 500
        ? 'server_error'
        : 'invalid_request_error';
  res.writeHead(status, {
    ...corsHeaders(req),
    ...headers,
    'content-type': 'application/json',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify({ error: { message, type, code: String(status) } }));
}

/**
 * Starts an SSE answer with the given content type (CORS, no caching, no proxy buffering).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Record<string, string>} [headers]
 */
export function startTurnStream(req, res, headers = {}) {
  res.writeHead(200, {
    ...corsHeaders(req),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
    ...headers,
  });
  res.flushHeaders();
}

/**
 * The user's text of a message in any of the standards' shapes: a string, or a list of parts
 * whose `text` parts are joined.
 * @param {unknown} content
 */
export function textOf(content) {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isObject(part) && part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

/**
 * Problems with a list of messages' ids: missing or repeated.
 * @param {unknown[]} messages
 * @param {string} at e.g. `messages`
 */
export function idProblems(messages, at) {
  /** @type {string[]} */
  const problems = [];
  const seen = new Set();
  messages.forEach((message, index) => {
    const id = isObject(message) ? message.id : undefined;
    if (typeof id !== 'string' || id === '') return;
    if (seen.has(id)) problems.push(`${at}.${index}.id repeats an earlier id: ${show(id)}`);
    seen.add(id);
  });
  return problems;
}

/** A rough token count, for usage figures: about four characters a token. @param {string} text */
export const tokensOf = (text) => Math.max(1, Math.ceil(text.length / 4));

/**
 * What a standard-stream reply shows besides its text, from the feature's extras
 * (replies.js): the tools the "agent" ran (name, input, output), the cards (the first belongs to
 * the reply, the others stand alone), and the links of the text as sources.
 * @param {import('./replies.js').ReplyExtras & Record<string, unknown>} extras
 * @param {string} text the user's message
 * @param {string} markdown the reply
 */
export function replyPlan(extras, text, markdown) {
  const query = text.slice(0, 80);
  /** @type {{name: string, input: Record<string, unknown>, output: unknown}[]} */
  const tools = [];
  /** @type {Record<string, unknown>[]} */
  const cards = [];
  if (extras.analysis) {
    tools.push({ name: 'assess_urgency', input: { symptoms: query }, output: extras.analysis });
    cards.push({ kind: 'symptom-analysis', ...extras.analysis });
  }
  const doctors = extras.recommendations ?? extras.doctors;
  if (doctors?.length) {
    tools.push({
      name: 'find_doctors',
      input: { query },
      output: doctors.map(({ id, name, specialty }) => ({ id, name, specialty })),
    });
    cards.push({ kind: 'doctors', doctors });
  }
  if (extras.time_slots?.length) {
    tools.push({
      name: 'find_time_slots',
      input: { doctor_id: extras.time_slots[0]?.doctor_id ?? null },
      output: extras.time_slots.map(({ id, start }) => ({ id, start })),
    });
    cards.push({ kind: 'time-slots', time_slots: extras.time_slots });
  }
  /** @type {{url: string, title: string}[]} */
  const sources = [];
  for (const [, title, url] of markdown.matchAll(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g)) {
    if (!sources.some((s) => s.url === url)) sources.push({ url, title });
  }
  return { tools, cards, sources };
}
