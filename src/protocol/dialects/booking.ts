import { z } from '../zod.js';
import { badFrame, describeIssues, parseJson, parseAs, REFUSED_TOKEN_CODES, type Read } from '../frame.js';
import {
  BookingConfirmationSchema,
  DoctorSchema,
  TimeSlotSchema,
  bookingConfirmationFrom,
  doctorFrom,
  timeSlotFrom,
} from '../cards.js';
import type { ClientCommand, SocketDialect, DialectContext, ServerEvent } from '../types.js';

// `booking` — protocols.md §2 (seed 001, "AI Booking Assistant"). Flat frames, no envelope:
// {type, …fields}.

const optionalText = z.optional(z.nullable(z.string()));

const Frame = z.looseObject({ type: z.string() });

const Message = z.looseObject({
  content: z.string(),
  /** Missing (or null) means not complete: a delta. */
  is_complete: z.optional(z.nullable(z.boolean())),
});
const Doctors = z.looseObject({ doctors: z.array(DoctorSchema) });
const TimeSlots = z.looseObject({ time_slots: z.array(TimeSlotSchema) });
const ErrorFrame = z.looseObject({ error: optionalText, message: optionalText, code: optionalText });
const Typing = z.looseObject({ is_typing: z.boolean() });

function decode(frame: unknown): ServerEvent[] {
  const json = parseJson(frame);
  if (Array.isArray(json)) return json;
  const head = Frame.safeParse(json.value);
  if (!head.success) return badFrame(describeIssues('booking', head.error));
  const { type } = head.data;

  const parse = <T>(schema: z.ZodMiniType<T>, value: unknown = json.value): Read<T> =>
    parseAs(schema, value, type);

  switch (type) {
    case 'message': {
      const message = parse(Message);
      if (Array.isArray(message)) return message;
      // The last frame is the last delta or the whole reply: the conversation layer decides.
      return message.is_complete
        ? [{ type: 'reply-end', last: message.content }]
        : [{ type: 'reply-delta', delta: message.content }];
    }
    case 'doctors': {
      const doctors = parse(Doctors);
      if (Array.isArray(doctors)) return doctors;
      return [{ type: 'card', card: { kind: 'doctors', doctors: doctors.doctors.map(doctorFrom) } }];
    }
    case 'time_slots': {
      const slots = parse(TimeSlots);
      if (Array.isArray(slots)) return slots;
      return [{ type: 'card', card: { kind: 'time-slots', slots: slots.time_slots.map(timeSlotFrom) } }];
    }
    case 'booking_confirmation': {
      // Liberal: a confirmation sent flat, without the `confirmation` wrapper, is accepted too.
      const raw = head.data['confirmation'] ?? head.data;
      const confirmation = parse(BookingConfirmationSchema, raw);
      if (Array.isArray(confirmation)) return confirmation;
      return [{ type: 'card', card: bookingConfirmationFrom(confirmation) }];
    }
    case 'error': {
      const error = parse(ErrorFrame);
      if (Array.isArray(error)) return error;
      const message = error.error || error.message || 'The booking assistant reported an error.';
      return [{ type: 'error', message, ...(error.code ? { code: error.code } : {}) }];
    }
    case 'typing': {
      const typing = parse(Typing);
      return Array.isArray(typing) ? typing : [{ type: 'typing', typing: typing.is_typing }];
    }
    case 'heartbeat':
    case 'pong':
      return [{ type: 'alive' }];
    default:
      return badFrame(`unknown frame type '${type.slice(0, 40)}'`);
  }
}

function encode(command: ClientCommand, ctx: DialectContext): string | undefined {
  switch (command.type) {
    case 'send':
      return JSON.stringify({
        type: 'message',
        content: command.content,
        message_id: command.id,
        session_id: ctx.sessionId,
        timestamp: command.time,
        metadata: command.metadata ?? {},
      });
    case 'heartbeat':
    case 'typing':
    case 'auth':
    case 'join':
    case 'reply-complete':
    case 'cancel':
      return undefined;
  }
}

export const booking: SocketDialect = {
  name: 'booking',
  channel: 'socket',
  auth: ['query', 'protocol'],
  replies: 'turn',
  closeCodes: { unauthorized: REFUSED_TOKEN_CODES, final: [4404] },
  decode,
  encode,
};
