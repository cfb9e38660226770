// The mock AI backend (demo/server/), driven over real WebSockets from real Chromium. Each test
// starts its own backend on an ephemeral port through the `mock-backend` server command.
import { expect } from '@open-wc/testing';
import { call, closeStarted, sockets, start, until } from './support/mock-raw.js';

interface Frame {
  type: string;
  data: Record<string, unknown>;
  session_id: string | null;
  message_id: string;
  timestamp: string;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(async () => {
  await closeStarted();
});

/** A raw browser WebSocket that keeps every frame it receives and how it closed. */
class Client {
  readonly ws: WebSocket;
  readonly frames: Frame[] = [];
  readonly raw: string[] = [];
  closeEvent: CloseEvent | null = null;
  opened = false;
  readonly sessionId = crypto.randomUUID();

  constructor(url: string, protocols?: string[]) {
    this.ws = new WebSocket(url, protocols);
    sockets.push(this.ws);
    this.ws.addEventListener('open', () => (this.opened = true));
    this.ws.addEventListener('message', (e: MessageEvent<string>) => {
      this.raw.push(e.data);
      if (e.data.startsWith('{')) this.frames.push(JSON.parse(e.data) as Frame);
    });
    this.ws.addEventListener('close', (e) => (this.closeEvent = e));
  }

  open(): Promise<boolean> {
    return until(() => this.opened || this.closeEvent, 'the socket to open').then(() => this.opened);
  }

  closed(): Promise<CloseEvent> {
    return until(() => this.closeEvent, 'the socket to close');
  }

