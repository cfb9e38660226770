// One client socket as a dialect sees it: sending, closing, recording violations, a reply
// queue (one reply at a time per socket), pacing and the backend's scripted replies. Every
// dialect module builds on this, so a dialect is only its own frames.
import { WebSocket } from 'ws';
import { sleep, between, splitIntoChunks } from './pace.js';

/**
 * What the backend offers a connection (implemented by MockBackend).
 * @typedef {object} BackendServices
 * @property {() => import('./mock-backend.js').ResolvedOptions} currentOptions
 * @property {(connection: number | string, text: string) => void} recordViolation `#connection: text`
 * @property {(feature: string, userText: string, own?: import('./replies.js').Reply) => import('./replies.js').Reply & {scripted: Record<string, unknown> | null}} takeReply
 *   the next scripted reply (`nextReply`) if one is queued, else `own`, else the feature's realistic reply
 * @property {(sessionId: string, messageId: string) => boolean} firstTime
 * @property {<T>(key: string, init: () => T) => T} store per-backend state of a dialect (made on first use)
 * @property {(entry: StreamRequest) => void} recordStreamRequest an HTTP reply-stream request (hybrid)
 * @property {(res: import('node:http').ServerResponse) => void} trackStream an HTTP reply stream in flight:
 *   `dropAll()` and `stop()` cut it (hybrid)
 * @property {(entry: Redelivery) => void} recordRedelivery a reply re-delivered after a reconnect (option redeliver)
 * @property {() => {code: number, reason: string} | null} refusal the refusal in force (refuseConnections(),
 *   or an outage while attached): HTTP dialects answer their requests with an error status meanwhile
 */

/**
 * A reply re-delivered whole to a new socket of the session it was streaming to when its socket dropped.
 * @typedef {{connection: number, session_id: string, message_id: string, length: number}} Redelivery
 */

/**
 * An HTTP reply-stream request, as `streamRequests()` lists it (secrets replaced by their length).
 * The standard streams' POSTs (agui, ai-sdk, openai) also record their `method`, the parsed `body`
 * and, once the answer is over, its `outcome`: `complete`, `error` (an in-band error), `cut` (the
 * server broke the stream), `aborted` (the client went away first) or `refused` (no stream).
 * @typedef {{path: string, query: Record<string, string | number>, authorization: string | null, status: number, method?: string, body?: unknown, outcome?: string}} StreamRequest
 */

/**
 * What every dialect's `onConnection` returns: what to do with each client frame (parsed JSON,
 * never a string: the common layer records non-JSON frames as violations) and on close.
 * @typedef {object} DialectSession
 * @property {(frame: unknown) => void} onFrame
 * @property {() => void} [onClose]
 */

/**
 * A wire dialect of the mock backend.
 * @typedef {object} Dialect
 * @property {string} name
 * @property {(pathname: string) => boolean} matches which socket paths it serves
 * @property {(offered: string[]) => string | false} [selectProtocol] the subprotocol to accept
 * @property {(conn: Connection) => DialectSession} onConnection
 * @property {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, backend: BackendServices) => boolean} [handleHttp]
 *   serves an HTTP request (e.g. an SSE reply stream); returns false when the request is not its
 * @property {(origin: string) => string[]} [describe] lines for the CLI: its URLs, auth and hooks
 */

/** Query parameters whose values are secrets: recorded as their length only. */
export const SECRET_PARAMS = new Set(['token', 'access_token', 'api_key', 'apikey', 'key']);

/**
 * A query as recorded in `handshakes()` / `streamRequests()`: secrets replaced by their length.
 * @param {URLSearchParams} params
 * @returns {Record<string, string | number>}
 */
export function redactedQuery(params) {
  /** @type {Record<string, string | number>} */
  const query = {};
  for (const [key, value] of params) query[key] = SECRET_PARAMS.has(key) ? value.length : value;
  return query;
}

/**
 * The test hook a user message is (`/error`, `/drop`, …), lower-cased; '' for an ordinary message.
 * @param {unknown} content
 */
