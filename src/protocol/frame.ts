import type { ServerEvent } from './types.js';
import type { z } from './zod.js';

/** The largest frame a dialect will parse; anything longer is dropped as a bad frame. */
export const MAX_FRAME_CHARS = 1_000_000;

export const badFrame = (reason: string): ServerEvent[] => [{ type: 'bad-frame', reason }];

/**
 * What reading a frame gives, everywhere in the protocol layer: the value read, or the events to
 * return instead of it (a `bad-frame` saying why). A value read is never an array: JSON is boxed
 * (`{ value }`), and no schema read with `parseAs` describes an array.
 */
export type Read<T> = T | ServerEvent[];

/** Parses a raw socket payload (or an event's data) as JSON without ever throwing. */
export function parseJson(frame: unknown): Read<{ value: unknown }> {
  if (typeof frame !== 'string') return badFrame('binary frame');
  if (frame.length > MAX_FRAME_CHARS) return badFrame(`frame too large (${frame.length} chars)`);
  try {
    return { value: JSON.parse(frame) as unknown };
  } catch {
    return badFrame('invalid JSON');
  }
}

/** A short, human-readable summary of why a frame failed its schema. */
export function describeIssues(type: string, error: z.core.$ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'frame';
  return `'${type}' frame: ${where}: ${issue?.message ?? 'invalid'}`;
}

/** Parses `value` with `schema`: the data, or a `bad-frame` naming the frame type and the first issue. */
export function parseAs<T>(schema: z.ZodMiniType<T>, value: unknown, type: string): Read<T> {
  const result = schema.safeParse(value);
  return result.success ? result.data : badFrame(describeIssues(type, result.error));
}

/** Close codes that mean "token refused" in most backends (protocols.md §1–§4). */
export const REFUSED_TOKEN_CODES: readonly number[] = [4001, 4401, 1008, 4003, 4403];

/** Ids arrive as strings or numbers; the widget keeps them as strings. */
export const idString = (value: string | number): string => String(value);
