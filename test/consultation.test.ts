import { expect } from '@open-wc/testing';
import { consultation } from '../src/protocol/dialects/consultation.js';
import { loadDialect } from '../src/protocol/index.js';
import type { ClientCommand, DialectContext, ServerEvent } from '../src/protocol/types.js';

const ctx: DialectContext = { sessionId: 'consult-1', feature: 'chat', apiKey: 'KEY', history: [] };
const decode = (frame: unknown): ServerEvent[] =>
  consultation.decode(typeof frame === 'string' ? frame : JSON.stringify(frame), ctx);
const TIME = '2025-01-27T10:00:00Z';

describe('consultation dialect: settings', () => {
  it('is registered, authenticates in the query and is usable at open', async () => {
    expect(await loadDialect('consultation')).to.equal(consultation);
    expect(consultation.name).to.equal('consultation');
    expect(consultation.channel).to.equal('socket');
    expect(consultation.auth[0]).to.equal('query');
    expect(consultation.handshake).to.equal(undefined);
    expect(consultation.heartbeat).to.equal('echo');
    expect(consultation.closeCodes?.unauthorized).to.have.members([4401, 1008]);
    expect(consultation.closeCodes?.final).to.have.members([1000, 4403, 4404]);
    expect(consultation.replyStream).to.equal(undefined);
  });

  it('puts the consultation id and the API key in the query', () => {
    expect(consultation.query!(ctx)).to.deep.equal({ consultation_id: 'consult-1', api_key: 'KEY' });
    expect(consultation.query!({ sessionId: 's2', feature: 'chat', history: [] })).to.deep.equal({
      consultation_id: 's2',
      api_key: undefined,
    });
  });
});

