import { expect } from '@open-wc/testing';
import { ChatSocket, type ChatSocketOptions, type ConnectTarget } from '../src/transport/chat-socket.js';
import type { StatusDetail } from '../src/transport/status.js';
import { FakeClock } from './support/fake-clock.js';
import { FakeEnvironment } from './support/fake-environment.js';
import { FakeWebSocket } from './support/fake-socket.js';

const URL_WITH_TOKEN = 'wss://clinic.test/ai/chat/ws?token=secret';

interface Harness {
  socket: ChatSocket;
  clock: FakeClock;
  env: FakeEnvironment;
  statuses: StatusDetail[];
  frames: unknown[];
  errors: { code: string; message: string }[];
  opens: number;
  /** Every event detail, serialized, for leak checks. */
  everything: string[];
  targetCalls: number;
}

let harnesses: Harness[] = [];

function setup(options: Partial<ChatSocketOptions> = {}): Harness {
  const clock = new FakeClock();
  const env = new FakeEnvironment();
  const h = {
    clock,
    env,
    statuses: [],
    frames: [],
    errors: [],
    opens: 0,
    everything: [],
    targetCalls: 0,
  } as unknown as Harness;
  const socket = new ChatSocket({
    target: () => {
      h.targetCalls++;
      return { url: URL_WITH_TOKEN };
    },
    WebSocket: FakeWebSocket,
    clock,
    random: () => 0.5,
    environment: env,
    heartbeatMs: 0,
    onFrame: (data) => h.frames.push(data),
    ...options,
  });
  socket.addEventListener('status', (e) => {
    h.statuses.push(e.detail);
    h.everything.push(JSON.stringify(e.detail));
  });
  socket.addEventListener('error', (e) => {
    h.errors.push(e.detail);
    h.everything.push(JSON.stringify(e.detail));
  });
  socket.addEventListener('open', () => h.opens++);
  h.socket = socket;
  harnesses.push(h);
  return h;
}

const statusNames = (h: Harness) => h.statuses.map((s) => s.status);
const lastStatus = (h: Harness) => h.statuses.at(-1);

/** Connect and open the first socket. */
function connected(options: Partial<ChatSocketOptions> = {}): Harness & { ws: FakeWebSocket } {
  const h = setup(options);
  h.socket.connect();
  FakeWebSocket.last.open();
  return Object.assign(h, { ws: FakeWebSocket.last });
}

