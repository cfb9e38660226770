// The session on fakes: the delivery rules of protocols.md ("Reconnection, liveness and
// delivery"), each defect of issue 9 that lived in the connection logic, and the bugs of issue
// 15.2. Time, the network and the server are the test's: nothing here sleeps.
import { expect } from '@open-wc/testing';
import { envelope } from '../src/protocol/dialects/envelope.js';
import type { DialectContext, SocketDialect } from '../src/protocol/types.js';
import { FakeWebSocket } from './support/fake-socket.js';
import { loadDialects, useHarnesses, uuid, type Harness } from './support/session-harness.js';

before(loadDialects);

const env = (type: string, data: unknown, messageId?: string) => ({
  type,
  data,
  session_id: 's',
  message_id: messageId ?? uuid(),
  timestamp: '2026-01-01T00:00:00.000Z',
});

/** The user-message frames a socket got, as `[message id, content]`. */
function written(ws: FakeWebSocket): [string, string][] {
  return ws.sentJson
    .filter((f) => f.type === 'message' || f.type === 'user_message' || f.type === 'send_message')
    .map((f) => {
      const data = (f.data ?? f) as Record<string, unknown>;
      return [String(f.message_id ?? data.client_id), String(data.content)];
    });
}

const heartbeats = (ws: FakeWebSocket) =>
  ws.sentJson.filter((f) => f.type === 'heartbeat' || f.type === 'ping');

const userStates = (h: Harness) => h.session.messages.filter((m) => m.role === 'user').map((m) => m.state);

