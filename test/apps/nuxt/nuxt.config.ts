import { isCustomElement } from 'ai-chat-element/vue';

// `nuxt generate` prerenders every page (server rendering in Node, at build time) into
// .output/public/, served by the test suite under APP_BASE. Vue's compiler is told that
// <ai-chat> is a custom element, on the server and in the browser.
export default defineNuxtConfig({
  compatibilityDate: '2025-07-15',
  app: { baseURL: process.env.APP_BASE ?? '/' },
  vue: { compilerOptions: { isCustomElement } },
  devtools: { enabled: false },
  telemetry: false,
});
