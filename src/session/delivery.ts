import type { SendCommand } from '../protocol/types.js';

// Delivery evidence as plain data and pure functions. A user message is `sent` only on evidence
// that the server has it; until then it stays queued, and after a drop everything without
// evidence is written again, in order, with the same id (at-least-once; backends deduplicate by
// id). Streams are ordered: evidence that the server has one frame proves every frame written
// before it on the same connection. What counts as evidence:
// - an acknowledgement naming the message (`ack`);
// - a new reply that answers it: the message it names (`replyTo`), else (replies by id) the
//   oldest written message without an answer yet, or (one turn at a time) the last one written
//   (not in dialects with acknowledgements: there only the acknowledgement counts);
// - the answer to a heartbeat written after it (`alive` naming the heartbeat's id);
// - for HTTP, a successful response to its request.

/** One frame written on the current connection. */
export interface Written {
  /** The message's id, or the heartbeat's. */
  readonly id: string;
  readonly kind: 'message' | 'heartbeat';
  /** Write order on this connection. */
  readonly seq: number;
  /** Messages: the server is known to have it. */
  readonly delivered: boolean;
  /** Messages: a reply has been matched to it. */
  readonly answered: boolean;
}

export interface Delivery {
  /** User messages the server is not known to have, in send order (written ones too). */
  readonly queue: readonly SendCommand[];
  /** What was written on the current connection, oldest first (kept while it can still matter). */
  readonly written: readonly Written[];
  /** The next write's sequence number. */
  readonly seq: number;
}

/** What an evidence step found: the ids of messages now known delivered, in send order. */
export interface Evidence {
  delivery: Delivery;
  delivered: string[];
}

export const emptyDelivery: Delivery = { queue: [], written: [], seq: 0 };

/** Most entries `written` keeps (older delivered ones go first). */
const MAX_WRITTEN = 256;

export const isQueued = (d: Delivery, id: string): boolean => d.queue.some((c) => c.id === id);

const writtenMessage = (d: Delivery, id: string): Written | undefined =>
  d.written.find((w) => w.kind === 'message' && w.id === id);

/** Queues a message at the end (once: an id already queued stays where it is). */
export function enqueue(d: Delivery, command: SendCommand): Delivery {
  return isQueued(d, command.id) ? d : { ...d, queue: [...d.queue, command] };
}

/** Forgets a message (failed, or another tab sends it). */
export function remove(d: Delivery, id: string): Delivery {
  return {
    ...d,
    queue: d.queue.filter((c) => c.id !== id),
    written: d.written.filter((w) => w.kind !== 'message' || w.id !== id),
  };
}

/** The first queued message not yet written on this connection, in order. */
export const nextToWrite = (d: Delivery): SendCommand | undefined =>
  d.queue.find((c) => !writtenMessage(d, c.id));

/** Records a frame written on this connection. */
export function wrote(d: Delivery, id: string, kind: Written['kind']): Delivery {
  const entry: Written = { id, kind, seq: d.seq, delivered: false, answered: false };
  return prune({ ...d, written: [...d.written, entry], seq: d.seq + 1 });
}

/** Written messages still without evidence. */
export const unproven = (d: Delivery): number =>
  d.written.filter((w) => w.kind === 'message' && !w.delivered).length;

/** Written messages still without an answer (a reply is expected for each). */
export const unanswered = (d: Delivery): number =>
  d.written.filter((w) => w.kind === 'message' && !w.answered).length;

/** The connection is gone: nothing written on it counts any more; the queue goes again, in order. */
export const dropped = (d: Delivery): Delivery => ({ ...d, written: [] });

/** The server has everything written up to and including `seq`. */
function deliverThrough(d: Delivery, seq: number): Evidence {
  const ids = new Set<string>();
  const written = d.written.map((w) => {
    if (w.seq > seq || w.delivered || w.kind !== 'message') return w;
    ids.add(w.id);
    return { ...w, delivered: true };
  });
  if (ids.size === 0) return { delivery: d, delivered: [] };
  const delivered = d.queue.filter((c) => ids.has(c.id)).map((c) => c.id);
  const delivery = prune({ ...d, written, queue: d.queue.filter((c) => !ids.has(c.id)) });
  return { delivery, delivered };
}

/** The server acknowledged a message (and so everything written before it). */
export function acknowledge(d: Delivery, id: string): Evidence {
  const entry = writtenMessage(d, id);
  if (entry) return deliverThrough(d, entry.seq);
  // Not written on this connection (an ack that outlived a reconnect): it arrived all the same.
  return isQueued(d, id) ? { delivery: remove(d, id), delivered: [id] } : { delivery: d, delivered: [] };
}

/** The server answered a heartbeat: everything written before it arrived. */
export function heartbeatAnswered(d: Delivery, heartbeatId: string): Evidence {
  const entry = d.written.find((w) => w.kind === 'heartbeat' && w.id === heartbeatId);
  if (!entry) return { delivery: d, delivered: [] };
  const evidence = deliverThrough(d, entry.seq);
  // That heartbeat and older ones have said all they can.
  const written = evidence.delivery.written.filter((w) => w.kind !== 'heartbeat' || w.seq > entry.seq);
  return { ...evidence, delivery: { ...evidence.delivery, written } };
}

/**
 * A new reply began. It answers the message it names (`replyTo`); else, with replies by id, the
 * oldest written message without an answer (streams are ordered), or, one turn at a time, the
 * last one written (every message written before a turn's reply has arrived). `proves` false
 * (dialects with acknowledgements, whose replies may answer someone else in the conversation):
 * the reply is matched, but only the acknowledgement proves delivery.
 */
export function answered(d: Delivery, replies: 'id' | 'turn', replyTo?: string, proves = true): Evidence {
  const messages = d.written.filter((w) => w.kind === 'message');
  let target: Written | undefined;
  if (replyTo !== undefined) target = messages.find((w) => w.id === replyTo);
  else if (replies === 'turn') target = messages.at(-1);
  else target = messages.find((w) => !w.answered);
  if (!target) return { delivery: d, delivered: [] };
  const { seq } = target;
  const marked: Delivery = {
    ...d,
    written: d.written.map((w) =>
      w === target || (replies === 'turn' && w.kind === 'message' && w.seq <= seq)
        ? { ...w, answered: true }
        : w,
    ),
  };
  return proves ? deliverThrough(marked, seq) : { delivery: prune(marked), delivered: [] };
}

/**
 * Keeps `written` small: a heartbeat matters only while it can still prove something; a message
 * matters until it is both delivered and answered (FIFO matching of replies needs the answered
 * ones out of the way). Past `MAX_WRITTEN`, the oldest delivered entries go.
 */
function prune(d: Delivery): Delivery {
  const lastProven = d.written.reduce((seq, w) => (w.delivered ? Math.max(seq, w.seq) : seq), -1);
  let written = d.written.filter((w) =>
    w.kind === 'heartbeat' ? w.seq > lastProven : !(w.delivered && w.answered),
  );
  while (written.length > MAX_WRITTEN) {
    const index = written.findIndex((w) => w.delivered || w.kind === 'heartbeat');
    if (index < 0) break;
    written = written.filter((_, i) => i !== index);
  }
  return written.length === d.written.length ? d : { ...d, written };
}
