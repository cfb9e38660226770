// The mock AI backend's fault injection (demo/server/mock-backend.js, demo/server/faults.js),
// driven from real Chromium over raw WebSockets and fetch: drop, close, refuse, half-open
// silence, garbage bursts, outages, re-delivery of a reply cut by a drop, the /probe route with
// httpRequests(), and the chaos endpoint the demo page uses (POST /__mock/chaos). Each test starts
// its own backend through the `mock-backend` server command.
import { expect } from '@open-wc/testing';
import { call, closeStarted, sockets, start, until, pause } from './support/mock-raw.js';

// Frames of several dialects, loosely typed on purpose: the tests check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Frame = Record<string, any>;

interface FaultCounts {
  total: number;
  dropAll: number;
  closeAll: number;
  refuseConnections: number;
  refused: number;
  silence: number;
  garbage: number;
  garbageFrames: number;
  stop: number;
  outage: number;
}

interface Stats {
  connectionsOpened: number;
  redelivered: number;
  open: number;
  silenced: number;
  refusing: { code: number; reason: string } | null;
  faults: FaultCounts;
}

interface Garbage {
  sent: number;
  byKind: Record<string, number>;
}

const KINDS = [
  'invalid-json',
  'wrong-types',
  'unknown-type',
  'huge',
  'deep',
  'binary',
  'empty',
  'null',
  'array',
];
/** A slow pace: a reply of N characters takes about N / 4 × 15 ms to stream. */
const SLOW = { thinkMs: 0, chunkMs: 15, chunkChars: 4 };

const cleanups: (() => void)[] = [];

/** The error message of a command that must fail ('' if it did not). */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => '',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );

const stats = (id: number) => call<Stats>(id, 'stats');

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await closeStarted();
});

/** A raw browser WebSocket that keeps every message (text or bytes) and how it closed. */
class Client {
  readonly ws: WebSocket;
  /** Every message as received: a string, or an ArrayBuffer for a binary frame. */
  readonly raw: (string | ArrayBuffer)[] = [];
  /** The messages that parsed as a JSON object. */
  readonly frames: Frame[] = [];
  closeEvent: CloseEvent | null = null;
  opened = false;

  constructor(
    url: string,
    readonly sessionId: string = crypto.randomUUID(),
  ) {
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'arraybuffer';
    sockets.push(this.ws);
    this.ws.addEventListener('open', () => (this.opened = true));
    this.ws.addEventListener('message', (e: MessageEvent<string | ArrayBuffer>) => {
      this.raw.push(e.data);
      if (typeof e.data !== 'string' || !e.data.startsWith('{')) return;
      try {
        this.frames.push(JSON.parse(e.data) as Frame);
      } catch {
        // garbage: kept in raw only
      }
    });
    this.ws.addEventListener('close', (e) => (this.closeEvent = e));
  }

  open(): Promise<boolean> {
    return until(() => this.opened || this.closeEvent, 'the socket to open').then(() => this.opened);
  }

