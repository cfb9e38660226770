// The standard-stream dialects, for code that wants them by name. Nothing in the element's default
// import graph imports this file: the three standard streams (`agui`, `ai-sdk`, `openai`) load
// only where they are used (../registry.ts loads each dialect by name on first use).
export { agui } from './agui.js';
export { aiSdk } from './ai-sdk.js';
export { openai } from './openai.js';

import { agui } from './agui.js';
import { aiSdk } from './ai-sdk.js';
import { openai } from './openai.js';
import type { HttpDialect } from '../types.js';

/** The standard-stream dialects, by the name the `dialect` attribute takes. */
export const standardDialects: Readonly<Record<'agui' | 'ai-sdk' | 'openai', HttpDialect>> = {
  agui,
  'ai-sdk': aiSdk,
  openai,
};
