import { expect } from '@open-wc/testing';
import { EventSchemas, RunAgentInputSchema } from '@ag-ui/core/schemas';
import { agui } from '../src/protocol/dialects/agui.js';
import { readyDialect } from '../src/protocol/index.js';
import type { DialectContext, HistoryEntry, ServerEvent } from '../src/protocol/types.js';

const TIME = '2026-11-21T10:00:00.000Z';
const history: HistoryEntry[] = [
  { id: 'u1', role: 'user', content: 'I have a headache', time: TIME },
  { id: 'a1', role: 'assistant', content: 'How long has it lasted?', time: TIME },
  { id: 's1', role: 'system', content: 'Connection restored', time: TIME },
  { id: 'a2', role: 'assistant', content: '', time: TIME },
  { id: 'u2', role: 'user', content: 'Two days', time: TIME },
];
const ctx: DialectContext = { sessionId: 'thread-1', feature: 'chat', history };
const send = { type: 'send', id: 'u2', content: 'Two days', time: TIME } as const;

/** Decodes one AG-UI event, checked first against @ag-ui/core's own schema (so the tests speak real AG-UI). */
function decode(event: Record<string, unknown>): ServerEvent[] {
  const checked = EventSchemas.safeParse(event);
  if (!checked.success)
    throw new Error(`not an AG-UI event: ${JSON.stringify(event)}: ${checked.error.message}`);
  return agui.decode({ event: 'message', data: JSON.stringify(event) }, ctx);
}
/** Decodes raw event data, AG-UI or not. */
const raw = (data: string): ServerEvent[] => agui.decode({ event: 'message', data }, ctx);

describe('agui dialect: traits', () => {
  it('is an HTTP dialect: token in a header, one turn at a time, stop aborts', () => {
    expect(agui.name).to.equal('agui');
    expect(agui.channel).to.equal('http');
    expect(agui.auth).to.deep.equal(['header']);
    expect(agui.replies).to.equal('turn');
    expect(agui.cancel).to.equal(true);
    expect(agui.requires ?? []).to.deep.equal([]);
  });

  it('is not in the default registry (it loads only when used)', () => {
    expect(readyDialect('agui')).to.equal(undefined);
  });
});

describe('agui dialect: encode', () => {
  it('posts a RunAgentInput that @ag-ui/core accepts: thread = session, fresh run id, the conversation, state', () => {
    const request = agui.encode(send, { ...ctx, state: { step: 'triage' } })!;
    expect(request.method).to.equal('POST');
    expect(request.url).to.equal(undefined);
    expect(request.headers).to.deep.equal({
      'Content-Type': 'application/json',
      Accept: 'text/event-stream',
    });
    const body = JSON.parse(request.body!) as Record<string, unknown>;
    expect(RunAgentInputSchema.safeParse(body).success).to.equal(true);
    expect(body['threadId']).to.equal('thread-1');
    expect(body['runId']).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(body['messages']).to.deep.equal([
      { id: 'u1', role: 'user', content: 'I have a headache' },
      { id: 'a1', role: 'assistant', content: 'How long has it lasted?' },
      { id: 'u2', role: 'user', content: 'Two days' },
    ]);
    expect(body['state']).to.deep.equal({ step: 'triage' });
    expect(body['tools']).to.deep.equal([]);
    expect(body['context']).to.deep.equal([]);
    expect(body['forwardedProps']).to.deep.equal({});
  });

  it('makes a new run id for every request, and sends state {} when there is none', () => {
    const a = JSON.parse(agui.encode(send, ctx)!.body!) as Record<string, unknown>;
    const b = JSON.parse(agui.encode(send, ctx)!.body!) as Record<string, unknown>;
    expect(a['runId']).not.to.equal(b['runId']);
    expect(a['state']).to.deep.equal({});
  });

  it('ends with the message being sent: messages still waiting their turn are not in it', () => {
    const waiting = [...history, { id: 'u3', role: 'user', content: 'And my son?', time: TIME } as const];
    const body = JSON.parse(agui.encode(send, { ...ctx, history: waiting })!.body!);
    expect(body.messages.map((m: { id: string }) => m.id)).to.deep.equal(['u1', 'a1', 'u2']);
  });

  it('adds the message being sent when the history does not have it', () => {
    const body = JSON.parse(
      agui.encode({ ...send, id: 'u9', content: 'Hello' }, { ...ctx, history: [] })!.body!,
    );
    expect(body.messages).to.deep.equal([{ id: 'u9', role: 'user', content: 'Hello' }]);
  });

  it('has no request for anything but a send (stop aborts the request)', () => {
    expect(agui.encode({ type: 'cancel', replyId: 'r1' }, ctx)).to.equal(undefined);
    expect(agui.encode({ type: 'typing', typing: true }, ctx)).to.equal(undefined);
    expect(agui.encode({ type: 'heartbeat', id: 'h', time: TIME }, ctx)).to.equal(undefined);
    expect(agui.encode({ type: 'join' }, ctx)).to.equal(undefined);
  });
});

