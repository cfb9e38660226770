import { expect } from '@open-wc/testing';
import { hybrid } from '../src/protocol/dialects/hybrid.js';
import { loadDialect } from '../src/protocol/index.js';
import type { ClientCommand, DialectContext, ServerEvent } from '../src/protocol/types.js';

const ctx: DialectContext = { sessionId: 'sess-1', feature: 'chat', userId: 'u1', history: [] };
const decode = (frame: unknown): ServerEvent[] =>
  hybrid.decode(typeof frame === 'string' ? frame : JSON.stringify(frame), ctx);
const TIME = '2026-11-21T10:00:00.000Z';
const stream = hybrid.replyStream!;
/** The reply stream URL for a message, from a `stream-url` base. */
const streamUrl = (base: string, command: Extract<ClientCommand, { type: 'send' }>, context = ctx): string =>
  stream.request(command, { ...context, streamUrl: base }).url!;
/** One unnamed (`message`) event of the reply stream, decoded. */
const streamDecode = (data: string, event = 'message'): ServerEvent[] => stream.decode({ event, data }, ctx);
const send = (content: string): Extract<ClientCommand, { type: 'send' }> => ({
  type: 'send',
  id: 'id-1',
  content,
  time: TIME,
});

describe('hybrid dialect: settings', () => {
  it('is registered, authenticates in the query, is usable at open and streams replies', async () => {
    expect(await loadDialect('hybrid')).to.equal(hybrid);
    expect(hybrid.name).to.equal('hybrid');
    expect(hybrid.channel).to.equal('socket');
    expect(hybrid.auth[0]).to.equal('query');
    expect(hybrid.handshake).to.equal(undefined);
    expect(hybrid.closeCodes?.unauthorized).to.have.members([4001, 4401, 1008, 4003, 4403]);
    expect(hybrid.closeCodes?.final).to.deep.equal([4404]);
    expect(stream.request).to.be.a('function');
    expect(stream.decode).to.be.a('function');
  });
});