export function hookOf(content) {
  const text = typeof content === 'string' ? content.trim().toLowerCase() : '';
  return /^\/[a-z-]+$/.test(text) ? text : '';
}

/**
 * Streams a text in paced chunks through `send` while `isOpen()` holds. Shared by the sockets
 * (Connection.stream) and the SSE reply stream of `hybrid`.
 * @param {string} text
 * @param {import('./pace.js').Pace} pace
 * @param {() => boolean} isOpen
 * @param {(delta: string, index: number, last: boolean) => void} send
 * @param {{stopAfter?: number}} [opts] stop after this many characters (fault injection)
 * @returns {Promise<boolean>} true when the whole text went out
 */
export async function streamChunks(text, pace, isOpen, send, opts = {}) {
  const chunks = splitIntoChunks(text, pace);
  let sent = 0;
  for (let i = 0; i < chunks.length; i++) {
    if (!isOpen()) return false;
    if (opts.stopAfter !== undefined && sent >= opts.stopAfter) return false;
    send(chunks[i], i, i === chunks.length - 1);
    sent += chunks[i].length;
    await sleep(between(pace.chunkMs));
  }
  return isOpen();
}

export class Connection {
  /**
   * @param {object} init
   * @param {number} init.id
   * @param {WebSocket} init.ws
   * @param {URL} init.url
   * @param {string[]} init.offeredProtocols
   * @param {Record<string, unknown>} init.handshake the entry in `handshakes()`, the dialect may add to it
   * @param {BackendServices} init.backend
   * @param {string} [init.host] the request's Host header (for absolute URLs in frames)
   */
  constructor({ id, ws, url, offeredProtocols, handshake, backend, host = '127.0.0.1' }) {
    this.id = id;
    this.ws = ws;
    this.url = url;
    this.pathname = url.pathname;
    this.query = url.searchParams;
    this.offeredProtocols = offeredProtocols;
    this.protocol = ws.protocol;
    this.handshake = handshake;
    this.backend = backend;
    /** @type {string | null} the last session id the client used on this socket */
    this.sessionId = null;
    /** @type {Promise<void>} */
    this.queue = Promise.resolve();
    /**
     * Half-open (fault `silence()`): the socket sends nothing at all, its dialect sees no frame
     * and cannot close it; `open` is false for the dialect, so a reply streaming stops.
     */
    this.silenced = false;
    this.origin = `http://${host}`;
  }

  get options() {
    return this.backend.currentOptions();
  }

  /** Open and able to send: false once closing, and while silenced. */
  get open() {
    return !this.silenced && this.ws.readyState === WebSocket.OPEN;
  }

  /**
   * Sends an object as JSON, a string as is. Returns false (and sends nothing) once closed or
   * while silenced.
   * @param {unknown} frame
   */
  send(frame) {
    if (!this.open) return false;
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    return true;
  }

  /**
   * Sends bytes as they are, as a text frame or a binary one (fault `garbage()`).
   * @param {string | Buffer} data
   * @param {boolean} binary
   */
  sendRaw(data, binary) {
    if (!this.open) return false;
    this.ws.send(data, { binary });
    return true;
  }

  /**
   * Closes with a close frame (not while silenced: a half-open socket is never closed by its server).
   * @param {number} [code]
   * @param {string} [reason]
   */
  close(code, reason) {
    if (!this.silenced) this.shut(code, reason);
  }

  /** Ends the socket abruptly: no close frame (the client sees 1006). Not while silenced. */
  terminate() {
    if (!this.silenced) this.ws.terminate();
  }

