// Helpers for test/security.test.ts: execution traps, DOM allow-list checks, a seeded PRNG and
// chunkings of a text.

/** What the traps saw. Every list must stay empty. */
export interface Traps {
  /** alert/confirm/prompt/print/open calls and writes to `window.__xss`. */
  readonly executions: string[];
  /** Uncaught script errors (a payload that ran but failed still shows up here). */
  readonly errors: string[];
  /** CSP violations reported by the page. */
  readonly violations: string[];
  /** Dangerous elements added to the page's light DOM, and changes to its URL or base URL. */
  readonly injected: string[];
  /** Puts everything back and reports a changed page URL or base URL. */
  restore(): void;
}

declare global {
  interface Window {
    __xss?: unknown;
  }
}

const TRAPPED = ['alert', 'confirm', 'prompt', 'print', 'open'] as const;
const LIGHT_DOM_DANGER = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'link',
  'meta',
  'base',
  'style',
  'img',
  'svg',
  'math',
  'form',
  'template',
  'portal',
]);

/**
 * Replaces `alert`, `confirm`, `prompt`, `print` and `open` with recorders, traps writes to
 * `window.__xss`, listens for uncaught errors and CSP violations, and watches the page's light DOM
 * for dangerous elements.
 */
export function installTraps(): Traps {
  const executions: string[] = [];
  const errors: string[] = [];
  const violations: string[] = [];
  const injected: string[] = [];
  const saved = TRAPPED.map((name) => [name, window[name]] as const);
  for (const name of TRAPPED) {
    (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      executions.push(`${name}(${args.map((a) => String(a)).join(', ')})`);
      return name === 'confirm' ? false : name === 'prompt' ? null : undefined;
    };
  }
  Object.defineProperty(window, '__xss', {
    configurable: true,
    get: () => undefined,
    set: (value: unknown) => {
      executions.push(`window.__xss = ${String(value)}`);
    },
  });
  const onError = (event: ErrorEvent) => {
    if (event instanceof ErrorEvent) errors.push(`${event.message} (${event.filename}:${event.lineno})`);
  };
  const onViolation = (event: SecurityPolicyViolationEvent) =>
    violations.push(`${event.violatedDirective}: ${event.blockedURI}`);
  window.addEventListener('error', onError, true);
  document.addEventListener('securitypolicyviolation', onViolation, true);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        for (const el of [node, ...node.querySelectorAll('*')]) {
          if (LIGHT_DOM_DANGER.has(el.localName)) injected.push(`<${el.localName}> added to the page`);
        }
      }
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  const href = location.href;
  const base = document.baseURI;
  return {
    executions,
    errors,
    violations,
    injected,
    restore() {
      observer.disconnect();
      window.removeEventListener('error', onError, true);
      document.removeEventListener('securitypolicyviolation', onViolation, true);
      for (const [name, original] of saved) (window as unknown as Record<string, unknown>)[name] = original;
      delete window.__xss;
      if (location.href !== href) injected.push(`the page URL changed to ${location.href}`);
      if (document.baseURI !== base) injected.push(`the base URL changed to ${document.baseURI}`);
    },
  };
}

/** The attributes each element a reply may contain can carry (after the sanitizer's own). */
const REPLY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  p: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  ul: [],
  ol: ['start'],
  li: [],
  blockquote: [],
  pre: [],
  code: ['class'],
  em: [],
  strong: [],
  del: [],
  a: ['href', 'title', 'target', 'rel'],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ['align'],
  td: ['align'],
  hr: [],
  br: [],
  input: ['type', 'checked', 'disabled'],
};
const IMG_ATTRIBUTES: readonly string[] = ['src', 'alt', 'title', 'loading', 'referrerpolicy'];
/** The one `part` the renderer gives each element of a reply (documented in docs/theming.md). */
const REPLY_PARTS: Readonly<Record<string, string>> = {
  p: 'md-p',
  h1: 'md-heading md-h1',
  h2: 'md-heading md-h2',
  h3: 'md-heading md-h3',
  h4: 'md-heading md-h4',
  h5: 'md-heading md-h5',
  h6: 'md-heading md-h6',
  a: 'md-link',
  strong: 'md-strong',
  em: 'md-em',
  del: 'md-del',
  code: 'md-code',
  pre: 'md-pre',
  blockquote: 'md-blockquote',
  ul: 'md-list md-ul',
  ol: 'md-list md-ol',
  li: 'md-li',
  input: 'md-checkbox',
  table: 'md-table',
  thead: 'md-thead',
  tbody: 'md-tbody',
  tr: 'md-tr',
  th: 'md-cell md-th',
  td: 'md-cell md-td',
  hr: 'md-hr',
  img: 'md-img',
};
/** The part an element of a reply must have (or none, for `br`). */
export const replyPartOf = (el: Element): string | undefined =>
  el.localName === 'code' && el.parentElement?.localName === 'pre'
    ? 'md-code-block'
    : REPLY_PARTS[el.localName];
export const FORBIDDEN_TAGS =
  'svg, math, script, style, iframe, object, embed, link, meta, base, form, template, frame, frameset, portal, textarea, select, button, noscript, img';
const LINK_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
const XHTML = 'http://www.w3.org/1999/xhtml';

/** The protocol `href` navigates to from this page, or null when it does not parse. */
export const protocolOf = (href: string): string | null => {
  try {
    return new URL(href, location.href).protocol;
  } catch {
    return null;
  }
};

