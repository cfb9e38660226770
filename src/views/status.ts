import { html, type TemplateResult } from 'lit';
import type { Strings } from '../i18n/index.js';
import { Status, type StatusDetail } from '../transport/status.js';

/** What the status badge says: the status, or how soon the next reconnect attempt is. */
export function statusText(t: Strings, status: Status, detail?: StatusDetail): string {
  const retryInMs = detail?.retryInMs;
  if (status === Status.reconnecting && retryInMs !== undefined && retryInMs >= 1000) {
    return t.reconnectingIn(Math.ceil(retryInMs / 1000));
  }
  return t.status[status];
}

/**
 * The connection status badge (dot and text). Plain text: status changes are announced through
 * the hidden live regions, not here.
 */
export function statusBadge(t: Strings, status: Status, detail?: StatusDetail): TemplateResult {
  return html`<span part="status" class="status" data-status=${status}>
    <span part="status-dot" class="dot" aria-hidden="true"></span>
    <span part="status-text">${statusText(t, status, detail)}</span>
  </span>`;
}
