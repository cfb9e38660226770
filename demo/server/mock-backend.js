// The mock AI backend: a WebSocket (and HTTP) server that speaks the wire dialects of
// /work/shared/protocols.md, streams realistic markdown replies at a human or a fast pace,
// records every client frame and every protocol violation, and can inject faults.
//
// Used by Vite's dev server (demo/server/vite-plugin.js), by the test runner
// (test/support/mock-backend-plugin.js, which calls the methods below by name with JSON
// arguments, so every method takes and returns JSON-serialisable data) and by the CLI
// (demo/server/cli.js). No method returns null or undefined: web-test-runner treats a null
// command result as "command not handled".
//
//   const backend = await startMockBackend({ host: '127.0.0.1', port: 0, pace: 'fast' });
//   // ws://127.0.0.1:${backend.port}/ai/symptom-checker/ws?token=t
//   backend.nextReply('**Hello**', { analysis: {...} });   // script the next reply
//   backend.received(); backend.violations(); backend.handshakes(); backend.connections();
//   backend.push({ type: 'notification', data: { body: 'Hi' } });
//   backend.dropAll(); backend.closeAll(4403, 'no'); backend.stop(); await backend.restart();
//   backend.setOptions({ pace: 'human', refusedTokens: ['bad'] }); await backend.close();
//
// Dialects live in ./dialects/ (one module each, see ./connection.js for the interface). The
// dialect of a socket is chosen by its path; where several dialects could serve a path, the
// `dialect` option wins. All five are served at once:
//   envelope      /ai/{feature}/ws, /chat/ws                      (./dialects/envelope.js)
//   booking       /ws/booking, /api/v1/booking/ws                 (./dialects/booking.js)
//   hybrid        /api/v1/ws/chat/{user} + SSE GET /api/v1/chat/stream (./dialects/hybrid.js)
//   conversation  /api/v1/chat/ws, /ws                            (./dialects/conversation.js)
//   consultation  /ws/consultation                                (./dialects/consultation.js)
// Each module's header describes its auth, flow and test hooks (user messages like `/error`).
import http from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';
import { DIALECTS } from './dialects/index.js';
import { Connection, redactedQuery } from './connection.js';
import { resolvePace } from './pace.js';
import { replyFor } from './replies.js';

/**
 * @typedef {object} MockBackendOptions
 * @property {string} [host] always '127.0.0.1' (only for startMockBackend)
 * @property {number} [port] 0 = an ephemeral port (only for startMockBackend)
 * @property {string} [dialect] preferred dialect where a path could be served by several (default 'envelope')
 * @property {import('./pace.js').PaceOption} [pace] default 'human'
 * @property {string[]} [refusedTokens] tokens answered with close 4401 (default expired, revoked, invalid)
 * @property {boolean} [heartbeatReply] answer client heartbeats (default true)
 * @property {boolean} [completeContent] the final frame of a reply also carries the whole reply (default false)
 * @property {number} [maxRecorded] the most frames / violations / handshakes kept (default 10000)
 * @property {'last' | 'whole' | 'alternate'} [bookingFinal] booking: the `is_complete: true` frame carries the
 *   last delta, the whole reply, or each in turn (default 'alternate')
 * @property {number} [ackDelayMs] conversation: delay before `message_received` acks (default 0)
 * @property {boolean} [dropAcks] conversation: never ack a sent message (default false)
 * @property {number} [authDelayMs] conversation: time to verify the auth token; frames in it are violations (default 15)
 */

/**
 * @typedef {object} ResolvedOptions
 * @property {string} dialect
 * @property {import('./pace.js').PaceOption} paceOption
 * @property {import('./pace.js').Pace} pace
 * @property {string[]} refusedTokens
 * @property {boolean} heartbeatReply
 * @property {boolean} completeContent
 * @property {number} maxRecorded
 * @property {'last' | 'whole' | 'alternate'} bookingFinal
 * @property {number} ackDelayMs
 * @property {boolean} dropAcks
 * @property {number} authDelayMs
 */

/** @typedef {{connection: number, frame: unknown}} ReceivedFrame */
/** @typedef {{connection: number, path: string, query: Record<string, string | number>, protocol: string | null, dialect: string, auth?: string}} Handshake */

/** Subprotocols of Vite's own sockets (HMR, ping): never ours. */
const VITE_PROTOCOLS = new Set(['vite-hmr', 'vite-ping']);

/**
 * @param {ResolvedOptions | null} base
 * @param {MockBackendOptions} partial
 * @returns {ResolvedOptions}
 */
