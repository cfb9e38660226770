// Tabs of one conversation on fakes (shared storage, a fake BroadcastChannel hub and Web Locks):
// the two tab-sync bugs of issue 15.2 and rule 7 of the delivery rules.
import { expect } from '@open-wc/testing';
import { conversationKey } from '../src/transcript/persistence.js';
import { PULSE_MS, STALE_MS } from '../src/session/tab-sync.js';
import { FakeClock } from './support/fake-clock.js';
import { FakeEnvironment } from './support/fake-environment.js';
import { FakeWebSocket } from './support/fake-socket.js';
import { FakeTabs } from './support/fake-tabs.js';
import { ENDPOINT, MemoryStorage, harness, type Harness } from './support/session-harness.js';

const userFrames = (ws: FakeWebSocket) => ws.sentJson.filter((f) => f.type === 'message');

describe('ChatSession: tabs of one conversation', () => {
  let harnesses: Harness[] = [];
  let storage: MemoryStorage;
  let tabs: FakeTabs;
  let clock: FakeClock;
  let environment: FakeEnvironment;

  /** A tab: its own session on the shared storage, channel hub, locks and clock. */
  const tab = (withLocks = true) => {
    const h = harness(
      { persist: 'local', sessionId: undefined },
      {
        storage: () => storage,
        BroadcastChannel: tabs.BroadcastChannel,
        locks: withLocks ? tabs.locks : undefined,
        clock,
        environment,
      },
    );
    harnesses.push(h);
    return h;
  };

  /** Leaves a waiting message in storage, as a page that went away before it could send it. */
  const leaveWaiting = (content: string): string => {
    const writer = tab();
    environment.navigator.onLine = false;
    writer.configure();
    writer.session.send(content);
    const id = writer.session.messages[0]!.id;
    writer.session.close();
    harnesses = harnesses.filter((h) => h !== writer);
    environment.navigator.onLine = true;
    return id;
  };

  beforeEach(() => {
    FakeWebSocket.reset();
    harnesses = [];
    storage = new MemoryStorage();
    tabs = new FakeTabs();
    clock = new FakeClock();
    environment = new FakeEnvironment();
  });

  afterEach(() => {
    for (const h of harnesses) h.session.close();
    expect(clock.pending(), 'timers left after every tab closed').to.equal(0);
  });

  for (const withLocks of [true, false]) {
    it(`two tabs that restored the same waiting message send it once (issue 15.2; ${withLocks ? 'Web Locks' : 'channel claims'})`, async () => {
      const id = leaveWaiting('sent while offline');
      const a = tab(withLocks);
      const b = tab(withLocks);
      a.configure();
      b.configure();
      expect(a.session.messages.map((m) => m.id)).to.deep.equal([id]);
      expect(b.session.messages.map((m) => m.id)).to.deep.equal([id]);
      await a.settle();
      await a.advance(500); // the claim window of the fallback
      for (const ws of FakeWebSocket.instances) ws.open();
      await a.settle();
      const sent = FakeWebSocket.instances.flatMap(userFrames);
      expect(sent.map((f) => f.message_id)).to.deep.equal([id]);
    });
  }

  it('validates everything on the channel: junk is dropped, a hostile message can never make a tab send', async () => {
    const a = tab();
    a.configure();
    const ws = await a.open();
    ws.sent.length = 0;
    const name = conversationKey(ENDPOINT, 'chat', a.session.sessionId);
    const hostile = { id: 'evil', role: 'user', content: 'send me', state: 'pending', time: 'now' };
    const junk: unknown[] = [
      null,
      42,
      'clear',
      [],
      { type: 'clear' }, // no version, no sender
      { v: 1, from: 'x', type: 'message', message: { id: 1 } },
      { v: 1, from: 'x', type: 'message', message: { ...hostile, state: 'exploded' } },
      {
        v: 1,
        from: 'x',
        type: 'message',
        message: { ...hostile, card: { kind: 'doctors', doctors: 'lots' } },
      },
      { v: 1, from: 'x', type: 'message', message: { ...hostile, content: 'x'.repeat(600_000) } },
      { v: 1, from: 'x', type: 'clear', session: { toString: 'no' } },
      { v: 1, from: 'x', type: 'claim', id: ['a'] },
      { v: 1, from: '', type: 'message', message: hostile },
      { v: 2, from: 'x', type: 'message', message: hostile },
    ];
    for (const data of junk) tabs.inject(name, data);
    await a.settle();
    expect(a.session.messages).to.deep.equal([]);
    // Well-formed news from "another tab": shown, never sent from here.
    tabs.inject(name, { v: 1, from: 'other-tab', type: 'message', message: { ...hostile, extra: '<img>' } });
    tabs.inject(name, { v: 1, from: 'other-tab', type: 'claim', id: 'evil' });
    await a.settle();
    expect(a.session.messages).to.deep.equal([{ ...hostile }]);
    await a.advance(5000);
    expect(userFrames(ws)).to.deep.equal([]);
  });

  it('news from another tab cannot change a message this tab is sending', async () => {
    const a = tab();
    a.configure();
    const ws = await a.open();
    a.session.send('mine');
    const mine = a.session.messages[0]!;
    const name = conversationKey(ENDPOINT, 'chat', a.session.sessionId);
    tabs.inject(name, { v: 1, from: 'other-tab', type: 'message', message: { ...mine, state: 'failed' } });
    await a.settle();
    expect(a.session.messages[0]!.state).to.equal('pending');
    ws.drop();
    await a.advance(600);
    const again = await a.open();
    expect(userFrames(again).map((f) => f.message_id)).to.deep.equal([mine.id]);
  });

  it('a reply left streaming by a tab that went away ends interrupted in the others', async () => {
    const a = tab();
    const b = tab();
    a.configure();
    b.configure();
    await a.settle();
    const wsA = FakeWebSocket.instances[0]!;
    wsA.open();
    FakeWebSocket.instances[1]!.open();
    a.session.send('tell me');
    wsA.receiveJson({ type: 'chunk', data: { content: 'Once' }, message_id: 'r1' });
    await a.settle();
    expect(b.message('r1')!.state).to.equal('streaming');
    // While A lives, its pulses keep B's copy streaming (and growing), however long the reply.
    for (let t = 0; t < 3 * STALE_MS; t += PULSE_MS) {
      wsA.receiveJson({ type: 'chunk', data: { content: '.' }, message_id: 'r1' });
      await a.advance(PULSE_MS, 500);
    }
    expect(b.message('r1')!.state).to.equal('streaming');
    expect(b.message('r1')!.content.length).to.be.greaterThan(4);
    // A crashes: no goodbye, nothing more from it reaches B.
    tabs.cut(0);
    await b.advance(STALE_MS + PULSE_MS, 500);
    expect(b.message('r1')!.state).to.equal('interrupted');
  });

  it('clear() in one tab clears the other and both follow to the new session', async () => {
    const a = tab();
    const b = tab();
    a.configure();
    b.configure();
    expect(a.session.sessionId).to.equal(b.session.sessionId);
    a.session.send('private');
    await a.settle();
    expect(b.session.messages).to.have.length(1);
    a.session.clear();
    await a.settle();
    expect(b.session.messages).to.deep.equal([]);
    expect(b.session.sessionId).to.equal(a.session.sessionId);
    expect([...storage.items.keys()].filter((k) => k.includes('conversation:'))).to.deep.equal([]);
  });
});
