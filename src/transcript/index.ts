export * from './transcript.js';
export * from './types.js';
export * from './persistence.js';
