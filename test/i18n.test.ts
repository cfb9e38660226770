// Languages: English, Spanish, French, German and Arabic built in, chosen from `lang` (the
// element's, an ancestor's, the document's); `strings` overrides; Arabic lays out right to left;
// message times are formatted with Intl in the language.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import ar from '../src/i18n/ar.js';
import de from '../src/i18n/de.js';
import en from '../src/i18n/en.js';
import es from '../src/i18n/es.js';
import fr from '../src/i18n/fr.js';
import { mergeStrings, type Strings } from '../src/i18n/index.js';
import { clinic } from '../src/presets/clinic.js';
import { closeBackends, startBackend, type Backend } from './support/backend.js';
import { connected, q, qa, replies, until, litWarnings } from './support/element.js';

const languages: Record<string, Strings> = { en, es, fr, de, ar };
const stringsFor = (lang: string, override?: Parameters<typeof mergeStrings>[1]) =>
  mergeStrings(languages[lang]!, override);

const text = (el: AiChat, selector: string) => q(el, selector)?.textContent?.trim();

/** What the UI says, from the places each language changes. */
const shown = (el: AiChat) => ({
  heading: text(el, '[part~="heading"]'),
  status: text(el, '[part~="status-text"]'),
  placeholder: q(el, '[part~="input"]')!.getAttribute('placeholder'),
  inputLabel: q(el, '[part~="input"]')!.getAttribute('aria-label'),
  send: q(el, '[part~="send"]')!.getAttribute('aria-label'),
  emptyTitle: text(el, '.empty-title'),
  intro: text(el, '[part~="empty"] .muted'),
  suggestions: qa(el, '[part~="suggestion"]').map((b) => b.textContent!.trim()),
});

/** What a language shows; with the clinic preset, its intro and suggestions for the `faq` feature. */
const expected = (lang: string, preset = false) => {
  const s = languages[lang]!;
  const faq = preset ? clinic[lang as keyof typeof clinic].features!.faq : undefined;
  return {
    heading: s.heading,
    status: s.status.idle,
    placeholder: s.placeholder,
    inputLabel: s.inputLabel,
    send: s.send,
    emptyTitle: s.emptyTitle,
    intro: faq?.intro ?? s.emptyBody,
    suggestions: faq?.suggestions ?? [],
  };
};

/** A history message from the server with a fixed time. */
const history = (backend: Backend, id: string, time: string, type = 'ai') =>
  backend.call('push', {
    type: 'message',
    data: {
      id,
      session_id: 's',
      content: `Message ${id}`,
      type,
      timestamp: time,
      sender_id: 'x',
      metadata: null,
    },
  });

