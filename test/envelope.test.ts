import { expect } from '@open-wc/testing';
import { envelope } from '../src/protocol/dialects/envelope.js';
import { resolveEndpoint } from '../src/protocol/endpoint.js';
import type { DialectContext, ServerEvent } from '../src/protocol/types.js';

const ctx: DialectContext = { sessionId: 'sess-1', feature: 'symptom_checker', history: [] };
const decode = (frame: unknown): ServerEvent[] =>
  envelope.decode(typeof frame === 'string' ? frame : JSON.stringify(frame), ctx);
const env = (type: string, data?: unknown, extra: Record<string, unknown> = {}) => ({
  type,
  data,
  session_id: 'sess-1',
  timestamp: '2026-11-21T10:00:00.000Z',
  ...extra,
});

describe('envelope dialect: decode', () => {
  it('turns chunk frames into reply deltas keyed by message_id', () => {
    expect(decode(env('chunk', { content: 'Hel' }, { message_id: 'r1' }))).to.deep.equal([
      { type: 'reply-delta', id: 'r1', delta: 'Hel' },
    ]);
    expect(decode(env('chunk', { content: 'lo' }))).to.deep.equal([{ type: 'reply-delta', delta: 'lo' }]);
  });

  it('reads chunk frames the same on its fast path as the schema would (ids, nulls, extra fields)', () => {
    expect(decode({ type: 'chunk', data: { content: 'a', extra: 1 }, message_id: 7, x: true })).to.deep.equal(
      [{ type: 'reply-delta', id: '7', delta: 'a' }],
    );
    expect(decode({ type: 'chunk', data: { content: '' }, message_id: null })).to.deep.equal([
      { type: 'reply-delta', delta: '' },
    ]);
    expect(decode({ type: 'chunk', data: { content: 'b' }, message_id: { no: 1 } })[0]!.type).to.equal(
      'bad-frame',
    );
    expect(decode({ type: 'chunk', data: null })[0]!.type).to.equal('bad-frame');
  });

  it('closes a reply with complete, carrying the whole content and the symptom analysis card', () => {
    const events = decode(
      env(
        'complete',
        {
          content: 'All done',
          analysis: { recommended_specialties: ['Cardiology'], urgency_level: 'emergency' },
        },
        { message_id: 'r1' },
      ),
    );
    expect(events).to.deep.equal([
      {
        type: 'reply-end',
        id: 'r1',
        content: 'All done',
        card: { kind: 'symptom-analysis', urgency: 'emergency', specialties: ['Cardiology'] },
      },
    ]);
  });

  it('maps doctor recommendations to a doctors card, ids made strings', () => {
    const [event] = decode(
      env('complete', {
        recommendations: [
          { id: 7, name: 'Dr. Rossi', specialty: 'Cardiology', rating: 4.8, next_available: 'Mon 10:30' },
        ],
      }),
    );
    expect(event).to.deep.equal({
      type: 'reply-end',
      card: {
        kind: 'doctors',
        doctors: [
          { id: '7', name: 'Dr. Rossi', specialty: 'Cardiology', rating: 4.8, nextAvailable: 'Mon 10:30' },
        ],
      },
    });
  });

  it('accepts complete without data', () => {
    expect(decode(env('complete', undefined, { message_id: 'r2' }))).to.deep.equal([
      { type: 'reply-end', id: 'r2' },
    ]);
  });

  it('decodes error, typing, status, notification, heartbeat and pong (naming the heartbeat it answers)', () => {
    expect(decode(env('error', { error: 'Service down' }))).to.deep.equal([
      { type: 'error', message: 'Service down' },
    ]);
    expect(decode(env('typing', { is_typing: true }))).to.deep.equal([{ type: 'typing', typing: true }]);
    expect(decode(env('status', { status: 'busy', message: 'High demand' }))).to.deep.equal([
      { type: 'system-line', text: 'High demand' },
    ]);
    expect(decode(env('status', { status: 'ok' }))).to.deep.equal([{ type: 'alive' }]);
    expect(decode(env('notification', { title: 'Clinic', body: 'Closed on Monday' }))).to.deep.equal([
      { type: 'system-line', text: 'Clinic: Closed on Monday' },
    ]);
    expect(decode(env('heartbeat', { timestamp: 'x' }))).to.deep.equal([{ type: 'alive' }]);
    expect(decode(env('pong'))).to.deep.equal([{ type: 'alive' }]);
    expect(decode(env('heartbeat', { timestamp: 'x' }, { message_id: 'h1' }))).to.deep.equal([
      { type: 'alive', answers: 'h1' },
    ]);
  });

  it('turns message frames into history with mapped roles', () => {
    expect(
      decode(
        env('message', {
          id: 'm1',
          session_id: 'sess-1',
          content: 'Earlier answer',
          type: 'ai',
          timestamp: '2026-11-21T09:00:00Z',
          sender_id: 'bot',
          metadata: null,
        }),
      ),
    ).to.deep.equal([
      {
        type: 'history',
        messages: [{ id: 'm1', role: 'assistant', content: 'Earlier answer', time: '2026-11-21T09:00:00Z' }],
      },
    ]);
  });

  const malformed: [string, unknown][] = [
    ['invalid JSON', '{"type": "chunk", '],
    ['a JSON array', '[1,2,3]'],
    ['a JSON string', '"hello"'],
    ['null', 'null'],
    ['no type', JSON.stringify({ data: { content: 'x' } })],
    ['a numeric type', JSON.stringify({ type: 5, data: {} })],
    ['an unknown type', JSON.stringify(env('explode', {}))],
    ['chunk without content', JSON.stringify(env('chunk', {}))],
    ['chunk with numeric content', JSON.stringify(env('chunk', { content: 42 }))],
    ['typing with a string flag', JSON.stringify(env('typing', { is_typing: 'yes' }))],
    ['notification without body', JSON.stringify(env('notification', { title: 'x' }))],
    ['message with a bad role', JSON.stringify(env('message', { id: '1', content: 'x', type: 'admin' }))],
    ['complete with a bad analysis', JSON.stringify(env('complete', { analysis: { urgency_level: 3 } }))],
    ['a huge frame', JSON.stringify(env('chunk', { content: 'x'.repeat(1_100_000) }))],
    ['deep nesting', `{"type":"chunk","data":${'['.repeat(50_000)}${']'.repeat(50_000)}}`],
  ];
  for (const [name, frame] of malformed) {
    it(`drops ${name} as a bad frame without throwing`, () => {
      const events = envelope.decode(frame, ctx);
      expect(events).to.have.length(1);
      expect(events[0]!.type).to.equal('bad-frame');
      expect((events[0] as { reason: string }).reason).to.be.a('string').and.not.empty;
    });
  }

  it('drops binary frames', () => {
    expect(envelope.decode(new ArrayBuffer(8), ctx)[0]!.type).to.equal('bad-frame');
  });
});

