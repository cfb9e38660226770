// Generates docs/api.md's API tables (attributes, properties, events, methods, parts, custom
// properties, slots) from custom-elements.json, between `<!-- api:start -->` and
// `<!-- api:end -->`, formatted by Prettier as `npm run lint` checks it.
//
//   node scripts/api-tables.js           rewrites docs/api.md (npm run api-tables analyzes first)
//   node scripts/api-tables.js --check   exits 1 when docs/api.md's tables are not what the manifest says
//
// The manifest comes from the element's JSDoc (`npm run analyze`, part of `npm run build`), so a
// change to the API is documented once, in src/ai-chat.ts, and docs/api.md follows.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as prettier from 'prettier';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MANIFEST = join(ROOT, 'custom-elements.json');
const TARGET = join(ROOT, 'docs', 'api.md');
const START = '<!-- api:start -->';
const END = '<!-- api:end -->';
const TAG = 'ai-chat';

/**
 * @typedef {{text?: string}} Type
 * @typedef {{name: string, description?: string, type?: Type, default?: string, fieldName?: string}} Attribute
 * @typedef {{kind: string, name: string, description?: string, type?: Type, default?: string, attribute?: string,
 *   privacy?: string, static?: boolean, readonly?: boolean, parameters?: {name: string, type?: Type, optional?: boolean}[],
 *   return?: {type?: Type}}} Member
 * @typedef {{name: string, description?: string, type?: Type}} EventDoc
 * @typedef {{name: string, description?: string, default?: string}} Named
 * @typedef {{tagName?: string, attributes?: Attribute[], members?: Member[], events?: EventDoc[], cssParts?: Named[],
 *   cssProperties?: Named[], slots?: Named[]}} Declaration
 */

