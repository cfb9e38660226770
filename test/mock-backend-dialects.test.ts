// The mock backend's four other dialects (booking, hybrid, conversation, consultation; see
// demo/server/dialects/), driven from real Chromium over raw WebSockets and `fetch` (SSE), each
// test on its own backend started through the `mock-backend` server command.
import { expect } from '@open-wc/testing';
import { call, closeStarted, sockets, start, until } from './support/mock-raw.js';

// Frames of five wire dialects, loosely typed on purpose: the tests check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Frame = Record<string, any>;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const violations = (id: number) => call<string[]>(id, 'violations');

afterEach(async () => {
  await closeStarted();
});

/** Waits until the backend has recorded at least `n` violations; returns them all. */
const violationsAtLeast = (id: number, n: number) =>
  until(async () => {
    const v = await violations(id);
    return v.length >= n ? v : null;
  }, `${n} violation(s)`);

/** A raw browser WebSocket that keeps every JSON frame it receives and how it closed. */
class Client {
  readonly ws: WebSocket;
  readonly frames: Frame[] = [];
  closeEvent: CloseEvent | null = null;
  opened = false;

  constructor(url: string) {
    this.ws = new WebSocket(url);
    sockets.push(this.ws);
    this.ws.addEventListener('open', () => (this.opened = true));
    this.ws.addEventListener('message', (e: MessageEvent<string>) => this.frames.push(JSON.parse(e.data)));
    this.ws.addEventListener('close', (e) => (this.closeEvent = e));
  }

  open(): Promise<boolean> {
    return until(() => this.opened || this.closeEvent, 'the socket to open').then(() => this.opened);
  }

  closed(): Promise<CloseEvent> {
    return until(() => this.closeEvent, 'the socket to close');
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  ofType(type: string): Frame[] {
    return this.frames.filter((f) => f.type === type);
  }

  waitFor(type: string, n = 1): Promise<Frame[]> {
    return until(() => {
      const found = this.ofType(type);
      return found.length >= n ? found : null;
    }, `${n} '${type}' frame(s)`);
  }
}

async function connected(port: number, pathAndQuery: string): Promise<Client> {
  const client = new Client(`ws://127.0.0.1:${port}${pathAndQuery}`);
  expect(await client.open(), `socket ${pathAndQuery} opened`).to.equal(true);
  return client;
}

/** Opens a socket and expects the server to accept it, then close it with `code`. */
async function refused(port: number, pathAndQuery: string): Promise<CloseEvent> {
  const client = new Client(`ws://127.0.0.1:${port}${pathAndQuery}`);
  const closed = await client.closed();
  expect(client.opened, 'accepted before closing').to.equal(true);
  return closed;
}

const now = () => new Date().toISOString();

describe('mock backend: every dialect at once', () => {
  it('routes each path to its dialect, whatever the preferred dialect', async () => {
    const { id, port } = await start({ dialect: 'booking' });
    await connected(port, '/ai/faq/ws?token=t');
    await connected(port, '/ws/booking?token=t');
    await connected(port, '/api/v1/booking/ws?token=t');
    await connected(port, '/api/v1/ws/chat/ada?token=t');
    await connected(port, '/api/v1/chat/ws');
    await connected(port, '/ws');
    await connected(port, '/ws/consultation?consultation_id=c1&token=t');
    const handshakes = await call<{ path: string; dialect: string; auth: string }[]>(id, 'handshakes');
    expect(handshakes.map((h) => [h.path, h.dialect, h.auth])).to.deep.equal([
      ['/ai/faq/ws', 'envelope', 'query'],
      ['/ws/booking', 'booking', 'query'],
      ['/api/v1/booking/ws', 'booking', 'query'],
      ['/api/v1/ws/chat/ada', 'hybrid', 'query'],
      ['/api/v1/chat/ws', 'conversation', 'message'],
      ['/ws', 'conversation', 'message'],
      ['/ws/consultation', 'consultation', 'query'],
    ]);
    expect(await call<number>(id, 'connections')).to.equal(7);
  });
});

// ---- booking ------------------------------------------------------------------------------

class Booking extends Client {
  readonly sessionId = crypto.randomUUID();

  say(content: string, metadata: Record<string, unknown> = {}, messageId = crypto.randomUUID()) {
    const frame = {
      type: 'message',
      content,
      message_id: messageId,
      session_id: this.sessionId,
      timestamp: now(),
      metadata,
    };
    this.send(frame);
    return frame;
  }

  /** The `message` frames of the n-th reply (1-based), up to and including its is_complete one. */
  reply(n: number): Frame[] {
    const messages = this.ofType('message');
    const ends = messages.flatMap((f, i) => (f.is_complete ? [i] : []));
    return messages.slice(n === 1 ? 0 : ends[n - 2] + 1, ends[n - 1] + 1);
  }

