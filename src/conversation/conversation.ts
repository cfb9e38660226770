import type { ServerEvent, RemoteMessage } from '../protocol/types.js';
import type { ChatMessage, Conversation, Notice, Step, StepContext } from './types.js';

// The conversation as plain data and pure functions: every function takes a conversation
// and returns the next one plus the notices the host should hear about. Nothing here
// knows about sockets, wire frames or the DOM.

/** The longest reply kept, in characters; beyond it the reply is cut and marked failed. */
export const MAX_REPLY_CHARS = 512 * 1024;

export const emptyConversation: Conversation = { messages: [], awaiting: false, serverTyping: false };

const LIVE_STATES = new Set(['pending', 'streaming']);

/** States of a reply that nothing more is added to. */
const ENDED = new Set(['complete', 'failed', 'stopped']);

/** Keeps the newest `max` messages, but never drops a pending or streaming one. */
export function trimMessages(messages: readonly ChatMessage[], max: number): readonly ChatMessage[] {
  let excess = messages.length - Math.max(0, max);
  if (excess <= 0) return messages;
  return messages.filter((message) => {
    if (excess > 0 && !LIVE_STATES.has(message.state)) {
      excess--;
      return false;
    }
    return true;
  });
}

const indexOf = (messages: readonly ChatMessage[], id: string): number => {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.id === id) return i;
  return -1;
};

function replaceAt(messages: readonly ChatMessage[], index: number, message: ChatMessage): ChatMessage[] {
  const next = messages.slice();
  next[index] = message;
  return next;
}

function withMessage(
  conv: Conversation,
  message: ChatMessage,
  ctx: StepContext,
  notices: Notice[],
): Conversation {
  notices.push({ kind: 'message', message });
  return { ...conv, messages: trimMessages([...conv.messages, message], ctx.maxMessages) };
}

function updateMessage(
  conv: Conversation,
  index: number,
  changes: Partial<ChatMessage>,
  notices: Notice[],
  notify = true,
): Conversation {
  const message: ChatMessage = { ...conv.messages[index]!, ...changes };
  if (notify) notices.push({ kind: 'message', message });
  return { ...conv, messages: replaceAt(conv.messages, index, message) };
}

/** A user message the person just sent: pending until the socket writes it. */
export function addUserMessage(
  conv: Conversation,
  message: { id: string; content: string; time: string },
  ctx: StepContext,
): Step {
  const notices: Notice[] = [];
  const conversation = withMessage(conv, { ...message, role: 'user', state: 'pending' }, ctx, notices);
  return { conversation, notices };
}

/** The socket wrote a queued message (or the server acknowledged it). */
export function markSent(conv: Conversation, id: string): Step {
  const notices: Notice[] = [];
  const index = indexOf(conv.messages, id);
  if (index < 0) return { conversation: conv, notices };
  const message = conv.messages[index]!;
  if (message.state !== 'pending') return { conversation: conv, notices };
  const conversation = { ...updateMessage(conv, index, { state: 'sent' }, notices), awaiting: true };
  return { conversation, notices };
}

/** A message could not be sent at all (e.g. the outbox is full). */
export function markFailed(conv: Conversation, id: string): Step {
  const notices: Notice[] = [];
  const index = indexOf(conv.messages, id);
  if (index < 0) return { conversation: conv, notices };
  return { conversation: updateMessage(conv, index, { state: 'failed' }, notices), notices };
}

/**
 * The connection a reply streamed on is gone: every reply still streaming (or, given `ids`, those
 * of them) stays visible, marked interrupted. Replies are never left streaming by a drop.
 */
export function interrupt(conv: Conversation, ids?: ReadonlySet<string>): Step {
  const notices: Notice[] = [];
  let next: Conversation = { ...conv, awaiting: false, serverTyping: false };
  if (next.openReplyId !== undefined && (!ids || ids.has(next.openReplyId))) {
    next = { ...next, openReplyId: undefined };
  }
  conv.messages.forEach((message, index) => {
    if (message.state === 'streaming' && (!ids || ids.has(message.id))) {
      next = updateMessage(next, index, { state: 'interrupted' }, notices);
    }
  });
  return { conversation: next, notices };
}

/**
 * The person stopped a reply: what arrived stays, marked stopped; nothing more is added to it
 * (a later frame of it is ignored, an end frame does not make it complete).
 */
