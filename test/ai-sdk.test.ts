import { expect } from '@open-wc/testing';
import { aiSdk } from '../src/protocol/dialects/ai-sdk.js';
import { readyDialect } from '../src/protocol/index.js';
import type { DialectContext, HistoryEntry, ServerEvent } from '../src/protocol/types.js';

// Chunks as `ai` 7 writes them (its `uiMessageChunkSchema`); the same dialect is run against the
// real library's stream in test/standard-streams.test.ts and test/node/standard-libraries.test.js.

const TIME = '2026-11-21T10:00:00.000Z';
const history: HistoryEntry[] = [
  { id: 'u1', role: 'user', content: 'Hi', time: TIME },
  { id: 'a1', role: 'assistant', content: 'Hello! How can I help?', time: TIME },
  { id: 'n1', role: 'system', content: 'You are offline', time: TIME },
  { id: 'u2', role: 'user', content: 'Book a visit', time: TIME },
];
const ctx: DialectContext = { sessionId: 'chat-1', feature: 'chat', history };
const send = { type: 'send', id: 'u2', content: 'Book a visit', time: TIME } as const;

const decode = (chunk: Record<string, unknown>): ServerEvent[] =>
  aiSdk.decode({ event: 'message', data: JSON.stringify(chunk) }, ctx);
const raw = (data: string): ServerEvent[] => aiSdk.decode({ event: 'message', data }, ctx);

describe('ai-sdk dialect: traits', () => {
  it('is an HTTP dialect: token in a header, one turn at a time, stop aborts', () => {
    expect(aiSdk.name).to.equal('ai-sdk');
    expect(aiSdk.channel).to.equal('http');
    expect(aiSdk.auth).to.deep.equal(['header']);
    expect(aiSdk.replies).to.equal('turn');
    expect(aiSdk.cancel).to.equal(true);
    expect(aiSdk.requires ?? []).to.deep.equal([]);
    expect(readyDialect('ai-sdk')).to.equal(undefined);
  });
});

describe('ai-sdk dialect: encode', () => {
  it('posts what useChat posts: the chat id, the messages with text parts, the trigger', () => {
    const request = aiSdk.encode(send, ctx)!;
    expect(request.method).to.equal('POST');
    expect(request.url).to.equal(undefined);
    expect(request.headers).to.deep.equal({
      'Content-Type': 'application/json',
      Accept: 'text/event-stream',
    });
    expect(JSON.parse(request.body!)).to.deep.equal({
      id: 'chat-1',
      messages: [
        { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] },
        { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'Hello! How can I help?' }] },
        { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'Book a visit' }] },
      ],
      trigger: 'submit-message',
    });
  });

  it('keeps the message id on a resend, so a backend can deduplicate', () => {
    const a = JSON.parse(aiSdk.encode(send, ctx)!.body!);
    const b = JSON.parse(aiSdk.encode(send, ctx)!.body!);
    expect(a).to.deep.equal(b);
  });

  it('has no request for anything but a send', () => {
    expect(aiSdk.encode({ type: 'cancel', replyId: 'r' }, ctx)).to.equal(undefined);
    expect(aiSdk.encode({ type: 'typing', typing: false }, ctx)).to.equal(undefined);
  });
});