describe('agui dialect: decode text', () => {
  it('maps TEXT_MESSAGE_START/CONTENT/END to a reply with the message id', () => {
    expect(decode({ type: 'TEXT_MESSAGE_START', messageId: 'm1', role: 'assistant' })).to.deep.equal([
      { type: 'reply-start', id: 'm1' },
    ]);
    expect(decode({ type: 'TEXT_MESSAGE_CONTENT', messageId: 'm1', delta: '**Hi**' })).to.deep.equal([
      { type: 'reply-delta', id: 'm1', delta: '**Hi**' },
    ]);
    expect(decode({ type: 'TEXT_MESSAGE_END', messageId: 'm1' })).to.deep.equal([
      { type: 'reply-end', id: 'm1' },
    ]);
  });

  it('skips empty deltas', () => {
    expect(decode({ type: 'TEXT_MESSAGE_CONTENT', messageId: 'm1', delta: '' })).to.deep.equal([]);
    expect(decode({ type: 'TEXT_MESSAGE_CHUNK', messageId: 'm1' })).to.deep.equal([]);
  });

  it('maps TEXT_MESSAGE_CHUNK to deltas, with the id when it has one', () => {
    expect(
      decode({ type: 'TEXT_MESSAGE_CHUNK', messageId: 'm2', role: 'assistant', delta: 'Hel' }),
    ).to.deep.equal([{ type: 'reply-delta', id: 'm2', delta: 'Hel' }]);
    expect(decode({ type: 'TEXT_MESSAGE_CHUNK', delta: 'lo' })).to.deep.equal([
      { type: 'reply-delta', delta: 'lo' },
    ]);
  });

  it('keeps the extra fields AG-UI allows (timestamp, metadata, rawEvent, subagent) out of the way', () => {
    expect(
      decode({
        type: 'TEXT_MESSAGE_CONTENT',
        messageId: 'm1',
        delta: 'x',
        timestamp: 1_700_000_000_000,
        metadata: { a: 1 },
        rawEvent: { provider: 'p' },
        subagentRunId: 'sub-1',
      }),
    ).to.deep.equal([{ type: 'reply-delta', id: 'm1', delta: 'x' }]);
  });
});