  closed(timeout?: number): Promise<CloseEvent> {
    return until(() => this.closeEvent, 'the socket to close', timeout);
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** An envelope-dialect frame of this client's session. */
  envelope(type: string, data: Record<string, unknown>) {
    return {
      type,
      data,
      session_id: this.sessionId,
      message_id: crypto.randomUUID(),
      timestamp: new Date().toISOString(),
    };
  }

  say(content: string, feature = 'symptom_checker') {
    const frame = this.envelope('message', { content, metadata: null, ai_feature: feature });
    this.send(frame);
    return frame;
  }

  heartbeat() {
    this.send(this.envelope('heartbeat', { timestamp: new Date().toISOString() }));
  }

  ofType(type: string): Frame[] {
    return this.frames.filter((f) => f.type === type);
  }

  waitFor(type: string, n = 1, timeout?: number): Promise<Frame[]> {
    return until(
      () => {
        const found = this.ofType(type);
        return found.length >= n ? found : null;
      },
      `${n} '${type}' frame(s)`,
      timeout,
    );
  }
}

const ENVELOPE = '/ai/symptom-checker/ws?token=t';

async function connected(port: number, pathAndQuery = ENVELOPE, sessionId?: string): Promise<Client> {
  const client = new Client(`ws://127.0.0.1:${port}${pathAndQuery}`, sessionId);
  expect(await client.open(), `socket ${pathAndQuery} opened`).to.equal(true);
  return client;
}

/** Opens a socket and expects the server to accept it, then close it at once. */
async function refused(port: number, pathAndQuery = ENVELOPE): Promise<CloseEvent> {
  const client = new Client(`ws://127.0.0.1:${port}${pathAndQuery}`);
  const closed = await client.closed();
  expect(client.opened, `${pathAndQuery} accepted before closing`).to.equal(true);
  return closed;
}

/** Opens a socket and expects it not to open at all (the server is down). */
async function unreachable(port: number): Promise<void> {
  const client = new Client(`ws://127.0.0.1:${port}${ENVELOPE}`);
  expect(await client.open(), 'socket opened while the server is down').to.equal(false);
}

/** POST /__mock/chaos {op, args} -> [status, JSON body]. */
async function chaos(port: number, op: unknown, args?: unknown): Promise<[number, Frame]> {
  const response = await fetch(`http://127.0.0.1:${port}/__mock/chaos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ op, args }),
  });
  return [response.status, (await response.json()) as Frame];
}

/** Sends a message and waits for the whole reply: the socket works. */
async function chats(client: Client): Promise<void> {
  const before = client.ofType('complete').length;
  client.say('I have a headache');
  await client.waitFor('complete', before + 1);
}

/** Sends a heartbeat and waits for the answer. */
async function beats(client: Client): Promise<void> {
  const before = client.ofType('heartbeat').length;
  client.heartbeat();
  await client.waitFor('heartbeat', before + 1);
}

describe('mock backend faults: drop, close, refuse', () => {
  it('dropAll() ends every socket abruptly mid-reply (1006), and cuts an SSE reply stream', async () => {
    const { id, port } = await start({ pace: SLOW });
    await call(id, 'nextReply', 'x'.repeat(400));
    const client = await connected(port);
    const other = await connected(port, '/ws/booking?token=t');
    client.say('fever');
    await client.waitFor('chunk', 3);
    expect(await call<number>(id, 'dropAll')).to.equal(2);
    const closed = await client.closed();
    expect(closed.code).to.equal(1006);
    expect((await other.closed()).code).to.equal(1006);
    expect(client.ofType('complete')).to.have.length(0);
    expect(client.ofType('chunk').length).to.be.lessThan(100);

    // A hybrid reply stream in flight (400 characters: about 1.5 s at this pace) is cut too.
    await call(id, 'nextReply', 'y'.repeat(400));
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/chat/stream?message=hello&session_id=s1`, {
      headers: { Authorization: 'Bearer t' },
    });
    expect(response.status).to.equal(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('data:')) {
      const { value } = await reader.read();
      text += decoder.decode(value);
    }
    const droppedAt = Date.now();
    await call(id, 'dropAll');
    let ended = 'done';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    } catch {
      ended = 'error';
    }
    expect(Date.now() - droppedAt, `the stream ended (${ended}) soon after the drop`).to.be.lessThan(1000);
    expect(text).not.to.contain('[DONE]');
    expect((await stats(id)).faults.dropAll).to.equal(2);
  });

  it('closeAll(code, reason) closes every socket with them; a code a server cannot send is refused', async () => {
    const { id, port } = await start();
    const a = await connected(port);
    const b = await connected(port, '/ws/consultation?consultation_id=c1&token=t');
    expect(await call<number>(id, 'closeAll', 1011, 'internal error')).to.equal(2);
    for (const client of [a, b]) {
      const closed = await client.closed();
      expect(closed.code).to.equal(1011);
      expect(closed.reason).to.equal('internal error');
    }
    expect(await failure(call(id, 'closeAll', 1006, ''))).to.contain('not a close code');
    expect((await stats(id)).faults.closeAll).to.equal(1);
  });

  it('refuseConnections(): every new socket, any dialect, is accepted then closed with the code', async () => {
    const { id, port } = await start();
    const before = await connected(port);
    expect(await call(id, 'refuseConnections', 4401, 'nope')).to.deep.equal({
      refusing: { code: 4401, reason: 'nope' },
    });
    const paths = [
      ENVELOPE,
      '/ws/booking?token=t',
      '/api/v1/ws/chat/u1?token=t',
      '/api/v1/chat/ws',
      '/ws/consultation?consultation_id=c1&token=t',
    ];
    for (const path of paths) {
      const closed = await refused(port, path);
      expect(closed.code, path).to.equal(4401);
      expect(closed.reason, path).to.equal('nope');
    }
    // A socket opened before goes on working.
    await chats(before);
    expect(before.closeEvent).to.equal(null);

    const handshakes = await call<{ path: string; refused?: number; dialect: string }[]>(id, 'handshakes');
    expect(handshakes.map((h) => h.refused)).to.deep.equal([undefined, 4401, 4401, 4401, 4401, 4401]);
    expect(handshakes.slice(1).map((h) => h.dialect)).to.deep.equal([
      'envelope',
      'booking',
      'hybrid',
      'conversation',
      'consultation',
    ]);

    await call(id, 'refuseConnections', 1013);
    const busy = await refused(port);
    expect(busy.code).to.equal(1013);
    expect((await stats(id)).refusing).to.deep.equal({ code: 1013, reason: '' });

    expect(await call(id, 'acceptConnections')).to.deep.equal({ refusing: null });
    await chats(await connected(port));

    await call(id, 'refuseConnections', 4000, 'again');
    expect((await refused(port)).code).to.equal(4000);
    expect(await call(id, 'refuseConnections', null)).to.deep.equal({ refusing: null });
    await chats(await connected(port));

    const { faults, refusing } = await stats(id);
    expect(refusing).to.equal(null);
    expect(faults).to.include({ refuseConnections: 3, refused: 7 });
  });

  it('refuseConnections() rejects codes a server cannot send', async () => {
    const { id, port } = await start();
    for (const code of [1005, 1006, 999, 2000, 5000, 'x']) {
      expect(await failure(call(id, 'refuseConnections', code)), String(code)).to.contain('not a close code');
    }
    expect(await failure(call(id, 'refuseConnections', 4000, 'r'.repeat(124)))).to.contain('123 bytes');
    await chats(await connected(port));
    expect((await stats(id)).faults.refuseConnections).to.equal(0);
  });
});

