// The framework apps (test/apps/: React 19 with the wrapper and with a bare <ai-chat>, React 18,
// Vue 3, Angular 21, Next.js 16 App Router, Astro 5, Nuxt 4, SvelteKit 2), each a project that installed the
// packed tarball and ran its own build (scripts/build-apps.js; `npm run build && npm run apps`, or
// `npm test`). Each page, in an iframe against a real mock backend: <ai-chat> renders through the
// framework, connects once with the token from its provider (set as a property, never an
// attribute), a message round-trips, and the events reach the framework's state.
import { expect } from '@open-wc/testing';
import { APPS, label, loadApp, type LoadedApp } from './support/apps.js';
import { closeBackends, startBackend, userFrames } from './support/backend.js';
import { until } from './support/element.js';

interface Handshake {
  path: string;
  query: Record<string, unknown>;
}

for (const app of APPS) {
  describe(`framework app: ${label(app)}`, function () {
    this.timeout(30_000);
    let loaded: LoadedApp | undefined;
    afterEach(async () => {
      loaded?.frame.remove();
      loaded = undefined;
      await closeBackends();
    });

    it('connects once with its provider’s token, round-trips a message and tells the framework', async () => {
      const backend = await startBackend();
      loaded = await loadApp(app, backend);
      const { frame, el, shown } = loaded;
      expect(frame.contentWindow!.customElements.get('ai-chat')).to.equal(el.constructor);
      // The framework may set the heading after its first render (hydration): wait for it.
      const heading = () => el.shadowRoot!.querySelector('[part~="heading"]')?.textContent;
      await until(() => heading() === app.heading, `${label(app)} shows the heading '${heading()}'`);

      // Only the app's own built files were loaded (besides the test server's reload script): the
      // package came from the app's node_modules, bundled by its build.
      const scripts = (
        frame.contentWindow!.performance.getEntriesByType('resource') as PerformanceResourceTiming[]
      )
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => /\.(js|ts|tsx|vue)$/.test(path))
        // The test runner's own scripts (its reload socket and the result-cloning guard).
        .filter((path) => !path.startsWith('/__web-dev-server') && !path.startsWith('/test/support/'));
      expect(scripts.length).to.be.greaterThan(0);
      expect(scripts.filter((path) => !path.startsWith(`/dist-apps/${app.name}/`))).to.deep.equal([]);

      // The provider was set as a property (not an attribute), and no `token` was given at all.
      expect(el.tokenProvider).to.be.a('function');
      expect(el.hasAttribute('tokenprovider') || el.hasAttribute('token-provider')).to.equal(false);
      expect(el.token).to.equal(undefined);
      await until(() => el.status === 'connected', `${label(app)}: status is ${el.status}`);
      await until(
        () => shown('status') === 'connected',
        `${label(app)} shows the status, not '${shown('status')}'`,
      );

      const handshakes = await backend.call<Handshake[]>('handshakes');
      expect(handshakes).to.have.length(1);
      expect(handshakes[0]!.path).to.equal('/ai/faq/ws');
      // The backend records a token by its length: `${app}-app-token` came from the provider.
      expect(handshakes[0]!.query.token).to.equal(`${app.name}-app-token`.length);

      await backend.call('nextReply', 'Open **8:00–18:00**.');
      el.send('When are you open?');
      await until(
        () => shown('replies') === '1',
        `${label(app)} counts the reply, not '${shown('replies')}'`,
      );
      expect(await userFrames(backend)).to.have.length(1);
      // The framework heard the event; the element renders it on its next frame.
      await until(
        () => el.shadowRoot!.querySelector('[part~="assistant"] strong')?.textContent === '8:00–18:00',
        `${label(app)} renders the reply's markdown`,
      );

      // A status change after the first render reaches the framework too.
      el.disconnect();
      await until(
        () => shown('status') === 'idle',
        `${label(app)} shows idle after disconnect(), not '${shown('status')}'`,
      );
      expect(await backend.call<Handshake[]>('handshakes')).to.have.length(1);
    });
  });
}
