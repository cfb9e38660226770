// Prerender every page at build time (adapter-static).
export const prerender = true;