function resolveOptions(base, partial) {
  const paceOption = partial.pace ?? base?.paceOption ?? 'human';
  const dialect = partial.dialect ?? base?.dialect ?? 'envelope';
  if (!DIALECTS.some((d) => d.name === dialect))
    throw new Error(`mock-backend: unknown dialect '${dialect}'`);
  const bookingFinal = partial.bookingFinal ?? base?.bookingFinal;
  if (bookingFinal !== undefined && !['last', 'whole', 'alternate'].includes(bookingFinal))
    throw new Error(`mock-backend: bookingFinal must be last, whole or alternate, not '${bookingFinal}'`);
  return {
    dialect,
    paceOption,
    pace: resolvePace(paceOption),
    refusedTokens: partial.refusedTokens ?? base?.refusedTokens ?? ['expired', 'revoked', 'invalid'],
    heartbeatReply: partial.heartbeatReply ?? base?.heartbeatReply ?? true,
    completeContent: partial.completeContent ?? base?.completeContent ?? false,
    maxRecorded: partial.maxRecorded ?? base?.maxRecorded ?? 10_000,
    bookingFinal: partial.bookingFinal ?? base?.bookingFinal ?? 'alternate',
    ackDelayMs: partial.ackDelayMs ?? base?.ackDelayMs ?? 0,
    dropAcks: partial.dropAcks ?? base?.dropAcks ?? false,
    authDelayMs: partial.authDelayMs ?? base?.authDelayMs ?? 15,
  };
}

/**
 * @param {string | undefined} header
 * @returns {string[]}
 */
const parseProtocols = (header) =>
  (header ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);

/**
 * @template T
 * @param {T[]} list
 * @param {T} item
 * @param {number} max
 */
