// formatTime: a message's ISO time as the reader's short time of day and full date, in the
// element's language. Times without a zone are local, so the expected text does not depend on the
// machine's time zone; whitespace is compared loosely (ICU puts a narrow no-break space before AM).
import { expect } from '@open-wc/testing';
import { formatTime } from '../src/views/time.js';

const loose = (text: string | undefined) => text?.replace(/\s/g, ' ');
const LOCAL = '2024-03-05T09:05:00';

describe('views/time: formatTime', () => {
  for (const bad of ['', 'not a date', '2024-13-45T99:99', 'NaN']) {
    it(`gives nothing for ${JSON.stringify(bad)}`, () => {
      expect(formatTime(bad, 'en-US')).to.equal(undefined);
    });
  }

  for (const [locale, short] of [
    ['en-US', /^9:05 AM$/],
    ['en-GB', /^0?9:05$/],
    ['de', /^0?9:05$/],
    ['ar-EG', /^٠?٩:٠٥ ص$/],
  ] as const) {
    it(`shows the time of day the ${locale} way (${short.source})`, () => {
      expect(loose(formatTime(LOCAL, locale)?.short)).to.match(short);
    });
  }

  it('gives the full date and time as the long form', () => {
    const long = loose(formatTime(LOCAL, 'en-US')?.long)!;
    for (const part of ['Tuesday', 'March 5, 2024', '9:05 AM']) expect(long).to.contain(part);
    const de = loose(formatTime(LOCAL, 'de')?.long)!;
    for (const part of ['Dienstag', '5. März 2024', '09:05']) expect(de).to.contain(part);
  });

  it('formats a time once per language (a transcript is drawn again on every update)', () => {
    const first = formatTime(LOCAL, 'en-US');
    expect(formatTime(LOCAL, 'en-US')).to.equal(first);
    expect(formatTime(LOCAL, 'de')).not.to.equal(first);
    expect(loose(formatTime(LOCAL, 'de')?.short)).to.match(/^0?9:05$/);
  });

  it('reads a time with a zone in the reader’s own zone', () => {
    const iso = '2024-03-05T23:59:30Z';
    const date = new Date(iso);
    const [hours, minutes] = formatTime(iso, 'en-GB')!.short.split(':').map(Number);
    expect([hours, minutes]).to.deep.equal([date.getHours(), date.getMinutes()]);
  });

  it('uses the browser’s language when none is given, and for a tag that is not a language', () => {
    const browser = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(
      new Date(LOCAL),
    );
    expect(formatTime(LOCAL, '')?.short).to.equal(browser);
    let result: ReturnType<typeof formatTime>;
    expect(() => {
      result = formatTime(LOCAL, 'not a language!');
    }).to.not.throw();
    expect(result!.short).to.equal(browser);
    // Asked again (now from the cache), the same.
    expect(formatTime(LOCAL, 'not a language!')?.short).to.equal(browser);
  });

  it('keeps each language apart (one formatter per language)', () => {
    const evening = '2024-03-05T21:05:00';
    expect(loose(formatTime(evening, 'en-US')?.short)).to.equal('9:05 PM');
    expect(formatTime(evening, 'en-GB')?.short).to.equal('21:05');
    expect(loose(formatTime(evening, 'en-US')?.short)).to.equal('9:05 PM');
  });
});