describe('agui dialect: decode the run', () => {
  it('ignores RUN_STARTED (the HTTP status already told that the request arrived)', () => {
    expect(decode({ type: 'RUN_STARTED', threadId: 'thread-1', runId: 'r1' })).to.deep.equal([]);
  });

  it('ends the turn on RUN_FINISHED, and stops the reply when the run was cancelled', () => {
    expect(decode({ type: 'RUN_FINISHED', threadId: 'thread-1', runId: 'r1' })).to.deep.equal([
      { type: 'done' },
    ]);
    expect(
      decode({ type: 'RUN_FINISHED', threadId: 'thread-1', runId: 'r1', outcome: { type: 'success' } }),
    ).to.deep.equal([{ type: 'done' }]);
    expect(
      decode({ type: 'RUN_FINISHED', threadId: 'thread-1', runId: 'r1', outcome: { type: 'cancelled' } }),
    ).to.deep.equal([{ type: 'reply-stopped' }, { type: 'done' }]);
  });

  it('fails the reply on RUN_ERROR with its message and code', () => {
    expect(decode({ type: 'RUN_ERROR', message: 'Model overloaded', code: 'overloaded' })).to.deep.equal([
      { type: 'error', message: 'Model overloaded', code: 'overloaded' },
    ]);
    expect(decode({ type: 'RUN_ERROR', message: '' })).to.deep.equal([
      { type: 'error', message: 'The agent reported an error.' },
    ]);
  });

  it('replaces the history with MESSAGES_SNAPSHOT, showing only what people and the assistant said', () => {
    expect(
      decode({
        type: 'MESSAGES_SNAPSHOT',
        messages: [
          { id: 'sys', role: 'system', content: 'You are a clinic assistant.' },
          { id: 'dev', role: 'developer', content: 'Internal instructions' },
          { id: 'u1', role: 'user', content: 'Hi' },
          {
            id: 'u2',
            role: 'user',
            content: [
              { type: 'text', text: 'Look at ' },
              { type: 'image', source: { type: 'url', value: 'https://x/y.png' } },
              { type: 'text', text: 'this' },
            ],
          },
          { id: 'a1', role: 'assistant', content: 'Hello!' },
          {
            id: 'a2',
            role: 'assistant',
            toolCalls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{}' } }],
          },
          { id: 't1m', role: 'tool', content: '{"ok":true}', toolCallId: 't1' },
          { id: 'r1', role: 'reasoning', content: 'thinking…' },
          { id: 'act', role: 'activity', activityType: 'plan', content: {} },
        ],
      }),
    ).to.deep.equal([
      {
        type: 'history',
        replace: true,
        messages: [
          { id: 'u1', role: 'user', content: 'Hi' },
          { id: 'u2', role: 'user', content: 'Look at this' },
          { id: 'a1', role: 'assistant', content: 'Hello!' },
        ],
      },
    ]);
  });

  it('keeps the readable messages of a snapshot with unreadable entries, and reports them once', () => {
    expect(
      raw(
        JSON.stringify({
          type: 'MESSAGES_SNAPSHOT',
          messages: [{ id: 'u1', role: 'user', content: 'Hi' }, { role: 'user' }, 7],
        }),
      ),
    ).to.deep.equal([
      { type: 'history', replace: true, messages: [{ id: 'u1', role: 'user', content: 'Hi' }] },
      { type: 'bad-frame', reason: "'MESSAGES_SNAPSHOT' event: 2 message(s) unreadable" },
    ]);
  });
});

