import { z } from '../zod.js';
import {
  BookingConfirmationSchema,
  DoctorSchema,
  SymptomAnalysisSchema,
  TemplateSchema,
  TimeSlotSchema,
  bookingConfirmationFrom,
  doctorFrom,
  symptomAnalysisFrom,
  templateFrom,
  timeSlotFrom,
} from '../cards.js';
import { describeIssues, parseAs, parseJson, type Read } from '../frame.js';
import type { Card, ClientCommand, DialectContext, HttpRequest, Role, ServerEvent } from '../types.js';

// What the three standard-stream dialects (`agui`, `ai-sdk`, `openai`) share: one HTTP POST per
// turn carrying the conversation so far as JSON, a `text/event-stream` answer whose events carry
// JSON, readable messages from in-band errors, usage figures and the card payload. Imported only
// by those dialects, so none of it is in a build that does not use them.

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One message of the conversation as a standard backend gets it. */
export interface TranscriptEntry {
  id: string;
  role: Extract<Role, 'user' | 'assistant'>;
  content: string;
}

/**
 * The conversation a turn's request carries: the user's and the assistant's messages, oldest
 * first, ending with the message being sent (added when the history does not have it; what the
 * history has after it, messages still waiting their turn, is not part of this one).
 * The widget's own system lines (notices, connection news) are never sent: to these backends a
 * `system` message is an instruction. An assistant message with no text (a failed reply) is left out.
 */
export function transcript(
  command: Extract<ClientCommand, { type: 'send' }>,
  ctx: DialectContext,
): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  for (const entry of ctx.history) {
    if (entry.role === 'user' || (entry.role === 'assistant' && entry.content !== '')) {
      entries.push({ id: entry.id, role: entry.role, content: entry.content });
    }
  }
  const at = entries.findIndex((entry) => entry.id === command.id);
  if (at >= 0) return entries.slice(0, at + 1);
  entries.push({ id: command.id, role: 'user', content: command.content });
  return entries;
}

/** A JSON POST whose answer is read as Server-Sent Events (the URL is the endpoint). */
export const jsonPost = (body: unknown): HttpRequest => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
  body: JSON.stringify(body),
});

/** The JSON an event carries: the value, `null` for an empty event, or a `bad-frame`. */
export function eventJson(data: string): Read<{ value: unknown }> {
  return data.trim() === '' ? { value: null } : parseJson(data);
}

const Head = z.looseObject({ type: z.string() });

/** An event of a stream whose JSON names its `type` (AG-UI, the AI SDK's chunks). */
export interface TypedEvent {
  readonly type: string;
  /** The whole JSON value. */
  readonly value: unknown;
  /** The event read with `schema`, or a `bad-frame` naming its type and the first issue. */
  readonly parse: <T>(schema: z.ZodMiniType<T>) => Read<T>;
}

/**
 * Reads an event whose JSON has a string `type`: the typed event, or what to return instead —
 * nothing for an empty event, `fast`'s events when its fast path knows the event, or a
 * `bad-frame` (named after `label`) for data that is not JSON or has no type.
 */
export function typedEvent(
  data: string,
  label: string,
  fast: (value: unknown) => ServerEvent[] | undefined,
): TypedEvent | ServerEvent[] {
  const json = eventJson(data);
  if (Array.isArray(json)) return json;
  if (json.value === null) return [];
  const quick = fast(json.value);
  if (quick) return quick;
  const head = Head.safeParse(json.value);
  if (!head.success) return [{ type: 'bad-frame', reason: describeIssues(label, head.error) }];
  const { type } = head.data;
  const value = json.value;
  return {
    type,
    value,
    parse: <T>(schema: z.ZodMiniType<T>): Read<T> => parseAs(schema, value, type),
  };
}

const MAX_ERROR_CHARS = 500;

/**
 * A readable message from an in-band error: a string, `{message}`, `{error}` (nested as OpenAI
 * nests it), or JSON text of either. Cut to 500 characters; `fallback` when there is no text.
 */
export function errorText(error: unknown, fallback: string, depth = 0): string {
  if (typeof error === 'string') {
    const text = error.trim();
    if (depth < 3 && (text.startsWith('{') || text.startsWith('"'))) {
      try {
        return errorText(JSON.parse(text) as unknown, fallback, depth + 1);
      } catch {
        // Plain text that starts like JSON.
      }
    }
    return text.slice(0, MAX_ERROR_CHARS) || fallback;
  }
  if (isRecord(error) && depth < 3) {
    for (const key of ['message', 'error', 'errorText', 'detail']) {
      if (error[key] !== undefined && error[key] !== null) return errorText(error[key], fallback, depth + 1);
    }
  }
  return fallback;
}

