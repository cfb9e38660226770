// The fault-injecting TCP proxy (test/support/fault-proxy.js) against a tiny echo server on
// 127.0.0.1: each fault does what it says, and only that. Every wait is for the event that proves
// the point (bytes arriving, a socket closing, a counter moving), bounded in time.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { startFaultProxy, seededRandom } from '../support/fault-proxy.js';

/** @typedef {import('../support/fault-proxy.js').FaultProxy} FaultProxy */

/**
 * An echo server that records what it got, per connection.
 * @returns {Promise<{port: number, sockets: net.Socket[], received: Buffer[][], ended: Promise<unknown>[], close: () => Promise<void>}>}
 */
async function echoServer() {
  /** @type {net.Socket[]} */
  const sockets = [];
  /** @type {Buffer[][]} */
  const received = [];
  /** @type {Promise<unknown>[]} */
  const ended = [];
  const server = net.createServer((socket) => {
    const chunks = /** @type {Buffer[]} */ ([]);
    sockets.push(socket);
    received.push(chunks);
    socket.on('error', () => {});
    ended.push(
      new Promise((resolve) => {
        socket.on('error', (error) => resolve(/** @type {NodeJS.ErrnoException} */ (error).code));
        socket.on('close', () => resolve('close'));
      }),
    );
    socket.on('data', (data) => {
      chunks.push(data);
      socket.write(data);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {net.AddressInfo} */ (server.address());
  return {
    port: address.port,
    sockets,
    received,
    ended,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A client of the proxy that collects what it reads and how it ended.
 * @param {number} port
 */
async function client(port) {
  const socket = net.connect({ port, host: '127.0.0.1' });
  /** @type {Buffer[]} */
  const chunks = [];
  socket.on('data', (data) => chunks.push(data));
  /** @type {Promise<string>} 'end' (FIN), or the error code (ECONNRESET …) */
  const ended = new Promise((resolve) => {
    socket.on('error', (error) => resolve(/** @type {NodeJS.ErrnoException} */ (error).code ?? 'error'));
    socket.on('end', () => resolve('end'));
  });
  // A refused connection may be reset before it is even reported connected: `ended` tells.
  await Promise.race([once(socket, 'connect'), ended]);
  return { socket, chunks, ended, text: () => Buffer.concat(chunks).toString() };
}

/**
 * Polls `predicate` every 5 ms until it holds; fails after `timeout` ms.
 * @param {() => unknown} predicate
 * @param {string} what
 * @param {number} [timeout]
 */
async function until(predicate, what, timeout = 3000) {
  const deadline = Date.now() + timeout;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** @type {(() => Promise<unknown>)[]} */
let cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** @param {Partial<import('../support/fault-proxy.js').FaultProxyOptions>} [options] */
async function setup(options = {}) {
  const echo = await echoServer();
  const proxy = await startFaultProxy({ target: { port: echo.port }, seed: 42, ...options });
  cleanups.push(
    () => echo.close(),
    () => proxy.close(),
  );
  return { echo, proxy };
}

test('the seeded generator repeats itself for a seed and differs between seeds', () => {
  const a = seededRandom(7);
  const b = seededRandom(7);
  const c = seededRandom(8);
  const first = Array.from({ length: 5 }, a);
  assert.deepEqual(Array.from({ length: 5 }, b), first);
  assert.notDeepEqual(Array.from({ length: 5 }, c), first);
  assert.ok(first.every((x) => x >= 0 && x < 1));
});

test('forwards bytes both ways unchanged and counts connections and bytes', async () => {
  const { proxy } = await setup();
  const c = await client(proxy.port);
  c.socket.write('hello, backend');
  await until(() => c.text() === 'hello, backend', 'the echo');
  const stats = proxy.stats();
  assert.equal(stats.accepted, 1);
  assert.equal(stats.open, 1);
  assert.deepEqual(stats.bytes, { up: 14, down: 14 });
  c.socket.end();
  assert.equal(await c.ended, 'end', 'an end is passed on both ways');
  await until(() => proxy.stats().open === 0, 'the connection to be forgotten');
});

test('latency delays each direction by at least its milliseconds, and jitter keeps the order', async () => {
  const { proxy } = await setup({ latency: { up: { ms: 60, jitter: 0 }, down: { ms: 40, jitter: 0 } } });
  const c = await client(proxy.port);
  const sent = Date.now();
  c.socket.write('ping');
  await until(() => c.text() === 'ping', 'the echo');
  assert.ok(Date.now() - sent >= 95, `a round trip took ${Date.now() - sent} ms, less than 60 + 40`);

  proxy.configure({ latency: { ms: 10, jitter: 10 } });
  const lines = Array.from({ length: 100 }, (_, i) => `${i};`);
  for (const line of lines) c.socket.write(line);
  const expected = 'ping' + lines.join('');
  await until(() => c.text().length >= expected.length, 'every write echoed');
  assert.equal(c.text(), expected, 'bytes arrive in the order they were written');
});

test('slicing splits writes into small segments and loses nothing', async () => {
  const { echo, proxy } = await setup({ slice: { min: 1, max: 16 } });
  const c = await client(proxy.port);
  const payload = 'x'.repeat(500) + 'y'.repeat(500);
  c.socket.write(payload);
  await until(() => c.text().length >= payload.length, 'the echo');
  assert.equal(c.text(), payload);
  // 1,000 bytes in pieces of at most 16: at least 63 writes each way.
  assert.ok(proxy.stats().writes >= 2 * 63, `only ${proxy.stats().writes} writes`);
  assert.ok(echo.received[0].length > 1, 'the backend read the write in several segments');
});

test('silence: nothing crosses either way, nothing closes, and new connections still work', async () => {
  const { echo, proxy } = await setup();
  const c = await client(proxy.port);
  c.socket.write('before');
  await until(() => c.text() === 'before', 'the echo before the silence');
  assert.equal(proxy.silence(), 1);
  c.socket.write('into the void');
  await until(() => proxy.stats().dropped.up === 13, 'the proxy to read and drop the client bytes');
  echo.sockets[0].write('from the backend');
  await until(() => proxy.stats().dropped.down === 16, 'the proxy to read and drop the backend bytes');
  assert.equal(c.text(), 'before', 'the client got nothing more');
  assert.equal(Buffer.concat(echo.received[0]).toString(), 'before', 'the backend got nothing more');
  assert.ok(!c.socket.destroyed && !echo.sockets[0].destroyed, 'both ends are still open');
  assert.equal(proxy.stats().silenced, 1);

  const fresh = await client(proxy.port);
  fresh.socket.write('new path');
  await until(() => fresh.text() === 'new path', 'a new connection to work');
});

test('blackhole: a new connection is accepted and never reaches the backend, until turned off', async () => {
  const { echo, proxy } = await setup();
  proxy.blackhole(true);
  const c = await client(proxy.port);
  c.socket.write('hello?');
  await until(() => proxy.stats().dropped.up === 6, 'the proxy to drop the bytes');
  assert.equal(echo.sockets.length, 0, 'the backend never saw a connection');
  proxy.blackhole(false);
  const d = await client(proxy.port);
  d.socket.write('hello!');
  await until(() => d.text() === 'hello!', 'the echo once the hole is gone');
});

test('reset: both ends see a reset (RST), not an orderly end', async () => {
  const { echo, proxy } = await setup();
  const c = await client(proxy.port);
  c.socket.write('x');
  await until(() => c.text() === 'x', 'the echo');
  assert.equal(proxy.reset(), 1);
  assert.equal(await c.ended, 'ECONNRESET');
  assert.equal(await echo.ended[0], 'ECONNRESET');
  assert.equal(proxy.stats().reset, 1);
  assert.equal(proxy.stats().open, 0);
});

test("refuse('reset') resets new connections at once; refuse(false) lets them through", async () => {
  const { echo, proxy } = await setup();
  await proxy.refuse('reset');
  const c = await client(proxy.port);
  assert.equal(await c.ended, 'ECONNRESET');
  assert.equal(proxy.stats().refused, 1);
  await proxy.refuse(false);
  const d = await client(proxy.port);
  d.socket.write('ok');
  await until(() => d.text() === 'ok', 'the echo');
  assert.equal(echo.sockets.length, 1, 'the refused connection never reached the backend');
});

test("refuse('unlisten') stops listening (ECONNREFUSED) and listens again on the same port", async () => {
  const { proxy } = await setup();
  const port = proxy.port;
  const open = await client(port);
  await proxy.refuse('unlisten');
  open.socket.write('still here');
  await until(() => open.text() === 'still here', 'the open connection to keep working');
  const socket = net.connect({ port, host: '127.0.0.1' });
  const [error] = await once(socket, 'error');
  assert.equal(/** @type {NodeJS.ErrnoException} */ (error).code, 'ECONNREFUSED');
  await proxy.refuse(false);
  assert.equal(proxy.port, port);
  const c = await client(port);
  c.socket.write('back');
  await until(() => c.text() === 'back', 'the echo');
});

test('a backend that cannot be reached resets the client', async () => {
  const echo = await echoServer();
  const port = echo.port;
  await echo.close();
  const proxy = await startFaultProxy({ target: { port } });
  cleanups.push(() => proxy.close());
  const c = await client(proxy.port);
  assert.equal(await c.ended, 'ECONNRESET');
  assert.equal(proxy.stats().upstreamFailed, 1);
});

test('flapping: down resets what is open and refuses, up lets through, flap(null) ends up', async () => {
  const { proxy } = await setup();
  /** @type {boolean[]} */
  const flaps = [];
  proxy.on('flap', ({ up }) => flaps.push(up));
  const c = await client(proxy.port);
  proxy.flap({ upMs: 80, downMs: 80 });
  assert.equal(await c.ended, 'ECONNRESET', 'the open connection is reset when the link goes down');
  assert.deepEqual(flaps, [false]);
  const during = await client(proxy.port);
  assert.equal(await during.ended, 'ECONNRESET', 'a connection while down is refused');
  await until(() => flaps.length >= 2, 'the link to come up');
  assert.deepEqual(flaps.slice(0, 2), [false, true]);
  proxy.flap(null);
  const after = await client(proxy.port);
  after.socket.write('stable');
  await until(() => after.text() === 'stable', 'the echo after flapping');
});

test('killAfter: the backend gets exactly K bytes, then both ends are reset and "kill" fires', async () => {
  const { echo, proxy } = await setup({ slice: { min: 50, max: 200 } });
  const c = await client(proxy.port);
  c.socket.write('hello');
  await until(() => c.text() === 'hello', 'the echo');
  const killed = once(proxy, 'kill');
  proxy.killAfter(1000);
  const payload = Buffer.alloc(3000, 'a');
  c.socket.write(payload);
  await killed;
  assert.equal(await c.ended, 'ECONNRESET');
  await echo.ended[0];
  const got = Buffer.concat(echo.received[0]).length;
  assert.equal(got, 5 + 1000, 'the backend got the bytes before the mark and none after');
  const stats = proxy.stats();
  assert.equal(stats.killed, 1);
  assert.equal(stats.bytes.up, 1005);
  assert.equal(stats.dropped.up, 2000);
});

test('killAfter counts only bytes that reach a backend, not those of failed connections', async () => {
  const echo = await echoServer();
  const port = echo.port;
  await echo.close();
  const proxy = await startFaultProxy({ target: { port } });
  cleanups.push(() => proxy.close());
  proxy.killAfter(100);
  const c = await client(proxy.port);
  c.socket.write(Buffer.alloc(500, 'a'));
  assert.equal(await c.ended, 'ECONNRESET', 'the backend is down');
  assert.equal(proxy.stats().killed, 0);
  assert.equal(proxy.killBudget, 100, 'the budget is untouched');
});

test('killAfter with downMs refuses new connections for that long, then lets them through', async () => {
  const { proxy } = await setup();
  const c = await client(proxy.port);
  const killed = once(proxy, 'kill');
  proxy.killAfter(10, { downMs: 150 });
  c.socket.write('0123456789abc');
  await killed;
  const refused = await client(proxy.port);
  assert.equal(await refused.ended, 'ECONNRESET', 'refused while the backend is down');
  await until(() => !proxy.killing, 'the end of the down time');
  const d = await client(proxy.port);
  d.socket.write('up');
  await until(() => d.text() === 'up', 'the echo after the down time');
});

test('close ends every connection and stops listening', async () => {
  const { proxy } = await setup();
  const c = await client(proxy.port);
  proxy.silence();
  await proxy.close();
  assert.notEqual(await c.ended, undefined);
  const socket = net.connect({ port: proxy.port, host: '127.0.0.1' });
  const [error] = await once(socket, 'error');
  assert.equal(/** @type {NodeJS.ErrnoException} */ (error).code, 'ECONNREFUSED');
});

test('options are checked', async () => {
  assert.throws(() => startFaultProxy(/** @type {any} */ ({})), /target.port/);
  const { proxy } = await setup();
  assert.throws(() => proxy.configure({ slice: { min: 5, max: 2 } }), /slice/);
  assert.throws(() => proxy.configure({ latency: { ms: -1 } }), /delay/);
  assert.throws(() => proxy.killAfter(-3), /killAfter/);
  await assert.rejects(proxy.refuse(/** @type {any} */ ('maybe')), /refuse/);
  assert.throws(() => proxy.flap({ upMs: 0, downMs: 10 }), /flap/);
});
