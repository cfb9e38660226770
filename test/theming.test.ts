// Theming: outside CSS reaches every part and every `--ai-chat-*` custom property, page CSS does
// not leak in, and the light/dark palettes follow `prefers-color-scheme` unless `theme` says.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import { closeBackends, startBackend, type Backend } from './support/backend.js';
import { connected, q, qa, until, litWarnings } from './support/element.js';
import { clinic } from '../src/presets/clinic.js';

/** Adds a page stylesheet for one test; returns its remover. */
function pageStyle(css: string): () => void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  return () => style.remove();
}

const computed = (el: Element, property: string) => getComputedStyle(el).getPropertyValue(property).trim();

/**
 * An inline chat showing nearly every part: the avatar slot, a user message, a reply with a
 * doctors card, a reply with an emergency analysis, a failed reply and a system line, the typing
 * indicator and the character counter.
 */
async function busyChat(backend: Backend): Promise<AiChat> {
  const el = await fixture<AiChat>(
    html`<ai-chat
      endpoint=${backend.url('/ai/{feature}/ws')}
      token="t"
      feature="symptom_checker"
      .strings=${clinic.en}
    >
      <svg slot="avatar" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"></circle></svg>
    </ai-chat>`,
  );
  await connected(el);
  expect(q(el, '[part~="empty"]')).to.exist;
  expect(q(el, '[part~="suggestion"]')).to.exist;
  await backend.call('nextReply', 'Call **now**.', {
    analysis: { recommended_specialties: ['Emergency medicine'], urgency_level: 'emergency' },
  });
  el.send('Chest pain');
  await until(() => el.messages.some((m) => m.role === 'assistant' && m.state === 'complete'), 'reply');
  await backend.call('push', {
    type: 'complete',
    message_id: 'doctors-1',
    data: {
      content: 'These doctors can help.',
      recommendations: [{ id: 7, name: 'Dr. Rossi', specialty: 'GP', rating: 4.8 }],
    },
  });
  await backend.call('push', { type: 'chunk', message_id: 'cut-1', data: { content: 'Part of a rep' } });
  await backend.call('push', { type: 'error', data: { error: 'The AI service is busy.' } });
  await backend.call('push', { type: 'typing', data: { is_typing: true } });
  await until(() => q(el, '[part~="typing"]') && q(el, '[part~="system"]'), 'typing and a system line');
  const input = q<HTMLTextAreaElement>(el, '[part~="input"]')!;
  input.value = 'x'.repeat(3700);
  input.dispatchEvent(new InputEvent('input'));
  await until(() => q(el, '[part~="counter"]'), 'the counter');
  return el;
}

const PARTS = [
  'panel',
  'header',
  'heading',
  'status',
  'status-dot',
  'status-text',
  'log',
  'message',
  'avatar',
  'content',
  'meta',
  'time',
  'typing',
  'composer',
  'input',
  'send',
  'counter',
  'card',
  'card-title',
  'card-item',
  'action',
  'chip',
  'urgency',
  'emergency',
];
const ROLE_PARTS = ['user', 'assistant', 'system'];

/** Gives each part a distinctive, inert style from outside; `scroll-margin-*` is never set inside. */
const partRules = (parts: string[], property = 'scroll-margin-top') =>
  parts.map((part, i) => `ai-chat::part(${part}) { ${property}: ${i + 1}px; }`).join('\n');

function expectPartsStyled(el: AiChat, parts: string[], property = 'scroll-margin-top') {
  parts.forEach((part, i) => {
    const found = qa(el, `[part~="${part}"]`);
    expect(found.length, `part "${part}" is rendered`).to.be.greaterThan(0);
    for (const node of found) expect(computed(node, property), `::part(${part})`).to.equal(`${i + 1}px`);
  });
}

