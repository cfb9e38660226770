import { z } from './zod.js';
import { idString } from './frame.js';
import type { Card, Doctor, TimeSlot } from './types.js';

// Schemas for the structured results backends attach to replies. Shared by the dialects
// that carry the same shapes; every field is text or a number, never markup.
//
// Field-tolerant: what a card cannot do without (a doctor's id and name, a slot's id and start,
// an appointment id, a template's type and name) must be right, or the card is a bad frame; an
// optional field of the wrong type is dropped (a number sent as text, `"4.8"`, is read as one),
// and the card keeps everything else.

const id = z.union([z.string(), z.number()]);
const text = z.optional(z.nullable(z.string()));
/** An optional field, checked when it is read (`textOf`, `numberOf`, …), never fatal. */
const loose = z.optional(z.unknown());

/** Text, or nothing (a wrong type is dropped). */
const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** A finite number, a numeric string read as one, or nothing. */
function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

const idOf = (value: unknown): string | undefined =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
    ? String(value)
    : undefined;

export const DoctorSchema = z.looseObject({
  id,
  name: z.string(),
  specialty: loose,
  rating: loose,
  next_available: loose,
});

export const SymptomAnalysisSchema = z.looseObject({
  recommended_specialties: loose,
  urgency_level: z.string(),
});

export function doctorFrom(raw: z.infer<typeof DoctorSchema>): Doctor {
  const specialty = textOf(raw.specialty);
  const rating = numberOf(raw.rating);
  const nextAvailable = textOf(raw.next_available);
  return {
    id: idString(raw.id),
    name: raw.name,
    ...(specialty ? { specialty } : {}),
    ...(rating !== undefined ? { rating } : {}),
    ...(nextAvailable ? { nextAvailable } : {}),
  };
}

export function symptomAnalysisFrom(raw: z.infer<typeof SymptomAnalysisSchema>): Card {
  return {
    kind: 'symptom-analysis',
    urgency: raw.urgency_level,
    // The entries that are text (a list of something else is no list of specialties).
    specialties: Array.isArray(raw.recommended_specialties)
      ? raw.recommended_specialties.filter((s): s is string => typeof s === 'string')
      : [],
  };
}

/** A slot needs a start; `start_time`/`end_time` are accepted for `start`/`end`. */
export const TimeSlotSchema = z
  .looseObject({
    id,
    start: text,
    start_time: text,
    end: loose,
    end_time: loose,
    doctor_id: loose,
    available: loose,
  })
  .check(z.refine((slot) => Boolean(slot.start ?? slot.start_time), { message: 'missing', path: ['start'] }));

export function timeSlotFrom(raw: z.infer<typeof TimeSlotSchema>): TimeSlot {
  const end = textOf(raw.end) ?? textOf(raw.end_time);
  const doctorId = idOf(raw.doctor_id);
  return {
    id: idString(raw.id),
    start: raw.start ?? raw.start_time ?? '',
    ...(end ? { end } : {}),
    ...(doctorId !== undefined ? { doctorId } : {}),
    ...(typeof raw.available === 'boolean' ? { available: raw.available } : {}),
  };
}

export const BookingConfirmationSchema = z.looseObject({
  appointment_id: id,
  status: loose,
  /** A name, or a doctor object with a name. */
  doctor: loose,
  start: loose,
  start_time: loose,
});

export function bookingConfirmationFrom(raw: z.infer<typeof BookingConfirmationSchema>): Card {
  const named = raw.doctor as { name?: unknown } | null | undefined;
  const doctor = textOf(raw.doctor) ?? (typeof named === 'object' ? textOf(named?.name) : undefined);
  const start = textOf(raw.start) ?? textOf(raw.start_time);
  return {
    kind: 'booking-confirmation',
    appointmentId: idString(raw.appointment_id),
    status: textOf(raw.status) ?? 'confirmed',
    ...(doctor ? { doctor } : {}),
    ...(start ? { start } : {}),
  };
}

/** `template_id`, or `id` (the seed's own `CreatedTemplate` model reads the template id from `id`). */
export const TemplateSchema = z
  .looseObject({
    template_id: z.optional(z.nullable(id)),
    id: z.optional(z.nullable(id)),
    type: z.string(),
    name: z.string(),
    description: loose,
  })
  .check(
    z.refine((t) => t.template_id != null || t.id != null, { message: 'missing', path: ['template_id'] }),
  );

export function templateFrom(raw: z.infer<typeof TemplateSchema>): Card {
  return {
    kind: 'template',
    templateId: idString(raw.template_id ?? raw.id ?? ''),
    templateType: raw.type,
    name: raw.name,
    ...(textOf(raw.description) ? { description: textOf(raw.description)! } : {}),
  };
}