  async waitForReply(n: number): Promise<Frame[]> {
    await until(() => this.ofType('message').filter((f) => f.is_complete).length >= n, `reply ${n}`);
    return this.reply(n);
  }
}

async function booking(port: number, query = '?token=t'): Promise<Booking> {
  const client = new Booking(`ws://127.0.0.1:${port}/ws/booking${query}`);
  expect(await client.open()).to.equal(true);
  return client;
}

describe('mock backend: booking dialect', () => {
  it('closes with 4401 for a refused or missing token', async () => {
    const { port } = await start();
    for (const query of ['?token=expired', '']) {
      const closed = await refused(port, `/ws/booking${query}`);
      expect(closed.code).to.equal(4401);
      expect(closed.reason).to.equal('token refused');
    }
  });

  it('books a visit: doctors, then time slots, then a confirmation (final frame = last delta)', async () => {
    const { id, port } = await start({ bookingFinal: 'last' });
    const client = await booking(port);

    client.say('I need an appointment for my knee');
    const [doctorsFrame] = await client.waitFor('doctors');
    const first = client.reply(1);
    expect(first.length).to.be.greaterThan(1);
    expect(first.slice(0, -1).every((f) => f.is_complete === false)).to.equal(true);
    expect(first.at(-1)?.is_complete).to.equal(true);
    const text = first.map((f) => f.content).join('');
    expect(text).to.contain('orthopedic');
    const streamed = first
      .slice(0, -1)
      .map((f) => f.content)
      .join('');
    expect(first.at(-1)?.content.startsWith(streamed), 'the final frame is only the last delta').to.equal(
      false,
    );
    expect(client.frames.indexOf(doctorsFrame)).to.be.greaterThan(client.frames.indexOf(first.at(-1)!));
    const doctors = doctorsFrame.doctors as Frame[];
    expect(doctors).to.have.length(3);
    expect(doctors[0].specialty).to.equal('Orthopedics');
    for (const d of doctors) {
      expect(Object.keys(d).sort()).to.deep.equal([
        'id',
        'name',
        'next_available',
        'photo_url',
        'rating',
        'specialty',
      ]);
      expect(d.name).to.match(/^Dr\. /);
      expect(d.rating).to.be.within(0, 5);
      expect(d.next_available).to.match(ISO_UTC);
    }
    const photo = await fetch(doctors[0].photo_url);
    expect(photo.status).to.equal(200);
    expect(photo.headers.get('content-type')).to.equal('image/svg+xml');

    const doctor = doctors[1];
    client.say(`Show me times with ${doctor.name}`, { action: 'select_doctor', doctor_id: doctor.id });
    const [slotsFrame] = await client.waitFor('time_slots');
    const slots = slotsFrame.time_slots as Frame[];
    expect(slots.length).to.be.within(4, 6);
    for (const s of slots) {
      expect(s.doctor_id).to.equal(doctor.id);
      expect(s.start).to.match(ISO_UTC);
      expect(s.end).to.match(ISO_UTC);
      expect(Date.parse(s.end)).to.be.greaterThan(Date.parse(s.start));
      expect(s.available).to.be.a('boolean');
    }
    expect(slots.some((s) => !s.available)).to.equal(true);
    expect((await client.waitForReply(2)).map((f) => f.content).join('')).to.contain(doctor.name);

    const slot = slots.find((s) => s.available)!;
    client.say(`Book ${slot.start} with ${doctor.name}`, {
      action: 'select_time_slot',
      time_slot_id: slot.id,
    });
    const [confirmationFrame] = await client.waitFor('booking_confirmation');
    expect(confirmationFrame.confirmation).to.deep.include({
      status: 'confirmed',
      doctor: doctor.name,
      start: slot.start,
    });
    expect(confirmationFrame.confirmation.appointment_id).to.be.a('string').and.not.equal('');
    expect((await client.waitForReply(3)).map((f) => f.content).join('')).to.contain("You're booked");
    expect(await violations(id)).to.deep.equal([]);
  });

  it('ends a reply with the whole text when bookingFinal is whole, and alternates by default', async () => {
    const { id, port } = await start({ bookingFinal: 'whole' });
    const script = 'Here are **three doctors** with free times this week.';
    await call(id, 'nextReply', script);
    const client = await booking(port);
    client.say('Book me in, please');
    const whole = await client.waitForReply(1);
    expect(whole.length).to.be.greaterThan(2);
    expect(
      whole
        .slice(0, -1)
        .map((f) => f.content)
        .join(''),
    ).to.equal(script);
    expect(whole.at(-1)).to.deep.include({ content: script, is_complete: true });

    await call(id, 'setOptions', { bookingFinal: 'alternate' });
    await call(id, 'nextReply', script);
    await call(id, 'nextReply', script);
    client.say('And another one');
    client.say('And one more');
    const [last, then] = [await client.waitForReply(2), await client.waitForReply(3)];
    expect(last.map((f) => f.content).join('')).to.equal(script);
    expect(then.at(-1)?.content).to.equal(script);
    expect(
      then
        .slice(0, -1)
        .map((f) => f.content)
        .join(''),
    ).to.equal(script);
  });

  it('apologises for a taken slot, and answers an unknown doctor with an error frame', async () => {
    const { port } = await start();
    const client = await booking(port);
    client.say('Show times', { action: 'select_doctor', doctor_id: 'dr-rossi' });
    const [slotsFrame] = await client.waitFor('time_slots');
    const taken = (slotsFrame.time_slots as Frame[]).find((s) => !s.available)!;
    client.say('Book that one', { action: 'select_time_slot', time_slot_id: taken.id });
    await client.waitFor('time_slots', 2);
    expect((await client.waitForReply(2)).map((f) => f.content).join('')).to.contain('just taken');
    expect(client.ofType('booking_confirmation')).to.have.length(0);

    client.say('Show times', { action: 'select_doctor', doctor_id: 'dr-nobody' });
    const [error] = await client.waitFor('error');
    expect(error.error).to.be.a('string').and.contain('doctor');
  });

  it('test hook /error: part of a reply, then an error frame, no final frame', async () => {
    const { port } = await start();
    const client = await booking(port);
    client.say('/error');
    const [error] = await client.waitFor('error');
    expect(Object.keys(error).sort()).to.deep.equal(['error', 'type']);
    expect(error.error).to.equal('The AI service is temporarily unavailable.');
    expect(client.ofType('message').length).to.be.greaterThan(0);
    expect(client.ofType('message').every((f) => f.is_complete === false)).to.equal(true);
    expect(client.ofType('doctors')).to.have.length(0);
  });

  it('answers a message resent with the same message_id once', async () => {
    const { id, port } = await start({ echo: true });
    const client = await booking(port);
    const frame = client.say('I need a check-up');
    client.send(frame);
    // Written after the resend, answered after anything the resend would get (one reply at a time).
    client.say('for my child');
    await until(
      () => client.ofType('message').some((f) => f.is_complete) && client.ofType('doctors').length >= 2,
      'two replies and their cards',
    );
    await until(() => client.reply(2).length > 0, 'the second reply');
    expect(
      client
        .reply(2)
        .map((f) => f.content)
        .join(''),
    ).to.match(/^Re: for my child/);
    expect(client.ofType('message').filter((f) => f.is_complete)).to.have.length(2);
    expect(client.ofType('doctors')).to.have.length(2);
    expect(await call<{ duplicates: number }>(id, 'stats')).to.include({ duplicates: 1 });
  });

  it('answers a message resent on another socket with its whole reply, once (the client never saw it)', async () => {
    const { id, port } = await start();
    const first = await booking(port);
    const frame = first.say('I need a check-up');
    // Each frame carries a delta; the final one the last delta (bookingFinal 'last', the default).
    const whole = (await first.waitForReply(1)).map((f) => f.content).join('');
    const [doctors] = await first.waitFor('doctors');
    const second = new Booking(`ws://127.0.0.1:${port}/ws/booking?token=t`);
    expect(await second.open()).to.equal(true);
    second.send(frame);
    second.send(frame);
    // A probe written after: the socket answers one message after the other, so anything more
    // for the resends would come before the probe's reply.
    second.say('/long');
    await second.waitForReply(2);
    const replies = [second.reply(1), second.reply(2)].map((r) => r.map((f) => f.content).join(''));
    expect(second.reply(1)).to.deep.equal([{ type: 'message', content: whole, is_complete: true }]);
    expect(replies[1]).to.not.equal(whole);
    // The same card again, not a new answer (a new one would name other doctors or times).
    expect(second.ofType('doctors')).to.deep.equal([doctors]);
    expect(await call<{ duplicates: number }>(id, 'stats')).to.include({ duplicates: 2 });
  });

  it('answers a resend whose first socket went away before the reply was streamed', async () => {
    const { id, port } = await start({ pace: { thinkMs: 300, chunkMs: 1, chunkChars: 40 } });
    const first = await booking(port);
    const frame = first.say('I need a check-up');
    await until(async () => (await call<unknown[]>(id, 'received')).length === 1, 'the message arrives');
    first.ws.close();
    const second = new Booking(`ws://127.0.0.1:${port}/ws/booking?token=t`);
    expect(await second.open()).to.equal(true);
    second.send(frame);
    const [again] = await second.waitForReply(1);
    expect(again).to.include({ type: 'message', is_complete: true });
    expect(String(again!.content)).to.have.length.greaterThan(20);
  });

  it('records violations for malformed client frames, none for valid ones', async () => {
    const { id, port } = await start();
    const client = await booking(port);
    client.say('hello', {});
    client.say('doctor', { action: 'select_doctor', doctor_id: 'dr-rossi' });
    await client.waitFor('time_slots');
    expect(await violations(id)).to.deep.equal([]);

    const base = {
      type: 'message',
      content: 'x',
      session_id: client.sessionId,
      timestamp: now(),
      metadata: {},
    };
    client.send({ ...base, type: 'chat' });
    client.send({ ...base, message_id: 'm-1' });
    client.send({ ...base, message_id: crypto.randomUUID(), timestamp: '2026-01-01 10:00' });
    client.send({ ...base, message_id: crypto.randomUUID(), metadata: null });
    client.send({ ...base, message_id: crypto.randomUUID(), metadata: { action: 'pick_doctor' } });
    client.send({ ...base, message_id: crypto.randomUUID(), metadata: { action: 'select_doctor' } });
    client.send({
      ...base,
      message_id: crypto.randomUUID(),
      metadata: { action: 'select_time_slot', time_slot_id: 7 },
    });
    client.send({ type: 'message', content: 'bare' });
    const all = (await violationsAtLeast(id, 10)).join('\n');
    expect(all).to.contain('unknown client frame type "chat"');
    expect(all).to.contain(`'message' frame: message_id is not a UUID v4: "m-1"`);
    expect(all).to.contain(`'message' frame: timestamp is not ISO 8601 UTC`);
    expect(all).to.contain(`'message' frame: metadata is not an object: null`);
    expect(all).to.contain('metadata.action is not select_doctor or select_time_slot: "pick_doctor"');
    expect(all).to.contain('metadata.doctor_id is not a non-empty string: undefined');
    expect(all).to.contain('metadata.time_slot_id is not a non-empty string: 7');
    expect(all).to.contain(`'message' frame: session_id is not a non-empty string: undefined`);
  });
});

// ---- hybrid -------------------------------------------------------------------------------

interface SseResult {
  status: number;
  contentType: string | null;
  body: string;
  events: { data: string; lines: number }[];
  comments: string[];
  error: unknown;
}

/** Reads a reply stream with fetch and a stream reader, parsing SSE by the spec (LF lines). */
async function readSse(url: string, headers: Record<string, string> = {}): Promise<SseResult> {
  const res = await fetch(url, { headers });
  const result: SseResult = {
    status: res.status,
    contentType: res.headers.get('content-type'),
    body: '',
    events: [],
    comments: [],
    error: null,
  };
  if (!res.ok || !res.body) {
    result.body = await res.text();
    return result;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line === '') {
          if (data.length) result.events.push({ data: data.join('\n'), lines: data.length });
          data = [];
        } else if (line.startsWith(':')) {
          result.comments.push(line);
        } else {
          const colon = line.indexOf(':');
          const [field, raw] = colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1)];
          if (field === 'data') data.push(raw.startsWith(' ') ? raw.slice(1) : raw);
        }
      }
    }
  } catch (error) {
    result.error = error;
  }
  return result;
}

