// The reply streams' code (src/session/stream-code.ts) loads on demand: a socket dialect without
// a reply stream never loads it, a dialect that streams replies over HTTP waits for it (nothing
// connects meanwhile, and what is written then goes once it is there), and the built-in dialects
// that need it are known before their own code loads. This file's page starts without it loaded.
import { expect } from '@open-wc/testing';
import { DIALECT_NAMES, STREAMING_DIALECTS, loadDialect } from '../src/protocol/index.js';
import type { HttpDialect } from '../src/protocol/types.js';
import { readyReplyStreams, streamsReplies } from '../src/session/stream-code.js';
import { useHarnesses, type Harness } from './support/session-harness.js';

/** A partner's own HTTP dialect (the public dialect API): one JSON body per turn. */
const partner: HttpDialect = {
  name: 'partner',
  channel: 'http',
  auth: ['header'],
  replies: 'turn',
  encode: (command) =>
    command.type === 'send' ? { body: JSON.stringify({ q: command.content }) } : undefined,
  decode: () => [],
};

describe('the reply streams’ code, on demand', () => {
  const make = useHarnesses();

  /** Waits (real time: the module is fetched) until the session is connected. */
  const ready = async (h: Harness) => {
    for (let i = 0; i < 300 && h.session.status !== 'connected'; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(h.session.status).to.equal('connected');
  };

  it('is not loaded for a socket dialect without a reply stream', async () => {
    const h = make();
    h.configure();
    await h.open();
    expect(h.session.status).to.equal('connected');
    h.session.send('Hello');
    await h.settle(1);
    expect(readyReplyStreams()).to.equal(undefined);
  });

  it('is waited for by an HTTP dialect: nothing connects meanwhile, and a message written then goes once it is there', async () => {
    expect(readyReplyStreams(), 'this test runs before anything loads it').to.equal(undefined);
    const h = make({ dialect: partner, endpoint: 'https://partner.test/chat' });
    h.configure();
    expect(h.session.status).to.equal('idle');
    expect(h.session.currentConfig).to.equal(undefined);
    h.session.send('Written while the code loads');
    expect(h.session.messages.map((m) => m.state)).to.deep.equal(['pending']);
    await ready(h);
    expect(readyReplyStreams()).to.be.a('function');
    expect(h.session.currentConfig!.dialect).to.equal(partner);
    for (let i = 0; i < 40 && h.http.requests.length < 1; i++) await h.settle(1);
    expect(h.http.requests).to.have.length(1);
    expect(h.http.last.json).to.deep.equal({ q: 'Written while the code loads' });
    expect(h.errors).to.deep.equal([]);
  });

  it('is needed by exactly the built-in dialects the registry lists as streaming', async () => {
    const streaming = [];
    for (const name of DIALECT_NAMES) if (streamsReplies(await loadDialect(name))) streaming.push(name);
    expect(streaming).to.deep.equal([...STREAMING_DIALECTS]);
  });
});