describe('ai-sdk dialect: decode', () => {
  it('maps start, text deltas, finish and [DONE] to one reply and the end of the turn', () => {
    expect(decode({ type: 'start', messageId: 'msg-1' })).to.deep.equal([
      { type: 'reply-start', id: 'msg-1' },
    ]);
    expect(decode({ type: 'start' })).to.deep.equal([{ type: 'reply-start' }]);
    expect(decode({ type: 'start-step' })).to.deep.equal([]);
    expect(decode({ type: 'text-start', id: 'txt-0' })).to.deep.equal([]);
    expect(decode({ type: 'text-delta', id: 'txt-0', delta: 'Hello ' })).to.deep.equal([
      { type: 'reply-delta', delta: 'Hello ' },
    ]);
    expect(decode({ type: 'text-delta', id: 'txt-0', delta: '' })).to.deep.equal([]);
    expect(decode({ type: 'text-end', id: 'txt-0' })).to.deep.equal([]);
    expect(decode({ type: 'finish-step' })).to.deep.equal([]);
    expect(decode({ type: 'finish', finishReason: 'stop' })).to.deep.equal([
      { type: 'reply-end', meta: { finishReason: 'stop' } },
      { type: 'done' },
    ]);
    expect(decode({ type: 'finish' })).to.deep.equal([{ type: 'reply-end' }, { type: 'done' }]);
    expect(decode({ type: 'finish', finishReason: 'length', messageMetadata: { model: 'm' } })).to.deep.equal(
      [{ type: 'reply-end', meta: { finishReason: 'length', metadata: { model: 'm' } } }, { type: 'done' }],
    );
    expect(raw('[DONE]')).to.deep.equal([{ type: 'done' }]);
  });

  it('fails the reply on error (with its errorText) and stops it on abort', () => {
    expect(decode({ type: 'error', errorText: 'Rate limit reached' })).to.deep.equal([
      { type: 'error', message: 'Rate limit reached' },
    ]);
    expect(decode({ type: 'error', errorText: '' })).to.deep.equal([
      { type: 'error', message: 'The chat service reported an error.' },
    ]);
    expect(decode({ type: 'abort' })).to.deep.equal([{ type: 'reply-stopped' }]);
    expect(decode({ type: 'abort', reason: 'user' })).to.deep.equal([{ type: 'reply-stopped' }]);
  });

  it('maps reasoning parts to reasoning events', () => {
    expect(decode({ type: 'reasoning-start', id: 'r1' })).to.deep.equal([{ type: 'reasoning', id: 'r1' }]);
    expect(decode({ type: 'reasoning-delta', id: 'r1', delta: 'Check the slots' })).to.deep.equal([
      { type: 'reasoning', id: 'r1', delta: 'Check the slots' },
    ]);
    expect(decode({ type: 'reasoning-end', id: 'r1' })).to.deep.equal([
      { type: 'reasoning', id: 'r1', end: true },
    ]);
  });

  it('maps tool parts to one activity line: running with its input, then done with its output', () => {
    expect(decode({ type: 'tool-input-start', toolCallId: 'c1', toolName: 'findDoctors' })).to.deep.equal([
      { type: 'activity', id: 'c1', name: 'findDoctors', state: 'running' },
    ]);
    expect(decode({ type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: '{"spec' })).to.deep.equal(
      [],
    );
    expect(
      decode({
        type: 'tool-input-available',
        toolCallId: 'c1',
        toolName: 'findDoctors',
        input: { specialty: 'GP' },
      }),
    ).to.deep.equal([
      { type: 'activity', id: 'c1', name: 'findDoctors', state: 'running', detail: '{"specialty":"GP"}' },
    ]);
    expect(
      decode({ type: 'tool-output-available', toolCallId: 'c1', output: [{ id: 'dr-rossi' }] }),
    ).to.deep.equal([{ type: 'activity', id: 'c1', state: 'done', detail: '[{"id":"dr-rossi"}]' }]);
    expect(
      decode({ type: 'tool-output-available', toolCallId: 'c1', output: 'half', preliminary: true }),
    ).to.deep.equal([{ type: 'activity', id: 'c1', state: 'running', detail: 'half' }]);
  });

  it('marks a tool that failed or was denied', () => {
    expect(decode({ type: 'tool-output-error', toolCallId: 'c2', errorText: 'No slots' })).to.deep.equal([
      { type: 'activity', id: 'c2', state: 'failed', detail: 'No slots' },
    ]);
    expect(
      decode({
        type: 'tool-input-error',
        toolCallId: 'c3',
        toolName: 'book',
        input: '{',
        errorText: 'Bad input',
      }),
    ).to.deep.equal([{ type: 'activity', id: 'c3', name: 'book', state: 'failed', detail: 'Bad input' }]);
    expect(decode({ type: 'tool-output-denied', toolCallId: 'c4' })).to.deep.equal([
      { type: 'activity', id: 'c4', state: 'failed' },
    ]);
  });

  it('lists source-url parts as sources, and ignores source-document and file parts', () => {
    expect(
      decode({ type: 'source-url', sourceId: 's1', url: 'https://example.org/guide', title: 'Guide' }),
    ).to.deep.equal([{ type: 'sources', sources: [{ url: 'https://example.org/guide', title: 'Guide' }] }]);
    expect(decode({ type: 'source-url', sourceId: 's2', url: 'https://example.org/x' })).to.deep.equal([
      { type: 'sources', sources: [{ url: 'https://example.org/x' }] },
    ]);
    expect(
      decode({ type: 'source-document', sourceId: 's3', mediaType: 'application/pdf', title: 'Leaflet' }),
    ).to.deep.equal([]);
    expect(decode({ type: 'file', url: 'https://evil.example/x.png', mediaType: 'image/png' })).to.deep.equal(
      [],
    );
  });

  it('hands data-* parts to the host as data, and reads data-ai-chat-card as a card', () => {
    expect(decode({ type: 'data-weather', id: 'w', data: { c: 21 } })).to.deep.equal([
      { type: 'data', name: 'weather', data: { c: 21 } },
    ]);
    expect(decode({ type: 'data-progress', data: 0.5, transient: true })).to.deep.equal([
      { type: 'data', name: 'progress', data: 0.5 },
    ]);
    expect(
      decode({
        type: 'data-ai-chat-card',
        data: { kind: 'symptom-analysis', urgency_level: 'high', recommended_specialties: ['Cardiology'] },
      }),
    ).to.deep.equal([
      { type: 'card', card: { kind: 'symptom-analysis', urgency: 'high', specialties: ['Cardiology'] } },
    ]);
    expect(decode({ type: 'data-ai-chat-card', data: { kind: 'doctors' } })[0]!.type).to.equal('bad-frame');
  });

  it('ignores the chunks it has nothing to show for, and chunk types it does not know', () => {
    for (const chunk of [
      { type: 'message-metadata', messageMetadata: { a: 1 } },
      { type: 'reset-step' },
      { type: 'custom', kind: 'x.y' },
      { type: 'tool-approval-request', approvalId: 'a', toolCallId: 'c' },
      { type: 'reasoning-file', url: 'https://x', mediaType: 'image/png' },
      { type: 'steering-message', id: 's', parts: [] },
      { type: 'brand-new-chunk-type', x: 1 },
    ]) {
      expect(decode(chunk), chunk.type).to.deep.equal([]);
    }
  });
});

