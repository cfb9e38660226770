// The builds the benchmark needs: dist/ai-chat.js (`npx vite build`, exactly what `npm test`
// builds), the baseline bundle (scripts/bench/baselines.ts, with Vite's build() API) and, for the
// size breakdown, the script-tag build once more with a source map into the results directory.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'vite';

/**
 * Runs a command in `cwd`; throws with its output when it fails.
 * @param {string} cwd
 * @param {string} command
 * @param {string[]} args
 */
function run(cwd, command, args) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`,
    );
  }
}

/**
 * `npx vite build`: dist/ai-chat.js.
 * @param {string} root
 */
export function buildDist(root) {
  run(root, 'npx', ['vite', 'build', '--logLevel', 'error']);
  return join(root, 'dist', 'ai-chat.js');
}

/**
 * The script-tag build again, with a source map, into `outDir`.
 * @param {string} root
 * @param {string} outDir
 */
export function buildWithSourcemap(root, outDir) {
  run(root, 'npx', ['vite', 'build', '--sourcemap', '--outDir', outDir, '--logLevel', 'error']);
  return join(outDir, 'ai-chat.js');
}

/**
 * scripts/bench/baselines.ts → `outDir`/baselines.js (minified ES module: marked, DOMPurify and
 * the project's renderMarkdown), built without the project's Vite config.
 * @param {string} root
 * @param {string} outDir
 */
export async function buildBaselines(root, outDir) {
  await build({
    configFile: false,
    root,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      target: 'es2022',
      outDir,
      emptyOutDir: true,
      minify: true,
      // As vite.config.ts: whitespace too (lib mode keeps it by default).
      rollupOptions: { output: { minify: true } },
      lib: {
        entry: join(root, 'scripts', 'bench', 'baselines.ts'),
        formats: ['es'],
        fileName: () => 'baselines.js',
      },
    },
  });
  return join(outDir, 'baselines.js');
}
