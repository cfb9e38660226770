// The code of HTTP reply streams (reply-stream.ts with the event-stream reader, about 2 KB
// gzipped): only a dialect that streams its replies over HTTP needs it (an HTTP dialect, or a
// socket dialect with a `replyStream`, like hybrid), so it loads on demand, alongside such a
// dialect. The session waits for it before it connects, as it waits for a dialect.
import { firstUse } from '../first-use.js';
import type { ReplyStreams } from './reply-stream.js';

const code = firstUse(() => import('./reply-stream.js').then((module) => module.ReplyStreams));

/** Whether a dialect (or what claims to be one) streams its replies over HTTP. */
export const streamsReplies = (dialect: { channel?: unknown; replyStream?: unknown }): boolean =>
  dialect.channel === 'http' || (dialect.replyStream !== undefined && dialect.replyStream !== null);

/** The reply streams' code if it has loaded, else `undefined`. */
export const readyReplyStreams = (): typeof ReplyStreams | undefined => code.value;

/**
 * Loads the reply streams' code (once; later calls share the first load). Rejects when it cannot
 * be fetched (a network failure); the next call tries again.
 */
export const loadReplyStreams = (): Promise<typeof ReplyStreams> => code.load();
