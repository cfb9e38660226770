// One chaos run: a fresh mock backend and fault proxy, one widget in its own browser context,
// a scenario, then a settle window; returns the counts of ./measure.js and how long it took to
// settle.
import { setTimeout as sleep } from 'node:timers/promises';
import { startMockBackend } from '../../demo/server/mock-backend.js';
import { seededRandom, startFaultProxy } from '../../test/support/fault-proxy.js';
import { receivedTexts } from './dialects.js';
import { measure, quiet } from './measure.js';
import { openChat } from './page.js';
import { SCENARIOS, waitFor } from './scenarios.js';

/** Replies of a few hundred characters, streamed in small chunks over a few hundred ms. */
/** @type {import('../../demo/server/pace.js').PaceOption} */
const PACE = { thinkMs: [20, 60], chunkMs: [2, 8], chunkChars: [8, 24] };
/** A mild, realistic link under every scenario: 10 ± 5 ms each way. */
const LATENCY = { ms: 10, jitter: 5 };
/** At rest means: nothing changes for this long. */
const QUIET_MS = 1500;

/**
 * @typedef {object} RunOptions
 * @property {import('puppeteer-core').Browser} browser
 * @property {string} pageUrl
 * @property {import('./dialects.js').ChaosDialect} dialect
 * @property {string} scenario
 * @property {number} messages
 * @property {number} durationMs
 * @property {number} heartbeatS
 * @property {number} settleMs
 * @property {number} seed
 */

/**
 * @typedef {import('./measure.js').Counts & {dialect: string, scenario: string, status: string,
 *   settleMs: number | null, connects: number, offline: boolean, notes: string[], errors: string[],
 *   pageErrors: string[],
 *   proxy: import('../../test/support/fault-proxy.js').ProxyStats}} RunResult
 */

/**
 * A seed per dialect and scenario, from the run's seed: the same run draws the same faults.
 * @param {number} seed
 * @param {string} text
 */
function seedFor(seed, text) {
  let h = seed >>> 0;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

/**
 * @param {RunOptions} options
 * @returns {Promise<RunResult>}
 */
export async function runOne({
  browser,
  pageUrl,
  dialect,
  scenario,
  messages,
  durationMs,
  heartbeatS,
  settleMs,
  seed,
}) {
  const runSeed = seedFor(seed, `${dialect.name}/${scenario}`);
  const backend = await startMockBackend({ host: '127.0.0.1', port: 0, pace: PACE, echo: true });
  const proxy = await startFaultProxy({
    target: { port: backend.port },
    seed: runSeed,
    latency: LATENCY,
  });
  const chat = await openChat(browser, pageUrl, {
    ...dialect.attributes(proxy.port),
    heartbeat: String(heartbeatS),
    'max-messages': '500',
  });
  /** @type {import('./scenarios.js').ScenarioContext} */
  const ctx = {
    proxy,
    backend,
    chat,
    random: seededRandom(runSeed),
    messages,
    durationMs,
    heartbeatS,
    sent: [],
    notes: [],
  };
  try {
    if (!(await waitFor(async () => (await chat.snapshot()).status === 'connected', 10_000)))
      throw new Error(`${dialect.name}: the widget did not connect through the proxy`);
    await SCENARIOS[scenario](ctx);
    const faultEnd = Date.now();

    // Settle: at rest (connected, nothing pending or streaming) with nothing changing for QUIET_MS.
    let snapshot = await chat.snapshot();
    let restSince = 0;
    let last = '';
    /** @type {number | null} */
    let settled = null;
    while (Date.now() - faultEnd < settleMs) {
      snapshot = await chat.snapshot();
      const now = Date.now();
      const text = JSON.stringify(snapshot);
      if (!quiet(snapshot) || text !== last) restSince = quiet(snapshot) ? now : 0;
      last = text;
      if (restSince && now - restSince >= QUIET_MS) {
        settled = restSince - faultEnd;
        break;
      }
      await sleep(250);
    }
    const counts = measure(
      snapshot,
      ctx.sent,
      receivedTexts(dialect, backend.received(), backend.streamRequests()),
    );
    const log = await chat.log();
    return {
      dialect: dialect.name,
      scenario,
      ...counts,
      status: snapshot.status,
      settleMs: settled,
      connects: log.statuses.filter((s) => s === 'connected').length,
      offline: log.statuses.includes('offline'),
      notes: ctx.notes,
      errors: log.errors,
      pageErrors: chat.pageErrors,
      proxy: proxy.stats(),
    };
  } finally {
    await chat.close().catch(() => {});
    await proxy.close();
    await backend.close();
  }
}
