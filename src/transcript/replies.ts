import type { ServerEvent } from '../protocol/types.js';
import {
  extrasFields,
  hasExtras,
  mergeActivity,
  mergeReasoning,
  mergeSources,
  settleActivity,
} from './extras.js';
import { indexOf, updateMessage, withMessage } from './messages.js';
import type { ChatMessage, Transcript, Extras, MessageState, Effect, StepContext } from './types.js';

// An assistant reply from its start to its end: the streamed text, the end (with the whole text,
// a card or figures), the size bound, and what comes with it (tools, reasoning, sources), which
// may arrive before the reply itself begins. Pure functions, like the rest of conversation/.

/** The longest reply kept, in characters; beyond it the reply is cut and marked failed. */
export const MAX_REPLY_CHARS = 512 * 1024;

/** States of a reply that nothing more is added to. */
const ENDED = new Set(['complete', 'failed', 'stopped']);

/** A reply leaving `streaming`: its new state, and its tools still running settled. */
export function ended(message: ChatMessage, state: MessageState): Partial<ChatMessage> {
  const activity = settleActivity(message.activity, state === 'complete');
  return activity === message.activity ? { state } : { state, activity };
}

/**
 * A new assistant reply, taking what arrived for it before it began (`upcoming`): added to the
 * transcript, and the reply that is open now.
 */
export function newReply(
  conv: Transcript,
  fields: Omit<ChatMessage, 'role' | 'time'>,
  ctx: StepContext,
  effects: Effect[],
): Transcript {
  const message: ChatMessage = {
    ...extrasFields(conv.upcoming),
    ...fields,
    role: 'assistant',
    time: ctx.now,
  };
  const next = withMessage({ ...conv, upcoming: undefined }, message, ctx, effects);
  return fields.state === 'streaming' ? { ...next, openReplyId: message.id, awaiting: false } : next;
}

/**
 * The turn ended before any reply began: what arrived for one (tools that ran, reasoning) stays,
 * in a reply of its own, ended as the turn did.
 */
export function settleUpcoming(
  conv: Transcript,
  state: MessageState,
  ctx: StepContext,
  effects: Effect[],
): Transcript {
  if (!hasExtras(conv.upcoming)) return conv.upcoming ? { ...conv, upcoming: undefined } : conv;
  const fields = extrasFields(conv.upcoming);
  const activity = settleActivity(fields.activity, state === 'complete');
  const message: ChatMessage = {
    ...fields,
    ...(activity ? { activity } : {}),
    id: ctx.newId(),
    role: 'assistant',
    content: '',
    state,
    time: ctx.now,
  };
  return withMessage({ ...conv, upcoming: undefined }, message, ctx, effects);
}

export function appendDelta(
  conv: Transcript,
  id: string | undefined,
  delta: string,
  ctx: StepContext,
  effects: Effect[],
) {
  const replyId = id ?? conv.openReplyId ?? ctx.newId();
  // (Most deltas change none of these: one copy of the transcript a delta, not two.)
  const base: Transcript =
    conv.awaiting || conv.serverTyping || conv.openReplyId !== replyId
      ? { ...conv, awaiting: false, serverTyping: false, openReplyId: replyId }
      : conv;
  const index = indexOf(conv.messages, replyId);
  if (index < 0) return newReply(base, { id: replyId, content: delta, state: 'streaming' }, ctx, effects);
  const message = conv.messages[index]!;
  // A finished reply does not grow again (a re-delivered chunk is ignored), nor does a stopped one.
  if (ENDED.has(message.state)) return conv;
  const resumed = message.state !== 'streaming';
  return updateMessage(
    base,
    index,
    { content: message.content + delta, state: 'streaming' },
    effects,
    resumed,
  );
}

export function endReply(
  conv: Transcript,
  event: Extract<ServerEvent, { type: 'reply-end' }>,
  ctx: StepContext,
  effects: Effect[],
) {
  const replyId = event.id ?? conv.openReplyId;
  const base: Transcript = {
    ...conv,
    awaiting: false,
    serverTyping: false,
    openReplyId: conv.openReplyId === replyId ? undefined : conv.openReplyId,
  };
  const index = replyId === undefined ? -1 : indexOf(conv.messages, replyId);
  const card = event.card ? { card: event.card } : {};
  const meta = event.meta && Object.keys(event.meta).length ? event.meta : undefined;
  if (index < 0) {
    const content = event.content ?? event.last ?? '';
    if (!content && !event.card && !hasExtras(conv.upcoming)) return base;
    const fields = { id: replyId ?? ctx.newId(), content, state: 'complete', ...card } as const;
    return newReply(base, meta ? { ...fields, meta } : fields, ctx, effects);
  }
  const message = conv.messages[index]!;
  const merged = meta ? { meta: { ...message.meta, ...meta } } : {};
  // A reply cut at the size bound (or failed, or stopped) stays so: a late end frame changes nothing
  // but its figures. A reply that ended already takes only what is new (a second end with usage).
  if (message.state !== 'streaming' && message.state !== 'interrupted') {
    const again = message.state === 'complete' && (event.card !== undefined || event.content !== undefined);
    if (!meta && !again) return base;
    const changes = again
      ? { ...merged, ...card, ...(event.content !== undefined ? { content: event.content } : {}) }
      : merged;
    return updateMessage(base, index, changes, effects);
  }
  const streamed = message.content;
  let content = streamed;
  if (event.content !== undefined) content = event.content;
  else if (event.last !== undefined)
    content = event.last.startsWith(streamed) ? event.last : streamed + event.last;
  return updateMessage(base, index, { content, ...ended(message, 'complete'), ...card, ...merged }, effects);
}

