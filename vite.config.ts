import { defineConfig, type Plugin } from 'vite';
import { mockBackend } from './demo/server/vite-plugin.js';

// `vite` (npm start): the demo page at /demo/ with the mock AI backend on the same origin.
// `vite build`: dist/ai-chat.js, the self-contained script-tag build (every dependency inside).
// `vite build --mode npm`: dist/index.js for bundlers, with the dependencies left external.
const DEPENDENCIES = [
  /^lit(\/|$)/,
  /^@lit\//,
  /^lit-html(\/|$)/,
  /^lit-element(\/|$)/,
  /^marked$/,
  /^dompurify$/,
  /^zod(\/|$)/,
];

/** Collapses whitespace and comments inside the `css\`…\`` of `*.styles.ts` (the build only). */
function minifyLitCss(): Plugin {
  const minify = (css: string) =>
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .trim();
  return {
    name: 'minify-lit-css',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return undefined;
      return code.replace(/css`([^`]*)`/g, (_match, body: string) => `css\`${minify(body)}\``);
    },
  };
}

export default defineConfig(({ mode }) => {
  const npm = mode === 'npm';
  return {
    plugins: [mockBackend(), minifyLitCss()],
    server: { host: '127.0.0.1', open: false },
    preview: { host: '127.0.0.1' },
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: !npm,
      minify: !npm,
      sourcemap: npm,
      lib: {
        entry: npm ? 'src/index.ts' : 'src/ai-chat.ts',
        formats: ['es'],
        fileName: () => (npm ? 'index.js' : 'ai-chat.js'),
      },
      rollupOptions: npm ? { external: DEPENDENCIES } : { output: { minify: true } },
    },
  };
});
