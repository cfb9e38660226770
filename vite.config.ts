import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import type { ChunkingContext } from 'rolldown';
import { mockBackend } from './demo/server/vite-plugin.js';

// `vite` (npm start): the demo page at /demo/ with the mock AI backend on the same origin.
// `vite build`: dist/ai-chat.js, the script-tag build (every dependency inside; what loads on
//   demand, the standard-stream dialects, in dist/chunks/, found relative to it).
// `vite build --mode iife`: dist/ai-chat.iife.js, the same as a classic script (for pages that strip
//   `type="module"`); it defines <ai-chat> and adds no global.
// `vite build --mode npm`: dist/index.js for bundlers, with the dependencies left external, and the
//   framework entries dist/react.js (`ai-chat-element/react`) and dist/vue.js (`/vue`), and the
//   clinic example's copy dist/presets/clinic.js (`/presets/clinic`).
const ENTRY = fileURLToPath(new URL('src/ai-chat.ts', import.meta.url));
const DEPENDENCIES = [
  /^lit(\/|$)/,
  /^@lit\//,
  /^lit-html(\/|$)/,
  /^lit-element(\/|$)/,
  /^marked$/,
  /^dompurify$/,
  /^zod(\/|$)/,
  /^react(\/|$)/,
  /^vue$/,
];

/**
 * The npm build's framework entries (`ai-chat-element/react`, `/vue`) import the element from the
 * package itself, so an app holds one copy of it whichever entries it uses.
 */
function frameworksImportThePackage(): Plugin {
  const frameworks = fileURLToPath(new URL('src/frameworks/', import.meta.url));
  return {
    name: 'ai-chat-frameworks-import-the-package',
    enforce: 'pre',
    apply: 'build',
    resolveId(source, importer) {
      if (importer?.startsWith(frameworks) && /^\.\.\/(ai-chat|index)\.js$/.test(source))
        return { id: 'ai-chat-element', external: true };
      return undefined;
    },
  };
}

/**
 * The npm build ships the panel with the element: src/panel-source.ts (which loads it on
 * demand, as the script-tag builds do) becomes src/panel-bundled.ts, so a server renders the
 * whole shell at once and hydration finds it.
 */
function panelBundled(): Plugin {
  const bundled = fileURLToPath(new URL('src/panel-bundled.ts', import.meta.url));
  return {
    name: 'ai-chat-panel-bundled',
    enforce: 'pre',
    apply: 'build',
    resolveId: (source) => (/(^|\/)panel-source\.js$/.test(source) ? bundled : undefined),
  };
}

/**
 * `npm start` serves the built files under /dist/ as a static server would, gzipped and untouched
 * (Vite's dev server would rewrite them as modules of its own), so demo/launcher.html shows what a
 * clinic's page really transfers.
 */
function serveBuiltFiles(): Plugin {
  const root = fileURLToPath(new URL('dist/', import.meta.url));
  return {
    name: 'ai-chat-serve-built-files',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        if (!path.startsWith('/dist/') || !path.endsWith('.js') || path.includes('..')) return next();
        const file = join(root, path.slice('/dist/'.length));
        if (!existsSync(file)) return next();
        res.setHeader('content-type', 'text/javascript; charset=utf-8');
        res.setHeader('content-encoding', 'gzip');
        res.setHeader('cache-control', 'no-cache');
        res.end(gzipSync(readFileSync(file)));
      });
    },
  };
}

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

/**
 * The script-tag builds do nothing where there is no DOM (Node, server rendering): the whole
 * module runs only when `HTMLElement` and `document` exist, so importing it on a server neither
 * throws nor defines anything (its `AiChat` export is then `undefined`). Lit's browser code
 * touches both as it loads; the npm build instead gets Lit's server build through the `node`
 * export condition. Applied to the final code of the one self-contained chunk.
 */
function domOnly(format: 'es' | 'iife'): Plugin {
  const guard = 'typeof HTMLElement>"u"||typeof document>"u"';
  return {
    name: 'ai-chat-dom-only',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
        if (format === 'iife') {
          if (!chunk.code.startsWith('(function(){'))
            this.error('the IIFE build no longer starts (function(){');
          chunk.code = `(function(){if(${guard})return;${chunk.code.slice('(function(){'.length)}`;
          continue;
        }
        // `body; export{a as AiChat};` → `const m=guard?{}:(()=>{body; return{AiChat:a}})(); export const AiChat=m.AiChat;`
        // (A source-mapped build ends with its sourceMappingURL comment.)
        const match = /export\s*\{([^}]*)\};?\s*(?:\/\/# sourceMappingURL=\S*\s*)?$/.exec(chunk.code);
        if (!match || /^\s*import\b(?!\s*\()/m.test(chunk.code))
          this.error('the script-tag build must end with its one export list and import nothing');
        const names = match[1]!
          .split(',')
          .map((spec) => spec.trim().split(/\s+as\s+/))
          .filter(([local]) => local);
        const returned = names
          .map(([local, exported]) => `${JSON.stringify(exported ?? local)}:${local}`)
          .join(',');
        const exports = names
          .map(([local, exported]) => `${exported ?? local}=m$.${exported ?? local}`)
          .join(',');
        chunk.code = `const m$=${guard}?{}:(()=>{${chunk.code.slice(0, match.index)}\nreturn{${returned}}})();export const ${exports};\n`;
      }
    },
  };
}