describe('ai-sdk dialect: hostile and malformed input', () => {
  const bad: [string, string][] = [
    ['not JSON', 'Hello'],
    ['broken JSON', '{"type":"text-delta","delta":"x'],
    ['a JSON number', '42'],
    ['no type', '{"delta":"x"}'],
    ['a text delta that is not text', '{"type":"text-delta","id":"t","delta":{"x":1}}'],
    ['an error without text', '{"type":"error"}'],
    ['a tool part without an id', '{"type":"tool-input-start","toolName":"x"}'],
    ['a source without a URL', '{"type":"source-url","sourceId":"s"}'],
    ['a reasoning delta without an id', '{"type":"reasoning-delta","delta":"x"}'],
    ['a javascript: source', '{"type":"source-url","sourceId":"s","url":"javascript:alert(1)"}'],
    [
      'a data: source',
      '{"type":"source-url","sourceId":"s","url":"data:text/html,<script>alert(1)</script>"}',
    ],
    ['a relative source', '{"type":"source-url","sourceId":"s","url":"/admin"}'],
  ];
  for (const [name, data] of bad) {
    it(`reports ${name} as one bad frame, without throwing`, () => {
      const events = raw(data);
      expect(events.length).to.equal(1);
      expect(events[0]!.type).to.equal('bad-frame');
    });
  }

  it('ignores empty events and never throws on deep nesting', () => {
    expect(raw('')).to.deep.equal([]);
    expect(() => raw(`{"type":"data-x","data":${'['.repeat(50_000)}${']'.repeat(50_000)}}`)).not.to.throw();
  });
});
