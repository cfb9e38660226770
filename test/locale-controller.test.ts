// LocaleController: the language an element is in (its own `lang`, else the nearest ancestor's
// across shadow roots, else the document's) and its `dir`, and an update whenever the element's
// or the document's `lang` or `dir` changes, and only then. A small Lit host counts its updates.
// "No update" is proved by a MutationObserver made after the controller's: observers are told of a
// mutation in the order they were made, so when ours hears it, the controller has heard it too,
// and an update it asked for would be pending.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { LocaleController } from '../src/controllers/locale-controller.js';

class LocaleHost extends LitElement {
  readonly locale = new LocaleController(this);
  updates = 0;
  override updated(): void {
    this.updates++;
  }
}
customElements.define('locale-host', LocaleHost);

declare global {
  interface HTMLElementTagNameMap {
    'locale-host': LocaleHost;
  }
}

/** A host element carrying a shadow root with `inner` in it. */
function shadowed(inner: Element, lang?: string): HTMLElement {
  const outer = document.createElement('div');
  if (lang !== undefined) outer.setAttribute('lang', lang);
  outer.attachShadow({ mode: 'open' }).append(inner);
  return outer;
}

/**
 * Runs `mutate` and tells whether `el` had an update pending when a MutationObserver made after
 * the controller's was told of it (see the header). Read in that observer's callback: the update
 * itself runs in a microtask after the observers' callbacks.
 */
function pendingWhenTold(el: LocaleHost, target: Element, mutate: () => void): Promise<boolean> {
  const told = new Promise<boolean>((resolve) => {
    const witness = new MutationObserver(() => {
      witness.disconnect();
      resolve(el.isUpdatePending);
    });
    witness.observe(target, { attributes: true });
  });
  mutate();
  return told;
}

describe('LocaleController', () => {
  const root = document.documentElement;
  const saved = { lang: root.getAttribute('lang'), dir: root.getAttribute('dir') };
  const restore = (name: 'lang' | 'dir') => {
    const value = saved[name];
    if (value === null) root.removeAttribute(name);
    else root.setAttribute(name, value);
  };
  beforeEach(() => {
    root.removeAttribute('lang');
    root.removeAttribute('dir');
  });
  afterEach(() => {
    restore('lang');
    restore('dir');
  });

  describe('lang', () => {
    it('is "" when nothing says', async () => {
      const el = await fixture<LocaleHost>(html`<locale-host></locale-host>`);
      expect(el.locale.lang).to.equal('');
    });

    it('is the element’s own, trimmed', async () => {
      const wrapper = await fixture(html`<div lang="fr"><locale-host lang=" de-CH "></locale-host></div>`);
      expect(wrapper.querySelector('locale-host')!.locale.lang).to.equal('de-CH');
    });

    it('is the nearest ancestor’s', async () => {
      const wrapper = await fixture(html`
        <div lang="ar">
          <section lang="fa">
            <p><locale-host></locale-host></p>
          </section>
        </div>
      `);
      expect(wrapper.querySelector('locale-host')!.locale.lang).to.equal('fa');
    });

    it('is found across shadow roots (the element inside another component)', async () => {
      const el = document.createElement('locale-host');
      const middle = shadowed(el);
      const outer = shadowed(middle, 'he');
      const wrapper = await fixture(html`<div lang="en">${outer}</div>`);
      expect(wrapper.contains(outer)).to.equal(true);
      expect(el.locale.lang, 'the nearest host with a lang').to.equal('he');
      outer.removeAttribute('lang');
      expect(el.locale.lang, 'then the light DOM around the outer host').to.equal('en');
    });

    it('falls back to the document’s', async () => {
      root.setAttribute('lang', 'pt-BR');
      const el = await fixture<LocaleHost>(html`<locale-host></locale-host>`);
      expect(el.locale.lang).to.equal('pt-BR');
    });

    it('an explicit lang="" means unknown and stops the search (as in HTML)', async () => {
      root.setAttribute('lang', 'de');
      const wrapper = await fixture(html`<div lang=""><locale-host></locale-host></div>`);
      expect(wrapper.querySelector('locale-host')!.locale.lang).to.equal('');
    });
  });

  describe('dir', () => {
    for (const [given, expected] of [
      ['rtl', 'rtl'],
      ['ltr', 'ltr'],
      ['RTL', 'rtl'],
      ['auto', undefined],
      ['sideways', undefined],
      [null, undefined],
    ] as const) {
      it(`dir=${JSON.stringify(given)} gives ${String(expected)}`, async () => {
        const el = await fixture<LocaleHost>(html`<locale-host></locale-host>`);
        if (given !== null) el.setAttribute('dir', given);
        expect(el.locale.dir).to.equal(expected);
      });
    }

    it('reads only the element’s own dir (not an ancestor’s, not the document’s)', async () => {
      root.setAttribute('dir', 'rtl');
      const wrapper = await fixture(html`<div dir="rtl"><locale-host></locale-host></div>`);
      expect(wrapper.querySelector('locale-host')!.locale.dir).to.equal(undefined);
    });
  });

  describe('updates', () => {
    const changes: [string, (el: LocaleHost) => Element, (el: LocaleHost) => void][] = [
      ['the element’s lang', (el) => el, (el) => el.setAttribute('lang', 'fr')],
      ['the element’s dir', (el) => el, (el) => el.setAttribute('dir', 'rtl')],
      ['the document’s lang', () => root, () => root.setAttribute('lang', 'ja')],
      ['the document’s dir', () => root, () => root.setAttribute('dir', 'rtl')],
    ];
    for (const [what, target, change] of changes) {
      it(`a change of ${what} updates the element, once`, async () => {
        const el = await fixture<LocaleHost>(html`<locale-host></locale-host>`);
        const before = el.updates;
        expect(el.isUpdatePending).to.equal(false);
        expect(await pendingWhenTold(el, target(el), () => change(el))).to.equal(true);
        await el.updateComplete;
        expect(el.updates - before).to.equal(1);
        expect(el.isUpdatePending).to.equal(false);
      });
    }

    it('other attributes of the element or the document do not update it', async () => {
      const el = await fixture<LocaleHost>(html`<locale-host></locale-host>`);
      const before = el.updates;
      expect(await pendingWhenTold(el, el, () => el.setAttribute('title', 'x')), 'title').to.equal(false);
      const theme = await pendingWhenTold(el, root, () => root.setAttribute('data-theme', 'dark'));
      root.removeAttribute('data-theme');
      expect(theme, 'data-theme on the document').to.equal(false);
      await el.updateComplete;
      expect(el.updates).to.equal(before);
    });

    it('stops listening when removed, and listens again when put back', async () => {
      const el = await fixture<LocaleHost>(html`<locale-host></locale-host>`);
      const parent = el.parentElement!;
      el.remove();
      expect(await pendingWhenTold(el, el, () => el.setAttribute('lang', 'nl')), 'own lang').to.equal(false);
      expect(await pendingWhenTold(el, root, () => root.setAttribute('lang', 'sv')), 'document').to.equal(
        false,
      );

      parent.append(el);
      await el.updateComplete;
      expect(
        await pendingWhenTold(el, root, () => root.setAttribute('lang', 'fi')),
        'back in the page, the document’s lang updates it',
      ).to.equal(true);
      await el.updateComplete;
      expect(el.locale.lang).to.equal('nl');
    });
  });
});
