import { expect } from '@open-wc/testing';
import {
  addUserMessage,
  applyServerEvent,
  clearTranscript,
  emptyTranscript,
  interrupt,
  isBusy,
  isTyping,
  markFailed,
  markSent,
  mergeMessage,
  stopReply,
  trimMessages,
  type ChatMessage,
  type Transcript,
  type StepContext,
} from '../src/transcript/index.js';
import type { Card, ServerEvent } from '../src/protocol/types.js';

let ids = 0;
const ctx = (maxMessages = 100): StepContext => ({
  now: '2026-11-21T10:00:00.000Z',
  newId: () => `gen-${++ids}`,
  maxMessages,
});
const apply = (conv: Transcript, ...events: ServerEvent[]) =>
  events.reduce((c, e) => applyServerEvent(c, e, ctx()).transcript, conv);
const msg = (
  id: string,
  state: ChatMessage['state'],
  role: ChatMessage['role'] = 'assistant',
): ChatMessage => ({
  id,
  role,
  content: id,
  state,
  time: 't',
});

describe('transcript (the reducer)', () => {
  beforeEach(() => {
    ids = 0;
  });

  it('adds a user message as pending, then sent; sending starts the wait for a reply', () => {
    const step = addUserMessage(emptyTranscript, { id: 'u1', content: 'Hi', time: 't' }, ctx());
    expect(step.transcript.messages[0]).to.include({ id: 'u1', role: 'user', state: 'pending' });
    expect(step.effects).to.have.length(1);
    expect(isTyping(step.transcript)).to.equal(false);
    const sent = markSent(step.transcript, 'u1');
    expect(sent.transcript.messages[0]!.state).to.equal('sent');
    expect(isTyping(sent.transcript)).to.equal(true);
    expect(isBusy(sent.transcript)).to.equal(true);
    expect(markSent(sent.transcript, 'u1').effects).to.have.length(0);
  });

  it('assembles streamed deltas by reply id and notifies only on start and end', () => {
    let conv = emptyTranscript;
    const effects: string[] = [];
    for (const event of [
      { type: 'reply-delta', id: 'r1', delta: 'Hel' },
      { type: 'reply-delta', id: 'r1', delta: 'lo' },
      { type: 'reply-delta', delta: '!' },
      { type: 'reply-end', id: 'r1' },
    ] as ServerEvent[]) {
      const step = applyServerEvent(conv, event, ctx());
      conv = step.transcript;
      effects.push(...step.effects.map((n) => (n.kind === 'message' ? n.message.state : n.kind)));
    }
    expect(conv.messages).to.have.length(1);
    expect(conv.messages[0]).to.include({ id: 'r1', content: 'Hello!', state: 'complete' });
    expect(effects).to.deep.equal(['streaming', 'complete']);
    expect(isBusy(conv)).to.equal(false);
  });

  it('keeps two replies with different ids apart', () => {
    const conv = apply(
      emptyTranscript,
      { type: 'reply-delta', id: 'a', delta: 'A1' },
      { type: 'reply-delta', id: 'b', delta: 'B1' },
      { type: 'reply-delta', id: 'a', delta: 'A2' },
    );
    expect(conv.messages.map((m) => m.content)).to.deep.equal(['A1A2', 'B1']);
  });

  it('replaces streamed text with complete content, and resolves a last-or-whole ending', () => {
    const replaced = apply(
      emptyTranscript,
      { type: 'reply-delta', id: 'r', delta: 'draft' },
      { type: 'reply-end', id: 'r', content: 'Final text' },
    );
    expect(replaced.messages[0]!.content).to.equal('Final text');
    const lastDelta = apply(
      emptyTranscript,
      { type: 'reply-delta', id: 'r', delta: 'Hello ' },
      { type: 'reply-end', id: 'r', last: 'world' },
    );
    expect(lastDelta.messages[0]!.content).to.equal('Hello world');
    const whole = apply(
      emptyTranscript,
      { type: 'reply-delta', id: 'r', delta: 'Hello ' },
      { type: 'reply-end', id: 'r', last: 'Hello world' },
    );
    expect(whole.messages[0]!.content).to.equal('Hello world');
  });

  it('creates a complete reply (with card) when complete arrives without chunks', () => {
    const card: Card = { kind: 'symptom-analysis', urgency: 'low', specialties: [] };
    const conv = apply(emptyTranscript, { type: 'reply-end', content: 'Done', card });
    expect(conv.messages[0]).to.deep.include({ role: 'assistant', content: 'Done', state: 'complete', card });
  });

  it('ignores chunks re-delivered for a finished reply', () => {
    const conv = apply(
      emptyTranscript,
      { type: 'reply-delta', id: 'r', delta: 'Once' },
      { type: 'reply-end', id: 'r' },
      { type: 'reply-delta', id: 'r', delta: 'Once' },
    );
    expect(conv.messages[0]!.content).to.equal('Once');
    expect(conv.messages[0]!.state).to.equal('complete');
  });

  it('marks an open reply failed on error, adds the error line, and reports it', () => {
    let conv = apply(emptyTranscript, { type: 'reply-delta', id: 'r', delta: 'Part' });
    const step = applyServerEvent(conv, { type: 'error', message: 'Service down' }, ctx());
    conv = step.transcript;
    expect(conv.messages[0]!.state).to.equal('failed');
    expect(conv.messages[1]).to.include({ role: 'system', content: 'Service down' });
    expect(step.effects.some((n) => n.kind === 'error' && n.code === 'server-error')).to.equal(true);
    expect(isBusy(conv)).to.equal(false);
  });

  it('interrupts an open reply when the connection drops, keeping its text', () => {
    const conv = apply(emptyTranscript, { type: 'reply-delta', id: 'r', delta: 'Half a rep' });
    const step = interrupt(conv, undefined, ctx());
    expect(step.transcript.messages[0]).to.include({ content: 'Half a rep', state: 'interrupted' });
    expect(isBusy(step.transcript)).to.equal(false);
    const resumed = apply(step.transcript, { type: 'reply-delta', id: 'r', delta: 'ly' });
    expect(resumed.messages[0]).to.include({ content: 'Half a reply', state: 'streaming' });
  });

  it('adds history messages once, deduplicated by id', () => {
    const history: ServerEvent = {
      type: 'history',
      messages: [
        { id: 'h1', role: 'user', content: 'Earlier question' },
        { id: 'h2', role: 'assistant', content: 'Earlier answer' },
      ],
    };
    const conv = apply(emptyTranscript, history, history);
    expect(conv.messages.map((m) => `${m.id}:${m.state}`)).to.deep.equal(['h1:sent', 'h2:complete']);
  });

  it('tracks server typing, and hides the indicator once a reply streams', () => {
    let conv = apply(emptyTranscript, { type: 'typing', typing: true });
    expect(isTyping(conv)).to.equal(true);
    conv = apply(conv, { type: 'reply-delta', delta: 'x' });
    expect(isTyping(conv)).to.equal(false);
    conv = apply(conv, { type: 'reply-end' }, { type: 'typing', typing: false });
    expect(isTyping(conv)).to.equal(false);
  });

  it('adds effects as system lines and acknowledges sent messages by client id', () => {
    let conv = addUserMessage(emptyTranscript, { id: 'c1', content: 'x', time: 't' }, ctx()).transcript;
    conv = apply(conv, { type: 'system-line', text: 'Clinic closes at 6' }, { type: 'ack', clientId: 'c1' });
    expect(conv.messages.map((m) => `${m.role}:${m.state}`)).to.deep.equal(['user:sent', 'system:complete']);
  });

  it('shows an acknowledged message sent from another tab (an unknown client id) once', () => {
    const ack: ServerEvent = {
      type: 'ack',
      clientId: 'other-tab-1',
      message: { id: 'srv-9', role: 'user', content: 'Sent from my phone' },
    };
    const conv = apply(emptyTranscript, ack, ack);
    expect(conv.messages.map((m) => `${m.id}:${m.role}:${m.content}`)).to.deep.equal([
      'srv-9:user:Sent from my phone',
    ]);
  });

  it('cuts a reply that outgrows the bound, marks it failed, reports it, and ignores more deltas', () => {
    const small: StepContext = { ...ctx(), maxReplyChars: 10 };
    let conv = applyServerEvent(
      emptyTranscript,
      { type: 'reply-delta', id: 'r', delta: 'abcdef' },
      small,
    ).transcript;
    const step = applyServerEvent(conv, { type: 'reply-delta', id: 'r', delta: 'ghijkl' }, small);
    conv = step.transcript;
    expect(conv.messages[0]).to.include({ content: 'abcdefghij', state: 'failed' });
    expect(step.effects.some((n) => n.kind === 'error' && n.code === 'reply-too-large')).to.equal(true);
    expect(isBusy(conv)).to.equal(false);
    conv = applyServerEvent(conv, { type: 'reply-delta', id: 'r', delta: 'more' }, small).transcript;
    expect(conv.messages[0]!.content).to.equal('abcdefghij');
    const whole = applyServerEvent(emptyTranscript, { type: 'reply-end', content: 'x'.repeat(11) }, small);
    expect(whole.transcript.messages[0]).to.include({ content: 'x'.repeat(10), state: 'failed' });
  });

  it('keeps a reply cut at the bound cut: a later end frame does not make it complete (defect 7)', () => {
    const small: StepContext = { ...ctx(), maxReplyChars: 10 };
    let conv = applyServerEvent(
      emptyTranscript,
      { type: 'reply-delta', id: 'r', delta: 'abcdefghijkl' },
      small,
    ).transcript;
    expect(conv.messages[0]).to.include({ state: 'failed' });
    for (const end of [
      { type: 'reply-end', id: 'r' },
      { type: 'reply-end', id: 'r', content: 'short' },
      { type: 'reply-end', id: 'r', last: 'xyz' },
    ] as ServerEvent[]) {
      conv = applyServerEvent(conv, end, small).transcript;
      expect(conv.messages[0]).to.include({ content: 'abcdefghij', state: 'failed' });
    }
  });

  it('a drop interrupts EVERY streaming reply, or only those named (defect 3)', () => {
    const conv = apply(
      emptyTranscript,
      { type: 'reply-delta', id: 'a', delta: 'one' },
      { type: 'reply-delta', id: 'b', delta: 'two' },
      { type: 'reply-delta', id: 'c', delta: 'three' },
    );
    expect(interrupt(conv, undefined, ctx()).transcript.messages.map((m) => m.state)).to.deep.equal([
      'interrupted',
      'interrupted',
      'interrupted',
    ]);
    const some = interrupt(conv, new Set(['b']), ctx()).transcript;
    expect(some.messages.map((m) => m.state)).to.deep.equal(['streaming', 'interrupted', 'streaming']);
  });

  it('stops a reply: its text stays, nothing more is added, an end frame does not complete it', () => {
    let conv = apply(emptyTranscript, { type: 'reply-delta', id: 'r', delta: 'Once upon' });
    const step = stopReply(conv, 'r', ctx());
    conv = step.transcript;
    expect(conv.messages[0]).to.include({ state: 'stopped', content: 'Once upon' });
    expect(step.effects).to.have.length(1);
    expect(isBusy(conv)).to.equal(false);
    conv = apply(conv, { type: 'reply-delta', id: 'r', delta: ' a time' }, { type: 'reply-end', id: 'r' });
    expect(conv.messages[0]).to.include({ state: 'stopped', content: 'Once upon' });
    expect(
      apply(emptyTranscript, { type: 'reply-delta', id: 'x', delta: 'a' }, { type: 'reply-stopped', id: 'x' })
        .messages[0]!.state,
    ).to.equal('stopped');
  });

  it('an error naming a reply fails that reply only, never the one open elsewhere', () => {
    const conv = apply(
      emptyTranscript,
      { type: 'reply-delta', id: 'a', delta: 'one' },
      { type: 'reply-delta', id: 'b', delta: 'two' },
      { type: 'error', id: 'a', message: 'boom' },
    );
    expect(conv.messages.map((m) => `${m.id}:${m.state}`).slice(0, 2)).to.deep.equal([
      'a:failed',
      'b:streaming',
    ]);
    const unknown = apply(conv, { type: 'error', id: 'nope', message: 'elsewhere' });
    expect(unknown.messages.find((m) => m.id === 'b')!.state).to.equal('streaming');
  });

  it('trims to max-messages but never drops a pending or streaming message', () => {
    const messages = [
      msg('p', 'pending', 'user'),
      msg('a', 'complete'),
      msg('s', 'streaming'),
      msg('b', 'complete'),
      msg('c', 'sent', 'user'),
    ];
    expect(trimMessages(messages, 3).map((m) => m.id)).to.deep.equal(['p', 's', 'c']);
    expect(trimMessages(messages, 1).map((m) => m.id)).to.deep.equal(['p', 's']);
    expect(trimMessages(messages, 10)).to.equal(messages);
  });

  it('applies max-messages when messages are added', () => {
    let conv = emptyTranscript;
    for (let i = 0; i < 5; i++)
      conv = applyServerEvent(conv, { type: 'system-line', text: `n${i}` }, ctx(3)).transcript;
    expect(conv.messages.map((m) => m.content)).to.deep.equal(['n2', 'n3', 'n4']);
  });

  it('clears everything but pending messages, and marks failures', () => {
    let conv = addUserMessage(emptyTranscript, { id: 'u1', content: 'waiting', time: 't' }, ctx()).transcript;
    conv = apply(conv, { type: 'system-line', text: 'old' });
    conv = clearTranscript(conv);
    expect(conv.messages.map((m) => m.id)).to.deep.equal(['u1']);
    expect(markFailed(conv, 'u1').transcript.messages[0]!.state).to.equal('failed');
  });

  describe('mergeMessage (a copy from another tab)', () => {
    const merge = (conv: Transcript, message: ChatMessage) => mergeMessage(conv, message, ctx());

    it('adds a message it does not have, with a notice', () => {
      const { transcript, effects } = merge(emptyTranscript, msg('a1', 'complete'));
      expect(transcript.messages.map((m) => m.id)).to.deep.equal(['a1']);
      expect(effects).to.deep.equal([{ kind: 'message', message: msg('a1', 'complete') }]);
    });

    it('takes a copy further along, ignores one behind or the same', () => {
      let conv = merge(emptyTranscript, msg('u1', 'pending', 'user')).transcript;
      conv = merge(conv, msg('u1', 'sent', 'user')).transcript;
      expect(conv.messages[0]!.state).to.equal('sent');
      const late = merge(conv, msg('u1', 'pending', 'user'));
      expect(late.transcript).to.equal(conv);
      expect(late.effects).to.deep.equal([]);
      expect(merge(conv, msg('u1', 'sent', 'user')).transcript, 'the same copy again').to.equal(conv);
    });

    it('takes a longer copy of a reply at the same point, and a finished one closes the reply streaming here', () => {
      let conv = apply(emptyTranscript, { type: 'reply-delta', id: 'r1', delta: 'Hel' });
      expect(conv.openReplyId).to.equal('r1');
      conv = merge(conv, { ...msg('r1', 'streaming'), content: 'Hello th' }).transcript;
      expect(conv.messages[0]!.content).to.equal('Hello th');
      conv = merge(conv, { ...msg('r1', 'streaming'), content: 'He' }).transcript;
      expect(conv.messages[0]!.content, 'a shorter copy is older').to.equal('Hello th');
      conv = merge(conv, { ...msg('r1', 'complete'), content: 'Hello there.' }).transcript;
      expect(conv.messages[0]).to.include({ state: 'complete', content: 'Hello there.' });
      expect(conv.openReplyId).to.equal(undefined);
      expect(isBusy(conv)).to.equal(false);
      // This tab's own stream of the same reply, arriving late, changes nothing.
      expect(apply(conv, { type: 'reply-delta', id: 'r1', delta: 'more' }).messages[0]!.content).to.equal(
        'Hello there.',
      );
    });

    it('keeps max-messages', () => {
      let conv = emptyTranscript;
      for (let i = 0; i < 4; i++) conv = mergeMessage(conv, msg(`m${i}`, 'complete'), ctx(3)).transcript;
      expect(conv.messages.map((m) => m.id)).to.deep.equal(['m1', 'm2', 'm3']);
    });
  });
});
