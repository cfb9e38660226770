/**
 * Where the conversation is kept across reloads (the `persist` attribute). A module of its own so
 * the element's settings can name it without the persistence code (which loads with the session).
 */
export const PersistMode = { none: 'none', session: 'session', local: 'local' } as const;
export type PersistMode = (typeof PersistMode)[keyof typeof PersistMode];
