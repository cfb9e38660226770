import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { mockBackend } from './demo/server/vite-plugin.js';

// `vite` (npm start): the demo page at /demo/ with the mock AI backend on the same origin.
// `vite build`: dist/ai-chat.js, the self-contained script-tag build (every dependency inside).
// `vite build --mode iife`: dist/ai-chat.iife.js, the same as a classic script (for pages that strip
//   `type="module"`); it defines <ai-chat> and adds no global.
// `vite build --mode npm`: dist/index.js for bundlers, with the dependencies left external.
const ENTRY = fileURLToPath(new URL('src/ai-chat.ts', import.meta.url));
const DEPENDENCIES = [
  /^lit(\/|$)/,
  /^@lit\//,
  /^lit-html(\/|$)/,
  /^lit-element(\/|$)/,
  /^marked$/,
  /^dompurify$/,
  /^zod(\/|$)/,
];

/**
 * The IIFE build's entry: `src/ai-chat.ts` imported for its effect (defining <ai-chat>) with
 * nothing exported, so the classic script adds no global to the page.
 */
function iifeEntry(): Plugin {
  const id = 'virtual:ai-chat-iife';
  return {
    name: 'ai-chat-iife-entry',
    enforce: 'pre',
    apply: 'build',
    resolveId(source, importer) {
      if (source.endsWith(id)) return `\0${id}`;
      // package.json's `sideEffects` names only dist files, so say it here: the import is its effect.
      if (importer === `\0${id}`) return { id: ENTRY, moduleSideEffects: true };
      return undefined;
    },
    load: (loaded) => (loaded === `\0${id}` ? `import ${JSON.stringify(ENTRY)};` : undefined),
  };
}

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
  const iife = mode === 'iife';
  return {
    plugins: [mockBackend(), minifyLitCss(), iifeEntry()],
    server: { host: '127.0.0.1', open: false },
    preview: { host: '127.0.0.1' },
    build: {
      target: 'es2022',
      outDir: 'dist',
      // The first build (`vite build`) empties dist/; the others add to it.
      emptyOutDir: !npm && !iife,
      minify: !npm,
      sourcemap: false,
      lib: {
        entry: npm ? 'src/index.ts' : iife ? 'virtual:ai-chat-iife' : 'src/ai-chat.ts',
        formats: [iife ? 'iife' : 'es'],
        // Vite wants a global name for an IIFE; the entry exports nothing, so none is made.
        name: 'AiChatElement',
        fileName: () => (npm ? 'index.js' : iife ? 'ai-chat.iife.js' : 'ai-chat.js'),
      },
      rollupOptions: npm ? { external: DEPENDENCIES } : { output: { minify: true } },
    },
  };
});
