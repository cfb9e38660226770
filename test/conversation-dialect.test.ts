import { expect } from '@open-wc/testing';
import { conversation } from '../src/protocol/dialects/conversation.js';
import { loadDialect } from '../src/protocol/index.js';
import type { ClientCommand, DialectContext, ServerEvent } from '../src/protocol/types.js';

const ctx: DialectContext = { sessionId: '123', feature: 'chat', history: [] };
const decode = (frame: unknown, context: DialectContext = ctx): ServerEvent[] =>
  conversation.decode(typeof frame === 'string' ? frame : JSON.stringify(frame), context);
const TIME = '2026-11-21T10:00:00.000Z';

describe('conversation dialect: settings', () => {
  it('is registered, authenticates in-band, is usable only after auth and acknowledges messages', async () => {
    expect(await loadDialect('conversation')).to.equal(conversation);
    expect(conversation.name).to.equal('conversation');
    expect(conversation.channel).to.equal('socket');
    expect(conversation.auth).to.deep.equal(['message']);
    expect(conversation.handshake).to.equal(true);
    expect(conversation.acks).to.equal(true);
    expect(conversation.closeCodes?.unauthorized).to.have.members([4001, 1008, 4401, 4003, 4403]);
    expect(conversation.closeCodes?.final).to.deep.equal([4404]);
    expect(conversation.replyStream).to.equal(undefined);
  });
});

