import { html, nothing, type TemplateResult } from 'lit';
import type { Strings } from '../i18n/index.js';
import type { Card } from '../protocol/types.js';
import type { MarkdownDirectiveOptions } from '../render/markdown-directive.js';
import type { ChatMessage, Extras } from '../transcript/index.js';
import type { ReasoningMode } from '../settings.js';
import { renderActivity } from './activity.js';
import type { CardAction, CardContext } from './cards.js';
import { renderReasoning } from './reasoning.js';
import { renderSources } from './sources.js';
import { formatTime } from './time.js';

/**
 * What draws a reply's markdown and its cards. They come in their own modules (the markdown
 * renderer with its sanitizer, the cards), so a view works without them: while the renderer is on
 * its way a reply's text waits (shown raw, its `**` and `[…](…)` would flash), and a card waits;
 * if the renderer cannot be loaded, the text shows plain.
 */
export interface Renderers {
  markdown?: (text: string, options: MarkdownDirectiveOptions) => unknown;
  /** The markdown renderer is on its way: a reply's text waits for it. */
  markdownComing?: boolean;
  card?: (card: Card, context: CardContext) => TemplateResult;
}

export interface MessageView {
  t: Strings;
  /** The language for times and dates. */
  lang: string;
  /** Copies of the `avatar` slot for this message (assistant messages; none when the slot is empty). */
  avatar?: readonly Node[];
  allowImages: boolean;
  /** How a reply's reasoning shows (`reasoning`). */
  reasoning: ReasoningMode;
  /** Show each tool's arguments and result (`show-tool-details`). */
  showToolDetails: boolean;
  renderers: Renderers;
  /** A choice on a card was clicked. */
  choose: (action: CardAction, message: ChatMessage) => void;
}

/**
 * One message bubble: who wrote it (for screen readers), the reply's reasoning and tool lines, its
 * body (markdown for the assistant, plain text otherwise), its card, its sources, its state line
 * and its time.
 */
export function messageRow(message: ChatMessage, view: MessageView): TemplateResult {
  const { t } = view;
  const { role, state } = message;
  const who = role === 'user' ? t.you : role === 'assistant' ? t.assistant : t.system;
  return html`<div class="row ${role}">
    ${
      role === 'assistant' && view.avatar?.length
        ? html`<div part="avatar" class="avatar" aria-hidden="true" inert>${view.avatar}</div>`
        : nothing
    }
    <div
      part="message ${role} ${state}"
      class="message ${role}"
      data-id=${message.id}
      data-state=${state}
      aria-busy=${state === 'streaming' ? 'true' : 'false'}
    >
      <span class="visually-hidden">${who}:</span>
      ${renderReasoning(message.reasoning, view.reasoning, t)}
      ${renderActivity(message.activity, { strings: t, details: view.showToolDetails })}
      ${content(message, view)}
      ${
        message.card && view.renderers.card
          ? view.renderers.card(message.card, {
              strings: t,
              locale: view.lang,
              choose: (action) => view.choose(action, message),
            })
          : nothing
      }
      ${renderSources(message.sources, t)} ${meta(t, message)} ${time(message, view.lang)}
    </div>
  </div>`;
}

/** What arrived for a reply that has not begun (a tool running first), where the reply will show. */
export function upcomingRow(upcoming: Extras, view: MessageView): TemplateResult {
  const { t } = view;
  return html`<div class="row assistant upcoming">
    ${renderReasoning(upcoming.reasoning, view.reasoning, t)}
    ${renderActivity(upcoming.activity, { strings: t, details: view.showToolDetails })}
  </div>`;
}

function content(message: ChatMessage, view: MessageView): TemplateResult | typeof nothing {
  const { role, state, content, card } = message;
  if (card && !content) return nothing;
  // A reply that so far only ran tools (or thought) has no text to show yet.
  if (role === 'assistant' && !content && state !== 'streaming') return nothing;
  const markdown = view.renderers.markdown;
  if (role === 'assistant' && !markdown && view.renderers.markdownComing)
    return html`<div part="content" class="content markdown" dir="auto"></div>`;
  // dir="auto": a message runs in its own text's direction (English in an Arabic UI, and back).
  if (role !== 'assistant' || !markdown)
    return html`<div part="content" class="content plain" dir="auto">${content}</div>`;
  return html`<div
    part="content"
    class="content markdown"
    dir="auto"
    ${markdown(content, { final: state !== 'streaming', allowImages: view.allowImages })}
  ></div>`;
}

/** The state line: waiting to send, interrupted, stopped, failed. */
function meta(t: Strings, message: ChatMessage): TemplateResult | typeof nothing {
  const text =
    message.state === 'pending'
      ? t.pending
      : message.state === 'interrupted'
        ? t.interrupted
        : message.state === 'stopped'
          ? t.stopped
          : message.state === 'failed'
            ? message.role === 'assistant'
              ? t.replyFailed
              : t.failed
            : undefined;
  return text ? html`<p part="meta" class="meta">${text}</p>` : nothing;
}

/** The time, in the reader's language (the full date and time in its tooltip); none on system lines. */
function time({ role, time }: ChatMessage, lang: string): TemplateResult | typeof nothing {
  if (role === 'system') return nothing;
  const when = formatTime(time, lang);
  return when
    ? html`<time part="time" class="time" datetime=${time} title=${when.long}>${when.short}</time>`
    : nothing;
}
