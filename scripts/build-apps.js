// Builds the framework apps of test/apps/ the way integrators build theirs: `npm pack` makes the
// package's tarball, each app is a fresh project (its own package.json and lockfile) that installs
// it with `npm install <tarball>`, then runs its own build (type-check included where the
// framework's starter has one). The built pages go to dist-apps/<app>/, where
// test/frameworks.test.ts loads them against the mock backend.
//
//   node scripts/build-apps.js [app …]      (npm run apps; npm test runs it)
//
// Needs the package built first (`npm run build`). Each app's node_modules is installed once per
// lockfile into a cache folder (AI_CHAT_APPS_CACHE, default <tmp>/ai-chat-apps/<app>-<hash>) and
// reused while the lockfile stays the same; the tarball is installed afresh every time.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const APPS_DIR = join(ROOT, 'test', 'apps');
const OUT = join(ROOT, 'dist-apps');
const CACHE = process.env.AI_CHAT_APPS_CACHE ?? join(tmpdir(), 'ai-chat-apps');

/**
 * Each app: the folder with its package.json and lockfile, the folder of its sources (shared by
 * the two React apps), where its build writes, and where test/apps/shared/app.ts goes.
 * @type {Record<string, {sources: string, output: string, shared: string}>}
 */
export const APPS = {
  'react-19': { sources: 'react', output: 'dist', shared: 'src/app.ts' },
  'react-18': { sources: 'react', output: 'dist', shared: 'src/app.ts' },
  vue: { sources: 'vue', output: 'dist', shared: 'src/app.ts' },
  angular: { sources: 'angular', output: 'dist', shared: 'src/app.ts' },
  next: { sources: 'next', output: 'out', shared: 'app/app.ts' },
  astro: { sources: 'astro', output: 'dist', shared: 'src/app.ts' },
};

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  ASTRO_TELEMETRY_DISABLED: '1',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

/** @param {string} cmd @param {string[]} args @param {string} cwd @param {Record<string, string>} [extra] */
function run(cmd, args, cwd, extra = {}) {
  const result = spawnSync(cmd, args, { cwd, env: { ...env, ...extra }, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
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

/** @param {string} name @param {string} tarball */
function buildApp(name, tarball) {
  const app = APPS[name];
  const manifest = join(APPS_DIR, name, 'package.json');
  const lock = join(APPS_DIR, name, 'package-lock.json');
  const hash = createHash('sha256')
    .update(readFileSync(manifest))
    .update(readFileSync(lock))
    .update(process.version)
    .digest('hex')
    .slice(0, 12);
  const work = join(CACHE, `${name}-${hash}`);
  const started = Date.now();

  if (!existsSync(join(work, 'node_modules', '.package-lock.json'))) {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    cpSync(manifest, join(work, 'package.json'));
    cpSync(lock, join(work, 'package-lock.json'));
    run('npm', ['ci', '--prefer-offline'], work);
  }
  const installed = Date.now();

  // The app's sources, afresh (the cache keeps only node_modules and the lockfile's install).
  for (const entry of readdirSync(work)) {
    if (!['node_modules', 'package.json', 'package-lock.json'].includes(entry)) {
      rmSync(join(work, entry), { recursive: true, force: true });
    }
  }
  cpSync(join(APPS_DIR, app.sources), work, {
    recursive: true,
    filter: (src) => !src.endsWith('package.json'),
  });
  cpSync(join(APPS_DIR, 'shared', 'app.ts'), join(work, app.shared));
  // The package, as an integrator adds it (the lockfile stays the app's own).
  run('npm', ['install', '--no-save', '--prefer-offline', tarball], work);
  const added = Date.now();

  const base = `/dist-apps/${name}/`;
  run('npm', ['run', 'build', '--silent'], work, { APP_BASE: base });
  rmSync(join(OUT, name), { recursive: true, force: true });
  cpSync(join(work, app.output), join(OUT, name), { recursive: true });
  const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `apps: dist-apps/${name}/ (install ${seconds(installed - started)}, package ${seconds(added - installed)}, build ${seconds(Date.now() - added)})`,
  );
}

const names = process.argv.slice(2);
for (const name of names) {
  if (!(name in APPS)) {
    console.error(`build-apps: unknown app '${name}' (one of ${Object.keys(APPS).join(', ')})`);
    process.exit(2);
  }
}

try {
  const tarball = pack();
  for (const name of names.length ? names : Object.keys(APPS)) buildApp(name, tarball);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
