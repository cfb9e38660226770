// Builds the framework apps of test/apps/ the way integrators build theirs: `npm pack` makes the
// package's tarball, each app is a project of its own (its own package.json: React 18 beside React
// 19, Astro with its own Vite) that installs it with `npm install <tarball>`, then runs its own
// build (type-check included where the framework's starter has one). The built pages go to
// dist-apps/<app>/, where test/frameworks.test.ts loads them against the mock backend.
//
//   node scripts/build-apps.js [app …]      (npm run apps; npm test runs it)
//
// Needs the package built first (`npm run build`). The apps are the workspaces of one npm project
// (test/apps/package.json and its one lockfile), so their dependencies download and install once,
// together, and what they share is installed once. That install is cached in a folder
// (AI_CHAT_APPS_CACHE, default <tmp>/ai-chat-apps/apps-<hash>, one per checkout) and reused while
// the manifests and the lockfile stay the same; the tarball is installed afresh every time, once
// for all the apps. The builds then run AI_CHAT_APPS_JOBS at a time (default 2).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const APPS_DIR = join(ROOT, 'test', 'apps');
const OUT = join(ROOT, 'dist-apps');
const CACHE = process.env.AI_CHAT_APPS_CACHE ?? join(tmpdir(), 'ai-chat-apps');
const JOBS = Math.max(1, Number(process.env.AI_CHAT_APPS_JOBS) || 2);

/**
 * Each app: its workspace folder under test/apps/ (the key; it holds the app's package.json), the
 * folder of its sources (shared by the two React apps), where its build writes, and where
 * test/apps/shared/app.ts goes. The slowest builds first, so the last one is not a long one.
 * @type {Record<string, {sources: string, output: string, shared: string}>}
 */
export const APPS = {
  next: { sources: 'next', output: 'out', shared: 'app/app.ts' },
  nuxt: { sources: 'nuxt', output: '.output/public', shared: 'app/chat-app.ts' },
  sveltekit: { sources: 'sveltekit', output: 'build', shared: 'src/lib/app.ts' },
  astro: { sources: 'astro', output: 'dist', shared: 'src/app.ts' },
  vue: { sources: 'vue', output: 'dist', shared: 'src/app.ts' },
  'react-19': { sources: 'react', output: 'dist', shared: 'src/app.ts' },
  'react-18': { sources: 'react', output: 'dist', shared: 'src/app.ts' },
  angular: { sources: 'angular', output: 'dist', shared: 'src/app.ts' },
};

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  ASTRO_TELEMETRY_DISABLED: '1',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** @param {string} cmd @param {string[]} args @param {string} cwd */
function run(cmd, args, cwd) {
  const result = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/**
 * The same, without blocking (so builds can overlap); resolves with nothing, rejects with the
 * command's output.
 * @param {string} cmd @param {string[]} args @param {string} cwd @param {Record<string, string>} extra
 * @returns {Promise<void>}
 */
function runAsync(cmd, args, cwd, extra) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed (${code}):\n${output}`)),
    );
  });
}

/** The packed package (after `npm run build`). */
function pack() {
  for (const file of ['dist/index.js', 'dist/react.js', 'dist/ai-chat.js', 'dist/types/index.d.ts']) {
    if (!existsSync(join(ROOT, file))) {
      throw new Error(`build-apps: ${file} is missing: run \`npm run build\` first (npm test does)`);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'ai-chat-pack-'));
  const [{ filename }] = JSON.parse(
    run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT),
  );
  return join(dir, filename);
}

/**
 * The apps' workspace with every dependency installed (`npm ci` of test/apps/ once per lockfile,
 * manifests and Node version); returns its folder.
 */
function install() {
  /** @type {string[]} */
  const workspaces = JSON.parse(readFileSync(join(APPS_DIR, 'package.json'), 'utf8')).workspaces;
  const manifests = ['package.json', 'package-lock.json', ...workspaces.map((w) => join(w, 'package.json'))];
  const hash = createHash('sha256');
  for (const file of manifests) hash.update(file).update(readFileSync(join(APPS_DIR, file)));
  // One install per checkout too: two checkouts building at once must not share a folder.
  hash.update(ROOT).update(process.version);
  const work = join(CACHE, `apps-${hash.digest('hex').slice(0, 12)}`);
  if (existsSync(join(work, 'node_modules', '.package-lock.json'))) return work;

  const started = Date.now();
  // This checkout's install for other manifests is of no more use (each is hundreds of megabytes).
  for (const entry of existsSync(CACHE) ? readdirSync(CACHE) : []) {
    const owner = join(CACHE, entry, 'checkout.txt');
    if (existsSync(owner) && readFileSync(owner, 'utf8') === ROOT) {
      rmSync(join(CACHE, entry), { recursive: true, force: true });
    }
  }
  rmSync(work, { recursive: true, force: true });
  for (const file of manifests) cpSync(join(APPS_DIR, file), join(work, file));
  run('npm', ['ci', '--prefer-offline'], work);
  writeFileSync(join(work, 'checkout.txt'), ROOT);
  console.log(`apps: installed the apps' dependencies in ${seconds(Date.now() - started)}`);
  return work;
}

/**
 * Lays an app's sources into its workspace folder afresh (the cache keeps only its node_modules
 * and package.json).
 * @param {string} work @param {string} name
 */
function layOut(work, name) {
  const app = APPS[name];
  const dir = join(work, name);
  for (const entry of readdirSync(dir)) {
    if (!['node_modules', 'package.json'].includes(entry))
      rmSync(join(dir, entry), { recursive: true, force: true });
  }
  cpSync(join(APPS_DIR, app.sources), dir, {
    recursive: true,
    filter: (src) => !src.endsWith('package.json'),
  });
  cpSync(join(APPS_DIR, 'shared', 'app.ts'), join(dir, app.shared));
}

/** @param {string} work @param {string} name */
async function buildApp(work, name) {
  const started = Date.now();
  const dir = join(work, name);
  await runAsync('npm', ['run', 'build', '--silent'], dir, { APP_BASE: `/dist-apps/${name}/` });
  rmSync(join(OUT, name), { recursive: true, force: true });
  cpSync(join(dir, APPS[name].output), join(OUT, name), { recursive: true });
  console.log(`apps: dist-apps/${name}/ (build ${seconds(Date.now() - started)})`);
}

/**
 * Runs `task` on every item, `jobs` at a time; rejects with the first failure once all have ended.
 * @template T @param {T[]} items @param {number} jobs @param {(item: T) => Promise<void>} task
 */
async function pool(items, jobs, task) {
  const queue = [...items];
  /** @type {unknown[]} */
  const errors = [];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      await task(item).catch((/** @type {unknown} */ error) => errors.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  if (errors.length) throw errors[0];
}

const names = process.argv.slice(2);
for (const name of names) {
  if (!(name in APPS)) {
    console.error(`build-apps: unknown app '${name}' (one of ${Object.keys(APPS).join(', ')})`);
    process.exit(2);
  }
}

try {
  const started = Date.now();
  const tarball = pack();
  const work = install();
  const chosen = names.length ? names : Object.keys(APPS);
  for (const name of chosen) layOut(work, name);
  // The package, as an integrator adds it (the lockfile stays the apps' own): once, at the
  // workspace's root, where every app resolves it.
  const adding = Date.now();
  run('npm', ['install', '--no-save', '--prefer-offline', tarball], work);
  console.log(`apps: installed ${tarball.split('/').at(-1)} in ${seconds(Date.now() - adding)}`);
  await pool(chosen, JOBS, (name) => buildApp(work, name));
  console.log(`apps: ${chosen.length} built in ${seconds(Date.now() - started)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
