// The reconnect storm (issue 10, defect 1), as integrators meet it: each framework app of
// test/apps/ (built from the packed tarball, see frameworks.test.ts) with `?inline` passes a new
// inline `tokenProvider` arrow on every render. After 1,000 renders, the widget must still hold
// its one socket: a message round-trips and the backend saw exactly one handshake.
//
// Left out of web-test-runner's default files until the session's fix lands (see
// web-test-runner.config.js); run it alone with `npx wtr --files test/frameworks-churn.test.ts`
// after `npm run build && npm run apps`.
import { expect } from '@open-wc/testing';
import { APPS, label, loadApp, type LoadedApp } from './support/apps.js';
import { closeBackends, startBackend } from './support/backend.js';
import { until } from './support/element.js';

const RENDERS = 1_000;

for (const app of APPS) {
  describe(`framework app: ${label(app)}, a new inline tokenProvider on every render`, function () {
    this.timeout(60_000);
    let loaded: LoadedApp | undefined;
    afterEach(async () => {
      loaded?.frame.remove();
      loaded = undefined;
      await closeBackends();
    });

    it(`keeps one socket through ${RENDERS.toLocaleString('en')} renders and still answers`, async () => {
      const backend = await startBackend();
      loaded = await loadApp(app, backend, { inline: '' });
      const { el, shown } = loaded;
      await until(() => shown('status') === 'connected', `${label(app)}: status is ${shown('status')}`);
      const before = el.tokenProvider;

      expect(await loaded.rerender(RENDERS)).to.equal(RENDERS);
      await until(
        () => shown('renders') === String(RENDERS),
        `${label(app)} rendered ${shown('renders')} times`,
      );
      expect(el.tokenProvider, 'each render passed a new provider').not.to.equal(before);

      // The round trip proves the socket is up; the backend's count proves it is the first one.
      await backend.call('nextReply', 'Still here.');
      el.send('Are you there?');
      await until(() => shown('replies') === '1', `${label(app)}: replies ${shown('replies')}`);
      expect(await backend.call<unknown[]>('handshakes')).to.have.length(1);
      expect(el.status).to.equal('connected');
    });
  });
}
