// `cem analyze` (npm run analyze): custom-elements.json from the JSDoc of src/, Lit-aware, made to
// describe the package as it ships (the `shipped()` plugin below), and from it the editors' data:
// VS Code custom data (dist/vscode.html-custom-data.json, dist/vscode.css-custom-data.json) and
// JetBrains web-types (dist/web-types.json, named by package.json's `web-types`). It leaves
// package.json alone: its `customElements` and `web-types` fields are written by hand.
//
// The element's settings are declared once, in the table `SETTINGS` of src/settings.ts (the
// element spreads it into its reactive properties), so the analyzer cannot see them as fields:
// the `settingsTable()` plugin reads the table (each entry's JSDoc, attribute, kind, allowed values
// and default) and documents every setting on <ai-chat> as a property and its attribute.
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { readFileSync } from 'node:fs';

/** Where the editors' data goes (the tests analyze into a scratch folder and set it there too). */
const EDITORS_OUTDIR = process.env.AI_CHAT_EDITORS_OUTDIR ?? 'dist';

/** Where editors link to from the element's popup: its API reference in the repository. */
const { homepage } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));
const API_DOCS = { name: 'API reference', url: `${homepage.replace(/#.*$/, '')}/blob/main/docs/api.md` };

/** The package's entries: the source module each is built from (vite.config.ts) → the file that ships. */
const ENTRIES = {
  'src/index.ts': 'dist/index.js',
  'src/frameworks/react.ts': 'dist/react.js',
  'src/frameworks/vue.ts': 'dist/vue.js',
  'src/presets/clinic.ts': 'dist/presets/clinic.js',
};

/** The script-tag build: the same element, defined by `<script type="module" src=".../ai-chat.js">`. */
const SCRIPT_TAG = { path: 'dist/ai-chat.js', from: 'src/index.ts', names: ['AiChat'] };

/**
 * Attributes whose values form a closed set kept as data in the sources: the set's module and the
 * exported constant that lists it (an array of strings, or an object whose keys are the values).
 * Their `string` type becomes the union of those values. (The settings table's `choice` settings,
 * such as `auth`, `persist`, `mode` and `theme`, are unions already: see `settingsTable()`.)
 */
const CLOSED_SETS = {
  dialect: { module: 'src/protocol/registry.ts', name: 'DIALECT_NAMES' },
};

/** Static members of a Lit element that are its machinery, not API (`eventName` of an event is API). */
const MACHINERY = new Set([
  'styles',
  'properties',
  'observedAttributes',
  'shadowRootOptions',
  'elementProperties',
]);

/** Public methods of every custom element that are lifecycle, not API. */
const LIFECYCLE = new Set([
  'connectedCallback',
  'disconnectedCallback',
  'adoptedCallback',
  'attributeChangedCallback',
  'createRenderRoot',
  'render',
  'update',
  'updated',
  'firstUpdated',
  'willUpdate',
  'shouldUpdate',
  'scheduleUpdate',
  'performUpdate',
  'getUpdateComplete',
]);