describe('mock backend faults: half-open silence', () => {
  it('silence(): open sockets send nothing (no heartbeat or ping answers), a fresh socket works', async () => {
    const { id, port } = await start();
    const a = await connected(port);
    const b = await connected(port, '/ws/consultation?consultation_id=c1&token=t');
    expect(await call<number>(id, 'silence')).to.equal(2);
    expect(await call<number>(id, 'silenced')).to.equal(2);

    a.heartbeat();
    a.say('hello?');
    a.say('/drop');
    b.send({ type: 'ping', message_id: crypto.randomUUID(), timestamp: new Date().toISOString() });
    b.send({
      type: 'user_message',
      content: 'hello?',
      message_id: crypto.randomUUID(),
      timestamp: new Date().toISOString(),
    });
    expect(await call<number>(id, 'push', { type: 'notification', data: { body: 'hi' } })).to.equal(0);

    const fresh = await connected(port);
    await beats(fresh);
    await chats(fresh);

    const received = await call<{ connection: number; frame: Frame }[]>(id, 'received');
    expect(received.filter((r) => r.connection === 1).map((r) => r.frame.type)).to.deep.equal([
      'heartbeat',
      'message',
      'message',
    ]);
    expect(received.filter((r) => r.connection === 2).map((r) => r.frame.type)).to.deep.equal([
      'ping',
      'user_message',
    ]);
    expect((await stats(id)).silenced).to.equal(2);

    expect(await call<number>(id, 'silence', false)).to.equal(2);
    expect(await call<number>(id, 'silenced')).to.equal(0);
    await beats(a);
    b.send({ type: 'ping', message_id: crypto.randomUUID(), timestamp: new Date().toISOString() });
    await b.waitFor('pong');
    // Streams are ordered: whatever the backend wrote on these sockets while they were silenced
    // would have arrived before the answers to these probes. Only the answers came.
    expect(a.raw, 'the silenced envelope socket').to.have.length(1);
    expect(a.frames.map((f) => f.type)).to.deep.equal(['heartbeat']);
    expect(b.raw, 'the silenced consultation socket').to.have.length(1);
    expect(b.frames.map((f) => f.type)).to.deep.equal(['pong']);
    expect(a.closeEvent, 'a silenced socket is never closed').to.equal(null);
    expect(b.closeEvent).to.equal(null);
    expect((await stats(id)).faults.silence).to.equal(1);
  });

  it('silence() stops a reply mid-stream; silenced() counts only the silenced sockets still open', async () => {
    const { id, port } = await start({ pace: SLOW });
    await call(id, 'nextReply', 'z'.repeat(400));
    const a = await connected(port);
    a.say('fever');
    await a.waitFor('chunk', 2);
    await call(id, 'silence', true);
    await pause(50);
    const chunks = a.ofType('chunk').length;
    await pause(300);
    expect(a.ofType('chunk').length, 'no chunk after silence').to.equal(chunks);
    expect(chunks).to.be.lessThan(100);

    const later = await connected(port);
    expect(await call<number>(id, 'silenced')).to.equal(1);
    a.ws.close();
    await until(async () => (await call<number>(id, 'silenced')) === 0, 'the silenced socket to go');
    expect(await call<number>(id, 'connections')).to.equal(1);
    expect(later.closeEvent).to.equal(null);
  });
});

