import type { ServerEvent, Source } from '../protocol/types.js';
import type { Activity, Extras, Reasoning } from './types.js';
import { isWebUrl } from './web-url.js';

// What a reply carries besides its text (the standard streams): the tools the agent ran, its
// reasoning and the links it cites. Pure functions over plain lists, each bounded, so a backend
// that streams without end cannot grow a message without end.

/** At most this many tool lines, reasoning blocks and sources per reply (the newest are dropped). */
export const MAX_EXTRAS = 50;
/** A tool's detail (arguments or result) is kept up to this many characters. */
export const MAX_DETAIL_CHARS = 16 * 1024;
/** A reply's reasoning is kept up to this many characters per block. */
export const MAX_REASONING_CHARS = 64 * 1024;
const MAX_NAME_CHARS = 120;
const MAX_TITLE_CHARS = 300;

type ActivityEvent = Extract<ServerEvent, { type: 'activity' }>;
type ReasoningEvent = Extract<ServerEvent, { type: 'reasoning' }>;

/** The result of merging an event into a list: the new list, and whether the change is worth telling. */
export interface Merged<T> {
  list: readonly T[];
  /** A line was added or its state changed (a detail or reasoning delta alone is not news). */
  news: boolean;
}

/** A tool event merged by id: a new line, or an update of the one with that id. */
export function mergeActivity(list: readonly Activity[] = [], event: ActivityEvent): Merged<Activity> {
  const index = list.findIndex((a) => a.id === event.id);
  const before = index < 0 ? undefined : list[index]!;
  let detail = event.detail ?? before?.detail;
  if (event.detailDelta) detail = (event.detail ?? before?.detail ?? '') + event.detailDelta;
  if (detail !== undefined && detail.length > MAX_DETAIL_CHARS) detail = detail.slice(0, MAX_DETAIL_CHARS);
  const line: Activity = {
    id: event.id,
    name: (event.name ?? before?.name ?? '').slice(0, MAX_NAME_CHARS),
    // A line that ended stays ended: a late "running" update (a re-sent chunk) does not revive it.
    state: before && before.state !== 'running' && event.state === 'running' ? before.state : event.state,
    ...(detail === undefined ? {} : { detail }),
  };
  if (!before) {
    if (list.length >= MAX_EXTRAS) return { list, news: false };
    return { list: [...list, line], news: true };
  }
  const next = list.slice();
  next[index] = line;
  return { list: next, news: line.state !== before.state || line.name !== before.name };
}

/** A reasoning event merged by id (ids are this reply's own): a new block, or text appended to one. */
export function mergeReasoning(list: readonly Reasoning[] = [], event: ReasoningEvent): Merged<Reasoning> {
  const index = list.findIndex((r) => r.id === event.id);
  const delta = event.delta ?? '';
  if (index < 0) {
    if (list.length >= MAX_EXTRAS) return { list, news: false };
    return { list: [...list, { id: event.id, text: delta.slice(0, MAX_REASONING_CHARS) }], news: true };
  }
  const before = list[index]!;
  if (!delta || before.text.length >= MAX_REASONING_CHARS) return { list, news: false };
  const next = list.slice();
  next[index] = { id: before.id, text: (before.text + delta).slice(0, MAX_REASONING_CHARS) };
  return { list: next, news: false };
}

export { isWebUrl };

/** Sources added to a list: web links only, each URL once. */
export function mergeSources(list: readonly Source[] = [], sources: readonly Source[]): Merged<Source> {
  let next: Source[] | undefined;
  for (const source of sources) {
    if (!isWebUrl(source.url)) continue;
    const current = next ?? list;
    if (current.length >= MAX_EXTRAS || current.some((s) => s.url === source.url)) continue;
    const title = typeof source.title === 'string' ? source.title.trim().slice(0, MAX_TITLE_CHARS) : '';
    next = [...current, { url: source.url, ...(title ? { title } : {}) }];
  }
  return next ? { list: next, news: true } : { list, news: false };
}

/** Whether there is anything in `extras`. */
export const hasExtras = (extras: Extras | undefined): extras is Extras =>
  Boolean(extras?.activity?.length || extras?.reasoning?.length || extras?.sources?.length);

/** The extras of a reply that begins now: what arrived before it (`upcoming`), as its own fields. */
export function extrasFields(upcoming: Extras | undefined): Extras {
  if (!hasExtras(upcoming)) return {};
  return {
    ...(upcoming.activity?.length ? { activity: upcoming.activity } : {}),
    ...(upcoming.reasoning?.length ? { reasoning: upcoming.reasoning } : {}),
    ...(upcoming.sources?.length ? { sources: upcoming.sources } : {}),
  };
}

/**
 * Tool lines still running when their reply ends: done when it completed (the run is over), failed
 * when it did not (interrupted, stopped or failed).
 */
export function settleActivity(
  activity: readonly Activity[] | undefined,
  completed: boolean,
): readonly Activity[] | undefined {
  if (!activity?.some((a) => a.state === 'running')) return activity;
  return activity.map((a) => (a.state === 'running' ? { ...a, state: completed ? 'done' : 'failed' } : a));
}