/**
 * A reply begins (its id known before its first text): it is the reply open now. It shows once
 * something of it arrives, unless tools or reasoning arrived for it already.
 */
export function startReply(conv: Transcript, id: string, ctx: StepContext, effects: Effect[]): Transcript {
  const index = indexOf(conv.messages, id);
  if (index >= 0) {
    const state = conv.messages[index]!.state;
    return state === 'streaming' ? { ...conv, openReplyId: id } : conv;
  }
  if (hasExtras(conv.upcoming)) return newReply(conv, { id, content: '', state: 'streaming' }, ctx, effects);
  return { ...conv, openReplyId: id };
}

/**
 * Tools, reasoning or sources for a reply: merged into the reply they name (else the one open now);
 * a reply named that does not exist yet begins with them; with no reply at all they wait for the
 * next one (`upcoming`). A tool update goes to the reply that has that tool. A stopped reply takes
 * nothing more.
 */
export function addExtras(
  conv: Transcript,
  event: Extract<ServerEvent, { type: 'activity' | 'reasoning' | 'sources' }>,
  ctx: StepContext,
  effects: Effect[],
): Transcript {
  const named = event.type === 'sources' ? event.id : event.replyId;
  let index = -1;
  if (event.type === 'activity') {
    for (let i = conv.messages.length - 1; i >= 0 && index < 0; i--)
      if (conv.messages[i]!.activity?.some((a) => a.id === event.id)) index = i;
    if (index < 0 && conv.upcoming?.activity?.some((a) => a.id === event.id))
      return { ...conv, upcoming: merge(conv.upcoming, event).extras };
  }
  const target = named ?? conv.openReplyId;
  if (index < 0 && target !== undefined) index = indexOf(conv.messages, target);
  if (index < 0) {
    if (target === undefined) return { ...conv, upcoming: merge(conv.upcoming ?? {}, event).extras };
    const { extras } = merge(conv.upcoming ?? {}, event);
    return newReply(
      { ...conv, upcoming: extras },
      { id: target, content: '', state: 'streaming' },
      ctx,
      effects,
    );
  }
  const message = conv.messages[index]!;
  if (message.role !== 'assistant' || message.state === 'stopped') return conv;
  const { extras, news } = merge(message, event);
  return updateMessage(conv, index, extras, effects, news);
}

/** An extras event merged into a message's (or the upcoming) lists. */
function merge(
  into: Extras,
  event: Extract<ServerEvent, { type: 'activity' | 'reasoning' | 'sources' }>,
): { extras: Extras; news: boolean } {
  if (event.type === 'activity') {
    const { list, news } = mergeActivity(into.activity, event);
    return { extras: { ...into, activity: list }, news };
  }
  if (event.type === 'reasoning') {
    const { list, news } = mergeReasoning(into.reasoning, event);
    return { extras: { ...into, reasoning: list }, news };
  }
  const { list, news } = mergeSources(into.sources, event.sources);
  return { extras: { ...into, sources: list }, news };
}

/** Cuts a reply that outgrew the bound: what fits stays, marked failed, and the host hears why. */
export function boundReply(conv: Transcript, id: string | undefined, ctx: StepContext, effects: Effect[]) {
  const limit = ctx.maxReplyChars ?? MAX_REPLY_CHARS;
  const index = id === undefined ? -1 : indexOf(conv.messages, id);
  if (index < 0 || conv.messages[index]!.content.length <= limit) return conv;
  const content = conv.messages[index]!.content.slice(0, limit);
  const next = updateMessage(conv, index, { content, state: 'failed' }, effects);
  effects.push({
    kind: 'error',
    code: 'reply-too-large',
    message: `The reply was cut at ${limit} characters.`,
  });
  return { ...next, openReplyId: next.openReplyId === id ? undefined : next.openReplyId };
}