describe('mock backend faults: garbage', () => {
  it('garbage(count): every kind to every open socket, in turn; the backend stays usable', async () => {
    const { id, port } = await start();
    const a = await connected(port);
    const b = await connected(port, '/ws/booking?token=t');
    const result = await call<Garbage>(id, 'garbage', 18);
    expect(result.sent).to.equal(36);
    expect(result.byKind).to.deep.equal(Object.fromEntries(KINDS.map((k) => [k, 4])));
    await until(() => a.raw.length === 18 && b.raw.length === 18, '18 frames on each socket');

    for (const client of [a, b]) {
      for (let cycle = 0; cycle < 2; cycle++) {
        const [invalid, wrong, unknown, huge, deep, binary, empty, nullText, array] = client.raw.slice(
          cycle * 9,
          cycle * 9 + 9,
        );
        expect(invalid).to.be.a('string');
        expect(() => JSON.parse(invalid as string), `invalid-json ${String(invalid)}`).to.throw();
        const wrongFrame = JSON.parse(wrong as string) as Frame;
        expect(JSON.parse(unknown as string).type).to.match(/^x_unknown_/);
        expect((huge as string).length).to.be.greaterThan(2_000_000);
        expect((JSON.parse(huge as string) as Frame).data.content).to.have.length(2 * 1024 * 1024);
        expect(deep).to.have.length(200_000);
        expect((deep as string).startsWith('['.repeat(1000))).to.equal(true);
        expect((deep as string).endsWith(']'.repeat(1000))).to.equal(true);
        expect(binary).to.be.instanceOf(ArrayBuffer);
        expect((binary as ArrayBuffer).byteLength).to.be.greaterThan(0);
        expect([empty, nullText, array]).to.deep.equal(['', 'null', '[1,2]']);
        if (client === a) {
          expect(['chunk', 'complete', 'typing', 'error']).to.include(wrongFrame.type);
          expect(typeof wrongFrame.session_id).not.to.equal('string');
        } else {
          expect(['message', 'doctors', 'time_slots', 'booking_confirmation']).to.include(wrongFrame.type);
        }
      }
    }

    expect(a.closeEvent).to.equal(null);
    expect(b.closeEvent).to.equal(null);
    await chats(a);
    await beats(a);
    await chats(await connected(port));
    const { faults, open } = await stats(id);
    expect(open).to.equal(3);
    expect(faults).to.include({ garbage: 1, garbageFrames: 36, total: 1 });
  });

  it('garbage(count, kinds) cycles through the kinds chosen; bad kinds and counts are refused', async () => {
    const { id, port } = await start();
    expect(await call<Garbage>(id, 'garbage', 3)).to.deep.equal({
      sent: 0,
      byKind: Object.fromEntries(KINDS.map((k) => [k, 0])),
    });
    const client = await connected(port);
    expect(await call<Garbage>(id, 'garbage', 5, ['binary', 'null'])).to.deep.equal({
      sent: 5,
      byKind: { binary: 3, null: 2 },
    });
    await until(() => client.raw.length === 5, 'five frames');
    expect(client.raw.map((m) => (m instanceof ArrayBuffer ? 'bytes' : m))).to.deep.equal([
      'bytes',
      'null',
      'bytes',
      'null',
      'bytes',
    ]);
    expect(await failure(call(id, 'garbage', 1, ['nope']))).to.contain('unknown garbage kind');
    expect(await failure(call(id, 'garbage', -1))).to.contain('count');
    expect(await failure(call(id, 'garbage', 1.5))).to.contain('count');
    expect(await failure(call(id, 'garbage', 20_000))).to.contain('count');
    expect((await stats(id)).faults).to.include({ garbage: 2, garbageFrames: 5 });
  });

  it('a long burst yields to the event loop: the backend answers while it is sent', async () => {
    const { id, port } = await start();
    const client = await connected(port);
    let ended = false;
    const burst = call<Garbage>(id, 'garbage', 10_000, ['array']).then((result) => ((ended = true), result));
    // Stats asked while the burst runs are answered at once, the burst part-way: it yields.
    let during: Stats | undefined;
    const deadline = Date.now() + 8000;
    while (!ended && Date.now() < deadline) {
      const now = await stats(id);
      if (now.faults.garbage === 1 && now.faults.garbageFrames < 10_000) {
        during = now;
        break;
      }
      await pause(0);
    }
    const result = await burst;
    expect(result.sent).to.equal(10_000);
    expect(during, 'stats answered after the burst started and before it ended').to.not.equal(undefined);
    await until(() => client.raw.length === 10_000, 'every frame', 8000);
    await chats(client);
  });
});