  envelope(type: string, data: Record<string, unknown>, messageId: string = crypto.randomUUID()) {
    return {
      type,
      data,
      session_id: this.sessionId,
      message_id: messageId,
      timestamp: new Date().toISOString(),
    };
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Sends a user message; returns its envelope. */
  say(content: string, feature = 'symptom_checker', messageId?: string) {
    const frame = this.envelope('message', { content, metadata: null, ai_feature: feature }, messageId);
    this.send(frame);
    return frame;
  }

  ofType(type: string): Frame[] {
    return this.frames.filter((f) => f.type === type);
  }

  /** Waits until `n` frames of a type have arrived. */
  waitFor(type: string, n = 1): Promise<Frame[]> {
    return until(() => {
      const found = this.ofType(type);
      return found.length >= n ? found : null;
    }, `${n} '${type}' frame(s)`);
  }
}

const wsUrl = (port: number, path = '/ai/symptom-checker/ws', query = '?token=t') =>
  `ws://127.0.0.1:${port}${path}${query}`;

async function connected(port: number, path?: string, query?: string): Promise<Client> {
  const client = new Client(wsUrl(port, path, query));
  expect(await client.open(), 'socket opened').to.equal(true);
  return client;
}

describe('mock backend: envelope dialect', () => {
  it('streams a reply: typing, chunks under one reply id, complete with analysis, typing off', async () => {
    const { id, port } = await start();
    const text = '## Triage\n\n- **Rest**\n- Drink water\n\n> Not a diagnosis.';
    await call(id, 'nextReply', text);
    const client = await connected(port);
    const sent = client.say('I have a fever since yesterday');
    await client.waitFor('complete');
    await until(() => client.ofType('typing').length >= 2, 'typing off');

    const types = client.frames.map((f) => f.type);
    const chunks = client.ofType('chunk');
    expect(types[0]).to.equal('typing');
    expect(client.frames[0].data).to.deep.equal({ is_typing: true });
    expect(types.slice(1, 1 + chunks.length).every((t) => t === 'chunk')).to.equal(true);
    expect(types.slice(1 + chunks.length)).to.deep.equal(['complete', 'typing']);
    expect(client.frames.at(-1)?.data).to.deep.equal({ is_typing: false });
    expect(chunks.length).to.be.greaterThan(1);
    expect(chunks.map((c) => c.data.content).join('')).to.equal(text);

    const replyIds = new Set(chunks.map((c) => c.message_id));
    expect(replyIds.size).to.equal(1);
    const [replyId] = replyIds;
    expect(replyId).to.match(UUID_V4);
    expect(replyId).not.to.equal(sent.message_id);
    const complete = client.ofType('complete')[0];
    expect(complete.message_id).to.equal(replyId);
    expect(complete.data.analysis).to.deep.equal({
      recommended_specialties: ['General Practice', 'Infectious Disease'],
      urgency_level: 'medium',
    });
    for (const frame of client.frames) {
      expect(frame.session_id).to.equal(client.sessionId);
      expect(frame.timestamp).to.match(ISO_UTC);
    }
  });

  it('picks urgency from keywords and writes a realistic markdown triage answer', async () => {
    const { port } = await start();
    const client = await connected(port);
    client.say('Sudden chest pain and I feel sick');
    const [complete] = await client.waitFor('complete');
    const markdown = client
      .ofType('chunk')
      .map((c) => c.data.content)
      .join('');
    expect((complete.data.analysis as { urgency_level: string }).urgency_level).to.equal('emergency');
    expect(markdown).to.match(/^## /);
    expect(markdown).to.contain('### When to seek care');
    expect(markdown).to.contain('not a diagnosis');
  });

  it('sends recommendations on complete for doctor_recommendation', async () => {
    const { port } = await start();
    const client = await connected(port, '/ai/doctor-recommendation/ws');
    client.say('Who should I see about my skin rash?', 'doctor_recommendation');
    const [complete] = await client.waitFor('complete');
    const doctors = complete.data.recommendations as {
      id: string;
      name: string;
      specialty: string;
      rating: number;
      next_available: string;
    }[];
    expect(doctors.length).to.be.greaterThan(0);
    expect(doctors[0].specialty).to.equal('Dermatology');
    for (const d of doctors) {
      expect(d.id).to.be.a('string');
      expect(d.name).to.match(/^Dr\. /);
      expect(d.rating).to.be.within(0, 5);
      expect(d.next_available).to.match(ISO_UTC);
    }
    expect(complete.data.analysis).to.equal(undefined);
  });

  it('passes nextReply extras through on complete', async () => {
    const { id, port } = await start();
    const analysis = { recommended_specialties: ['Cardiology'], urgency_level: 'high' };
    await call(id, 'nextReply', 'Scripted.', { analysis, extra: 1 });
    const client = await connected(port);
    client.say('hello');
    const [complete] = await client.waitFor('complete');
    expect(complete.data.analysis).to.deep.equal(analysis);
    expect(complete.data.extra).to.equal(1);
  });

  it('answers a heartbeat with a heartbeat', async () => {
    const { port } = await start();
    const client = await connected(port);
    client.send(client.envelope('heartbeat', { timestamp: new Date().toISOString() }));
    const [beat] = await client.waitFor('heartbeat');
    expect(beat.data.timestamp).to.match(ISO_UTC);
    expect(beat.message_id).to.match(UUID_V4);
  });

  it('does not answer heartbeats when heartbeatReply is off', async () => {
    const { port } = await start({ heartbeatReply: false });
    const client = await connected(port);
    client.send(client.envelope('heartbeat', { timestamp: new Date().toISOString() }));
    client.say('hi');
    await client.waitFor('complete');
    expect(client.ofType('heartbeat')).to.have.length(0);
  });

  it('closes with 4401 for a refused token, after accepting the socket', async () => {
    const { id, port } = await start();
    const client = new Client(wsUrl(port, '/ai/faq/ws', '?token=expired'));
    const closed = await client.closed();
    expect(client.opened).to.equal(true);
    expect(closed.code).to.equal(4401);
    expect(closed.reason).to.equal('token refused');

    await call(id, 'setOptions', { refusedTokens: ['t'] });
    const again = new Client(wsUrl(port));
    expect((await again.closed()).code).to.equal(4401);
  });

  it('authenticates with a first auth frame in message mode; frames before it are violations', async () => {
    const { id, port } = await start();
    const client = await connected(port, '/ai/symptom-checker/ws', '');
    client.say('too early');
    await until(async () => (await call<string[]>(id, 'violations')).length, 'a violation');
    expect(await call<string[]>(id, 'violations')).to.deep.equal([
      "#1: 'message' frame before 'auth' (message auth mode)",
    ]);

    client.send(client.envelope('auth', { token: 'good-token' }));
    const [status] = await client.waitFor('status');
    expect(status.data.status).to.equal('authenticated');
    client.say('I have a cough');
    await client.waitFor('complete');
    expect(client.ofType('complete')).to.have.length(1);
    expect(client.closeEvent).to.equal(null);
    const [handshake] = await call<{ auth: string; query: object }[]>(id, 'handshakes');
    expect(handshake.auth).to.equal('message');
    expect(handshake.query).to.deep.equal({});
  });

  it('closes with 4401 when the auth frame carries a refused token', async () => {
    const { port } = await start();
    const client = await connected(port, '/chat/ws', '');
    client.send(client.envelope('auth', { token: 'revoked' }));
    expect((await client.closed()).code).to.equal(4401);
    expect(client.ofType('status')).to.have.length(0);
  });

  it('takes the token from Sec-WebSocket-Protocol and selects the bearer protocol', async () => {
    const { id, port } = await start();
    const client = new Client(wsUrl(port, '/ai/faq/ws', ''), ['bearer', 'good-token']);
    expect(await client.open()).to.equal(true);
    expect(client.ws.protocol).to.equal('bearer');
    client.say('What are your opening hours?', 'faq');
    await client.waitFor('complete');
    const markdown = client
      .ofType('chunk')
      .map((c) => c.data.content)
      .join('');
    expect(markdown).to.contain('| Day | Opening hours |');
    const [handshake] = await call<{ protocol: string; auth: string }[]>(id, 'handshakes');
    expect(handshake).to.include({ protocol: 'bearer', auth: 'protocol' });

    const refused = new Client(wsUrl(port, '/ai/faq/ws', ''), ['bearer', 'invalid']);
    expect((await refused.closed()).code).to.equal(4401);
  });

  it('records the handshake with the token replaced by its length', async () => {
    const { id, port } = await start();
    await connected(port, '/ai/booking-assistant/ws', '?token=secret-token&lang=en');
    const handshakes = await call<{ path: string; query: Record<string, unknown> }[]>(id, 'handshakes');
    expect(handshakes).to.have.length(1);
    expect(handshakes[0].path).to.equal('/ai/booking-assistant/ws');
    expect(handshakes[0].query).to.deep.equal({ token: 12, lang: 'en' });
    expect(JSON.stringify(handshakes)).not.to.contain('secret-token');
  });

  it('records every client frame and no violation for valid ones', async () => {
    const { id, port } = await start();
    const client = await connected(port);
    const message = client.say('headache');
    const beat = client.envelope('heartbeat', { timestamp: new Date().toISOString() });
    client.send(beat);
    const subscribe = client.envelope('subscribe', { topic: 'appointments' });
    client.send(subscribe);
    await client.waitFor('complete');
    const received = await call<{ connection: number; frame: unknown }[]>(id, 'received');
    expect(received).to.deep.equal([
      { connection: 1, frame: message },
      { connection: 1, frame: beat },
      { connection: 1, frame: subscribe },
    ]);
    expect(await call<string[]>(id, 'violations')).to.deep.equal([]);
  });

  it('records violations for malformed client frames', async () => {
    const { id, port } = await start();
    const client = await connected(port);
    client.send('not json');
    client.send({
      ...client.envelope('message', { content: 'x', metadata: null, ai_feature: 'symptom_checker' }),
      message_id: '1234',
    });
    client.send({
      ...client.envelope('heartbeat', { timestamp: new Date().toISOString() }),
      timestamp: '21/11/2026 10:00',
    });
    client.send({ type: 'message', data: 'hello' });
    client.send(client.envelope('shout', {}));
    client.send(client.envelope('message', { content: 42, ai_feature: 'symptom_checker' }));
    const violations = await until(async () => {
      const v = await call<string[]>(id, 'violations');
      return v.length >= 10 ? v : null;
    }, 'the violations');
    const all = violations.join('\n');
    expect(all).to.contain('frame is not JSON: not json');
    expect(all).to.contain(`message_id is not a UUID v4: "1234"`);
    expect(all).to.contain(`'heartbeat' frame: timestamp is not ISO 8601 UTC`);
    expect(all).to.contain(`'message' frame: session_id is not a string`);
    expect(all).to.contain(`'message' frame: data is not an object`);
    expect(all).to.contain(`unknown client frame type "shout"`);
    expect(all).to.contain(`data.content is not a string: 42`);
    expect(all).to.contain(`data.metadata is not null or an object`);
    expect(violations.every((v) => v.startsWith('#1: '))).to.equal(true);
  });

  it('flags a message whose ai_feature is not the socket feature', async () => {
    const { id, port } = await start();
    const client = await connected(port);
    client.say('opening hours?', 'faq');
    await client.waitFor('complete');
    expect(await call<string[]>(id, 'violations')).to.deep.equal([
      `#1: 'message' frame: ai_feature "faq" on the socket of feature 'symptom_checker'`,
    ]);
  });

  it('answers a message resent with the same message_id once; on another socket it replays that reply', async () => {
    const { id, port } = await start({ echo: true });
    /** The text of every chunk a client got, in order. */
    const text = (c: Client) =>
      c
        .ofType('chunk')
        .map((f) => f.data.content)
        .join('');
    const first = await connected(port);
    const sent = first.say('I have a sore throat');
    first.send(sent);
    // Probes written after the resends: the socket answers one message after the other, so
    // anything a resend would get comes before the probe's reply.
    first.say('and a cough');
    await until(
      () => text(first).includes('Re: and a cough') && first.ofType('complete').length >= 2,
      'probe',
    );
    expect(first.ofType('complete')).to.have.length(2);
    const [reply] = first.ofType('complete');
    const whole = text(first).slice(0, text(first).indexOf('Re: and a cough'));
    first.ws.close();

    // Resent on another socket (its reply was lost with the first one): the same reply, whole,
    // under the same id, as one complete; never a new answer.
    const second = await connected(port);
    second.send(sent);
    second.say('and a fever');
    await until(
      () => text(second).includes('Re: and a fever') && second.ofType('complete').length >= 2,
      'probe',
    );
    const [again, fever] = second.ofType('complete');
    expect(again!.message_id).to.equal(reply!.message_id);
    expect(again!.data.content).to.equal(whole);
    expect(fever!.message_id).to.not.equal(reply!.message_id);
    expect(second.ofType('complete')).to.have.length(2);
    const stats = await call<{ messages: number; duplicates: number }>(id, 'stats');
    expect(stats).to.include({ messages: 5, duplicates: 2 });
  });

  it('streams one reply at a time per connection', async () => {
    const { id, port } = await start();
    await call(id, 'nextReply', 'First reply, long enough for several chunks.');
    await call(id, 'nextReply', 'Second reply, also long enough for chunks.');
    const client = await connected(port);
    client.say('one');
    client.say('two');
    await client.waitFor('complete', 2);
    const ids = client.frames
      .filter((f) => f.type === 'chunk' || f.type === 'complete')
      .map((f) => f.message_id);
    const firstId = ids[0];
    const switchAt = ids.findIndex((m) => m !== firstId);
    expect(switchAt).to.be.greaterThan(0);
    expect(ids.slice(switchAt).every((m) => m !== firstId)).to.equal(true);
    const [c1, c2] = client.ofType('complete');
    const text = (replyId: string) =>
      client
        .ofType('chunk')
        .filter((c) => c.message_id === replyId)
        .map((c) => c.data.content)
        .join('');
    expect(text(c1.message_id)).to.equal('First reply, long enough for several chunks.');
    expect(text(c2.message_id)).to.equal('Second reply, also long enough for chunks.');
  });

  it('test hook /error: an error frame mid-reply and no complete', async () => {
    const { port } = await start();
    const client = await connected(port);
    client.say('/error');
    const [error] = await client.waitFor('error');
    await until(() => client.ofType('typing').length >= 2, 'typing off');
    expect(error.data).to.deep.equal({ error: 'The AI service is temporarily unavailable.' });
    const chunks = client.ofType('chunk');
    expect(chunks.length).to.be.greaterThan(0);
    expect(chunks.every((c) => c.message_id === error.message_id)).to.equal(true);
    expect(client.ofType('complete')).to.have.length(0);
    expect(client.frames.at(-1)?.data).to.deep.equal({ is_typing: false });
  });

  it('test hooks /long, /status and /history', async () => {
    const { port } = await start();
    const client = await connected(port, '/chat/ws');
    client.say('/long', 'chat');
    await client.waitFor('complete');
    const long = client
      .ofType('chunk')
      .map((c) => c.data.content)
      .join('');
    expect(long.length).to.be.within(7500, 10000);

    client.say('/status', 'chat');
    const [status] = await client.waitFor('status');
    const [notification] = await client.waitFor('notification');
    expect(status.data.message).to.be.a('string');
    expect(notification.data.body).to.be.a('string');

    client.say('/history', 'chat');
    const history = await client.waitFor('message', 2);
    expect(history).to.have.length(2);
    expect(history[0].data.id).to.equal(history[1].data.id);
    expect(history[0].data).to.include({ type: 'ai', session_id: client.sessionId });
    expect(history[0].data.content).to.be.a('string');
  });

  it('test hook /drop: part of a reply, then the socket ends without a close frame', async () => {
    const { port } = await start();
    const client = await connected(port);
    client.say('/drop');
    const closed = await client.closed();
    expect(closed.code).to.equal(1006);
    expect(client.ofType('chunk').length).to.be.greaterThan(0);
    expect(client.ofType('complete')).to.have.length(0);
  });
});

describe('mock backend: control', () => {
  it('push() sends a frame to every open socket', async () => {
    const { id, port } = await start();
    const a = await connected(port);
    const b = await connected(port, '/chat/ws');
    const frame = { type: 'notification', data: { body: 'Clinic closes early today' } };
    expect(await call<number>(id, 'push', frame)).to.equal(2);
    await a.waitFor('notification');
    await b.waitFor('notification');
    expect(a.raw).to.have.length(1);
    expect(JSON.parse(a.raw[0])).to.deep.equal(frame);
    await call(id, 'push', 'plain text, as is');
    await until(() => b.raw.length === 2, 'the raw string');
    expect(b.raw[1]).to.equal('plain text, as is');
  });

  it('connections() counts open sockets', async () => {
    const { id, port } = await start();
    expect(await call<number>(id, 'connections')).to.equal(0);
    const a = await connected(port);
    await connected(port);
    expect(await call<number>(id, 'connections')).to.equal(2);
    a.ws.close();
    await until(async () => (await call<number>(id, 'connections')) === 1, 'one socket left');
  });

  it('dropAll() ends every socket abruptly (1006)', async () => {
    const { id, port } = await start();
    const client = await connected(port);
    await call(id, 'dropAll');
    const closed = await client.closed();
    expect(closed.code).to.equal(1006);
    expect(closed.wasClean).to.equal(false);
  });

  it('closeAll() closes every socket with a code and reason', async () => {
    const { id, port } = await start();
    const client = await connected(port);
    await call(id, 'closeAll', 4403, 'access denied');
    const closed = await client.closed();
    expect(closed.code).to.equal(4403);
    expect(closed.reason).to.equal('access denied');
  });

  it('stop() refuses connections; restart() accepts again on the same port', async () => {
    const { id, port } = await start();
    const client = await connected(port);
    await call(id, 'stop');
    expect((await client.closed()).code).to.equal(1006);

    const refused = new Client(wsUrl(port));
    expect(await refused.open()).to.equal(false);

    await call(id, 'restart');
    const again = await connected(port);
    again.say('hello again');
    await again.waitFor('complete');
    expect(again.ofType('complete')).to.have.length(1);
  });

  it('setOptions() changes the pace live', async () => {
    const { id, port } = await start();
    await call(id, 'setOptions', { pace: { thinkMs: 0, chunkMs: 0, chunkChars: 1000 } });
    await call(id, 'nextReply', 'x'.repeat(500));
    const client = await connected(port);
    client.say('hi');
    await client.waitFor('complete');
    expect(client.ofType('chunk')).to.have.length(1);
  });
});