describe('consultation dialect: decode', () => {
  it('decodes the seed’s message flow', () => {
    expect(
      decode({ type: 'ai_message_start', message_id: 'msg_456', timestamp: '2025-01-27T10:00:01Z' }),
    ).to.deep.equal([{ type: 'alive' }]);
    expect(
      decode({
        type: 'ai_message_chunk',
        content: 'I can help you with that! ',
        message_id: 'msg_456',
        timestamp: '2025-01-27T10:00:01Z',
      }),
    ).to.deep.equal([{ type: 'reply-delta', id: 'msg_456', delta: 'I can help you with that! ' }]);
    expect(
      decode({
        type: 'ai_message_chunk',
        content: 'Let me create a personalized meal plan ',
        message_id: 'msg_456',
        timestamp: '2025-01-27T10:00:02Z',
      }),
    ).to.deep.equal([
      { type: 'reply-delta', id: 'msg_456', delta: 'Let me create a personalized meal plan ' },
    ]);
    expect(
      decode({ type: 'ai_message_complete', message_id: 'msg_456', timestamp: '2025-01-27T10:00:05Z' }),
    ).to.deep.equal([{ type: 'reply-end', id: 'msg_456' }]);
  });

  it('accepts messageId (the seed’s Swift model) and ids as numbers', () => {
    expect(
      decode({ type: 'ai_message_chunk', content: 'Hi', messageId: 'm1', timestamp: TIME }),
    ).to.deep.equal([{ type: 'reply-delta', id: 'm1', delta: 'Hi' }]);
    expect(decode({ type: 'ai_message_complete', messageId: 7 })).to.deep.equal([
      { type: 'reply-end', id: '7' },
    ]);
  });

  it('accepts fields nested in data', () => {
    expect(decode({ type: 'ai_message_chunk', data: { message_id: 'm2', content: 'nested' } })).to.deep.equal(
      [{ type: 'reply-delta', id: 'm2', delta: 'nested' }],
    );
    expect(
      decode({ type: 'ai_message_chunk', messageId: 'm3', data: { content: 'half nested' } }),
    ).to.deep.equal([{ type: 'reply-delta', id: 'm3', delta: 'half nested' }]);
    expect(decode({ type: 'error', data: { content: 'Nested failure' } })).to.deep.equal([
      { type: 'error', message: 'Nested failure' },
    ]);
  });

  it('takes the content of ai_message_complete as the whole reply', () => {
    expect(
      decode({ type: 'ai_message_complete', message_id: 'm4', content: 'The whole reply.' }),
    ).to.deep.equal([{ type: 'reply-end', id: 'm4', content: 'The whole reply.' }]);
    expect(decode({ type: 'ai_message_complete', message_id: 'm4', content: null })).to.deep.equal([
      { type: 'reply-end', id: 'm4' },
    ]);
  });

  it('accepts chunks and completes without an id (the open reply)', () => {
    expect(decode({ type: 'ai_message_chunk', content: 'x' })).to.deep.equal([
      { type: 'reply-delta', delta: 'x' },
    ]);
    expect(decode({ type: 'ai_message_complete' })).to.deep.equal([{ type: 'reply-end' }]);
  });

  it('turns template_created (the seed frame) into a template card for that message', () => {
    expect(
      decode({
        type: 'template_created',
        message_id: 'msg_789',
        timestamp: '2025-01-27T10:00:06Z',
        metadata: {
          template_id: 'tmpl_abc',
          type: 'meal',
          name: '1800 Calorie Weight Loss Plan',
          description: 'Balanced meal plan for gradual weight loss',
        },
      }),
    ).to.deep.equal([
      {
        type: 'card',
        id: 'msg_789',
        card: {
          kind: 'template',
          templateId: 'tmpl_abc',
          templateType: 'meal',
          name: '1800 Calorie Weight Loss Plan',
          description: 'Balanced meal plan for gradual weight loss',
        },
      },
    ]);
  });

  it('accepts a template id under id (the seed’s CreatedTemplate model), numeric, without a description', () => {
    expect(
      decode({
        type: 'template_created',
        messageId: 'm5',
        metadata: { id: 12, type: 'workout', name: 'Push day' },
      }),
    ).to.deep.equal([
      {
        type: 'card',
        id: 'm5',
        card: { kind: 'template', templateId: '12', templateType: 'workout', name: 'Push day' },
      },
    ]);
    expect(
      decode({
        type: 'template_created',
        data: { metadata: { template_id: 't1', type: 'wellness', name: 'Sleep', description: null } },
      }),
    ).to.deep.equal([
      { type: 'card', card: { kind: 'template', templateId: 't1', templateType: 'wellness', name: 'Sleep' } },
    ]);
  });

  it('decodes errors from content, message or error', () => {
    expect(
      decode({ type: 'error', content: 'Consultation closed', message_id: 'e1', timestamp: TIME }),
    ).to.deep.equal([{ type: 'error', message: 'Consultation closed' }]);
    expect(decode({ type: 'error', message: 'Quota exceeded', code: 'QUOTA' })).to.deep.equal([
      { type: 'error', message: 'Quota exceeded', code: 'QUOTA' },
    ]);
    expect(decode({ type: 'error', error: 'Boom', code: 503 })).to.deep.equal([
      { type: 'error', message: 'Boom', code: '503' },
    ]);
    const [bare] = decode({ type: 'error' });
    expect(bare!.type).to.equal('error');
    expect((bare as { message: string }).message).to.be.a('string').and.not.empty;
  });

  it('decodes pong, server pings and an echoed user_message as liveness; a pong names the ping it answers', () => {
    expect(decode({ type: 'pong', message_id: 'p1', timestamp: TIME })).to.deep.equal([
      { type: 'alive', answers: 'p1' },
    ]);
    expect(decode({ type: 'pong', timestamp: TIME })).to.deep.equal([{ type: 'alive' }]);
    expect(decode({ type: 'ping', message_id: 'p2', timestamp: TIME })).to.deep.equal([{ type: 'alive' }]);
    expect(decode({ type: 'user_message', content: 'hi', message_id: 'u1', timestamp: TIME })).to.deep.equal([
      { type: 'alive' },
    ]);
  });

  it('decodes typing and ai_typing', () => {
    expect(decode({ type: 'typing', is_typing: true })).to.deep.equal([{ type: 'typing', typing: true }]);
    expect(decode({ type: 'ai_typing', is_typing: false })).to.deep.equal([
      { type: 'typing', typing: false },
    ]);
    expect(decode({ type: 'ai_typing', isTyping: false })).to.deep.equal([{ type: 'typing', typing: false }]);
    expect(decode({ type: 'ai_typing', message_id: 'm6' })).to.deep.equal([{ type: 'typing', typing: true }]);
  });

  const malformed: [string, unknown][] = [
    ['invalid JSON', '{"type": "ai_message_chunk", '],
    ['an empty frame', ''],
    ['a JSON array', '[1,2,3]'],
    ['a JSON string', '"hello"'],
    ['null', 'null'],
    ['no type', JSON.stringify({ content: 'x', message_id: 'm' })],
    ['a numeric type', JSON.stringify({ type: 9 })],
    ['an unknown type', JSON.stringify({ type: 'explode', message_id: 'm' })],
    ['a chunk without content', JSON.stringify({ type: 'ai_message_chunk', message_id: 'm' })],
    [
      'a chunk with numeric content',
      JSON.stringify({ type: 'ai_message_chunk', message_id: 'm', content: 1 }),
    ],
    ['a chunk with an object id', JSON.stringify({ type: 'ai_message_chunk', message_id: {}, content: 'x' })],
    [
      'a chunk with a boolean messageId',
      JSON.stringify({ type: 'ai_message_chunk', messageId: true, content: 'x' }),
    ],
    [
      'a complete with numeric content',
      JSON.stringify({ type: 'ai_message_complete', message_id: 'm', content: 5 }),
    ],
    ['a template without metadata', JSON.stringify({ type: 'template_created', message_id: 'm' })],
    [
      'a template without an id',
      JSON.stringify({ type: 'template_created', metadata: { type: 'meal', name: 'Plan' } }),
    ],
    [
      'a template without a name',
      JSON.stringify({ type: 'template_created', metadata: { template_id: 't', type: 'meal' } }),
    ],
    [
      'a template with a numeric type',
      JSON.stringify({ type: 'template_created', metadata: { template_id: 't', type: 1, name: 'x' } }),
    ],
    [
      'a template with metadata as a string',
      JSON.stringify({ type: 'template_created', metadata: 'tmpl_abc' }),
    ],
    ['an error with a numeric content', JSON.stringify({ type: 'error', content: 500 })],
    ['typing with a string flag', JSON.stringify({ type: 'typing', is_typing: 'yes' })],
    ['a huge frame', JSON.stringify({ type: 'ai_message_chunk', content: 'x'.repeat(1_100_000) })],
    ['deep nesting', `{"type":"ai_message_chunk","content":${'['.repeat(50_000)}${']'.repeat(50_000)}}`],
  ];
  for (const [name, frame] of malformed) {
    it(`drops ${name} as one bad frame without throwing`, () => {
      const events = consultation.decode(frame, ctx);
      expect(events).to.have.length(1);
      expect(events[0]!.type).to.equal('bad-frame');
      expect((events[0] as { reason: string }).reason).to.be.a('string').and.not.empty;
    });
  }

  it('drops binary frames', () => {
    for (const frame of [new ArrayBuffer(8), new Blob(['{}']), undefined]) {
      const events = consultation.decode(frame, ctx);
      expect(events).to.have.length(1);
      expect(events[0]!.type).to.equal('bad-frame');
    }
  });
});

