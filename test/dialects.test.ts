// Every dialect end to end: the real <ai-chat> in real Chromium against the mock backend
// speaking that dialect over real sockets (and real SSE for `hybrid`). The mock checks every
// client frame against protocols.md; each test ends by asserting it recorded no violation.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatActionEvent, AiChatErrorEvent } from '../src/events.js';
import { closeBackends, startBackend, type Backend } from './support/backend.js';
import { connected, q, qa, replies, until } from './support/element.js';

type Frame = Record<string, unknown> & { type: string; data?: Record<string, unknown> };

const framesOf = async (backend: Backend, type: string): Promise<Frame[]> =>
  (await backend.received()).map((r) => r.frame as Frame).filter((f) => f?.type === type);

async function noViolations(backend: Backend): Promise<void> {
  expect(await backend.call<string[]>('violations')).to.deep.equal([]);
}

const assistantText = (el: AiChat) =>
  el.messages
    .filter((m) => m.role === 'assistant')
    .map((m) => m.content)
    .join('\n');

describe('dialect: booking', () => {
  afterEach(closeBackends);

  const booking = (backend: Backend, token = 'demo-token') =>
    fixture<AiChat>(
      html`<ai-chat
        dialect="booking"
        endpoint=${backend.url('/ws/booking')}
        token=${token}
        feature="booking_assistant"
      ></ai-chat>`,
    );

  for (const final of ['last', 'whole'] as const) {
    it(`assembles a streamed reply whose closing frame carries the ${final === 'last' ? 'last delta' : 'whole reply'}`, async () => {
      const backend = await startBackend({ bookingFinal: final });
      const el = await booking(backend);
      await connected(el);
      const text = 'Sure! Here are **three doctors** with free times this week.';
      await backend.call('nextReply', text);
      el.send('I need an appointment');
      await replies(el);
      expect(el.messages.find((m) => m.role === 'assistant')!.content).to.equal(text);
      await noViolations(backend);
    });
  }

  it('walks doctors → time slots → confirmation through keyboard-usable cards', async () => {
    const backend = await startBackend();
    const el = await booking(backend);
    await connected(el);
    const actions: string[] = [];
    el.addEventListener('ai-chat-action', (e: AiChatActionEvent) =>
      actions.push(`${e.detail.action}:${e.detail.value}`),
    );

    el.send('I would like to book a check-up');
    await until(() => q(el, '[part~="card"][part~="doctors"] [part~="action"]'), 'a doctors card');
    await expect(el).to.be.accessible();
    const choose = q<HTMLButtonElement>(el, '[part~="doctors"] [part~="action"]')!;
    choose.focus();
    await sendKeys({ press: 'Enter' });
    await until(
      async () => (await framesOf(backend, 'message')).length === 2,
      'the choice reaches the server',
    );
    const [, picked] = await framesOf(backend, 'message');
    expect(picked!.metadata).to.deep.include({ action: 'select_doctor' });
    expect(actions[0]).to.equal(`select_doctor:${(picked!.metadata as Record<string, string>).doctor_id}`);

    await until(() => q(el, '[part~="time-slots"] [part~="slot"]:not([disabled])'), 'a time-slots card');
    q<HTMLButtonElement>(el, '[part~="time-slots"] [part~="slot"]:not([disabled])')!.click();
    await until(() => q(el, '[part~="card"][part~="confirmation"]'), 'a confirmation card');
    const slotFrame = (await framesOf(backend, 'message'))[2]!;
    expect(slotFrame.metadata).to.deep.include({ action: 'select_time_slot' });
    expect(actions[1]).to.equal(
      `select_time_slot:${(slotFrame.metadata as Record<string, string>).time_slot_id}`,
    );
    expect(q(el, '[part~="confirmation"]')!.textContent).to.contain('Confirmed');
    await expect(el).to.be.accessible();
    await noViolations(backend);
  });

  it('sends nothing when the host cancels ai-chat-action', async () => {
    const backend = await startBackend();
    const el = await booking(backend);
    await connected(el);
    el.send('Book me in');
    await until(() => q(el, '[part~="doctors"] [part~="action"]'), 'a doctors card');
    el.addEventListener('ai-chat-action', (e) => e.preventDefault());
    q<HTMLButtonElement>(el, '[part~="doctors"] [part~="action"]')!.click();
    // Streams are ordered: had the click sent anything, it would reach the server before this.
    el.send('probe');
    await until(
      async () => (await framesOf(backend, 'message')).some((f) => f.content === 'probe'),
      'the probe',
    );
    expect((await framesOf(backend, 'message')).map((f) => f.content)).to.deep.equal(['Book me in', 'probe']);
  });

  it('shows a server error in the conversation and stops at unauthorized for a refused token', async () => {
    const backend = await startBackend();
    const el = await booking(backend);
    await connected(el);
    const errors: string[] = [];
    el.addEventListener('ai-chat-error', (e: AiChatErrorEvent) => errors.push(e.detail.code));
    el.send('/error');
    await until(() => errors.includes('server-error'), 'a server-error event');
    await until(() => q(el, '[part~="system"]'), 'the error is shown');
    const refused = await booking(backend, 'expired');
    await until(() => refused.status === 'unauthorized', 'unauthorized');
  });
});

