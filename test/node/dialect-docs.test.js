// docs/dialects/ is a backend team's reference: a page per dialect the widget speaks, each naming
// everything the dialect's decoder reads and its encoder writes, and an example session; none
// depends on documents outside the repository. Read from the sources, so a frame, event type or
// field added to a dialect without its line in the docs fails here.
// - Socket dialects: the `case` labels of `decode` (frame types read), the `type` of every frame
//   `encode` makes, and the close codes the dialect declares.
// - HTTP dialects (one request per turn, the answer a stream of Server-Sent Events; not all of
//   them switch on a `type`): the `case` labels of `decode`, the values it compares an event's
//   name, `type` or data against (`event === 'error'`, `[DONE]`), the prefixes it matches
//   (`data-`), the field names of the schemas its events are checked with and of the keys it
//   reads by name; the fields of the request body `encode` builds; and every HTTP status the reply
//   stream treats apart (src/session/reply-stream.ts).
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

/** @param {string} text source @returns {string} it without comments (whose words are not code) */
const uncommented = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/[^\n]*/g, '$1');

/** @param {string} text source @returns {string[]} the keys of every `z.looseObject({…})` schema in it */
function schemaFields(text) {
  const source = uncommented(text);
  const keys = new Set();
  for (const match of source.matchAll(/looseObject\(\{/g)) {
    let depth = 0;
    for (let i = (match.index ?? 0) + match[0].length - 1; i < source.length; i++) {
      const ch = source[i] ?? '';
      if ('{(['.includes(ch)) depth++;
      else if ('})]'.includes(ch)) {
        if (--depth === 0) break;
      } else if (depth === 1 && /[{,\s]/.test(source[i - 1] ?? '')) {
        const key = /^(\w+)\s*:/.exec(source.slice(i))?.[1];
        if (key) {
          keys.add(key);
          i += key.length;
        }
      }
    }
  }
  return [...keys];
}

/** @param {string} source a dialect's file @returns {{read: string[], prefixes: string[], written: string[]}} */
function httpWire(source) {
  const decode = uncommented(body(source, 'decode'));
  // The body of `encode` without its signature (whose `name: Type` pairs are no fields).
  const encode = uncommented(body(source, 'encode')).replace(/^[^\n]*\n/, '');
  const read = [
    ...[...decode.matchAll(/case '([^']+)':/g)].map((m) => m[1] ?? ''),
    ...[...decode.matchAll(/\b(?:event|type|data\.trim\(\))\s*[!=]==\s*'([^']+)'/g)].map((m) => m[1] ?? ''),
    // Keys read by name (`error['code']`; not those assigned, `meta['model'] = …`).
    ...[...decode.matchAll(/\['(\w+)'\](?!\s*=(?!=))/g)].map((m) => m[1] ?? ''),
    ...schemaFields(source),
  ];
  const prefixes = [...decode.matchAll(/\.startsWith\('([^']+)'\)/g)].map((m) => m[1] ?? '');
  const written = [...encode.matchAll(/\b(\w+):/g)].map((m) => m[1] ?? '');
  return { read: [...new Set(read)], prefixes, written: [...new Set(written)] };
}

/** The HTTP statuses the reply stream treats apart: those it retries, and refused credentials. */
const STREAM = readFileSync(join(ROOT, 'src/session/reply-stream.ts'), 'utf8');
const STATUSES = [
  ...(/RETRY_STATUSES = new Set\(\[([^\]]*)\]/.exec(STREAM)?.[1]?.match(/\d{3}/g) ?? []),
  ...[...STREAM.matchAll(/status === (\d{3})/g)].map((m) => m[1] ?? ''),
];

test('the HTTP statuses are read from the reply stream', () => {
  for (const status of ['401', '403', '429', '503']) assert.ok(STATUSES.includes(status), status);
});

test('one page per dialect, and the index links each', () => {
  const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
  assert.ok(names.length >= 5);
  for (const name of names) {
    assert.ok(existsSync(join(DOCS, `${name}.md`)), `docs/dialects/${name}.md`);
    assert.match(index, new RegExp(`\\]\\(${name}\\.md\\)`), `the index links ${name}.md`);
  }
  // Which are sockets and which are HTTP streams.
  assert.match(index, /WebSocket/);
  assert.match(index, /Server-Sent Events|HTTP stream/);
});

for (const name of names) {
  test(`${name}: everything read and written, the close codes or statuses, and an example session`, () => {
    const source = readFileSync(join(DIALECTS, `${name}.ts`), 'utf8');
    const page = readFileSync(join(DOCS, `${name}.md`), 'utf8');
    const socket = /channel: 'socket'/.test(source);
    if (socket) {
      const read = [...body(source, 'decode').matchAll(/case '([\w-]+)':/g)].map((m) => m[1] ?? '');
      const written = [...body(source, 'encode').matchAll(/\btype: '([\w-]+)'|frame\(\s*'([\w-]+)'/g)].map(
        (m) => m[1] ?? m[2] ?? '',
      );
      assert.ok(read.length >= 3 && written.length >= 1, `${name}: read ${read}, written ${written}`);
      for (const type of [...read, ...written]) {
        assert.ok(page.includes(`\`${type}\``), `${name}.md names the frame \`${type}\``);
      }
      // Close codes: every code the dialect declares appears on the page.
      const codes = /closeCodes:\s*\{([^}]*)\}/.exec(source)?.[1] ?? '';
      const declared = codes.includes('REFUSED_TOKEN_CODES') ? ['4001', '4401', '1008', '4003', '4403'] : [];
      declared.push(...(codes.match(/\d{4}/g) ?? []));
      for (const code of declared)
        assert.match(page, new RegExp(`\\b${code}\\b`), `${name}.md: close ${code}`);
    } else {
      const { read, prefixes, written } = httpWire(source);
      assert.ok(read.length >= 3 && written.length >= 3, `${name}: read ${read}, written ${written}`);
      for (const word of read) assert.ok(page.includes(`\`${word}\``), `${name}.md names \`${word}\` (read)`);
      for (const prefix of prefixes)
        assert.ok(page.includes(`\`${prefix}`), `${name}.md names the prefix \`${prefix}…\``);
      for (const field of written)
        assert.match(
          page,
          new RegExp(`^\\| \`${field}\``, 'm'),
          `${name}.md: a table row for the field \`${field}\``,
        );
      for (const status of STATUSES)
        assert.match(page, new RegExp(`\\b${status}\\b`), `${name}.md: HTTP ${status}`);
      assert.match(page, /interrupted/, `${name}.md: how a cut stream ends`);
    }
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