/** Whether a link to `href` may be followed (http, https, mailto). */
export const isSafeHref = (href: string): boolean => LINK_PROTOCOLS.has(protocolOf(href) ?? '');

/**
 * Everything wrong with a rendered reply: an element outside the allow-list, an attribute outside
 * its tag's allow-list, an unsafe link or image. An empty list means the reply is safe.
 */
export function replyProblems(root: Element | DocumentFragment, allowImages: boolean): string[] {
  const problems: string[] = [];
  const forbidden = allowImages ? FORBIDDEN_TAGS.replace(', img', '') : FORBIDDEN_TAGS;
  for (const el of root.querySelectorAll(forbidden)) problems.push(`forbidden <${el.localName}>`);
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName;
    if (el.namespaceURI !== XHTML) problems.push(`<${tag}> in namespace ${el.namespaceURI}`);
    const allowed = tag === 'img' && allowImages ? IMG_ATTRIBUTES : REPLY_ATTRIBUTES[tag];
    if (!allowed) problems.push(`element <${tag}> is not allowed`);
    for (const { name, value } of el.attributes) {
      if (/^on/i.test(name)) problems.push(`<${tag} ${name}="${value}"> event handler`);
      else if (name === 'part') {
        if (value !== replyPartOf(el)) problems.push(`<${tag} part="${value}"> is not the renderer's part`);
      } else if (/^(style|id|name|form.*|srcdoc|xlink:href|action|slot)$/i.test(name))
        problems.push(`<${tag} ${name}="${value}"> forbidden attribute`);
      else if (!allowed?.includes(name)) problems.push(`<${tag} ${name}="${value}"> attribute not allowed`);
    }
    switch (tag) {
      case 'a': {
        const href = el.getAttribute('href');
        if (href === null) break;
        if (!isSafeHref(href)) problems.push(`<a href="${href}"> goes to ${protocolOf(href) ?? 'nowhere'}`);
        if (el.getAttribute('target') !== '_blank') problems.push(`<a href="${href}"> has no target=_blank`);
        const rel = (el.getAttribute('rel') ?? '').split(/\s+/);
        if (!rel.includes('noopener') || !rel.includes('noreferrer'))
          problems.push(`<a href="${href}"> has rel="${el.getAttribute('rel')}"`);
        break;
      }
      case 'img': {
        const src = el.getAttribute('src') ?? '';
        const protocol = protocolOf(src);
        if (!/^https?:/i.test(src) || (protocol !== 'http:' && protocol !== 'https:'))
          problems.push(`<img src="${src}">`);
        if (el.getAttribute('referrerpolicy') !== 'no-referrer')
          problems.push(`<img src="${src}"> sends a referrer`);
        break;
      }
      case 'code': {
        const cls = el.getAttribute('class');
        if (cls !== null && !/^language-[\w#+.-]+$/.test(cls)) problems.push(`<code class="${cls}">`);
        break;
      }
      case 'input':
        if (el.getAttribute('type') !== 'checkbox' || !el.hasAttribute('disabled'))
          problems.push(`<input type="${el.getAttribute('type')}"> (not a disabled checkbox)`);
        break;
    }
  }
  return problems;
}

/** Every `on*` attribute under `root` (shadow roots included), as `tag[name]`. */
export function handlerAttributes(root: ParentNode): string[] {
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    for (const { name } of el.attributes) if (/^on/i.test(name)) found.push(`${el.localName}[${name}]`);
    if (el.shadowRoot) found.push(...handlerAttributes(el.shadowRoot));
  }
  return found;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same chunkings on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `text` into chunks of 1..`max` characters, at random. */
export function randomChunks(text: string, random: () => number, max: number): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < text.length;) {
    const size = 1 + Math.floor(random() * Math.max(1, max));
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

/** Splits `text` at these offsets. */
export function chunksAt(text: string, offsets: readonly number[]): string[] {
  const chunks: string[] = [];
  let from = 0;
  for (const at of offsets) {
    chunks.push(text.slice(from, at));
    from = at;
  }
  chunks.push(text.slice(from));
  return chunks.filter((chunk) => chunk !== '');
}

/** The next animation frame. */
export const nextFrame = (): Promise<void> =>
  new Promise((resolve) => requestAnimationFrame(() => resolve()));

let sentinels = 0;

/**
 * Resolves once every `javascript:` navigation started before it has run (or would have): it
 * follows a `javascript:` link of its own and waits until that runs. A page runs `javascript:` URLs
 * as tasks queued in the order their links were followed, so a link clicked earlier (one the
 * sanitizer should have disarmed) has had its turn by then. Rejects after `timeout` ms.
 */
export async function javascriptUrlsRan(timeout = 5000): Promise<void> {
  const key = `__aiChatSentinel${++sentinels}`;
  const store = window as unknown as Record<string, unknown>;
  let ran = false;
  store[key] = () => {
    ran = true;
  };
  const link = document.createElement('a');
  link.href = `javascript:void window.${key}()`;
  document.body.append(link);
  link.click();
  link.remove();
  try {
    await waitFor(() => ran, 'a javascript: link followed after the ones under test to run', timeout);
  } finally {
    delete store[key];
  }
}

/** Polls `predicate` every few milliseconds (faster than the 20 ms of test/support/element.ts). */
export async function waitFor(predicate: () => unknown, what: string, timeout = 5000): Promise<void> {
  const end = performance.now() + timeout;
  while (!predicate()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
