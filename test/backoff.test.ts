import { expect } from '@open-wc/testing';
import { DEFAULTS, nextDelay } from '../src/transport/backoff.js';

const always = (value: number) => () => value;

describe('nextDelay', () => {
  it('has the documented defaults', () => {
    expect(DEFAULTS).to.deep.equal({
      baseMs: 1000,
      capMs: 30_000,
      maxRetries: 5,
      heartbeatMs: 30_000,
      connectTimeoutMs: 10_000,
      stableAfterMs: 5_000,
      outboxLimit: 200,
    });
  });

  it('is full jitter: random() times the doubling ceiling, in whole ms', () => {
    expect(nextDelay(0, DEFAULTS, always(0))).to.equal(0);
    expect(nextDelay(0, DEFAULTS, always(0.5))).to.equal(500);
    expect(nextDelay(0, DEFAULTS, always(0.999))).to.equal(999);
    expect(nextDelay(1, DEFAULTS, always(0.5))).to.equal(1000);
    expect(nextDelay(2, DEFAULTS, always(0.5))).to.equal(2000);
    expect(nextDelay(3, DEFAULTS, always(0.999))).to.equal(7992);
    expect(nextDelay(1, DEFAULTS, always(0.3333))).to.satisfy(Number.isInteger);
  });

  it('caps the ceiling at capMs', () => {
    expect(nextDelay(5, DEFAULTS, always(0.5))).to.equal(15_000); // 32 s ceiling capped to 30 s
    expect(nextDelay(10, DEFAULTS, always(0.999))).to.equal(29_970);
    expect(nextDelay(4, { baseMs: 100, capMs: 1000 }, always(0.999))).to.equal(999);
  });

  it('is safe for huge or odd attempts', () => {
    for (const attempt of [1024, 1e9, Number.MAX_SAFE_INTEGER, Infinity]) {
      const delay = nextDelay(attempt, DEFAULTS, always(0.999));
      expect(delay, String(attempt)).to.equal(29_970);
    }
    expect(nextDelay(-3, DEFAULTS, always(0.5))).to.equal(500);
    expect(nextDelay(NaN, DEFAULTS, always(0.5))).to.equal(500);
  });

  it('never returns NaN or a negative number, whatever random() returns', () => {
    for (const r of [NaN, -1, 2, Infinity]) {
      const delay = nextDelay(2, DEFAULTS, always(r));
      expect(delay, String(r)).to.be.at.least(0).and.at.most(4000);
      expect(Number.isNaN(delay)).to.equal(false);
    }
    expect(nextDelay(3, { baseMs: NaN, capMs: 1000 }, always(0.5))).to.equal(0);
  });

  it('uses Math.random and DEFAULTS when not given', () => {
    for (let i = 0; i < 50; i++) {
      const delay = nextDelay(0);
      expect(delay).to.be.at.least(0).and.below(1000);
    }
  });

  it('stays within what a timer can wait even with an enormous cap', () => {
    expect(nextDelay(200, { baseMs: 1000, capMs: Infinity }, always(0.999))).to.be.at.most(2 ** 31 - 1);
  });
});
