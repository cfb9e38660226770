// Message times in the reader's language, with `Intl.DateTimeFormat`; one formatter per locale.

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

/** An ISO time as a short time of day (`9:05 AM`, `09:05`, `٩:٠٥ ص`) and a full date and time; undefined if unparseable. */
export function formatTime(iso: string, locale: string): { short: string; long: string } | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  const { short, long } = formatsFor(locale);
  return { short: short.format(date), long: long.format(date) };
}
