import { html, nothing, type TemplateResult } from 'lit';
import type { Strings } from '../i18n/index.js';
import { CLOSE_ICON } from './icons.js';
import { statusBadge, type StatusView } from './status.js';

export interface HeaderView {
  t: Strings;
  /** The `heading` attribute (else the language's heading). */
  heading?: string;
  status: StatusView;
  /** In a launcher's panel: a close button. */
  close?: () => void;
}

/**
 * The header: the heading (or the `header` slot), the status badge, and the launcher's close
 * button. A div, not `<header>`: the widget's header is no banner landmark of the page.
 */
export function header({ t, heading, status, close }: HeaderView): TemplateResult {
  return html`<div part="header" class="header">
    <div class="header-main">
      <slot name="header"><h2 part="heading" id="heading" class="heading">${heading ?? t.heading}</h2></slot>
      ${statusBadge(t, status)}
    </div>
    ${
      close
        ? html`<button part="close" class="close" type="button" aria-label=${t.closeChat} @click=${close}>
            ${CLOSE_ICON}
          </button>`
        : nothing
    }
  </div>`;
}
