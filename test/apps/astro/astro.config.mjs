import { defineConfig } from 'astro/config';

// A static build (dist/), served by the test suite under APP_BASE.
export default defineConfig({ base: process.env.APP_BASE ?? '/' });
