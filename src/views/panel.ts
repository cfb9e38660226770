import { html, nothing, type TemplateResult } from 'lit';
import { composer, type ComposerView } from './composer.js';
import { header, type HeaderView } from './header.js';
import { log, type LogView } from './log.js';
import { notice } from './notice.js';
import { Status } from '../transport/status.js';

export { panelStyles } from './panel.styles.js';

export interface PanelView {
  header: HeaderView;
  log: LogView;
  composer: ComposerView;
  /** Tries to connect again (the notice's Retry button, shown when offline or refused). */
  retry: () => void;
}

/** What is inside the panel: the header, the transcript, the offline notice and the composer. */
export function panel(view: PanelView): TemplateResult {
  const { status, detail } = view.header.status;
  const stuck = status === Status.offline || status === Status.unauthorized;
  return html`${header(view.header)} ${log(view.log)}
  ${stuck ? notice(view.header.t, status, detail?.code, view.retry) : nothing} ${composer(view.composer)}`;
}
