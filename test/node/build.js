// Shared by the Node-side tests: the repository root, and the build artefacts the package is
// made of (built with `npm run build` when any is missing).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What `npm run build` makes and the package ships. */
export const ARTEFACTS = [
  'dist/index.js',
  'dist/react.js',
  'dist/vue.js',
  'dist/ai-chat.js',
  'dist/ai-chat.iife.js',
  'dist/types/index.d.ts',
  'custom-elements.json',
  'dist/vscode.html-custom-data.json',
  'dist/vscode.css-custom-data.json',
  'dist/web-types.json',
];

const LOCK = join(ROOT, 'node_modules', '.cache', 'ai-chat-node-tests-build');

/**
 * Runs `npm run build` unless every artefact is there. Test files run in parallel: one builds
 * while the others wait for it.
 */
export async function ensureBuilt() {
  if (ARTEFACTS.every((file) => existsSync(join(ROOT, file)))) return;
  mkdirSync(dirname(LOCK), { recursive: true });
  try {
    mkdirSync(LOCK);
  } catch {
    for (let waited = 0; existsSync(LOCK) && waited < 180_000; waited += 250) await sleep(250);
    return;
  }
  try {
    const { status } = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    if (status !== 0) throw new Error(`npm run build failed (${status})`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Runs a command in the repository root; throws with its output when it fails.
 * @param {string} command
 * @param {string[]} args
 * @param {string} [cwd]
 */
export function run(command, args, cwd = ROOT) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

/**
 * The package as an app gets it: `npm pack`, unpacked into a scratch project's
 * `node_modules/ai-chat-element`, with every other package linked from this repository's
 * node_modules (the package's dependencies and the frameworks an app would have). Returns the
 * scratch project's folder; remove it when done.
 * @param {string} prefix
 */
export async function installPacked(prefix) {
  await ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const [{ filename }] = JSON.parse(
    run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir]),
  );
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, 'ai-chat-element'), { recursive: true });
  run('tar', ['-xzf', join(dir, filename), '-C', join(modules, 'ai-chat-element'), '--strip-components=1']);
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name.startsWith('.') || name === 'ai-chat-element') continue;
    symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
  }
  return dir;
}

/**
 * `cem analyze` afresh (as `npm run analyze` does) into a scratch folder, the editors' data with
 * it, so the checks compare what the sources say now and never write into dist/ while another test
 * file reads it. Returns the manifest and the scratch folder's files by name; removes the folder.
 * @returns {{manifest: any, files: Record<string, any>}}
 */
export function analyze() {
  const outdir = mkdtempSync(join(tmpdir(), 'ai-chat-manifest-'));
  try {
    const result = spawnSync('npx', ['cem', 'analyze', '--quiet', '--outdir', relative(ROOT, outdir)], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, AI_CHAT_EDITORS_OUTDIR: outdir },
    }); // (the analyzer joins --outdir to the cwd)
    if (result.status !== 0) throw new Error(`cem analyze failed:\n${result.stdout}${result.stderr}`);
    /** @type {Record<string, any>} */
    const files = {};
    for (const name of readdirSync(outdir))
      files[name] = JSON.parse(readFileSync(join(outdir, name), 'utf8'));
    return { manifest: files['custom-elements.json'], files };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
