// demo/themes.html: three very different looks of the same element, made only with the page's
// CSS (parts and custom properties). Loaded as a page, in an iframe, in real Chromium.
import { expect, waitUntil } from '@open-wc/testing';

const LOOKS = ['clinic', 'portal', 'minimal'] as const;

async function loadThemes(): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = '/demo/themes.html';
  frame.style.cssText = 'width: 1280px; height: 900px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  await frame.contentWindow!.customElements.whenDefined('ai-chat');
  return frame;
}

describe('demo/themes.html', () => {
  it('renders three distinct looks styled only from outside, with no page error', async () => {
    const frame = await loadThemes();
    const errors: unknown[] = [];
    frame.contentWindow!.addEventListener('error', (e) => errors.push(e.message));
    const doc = frame.contentDocument!;
    const chats = LOOKS.map((look) => doc.querySelector<HTMLElement>(`ai-chat.${look}`)!);
    await waitUntil(
      () => chats.every((chat) => chat.shadowRoot?.querySelector('[part~="header"]')),
      'rendered',
    );
    const styleOf = (chat: HTMLElement, part: string) =>
      frame.contentWindow!.getComputedStyle(chat.shadowRoot!.querySelector(`[part~="${part}"]`)!);
    const looks = chats.map((chat) => {
      const header = styleOf(chat, 'header');
      const input = styleOf(chat, 'input');
      return [
        frame.contentWindow!.getComputedStyle(chat).backgroundColor,
        header.backgroundColor,
        header.fontFamily,
        input.borderRadius,
      ].join(' | ');
    });
    expect(new Set(looks).size, looks.join('\n')).to.equal(3);
    expect(chats[1]!.getAttribute('theme')).to.equal('dark');
    // Nothing on the page styles the widget but its stylesheet: no inline style attributes.
    expect(doc.querySelectorAll('[style]').length).to.equal(0);
    expect(errors).to.deep.equal([]);
    frame.remove();
  });
});
