// Message times in the reader's language, with `Intl.DateTimeFormat`: one formatter per locale, each
// time formatted once.

interface TimeFormats {
  short: Intl.DateTimeFormat;
  long: Intl.DateTimeFormat;
}

const formats = new Map<string, TimeFormats>();

function formatsFor(locale: string): TimeFormats {
  let found = formats.get(locale);
  if (!found) {
    const make = (options: Intl.DateTimeFormatOptions) => {
      try {
        return new Intl.DateTimeFormat(locale || undefined, options);
      } catch {
        return new Intl.DateTimeFormat(undefined, options);
      }
    };
    found = {
      short: make({ hour: 'numeric', minute: '2-digit' }),
      long: make({ dateStyle: 'full', timeStyle: 'short' }),
    };
    formats.set(locale, found);
  }
  return found;
}

/** Times already formatted, by locale and ISO time (a transcript is drawn again on every update). */
const formatted = new Map<string, { short: string; long: string }>();
/** Enough for the longest transcript kept; past it the cache starts again. */
const FORMATTED_LIMIT = 1000;

/** An ISO time as a short time of day (`9:05 AM`, `09:05`, `٩:٠٥ ص`) and a full date and time; undefined if unparseable. */
export function formatTime(iso: string, locale: string): { short: string; long: string } | undefined {
  const key = `${locale}\n${iso}`;
  const known = formatted.get(key);
  if (known) return known;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  const { short, long } = formatsFor(locale);
  const result = { short: short.format(date), long: long.format(date) };
  if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
  formatted.set(key, result);
  return result;
}