/**
 * The session's chunk holds all the code the session needs that the element and its panel do
 * not: with the seed dialects loading on demand (each in its own chunk), Rolldown would split the
 * code they share with the session (zod, the frame helpers) into a chunk of its own, one more
 * request that the browser finds only after the session's chunk has arrived. The dialects load
 * after the session, so that code belongs in its chunk. Modules reachable from the entry or from
 * another on-demand part (the panel, the renderer, cards, languages) are left where they are.
 */
function sessionChunk(id: string, ctx: ChunkingContext): string | null {
  let modules = sessionModules.get(ctx);
  if (!modules) {
    const closure = (from: string[]) => {
      const seen = new Set<string>();
      const todo = [...from];
      for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
        if (seen.has(next)) continue;
        seen.add(next);
        todo.push(...(ctx.getModuleInfo(next)?.importedIds ?? []));
      }
      return seen;
    };
    const onDemand = (from: Set<string>) =>
      [...from].flatMap((m) => ctx.getModuleInfo(m)?.dynamicallyImportedIds ?? []);
    const element = closure([ENTRY]);
    const session = onDemand(element).find((m) => /[\\/]session[\\/]index\.ts$/.test(m));
    // The element's static graph, and every part it loads on demand other than the session.
    const others = new Set(element);
    for (const part of onDemand(element)) if (part !== session) closure([part]).forEach((m) => others.add(m));
    modules = new Set(session ? [...closure([session])].filter((m) => !others.has(m)) : []);
    sessionModules.set(ctx, modules);
  }
  return modules.has(id) ? 'session' : null;
}
const sessionModules = new WeakMap<ChunkingContext, Set<string>>();

/**
 * The classic script holds every part (it cannot load chunks), so an `import()` in it only
 * defers running a module it already carries, at the price of a lazy wrapper per module. There
 * each `import('./x.js')` of our sources becomes a static import of the module's namespace,
 * resolved at once: a smaller file, and the same behaviour (the parts are there from the start).
 */
function staticImportsInIife(): Plugin {
  const src = fileURLToPath(new URL('src/', import.meta.url));
  return {
    name: 'ai-chat-static-imports-in-iife',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!id.startsWith(src) || !id.endsWith('.ts') || !code.includes("import('")) return undefined;
      const imports: string[] = [];
      const body = code.replace(/\bimport\('(\.{1,2}\/[^']+)'\)/g, (_match, path: string) => {
        const name = `iife$${imports.length}`;
        imports.push(`import * as ${name} from ${JSON.stringify(path)};`);
        return `Promise.resolve(${name})`;
      });
      return `${imports.join('')}${body}`;
    },
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
    plugins: [
      mockBackend(),
      serveBuiltFiles(),
      minifyLitCss(),
      iifeEntry(),
      ...(npm ? [frameworksImportThePackage(), panelBundled()] : [domOnly(iife ? 'iife' : 'es')]),
      ...(iife ? [staticImportsInIife()] : []),
    ],
    server: { host: '127.0.0.1', open: false },
    // Only the demo's pages are scanned for dependencies to pre-bundle (the framework apps under
    // test/ have their own, installed by `npm run apps`).
    optimizeDeps: { entries: ['demo/**/*.html'] },
    preview: { host: '127.0.0.1' },
    build: {
      target: 'es2022',
      outDir: 'dist',
      // The first build (`vite build`) empties dist/; the others add to it.
      emptyOutDir: !npm && !iife,
      minify: !npm,
      sourcemap: false,
      lib: {
        entry: npm
          ? {
              index: 'src/index.ts',
              react: 'src/frameworks/react.ts',
              vue: 'src/frameworks/vue.ts',
              'presets/clinic': 'src/presets/clinic.ts',
            }
          : iife
            ? 'virtual:ai-chat-iife'
            : 'src/ai-chat.ts',
        formats: [iife ? 'iife' : 'es'],
        // Vite wants a global name for an IIFE; the entry exports nothing, so none is made.
        name: 'AiChatElement',
        fileName: (_format, name) => (npm ? `${name}.js` : iife ? 'ai-chat.iife.js' : 'ai-chat.js'),
      },
      rollupOptions: npm
        ? { external: DEPENDENCIES, output: { chunkFileNames: 'lib/[name]-[hash].js' } }
        : {
            // What loads on demand (the standard-stream dialects) goes to dist/chunks/, beside the
            // entry, which may export what those chunks share with it: nothing is split out of it.
            // (The IIFE cannot load chunks: it holds them.)
            preserveEntrySignatures: 'allow-extension',
            // No comments left in what ships (the minifier keeps `@__PURE__` annotations otherwise).
            output: {
              minify: true,
              comments: false,
              chunkFileNames: 'chunks/[name]-[hash].js',
              codeSplitting: iife
                ? false
                : { groups: [{ name: sessionChunk, includeDependenciesRecursively: false }] },
            },
          },
    },
  };
});
