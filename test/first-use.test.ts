// src/first-use.ts: code fetched on first use (the dialects, the reply streams' code) loads once,
// a failed load is tried again by the next call, and a value there from the start needs no load.
import { expect } from '@open-wc/testing';
import { firstUse } from '../src/first-use.js';

describe('firstUse', () => {
  it('loads once: calls made meanwhile and later share the first load', async () => {
    let loads = 0;
    const code = firstUse(async () => {
      loads++;
      return { name: 'code' };
    });
    expect(code.value).to.equal(undefined);
    const [a, b] = await Promise.all([code.load(), code.load()]);
    expect(a).to.equal(b);
    expect(await code.load()).to.equal(a);
    expect(code.value).to.equal(a);
    expect(loads).to.equal(1);
  });

  it('forgets a load that failed: the next call tries again', async () => {
    let loads = 0;
    const code = firstUse(async () => {
      loads++;
      if (loads === 1) throw new Error('offline');
      return 'loaded';
    });
    let failure: unknown;
    await code.load().catch((error: unknown) => (failure = error));
    expect((failure as Error).message).to.equal('offline');
    expect(code.value).to.equal(undefined);
    expect(await code.load()).to.equal('loaded');
    expect(loads).to.equal(2);
  });

  it('a value there from the start is ready at once and never loaded', async () => {
    let loads = 0;
    const code = firstUse(async () => {
      loads++;
      return 'other';
    }, 'bundled');
    expect(code.value).to.equal('bundled');
    expect(await code.load()).to.equal('bundled');
    expect(loads).to.equal(0);
  });
});
