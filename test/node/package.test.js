// The npm package: `npm pack` holds exactly what users import (the npm build and its React and
// Vue entries, the two script-tag builds, the type declarations, the manifest, README, LICENSE,
// the README's screenshot and package.json) and nothing else; package.json's exports,
// typesVersions, sideEffects and customElements all point into it, and it says where the project
// lives, what it needs (engines, optional peers) and what it is for (keywords).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureBuilt, run } from './build.js';

/** @type {{name: string, version: string, files: {path: string}[]}} */
let tarball;
/** @type {Set<string>} */
let files;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

before(async () => {
  await ensureBuilt();
  [tarball] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']));
  files = new Set(tarball.files.map((f) => f.path));
});

test('the tarball holds exactly the builds, their types, the manifest, the editors’ data, README, LICENSE, the screenshot and package.json', () => {
  const expected = [
    'package.json',
    'README.md',
    'custom-elements.json',
    // The editors' data, made from the manifest (see editors.test.js).
    'dist/vscode.html-custom-data.json',
    'dist/vscode.css-custom-data.json',
    'dist/web-types.json',
    'LICENSE',
    'dist/index.js',
    'dist/react.js',
    'dist/vue.js',
    'dist/presets/clinic.js',
    'dist/ai-chat.js',
    'dist/ai-chat.iife.js',
    // The README's screenshot, by its CDN URL (see the README test below).
    'demo/screenshot.png',
  ];
  // What loads on demand: the script-tag build's chunks (dist/chunks/) and the npm build's (dist/lib/).
  const chunks = [...files].filter((f) => /^dist\/(chunks|lib)\/[\w-]+\.js$/.test(f));
  assert.ok(chunks.length > 0, 'the on-demand chunks are packed');
  const types = [...files].filter((f) => f.startsWith('dist/types/'));
  assert.deepEqual(
    [...files].filter((f) => !f.startsWith('dist/types/') && !chunks.includes(f)).sort(),
    expected.sort(),
  );
  assert.deepEqual(
    types.filter((f) => !f.endsWith('.d.ts')),
    [],
    'dist/types/ holds only declarations',
  );
  for (const entry of [
    'index',
    'ai-chat',
    'events',
    'frameworks/react',
    'frameworks/vue',
    'presets/clinic',
  ]) {
    assert.ok(files.has(`dist/types/${entry}.d.ts`), `dist/types/${entry}.d.ts is packed`);
  }
  assert.deepEqual(
    [...files].filter((f) =>
      /^(src|test|scripts|node_modules|dist-demos|dist-apps|bench-results)\/|^demo\/(?!screenshot\.png$)|\.map$/.test(
        f,
      ),
    ),
    [],
  );
});

test('the name and version are the package.json ones', () => {
  assert.equal(tarball.name, 'ai-chat-element');
  assert.match(tarball.version, /^\d+\.\d+\.\d+(-[\w.]+)?$/);
});

