/**
 * Markdown → sanitized DOM. The only path from model text to the page.
 *
 * A pure module: one `Marked` instance and one private DOMPurify instance, both configured
 * here at module scope, and functions that map text (or tokens) to a `DocumentFragment`.
 * The same input always yields the same DOM.
 *
 * - Raw HTML in the model's text is shown as text, never parsed as HTML.
 * - The sanitizer keeps only the tags and attributes marked produces (see `TAG_ATTRIBUTES`).
 * - Links keep their `href` only for `http:`, `https:`, `mailto:` and relative URLs, decided on
 *   the URL as the browser parses it; kept links open in a new tab with `rel="noopener noreferrer"`.
 * - Images load only with `allowImages`, and only from absolute `http:`/`https:` URLs (a relative
 *   one would make the host page request its own paths); otherwise they become a plain link.
 * - Every element gets a `part` (`md-link`, `md-table`, … see {@link partOf}) set here,
 *   after the model's attributes are gone, so pages can style replies with `::part()`.
 * - A list of more than 500 items has its later items in groups (`list-groups.ts`).
 * - The output is a `DocumentFragment` (DOMPurify `RETURN_DOM_FRAGMENT`): nothing here assigns
 *   `innerHTML`. Under Trusted Types, DOMPurify still has to hand marked's HTML to `DOMParser` (a
 *   sink); it does so through the widget's own policy, `ai-chat`, created once on first use, and
 *   never creates its `dompurify` policy: a page whose own DOMPurify already made that one (or
 *   makes it later) keeps working, and so does the widget (see {@link trustedTypesPolicy}).
 */
import { Marked, Tokenizer, type Token, type Tokens, type TokensList } from 'marked';
import DOMPurify, { type Config } from 'dompurify';
import { groupItems } from './list-groups.js';

/** Options shared by every render function. */
export interface MarkdownOptions {
  /**
   * Render images as `<img>` (absolute http/https URLs only). Off by default: an image becomes a
   * link to its URL, so nothing loads.
   */
  allowImages?: boolean;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes every HTML-significant character. */
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/** Escapes like marked does for text: an existing character reference (`&amp;`, `&#39;`) stays one. */
const escapeText = (text: string): string =>
  text.replace(/[<>"']|&(?!#\d{1,7};|#[Xx][a-fA-F0-9]{1,6};|\w+;)/g, (c) => HTML_ESCAPES[c] ?? c);

/** marked's own URL clean-up (`encodeURI`, keeping existing `%XX` escapes); null when it cannot encode. */
const encodeUrl = (href: string): string | null => {
  try {
    return encodeURI(href).replace(/%25/g, '%');
  } catch {
    return null;
  }
};

const LINK_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
const IMAGE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);
const URL_BASE = 'https://example.invalid/';
// C0 controls, space, DEL and C1 controls: what browsers ignore or strip inside a scheme.
// eslint-disable-next-line no-control-regex
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f-\u009f]+/g;
const SCHEME = /^([a-z][a-z\d+.-]*):/i;

/**
 * Whether `url` (an attribute value as the browser will see it) may stay: the browser's own parse
 * (`new URL`; against a neutral base when `relative` URLs are allowed, so they count as `https:`)
 * must give an allowed protocol, and the value must not look like another scheme once
 * percent-escapes, whitespace and control characters are removed (`java%09script:`).
 */
const isAllowedUrl = (url: string, protocols: ReadonlySet<string>, relative: boolean): boolean => {
  let parsed: URL;
  // A value that names a scheme must be a valid absolute URL on its own: against an https:
  // base, `https:javascript:x` or `https:/` would pass as a relative path, yet on an http:
  // page the browser reads them as (broken) absolute URLs.
  const absolute = !relative || SCHEME.test(url.replace(IGNORED_IN_SCHEME, ''));
  try {
    parsed = absolute ? new URL(url) : new URL(url, URL_BASE);
  } catch {
    return false;
  }
  if (!protocols.has(parsed.protocol)) return false;
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    // A malformed escape: judge the raw value.
  }
  const scheme = SCHEME.exec(decoded.replace(IGNORED_IN_SCHEME, ''));
  return scheme === null || protocols.has(`${scheme[1].toLowerCase()}:`);
};

// Read during a (synchronous) parse by the image renderer; set only by `toHtml`.
let imagesAllowed = false;

