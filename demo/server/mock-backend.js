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
// Faults, for tests and for the demo's chaos panel (POST /__mock/chaos, see handleChaos):
//   dropAll() closeAll(code, reason) refuseConnections(code, reason) acceptConnections()
//   silence(on) silenced() garbage(count, kinds) outage(ms) stop() restart(); stats().faults
//   counts them. Option `redeliver` (envelope): a reply cut by a drop is re-delivered whole to the
//   session's next socket. httpRequests() lists the HTTP requests seen; GET /probe/* answers 204.
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
// `dialect` option wins. All eight are served at once:
//   envelope      /ai/{feature}/ws, /chat/ws                      (./dialects/envelope.js)
//   booking       /ws/booking, /api/v1/booking/ws                 (./dialects/booking.js)
//   hybrid        /api/v1/ws/chat/{user} + SSE GET /api/v1/chat/stream (./dialects/hybrid.js)
//   conversation  /api/v1/chat/ws, /ws                            (./dialects/conversation.js)
//   consultation  /ws/consultation                                (./dialects/consultation.js)
//   agui          POST /agui[/{feature}]                          (./dialects/agui.js)
//   ai-sdk        POST /api/chat[/{feature}]                      (./dialects/ai-sdk.js)
//   openai        POST [/{feature}]/v1/chat/completions           (./dialects/openai.js)
// Each module's header describes its auth, flow and test hooks (user messages like `/error`); the
// last three (HTTP, a POST per turn) share ./http-turn.js, which flags every request that breaks
// their standard. While refuseConnections() (or an emulated outage) is in force they answer 401,
// 403 or 503; dropAll() and stop() cut their streams.
import http from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';
import { DIALECTS } from './dialects/index.js';
import { Connection, redactedQuery } from './connection.js';
import {
  checkCloseCode,
  garbageFrame,
  garbageKinds,
  isLoopbackAddress,
  isLoopbackHost,
  loopbackOrigin,
  MAX_GARBAGE,
} from './faults.js';
import { corsHeaders, preflight, readBody } from './http.js';
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
 * @property {boolean} [redeliver] envelope: a reply whose socket dropped mid-reply is re-delivered, whole, as
 *   one `complete` to the next socket of its session (default false)
 * @property {boolean} [chaosEndpoint] serve POST /__mock/chaos to loopback clients (default false; the Vite
 *   plugin and the CLI turn it on)
 * @property {boolean} [echo] every reply starts with a line `Re: <the user's text>`, so a harness can tell
 *   which message a reply answers (default false; `npm run chaos` turns it on)
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
 * @property {boolean} redeliver
 * @property {boolean} chaosEndpoint
 * @property {boolean} echo
 */

/** @typedef {{connection: number, frame: unknown}} ReceivedFrame */
/** @typedef {{connection: number, path: string, query: Record<string, string | number>, protocol: string | null, dialect: string, auth?: string, refused?: number}} Handshake */
/** @typedef {{method: string, path: string, query: Record<string, string | number>}} HttpRequest */
/** @typedef {{code: number, reason: string}} Refusal */
/**
 * How many faults were injected, per kind (calls, except `refused` and `garbageFrames`), and
 * `total`: every call of dropAll, closeAll, refuseConnections (on), silence (on), garbage, stop and outage.
 * @typedef {{total: number, dropAll: number, closeAll: number, refuseConnections: number, refused: number, silence: number, garbage: number, garbageFrames: number, stop: number, outage: number}} FaultCounts
 */
/** @typedef {{mode: 'stop' | 'refuse', ms: number, until: string}} Outage */

