// The standard-stream dialects (agui, ai-sdk, openai) load only where they are used: the
// script-tag build's entry holds none of their code; each is a chunk in dist/chunks/ that the
// entry imports on demand, relative to its own URL, so a page that does not use them does not pay
// for them (issue 13, "Done means"). So is every other dialect but the default (issue 14: "the
// chosen dialect only"), and the HTTP reply streams' code that the HTTP dialects need.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { ROOT, ensureBuilt } from './build.js';

/** Strings only the standard dialects' code contains (event and chunk names they decode). */
const MARKERS = ['TEXT_MESSAGE_CONTENT', 'tool-output-available', 'stream_options', 'ai-chat.card'];

before(ensureBuilt);

const read = (/** @type {string} */ file) => readFileSync(join(ROOT, file), 'utf8');

test('the script-tag entry holds none of the standard dialects', () => {
  const bundle = read('dist/ai-chat.js');
  for (const marker of MARKERS)
    assert.equal(bundle.includes(marker), false, `${marker} is in dist/ai-chat.js`);
});

test('each dialect but the default is a chunk beside the entry, imported on demand (and only those)', () => {
  // What the entry imports on demand, and what those chunks do in turn (the session's chunk loads
  // the dialects' registry): paths relative to dist/.
  /** @param {string} file a path under dist/ */
  const onDemand = (file) =>
    [...read(file).matchAll(/import\(\s*[`'"]\.\/([^`'"]+)[`'"]\s*\)/g)].map(
      (m) => `${file.startsWith('dist/chunks/') ? 'chunks/' : ''}${m[1]}`,
    );
  const fromEntry = onDemand('dist/ai-chat.js');
  const imported = [...fromEntry, ...fromEntry.flatMap((file) => onDemand(`dist/${file}`))];
  const name = (/** @type {string} */ file) => file.replace(/-[\w-]{8}\.js$/, '');
  // Other parts load on demand too (languages, session, markdown renderer, cards); the dialects
  // are these seven, with the reply streams' code.
  const others = [
    'chunks/es',
    'chunks/fr',
    'chunks/de',
    'chunks/ar',
    'chunks/session',
    'chunks/markdown-directive',
    'chunks/cards',
    'chunks/panel-part',
  ];
  assert.deepEqual(
    imported.map(name).filter((file) => !others.includes(file)),
    [
      'chunks/booking',
      'chunks/hybrid',
      'chunks/conversation',
      'chunks/consultation',
      'chunks/agui',
      'chunks/ai-sdk',
      'chunks/openai',
      'chunks/reply-stream',
    ],
  );
  assert.ok(imported.map(name).includes('chunks/session'), 'the session is a chunk the entry imports');
  const chunks = imported.map((file) => read(`dist/${file}`)).join('\n');
  const shared = readdirSync(join(ROOT, 'dist/chunks')).map((name) => read(`dist/chunks/${name}`));
  for (const marker of MARKERS)
    assert.ok(
      [chunks, ...shared].some((code) => code.includes(marker)),
      `${marker} is in dist/chunks/`,
    );
  // The chunks import only the entry and each other, by relative paths that exist.
  let imports = 0;
  for (const name of readdirSync(join(ROOT, 'dist/chunks'))) {
    const code = read(`dist/chunks/${name}`);
    for (const [, path] of code.matchAll(/(?:^|[;}\s])import\s*\{[^}]*\}\s*from\s*["'`]([^"'`]+)["'`]/g)) {
      assert.match(path ?? '', /^\.\.?\//, `${name} imports ${path} by a relative path`);
      assert.ok(existsSync(join(ROOT, 'dist/chunks', path ?? '')), `${name} imports ${path}, which exists`);
      imports++;
    }
  }
  assert.ok(imports >= 3, 'each dialect chunk imports what it shares with the entry');
});

test('what a page that uses none of them loads did not grow by them', () => {
  const kb = (/** @type {string} */ code) => gzipSync(code).length / 1024;
  const entry = kb(read('dist/ai-chat.js'));
  const standards = readdirSync(join(ROOT, 'dist/chunks'))
    .filter((name) => /^(agui|ai-sdk|openai|standard)-/.test(name))
    .reduce((sum, name) => sum + kb(read(`dist/chunks/${name}`)), 0);
  console.log(
    `size: dist/ai-chat.js ${entry.toFixed(1)} KB gzipped; the standard dialects, on demand, ${standards.toFixed(1)} KB`,
  );
  assert.ok(standards > 3, 'the chunks hold the dialects (so the check below can fail)');
  // The IIFE cannot load chunks: it holds the dialects, and is bigger by about their size.
  const iife = kb(read('dist/ai-chat.iife.js'));
  assert.ok(iife - entry > 2, `the classic script (${iife.toFixed(1)} KB) holds the standard dialects`);
  for (const marker of MARKERS)
    assert.ok(read('dist/ai-chat.iife.js').includes(marker), `${marker} is in the classic script`);
});

test('the markers are the dialects’ own (so the checks above can fail)', () => {
  const sources = ['agui', 'ai-sdk', 'openai', 'standard']
    .map((name) => read(`src/protocol/dialects/${name}.ts`))
    .join('\n');
  for (const marker of MARKERS)
    assert.ok(sources.includes(marker), `${marker} is not in the dialects' source`);
});
