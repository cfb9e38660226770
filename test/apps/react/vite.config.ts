import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// APP_BASE: where the test suite serves the build (/dist-apps/<name>/).
// `dedupe`: the apps are workspaces of one project (scripts/build-apps.js), so React 19 is hoisted
// to its root, beside ai-chat-element, and React 18 sits in react-18/node_modules. Vite resolves
// React from this app's own folder for every importer, the package's wrapper and @lit/react too,
// as it would in an app with a single node_modules (and as monorepos with two Reacts do).
export default defineConfig({
  base: process.env.APP_BASE ?? '/',
  plugins: [react()],
  resolve: { dedupe: ['react', 'react-dom'] },
});
