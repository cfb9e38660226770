// The framework demos (demo/frameworks/{react,vue,angular}/, built into dist-demos/ by
// scripts/build-demos.js, which `npm test` runs first): each page, in an iframe, renders <ai-chat>
// through its framework against a real mock backend, passes `tokenProvider` as a property and
// shows the status it hears from `ai-chat-status`.
import { expect } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import { closeBackends, startBackend, userFrames } from './support/backend.js';
import { until } from './support/element.js';

interface Handshake {
  path: string;
  query: Record<string, unknown>;
}

async function loadDemo(name: string, endpoint: string): Promise<HTMLIFrameElement> {
  const page = await fetch(`/dist-demos/${name}/index.html`);
  if (!page.ok) throw new Error(`dist-demos/${name}/ is missing: run \`npm run demos\` (npm test does)`);
  const frame = document.createElement('iframe');
  frame.src = `/dist-demos/${name}/index.html?${new URLSearchParams({ endpoint })}`;
  frame.style.cssText = 'width: 640px; height: 800px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame;
}

const FRAMEWORKS = [
  { name: 'react', heading: 'React demo' },
  { name: 'vue', heading: 'Vue demo' },
  { name: 'angular', heading: 'Angular demo' },
];

for (const { name, heading } of FRAMEWORKS) {
  describe(`framework demo: ${name}`, function () {
    this.timeout(20_000);
    let frame: HTMLIFrameElement | undefined;
    afterEach(async () => {
      frame?.remove();
      frame = undefined;
      await closeBackends();
    });

    it('renders <ai-chat>, connects with the token from its provider and shows the status event', async () => {
      const backend = await startBackend();
      frame = await loadDemo(name, backend.url('/ai/{feature}/ws'));
      const doc = frame.contentDocument!;
      await until(() => doc.querySelector('ai-chat')?.shadowRoot, `${name} renders <ai-chat>`);
      const el = doc.querySelector('ai-chat') as AiChat;
      expect(frame.contentWindow!.customElements.get('ai-chat')).to.equal(el.constructor);
      expect(el.shadowRoot!.querySelector('[part~="heading"]')!.textContent).to.equal(heading);

      // The provider was set as a property (not an attribute), and no `token` was given at all.
      expect(el.tokenProvider).to.be.a('function');
      expect(el.hasAttribute('tokenprovider') || el.hasAttribute('token-provider')).to.equal(false);
      expect(el.token).to.equal(undefined);
      await until(() => el.status === 'connected', `${name}: status is ${el.status}`);

      const handshakes = await backend.call<Handshake[]>('handshakes');
      expect(handshakes).to.have.length(1);
      expect(handshakes[0]!.path).to.equal('/ai/faq/ws');
      // The backend records a token by its length: `${name}-demo-token` came from the provider.
      expect(handshakes[0]!.query.token).to.equal(`${name}-demo-token`.length);

      const status = () => doc.querySelector('[data-testid="status"]')?.textContent?.trim();
      await until(() => status() === 'connected', `${name} shows the status, not '${status()}'`);

      await backend.call('nextReply', 'Open **8:00–18:00**.');
      el.send('When are you open?');
      const replies = () => doc.querySelector('[data-testid="replies"]')?.textContent?.trim();
      await until(() => replies() === '1', `${name} counts the reply, not '${replies()}'`);
      expect(await userFrames(backend)).to.have.length(1);

      // A status change after the first render reaches the framework too.
      el.disconnect();
      await until(() => status() === 'idle', `${name} shows idle after disconnect(), not '${status()}'`);
    });
  });
}
