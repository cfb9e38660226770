// The editors' data the package ships, made from custom-elements.json when it is analyzed: VS Code
// custom data (HTML: the tag, its attributes and their values; CSS: the custom properties and
// parts) and JetBrains web-types (named by package.json's `web-types`). Each must hold the whole
// element as the manifest describes it, closed sets as lists of values an editor completes.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, analyze } from './build.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** @type {any} */
let element;
/** @type {Record<string, any>} */
let files;

/** The values a closed set attribute takes, as the element's JSDoc and docs name them. */
const CLOSED = {
  dialect: ['envelope', 'booking', 'hybrid', 'conversation', 'consultation', 'agui', 'ai-sdk', 'openai'],
  auth: ['query', 'message', 'protocol', 'header'],
  persist: ['none', 'session', 'local'],
  connect: ['auto', 'open', 'manual'],
  mode: ['inline', 'launcher'],
  theme: ['auto', 'light', 'dark'],
  reasoning: ['hidden', 'collapsed'],
};

before(() => {
  const analyzed = analyze();
  files = analyzed.files;
  element = analyzed.manifest.modules
    .flatMap((/** @type {any} */ m) => m.declarations)
    .find((/** @type {any} */ d) => d.tagName === 'ai-chat');
});

/** @param {string} path */
const shipped = (path) => path.replace(/^\.\//, '');

test('package.json points editors at the files, and ships them', () => {
  assert.equal(pkg['web-types'], './dist/web-types.json');
  for (const file of ['web-types.json', 'vscode.html-custom-data.json', 'vscode.css-custom-data.json']) {
    assert.ok(pkg.files.includes(`dist/${file}`), `dist/${file} is in files`);
    assert.equal(pkg.exports[`./${file}`], `./dist/${file}`, `ai-chat-element/${file} resolves`);
    assert.ok(files[file], `cem analyze writes ${file}`);
  }
  assert.equal(shipped(pkg['web-types']), 'dist/web-types.json');
});

test('VS Code HTML data: <ai-chat>, every attribute with its description, closed sets with their values', () => {
  const data = files['vscode.html-custom-data.json'];
  assert.equal(data.version, 1.1);
  const [tag, ...others] = data.tags;
  assert.equal(others.length, 0);
  assert.equal(tag.name, 'ai-chat');
  assert.match(tag.description, /AI chat/);
  // The popup lists events, parts, custom properties and slots, and links to the API reference.
  for (const text of ['ai-chat-status', '--ai-chat-accent', 'send-icon', 'composer']) {
    assert.ok(tag.description.includes(text), `the description mentions ${text}`);
  }
  assert.match(tag.references[0].url, /^https:\/\/github\.com\/.+\/docs\/api\.md$/);
  assert.deepEqual(
    tag.attributes.map((/** @type {any} */ a) => a.name),
    element.attributes.map((/** @type {any} */ a) => a.name),
  );
  for (const attribute of tag.attributes) {
    assert.ok(attribute.description, `${attribute.name} has a description`);
    const values = attribute.values.map((/** @type {any} */ v) => v.name);
    const closed = CLOSED[/** @type {keyof typeof CLOSED} */ (attribute.name)];
    if (closed) assert.deepEqual(values, closed, `${attribute.name} completes to its values`);
    else assert.deepEqual(values, [], `${attribute.name} is free text (or a number or a flag)`);
  }
});

test('VS Code CSS data: every custom property and part', () => {
  const data = files['vscode.css-custom-data.json'];
  assert.deepEqual(
    data.properties.map((/** @type {any} */ p) => p.name),
    element.cssProperties.map((/** @type {any} */ p) => p.name),
  );
  assert.deepEqual(
    data.pseudoElements.map((/** @type {any} */ p) => p.name),
    element.cssParts.map((/** @type {any} */ p) => `::part(${p.name})`),
  );
  for (const entry of [...data.properties, ...data.pseudoElements]) assert.ok(entry.description, entry.name);
});

test('JetBrains web-types: the package, <ai-chat> with attributes, properties, events, slots, parts and custom properties', () => {
  const data = files['web-types.json'];
  assert.equal(data.name, pkg.name);
  assert.equal(data.version, pkg.version);
  const [tag, ...others] = data.contributions.html.elements;
  assert.equal(others.length, 0);
  assert.equal(tag.name, 'ai-chat');
  assert.match(tag['doc-url'], /docs\/api\.md$/);
  assert.deepEqual(
    tag.attributes.map((/** @type {any} */ a) => a.name),
    element.attributes.map((/** @type {any} */ a) => a.name),
  );
  for (const [name, values] of Object.entries(CLOSED)) {
    const type = tag.attributes.find((/** @type {any} */ a) => a.name === name).value.type;
    assert.deepEqual(
      type
        .split('|')
        .map((/** @type {string} */ v) => v.trim())
        .filter((/** @type {string} */ v) => v !== 'undefined'),
      values.map((v) => `'${v}'`),
      `${name}: a union of its values`,
    );
  }
  assert.deepEqual(
    tag.js.events.map((/** @type {any} */ e) => e.name),
    element.events.map((/** @type {any} */ e) => e.name),
  );
  const properties = tag.js.properties.map((/** @type {any} */ p) => p.name);
  for (const name of ['tokenProvider', 'strings', 'status', 'messages'])
    assert.ok(properties.includes(name), name);
  assert.deepEqual(
    tag.slots.map((/** @type {any} */ s) => s.name).sort(),
    element.slots.map((/** @type {any} */ s) => s.name).sort(),
  );
  const css = data.contributions.css;
  assert.deepEqual(
    css.properties.map((/** @type {any} */ p) => p.name),
    element.cssProperties.map((/** @type {any} */ p) => p.name),
  );
  assert.deepEqual(
    css['pseudo-elements'].map((/** @type {any} */ p) => p.name),
    element.cssParts.map((/** @type {any} */ p) => `part(${p.name})`),
  );
});
