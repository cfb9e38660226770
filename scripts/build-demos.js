// Builds the framework demos (demo/frameworks/{react,vue,angular}/) with Vite into dist-demos/,
// each importing the package as npm users do: `ai-chat-element` is dist/index.js, the npm build
// (made here if missing), with lit, marked, DOMPurify and zod from node_modules.
//
//   node scripts/build-demos.js [react|vue|angular …]     (npm run demos; npm test runs it)
//
// Then e.g. http://127.0.0.1:5173/dist-demos/react/ under `npm start` (same-origin mock backend).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { build } from 'vite';
import vue from '@vitejs/plugin-vue';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** @type {Record<string, import('vite').PluginOption[]>} */
const PLUGINS = {
  react: [],
  // Vue's template compiler must not try to resolve <ai-chat> as a Vue component.
  vue: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'ai-chat' } } })],
  angular: [],
};

const names = process.argv.slice(2);
for (const name of names) {
  if (!(name in PLUGINS)) {
    console.error(`build-demos: unknown demo '${name}' (one of ${Object.keys(PLUGINS).join(', ')})`);
    process.exit(2);
  }
}

const npmBuild = join(ROOT, 'dist', 'index.js');
if (!existsSync(npmBuild)) {
  const { status } = spawnSync('npx', ['vite', 'build', '--mode', 'npm', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (status !== 0) process.exit(status ?? 1);
}

for (const name of names.length ? names : Object.keys(PLUGINS)) {
  await build({
    configFile: false,
    root: join(ROOT, 'demo', 'frameworks', name),
    base: `/dist-demos/${name}/`,
    publicDir: false,
    logLevel: 'warn',
    plugins: PLUGINS[name],
    resolve: { alias: [{ find: /^ai-chat-element$/, replacement: npmBuild }] },
    build: {
      outDir: join(ROOT, 'dist-demos', name),
      emptyOutDir: true,
      target: 'es2022',
      // Angular's demo carries its template compiler (JIT): over a megabyte, and expected.
      chunkSizeWarningLimit: 2048,
    },
  });
  console.log(`demos: dist-demos/${name}/`);
}
