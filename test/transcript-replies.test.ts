// The reducer for what the standard streams emit (issue 13): replies that begin before their
// text, figures on the end, the end of a turn, a replaced history, and what comes with a reply
// (tools, reasoning, sources), which may arrive before the reply itself.
import { expect } from '@open-wc/testing';
import {
  applyServerEvent,
  emptyTranscript,
  interrupt,
  isBusy,
  isTyping,
  markSent,
  addUserMessage,
  stopReply,
  type Transcript,
  type Effect,
  type StepContext,
} from '../src/transcript/index.js';
import { MAX_DETAIL_CHARS, MAX_EXTRAS, isWebUrl } from '../src/transcript/extras.js';
import type { ServerEvent } from '../src/protocol/types.js';

let ids = 0;
const ctx = (maxMessages = 100): StepContext => ({
  now: '2026-11-21T10:00:00.000Z',
  newId: () => `gen-${++ids}`,
  maxMessages,
});

/** Applies events in order; returns the conversation and every notice on the way. */
function run(conv: Transcript, ...events: ServerEvent[]): { conv: Transcript; effects: Effect[] } {
  const effects: Effect[] = [];
  for (const event of events) {
    const step = applyServerEvent(conv, event, ctx());
    conv = step.transcript;
    effects.push(...step.effects);
  }
  return { conv, effects };
}
const apply = (conv: Transcript, ...events: ServerEvent[]) => run(conv, ...events).conv;

/** A conversation whose user message `u1` went out and awaits its answer. */
function asked(): Transcript {
  const added = addUserMessage(emptyTranscript, { id: 'u1', content: 'Hi', time: 't' }, ctx()).transcript;
  return markSent(added, 'u1').transcript;
}

const tool = (id: string, state: 'running' | 'done' | 'failed', more: Partial<ServerEvent> = {}) =>
  ({ type: 'activity', id, state, ...more }) as ServerEvent;

