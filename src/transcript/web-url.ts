// Whether a link a backend sent may be shown as one: an absolute http(s) URL of sane length. A
// module of its own: the sources' view checks it again without the reducer's code.

/** The longest URL kept. */
export const MAX_URL_CHARS = 2048;

/** Whether a link may be shown: an absolute `http:` or `https:` URL (never `javascript:`, `data:`, …), at most `MAX_URL_CHARS` long. */
export function isWebUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_URL_CHARS) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
