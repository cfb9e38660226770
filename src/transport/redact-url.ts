/**
 * A URL as it may be shown in a message or a warning: no query string or fragment (`?…` in their
 * place) and no user info, where tokens and keys travel. Works on text that is not a valid URL
 * too (an endpoint template, a typo), so what a page set can always be described safely.
 */
export function redactUrl(url: string): string {
  const [base = ''] = url.split(/[?#]/, 1);
  return base.replace(/^([^:/?#]*:?\/\/)[^/?#]*@/, '$1') + (base.length < url.length ? '?…' : '');
}
