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
// client's only evidence it arrived), the whole reply is sent again there as one final frame and
// its card, at once or as soon as it is made, even if the first socket went away before it was
// streamed (../answers.js).
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
import { AnswerBook } from '../answers.js';
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
        /** @type {Entry | null} */
        let entry = null;
        if (isNonEmptyString(sessionId) && isNonEmptyString(messageId)) {
          const key = `${sessionId}:${messageId}`;
          // Seen before: its reply again (replayed whole), never a second one.
          if (!conn.firstTime(sessionId, messageId) && answers(conn).again(key, conn)) return;
          entry = answers(conn).first(key, conn);
        }
        const metadata = isObject(frame.metadata) ? frame.metadata : {};
        conn.enqueue(() => answer(conn, content, metadata, entry));
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
 * A reply as a resend gets it again: the whole text as one final frame and its card, or the error.
 * @typedef {{content: string, card: Record<string, unknown> | null} | {error: string}} Made
 * @typedef {import('../answers.js').Entry<Made>} Entry
 */

/** @param {import('../connection.js').Connection} to @param {Made} made */
function replay(to, made) {
  if ('error' in made) return void to.send({ type: 'error', error: made.error });
  to.send({ type: 'message', content: made.content, is_complete: true });
  if (made.card) to.send(made.card);
}

/** @param {import('../connection.js').Connection} conn */
const answers = (conn) => conn.store('booking:answers', () => new AnswerBook(replay));

/**
 * @param {import('../connection.js').Connection} conn
 * @param {string} content
 * @param {Record<string, unknown>} metadata
 * @param {Entry | null} entry where the reply is kept for a resend of the message
 */
async function answer(conn, content, metadata, entry) {
  const hook = hookOf(content);
  if (!conn.open && (!entry || hook)) return; // dropped (or silenced) meanwhile
  /** @param {string} error */
  const fail = (error) => {
    if (entry) answers(conn).made(entry, { error });
    conn.send({ type: 'error', error });
  };
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
  for (const key of ['doctors', 'time_slots']) {
    if (scripted && key in scripted) card = { type: key, [key]: scripted[key] };
  }
  if (scripted?.confirmation) card = { type: 'booking_confirmation', confirmation: scripted.confirmation };
  // The reply is made, even if the socket that asked went away: a resend elsewhere gets it.
  if (entry && !hook) answers(conn).made(entry, { content: markdown, card });
  if (!conn.open) return;
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
  if (outcome === 'error') return void conn.send({ type: 'error', error: ERROR_TEXT });
  if (outcome === 'closed') return;
  if (!finalSent) conn.send({ type: 'message', content: markdown, is_complete: true, metadata: metadataOut });
  if (card) conn.send(card);
}