describe('transcript: replies of the standard streams', () => {
  it('a card for a reply that has begun but has no text yet keeps the reply open for its text', () => {
    const card = { type: 'template', title: 'Slots' } as unknown as Extract<
      ServerEvent,
      { type: 'card' }
    >['card'];
    const conv = apply(
      asked(),
      { type: 'reply-start', id: 'r1' },
      { type: 'card', id: 'r1', card },
      { type: 'reply-delta', id: 'r1', delta: 'Here are the slots' },
      { type: 'reply-end', id: 'r1' },
    );
    expect(conv.messages).to.have.length(2);
    expect(conv.messages[1]).to.include({ id: 'r1', content: 'Here are the slots', state: 'complete' });
    expect(conv.messages[1]!.card).to.equal(card);
  });

  it('reply-start opens the reply: the typing indicator stays until something of it shows, deltas without id go to it', () => {
    let conv = apply(asked(), { type: 'reply-start', id: 'r1' });
    expect(conv.openReplyId).to.equal('r1');
    expect(conv.messages).to.have.length(1);
    expect(isTyping(conv)).to.equal(true);
    expect(isBusy(conv)).to.equal(true);
    conv = apply(conv, { type: 'reply-delta', delta: 'Hel' }, { type: 'reply-delta', delta: 'lo' });
    expect(conv.messages[1]).to.include({ id: 'r1', content: 'Hello', state: 'streaming' });
    expect(isTyping(conv)).to.equal(false);
  });

  it('reply-end merges its figures into meta; a second end for the same reply (usage) merges too, once', () => {
    const first = run(
      asked(),
      { type: 'reply-delta', id: 'c1', delta: 'Hi!' },
      { type: 'reply-end', id: 'c1', meta: { finishReason: 'stop', model: 'm' } },
    );
    expect(first.conv.messages[1]).to.deep.include({
      state: 'complete',
      meta: { finishReason: 'stop', model: 'm' },
    });
    const usage = { inputTokens: 3, outputTokens: 2, totalTokens: 5 };
    const second = run(first.conv, { type: 'reply-end', id: 'c1', meta: { usage } });
    expect(second.conv.messages).to.have.length(2);
    expect(second.conv.messages[1]!.meta).to.deep.equal({ finishReason: 'stop', model: 'm', usage });
    expect(second.conv.messages[1]!.content).to.equal('Hi!');
    expect(second.effects).to.have.length(1);
    // An end with nothing new changes nothing and tells nothing.
    const third = run(second.conv, { type: 'reply-end', id: 'c1' });
    expect(third.conv).to.deep.equal(second.conv);
    expect(third.effects).to.deep.equal([]);
  });

  it('done ends the turn: the open reply completes; a second done is harmless', () => {
    const once = run(asked(), { type: 'reply-delta', id: 'r1', delta: 'Answer' }, { type: 'done' });
    expect(once.conv.messages[1]).to.include({ state: 'complete', content: 'Answer' });
    expect(isBusy(once.conv)).to.equal(false);
    const twice = run(once.conv, { type: 'done' });
    expect(twice.effects).to.deep.equal([]);
    expect(twice.conv.messages).to.deep.equal(once.conv.messages);
    // A turn that ends with no reply at all leaves nothing behind, and nothing awaited.
    const empty = run(asked(), { type: 'done' });
    expect(empty.conv.messages).to.have.length(1);
    expect(isBusy(empty.conv)).to.equal(false);
  });

  it('reply-stopped ends the reply stopped; an error fails it with the message shown', () => {
    const stopped = apply(
      asked(),
      { type: 'reply-delta', id: 'r1', delta: 'Par' },
      { type: 'reply-stopped' },
    );
    expect(stopped.messages[1]).to.include({ state: 'stopped', content: 'Par' });
    const failed = run(
      asked(),
      { type: 'reply-delta', id: 'r1', delta: 'Par' },
      { type: 'error', message: 'Model unavailable', code: 'model_unavailable' },
    );
    expect(failed.conv.messages[1]).to.include({ state: 'failed' });
    expect(failed.conv.messages[2]).to.include({ role: 'system', content: 'Model unavailable' });
    expect(failed.effects).to.deep.include({
      kind: 'error',
      code: 'model_unavailable',
      message: 'Model unavailable',
    });
  });

  it('history with replace takes the place of what is shown, keeping pending messages and what only the widget knows', () => {
    let conv = apply(
      asked(),
      { type: 'activity', id: 't1', name: 'find_doctors', state: 'done', replyId: 'r1' },
      { type: 'reply-delta', id: 'r1', delta: 'Streamed' },
      { type: 'reply-end', id: 'r1', meta: { finishReason: 'stop' } },
      { type: 'system-line', text: 'A line of the widget' },
    );
    conv = addUserMessage(conv, { id: 'u2', content: 'Next', time: 't' }, ctx()).transcript;
    const { conv: next, effects } = run(conv, {
      type: 'history',
      replace: true,
      messages: [
        { id: 'h0', role: 'user', content: 'Earlier question' },
        { id: 'u1', role: 'user', content: 'Hi' },
        { id: 'r1', role: 'assistant', content: 'Final text' },
      ],
    });
    expect(next.messages.map((m) => `${m.id}:${m.state}:${m.content}`)).to.deep.equal([
      'h0:sent:Earlier question',
      'u1:sent:Hi',
      'r1:complete:Final text',
      'u2:pending:Next',
    ]);
    expect(next.messages[2]!.activity?.map((a) => a.name)).to.deep.equal(['find_doctors']);
    expect(next.messages[2]!.meta).to.deep.equal({ finishReason: 'stop' });
    expect(effects.map((n) => (n.kind === 'message' ? n.message.id : n.kind))).to.deep.equal(['h0', 'r1']);
    // Without replace, history only adds what is new.
    const added = apply(conv, { type: 'history', messages: [{ id: 'h9', role: 'assistant', content: 'x' }] });
    expect(added.messages.map((m) => m.id)).to.include.members(['u1', 'r1', 'u2', 'h9']);
  });
});