/** The delta an SSE event carries, and in which of protocols.md §3's forms. */
function decodeDelta(data: string): { form: string; text: string } {
  try {
    const value = JSON.parse(data);
    if (value && typeof value === 'object') {
      for (const key of ['content', 'delta', 'text'])
        if (key in value) return { form: key, text: value[key] };
      if (Array.isArray(value.choices)) return { form: 'choices', text: value.choices[0].delta.content };
    }
  } catch {
    // plain text
  }
  return { form: 'plain', text: data };
}

const streamUrl = (port: number, message: string, extra = '') =>
  `http://127.0.0.1:${port}/api/v1/chat/stream?message=${encodeURIComponent(message)}&session_id=s-1${extra}`;
const BEARER = { Authorization: 'Bearer good-token' };
const SLEEP_TIPS =
  '## Sleep tips\n\nTry these:\n\n1. Same wake-up time\n2. Daylight early\n3. No caffeine after 2 pm\n\n> Ask a doctor if it lasts.\n';

describe('mock backend: hybrid dialect', () => {
  it('sends the history right after connect, the same on a reconnect', async () => {
    const { port } = await start();
    const first = await connected(port, '/api/v1/ws/chat/ada?token=good-token');
    const [history] = await first.waitFor('history');
    expect(first.frames[0].type).to.equal('history');
    expect(history.messages.length).to.be.within(2, 3);
    for (const m of history.messages) {
      expect(Object.keys(m).sort()).to.deep.equal(['content', 'id', 'role', 'timestamp']);
      expect(['user', 'assistant']).to.include(m.role);
      expect(m.timestamp).to.match(ISO_UTC);
    }
    first.ws.close();
    const second = await connected(port, '/api/v1/ws/chat/ada?token=good-token');
    const [again] = await second.waitFor('history');
    expect(again.messages).to.deep.equal(history.messages);
  });

  it('closes the socket with 4401 for a refused or missing token', async () => {
    const { port } = await start();
    expect((await refused(port, '/api/v1/ws/chat/ada?token=revoked')).code).to.equal(4401);
    expect((await refused(port, '/api/v1/ws/chat/ada')).code).to.equal(4401);
  });

  it('streams a reply over SSE in every delta form, multi-line data, comments and [DONE]', async () => {
    const { id, port } = await start();
    await call(id, 'nextReply', SLEEP_TIPS);
    const socket = await connected(port, '/api/v1/ws/chat/ada?token=good-token');
    const sse = await readSse(streamUrl(port, 'How can I sleep better?'), BEARER);

    expect(sse.status).to.equal(200);
    expect(sse.contentType).to.match(/^text\/event-stream/);
    expect(sse.error).to.equal(null);
    expect(sse.events.at(-1)?.data).to.equal('[DONE]');
    const deltas = sse.events.slice(0, -1).map((e) => decodeDelta(e.data));
    expect(deltas.map((d) => d.text).join('')).to.equal(SLEEP_TIPS);
    expect(new Set(deltas.map((d) => d.form))).to.deep.equal(
      new Set(['plain', 'content', 'delta', 'text', 'choices']),
    );
    const plainMultiLine = sse.events.filter((e, i) => e.lines > 1 && deltas[i]?.form === 'plain');
    expect(plainMultiLine.length, 'a plain delta with a newline over several data lines').to.be.greaterThan(
      0,
    );
    const jsonMultiLine = sse.events.filter((e, i) => e.lines > 1 && deltas[i]?.form !== 'plain');
    expect(jsonMultiLine.length, 'JSON over several data lines').to.be.greaterThan(0);
    expect(sse.comments).to.include(': keep-alive');

    await until(() => socket.ofType('typing').length >= 2, 'typing on and off');
    expect(socket.ofType('typing').map((f) => f.is_typing)).to.deep.equal([true, false]);
    expect(await call(id, 'streamRequests')).to.deep.equal([
      {
        path: '/api/v1/chat/stream',
        query: { message: 'How can I sleep better?', session_id: 's-1' },
        authorization: 'Bearer 10',
        status: 200,
      },
    ]);
    expect(await violations(id)).to.deep.equal([]);
  });

  it('answers 401 without a bearer token or with a refused one, and flags a token in the query', async () => {
    const { id, port } = await start();
    const missing = await readSse(streamUrl(port, 'hi', '&token=good-token'));
    expect(missing.status).to.equal(401);
    expect(missing.body).to.equal('Missing bearer token');
    const refusedToken = await readSse(streamUrl(port, 'hi'), { Authorization: 'Bearer expired' });
    expect(refusedToken.status).to.equal(401);
    expect(refusedToken.body).to.equal('Token refused');
    const requests = await call<{ authorization: string | null; status: number; query: object }[]>(
      id,
      'streamRequests',
    );
    expect(requests.map((r) => [r.authorization, r.status])).to.deep.equal([
      [null, 401],
      ['Bearer 7', 401],
    ]);
    expect(requests[0].query).to.deep.equal({ message: 'hi', session_id: 's-1', token: 10 });
    const all = (await violations(id)).join('\n');
    expect(all).to.contain('#sse1: stream request: the token is in the query (token)');
    expect(all).to.contain('#sse1: stream request: Authorization is not "Bearer <token>": missing');
    expect(all).not.to.contain('#sse2');
  });

  it('test hook /http-error: HTTP 500 with a JSON body', async () => {
    const { id, port } = await start();
    const sse = await readSse(streamUrl(port, '/http-error'), BEARER);
    expect(sse.status).to.equal(500);
    expect(sse.contentType).to.equal('application/json');
    expect(JSON.parse(sse.body)).to.deep.equal({
      error: 'internal_error',
      detail: 'The AI service is temporarily unavailable.',
    });
    expect((await call<{ status: number }[]>(id, 'streamRequests'))[0].status).to.equal(500);
  });

  it('test hook /broken: the stream is cut mid-reply, without [DONE]', async () => {
    const { port } = await start();
    const sse = await readSse(streamUrl(port, '/broken'), BEARER);
    expect(sse.status).to.equal(200);
    expect(sse.error).to.be.instanceOf(TypeError);
    expect(sse.events.length).to.be.greaterThan(0);
    expect(sse.events.some((e) => e.data === '[DONE]')).to.equal(false);
  });

  it('checks bot_response_complete against the reply that was streamed', async () => {
    const { id, port } = await start();
    await call(id, 'nextReply', SLEEP_TIPS);
    const socket = await connected(port, '/api/v1/ws/chat/ada?token=good-token');
    const userMessage = {
      type: 'message',
      role: 'user',
      content: 'How can I sleep better?',
      message_id: crypto.randomUUID(),
      timestamp: now(),
    };
    socket.send(userMessage);
    const sse = await readSse(streamUrl(port, userMessage.content), BEARER);
    const whole = sse.events
      .slice(0, -1)
      .map((e) => decodeDelta(e.data).text)
      .join('');
    const complete = { type: 'bot_response_complete', message_id: crypto.randomUUID(), content: whole };
    socket.send(complete);
    const [saved] = await socket.waitFor('notification');
    expect(saved.body).to.contain('saved');
    const received = await call<{ frame: unknown }[]>(id, 'received');
    expect(received.map((r) => r.frame)).to.deep.equal([userMessage, complete]);
    expect(await violations(id)).to.deep.equal([]);

    socket.send({
      type: 'bot_response_complete',
      message_id: crypto.randomUUID(),
      content: whole.slice(0, 20),
    });
    socket.send({ type: 'bot_response_complete', message_id: crypto.randomUUID(), content: whole });
    const all = (await violationsAtLeast(id, 2)).join('\n');
    expect(all).to.contain(
      `'bot_response_complete' frame: content is not the whole text of a reply streamed`,
    );
    expect(all).to.contain('"## Sleep tips');
  });

  it('records violations for malformed socket frames, none for valid ones; /notify', async () => {
    const { id, port } = await start();
    const socket = await connected(port, '/api/v1/ws/chat/ada?token=good-token');
    socket.send({ type: 'typing', is_typing: true });
    socket.send({ type: 'typing', is_typing: false });
    socket.send({
      type: 'message',
      role: 'user',
      content: '/notify',
      message_id: crypto.randomUUID(),
      timestamp: now(),
    });
    await socket.waitFor('notification');
    const [message] = await socket.waitFor('message');
    expect(message).to.include({ role: 'assistant' });
    expect(message.id).to.be.a('string');
    expect(await violations(id)).to.deep.equal([]);

    socket.send({ type: 'typing', is_typing: 'yes' });
    socket.send({
      type: 'message',
      role: 'assistant',
      content: 'x',
      message_id: crypto.randomUUID(),
      timestamp: now(),
    });
    socket.send({ type: 'message', role: 'user', content: 'x', message_id: 'abc', timestamp: Date.now() });
    socket.send({ type: 'bot_response_complete', content: 'x' });
    socket.send({ type: 'heartbeat' });
    const all = (await violationsAtLeast(id, 6)).join('\n');
    expect(all).to.contain(`'typing' frame: is_typing is not a boolean: "yes"`);
    expect(all).to.contain(`'message' frame: role is not "user": "assistant"`);
    expect(all).to.contain(`'message' frame: message_id is not a UUID v4: "abc"`);
    expect(all).to.contain(`'message' frame: timestamp is not ISO 8601 UTC`);
    expect(all).to.contain(`'bot_response_complete' frame: message_id is not a non-empty string: undefined`);
    expect(all).to.contain('unknown client frame type "heartbeat"');
  });
});

