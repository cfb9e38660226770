export * from './conversation.js';
export * from './types.js';
export * from './persistence.js';