export function stopReply(conv: Conversation, id: string): Step {
  const notices: Notice[] = [];
  const index = indexOf(conv.messages, id);
  let next: Conversation = {
    ...conv,
    awaiting: false,
    serverTyping: false,
    openReplyId: conv.openReplyId === id ? undefined : conv.openReplyId,
  };
  const message = index < 0 ? undefined : conv.messages[index];
  if (message && (message.state === 'streaming' || message.state === 'interrupted')) {
    next = updateMessage(next, index, { state: 'stopped' }, notices);
  }
  return { conversation: next, notices };
}

/** Clears the transcript; messages still waiting to be sent stay (they will still go out). */
export function clearConversation(conv: Conversation): Conversation {
  return { ...emptyConversation, messages: conv.messages.filter((m) => m.state === 'pending') };
}

/** How far along a message is; a copy further along (or longer, at the same point) wins. */
const PROGRESS: Record<ChatMessage['state'], number> = {
  pending: 0,
  sent: 1,
  streaming: 2,
  interrupted: 3,
  failed: 4,
  stopped: 4,
  complete: 4,
};

/**
 * A message as another tab or frame of the same conversation has it: added when new, taking the
 * place of this copy when it is further along, ignored otherwise (so copies arriving twice, or
 * late, change nothing). A finished copy of the reply streaming here closes it.
 */
export function mergeMessage(conv: Conversation, message: ChatMessage, ctx: StepContext): Step {
  const notices: Notice[] = [];
  const index = indexOf(conv.messages, message.id);
  if (index < 0) return { conversation: withMessage(conv, message, ctx, notices), notices };
  const local = conv.messages[index]!;
  const ahead = PROGRESS[message.state] - PROGRESS[local.state];
  const newer =
    ahead > 0 ||
    (ahead === 0 && message.content.length > local.content.length) ||
    (ahead === 0 && message.card !== undefined && local.card === undefined);
  if (!newer) return { conversation: conv, notices };
  let conversation = updateMessage(conv, index, message, notices);
  if (conv.openReplyId === message.id && PROGRESS[message.state] > PROGRESS.streaming) {
    conversation = { ...conversation, openReplyId: undefined, awaiting: false };
  }
  return { conversation, notices };
}

function addRemote(
  conv: Conversation,
  remote: RemoteMessage,
  ctx: StepContext,
  notices: Notice[],
): Conversation {
  if (indexOf(conv.messages, remote.id) >= 0) return conv;
  const message: ChatMessage = {
    id: remote.id,
    role: remote.role,
    content: remote.content,
    state: remote.role === 'user' ? 'sent' : 'complete',
    time: remote.time ?? ctx.now,
  };
  return withMessage(conv, message, ctx, notices);
}

function appendDelta(
  conv: Conversation,
  id: string | undefined,
  delta: string,
  ctx: StepContext,
  notices: Notice[],
) {
  const replyId = id ?? conv.openReplyId ?? ctx.newId();
  const base: Conversation = { ...conv, awaiting: false, serverTyping: false, openReplyId: replyId };
  const index = indexOf(conv.messages, replyId);
  if (index < 0) {
    const message: ChatMessage = {
      id: replyId,
      role: 'assistant',
      content: delta,
      state: 'streaming',
      time: ctx.now,
    };
    return withMessage(base, message, ctx, notices);
  }
  const message = conv.messages[index]!;
  // A finished reply does not grow again (a re-delivered chunk is ignored), nor does a stopped one.
  if (ENDED.has(message.state)) return conv;
  const resumed = message.state !== 'streaming';
  return updateMessage(
    base,
    index,
    { content: message.content + delta, state: 'streaming' },
    notices,
    resumed,
  );
}

function endReply(
  conv: Conversation,
  event: Extract<ServerEvent, { type: 'reply-end' }>,
  ctx: StepContext,
  notices: Notice[],
) {
  const replyId = event.id ?? conv.openReplyId;
  const base: Conversation = {
    ...conv,
    awaiting: false,
    serverTyping: false,
    openReplyId: conv.openReplyId === replyId ? undefined : conv.openReplyId,
  };
  const index = replyId === undefined ? -1 : indexOf(conv.messages, replyId);
  const card = event.card ? { card: event.card } : {};
  if (index < 0) {
    const content = event.content ?? event.last ?? '';
    if (!content && !event.card) return base;
    const message: ChatMessage = {
      id: replyId ?? ctx.newId(),
      role: 'assistant',
      content,
      state: 'complete',
      time: ctx.now,
      ...card,
    };
    return withMessage(base, message, ctx, notices);
  }
  // A reply cut at the size bound (or failed, or stopped) stays so: a late end frame changes nothing.
  if (conv.messages[index]!.state === 'failed' || conv.messages[index]!.state === 'stopped') return base;
  const streamed = conv.messages[index]!.content;
  let content = streamed;
  if (event.content !== undefined) content = event.content;
  else if (event.last !== undefined)
    content = event.last.startsWith(streamed) ? event.last : streamed + event.last;
  return updateMessage(base, index, { content, state: 'complete', ...card }, notices);
}

