// TabChannel: the line between tabs and frames of one origin. Real BroadcastChannels in real
// Chromium (two channels of one name in one page talk to each other as two tabs would), plus a
// stand-in BroadcastChannel for a browser without one and for one that throws. It never throws,
// hands over what arrives as data, and nothing once closed. Quiet is proved by a later message:
// a post reaches the channels of a name in the order they were made, so when a channel made later
// has it, an earlier one would have it too.
import { expect } from '@open-wc/testing';
import { TabChannel } from '../src/transport/tab-channel.js';

let serial = 0;
/** A fresh channel name per test, so no test hears another. */
const fresh = () => `ai-chat-test-${Date.now().toString(36)}-${++serial}`;

/** A TabChannel that records what it is handed; `next()` resolves with the next arrival. */
function listener(name: string) {
  const got: unknown[] = [];
  let waiting: ((data: unknown) => void)[] = [];
  const channel = new TabChannel(name, (data) => {
    got.push(data);
    const [first, ...rest] = waiting;
    waiting = rest;
    first?.(data);
  });
  const next = () => new Promise<unknown>((resolve) => waiting.push(resolve));
  return { channel, got, next };
}

const opened: { close(): void }[] = [];
const track = <T extends { close(): void }>(channel: T): T => {
  opened.push(channel);
  return channel;
};

describe('TabChannel', () => {
  afterEach(() => {
    for (const channel of opened.splice(0)) channel.close();
  });

  it('carries a post to the other channels of its name, not to itself and not to other names', async () => {
    const name = fresh();
    const a = listener(name);
    const b = listener(name);
    const other = listener(fresh());
    for (const l of [a, b, other]) track(l.channel);
    expect(a.channel.open).to.equal(true);
    expect(a.channel.name).to.equal(name);

    const arrived = b.next();
    a.channel.post({ type: 'hello', n: 1 });
    expect(await arrived).to.deep.equal({ type: 'hello', n: 1 });

    // b answers; when a has the answer, a would have had its own post, which came first.
    const answered = a.next();
    b.channel.post('answer');
    expect(await answered).to.equal('answer');
    expect(a.got, 'a never hears itself').to.deep.equal(['answer']);
    expect(b.got).to.deep.equal([{ type: 'hello', n: 1 }]);
    expect(other.got, 'another name hears nothing').to.deep.equal([]);
  });

  it('hands over a copy, in the order posted', async () => {
    const name = fresh();
    const a = track(new TabChannel(name, () => {}));
    const b = listener(name);
    track(b.channel);
    const sent = { list: [1, 2, 3], nested: { at: new Date(0) } };
    const all = Promise.all([b.next(), b.next(), b.next()]);
    a.post(sent);
    sent.list.push(4); // changed after posting: the copy was taken at post time
    a.post(2);
    a.post('three');
    const [first, second, third] = await all;
    expect(first).to.not.equal(sent);
    expect(first).to.deep.equal({ list: [1, 2, 3], nested: { at: new Date(0) } });
    expect([second, third]).to.deep.equal([2, 'three']);
  });

  it('hands junk and hostile data from any script of the origin over as plain data', async () => {
    const name = fresh();
    const b = listener(name);
    track(b.channel);
    const hostile = track(new BroadcastChannel(name));
    const payloads: unknown[] = [
      null,
      undefined,
      0,
      '',
      'not json {',
      [],
      { type: 'message' },
      { type: 'message', message: { id: 42, role: 'root', content: null } },
      JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
      { type: 'x'.repeat(100_000) },
      new Uint8Array([1, 2, 3]),
      new Map([['a', 1]]),
    ];
    const all = Promise.all(payloads.map(() => b.next()));
    for (const payload of payloads) hostile.postMessage(payload);
    const got = await all;
    expect(got).to.deep.equal(payloads);
    expect(({} as Record<string, unknown>).polluted, 'Object.prototype untouched').to.equal(undefined);
    expect(Object.getPrototypeOf(got[8])).to.equal(Object.prototype);
  });

  it('drops a value that cannot be cloned without throwing, and goes on', async () => {
    const name = fresh();
    const a = track(new TabChannel(name, () => {}));
    const b = listener(name);
    track(b.channel);
    expect(() => a.post({ fn: () => 1 })).to.not.throw();
    expect(() => a.post(document.body)).to.not.throw();
    expect(() => a.post(Symbol('s'))).to.not.throw();
    const next = b.next();
    a.post('after');
    expect(await next).to.equal('after');
    expect(b.got, 'only the value that could be sent').to.deep.equal(['after']);
  });

  it('once closed: not open, hears nothing, posts nothing, and closing again is harmless', async () => {
    const name = fresh();
    const closed = listener(name); // made first: a post reaches it before the witness
    const witness = listener(name);
    track(witness.channel);
    const sender = track(new BroadcastChannel(name));

    closed.channel.close();
    expect(closed.channel.open).to.equal(false);
    expect(() => closed.channel.close()).to.not.throw();
    expect(() => closed.channel.post('from a closed channel')).to.not.throw();

    const heard = witness.next();
    sender.postMessage('after close');
    expect(await heard).to.equal('after close');
    expect(closed.got, 'a closed channel hears nothing').to.deep.equal([]);
    expect(witness.got, 'a closed channel sends nothing').to.deep.equal(['after close']);
  });

  describe('without a usable BroadcastChannel', () => {
    const original = globalThis.BroadcastChannel;
    afterEach(() => {
      globalThis.BroadcastChannel = original;
    });

    it('in a browser without BroadcastChannel: never open, and every call is a harmless no-op', () => {
      delete (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel;
      expect(typeof BroadcastChannel).to.equal('undefined');
      const channel = new TabChannel(fresh(), () => expect.fail('nothing can arrive'));
      expect(channel.open).to.equal(false);
      expect(() => channel.post('x')).to.not.throw();
      expect(() => channel.close()).to.not.throw();
      expect(channel.open).to.equal(false);
    });

    it('when the constructor throws (an opaque origin, a sandboxed frame): never open, no throw', () => {
      globalThis.BroadcastChannel = class {
        constructor() {
          throw new DOMException('denied', 'SecurityError');
        }
      } as unknown as typeof BroadcastChannel;
      let channel: TabChannel | undefined;
      expect(() => {
        channel = new TabChannel(fresh(), () => {});
      }).to.not.throw();
      expect(channel!.open).to.equal(false);
      expect(() => channel!.post('x')).to.not.throw();
    });

    it('when posting throws (the channel closed underneath it): no throw, and it can still close', () => {
      const calls: string[] = [];
      globalThis.BroadcastChannel = class {
        onmessage: unknown = null;
        postMessage() {
          calls.push('post');
          throw new DOMException('closed', 'InvalidStateError');
        }
        close() {
          calls.push('close');
        }
      } as unknown as typeof BroadcastChannel;
      const channel = new TabChannel(fresh(), () => {});
      expect(channel.open).to.equal(true);
      expect(() => channel.post('x')).to.not.throw();
      channel.close();
      expect(channel.open).to.equal(false);
      channel.post('y');
      expect(calls).to.deep.equal(['post', 'close']);
    });
  });
});
