import type { ServerEvent, RemoteMessage } from '../protocol/types.js';
import { indexOf, trimMessages, updateMessage, withMessage } from './messages.js';
import {
  addExtras,
  appendDelta,
  boundReply,
  ended,
  endReply,
  newReply,
  settleUpcoming,
  startReply,
} from './replies.js';
import type { ChatMessage, Conversation, Notice, Step, StepContext } from './types.js';

export { trimMessages } from './messages.js';
export { MAX_REPLY_CHARS } from './replies.js';

// The conversation as plain data and pure functions: every function takes a conversation
// and returns the next one plus the notices the host should hear about. Nothing here
// knows about sockets, wire frames or the DOM.

export const emptyConversation: Conversation = { messages: [], awaiting: false, serverTyping: false };

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
export function interrupt(conv: Conversation, ids: ReadonlySet<string> | undefined, ctx: StepContext): Step {
  const notices: Notice[] = [];
  let next: Conversation = { ...conv, awaiting: false, serverTyping: false };
  if (next.openReplyId !== undefined && (!ids || ids.has(next.openReplyId))) {
    next = { ...next, openReplyId: undefined };
  }
  conv.messages.forEach((message, index) => {
    if (message.state === 'streaming' && (!ids || ids.has(message.id))) {
      next = updateMessage(next, index, ended(message, 'interrupted'), notices);
    }
  });
  return { conversation: settleUpcoming(next, 'interrupted', ctx, notices), notices };
}

/**
 * The person stopped a reply: what arrived stays, marked stopped; nothing more is added to it
 * (a later frame of it is ignored, an end frame does not make it complete).
 */
export function stopReply(conv: Conversation, id: string | undefined, ctx: StepContext): Step {
  const notices: Notice[] = [];
  const index = id === undefined ? -1 : indexOf(conv.messages, id);
  let next: Conversation = {
    ...conv,
    awaiting: false,
    serverTyping: false,
    // No id: whatever is under way stops (nothing of the reply has shown yet).
    openReplyId: id === undefined || conv.openReplyId === id ? undefined : conv.openReplyId,
  };
  const message = index < 0 ? undefined : conv.messages[index];
  if (message && (message.state === 'streaming' || message.state === 'interrupted')) {
    next = updateMessage(next, index, ended(message, 'stopped'), notices);
  }
  return { conversation: settleUpcoming(next, 'stopped', ctx, notices), notices };
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

/**
 * The server's whole history (AG-UI `MESSAGES_SNAPSHOT`) takes the place of what is shown. What the
 * server has and this transcript has too keeps what only the widget knows (state, card, tools,
 * figures); messages the server does not have yet stay at the end (waiting to be sent, or still
 * streaming); the widget's own lines go.
 */
function replaceHistory(
  conv: Conversation,
  remotes: readonly RemoteMessage[],
  ctx: StepContext,
  notices: Notice[],
): Conversation {
  const local = new Map(conv.messages.map((m) => [m.id, m]));
  const seen = new Set<string>();
  const messages: ChatMessage[] = [];
  for (const remote of remotes) {
    if (seen.has(remote.id)) continue;
    seen.add(remote.id);
    const mine = local.get(remote.id);
    if (!mine) {
      const message: ChatMessage = {
        id: remote.id,
        role: remote.role,
        content: remote.content,
        state: remote.role === 'user' ? 'sent' : 'complete',
        time: remote.time ?? ctx.now,
      };
      notices.push({ kind: 'message', message });
      messages.push(message);
      continue;
    }
    let next = mine;
    if (mine.state === 'pending') next = { ...mine, state: 'sent' };
    else if (mine.state !== 'streaming' && mine.content !== remote.content)
      next = { ...mine, content: remote.content };
    if (next !== mine) notices.push({ kind: 'message', message: next });
    messages.push(next);
  }
  for (const m of conv.messages)
    if (!seen.has(m.id) && (m.state === 'pending' || m.state === 'streaming')) messages.push(m);
  const open = conv.openReplyId;
  return {
    ...conv,
    messages: trimMessages(messages, ctx.maxMessages),
    openReplyId: open !== undefined && messages.some((m) => m.id === open) ? open : undefined,
  };
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
    case 'reply-start':
      if (event.id !== undefined) conversation = startReply(conv, event.id, ctx, notices);
      break;
    case 'done': {
      // The turn is over: a reply still open is complete, and nothing more is awaited.
      conversation = { ...conv, awaiting: false, serverTyping: false };
      const open = conv.openReplyId;
      if (open !== undefined)
        conversation = endReply(conversation, { type: 'reply-end', id: open }, ctx, notices);
      conversation = settleUpcoming(conversation, 'complete', ctx, notices);
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
        conversation = updateMessage(conversation, index, ended(failing, 'failed'), notices);
      }
      conversation = settleUpcoming(conversation, 'failed', ctx, notices);
      conversation = systemLine(conversation, event.message, ctx, notices);
      notices.push({ kind: 'error', code: event.code ?? 'server-error', message: event.message });
      break;
    }
    case 'reply-stopped':
      return stopReply(conv, event.id ?? conv.openReplyId, ctx);
    case 'activity':
    case 'reasoning':
    case 'sources':
      conversation = addExtras(conv, event, ctx, notices);
      break;
    case 'typing':
      conversation = conv.serverTyping === event.typing ? conv : { ...conv, serverTyping: event.typing };
      break;
    case 'notice':
      conversation = systemLine(conv, event.text, ctx, notices);
      break;
    case 'history':
      if (event.replace) conversation = replaceHistory(conv, event.messages, ctx, notices);
      else for (const remote of event.messages) conversation = addRemote(conversation, remote, ctx, notices);
      break;
    case 'card': {
      const index = event.id === undefined ? -1 : indexOf(conv.messages, event.id);
      if (index >= 0) conversation = updateMessage(conv, index, { card: event.card }, notices);
      else {
        // A card for the reply that has begun (reply-start, no text yet) opens it: its text follows.
        const opens = event.id !== undefined && event.id === conv.openReplyId;
        const fields = {
          id: event.id ?? ctx.newId(),
          content: '',
          state: opens ? 'streaming' : 'complete',
          card: event.card,
        } as const;
        conversation = newReply({ ...conv, awaiting: false }, fields, ctx, notices);
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
    case 'state':
    case 'data':
      break;
  }
  return { conversation, notices };
}

export { isBusy, isTyping } from './state.js';
