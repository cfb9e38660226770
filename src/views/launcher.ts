import { html, nothing, type TemplateResult } from 'lit';
import type { Strings } from '../i18n/index.js';
import { CHAT_ICON, CLOSE_ICON } from './icons.js';

export interface LauncherView {
  t: Strings;
  /** The language for numbers (the badge's digits). */
  lang: string;
  opened: boolean;
  /** Assistant messages that arrived while the panel was closed. */
  unread: number;
  toggle: () => void;
  /** The button is hovered, touched or focused: a click may follow (the panel's code starts loading). */
  prepare: () => void;
}

/** The floating button that opens and closes the panel, with its unread badge (`mode="launcher"`). */
export function launcher({ t, lang, opened, unread, toggle, prepare }: LauncherView): TemplateResult {
  const count = opened ? 0 : unread;
  const label = opened ? t.closeChat : count > 0 ? t.openChatUnread(count) : t.openChat;
  return html`<button
    part="launcher"
    class="launcher"
    type="button"
    aria-controls="panel"
    aria-expanded=${opened ? 'true' : 'false'}
    aria-label=${label}
    @click=${toggle}
    @pointerenter=${prepare}
    @focus=${prepare}
  >
    ${opened ? CLOSE_ICON : html`<slot name="launcher-icon">${CHAT_ICON}</slot>`}
    ${
      count > 0
        ? html`<span part="badge" class="badge" aria-hidden="true"
            >${count > 99 ? `${(99).toLocaleString(lang)}+` : count.toLocaleString(lang)}</span
          >`
        : nothing
    }
  </button>`;
}
