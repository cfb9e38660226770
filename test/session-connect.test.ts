// When the session connects (connect modes, the idle timeout, waiting for a token; issues 14.1
// and 10.3), what a token provider costs (issue 10.1), and stop (issue 12.3) — on fakes.
import { expect } from '@open-wc/testing';
import { FakeWebSocket } from './support/fake-socket.js';
import { loadDialects, useHarnesses, type Harness } from './support/session-harness.js';

before(loadDialects);

const env = (type: string, data: unknown, messageId: string) => ({ type, data, message_id: messageId });
const userStates = (h: Harness) => h.session.messages.filter((m) => m.role === 'user').map((m) => m.state);
const written = (ws: FakeWebSocket) => ws.sentJson.filter((f) => f.type === 'message');

/** The server answers every heartbeat (an idle connection that lives). */
function echoHeartbeats(ws: FakeWebSocket): FakeWebSocket {
  ws.onClientSend = (data) => {
    const frame = JSON.parse(data) as { type: string; message_id: string };
    if (frame.type === 'heartbeat')
      queueMicrotask(() => ws.receiveJson(env('heartbeat', {}, frame.message_id)));
  };
  return ws;
}

describe('ChatSession: when it connects', () => {
  const make = useHarnesses();

  describe('connect modes', () => {
    it('a closed launcher (connect=open by default) opens no socket and runs no timer', async () => {
      const h = make({ mode: 'launcher', panelOpen: false });
      h.configure();
      await h.settle();
      expect(FakeWebSocket.instances).to.have.length(0);
      expect(h.clock.pending()).to.equal(0);
      expect(h.session.status).to.equal('idle');
      await h.advance(600_000, 60_000);
      expect(FakeWebSocket.instances).to.have.length(0);
    });

    it('open: connects when the panel opens', async () => {
      const h = make({ mode: 'launcher', panelOpen: false });
      h.configure();
      h.configure({ panelOpen: true });
      await h.open();
      expect(h.session.status).to.equal('connected');
    });

    it('open: a message written while closed connects and goes through the outbox', async () => {
      const h = make({ mode: 'launcher', panelOpen: false });
      h.configure();
      h.session.send('from the closed launcher');
      const ws = await h.open();
      expect(written(ws).map((f) => (f.data as { content: string }).content)).to.deep.equal([
        'from the closed launcher',
      ]);
    });

    it('manual: nothing until connect(); a message waits for it', async () => {
      const h = make({ connectMode: 'manual' });
      h.configure();
      h.session.send('waiting');
      await h.settle();
      expect(FakeWebSocket.instances).to.have.length(0);
      expect(userStates(h)).to.deep.equal(['pending']);
      h.session.connect();
      const ws = await h.open();
      expect(written(ws)).to.have.length(1);
    });

    it('disconnect() holds it off until connect(), whatever is sent meanwhile', async () => {
      const h = make();
      h.configure();
      await h.open();
      h.session.disconnect();
      expect(h.session.status).to.equal('idle');
      h.session.send('later');
      await h.settle();
      expect(FakeWebSocket.instances).to.have.length(1);
      h.session.connect();
      const ws = await h.open();
      expect(written(ws)).to.have.length(1);
    });
  });

  describe('idle timeout', () => {
    it('a closed launcher closes an idle connection cleanly after two minutes; the next message reconnects', async () => {
      const h = make({ mode: 'launcher', panelOpen: true });
      h.configure();
      const first = echoHeartbeats(await h.open());
      h.configure({ panelOpen: false });
      await h.advance(119_000, 10_000);
      expect(h.session.status).to.equal('connected');
      await h.advance(1000);
      expect(h.session.status).to.equal('idle');
      expect(first.closedWith?.code).to.equal(1000);
      expect(h.clock.pending()).to.equal(0);
      h.session.send('back again');
      const second = await h.open();
      expect(written(second)).to.have.length(1);
    });

    it('waits while a reply streams, then counts from when it ended', async () => {
      const h = make({ mode: 'launcher', panelOpen: true, idleTimeout: 30 });
      h.configure();
      const ws = echoHeartbeats(await h.open());
      h.session.send('long answer please');
      ws.receiveJson(env('chunk', { content: 'Part' }, 'r1'));
      h.configure({ panelOpen: false });
      await h.advance(60_000, 5000);
      expect(h.session.status).to.equal('connected');
      ws.receiveJson(env('complete', {}, 'r1'));
      await h.advance(29_000, 1000);
      expect(h.session.status).to.equal('connected');
      await h.advance(1000);
      expect(h.session.status).to.equal('idle');
    });

    it('inline with idle-timeout: closes while the page is hidden, reconnects when it shows', async () => {
      const h = make({ idleTimeout: 60 });
      h.configure();
      echoHeartbeats(await h.open());
      await h.advance(120_000, 10_000);
      expect(h.session.status).to.equal('connected'); // visible: never idle
      h.env.setVisibility('hidden');
      await h.advance(60_000, 10_000);
      expect(h.session.status).to.equal('idle');
      h.env.setVisibility('visible');
      await h.open();
      expect(h.session.status).to.equal('connected');
    });
  });

  describe('credentials', () => {
    it('a dialect that needs a token waits for one (idle, no socket) and says so once (issue 10.3)', async () => {
      const h = make({ token: undefined });
      h.configure();
      await h.settle();
      expect(FakeWebSocket.instances).to.have.length(0);
      expect(h.session.status).to.equal('idle');
      h.configure();
      await h.settle();
      expect(h.errors.filter((e) => e.code === 'bad-config').map((e) => e.message)).to.deep.equal([
        'no token: the envelope dialect needs a token or a tokenProvider',
      ]);
      h.session.setTokenProvider(() => 'late');
      const ws = await h.open();
      expect(ws.url).to.contain('token=late');
    });

    it('a dialect that does not need one connects without it', async () => {
      const h = make({ dialect: 'booking', token: undefined });
      h.configure();
      await h.open();
      expect(h.session.status).to.equal('connected');
      expect(h.errors).to.deep.equal([]);
    });

    it('assigning a fresh provider 1,000 times never reconnects; the newest is used at the next connect (issue 10.1)', async () => {
      const h = make({ token: undefined });
      h.session.setTokenProvider(() => 'p-0');
      h.configure();
      const ws = await h.open();
      h.session.on('message', () => h.session.setTokenProvider(() => 'on-event'));
      for (let i = 1; i <= 1000; i++) {
        h.session.setTokenProvider(() => `p-${i}`);
        if (i % 100 === 0) h.configure();
      }
      h.session.setTokenProvider(() => 'newest');
      await h.settle();
      expect(FakeWebSocket.instances).to.have.length(1);
      ws.drop();
      await h.advance(600);
      expect(FakeWebSocket.instances).to.have.length(2);
      expect(FakeWebSocket.last.url).to.contain('token=newest');
    });

    it('a new provider reconnects at once when the token was refused; a new token string always', async () => {
      const h = make({ token: undefined });
      h.session.setTokenProvider(() => 'expired');
      h.configure();
      const first = await h.open();
      first.serverClose(4401, 'token refused');
      expect(h.session.status).to.equal('unauthorized');
      h.session.setTokenProvider(() => 'fresh');
      const second = await h.open();
      expect(second.url).to.contain('token=fresh');
      const strings = make({ token: 'one' });
      strings.configure();
      await strings.open();
      strings.configure({ token: 'two' });
      expect(FakeWebSocket.last.url).to.contain('token=one');
      const third = await strings.open();
      expect(third.url).to.contain('token=two');
    });
  });

  describe('stop', () => {
    it('envelope: the reply ends stopped, and the rest of its frames is dropped', async () => {
      const h = make();
      h.configure();
      const ws = await h.open();
      h.session.send('a long story');
      ws.receiveJson(env('chunk', { content: 'Once upon' }, 'r1'));
      h.session.stop();
      ws.receiveJson(env('chunk', { content: ' a time' }, 'r1'));
      ws.receiveJson(env('complete', {}, 'r1'));
      expect(h.message('r1')).to.include({ state: 'stopped', content: 'Once upon' });
      expect(h.session.transcript.openReplyId).to.equal(undefined);
      h.session.send('next');
      ws.receiveJson(env('chunk', { content: 'Fresh' }, 'r2'));
      expect(h.message('r2')).to.include({ state: 'streaming', content: 'Fresh' });
    });

    it('booking: the next message waits for the stopped reply to end, so replies never mix', async () => {
      const h = make({ dialect: 'booking' });
      h.configure();
      const ws = await h.open();
      h.session.send('one');
      ws.receiveJson({ type: 'message', content: 'Re one', is_complete: false });
      h.session.stop();
      h.session.send('two');
      expect(written(ws).map((f) => f.content)).to.deep.equal(['one']);
      ws.receiveJson({ type: 'message', content: ' and more', is_complete: false });
      ws.receiveJson({ type: 'message', content: ' end', is_complete: true });
      expect(written(ws).map((f) => f.content)).to.deep.equal(['one', 'two']);
      ws.receiveJson({ type: 'message', content: 'Re two', is_complete: true });
      const replies = h.session.messages.filter((m) => m.role === 'assistant');
      expect(replies.map((m) => `${m.state}:${m.content}`)).to.deep.equal([
        'stopped:Re one',
        'complete:Re two',
      ]);
    });

    it('a reply stopped before it began is dropped when it comes', async () => {
      const h = make();
      h.configure();
      const ws = await h.open();
      h.session.send('never mind');
      expect(h.session.transcript.awaiting).to.equal(false); // not yet proven sent
      ws.receiveJson(env('heartbeat', {}, String(ws.sentJson.at(-1)!.message_id)));
      expect(h.session.transcript.awaiting).to.equal(true);
      h.session.stop();
      ws.receiveJson(env('chunk', { content: 'Too late' }, 'r1'));
      ws.receiveJson(env('complete', {}, 'r1'));
      expect(h.session.messages.filter((m) => m.role === 'assistant')).to.deep.equal([]);
    });
  });
});
