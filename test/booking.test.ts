import { expect } from '@open-wc/testing';
import { booking } from '../src/protocol/dialects/booking.js';
import { loadDialect } from '../src/protocol/index.js';
import type { ClientCommand, DialectContext, ServerEvent } from '../src/protocol/types.js';

const ctx: DialectContext = { sessionId: 'sess-1', feature: 'booking_assistant', history: [] };
const decode = (frame: unknown): ServerEvent[] =>
  booking.decode(typeof frame === 'string' ? frame : JSON.stringify(frame), ctx);
const TIME = '2026-11-21T10:00:00.000Z';

describe('booking dialect: settings', () => {
  it('is registered, authenticates in the query and is usable at open', async () => {
    expect(await loadDialect('booking')).to.equal(booking);
    expect(booking.name).to.equal('booking');
    expect(booking.channel).to.equal('socket');
    expect(booking.auth[0]).to.equal('query');
    expect(booking.handshake).to.equal(undefined);
    expect(booking.replies).to.equal('turn');
    expect(booking.closeCodes?.unauthorized).to.have.members([4001, 4401, 1008, 4003, 4403]);
    expect(booking.closeCodes?.final).to.deep.equal([4404]);
    expect(booking.replyStream).to.equal(undefined);
  });
});

describe('booking dialect: decode', () => {
  it('turns message frames into deltas of the open reply, ignoring metadata', () => {
    expect(
      decode({ type: 'message', content: 'partial ', is_complete: false, metadata: { step: 1 } }),
    ).to.deep.equal([{ type: 'reply-delta', delta: 'partial ' }]);
    expect(decode({ type: 'message', content: 'more' })).to.deep.equal([
      { type: 'reply-delta', delta: 'more' },
    ]);
    expect(decode({ type: 'message', content: 'x', is_complete: null })).to.deep.equal([
      { type: 'reply-delta', delta: 'x' },
    ]);
  });

  it('ends the reply with is_complete: true, leaving last-delta-or-whole to the conversation', () => {
    expect(
      decode({
        type: 'message',
        content: 'partial or complete message content',
        is_complete: true,
        metadata: {},
      }),
    ).to.deep.equal([{ type: 'reply-end', last: 'partial or complete message content' }]);
    expect(decode({ type: 'message', content: '', is_complete: true })).to.deep.equal([
      { type: 'reply-end', last: '' },
    ]);
  });

  it('turns doctors into a doctors card, ids made strings', () => {
    expect(
      decode({
        type: 'doctors',
        doctors: [
          {
            id: 7,
            name: 'Dr. Rossi',
            specialty: 'Cardiology',
            rating: 4.8,
            photo_url: 'https://x.example/r.jpg',
            next_available: 'Mon 10:30',
          },
          { id: 'd2', name: 'Dr. Bianchi', specialty: null },
        ],
      }),
    ).to.deep.equal([
      {
        type: 'card',
        card: {
          kind: 'doctors',
          doctors: [
            { id: '7', name: 'Dr. Rossi', specialty: 'Cardiology', rating: 4.8, nextAvailable: 'Mon 10:30' },
            { id: 'd2', name: 'Dr. Bianchi' },
          ],
        },
      },
    ]);
    expect(decode({ type: 'doctors', doctors: [] })).to.deep.equal([
      { type: 'card', card: { kind: 'doctors', doctors: [] } },
    ]);
  });

  it('turns time_slots into a time-slots card', () => {
    expect(
      decode({
        type: 'time_slots',
        time_slots: [
          {
            id: 's1',
            start: '2026-11-23T10:30:00Z',
            end: '2026-11-23T11:00:00Z',
            doctor_id: 7,
            available: true,
          },
          { id: 2, start: '2026-11-23T11:00:00Z', available: false },
          { id: 's3', start_time: '2026-11-23T12:00:00Z', end_time: '2026-11-23T12:30:00Z', doctor_id: null },
        ],
      }),
    ).to.deep.equal([
      {
        type: 'card',
        card: {
          kind: 'time-slots',
          slots: [
            {
              id: 's1',
              start: '2026-11-23T10:30:00Z',
              end: '2026-11-23T11:00:00Z',
              doctorId: '7',
              available: true,
            },
            { id: '2', start: '2026-11-23T11:00:00Z', available: false },
            { id: 's3', start: '2026-11-23T12:00:00Z', end: '2026-11-23T12:30:00Z' },
          ],
        },
      },
    ]);
  });

  it('turns booking_confirmation into a confirmation card (the seed form)', () => {
    expect(
      decode({ type: 'booking_confirmation', confirmation: { appointment_id: '...', status: 'confirmed' } }),
    ).to.deep.equal([
      { type: 'card', card: { kind: 'booking-confirmation', appointmentId: '...', status: 'confirmed' } },
    ]);
  });

  it('accepts the doctor as a string or an object with a name, and numeric appointment ids', () => {
    const card = (confirmation: unknown) => decode({ type: 'booking_confirmation', confirmation });
    expect(
      card({ appointment_id: 42, status: 'confirmed', doctor: 'Dr. Rossi', start: '2026-11-23T10:30:00Z' }),
    ).to.deep.equal([
      {
        type: 'card',
        card: {
          kind: 'booking-confirmation',
          appointmentId: '42',
          status: 'confirmed',
          doctor: 'Dr. Rossi',
          start: '2026-11-23T10:30:00Z',
        },
      },
    ]);
    expect(
      card({ appointment_id: 'a1', status: 'pending', doctor: { id: 7, name: 'Dr. Rossi' } }),
    ).to.deep.equal([
      {
        type: 'card',
        card: { kind: 'booking-confirmation', appointmentId: 'a1', status: 'pending', doctor: 'Dr. Rossi' },
      },
    ]);
    expect(card({ appointment_id: 'a2', status: 'confirmed', doctor: { id: 7 }, start: null })).to.deep.equal(
      [{ type: 'card', card: { kind: 'booking-confirmation', appointmentId: 'a2', status: 'confirmed' } }],
    );
  });

  it('accepts a flat confirmation and one without a status (it is a confirmation)', () => {
    expect(decode({ type: 'booking_confirmation', appointment_id: 'a3', status: 'confirmed' })).to.deep.equal(
      [{ type: 'card', card: { kind: 'booking-confirmation', appointmentId: 'a3', status: 'confirmed' } }],
    );
    expect(decode({ type: 'booking_confirmation', confirmation: { appointment_id: 'a4' } })).to.deep.equal([
      { type: 'card', card: { kind: 'booking-confirmation', appointmentId: 'a4', status: 'confirmed' } },
    ]);
  });

  it('decodes error, typing, heartbeat and pong', () => {
    expect(decode({ type: 'error', error: 'Error message' })).to.deep.equal([
      { type: 'error', message: 'Error message' },
    ]);
    expect(decode({ type: 'error', message: 'Slot taken', code: 'SLOT_TAKEN' })).to.deep.equal([
      { type: 'error', message: 'Slot taken', code: 'SLOT_TAKEN' },
    ]);
    const [fallback] = decode({ type: 'error' });
    expect(fallback!.type).to.equal('error');
    expect((fallback as { message: string }).message).to.be.a('string').and.not.empty;
    expect(decode({ type: 'typing', is_typing: true })).to.deep.equal([{ type: 'typing', typing: true }]);
    expect(decode({ type: 'typing', is_typing: false })).to.deep.equal([{ type: 'typing', typing: false }]);
    expect(decode({ type: 'heartbeat' })).to.deep.equal([{ type: 'alive' }]);
    expect(decode({ type: 'pong' })).to.deep.equal([{ type: 'alive' }]);
  });

  const malformed: [string, unknown][] = [
    ['invalid JSON', '{"type": "message", '],
    ['an empty frame', ''],
    ['a JSON array', '[1,2,3]'],
    ['a JSON string', '"hello"'],
    ['a JSON number', '42'],
    ['null', 'null'],
    ['no type', JSON.stringify({ content: 'x', is_complete: false })],
    ['a numeric type', JSON.stringify({ type: 5, content: 'x' })],
    ['an unknown type', JSON.stringify({ type: 'explode' })],
    ['an enveloped message', JSON.stringify({ type: 'message', data: { content: 'x' } })],
    ['message without content', JSON.stringify({ type: 'message', is_complete: false })],
    ['message with numeric content', JSON.stringify({ type: 'message', content: 42 })],
    [
      'message with a string is_complete',
      JSON.stringify({ type: 'message', content: 'x', is_complete: 'yes' }),
    ],
    ['doctors without a list', JSON.stringify({ type: 'doctors' })],
    ['doctors as an object', JSON.stringify({ type: 'doctors', doctors: { id: 1, name: 'x' } })],
    ['a doctor without a name', JSON.stringify({ type: 'doctors', doctors: [{ id: 1 }] })],
    ['time_slots without a list', JSON.stringify({ type: 'time_slots', slots: [] })],
    ['a slot without a start', JSON.stringify({ type: 'time_slots', time_slots: [{ id: 's1' }] })],
    ['a slot without an id', JSON.stringify({ type: 'time_slots', time_slots: [{ start: 'x' }] })],
    [
      'a confirmation without an appointment id',
      JSON.stringify({ type: 'booking_confirmation', confirmation: { status: 'ok' } }),
    ],
    ['a confirmation as a string', JSON.stringify({ type: 'booking_confirmation', confirmation: 'ok' })],
    ['error with a numeric error', JSON.stringify({ type: 'error', error: 500 })],
    ['typing without a flag', JSON.stringify({ type: 'typing' })],
    ['typing with a string flag', JSON.stringify({ type: 'typing', is_typing: 'yes' })],
    ['a huge frame', JSON.stringify({ type: 'message', content: 'x'.repeat(1_100_000) })],
    ['deep nesting', `{"type":"message","content":${'['.repeat(50_000)}${']'.repeat(50_000)}}`],
  ];
  for (const [name, frame] of malformed) {
    it(`drops ${name} as one bad frame without throwing`, () => {
      const events = booking.decode(frame, ctx);
      expect(events).to.have.length(1);
      expect(events[0]!.type).to.equal('bad-frame');
      expect((events[0] as { reason: string }).reason).to.be.a('string').and.not.empty;
    });
  }

  // Defect 10 of issue 9: `"rating": "4.8"` used to drop the whole doctors card.
  it('keeps a card whose optional field has the wrong type, with its valid fields', () => {
    const doctors = booking.decode(
      JSON.stringify({
        type: 'doctors',
        doctors: [
          { id: 1, name: 'Dr. Rossi', rating: '4.8', specialty: 42, next_available: 'Mon 10:30' },
          { id: 2, name: 'Dr. Chen', rating: 'A', specialty: 'GP' },
        ],
      }),
      ctx,
    );
    expect(doctors).to.deep.equal([
      {
        type: 'card',
        card: {
          kind: 'doctors',
          doctors: [
            { id: '1', name: 'Dr. Rossi', rating: 4.8, nextAvailable: 'Mon 10:30' },
            { id: '2', name: 'Dr. Chen', specialty: 'GP' },
          ],
        },
      },
    ]);
    const slots = booking.decode(
      JSON.stringify({ type: 'time_slots', time_slots: [{ id: 's', start: 'x', available: 'no', end: 5 }] }),
      ctx,
    );
    expect(slots).to.deep.equal([
      { type: 'card', card: { kind: 'time-slots', slots: [{ id: 's', start: 'x' }] } },
    ]);
    const confirmation = booking.decode(
      JSON.stringify({
        type: 'booking_confirmation',
        confirmation: { appointment_id: 'a', doctor: 3, status: [] },
      }),
      ctx,
    );
    expect(confirmation).to.deep.equal([
      { type: 'card', card: { kind: 'booking-confirmation', appointmentId: 'a', status: 'confirmed' } },
    ]);
  });

  it('drops binary frames and non-string values', () => {
    for (const frame of [
      new ArrayBuffer(8),
      new Blob(['{}']),
      new Uint8Array([123, 125]),
      undefined,
      42,
      {},
    ]) {
      const events = booking.decode(frame, ctx);
      expect(events).to.have.length(1);
      expect(events[0]!.type).to.equal('bad-frame');
    }
  });
});

