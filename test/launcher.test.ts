// mode="launcher": a floating button that opens the chat as a panel, with an unread badge,
// open()/close(), the `open` attribute, Escape, focus handling, and a full-screen panel on phones.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import { closeBackends, startBackend, userFrames, type Backend } from './support/backend.js';
import { connected, q, until, litWarnings } from './support/element.js';

const launcherOf = (el: AiChat) => q<HTMLButtonElement>(el, '[part~="launcher"]')!;
const panelOf = (el: AiChat) => q(el, '[part~="panel"]')!;
const visible = (node: Element) => getComputedStyle(node).display !== 'none';
const badge = (el: AiChat) => q(el, '[part~="badge"]')?.textContent?.trim();
const focused = (el: AiChat) => el.shadowRoot!.activeElement;

const floating = (backend?: Backend) =>
  fixture<AiChat>(
    backend
      ? html`<ai-chat mode="launcher" endpoint=${backend.url('/ai/{feature}/ws')} token="t"></ai-chat>`
      : html`<ai-chat mode="launcher"></ai-chat>`,
  );

/** A finished reply pushed by the server, as if the assistant spoke on its own. */
const pushReply = (backend: Backend, id: string, content = 'News from the clinic.') =>
  backend.call('push', { type: 'complete', message_id: id, data: { content } });

