import type { ServerEvent } from './types.js';
import type { z } from './zod.js';

/** The largest frame a dialect will parse; anything longer is dropped as a bad frame. */
export const MAX_FRAME_CHARS = 1_000_000;

export const badFrame = (reason: string): ServerEvent[] => [{ type: 'bad-frame', reason }];

/** Parses a raw socket payload as JSON without ever throwing. */
export function parseJson(frame: unknown): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (typeof frame !== 'string') return { ok: false, reason: 'binary frame' };
  if (frame.length > MAX_FRAME_CHARS) return { ok: false, reason: `frame too large (${frame.length} chars)` };
  try {
    return { ok: true, value: JSON.parse(frame) };
  } catch {
    return { ok: false, reason: 'invalid JSON' };
  }
}

/** A short, human-readable summary of why a frame failed its schema. */
export function describeIssues(type: string, error: z.core.$ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'frame';
  return `'${type}' frame: ${where}: ${issue?.message ?? 'invalid'}`;
}

/** Ids arrive as strings or numbers; the widget keeps them as strings. */
export const idString = (value: string | number): string => String(value);