describe('booking dialect: encode', () => {
  it('encodes a user message flat, with the session and empty metadata, in the documented key order', () => {
    const frame = booking.encode(
      { type: 'send', id: 'id-1', content: 'I need a cardiologist', time: TIME },
      ctx,
    )!;
    expect(JSON.parse(frame)).to.deep.equal({
      type: 'message',
      content: 'I need a cardiologist',
      message_id: 'id-1',
      session_id: 'sess-1',
      timestamp: TIME,
      metadata: {},
    });
    expect(Object.keys(JSON.parse(frame))).to.deep.equal([
      'type',
      'content',
      'message_id',
      'session_id',
      'timestamp',
      'metadata',
    ]);
  });

  it('carries the metadata of a card choice', () => {
    const frame = booking.encode(
      {
        type: 'send',
        id: 'id-2',
        content: 'Book 10:30 with Dr. Rossi',
        time: TIME,
        metadata: { action: 'select_time_slot', time_slot_id: 's1' },
      },
      ctx,
    )!;
    expect(JSON.parse(frame)).to.deep.equal({
      type: 'message',
      content: 'Book 10:30 with Dr. Rossi',
      message_id: 'id-2',
      session_id: 'sess-1',
      timestamp: TIME,
      metadata: { action: 'select_time_slot', time_slot_id: 's1' },
    });
  });

  it('has no heartbeat, typing, auth, join or reply-complete frame', () => {
    const none: ClientCommand[] = [
      { type: 'heartbeat', id: 'h1', time: TIME },
      { type: 'typing', typing: true },
      { type: 'auth', id: 'a1', token: 'T', time: TIME },
      { type: 'join' },
      { type: 'reply-complete', id: 'r1', content: 'x' },
    ];
    for (const command of none) expect(booking.encode(command, ctx), command.type).to.equal(undefined);
  });
});
