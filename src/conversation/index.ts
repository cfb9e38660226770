export * from './conversation.js';
export * from './types.js';
