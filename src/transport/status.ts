/** The connection states a `ChatSocket` (and the `<ai-chat>` host's `status` attribute) goes through. */
export const Status = {
  /** Not started, or stopped by `close()` / `disconnect()`. */
  idle: 'idle',
  /** A first connection (or a fresh start) is on its way. */
  connecting: 'connecting',
  /** The socket is open and usable (in-band auth done where there is one). */
  connected: 'connected',
  /** The connection dropped or an attempt failed; waiting for, or making, another attempt. */
  reconnecting: 'reconnecting',
  /** Not connected and not retrying: retries used up, browser offline, or the server ended it. */
  offline: 'offline',
  /** The server refused the credentials; no retry until a new token or an explicit connect. */
  unauthorized: 'unauthorized',
} as const;

export type Status = (typeof Status)[keyof typeof Status];

/** Detail of every status change. */
export interface StatusDetail {
  status: Status;
  previous: Status;
  /** `reconnecting`: the 1-based number of the upcoming (or running) reconnect attempt. */
  attempt?: number;
  /** `reconnecting`: milliseconds until that attempt; absent once it has started. */
  retryInMs?: number;
  /** The close code that led here, when a close did. */
  code?: number;
  /** The close reason that led here, when a close did. */
  reason?: string;
}