describe('mock backend faults: re-delivery (envelope, option redeliver)', () => {
  it('a reply cut by a drop comes back once, whole, as one complete with the same message_id', async () => {
    const { id, port } = await start({ redeliver: true, pace: SLOW });
    const text = '## Rest\n\nDrink water and rest. '.repeat(10);
    const analysis = { recommended_specialties: ['General Practice'], urgency_level: 'low' };
    await call(id, 'nextReply', text, { analysis });
    const first = await connected(port);
    first.say('fever');
    const chunks = await first.waitFor('chunk', 3);
    await call(id, 'dropAll');
    await first.closed();
    expect(first.ofType('complete')).to.have.length(0);
    const replyId = chunks[0].message_id as string;

    const second = await connected(port, ENVELOPE, first.sessionId);
    second.heartbeat();
    await second.waitFor('heartbeat');
    expect(second.frames.map((f) => f.type)).to.deep.equal(['complete', 'heartbeat']);
    const [complete] = second.frames;
    expect(complete.message_id).to.equal(replyId);
    expect(complete.session_id).to.equal(first.sessionId);
    expect(complete.data.content).to.equal(text);
    expect(complete.data.analysis).to.deep.equal(analysis);

    const third = await connected(port, ENVELOPE, first.sessionId);
    await beats(third);
    expect(third.ofType('complete'), 'once only').to.have.length(0);
    expect((await stats(id)).redelivered).to.equal(1);
    expect(await call(id, 'redeliveries')).to.deep.equal([
      { connection: 2, session_id: first.sessionId, message_id: replyId, length: text.length },
    ]);
  });

  it('finds the session by the `session` query parameter, after a /drop, and not for other sessions', async () => {
    const { id, port } = await start({ redeliver: true, pace: SLOW });
    const text = 'A reply long enough to be cut by the drop hook, in several chunks. '.repeat(3);
    await call(id, 'nextReply', text);
    const first = await connected(port);
    first.say('/drop');
    expect((await first.closed()).code).to.equal(1006);
    const replyId = first.ofType('chunk')[0].message_id as string;

    const stranger = await connected(port);
    await beats(stranger);
    expect(stranger.ofType('complete'), 'another session').to.have.length(0);

    const back = await connected(port, `${ENVELOPE}&session=${first.sessionId}`);
    back.heartbeat(); // its own session_id differs: the query parameter wins
    await back.waitFor('heartbeat');
    expect(back.frames[0]).to.include({ type: 'complete', message_id: replyId, session_id: first.sessionId });
    expect(back.frames[0].data.content).to.equal(text);
    expect((await stats(id)).redelivered).to.equal(1);
  });

  it('in message auth mode, re-delivers right after `authenticated`', async () => {
    const { port } = await start({ redeliver: true, pace: SLOW });
    const first = await connected(port, '/chat/ws');
    first.send(first.envelope('auth', { token: 'good' }));
    await first.waitFor('status');
    first.say('/drop', 'chat');
    expect((await first.closed()).code).to.equal(1006);
    const replyId = first.ofType('chunk')[0].message_id as string;
    const cut = first
      .ofType('chunk')
      .map((c) => c.data.content)
      .join('');

    const second = await connected(port, '/chat/ws', first.sessionId);
    second.heartbeat(); // before auth: a violation, not answered, nothing re-delivered
    second.send(second.envelope('auth', { token: 'good' }));
    await second.waitFor('complete');
    expect(second.frames.map((f) => f.type)).to.deep.equal(['status', 'complete']);
    expect(second.frames[1].message_id).to.equal(replyId);
    expect(second.frames[1].data.content.startsWith(cut)).to.equal(true);
    expect(second.frames[1].data.content.length).to.be.greaterThan(cut.length);
  });

  it('without the option, nothing is re-delivered', async () => {
    const { id, port } = await start({ pace: SLOW });
    await call(id, 'nextReply', 'w'.repeat(300));
    const first = await connected(port);
    first.say('fever');
    await first.waitFor('chunk', 2);
    await call(id, 'dropAll');
    await first.closed();
    const second = await connected(port, ENVELOPE, first.sessionId);
    await beats(second);
    expect(second.frames.map((f) => f.type)).to.deep.equal(['heartbeat']);
    expect((await stats(id)).redelivered).to.equal(0);
  });
});

