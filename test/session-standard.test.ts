// The session with the standard-stream dialects on fakes (issue 13): a built-in dialect that
// loads on demand is waited for, the backend's shared state is kept (snapshot, then JSON Patch)
// and sent back, application data is handed on, and a turn's end keeps what came before its reply.
import { expect } from '@open-wc/testing';
import { readyDialect } from '../src/protocol/registry.js';
import type { FakeRequest } from './support/fake-fetch.js';
import { FakeWebSocket } from './support/fake-socket.js';
import { useHarnesses, type Harness } from './support/session-harness.js';

const AGUI = 'https://agents.test/agui/{feature}';
const agui = (event: Record<string, unknown>) => JSON.stringify(event);

describe('ChatSession with the standard streams', () => {
  const make = useHarnesses();
  const requestCount = async (h: Harness, count: number): Promise<FakeRequest> => {
    for (let i = 0; i < 40 && h.http.requests.length < count; i++) await h.settle(1);
    expect(h.http.requests).to.have.length(count);
    return h.http.last;
  };
  /** Waits (real time: the dialect's module is fetched) until the session is connected. */
  const ready = async (h: Harness) => {
    for (let i = 0; i < 300 && h.session.status !== 'connected'; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(h.session.status).to.equal('connected');
  };

  it('waits for a dialect that loads on demand: nothing connects meanwhile, and a message written then goes once it is ready', async () => {
    const h = make({ dialect: 'ai-sdk', endpoint: 'https://app.test/api/chat' });
    h.configure();
    // (Another test may have loaded it already: then it is ready at once.)
    if (!readyDialect('ai-sdk')) {
      expect(h.session.status).to.equal('idle');
      expect(h.session.currentConfig).to.equal(undefined);
    }
    h.session.send('Written while the dialect loads');
    expect(h.session.messages.map((m) => m.state)).to.deep.equal(['pending']);
    await ready(h);
    expect(h.session.currentConfig!.dialect.name).to.equal('ai-sdk');
    const request = await requestCount(h, 1);
    const body = request.json as { messages: { parts: { text: string }[] }[] };
    expect(body.messages.at(-1)!.parts[0]!.text).to.equal('Written while the dialect loads');
    expect(h.errors).to.deep.equal([]);
  });

  it('switching from a socket dialect to a standard stream closes the socket', async () => {
    const h = make();
    h.configure();
    const ws = await h.open();
    expect(h.session.status).to.equal('connected');
    h.configure({ dialect: 'openai', endpoint: 'https://llm.test/v1/chat/completions', model: 'm' });
    expect(ws.readyState).to.be.at.least(FakeWebSocket.CLOSING);
    await ready(h);
    expect(FakeWebSocket.instances).to.have.length(1);
    expect(h.session.currentConfig!.dialect.name).to.equal('openai');
  });

  it('keeps the shared state (snapshot, then JSON Patch), fires state events, and sends it back with the next run', async () => {
    const h = make({ dialect: 'agui', endpoint: AGUI, feature: 'booking_assistant' });
    const states: unknown[] = [];
    h.session.on('state', (e) => states.push(e.detail.state));
    h.configure();
    await ready(h);
    h.session.send('Book a visit');
    const first = await requestCount(h, 1);
    expect(first.url).to.equal('https://agents.test/agui/booking-assistant');
    expect((first.json as { state: unknown }).state).to.deep.equal({});
    first.respond(200);
    first.event(agui({ type: 'STATE_SNAPSHOT', snapshot: { turns: 1 } }));
    first.event(
      agui({ type: 'STATE_DELTA', delta: [{ op: 'add', path: '/booking', value: { step: 'choose' } }] }),
    );
    // A patch that does not apply is reported and changes nothing.
    first.event(agui({ type: 'STATE_DELTA', delta: [{ op: 'remove', path: '/nothing/here' }] }));
    first.event(agui({ type: 'TEXT_MESSAGE_START', messageId: 'm1', role: 'assistant' }));
    first.event(agui({ type: 'TEXT_MESSAGE_CONTENT', messageId: 'm1', delta: 'Which day?' }));
    first.event(agui({ type: 'TEXT_MESSAGE_END', messageId: 'm1' }));
    first.event(agui({ type: 'RUN_FINISHED', threadId: 't', runId: 'r' }));
    await h.settle();
    expect(states).to.deep.equal([{ turns: 1 }, { turns: 1, booking: { step: 'choose' } }]);
    expect(h.session.state).to.deep.equal({ turns: 1, booking: { step: 'choose' } });
    expect(h.errors.map((e) => e.code)).to.deep.equal(['bad-frame']);
    expect(h.transcript()).to.deep.equal(['user:sent:Book a visit', 'assistant:complete:Which day?']);
    h.session.send('Tomorrow');
    const second = await requestCount(h, 2);
    expect((second.json as { state: unknown }).state).to.deep.equal({
      turns: 1,
      booking: { step: 'choose' },
    });
    // clear() starts a new session: its state starts empty.
    second.respond(200);
    second.event(agui({ type: 'RUN_FINISHED', threadId: 't', runId: 'r' }));
    await h.settle();
    h.session.clear();
    expect(h.session.state).to.equal(undefined);
  });

  it('hands application data on as {name, data}; a run with tools only keeps them in a reply of its own', async () => {
    const h = make({ dialect: 'agui', endpoint: AGUI });
    const data: unknown[] = [];
    h.session.on('data', (e) => data.push(e.detail));
    h.configure();
    await ready(h);
    h.session.send('Check my record');
    const request = await requestCount(h, 1);
    request.respond(200);
    request.event(agui({ type: 'TOOL_CALL_START', toolCallId: 'c1', toolCallName: 'read_record' }));
    await h.settle();
    expect(h.session.transcript.upcoming?.activity?.[0]).to.include({
      name: 'read_record',
      state: 'running',
    });
    request.event(agui({ type: 'TOOL_CALL_RESULT', messageId: 'x', toolCallId: 'c1', content: 'ok' }));
    request.event(agui({ type: 'CUSTOM', name: 'clinic.reply-info', value: { characters: 0 } }));
    request.event(agui({ type: 'RUN_FINISHED', threadId: 't', runId: 'r' }));
    await h.settle();
    expect(data).to.deep.equal([{ name: 'clinic.reply-info', data: { characters: 0 } }]);
    const reply = h.session.messages.at(-1)!;
    expect(reply).to.deep.include({ role: 'assistant', state: 'complete', content: '' });
    expect(reply.activity).to.deep.equal([{ id: 'c1', name: 'read_record', state: 'done', detail: 'ok' }]);
    expect(h.session.transcript.awaiting).to.equal(false);
  });

  it('a stream cut after the reply began (nothing of it shown yet) leaves nothing under way', async () => {
    const h = make({ dialect: 'agui', endpoint: AGUI });
    h.configure();
    await ready(h);
    h.session.send('Hello');
    const request = await requestCount(h, 1);
    request.respond(200);
    request.event(agui({ type: 'TEXT_MESSAGE_START', messageId: 'm1', role: 'assistant' }));
    await h.settle();
    expect(h.session.transcript.openReplyId).to.equal('m1');
    request.cut();
    await h.settle();
    expect(h.session.transcript.openReplyId).to.equal(undefined);
    expect(h.session.transcript.awaiting).to.equal(false);
  });
});
