// A Vite plugin that attaches the mock AI backend to Vite's own HTTP server (dev and preview),
// so the demo page reaches it at the same origin: <ai-chat endpoint="/ai/{feature}/ws">, and the
// other dialects' paths (see mock-backend.js). It takes only upgrade requests on the dialects'
// paths and their HTTP routes (hybrid's SSE reply stream, booking's avatars, the POST per turn of
// agui, ai-sdk and openai), GET /probe/* and
// the chaos endpoint POST /__mock/chaos (loopback clients only; the demo's chaos panel uses it);
// Vite's HMR socket is left alone.
//
//   import { mockBackend } from './demo/server/vite-plugin.js';
//   export default defineConfig({ plugins: [mockBackend()] });
import { attachMockBackend } from './mock-backend.js';

/**
 * @param {import('./mock-backend.js').MockBackendOptions} [options] pace defaults to 'human', chaosEndpoint to true
 * @returns {import('vite').Plugin}
 */
export function mockBackend(options = {}) {
  /**
   * @param {{httpServer: unknown, middlewares: import('vite').Connect.Server, config: import('vite').ResolvedConfig}} server
   */
  const attach = (server) => {
    if (!server.httpServer) {
      server.config.logger.warn('mock AI backend: no HTTP server (middleware mode); not attached');
      return;
    }
    const httpServer = /** @type {import('node:http').Server} */ (server.httpServer);
    const backend = attachMockBackend(httpServer, { pace: 'human', chaosEndpoint: true, ...options });
    server.middlewares.use((req, res, next) => {
      // The demo lives in demo/; send visitors of the bare origin there.
      if (req.url === '/' || req.url === '/index.html') {
        res.writeHead(302, { Location: '/demo/' });
        res.end();
        return;
      }
      if (!backend.handleHttp(req, res)) next();
    });
    httpServer.once('close', () => void backend.close());
    server.config.logger.info(
      `  mock AI backend attached at the same origin (pace ${JSON.stringify(backend.opts.paceOption)}): envelope /ai/{feature}/ws /chat/ws · booking /ws/booking · hybrid /api/v1/ws/chat/{user} + /api/v1/chat/stream · conversation /api/v1/chat/ws · consultation /ws/consultation · agui POST /agui/{feature} · ai-sdk POST /api/chat/{feature} · openai POST /v1/chat/completions${backend.opts.chaosEndpoint ? ' · chaos POST /__mock/chaos' : ''}`,
    );
    httpServer.once('listening', () => {
      const address = httpServer.address();
      const port = typeof address === 'object' && address ? address.port : '';
      server.config.logger.info(`  ➜  Demo:   http://127.0.0.1:${port}/demo/`);
    });
  };
  return {
    name: 'ai-chat-mock-backend',
    configureServer: attach,
    configurePreviewServer: attach,
  };
}