describe('mode="launcher"', () => {
  beforeEach(() => setViewport({ width: 1024, height: 768 }));
  afterEach(async () => {
    await closeBackends();
    await setViewport({ width: 800, height: 600 });
  });

  it('inline (the default) shows the panel in place, with no launcher', async () => {
    const el = await fixture<AiChat>(html`<ai-chat></ai-chat>`);
    expect(q(el, '[part~="launcher"]')).to.equal(null);
    expect(q(el, '[part~="close"]')).to.equal(null);
    expect(visible(panelOf(el))).to.equal(true);
    expect(panelOf(el).hasAttribute('role')).to.equal(false);
    el.close();
    await el.updateComplete;
    expect(visible(panelOf(el)), 'close() does nothing inline').to.equal(true);
    expect(el.getBoundingClientRect().height).to.equal(560);
  });

  it('starts closed: a labelled floating button at the bottom-right, above the page', async () => {
    const el = await floating();
    const launcher = launcherOf(el);
    expect(el.opened).to.equal(false);
    expect(el.hasAttribute('open')).to.equal(false);
    expect(visible(panelOf(el))).to.equal(false);
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    expect(launcher.getAttribute('aria-label')).to.equal('Open chat');
    expect(el.getBoundingClientRect().height, 'the host takes no room in the page').to.equal(0);
    const box = launcher.getBoundingClientRect();
    expect(Math.round(innerWidth - box.right)).to.equal(20);
    expect(Math.round(innerHeight - box.bottom)).to.equal(20);
    expect(box.width).to.equal(56);
    const style = getComputedStyle(launcher);
    expect(style.position).to.equal('fixed');
    expect(style.zIndex).to.equal('1000');
    expect(style.boxShadow).to.not.equal('none');
    await expect(el).to.be.accessible();
  });

  it('opens and closes by click; the open attribute reflects it; focus goes to the input and back', async () => {
    const el = await floating();
    launcherOf(el).click();
    await el.updateComplete;
    expect(el.opened).to.equal(true);
    expect(el.hasAttribute('open')).to.equal(true);
    const panel = panelOf(el);
    expect(visible(panel)).to.equal(true);
    expect(panel.getAttribute('role')).to.equal('dialog');
    expect(panel.getAttribute('aria-labelledby')).to.equal('heading');
    expect(launcherOf(el).getAttribute('aria-expanded')).to.equal('true');
    expect(launcherOf(el).getAttribute('aria-label')).to.equal('Close chat');
    expect(focused(el), 'focus moves to the message input').to.equal(q(el, '[part~="input"]'));
    await expect(el).to.be.accessible();

    q<HTMLButtonElement>(el, '[part~="close"]')!.click();
    await el.updateComplete;
    expect(el.opened).to.equal(false);
    expect(el.hasAttribute('open')).to.equal(false);
    expect(visible(panelOf(el))).to.equal(false);
    expect(focused(el), 'focus returns to the launcher').to.equal(launcherOf(el));

    launcherOf(el).click();
    await el.updateComplete;
    launcherOf(el).click();
    await el.updateComplete;
    expect(el.opened, 'the launcher toggles').to.equal(false);
  });

  it('opens from the keyboard (Enter, Space); Escape closes it and returns focus to the launcher', async () => {
    const el = await floating();
    launcherOf(el).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.opened).to.equal(true);
    expect(focused(el)).to.equal(q(el, '[part~="input"]'));
    await sendKeys({ type: 'half a thought' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.opened).to.equal(false);
    expect(focused(el)).to.equal(launcherOf(el));

    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.opened).to.equal(true);
    expect(q<HTMLTextAreaElement>(el, '[part~="input"]')!.value, 'the draft survives').to.equal(
      'half a thought',
    );
    // Escape from the close button too.
    q<HTMLButtonElement>(el, '[part~="close"]')!.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.opened).to.equal(false);
    expect(focused(el)).to.equal(launcherOf(el));
  });

  it('open() and close(), and the open attribute, drive it too', async () => {
    const el = await floating();
    el.open();
    await el.updateComplete;
    expect(el.hasAttribute('open')).to.equal(true);
    expect(visible(panelOf(el))).to.equal(true);
    el.close();
    await el.updateComplete;
    expect(visible(panelOf(el))).to.equal(false);
    expect(focused(el), 'focus was in the panel: back to the launcher').to.equal(launcherOf(el));

    el.setAttribute('open', '');
    await el.updateComplete;
    expect(el.opened).to.equal(true);
    expect(visible(panelOf(el))).to.equal(true);

    // Closed from outside while the focus is elsewhere on the page: the focus stays there.
    const elsewhere = document.createElement('button');
    elsewhere.textContent = 'elsewhere';
    document.body.append(elsewhere);
    elsewhere.focus();
    el.removeAttribute('open');
    await el.updateComplete;
    expect(el.opened).to.equal(false);
    expect(document.activeElement).to.equal(elsewhere);
    elsewhere.remove();

    const opened = await fixture<AiChat>(html`<ai-chat mode="launcher" open></ai-chat>`);
    expect(visible(panelOf(opened)), 'open from the start').to.equal(true);
    expect(focused(opened), 'no focus stolen on page load').to.equal(null);
  });

  it('counts assistant messages that arrive while closed on a badge, and resets it on open', async () => {
    const backend = await startBackend();
    // connect="auto": this launcher stays connected while closed (to hear pushed messages).
    const el = await fixture<AiChat>(
      html`<ai-chat
        mode="launcher"
        connect="auto"
        endpoint=${backend.url('/ai/{feature}/ws')}
        token="t"
      ></ai-chat>`,
    );
    await connected(el);
    expect(q(el, '[part~="badge"]')).to.equal(null);

    await backend.call('nextReply', 'We open at 8.');
    expect(el.send('When do you open?'), 'sending works while closed').to.equal(true);
    await until(() => badge(el) === '1', `one unread (badge: ${badge(el)})`);
    expect(launcherOf(el).getAttribute('aria-label')).to.equal('Open chat, 1 unread');
    await pushReply(backend, 'n-2');
    await until(() => badge(el) === '2', 'two unread');
    expect(q(el, '[part~="badge"]')!.getAttribute('aria-hidden')).to.equal('true');
    await expect(el).to.be.accessible();

    el.open();
    await el.updateComplete;
    expect(q(el, '[part~="badge"]'), 'read on open').to.equal(null);
    await pushReply(backend, 'n-3');
    await until(() => el.messages.some((m) => m.id === 'n-3'), 'a reply while open');
    await el.updateComplete;
    expect(q(el, '[part~="badge"]'), 'nothing unread while open').to.equal(null);

    el.close();
    await el.updateComplete;
    expect(q(el, '[part~="badge"]')).to.equal(null);
    await pushReply(backend, 'n-4');
    await until(() => badge(el) === '1', 'one new unread after closing');
    // The same reply delivered again is not a new message.
    await pushReply(backend, 'n-4');
    await backend.call('push', { type: 'heartbeat', data: {} });
    await el.updateComplete;
    expect(badge(el)).to.equal('1');
    expect(await userFrames(backend)).to.have.length(1);
  });

  it('floats at the bottom-right on wide screens and takes the whole screen on phones', async () => {
    const el = await floating();
    el.open();
    await el.updateComplete;
    let box = panelOf(el).getBoundingClientRect();
    expect(Math.round(box.right)).to.equal(1024 - 20);
    expect(Math.round(box.bottom)).to.equal(768 - 20 - 56 - 12);
    expect(box.width).to.equal(380);
    expect(getComputedStyle(panelOf(el)).zIndex).to.equal('1000');

    await setViewport({ width: 375, height: 667 });
    box = panelOf(el).getBoundingClientRect();
    expect([box.left, box.top, box.width, box.height]).to.deep.equal([0, 0, 375, 667]);
    expect(getComputedStyle(q(el, '[part~="composer"]')!).display).to.equal('flex');
    const close = q(el, '[part~="close"]')!.getBoundingClientRect();
    expect(close.right, 'the close button is on screen').to.be.at.most(375);
    await expect(el).to.be.accessible();
  });

  it('mirrors to the bottom-left in a right-to-left language', async () => {
    const el = await fixture<AiChat>(html`<ai-chat mode="launcher" lang="ar"></ai-chat>`);
    const box = launcherOf(el).getBoundingClientRect();
    expect(Math.round(box.left)).to.equal(20);
    expect(launcherOf(el).getAttribute('aria-label')).to.equal('فتح المحادثة');
  });
});

describe('mode="launcher": Lit', () => {
  it('issued no warning across the tests above', () => {
    expect(litWarnings()).to.deep.equal([]);
  });
});
