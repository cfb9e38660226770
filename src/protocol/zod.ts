import * as z from 'zod/mini';

// Zod compiles fast object parsers with `new Function` unless told not to. That is an
// `unsafe-eval` violation under a strict CSP (even when caught), so turn it off before any
// schema is built. Every dialect imports `z` from here.
z.config({ jitless: true });

export { z };