/**
 * Makes the manifest describe what ships: modules at their paths under dist/ holding only what
 * each entry exports (no internal module), classes without private, protected or lifecycle
 * members (nor Lit's static machinery), closed sets as unions of their values, and each event class with the type
 * of its `detail`.
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
function shipped() {
  /** @type {Map<string, string[]>} closed set values, by attribute */
  const sets = new Map();
  /** @type {Map<string, string>} `detail` type text, by event class */
  const details = new Map();
  /** @type {Map<string, Set<string>>} names exported as types only (`export type {…}`), by module */
  const typeOnly = new Map();

  return {
    name: 'ai-chat-shipped',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isSourceFile(node)) return;
      for (const [attribute, { module, name }] of Object.entries(CLOSED_SETS)) {
        if (moduleDoc.path !== module) continue;
        const values = closedSet(ts, node, name);
        if (!values) throw new Error(`custom-elements-manifest.config.js: no constant ${name} in ${module}`);
        sets.set(attribute, values);
      }
      const types = new Set();
      for (const statement of node.statements) {
        if (!ts.isExportDeclaration(statement) || !statement.exportClause) continue;
        if (!ts.isNamedExports(statement.exportClause)) continue;
        for (const specifier of statement.exportClause.elements) {
          if (statement.isTypeOnly || specifier.isTypeOnly) types.add(specifier.name.text);
        }
      }
      typeOnly.set(moduleDoc.path, types);
      // `constructor(readonly detail: T)` of the event classes.
      for (const statement of node.statements) {
        if (!ts.isClassDeclaration(statement) || !statement.name) continue;
        for (const member of statement.members) {
          if (!ts.isConstructorDeclaration(member)) continue;
          const detail = member.parameters.find((p) => p.name.getText() === 'detail' && p.type);
          if (detail?.type) details.set(statement.name.text, oneLine(detail.type.getText()));
        }
      }
    },
    packageLinkPhase({ customElementsManifest: manifest }) {
      for (const [attribute, { module }] of Object.entries(CLOSED_SETS)) {
        if (!sets.has(attribute))
          throw new Error(`custom-elements-manifest.config.js: ${module} was not analyzed`);
      }
      const byPath = new Map(manifest.modules.map((m) => [m.path, m]));
      const modules = Object.entries(ENTRIES).map(([source, path]) => {
        const exported = exportsOf(byPath, typeOnly, source);
        const declarations = exported.map(({ declaration }) => publicApi(declaration, sets, details));
        return {
          kind: 'javascript-module',
          path,
          declarations,
          exports: exported.flatMap(({ name, declaration }) => [
            { kind: 'js', name, declaration: { name: declaration.name, module: path } },
            ...(declaration.tagName
              ? [
                  {
                    kind: 'custom-element-definition',
                    name: declaration.tagName,
                    declaration: { name: declaration.name, module: path },
                  },
                ]
              : []),
          ]),
        };
      });
      const main = ENTRIES[SCRIPT_TAG.from];
      const element = modules
        .find((m) => m.path === main)
        ?.declarations.find((d) => SCRIPT_TAG.names.includes(d.name) && d.tagName);
      if (!element) throw new Error('custom-elements-manifest.config.js: the element is not exported');
      modules.push({
        kind: 'javascript-module',
        path: SCRIPT_TAG.path,
        declarations: [],
        exports: [
          { kind: 'js', name: element.name, declaration: { name: element.name, module: main } },
          {
            kind: 'custom-element-definition',
            name: element.tagName,
            declaration: { name: element.name, module: main },
          },
        ],
      });
      // A superclass named by a source path: ours under its dist/ path, else a global (`Event`).
      for (const declaration of modules.flatMap((m) => m.declarations)) {
        const superclass = declaration.superclass;
        if (!superclass?.module) continue;
        const owner = modules.find((m) => m.declarations.some((d) => d.name === superclass.name));
        declaration.superclass = owner
          ? { name: superclass.name, module: owner.path }
          : { name: superclass.name, package: 'global:' };
      }
      manifest.modules = modules;
    },
  };
}

/**
 * The string values of `export const NAME = [...]` or the keys of `export const NAME = {...}`.
 * @param {typeof import('typescript')} ts @param {import('typescript').SourceFile} file @param {string} name
 * @returns {string[] | undefined}
 */
function closedSet(ts, file, name) {
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (declaration.name.getText() !== name || !declaration.initializer) continue;
      let value = declaration.initializer;
      while (
        ts.isAsExpression(value) ||
        ts.isSatisfiesExpression(value) ||
        ts.isParenthesizedExpression(value)
      )
        value = value.expression;
      if (ts.isArrayLiteralExpression(value))
        return value.elements.filter(ts.isStringLiteralLike).map((element) => element.text);
      if (ts.isObjectLiteralExpression(value)) return value.properties.map((p) => p.name?.getText() ?? '');
    }
  }
  return undefined;
}

