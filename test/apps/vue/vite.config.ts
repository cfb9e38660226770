import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { isCustomElement } from 'ai-chat-element/vue';

// APP_BASE: where the test suite serves the build (/dist-apps/<name>/).
export default defineConfig({
  base: process.env.APP_BASE ?? '/',
  plugins: [vue({ template: { compilerOptions: { isCustomElement } } })],
});
