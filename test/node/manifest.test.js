// custom-elements.json describes the package as it ships (its entries under dist/ and what each
// really exports, public API only, closed sets as unions, each event's detail type) and documents
// the whole public API of <ai-chat>, each piece with a description: every attribute, property,
// method, event (with its detail), part, custom property and slot. The parts, custom properties, slots and events are also checked against the
// sources, so one added to the element without its JSDoc line fails here.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, analyze, ensureBuilt } from './build.js';

/** @type {any} */
let element;
/** @type {any} */
let manifest;

/** Every .ts file under src/, as text. */
function sources() {
  const texts = [];
  for (const entry of readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts'))
      texts.push(readFileSync(join(entry.parentPath, entry.name), 'utf8'));
  }
  return texts.join('\n');
}

/**
 * The names the build's chunks (dist/chunks/, dist/lib/) import from `entry`, a path under dist/.
 * @param {string} entry
 */
function chunkImports(entry) {
  const names = new Set();
  const file = entry.split('/').pop();
  for (const dir of ['dist/chunks', 'dist/lib']) {
    if (!existsSync(join(ROOT, dir))) continue;
    for (const chunk of readdirSync(join(ROOT, dir))) {
      if (!chunk.endsWith('.js')) continue;
      const text = readFileSync(join(ROOT, dir, chunk), 'utf8');
      for (const [, list, from] of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']([^"']+)["']/g)) {
        if (!from?.endsWith(`../${file}`)) continue;
        for (const item of list?.split(',') ?? []) names.add(item.trim().split(/\s+as\s+/)[0]);
      }
    }
  }
  return names;
}

/** @param {RegExp} pattern @param {string} text @returns {string[]} the first group of every match */
const all = (pattern, text) => [...text.matchAll(pattern)].map((m) => m[1] ?? '');

before(() => {
  ({ manifest } = analyze());
  const declarations = manifest.modules.flatMap((/** @type {any} */ m) => m.declarations ?? []);
  element = declarations.find((/** @type {any} */ d) => d.tagName === 'ai-chat');
});

test('declares <ai-chat> with a description, a summary and its definition', () => {
  assert.ok(element, 'a declaration with tagName "ai-chat"');
  assert.equal(element.customElement, true);
  assert.ok(element.description && element.summary);
  const definitions = manifest.modules.flatMap((/** @type {any} */ m) =>
    (m.exports ?? []).filter((/** @type {any} */ e) => e.kind === 'custom-element-definition'),
  );
  // The npm entry and the script-tag build both define it; the class is the npm entry's.
  assert.deepEqual(
    definitions.map((/** @type {any} */ d) => [d.name, d.declaration.name, d.declaration.module]),
    [
      ['ai-chat', 'AiChat', 'dist/index.js'],
      ['ai-chat', 'AiChat', 'dist/index.js'],
    ],
  );
});

