// The fault matrix of issue 9, on fakes and fast: every dialect through silence every 40–60 s,
// a crash while the outbox flushes, a link up 3 s / down 3 s, and resets every 1.5–5 s, with 50
// messages each. Lost (shown sent, never received), duplicated on screen, reordered (the server's
// first receipt out of send order) and left streaming must all be zero, and every message must end
// `sent`. Each run prints its figures (the browser log of this file).
import { expect } from '@open-wc/testing';
import { FakeBackend, type Dialect } from './support/fake-backend.js';
import { FakeWebSocket } from './support/fake-socket.js';
import { harness } from './support/session-harness.js';

type Fault = 'silence' | 'crash-during-flush' | 'flapping' | 'resets';

const DIALECTS: Dialect[] = ['envelope', 'booking', 'hybrid', 'conversation', 'consultation'];
const FAULTS: Fault[] = ['silence', 'crash-during-flush', 'flapping', 'resets'];
const MESSAGES = 50;
/** Faults are injected from the first message until this long after the last one. */
const FAULTY_MS = MESSAGES * 1000 + 70_000;
/** After the network heals, everything must settle within this. */
const SETTLE_MS = 10 * 60_000;

/** A small seeded PRNG (mulberry32), so a failing run can be replayed exactly. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Drives one fault: called every step with the time since the start. */
function faultDriver(fault: Fault, backend: FakeBackend, random: () => number) {
  const between = (min: number, max: number) => min + random() * (max - min);
  let next = fault === 'silence' ? between(40_000, 60_000) : fault === 'resets' ? between(1500, 5000) : 3000;
  let downUntil = 0;
  return (t: number) => {
    if (t >= FAULTY_MS) {
      backend.start();
      return;
    }
    if (fault === 'crash-during-flush' && downUntil && t >= downUntil) {
      // Back up: the next connection's flush is cut after 1–3 frames.
      downUntil = 0;
      backend.start();
      backend.crashOnNextFlush(1 + Math.floor(random() * 3));
    }
    if (t < next) return;
    switch (fault) {
      case 'silence':
        backend.silence();
        next += between(40_000, 60_000);
        break;
      case 'resets':
        backend.reset();
        next += between(1500, 5000);
        break;
      case 'flapping':
        if (backend.up) backend.crash();
        else backend.start();
        next += 3000;
        break;
      case 'crash-during-flush':
        // Down for 5 s (messages pile up in the outbox), then up with a crash mid-flush.
        backend.crash();
        downUntil = t + 5000;
        next += 15_000;
        break;
    }
  };
}

interface Figures {
  sent: number;
  lost: number;
  duplicated: number;
  reordered: number;
  leftStreaming: number;
  received: number;
  resends: number;
  complete: number;
  interrupted: number;
  connections: number;
  simulatedSeconds: number;
}

const figures: string[] = [];

describe('ChatSession: the fault matrix of issue 9 (fake network, fake clock)', function () {
  this.timeout(120_000);

  beforeEach(() => FakeWebSocket.reset());

  after(() => {
    console.log(
      [
        'dialect × fault: sent/lost/dup/reordered/left-streaming (resends, replies complete/interrupted, connections, simulated s)',
        ...figures,
      ].join('\n'),
    );
  });

  for (const dialect of DIALECTS) {
    for (const fault of FAULTS) {
      it(`${dialect} × ${fault}: ${MESSAGES} messages, none lost, duplicated, reordered or left streaming`, async () => {
        const random = seeded(DIALECTS.indexOf(dialect) * 31 + FAULTS.indexOf(fault) + 1);
        const h = harness(
          {
            dialect,
            sessionId: dialect === 'conversation' ? '7' : undefined,
            streamUrl: 'https://clinic.test/stream',
            userId: '42',
            heartbeat: 30,
            maxMessages: 1000,
          },
          { random },
        );
        const backend = new FakeBackend(dialect, h.clock, h.http);
        const drive = faultDriver(fault, backend, seeded(99 + FAULTS.indexOf(fault)));
        h.configure();
        const start = h.clock.now();
        const order: string[] = [];
        let settledAt: number | undefined;
        for (let t = 0; t < FAULTY_MS + SETTLE_MS; t = h.clock.now() - start) {
          if (order.length < MESSAGES && t >= (order.length + 1) * 1000) {
            h.session.send(`m${order.length}`);
            order.push(h.session.messages.filter((m) => m.role === 'user').at(-1)!.id);
          }
          drive(t);
          await h.advance(100);
          const users = h.session.messages.filter((m) => m.role === 'user');
          const quiet =
            order.length === MESSAGES &&
            t > FAULTY_MS &&
            users.every((m) => m.state === 'sent') &&
            !h.session.messages.some((m) => m.state === 'streaming');
          if (!quiet) settledAt = undefined;
          else if (settledAt === undefined) settledAt = t;
          else if (t - settledAt > 5000) break; // quiet for 5 s: a late duplicate would show by now
        }
        const messages = h.session.messages;
        const users = messages.filter((m) => m.role === 'user');
        const complete = messages.filter((m) => m.role === 'assistant' && m.state === 'complete');
        const ids = users.map((m) => m.id);
        const f: Figures = {
          sent: users.filter((m) => m.state === 'sent').length,
          lost: users.filter((m) => m.state === 'sent' && !backend.contents.has(m.id)).length,
          duplicated:
            ids.length - new Set(ids).size + complete.length - new Set(complete.map((m) => m.content)).size,
          reordered: backend.received.filter((id, i) => id !== order[i]).length,
          leftStreaming: messages.filter((m) => m.state === 'streaming').length,
          received: backend.received.length,
          resends: backend.duplicates,
          complete: complete.length,
          interrupted: messages.filter((m) => m.state === 'interrupted').length,
          connections: backend.connections,
          simulatedSeconds: Math.round((h.clock.now() - start) / 1000),
        };
        figures.push(
          `${dialect} × ${fault}: ${f.sent}/${f.lost}/${f.duplicated}/${f.reordered}/${f.leftStreaming}` +
            ` (${f.resends} resends, ${f.complete}/${f.interrupted} replies, ${f.connections} connections, ${f.simulatedSeconds} s)`,
        );
        h.session.close();
        const unsent = users.filter((m) => m.state !== 'sent').map((m) => `${m.content}:${m.state}`);
        expect(f, `${JSON.stringify(f)} unsent: ${unsent.join(', ')}`).to.include({
          sent: MESSAGES,
          lost: 0,
          duplicated: 0,
          reordered: 0,
          leftStreaming: 0,
          received: MESSAGES,
        });
        expect(ids).to.deep.equal(order);
      });
    }
  }
});
