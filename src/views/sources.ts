import { html, nothing, type TemplateResult } from 'lit';
import { isWebUrl } from '../transcript/web-url.js';
import type { Source } from '../protocol/types.js';
import type { Strings } from '../i18n/index.js';

// The links a reply cites, listed under it. Only absolute http(s) URLs become links (checked
// again here, whatever put them in the message); each opens in a new tab with no opener and no
// referrer. The title is the backend's text, shown as text.

/** A reply's sources, or nothing. */
export function renderSources(
  sources: readonly Source[] | undefined,
  strings: Strings,
): TemplateResult | typeof nothing {
  const links = sources?.filter((s) => isWebUrl(s.url));
  if (!links?.length) return nothing;
  return html`<div class="sources" data-unannounced>
    <p class="sources-title" aria-hidden="true">${strings.sources}</p>
    <ul part="sources" class="sources-list" aria-label=${strings.sources}>
      ${links.map(
        (source) =>
          html`<li>
            <a
              part="source"
              class="source"
              href=${source.url}
              target="_blank"
              rel="noopener noreferrer"
              referrerpolicy="no-referrer"
              dir="auto"
              >${source.title || hostOf(source.url)}</a
            >
          </li>`,
      )}
    </ul>
  </div>`;
}

/** A short name for a link without a title: its host and path. */
function hostOf(url: string): string {
  const { host, pathname } = new URL(url);
  return pathname === '/' ? host : `${host}${pathname}`;
}
