// The mock backend as the chaos harness relies on it: a "crash" (stop() then restart(), as a
// process dying and coming back) keeps the sessions' deduplication memory, as a real backend's
// database would, so a message resent with the same id after the crash is recognised and answered
// idempotently (the reply made the first time, replayed under the same reply id: never a second,
// different reply; demo/server/answers.js); and option `echo` lets a reply name the message it
// answers.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import { startMockBackend } from '../../demo/server/mock-backend.js';

const backend = await startMockBackend({ pace: 'fast', echo: true });
after(() => backend.close());

const SESSION = 'chaos-session';

/** An envelope `message` frame. @param {string} id @param {string} content */
const message = (id, content) =>
  JSON.stringify({
    type: 'message',
    data: { content, metadata: null, ai_feature: 'chat' },
    session_id: SESSION,
    message_id: id,
    timestamp: new Date().toISOString(),
  });

/**
 * A socket of the envelope dialect, with the `complete` replies it got, in order: their whole
 * text (`complete`) and their reply ids (`ids`).
 */
async function open() {
  const ws = new WebSocket(`ws://127.0.0.1:${backend.port}/chat/ws?token=t`);
  /** @type {Map<string, string>} reply id -> text so far */
  const texts = new Map();
  /** @type {string[]} */
  const complete = [];
  /** @type {string[]} */
  const ids = [];
  ws.on('message', (raw) => {
    const frame = JSON.parse(String(raw));
    if (frame.type === 'chunk')
      texts.set(frame.message_id, (texts.get(frame.message_id) ?? '') + frame.data.content);
    if (frame.type === 'complete') {
      complete.push(frame.data.content ?? texts.get(frame.message_id) ?? '');
      ids.push(frame.message_id);
    }
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, complete, ids };
}

/**
 * @param {() => unknown} predicate
 * @param {string} what
 */
async function until(predicate, what, timeout = 5000) {
  const deadline = Date.now() + timeout;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('a message resent with the same id after a crash and restart gets the same reply again, not a new one', async () => {
  const first = await open();
  const id = randomUUID();
  first.ws.send(message(id, 'chaos-m01 hello'));
  await until(() => first.complete.length === 1, 'the first reply');
  assert.match(first.complete[0], /^Re: chaos-m01 hello\n\n\S/, 'the reply starts with the echo line');

  await backend.stop();
  await backend.restart();

  const second = await open();
  second.ws.send(message(id, 'chaos-m01 hello'));
  second.ws.send(message(randomUUID(), 'chaos-m02 again'));
  await until(() => second.complete.length >= 2, 'two replies after the restart');
  assert.equal(backend.stats().duplicates, 1, 'the resend was recognised across the restart');
  // Replies on a socket come one after the other, in order: the resend's first, then the new one.
  assert.equal(second.ids[0], first.ids[0], 'the resend gets the first reply, under its id');
  assert.equal(second.complete[0], first.complete[0], 'the same reply, whole');
  assert.match(second.complete[1], /^Re: chaos-m02 again/);
  assert.notEqual(second.ids[1], first.ids[0]);
  second.ws.close();
});