/** An error code as text, when the wire gives one (a string or a number). */
export const codeOf = (value: unknown): { code?: string } =>
  (typeof value === 'string' && value !== '') || typeof value === 'number'
    ? { code: String(value).slice(0, 80) }
    : {};

const count = z.optional(z.nullable(z.number()));

/**
 * Token usage in either spelling (`prompt_tokens`, OpenAI; `inputTokens`, AG-UI and the AI SDK),
 * as the reply's `meta.usage`: `{inputTokens, outputTokens, totalTokens}` (those the wire gave).
 */
const UsageSchema = z.looseObject({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count,
  inputTokens: count,
  outputTokens: count,
  totalTokens: count,
});

export function usageOf(raw: unknown): Record<string, number> | undefined {
  const parsed = UsageSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const u = parsed.data;
  const usage: Record<string, number> = {};
  const put = (key: string, value: number | null | undefined) => {
    if (typeof value === 'number' && Number.isFinite(value)) usage[key] = value;
  };
  put('inputTokens', u.prompt_tokens ?? u.inputTokens);
  put('outputTokens', u.completion_tokens ?? u.outputTokens);
  put('totalTokens', u.total_tokens ?? u.totalTokens);
  return Object.keys(usage).length ? usage : undefined;
}

/** The text of a value for an activity line's detail: a string as is, anything else as JSON. */
export function detailText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

// ---- the card payload ---------------------------------------------------------------------

/** The name of the AG-UI `CUSTOM` event (and, as `data-ai-chat-card`, the AI SDK data part) that carries a card. */
export const CARD_EVENT = 'ai-chat.card';

const CardHead = z.looseObject({
  kind: z.enum(['symptom-analysis', 'doctors', 'time-slots', 'booking-confirmation', 'template']),
  messageId: z.optional(z.nullable(z.string())),
});
const DoctorsCard = z.looseObject({ doctors: z.array(DoctorSchema) });
const TimeSlotsCard = z
  .looseObject({
    time_slots: z.optional(z.array(TimeSlotSchema)),
    slots: z.optional(z.array(TimeSlotSchema)),
  })
  .check(
    z.refine((card) => Boolean(card.time_slots ?? card.slots), { message: 'missing', path: ['time_slots'] }),
  );

/**
 * A card payload, `{kind, messageId?, …fields}`, the fields as the seed backends send them
 * (snake_case, checked by the schemas of `protocol/cards.ts`):
 * - `symptom-analysis`: `urgency_level`, `recommended_specialties`
 * - `doctors`: `doctors: [{id, name, specialty?, rating?, next_available?}]`
 * - `time-slots`: `time_slots` (or `slots`): `[{id, start, end?, doctor_id?, available?}]`
 * - `booking-confirmation`: `appointment_id`, `status`, `doctor?`, `start?`
 * - `template`: `template_id`, `type`, `name`, `description?`
 * `messageId` attaches it to that reply. Returns the `card` event, or a `bad-frame` naming the problem.
 */
export function cardEvent(value: unknown, what: string): ServerEvent[] {
  const head = CardHead.safeParse(value);
  if (!head.success) return [{ type: 'bad-frame', reason: describeIssues(what, head.error) }];
  const parsed = parseCard(head.data.kind, value);
  if (!parsed.success) return [{ type: 'bad-frame', reason: describeIssues(what, parsed.error) }];
  const id = head.data.messageId;
  return [{ type: 'card', card: parsed.card, ...(id ? { id } : {}) }];
}

type CardResult = { success: true; card: Card } | { success: false; error: z.core.$ZodError };

function parseCard(kind: z.infer<typeof CardHead>['kind'], value: unknown): CardResult {
  const as = <T>(schema: z.ZodMiniType<T>, make: (raw: T) => Card): CardResult => {
    const result = schema.safeParse(value);
    return result.success
      ? { success: true, card: make(result.data) }
      : { success: false, error: result.error };
  };
  switch (kind) {
    case 'symptom-analysis':
      return as(SymptomAnalysisSchema, symptomAnalysisFrom);
    case 'doctors':
      return as(DoctorsCard, (raw) => ({ kind: 'doctors', doctors: raw.doctors.map(doctorFrom) }));
    case 'time-slots':
      return as(TimeSlotsCard, (raw) => ({
        kind: 'time-slots',
        slots: (raw.time_slots ?? raw.slots ?? []).map(timeSlotFrom),
      }));
    case 'booking-confirmation':
      return as(BookingConfirmationSchema, bookingConfirmationFrom);
    case 'template':
      return as(TemplateSchema, templateFrom);
  }
}
