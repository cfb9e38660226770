// A fault-injecting TCP proxy on 127.0.0.1, for the faults phones actually see between a browser
// and a backend: latency (per direction, with jitter), slicing (writes split into small TCP
// segments of random sizes), silence (a half-open socket: nothing crosses either way and nothing
// closes, as after a network switch), resets (RST), refusals, a flapping link, and a kill after K
// bytes from the client (a crash while the outbox flushes). It counts connections and bytes.
// Node only, no dependencies beyond node:net; every random choice comes from a seeded generator,
// so a run can be repeated. Meant for test traffic: there is no backpressure (queued bytes wait in
// memory). One file over 400 lines on purpose: a self-contained tool (a third of it is the
// documentation of its options and faults), used alike by node:test, web-test-runner and chaos.
//
//   const proxy = await startFaultProxy({ target: { port: backend.port }, seed: 7 });
//   // the browser connects to ws://127.0.0.1:${proxy.port}/… instead of the backend's port
//   proxy.configure({ latency: { up: { ms: 40, jitter: 20 }, down: 40 }, slice: { min: 1, max: 16 } });
//   proxy.silence();              // every connection open now goes silent, for good
//   proxy.blackhole(true);        // new connections are accepted and never forwarded, until false
//   proxy.reset();                // RST every connection now
//   proxy.refuse('reset');        // accept new connections and RST them at once ('unlisten': stop
//   proxy.refuse(false);          //   listening, ECONNREFUSED); false: accept again
//   proxy.flap({ upMs: 3000, downMs: 3000 });  // up, down (refuse + reset), up …; flap(null) ends it, up
//   proxy.killAfter(4096, { downMs: 500 }); // after 4096 more client bytes: cut there, RST everything
//                                 //   ('kill'), refuse new connections for 500 ms
//   proxy.stats();                // {accepted, open, refused, reset, silenced, killed, bytes, dropped, writes}
//   await proxy.close();
//
// Events: 'kill' (killAfter fired; listeners may crash the backend), 'flap' ({up}).
import net from 'node:net';
import { EventEmitter } from 'node:events';

/** @typedef {{ms: number, jitter: number}} Delay */
/** @typedef {{up: Delay, down: Delay}} Latency */
/** @typedef {{min: number, max: number, gapMs: number}} Slice */
/**
 * A delay: milliseconds, or `{ms, jitter}` (each write waits ms ± jitter, never less than 0;
 * order is kept, as TCP keeps it). Latency: one delay for both directions, or `{up, down}`
 * (up: client → backend).
 * @typedef {number | Partial<Delay>} DelayOption
 * @typedef {DelayOption | {up?: DelayOption, down?: DelayOption}} LatencyOption
 */
/**
 * Slicing: every write is split into pieces of min..max bytes, written `gapMs` apart (0: the next
 * macrotask) with Nagle off, so they travel as separate segments. `null` turns it off.
 * @typedef {{min?: number, max?: number, gapMs?: number} | null} SliceOption
 */
/**
 * @typedef {object} FaultProxyOptions
 * @property {{host?: string, port: number}} target where to forward (host 127.0.0.1 unless given)
 * @property {number} [port] the port to listen on (0, the default: an ephemeral one)
 * @property {number} [seed] seed of every random choice (jitter, slice sizes; default 1)
 * @property {LatencyOption} [latency]
 * @property {SliceOption} [slice]
 */
/**
 * @typedef {object} ProxyStats
 * @property {number} accepted connections accepted (refused ones too)
 * @property {number} open connections open now (silenced ones included until an end closes them)
 * @property {number} refused connections accepted only to be reset (refuse('reset'), flapping)
 * @property {number} reset connections reset by reset(), flapping or a kill
 * @property {number} silenced connections silenced (silence(), blackhole)
 * @property {number} killed times killAfter fired
 * @property {number} upstreamFailed connections whose backend could not be reached (reset at once)
 * @property {{up: number, down: number}} bytes bytes forwarded, client → backend (up) and back (down)
 * @property {{up: number, down: number}} dropped bytes read and thrown away (silence, a kill)
 * @property {number} writes writes made to either end (slicing makes more of them)
 */

const HOST = '127.0.0.1';
/** The largest slice. */
const MAX_SLICE = 65_536;
/** How long a kill waits for the backend to read what was sent before the mark. */
const KILL_DRAIN_MS = 2000;

/**
 * A small seeded generator (mulberry32): the same seed, the same sequence in [0, 1).
 * @param {number} seed
 * @returns {() => number}
 */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * @param {DelayOption | undefined} option
 * @param {Delay} fallback
 * @returns {Delay}
 */
