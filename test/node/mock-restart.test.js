// The mock backend as the chaos harness relies on it: a "crash" (stop() then restart(), as a
// process dying and coming back) keeps the sessions' deduplication memory, as a real backend's
// database would, so a message resent with the same id after the crash is recognised and answered
// with the reply it already had (replayed whole, under the same reply id), never a second one; and
// option `echo` lets a reply name the message it answers.
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

/** A socket of the envelope dialect, with the `complete` replies it got (their whole text). */
async function open() {
  const ws = new WebSocket(`ws://127.0.0.1:${backend.port}/chat/ws?token=t`);
  /** @type {Map<string, string>} reply id -> text so far */
  const texts = new Map();
  /** @type {{ id: string, text: string }[]} */
  const complete = [];
  ws.on('message', (raw) => {
    const frame = JSON.parse(String(raw));
    if (frame.type === 'chunk')
      texts.set(frame.message_id, (texts.get(frame.message_id) ?? '') + frame.data.content);
    // A replayed reply comes whole in its `complete` frame.
    if (frame.type === 'complete')
      complete.push({ id: frame.message_id, text: texts.get(frame.message_id) ?? frame.data?.content ?? '' });
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, complete };
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

test('a message resent with the same id after a crash and restart gets its first reply again, not a new one', async () => {
  const first = await open();
  const id = randomUUID();
  first.ws.send(message(id, 'chaos-m01 hello'));
  await until(() => first.complete.length === 1, 'the first reply');
  assert.match(first.complete[0].text, /^Re: chaos-m01 hello\n\n\S/, 'the reply starts with the echo line');

  await backend.stop();
  await backend.restart();

  const second = await open();
  second.ws.send(message(id, 'chaos-m01 hello'));
  second.ws.send(message(randomUUID(), 'chaos-m02 again'));
  await until(() => second.complete.length >= 2, 'two replies after the restart');
  assert.equal(backend.stats().duplicates, 1, 'the resend was recognised across the restart');
  // Replies on a socket come one after the other, in order: the resend's is first, the same reply.
  assert.deepEqual(second.complete[0], first.complete[0], 'the resend gets the reply it had, same id');
  assert.match(second.complete[1].text, /^Re: chaos-m02 again/);
  assert.notEqual(second.complete[1].id, first.complete[0].id);
  second.ws.close();
});
