import { html, nothing, type TemplateResult } from 'lit';
import type { Activity } from '../transcript/types.js';
import type { Strings } from '../i18n/index.js';

// The tools an agent ran for a reply, as compact lines: the tool's name and how it went. Its
// arguments and result are model output too: shown only when the host asks (`show-tool-details`),
// and then as plain text in a closed <details>. Never announced by itself: a line changing state
// is not news a screen reader should interrupt for (the reply is announced when it ends).

export interface ActivityView {
  strings: Strings;
  /** Show each tool's arguments or result (collapsed). */
  details: boolean;
}

/** A reply's tool lines, or nothing. */
export function renderActivity(
  activity: readonly Activity[] | undefined,
  view: ActivityView,
): TemplateResult | typeof nothing {
  if (!activity?.length) return nothing;
  const t = view.strings;
  return html`<ul class="activity" aria-label=${t.activityLabel} data-unannounced>
    ${activity.map(
      (line) =>
        html`<li part="activity ${line.state}" class="activity-line" data-state=${line.state}>
          <span class="activity-icon" aria-hidden="true"></span>
          <span part="activity-name" class="activity-name" dir="auto">${line.name || t.activityUnnamed}</span>
          <span part="activity-state" class="activity-state">${t.activityState[line.state]}</span>
          ${
            view.details && line.detail
              ? html`<details class="activity-detail">
                  <summary>${t.toolDetails}</summary>
                  <pre part="activity-detail" dir="auto">${line.detail}</pre>
                </details>`
              : nothing
          }
        </li>`,
    )}
  </ul>`;
}