test('describes the package as it ships: its entries under dist/, each with what it exports', async () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  await ensureBuilt();
  const text = JSON.stringify(manifest);
  const paths = [...text.matchAll(/"(?:path|module)":"([^"]*)"/g)].map((m) => m[1] ?? '');
  assert.deepEqual(
    paths.filter((path) => !path.startsWith('dist/')),
    [],
    'every path is under dist/',
  );
  assert.deepEqual(text.match(/.{40}\bsrc\/.{20}/g), null, 'nothing names a source file');
  const shipped = Object.values(pkg.exports)
    .map((target) => (typeof target === 'string' ? target : target.default))
    .filter((target) => target.endsWith('.js') && !target.endsWith('.iife.js'))
    .map((target) => target.replace(/^\.\//, ''));
  assert.deepEqual(
    manifest.modules.map((/** @type {any} */ m) => m.path).sort(),
    shipped.sort(),
    'one module per ES entry of package.json',
  );
  for (const module of manifest.modules) {
    // What the built file really exports (imported in Node: every entry loads on a server), less
    // what it exports only for its own on-demand chunks (minified names they import from it).
    const internal = chunkImports(module.path);
    const real = Object.keys(await import(pathToFileURL(join(ROOT, module.path)).href))
      .filter((name) => !internal.has(name))
      .sort();
    const said = module.exports
      .filter((/** @type {any} */ e) => e.kind === 'js')
      .map((/** @type {any} */ e) => e.name)
      .sort();
    assert.deepEqual(said, real, `${module.path}: the manifest's exports are the file's`);
    for (const entry of module.exports) {
      const target = manifest.modules.find((/** @type {any} */ m) => m.path === entry.declaration.module);
      assert.ok(
        target?.declarations.some((/** @type {any} */ d) => d.name === entry.declaration.name),
        `${module.path} ${entry.name} refers to a declaration`,
      );
    }
  }
});

test('public API only: no private, protected or lifecycle member, no internal declaration', () => {
  const declarations = manifest.modules.flatMap((/** @type {any} */ m) => m.declarations ?? []);
  for (const declaration of declarations) {
    for (const member of declaration.members ?? []) {
      assert.equal(member.privacy, undefined, `${declaration.name}.${member.name} is public`);
      assert.doesNotMatch(member.name, /^(_|#)|Callback$|^(render|willUpdate|updated|firstUpdated|styles)$/);
    }
  }
  assert.deepEqual(
    declarations
      .map((/** @type {any} */ d) => d.name)
      .filter((/** @type {string} */ name) => /Controller|Socket|config|Markdown/i.test(name)),
    [],
  );
});

test('closed sets are unions of their values, the same as the element accepts', () => {
  /** @param {string} name */
  const values = (name) => {
    const attribute = element.attributes.find((/** @type {any} */ a) => a.name === name);
    const field = element.members.find((/** @type {any} */ m) => m.attribute === name);
    // The `dialect` property also takes a dialect object; its attribute only a name.
    const objects = name === 'dialect' ? ' | Dialect' : '';
    assert.equal(
      field.type.text,
      attribute.type.text + objects,
      `${name}: the property's type is the attribute's`,
    );
    return attribute.type.text
      .split('|')
      .map((/** @type {string} */ v) => v.trim())
      .filter((/** @type {string} */ v) => v !== 'undefined');
  };
  // Every dialect has its reference page in docs/dialects/.
  for (const value of values('dialect')) {
    const page = join(ROOT, 'docs/dialects', `${value.replace(/'/g, '')}.md`);
    assert.ok(existsSync(page), `${value} has its page`);
  }
  assert.deepEqual(
    values('dialect'),
    ['envelope', 'booking', 'hybrid', 'conversation', 'consultation', 'agui', 'ai-sdk', 'openai'].map(
      (d) => `'${d}'`,
    ),
  );
  assert.deepEqual(values('auth'), ["'query'", "'message'", "'protocol'", "'header'"]);
  assert.deepEqual(values('persist'), ["'none'", "'session'", "'local'"]);
  assert.deepEqual(values('mode'), ["'inline'", "'launcher'"]);
  assert.deepEqual(values('theme'), ["'auto'", "'light'", "'dark'"]);
  // The sources' `as const` objects, read as text: the settings table and the config use the same.
  const text = sources();
  for (const [name, constant] of /** @type {const} */ ([
    ['auth', 'AuthMode'],
    ['persist', 'PersistMode'],
    ['connect', 'ConnectMode'],
    ['mode', 'Mode'],
    ['theme', 'Theme'],
  ])) {
    const body = new RegExp(`export const ${constant} = \\{([^}]*)\\}`).exec(text)?.[1] ?? '';
    const listed = all(/:\s*'([^']+)'/g, body);
    assert.deepEqual(
      values(name).map((/** @type {string} */ v) => v.replace(/'/g, '')),
      listed,
      `${name} is the sources' list`,
    );
  }
});

test('each event class carries the type of its detail', () => {
  const index = manifest.modules.find((/** @type {any} */ m) => m.path === 'dist/index.js');
  for (const event of element.events) {
    const declaration = index.declarations.find((/** @type {any} */ d) => d.name === event.type.text);
    assert.ok(declaration, `${event.type.text} is declared in dist/index.js`);
    const detail = declaration.members.find((/** @type {any} */ m) => m.name === 'detail');
    assert.ok(detail?.type?.text, `${event.type.text} has a detail type`);
    assert.equal(
      declaration.members.find((/** @type {any} */ m) => m.name === 'eventName')?.default,
      `'${event.name}'`,
    );
  }
  const status = index.declarations.find((/** @type {any} */ d) => d.name === 'AiChatStatusEvent');
  assert.match(status.members.find((/** @type {any} */ m) => m.name === 'detail').type.text, /StatusDetail/);
});

test('every attribute, public property and method has a type and a description', () => {
  const publicMembers = element.members.filter(
    (/** @type {any} */ m) => !m.static && !m.privacy && !m.name.startsWith('_'),
  );
  const undocumented = [
    ...element.attributes.filter((/** @type {any} */ a) => !a.description || !a.type?.text || !a.fieldName),
    ...publicMembers.filter(
      (/** @type {any} */ m) =>
        !m.description || (m.kind === 'field' ? !m.type?.text : !m.return?.type?.text),
    ),
  ];
  assert.deepEqual(
    undocumented.map((/** @type {any} */ x) => x.name),
    [],
  );
  const names = new Set(publicMembers.map((/** @type {any} */ m) => m.name));
  for (const name of [
    'tokenProvider',
    'status',
    'messages',
    'send',
    'connect',
    'disconnect',
    'retry',
    'clear',
  ]) {
    assert.ok(names.has(name), `${name} is documented`);
  }
});

test('every event the element fires is documented, with its type and detail', () => {
  const fired = all(
    /static readonly eventName = '([\w-]+)'/g,
    readFileSync(join(ROOT, 'src/events.ts'), 'utf8'),
  );
  assert.ok(fired.length >= 5);
  assert.deepEqual(element.events.map((/** @type {any} */ e) => e.name).sort(), fired.sort());
  for (const event of element.events) {
    assert.match(event.type?.text ?? '', /^AiChat\w+Event$/, `${event.name} has its event class as type`);
    assert.match(event.description ?? '', /\S.*`detail: \{[^`]+\}`/, `${event.name} describes its detail`);
  }
});

test('every part in the templates is documented (a part name, or a variant named in a part)', () => {
  const documented = new Map(element.cssParts.map((/** @type {any} */ p) => [p.name, p.description ?? '']));
  const descriptions = [...documented.values()].join(' ');
  const missing = [];
  for (const value of all(/\bpart="([^"]*)"/g, sources())) {
    const tokens = value
      .replace(/\$\{[^}]*\}/g, ' ')
      .split(/\s+/)
      .filter(Boolean);
    const [name, ...variants] = tokens;
    if (name && !documented.has(name)) missing.push(name);
    for (const variant of variants) {
      if (!documented.has(variant) && !descriptions.includes(`\`${variant}\``))
        missing.push(`${name} ${variant}`);
    }
  }
  assert.deepEqual([...new Set(missing)], []);
  for (const [name, description] of documented) assert.ok(description, `part ${name} has a description`);
});