describe('agui dialect: decode tools, reasoning, state, custom', () => {
  it('maps TOOL_CALL_START/ARGS/RESULT to one activity line, running then done, arguments and result as detail', () => {
    expect(
      decode({
        type: 'TOOL_CALL_START',
        toolCallId: 't1',
        toolCallName: 'find_doctors',
        parentMessageId: 'm1',
      }),
    ).to.deep.equal([{ type: 'activity', id: 't1', name: 'find_doctors', state: 'running', replyId: 'm1' }]);
    expect(decode({ type: 'TOOL_CALL_ARGS', toolCallId: 't1', delta: '{"specialty":' })).to.deep.equal([
      { type: 'activity', id: 't1', state: 'running', detailDelta: '{"specialty":' },
    ]);
    expect(decode({ type: 'TOOL_CALL_END', toolCallId: 't1' })).to.deep.equal([]);
    expect(
      decode({
        type: 'TOOL_CALL_RESULT',
        messageId: 'tm1',
        toolCallId: 't1',
        content: '[{"id":"dr-rossi"}]',
        role: 'tool',
      }),
    ).to.deep.equal([{ type: 'activity', id: 't1', state: 'done', detail: '[{"id":"dr-rossi"}]' }]);
    expect(
      decode({
        type: 'TOOL_CALL_RESULT',
        messageId: 'tm1',
        toolCallId: 't2',
        content: [{ type: 'text', text: 'ok' }],
      }),
    ).to.deep.equal([{ type: 'activity', id: 't2', state: 'done', detail: 'ok' }]);
  });

  it('maps TOOL_CALL_CHUNK to the same activity line', () => {
    expect(
      decode({
        type: 'TOOL_CALL_CHUNK',
        toolCallId: 't3',
        toolCallName: 'lookup',
        parentMessageId: 'm1',
        delta: '{}',
      }),
    ).to.deep.equal([
      { type: 'activity', id: 't3', state: 'running', name: 'lookup', replyId: 'm1', detailDelta: '{}' },
    ]);
    expect(decode({ type: 'TOOL_CALL_CHUNK', toolCallId: 't3', delta: '"x"' })).to.deep.equal([
      { type: 'activity', id: 't3', state: 'running', detailDelta: '"x"' },
    ]);
    expect(decode({ type: 'TOOL_CALL_CHUNK', delta: 'orphan' })).to.deep.equal([]);
  });

  it('maps REASONING_MESSAGE_* to reasoning events and ignores the REASONING_START/END span', () => {
    expect(decode({ type: 'REASONING_START', messageId: 'span-1' })).to.deep.equal([]);
    expect(decode({ type: 'REASONING_MESSAGE_START', messageId: 'rm1', role: 'reasoning' })).to.deep.equal([
      { type: 'reasoning', id: 'rm1' },
    ]);
    expect(decode({ type: 'REASONING_MESSAGE_CONTENT', messageId: 'rm1', delta: 'Consider…' })).to.deep.equal(
      [{ type: 'reasoning', id: 'rm1', delta: 'Consider…' }],
    );
    expect(decode({ type: 'REASONING_MESSAGE_END', messageId: 'rm1' })).to.deep.equal([
      { type: 'reasoning', id: 'rm1', end: true },
    ]);
    expect(decode({ type: 'REASONING_MESSAGE_CHUNK', messageId: 'rm2', delta: 'a' })).to.deep.equal([
      { type: 'reasoning', id: 'rm2', delta: 'a' },
    ]);
    expect(decode({ type: 'REASONING_END', messageId: 'span-1' })).to.deep.equal([]);
    expect(
      decode({
        type: 'REASONING_ENCRYPTED_VALUE',
        subtype: 'message',
        entityId: 'rm1',
        encryptedValue: 'xyz',
      }),
    ).to.deep.equal([]);
  });

  it('reads the THINKING_* events of AG-UI before 1.0 as reasoning', () => {
    expect(raw('{"type":"THINKING_START","title":"Plan"}')).to.deep.equal([]);
    expect(raw('{"type":"THINKING_TEXT_MESSAGE_START"}')).to.deep.equal([
      { type: 'reasoning', id: 'thinking' },
    ]);
    expect(raw('{"type":"THINKING_TEXT_MESSAGE_CONTENT","delta":"hm"}')).to.deep.equal([
      { type: 'reasoning', id: 'thinking', delta: 'hm' },
    ]);
    expect(raw('{"type":"THINKING_TEXT_MESSAGE_END"}')).to.deep.equal([
      { type: 'reasoning', id: 'thinking', end: true },
    ]);
    expect(raw('{"type":"THINKING_END"}')).to.deep.equal([]);
  });

  it('maps STATE_SNAPSHOT and STATE_DELTA to state events', () => {
    expect(decode({ type: 'STATE_SNAPSHOT', snapshot: { booking: { step: 'doctor' } } })).to.deep.equal([
      { type: 'state', snapshot: { booking: { step: 'doctor' } } },
    ]);
    expect(decode({ type: 'STATE_SNAPSHOT', snapshot: null })).to.deep.equal([
      { type: 'state', snapshot: null },
    ]);
    expect(
      decode({
        type: 'STATE_DELTA',
        delta: [
          { op: 'replace', path: '/booking/step', value: 'slot' },
          { op: 'add', path: '/booking/doctor', value: null },
          { op: 'remove', path: '/old' },
          { op: 'move', from: '/a', path: '/b' },
        ],
      }),
    ).to.deep.equal([
      {
        type: 'state',
        patch: [
          { op: 'replace', path: '/booking/step', value: 'slot' },
          { op: 'add', path: '/booking/doctor', value: null },
          { op: 'remove', path: '/old' },
          { op: 'move', from: '/a', path: '/b' },
        ],
      },
    ]);
  });

  it('reports a STATE_DELTA that is not JSON Patch, and a STATE_SNAPSHOT without a snapshot', () => {
    for (const delta of [
      [{ op: 'frobnicate', path: '/x' }],
      [{ op: 'add', path: '/x' }],
      [{ op: 'copy', path: '/x' }],
      'x',
    ]) {
      const [event] = raw(JSON.stringify({ type: 'STATE_DELTA', delta }));
      expect(event?.type, JSON.stringify(delta)).to.equal('bad-frame');
    }
    const [missing, ...rest] = raw('{"type":"STATE_SNAPSHOT"}');
    expect(rest).to.deep.equal([]);
    expect(missing?.type).to.equal('bad-frame');
    expect(missing?.type === 'bad-frame' && missing.reason).to.match(/^'STATE_SNAPSHOT' frame: snapshot: /);
  });

  it('turns CUSTOM ai-chat.card into a card, checked like every card', () => {
    expect(
      decode({
        type: 'CUSTOM',
        name: 'ai-chat.card',
        value: {
          kind: 'doctors',
          messageId: 'm1',
          doctors: [{ id: 'dr-rossi', name: 'Dr. Elena Rossi', specialty: 'General Practice', rating: 4.9 }],
        },
      }),
    ).to.deep.equal([
      {
        type: 'card',
        id: 'm1',
        card: {
          kind: 'doctors',
          doctors: [{ id: 'dr-rossi', name: 'Dr. Elena Rossi', specialty: 'General Practice', rating: 4.9 }],
        },
      },
    ]);
    expect(
      decode({
        type: 'CUSTOM',
        name: 'ai-chat.card',
        value: { kind: 'symptom-analysis', urgency_level: 'medium', recommended_specialties: ['Neurology'] },
      }),
    ).to.deep.equal([
      { type: 'card', card: { kind: 'symptom-analysis', urgency: 'medium', specialties: ['Neurology'] } },
    ]);
    expect(
      decode({
        type: 'CUSTOM',
        name: 'ai-chat.card',
        value: {
          kind: 'time-slots',
          time_slots: [{ id: 's1', start: '2026-11-23T09:30:00Z', doctor_id: 'dr-rossi' }],
        },
      }),
    ).to.deep.equal([
      {
        type: 'card',
        card: {
          kind: 'time-slots',
          slots: [{ id: 's1', start: '2026-11-23T09:30:00Z', doctorId: 'dr-rossi' }],
        },
      },
    ]);
    expect(
      decode({
        type: 'CUSTOM',
        name: 'ai-chat.card',
        value: {
          kind: 'booking-confirmation',
          appointment_id: 'A-1',
          status: 'confirmed',
          doctor: 'Dr. Rossi',
        },
      }),
    ).to.deep.equal([
      {
        type: 'card',
        card: {
          kind: 'booking-confirmation',
          appointmentId: 'A-1',
          status: 'confirmed',
          doctor: 'Dr. Rossi',
        },
      },
    ]);
    expect(
      decode({
        type: 'CUSTOM',
        name: 'ai-chat.card',
        value: { kind: 'template', template_id: 7, type: 'meal', name: 'Plan' },
      }),
    ).to.deep.equal([
      { type: 'card', card: { kind: 'template', templateId: '7', templateType: 'meal', name: 'Plan' } },
    ]);
  });

  it('reports a card payload it cannot read, instead of showing part of it', () => {
    for (const value of [
      null,
      { kind: 'poster', url: 'https://evil.example/x.png' },
      { kind: 'doctors', doctors: [{ id: 'd' }] },
      { kind: 'time-slots' },
      { kind: 'symptom-analysis' },
    ]) {
      const events = decode({ type: 'CUSTOM', name: 'ai-chat.card', value });
      expect(events.length, JSON.stringify(value)).to.equal(1);
      expect(events[0]!.type, JSON.stringify(value)).to.equal('bad-frame');
    }
  });

  it('hands any other CUSTOM event to the host as data', () => {
    expect(decode({ type: 'CUSTOM', name: 'weather', value: { c: 21 } })).to.deep.equal([
      { type: 'data', name: 'weather', data: { c: 21 } },
    ]);
    expect(raw('{"type":"CUSTOM","name":"ping"}')).to.deep.equal([
      { type: 'data', name: 'ping', data: null },
    ]);
  });

  it('ignores RAW, STEP_*, ACTIVITY_*, SUBAGENT_* and event types it does not know', () => {
    expect(decode({ type: 'RAW', event: { anything: true }, source: 'openai' })).to.deep.equal([]);
    expect(decode({ type: 'STEP_STARTED', stepName: 'plan' })).to.deep.equal([]);
    expect(decode({ type: 'STEP_FINISHED', stepName: 'plan' })).to.deep.equal([]);
    expect(
      decode({ type: 'ACTIVITY_SNAPSHOT', messageId: 'a', activityType: 'plan', content: { steps: [] } }),
    ).to.deep.equal([]);
    expect(raw('{"type":"SUBAGENT_STARTED","subagentRunId":"s","name":"x"}')).to.deep.equal([]);
    expect(raw('{"type":"SOMETHING_NEW_IN_AG_UI_2","x":1}')).to.deep.equal([]);
  });
});

