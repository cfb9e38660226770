import type { Card } from '../protocol/types.js';
import type { ChatMessage, Transcript } from './types.js';
import { emptyTranscript } from './transcript.js';
import { MAX_DETAIL_CHARS, MAX_EXTRAS, MAX_REASONING_CHARS, isWebUrl } from './extras.js';
import { PersistMode } from './persist-mode.js';

// Keeping the conversation across reloads, only when the page asks for it (`persist`).
// Plain functions over a Storage-like object; every failure (quota, privacy mode, a
// corrupted entry) is swallowed: losing the saved copy must never break the chat.

export { PersistMode };

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'ai-chat:v1:';
const ROLES = new Set(['user', 'assistant', 'system']);
const STATES = new Set(['pending', 'sent', 'streaming', 'complete', 'interrupted', 'stopped', 'failed']);

/** The endpoint without its query or fragment (a token there must not end up in a key). */
const bare = (endpoint: string): string => endpoint.split(/[?#]/, 1)[0]!;

/** Where the conversation of one endpoint + feature + session is kept. */
export const conversationKey = (endpoint: string, feature: string, sessionId: string): string =>
  `${PREFIX}conversation:${bare(endpoint)}|${feature}|${sessionId}`;

/** Where the widget keeps the session id it made, so a reload finds the same conversation. */
export const sessionKey = (endpoint: string, feature: string): string =>
  `${PREFIX}session:${bare(endpoint)}|${feature}`;

export function storageFor(mode: PersistMode): StorageLike | undefined {
  try {
    if (mode === 'session') return globalThis.sessionStorage;
    if (mode === 'local') return globalThis.localStorage;
  } catch {
    // Storage can throw on access (blocked cookies, sandboxed iframes).
  }
  return undefined;
}

const isText = (value: unknown, max = 2000): value is string =>
  typeof value === 'string' && value.length <= max;
const isOptionalText = (value: unknown): boolean => value === undefined || isText(value);
const isList = (value: unknown, each: (item: unknown) => boolean): boolean =>
  Array.isArray(value) && value.length <= 200 && value.every(each);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isDoctor(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const rating = value.rating;
  return (
    isText(value.id) &&
    isText(value.name) &&
    isOptionalText(value.specialty) &&
    isOptionalText(value.nextAvailable) &&
    (rating === undefined || (typeof rating === 'number' && Number.isFinite(rating)))
  );
}

function isTimeSlot(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return (
    isText(value.id) &&
    isText(value.start) &&
    isOptionalText(value.end) &&
    isOptionalText(value.doctorId) &&
    (value.available === undefined || typeof value.available === 'boolean')
  );
}

/** Whether a value from outside (storage, another tab) is a well-formed card. */
export function isCard(value: unknown): value is Card {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'symptom-analysis':
      return isText(value.urgency) && isList(value.specialties, (s) => isText(s));
    case 'doctors':
      return isList(value.doctors, isDoctor);
    case 'time-slots':
      return isList(value.slots, isTimeSlot);
    case 'booking-confirmation':
      return (
        isText(value.appointmentId) &&
        isText(value.status) &&
        isOptionalText(value.doctor) &&
        isOptionalText(value.start)
      );
    case 'template':
      return (
        isText(value.templateId) &&
        isText(value.templateType) &&
        isText(value.name) &&
        isOptionalText(value.description)
      );
    default:
      return false;
  }
}

const ACTIVITY_STATES = new Set(['running', 'done', 'failed']);
const isExtras = (value: unknown, each: (item: Record<string, unknown>) => boolean): boolean =>
  value === undefined ||
  (Array.isArray(value) && value.length <= MAX_EXTRAS && value.every((item) => isRecord(item) && each(item)));
const isActivity = (a: Record<string, unknown>) =>
  isText(a.id, 200) &&
  isText(a.name, 200) &&
  ACTIVITY_STATES.has(a.state as string) &&
  (a.detail === undefined || isText(a.detail, MAX_DETAIL_CHARS));
const isReasoning = (r: Record<string, unknown>) => isText(r.id, 200) && isText(r.text, MAX_REASONING_CHARS);
/** A source from outside is shown only as a web link, like one from the backend. */
const isSource = (s: Record<string, unknown>) => isWebUrl(s.url) && isOptionalText(s.title);

/** The longest message content accepted from outside (a reply is cut at 512 K characters). */
const MAX_CONTENT = 512 * 1024;

/** Whether a value from outside (storage, another tab) is a well-formed message. */
export const isChatMessage = (value: unknown): value is ChatMessage => {
  if (!isRecord(value)) return false;
  const m = value;
  return (
    isText(m.id, 200) &&
    m.id !== '' &&
    isText(m.content, MAX_CONTENT) &&
    isText(m.time, 64) &&
    ROLES.has(m.role as string) &&
    STATES.has(m.state as string) &&
    (m.card === undefined || isCard(m.card)) &&
    (m.meta === undefined || isRecord(m.meta)) &&
    isExtras(m.activity, isActivity) &&
    isExtras(m.reasoning, isReasoning) &&
    isExtras(m.sources, isSource)
  );
};

export function readItem(storage: StorageLike, key: string): string | undefined {
  try {
    return storage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function writeItem(storage: StorageLike, key: string, value: string | undefined): void {
  try {
    if (value === undefined) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // Quota exceeded or storage blocked: the conversation goes on unsaved.
  }
}

/** The saved messages (invalid entries dropped), or none. */
export function loadMessages(storage: StorageLike, key: string): ChatMessage[] {
  const raw = readItem(storage, key);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isChatMessage) : [];
  } catch {
    return [];
  }
}

export function saveMessages(storage: StorageLike, key: string, messages: readonly ChatMessage[]): void {
  writeItem(storage, key, messages.length ? JSON.stringify(messages) : undefined);
}

/** A conversation from saved messages: a reply that was streaming when the page went away is interrupted. */
export function restoreTranscript(messages: readonly ChatMessage[]): Transcript {
  return {
    ...emptyTranscript,
    messages: messages.map((m) => (m.state === 'streaming' ? { ...m, state: 'interrupted' } : m)),
  };
}
