// Accessibility: the transcript is a log that is not read token by token; a finished reply is
// announced once; connection changes are announced (a loss assertively); every control is
// labelled and shows a focus ring; the built-in palettes reach 4.5:1; nothing overflows sideways
// at 320 px with doubled text; axe finds nothing in any state, light or dark.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import { closeBackends, startBackend, type Backend } from './support/backend.js';
import { connected, q, qa, replies, until, litWarnings } from './support/element.js';
import { clinic } from '../src/presets/clinic.js';

const REPLY = [
  '## Possible causes',
  '',
  'A **fever** with a sore throat is most often viral.',
  '',
  '- Drink plenty of fluids',
  '- Rest',
].join('\n');

const mount = (backend: Backend, extra: { theme?: string; maxRetries?: number; token?: string } = {}) =>
  fixture<AiChat>(
    html`<ai-chat
      endpoint=${backend.url('/ai/{feature}/ws')}
      token=${extra.token ?? 't'}
      feature="symptom_checker"
      theme=${extra.theme ?? 'light'}
      max-retries=${extra.maxRetries ?? 5}
    ></ai-chat>`,
  );

/** Every text written into a live region of `el`, in order. */
function recordRegion(el: AiChat, id: 'polite' | 'urgent'): string[] {
  const writes: string[] = [];
  const region = q(el, `#${id}`)!;
  new MutationObserver(() => writes.push(region.textContent ?? '')).observe(region, {
    childList: true,
    characterData: true,
    subtree: true,
  });
  return writes;
}

