// What `npm run chaos` and the proxy-fault browser tests count (scripts/chaos/measure.js), on
// hand-made transcripts: each definition catches what it names and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indicesIn, measure, quiet, token } from '../../scripts/chaos/measure.js';

/** @param {number} i @param {string} state @param {string} [id] */
const user = (i, state, id = `u${i}`) => ({ id, role: 'user', content: `${token(i)} hi`, state });
/** @param {number} i @param {string} state */
const reply = (i, state) => ({
  id: `r${i}`,
  role: 'assistant',
  content: `Re: ${token(i)} hi\n\nHello.`,
  state,
});
/** @param {number[]} order */
const got = (order) => {
  const texts = order.map((i) => `${token(i)} hi`);
  return { turns: texts, socket: texts };
};

test('tokens are found in text, each once, in order', () => {
  assert.equal(token(7), 'chaos-m07');
  assert.deepEqual(indicesIn('Re: chaos-m07 hi, and chaos-m12, chaos-m07 again'), [7, 12]);
  assert.deepEqual(indicesIn('chaos-w0 warm-up'), []);
  // A reply cut right after `chaos-m0` (of chaos-m00) names no message, not message 0.
  assert.deepEqual(indicesIn('Re: chaos-m0'), []);
  assert.deepEqual(indicesIn('Re: chaos-m00'), []);
  assert.deepEqual(indicesIn('Re: chaos-m00 please'), [0]);
});

test('a reply cut inside its echo line is not a second answer to another message', () => {
  const cut = { id: 'c', role: 'assistant', content: 'Re: chaos-m0', state: 'interrupted' };
  const messages = [user(0, 'sent'), reply(0, 'complete'), user(1, 'sent'), cut];
  const counts = measure({ status: 'connected', messages }, [0, 1], got([0, 1]));
  assert.equal(counts.duplicated, 0);
  assert.equal(counts.unanswered, 0, 'the cut reply answers message 1');
});

test('unanswered: shown sent, and no reply names it (pending and failed messages are not counted)', () => {
  const messages = [user(0, 'sent'), reply(0, 'interrupted'), user(1, 'sent'), user(2, 'pending')];
  const counts = measure({ status: 'connected', messages }, [0, 1, 2], got([0, 1]));
  assert.equal(counts.unanswered, 1, 'message 1; an interrupted reply still answers message 0');
});

test('a clean run counts nothing', () => {
  const messages = [user(0, 'sent'), reply(0, 'complete'), user(1, 'sent'), reply(1, 'complete')];
  const counts = measure({ status: 'connected', messages }, [0, 1], got([0, 1]));
  assert.deepEqual(counts, {
    sent: 2,
    received: 2,
    lost: 0,
    duplicated: 0,
    reordered: 0,
    streaming: 0,
    failed: 0,
    pending: 0,
    mixed: 0,
    unanswered: 0,
    interrupted: 0,
  });
});

test('lost: shown sent (or not shown at all) and never received; pending and failed are not lost', () => {
  const messages = [user(0, 'sent'), user(1, 'sent'), user(2, 'pending'), user(3, 'failed')];
  const counts = measure({ status: 'connected', messages }, [0, 1, 2, 3, 4], got([0]));
  assert.equal(counts.lost, 2, 'message 1 (shown sent) and message 4 (gone from the transcript)');
  assert.equal(counts.pending, 1);
  assert.equal(counts.failed, 1);
  assert.equal(counts.received, 1);
});

test('hybrid: a message counts as received by its stream request or its socket frame', () => {
  const messages = [user(0, 'sent'), user(1, 'sent')];
  const received = { turns: [`${token(0)} hi`], socket: [`${token(1)} hi`] };
  assert.equal(measure({ status: 'connected', messages }, [0, 1], received).lost, 0);
});

test('duplicated: a user message shown twice (same id or not), a reply shown twice', () => {
  const messages = [
    user(0, 'sent'),
    user(0, 'sent'),
    user(1, 'sent', 'same'),
    user(1, 'sent', 'same'),
    reply(1, 'complete'),
    reply(1, 'complete'),
  ];
  assert.equal(measure({ status: 'connected', messages }, [0, 1], got([0, 1])).duplicated, 3);
});

test('reordered: first arrivals out of send order; resends of a received message are ignored', () => {
  const messages = [0, 1, 2, 3].map((i) => user(i, 'sent'));
  assert.equal(
    measure({ status: 'connected', messages }, [0, 1, 2, 3], got([0, 1, 0, 1, 2, 3])).reordered,
    0,
  );
  assert.equal(measure({ status: 'connected', messages }, [0, 1, 2, 3], got([0, 2, 1, 3])).reordered, 1);
  assert.equal(measure({ status: 'connected', messages }, [0, 1, 2, 3], got([3, 0, 1, 2])).reordered, 3);
});

test('streaming, failed and interrupted replies, and replies mixed into one another', () => {
  const mixed = {
    id: 'x',
    role: 'assistant',
    content: `Re: ${token(0)} hi\n\nRe: ${token(1)} hi`,
    state: 'complete',
  };
  const messages = [
    user(0, 'sent'),
    user(1, 'sent'),
    mixed,
    reply(2, 'streaming'),
    reply(3, 'failed'),
    reply(4, 'interrupted'),
  ];
  const counts = measure({ status: 'connected', messages }, [0, 1], got([0, 1]));
  assert.equal(counts.mixed, 1);
  assert.equal(counts.streaming, 1);
  assert.equal(counts.failed, 1);
  assert.equal(counts.interrupted, 1);
});

test('at rest: connected, no user message waiting, no reply streaming', () => {
  const rest = [user(0, 'sent'), reply(0, 'complete'), user(1, 'failed')];
  assert.equal(quiet({ status: 'connected', messages: rest }), true);
  assert.equal(quiet({ status: 'reconnecting', messages: rest }), false);
  assert.equal(quiet({ status: 'connected', messages: [...rest, user(2, 'pending')] }), false);
  assert.equal(quiet({ status: 'connected', messages: [...rest, reply(2, 'streaming')] }), false);
});