function toDelay(option, fallback) {
  if (option === undefined) return fallback;
  const raw = typeof option === 'number' ? { ms: option, jitter: 0 } : option;
  const ms = raw.ms ?? 0;
  const jitter = raw.jitter ?? 0;
  if (!(ms >= 0 && jitter >= 0 && Number.isFinite(ms + jitter)))
    throw new Error(`fault-proxy: a delay needs ms >= 0 and jitter >= 0, not ${JSON.stringify(option)}`);
  return { ms, jitter };
}

/**
 * @param {LatencyOption | undefined} option
 * @param {Latency} current
 * @returns {Latency}
 */
function toLatency(option, current) {
  if (option === undefined) return current;
  if (typeof option === 'object' && option !== null && ('up' in option || 'down' in option)) {
    const both = /** @type {{up?: DelayOption, down?: DelayOption}} */ (option);
    return { up: toDelay(both.up, current.up), down: toDelay(both.down, current.down) };
  }
  const one = toDelay(/** @type {DelayOption} */ (option), { ms: 0, jitter: 0 });
  return { up: one, down: { ...one } };
}

/**
 * @param {SliceOption | undefined} option
 * @param {Slice | null} current
 * @returns {Slice | null}
 */
function toSlice(option, current) {
  if (option === undefined) return current;
  if (option === null) return null;
  const min = option.min ?? 1;
  const max = option.max ?? Math.max(min, 16);
  const gapMs = option.gapMs ?? 0;
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max >= min && max <= MAX_SLICE))
    throw new Error(`fault-proxy: slice needs whole numbers 1 <= min <= max <= ${MAX_SLICE}`);
  if (!(gapMs >= 0 && Number.isFinite(gapMs))) throw new Error('fault-proxy: slice gapMs must be >= 0');
  return { min, max, gapMs };
}

/**
 * One direction of a connection: writes to `dest` in order, each after its delay, sliced.
 */
class Lane {
  /**
   * @param {FaultProxy} proxy
   * @param {'up' | 'down'} direction
   * @param {net.Socket} dest
   */
  constructor(proxy, direction, dest) {
    this.proxy = proxy;
    this.direction = direction;
    this.dest = dest;
    /** @type {{due: number, data: Buffer}[]} */
    this.queue = [];
    /** When the last queued piece is due (pieces never overtake each other). */
    this.lastDue = 0;
    /** @type {NodeJS.Timeout | undefined} */
    this.timer = undefined;
    /** End `dest` once the queue is empty. */
    this.ending = false;
    this.stopped = false;
  }

  /** @param {Buffer} data */
  push(data) {
    if (this.stopped) return;
    const proxy = this.proxy;
    const delay = proxy.latency[this.direction];
    const slice = proxy.slicing;
    const now = Date.now();
    const wait = Math.max(0, delay.ms + delay.jitter * (2 * proxy.random() - 1));
    let due = Math.max(now + wait, this.lastDue);
    if (!slice) {
      this.queue.push({ due, data });
    } else {
      for (let at = 0; at < data.length;) {
        const size = slice.min + Math.floor(proxy.random() * (slice.max - slice.min + 1));
        this.queue.push({ due, data: data.subarray(at, at + size) });
        at += size;
        due += slice.gapMs;
      }
    }
    this.lastDue = due;
    this.pump();
  }

  /** Writes what is due; with slicing, one piece per macrotask at most (separate segments). */
  pump() {
    if (this.timer || this.stopped) return;
    const next = this.queue[0];
    if (!next) {
      if (this.ending && !this.dest.destroyed) this.dest.end();
      return;
    }
    const wait = next.due - Date.now();
    if (wait > 0 || this.proxy.slicing) {
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.flushDue();
        },
        Math.max(0, wait),
      );
      return;
    }
    this.flushDue();
  }

  flushDue() {
    if (this.stopped) return;
    const sliced = this.proxy.slicing !== null;
    while (this.queue.length && this.queue[0].due <= Date.now()) {
      const { data } = /** @type {{data: Buffer}} */ (this.queue.shift());
      if (this.dest.destroyed || !this.dest.writable) continue;
      this.dest.write(data);
      this.proxy.counts.writes++;
      this.proxy.counts.bytes[this.direction] += data.length;
      if (sliced) break;
    }
    this.pump();
  }

  /** Ends `dest` once everything queued is written. */
  end() {
    this.ending = true;
    this.pump();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
  }
}

/**
 * A client connection and its connection to the backend. An end or a reset on one side is passed
 * to the other (after what is queued, for an end), except while silenced: then nothing crosses,
 * and each side stays open until its own end closes it (or reset() / close()).
 */
