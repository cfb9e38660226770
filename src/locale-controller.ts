import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The language the element is in: its own `lang`, else the nearest ancestor's (across shadow
 * roots), else the document's. It asks for an update when the element's or the document's
 * `lang` or `dir` changes (a MutationObserver; no timers).
 */
export class LocaleController implements ReactiveController {
  private observer?: MutationObserver;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer ??= new MutationObserver(() => this.host.requestUpdate());
    const options = { attributes: true, attributeFilter: ['lang', 'dir'] };
    this.observer.observe(this.host, options);
    this.observer.observe(this.host.ownerDocument.documentElement, options);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  /** The BCP 47 tag in effect, `''` when nothing says. */
  get lang(): string {
    let node: Element | null = this.host;
    while (node) {
      const lang = node.getAttribute('lang');
      if (lang !== null) return lang.trim();
      node = node.parentElement ?? ((node.parentNode as ShadowRoot | null)?.host || null);
    }
    return '';
  }

  /** The element's own `dir` attribute, if it says `ltr` or `rtl`. */
  get dir(): 'ltr' | 'rtl' | undefined {
    const dir = this.host.getAttribute('dir')?.toLowerCase();
    return dir === 'ltr' || dir === 'rtl' ? dir : undefined;
  }
}
