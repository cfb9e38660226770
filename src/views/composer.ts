import { html, nothing, type TemplateResult } from 'lit';
import type { Strings } from '../i18n/index.js';
import { SEND_ICON, STOP_ICON } from './icons.js';

export interface ComposerView {
  t: Strings;
  /** What the person has typed so far. */
  draft: string;
  maxLength: number;
  /** The `placeholder` attribute (else the language's). */
  placeholder?: string;
  /** The assistant is producing a reply: the stop button shows. */
  busy: boolean;
  input: (event: InputEvent) => void;
  keydown: (event: KeyboardEvent) => void;
  submit: (event: SubmitEvent) => void;
  stop: () => void;
}

/**
 * The composer: the message input, the character counter near and over `max-length`, the stop
 * button while a reply streams, and the send button (its icon replaceable by the `send-icon` slot).
 */
export function composer(view: ComposerView): TemplateResult {
  const { t, maxLength } = view;
  const length = view.draft.trim().length;
  const tooLong = length > maxLength;
  const nearLimit = length > maxLength * 0.9;
  return html`<form part="composer" class="composer" @submit=${view.submit}>
    <textarea
      part="input"
      class="input"
      rows="1"
      dir="auto"
      aria-label=${t.inputLabel}
      placeholder=${view.placeholder ?? t.placeholder}
      aria-invalid=${tooLong ? 'true' : 'false'}
      aria-describedby=${nearLimit ? 'counter' : nothing}
      .value=${view.draft}
      @input=${view.input}
      @keydown=${view.keydown}
    ></textarea>
    ${
      nearLimit
        ? html`<span part="counter" id="counter" class="counter" data-over=${tooLong ? 'true' : 'false'}
            >${t.counter(length, maxLength)}</span
          >`
        : nothing
    }
    ${
      view.busy
        ? html`<button part="stop" class="stop" type="button" aria-label=${t.stop} @click=${view.stop}>
            ${STOP_ICON}
          </button>`
        : nothing
    }
    <button
      part="send"
      class="send"
      type="submit"
      aria-label=${t.send}
      ?disabled=${!view.draft.trim() || tooLong}
    >
      <slot name="send-icon">${SEND_ICON}</slot>
    </button>
  </form>`;
}

/** Browsers with `field-sizing: content` grow the textarea in CSS; others get this small fallback. */
const AUTO_SIZING = typeof CSS !== 'undefined' && CSS.supports?.('field-sizing', 'content');

/** Fits the input's height to its text (where CSS cannot); `reset` after sending. */
export function fitInput(input: HTMLTextAreaElement, reset = false): void {
  if (AUTO_SIZING) return;
  input.style.height = reset ? '' : 'auto';
  if (!reset) input.style.height = `${input.scrollHeight}px`;
}