describe('ChatSession', () => {
  const make = useHarnesses();

  describe('evidence of delivery (envelope: heartbeat echo)', () => {
    it('a written message stays pending until the echo of the heartbeat written after it (defect 1)', async () => {
      const h = make();
      h.configure();
      const ws = await h.open();
      ws.sent.length = 0;
      h.session.send('Hello');
      const [[id]] = written(ws) as [[string, string]];
      // Written, then a heartbeat at once: its echo proves delivery within a round trip.
      expect(userStates(h)).to.deep.equal(['pending']);
      const [beat] = heartbeats(ws);
      expect(ws.sentJson.map((f) => f.type)).to.deep.equal(['message', 'heartbeat']);
      ws.receiveJson(env('heartbeat', { timestamp: 'x' }, String(beat!.message_id)));
      expect(h.message(id)!.state).to.equal('sent');
    });

    it('a message that was only written is resent with the same id after a drop, in order (defect 1)', async () => {
      const h = make();
      h.configure();
      const first = await h.open();
      h.session.send('one');
      h.session.send('two');
      const sentIds = written(first).map(([id]) => id);
      first.drop();
      expect(userStates(h)).to.deep.equal(['pending', 'pending']);
      await h.advance(500);
      const second = await h.open();
      expect(written(second)).to.deep.equal([
        [sentIds[0], 'one'],
        [sentIds[1], 'two'],
      ]);
    });

    it('a new reply answers the oldest written message without one (FIFO; streams are ordered)', async () => {
      const h = make();
      h.configure();
      const ws = await h.open();
      h.session.send('A');
      h.session.send('B');
      ws.receiveJson(env('chunk', { content: 'for A' }, 'r1'));
      expect(userStates(h)).to.deep.equal(['sent', 'pending']);
      ws.receiveJson(env('chunk', { content: 'more for A' }, 'r1'));
      expect(userStates(h)).to.deep.equal(['sent', 'pending']);
      ws.receiveJson(env('chunk', { content: 'for B' }, 'r2'));
      expect(userStates(h)).to.deep.equal(['sent', 'sent']);
    });

    it('a reply that was already known (re-delivered after a drop) answers nothing new', async () => {
      const h = make();
      h.configure();
      const first = await h.open();
      h.session.send('A');
      first.receiveJson(env('chunk', { content: 'part' }, 'r1'));
      first.drop();
      await h.advance(500);
      const second = await h.open();
      h.session.send('B');
      second.receiveJson(env('complete', { content: 'part and the rest' }, 'r1'));
      expect(h.message('r1')!.state).to.equal('complete');
      expect(userStates(h)).to.deep.equal(['sent', 'pending']);
    });

    it('a write that throws on an open socket keeps the message pending and sends it on the next connection (issue 15.2)', async () => {
      const h = make();
      h.configure();
      const first = await h.open();
      first.failSends = 1;
      h.session.send('precious');
      expect(userStates(h)).to.deep.equal(['pending']);
      expect(h.errors.map((e) => e.code)).to.include('send-failed');
      expect(written(first)).to.deep.equal([]);
      await h.advance(500);
      const second = await h.open();
      expect(written(second).map(([, content]) => content)).to.deep.equal(['precious']);
    });
  });

  describe('evidence of delivery (other dialects)', () => {
    it('conversation: an acknowledgement proves the message and everything written before it', async () => {
      const h = make({ dialect: 'conversation', sessionId: '7' });
      h.configure();
      const ws = await h.open();
      expect(ws.sentJson[0]).to.include({ type: 'auth' });
      h.session.send('A');
      expect(written(ws)).to.deep.equal([]); // nothing before auth_success
      ws.receiveJson({ type: 'auth_success', user_id: 1 });
      expect(ws.sentJson.map((f) => f.type)).to.deep.equal(['auth', 'join_conversation', 'send_message']);
      h.session.send('B');
      const [, [idB]] = written(ws) as [string, string][];
      ws.receiveJson({
        type: 'message_received',
        data: { message: { id: 2, content: 'B', message_type: 'user', client_id: idB } },
      });
      expect(userStates(h)).to.deep.equal(['sent', 'sent']);
    });

    it('conversation: what was written before a drop goes again after the next handshake', async () => {
      const h = make({ dialect: 'conversation', sessionId: '7' });
      h.configure();
      const first = await h.open();
      first.receiveJson({ type: 'auth_success' });
      h.session.send('A');
      first.drop();
      await h.advance(500);
      const second = await h.open();
      expect(written(second)).to.deep.equal([]);
      second.receiveJson({ type: 'auth_success' });
      expect(written(second).map(([, c]) => c)).to.deep.equal(['A']);
    });

    it('consultation: a pong naming the ping proves what was written before the ping', async () => {
      const h = make({ dialect: 'consultation' });
      h.configure();
      const ws = await h.open();
      h.session.send('A');
      const ping = heartbeats(ws).at(-1)!;
      expect(ping.type).to.equal('ping');
      ws.receiveJson({ type: 'pong', message_id: 'someone-else' });
      expect(userStates(h)).to.deep.equal(['pending']);
      ws.receiveJson({ type: 'pong', message_id: ping.message_id });
      expect(userStates(h)).to.deep.equal(['sent']);
    });

    it('booking: the reply after a message is its evidence', async () => {
      const h = make({ dialect: 'booking' });
      h.configure();
      const ws = await h.open();
      h.session.send('A');
      expect(userStates(h)).to.deep.equal(['pending']);
      ws.receiveJson({ type: 'message', content: 'Hi', is_complete: false });
      expect(userStates(h)).to.deep.equal(['sent']);
    });
  });

  describe('one turn at a time (booking: replies carry no id)', () => {
    it('writes the next message only after the previous reply ended: replies never interleave (defect 4)', async () => {
      const h = make({ dialect: 'booking' });
      h.configure();
      const ws = await h.open();
      h.session.send('one');
      h.session.send('two');
      h.session.send('three');
      expect(written(ws).map(([, c]) => c)).to.deep.equal(['one']);
      for (const [i, word] of ['one', 'two', 'three'].entries()) {
        ws.receiveJson({ type: 'message', content: `re ${word}`, is_complete: false });
        ws.receiveJson({ type: 'message', content: ` (${i + 1})`, is_complete: true });
      }
      expect(h.transcript().filter((t) => t.startsWith('assistant'))).to.deep.equal([
        'assistant:complete:re one (1)',
        'assistant:complete:re two (2)',
        'assistant:complete:re three (3)',
      ]);
      expect(written(ws).map(([, c]) => c)).to.deep.equal(['one', 'two', 'three']);
      expect(userStates(h)).to.deep.equal(['sent', 'sent', 'sent']);
    });

    it('writes the next one after two heartbeat intervals when a reply never comes', async () => {
      const h = make({ dialect: 'booking', heartbeat: 10 });
      h.configure();
      const ws = await h.open();
      h.session.send('one');
      h.session.send('two');
      // The server talks (so the socket lives) but never answers.
      for (let t = 0; t < 19_000; t += 1000) {
        h.clock.advance(1000);
        ws.receiveJson({ type: 'typing', is_typing: true });
      }
      expect(written(ws).map(([, c]) => c)).to.deep.equal(['one']);
      h.clock.advance(1000);
      expect(written(ws).map(([, c]) => c)).to.deep.equal(['one', 'two']);
    });
  });

  describe('liveness', () => {
    for (const dialect of ['booking', 'conversation'] as const) {
      it(`${dialect}: a silent socket with a message awaiting its answer is replaced within two intervals (defect 2)`, async () => {
        const h = make({ dialect, heartbeat: 10, sessionId: '7' });
        h.configure();
        const first = await h.open();
        if (dialect === 'conversation') first.receiveJson({ type: 'auth_success' });
        // Idle and quiet: nothing is expected, so the socket is left alone.
        await h.advance(60_000, 1000);
        expect(h.session.status).to.equal('connected');
        h.session.send('anyone there?');
        await h.advance(19_000, 1000);
        expect(h.session.status).to.equal('connected');
        await h.advance(1000);
        expect(h.statuses.at(-1)).to.include({ status: 'reconnecting', code: 4000 });
        await h.advance(500);
        const second = await h.open();
        if (dialect === 'conversation') second.receiveJson({ type: 'auth_success' });
        expect(written(second).map(([, c]) => c)).to.deep.equal(['anyone there?']);
      });
    }

    it('envelope: two silent heartbeat intervals replace the socket, whatever is expected', async () => {
      const h = make({ heartbeat: 10 });
      h.configure();
      await h.open();
      await h.advance(19_900, 1000);
      expect(h.session.status).to.equal('connected');
      await h.advance(200);
      expect(h.session.status).to.equal('reconnecting');
    });

    it('a drop ends EVERY reply streaming on that socket interrupted, not just one (defect 3)', async () => {
      const h = make();
      h.configure();
      const ws = await h.open();
      h.session.send('A');
      h.session.send('B');
      ws.receiveJson(env('chunk', { content: 'first' }, 'r1'));
      ws.receiveJson(env('chunk', { content: 'second' }, 'r2'));
      ws.drop();
      expect(h.message('r1')!.state).to.equal('interrupted');
      expect(h.message('r2')!.state).to.equal('interrupted');
      expect(h.session.messages.some((m) => m.state === 'streaming')).to.equal(false);
    });

    it('a new setting that replaces the connection ends the replies streaming on it interrupted', async () => {
      const h = make();
      h.configure();
      const ws = await h.open();
      h.session.send('A');
      ws.receiveJson(env('chunk', { content: 'half a rep' }, 'r1'));
      expect(h.message('r1')!.state).to.equal('streaming');
      h.configure({ feature: 'faq' });
      expect(ws.readyState, 'the old socket is closed').to.be.greaterThan(FakeWebSocket.OPEN);
      expect(h.message('r1')!.state).to.equal('interrupted');
    });
  });

  describe('reconnection', () => {
    it('after max-retries says offline but comes back by itself once the server answers (defect 5)', async () => {
      const h = make({ maxRetries: 2 });
      h.configure();
      const first = await h.open();
      first.drop();
      for (let i = 0; i < 3; i++) {
        await h.advance(30_000, 1000);
        FakeWebSocket.last.drop();
      }
      expect(h.session.status).to.equal('offline');
      const count = FakeWebSocket.instances.length;
      // A quiet attempt comes within the backoff cap (30 s).
      for (let t = 0; t < 30_000 && FakeWebSocket.instances.length === count; t += 100) await h.advance(100);
      expect(FakeWebSocket.instances.length).to.equal(count + 1);
      FakeWebSocket.last.open();
      expect(h.session.status).to.equal('connected');
    });

    it('a flapping link (up 3 s / down 3 s) ends connected without a click (defect 5)', async () => {
      const h = make({ maxRetries: 5 });
      h.configure();
      let up = true;
      let switchAt = 3000;
      FakeWebSocket.onCreate = (ws) =>
        void h.clock.setTimeout(() => {
          if (ws.readyState !== 0) return;
          if (up) ws.open();
          else ws.drop();
        }, 50);
      for (let t = 0; t < 120_000; t += 100) {
        await h.advance(100);
        if (h.clock.now() - 1_000_000 >= switchAt) {
          up = !up;
          switchAt += 3000;
          if (!up) for (const ws of FakeWebSocket.instances) if (ws.readyState === 1) ws.drop();
        }
        // The server answers heartbeats while up: the connection proves itself.
        const ws = FakeWebSocket.last;
        for (const beat of heartbeats(ws)) {
          if (up && ws.readyState === 1 && !beat.answered) {
            beat.answered = true;
            ws.receiveJson(env('heartbeat', {}, String(beat.message_id)));
          }
        }
      }
      up = true;
      await h.advance(35_000, 500);
      expect(h.session.status).to.equal('connected');
    });

    it('a new token reconnects at once; a refused one stops until a new one', async () => {
      const h = make();
      h.configure();
      const first = await h.open();
      first.serverClose(4401, 'token refused');
      expect(h.session.status).to.equal('unauthorized');
      await h.advance(120_000, 5000);
      expect(FakeWebSocket.instances).to.have.length(1);
      h.configure({ token: 'fresh' });
      const second = await h.open();
      expect(second.url).to.contain('token=fresh');
      expect(h.session.status).to.equal('connected');
    });
  });

  describe('no retry', () => {
    // What the integration tests cannot show in finite time: after these, nothing reconnects by
    // itself, however long one waits (two minutes of fake time; the backoff cap is 30 s).
    const cases = [
      { dialect: 'envelope', code: 4401, status: 'unauthorized' },
      { dialect: 'conversation', code: 4001, status: 'unauthorized' },
      { dialect: 'consultation', code: 1000, status: 'offline' },
      { dialect: 'consultation', code: 4403, status: 'offline' },
      { dialect: 'consultation', code: 4404, status: 'offline' },
    ] as const;
    for (const { dialect, code, status } of cases) {
      it(`a refused token or a final close code stops retrying: ${dialect} ${code}`, async () => {
        let calls = 0;
        const h = make({ dialect, sessionId: '7', tokenProvider: () => `t${++calls}` });
        h.configure();
        const ws = await h.open();
        ws.serverClose(code, 'no');
        expect(h.session.status).to.equal(status);
        await h.advance(120_000, 5000);
        expect(FakeWebSocket.instances).to.have.length(1);
        expect(calls, 'the token provider is asked once, for the one attempt').to.equal(1);
        expect(h.clock.pending(), 'no timer waits to retry').to.equal(0);
      });
    }
  });

  describe('bounds', () => {
    it('heartbeat="2147484" is clamped: no heartbeat flood (defect 8)', async () => {
      const h = make({ heartbeat: 2_147_484 });
      h.configure();
      const ws = await h.open();
      await h.advance(3000);
      expect(heartbeats(ws).length).to.be.at.most(1);
      expect(h.errors.some((e) => e.code === 'bad-config' && e.message.includes('heartbeat'))).to.equal(true);
      expect(h.session.currentConfig!.heartbeatMs).to.equal(3_600_000);
    });

    it('clear() starts a new session and forgets the old one (defect 9)', async () => {
      const h = make();
      h.configure();
      await h.open();
      const before = h.session.sessionId;
      h.session.send('private');
      h.session.clear();
      expect(h.session.messages).to.deep.equal([]);
      expect(h.session.sessionId).to.not.equal(before);
      const ws = FakeWebSocket.last;
      h.session.send('next person');
      const frame = ws.sentJson.filter((f) => f.type === 'message').at(-1)!;
      expect(frame.session_id).to.equal(h.session.sessionId);
    });

    it('clear() keeps the session the host set', async () => {
      const h = make({ sessionId: 'host-chosen' });
      h.configure();
      await h.open();
      h.session.clear();
      expect(h.session.sessionId).to.equal('host-chosen');
    });
  });

  describe('settings handed over again', () => {
    it('are not validated again when nothing changed (the element hands them over before each render)', async () => {
      const h = make();
      h.configure();
      const ws = await h.open();
      const config = h.session.currentConfig;
      for (let i = 0; i < 1000; i++) h.session.configure({ ...h.settings });
      expect(h.session.currentConfig, 'the same config: nothing resolved again').to.equal(config);
      expect(FakeWebSocket.instances).to.have.length(1);
      // Changed in place and handed over again (the same object): applied.
      h.settings.maxMessages = 7;
      h.session.configure(h.settings);
      expect(h.session.currentConfig).to.not.equal(config);
      expect(h.session.currentConfig!.maxMessages).to.equal(7);
      expect(ws.readyState, 'nothing that matters to the connection changed').to.equal(WebSocket.OPEN);
    });
  });

  describe('the context a dialect decodes with', () => {
    /** Envelope, recording what each decode saw; an `x-state` frame reports a shared state. */
    const spy = () => {
      const seen: { context: DialectContext; history: string[]; state: unknown }[] = [];
      const dialect: SocketDialect = {
        ...envelope,
        name: 'spy',
        decode: (frame, context) => {
          seen.push({
            context,
            history: context.history.map((m) => `${m.role}:${m.content}`),
            state: context.state,
          });
          const value = JSON.parse(String(frame)) as { type: string; data: unknown };
          if (value.type === 'x-state') return [{ type: 'state', snapshot: value.data }];
          return envelope.decode(frame, context);
        },
      };
      return { dialect, seen };
    };

    it('is one object from frame to frame, whose history is the conversation as it is when read', async () => {
      const { dialect, seen } = spy();
      const h = make({ dialect });
      h.configure();
      const ws = await h.open();
      h.session.send('Hello');
      for (const content of ['Hi', ' there']) ws.receiveJson(env('chunk', { content }, 'r1'));
      ws.receiveJson(env('complete', {}, 'r1'));
      ws.receiveJson(env('chunk', { content: 'More' }, 'r2'));
      const contexts = new Set(seen.map((s) => s.context));
      expect(contexts.size, 'one context for every frame').to.equal(1);
      expect(seen.at(-1)!.history, 'the finished reply is history by the next frame').to.deep.equal([
        'user:Hello',
        'assistant:Hi there',
      ]);
      expect(seen[0]!.history).to.deep.equal([]);
    });

    it('is made again when the shared state changes', async () => {
      const { dialect, seen } = spy();
      const h = make({ dialect });
      h.configure();
      const ws = await h.open();
      ws.receiveJson(env('chunk', { content: 'a' }, 'r1'));
      ws.receiveJson({ type: 'x-state', data: { step: 2 } });
      ws.receiveJson(env('chunk', { content: 'b' }, 'r1'));
      expect(seen.map((s) => s.state)).to.deep.equal([undefined, undefined, { step: 2 }]);
      expect(seen[2]!.context).to.not.equal(seen[0]!.context);
    });
  });
});