test('every custom property the styles read is documented with a default, and none other', () => {
  const used = new Set(all(/var\((--ai-chat-[\w-]+)/g, sources()));
  const documented = element.cssProperties.map((/** @type {any} */ p) => p.name);
  assert.deepEqual(
    [...used].filter((name) => !documented.includes(name)),
    [],
    'used but not documented',
  );
  assert.deepEqual(
    documented.filter((/** @type {string} */ name) => !used.has(name)),
    [],
    'documented but not used',
  );
  for (const p of element.cssProperties)
    assert.ok(p.description && p.default, `${p.name} has a description and default`);
});

test('every slot in the templates is documented', () => {
  const used = all(/<slot(?:\s+name="([\w-]*)")?/g, sources());
  const documented = element.slots.map((/** @type {any} */ s) => s.name);
  assert.deepEqual(
    [...new Set(used)].filter((name) => !documented.includes(name)),
    [],
  );
  for (const s of element.slots) assert.ok(s.description, `slot ${s.name || '(default)'} has a description`);
});

test('every error code the widget reports is named and documented in AiChatErrorCode and in the ai-chat-error doc', () => {
  const events = readFileSync(join(ROOT, 'src/events.ts'), 'utf8');
  const block = events.slice(
    events.indexOf('export const AiChatErrorCode'),
    events.indexOf('} as const;', events.indexOf('export const AiChatErrorCode')),
  );
  const named = all(/^\s+\w+: '([a-z-]+)',$/gm, block);
  // Each entry has its doc line just above it.
  assert.equal(
    all(/\/\*\* [^\n]+ \*\/\n\s+\w+: '[a-z-]+',/g, block).length,
    named.length,
    'one doc line each',
  );
  // The codes the sources emit: `error('code', …)`, `failed(id, 'code', …)`, `emitError('code', …)`, `code: 'code'`.
  const emitted = new Set([
    ...all(/\b(?:error|emitError)\(\s*'([a-z-]+)'/g, sources()),
    ...all(/\bfailed\(\s*[\w.]+,\s*'([a-z-]+)'/g, sources()),
    ...all(/\bcode: '([a-z-]+)'/g, sources()),
    ...all(/\?\? '([a-z-]+-error)'/g, sources()),
  ]);
  assert.ok(emitted.size >= 12, `found ${emitted.size} codes in the sources`);
  assert.deepEqual([...emitted].filter((code) => !named.includes(code)).sort(), [], 'emitted but not named');
  assert.deepEqual(named.filter((code) => !emitted.has(code)).sort(), [], 'named but never emitted');
  const doc = element.events.find((/** @type {any} */ e) => e.name === 'ai-chat-error').description;
  assert.deepEqual(
    named.filter((code) => !doc.includes(`\`${code}\``)),
    [],
    'missing from the ai-chat-error doc',
  );
});