describe('mock backend faults: outage', () => {
  it('outage(ms) on its own server: stop, then listen again on the same port', async () => {
    const { id, port } = await start();
    const client = await connected(port);
    const outage = await call<{ mode: string; ms: number; until: string }>(id, 'outage', 600);
    expect(outage).to.include({ mode: 'stop', ms: 600 });
    expect(Date.parse(outage.until)).to.be.greaterThan(Date.now());
    expect((await client.closed()).code).to.equal(1006);
    await unreachable(port);
    const back = await until(
      async () => {
        const c = new Client(`ws://127.0.0.1:${port}${ENVELOPE}`);
        return (await c.open()) ? c : null;
      },
      'the server to come back',
      4000,
    );
    await chats(back);
    expect((await stats(id)).faults).to.include({ outage: 1, stop: 0, total: 1 });
  });

  it("outage(ms, 'refuse') (as attached to Vite): drops, closes new sockets with 1012, then restores", async () => {
    const { id, port } = await start();
    const client = await connected(port);
    expect(await call(id, 'outage', 500, 'refuse')).to.include({ mode: 'refuse', ms: 500 });
    expect((await client.closed()).code).to.equal(1006);
    const during = await refused(port);
    expect(during.code).to.equal(1012);
    expect(during.reason).to.equal('service restart');
    await until(async () => (await stats(id)).refusing === null, 'the outage to end', 3000);
    await chats(await connected(port));

    // A refusal in force before the outage is back after it.
    await call(id, 'refuseConnections', 4403, 'denied');
    await call(id, 'outage', 100, 'refuse');
    expect((await refused(port)).code).to.equal(1012);
    await until(async () => (await stats(id)).refusing?.code === 4403, 'the outage to end', 3000);
    expect((await refused(port)).code).to.equal(4403);
    expect(await failure(call(id, 'outage', -5))).to.contain('outage ms');
    expect((await stats(id)).faults).to.include({ outage: 2, refuseConnections: 1 });
  });

  it('restart() ends an outage early; stop() counts as a fault, close() does not', async () => {
    const { id, port } = await start();
    await call(id, 'outage', 60_000);
    await unreachable(port);
    await call(id, 'restart');
    await chats(await connected(port));
    await call(id, 'stop');
    await unreachable(port);
    await call(id, 'restart');
    await chats(await connected(port));
    expect((await stats(id)).faults).to.include({ outage: 1, stop: 1, total: 2 });
  });
});