describe('theming', () => {
  afterEach(closeBackends);

  it('outside CSS reaches every part through ::part()', async () => {
    const backend = await startBackend();
    const removeRules = pageStyle(
      [
        partRules(PARTS),
        partRules(ROLE_PARTS, 'scroll-margin-right'),
        partRules(
          ['empty', 'suggestion', 'notice', 'retry', 'launcher', 'badge', 'close'],
          'scroll-margin-left',
        ),
        'ai-chat::part(message user) { background-color: rgb(12, 34, 56); border-radius: 0px; }',
      ].join('\n'),
    );
    try {
      const empty = await fixture<AiChat>(html`<ai-chat feature="faq" .strings=${clinic.en}></ai-chat>`);
      expectPartsStyled(empty, ['empty', 'suggestion'], 'scroll-margin-left');
      empty.remove();

      const el = await busyChat(backend);
      expectPartsStyled(el, PARTS);
      expectPartsStyled(el, ROLE_PARTS, 'scroll-margin-right');
      const user = q(el, '[part~="message"][part~="user"]')!;
      expect(computed(user, 'background-color')).to.equal('rgb(12, 34, 56)');
      expect(computed(user, 'border-bottom-right-radius')).to.equal('0px');

      const refused = await fixture<AiChat>(
        html`<ai-chat endpoint=${backend.url('/ai/{feature}/ws')} token="expired"></ai-chat>`,
      );
      await until(() => q(refused, '[part~="retry"]'), 'the unauthorized notice');
      for (const [i, part] of ['notice', 'retry'].entries()) {
        expect(computed(q(refused, `[part~="${part}"]`)!, 'scroll-margin-left')).to.equal(`${i + 3}px`);
      }

      const launcher = await fixture<AiChat>(
        html`<ai-chat
          mode="launcher"
          connect="auto"
          endpoint=${backend.url('/ai/{feature}/ws')}
          token="t"
        ></ai-chat>`,
      );
      await connected(launcher);
      await backend.call('nextReply', 'Hello.');
      launcher.send('hi');
      await until(() => q(launcher, '[part~="badge"]'), 'the unread badge');
      launcher.open();
      await launcher.updateComplete;
      for (const [part, px] of [
        ['launcher', '5px'],
        ['close', '7px'],
      ] as const) {
        expect(computed(q(launcher, `[part~="${part}"]`)!, 'scroll-margin-left'), part).to.equal(px);
      }
    } finally {
      removeRules();
    }
  });

  it('the badge part is styled from outside', async () => {
    const backend = await startBackend();
    const removeRules = pageStyle('ai-chat::part(badge) { outline: 3px solid rgb(9, 8, 7); }');
    try {
      const el = await fixture<AiChat>(
        html`<ai-chat
          mode="launcher"
          connect="auto"
          endpoint=${backend.url('/ai/{feature}/ws')}
          token="t"
        ></ai-chat>`,
      );
      await connected(el);
      await backend.call('push', { type: 'complete', message_id: 'r1', data: { content: 'News.' } });
      await until(() => q(el, '[part~="badge"]'), 'the badge');
      expect(computed(q(el, '[part~="badge"]')!, 'outline-color')).to.equal('rgb(9, 8, 7)');
    } finally {
      removeRules();
    }
  });

  it('every --ai-chat-* custom property set on an ancestor reaches the element', async () => {
    const backend = await startBackend();
    // [property, value, part selector, computed property, expected]
    const inline: [string, string, string, string, string?][] = [
      ['--ai-chat-accent', 'rgb(1, 0, 1)', '[part~="send"]', 'background-color'],
      ['--ai-chat-accent-foreground', 'rgb(1, 0, 2)', '[part~="send"]', 'color'],
      ['--ai-chat-background', 'rgb(1, 0, 3)', '[part~="panel"]', 'background-color'],
      ['--ai-chat-foreground', 'rgb(1, 0, 4)', '[part~="card"]', 'color'],
      ['--ai-chat-muted', 'rgb(1, 0, 5)', '[part~="status"]', 'color'],
      ['--ai-chat-border', 'rgb(1, 0, 6)', '[part~="panel"]', 'border-top-color'],
      ['--ai-chat-danger', 'rgb(1, 0, 7)', '[part~="meta"]', 'color'],
      ['--ai-chat-success', 'rgb(1, 0, 8)', '[part~="status-dot"]', 'background-color'],
      ['--ai-chat-header-background', 'rgb(1, 0, 9)', '[part~="header"]', 'background-color'],
      ['--ai-chat-header-foreground', 'rgb(1, 0, 10)', '[part~="header"]', 'color'],
      ['--ai-chat-user-background', 'rgb(1, 0, 11)', '[part~="user"]', 'background-color'],
      ['--ai-chat-user-foreground', 'rgb(1, 0, 12)', '[part~="user"]', 'color'],
      ['--ai-chat-assistant-background', 'rgb(1, 0, 13)', '[part~="assistant"]', 'background-color'],
      ['--ai-chat-assistant-foreground', 'rgb(1, 0, 14)', '[part~="assistant"]', 'color'],
      ['--ai-chat-bubble-radius', '3px', '[part~="user"]', 'border-top-left-radius'],
      ['--ai-chat-bubble-shadow', 'rgb(1, 0, 15) 1px 1px 0px 0px', '[part~="assistant"]', 'box-shadow'],
      ['--ai-chat-card-background', 'rgb(1, 0, 16)', '[part~="card"]', 'background-color'],
      ['--ai-chat-card-border', 'rgb(1, 0, 17)', '[part~="card"]', 'border-top-color'],
      ['--ai-chat-card-radius', '5px', '[part~="card"]', 'border-top-left-radius'],
      ['--ai-chat-card-shadow', 'rgb(1, 0, 18) 2px 2px 0px 0px', '[part~="card"]', 'box-shadow'],
      ['--ai-chat-input-background', 'rgb(1, 0, 19)', '[part~="input"]', 'background-color'],
      ['--ai-chat-input-border', 'rgb(1, 0, 20)', '[part~="input"]', 'border-top-color'],
      ['--ai-chat-surface', 'rgb(1, 0, 21)', '[part~="avatar"]', 'background-color'],
      ['--ai-chat-font', 'Georgia', '[part~="input"]', 'font-family'],
      ['--ai-chat-heading-font', 'Courier', '[part~="heading"]', 'font-family'],
      ['--ai-chat-font-size', '17px', '[part~="input"]', 'font-size'],
      ['--ai-chat-line-height', '2', '[part~="input"]', 'line-height', '34px'],
      ['--ai-chat-radius', '9px', '[part~="panel"]', 'border-top-left-radius'],
      ['--ai-chat-spacing', '11px', '[part~="log"]', 'padding-top'],
      ['--ai-chat-avatar-size', '31px', '[part~="avatar"]', 'width'],
      ['--ai-chat-focus-ring', 'rgb(1, 0, 22)', '', '--_focus'],
      ['--ai-chat-warning', 'rgb(1, 0, 23)', '', '--_warning'],
      ['--ai-chat-mono-font', 'Menlo', '[part~="panel"]', '--_mono'],
    ];
    const launcher: [string, string, string, string, string?][] = [
      ['--ai-chat-launcher-size', '61px', '[part~="launcher"]', 'width'],
      ['--ai-chat-launcher-background', 'rgb(2, 0, 1)', '[part~="launcher"]', 'background-color'],
      ['--ai-chat-launcher-foreground', 'rgb(2, 0, 2)', '[part~="launcher"]', 'color'],
      ['--ai-chat-launcher-shadow', 'rgb(2, 0, 3) 0px 0px 3px 0px', '[part~="launcher"]', 'box-shadow'],
      ['--ai-chat-badge-background', 'rgb(2, 0, 4)', '[part~="badge"]', 'background-color'],
      ['--ai-chat-badge-foreground', 'rgb(2, 0, 5)', '[part~="badge"]', 'color'],
      ['--ai-chat-offset', '13px', '[part~="launcher"]', 'bottom'],
      ['--ai-chat-z-index', '77', '[part~="launcher"]', 'z-index'],
      ['--ai-chat-panel-width', '301px', '[part~="panel"]', 'width'],
      ['--ai-chat-panel-shadow', 'rgb(2, 0, 6) 0px 0px 4px 0px', '[part~="panel"]', 'box-shadow'],
      ['--ai-chat-height', '333px', '[part~="panel"]', 'height'],
    ];
    const declarations = (rows: typeof inline) => rows.map(([p, v]) => `${p}: ${v};`).join(' ');
    const removeRules = pageStyle(
      `.themed { ${declarations(inline)} } .themed-launcher { ${declarations(launcher)} }`,
    );
    try {
      const wrapper = await fixture<HTMLDivElement>(html`<div class="themed"></div>`);
      const el = await busyChat(backend);
      wrapper.append(el);
      await el.updateComplete;
      for (const [property, value, selector, css, expected] of inline) {
        const target = selector ? q(el, selector)! : el;
        expect(computed(target, css), property).to.equal(expected ?? value);
      }

      const launcherWrapper = await fixture<HTMLDivElement>(html`<div class="themed-launcher"></div>`);
      const floating = document.createElement('ai-chat');
      floating.mode = 'launcher';
      floating.connectMode = 'auto'; // connected while closed: its badge counts what arrives
      floating.endpoint = backend.url('/ai/{feature}/ws');
      floating.token = 't';
      launcherWrapper.append(floating);
      await connected(floating);
      await backend.call('push', { type: 'complete', message_id: 'r1', data: { content: 'News.' } });
      await until(() => q(floating, '[part~="badge"]'), 'the badge');
      const check = ([property, value, selector, css, expected]: (typeof launcher)[number]) =>
        expect(computed(q(floating, selector)!, css), property).to.equal(expected ?? value);
      launcher.filter(([, , selector]) => !selector.includes('panel')).forEach(check);
      floating.open();
      await floating.updateComplete;
      launcher.filter(([, , selector]) => selector.includes('panel')).forEach(check);
    } finally {
      removeRules();
    }
  });

  it("the page's CSS does not leak in", async () => {
    const backend = await startBackend();
    const el = await busyChat(backend);
    const probes = [
      '[part~="heading"]',
      '[part~="status-text"]',
      '[part~="content"] p',
      '[part~="user"] [part~="content"]',
      '[part~="input"]',
      '[part~="send"]',
      '[part~="action"]',
      '[part~="card-title"]',
      '[part~="time"]',
      '[part~="meta"]',
      '[part~="composer"]',
    ];
    const properties = [
      'color',
      'background-color',
      'font-family',
      'font-size',
      'font-weight',
      'letter-spacing',
      'text-transform',
      'line-height',
      'text-align',
    ];
    const snapshot = () =>
      probes.map((selector) => {
        const node = q(el, selector);
        expect(node, selector).to.exist;
        return `${selector} ${properties.map((p) => `${p}=${computed(node!, p)}`).join(' ')}`;
      });
    const before = snapshot();
    const removeRules = pageStyle(`
      p, button, div, span, h2, textarea, form, header, li, time, section {
        color: red !important; font-family: fantasy !important; background: yellow !important;
      }
      * { letter-spacing: 3px; text-transform: uppercase; font-weight: 900; text-align: right; }
      ai-chat { color: red; font-family: fantasy; font-size: 40px; line-height: 3; }
    `);
    try {
      expect(snapshot()).to.deep.equal(before);
    } finally {
      removeRules();
    }
  });

  describe('light and dark', () => {
    afterEach(() => emulateMedia({ colorScheme: 'light' }));

    // The colours as used: background and text of the panel, the send button's accent.
    const palette = (el: AiChat) => [
      computed(q(el, '[part~="panel"]')!, 'background-color'),
      computed(q(el, '[part~="panel"]')!, 'color'),
      computed(q(el, '[part~="send"]')!, 'background-color'),
    ];
    const LIGHT = ['rgb(255, 255, 255)', 'rgb(17, 24, 39)', 'rgb(37, 99, 235)'];
    const DARK = ['rgb(17, 24, 39)', 'rgb(243, 244, 246)', 'rgb(96, 165, 250)'];
    afterEach(() => document.documentElement.style.removeProperty('color-scheme'));

    it('follows prefers-color-scheme on a page that allows both, unless theme says light or dark', async () => {
      document.documentElement.style.colorScheme = 'light dark';
      const auto = await fixture<AiChat>(html`<ai-chat></ai-chat>`);
      const light = await fixture<AiChat>(html`<ai-chat theme="light"></ai-chat>`);
      const dark = await fixture<AiChat>(html`<ai-chat theme="dark"></ai-chat>`);
      await emulateMedia({ colorScheme: 'light' });
      expect(palette(auto)).to.deep.equal(LIGHT);
      expect(palette(light)).to.deep.equal(LIGHT);
      expect(palette(dark)).to.deep.equal(DARK);
      expect(computed(q(dark, '[part~="panel"]')!, 'background-color')).to.equal('rgb(17, 24, 39)');

      await emulateMedia({ colorScheme: 'dark' });
      expect(palette(auto)).to.deep.equal(DARK);
      expect(palette(light)).to.deep.equal(LIGHT);
      expect(palette(dark)).to.deep.equal(DARK);

      auto.theme = 'light';
      await auto.updateComplete;
      expect(auto.getAttribute('theme')).to.equal('light');
      expect(palette(auto)).to.deep.equal(LIGHT);
    });

    it('keeps to a page that declares only light (or nothing) when the system is dark', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      const auto = await fixture<AiChat>(html`<ai-chat></ai-chat>`);
      const dark = await fixture<AiChat>(html`<ai-chat theme="dark"></ai-chat>`);
      expect(palette(auto), 'a page with no color-scheme').to.deep.equal(LIGHT);
      document.documentElement.style.colorScheme = 'light';
      expect(palette(auto), 'a page with color-scheme: light').to.deep.equal(LIGHT);
      expect(palette(dark), 'theme="dark" still forces dark').to.deep.equal(DARK);
      document.documentElement.style.colorScheme = 'dark';
      expect(palette(auto), 'a dark page').to.deep.equal(DARK);
      // An ancestor's scheme counts too: a light card on a dark page.
      const card = document.createElement('div');
      card.style.colorScheme = 'light';
      document.body.append(card);
      card.append(auto);
      try {
        expect(palette(auto), 'inside a light section').to.deep.equal(LIGHT);
      } finally {
        card.remove();
      }
    });

    it('a custom property wins over both palettes', async () => {
      const removeRules = pageStyle('.brand { --ai-chat-background: rgb(5, 6, 7); }');
      try {
        const el = await fixture<AiChat>(html`<ai-chat class="brand" theme="dark"></ai-chat>`);
        expect(computed(q(el, '[part~="panel"]')!, 'background-color')).to.equal('rgb(5, 6, 7)');
      } finally {
        removeRules();
      }
    });
  });
});

describe('theming: Lit', () => {
  it('issued no warning across the tests above', () => {
    expect(litWarnings()).to.deep.equal([]);
  });
});
