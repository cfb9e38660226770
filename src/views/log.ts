import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage, Extras } from '../transcript/index.js';
import type { Strings } from '../i18n/index.js';
import { emptyState } from './empty.js';
import { messageRow, upcomingRow, type MessageView } from './message.js';

export interface LogView extends Omit<MessageView, 'avatar'> {
  messages: readonly ChatMessage[];
  /** What arrived for a reply that has not begun (tool lines, reasoning), shown where it will be. */
  upcoming?: Extras;
  /** The assistant is about to answer (or the server says it is typing). */
  typing: boolean;
  /** The AI feature, for the empty state's intro and suggestions. */
  feature: string;
  suggest: (question: string) => void;
  /** The avatar copies of an assistant message. */
  avatarFor: (id: string) => readonly Node[];
}

/**
 * The transcript (`role="log"`): the empty state, every message, what arrived for the next reply,
 * the typing indicator. Not a live
 * region itself: a finished reply is announced once, through the hidden regions, not per token.
 */
export function log(view: LogView): TemplateResult {
  const { t, messages } = view;
  return html`<div part="log" class="log" role="log" aria-live="off" aria-labelledby="heading" tabindex="0">
    <div class="messages">
      ${messages.length === 0 ? emptyState(t, view.feature, view.suggest) : nothing}
      ${repeat(
        messages,
        (message) => message.id,
        (message) =>
          messageRow(message, {
            ...view,
            avatar: message.role === 'assistant' ? view.avatarFor(message.id) : undefined,
          }),
      )}
      ${view.upcoming ? upcomingRow(view.upcoming, view) : nothing}
      ${view.typing ? typingIndicator(t) : nothing}
    </div>
  </div>`;
}

/** The typing indicator (in the DOM only while shown). */
const typingIndicator = (t: Strings): TemplateResult =>
  html`<div part="typing" class="typing" role="img" aria-label=${t.typing}>
    <span class="typing-dot"></span><span class="typing-dot"></span><span class="typing-dot"></span>
  </div>`;