describe('mock backend faults: /probe and httpRequests()', () => {
  it('answers GET /probe/* with 204 no-store and lists every request, secrets redacted', async () => {
    const { id, port } = await start();
    const base = `http://127.0.0.1:${port}`;
    const probe = await fetch(`${base}/probe/first.png?x=1&token=secret`);
    expect(probe.status).to.equal(204);
    expect(probe.headers.get('cache-control')).to.equal('no-store');

    // What a markdown image does: the browser fetches it (and fails on the empty answer).
    const img = document.createElement('img');
    cleanups.push(() => img.remove());
    const loaded = new Promise((resolve) => {
      img.addEventListener('error', () => resolve('error'));
      img.addEventListener('load', () => resolve('load'));
    });
    img.src = `${base}/probe/image.png?n=2`;
    document.body.append(img);
    expect(await loaded).to.equal('error');

    expect((await fetch(`${base}/probe/x`, { method: 'POST' })).status).to.equal(405);
    // No CORS headers on these two: an opaque answer, but the request reached the backend.
    await fetch(`${base}/health`, { mode: 'no-cors' });
    await fetch(`${base}/nowhere?a=b`, { mode: 'no-cors' });
    expect(await call(id, 'httpRequests')).to.deep.equal([
      { method: 'GET', path: '/probe/first.png', query: { x: '1', token: 6 } },
      { method: 'GET', path: '/probe/image.png', query: { n: '2' } },
      { method: 'POST', path: '/probe/x', query: {} },
      { method: 'GET', path: '/health', query: {} },
      { method: 'GET', path: '/nowhere', query: { a: 'b' } },
    ]);
    expect(await call(id, 'reset')).to.equal(true);
    expect(await call(id, 'httpRequests')).to.deep.equal([]);
  });
});