test('every path package.json names is in the tarball', () => {
  /** @param {string} path */
  const packed = (path) => files.has(path.replace(/^\.\//, ''));
  /** @type {string[]} */
  const targets = [];
  /** @param {unknown} value */
  const collect = (value) => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(pkg.exports);
  for (const target of [
    ...targets,
    pkg.main,
    pkg.module,
    pkg.types,
    pkg.customElements,
    ...pkg.sideEffects,
  ]) {
    assert.ok(packed(target), `${target} is in the tarball`);
  }
  assert.equal(pkg.customElements, 'custom-elements.json');
});

test('conditional exports list `types` first', () => {
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue;
    assert.equal(Object.keys(target)[0], 'types', `exports["${subpath}"] starts with types`);
  }
});

test('sideEffects names the modules that define <ai-chat>, and only those', () => {
  for (const file of ['dist/index.js', 'dist/ai-chat.js', 'dist/ai-chat.iife.js']) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    assert.match(text, /customElements\.define\(\s*["'`]ai-chat["'`]/, `${file} defines <ai-chat>`);
    assert.ok(pkg.sideEffects.includes(`./${file}`), `${file} is in sideEffects`);
  }
  assert.equal(pkg.sideEffects.length, 3);
});

test('the script-tag builds are self-contained: no import of another file, but what loads on demand', () => {
  const esm = readFileSync(join(ROOT, 'dist/ai-chat.js'), 'utf8');
  const iife = readFileSync(join(ROOT, 'dist/ai-chat.iife.js'), 'utf8');
  // `import{…}from"…"`, `import"…"`, `import x from`, `import * as`, `import(…)`, however minified.
  const imports = /(^|[;}\s])import\s*([{"'`*(]|[\w$]+\s+from\b)/m;
  // The module loads only its own chunks, on demand, relative to its URL (and packed).
  const onDemand = /(^|[;}\s])import\(\s*[`'"]\.\/(chunks\/[\w-]+\.js)[`'"]\s*\)/gm;
  for (const [, , chunk] of esm.matchAll(onDemand))
    assert.ok(files.has(`dist/${chunk}`), `dist/${chunk} is packed`);
  assert.doesNotMatch(esm.replace(onDemand, '$1'), imports, 'dist/ai-chat.js imports nothing else');
  assert.doesNotMatch(iife, imports, 'dist/ai-chat.iife.js imports nothing');
  assert.doesNotMatch(iife, /(^|[;}\s])export\s*[{*\w]/m, 'dist/ai-chat.iife.js exports nothing');
  assert.match(iife, /^\(function\(\)\{/, 'dist/ai-chat.iife.js is one function expression (no global)');
});

test('typesVersions maps each subpath to a packed declaration (for moduleResolution: node10)', () => {
  const map = pkg.typesVersions['*'];
  for (const subpath of Object.keys(pkg.exports)) {
    const name = subpath.replace(/^\.\//, '');
    const types = pkg.exports[subpath]?.types;
    if (subpath === '.' || !types) continue;
    assert.deepEqual(map[name], [types.replace(/^\.\//, '')], `typesVersions maps ${name}`);
    assert.ok(files.has(map[name][0]), `${map[name][0]} is packed`);
  }
});

test('package.json says where the project lives, what it runs on and what it needs', () => {
  assert.match(pkg.repository.url, /^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
  const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
  assert.equal(pkg.homepage, `${repo}#readme`);
  assert.equal(pkg.bugs.url, `${repo}/issues`);
  assert.ok(pkg.keywords.includes('web-component') && pkg.keywords.includes('custom-element'));
  assert.match(pkg.engines.node, /^>=\d+/);
  assert.equal(pkg.license, 'MIT');
  assert.match(readFileSync(join(ROOT, 'LICENSE'), 'utf8'), /^MIT License/);
  // React and Vue are optional peers: only the /react and /vue entries use them.
  for (const name of ['react', 'vue']) {
    assert.ok(pkg.peerDependencies[name], `${name} is a peer`);
    assert.equal(pkg.peerDependenciesMeta[name]?.optional, true, `${name} is optional`);
    assert.equal(pkg.dependencies[name], undefined);
  }
});

test('the README is an integrator’s page: short, its screenshot by an absolute URL of a packed file, the quick start', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.ok(readme.split('\n').length < 250, 'under 250 lines');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1] ?? '');
  assert.ok(images.length >= 1);
  for (const src of images) {
    const match = /^https:\/\/cdn\.jsdelivr\.net\/npm\/ai-chat-element(?:@[\w.^~-]+)?\/(.+)$/.exec(src);
    assert.ok(match, `${src} is the package's CDN URL`);
    assert.ok(files.has(match[1] ?? ''), `${match[1]} is packed`);
  }
  assert.match(readme, /npm install && npm start/);
  assert.match(readme, /^npm test\b/m);
  assert.match(readme, /https:\/\/cdn\.jsdelivr\.net\/npm\/ai-chat-element@\d+\/dist\/ai-chat\.js/);
  // Every relative link points at a file of the repository.
  for (const [, link] of readme.matchAll(/\]\(((?!https?:|#)[^)#]+)(?:#[^)]*)?\)/g)) {
    assert.ok(existsSync(join(ROOT, link ?? '')), `${link} exists`);
  }
});
