// The `booking` dialect (protocols.md §2, seed 001 "AI Booking Assistant").
//
// Paths: /ws/booking and /api/v1/booking/ws, with ?token=TOKEN (missing or refused: the socket
// is accepted, then closed with 4401 'token refused'). Flat frames, no envelope.
//
// Client -> server, the only frame: {type: 'message', content, message_id (UUID v4), session_id,
// timestamp (ISO 8601 UTC), metadata: {} | {action: 'select_doctor', doctor_id} |
// {action: 'select_time_slot', time_slot_id}}. A message_id seen before in its session is
// recorded but not answered again on the socket that got it first; resent on another socket (the
// client never saw the answer: replies here carry no id, so the reply after a message is the
// client's only evidence it arrived), the whole reply is sent again there as one final frame,
// once it is complete.
//
// Server -> client, one reply at a time per socket: deltas {type: 'message', content,
// is_complete: false}, then the final {type: 'message', content, is_complete: true, metadata}
// whose content is the last delta or the whole reply (option bookingFinal: 'last', 'whole', or
// 'alternate' = each in turn), then a card:
//   free text         -> {type: 'doctors', doctors: [3 × {id, name, specialty, rating, next_available, photo_url}]}
//   select_doctor     -> {type: 'time_slots', time_slots: [4–6 × {id, start, end, doctor_id, available}]}
//   select_time_slot  -> {type: 'booking_confirmation', confirmation: {appointment_id, status: 'confirmed', doctor, start}}
//                        (a taken slot: an apology and the doctor's time_slots again)
// An unknown doctor or slot id: {type: 'error', error}. photo_url points at this backend:
// GET /api/v1/booking/avatars/{doctor id}.svg.
//
// Test hooks, by the whole content of a user message: /error (part of a reply, then
// {type: 'error', error}), /long (about 8 KB), /drop (part of a reply, then the socket ends
// without a close frame).
import { randomUUID } from 'node:crypto';
import { hookOf } from '../connection.js';
import { respond } from '../http.js';
import {
  bookingConfirmedReply,
  bookingDoctor,
  bookingIntro,
  bookingSlot,
  bookingSlots,
  bookingSlotsReply,
  bookingTakenReply,
  doctorAvatarSvg,
  longReply,
} from '../replies.js';
import { fieldProblems, frameHead, isNonEmptyString, isObject, show } from '../validate.js';
import { ERROR_TEXT } from './envelope.js';

const PATH = /^\/(ws\/booking|api\/v1\/booking\/ws)\/?$/;
const AVATAR = /^\/api\/v1\/booking\/avatars\/([a-z0-9-]+)\.svg$/;

/**
 * What protocols.md §2 requires of a client frame; returns every problem found.
 * @param {unknown} frame
 * @returns {string[]}
 */
export function bookingProblems(frame) {
  const { frame: f, type, at, problems } = frameHead(frame, ['message']);
  if (!f || !type) return problems;
  problems.push(
    ...fieldProblems(
      f,
      { content: 'string', message_id: 'uuid', session_id: 'string', timestamp: 'iso', metadata: 'object' },
      at,
    ),
  );
  const metadata = f.metadata;
  if (!isObject(metadata) || metadata.action === undefined) return problems;
  if (metadata.action === 'select_doctor')
    problems.push(...fieldProblems(metadata, { doctor_id: 'string' }, at, 'metadata.'));
  else if (metadata.action === 'select_time_slot')
    problems.push(...fieldProblems(metadata, { time_slot_id: 'string' }, at, 'metadata.'));
  else
    problems.push(
      `${at}: metadata.action is not select_doctor or select_time_slot: ${show(metadata.action)}`,
    );
  return problems;
}

/** @type {import('../connection.js').Dialect} */
export const booking = {
  name: 'booking',
  matches: (pathname) => PATH.test(pathname),

  onConnection(conn) {
    conn.handshake.auth = 'query';
    if (conn.refuseToken(conn.query.get('token'))) return { onFrame: () => {} };
    return {
      onFrame(frame) {
        conn.report(bookingProblems(frame));
        if (!isObject(frame) || frame.type !== 'message' || typeof frame.content !== 'string') return;
        const { content, session_id: sessionId, message_id: messageId } = frame;
        if (isNonEmptyString(sessionId)) conn.sessionId = sessionId;
        if (
          isNonEmptyString(sessionId) &&
          isNonEmptyString(messageId) &&
          !conn.firstTime(sessionId, messageId)
        )
          return void answerAgain(conn, `${sessionId}:${messageId}`);
        const metadata = isObject(frame.metadata) ? frame.metadata : {};
        const key =
          isNonEmptyString(sessionId) && isNonEmptyString(messageId) ? `${sessionId}:${messageId}` : '';
        conn.enqueue(() => answer(conn, content, metadata, key));
      },
    };
  },

  handleHttp(req, res) {
    const match = AVATAR.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!match || req.method !== 'GET') return false;
    const svg = doctorAvatarSvg(match[1]);
    if (svg) respond(req, res, 200, 'image/svg+xml', svg, 'public, max-age=3600');
    else respond(req, res, 404, 'text/plain', 'No such doctor');
    return true;
  },

  describe: (origin) => [
    `ws://${origin}/ws/booking?token=demo-token   (also /api/v1/booking/ws)`,
    'refused tokens (close 4401): expired, revoked, invalid · test hooks: /error /long /drop',
  ],
};

