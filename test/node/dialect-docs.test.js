// docs/dialects/ is a backend team's reference: a page per dialect the widget speaks, each naming
// every frame type the dialect reads (the `case` labels of its decoder) and writes (the `type` of
// every frame its encoder makes), its close codes, and an example session; none depends on
// documents outside the repository. Read from the sources, so a frame added to a dialect without
// its line in the docs fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './build.js';

const DIALECTS = join(ROOT, 'src/protocol/dialects');
const DOCS = join(ROOT, 'docs/dialects');
// A dialect's file declares its channel; the others there (shared helpers, an index) are not dialects.
const names = readdirSync(DIALECTS)
  .filter((file) => file.endsWith('.ts') && /\bchannel: '/.test(readFileSync(join(DIALECTS, file), 'utf8')))
  .map((file) => file.replace(/\.ts$/, ''));

/** @param {string} text @param {string} name the function's name @returns {string} its text */
function body(text, name) {
  const start = text.search(new RegExp(`^function ${name}\\(`, 'm'));
  if (start < 0) return '';
  const end = text.indexOf('\n}\n', start);
  return text.slice(start, end < 0 ? undefined : end);
}

test('one page per dialect, and the index links each', () => {
  const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
  assert.ok(names.length >= 5);
  for (const name of names) {
    assert.ok(existsSync(join(DOCS, `${name}.md`)), `docs/dialects/${name}.md`);
    assert.match(index, new RegExp(`\\]\\(${name}\\.md\\)`), `the index links ${name}.md`);
  }
});

for (const name of names) {
  test(`${name}: every frame both ways, the close codes and an example session`, () => {
    const source = readFileSync(join(DIALECTS, `${name}.ts`), 'utf8');
    const page = readFileSync(join(DOCS, `${name}.md`), 'utf8');
    const read = [...body(source, 'decode').matchAll(/case '([\w-]+)':/g)].map((m) => m[1] ?? '');
    const written = [...body(source, 'encode').matchAll(/\btype: '([\w-]+)'|frame\(\s*'([\w-]+)'/g)].map(
      (m) => m[1] ?? m[2] ?? '',
    );
    const socket = /channel: 'socket'/.test(source);
    assert.ok(
      read.length >= 3 && (written.length >= 1 || !socket),
      `${name}: read ${read}, written ${written}`,
    );
    for (const type of [...read, ...written]) {
      assert.ok(page.includes(`\`${type}\``), `${name}.md names the frame \`${type}\``);
    }
    // Close codes: every code the dialect declares appears on the page.
    const codes = /closeCodes:\s*\{([^}]*)\}/.exec(source)?.[1] ?? '';
    const declared = codes.includes('REFUSED_TOKEN_CODES') ? ['4001', '4401', '1008', '4003', '4403'] : [];
    declared.push(...(codes.match(/\d{4}/g) ?? []));
    for (const code of declared) assert.match(page, new RegExp(`\\b${code}\\b`), `${name}.md: close ${code}`);
    assert.match(page, /## An example session/);
    assert.match(page, /```json/, 'JSON examples');
    assert.match(page, /\| field/, 'field tables');
    assert.match(page, /reliability\.md|README\.md/);
  });
}

test('the pages stand on their own: no outside documents, no source paths to follow', () => {
  for (const file of readdirSync(DOCS)) {
    const page = readFileSync(join(DOCS, file), 'utf8');
    assert.doesNotMatch(page, /\bseeds?\b|protocols\.md|shared\//i, `${file} cites nothing outside the repo`);
    for (const [, link] of page.matchAll(/\]\(((?!https?:|#)[^)#]+)(?:#[^)]*)?\)/g)) {
      assert.ok(existsSync(join(DOCS, link ?? '')), `${file}: ${link} exists`);
    }
  }
});