describe('languages', () => {
  afterEach(closeBackends);

  for (const lang of ['en', 'es', 'fr', 'de', 'ar']) {
    it(`shows every string in ${lang} with lang="${lang}"`, async () => {
      const el = await fixture<AiChat>(html`<ai-chat lang=${lang} feature="faq"></ai-chat>`);
      expect(shown(el)).to.deep.equal(expected(lang));
      const root = q(el, '.root')!;
      expect(root.getAttribute('lang')).to.equal(lang);
      expect(root.getAttribute('dir')).to.equal(lang === 'ar' ? 'rtl' : 'ltr');
      if (lang !== 'en') expect(shown(el).placeholder).to.not.equal(languages.en!.placeholder);
      await expect(el).to.be.accessible();
    });

    it(`shows the clinic preset's intro and suggestions in ${lang} (the strings property)`, async () => {
      const preset = clinic[lang as keyof typeof clinic];
      const el = await fixture<AiChat>(
        html`<ai-chat lang=${lang} feature="faq" .strings=${preset}></ai-chat>`,
      );
      expect(shown(el)).to.deep.equal(expected(lang, true));
      await expect(el).to.be.accessible();
    });
  }

  it('keeps clinic copy out of the built-in strings, in the clinic preset', () => {
    for (const [lang, strings] of Object.entries(languages)) {
      expect(strings.features, lang).to.deep.equal({});
      expect(strings.emergencyNotice, lang).to.not.match(/112|911/);
      const preset = clinic[lang as keyof typeof clinic];
      expect(preset.emergencyNotice, lang).to.match(/112 \/ 911/);
      expect(Object.keys(preset.features!).sort(), lang).to.deep.equal(
        Object.keys(clinic.en.features!).sort(),
      );
    }
  });

  it('has the same keys in every built-in language', () => {
    const keys = (value: object) => Object.keys(value).sort();
    for (const [lang, strings] of Object.entries(languages)) {
      expect(keys(strings), lang).to.deep.equal(keys(languages.en!));
      for (const [key, value] of Object.entries(strings)) {
        expect(typeof value, `${lang}.${key}`).to.equal(
          typeof (languages.en as unknown as Record<string, unknown>)[key],
        );
      }
      expect(keys(strings.status), `${lang}.status`).to.deep.equal(keys(languages.en!.status));
      expect(keys(strings.features), `${lang}.features`).to.deep.equal(keys(languages.en!.features));
    }
  });

  it("takes the language of the nearest ancestor, across shadow roots, else the document's", async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="de-AT"><ai-chat feature="faq"></ai-chat></div>`,
    );
    const el = wrapper.querySelector('ai-chat')!;
    await el.updateComplete;
    expect(shown(el)).to.deep.equal(expected('de'));
    expect(q(el, '.root')!.getAttribute('lang')).to.equal('de-AT');

    const outer = await fixture<HTMLDivElement>(html`<div lang="fr"></div>`);
    const host = document.createElement('div');
    outer.append(host);
    const inner = document.createElement('ai-chat');
    host.attachShadow({ mode: 'open' }).append(inner);
    await inner.updateComplete;
    expect(q(inner, '[part~="input"]')!.getAttribute('placeholder')).to.equal(languages.fr!.placeholder);

    const before = document.documentElement.lang;
    try {
      const plain = await fixture<AiChat>(html`<ai-chat></ai-chat>`);
      document.documentElement.lang = 'es';
      await until(() => text(plain, '[part~="heading"]') === 'Asistente', 'Spanish from the document');
      document.documentElement.lang = 'xx';
      await until(() => text(plain, '[part~="heading"]') === 'Assistant', 'English for an unknown language');
      expect(q(plain, '.root')!.getAttribute('lang')).to.equal('en');
    } finally {
      document.documentElement.lang = before;
    }
  });

  it("follows a change of the element's lang, and falls back to English for an unusable tag", async () => {
    const el = await fixture<AiChat>(html`<ai-chat lang="de"></ai-chat>`);
    expect(text(el, '[part~="heading"]')).to.equal('Assistent');
    el.lang = 'ar';
    await until(() => text(el, '[part~="heading"]') === 'المساعد', 'Arabic');
    el.setAttribute('lang', 'not a tag!');
    await until(() => text(el, '[part~="heading"]') === 'Assistant', 'English');
    expect(q(el, '.root')!.getAttribute('lang')).to.equal('en');
  });

  it('`strings` overrides any string over the language in use, a table entry by entry', async () => {
    const el = await fixture<AiChat>(html`<ai-chat lang="es" feature="faq"></ai-chat>`);
    el.strings = {
      heading: 'Recepción',
      status: { idle: 'Dormido' },
      features: { faq: { intro: 'Pregúntenos.', suggestions: ['¿Hay wifi?'] } },
      counter: (length, max) => `${max - length} restantes`,
    };
    await el.updateComplete;
    const now = shown(el);
    expect(now.heading).to.equal('Recepción');
    expect(now.status).to.equal('Dormido');
    expect(now.placeholder, 'the rest stays Spanish').to.equal(languages.es!.placeholder);
    expect(now.intro).to.equal('Pregúntenos.');
    expect(now.suggestions).to.deep.equal(['¿Hay wifi?']);
    const merged = stringsFor('es', el.strings);
    expect(merged.status.connected, 'other statuses stay').to.equal('En línea');
    expect(merged.counter(10, 20)).to.equal('10 restantes');
    // The heading attribute still wins for the heading.
    el.heading = 'Mostrador';
    await el.updateComplete;
    expect(text(el, '[part~="heading"]')).to.equal('Mostrador');
    // A language without built-in strings takes the override's words and keeps its tag.
    el.lang = 'it';
    el.strings = { heading: 'Assistente' };
    await until(() => text(el, '[part~="heading"]') === 'Mostrador', 'update');
    el.heading = undefined;
    await until(() => text(el, '[part~="heading"]') === 'Assistente', 'Italian heading');
    expect(q(el, '.root')!.getAttribute('lang')).to.equal('it');
    expect(stringsFor('es', { heading: 42 } as never).heading, 'wrong types are ignored').to.equal(
      'Asistente',
    );
  });

  it('lays Arabic out right to left: user bubbles at the left, the assistant at the right', async () => {
    const backend = await startBackend();
    const el = await fixture<AiChat>(
      html`<ai-chat lang="ar" endpoint=${backend.url('/ai/{feature}/ws')} token="t" feature="faq"></ai-chat>`,
    );
    await connected(el);
    await backend.call('nextReply', 'يمكنك ركن السيارة خلف العيادة.');
    el.send('أين يمكنني ركن سيارتي؟');
    await replies(el);
    await el.updateComplete;
    const panel = q(el, '[part~="panel"]')!;
    expect(getComputedStyle(panel).direction).to.equal('rtl');
    const log = q(el, '[part~="log"]')!.getBoundingClientRect();
    const user = q(el, '[part~="message"][part~="user"]')!.getBoundingClientRect();
    const assistant = q(el, '[part~="message"][part~="assistant"]')!.getBoundingClientRect();
    expect(user.left, 'the user bubble hugs the left').to.be.below(log.left + 20);
    expect(assistant.right, 'the assistant bubble hugs the right').to.be.above(log.right - 20);
    expect(user.left).to.be.below(assistant.left);
    // The send button comes after the input: to its left.
    const input = q(el, '[part~="input"]')!.getBoundingClientRect();
    const send = q(el, '[part~="send"]')!.getBoundingClientRect();
    expect(send.right).to.be.at.most(input.left);
    expect(text(el, '[part~="user"] .visually-hidden')).to.equal('أنت:');
    await expect(el).to.be.accessible();

    // An English message keeps its own direction inside the Arabic UI.
    await backend.call('nextReply', 'Parking is behind the clinic.');
    el.send('Where can I park?');
    await replies(el, 2);
    await el.updateComplete;
    const english = qa(el, '[part~="assistant"] [part~="content"]').at(-1)!;
    expect(getComputedStyle(english).direction).to.equal('ltr');

    // The element's own dir wins over the language.
    el.setAttribute('dir', 'ltr');
    await until(() => getComputedStyle(panel).direction === 'ltr', 'dir="ltr" wins');
  });

  it('formats message times with Intl in the language (short caption, full date in the title)', async () => {
    const backend = await startBackend();
    const el = await fixture<AiChat>(
      html`<ai-chat lang="en-US" endpoint=${backend.url('/ai/{feature}/ws')} token="t"></ai-chat>`,
    );
    await connected(el);
    const iso = '2026-11-21T15:05:00Z';
    await history(backend, 'h-1', iso);
    await until(() => q(el, '[part~="time"]'), 'a message time');
    const date = new Date(iso);
    const short = (lang: string) =>
      new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }).format(date);
    const long = (lang: string) =>
      new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short' }).format(date);
    for (const lang of ['en-US', 'de', 'fr', 'es', 'ar']) {
      el.lang = lang;
      await until(() => q(el, '.root')!.getAttribute('lang') === lang, `lang ${lang}`);
      const time = q(el, '[part~="time"]')!;
      expect(time.textContent, lang).to.equal(short(lang));
      expect(time.getAttribute('title'), lang).to.equal(long(lang));
      expect(time.getAttribute('datetime')).to.equal(iso);
    }
    expect(short('en-US')).to.match(/AM|PM/);
    expect(short('de')).to.not.match(/AM|PM/);
    expect(short('de')).to.not.equal(short('ar'));
  });

  it('translates card labels and formats their dates in the language', async () => {
    const backend = await startBackend();
    const el = await fixture<AiChat>(
      html`<ai-chat lang="de" endpoint=${backend.url('/ai/{feature}/ws')} token="t"></ai-chat>`,
    );
    await connected(el);
    await backend.call('push', {
      type: 'complete',
      message_id: 'd1',
      data: {
        content: 'Diese Ärzte können helfen.',
        recommendations: [{ id: 1, name: 'Dr. Rossi', rating: 4.5, next_available: '2026-11-23T09:30:00Z' }],
      },
    });
    await until(() => q(el, '[part~="card"]'), 'the card');
    expect(text(el, '[part~="card-title"]')).to.equal(languages.de!.doctors);
    expect(text(el, '[part~="action"]')).to.equal('Auswählen');
    expect(q(el, '[part~="card-item"]')!.textContent).to.contain('Bewertet mit 4,5 von 5');
    const when = new Intl.DateTimeFormat('de', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: 'numeric',
      minute: '2-digit',
    }).format(new Date('2026-11-23T09:30:00Z'));
    expect(q(el, '[part~="card-item"]')!.textContent).to.contain(`Nächster freier Termin: ${when}`);
  });
});

describe('languages: Lit', () => {
  it('issued no warning across the tests above', () => {
    expect(litWarnings()).to.deep.equal([]);
  });
});