  /**
   * Closes with a close frame even while silenced (the backend's faults and shutdown).
   * @param {number} [code]
   * @param {string} [reason]
   */
  shut(code, reason) {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code, reason);
    }
  }

  /** Ends the socket abruptly even while silenced (the backend's faults and shutdown). */
  kill() {
    this.ws.terminate();
  }

  /**
   * Starts or ends the half-open simulation of `silence()`: also stops `ws` answering
   * protocol-level pings by itself (browsers never send them, other clients may).
   * @param {boolean} on
   */
  silence(on) {
    this.silenced = on;
    const ws = /** @type {WebSocket & {_autoPong?: boolean}} */ (this.ws);
    if (typeof ws._autoPong === 'boolean') ws._autoPong = !on;
  }

  /** The answer to a missing or refused token: a browser cannot see an HTTP 401 on a WebSocket. */
  refuse() {
    this.close(4401, 'token refused');
  }

  /** @param {string | null | undefined} token */
  isRefused(token) {
    return !token || this.options.refusedTokens.includes(token);
  }

  /**
   * Closes with 4401 when the token is missing or refused.
   * @param {string | null | undefined} token
   * @returns {boolean} true when it was refused (the socket is closing)
   */
  refuseToken(token) {
    if (!this.isRefused(token)) return false;
    this.refuse();
    return true;
  }

  /** @param {string} text */
  violation(text) {
    this.backend.recordViolation(this.id, text);
  }

  /**
   * Records every problem as a violation.
   * @param {string[]} problems
   * @returns {boolean} true when there were none
   */
  report(problems) {
    for (const problem of problems) this.violation(problem);
    return problems.length === 0;
  }

  /**
   * Per-backend state of a dialect, shared by its connections (and its HTTP routes).
   * @template T
   * @param {string} key
   * @param {() => T} init
   * @returns {T}
   */
  store(key, init) {
    return this.backend.store(key, init);
  }

  /**
   * Runs tasks one after the other: one reply at a time per socket, the next one waits.
   * @param {() => Promise<void>} task
   */
  enqueue(task) {
    this.queue = this.queue.then(task).catch((error) => {
      console.error('mock-backend: reply failed', error);
    });
    return this.queue;
  }

  /** Waits the pace's "thinking" time. */
  think() {
    return sleep(between(this.options.pace.thinkMs));
  }

  /**
   * Streams a text in paced chunks through `sendChunk`; stops when the socket closes.
   * @param {string} text
   * @param {(delta: string, index: number, last: boolean) => void} sendChunk
   * @param {{stopAfter?: number}} [opts] stop after this many characters (fault injection)
   * @returns {Promise<boolean>} true when the whole text went out
   */
  stream(text, sendChunk, opts = {}) {
    return streamChunks(text, this.options.pace, () => this.open, sendChunk, opts);
  }

  /**
   * Streams a reply the way a test hook wants it: `/error` and `/drop` stop after the first
   * third, and `/drop` then ends the socket without a close frame.
   * @param {string} text
   * @param {(delta: string, index: number, last: boolean) => void} sendChunk
   * @param {string} hook
   * @returns {Promise<'complete' | 'error' | 'closed'>} `error`: send the dialect's error frame now
   */
  async streamHooked(text, sendChunk, hook) {
    if (hook !== '/error' && hook !== '/drop')
      return (await this.stream(text, sendChunk)) ? 'complete' : 'closed';
    await this.stream(text, sendChunk, { stopAfter: Math.ceil(text.length / 3) });
    if (hook === '/drop') this.terminate();
    return this.open ? 'error' : 'closed';
  }

  /**
   * The next reply's text and extras: a scripted one (`nextReply`) when queued, else a
   * realistic one for the feature and the user's words.
   * @param {string} feature
   * @param {string} userText
   * @param {import('./replies.js').Reply} [own] the dialect's own reply, used unless one is scripted
   */
  takeReply(feature, userText, own) {
    return this.backend.takeReply(feature, userText, own);
  }

  /**
   * True the first time a (session, message id) pair is seen by the backend (across sockets,
   * so a message resent after a reconnect is recognised); false for a duplicate (counted).
   * @param {string} sessionId
   * @param {string} messageId
   */
  firstTime(sessionId, messageId) {
    return this.backend.firstTime(sessionId, messageId);
  }
}