const marked = new Marked({ gfm: true, breaks: false, async: false });

marked.use({
  tokenizer: {
    // marked remembers an unclosed raw `<a>` tag across blocks and stops autolinking URLs after
    // it. Raw HTML is shown as text here, so it must not change how later blocks render: a
    // block renders the same whether it is lexed alone (streaming) or with the whole reply.
    tag(src) {
      const inLink = this.lexer.state.inLink;
      const token = Tokenizer.prototype.tag.call(this, src);
      this.lexer.state.inLink = inLink;
      return token;
    },
  },
  renderer: {
    // Raw HTML (block and inline) is shown as text. A block of it gets its own paragraph.
    html({ text, block }) {
      return block ? `<p>${escapeHtml(text.replace(/\n+$/, ''))}</p>\n` : escapeHtml(text);
    },
    // Text between raw `<pre>`/`<script>`-like tags comes unescaped from marked; escape it too.
    text(token) {
      if ('tokens' in token && token.tokens) return false;
      return 'escaped' in token && token.escaped ? escapeText(token.text) : false;
    },
    image({ href, title, text, tokens }) {
      const alt = tokens ? this.parser.parseInline(tokens, this.parser.textRenderer) : text;
      const url = encodeUrl(href);
      if (url === null || !isAllowedUrl(url, IMAGE_PROTOCOLS, false)) return escapeHtml(alt);
      const titled = title ? ` title="${escapeHtml(title)}"` : '';
      if (imagesAllowed) return `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}"${titled}>`;
      return `<a href="${escapeHtml(url)}"${titled}>${escapeHtml(alt || href)}</a>`;
    },
  },
});

/** The attributes each allowed tag may keep; anything else is removed. */
const TAG_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  ...Object.fromEntries(
    'p h1 h2 h3 h4 h5 h6 ul li blockquote pre em strong del table thead tbody tr hr br'
      .split(' ')
      .map((tag) => [tag, []]),
  ),
  ol: ['start'],
  code: ['class'],
  a: ['href', 'title'],
  th: ['align'],
  td: ['align'],
  input: ['type', 'checked', 'disabled'],
};
const IMG_ATTRIBUTES = ['src', 'alt', 'title'];

/**
 * The `part` of a rendered element, so a page can style a reply from outside
 * (`ai-chat::part(md-link)`): `md-` and its tag, or its role where the tag says little (`a` is
 * `md-link`, the code in a `pre` is `md-code-block`), after the family it belongs to (`md-heading
 * md-h2`, `md-list md-ul`, `md-cell md-td`). Only this module sets `part`: the model cannot (raw
 * HTML is shown as text, and every attribute not in `TAG_ATTRIBUTES` is removed first).
 */