/** Cuts a reply that outgrew the bound: what fits stays, marked failed, and the host hears why. */
function boundReply(conv: Conversation, id: string | undefined, ctx: StepContext, notices: Notice[]) {
  const limit = ctx.maxReplyChars ?? MAX_REPLY_CHARS;
  const index = id === undefined ? -1 : indexOf(conv.messages, id);
  if (index < 0 || conv.messages[index]!.content.length <= limit) return conv;
  const content = conv.messages[index]!.content.slice(0, limit);
  const next = updateMessage(conv, index, { content, state: 'failed' }, notices);
  notices.push({
    kind: 'error',
    code: 'reply-too-large',
    message: `The reply was cut at ${limit} characters.`,
  });
  return { ...next, openReplyId: next.openReplyId === id ? undefined : next.openReplyId };
}

function systemLine(conv: Conversation, text: string, ctx: StepContext, notices: Notice[]): Conversation {
  const message: ChatMessage = {
    id: ctx.newId(),
    role: 'system',
    content: text,
    state: 'complete',
    time: ctx.now,
  };
  return withMessage(conv, message, ctx, notices);
}

/** Applies one decoded server event. */
export function applyServerEvent(conv: Conversation, event: ServerEvent, ctx: StepContext): Step {
  const notices: Notice[] = [];
  let conversation = conv;
  switch (event.type) {
    case 'reply-delta':
      conversation = appendDelta(conv, event.id, event.delta, ctx, notices);
      conversation = boundReply(conversation, event.id ?? conversation.openReplyId, ctx, notices);
      break;
    case 'reply-end': {
      const id = event.id ?? conv.openReplyId;
      conversation = endReply(conv, event, ctx, notices);
      conversation = boundReply(conversation, id ?? conversation.messages.at(-1)?.id, ctx, notices);
      break;
    }
    case 'error': {
      // The reply it names (else the one open now) fails; a reply elsewhere is never touched.
      const target = event.id ?? conv.openReplyId;
      const index = target === undefined ? -1 : indexOf(conv.messages, target);
      conversation = {
        ...conv,
        awaiting: false,
        serverTyping: false,
        openReplyId: conv.openReplyId === target ? undefined : conv.openReplyId,
      };
      const failing = index >= 0 ? conv.messages[index]! : undefined;
      if (failing?.role === 'assistant' && failing.state === 'streaming') {
        conversation = updateMessage(conversation, index, { state: 'failed' }, notices);
      }
      conversation = systemLine(conversation, event.message, ctx, notices);
      notices.push({ kind: 'error', code: event.code ?? 'server-error', message: event.message });
      break;
    }
    case 'reply-stopped': {
      const id = event.id ?? conv.openReplyId;
      if (id !== undefined) return stopReply(conv, id);
      break;
    }
    case 'typing':
      conversation = conv.serverTyping === event.typing ? conv : { ...conv, serverTyping: event.typing };
      break;
    case 'notice':
      conversation = systemLine(conv, event.text, ctx, notices);
      break;
    case 'history':
      for (const remote of event.messages) conversation = addRemote(conversation, remote, ctx, notices);
      break;
    case 'card': {
      const index = event.id === undefined ? -1 : indexOf(conv.messages, event.id);
      if (index >= 0) conversation = updateMessage(conv, index, { card: event.card }, notices);
      else {
        const message: ChatMessage = {
          id: event.id ?? ctx.newId(),
          role: 'assistant',
          content: '',
          state: 'complete',
          time: ctx.now,
          card: event.card,
        };
        conversation = withMessage({ ...conv, awaiting: false }, message, ctx, notices);
      }
      break;
    }
    case 'ack':
      if (indexOf(conv.messages, event.clientId) >= 0 || !event.message)
        return markSent(conv, event.clientId);
      conversation = addRemote(conv, event.message, ctx, notices);
      break;
    case 'ready':
    case 'alive':
    case 'bad-frame':
      break;
  }
  return { conversation, notices };
}

/** Whether the typing indicator shows: after a send until the reply starts, or while the server says so. */
export const isTyping = (conv: Conversation): boolean =>
  (conv.awaiting || conv.serverTyping) && conv.openReplyId === undefined;

/** Whether the assistant is producing a reply (the host's `busy` attribute). */
export const isBusy = (conv: Conversation): boolean => conv.awaiting || conv.openReplyId !== undefined;
