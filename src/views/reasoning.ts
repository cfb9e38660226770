import { html, nothing, type TemplateResult } from 'lit';
import type { Reasoning } from '../transcript/types.js';
import type { Strings } from '../i18n/index.js';

// The model's reasoning for a reply: hidden unless the host asks (`reasoning="collapsed"`), then
// a closed <details> the reader may open. Plain text (never markdown: nothing in it is rendered,
// linked or loaded), in the text's own direction; not announced.

/** A reply's reasoning, or nothing. */
export function renderReasoning(
  reasoning: readonly Reasoning[] | undefined,
  mode: string | undefined,
  strings: Strings,
): TemplateResult | typeof nothing {
  if (mode !== 'collapsed') return nothing;
  const blocks = reasoning?.filter((r) => r.text.trim());
  if (!blocks?.length) return nothing;
  return html`<details part="reasoning" class="reasoning" data-unannounced>
    <summary>${strings.reasoning}</summary>
    ${blocks.map((block) => html`<p class="reasoning-text" dir="auto">${block.text}</p>`)}
  </details>`;
}
