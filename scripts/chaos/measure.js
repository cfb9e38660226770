// What a chaos run counts, from what the person sees (the widget's `messages` at the end) and
// what the backend received. Pure functions of data, so the definitions are in one place:
//
//   lost         a message the widget shows `sent` (or no longer shows at all) that the backend
//                never received
//   duplicated   the same user message shown more than once (same id or same text), or a reply
//                to the same message shown more than once
//   reordered    user messages the backend received before one sent earlier (first arrivals
//                only: a resend of a message already received is not a reordering)
//   streaming    replies still `streaming` at the end
//   failed       messages shown `failed` (user messages and replies)
//   pending      user messages neither `sent` nor `failed` at the end (waiting forever)
//   mixed        replies that contain the echo line of more than one message (replies
//                interleaved into one another)
// and, for information: received (distinct messages the backend got), interrupted replies, and
//   unanswered   user messages shown `sent` that no reply answers (not even an interrupted one):
//                the backend got the message (the widget has the evidence) and its reply went to
//                a connection that died before the reply began. The widget does not ask again
//                for a message the server has (see docs/reliability.md). A reply cut before its
//                echo line was whole names no message; each such reply is taken to answer one of
//                the messages without a named reply.

/** The text of the i-th scripted message starts with this token (i from 0). */
export const token = (/** @type {number} */ i) => `chaos-m${String(i).padStart(2, '0')}`;
// A token counts only when whole, followed by something other than a digit, as in every scripted
// text (a reply cut right after `chaos-m0` names no message, rather than message 0).
const TOKEN = /\bchaos-m(\d+)(?=\D)/g;

/**
 * The message indices a text names, in order of appearance (each once).
 * @param {string} text
 */
export function indicesIn(text) {
  return [...new Set([...text.matchAll(TOKEN)].map((m) => Number(m[1])))];
}

/**
 * @typedef {{id: string, role: string, content: string, state: string}} ShownMessage
 * @typedef {{status: string, messages: ShownMessage[]}} Snapshot
 * @typedef {{sent: number, received: number, lost: number, duplicated: number, reordered: number,
 *   streaming: number, failed: number, pending: number, mixed: number, unanswered: number,
 *   interrupted: number}} Counts
 */

/** The counts that must all be 0 for a run to pass. */
export const FAILING = /** @type {const} */ ([
  'lost',
  'duplicated',
  'reordered',
  'streaming',
  'failed',
  'pending',
  'mixed',
]);

/**
 * @param {Snapshot} snapshot the widget at the end
 * @param {number[]} sent indices of the messages the widget accepted (`send()` returned true)
 * @param {{turns: string[], socket: string[]}} received texts the backend received, in order
 * @returns {Counts}
 */
export function measure(snapshot, sent, received) {
  const users = snapshot.messages.filter((m) => m.role === 'user');
  const replies = snapshot.messages.filter((m) => m.role === 'assistant');
  /** @type {Map<number, ShownMessage[]>} */
  const shown = new Map();
  for (const m of users) {
    for (const i of indicesIn(m.content)) shown.set(i, [...(shown.get(i) ?? []), m]);
  }
  const got = new Set([...received.turns, ...received.socket].flatMap(indicesIn));

  let lost = 0;
  let duplicated = 0;
  let pending = 0;
  let failed = 0;
  for (const i of sent) {
    const copies = shown.get(i) ?? [];
    duplicated += Math.max(0, copies.length - 1);
    const state = copies[0]?.state;
    if ((state === undefined || state === 'sent') && !got.has(i)) lost++;
    else if (state === 'failed') failed++;
    else if (state !== undefined && state !== 'sent') pending++;
  }

  /** @type {Map<number, number>} */
  const answers = new Map();
  let mixed = 0;
  let streaming = 0;
  let interrupted = 0;
  for (const m of replies) {
    const named = indicesIn(m.content);
    for (const i of named) answers.set(i, (answers.get(i) ?? 0) + 1);
    if (named.length > 1) mixed++;
    if (m.state === 'streaming') streaming++;
    if (m.state === 'failed') failed++;
    if (m.state === 'interrupted') interrupted++;
  }
  for (const n of answers.values()) duplicated += Math.max(0, n - 1);
  const anonymous = replies.filter((m) => indicesIn(m.content).length === 0).length;
  const silent = sent.filter((i) => shown.get(i)?.[0]?.state === 'sent' && !answers.has(i)).length;
  const unanswered = Math.max(0, silent - anonymous);

  let reordered = 0;
  let highest = -1;
  const seen = new Set();
  for (const text of received.turns) {
    for (const i of indicesIn(text)) {
      if (seen.has(i)) continue;
      seen.add(i);
      if (i < highest) reordered++;
      highest = Math.max(highest, i);
    }
  }

  return {
    sent: sent.length,
    received: sent.filter((i) => got.has(i)).length,
    lost,
    duplicated,
    reordered,
    streaming,
    failed,
    pending,
    mixed,
    unanswered,
    interrupted,
  };
}

/**
 * Whether the widget has come to rest: connected, every user message `sent` or `failed`, no
 * reply streaming.
 * @param {Snapshot} snapshot
 */
export function quiet(snapshot) {
  return (
    snapshot.status === 'connected' &&
    snapshot.messages.every(
      (m) =>
        (m.role !== 'user' || m.state === 'sent' || m.state === 'failed') &&
        (m.role !== 'assistant' || m.state !== 'streaming'),
    )
  );
}