/** @param {string} text */
const oneLine = (text) => text.replace(/\s+/g, ' ').replace(/;? \}/g, ' }');

/**
 * What a source module exports at run time, each with the declaration it names (followed through
 * re-exports; `export type {…}` is left out).
 * @param {Map<string, any>} byPath @param {Map<string, Set<string>>} typeOnly @param {string} path
 * @returns {{name: string, declaration: any}[]}
 */
function exportsOf(byPath, typeOnly, path) {
  const module = byPath.get(path);
  if (!module) throw new Error(`custom-elements-manifest.config.js: ${path} was not analyzed`);
  /** @type {{name: string, declaration: any}[]} */
  const found = [];
  for (const entry of module.exports ?? []) {
    if (entry.kind !== 'js' || typeOnly.get(path)?.has(entry.name)) continue;
    const target = resolve(path, entry.declaration.module ?? path);
    if (entry.name === '*') {
      found.push(...exportsOf(byPath, typeOnly, target));
      continue;
    }
    const declaration =
      target === path
        ? module.declarations?.find((/** @type {any} */ d) => d.name === entry.declaration.name)
        : exportsOf(byPath, typeOnly, target).find((e) => e.name === entry.declaration.name)?.declaration;
    if (declaration) found.push({ name: entry.name, declaration });
  }
  return found;
}

/**
 * A module reference as the analyzer writes it (`./ai-chat.js` from src/index.ts, `src/events.js`,
 * `src/ai-chat.ts`) → the path of the analyzed module (`src/ai-chat.ts`).
 * @param {string} from @param {string} reference
 */
function resolve(from, reference) {
  const parts = reference.startsWith('.')
    ? [...from.split('/').slice(0, -1), ...reference.split('/')]
    : reference.split('/');
  /** @type {string[]} */
  const path = [];
  for (const part of parts) {
    if (part === '..') path.pop();
    else if (part !== '.') path.push(part);
  }
  return path.join('/').replace(/\.js$/, '.ts');
}

/**
 * A declaration as users see it: for a class, only its public instance members that are not
 * lifecycle; closed sets as unions; an event class with its `detail`.
 * @param {any} declaration @param {Map<string, string[]>} sets @param {Map<string, string>} details
 */
function publicApi(declaration, sets, details) {
  const copy = structuredClone(declaration);
  if (copy.kind !== 'class') return copy;
  // (A property declared in `static properties` comes marked `public`; a private one there, such
  // as a `state: true` entry, is no API and has no attribute.)
  const hidden = new Set(
    (copy.members ?? [])
      .filter((/** @type {any} */ m) => m.privacy && m.privacy !== 'public')
      .map((/** @type {any} */ m) => m.name),
  );
  copy.attributes = copy.attributes?.filter((/** @type {any} */ a) => !hidden.has(a.fieldName));
  copy.members = (copy.members ?? []).filter(
    (/** @type {any} */ m) =>
      (!m.privacy || m.privacy === 'public') &&
      !(m.static && MACHINERY.has(m.name)) &&
      !m.name.startsWith('_') &&
      !m.name.startsWith('#') &&
      !LIFECYCLE.has(m.name),
  );
  for (const member of copy.members) delete member.privacy;
  if (details.has(copy.name)) {
    copy.members.push({
      kind: 'field',
      name: 'detail',
      type: { text: details.get(copy.name) },
      readonly: true,
      description: 'What happened (see the event).',
    });
  }
  /** @param {any} item */
  const closeSet = (item) => {
    const values = sets.get(item.attribute ?? item.name);
    if (values && item.type?.text) {
      const union = values.map((v) => `'${v}'`).join(' | ');
      item.type.text = item.type.text.replace(/\bstring\b/, union);
    }
  };
  for (const attribute of copy.attributes ?? []) closeSet(attribute);
  for (const member of copy.members) if (member.kind === 'field' && member.attribute) closeSet(member);
  return copy;
}

