// `cem analyze` (npm run analyze): custom-elements.json from the JSDoc of src/, Lit-aware. It
// leaves package.json alone: its `customElements` field is written by hand.
//
// The element's settings are declared once, in the table `SETTINGS` of src/settings.ts (the
// element spreads it into its reactive properties), so the analyzer cannot see them as fields:
// the plugin below reads the table (each entry's JSDoc, attribute, kind, allowed values and
// default) and documents every setting on <ai-chat> as a property and its attribute.

/** The names of the `as const` objects whose values a `choice` setting allows. */
const constObjects = new Map();
/** @type {{name: string, attribute: string, description: string, type: string, default?: string, reflects: boolean, values?: string}[]} */
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
              : kind === 'dialect'
                ? 'string | Dialect'
                : kind === 'choice'
                  ? undefined
                  : 'string';
        settings.push({
          name: entry.name.getText(),
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
  plugins: [settingsTable()],
};