/** One line of text for a table cell: newlines joined, pipes escaped. */
const cell = (/** @type {string | undefined} */ text) =>
  (text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim() || '—';

/** Inline code for a cell (`—` when empty). */
const code = (/** @type {string | undefined} */ text) => (text ? cell(`\`${text}\``) : '—');

/** A type as users read it: `string | undefined` on an optional property is just `string`. */
const typeText = (/** @type {Type | undefined} */ type) => type?.text?.replace(/\s*\|\s*undefined$/, '');

/** A default as written in an attribute: `'chat'` is `chat`. */
const defaultText = (/** @type {string | undefined} */ value) => value?.replace(/^(['"])(.*)\1$/, '$2');

/**
 * @param {string[]} head
 * @param {string[][]} rows
 */
const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

/**
 * A section: heading, intro, then the table (or a line saying there is none).
 * @param {string} heading
 * @param {string} intro
 * @param {string[]} head
 * @param {string[][]} rows
 */
const section = (heading, intro, head, rows) =>
  [`### ${heading}`, intro, rows.length ? table(head, rows) : '_None._'].filter(Boolean).join('\n\n');

/** An event's description and its `detail`, when the description names it as `` `detail: …` ``. */
function splitDetail(/** @type {string | undefined} */ description) {
  const text = description ?? '';
  const match = /\s*`detail: ([^`]+)`\.?/.exec(text);
  return match
    ? {
        detail: match[1],
        text: (text.slice(0, match.index) + text.slice(match.index + match[0].length)).trim(),
      }
    : { detail: undefined, text };
}

/**
 * The generated Markdown for one element.
 * @param {Declaration} element
 */
export function apiMarkdown(element) {
  const isPublic = (/** @type {Member} */ m) =>
    !m.static &&
    m.privacy !== 'private' &&
    m.privacy !== 'protected' &&
    !m.name.startsWith('_') &&
    !m.name.startsWith('#');
  const members = (element.members ?? []).filter(isPublic);
  const fields = members.filter((m) => m.kind === 'field');
  const byName = new Map(fields.map((f) => [f.name, f]));

  const attributes = (element.attributes ?? []).map((a) => {
    const field = a.fieldName ? byName.get(a.fieldName) : undefined;
    return [
      code(a.name),
      code(a.fieldName),
      code(typeText(a.type ?? field?.type)),
      code(defaultText(a.default ?? field?.default)),
      cell(a.description ?? field?.description),
    ];
  });
  const properties = fields
    .filter((f) => !f.attribute)
    .map((f) => [
      code(f.name),
      code(typeText(f.type)),
      f.readonly ? 'read-only' : 'read / write',
      cell(f.description),
    ]);
  const events = (element.events ?? [])
    .filter((e) => e.name)
    .map((e) => {
      const { detail, text } = splitDetail(e.description);
      return [code(e.name), code(e.type?.text), code(detail), cell(text)];
    });
  const methods = members
    .filter((m) => m.kind === 'method')
    .map((m) => {
      const params = (m.parameters ?? []).map(
        (p) => `${p.name}${p.optional ? '?' : ''}: ${p.type?.text ?? 'unknown'}`,
      );
      return [
        code(`${m.name}(${params.join(', ')})`),
        code(m.return?.type?.text ?? 'void'),
        cell(m.description),
      ];
    });
  const parts = (element.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]);
  const customProperties = (element.cssProperties ?? []).map((p) => [
    code(p.name),
    code(p.default),
    cell(p.description),
  ]);
  const slots = (element.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]);

  return [
    `<!-- Generated from custom-elements.json by scripts/api-tables.js: edit the JSDoc of src/ai-chat.ts, then run \`npm run api-tables\`. -->`,
    section(
      'Attributes',
      'Each attribute is also a property (its name in camelCase).',
      ['attribute', 'property', 'type', 'default', 'description'],
      attributes,
    ),
    section(
      'Properties',
      'Properties without an attribute.',
      ['property', 'type', 'access', 'description'],
      properties,
    ),
    section(
      'Events',
      'All are typed `Event` subclasses (exported by the package) that bubble and cross shadow roots (`composed`).',
      ['event', 'type', 'detail', 'description'],
      events,
    ),
    section('Methods', '', ['method', 'returns', 'description'], methods),
    section('Parts', 'Style them from outside with `ai-chat::part(name)`.', ['part', 'description'], parts),
    section(
      'Custom properties',
      'All optional; set them on `ai-chat` or any ancestor.',
      ['property', 'default', 'description'],
      customProperties,
    ),
    section('Slots', '', ['slot', 'description'], slots),
  ].join('\n\n');
}

/**
 * docs/api.md with its API block replaced by the tables for `manifest`, formatted by Prettier.
 * @param {string} readme
 * @param {{modules?: {declarations?: Declaration[]}[]}} manifest
 */
export async function withApiTables(readme, manifest) {
  const element = (manifest.modules ?? [])
    .flatMap((m) => m.declarations ?? [])
    .find((d) => d.tagName === TAG);
  if (!element) throw new Error(`custom-elements.json declares no <${TAG}>`);
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start)
    throw new Error(`docs/api.md needs the markers ${START} and ${END}, in that order`);
  const text = `${readme.slice(0, start + START.length)}\n\n${apiMarkdown(element)}\n\n${readme.slice(end)}`;
  const options = (await prettier.resolveConfig(TARGET)) ?? {};
  return prettier.format(text, { ...options, filepath: TARGET });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  if (!existsSync(MANIFEST)) {
    console.error(
      'api-tables: custom-elements.json is missing; run `npm run analyze` (or `npm run build`) first',
    );
    process.exit(1);
  }
  const readme = readFileSync(TARGET, 'utf8');
  const next = await withApiTables(readme, JSON.parse(readFileSync(MANIFEST, 'utf8')));
  if (check) {
    if (next !== readme) {
      console.error(
        "api-tables: docs/api.md's tables differ from custom-elements.json; run `npm run api-tables` and commit docs/api.md",
      );
      process.exit(1);
    }
    console.log('api-tables: docs/api.md matches custom-elements.json');
  } else if (next !== readme) {
    writeFileSync(TARGET, next);
    console.log('api-tables: docs/api.md updated');
  } else {
    console.log('api-tables: docs/api.md already up to date');
  }
}
