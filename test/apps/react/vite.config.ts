import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// APP_BASE: where the test suite serves the build (/dist-apps/<name>/).
export default defineConfig({ base: process.env.APP_BASE ?? '/', plugins: [react()] });
