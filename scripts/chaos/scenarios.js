// The four fault scenarios of issue 9, each a function that drives the fault proxy and the mock
// backend while the person sends their messages, and returns when the fault is over (the link
// and the backend up again). Times are real milliseconds except where a scenario says it scales:
//
//   silence   every open connection goes silent for good (a half-open socket, as after a network
//             switch) every 40–60 s of phone time; time is compressed by heartbeat / 30 s (with
//             heartbeat 2 s, every 2.7–4 s), the same ratio as the default 30 s heartbeat has to
//             40–60 s. New connections work.
//   crash     the backend crashes (stop) and every message is written while it is down; it comes
//             back, and when the widget's flush has passed 40% of its bytes the link is cut there
//             and the backend crashes again, then restarts 1.5 s later. The backend keeps its
//             sessions' deduplication memory across the crash (a real backend's database does).
//   flapping  the link is up 3 s, down 3 s (new connections reset, open ones reset), while sending.
//   resets    every open connection is reset (RST) every 1.5–5 s, while sending.
//
// Messages are spread over the fault's duration (`--duration`, 30 s: each pause is the duration
// divided by the number of messages, ± a third; faster than a person, which compresses time too),
// except in `crash`, where they are written 20 ms apart while the backend is down.
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { token } from './measure.js';

/**
 * @typedef {object} ScenarioContext
 * @property {import('../../test/support/fault-proxy.js').FaultProxy} proxy
 * @property {import('../../demo/server/mock-backend.js').MockBackend} backend
 * @property {import('./page.js').ChatPage} chat
 * @property {() => number} random seeded, in [0, 1)
 * @property {number} messages how many to send
 * @property {number} durationMs how long silence, flapping and resets last (the messages spread over it)
 * @property {number} heartbeatS the widget's heartbeat
 * @property {number[]} sent indices the widget accepted
 * @property {string[]} notes what happened, for the report
 */

/** Phrases the messages carry after their token (none is a test hook of the mock). */
const PHRASES = [
  'how long should I rest after the flu?',
  'can I take ibuprofen with my blood pressure pills?',
  'I have had a headache for three days',
  'what should I bring to my appointment?',
  'is a fever of 38.5 dangerous for an adult?',
  'can you explain my lab results?',
];

/** @param {number} i */
export const messageText = (i) => `${token(i)} ${PHRASES[i % PHRASES.length]}`;

/**
 * @param {() => number} random
 * @param {number} min
 * @param {number} max
 */
const between = (random, min, max) => min + (max - min) * random();

/**
 * The pause between two messages spread over the fault's duration.
 * @param {ScenarioContext} ctx
 */
const spread = (ctx) => () => {
  const mean = ctx.durationMs / ctx.messages;
  return between(ctx.random, (2 * mean) / 3, (4 * mean) / 3);
};

/**
 * Sends every message, waiting `gap()` ms between two.
 * @param {ScenarioContext} ctx
 * @param {() => number} gap
 */
async function sendAll(ctx, gap) {
  for (let i = 0; i < ctx.messages; i++) {
    if (await ctx.chat.send(messageText(i))) ctx.sent.push(i);
    else ctx.notes.push(`send() refused message ${i}`);
    if (i < ctx.messages - 1) await sleep(gap());
  }
}

/**
 * Runs `action` every `delay()` ms until stopped.
 * @param {() => number} delay
 * @param {() => unknown} action
 */
function every(delay, action) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  let stopped = false;
  const schedule = () => {
    timer = setTimeout(() => {
      if (stopped) return;
      action();
      schedule();
    }, delay());
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/**
 * Polls until `predicate` holds or `timeout` ms pass; returns whether it held.
 * @param {() => Promise<boolean> | boolean} predicate
 * @param {number} timeout
 */
export async function waitFor(predicate, timeout) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await predicate()) return true;
    await sleep(100);
  }
  return false;
}

/** @type {Record<string, (ctx: ScenarioContext) => Promise<void>>} */
export const SCENARIOS = {
  async silence(ctx) {
    const scale = ctx.heartbeatS / 30;
    let silenced = 0;
    const stop = every(
      () => between(ctx.random, 40_000, 60_000) * scale,
      () => (silenced += ctx.proxy.silence()),
    );
    await sendAll(ctx, spread(ctx));
    stop();
    ctx.notes.push(
      `${silenced} connections silenced (every ${(40 * scale).toFixed(1)}–${(60 * scale).toFixed(1)} s)`,
    );
  },

  async crash(ctx) {
    const { proxy, backend, chat } = ctx;
    // Calibration: what connecting and one message cost in client bytes, to cut the flush at 40%.
    const connectBytes = proxy.stats().bytes.up; // the handshake (and auth) so far
    await chat.send('chaos-w0 hello');
    const answered = await waitFor(async () => {
      const { messages } = await chat.snapshot();
      return messages.some(
        (m) => m.role === 'assistant' && m.state === 'complete' && m.content.includes('chaos-w0'),
      );
    }, 10_000);
    const perMessage = answered ? Math.max(50, proxy.stats().bytes.up - connectBytes) : 300;
    const budget = connectBytes + Math.round(0.4 * ctx.messages * perMessage);

    await backend.stop();
    await waitFor(async () => (await chat.snapshot()).status !== 'connected', 5_000);
    await sendAll(ctx, () => 20);
    await sleep(500);
    let killedAt = 0;
    proxy.on('kill', () => {
      killedAt = Date.now();
      void backend.stop();
    });
    proxy.killAfter(budget);
    await backend.restart();
    const killed = await Promise.race([
      once(proxy, 'kill').then(() => true),
      sleep(15_000).then(() => false),
    ]);
    if (killed) {
      await sleep(Math.max(0, killedAt + 1500 - Date.now()));
      await backend.restart();
      ctx.notes.push(`flush cut after ${budget} client bytes (${perMessage} a message), backend down 1.5 s`);
    } else {
      proxy.killAfter(null);
      ctx.notes.push(`the flush never reached ${budget} client bytes in 15 s: no crash mid-flush`);
    }
  },

  async flapping(ctx) {
    let downs = 0;
    ctx.proxy.on('flap', ({ up }) => (downs += up ? 0 : 1));
    ctx.proxy.flap({ upMs: 3000, downMs: 3000 });
    await sendAll(ctx, spread(ctx));
    ctx.proxy.flap(null);
    ctx.notes.push(`${downs} downs of 3 s`);
  },

  async resets(ctx) {
    let resets = 0;
    const stop = every(
      () => between(ctx.random, 1500, 5000),
      () => {
        ctx.proxy.reset();
        resets++;
      },
    );
    await sendAll(ctx, spread(ctx));
    stop();
    ctx.notes.push(`${resets} resets`);
  },
};