describe('hybrid dialect: socket decode', () => {
  it('decodes typing', () => {
    expect(decode({ type: 'typing', is_typing: true })).to.deep.equal([{ type: 'typing', typing: true }]);
    expect(decode({ type: 'typing', is_typing: false })).to.deep.equal([{ type: 'typing', typing: false }]);
  });

  it('turns history into whole messages with mapped roles, ids made strings', () => {
    expect(
      decode({
        type: 'history',
        messages: [
          { id: 'm1', role: 'user', content: 'Hi', timestamp: '2026-11-21T09:00:00Z' },
          { id: 2, role: 'assistant', content: 'Hello!', timestamp: '2026-11-21T09:00:01Z' },
          { id: 'm3', role: 'bot', content: 'From the bot' },
          { id: 'm4', role: 'ai', content: 'From the AI', timestamp: null },
          { id: 'm5', role: 'system', content: 'Session restored' },
          { id: 'm6', role: 'Assistant', content: 'Capitalised' },
        ],
      }),
    ).to.deep.equal([
      {
        type: 'history',
        messages: [
          { id: 'm1', role: 'user', content: 'Hi', time: '2026-11-21T09:00:00Z' },
          { id: '2', role: 'assistant', content: 'Hello!', time: '2026-11-21T09:00:01Z' },
          { id: 'm3', role: 'assistant', content: 'From the bot' },
          { id: 'm4', role: 'assistant', content: 'From the AI' },
          { id: 'm5', role: 'system', content: 'Session restored' },
          { id: 'm6', role: 'assistant', content: 'Capitalised' },
        ],
      },
    ]);
    expect(decode({ type: 'history', messages: [] })).to.deep.equal([{ type: 'history', messages: [] }]);
  });

  it('keeps the readable messages of a history with an odd entry, and reports the rest once', () => {
    const events = decode({
      type: 'history',
      messages: [
        { id: 'm1', role: 'user', content: 'Hi' },
        { id: 'm2', role: 'tool', content: '{}' },
        { id: 'm3', role: 'assistant', content: null },
        { id: 'm4', role: 'assistant', content: 'Hello!' },
      ],
    });
    expect(events).to.have.length(2);
    expect(events[0]).to.deep.equal({
      type: 'history',
      messages: [
        { id: 'm1', role: 'user', content: 'Hi' },
        { id: 'm4', role: 'assistant', content: 'Hello!' },
      ],
    });
    expect(events[1]!.type).to.equal('bad-frame');
    expect((events[1] as { reason: string }).reason).to.contain('messages.1');
  });

  it('turns a message frame into a history of one', () => {
    expect(
      decode({ type: 'message', id: 'm9', role: 'assistant', content: 'Synced from another device' }),
    ).to.deep.equal([
      { type: 'history', messages: [{ id: 'm9', role: 'assistant', content: 'Synced from another device' }] },
    ]);
    expect(decode({ type: 'message', id: 10, role: 'user', content: 'Mine', timestamp: TIME })).to.deep.equal(
      [{ type: 'history', messages: [{ id: '10', role: 'user', content: 'Mine', time: TIME }] }],
    );
  });

  it('turns notifications into notices', () => {
    expect(decode({ type: 'notification', body: 'Maintenance at 22:00' })).to.deep.equal([
      { type: 'system-line', text: 'Maintenance at 22:00' },
    ]);
    expect(decode({ type: 'notification', title: 'Clinic', body: 'Closed on Monday' })).to.deep.equal([
      { type: 'system-line', text: 'Clinic: Closed on Monday' },
    ]);
    expect(decode({ type: 'notification', message: 'Reconnected' })).to.deep.equal([
      { type: 'system-line', text: 'Reconnected' },
    ]);
  });

  it('decodes pong and heartbeat as liveness, and error frames as errors', () => {
    expect(decode({ type: 'pong' })).to.deep.equal([{ type: 'alive' }]);
    expect(decode({ type: 'heartbeat', timestamp: TIME })).to.deep.equal([{ type: 'alive' }]);
    expect(decode({ type: 'error', message: 'Rate limited', code: 'RATE' })).to.deep.equal([
      { type: 'error', message: 'Rate limited', code: 'RATE' },
    ]);
    expect(decode({ type: 'error', error: 'Down' })).to.deep.equal([{ type: 'error', message: 'Down' }]);
  });

  const malformed: [string, unknown][] = [
    ['invalid JSON', '{"type": "typing", '],
    ['an empty frame', ''],
    ['a JSON array', '[1,2,3]'],
    ['a JSON string', '"hello"'],
    ['null', 'null'],
    ['no type', JSON.stringify({ is_typing: true })],
    ['a numeric type', JSON.stringify({ type: 1 })],
    ['an unknown type', JSON.stringify({ type: 'explode' })],
    ['typing without a flag', JSON.stringify({ type: 'typing' })],
    ['typing with a string flag', JSON.stringify({ type: 'typing', is_typing: 'true' })],
    ['history without messages', JSON.stringify({ type: 'history' })],
    ['history with messages as an object', JSON.stringify({ type: 'history', messages: { id: 1 } })],
    [
      'history where no message is readable',
      JSON.stringify({ type: 'history', messages: [{ id: 'm1', role: 'user' }, 'x'] }),
    ],
    ['message without an id', JSON.stringify({ type: 'message', role: 'user', content: 'x' })],
    ['message without content', JSON.stringify({ type: 'message', id: 'm', role: 'user' })],
    [
      'message with an unknown role',
      JSON.stringify({ type: 'message', id: 'm', role: 'admin', content: 'x' }),
    ],
    [
      'message with a prototype role',
      JSON.stringify({ type: 'message', id: 'm', role: 'constructor', content: 'x' }),
    ],
    ['message with an object id', JSON.stringify({ type: 'message', id: {}, role: 'user', content: 'x' })],
    ['notification without a body', JSON.stringify({ type: 'notification', title: 'x' })],
    ['notification with a numeric body', JSON.stringify({ type: 'notification', body: 3 })],
    ['a huge frame', JSON.stringify({ type: 'notification', body: 'x'.repeat(1_100_000) })],
    ['deep nesting', `{"type":"typing","is_typing":${'['.repeat(50_000)}${']'.repeat(50_000)}}`],
  ];
  for (const [name, frame] of malformed) {
    it(`drops ${name} as one bad frame without throwing`, () => {
      const events = hybrid.decode(frame, ctx);
      expect(events).to.have.length(1);
      expect(events[0]!.type).to.equal('bad-frame');
      expect((events[0] as { reason: string }).reason).to.be.a('string').and.not.empty;
    });
  }

  it('drops binary frames', () => {
    for (const frame of [new ArrayBuffer(8), new Blob(['{}']), undefined]) {
      const events = hybrid.decode(frame, ctx);
      expect(events).to.have.length(1);
      expect(events[0]!.type).to.equal('bad-frame');
    }
  });
});