/** The names of the `as const` objects whose values a `choice` setting allows. */
const constObjects = new Map();
/** @type {{name: string, kind: string, attribute: string, description: string, type: string, default?: string, reflects: boolean, values?: string}[]} */
const settings = [];

/** @param {any} ts @param {any} node the initializer, without `as const` / `satisfies` */
const unwrap = (ts, node) => {
  while (node && (ts.isAsExpression(node) || ts.isSatisfiesExpression(node))) node = node.expression;
  return node;
};

/** @param {any} ts @param {any} node */
const description = (ts, node) =>
  ts
    .getJSDocCommentsAndTags(node)
    .map((/** @type {any} */ doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
    .join('\n')
    .replace(/\s*\n\s*/g, ' ')
    .trim();

function settingsTable() {
  return {
    name: 'ai-chat-settings-table',
    analyzePhase({ ts, node }) {
      if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name)) return;
      const init = unwrap(ts, node.initializer);
      if (!init || !ts.isObjectLiteralExpression(init)) return;
      const name = node.name.text;
      const entries = init.properties.filter((/** @type {any} */ p) => ts.isPropertyAssignment(p));
      if (entries.every((/** @type {any} */ p) => ts.isStringLiteral(p.initializer)))
        constObjects.set(
          name,
          entries.map((/** @type {any} */ p) => p.initializer.text),
        );
      if (name !== 'SETTINGS') return;
      for (const entry of entries) {
        const fields = Object.fromEntries(
          unwrap(ts, entry.initializer).properties.map((/** @type {any} */ p) => [
            p.name.getText(),
            p.initializer,
          ]),
        );
        const kind = fields.kind.text;
        const type =
          kind === 'number'
            ? 'number'
            : kind === 'flag'
              ? 'boolean'
              : kind === 'choice'
                ? undefined
                : 'string';
        settings.push({
          name: entry.name.getText(),
          kind,
          attribute: fields.attribute.text,
          description: description(ts, entry),
          type: type ?? '',
          values: kind === 'choice' ? fields.values.getText() : undefined,
          default: fields.default?.getText(),
          reflects: fields.reflect?.kind === ts.SyntaxKind.TrueKeyword,
        });
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const declarations = customElementsManifest.modules.flatMap(
        (/** @type {any} */ m) => m.declarations ?? [],
      );
      const element = declarations.find((/** @type {any} */ d) => d.tagName === 'ai-chat');
      if (!element) return;
      const members = [];
      const attributes = [];
      for (const s of settings) {
        const values = s.values === undefined ? undefined : constObjects.get(s.values);
        if (s.values !== undefined && !values)
          throw new Error(`settings: no const object ${s.values} for ${s.name}`);
        const type = { text: values ? values.map((v) => `'${v}'`).join(' | ') : s.type };
        const shared = {
          type,
          description: s.description,
          ...(s.default === undefined ? {} : { default: s.default }),
        };
        members.push({
          kind: 'field',
          name: s.name,
          ...shared,
          // The `dialect` property also takes a dialect object (the attribute only a name).
          type: s.kind === 'dialect' ? { text: `${type.text} | Dialect` } : type,
          attribute: s.attribute,
          ...(s.reflects ? { reflects: true } : {}),
        });
        attributes.push({ name: s.attribute, ...shared, fieldName: s.name });
      }
      element.members = [
        ...members,
        ...(element.members ?? []).filter((/** @type {any} */ m) => m.name !== 'properties'),
      ];
      element.attributes = [...attributes, ...(element.attributes ?? [])];
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  packagejson: false,
  plugins: [
    settingsTable(),
    shipped(),
    customElementVsCodePlugin({
      outdir: EDITORS_OUTDIR,
      hideLogs: true,
      referencesTemplate: () => [API_DOCS],
    }),
    customElementJetBrainsPlugin({
      outdir: EDITORS_OUTDIR,
      packageJson: false,
      hideLogs: true,
      referenceTemplate: () => API_DOCS,
    }),
  ],
};