describe('conversation dialect: decode', () => {
  it('is ready on auth_success (the seed frame, with no data)', () => {
    expect(decode({ type: 'auth_success', user_id: 789 })).to.deep.equal([{ type: 'ready' }]);
  });

  it('reports auth_error and auth_failed as unauthorized errors', () => {
    expect(decode({ type: 'auth_error', data: { message: 'Invalid token' } })).to.deep.equal([
      { type: 'error', code: 'unauthorized', message: 'Invalid token' },
    ]);
    expect(decode({ type: 'auth_failed', message: 'Token expired' })).to.deep.equal([
      { type: 'error', code: 'unauthorized', message: 'Token expired' },
    ]);
    const [bare] = decode({ type: 'auth_failed' });
    expect(bare).to.include({ type: 'error', code: 'unauthorized' });
    expect((bare as { message: string }).message).to.be.a('string').and.not.empty;
  });

  it('turns message_received with our client id into an ack', () => {
    expect(
      decode({
        type: 'message_received',
        data: {
          message: {
            id: 456,
            content: 'Hello, AI!',
            message_type: 'user',
            sender_id: 789,
            created_at: '2024-01-15T10:30:00Z',
            client_id: 'c-1',
          },
        },
      }),
    ).to.deep.equal([
      {
        type: 'ack',
        clientId: 'c-1',
        message: { id: '456', role: 'user', content: 'Hello, AI!', time: '2024-01-15T10:30:00Z' },
      },
    ]);
  });

  it('turns message_received without a client id (the seed frame) into history', () => {
    expect(
      decode({
        type: 'message_received',
        data: {
          message: {
            id: 456,
            content: 'Hello, AI!',
            message_type: 'user',
            sender_id: 789,
            created_at: '2024-01-15T10:30:00Z',
          },
        },
      }),
    ).to.deep.equal([
      {
        type: 'history',
        messages: [{ id: '456', role: 'user', content: 'Hello, AI!', time: '2024-01-15T10:30:00Z' }],
      },
    ]);
    expect(
      decode({
        type: 'message_received',
        data: { message: { id: 'a1', content: 'Hi', message_type: 'ai', sender_id: null, client_id: null } },
      }),
    ).to.deep.equal([{ type: 'history', messages: [{ id: 'a1', role: 'assistant', content: 'Hi' }] }]);
  });

  it('maps message types to roles', () => {
    const role = (message_type: string) =>
      (
        decode({ type: 'message_added', data: { message: { id: 1, content: 'x', message_type } } })[0] as {
          messages: { role: string }[];
        }
      ).messages[0]!.role;
    expect(role('user')).to.equal('user');
    expect(role('assistant')).to.equal('assistant');
    expect(role('ai')).to.equal('assistant');
    expect(role('bot')).to.equal('assistant');
    expect(role('system')).to.equal('system');
    expect(role('ASSISTANT')).to.equal('assistant');
  });

  it('turns message_added into history, ignoring a client id there', () => {
    expect(
      decode({
        type: 'message_added',
        data: {
          message: {
            id: 900,
            content: 'From another tab',
            message_type: 'assistant',
            sender_id: 1,
            created_at: TIME,
            client_id: 'c-9',
          },
        },
      }),
    ).to.deep.equal([
      {
        type: 'history',
        messages: [{ id: '900', role: 'assistant', content: 'From another tab', time: TIME }],
      },
    ]);
  });

  it('streams a reply: start is liveness, content deltas carry the id, complete ends it', () => {
    expect(decode({ type: 'stream_start', data: { message_id: 789 } })).to.deep.equal([{ type: 'alive' }]);
    expect(
      decode({
        type: 'stream_content',
        data: { message_id: 789, content: "Hello! I'm here to help you.", is_complete: false },
      }),
    ).to.deep.equal([{ type: 'reply-delta', id: '789', delta: "Hello! I'm here to help you." }]);
    expect(
      decode({
        type: 'stream_complete',
        data: { message_id: 789, usage: { prompt_tokens: 15, completion_tokens: 20, total_tokens: 35 } },
      }),
    ).to.deep.equal([{ type: 'reply-end', id: '789' }]);
  });

  it('ends the reply on stream_content with is_complete: true, after its delta', () => {
    expect(
      decode({ type: 'stream_content', data: { message_id: 'r1', content: ' Bye.', is_complete: true } }),
    ).to.deep.equal([
      { type: 'reply-delta', id: 'r1', delta: ' Bye.' },
      { type: 'reply-end', id: 'r1' },
    ]);
  });

  it('accepts stream frames without an id (the open reply) or without data', () => {
    expect(decode({ type: 'stream_content', data: { content: 'x' } })).to.deep.equal([
      { type: 'reply-delta', delta: 'x' },
    ]);
    expect(decode({ type: 'stream_complete' })).to.deep.equal([{ type: 'reply-end' }]);
    expect(decode({ type: 'stream_start' })).to.deep.equal([{ type: 'alive' }]);
  });

  it('decodes typing indicators, ignoring the person’s own typing echoed back', () => {
    const frame = (user_id: number, is_typing: boolean) => ({
      type: 'typing_indicator',
      data: { conversation_id: 123, user_id, is_typing },
    });
    expect(decode(frame(789, true))).to.deep.equal([{ type: 'typing', typing: true }]);
    expect(decode(frame(789, false))).to.deep.equal([{ type: 'typing', typing: false }]);
    expect(decode(frame(42, true), { ...ctx, userId: '42' })).to.deep.equal([{ type: 'alive' }]);
    expect(decode(frame(789, true), { ...ctx, userId: '42' })).to.deep.equal([
      { type: 'typing', typing: true },
    ]);
  });

  it('decodes errors with their code', () => {
    expect(
      decode({
        type: 'error',
        data: { code: 'MESSAGE_TOO_LONG', message: 'Message exceeds maximum length' },
      }),
    ).to.deep.equal([{ type: 'error', message: 'Message exceeds maximum length', code: 'MESSAGE_TOO_LONG' }]);
    expect(decode({ type: 'error', data: { code: 500, message: 'Oops' } })).to.deep.equal([
      { type: 'error', message: 'Oops', code: '500' },
    ]);
    const [bare] = decode({ type: 'error' });
    expect(bare!.type).to.equal('error');
    expect((bare as { message: string }).message).to.be.a('string').and.not.empty;
  });

  it('decodes conversation_updated, pong and heartbeat as liveness', () => {
    expect(
      decode({ type: 'conversation_updated', data: { conversation: { id: 123, title: 'Fever' } } }),
    ).to.deep.equal([{ type: 'alive' }]);
    expect(decode({ type: 'pong' })).to.deep.equal([{ type: 'alive' }]);
    expect(decode({ type: 'heartbeat' })).to.deep.equal([{ type: 'alive' }]);
  });

  const malformed: [string, unknown][] = [
    ['invalid JSON', '{"type": "stream_content", '],
    ['an empty frame', ''],
    ['a JSON array', '[1,2,3]'],
    ['a JSON string', '"hello"'],
    ['null', 'null'],
    ['no type', JSON.stringify({ data: { content: 'x' } })],
    ['a numeric type', JSON.stringify({ type: 3, data: {} })],
    ['an unknown type', JSON.stringify({ type: 'explode', data: {} })],
    ['a flat stream_content', JSON.stringify({ type: 'stream_content', content: 'x' })],
    ['stream_content without content', JSON.stringify({ type: 'stream_content', data: { message_id: 1 } })],
    ['stream_content with numeric content', JSON.stringify({ type: 'stream_content', data: { content: 1 } })],
    [
      'stream_content with an object id',
      JSON.stringify({ type: 'stream_content', data: { message_id: {}, content: 'x' } }),
    ],
    [
      'stream_content with a string is_complete',
      JSON.stringify({ type: 'stream_content', data: { content: 'x', is_complete: 'yes' } }),
    ],
    ['stream_complete with data as a string', JSON.stringify({ type: 'stream_complete', data: 'done' })],
    ['message_received without data', JSON.stringify({ type: 'message_received' })],
    ['message_received without a message', JSON.stringify({ type: 'message_received', data: {} })],
    [
      'message_received without content',
      JSON.stringify({ type: 'message_received', data: { message: { id: 1, message_type: 'user' } } }),
    ],
    [
      'message_received with an unknown message type',
      JSON.stringify({
        type: 'message_received',
        data: { message: { id: 1, content: 'x', message_type: 'admin' } },
      }),
    ],
    [
      'message_added with a prototype message type',
      JSON.stringify({
        type: 'message_added',
        data: { message: { id: 1, content: 'x', message_type: 'toString' } },
      }),
    ],
    [
      'message_received with an object client id',
      JSON.stringify({
        type: 'message_received',
        data: { message: { id: 1, content: 'x', message_type: 'user', client_id: {} } },
      }),
    ],
    ['typing_indicator without a flag', JSON.stringify({ type: 'typing_indicator', data: { user_id: 1 } })],
    [
      'typing_indicator with a string flag',
      JSON.stringify({ type: 'typing_indicator', data: { is_typing: 'no' } }),
    ],
    ['error with a numeric message', JSON.stringify({ type: 'error', data: { message: 5 } })],
    ['a huge frame', JSON.stringify({ type: 'stream_content', data: { content: 'x'.repeat(1_100_000) } })],
    ['deep nesting', `{"type":"stream_content","data":${'['.repeat(50_000)}${']'.repeat(50_000)}}`],
  ];
  for (const [name, frame] of malformed) {
    it(`drops ${name} as one bad frame without throwing`, () => {
      const events = conversation.decode(frame, ctx);
      expect(events).to.have.length(1);
      expect(events[0]!.type).to.equal('bad-frame');
      expect((events[0] as { reason: string }).reason).to.be.a('string').and.not.empty;
    });
  }

  it('drops binary frames', () => {
    for (const frame of [new ArrayBuffer(8), new Blob(['{}']), undefined]) {
      const events = conversation.decode(frame, ctx);
      expect(events).to.have.length(1);
      expect(events[0]!.type).to.equal('bad-frame');
    }
  });
});

