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
import type { ChatMessage, Transcript, Effect, Step, StepContext } from './types.js';

export { trimMessages } from './messages.js';
export { MAX_REPLY_CHARS } from './replies.js';

// The conversation as plain data and pure functions: every function takes a conversation
// and returns the next one plus the effects the host should hear about. Nothing here
// knows about sockets, wire frames or the DOM.

export const emptyTranscript: Transcript = { messages: [], awaiting: false, serverTyping: false };

/** A user message the person just sent: pending until the socket writes it. */
export function addUserMessage(
  conv: Transcript,
  message: { id: string; content: string; time: string },
  ctx: StepContext,
): Step {
  const effects: Effect[] = [];
  const transcript = withMessage(conv, { ...message, role: 'user', state: 'pending' }, ctx, effects);
  return { transcript, effects };
}

/** The socket wrote a queued message (or the server acknowledged it). */
export function markSent(conv: Transcript, id: string): Step {
  const effects: Effect[] = [];
  const index = indexOf(conv.messages, id);
  if (index < 0) return { transcript: conv, effects };
  const message = conv.messages[index]!;
  if (message.state !== 'pending') return { transcript: conv, effects };
  const transcript = { ...updateMessage(conv, index, { state: 'sent' }, effects), awaiting: true };
  return { transcript, effects };
}

/** A message could not be sent at all (e.g. the outbox is full). */
export function markFailed(conv: Transcript, id: string): Step {
  const effects: Effect[] = [];
  const index = indexOf(conv.messages, id);
  if (index < 0) return { transcript: conv, effects };
  return { transcript: updateMessage(conv, index, { state: 'failed' }, effects), effects };
}

/**
 * The connection a reply streamed on is gone: every reply still streaming (or, given `ids`, those
 * of them) stays visible, marked interrupted. Replies are never left streaming by a drop.
 */
export function interrupt(conv: Transcript, ids: ReadonlySet<string> | undefined, ctx: StepContext): Step {
  const effects: Effect[] = [];
  let next: Transcript = { ...conv, awaiting: false, serverTyping: false };
  if (next.openReplyId !== undefined && (!ids || ids.has(next.openReplyId))) {
    next = { ...next, openReplyId: undefined };
  }
  conv.messages.forEach((message, index) => {
    if (message.state === 'streaming' && (!ids || ids.has(message.id))) {
      next = updateMessage(next, index, ended(message, 'interrupted'), effects);
    }
  });
  return { transcript: settleUpcoming(next, 'interrupted', ctx, effects), effects };
}

/**
 * The person stopped a reply: what arrived stays, marked stopped; nothing more is added to it
 * (a later frame of it is ignored, an end frame does not make it complete).
 */
export function stopReply(conv: Transcript, id: string | undefined, ctx: StepContext): Step {
  const effects: Effect[] = [];
  const index = id === undefined ? -1 : indexOf(conv.messages, id);
  let next: Transcript = {
    ...conv,
    awaiting: false,
    serverTyping: false,
    // No id: whatever is under way stops (nothing of the reply has shown yet).
    openReplyId: id === undefined || conv.openReplyId === id ? undefined : conv.openReplyId,
  };
  const message = index < 0 ? undefined : conv.messages[index];
  if (message && (message.state === 'streaming' || message.state === 'interrupted')) {
    next = updateMessage(next, index, ended(message, 'stopped'), effects);
  }
  return { transcript: settleUpcoming(next, 'stopped', ctx, effects), effects };
}