describe('mock backend faults: the chaos endpoint (POST /__mock/chaos)', () => {
  it('runs each fault op and answers {ok, result}', async () => {
    const { id, port } = await start({ chaosEndpoint: true });
    const a = await connected(port);
    expect(await chaos(port, 'dropAll')).to.deep.equal([200, { ok: true, result: 1 }]);
    expect((await a.closed()).code).to.equal(1006);

    const b = await connected(port);
    expect(await chaos(port, 'closeAll', { code: 1011, reason: 'internal error' })).to.deep.equal([
      200,
      { ok: true, result: 1 },
    ]);
    expect((await b.closed()).code).to.equal(1011);

    expect(await chaos(port, 'refuseConnections', { code: 1013, reason: 'busy' })).to.deep.equal([
      200,
      { ok: true, result: { refusing: { code: 1013, reason: 'busy' } } },
    ]);
    expect((await refused(port)).reason).to.equal('busy');
    expect(await chaos(port, 'refuseConnections', [4401])).to.deep.equal([
      200,
      { ok: true, result: { refusing: { code: 4401, reason: '' } } },
    ]);
    expect((await refused(port)).code).to.equal(4401);
    expect(await chaos(port, 'acceptConnections')).to.deep.equal([
      200,
      { ok: true, result: { refusing: null } },
    ]);
    const c = await connected(port);
    await chats(c);

    expect(await chaos(port, 'silence', { on: true })).to.deep.equal([200, { ok: true, result: 1 }]);
    const heard = c.raw.length;
    const seen = (await call<unknown[]>(id, 'received')).length;
    c.heartbeat();
    await until(async () => (await call<unknown[]>(id, 'received')).length > seen, 'the backend has it');
    expect(await chaos(port, 'silence', { on: false })).to.deep.equal([200, { ok: true, result: 1 }]);
    await beats(c);
    // Streams are ordered: an answer to the heartbeat sent while silent would have come before
    // the probe's. Only the probe's came.
    expect(c.raw.length, 'no heartbeat answer while silent').to.equal(heard + 1);

    const [status, body] = await chaos(port, 'garbage', { count: 9 });
    expect(status).to.equal(200);
    expect(body).to.deep.equal({
      ok: true,
      result: { sent: 9, byKind: Object.fromEntries(KINDS.map((k) => [k, 1])) },
    });
    const [, nulls] = await chaos(port, 'garbage', [3, ['null']]);
    expect(nulls.result).to.deep.equal({ sent: 3, byKind: { null: 3 } });
    const garbageFrom = heard + 1;
    await until(() => c.raw.length === garbageFrom + 12, 'the garbage');
    expect(c.raw.slice(-3)).to.deep.equal(['null', 'null', 'null']);

    const { faults } = await stats(id);
    expect(faults).to.deep.equal({
      total: 7,
      dropAll: 1,
      closeAll: 1,
      refuseConnections: 2,
      refused: 2,
      silence: 1,
      garbage: 2,
      garbageFrames: 12,
      stop: 0,
      outage: 0,
    });
    const requests = await call<{ method: string; path: string }[]>(id, 'httpRequests');
    expect(requests.filter((r) => r.path === '/__mock/chaos' && r.method === 'POST')).to.have.length(9);
  });

  it('outage {ms}: answers, then stops its own server and comes back', async () => {
    const { id, port } = await start({ chaosEndpoint: true });
    const client = await connected(port);
    const [status, body] = await chaos(port, 'outage', { ms: 600 });
    expect(status).to.equal(200);
    expect(body.ok).to.equal(true);
    expect(body.result).to.include({ mode: 'stop', ms: 600 });
    expect((await client.closed()).code).to.equal(1006);
    await unreachable(port);
    // An opaque (no-cors) fetch fails only when nothing listens.
    const health = () => fetch(`http://127.0.0.1:${port}/health`, { mode: 'no-cors' });
    expect(await failure(health())).to.contain('Failed to fetch');
    await until(
      () =>
        health().then(
          () => true,
          () => false,
        ),
      'the server to come back',
      4000,
    );
    await chats(await connected(port));
    expect((await stats(id)).faults.outage).to.equal(1);
  });

  it('refuses other ops (400), bad bodies (400) and other methods (405)', async () => {
    const { id, port } = await start({ chaosEndpoint: true });
    const client = await connected(port);
    for (const op of [
      'stop',
      'close',
      'restart',
      'nextReply',
      'setOptions',
      'constructor',
      '__proto__',
      42,
    ]) {
      const [status, body] = await chaos(port, op);
      expect(status, String(op)).to.equal(400);
      expect(body.ok).to.equal(false);
      expect(body.error).to.contain('op must be one of');
    }
    const [noOp] = await chaos(port, undefined);
    expect(noOp).to.equal(400);
    const [badArgs, badBody] = await chaos(port, 'garbage', { count: 5, kinds: ['nope'] });
    expect(badArgs).to.equal(400);
    expect(badBody.error).to.contain('unknown garbage kind');
    const [badCode] = await chaos(port, 'closeAll', { code: 1006 });
    expect(badCode).to.equal(400);

    const url = `http://127.0.0.1:${port}/__mock/chaos`;
    const notJson = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{op',
    });
    expect(notJson.status).to.equal(400);
    expect((await fetch(url)).status).to.equal(405);

    // None of them did anything.
    expect(client.closeEvent).to.equal(null);
    expect(client.raw).to.have.length(0);
    await chats(client);
    expect((await stats(id)).faults.total).to.equal(0);
  });

  it('is not served without the chaosEndpoint option', async () => {
    const { id, port } = await start();
    const client = await connected(port);
    // A plain 404 without CORS headers: the page cannot even read it.
    const outcome = await failure(
      fetch(`http://127.0.0.1:${port}/__mock/chaos`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ op: 'dropAll' }),
      }),
    );
    expect(outcome).not.to.equal('');
    expect(await call(id, 'httpRequests')).to.deep.equal([
      { method: 'POST', path: '/__mock/chaos', query: {} },
    ]);
    await chats(client);
    expect(client.closeEvent).to.equal(null);
    expect((await stats(id)).faults.dropAll).to.equal(0);
  });
});
