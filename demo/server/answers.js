// Idempotent answers: what a backend does when a message id it has seen comes again (the
// at-least-once contract of docs/reliability.md, "What a backend must do").
//
// A client resends a message only when it has no evidence the backend has it, so it has not seen
// the reply begin either: the reply was lost with the socket it went to (a reset, a half-open
// socket, a crash). Ignoring the resend would leave the message `sent` with no answer, forever.
// So the backend answers a resend that arrives on another socket by **replaying the reply it made
// the first time**, whole, with the same reply id where the dialect has reply ids (a client that
// did see it keeps one copy: it merges by id). A resend that arrives while that reply is still
// being made gets it as soon as it is made. The backend never makes a second, different reply,
// and answers a message at most once per socket. Every dialect of the mock keeps one
// `AnswerBook` (per backend, so a crash and restart keep it, as a real backend's database would).

/**
 * @template R
 * @typedef {object} Entry
 * @property {import('./connection.js').Connection | null} conn the socket that asked first (null: HTTP)
 * @property {R | undefined} reply the reply, once made
 * @property {Set<import('./connection.js').Connection>} owed sockets that asked again before it was made
 * @property {WeakSet<import('./connection.js').Connection>} asked sockets that asked (each is answered once)
 */

/** @template R */
export class AnswerBook {
  /**
   * @param {(conn: import('./connection.js').Connection, reply: R) => void | Promise<void>} replay
   *   sends a reply again, whole, on a socket (in that socket's reply queue)
   * @param {number} [limit] how many messages it remembers (a long-running demo forgets the oldest)
   */
  constructor(replay, limit = 1000) {
    this.replay = replay;
    this.limit = limit;
    /** @type {Map<string, Entry<R>>} */
    this.entries = new Map();
  }

  /**
   * A message seen for the first time: its entry, for `made()` once its reply is made.
   * @param {string} key e.g. `${session}:${message id}`
   * @param {import('./connection.js').Connection | null} conn
   * @returns {Entry<R>}
   */
  first(key, conn) {
    /** @type {Entry<R>} */
    const entry = { conn, reply: undefined, owed: new Set(), asked: new WeakSet() };
    if (conn) entry.asked.add(conn);
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value ?? '');
    return entry;
  }

  /**
   * A message seen before, on `conn`: its reply is replayed there, now or once it is made, once
   * per socket (never on the socket that asked first). Returns false when the message is not known
   * (forgotten, or the first time): the caller answers it as new.
   * @param {string} key
   * @param {import('./connection.js').Connection} conn
   */
  again(key, conn) {
    const entry = this.entries.get(key);
    if (!entry) return false;
    if (entry.asked.has(conn)) return true;
    entry.asked.add(conn);
    if (entry.reply === undefined) entry.owed.add(conn);
    else this.send(conn, entry.reply);
    return true;
  }

  /**
   * The reply for an entry is made (whether or not its socket is still there to hear it): the
   * sockets that asked again meanwhile get it.
   * @param {Entry<R>} entry
   * @param {R} reply
   */
  made(entry, reply) {
    if (entry.reply !== undefined) return;
    entry.reply = reply;
    for (const conn of entry.owed) this.send(conn, reply);
    entry.owed.clear();
  }

  /**
   * The reply made for a key, if any (HTTP turns replay it in the response).
   * @param {string} key
   * @returns {R | undefined}
   */
  replyFor(key) {
    return this.entries.get(key)?.reply;
  }

  /**
   * @param {import('./connection.js').Connection} conn
   * @param {R} reply
   */
  send(conn, reply) {
    void conn.enqueue(async () => {
      if (conn.open) await this.replay(conn, reply);
    });
  }
}