class Pair {
  /**
   * @param {FaultProxy} proxy
   * @param {net.Socket} client
   * @param {boolean} silenced
   */
  constructor(proxy, client, silenced) {
    this.proxy = proxy;
    this.client = client;
    this.silenced = silenced;
    /** @type {net.Socket | null} */
    this.upstream = null;
    /** @type {Lane | null} */
    this.upLane = null;
    /** @type {Lane | null} */
    this.downLane = null;
    /** @type {Buffer[]} client bytes read before the backend connection is up */
    this.early = [];
    client.setNoDelay(true);
    client.on('error', () => {});
    client.on('data', (data) => this.fromClient(data));
    client.on('end', () => {
      if (!this.silenced) this.upLane?.end();
    });
    client.on('close', (hadError) => {
      if (!this.silenced) {
        if (hadError) this.upstream?.resetAndDestroy();
        else if (!this.upLane) this.upstream?.destroy();
      }
      this.maybeGone();
    });
    if (!silenced) this.connectUpstream();
  }

  connectUpstream() {
    const { host, port } = this.proxy.target;
    const upstream = net.connect({ host, port, allowHalfOpen: true });
    this.upstream = upstream;
    upstream.setNoDelay(true);
    upstream.on('error', () => {});
    upstream.on('connect', () => {
      if (this.client.destroyed || this.silenced) return;
      this.upLane = new Lane(this.proxy, 'up', upstream);
      this.downLane = new Lane(this.proxy, 'down', this.client);
      for (const data of this.early.splice(0)) this.forward(data);
      if (this.client.readableEnded) this.upLane.end();
    });
    upstream.on('data', (data) => {
      if (this.silenced) this.proxy.counts.dropped.down += data.length;
      else this.downLane?.push(data);
    });
    upstream.on('end', () => {
      if (!this.silenced) this.downLane?.end();
    });
    upstream.on('close', (hadError) => {
      if (!this.silenced && !this.client.destroyed) {
        if (!this.upLane) {
          // The backend could not be reached: the client gets a reset, as from a dead backend.
          this.proxy.counts.upstreamFailed++;
          this.client.resetAndDestroy();
        } else if (hadError) this.client.resetAndDestroy();
      }
      this.maybeGone();
    });
  }

  /** @param {Buffer} data */
  fromClient(data) {
    if (this.silenced || this.proxy.killing) {
      this.proxy.counts.dropped.up += data.length;
      return;
    }
    if (this.upLane) this.forward(data);
    else this.early.push(data);
  }

  /**
   * Client bytes on their way to a connected backend: a kill's budget counts only these (bytes of
   * a connection whose backend is down never reach it).
   * @param {Buffer} data
   */
  forward(data) {
    const proxy = this.proxy;
    if (proxy.killing) {
      proxy.counts.dropped.up += data.length;
      return;
    }
    let pass = data;
    if (proxy.killBudget !== null) {
      if (data.length >= proxy.killBudget) {
        pass = data.subarray(0, proxy.killBudget);
        proxy.counts.dropped.up += data.length - pass.length;
        proxy.killBudget = 0;
      } else proxy.killBudget -= data.length;
    }
    if (pass.length) this.upLane?.push(pass);
    if (proxy.killBudget === 0) proxy.fireKill(this, pass.length);
  }

  /** Nothing crosses any more, either way; nobody is told. Returns false if it already was silent. */
  silence() {
    if (this.silenced) return false;
    this.silenced = true;
    this.upLane?.stop();
    this.downLane?.stop();
    this.early = [];
    return true;
  }

  /** RST both ends. */
  reset() {
    this.upLane?.stop();
    this.downLane?.stop();
    if (!this.client.destroyed) this.client.resetAndDestroy();
    if (this.upstream && !this.upstream.destroyed) this.upstream.resetAndDestroy();
  }

  destroy() {
    this.upLane?.stop();
    this.downLane?.stop();
    this.client.destroy();
    this.upstream?.destroy();
  }

  /** Forgotten once both ends are gone. */
  maybeGone() {
    if (this.client.destroyed && (!this.upstream || this.upstream.destroyed)) this.proxy.pairs.delete(this);
  }
}

