import { html, type TemplateResult } from 'lit';
import { entry, type Strings } from '../i18n/index.js';
import { Status } from '../transport/status.js';

/** What the notice (and the assertive announcement) says when offline or refused. */
export function noticeText(t: Strings, status: Status, code?: number): string {
  if (status === Status.unauthorized) return t.unauthorizedNotice;
  return (code !== undefined ? entry(t.closedNotice, code) : undefined) ?? t.offlineNotice;
}

/** The offline / session-expired notice above the composer, with its Retry button. */
export function notice(
  t: Strings,
  status: Status,
  code: number | undefined,
  retry: () => void,
): TemplateResult {
  return html`<div part="notice" class="notice" data-status=${status} data-code=${code ?? ''}>
    <p>${noticeText(t, status, code)}</p>
    <button part="retry" class="retry" type="button" @click=${retry}>${t.retry}</button>
  </div>`;
}