/** Fault operations of the chaos endpoint, and the names of their positional arguments. */
const CHAOS_OPS = /** @type {const} */ ({
  dropAll: [],
  closeAll: ['code', 'reason'],
  refuseConnections: ['code', 'reason'],
  acceptConnections: [],
  silence: ['on'],
  garbage: ['count', 'kinds'],
  outage: ['ms'],
});
/** The path of the chaos endpoint. */
export const CHAOS_PATH = '/__mock/chaos';
/** The longest outage(). */
const MAX_OUTAGE_MS = 600_000;

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
    redeliver: partial.redeliver ?? base?.redeliver ?? false,
    chaosEndpoint: partial.chaosEndpoint ?? base?.chaosEndpoint ?? false,
    echo: partial.echo ?? base?.echo ?? false,
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
    this.counts = { connectionsOpened: 0, messages: 0, duplicates: 0, redelivered: 0 };
    /** @type {Omit<FaultCounts, 'total'>} */
    this.faultCounts = {
      dropAll: 0,
      closeAll: 0,
      refuseConnections: 0,
      refused: 0,
      silence: 0,
      garbage: 0,
      garbageFrames: 0,
      stop: 0,
      outage: 0,
    };
    /** @type {Refusal | null} while set, every new socket is accepted, then closed with this code */
    this.refusal = null;
    /** @type {Set<WebSocket>} refused sockets, closing */
    this.refusing = new Set();
    /** @type {Set<http.ServerResponse>} HTTP reply streams in flight (hybrid SSE) */
    this.streams = new Set();
    /** @type {HttpRequest[]} */
    this.httpLog = [];
    /** @type {import('./connection.js').Redelivery[]} */
    this.redeliveryLog = [];
    /** @type {(Outage & {timer: NodeJS.Timeout | undefined, restore: Refusal | null}) | null} */
    this.outageState = null;
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
      trackStream: (res) => {
        this.streams.add(res);
        res.once('close', () => this.streams.delete(res));
      },
      recordRedelivery: (entry) => {
        this.counts.redelivered++;
        pushCapped(this.redeliveryLog, entry, this.opts.maxRecorded);
      },
      refusal: () => this.refusal && { ...this.refusal },
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
   * Every request for an HTTP reply stream (hybrid SSE; the POST per turn of agui, ai-sdk and
   * openai), in order: path, query (secrets replaced by their length), `Authorization` as
   * `'Bearer <token length>'` (or null) and the status sent; the POSTs also their method, parsed
   * body and outcome (see StreamRequest in ./connection.js).
   */
  streamRequests() {
    return this.streamLog.map((r) => structuredClone(r));
  }

  /**
   * Counters: sockets opened, user messages received, duplicates (by message id) ignored, replies
   * re-delivered (option redeliver), sockets open and silenced now, the refusal in force, and the
   * faults injected so far (see FaultCounts).
   */
  stats() {
    const f = this.faultCounts;
    const total = f.dropAll + f.closeAll + f.refuseConnections + f.silence + f.garbage + f.stop + f.outage;
    return {
      ...this.counts,
      open: this.connections(),
      silenced: this.silenced(),
      refusing: this.refusal && { ...this.refusal },
      scriptedPending: this.scripted.length,
      faults: { total, ...f },
    };
  }

  /**
   * Every HTTP request this backend saw, in order: method, path, query (secrets replaced by their
   * length). On its own server: every request; attached to Vite: only those it served (its
   * dialects' routes, /probe/*, /__mock/chaos).
   */
  httpRequests() {
    return this.httpLog.map((r) => ({ ...r, query: { ...r.query } }));
  }

  /** Every reply re-delivered after a reconnect (option redeliver): connection, session_id, message_id, length. */
  redeliveries() {
    return this.redeliveryLog.map((r) => ({ ...r }));
  }

  /**
   * Forgets what was received, violated, shaken hands and requested (not the deduplication
   * memory, nor the counters).
   */
  reset() {
    this.receivedLog = [];
    this.violationLog = [];
    this.handshakeLog = [];
    this.streamLog = [];
    this.httpLog = [];
    this.redeliveryLog = [];
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

  /**
   * Ends every socket abruptly, without a close frame (the client sees 1006), silenced ones too;
   * a reply streaming stops at once. HTTP reply streams in flight (hybrid SSE) are cut too.
   * @returns {number} how many sockets it ended
   */
  dropAll() {
    this.faultCounts.dropAll++;
    return this.dropSockets();
  }

  /**
   * Closes every socket with a close frame, silenced ones too.
   * @param {number} [code]
   * @param {string} [reason]
   * @returns {number} how many sockets it closed
   */
  closeAll(code = 1000, reason = '') {
    checkCloseCode(code, reason);
    this.faultCounts.closeAll++;
    const n = this.live.size;
    for (const conn of this.live) conn.shut(code, reason);
    return n;
  }

  /**
   * From now on every new socket (any dialect) is accepted, then closed at once with this code
   * (its handshake is still recorded, with `refused: code`). `null` turns it off.
   * @param {number | null} code
   * @param {string} [reason]
   * @returns {{refusing: Refusal | null}}
   */
  refuseConnections(code, reason = '') {
    if (code === null || code === undefined) return this.acceptConnections();
    checkCloseCode(code, reason);
    this.faultCounts.refuseConnections++;
    if (this.outageState?.mode === 'refuse') this.endOutage(false);
    this.refusal = { code, reason };
    return { refusing: { ...this.refusal } };
  }

  /**
   * Accepts new sockets again: ends refuseConnections() and an emulated (`refuse`) outage.
   * @returns {{refusing: null}}
   */
  acceptConnections() {
    if (this.outageState?.mode === 'refuse') this.endOutage(false);
    this.refusal = null;
    return { refusing: null };
  }

  /**
   * Half-open simulation. `on`: every socket open now stops sending anything at all (no replies,
   * no heartbeat or pong answers, no typing, no push; a reply streaming stops) and ignores what
   * it receives (still recorded by received()), and the server never closes it; sockets opened
   * later behave normally. `false`: the silenced sockets speak (and listen) again.
   * @param {boolean} [on]
   * @returns {number} how many sockets it silenced (or, with false, let speak again)
   */
  silence(on = true) {
    let n = 0;
    for (const conn of this.live) {
      if (conn.ws.readyState !== WebSocket.OPEN || conn.silenced === on) continue;
      conn.silence(on);
      n++;
    }
    if (on) this.faultCounts.silence++;
    return n;
  }

  /** How many silenced sockets are still open. */
  silenced() {
    let n = 0;
    for (const conn of this.live) if (conn.silenced && conn.ws.readyState === WebSocket.OPEN) n++;
    return n;
  }

  /**
   * Sends a burst of `count` malformed frames to every open socket (not the silenced ones), as
   * fast as it can, cycling through `kinds` (default all, see GARBAGE_KINDS in ./faults.js). It
   * yields to the event loop every 200 frames.
   * @param {number} [count] frames per socket, 0..10000
   * @param {import('./faults.js').GarbageKind[]} [kinds]
   * @returns {Promise<{sent: number, byKind: Record<string, number>}>} frames sent (all sockets)
   */
  async garbage(count = 100, kinds) {
    if (!Number.isInteger(count) || count < 0 || count > MAX_GARBAGE)
      throw new Error(`mock-backend: garbage count must be a whole number 0..${MAX_GARBAGE}`);
    const cycle = garbageKinds(kinds);
    this.faultCounts.garbage++;
    /** @type {Record<string, number>} */
    const byKind = Object.fromEntries(cycle.map((k) => [k, 0]));
    const targets = [...this.live].filter((conn) => conn.open);
    let sent = 0;
    for (let i = 0; i < count; i++) {
      const kind = cycle[i % cycle.length];
      for (const conn of targets) {
        const { data, binary } = garbageFrame(kind, String(conn.handshake.dialect), i);
        try {
          if (!conn.sendRaw(data, binary)) continue;
        } catch (error) {
          console.error('mock-backend: garbage frame failed', error);
          continue;
        }
        sent++;
        byKind[kind]++;
        this.faultCounts.garbageFrames++;
        if (sent % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return { sent, byKind };
  }

  /**
   * An outage of `ms` milliseconds. `stop` (the default on its own server): stop(), then restart()
   * on the same port. `refuse` (the default attached to Vite, whose server it cannot stop): drops
   * every socket and cuts HTTP reply streams, accepts new sockets only to close them with 1012
   * 'service restart', then accepts again (and restores a refuseConnections() that was in force).
   * Its HTTP routes keep answering.
   * @param {number} [ms]
   * @param {'auto' | 'stop' | 'refuse'} [how]
   * @param {Promise<unknown>} [after] (not for remote use) stop once it settles, and answer at once
   * @returns {Promise<Outage>}
   */
  async outage(ms = 5000, how = 'auto', after) {
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_OUTAGE_MS)
      throw new Error(`mock-backend: outage ms must be 0..${MAX_OUTAGE_MS}`);
    if (!['auto', 'stop', 'refuse'].includes(how))
      throw new Error(`mock-backend: outage mode must be auto, stop or refuse, not ${JSON.stringify(how)}`);
    if (this.closed) throw new Error('mock-backend: closed for good');
    const mode = how === 'auto' ? (this.ownsServer ? 'stop' : 'refuse') : how;
    if (mode === 'stop' && !this.ownsServer)
      throw new Error("mock-backend: attached to another server, an outage can only be 'refuse'");
    this.faultCounts.outage++;
    this.endOutage(mode === 'refuse'); // an emulated outage cannot follow a stopped server
    const until = new Date(Date.now() + ms).toISOString();
    /** @type {NonNullable<MockBackend['outageState']>} */
    const state = { mode, ms, until, timer: undefined, restore: this.refusal };
    this.outageState = state;
    // The outage lasts `ms` from when the sockets are gone.
    const begin = () => {
      if (this.outageState === state) state.timer = setTimeout(() => this.endOutage(true), ms);
    };
    if (mode === 'refuse') {
      this.refusal = { code: 1012, reason: 'service restart' };
      this.dropSockets();
      begin();
    } else if (after === undefined) {
      await this.halt();
      begin();
    } else {
      Promise.resolve(after)
        .then(() => (this.outageState === state ? this.halt() : undefined))
        .then(begin)
        .catch((error) => console.error('mock-backend: the outage could not stop the server', error));
    }
    return { mode, ms, until };
  }

  /**
   * Changes options live (pace, refusedTokens, heartbeatReply, completeContent, dialect,
   * bookingFinal, ackDelayMs, dropAcks, authDelayMs, echo).
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
    if (!this.closed && !this.stopped) this.faultCounts.stop++;
    this.endOutage(false);
    return this.halt();
  }

  /** Listens again on the same port after stop() (and ends an outage early). */
  async restart() {
    if (this.closed) throw new Error('mock-backend: closed for good');
    if (this.outageState?.mode === 'stop') this.endOutage(false);
    if (!this.stopped) return { port: this.port };
    if (this.ownsServer) await listen(this.server, this.listenPort, this.host);
    this.stopped = false;
    return { port: this.port };
  }

  /** Stops for good. */
  async close() {
    if (this.closed) return true;
    this.endOutage(false);
    await this.halt();
    this.closed = true;
    this.server.off('upgrade', this.upgradeListener);
    await new Promise((resolve) => this.wss.close(() => resolve(undefined)));
    return true;
  }

  // ---- plumbing (not for remote use) ------------------------------------------------------

  /** stop() without counting it as a fault. */
  async halt() {
    if (this.closed || this.stopped) return { port: this.listenPort };
    this.listenPort = this.port;
    this.stopped = true;
    this.dropSockets();
    for (const ws of this.refusing) ws.terminate();
    if (this.ownsServer && this.server.listening) {
      const closing = new Promise((resolve) => this.server.close(() => resolve(undefined)));
      this.server.closeAllConnections();
      await closing;
    }
    return { port: this.listenPort };
  }

  /** Ends every socket and HTTP reply stream abruptly; returns how many sockets. */
  dropSockets() {
    const n = this.live.size;
    for (const conn of this.live) conn.kill();
    for (const res of this.streams) res.socket?.destroy();
    return n;
  }

  /**
   * Ends the outage in progress, if any. `refuse`: the refusal in force before it is back. `stop`:
   * with `recover` (its time is up) the server restarts; otherwise the caller takes over.
   * @param {boolean} recover
   */
  endOutage(recover) {
    const outage = this.outageState;
    if (!outage) return;
    clearTimeout(outage.timer);
    this.outageState = null;
    if (outage.mode === 'refuse') {
      this.refusal = outage.restore;
    } else if (recover && !this.closed) {
      this.restart().catch((error) =>
        console.error('mock-backend: could not restart after the outage', error),
      );
    }
  }

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
    if (this.refusal) {
      handshake.refused = this.refusal.code;
      this.faultCounts.refused++;
      this.refusing.add(ws);
      ws.on('error', () => {});
      ws.on('close', () => this.refusing.delete(ws));
      ws.close(this.refusal.code, this.refusal.reason);
      return;
    }
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
      if (conn.silenced) return; // half-open: recorded, never answered
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
   * Serves HTTP: GET /health (own server only), GET /probe/* (204, for tests that need to know
   * whether the browser fetched something), POST /__mock/chaos (option chaosEndpoint) and the
   * dialects' HTTP routes (e.g. SSE). Records the request (httpRequests()): on its own server
   * every one, attached only those it serves. Returns false when the request is not the backend's.
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  handleHttp(req, res) {
    if (this.closed || this.stopped) return false;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handled = this.route(req, res, url);
    if (handled || this.ownsServer) {
      const entry = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: redactedQuery(url.searchParams),
      };
      pushCapped(this.httpLog, entry, this.opts.maxRecorded);
    }
    return handled;
  }

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   * @param {URL} url
   */
  route(req, res, url) {
    if (url.pathname === CHAOS_PATH && this.opts.chaosEndpoint) {
      void this.handleChaos(req, res);
      return true;
    }
    if (url.pathname.startsWith('/probe/')) {
      if (preflight(req, res)) return true;
      const ok = req.method === 'GET' || req.method === 'HEAD';
      res.writeHead(ok ? 204 : 405, {
        ...corsHeaders(req),
        'cache-control': 'no-store',
        ...(!ok && { allow: 'GET, HEAD, OPTIONS' }),
      });
      res.end();
      return true;
    }
    for (const dialect of DIALECTS) if (dialect.handleHttp?.(req, res, this.services)) return true;
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
   * POST /__mock/chaos `{op, args}` (the demo's chaos panel): runs one fault method and answers
   * `{ok: true, result}`; `args` is a list of positional arguments or an object of named ones
   * (see CHAOS_OPS). Only for loopback clients (the peer address, and the Host and Origin headers,
   * must be loopback): 403 otherwise. 405 for another method, 400 for a body that is not JSON, an
   * op not in CHAOS_OPS or arguments the method refuses (`{ok: false, error}`). CORS lets a page of
   * another loopback origin call it (the tests).
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async handleChaos(req, res) {
    const origin = loopbackOrigin(req.headers.origin);
    /** @type {Record<string, string>} */
    const cors = origin
      ? {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': 'POST, OPTIONS',
          'access-control-allow-headers': 'content-type',
          vary: 'origin',
        }
      : { vary: 'origin' };
    /** @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
    const answer = (status, body, headers = {}) => {
      res.writeHead(status, {
        ...cors,
        ...headers,
        'content-type': 'application/json',
        'cache-control': 'no-store',
      });
      res.end(JSON.stringify(body));
    };
    const hostname = hostnameOf(req.headers.host);
    if (
      !isLoopbackAddress(req.socket.remoteAddress) ||
      origin === null ||
      (hostname && !isLoopbackHost(hostname))
    ) {
      req.resume();
      return answer(403, { ok: false, error: 'the chaos endpoint is for loopback clients only' });
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-max-age': '600' });
      res.end();
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      return answer(405, { ok: false, error: 'POST {op, args}' }, { allow: 'POST, OPTIONS' });
    }
    /** @type {unknown} */
    let body;
    try {
      body = JSON.parse(await readBody(req, 65_536));
    } catch (error) {
      return answer(400, { ok: false, error: `the body is not JSON: ${errorText(error)}` });
    }
    const op = body && typeof body === 'object' && 'op' in body ? body.op : undefined;
    if (typeof op !== 'string' || !Object.hasOwn(CHAOS_OPS, op)) {
      return answer(400, {
        ok: false,
        error: `op must be one of ${Object.keys(CHAOS_OPS).join(', ')}, not ${JSON.stringify(op) ?? 'missing'}`,
      });
    }
    const name = /** @type {keyof typeof CHAOS_OPS} */ (op);
    const raw = /** @type {{args?: unknown}} */ (body).args;
    /** @type {unknown[]} */
    let args;
    if (raw === undefined || raw === null) args = [];
    else if (Array.isArray(raw)) args = raw;
    else if (typeof raw === 'object') {
      const named = /** @type {Record<string, unknown>} */ (raw);
      args = CHAOS_OPS[name].map((key) => named[key]);
      while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    } else return answer(400, { ok: false, error: 'args must be a list or an object' });
    args = args.slice(0, CHAOS_OPS[name].length);
    try {
      if (name === 'outage') {
        // Answer first: stopping its own server would cut this very request.
        const sent = new Promise((resolve) => res.once('close', () => resolve(undefined)));
        const result = await this.outage(/** @type {number | undefined} */ (args[0]), 'auto', sent);
        return answer(200, { ok: true, result });
      }
      const method = /** @type {(...a: unknown[]) => unknown} */ (this[name]);
      const result = await method.apply(this, args);
      return answer(200, { ok: true, result: result ?? true });
    } catch (error) {
      return answer(400, { ok: false, error: errorText(error) });
    }
  }

  /**
   * @param {string} feature
   * @param {string} userText
   * @param {import('./replies.js').Reply} [ownReply]
   */
  takeReply(feature, userText, ownReply) {
    const own = ownReply ?? replyFor(feature, userText);
    const scripted = this.scripted.shift();
    const reply = scripted
      ? { markdown: scripted.text, extras: { ...own.extras, ...scripted.extras }, scripted: scripted.extras }
      : { ...own, scripted: null };
    if (this.opts.echo) reply.markdown = `Re: ${userText.replace(/\s+/g, ' ').trim()}\n\n${reply.markdown}`;
    return reply;
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

/** @param {unknown} error */
const errorText = (error) => (error instanceof Error ? error.message : String(error));

/**
 * The host name of a Host header ('' when there is none).
 * @param {string | undefined} host
 */
function hostnameOf(host) {
  if (!host) return '';
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return host;
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
