// The script-tag build (dist/ai-chat.js, made by `npm test` before the suite runs): a plain
// HTML page that loads only that file gets a working <ai-chat>.
import { expect, waitUntil } from '@open-wc/testing';
import { closeBackends, startBackend, userFrames } from './support/backend.js';

interface FrameChat extends HTMLElement {
  status: string;
  messages: readonly { role: string; state: string; content: string }[];
  send(content: string): boolean;
}

async function loadPage(): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = '/test/fixtures/script-tag.html';
  frame.style.cssText = 'width: 480px; height: 640px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame;
}

describe('script-tag build (dist/ai-chat.js)', () => {
  afterEach(closeBackends);

  it('defines <ai-chat> from one self-contained file and chats with the backend', async () => {
    const backend = await startBackend();
    const frame = await loadPage();
    const win = frame.contentWindow!;
    await win.customElements.whenDefined('ai-chat');
    // The test server injects its own /__web-dev-server… script into HTML it serves; ignore it.
    const ours = (path: string) => !path.startsWith('/__web-dev-server');
    const scripts = [...frame.contentDocument!.scripts].map((s) => new URL(s.src).pathname).filter(ours);
    expect(scripts).to.deep.equal(['/dist/ai-chat.js']);
    const resources = win.performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    expect(resources.filter((p) => p.endsWith('.js')).filter(ours)).to.deep.equal(['/dist/ai-chat.js']);

    const el = frame.contentDocument!.querySelector('ai-chat') as FrameChat;
    expect(el.shadowRoot!.querySelector('[part~="heading"]')!.textContent).to.equal('Ask the clinic');
    el.setAttribute('endpoint', backend.url('/ai/{feature}/ws'));
    await waitUntil(() => el.status === 'connected', 'the script-tag build connects', { timeout: 8000 });
    await backend.call('nextReply', 'We are open **8:00–18:00**.');
    el.send('When are you open?');
    await waitUntil(
      () => el.messages.some((m) => m.role === 'assistant' && m.state === 'complete'),
      'the reply completes',
      { timeout: 8000 },
    );
    const strong = el.shadowRoot!.querySelector('[part~="assistant"] [part~="content"] strong');
    expect(strong?.textContent).to.equal('8:00–18:00');
    expect(await userFrames(backend)).to.have.length(1);
    frame.remove();
  });
});