/** WCAG relative luminance and contrast ratio of two colours, `#rrggbb` or `rgb(r, g, b)`. */
function luminance(color: string): number {
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  const [r, g, b] = rgb
    ? rgb.slice(1, 4).map((c) => Number(c) / 255)
    : [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('accessibility', () => {
  afterEach(closeBackends);

  it('the transcript is a log that is not live itself; a streaming reply is busy and announced once, whole, when it ends', async () => {
    const backend = await startBackend({ pace: { thinkMs: 50, chunkMs: 15, chunkChars: 3 } });
    const el = await mount(backend);
    await connected(el);
    const log = q(el, '[part~="log"]')!;
    expect(log.getAttribute('role')).to.equal('log');
    expect(log.getAttribute('aria-live')).to.equal('off');
    expect(q(el, '#polite')!.getAttribute('role')).to.equal('status');
    expect(q(el, '#urgent')!.getAttribute('role')).to.equal('alert');
    const polite = recordRegion(el, 'polite');

    await backend.call('nextReply', REPLY);
    el.send('I have a fever');
    await until(() => q(el, '[part~="assistant"][part~="streaming"]'), 'the reply streams');
    expect(q(el, '[part~="assistant"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(polite, 'nothing announced while streaming').to.deep.equal([]);
    await replies(el);
    await el.updateComplete;
    expect(q(el, '[part~="assistant"]')!.getAttribute('aria-busy')).to.equal('false');
    expect(polite).to.have.length(1);
    // The text of the reply, block by block, then its card.
    expect(polite[0]).to.equal(
      'Assistant:\nPossible causes\nA fever with a sore throat is most often viral.\nDrink plenty of fluids\nRest\n' +
        'Medium urgency\nRecommended specialties\nGeneral Practice\nInfectious Disease',
    );

    // A reply delivered again is not announced again; a server error line is.
    const id = el.messages.find((m) => m.role === 'assistant')!.id;
    await backend.call('push', { type: 'complete', message_id: id, data: { content: REPLY } });
    await backend.call('push', { type: 'error', data: { error: 'The AI service is busy.' } });
    await until(() => polite.length === 2, `the error is announced (${polite.join(' | ')})`);
    expect(polite[1]).to.equal('Notice:\nThe AI service is busy.');
  });

  it('announces a lost connection assertively and its return politely', async () => {
    const backend = await startBackend();
    const el = await mount(backend);
    await connected(el);
    const polite = recordRegion(el, 'polite');
    const urgent = recordRegion(el, 'urgent');
    await backend.call('dropAll');
    await until(() => urgent.length > 0, 'the loss is announced');
    expect(urgent).to.deep.equal(['Connection lost. Reconnecting…']);
    await connected(el);
    await until(() => polite.length > 0, 'the return is announced');
    expect(polite).to.deep.equal(['Connected again.']);
  });

  it('announces nothing on the first connect: the first thing said is the first reply', async () => {
    const backend = await startBackend();
    const el = await mount(backend);
    const polite = recordRegion(el, 'polite');
    const urgent = recordRegion(el, 'urgent');
    await connected(el);
    await backend.call('nextReply', 'Hello.');
    el.send('Hi');
    await replies(el);
    await until(() => polite.length > 0, 'the reply is announced');
    expect(polite).to.have.length(1);
    expect(polite[0]).to.match(/^Assistant:\nHello\./);
    expect(urgent).to.deep.equal([]);
  });

  it('announces going offline and a refused session assertively', async () => {
    const backend = await startBackend();
    const offline = await mount(backend, { maxRetries: 0 });
    await connected(offline);
    const urgent = recordRegion(offline, 'urgent');
    await backend.call('stop');
    await until(() => offline.status === 'offline', 'offline');
    await until(
      () => urgent.at(-1)?.startsWith('You are offline'),
      `offline announced (${urgent.join(' | ')})`,
    );

    await backend.call('restart');
    const refused = await mount(backend, { token: 'expired' });
    await until(() => refused.status === 'unauthorized', 'unauthorized');
    await refused.updateComplete;
    expect(q(refused, '#urgent')!.textContent).to.equal(
      'Your session has expired. Sign in again, then retry.',
    );
  });

  it('keeps the focus in the composer after sending with the button', async () => {
    const backend = await startBackend();
    const el = await mount(backend);
    await connected(el);
    const input = q<HTMLTextAreaElement>(el, '[part~="input"]')!;
    input.focus();
    await sendKeys({ type: 'Hello' });
    q<HTMLButtonElement>(el, '[part~="send"]')!.click();
    await el.updateComplete;
    expect(input.value).to.equal('');
    expect(el.shadowRoot!.activeElement).to.equal(input);
  });

  it('labels every control and shows a focus ring on each', async () => {
    const backend = await startBackend();
    const el = await mount(backend, { maxRetries: 0 });
    await connected(el);
    await backend.call('push', {
      type: 'complete',
      message_id: 'd1',
      data: { content: 'Doctors:', recommendations: [{ id: 1, name: 'Dr. Rossi' }] },
    });
    await until(() => q(el, '[part~="action"]'), 'a card with an action');
    await backend.call('stop');
    await until(() => q(el, '[part~="retry"]'), 'the Retry button');
    const input = q<HTMLTextAreaElement>(el, '[part~="input"]')!;
    input.value = 'draft';
    input.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;

    const controls = qa(el, 'button, textarea, [tabindex]');
    expect(controls.length).to.be.at.least(5);
    for (const control of controls) {
      const name =
        control.getAttribute('aria-label') ??
        (control.getAttribute('aria-labelledby') ? 'labelled' : control.textContent?.trim());
      expect(name, control.outerHTML.slice(0, 80)).to.be.a('string').and.not.equal('');
    }

    // Walk the whole widget with Tab: every stop shows a 2px ring.
    const seen = new Set<Element>();
    q<HTMLElement>(el, '[part~="log"]')!.focus();
    for (let i = 0; i < 10; i++) {
      const active = el.shadowRoot!.activeElement;
      if (!active || seen.has(active)) break;
      seen.add(active);
      const style = getComputedStyle(active);
      expect(style.outlineStyle, active.outerHTML.slice(0, 60)).to.equal('solid');
      expect(style.outlineWidth).to.equal('2px');
      await sendKeys({ press: 'Tab' });
    }
    for (const part of ['log', 'action', 'retry', 'input', 'send']) {
      expect(
        [...seen].some((n) => n.matches(`[part~="${part}"]`)),
        `${part} is reached by Tab`,
      ).to.equal(true);
    }
  });

  for (const theme of ['light', 'dark']) {
    it(`the ${theme} palette reaches 4.5:1 for every text and 3:1 for the focus ring`, async () => {
      const el = await fixture<AiChat>(html`<ai-chat theme=${theme}></ai-chat>`);
      // An alias holds `light-dark(…)` text: the colour as used comes from a probe inside the
      // panel (where every alias is declared), where the element's colour scheme decides which side applies.
      const probe = document.createElement('span');
      el.shadowRoot!.querySelector('[part~="panel"]')!.append(probe);
      const color = (alias: string) => {
        probe.style.color = `var(${alias})`;
        return getComputedStyle(probe).color;
      };
      // [text, background, where]
      const pairs: [string, string, string][] = [
        ['--_fg', '--_bg', 'text'],
        ['--_muted', '--_bg', 'status, placeholder, card details'],
        ['--_header-fg', '--_bg', 'header'],
        ['--_assistant-fg', '--_assistant-bg', 'assistant bubble'],
        ['--_muted', '--_surface', 'typing, muted text on surface'],
        ['--_fg', '--_surface', 'suggestions'],
        ['--_danger', '--_surface', 'failed reply line'],
        ['--_danger', '--_bg', 'counter over the limit'],
        ['--_user-fg', '--_user-bg', 'user bubble and its time'],
        ['--_accent-fg', '--_accent', 'send button, hovered actions'],
        ['--_accent', '--_bg', 'actions and Retry'],
        ['--_fg', '--_card-bg', 'cards'],
        ['--_fg', '--_input-bg', 'typed text'],
        ['--_muted', '--_input-bg', 'placeholder'],
        ['--_launcher-fg', '--_launcher-bg', 'launcher icon'],
        ['--_badge-fg', '--_badge-bg', 'unread badge'],
      ];
      for (const [fg, bg, where] of pairs) {
        const ratio = contrast(color(fg), color(bg));
        expect(ratio, `${where}: ${fg} ${color(fg)} on ${bg} ${color(bg)}`).to.be.at.least(4.5);
      }
      expect(contrast(color('--_focus'), color('--_bg')), 'focus ring').to.be.at.least(3);
      expect(contrast(color('--_input-border'), color('--_input-bg')), 'input border').to.be.at.least(3);
      expect(contrast('#ffffff', '#b91c1c'), 'emergency notice').to.be.at.least(4.5);
    });
  }

  it('reflows at 320 px wide with text at 200%: nothing overflows sideways', async () => {
    const backend = await startBackend();
    const el = await fixture<AiChat>(
      html`<div class="narrow" style="inline-size: 320px; --ai-chat-font-size: 30px; --ai-chat-height: 900px">
        <ai-chat
          endpoint=${backend.url('/ai/{feature}/ws')}
          token="t"
          feature="symptom_checker"
          max-retries="0"
          max-length="60"
        ></ai-chat>
      </div>`,
    ).then((wrapper) => wrapper.querySelector('ai-chat')!);
    await connected(el);
    await backend.call(
      'nextReply',
      `${REPLY}\n\nhttps://www.example.org/a/very/long/unbroken/address/that/goes/on`,
      {
        analysis: {
          recommended_specialties: ['General practice', 'Infectious disease'],
          urgency_level: 'emergency',
        },
      },
    );
    el.send('Averyveryverylongwordwithoutanyspacesinsideitatall');
    await replies(el);
    await backend.call('push', {
      type: 'complete',
      message_id: 'd1',
      data: { content: 'Doctors:', recommendations: [{ id: 1, name: 'Dr. Elena Rossi', rating: 4.9 }] },
    });
    await until(() => q(el, '[part~="card-item"]'), 'a doctors card');
    await backend.call('stop');
    await until(() => q(el, '[part~="retry"]'), 'the offline notice');
    const input = q<HTMLTextAreaElement>(el, '[part~="input"]')!;
    input.value = 'x'.repeat(59);
    input.dispatchEvent(new InputEvent('input'));
    await until(() => q(el, '[part~="counter"]'), 'the counter');

    const host = el.getBoundingClientRect();
    expect(host.width).to.equal(320);
    for (const part of ['panel', 'header', 'log', 'notice', 'composer']) {
      const node = q(el, `[part~="${part}"]`)!;
      expect(node.scrollWidth, `${part} overflows sideways`).to.be.at.most(node.clientWidth);
    }
    for (const part of [
      'heading',
      'status',
      'retry',
      'input',
      'send',
      'counter',
      'message',
      'card',
      'action',
    ]) {
      for (const node of qa(el, `[part~="${part}"]`)) {
        const box = node.getBoundingClientRect();
        expect(box.left, `${part} starts inside`).to.be.at.least(host.left - 0.5);
        expect(box.right, `${part} ends inside`).to.be.at.most(host.right + 0.5);
      }
    }
  });

  it('reflows in the launcher panel on a 320 px screen with text at 200%', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const el = await fixture<AiChat>(
        html`<ai-chat
          mode="launcher"
          open
          style="--ai-chat-font-size: 30px"
          feature="faq"
          .strings=${clinic.en}
        ></ai-chat>`,
      );
      const panel = q(el, '[part~="panel"]')!;
      expect(panel.getBoundingClientRect().width).to.equal(320);
      for (const part of ['header', 'composer', 'empty']) {
        const node = q(el, `[part~="${part}"]`)!;
        expect(node.scrollWidth, part).to.be.at.most(node.clientWidth);
      }
      for (const part of ['close', 'send', 'input', 'suggestion']) {
        const box = q(el, `[part~="${part}"]`)!.getBoundingClientRect();
        expect(box.right, part).to.be.at.most(320.5);
        expect(box.left, part).to.be.at.least(-0.5);
      }
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  for (const theme of ['light', 'dark']) {
    it(`axe finds nothing in any state (${theme})`, async () => {
      const backend = await startBackend();
      const el = await mount(backend, { theme, maxRetries: 0 });
      await expect(el, 'empty').to.be.accessible();
      await connected(el);

      await backend.call('push', { type: 'chunk', message_id: 's1', data: { content: 'Here is **what I' } });
      await until(() => q(el, '[part~="streaming"]'), 'streaming');
      await expect(el, 'streaming').to.be.accessible();

      await backend.call('push', {
        type: 'complete',
        message_id: 's1',
        data: {
          content: 'Here is **what I found**.',
          analysis: { recommended_specialties: ['Cardiology'], urgency_level: 'emergency' },
        },
      });
      await backend.call('push', {
        type: 'complete',
        message_id: 'd1',
        data: {
          content: 'Doctors:',
          recommendations: [{ id: 1, name: 'Dr. Rossi', specialty: 'GP', rating: 4.5 }],
        },
      });
      await backend.call('push', { type: 'typing', data: { is_typing: true } });
      await until(() => q(el, '[part~="card-item"]') && q(el, '[part~="emergency"]'), 'cards');
      el.send('A question');
      await el.updateComplete;
      await expect(el, 'cards, typing, a user message').to.be.accessible();

      await backend.call('push', { type: 'error', data: { error: 'The AI service is busy.' } });
      await backend.call('stop');
      await until(() => q(el, '[part~="retry"]'), 'offline');
      el.send('Written while offline');
      await el.updateComplete;
      await expect(el, 'offline, with a pending message and a system line').to.be.accessible();

      await backend.call('restart');
      const refused = await mount(backend, { theme, token: 'expired' });
      await until(() => q(refused, '[part~="retry"]'), 'unauthorized');
      await expect(refused, 'unauthorized').to.be.accessible();

      const launcher = await fixture<AiChat>(html`<ai-chat mode="launcher" theme=${theme}></ai-chat>`);
      await expect(launcher, 'launcher closed').to.be.accessible();
      launcher.open();
      await launcher.updateComplete;
      await expect(launcher, 'launcher open').to.be.accessible();
    });
  }
});

describe('accessibility: Lit', () => {
  it('issued no warning across the tests above', () => {
    expect(litWarnings()).to.deep.equal([]);
  });
});
