import { html, type TemplateResult } from 'lit';
import type { Strings } from '../i18n/index.js';
import { Status, type StatusDetail } from '../transport/status.js';

/** The status as the badge shows it: the status, its detail, and whether a connection stays open. */
export interface StatusView {
  status: Status;
  detail?: StatusDetail;
  /** The dialect keeps no connection open (one HTTP request per turn): `connected` reads "Ready". */
  perTurn?: boolean;
}

/** What the status badge says: the status, or how soon the next reconnect attempt is. */
export function statusText(t: Strings, { status, detail, perTurn }: StatusView): string {
  const retryInMs = detail?.retryInMs;
  if (status === Status.reconnecting && retryInMs !== undefined && retryInMs >= 1000) {
    return t.reconnectingIn(Math.ceil(retryInMs / 1000));
  }
  // No connection stays open for a standard stream: "Ready", not "Live".
  if (status === Status.connected && perTurn) return t.ready;
  return t.status[status];
}

/**
 * The connection status badge (dot and text). Plain text: status changes are announced through
 * the hidden live regions, not here.
 */
export function statusBadge(t: Strings, view: StatusView): TemplateResult {
  return html`<span part="status" class="status" data-status=${view.status}>
    <span part="status-dot" class="dot" aria-hidden="true"></span>
    <span part="status-text">${statusText(t, view)}</span>
  </span>`;
}