describe('conversation dialect: encode', () => {
  it('sends an all-digit conversation id as a number (the seed servers keep ints), others as strings', () => {
    const join = (sessionId: string) =>
      JSON.parse(conversation.encode({ type: 'join' }, { sessionId, feature: 'chat', history: [] })!).data
        .conversation_id;
    expect(join('123')).to.equal(123);
    expect(join('c-7f3a')).to.equal('c-7f3a');
    expect(join('1234567890123456789')).to.equal('1234567890123456789');
  });

  const encoded = (command: ClientCommand) => JSON.parse(conversation.encode(command, ctx)!);

  it('authenticates with the token alone', () => {
    expect(encoded({ type: 'auth', id: 'a1', token: 'jwt-token', time: TIME })).to.deep.equal({
      type: 'auth',
      token: 'jwt-token',
    });
  });

  it('joins the conversation of the session', () => {
    expect(encoded({ type: 'join' })).to.deep.equal({
      type: 'join_conversation',
      data: { conversation_id: 123 },
    });
  });

  it('sends a user message with the client id', () => {
    expect(encoded({ type: 'send', id: 'c-1', content: 'Hello, AI!', time: TIME })).to.deep.equal({
      type: 'send_message',
      data: { conversation_id: 123, content: 'Hello, AI!', message_type: 'user', client_id: 'c-1' },
    });
  });

  it('sends typing with the conversation', () => {
    expect(encoded({ type: 'typing', typing: true })).to.deep.equal({
      type: 'typing',
      data: { conversation_id: 123, is_typing: true },
    });
    expect(encoded({ type: 'typing', typing: false })).to.deep.equal({
      type: 'typing',
      data: { conversation_id: 123, is_typing: false },
    });
  });

  it('has no heartbeat or reply-complete frame', () => {
    expect(conversation.encode({ type: 'heartbeat', id: 'h1', time: TIME }, ctx)).to.equal(undefined);
    expect(conversation.encode({ type: 'reply-complete', id: 'r1', content: 'x' }, ctx)).to.equal(undefined);
  });
});
