// The package on a server (Node 20+, no DOM), as Next.js, Nuxt, Astro and SvelteKit load it while
// they render a page: every entry imports without throwing, the npm entry defines <ai-chat> only in
// the registry Lit's server build provides, and @lit-labs/ssr renders the element's shell as
// declarative shadow DOM. Each check runs in a fresh Node process in a scratch project that holds
// the packed package (nothing else loaded first, no DOM shim of ours).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { installPacked } from './build.js';

/** @type {string} */
let dir;

before(async () => {
  dir = await installPacked('ai-chat-ssr-');
});

after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs an ES module's text in a new Node process in the scratch project; returns what it printed
 * as JSON on its last line.
 * @param {string} code
 */
function inNode(code) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? 'null');
}

test('the npm entry imports in Node without a DOM and defines <ai-chat> in Lit’s server registry only', () => {
  const result = inNode(`
    const m = await import('ai-chat-element');
    console.log(JSON.stringify({
      exports: Object.keys(m).sort(),
      defined: globalThis.customElements?.get('ai-chat') === m.AiChat,
      window: typeof window, document: typeof document, HTMLElement: typeof HTMLElement,
    }));
  `);
  assert.ok(result.exports.includes('AiChat') && result.exports.includes('AiChatStatusEvent'));
  assert.equal(result.defined, true);
  // Nothing of ours pretends there is a browser.
  assert.deepEqual(
    [result.window, result.document, result.HTMLElement],
    ['undefined', 'undefined', 'undefined'],
  );
});

test('the script-tag builds load in Node without throwing and do nothing there', () => {
  const result = inNode(`
    import { readFileSync } from 'node:fs';
    import { createRequire } from 'node:module';
    import vm from 'node:vm';
    const m = await import('ai-chat-element/ai-chat.js');
    const before = Object.keys(globalThis).length;
    const iife = createRequire(import.meta.url).resolve('ai-chat-element/ai-chat.iife.js');
    vm.runInThisContext(readFileSync(iife, 'utf8'));
    console.log(JSON.stringify({
      esmExport: typeof m.AiChat,
      registry: typeof globalThis.customElements,
      globals: Object.keys(globalThis).length - before,
    }));
  `);
  assert.deepEqual(result, { esmExport: 'undefined', registry: 'undefined', globals: 0 });
});

test('ai-chat-element/react and /vue import on a server; React renders the wrapper to HTML', () => {
  const result = inNode(`
    const { createElement } = await import('react');
    const { renderToString } = await import('react-dom/server');
    const { AiChat } = await import('ai-chat-element/react');
    const vue = await import('ai-chat-element/vue');
    const html = renderToString(createElement(AiChat, {
      endpoint: '/ai/{feature}/ws', feature: 'faq', tokenProvider: () => 'secret', onStatus: () => {},
    }));
    console.log(JSON.stringify({ html, isCustomElement: vue.isCustomElement('ai-chat'), other: vue.isCustomElement('my-thing') }));
  `);
  // @lit/react sets element properties (endpoint and feature too) and listeners in the browser,
  // after hydration; none is written into the server's HTML.
  assert.match(result.html, /^<ai-chat[\s>]/);
  assert.doesNotMatch(result.html, /secret|tokenProvider|onStatus|token-provider/i);
  assert.equal(result.isCustomElement, true);
  assert.equal(result.other, false);
});

test('@lit-labs/ssr renders the shell of <ai-chat> as declarative shadow DOM', () => {
  const { html } = inNode(`
    const { render } = await import('@lit-labs/ssr');
    const { collectResult } = await import('@lit-labs/ssr/lib/render-result.js');
    const { html } = await import('lit');
    await import('ai-chat-element');
    const result = await collectResult(render(html\`<ai-chat heading="Front desk" feature="faq" lang="fr"></ai-chat>\`));
    console.log(JSON.stringify({ html: result }));
  `);
  assert.match(
    html,
    /<ai-chat [^>]*heading="Front desk"[^>]*><template shadowroot="open" shadowrootmode="open"><style>/,
  );
  for (const part of ['panel', 'header', 'heading', 'status', 'log', 'empty', 'composer', 'input', 'send']) {
    assert.match(html, new RegExp(`part="${part}"`), `the shell holds part="${part}"`);
  }
  assert.match(html, /<h2 part="heading"[^>]*>(<!--[^>]*-->)*Front desk/);
  // The element's own lang picks the language on the server too.
  assert.match(html, /<div class="root" lang="fr"/);
  assert.match(html, /status="idle"/);
});