describe('hybrid dialect: socket encode', () => {
  it('encodes typing', () => {
    expect(JSON.parse(hybrid.encode({ type: 'typing', typing: true }, ctx)!)).to.deep.equal({
      type: 'typing',
      is_typing: true,
    });
    expect(JSON.parse(hybrid.encode({ type: 'typing', typing: false }, ctx)!)).to.deep.equal({
      type: 'typing',
      is_typing: false,
    });
  });

  it('encodes a sent message with the user role', () => {
    const frame = hybrid.encode(send('Hello there'), ctx)!;
    expect(JSON.parse(frame)).to.deep.equal({
      type: 'message',
      role: 'user',
      content: 'Hello there',
      message_id: 'id-1',
      timestamp: TIME,
    });
    expect(Object.keys(JSON.parse(frame))).to.deep.equal([
      'type',
      'role',
      'content',
      'message_id',
      'timestamp',
    ]);
  });

  it('encodes the end of a streamed reply so the server can keep it', () => {
    expect(
      JSON.parse(hybrid.encode({ type: 'reply-complete', id: 'r1', content: 'The whole reply' }, ctx)!),
    ).to.deep.equal({ type: 'bot_response_complete', message_id: 'r1', content: 'The whole reply' });
  });

  it('has no heartbeat, auth or join frame', () => {
    const none: ClientCommand[] = [
      { type: 'heartbeat', id: 'h1', time: TIME },
      { type: 'auth', id: 'a1', token: 'T', time: TIME },
      { type: 'join' },
    ];
    for (const command of none) expect(hybrid.encode(command, ctx), command.type).to.equal(undefined);
  });
});

describe('hybrid dialect: stream URL', () => {
  const params = (url: string) => new URL(url, 'https://page.example/').searchParams;

  // `message_id` (the client's id) lets a backend deduplicate a request made again after a failure.
  it('adds the message, the session and the message id to an absolute stream URL', () => {
    const url = streamUrl('https://api.example/api/v1/chat/stream', send('hello world'), ctx);
    expect(url).to.equal(
      'https://api.example/api/v1/chat/stream?message=hello%20world&session_id=sess-1&message_id=id-1',
    );
  });

  it('keeps an existing query and replaces stale message/session parameters', () => {
    const url = streamUrl('https://api.example/stream?model=gpt&message=old&session_id=x', send('hi'), ctx);
    expect(url).to.equal('https://api.example/stream?model=gpt&message=hi&session_id=sess-1&message_id=id-1');
  });

  it('keeps a relative URL relative and keeps a fragment last', () => {
    expect(streamUrl('/api/v1/chat/stream', send('hi'), ctx)).to.equal(
      '/api/v1/chat/stream?message=hi&session_id=sess-1&message_id=id-1',
    );
    expect(streamUrl('stream?', send('hi'), ctx)).to.equal(
      'stream?message=hi&session_id=sess-1&message_id=id-1',
    );
    expect(streamUrl('/s?a=1#top', send('hi'), ctx)).to.equal(
      '/s?a=1&message=hi&session_id=sess-1&message_id=id-1#top',
    );
  });

  it('percent-encodes every character so the server reads back exactly what was sent', () => {
    const texts = [
      'a+b = c & d?',
      '100% #1 / "quoted" \'single\'',
      'Ciao, perché? 你好 🤒 — ok',
      'line one\nline two\ttab',
      'emoji 👩🏽‍⚕️ and ~!*()',
    ];
    for (const text of texts) {
      const url = streamUrl('https://api.example/stream', send(text), { ...ctx, sessionId: 's/1 &x' });
      expect(url).not.to.contain(' ');
      expect(url).not.to.match(/\+/);
      expect(params(url).get('message')).to.equal(text);
      expect(params(url).get('session_id')).to.equal('s/1 &x');
      const raw = url.split('message=')[1]!.split('&')[0]!;
      expect(decodeURIComponent(raw)).to.equal(text);
    }
  });
});