function pushCapped(list, item, max) {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

export class MockBackend {
  /**
   * Use startMockBackend() or attachMockBackend().
   * @param {http.Server} server
   * @param {boolean} ownsServer
   * @param {MockBackendOptions} options
   */
  constructor(server, ownsServer, options) {
    this.server = server;
    this.ownsServer = ownsServer;
    /** @type {ResolvedOptions} */
    this.opts = resolveOptions(null, options);
    this.host = options.host ?? '127.0.0.1';
    /** @type {number} */
    this.listenPort = options.port ?? 0;
    /** @type {Set<Connection>} */
    this.live = new Set();
    /** @type {ReceivedFrame[]} */
    this.receivedLog = [];
    /** @type {string[]} */
    this.violationLog = [];
    /** @type {Handshake[]} */
    this.handshakeLog = [];
    /** @type {import('./connection.js').StreamRequest[]} */
    this.streamLog = [];
    /** @type {Map<string, unknown>} per-dialect state (see BackendServices.store) */
    this.dialectState = new Map();
    /** @type {{text: string, extras: Record<string, unknown>}[]} */
    this.scripted = [];
    /** @type {Map<string, Set<string>>} message ids seen, per session */
    this.seen = new Map();
    this.counts = { connectionsOpened: 0, messages: 0, duplicates: 0 };
    this.nextConnectionId = 1;
    this.stopped = false;
    this.closed = false;
    this.wss = new WebSocketServer({
      noServer: true,
      handleProtocols: (protocols, req) => {
        const dialect = this.dialectFor(new URL(req.url ?? '/', 'http://localhost').pathname);
        return dialect?.selectProtocol?.([...protocols]) ?? false;
      },
    });
    /** @type {import('./connection.js').BackendServices} */
    this.services = {
      currentOptions: () => this.opts,
      recordViolation: (connection, text) =>
        pushCapped(this.violationLog, `#${connection}: ${text}`, this.opts.maxRecorded),
      takeReply: (feature, userText, own) => this.takeReply(feature, userText, own),
      firstTime: (sessionId, messageId) => this.firstTime(sessionId, messageId),
      store: (key, init) => {
        if (!this.dialectState.has(key)) this.dialectState.set(key, init());
        return /** @type {any} */ (this.dialectState.get(key));
      },
      recordStreamRequest: (entry) => pushCapped(this.streamLog, entry, this.opts.maxRecorded),
    };
    /** @type {(req: http.IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => void} */
    this.upgradeListener = (req, socket, head) => {
      if (this.handleUpgrade(req, socket, head) || !this.ownsServer) return;
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    };
    server.on('upgrade', this.upgradeListener);
  }

  /** The port it listens on (for an attached backend: the host server's port, once listening). */
  get port() {
    const address = this.server.address();
    return address && typeof address === 'object' ? address.port : this.listenPort;
  }

  // ---- inspection -------------------------------------------------------------------------

  /** Every client frame so far, in order: parsed JSON, or the raw string when it was not JSON. */
  received() {
    return this.receivedLog.slice();
  }

  /** Every client frame that broke protocols.md, as a readable line prefixed with `#connection:`. */
  violations() {
    return this.violationLog.slice();
  }

  /** How many sockets are open now. */
  connections() {
    let open = 0;
    for (const conn of this.live) if (conn.ws.readyState === WebSocket.OPEN) open++;
    return open;
  }

  /** Every accepted upgrade: path, query (secrets replaced by their length), selected subprotocol. */
  handshakes() {
    return this.handshakeLog.map((h) => ({ ...h, query: { ...h.query } }));
  }

  /**
   * Every request for an HTTP reply stream (hybrid SSE), in order: path, query (secrets replaced
   * by their length), `Authorization` as `'Bearer <token length>'` (or null) and the status sent.
   */
  streamRequests() {
    return this.streamLog.map((r) => ({ ...r, query: { ...r.query } }));
  }

  /** Counters: sockets opened, user messages received, duplicates (by message id) ignored. */
  stats() {
    return { ...this.counts, open: this.connections(), scriptedPending: this.scripted.length };
  }

  /** Forgets what was received, violated and shaken hands (not the deduplication memory). */
  reset() {
    this.receivedLog = [];
    this.violationLog = [];
    this.handshakeLog = [];
    this.streamLog = [];
    this.scripted = [];
    return true;
  }

  // ---- control ----------------------------------------------------------------------------

  /**
   * Scripts a reply: the next reply (to any socket) streams this markdown, and its final frame
   * carries these extras (e.g. `analysis`, `recommendations`) on top of the feature's own.
   * Several calls queue several replies.
   * @param {string} text
   * @param {Record<string, unknown>} [extras]
   * @returns {number} how many scripted replies are waiting
   */
  nextReply(text, extras = {}) {
    return this.scripted.push({ text, extras });
  }

  /**
   * Sends a frame to every open socket: an object as JSON, a string as is.
   * @param {unknown} frame
   * @returns {number} how many sockets it went to
   */
  push(frame) {
    let sent = 0;
    for (const conn of this.live) if (conn.send(frame)) sent++;
    return sent;
  }

  /** Ends every socket abruptly, without a close frame (the client sees 1006). */
  dropAll() {
    const n = this.live.size;
    for (const conn of this.live) conn.terminate();
    return n;
  }

  /**
   * Closes every socket with a close frame.
   * @param {number} [code]
   * @param {string} [reason]
   */
  closeAll(code = 1000, reason = '') {
    const n = this.live.size;
    for (const conn of this.live) conn.close(code, reason);
    return n;
  }

  /**
   * Changes options live (pace, refusedTokens, heartbeatReply, completeContent, dialect,
   * bookingFinal, ackDelayMs, dropAcks, authDelayMs).
   * @param {MockBackendOptions} partial
   */
  setOptions(partial) {
    this.opts = resolveOptions(this.opts, partial ?? {});
    return { ...this.opts };
  }

  /**
   * Stops answering: stops listening (own server) or refuses upgrades (attached), and ends every
   * socket abruptly. The port stays reserved in this object for restart().
   */
  async stop() {
    if (this.closed || this.stopped) return { port: this.listenPort };
    this.listenPort = this.port;
    this.stopped = true;
    for (const conn of this.live) conn.terminate();
    if (this.ownsServer && this.server.listening) {
      const closing = new Promise((resolve) => this.server.close(() => resolve(undefined)));
      this.server.closeAllConnections();
      await closing;
    }
    return { port: this.listenPort };
  }

  /** Listens again on the same port after stop(). */
  async restart() {
    if (this.closed) throw new Error('mock-backend: closed for good');
    if (!this.stopped) return { port: this.port };
    if (this.ownsServer) await listen(this.server, this.listenPort, this.host);
    this.stopped = false;
    return { port: this.port };
  }

  /** Stops for good. */
  async close() {
    if (this.closed) return true;
    await this.stop();
    this.closed = true;
    this.server.off('upgrade', this.upgradeListener);
    await new Promise((resolve) => this.wss.close(() => resolve(undefined)));
    return true;
  }

  // ---- plumbing (not for remote use) ------------------------------------------------------

  /**
   * The dialect serving a path: the preferred one (option `dialect`) if it does, else the first.
   * @param {string} pathname
   */
  dialectFor(pathname) {
    const preferred = DIALECTS.find((d) => d.name === this.opts.dialect);
    if (preferred?.matches(pathname)) return preferred;
    return DIALECTS.find((d) => d.matches(pathname));
  }

  /**
   * Takes an upgrade request if its path is one of the dialects'; returns false otherwise (and
   * for Vite's own sockets), leaving the socket alone for someone else.
   * @param {http.IncomingMessage} req
   * @param {import('node:stream').Duplex} socket
   * @param {Buffer} head
   */
  handleUpgrade(req, socket, head) {
    if (this.closed) return false;
    const offered = parseProtocols(req.headers['sec-websocket-protocol']);
    if (offered.some((p) => VITE_PROTOCOLS.has(p))) return false;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const dialect = this.dialectFor(url.pathname);
    if (!dialect) return false;
    if (this.stopped) {
      socket.destroy();
      return true;
    }
    const host = req.headers.host ?? `127.0.0.1:${this.port}`;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, url, offered, dialect, host));
    return true;
  }

  /**
   * @param {WebSocket} ws
   * @param {URL} url
   * @param {string[]} offered
   * @param {import('./connection.js').Dialect} dialect
   * @param {string} host
   */
  accept(ws, url, offered, dialect, host) {
    const id = this.nextConnectionId++;
    this.counts.connectionsOpened++;
    const query = redactedQuery(url.searchParams);
    /** @type {Handshake} */
    const handshake = {
      connection: id,
      path: url.pathname,
      query,
      protocol: ws.protocol || null,
      dialect: dialect.name,
    };
    pushCapped(this.handshakeLog, handshake, this.opts.maxRecorded);
    const conn = new Connection({
      id,
      ws,
      url,
      offeredProtocols: offered,
      handshake,
      backend: this.services,
      host,
    });
    this.live.add(conn);
    ws.on('error', () => {});
    let session;
    try {
      session = dialect.onConnection(conn);
    } catch (error) {
      console.error('mock-backend: dialect failed on connection', error);
      conn.close(1011, 'mock backend error');
      return;
    }
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? null : data.toString();
      /** @type {unknown} */
      let frame = text;
      let parsed = false;
      if (text !== null) {
        try {
          frame = JSON.parse(text);
          parsed = true;
        } catch {
          // recorded as the raw string below
        }
      }
      pushCapped(
        this.receivedLog,
        { connection: id, frame: text === null ? '<binary>' : frame },
        this.opts.maxRecorded,
      );
      if (text === null) return conn.violation('binary frame');
      if (!parsed) return conn.violation(`frame is not JSON: ${text.slice(0, 60)}`);
      try {
        session.onFrame(frame);
      } catch (error) {
        console.error('mock-backend: dialect failed on a frame', error);
      }
    });
    ws.on('close', () => {
      this.live.delete(conn);
      session.onClose?.();
    });
  }

  /**
   * Serves HTTP: GET /health (own server only) and the dialects' HTTP routes (e.g. SSE).
   * Returns false when the request is not the backend's.
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  handleHttp(req, res) {
    if (this.closed || this.stopped) return false;
    for (const dialect of DIALECTS) if (dialect.handleHttp?.(req, res, this.services)) return true;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (this.ownsServer && req.method === 'GET' && url.pathname === '/health') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(
        JSON.stringify({ ok: true, dialects: DIALECTS.map((d) => d.name), connections: this.connections() }),
      );
      return true;
    }
    return false;
  }

  /**
   * @param {string} feature
   * @param {string} userText
   * @param {import('./replies.js').Reply} [ownReply]
   */
  takeReply(feature, userText, ownReply) {
    const own = ownReply ?? replyFor(feature, userText);
    const scripted = this.scripted.shift();
    if (!scripted) return { ...own, scripted: null };
    return {
      markdown: scripted.text,
      extras: { ...own.extras, ...scripted.extras },
      scripted: scripted.extras,
    };
  }

  /**
   * @param {string} sessionId
   * @param {string} messageId
   */
  firstTime(sessionId, messageId) {
    this.counts.messages++;
    let ids = this.seen.get(sessionId);
    if (!ids) this.seen.set(sessionId, (ids = new Set()));
    if (ids.has(messageId)) {
      this.counts.duplicates++;
      return false;
    }
    ids.add(messageId);
    return true;
  }
}

/**
 * @param {http.Server} server
 * @param {number} port
 * @param {string} host
 * @returns {Promise<void>}
 */
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = /** @param {Error} error */ (error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * Starts a backend on its own HTTP server.
 * @param {MockBackendOptions} [options]
 * @returns {Promise<MockBackend>}
 */
export async function startMockBackend(options = {}) {
  /** @type {MockBackend | undefined} */
  let backend;
  const server = http.createServer((req, res) => {
    if (backend?.handleHttp(req, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found');
  });
  backend = new MockBackend(server, true, options);
  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  backend.listenPort = backend.port;
  return backend;
}

/**
 * Attaches a backend to an existing HTTP server (Vite's): it takes only upgrade requests on its
 * dialects' paths and never Vite's HMR socket. Serve its HTTP routes with `backend.handleHttp`.
 * @param {http.Server} httpServer
 * @param {MockBackendOptions} [options]
 * @returns {MockBackend}
 */
export function attachMockBackend(httpServer, options = {}) {
  return new MockBackend(httpServer, false, options);
}
