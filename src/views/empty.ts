import { html, nothing, type TemplateResult } from 'lit';
import { entry, type Strings } from '../i18n/index.js';

/**
 * The empty state before the first message (or the `empty` slot): a title and the feature's
 * intro with its suggested first questions, when the strings have them (a preset supplies them),
 * else a generic line.
 */
export function emptyState(t: Strings, feature: string, suggest: (question: string) => void): TemplateResult {
  const copy = entry(t.features, feature);
  return html`<div part="empty" class="empty">
    <slot name="empty">
      <p class="empty-title">${t.emptyTitle}</p>
      <p class="muted">${copy?.intro ?? t.emptyBody}</p>
      ${
        copy?.suggestions.length
          ? html`<ul class="suggestions" aria-label=${t.suggestionsLabel}>
              ${copy.suggestions.map(
                (question) =>
                  html`<li>
                    <button
                      part="suggestion"
                      type="button"
                      class="suggestion"
                      @click=${() => suggest(question)}
                    >
                      ${question}
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    </slot>
  </div>`;
}