describe('hybrid dialect: stream decode', () => {
  const cases: [string, string, ServerEvent[]][] = [
    ['[DONE]', '[DONE]', [{ type: 'done' }]],
    ['[DONE] with spaces', '  [DONE]\n', [{ type: 'done' }]],
    ['content', '{"content":"Hel"}', [{ type: 'reply-delta', delta: 'Hel' }]],
    ['delta', '{"delta":"lo "}', [{ type: 'reply-delta', delta: 'lo ' }]],
    ['text', '{"text":"world"}', [{ type: 'reply-delta', delta: 'world' }]],
    [
      'OpenAI choices',
      '{"id":"c1","choices":[{"index":0,"delta":{"content":"!"}}]}',
      [{ type: 'reply-delta', delta: '!' }],
    ],
    [
      'OpenAI completions',
      '{"choices":[{"text":"old style"}]}',
      [{ type: 'reply-delta', delta: 'old style' }],
    ],
    [
      'Anthropic delta',
      '{"type":"content_block_delta","delta":{"type":"text_delta","text":"Hi"}}',
      [{ type: 'reply-delta', delta: 'Hi' }],
    ],
    ['multi-byte JSON', '{"content":"perché 你好 🤒"}', [{ type: 'reply-delta', delta: 'perché 你好 🤒' }]],
    ['escaped JSON', '{"content":"line\\nnext \\u00e8"}', [{ type: 'reply-delta', delta: 'line\nnext è' }]],
    ['role-only chunk', '{"choices":[{"delta":{"role":"assistant"}}]}', []],
    ['empty delta chunk', '{"choices":[{"delta":{}}]}', []],
    ['finish chunk', '{"choices":[{"delta":{},"finish_reason":"stop"}]}', []],
    ['empty content', '{"content":""}', []],
    ['ping', '{"type":"ping"}', []],
    ['numeric content', '{"content":42}', []],
    ['empty choices', '{"choices":[]}', []],
    ['plain text', 'Hello', [{ type: 'reply-delta', delta: 'Hello' }]],
    ['plain text with spaces kept', ' world ', [{ type: 'reply-delta', delta: ' world ' }]],
    ['plain multi-byte text', 'perché 你好 🤒', [{ type: 'reply-delta', delta: 'perché 你好 🤒' }]],
    ['a bare JSON string', '"hi"', [{ type: 'reply-delta', delta: '"hi"' }]],
    ['a bare JSON number', '42', [{ type: 'reply-delta', delta: '42' }]],
    ['a JSON array', '[1,2]', [{ type: 'reply-delta', delta: '[1,2]' }]],
    ['null', 'null', [{ type: 'reply-delta', delta: 'null' }]],
    ['broken JSON', '{"content": "x', [{ type: 'reply-delta', delta: '{"content": "x' }]],
    ['markdown', '**bold** and `code`', [{ type: 'reply-delta', delta: '**bold** and `code`' }]],
    ['DONE inside text', 'not [DONE] yet', [{ type: 'reply-delta', delta: 'not [DONE] yet' }]],
  ];
  for (const [name, data, chunk] of cases) {
    it(`decodes ${name}`, () => {
      expect(streamDecode(data)).to.deep.equal(chunk);
    });
  }

  it('never throws, even on deep nesting or huge data', () => {
    expect(() => streamDecode(`{"content":${'['.repeat(50_000)}${']'.repeat(50_000)}}`)).not.to.throw();
    const huge = 'x'.repeat(2_000_000);
    expect(streamDecode(huge)).to.deep.equal([{ type: 'reply-delta', delta: huge }]);
    expect(streamDecode('')).to.deep.equal([]);
  });

  it('shows only unnamed events: a named event (ping, keep-alive) adds nothing to the reply', () => {
    expect(streamDecode('{"content":"tick"}', 'ping')).to.deep.equal([]);
    expect(streamDecode('keep-alive', 'heartbeat')).to.deep.equal([]);
    expect(streamDecode('Hello', 'message')).to.deep.equal([{ type: 'reply-delta', delta: 'Hello' }]);
  });

  it('turns in-band errors into a failed reply with a readable reason', () => {
    expect(streamDecode('{"error":"rate limited"}')).to.deep.equal([
      { type: 'error', code: 'stream-error', message: 'rate limited' },
    ]);
    expect(streamDecode('{"error":{"message":"model overloaded","type":"server_error"}}')).to.deep.equal([
      { type: 'error', code: 'stream-error', message: 'model overloaded' },
    ]);
    expect(streamDecode('{"message":"upstream timeout"}', 'error')).to.deep.equal([
      { type: 'error', code: 'stream-error', message: 'upstream timeout' },
    ]);
    expect(streamDecode('', 'error')).to.deep.equal([
      { type: 'error', code: 'stream-error', message: 'The reply stream reported an error.' },
    ]);
  });
});