/**
 * Replies per (session, message id): the socket that asked first, the whole text once complete,
 * and the sockets that asked again meanwhile.
 * @typedef {{conn: import('../connection.js').Connection, whole: string | null, owed: Set<import('../connection.js').Connection>}} Answered
 * @param {import('../connection.js').Connection} conn
 */
const answers = (conn) =>
  conn.store('booking:answers', () => /** @type {Map<string, Answered>} */ (new Map()));

/**
 * A message resent on another socket: its reply again, whole, as one final frame (now, or when
 * it completes).
 * @param {import('../connection.js').Connection} conn
 * @param {string} key
 */
function answerAgain(conn, key) {
  const known = answers(conn).get(key);
  if (!known || known.conn === conn) return;
  if (known.whole === null) known.owed.add(conn);
  else conn.enqueue(async () => void conn.send({ type: 'message', content: known.whole, is_complete: true }));
}

/**
 * @param {import('../connection.js').Connection} conn
 * @param {string} content
 * @param {Record<string, unknown>} metadata
 * @param {string} key the (session, message id) it answers, '' when unknown
 */
async function answer(conn, content, metadata, key) {
  /** @type {Answered | undefined} */
  const record = key ? { conn, whole: null, owed: new Set() } : undefined;
  if (record) {
    const known = answers(conn);
    known.set(key, record);
    // A long-running demo keeps the last thousand.
    if (known.size > 1000) known.delete(known.keys().next().value ?? '');
  }
  const completed = (/** @type {string} */ whole) => {
    if (!record) return;
    record.whole = whole;
    for (const other of record.owed)
      if (other.open) other.send({ type: 'message', content: whole, is_complete: true });
    record.owed.clear();
  };
  const hook = hookOf(content);
  /** @param {string} error */
  const fail = (error) => void conn.send({ type: 'error', error });
  /** @type {import('../replies.js').Reply} */
  let own;
  /** @type {Record<string, unknown> | null} */
  let card = null;

  if (metadata.action === 'select_doctor') {
    const doctor = bookingDoctor(String(metadata.doctor_id));
    if (!doctor) return fail('Sorry, I could not find that doctor. Please choose one from the list.');
    const slots = bookingSlots(doctor.id);
    [own, card] = [bookingSlotsReply(doctor, slots), { type: 'time_slots', time_slots: slots }];
  } else if (metadata.action === 'select_time_slot') {
    const slot = bookingSlot(String(metadata.time_slot_id));
    const doctor = slot && bookingDoctor(slot.doctor_id);
    if (!slot || !doctor) return fail('That time slot does not exist any more. Please pick another time.');
    if (!slot.available) {
      own = bookingTakenReply(doctor);
      card = { type: 'time_slots', time_slots: bookingSlots(doctor.id) };
    } else {
      own = bookingConfirmedReply(doctor, slot);
      const appointmentId = `APT-${randomUUID().slice(0, 8).toUpperCase()}`;
      const confirmation = {
        appointment_id: appointmentId,
        status: 'confirmed',
        doctor: doctor.name,
        start: slot.start,
      };
      card = { type: 'booking_confirmation', confirmation };
    }
  } else if (hook === '/long') {
    own = longReply();
  } else {
    const intro = bookingIntro(content);
    own = intro;
    const photo = (/** @type {string} */ id) => `${conn.origin}/api/v1/booking/avatars/${id}.svg`;
    const doctors = intro.doctors.map((d) => ({ ...d, photo_url: photo(d.id) }));
    if (doctors.length > 0) card = { type: 'doctors', doctors };
  }

  const { markdown, scripted } = conn.takeReply('booking_assistant', content, own);
  await conn.think();
  if (!conn.open) return;

  const state = conn.store('booking', () => ({ replies: 0 }));
  const option = conn.options.bookingFinal;
  const whole = option === 'whole' || (option === 'alternate' && state.replies++ % 2 === 1);
  const metadataOut = { message_id: randomUUID(), session_id: conn.sessionId };
  let finalSent = false;
  const outcome = await conn.streamHooked(
    markdown,
    (delta, _index, last) => {
      finalSent = last && !whole;
      conn.send({
        type: 'message',
        content: delta,
        is_complete: finalSent,
        ...(finalSent && { metadata: metadataOut }),
      });
    },
    hook,
  );
  if (outcome === 'error') return fail(ERROR_TEXT);
  // Complete even when this socket closed meanwhile: a resend elsewhere gets it whole.
  completed(markdown);
  if (outcome === 'closed') return;
  if (!finalSent) conn.send({ type: 'message', content: markdown, is_complete: true, metadata: metadataOut });

  for (const key of ['doctors', 'time_slots']) {
    if (scripted && key in scripted) card = { type: key, [key]: scripted[key] };
  }
  if (scripted?.confirmation) card = { type: 'booking_confirmation', confirmation: scripted.confirmation };
  if (card) conn.send(card);
}