/** Clears the transcript; messages still waiting to be sent stay (they will still go out). */
export function clearTranscript(conv: Transcript): Transcript {
  return { ...emptyTranscript, messages: conv.messages.filter((m) => m.state === 'pending') };
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
export function mergeMessage(conv: Transcript, message: ChatMessage, ctx: StepContext): Step {
  const effects: Effect[] = [];
  const index = indexOf(conv.messages, message.id);
  if (index < 0) return { transcript: withMessage(conv, message, ctx, effects), effects };
  const local = conv.messages[index]!;
  const ahead = PROGRESS[message.state] - PROGRESS[local.state];
  const newer =
    ahead > 0 ||
    (ahead === 0 && message.content.length > local.content.length) ||
    (ahead === 0 && message.card !== undefined && local.card === undefined);
  if (!newer) return { transcript: conv, effects };
  let transcript = updateMessage(conv, index, message, effects);
  if (conv.openReplyId === message.id && PROGRESS[message.state] > PROGRESS.streaming) {
    transcript = { ...transcript, openReplyId: undefined, awaiting: false };
  }
  return { transcript, effects };
}

function addRemote(conv: Transcript, remote: RemoteMessage, ctx: StepContext, effects: Effect[]): Transcript {
  if (indexOf(conv.messages, remote.id) >= 0) return conv;
  const message: ChatMessage = {
    id: remote.id,
    role: remote.role,
    content: remote.content,
    state: remote.role === 'user' ? 'sent' : 'complete',
    time: remote.time ?? ctx.now,
  };
  return withMessage(conv, message, ctx, effects);
}

/**
 * The server's whole history (AG-UI `MESSAGES_SNAPSHOT`) takes the place of what is shown. What the
 * server has and this transcript has too keeps what only the widget knows (state, card, tools,
 * figures); messages the server does not have yet stay at the end (waiting to be sent, or still
 * streaming); the widget's own lines go.
 */
function replaceHistory(
  conv: Transcript,
  remotes: readonly RemoteMessage[],
  ctx: StepContext,
  effects: Effect[],
): Transcript {
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
      effects.push({ kind: 'message', message });
      messages.push(message);
      continue;
    }
    let next = mine;
    if (mine.state === 'pending') next = { ...mine, state: 'sent' };
    else if (mine.state !== 'streaming' && mine.content !== remote.content)
      next = { ...mine, content: remote.content };
    if (next !== mine) effects.push({ kind: 'message', message: next });
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

function systemLine(conv: Transcript, text: string, ctx: StepContext, effects: Effect[]): Transcript {
  const message: ChatMessage = {
    id: ctx.newId(),
    role: 'system',
    content: text,
    state: 'complete',
    time: ctx.now,
  };
  return withMessage(conv, message, ctx, effects);
}

/** Applies one decoded server event. */
export function applyServerEvent(conv: Transcript, event: ServerEvent, ctx: StepContext): Step {
  const effects: Effect[] = [];
  let transcript = conv;
  switch (event.type) {
    case 'reply-delta':
      transcript = appendDelta(conv, event.id, event.delta, ctx, effects);
      transcript = boundReply(transcript, event.id ?? transcript.openReplyId, ctx, effects);
      break;
    case 'reply-end': {
      const id = event.id ?? conv.openReplyId;
      transcript = endReply(conv, event, ctx, effects);
      transcript = boundReply(transcript, id ?? transcript.messages.at(-1)?.id, ctx, effects);
      break;
    }
    case 'reply-start':
      if (event.id !== undefined) transcript = startReply(conv, event.id, ctx, effects);
      break;
    case 'done': {
      // The turn is over: a reply still open is complete, and nothing more is awaited.
      transcript = { ...conv, awaiting: false, serverTyping: false };
      const open = conv.openReplyId;
      if (open !== undefined)
        transcript = endReply(transcript, { type: 'reply-end', id: open }, ctx, effects);
      transcript = settleUpcoming(transcript, 'complete', ctx, effects);
      break;
    }
    case 'error': {
      // The reply it names (else the one open now) fails; a reply elsewhere is never touched.
      const target = event.id ?? conv.openReplyId;
      const index = target === undefined ? -1 : indexOf(conv.messages, target);
      transcript = {
        ...conv,
        awaiting: false,
        serverTyping: false,
        openReplyId: conv.openReplyId === target ? undefined : conv.openReplyId,
      };
      const failing = index >= 0 ? conv.messages[index]! : undefined;
      if (failing?.role === 'assistant' && failing.state === 'streaming') {
        transcript = updateMessage(transcript, index, ended(failing, 'failed'), effects);
      }
      transcript = settleUpcoming(transcript, 'failed', ctx, effects);
      transcript = systemLine(transcript, event.message, ctx, effects);
      effects.push({ kind: 'error', code: event.code ?? 'server-error', message: event.message });
      break;
    }
    case 'reply-stopped':
      return stopReply(conv, event.id ?? conv.openReplyId, ctx);
    case 'activity':
    case 'reasoning':
    case 'sources':
      transcript = addExtras(conv, event, ctx, effects);
      break;
    case 'typing':
      transcript = conv.serverTyping === event.typing ? conv : { ...conv, serverTyping: event.typing };
      break;
    case 'system-line':
      transcript = systemLine(conv, event.text, ctx, effects);
      break;
    case 'history':
      if (event.replace) transcript = replaceHistory(conv, event.messages, ctx, effects);
      else for (const remote of event.messages) transcript = addRemote(transcript, remote, ctx, effects);
      break;
    case 'card': {
      const index = event.id === undefined ? -1 : indexOf(conv.messages, event.id);
      if (index >= 0) transcript = updateMessage(conv, index, { card: event.card }, effects);
      else {
        // A card for the reply that has begun (reply-start, no text yet) opens it: its text follows.
        const opens = event.id !== undefined && event.id === conv.openReplyId;
        const fields = {
          id: event.id ?? ctx.newId(),
          content: '',
          state: opens ? 'streaming' : 'complete',
          card: event.card,
        } as const;
        transcript = newReply({ ...conv, awaiting: false }, fields, ctx, effects);
      }
      break;
    }
    case 'ack':
      if (indexOf(conv.messages, event.clientId) >= 0 || !event.message)
        return markSent(conv, event.clientId);
      transcript = addRemote(conv, event.message, ctx, effects);
      break;
    case 'ready':
    case 'alive':
    case 'bad-frame':
    case 'state':
    case 'data':
      break;
  }
  return { transcript, effects };
}

export { isBusy, isTyping } from './state.js';