export class FaultProxy extends EventEmitter {
  /** @param {FaultProxyOptions} options */
  constructor(options) {
    super();
    if (!options?.target || !Number.isInteger(options.target.port))
      throw new Error('fault-proxy: target.port is required');
    this.target = { host: options.target.host ?? HOST, port: options.target.port };
    this.listenPort = options.port ?? 0;
    this.random = seededRandom(options.seed ?? 1);
    /** @type {Latency} */
    this.latency = toLatency(options.latency, { up: { ms: 0, jitter: 0 }, down: { ms: 0, jitter: 0 } });
    /** @type {Slice | null} */
    this.slicing = toSlice(options.slice, null);
    /** @type {Set<Pair>} */
    this.pairs = new Set();
    /** @type {'reset' | 'unlisten' | false} */
    this.refusing = false;
    this.blackholed = false;
    /** @type {number | null} client bytes still to pass before the kill, or null (not armed) */
    this.killBudget = null;
    /** From a kill's mark to its reset (and its downMs): client bytes are dropped, new connections reset. */
    this.killing = false;
    this.killDownMs = 0;
    /** @type {NodeJS.Timeout | undefined} */
    this.killTimer = undefined;
    /** @type {{upMs: number, downMs: number, timer: NodeJS.Timeout | undefined, up: boolean} | null} */
    this.flapping = null;
    this.closed = false;
    /** @type {Omit<ProxyStats, 'open'>} */
    this.counts = {
      accepted: 0,
      refused: 0,
      reset: 0,
      silenced: 0,
      killed: 0,
      upstreamFailed: 0,
      bytes: { up: 0, down: 0 },
      dropped: { up: 0, down: 0 },
      writes: 0,
    };
    this.server = this.makeServer();
  }

  makeServer() {
    return net.createServer({ allowHalfOpen: true }, (socket) => this.accept(socket));
  }

  /** The port it listens on (kept while refuse('unlisten') has it closed). */
  get port() {
    const address = this.server.address();
    return address && typeof address === 'object' ? address.port : this.listenPort;
  }

