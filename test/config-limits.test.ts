import { expect } from '@open-wc/testing';
import { connectionKey, dialectProblem, resolveConfig } from '../src/config.js';
import { DIALECT_NAMES, loadDialect, readyDialect } from '../src/protocol/index.js';
import type { HttpDialect } from '../src/protocol/types.js';

const tiny: HttpDialect = {
  name: 'tiny',
  channel: 'http',
  auth: ['header'],
  replies: 'turn',
  encode: () => ({ body: '{}' }),
  decode: () => [],
};

describe('config: limits and dialect objects', () => {
  it('clamps numbers to sane ranges and says so (defect 8: no timer overflow)', () => {
    const { config, problems } = resolveConfig({
      heartbeat: 2_147_484,
      maxRetries: 1e9,
      maxMessages: 0,
      maxLength: 1e12,
      idleTimeout: 3,
    });
    expect(config.heartbeatMs).to.equal(3_600_000);
    expect(config.maxRetries).to.equal(100);
    expect(config.maxMessages).to.equal(1);
    expect(config.maxLength).to.equal(100_000);
    expect(config.idleTimeoutMs).to.equal(10_000);
    expect(problems).to.have.length(5);
    expect(problems).to.include('heartbeat must be 0 or between 1 and 3600 (got 2147484); using 3600');
  });

  it('keeps heartbeat 0 (off) and in-range values as they are, without problems', () => {
    const { config, problems } = resolveConfig({
      heartbeat: 0,
      maxRetries: 3,
      maxMessages: 50,
      idleTimeout: 0,
    });
    expect(config.heartbeatMs).to.equal(0);
    expect(config.maxRetries).to.equal(3);
    expect(config.idleTimeoutMs).to.equal(0);
    expect(problems).to.deep.equal([]);
  });

  it('connects on load inline and when opened as a launcher, unless told otherwise', () => {
    expect(resolveConfig({}).config.connect).to.equal('auto');
    expect(resolveConfig({ mode: 'launcher' }).config.connect).to.equal('open');
    expect(resolveConfig({ mode: 'launcher', connectMode: 'manual' }).config.connect).to.equal('manual');
    const wrong = resolveConfig({ connectMode: 'sometimes' });
    expect(wrong.config.connect).to.equal('auto');
    expect(wrong.problems[0]).to.contain('connect "sometimes"');
  });

  it('takes an auth mode only when the dialect supports it', async () => {
    await loadDialect('booking');
    expect(resolveConfig({ dialect: 'envelope', auth: 'message' }).config.auth).to.equal('message');
    const wrong = resolveConfig({ dialect: 'booking', auth: 'message' });
    expect(wrong.config.auth).to.equal('query');
    expect(wrong.problems[0]).to.contain('not one the booking dialect supports (query, protocol)');
  });

  it('takes a dialect object (the public dialect API), validated', async () => {
    expect(resolveConfig({ dialect: tiny }).config.dialect).to.equal(tiny);
    expect(dialectProblem(tiny)).to.equal(undefined);
    for (const d of await Promise.all(DIALECT_NAMES.map(loadDialect)))
      expect(dialectProblem(d), d.name).to.equal(undefined);
    const broken = { ...tiny, replies: 'sometimes' } as unknown as HttpDialect;
    const { config, problems } = resolveConfig({ dialect: broken });
    expect(config.dialect).to.equal(readyDialect('envelope'));
    expect(problems[0]).to.contain(`the dialect object "tiny" replies must be 'id' or 'turn'`);
    expect(dialectProblem({ ...tiny, decode: 'no' })).to.contain('decode and encode functions');
    expect(dialectProblem(null)).to.equal('is not an object');
  });

  it('an equal dialect object built anew does not ask for a new connection', () => {
    const a = resolveConfig({ endpoint: 'https://x.test/chat', dialect: tiny }).config;
    const b = resolveConfig({
      endpoint: 'https://x.test/chat',
      dialect: { ...tiny, decode: () => [] },
    }).config;
    const c = resolveConfig({ endpoint: 'https://x.test/chat', dialect: { ...tiny, replies: 'id' } }).config;
    expect(connectionKey(a)).to.equal(connectionKey(b));
    expect(connectionKey(a)).to.not.equal(connectionKey(c));
  });
});
