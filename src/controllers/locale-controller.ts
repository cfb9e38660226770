import { isServer, type ReactiveController, type ReactiveControllerHost } from 'lit';
import {
  builtInLanguage,
  canonicalTag,
  directionOf,
  en,
  loadedStrings,
  loadStrings,
  mergeStrings,
  type Language,
  type Strings,
  type StringsOverride,
} from '../i18n/index.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The language the element speaks, and its strings. The language is the element's own `lang`,
 * else the nearest ancestor's (across shadow roots), else the document's; a built-in one is
 * loaded on demand (English is always there), any other falls back to English unless `strings`
 * supplies the words. The direction is the element's own `dir`, else the language's. It asks
 * for an update when the element's or the document's `lang` or `dir` changes (a
 * MutationObserver; no timers) and when a language file arrives.
 */
export class LocaleController implements ReactiveController {
  /** The strings in use: the language's, with `strings` merged over them. */
  strings: Strings = en;
  /** The language tag in use (`en` when nothing else applies). */
  language = 'en';
  /** The direction in use. */
  direction: 'ltr' | 'rtl' = 'ltr';
  /** The strings of the language asked for have arrived at least once (English: at once). */
  ready = false;
  /** A language file on its way (the host's `updateComplete` waits for it). */
  loading?: Promise<unknown>;

  private observer?: MutationObserver;
  /** Built-in languages whose file could not be loaded: English stands in. */
  private readonly failed = new Set<Language>();
  private merged?: { base: Strings; override?: StringsOverride; strings: Strings };

  constructor(
    private readonly host: Host,
    private readonly override: () => StringsOverride | undefined = () => undefined,
    /**
     * Whether to show English while the language's file is on its way rather than nothing: on a
     * server (nothing loads there while it renders) and while hydrating what a server rendered
     * (the first render must match the server's). Default: on a server only.
     */
    private readonly fallback: () => boolean = () => isServer,
  ) {
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

  /** Works out the language, direction and strings before each render. */
  hostUpdate(): void {
    const requested = canonicalTag(this.lang);
    const override = this.override();
    const builtIn = builtInLanguage(requested);
    const language = builtIn && !this.failed.has(builtIn) ? builtIn : undefined;
    const tag = requested && (language || override) ? requested : 'en';
    let base = loadedStrings(language ?? 'en');
    if (!base) {
      if (!isServer) this.load(language!);
      // Until it arrives, the language shown so far stays (nothing is shown before the first one,
      // unless English stands in: see `fallback`).
      if (this.ready || !this.fallback()) return;
      base = en;
    }
    if (this.merged?.base !== base || this.merged.override !== override)
      this.merged = { base, override, strings: mergeStrings(base, override) };
    this.strings = this.merged.strings;
    this.language = tag;
    this.direction = this.dir ?? directionOf(tag);
    this.ready = true;
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

  private load(language: Language): void {
    if (this.loading) return;
    this.loading = loadStrings(language)
      .catch((error: unknown) => {
        this.failed.add(language);
        console.warn(`<ai-chat> could not load the ${language} strings; using English`, error);
      })
      .finally(() => {
        this.loading = undefined;
        this.host.requestUpdate();
      });
  }
}
