import { defineConfig } from 'vite';

// APP_BASE: where the test suite serves the build (/dist-apps/<name>/). The Angular compiler runs
// in the browser (JIT): over a megabyte, and expected.
export default defineConfig({
  base: process.env.APP_BASE ?? '/',
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
});
