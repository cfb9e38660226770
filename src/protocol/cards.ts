import { z } from './zod.js';
import { idString } from './frame.js';
import type { Card, Doctor, TimeSlot } from './types.js';

// Schemas for the structured results backends attach to replies. Shared by the dialects
// that carry the same shapes; every field is text or a number, never markup.

const id = z.union([z.string(), z.number()]);
const text = z.optional(z.nullable(z.string()));

export const DoctorSchema = z.looseObject({
  id,
  name: z.string(),
  specialty: text,
  rating: z.optional(z.nullable(z.number())),
  next_available: text,
});

export const SymptomAnalysisSchema = z.looseObject({
  recommended_specialties: z.optional(z.array(z.string())),
  urgency_level: z.string(),
});

export function doctorFrom(raw: z.infer<typeof DoctorSchema>): Doctor {
  return {
    id: idString(raw.id),
    name: raw.name,
    ...(raw.specialty ? { specialty: raw.specialty } : {}),
    ...(typeof raw.rating === 'number' ? { rating: raw.rating } : {}),
    ...(raw.next_available ? { nextAvailable: raw.next_available } : {}),
  };
}

export function symptomAnalysisFrom(raw: z.infer<typeof SymptomAnalysisSchema>): Card {
  return {
    kind: 'symptom-analysis',
    urgency: raw.urgency_level,
    specialties: raw.recommended_specialties ?? [],
  };
}

/** A slot needs a start; `start_time`/`end_time` are accepted for `start`/`end`. */
export const TimeSlotSchema = z
  .looseObject({
    id,
    start: text,
    start_time: text,
    end: text,
    end_time: text,
    doctor_id: z.optional(z.nullable(id)),
    available: z.optional(z.nullable(z.boolean())),
  })
  .check(z.refine((slot) => Boolean(slot.start ?? slot.start_time), { message: 'missing', path: ['start'] }));

export function timeSlotFrom(raw: z.infer<typeof TimeSlotSchema>): TimeSlot {
  const end = raw.end ?? raw.end_time;
  return {
    id: idString(raw.id),
    start: raw.start ?? raw.start_time ?? '',
    ...(end ? { end } : {}),
    ...(raw.doctor_id != null ? { doctorId: idString(raw.doctor_id) } : {}),
    ...(typeof raw.available === 'boolean' ? { available: raw.available } : {}),
  };
}

export const BookingConfirmationSchema = z.looseObject({
  appointment_id: id,
  status: text,
  /** A name, or a doctor object with a name. */
  doctor: z.optional(z.nullable(z.union([z.string(), z.looseObject({ name: text })]))),
  start: text,
  start_time: text,
});

export function bookingConfirmationFrom(raw: z.infer<typeof BookingConfirmationSchema>): Card {
  const doctor = typeof raw.doctor === 'string' ? raw.doctor : raw.doctor?.name;
  const start = raw.start ?? raw.start_time;
  return {
    kind: 'booking-confirmation',
    appointmentId: idString(raw.appointment_id),
    status: raw.status || 'confirmed',
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
    description: text,
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
    ...(raw.description ? { description: raw.description } : {}),
  };
}