  async listen() {
    await new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.listenPort, HOST, () => {
        this.server.off('error', reject);
        resolve(undefined);
      });
    });
    this.listenPort = this.port;
    return this;
  }

  /** @param {net.Socket} socket */
  accept(socket) {
    this.counts.accepted++;
    if (this.closed || this.refusing || this.killing) {
      this.counts.refused++;
      socket.on('error', () => {});
      socket.resetAndDestroy();
      return;
    }
    if (this.blackholed) this.counts.silenced++;
    this.pairs.add(new Pair(this, socket, this.blackholed));
  }

  /**
   * Changes latency and slicing for what is written from now on (see the typedefs).
   * @param {{latency?: LatencyOption, slice?: SliceOption}} options
   */
  configure({ latency, slice } = {}) {
    this.latency = toLatency(latency, this.latency);
    this.slicing = toSlice(slice, this.slicing);
    return { latency: this.latency, slice: this.slicing };
  }

  /**
   * Every connection open now goes silent for good: nothing crosses either way, nothing closes,
   * nobody is told (a half-open socket, as after a network switch). New connections are not
   * affected (see blackhole). Returns how many it silenced.
   */
  silence() {
    let n = 0;
    for (const pair of this.pairs) if (!pair.client.destroyed && pair.silence()) n++;
    this.counts.silenced += n;
    return n;
  }

  /**
   * While on, new connections are accepted and silenced at once (the backend never hears of
   * them): a dead path. Off: new connections are forwarded again.
   * @param {boolean} [on]
   */
  blackhole(on = true) {
    this.blackholed = Boolean(on);
    return this.blackholed;
  }

  /** RSTs every connection now, silenced ones too. Returns how many. */
  reset() {
    let n = 0;
    for (const pair of [...this.pairs]) {
      pair.reset();
      this.pairs.delete(pair);
      n++;
    }
    this.counts.reset += n;
    return n;
  }

  /**
   * 'reset': new connections are accepted and RST at once. 'unlisten': stop listening (the client
   * gets ECONNREFUSED). false: accept again (listening again on the same port). Open connections
   * are not touched.
   * @param {'reset' | 'unlisten' | false} mode
   */
  async refuse(mode) {
    if (mode !== 'reset' && mode !== 'unlisten' && mode !== false)
      throw new Error(`fault-proxy: refuse('reset' | 'unlisten' | false), not ${JSON.stringify(mode)}`);
    const was = this.refusing;
    this.refusing = mode;
    if (mode === 'unlisten' && was !== 'unlisten' && this.server.listening) {
      // Stop listening at once (close() would wait for the open connections to end); a new
      // server listens again later, on the same port.
      this.server.close();
      this.server = this.makeServer();
    } else if (mode !== 'unlisten' && was === 'unlisten' && !this.closed) {
      await this.listen();
    }
    return { refusing: this.refusing };
  }

  /**
   * A flapping link: up for `upMs`, then down for `downMs` (new connections refused with a reset,
   * open ones reset), then up again, and so on. `null` ends it (up). Emits 'flap' {up}.
   * @param {{upMs: number, downMs: number} | null} options
   */
  flap(options) {
    if (this.flapping) {
      clearTimeout(this.flapping.timer);
      this.flapping = null;
      if (this.refusing === 'reset') this.refusing = false;
    }
    if (!options) return { flapping: false };
    const { upMs, downMs } = options;
    if (!(upMs > 0 && downMs > 0)) throw new Error('fault-proxy: flap needs upMs > 0 and downMs > 0');
    const state = { upMs, downMs, timer: /** @type {NodeJS.Timeout | undefined} */ (undefined), up: true };
    this.flapping = state;
    const toggle = () => {
      if (this.flapping !== state) return;
      state.up = !state.up;
      if (state.up) {
        if (this.refusing === 'reset') this.refusing = false;
      } else {
        this.refusing = 'reset';
        this.reset();
      }
      this.emit('flap', { up: state.up });
      state.timer = setTimeout(toggle, state.up ? upMs : downMs);
    };
    state.timer = setTimeout(toggle, upMs);
    return { flapping: true };
  }

  /**
   * Arms a kill: once `bytes` more bytes from clients reached the backend (all connections
   * together; not those of connections whose backend could not be reached), the write
   * that crosses the mark is cut there (the backend gets exactly `bytes`), every connection is
   * reset and 'kill' is emitted. With `downMs`, new connections are then refused (reset) for that
   * long, as while a crashed backend restarts. `null` disarms it.
   * @param {number | null} bytes
   * @param {{downMs?: number}} [options]
   */
  killAfter(bytes, { downMs = 0 } = {}) {
    if (bytes !== null && !(Number.isInteger(bytes) && bytes >= 0))
      throw new Error('fault-proxy: killAfter needs a whole number of bytes >= 0, or null');
    if (!(downMs >= 0 && Number.isFinite(downMs)))
      throw new Error('fault-proxy: killAfter downMs must be >= 0');
    this.killBudget = bytes;
    this.killDownMs = downMs;
    return { armed: bytes !== null };
  }

  /**
   * The kill itself. The backend must really get the bytes before the mark: a reset could make
   * its kernel throw away what it has not read yet. So every backend connection is ended
   * (FIN, after what is queued) and the kill waits, up to KILL_DRAIN_MS, for the backend to close
   * them (it has read everything then); nothing more reaches the clients meanwhile. Then every
   * client is reset (RST) and 'kill' is emitted.
   * @param {Pair} _pair the connection that crossed the mark
   * @param {number} passed bytes of the crossing write that went through
   */
  fireKill(_pair, passed) {
    this.killBudget = null;
    this.killing = true;
    this.counts.killed++;
    const downMs = this.killDownMs;
    const pairs = [...this.pairs];
    for (const pair of pairs) {
      pair.downLane?.stop();
      if (pair.upLane && !pair.silenced) pair.upLane.end();
      else pair.upstream?.destroy();
    }
    const deadline = Date.now() + KILL_DRAIN_MS;
    const finish = () => {
      if (this.closed) return;
      this.reset();
      if (downMs > 0) {
        this.killTimer = setTimeout(() => {
          this.killTimer = undefined;
          this.killing = false;
        }, downMs);
      } else this.killing = false;
      this.emit('kill', { passed });
    };
    const drained = () => pairs.every((pair) => !pair.upstream || pair.upstream.destroyed);
    const wait = () =>
      drained() || Date.now() > deadline ? finish() : (this.killTimer = setTimeout(wait, 2));
    wait();
  }

  /** @returns {ProxyStats} */
  stats() {
    let open = 0;
    for (const pair of this.pairs) if (!pair.client.destroyed) open++;
    const c = this.counts;
    return { ...c, open, bytes: { ...c.bytes }, dropped: { ...c.dropped } };
  }

  /** Closes every connection and stops listening, for good. */
  async close() {
    if (this.closed) return true;
    this.closed = true;
    this.flap(null);
    clearTimeout(this.killTimer);
    for (const pair of this.pairs) pair.destroy();
    this.pairs.clear();
    if (this.server.listening) await new Promise((resolve) => this.server.close(() => resolve(undefined)));
    return true;
  }
}

/**
 * Starts a proxy on 127.0.0.1 in front of `options.target`.
 * @param {FaultProxyOptions} options
 * @returns {Promise<FaultProxy>}
 */
export function startFaultProxy(options) {
  return new FaultProxy(options).listen();
}