describe('envelope dialect: encode', () => {
  it('encodes a user message as an envelope with the feature', () => {
    const frame = JSON.parse(
      envelope.encode(
        { type: 'send', id: 'id-1', content: 'I have a fever', time: '2026-11-21T10:00:00.000Z' },
        ctx,
      )!,
    );
    expect(frame).to.deep.equal({
      type: 'message',
      data: { content: 'I have a fever', metadata: null, ai_feature: 'symptom_checker' },
      session_id: 'sess-1',
      message_id: 'id-1',
      timestamp: '2026-11-21T10:00:00.000Z',
    });
  });

  it('encodes heartbeats and auth frames, and has no typing frame', () => {
    const beat = JSON.parse(
      envelope.encode({ type: 'heartbeat', id: 'h1', time: '2026-11-21T10:00:00.000Z' }, ctx)!,
    );
    expect(beat).to.include({ type: 'heartbeat', message_id: 'h1', session_id: 'sess-1' });
    expect(beat.data).to.deep.equal({ timestamp: '2026-11-21T10:00:00.000Z' });
    const auth = JSON.parse(
      envelope.encode({ type: 'auth', id: 'a1', token: 'T', time: '2026-11-21T10:00:00.000Z' }, ctx)!,
    );
    expect(auth).to.include({ type: 'auth' });
    expect(auth.data).to.deep.equal({ token: 'T' });
    expect(envelope.encode({ type: 'typing', typing: true }, ctx)).to.equal(undefined);
  });
});

describe('endpoint placeholders', () => {
  it('fills feature (snake to kebab), user and session, and adds the query', () => {
    const url = resolveEndpoint(
      'wss://clinic.example/ai/{feature}/ws?u={user}&s={session}',
      { feature: 'symptom_checker', userId: 'u 1', sessionId: 's1' },
      { token: 'abc', empty: undefined },
    );
    expect(url.href).to.equal('wss://clinic.example/ai/symptom-checker/ws?u=u+1&s=s1&token=abc');
  });

  it('resolves relative endpoints against the page and turns http(s) into ws(s)', () => {
    expect(
      resolveEndpoint('/chat/ws', { feature: 'chat', sessionId: 's' }, {}, 'https://a.example/page').href,
    ).to.equal('wss://a.example/chat/ws');
    expect(resolveEndpoint('http://b.example/x', { feature: 'chat', sessionId: 's' }).href).to.equal(
      'ws://b.example/x',
    );
  });

  it('rejects endpoints that cannot be a WebSocket URL with a readable error', () => {
    expect(() => resolveEndpoint('ftp://x.example/ws', { feature: 'chat', sessionId: 's' })).to.throw(
      /must be a ws/,
    );
    expect(() => resolveEndpoint('http://[bad', { feature: 'chat', sessionId: 's' })).to.throw(
      /not a valid URL/,
    );
  });
});
