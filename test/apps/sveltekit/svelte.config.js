import adapter from '@sveltejs/adapter-static';

// Every page prerendered (server rendering in Node, at build time) into build/, served by the
// test suite under APP_BASE.
const base = (process.env.APP_BASE ?? '/').replace(/\/$/, '');

/** @type {import('@sveltejs/kit').Config} */
export default { kit: { adapter: adapter(), paths: { base } } };
