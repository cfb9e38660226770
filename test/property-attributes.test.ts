// Settings that can only be properties (`tokenProvider`, `strings`) set as attributes by mistake:
// Vue writes `:token-provider="fn"` as an attribute (kebab-case is not the property's name), React
// 18 writes `tokenProvider={fn}` as the attribute `tokenprovider`. The element warns once, naming
// the right binding, and never repeats the value (a provider's text may hold a token).
import { expect } from '@open-wc/testing';
// Vue's self-contained browser build (the package's default entry expects a bundler).
import { createApp, h, nextTick, ref } from 'vue/dist/vue.esm-browser.prod.js';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';

let warnings: string[] = [];
const originalWarn = console.warn;

beforeEach(() => {
  warnings = [];
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
});

afterEach(() => {
  console.warn = originalWarn;
  document.body.replaceChildren();
});

const mount = (render: () => ReturnType<typeof h>) => {
  const root = document.createElement('div');
  document.body.append(root);
  const app = createApp({ render });
  app.config.compilerOptions.isCustomElement = (tag: string) => tag === 'ai-chat';
  app.mount(root);
  return { app, el: root.querySelector('ai-chat') as AiChat };
};

describe('property-only settings set as attributes', () => {
  it('Vue `:token-provider` (kebab-case) warns once how to bind it; `:tokenProvider` sets the property', async () => {
    const provider = ref<() => string>(() => 'secret-token-1');
    const { app, el } = mount(() => h('ai-chat', { 'token-provider': provider.value }));
    expect(el.getAttribute('token-provider')).to.include('secret-token-1'); // what Vue did
    expect(el.tokenProvider).to.equal(undefined);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('"token-provider"');
    expect(warnings[0]).to.include(':tokenProvider');
    expect(warnings[0]).to.include(':token-provider.prop');
    expect(warnings[0]).not.to.include('secret-token');

    // Once: a new value (each render of an inline arrow) says nothing more.
    provider.value = () => 'secret-token-2';
    await nextTick();
    expect(el.getAttribute('token-provider')).to.include('secret-token-2');
    expect(warnings).to.have.length(1);
    app.unmount();

    const camel = mount(() => h('ai-chat', { tokenProvider: () => 'secret-token-3' }));
    expect(camel.el.tokenProvider).to.be.a('function');
    expect(camel.el.hasAttribute('tokenprovider') || camel.el.hasAttribute('token-provider')).to.equal(false);
    expect(warnings).to.have.length(1);
    camel.app.unmount();
  });

  it('React 18’s `tokenprovider` attribute points to ai-chat-element/react', () => {
    const el = document.createElement('ai-chat');
    document.body.append(el);
    el.setAttribute('tokenprovider', '() => "secret-token-4"');
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include("import { AiChat } from 'ai-chat-element/react'");
    expect(warnings[0]).not.to.include('secret-token');
  });

  it('`strings` as an attribute ("[object Object]") warns; the property does not', () => {
    const el = document.createElement('ai-chat');
    document.body.append(el);
    el.strings = { heading: 'Front desk' };
    expect(warnings).to.deep.equal([]);
    el.setAttribute('strings', '[object Object]');
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('`strings` is a property');
    expect(el.strings).to.deep.equal({ heading: 'Front desk' });
  });
});
