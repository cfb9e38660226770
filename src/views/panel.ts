// The panel: the header, the transcript, the offline notice and the composer, with their styles
// (loaded on demand with the rest of ../panel-part.ts).
import { html, nothing, type TemplateResult } from 'lit';
import { composer, type ComposerView } from './composer.js';
import { header, type HeaderView } from './header.js';
import { log, type LogView } from './log.js';
import { notice } from './notice.js';
import { cardStyles } from './cards.styles.js';
import { extrasStyles } from './extras.styles.js';
import { markdownStyles } from './markdown.styles.js';
import { panelStyles } from './panel.styles.js';
import { Status } from '../transport/status.js';

/** The panel's styles, adopted by the element's shadow root beside its own (in this order). */
export const styles = [panelStyles, markdownStyles, cardStyles, extrasStyles];

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