describe('dialect: hybrid (socket + SSE)', () => {
  afterEach(closeBackends);

  const hybrid = (backend: Backend, endpoint = backend.url('/api/v1/ws/chat/{user}')) =>
    fixture<AiChat>(
      html`<ai-chat
        dialect="hybrid"
        endpoint=${endpoint}
        stream-url=${`http://127.0.0.1:${backend.port}/api/v1/chat/stream`}
        user-id="42"
        token="demo-token"
      ></ai-chat>`,
    );

  it('syncs history, sends typing, streams the reply over SSE and reports it complete', async () => {
    const backend = await startBackend();
    const el = await hybrid(backend);
    await connected(el);
    await until(() => el.messages.length >= 2, 'history arrives on connect');
    const history = el.messages.length;

    const input = q<HTMLTextAreaElement>(el, 'textarea')!;
    input.focus();
    await sendKeys({ type: 'What should I' });
    await until(
      async () => (await framesOf(backend, 'typing')).some((f) => f.is_typing === true),
      'typing on',
    );

    const text = 'Drink **water**, rest, and\n\n- take paracetamol\n- call us if it lasts > 3 days';
    await backend.call('nextReply', text);
    await sendKeys({ type: ' do?' });
    await sendKeys({ press: 'Enter' });
    await until(
      async () => (await framesOf(backend, 'typing')).at(-1)?.is_typing === false,
      'typing off on send',
    );
    await until(
      () => el.messages.slice(history).some((m) => m.role === 'assistant' && m.state === 'complete'),
      'reply',
    );
    const reply = el.messages.slice(history).find((m) => m.role === 'assistant')!;
    expect(reply.content).to.equal(text);
    await el.updateComplete;
    expect(qa(el, '[part~="assistant"]').at(-1)!.querySelectorAll('li')).to.have.length(2);

    await until(
      async () => (await framesOf(backend, 'bot_response_complete')).length === 1,
      'bot_response_complete',
    );
    const [complete] = await framesOf(backend, 'bot_response_complete');
    expect(complete!.content).to.equal(text);
    const [message] = await framesOf(backend, 'message');
    expect(message).to.include({ role: 'user', content: 'What should I do?' });
    const [request] =
      await backend.call<{ authorization: string | null; query: Record<string, unknown> }[]>(
        'streamRequests',
      );
    expect(request!.authorization).to.match(/^Bearer \d+$/);
    expect(request!.query).to.include({ message: 'What should I do?' });
    expect(request!.query).to.not.have.property('token');
    await noViolations(backend);
  });

  for (const [hook, reason] of [
    ['/http-error', 'HTTP 500'],
    ['/broken', 'cut off'],
  ] as const) {
    it(`ends the reply as failed with the reason shown on ${hook}`, async () => {
      const backend = await startBackend();
      const el = await hybrid(backend);
      await connected(el);
      const errors: string[] = [];
      el.addEventListener('ai-chat-error', (e: AiChatErrorEvent) => errors.push(e.detail.message));
      el.send(hook);
      await until(() => errors.some((m) => m.includes(reason)), `an error naming ${reason}`);
      await until(
        () => qa(el, '[part~="system"]').some((n) => n.textContent!.includes(reason)),
        'reason shown',
      );
      expect(el.messages.some((m) => m.state === 'streaming')).to.equal(false);
      expect(el.hasAttribute('busy')).to.equal(false);
    });
  }

  it('still sends and streams while the socket is down', async () => {
    const backend = await startBackend();
    const el = await hybrid(backend, 'ws://127.0.0.1:9/api/v1/ws/chat/{user}');
    await until(() => el.status === 'reconnecting', 'the socket cannot connect');
    await backend.call('nextReply', 'Answered over SSE alone.');
    el.send('hello?');
    await replies(el);
    expect(assistantText(el)).to.equal('Answered over SSE alone.');
    expect(el.messages.find((m) => m.role === 'user')!.state).to.equal('sent');
  });
});

describe('dialect: conversation', () => {
  afterEach(closeBackends);

  const conversation = (backend: Backend, token = 'demo-token') =>
    fixture<AiChat>(
      html`<ai-chat
        dialect="conversation"
        endpoint=${backend.url('/api/v1/chat/ws')}
        session-id="123"
        token=${token}
      ></ai-chat>`,
    );

  it('authenticates in the first frame, joins, and marks a message sent only when acknowledged', async () => {
    const backend = await startBackend({ ackDelayMs: 1500 });
    const el = await conversation(backend);
    await connected(el);
    const [handshake] = await backend.call<{ query: Record<string, unknown> }[]>('handshakes');
    expect(handshake!.query).to.not.have.property('token');
    const received = (await backend.received()).map((r) => (r.frame as Frame).type);
    expect(received.slice(0, 2)).to.deep.equal(['auth', 'join_conversation']);

    await backend.call('nextReply', 'Hello! How can I help?');
    el.send('Hi there');
    // Written and received, but the ack is 1.5 s away: still pending.
    await until(async () => (await framesOf(backend, 'send_message')).length === 1, 'received');
    expect(el.messages[0]!.state).to.equal('pending');
    await until(() => el.messages[0]!.state === 'sent', 'acknowledged');
    await replies(el);
    expect(assistantText(el)).to.equal('Hello! How can I help?');
    const [send] = await framesOf(backend, 'send_message');
    expect(send!.data).to.deep.include({
      conversation_id: 123,
      content: 'Hi there',
      client_id: el.messages[0]!.id,
    });
    await noViolations(backend);
  });

  it('re-sends a message the server never acknowledged after a reconnect, answered once', async () => {
    const backend = await startBackend({ dropAcks: true });
    const el = await conversation(backend);
    await connected(el);
    el.send('Did you get this?');
    await until(async () => (await framesOf(backend, 'send_message')).length === 1, 'written once');
    await until(() => el.messages.some((m) => m.role === 'assistant' && m.state === 'complete'), 'answered');
    expect(el.messages[0]!.state).to.equal('pending');

    await backend.call('setOptions', { dropAcks: false });
    await backend.call('dropAll');
    await until(
      async () => (await framesOf(backend, 'send_message')).length === 2,
      're-sent after reconnect',
    );
    await until(() => el.messages[0]!.state === 'sent', 'acknowledged after the re-send');
    // A probe written after the resend: its reply comes after anything the resend gets (the
    // backend replays the reply it made, under the same id, and the widget keeps one copy).
    await backend.call('nextReply', 'Probe answered.');
    el.send('probe');
    await until(
      () => el.messages.some((m) => m.content === 'Probe answered.' && m.state === 'complete'),
      'probe',
    );
    const sends = await framesOf(backend, 'send_message');
    expect(sends[0]!.data!.client_id).to.equal(sends[1]!.data!.client_id);
    expect(el.messages.filter((m) => m.role === 'assistant')).to.have.length(2);
    expect(el.messages.filter((m) => m.role === 'user')).to.have.length(2);
    await noViolations(backend);
  });

  it('sends typing both ways, shows messages from other tabs, and reports coded errors', async () => {
    const backend = await startBackend();
    const el = await conversation(backend);
    await connected(el);
    q<HTMLTextAreaElement>(el, 'textarea')!.focus();
    await sendKeys({ type: 'hel' });
    await until(
      async () => (await framesOf(backend, 'typing')).some((f) => f.data?.is_typing === true),
      'typing sent',
    );

    el.send('/other-tab');
    await until(() => el.messages.length >= 3, 'messages from the other tab');
    const errors: { code: string; message: string }[] = [];
    el.addEventListener('ai-chat-error', (e: AiChatErrorEvent) => errors.push(e.detail));
    el.send('/error');
    await until(() => errors.some((e) => e.code !== 'bad-frame'), 'a coded error');
    expect(errors.find((e) => e.code !== 'bad-frame')!.code).to.match(/^[A-Z_]+$/);
    await noViolations(backend);
  });

  it('stops at unauthorized when the token is refused', async () => {
    const backend = await startBackend();
    const el = await conversation(backend, 'revoked');
    await until(() => el.status === 'unauthorized', `status ${el.status}`);
    // No retry by itself, however long one waits: shown on the fake clock (session.test.ts, 'a
    // refused token or a final close code stops retrying').
    expect(await backend.call<unknown[]>('handshakes')).to.have.length(1);
  });
});

describe('dialect: consultation', () => {
  afterEach(closeBackends);

  const consultation = (backend: Backend, session = 'c-981', heartbeat = 30) =>
    fixture<AiChat>(
      html`<ai-chat
        dialect="consultation"
        endpoint=${backend.url('/ws/consultation')}
        session-id=${session}
        api-key="k-1"
        token="demo-token"
        feature="consultation"
        heartbeat=${heartbeat}
      ></ai-chat>`,
    );

  it('puts the ids in the URL, streams replies with either id spelling, and shows a template card', async () => {
    const backend = await startBackend();
    const el = await consultation(backend);
    await connected(el);
    const [handshake] = await backend.call<{ query: Record<string, unknown> }[]>('handshakes');
    expect(handshake!.query).to.include({ consultation_id: 'c-981' });
    expect(handshake!.query).to.have.property('api_key');

    const text = 'A balanced week: **protein** at every meal.';
    await backend.call('nextReply', text, {
      template: { type: 'meal', name: 'Balanced week', description: 'Seven days, three meals a day.' },
    });
    el.send('Can you create a meal plan for this week?');
    await until(() => q(el, '[part~="card"][part~="template"]'), 'a template card');
    expect(assistantText(el)).to.contain(text);
    const card = q(el, '[part~="template"]')!.textContent!;
    expect(card).to.contain('Meal plan');
    expect(card).to.contain('Balanced week');
    const [sent] = await framesOf(backend, 'user_message');
    expect(sent).to.include({ content: 'Can you create a meal plan for this week?' });
    await expect(el).to.be.accessible();
    await noViolations(backend);
  });

  it('pings at the heartbeat interval and stays up on pongs', async () => {
    const backend = await startBackend();
    const el = await consultation(backend, 'c-1', 1);
    await connected(el);
    await until(async () => (await framesOf(backend, 'ping')).length >= 3, 'three pings');
    expect(el.status).to.equal('connected');
    expect(await backend.call<unknown[]>('handshakes')).to.have.length(1);
    await noViolations(backend);
  });

  it('ends without reconnecting on close 1000, and says so', async () => {
    const backend = await startBackend();
    const el = await consultation(backend);
    await connected(el);
    el.send('/end');
    await until(() => el.status === 'offline', `status ${el.status}`);
    await el.updateComplete;
    expect(q(el, '[part~="notice"]')!.textContent).to.contain('ended');
    // No reconnect by itself: shown on the fake clock (session.test.ts, 'a refused token or a
    // final close code stops retrying').
    expect(await backend.call<unknown[]>('handshakes')).to.have.length(1);
  });

  it('does not retry when access is denied (4403), and says so', async () => {
    const backend = await startBackend();
    const el = await consultation(backend, 'forbidden');
    await until(() => el.status === 'offline', `status ${el.status}`);
    await el.updateComplete;
    expect(q(el, '[part~="notice"]')!.textContent).to.contain('denied');
    // No retry by itself: shown on the fake clock (session.test.ts, as above).
    expect(await backend.call<unknown[]>('handshakes')).to.have.length(1);
  });
});