describe('consultation dialect: encode', () => {
  it('encodes a user message as in the seed', () => {
    const frame = consultation.encode(
      { type: 'send', id: 'msg_123', content: 'I want to lose weight', time: '2025-01-27T10:00:00Z' },
      ctx,
    )!;
    expect(JSON.parse(frame)).to.deep.equal({
      type: 'user_message',
      content: 'I want to lose weight',
      message_id: 'msg_123',
      timestamp: '2025-01-27T10:00:00Z',
    });
    expect(Object.keys(JSON.parse(frame))).to.deep.equal(['type', 'content', 'message_id', 'timestamp']);
  });

  it('encodes heartbeats as pings', () => {
    expect(JSON.parse(consultation.encode({ type: 'heartbeat', id: 'h1', time: TIME }, ctx)!)).to.deep.equal({
      type: 'ping',
      message_id: 'h1',
      timestamp: TIME,
    });
  });

  it('has no typing, auth, join or reply-complete frame', () => {
    const none: ClientCommand[] = [
      { type: 'typing', typing: true },
      { type: 'auth', id: 'a1', token: 'T', time: TIME },
      { type: 'join' },
      { type: 'reply-complete', id: 'r1', content: 'x' },
    ];
    for (const command of none) expect(consultation.encode(command, ctx), command.type).to.equal(undefined);
  });
});
