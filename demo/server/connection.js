// One client socket as a dialect sees it: sending, closing, recording violations, a reply
// queue (one reply at a time per socket), pacing and the backend's scripted replies. Every
// dialect module builds on this, so a dialect is only its own frames.
import { WebSocket } from 'ws';
import { sleep, between, splitIntoChunks } from './pace.js';

/**
 * What the backend offers a connection (implemented by MockBackend).
 * @typedef {object} BackendServices
 * @property {() => import('./mock-backend.js').ResolvedOptions} currentOptions
 * @property {(connection: number, text: string) => void} recordViolation
 * @property {(feature: string, userText: string) => import('./replies.js').Reply & {scripted: Record<string, unknown> | null}} takeReply
 * @property {(sessionId: string, messageId: string) => boolean} firstTime
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
 */

export class Connection {
  /**
   * @param {object} init
   * @param {number} init.id
   * @param {WebSocket} init.ws
   * @param {URL} init.url
   * @param {string[]} init.offeredProtocols
   * @param {Record<string, unknown>} init.handshake the entry in `handshakes()`, the dialect may add to it
   * @param {BackendServices} init.backend
   */
  constructor({ id, ws, url, offeredProtocols, handshake, backend }) {
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
  }

  get options() {
    return this.backend.currentOptions();
  }

  get open() {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /**
   * Sends an object as JSON, a string as is. Returns false (and sends nothing) once closed.
   * @param {unknown} frame
   */
  send(frame) {
    if (!this.open) return false;
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    return true;
  }

  /**
   * @param {number} [code]
   * @param {string} [reason]
   */
  close(code, reason) {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code, reason);
    }
  }

  /** Ends the socket abruptly: no close frame (the client sees 1006). */
  terminate() {
    this.ws.terminate();
  }

  /** The answer to a missing or refused token: a browser cannot see an HTTP 401 on a WebSocket. */
  refuse() {
    this.close(4401, 'token refused');
  }

  /** @param {string | null | undefined} token */
  isRefused(token) {
    return !token || this.options.refusedTokens.includes(token);
  }

  /** @param {string} text */
  violation(text) {
    this.backend.recordViolation(this.id, text);
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
   * @param {(delta: string, index: number) => void} sendChunk
   * @param {{stopAfter?: number}} [opts] stop after this many characters (fault injection)
   * @returns {Promise<boolean>} true when the whole text went out
   */
  async stream(text, sendChunk, opts = {}) {
    const pace = this.options.pace;
    const chunks = splitIntoChunks(text, pace);
    let sent = 0;
    for (let i = 0; i < chunks.length; i++) {
      if (!this.open) return false;
      if (opts.stopAfter !== undefined && sent >= opts.stopAfter) return false;
      sendChunk(chunks[i], i);
      sent += chunks[i].length;
      await sleep(between(pace.chunkMs));
    }
    return this.open;
  }

  /**
   * The next reply's text and extras: a scripted one (`nextReply`) when queued, else a
   * realistic one for the feature and the user's words.
   * @param {string} feature
   * @param {string} userText
   */
  takeReply(feature, userText) {
    return this.backend.takeReply(feature, userText);
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