describe('conversation: tools, reasoning and sources', () => {
  it('a tool that runs before the reply waits for it, merged by id; the reply takes it when it begins', () => {
    let conv = apply(
      asked(),
      tool('t1', 'running', { name: 'find_doctors' }),
      tool('t1', 'running', { detailDelta: '{"q":' }),
      tool('t1', 'running', { detailDelta: '"back"}' }),
    );
    expect(conv.messages).to.have.length(1);
    expect(conv.upcoming?.activity).to.deep.equal([
      { id: 't1', name: 'find_doctors', state: 'running', detail: '{"q":"back"}' },
    ]);
    conv = apply(conv, tool('t1', 'done', { detail: '[{"id":"dr-1"}]' }));
    expect(conv.upcoming?.activity?.[0]).to.include({
      state: 'done',
      name: 'find_doctors',
      detail: '[{"id":"dr-1"}]',
    });
    conv = apply(conv, { type: 'reply-start', id: 'r1' });
    expect(conv.upcoming).to.equal(undefined);
    expect(conv.messages[1]).to.deep.include({ id: 'r1', state: 'streaming', content: '' });
    expect(conv.messages[1]!.activity?.map((a) => `${a.name}:${a.state}`)).to.deep.equal([
      'find_doctors:done',
    ]);
    expect(isTyping(conv)).to.equal(false);
  });

  it('a tool naming its reply starts that reply; its update finds the reply that has it, whatever is open', () => {
    let conv = apply(asked(), tool('t1', 'running', { name: 'lookup', replyId: 'r1' }));
    expect(conv.messages[1]).to.deep.include({ id: 'r1', state: 'streaming', content: '' });
    conv = apply(
      conv,
      { type: 'reply-delta', id: 'r1', delta: 'Looking' },
      { type: 'reply-end', id: 'r1' },
      { type: 'reply-delta', id: 'r2', delta: 'Second' },
      tool('t1', 'failed', { detail: 'timeout' }),
    );
    expect(conv.messages.find((m) => m.id === 'r1')!.activity).to.deep.equal([
      { id: 't1', name: 'lookup', state: 'failed', detail: 'timeout' },
    ]);
    expect(conv.messages.find((m) => m.id === 'r2')!.activity).to.equal(undefined);
  });

  it('a tool line that ended is not revived by a late running update, and adding lines is news, details are not', () => {
    const first = run(asked(), { type: 'reply-start', id: 'r1' }, tool('t1', 'running', { name: 'a' }));
    expect(first.effects.filter((n) => n.kind === 'message')).to.have.length(1);
    const detail = run(first.conv, tool('t1', 'running', { detailDelta: 'x' }));
    expect(detail.effects).to.deep.equal([]);
    const done = run(detail.conv, tool('t1', 'done'), tool('t1', 'running', { detailDelta: 'late' }));
    expect(done.effects).to.have.length(1);
    expect(done.conv.messages[1]!.activity![0]).to.include({ state: 'done', detail: 'xlate' });
  });

  it('tools still running when the reply ends settle: done when it completed, failed when it did not', () => {
    const complete = apply(
      asked(),
      tool('t1', 'running', { name: 'a', replyId: 'r1' }),
      { type: 'reply-delta', id: 'r1', delta: 'ok' },
      { type: 'done' },
    );
    expect(complete.messages[1]!.activity![0]!.state).to.equal('done');
    const cut = apply(asked(), tool('t1', 'running', { name: 'a', replyId: 'r1' }), {
      type: 'reply-delta',
      id: 'r1',
      delta: 'ok',
    });
    const interrupted = interrupt(cut, new Set(['r1']), ctx()).transcript;
    expect(interrupted.messages[1]).to.include({ state: 'interrupted' });
    expect(interrupted.messages[1]!.activity![0]!.state).to.equal('failed');
  });

  it('a turn that ends before its reply began keeps its tools in a reply of their own, ended as the turn did', () => {
    const running = apply(asked(), tool('t1', 'running', { name: 'search' }));
    const done = apply(running, { type: 'done' });
    expect(done.messages[1]).to.deep.include({ role: 'assistant', content: '', state: 'complete' });
    expect(done.messages[1]!.activity![0]).to.include({ name: 'search', state: 'done' });
    const failed = apply(running, { type: 'error', message: 'Boom' });
    expect(failed.messages.map((m) => `${m.role}:${m.state}`)).to.deep.equal([
      'user:sent',
      'assistant:failed',
      'system:complete',
    ]);
    const stopped = stopReply(running, undefined, ctx()).transcript;
    expect(stopped.messages[1]).to.include({ state: 'stopped' });
    expect(isBusy(stopped)).to.equal(false);
    const cut = interrupt(running, new Set(), ctx()).transcript;
    expect(cut.messages[1]).to.include({ state: 'interrupted' });
  });

  it('reasoning ids are scoped per reply; deltas append; nothing goes into a stopped reply', () => {
    let conv = apply(
      asked(),
      { type: 'reasoning', id: 'think', replyId: 'r1', delta: 'First ' },
      { type: 'reasoning', id: 'think', replyId: 'r1', delta: 'thought' },
      { type: 'reasoning', id: 'think', replyId: 'r1', end: true },
      { type: 'reply-delta', id: 'r1', delta: 'A' },
      { type: 'done' },
      { type: 'reasoning', id: 'think', replyId: 'r2', delta: 'Other' },
    );
    expect(conv.messages.find((m) => m.id === 'r1')!.reasoning).to.deep.equal([
      { id: 'think', text: 'First thought' },
    ]);
    expect(conv.messages.find((m) => m.id === 'r2')!.reasoning).to.deep.equal([
      { id: 'think', text: 'Other' },
    ]);
    conv = apply(
      conv,
      { type: 'reply-stopped', id: 'r2' },
      { type: 'reasoning', id: 'x', replyId: 'r2', delta: 'no' },
    );
    expect(conv.messages.find((m) => m.id === 'r2')!.reasoning).to.have.length(1);
  });

  it('sources: web links only, each once, on the reply open now', () => {
    const conv = apply(
      asked(),
      { type: 'reply-delta', id: 'r1', delta: 'See' },
      {
        type: 'sources',
        sources: [
          { url: 'https://example.org/a', title: ' Guide ' },
          { url: 'javascript:alert(1)', title: 'x' },
          { url: 'data:text/html,<b>x</b>' },
          { url: '/relative' },
          { url: 'https://example.org/a', title: 'again' },
          { url: 'http://example.org/b' },
        ],
      },
    );
    expect(conv.messages[1]!.sources).to.deep.equal([
      { url: 'https://example.org/a', title: 'Guide' },
      { url: 'http://example.org/b' },
    ]);
    expect(isWebUrl('https://x.test/')).to.equal(true);
    expect(isWebUrl('ftp://x.test/')).to.equal(false);
  });

  it('is bounded: at most MAX_EXTRAS lines per reply, a detail cut at MAX_DETAIL_CHARS', () => {
    const events: ServerEvent[] = [{ type: 'reply-start', id: 'r1' }];
    for (let i = 0; i < MAX_EXTRAS + 10; i++) events.push(tool(`t${i}`, 'running', { name: 'n' }));
    events.push(tool('t0', 'running', { detail: 'x'.repeat(MAX_DETAIL_CHARS + 100) }));
    const conv = apply(asked(), ...events);
    const activity = conv.messages[1]!.activity!;
    expect(activity).to.have.length(MAX_EXTRAS);
    expect(activity[0]!.detail).to.have.length(MAX_DETAIL_CHARS);
  });
});