// ---- conversation -------------------------------------------------------------------------

class Conversation extends Client {
  readonly conversationId = crypto.randomUUID();

  sendMessage(content: string, clientId = crypto.randomUUID()) {
    const frame = {
      type: 'send_message',
      data: { conversation_id: this.conversationId, content, message_type: 'user', client_id: clientId },
    };
    this.send(frame);
    return frame;
  }

  /** The `data` of every frame of a type. */
  data(type: string): Frame[] {
    return this.ofType(type).map((f) => f.data);
  }
}

/** Opens, authenticates and joins a conversation. */
async function conversation(port: number): Promise<Conversation> {
  const client = new Conversation(`ws://127.0.0.1:${port}/api/v1/chat/ws`);
  expect(await client.open()).to.equal(true);
  client.send({ type: 'auth', token: 'good-token' });
  await client.waitFor('auth_success');
  client.send({ type: 'join_conversation', data: { conversation_id: client.conversationId } });
  return client;
}

describe('mock backend: conversation dialect', () => {
  it('authenticates with a first auth frame: auth_success with the user id', async () => {
    const { id, port } = await start();
    const client = await connected(port, '/api/v1/chat/ws');
    client.send({ type: 'auth', token: 'good-token' });
    const [success] = await client.waitFor('auth_success');
    expect(success.user_id).to.be.a('number');
    expect(client.frames).to.have.length(1);
    expect(await violations(id)).to.deep.equal([]);

    const withToken = await connected(port, '/ws?token=good-token');
    withToken.send({ type: 'auth', token: 'good-token' });
    await withToken.waitFor('auth_success');
    expect(await violations(id)).to.deep.equal([
      '#2: token in the URL: this dialect authenticates with a first auth frame',
    ]);
  });

  it('closes with 4001 when the first frame is not auth, or the token is refused', async () => {
    const { id, port } = await start();
    const early = await connected(port, '/api/v1/chat/ws');
    early.send({ type: 'join_conversation', data: { conversation_id: 'c1' } });
    const closed = await early.closed();
    expect([closed.code, closed.reason]).to.deep.equal([4001, 'Authentication required']);
    expect(await violations(id)).to.deep.equal([
      "#1: 'join_conversation' frame before 'auth': the first frame must be auth",
    ]);

    const bad = await connected(port, '/api/v1/chat/ws');
    bad.send({ type: 'auth', token: 'revoked' });
    const refusedClose = await bad.closed();
    expect([refusedClose.code, refusedClose.reason]).to.deep.equal([4001, 'token refused']);
    expect(bad.frames).to.deep.equal([]);
  });

  it('acks a message, then streams the answer: typing, start, content, complete with usage', async () => {
    const { id, port } = await start();
    const script = 'Sure! Here is a **short** answer, streamed in several pieces.';
    await call(id, 'nextReply', script);
    const client = await conversation(port);
    const sent = client.sendMessage('Tell me something');
    await client.waitFor('typing_indicator', 2);

    expect(client.frames.map((f) => f.type).filter((t, i, all) => t !== all[i - 1])).to.deep.equal([
      'auth_success',
      'message_received',
      'typing_indicator',
      'stream_start',
      'stream_content',
      'stream_complete',
      'typing_indicator',
    ]);
    const [ack] = client.data('message_received');
    const userId = client.ofType('auth_success')[0].user_id;
    expect(ack.message).to.deep.include({
      content: 'Tell me something',
      message_type: 'user',
      sender_id: userId,
      client_id: sent.data.client_id,
    });
    expect(ack.message.id).to.be.a('number');
    expect(ack.message.created_at).to.match(ISO_UTC);
    expect(client.data('typing_indicator').map((d) => [d.conversation_id, d.is_typing])).to.deep.equal([
      [client.conversationId, true],
      [client.conversationId, false],
    ]);
    const [startData] = client.data('stream_start');
    const contents = client.data('stream_content');
    expect(contents.length).to.be.greaterThan(2);
    expect(contents.every((c) => c.message_id === startData.message_id)).to.equal(true);
    expect(contents.map((c) => c.content).join('')).to.equal(script);
    expect(contents.map((c) => c.is_complete)).to.deep.equal([...contents.slice(1).map(() => false), true]);
    const [complete] = client.data('stream_complete');
    expect(complete.message_id).to.equal(startData.message_id);
    const { prompt_tokens: p, completion_tokens: c, total_tokens: t } = complete.usage;
    expect([p, c].every((n: number) => Number.isInteger(n) && n > 0)).to.equal(true);
    expect(t).to.equal(p + c);
    expect(await violations(id)).to.deep.equal([]);
  });

  it('acks a resent client_id again but answers it once', async () => {
    const { id, port } = await start();
    const client = await conversation(port);
    const sent = client.sendMessage('Hello');
    await client.waitFor('stream_complete');
    client.send(sent);
    // A probe written after the resend: anything the resend would get comes before its answer.
    client.sendMessage('probe');
    const acks = await client.waitFor('message_received', 3);
    await client.waitFor('stream_complete', 2);
    expect(acks[1]!.data).to.deep.equal(acks[0]!.data);
    expect(client.ofType('stream_start')).to.have.length(2);
    expect(await call<{ duplicates: number }>(id, 'stats')).to.include({ duplicates: 1 });
  });

  it('replays the reply of a client_id resent on another socket, under the same id', async () => {
    const { port } = await start();
    const first = await conversation(port);
    const sent = first.sendMessage('Hello');
    await first.waitFor('stream_complete');
    const text = first
      .ofType('stream_content')
      .map((f) => String((f.data as Frame).content))
      .join('');
    const [start_] = first.ofType('stream_start');
    first.ws.close();
    const second = await conversation(port);
    second.send({ type: 'join_conversation', data: { conversation_id: first.conversationId } });
    second.send(sent);
    await second.waitFor('stream_complete');
    expect(second.ofType('stream_start').map((f) => (f.data as Frame).message_id)).to.deep.equal([
      (start_!.data as Frame).message_id,
    ]);
    expect(second.ofType('stream_content').map((f) => (f.data as Frame).content)).to.deep.equal([text]);
  });

  it('test hook /other-tab: message_added from another tab, then conversation_updated', async () => {
    const { port } = await start();
    const client = await conversation(port);
    client.sendMessage('/other-tab');
    await client.waitFor('conversation_updated');
    const [ack] = client.data('message_received');
    const added = client.data('message_added').map((d) => d.message);
    expect(added.map((m) => m.message_type)).to.deep.equal(['user', 'assistant']);
    const ids = [ack.message.id, ...added.map((m) => m.id)];
    expect(new Set(ids).size).to.equal(3);
    expect(added.every((m) => typeof m.content === 'string' && ISO_UTC.test(m.created_at))).to.equal(true);
    expect(client.data('conversation_updated')[0].conversation.id).to.equal(client.conversationId);
    expect(client.ofType('stream_start')).to.have.length(0);
  });

  it('answers a message over 4000 characters with MESSAGE_TOO_LONG and no ack', async () => {
    const { port } = await start();
    const client = await conversation(port);
    client.sendMessage('x'.repeat(4001));
    const [error] = await client.waitFor('error');
    expect(error.data.code).to.equal('MESSAGE_TOO_LONG');
    expect(error.data.message).to.be.a('string');
    client.sendMessage('x'.repeat(4000));
    await client.waitFor('message_received');
    expect(client.ofType('error')).to.have.length(1);
  });

  it('test hook /error: an error frame mid-reply, no stream_complete', async () => {
    const { port } = await start();
    const client = await conversation(port);
    client.sendMessage('/error');
    const [error] = await client.waitFor('error');
    expect(error.data).to.include({ code: 'AI_SERVICE_ERROR' });
    expect(client.ofType('stream_content').length).to.be.greaterThan(0);
    expect(client.ofType('stream_complete')).to.have.length(0);
  });

  it('delays acks by ackDelayMs and drops them with dropAcks (the answer still comes)', async () => {
    const { id, port } = await start({ ackDelayMs: 150 });
    const client = await conversation(port);
    const sentAt = performance.now();
    client.sendMessage('Hello');
    await client.waitFor('message_received');
    expect(performance.now() - sentAt).to.be.greaterThan(120);

    await call(id, 'setOptions', { ackDelayMs: 0, dropAcks: true });
    client.sendMessage('Hello again');
    await client.waitFor('stream_complete', 2);
    expect(client.ofType('message_received')).to.have.length(1);
  });

  it('flags frames before auth_success, before join, and malformed frames; none for valid ones', async () => {
    const { id, port } = await start();
    const client = await connected(port, '/api/v1/chat/ws');
    client.send({ type: 'auth', token: 'good-token' });
    client.send({ type: 'join_conversation', data: { conversation_id: 'c1' } });
    await client.waitFor('auth_success');
    expect(await violations(id)).to.deep.equal(["#1: 'join_conversation' frame sent before auth_success"]);
    await call(id, 'reset');

    const conv = await conversation(port);
    conv.send({ type: 'typing', data: { conversation_id: conv.conversationId, is_typing: true } });
    conv.sendMessage('Hi');
    await conv.waitFor('stream_complete');
    expect(await violations(id)).to.deep.equal([]);

    conv.send({ type: 'typing', data: { conversation_id: conv.conversationId, is_typing: 1 } });
    conv.send({
      type: 'send_message',
      data: { conversation_id: conv.conversationId, content: 'x', message_type: 'bot', client_id: 'c-1' },
    });
    conv.send({ type: 'send_message', content: 'no data' });
    conv.send({ type: 'typing_start', data: { conversation_id: conv.conversationId } });
    conv.send({ type: 'auth', token: 'good-token' });
    const all = (await violationsAtLeast(id, 6)).join('\n');
    expect(all).to.contain(`'typing' frame: data.is_typing is not a boolean: 1`);
    expect(all).to.contain(`'send_message' frame: data.message_type is not "user": "bot"`);
    expect(all).to.contain(`'send_message' frame: data.client_id is not a UUID v4: "c-1"`);
    expect(all).to.contain(`'send_message' frame: data is not an object: undefined`);
    expect(all).to.contain('unknown client frame type "typing_start"');
    expect(all).to.contain("'auth' frame, but the socket is already authenticated");

    const unjoined = await connected(port, '/api/v1/chat/ws');
    unjoined.send({ type: 'auth', token: 'good-token' });
    await unjoined.waitFor('auth_success');
    unjoined.send({
      type: 'send_message',
      data: { conversation_id: 'c9', content: 'hi', message_type: 'user', client_id: crypto.randomUUID() },
    });
    await until(
      async () => (await violations(id)).some((v) => v.includes('before join_conversation')),
      'the violation',
    );
  });
});

