import { z } from './zod.js';
import { idString } from './frame.js';
import type { Card, Doctor } from './types.js';

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
