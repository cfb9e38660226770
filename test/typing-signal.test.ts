import { expect } from '@open-wc/testing';
import { TypingSignal } from '../src/transport/typing-signal.js';
import { FakeClock } from './support/fake-clock.js';

describe('TypingSignal', () => {
  it('signals on at the first keystroke only, and off after 2 s without one', () => {
    const clock = new FakeClock();
    const log: boolean[] = [];
    const signal = new TypingSignal((typing) => log.push(typing), 2000, clock);
    signal.poke();
    clock.advance(1500);
    signal.poke();
    clock.advance(1500);
    signal.poke();
    expect(log).to.deep.equal([true]);
    clock.advance(1999);
    expect(log).to.deep.equal([true]);
    clock.advance(1);
    expect(log).to.deep.equal([true, false]);
    expect(clock.pending()).to.equal(0);
  });

  it('signals off at once on stop(), once, and dispose() leaves no timer and says nothing', () => {
    const clock = new FakeClock();
    const log: boolean[] = [];
    const signal = new TypingSignal((typing) => log.push(typing), 2000, clock);
    signal.poke();
    signal.stop();
    signal.stop();
    expect(log).to.deep.equal([true, false]);
    expect(clock.pending()).to.equal(0);
    signal.poke();
    signal.dispose();
    expect(clock.pending()).to.equal(0);
    clock.advance(5000);
    expect(log).to.deep.equal([true, false, true]);
  });
});