describe('agui dialect: hostile and malformed input', () => {
  const bad: [string, string][] = [
    ['not JSON', 'Hello'],
    ['broken JSON', '{"type":"TEXT_MESSAGE_CONTENT","messageId":"m1","delta":"x'],
    ['a JSON string', '"TEXT_MESSAGE_CONTENT"'],
    ['a JSON array', '[{"type":"RUN_FINISHED"}]'],
    ['no type', '{"messageId":"m1","delta":"x"}'],
    ['a numeric type', '{"type":7}'],
    ['content without a message id', '{"type":"TEXT_MESSAGE_CONTENT","delta":"x"}'],
    ['content with a numeric delta', '{"type":"TEXT_MESSAGE_CONTENT","messageId":"m1","delta":42}'],
    ['a tool call without a name', '{"type":"TOOL_CALL_START","toolCallId":"t1"}'],
    ['a run error without a message', '{"type":"RUN_ERROR","code":"x"}'],
    ['a snapshot that is not a list', '{"type":"MESSAGES_SNAPSHOT","messages":{}}'],
    ['a custom event without a name', '{"type":"CUSTOM","value":1}'],
    ['a prototype-polluting event', '{"type":"TEXT_MESSAGE_START","__proto__":{"messageId":"evil"}}'],
  ];
  for (const [name, data] of bad) {
    it(`reports ${name} as one bad frame, without throwing`, () => {
      const events = raw(data);
      expect(events.length).to.equal(1);
      expect(events[0]!.type).to.equal('bad-frame');
    });
  }

  it('ignores empty events and comments-only data, and never throws on deep nesting or huge data', () => {
    expect(raw('')).to.deep.equal([]);
    expect(raw('   ')).to.deep.equal([]);
    expect(() =>
      raw(`{"type":"CUSTOM","name":"x","value":${'['.repeat(50_000)}${']'.repeat(50_000)}}`),
    ).not.to.throw();
    const huge = JSON.stringify({
      type: 'TEXT_MESSAGE_CONTENT',
      messageId: 'm',
      delta: 'x'.repeat(2_000_000),
    });
    expect(raw(huge)).to.deep.equal([
      { type: 'bad-frame', reason: `frame too large (${huge.length} chars)` },
    ]);
  });

  it('does not trust the markup in a delta: it stays text for the renderer to sanitize', () => {
    const delta = '<img src=x onerror=alert(1)><script>alert(1)</script>';
    expect(decode({ type: 'TEXT_MESSAGE_CONTENT', messageId: 'm1', delta })).to.deep.equal([
      { type: 'reply-delta', id: 'm1', delta },
    ]);
  });
});
