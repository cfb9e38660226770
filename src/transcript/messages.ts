import type { ChatMessage, Transcript, Effect, StepContext } from './types.js';

// The small steps every change of the conversation is made of: find a message, add one (trimming
// to the newest N), replace one. Each returns a new conversation; nothing is changed in place.

const LIVE_STATES = new Set(['pending', 'streaming']);

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

export const indexOf = (messages: readonly ChatMessage[], id: string): number => {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.id === id) return i;
  return -1;
};

function replaceAt(messages: readonly ChatMessage[], index: number, message: ChatMessage): ChatMessage[] {
  const next = messages.slice();
  next[index] = message;
  return next;
}

export function withMessage(
  conv: Transcript,
  message: ChatMessage,
  ctx: StepContext,
  effects: Effect[],
): Transcript {
  effects.push({ kind: 'message', message });
  return { ...conv, messages: trimMessages([...conv.messages, message], ctx.maxMessages) };
}

export function updateMessage(
  conv: Transcript,
  index: number,
  changes: Partial<ChatMessage>,
  effects: Effect[],
  notify = true,
): Transcript {
  const message: ChatMessage = { ...conv.messages[index]!, ...changes };
  if (notify) effects.push({ kind: 'message', message });
  return { ...conv, messages: replaceAt(conv.messages, index, message) };
}