export const partOf = (element: Element): string | undefined => {
  const tag = element.localName;
  if (tag === 'br') return undefined;
  if (tag === 'code' && element.parentElement?.localName === 'pre') return 'md-code-block';
  const family = /^h\d$/.test(tag)
    ? 'heading'
    : tag === 'ul' || tag === 'ol'
      ? 'list'
      : tag === 'th' || tag === 'td'
        ? 'cell'
        : '';
  const name = tag === 'a' ? 'link' : tag === 'input' ? 'checkbox' : tag;
  return `${family ? `md-${family} ` : ''}md-${name}`;
};
const LANGUAGE_CLASS = /^language-[\w#+.-]+$/;
const ALIGNMENTS: ReadonlySet<string> = new Set(['left', 'center', 'right']);

const BASE_TAGS = Object.keys(TAG_ATTRIBUTES);
const ALL_ATTRIBUTES = [...new Set([...Object.values(TAG_ATTRIBUTES).flat(), ...IMG_ATTRIBUTES])];
// DOMPurify's own URI check, as strict as ours (ours runs after it, on the parsed URL).
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

/** The one Trusted Types policy this module creates, to hand DOMPurify its input. */
const TRUSTED_TYPES_POLICY_NAME = 'ai-chat';

type HtmlPolicy = NonNullable<Config['TRUSTED_TYPES_POLICY']>;
interface PolicyFactory {
  createPolicy(
    name: string,
    rules: { createHTML(input: string): string; createScriptURL(): string },
  ): unknown;
}

let policy: HtmlPolicy | null | undefined;

/**
 * The `ai-chat` Trusted Types policy (created once, on first use), or `null` without Trusted
 * Types. Its `createHTML` passes text through: it is private to this module and only wraps
 * marked's HTML on its way into DOMPurify, which parses it inert (`DOMParser`) and returns the
 * sanitized nodes. `createScriptURL` gives nothing usable (no allowed tag takes a script URL). If
 * the name is taken (a second copy of the widget) or refused by the page's `trusted-types`
 * directive, DOMPurify falls back to creating its own `dompurify` policy.
 */
const trustedTypesPolicy = (): HtmlPolicy | null => {
  if (policy !== undefined) return policy;
  policy = null;
  const factory = (globalThis as { trustedTypes?: PolicyFactory }).trustedTypes;
  if (typeof factory?.createPolicy === 'function') {
    try {
      policy = factory.createPolicy(TRUSTED_TYPES_POLICY_NAME, {
        createHTML: (input) => input,
        createScriptURL: () => '',
      }) as HtmlPolicy;
    } catch {
      // Leave it to DOMPurify.
    }
  }
  return policy;
};

const baseConfig = {
  ALLOWED_ATTR: ALL_ATTRIBUTES,
  ALLOWED_URI_REGEXP,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  RETURN_DOM_FRAGMENT: true,
} as const;
type FragmentConfig = Config & { RETURN_DOM_FRAGMENT: true };
const TEXT_CONFIG: FragmentConfig = { ...baseConfig, ALLOWED_TAGS: BASE_TAGS };
const IMAGE_CONFIG: FragmentConfig = { ...baseConfig, ALLOWED_TAGS: [...BASE_TAGS, 'img'] };
// Several renders sanitized at once (`renderTokenGroups`): each is wrapped in a `<div>`, the one
// tag these configs add. No model text can make a `<div>` (raw HTML is shown as text, marked
// makes none), and the wrappers are dropped, their children kept.
const BATCH_TEXT_CONFIG: FragmentConfig = { ...baseConfig, ALLOWED_TAGS: [...BASE_TAGS, 'div'] };
const BATCH_IMAGE_CONFIG: FragmentConfig = { ...baseConfig, ALLOWED_TAGS: [...BASE_TAGS, 'img', 'div'] };
// The same, with the `ai-chat` policy when there is one; made on the first sanitize.
let configs: Record<'text' | 'image' | 'batch-text' | 'batch-image', FragmentConfig> | undefined;
/** The config the private instance holds (`setConfig`). */
let configured: FragmentConfig | undefined;

/**
 * A private DOMPurify instance (hooks on the global default instance would change the host page's
 * DOMPurify), made on the first sanitize: nothing touches the DOM when this module loads, so it
 * can be imported where there is none (server rendering, Node).
 */
let purify: ReturnType<typeof DOMPurify> | undefined;

const purifier = (): ReturnType<typeof DOMPurify> => {
  if (!purify) {
    purify = DOMPurify(window);
    purify.addHook('afterSanitizeAttributes', afterSanitizeAttributes);
  }
  return purify;
};

/** Keeps each tag's own attributes only, and checks the URLs and values that remain. */
function afterSanitizeAttributes(node: Element): void {
  const tag = node.nodeName.toLowerCase();
  const allowed = tag === 'img' ? IMG_ATTRIBUTES : (TAG_ATTRIBUTES[tag] ?? []);
  for (const { name } of Array.from(node.attributes)) {
    if (!allowed.includes(name)) node.removeAttribute(name);
  }
  switch (tag) {
    case 'a': {
      const href = node.getAttribute('href');
      if (href !== null && !isAllowedUrl(href, LINK_PROTOCOLS, true)) node.removeAttribute('href');
      if (node.hasAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
      break;
    }
    case 'img': {
      const src = node.getAttribute('src');
      if (src === null || !isAllowedUrl(src, IMAGE_PROTOCOLS, false)) {
        node.remove();
        break;
      }
      node.setAttribute('loading', 'lazy');
      node.setAttribute('referrerpolicy', 'no-referrer');
      break;
    }
    case 'code': {
      const cls = node.getAttribute('class');
      if (cls !== null && !LANGUAGE_CLASS.test(cls)) node.removeAttribute('class');
      break;
    }
    case 'th':
    case 'td': {
      const align = node.getAttribute('align');
      if (align !== null && !ALIGNMENTS.has(align)) node.removeAttribute('align');
      break;
    }
    case 'ol': {
      const start = node.getAttribute('start');
      if (start !== null && !/^\d{1,9}$/.test(start)) node.removeAttribute('start');
      break;
    }
    case 'input':
      if (node.getAttribute('type') !== 'checkbox') node.remove();
      break;
  }
  const part = partOf(node);
  if (part) node.setAttribute('part', part);
}

/** marked → HTML string for these tokens (not yet sanitized). */
const toHtml = (tokens: Token[], allowImages: boolean): string => {
  imagesAllowed = allowImages;
  try {
    return marked.parser(tokens);
  } finally {
    imagesAllowed = false;
  }
};

const sanitize = (html: string, allowImages: boolean, batch = false): DocumentFragment => {
  if (!configs) {
    const trusted = trustedTypesPolicy();
    const withPolicy = (config: FragmentConfig): FragmentConfig =>
      trusted ? { ...config, TRUSTED_TYPES_POLICY: trusted } : config;
    configs = {
      text: withPolicy(TEXT_CONFIG),
      image: withPolicy(IMAGE_CONFIG),
      'batch-text': withPolicy(BATCH_TEXT_CONFIG),
      'batch-image': withPolicy(BATCH_IMAGE_CONFIG),
    };
  }
  // The config is parsed once (setConfig) rather than on every call: a streaming reply sanitizes
  // its live blocks on every frame, and parsing the config cost more than sanitizing them.
  const kind = allowImages ? 'image' : 'text';
  const config = configs[batch ? (`batch-${kind}` as const) : kind];
  const instance = purifier();
  if (config !== configured) {
    instance.setConfig(config);
    configured = config;
  }
  const fragment = instance.sanitize(html) as unknown as DocumentFragment;
  groupItems(fragment);
  return fragment;
};

/**
 * Lexes markdown into top-level block tokens (with their inline tokens). The `raw` of the tokens,
 * concatenated, is the text with `\r\n` and `\r` turned into `\n`. `links` holds the reference
 * definitions (`[x]: http://…`) found in the text.
 */
export const lexBlocks = (text: string): TokensList => marked.lexer(text);

/**
 * Renders top-level tokens from {@link lexBlocks} to a sanitized fragment. Rendering consecutive
 * runs of tokens separately and concatenating the fragments gives the same DOM as rendering them
 * together.
 */
export const renderTokens = (tokens: Token[], options: MarkdownOptions = {}): DocumentFragment => {
  const allowImages = options.allowImages ?? false;
  return sanitize(toHtml(tokens, allowImages), allowImages);
};

/**
 * Renders each group of tokens as {@link renderTokens} would, sanitized in one pass: each call of
 * the sanitizer parses its input into a new document, which costs more than sanitizing a block
 * or two. A single group goes the same way, so a streaming reply keeps one config (`setConfig`
 * parses a config on every switch).
 */
export const renderTokenGroups = (
  groups: readonly Token[][],
  options: MarkdownOptions = {},
): DocumentFragment[] => {
  if (groups.length === 0) return [];
  const allowImages = options.allowImages ?? false;
  const html = groups.map((tokens) => `<div>${toHtml(tokens, allowImages)}</div>`).join('');
  const wrappers = Array.from(sanitize(html, allowImages, true).children);
  // One wrapper per group, always, as marked's HTML is balanced; if that ever failed, each group
  // would be rendered on its own rather than a group's nodes given to another.
  if (wrappers.length !== groups.length) return groups.map((tokens) => renderTokens(tokens, options));
  return wrappers.map((wrapper) => {
    const fragment = wrapper.ownerDocument.createDocumentFragment();
    fragment.append(...wrapper.childNodes);
    return fragment;
  });
};

/** Renders markdown text to a sanitized `DocumentFragment`, ready to append. */
export const renderMarkdown = (text: string, options: MarkdownOptions = {}): DocumentFragment =>
  renderTokens(lexBlocks(text), options);

/** Whether the lexed text holds reference definitions, which can change how other blocks render. */
export const hasLinkDefinitions = (tokens: TokensList): boolean => Object.keys(tokens.links).length > 0;

export type { Token, Tokens, TokensList };
