import type { Transcript } from './types.js';

// What the element reads off a conversation to draw it, in a module of its own: the element needs
// these two, not the reducer (which loads with the session).

/** Whether the typing indicator shows: after a send until the reply starts, or while the server says so. */
export const isTyping = (conv: Transcript): boolean =>
  (conv.awaiting || conv.serverTyping) &&
  (conv.openReplyId === undefined || !conv.messages.some((m) => m.id === conv.openReplyId));

/** Whether the assistant is producing a reply (the host's `busy` attribute). */
export const isBusy = (conv: Transcript): boolean => conv.awaiting || conv.openReplyId !== undefined;