describe('ChatSocket', () => {
  beforeEach(() => {
    FakeWebSocket.reset();
    harnesses = [];
  });

  afterEach(() => {
    // Teardown contract: close() leaves nothing scheduled, whatever state the test ended in.
    for (const h of harnesses) {
      h.socket.close();
      expect(h.clock.pending(), 'timers left after close()').to.equal(0);
      expect(h.socket.status).to.equal('idle');
    }
  });

  describe('connecting', () => {
    it('goes idle → connecting → connected and emits open', () => {
      const h = setup();
      expect(h.socket.status).to.equal('idle');
      h.socket.connect();
      expect(h.statuses).to.deep.equal([{ status: 'connecting', previous: 'idle' }]);
      const ws = FakeWebSocket.last;
      expect(ws.url).to.equal(URL_WITH_TOKEN);
      expect(ws.binaryType).to.equal('arraybuffer');
      expect(h.opens).to.equal(0);
      ws.open();
      expect(h.statuses.at(-1)).to.deep.equal({ status: 'connected', previous: 'connecting' });
      expect(h.socket.status).to.equal('connected');
      expect(h.opens).to.equal(1);
      expect(h.socket.attempt).to.equal(0);
    });

    it('passes protocols from the target', () => {
      const h = setup({ target: () => ({ url: 'wss://x.test/ws', protocols: ['chat', 'tok'] }) });
      h.socket.connect();
      expect(FakeWebSocket.last.protocols).to.deep.equal(['chat', 'tok']);
    });

    it('ignores connect() while connecting or connected', () => {
      const h = setup();
      h.socket.connect();
      h.socket.connect();
      expect(FakeWebSocket.instances).to.have.length(1);
      FakeWebSocket.last.open();
      h.socket.connect();
      expect(FakeWebSocket.instances).to.have.length(1);
      expect(statusNames(h)).to.deep.equal(['connecting', 'connected']);
    });

    it('calls target() before every connect and uses what it returns', () => {
      let n = 0;
      const h = setup({ target: () => ({ url: `wss://x.test/ws?token=t${++n}` }) });
      h.socket.connect();
      FakeWebSocket.last.open();
      FakeWebSocket.last.drop();
      h.clock.advance(500);
      expect(FakeWebSocket.instances.map((ws) => ws.url)).to.deep.equal([
        'wss://x.test/ws?token=t1',
        'wss://x.test/ws?token=t2',
      ]);
    });

    it('waits for an async target()', async () => {
      let resolve!: (t: ConnectTarget) => void;
      const h = setup({ target: () => new Promise<ConnectTarget>((r) => (resolve = r)) });
      h.socket.connect();
      expect(FakeWebSocket.instances).to.have.length(0);
      resolve({ url: 'wss://x.test/ws' });
      await Promise.resolve();
      expect(FakeWebSocket.instances).to.have.length(1);
      expect(h.socket.status).to.equal('connecting');
    });

    it('counts a rejecting target() as a failed attempt and reports it', async () => {
      let fail = true;
      const h = setup({
        target: () =>
          fail ? Promise.reject(new Error('no token')) : Promise.resolve({ url: 'wss://x.test/ws' }),
      });
      h.socket.connect();
      await Promise.resolve();
      await Promise.resolve();
      expect(FakeWebSocket.instances).to.have.length(0);
      expect(h.errors.map((e) => e.code)).to.deep.equal(['target-failed']);
      expect(lastStatus(h)).to.include({ status: 'reconnecting', attempt: 1, retryInMs: 500 });
      fail = false;
      h.clock.advance(500);
      await Promise.resolve();
      await Promise.resolve();
      FakeWebSocket.last.open();
      expect(h.socket.status).to.equal('connected');
    });

    it('counts a throwing target() as a failed attempt', () => {
      const h = setup({
        maxRetries: 1,
        target: () => {
          throw new Error('boom');
        },
      });
      h.socket.connect();
      expect(lastStatus(h)).to.include({ status: 'reconnecting', attempt: 1 });
      h.clock.advance(500);
      expect(h.errors).to.have.length(2);
      expect(h.socket.status).to.equal('offline');
      expect(h.clock.pending()).to.equal(1); // the quiet attempt at the cap
    });

    it('abandons an attempt that does not open within connectTimeoutMs', () => {
      const h = setup({ connectTimeoutMs: 3000 });
      h.socket.connect();
      const ws = FakeWebSocket.last;
      h.clock.advance(2999);
      expect(h.errors).to.have.length(0);
      h.clock.advance(1);
      expect(h.errors.map((e) => e.code)).to.deep.equal(['connect-timeout']);
      expect(ws.closedWith).to.not.equal(undefined);
      expect(lastStatus(h)).to.include({ status: 'reconnecting', attempt: 1, retryInMs: 500 });
      ws.open(); // too late: ignored
      expect(h.socket.status).to.equal('reconnecting');
      h.clock.advance(500);
      expect(FakeWebSocket.instances).to.have.length(2);
    });
  });

  describe('reconnecting', () => {
    it('reports the attempt and delay after a drop, then reconnects', () => {
      const h = connected();
      h.ws.drop();
      expect(lastStatus(h)).to.deep.equal({
        status: 'reconnecting',
        previous: 'connected',
        attempt: 1,
        retryInMs: 500,
        code: 1006,
        reason: '',
      });
      h.clock.advance(499);
      expect(FakeWebSocket.instances).to.have.length(1);
      h.clock.advance(1);
      expect(FakeWebSocket.instances).to.have.length(2);
      expect(lastStatus(h)).to.deep.equal({ status: 'reconnecting', previous: 'reconnecting', attempt: 1 });
      FakeWebSocket.last.open();
      expect(lastStatus(h)).to.deep.equal({ status: 'connected', previous: 'reconnecting' });
      expect(h.opens).to.equal(2);
    });

    it('doubles the backoff with each failed attempt (full jitter, stub random)', () => {
      const h = connected({ maxRetries: 4 });
      h.ws.drop();
      const delays: number[] = [];
      for (let i = 0; i < 4; i++) {
        const s = lastStatus(h)!;
        delays.push(s.retryInMs!);
        h.clock.advance(s.retryInMs!);
        FakeWebSocket.last.drop();
      }
      expect(delays).to.deep.equal([500, 1000, 2000, 4000]);
    });

    it('says offline after max-retries attempts, but keeps trying at the cap and comes back by itself', () => {
      const h = connected({ maxRetries: 2 });
      h.ws.serverClose(1011, 'first');
      h.clock.advance(500);
      FakeWebSocket.last.serverClose(1011, 'second');
      expect(lastStatus(h)).to.include({ status: 'reconnecting', attempt: 2 });
      h.clock.advance(1000);
      FakeWebSocket.last.serverClose(1012, 'third');
      expect(lastStatus(h)).to.deep.equal({
        status: 'offline',
        previous: 'reconnecting',
        code: 1012,
        reason: 'third',
      });
      // Defect 5 of issue 9: it used to wait for a click. Now one quiet attempt per full-jitter
      // delay at the cap (stub random 0.5: 15 s), the status staying `offline` meanwhile.
      expect(h.clock.pending()).to.equal(1);
      const count = h.statuses.length;
      h.clock.advance(15_000);
      expect(FakeWebSocket.instances).to.have.length(4);
      FakeWebSocket.last.drop();
      h.clock.advance(15_000);
      expect(FakeWebSocket.instances).to.have.length(5);
      expect(h.statuses).to.have.length(count);
      FakeWebSocket.last.open();
      expect(lastStatus(h)).to.deep.equal({ status: 'connected', previous: 'offline' });
    });

    it('waits for the page to be visible before a quiet attempt past max-retries', () => {
      const h = connected({ maxRetries: 0 });
      h.env.setVisibility('hidden');
      h.ws.drop();
      expect(h.socket.status).to.equal('offline');
      expect(h.clock.pending()).to.equal(0);
      h.clock.advance(120_000);
      expect(FakeWebSocket.instances).to.have.length(1);
      h.env.setVisibility('visible');
      expect(FakeWebSocket.instances).to.have.length(2);
      FakeWebSocket.last.open();
      expect(h.socket.status).to.equal('connected');
    });

    it('goes offline right after a drop with maxRetries 0', () => {
      const h = connected({ maxRetries: 0 });
      h.ws.serverClose(1011, 'bye');
      expect(lastStatus(h)).to.deep.equal({
        status: 'offline',
        previous: 'connected',
        code: 1011,
        reason: 'bye',
      });
      expect(h.clock.pending()).to.equal(1); // the quiet attempt at the cap
    });

    it('a connection the server answered on resets the attempt count at once (a flapping link)', () => {
      const h = connected({ maxRetries: 1, stableAfterMs: 5000 });
      h.ws.drop();
      h.clock.advance(500);
      FakeWebSocket.last.open();
      expect(h.socket.attempt).to.equal(1);
      h.socket.proven();
      expect(h.socket.attempt).to.equal(0);
      FakeWebSocket.last.drop(); // up for a moment only, yet a first retry again, not offline
      expect(lastStatus(h)).to.include({ status: 'reconnecting', attempt: 1 });
    });

    it('resets the attempt count after a stable connection, not after an immediate drop', () => {
      const h = connected({ maxRetries: 1, stableAfterMs: 5000 });
      h.ws.drop();
      h.clock.advance(500);
      FakeWebSocket.last.open();
      expect(h.socket.attempt).to.equal(1);
      h.clock.advance(5000);
      expect(h.socket.attempt).to.equal(0);
      FakeWebSocket.last.drop();
      expect(lastStatus(h)).to.include({ status: 'reconnecting', attempt: 1 });

      // Accepted then dropped at once: the count is not reset, so retries run out.
      h.clock.advance(500);
      FakeWebSocket.last.open();
      h.clock.advance(100);
      FakeWebSocket.last.drop();
      expect(lastStatus(h)).to.include({ status: 'offline', code: 1006 });
    });

    it('judges stability by the wall clock even when the timer is late', () => {
      const h = connected({ maxRetries: 1, stableAfterMs: 5000 });
      h.ws.drop();
      h.clock.advance(500);
      FakeWebSocket.last.open();
      h.clock.jump(6000); // throttled: no timer ran
      FakeWebSocket.last.drop();
      expect(lastStatus(h)).to.include({ status: 'reconnecting', attempt: 1 });
    });

    it('stops on an unauthorized code', () => {
      const h = connected({ unauthorizedCodes: [4001, 1008] });
      h.ws.serverClose(4001, 'bad token');
      expect(lastStatus(h)).to.deep.equal({
        status: 'unauthorized',
        previous: 'connected',
        code: 4001,
        reason: 'bad token',
      });
      expect(h.clock.pending()).to.equal(0);
      h.clock.advance(120_000);
      expect(FakeWebSocket.instances).to.have.length(1);
    });

    it('stops on a final code, and an online event does not revive it', () => {
      const h = connected({ finalCodes: [1000, 4404] });
      h.ws.serverClose(1000, 'done');
      expect(lastStatus(h)).to.include({ status: 'offline', code: 1000, reason: 'done' });
      expect(h.clock.pending()).to.equal(0);
      h.env.goOnline();
      h.clock.advance(120_000);
      expect(FakeWebSocket.instances).to.have.length(1);
      expect(h.socket.status).to.equal('offline');
    });

    it('retries on 1000 when it is not a final code', () => {
      const h = connected();
      h.ws.serverClose(1000, '');
      expect(lastStatus(h)).to.include({ status: 'reconnecting', attempt: 1 });
    });

    it('connect() while waiting to reconnect connects now with a reset count', () => {
      const h = connected();
      h.ws.drop();
      h.clock.advance(500);
      FakeWebSocket.last.drop();
      expect(h.socket.attempt).to.equal(2);
      h.socket.connect();
      expect(FakeWebSocket.instances).to.have.length(3);
      expect(h.socket.attempt).to.equal(0);
      expect(lastStatus(h)).to.include({ status: 'connecting' });
    });

    it('connect() after offline or unauthorized starts again', () => {
      const h = connected({ unauthorizedCodes: [4001] });
      h.ws.serverClose(4001, '');
      h.socket.connect();
      expect(FakeWebSocket.instances).to.have.length(2);
      expect(h.socket.status).to.equal('connecting');
    });
  });

  describe('close()', () => {
    it('goes idle, clears every timer and closes the socket with 1000', () => {
      const h = connected({ heartbeatMs: 1000, heartbeat: () => undefined });
      h.socket.write('frame');
      expect(h.clock.pending()).to.be.greaterThan(0);
      h.socket.close();
      expect(lastStatus(h)).to.deep.equal({ status: 'idle', previous: 'connected' });
      expect(h.clock.pending()).to.equal(0);
      expect(h.ws.closedWith?.code).to.equal(1000);
    });

    it('does not reconnect after a late close event, and is idempotent', () => {
      const h = connected();
      h.socket.close();
      const count = h.statuses.length;
      h.ws.serverClose(1006, '');
      h.socket.close();
      h.clock.advance(120_000);
      expect(h.statuses).to.have.length(count);
      expect(FakeWebSocket.instances).to.have.length(1);
    });

    it('clears a pending retry', () => {
      const h = connected();
      h.ws.drop();
      expect(h.clock.pending()).to.equal(1);
      h.socket.close();
      expect(h.clock.pending()).to.equal(0);
      h.clock.advance(120_000);
      expect(FakeWebSocket.instances).to.have.length(1);
    });

    it('drops a target() that resolves after close()', async () => {
      let resolve!: (t: ConnectTarget) => void;
      const h = setup({ target: () => new Promise<ConnectTarget>((r) => (resolve = r)) });
      h.socket.connect();
      h.socket.close();
      resolve({ url: 'wss://x.test/ws' });
      await Promise.resolve();
      expect(FakeWebSocket.instances).to.have.length(0);
      expect(h.socket.status).to.equal('idle');
    });

    it('removes the environment listeners', () => {
      const h = connected();
      h.socket.close();
      const count = h.statuses.length;
      h.env.goOffline();
      h.env.goOnline();
      h.env.setVisibility('visible');
      expect(h.statuses).to.have.length(count);
      expect(FakeWebSocket.instances).to.have.length(1);
    });

    it('is safe to call from a status listener', () => {
      const h = setup({ heartbeatMs: 1000 });
      h.socket.addEventListener('status', (e) => {
        if (e.detail.status === 'connected' || e.detail.status === 'reconnecting') h.socket.close();
      });
      h.socket.connect();
      FakeWebSocket.last.open();
      expect(h.socket.status).to.equal('idle');
      expect(h.clock.pending()).to.equal(0);
      expect(h.opens).to.equal(0);
    });
  });

  describe('re-entrancy', () => {
    it('close() from the connecting status listener stops the attempt before target()', () => {
      const h = setup();
      h.socket.addEventListener('status', (e) => {
        if (e.detail.status === 'connecting') h.socket.close();
      });
      h.socket.connect();
      expect(h.targetCalls).to.equal(0);
      expect(FakeWebSocket.instances).to.have.length(0);
      expect(h.socket.status).to.equal('idle');
      expect(h.clock.pending()).to.equal(0);
    });
  });

  describe('writing', () => {
    it('writes only while usable and says whether a frame went out (no outbox here)', () => {
      const h = setup();
      expect(h.socket.write('early')).to.equal(false);
      h.socket.connect();
      expect(h.socket.write('connecting')).to.equal(false);
      FakeWebSocket.last.open();
      expect(h.socket.usable).to.equal(true);
      expect(h.socket.write('hello')).to.equal(true);
      FakeWebSocket.last.drop();
      expect(h.socket.usable).to.equal(false);
      expect(h.socket.write('while down')).to.equal(false);
      expect(FakeWebSocket.instances[0]!.sent).to.deep.equal(['hello']);
    });

    it('a write that throws on an open socket is reported, returns false and replaces the socket', () => {
      // Issue 15.2: the fake socket used to throw only while connecting, so a write failing on an
      // open socket was never tested (the old outbox dequeued the message and called it sent).
      const h = connected();
      h.ws.failSends = 1;
      expect(h.socket.write('lost?')).to.equal(false);
      expect(h.errors.map((e) => e.code)).to.deep.equal(['send-failed']);
      expect(h.ws.sent).to.deep.equal([]);
      expect(h.ws.closedWith?.code).to.equal(4000);
      expect(lastStatus(h)).to.include({ status: 'reconnecting', attempt: 1 });
      h.clock.advance(500);
      FakeWebSocket.last.open();
      expect(h.socket.write('again')).to.equal(true);
      expect(FakeWebSocket.last.sent).to.deep.equal(['again']);
    });

    it('sendNow() goes out only on an open socket, before ready() too', () => {
      const h = setup({ readyOnOpen: false });
      expect(h.socket.sendNow('typing')).to.equal(false);
      h.socket.connect();
      expect(h.socket.sendNow('typing')).to.equal(false);
      FakeWebSocket.last.open();
      expect(h.socket.sendNow('join')).to.equal(true);
      expect(h.socket.write('message')).to.equal(false);
      h.socket.ready();
      expect(h.socket.write('message')).to.equal(true);
      expect(FakeWebSocket.last.sent).to.deep.equal(['join', 'message']);
    });

    it('readyOnOpen false: connected and open only after ready()', () => {
      const h = setup({
        readyOnOpen: false,
        target: () => ({ url: 'wss://x.test/ws', firstFrames: ['{"type":"auth","token":"t"}'] }),
      });
      h.socket.connect();
      const ws = FakeWebSocket.last;
      ws.open();
      expect(h.socket.status).to.equal('connecting');
      expect(h.opens).to.equal(0);
      expect(ws.sent).to.deep.equal(['{"type":"auth","token":"t"}']);
      ws.receive('{"type":"auth_success"}');
      expect(h.frames).to.deep.equal(['{"type":"auth_success"}']);
      h.socket.ready();
      expect(h.socket.status).to.equal('connected');
      expect(h.opens).to.equal(1);
    });

    it('readyOnOpen false: an attempt never made ready times out', () => {
      const h = setup({ readyOnOpen: false, connectTimeoutMs: 2000 });
      h.socket.connect();
      FakeWebSocket.last.open();
      h.clock.advance(2000);
      expect(h.errors.map((e) => e.code)).to.deep.equal(['connect-timeout']);
      expect(h.socket.status).to.equal('reconnecting');
    });

    it('sends firstFrames before anything else, and a write from the open listener after them', () => {
      const h = setup({ target: () => ({ url: 'wss://x.test/ws', firstFrames: ['auth', 'hello'] }) });
      h.socket.addEventListener('open', () => h.socket.write('queued'));
      h.socket.connect();
      FakeWebSocket.last.open();
      expect(FakeWebSocket.last.sent).to.deep.equal(['auth', 'hello', 'queued']);
    });
  });

  describe('frames', () => {
    it('passes text and binary frames through raw', () => {
      const h = connected();
      const buffer = new Uint8Array([1, 2, 3]).buffer;
      h.ws.receive('{"not":"parsed"');
      h.ws.receive(buffer);
      expect(h.frames[0]).to.equal('{"not":"parsed"');
      expect(h.frames[1]).to.equal(buffer);
    });

    it('ignores a replaced socket’s late events', () => {
      const h = connected();
      const old = h.ws;
      h.socket.reconnect();
      const statusCount = h.statuses.length;
      old.receive('late');
      old.open();
      old.serverClose(1006, '');
      expect(h.frames).to.deep.equal([]);
      expect(h.statuses).to.have.length(statusCount);
      expect(h.socket.status).to.equal('connecting');
      FakeWebSocket.last.open();
      expect(h.socket.status).to.equal('connected');
    });

    it('the typed on() helper subscribes and unsubscribes', () => {
      const h = connected();
      const got: unknown[] = [];
      const off = h.socket.on('status', (e) => got.push(e.detail.status));
      h.socket.close();
      off();
      h.socket.connect();
      expect(got).to.deep.equal(['idle']);
      expect(h.socket.status).to.equal('connecting');
    });
  });

  describe('reconnect()', () => {
    it('closes the current socket and connects at once with a fresh target', () => {
      let token = 'one';
      const h = setup({ target: () => ({ url: `wss://x.test/ws?token=${token}` }) });
      h.socket.connect();
      const first = FakeWebSocket.last;
      first.open();
      token = 'two';
      h.socket.reconnect();
      expect(first.closedWith?.code).to.equal(1000);
      expect(FakeWebSocket.instances).to.have.length(2);
      expect(FakeWebSocket.last.url).to.equal('wss://x.test/ws?token=two');
      expect(lastStatus(h)).to.include({ status: 'connecting' });
    });

    it('restarts from unauthorized', () => {
      const h = connected({ unauthorizedCodes: [4001] });
      h.ws.serverClose(4001, '');
      h.socket.reconnect();
      FakeWebSocket.last.open();
      expect(h.socket.status).to.equal('connected');
    });
  });

  describe('heartbeat', () => {
    it('calls heartbeat() every interval while connected', () => {
      let beats = 0;
      const h = connected({ heartbeatMs: 1000, heartbeat: () => beats++ });
      for (let t = 0; t < 3000; t += 250) {
        h.clock.advance(250);
        h.ws.receive('tick');
      }
      expect(beats).to.equal(3);
      expect(h.socket.status).to.equal('connected');
    });

    it('never calls heartbeat() when heartbeat is off (nor declares anything dead)', () => {
      let beats = 0;
      const b = setup({ heartbeatMs: 0, heartbeat: () => beats++ });
      b.socket.connect();
      FakeWebSocket.last.open();
      b.clock.advance(600_000);
      expect(beats).to.equal(0);
      expect(b.socket.status).to.equal('connected');
    });

    it('declares the socket dead after two silent intervals, not before', () => {
      const h = connected({ heartbeatMs: 1000, heartbeat: () => h.socket.write('hb') });
      h.clock.advance(1999);
      expect(h.socket.status).to.equal('connected');
      expect(h.ws.sent).to.deep.equal(['hb']);
      h.clock.advance(1);
      expect(h.ws.closedWith).to.deep.equal({ code: 4000, reason: 'liveness timeout' });
      expect(lastStatus(h)).to.include({ status: 'reconnecting', attempt: 1, code: 4000 });
      // The dead socket's eventual close changes nothing.
      const count = h.statuses.length;
      h.ws.serverClose(1006, '');
      expect(h.statuses).to.have.length(count);
      h.clock.advance(500);
      expect(FakeWebSocket.instances).to.have.length(2);
    });

    it("liveness 'expected': a quiet socket lives while nothing is expected, and dies two intervals into an expectation", () => {
      // Defect 2 of issue 9: dialects without a heartbeat frame had no liveness at all.
      const h = connected({ heartbeatMs: 1000, liveness: 'expected' });
      h.clock.advance(60_000);
      expect(h.socket.status).to.equal('connected');
      h.socket.expect(true);
      h.clock.advance(1500);
      h.ws.receive('progress'); // traffic moves the deadline
      h.clock.advance(1999);
      expect(h.socket.status).to.equal('connected');
      h.clock.advance(1);
      expect(lastStatus(h)).to.include({ status: 'reconnecting', code: 4000, reason: 'liveness timeout' });
    });

    it("liveness 'expected': an expectation that ends in time leaves the socket alone", () => {
      const h = connected({ heartbeatMs: 1000, liveness: 'expected' });
      h.socket.expect(true);
      h.clock.advance(1900);
      h.socket.expect(false);
      h.clock.advance(10_000);
      expect(h.socket.status).to.equal('connected');
      expect(h.clock.pending()).to.equal(0); // no deadline while nothing is expected
    });

    it('measures the two intervals from the last frame received', () => {
      const h = connected({ heartbeatMs: 1000 });
      h.clock.advance(1500);
      h.ws.receive('alive');
      h.clock.advance(1999); // 3499: 1999 ms after the frame
      expect(h.socket.status).to.equal('connected');
      h.clock.advance(1); // 2 intervals after the frame
      expect(h.socket.status).to.equal('reconnecting');
    });

    it('does not schedule a timer per incoming frame', () => {
      const h = connected({ heartbeatMs: 1000 });
      const before = h.clock.pending();
      for (let i = 0; i < 5000; i++) h.ws.receive(`f${i}`);
      expect(h.clock.pending()).to.equal(before);
      expect(h.frames).to.have.length(5000);
    });

    it('checks the deadline at once when the page becomes visible', () => {
      const h = connected({ heartbeatMs: 1000 });
      h.env.setVisibility('hidden');
      h.clock.jump(5000); // throttled background timers did not run
      expect(h.socket.status).to.equal('connected');
      h.env.setVisibility('hidden');
      expect(h.socket.status).to.equal('connected');
      h.env.setVisibility('visible');
      expect(lastStatus(h)).to.include({ status: 'reconnecting', code: 4000 });
    });

    it('a socket found dead after a long stable (throttled) run starts the count afresh', () => {
      const h = connected({ maxRetries: 1, stableAfterMs: 5000, heartbeatMs: 1000 });
      h.ws.drop();
      h.clock.advance(500);
      FakeWebSocket.last.open();
      h.env.setVisibility('hidden');
      h.clock.jump(60_000); // no timer ran, not even the stable one
      h.env.setVisibility('visible');
      expect(lastStatus(h)).to.include({ status: 'reconnecting', attempt: 1, code: 4000 });
    });

    it('a visible page with a live socket stays connected', () => {
      const h = connected({ heartbeatMs: 1000 });
      h.clock.advance(1500);
      h.ws.receive('alive');
      h.env.setVisibility('visible');
      expect(h.socket.status).to.equal('connected');
    });
  });

  describe('environment', () => {
    it('goes offline at once on the offline event and does not retry', () => {
      const h = connected();
      h.env.goOffline();
      expect(lastStatus(h)).to.deep.equal({ status: 'offline', previous: 'connected' });
      expect(h.ws.closedWith).to.not.equal(undefined);
      expect(h.clock.pending()).to.equal(0);
      h.clock.advance(120_000);
      expect(FakeWebSocket.instances).to.have.length(1);
    });

    it('connects at once on the online event with a reset count', () => {
      const h = connected();
      h.env.goOffline();
      h.env.goOnline();
      expect(FakeWebSocket.instances).to.have.length(2);
      expect(lastStatus(h)).to.deep.equal({ status: 'connecting', previous: 'offline' });
      FakeWebSocket.last.open();
      expect(h.socket.status).to.equal('connected');
    });

    it('goes offline at once when the browser is offline at connect()', () => {
      const h = setup();
      h.env.navigator.onLine = false;
      h.socket.connect();
      expect(h.statuses).to.deep.equal([{ status: 'offline', previous: 'idle' }]);
      expect(FakeWebSocket.instances).to.have.length(0);
      h.env.goOnline();
      expect(FakeWebSocket.instances).to.have.length(1);
    });

    it('does not retry a drop while the browser is offline', () => {
      const h = connected();
      h.env.navigator.onLine = false;
      h.ws.drop();
      expect(h.socket.status).to.equal('offline');
      expect(h.clock.pending()).to.equal(0);
    });

    it('an online event while waiting to reconnect connects now', () => {
      const h = connected();
      h.ws.drop();
      h.clock.advance(500);
      FakeWebSocket.last.drop();
      expect(lastStatus(h)).to.include({ status: 'reconnecting', attempt: 2, retryInMs: 1000 });
      h.env.goOnline();
      expect(FakeWebSocket.instances).to.have.length(3);
      expect(h.socket.attempt).to.equal(0);
    });

    it('a page becoming visible while waiting to reconnect attempts now', () => {
      const h = connected();
      h.ws.drop();
      h.clock.advance(500);
      FakeWebSocket.last.drop();
      h.env.setVisibility('visible');
      expect(FakeWebSocket.instances).to.have.length(3);
      expect(lastStatus(h)).to.deep.equal({ status: 'reconnecting', previous: 'reconnecting', attempt: 2 });
      expect(h.clock.pending()).to.equal(1); // only the connect timeout; the retry timer is gone
    });

    it('does not start on an online event before connect()', () => {
      const h = setup();
      h.env.goOnline();
      expect(FakeWebSocket.instances).to.have.length(0);
      expect(h.statuses).to.deep.equal([]);
    });
  });

  describe('secrets', () => {
    it('never puts the token into any event', async () => {
      const reasons: string[] = [];
      let mode: 'reject' | 'throw-ctor' | 'ok' = 'reject';
      class ThrowingWebSocket extends FakeWebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols);
          if (mode === 'throw-ctor') throw new SyntaxError(`The URL '${url}' is invalid`);
        }
      }
      const h = setup({
        WebSocket: ThrowingWebSocket,
        maxRetries: 10,
        connectTimeoutMs: 1000,
        heartbeatMs: 1000,
        target: () =>
          mode === 'reject'
            ? Promise.reject(new Error('token secret expired'))
            : { url: URL_WITH_TOKEN, protocols: ['secret'], firstFrames: ['{"token":"secret"}'] },
      });
      h.socket.addEventListener('status', (e) => reasons.push(e.detail.reason ?? ''));
      h.socket.connect();
      await Promise.resolve();
      await Promise.resolve();
      mode = 'throw-ctor';
      h.clock.advance(h.statuses.at(-1)!.retryInMs!);
      mode = 'ok';
      h.clock.advance(h.statuses.at(-1)!.retryInMs!);
      h.clock.advance(1000); // connect timeout
      h.clock.advance(h.statuses.at(-1)!.retryInMs!);
      FakeWebSocket.last.open();
      FakeWebSocket.last.failSends = 1;
      h.socket.write('x'); // send-failed
      const codes = h.errors.map((e) => e.code);
      expect(codes).to.include.members(['target-failed', 'socket-failed', 'connect-timeout', 'send-failed']);
      expect(h.errors.find((e) => e.code === 'socket-failed')?.message).to.contain(
        'wss://clinic.test/ai/chat/ws',
      );
      expect(h.everything.length).to.be.greaterThan(10);
      for (const detail of h.everything) expect(detail).to.not.contain('secret');
      expect(reasons.join(' ')).to.not.contain('secret');
    });
  });
});