// ---- consultation -------------------------------------------------------------------------

class Consultation extends Client {
  say(content: string, messageId = crypto.randomUUID()) {
    const frame = { type: 'user_message', content, message_id: messageId, timestamp: now() };
    this.send(frame);
    return frame;
  }
}

async function consultation(
  port: number,
  query = '?consultation_id=c-42&token=good-token',
): Promise<Consultation> {
  const client = new Consultation(`ws://127.0.0.1:${port}/ws/consultation${query}`);
  expect(await client.open()).to.equal(true);
  return client;
}

/** The reply id of a consultation frame, in either spelling. */
const replyId = (f: Frame) => f.message_id ?? f.messageId;

describe('mock backend: consultation dialect', () => {
  it('streams a reply: start, chunks, complete, with message_id and messageId both used', async () => {
    const { id, port } = await start();
    const script = 'Great goal! Let us start with **three habits** you can keep every day.';
    await call(id, 'nextReply', script);
    const client = await consultation(port);
    client.say('I want to get fitter');
    const [complete] = await client.waitFor('ai_message_complete');
    const [startFrame] = client.ofType('ai_message_start');
    const chunks = client.ofType('ai_message_chunk');
    const id0 = startFrame.message_id;
    expect(id0).to.be.a('string');
    expect(chunks.map((c) => c.content).join('')).to.equal(script);
    expect([startFrame, ...chunks, complete].every((f) => replyId(f) === id0)).to.equal(true);
    const all = [startFrame, ...chunks, complete];
    expect(all.some((f) => 'message_id' in f)).to.equal(true);
    expect(all.some((f) => 'messageId' in f)).to.equal(true);
    expect(all.every((f) => ISO_UTC.test(f.timestamp))).to.equal(true);
    expect(client.ofType('template_created')).to.have.length(0);
    expect(await violations(id)).to.deep.equal([]);
  });

  it('sends template_created after a reply that gives a plan', async () => {
    const { port } = await start();
    const client = await consultation(port);
    client.say('Can you make me a workout plan to build strength?');
    const [created] = await client.waitFor('template_created');
    const [complete] = client.ofType('ai_message_complete');
    expect(client.frames.indexOf(created)).to.be.greaterThan(client.frames.indexOf(complete));
    expect(created.metadata).to.deep.include({ type: 'workout', name: '3-Day Full-Body Strength Plan' });
    expect(created.metadata.template_id).to.match(/^tmpl_/);
    expect(created.metadata.description).to.be.a('string');
    expect(created.message_id).to.be.a('string').and.not.equal(replyId(complete));
    const text = client
      .ofType('ai_message_chunk')
      .map((c) => c.content)
      .join('');
    expect(text).to.contain('| Day | Session |');

    client.say('I would like a meal plan to lose weight');
    const [, meal] = await client.waitFor('template_created', 2);
    expect(meal.metadata.type).to.equal('meal');
    client.say('Give me a sleep routine');
    const [, , wellness] = await client.waitFor('template_created', 3);
    expect(wellness.metadata.type).to.equal('wellness');
  });

  it('answers ping with pong (not when heartbeatReply is off)', async () => {
    const { id, port } = await start();
    const client = await consultation(port);
    const ping = { type: 'ping', message_id: crypto.randomUUID(), timestamp: now() };
    client.send(ping);
    const [pong] = await client.waitFor('pong');
    expect(pong.message_id).to.equal(ping.message_id);
    expect(pong.timestamp).to.match(ISO_UTC);

    await call(id, 'setOptions', { heartbeatReply: false });
    client.send({ ...ping, message_id: crypto.randomUUID() });
    client.say('hello');
    await client.waitFor('ai_message_complete');
    expect(client.ofType('pong')).to.have.length(1);
    expect(await violations(id)).to.deep.equal([]);
  });

  it('test hook /end: the reply, then a server close 1000 consultation complete', async () => {
    const { port } = await start();
    const client = await consultation(port);
    client.say('/end');
    const closed = await client.closed();
    expect([closed.code, closed.reason]).to.deep.equal([1000, 'consultation complete']);
    expect(client.ofType('ai_message_complete')).to.have.length(1);
  });

  it('closes 4404 without consultation_id, 4403 when forbidden, 4401 for a refused token or api key', async () => {
    const { id, port } = await start();
    const cases: [string, number, string][] = [
      ['?token=good-token', 4404, 'consultation not found'],
      ['?consultation_id=forbidden&token=good-token', 4403, 'access denied'],
      ['?consultation_id=c1&token=expired', 4401, 'token refused'],
      ['?consultation_id=c1', 4401, 'token refused'],
      ['?consultation_id=c1&token=good-token&api_key=invalid', 4401, 'api key refused'],
    ];
    for (const [query, code, reason] of cases) {
      const closed = await refused(port, `/ws/consultation${query}`);
      expect([closed.code, closed.reason], query).to.deep.equal([code, reason]);
    }
    await consultation(port, '?consultation_id=c1&token=good-token&api_key=key-1234');
    const handshakes = await call<{ query: Record<string, unknown> }[]>(id, 'handshakes');
    expect(handshakes.at(-1)?.query).to.deep.equal({ consultation_id: 'c1', token: 10, api_key: 8 });
  });

  it('test hook /error: error {content} mid-reply, no complete', async () => {
    const { port } = await start();
    const client = await consultation(port);
    client.say('/error');
    const [error] = await client.waitFor('error');
    expect(error.content).to.equal('The AI service is temporarily unavailable.');
    expect(client.ofType('ai_message_chunk').length).to.be.greaterThan(0);
    expect(client.ofType('ai_message_complete')).to.have.length(0);
  });

  it('answers a user_message resent with the same message_id once', async () => {
    const { port } = await start({ echo: true });
    const client = await consultation(port);
    const frame = client.say('hello');
    client.send(frame);
    // Written after the resend, answered after anything the resend would get (one reply at a time).
    client.say('again');
    const text = () =>
      client
        .ofType('ai_message_chunk')
        .map((f) => f.content)
        .join('');
    await until(
      () => text().includes('Re: again') && client.ofType('ai_message_complete').length >= 2,
      'again',
    );
    expect(client.ofType('ai_message_start')).to.have.length(2);
  });

  it('records violations for malformed client frames', async () => {
    const { id, port } = await start();
    const client = await consultation(port);
    client.send({ type: 'user_message', content: 'x', messageId: crypto.randomUUID(), timestamp: now() });
    client.send({ type: 'user_message', content: '', message_id: crypto.randomUUID(), timestamp: now() });
    client.send({ type: 'ping', message_id: crypto.randomUUID(), timestamp: '2026-01-01T10:00:00+02:00' });
    client.send({ type: 'ai_message_chunk', content: 'x' });
    client.send(['user_message']);
    const all = (await violationsAtLeast(id, 5)).join('\n');
    expect(all).to.contain(`'user_message' frame: message_id is not a UUID v4: undefined`);
    expect(all).to.contain(`'user_message' frame: content is not a non-empty string: ""`);
    expect(all).to.contain(`'ping' frame: timestamp is not ISO 8601 UTC: "2026-01-01T10:00:00+02:00"`);
    expect(all).to.contain('unknown client frame type "ai_message_chunk"');
    expect(all).to.contain('frame is not an object: ["user_message"]');
  });
});
