// Headless Chromium for the benchmark (puppeteer-core with the binary and the flags of
// scripts/find-chrome.js), and the CDP figures it reads: Performance metrics (main-thread task
// time), the JS heap, and the offset between the page's clock and Node's.
import puppeteer from 'puppeteer-core';
import { findChrome, CHROME_ARGS } from '../find-chrome.js';
import { wallNow } from './server.js';

/** @typedef {import('puppeteer-core').Browser} Browser */
/** @typedef {import('puppeteer-core').Page} Page */
/** @typedef {import('puppeteer-core').CDPSession} CDPSession */
/** @typedef {{page: Page, cdp: CDPSession, close: () => Promise<void>}} BenchPage */

export async function launchBrowser() {
  // A huge shape (100,000 list items) runs in one page call for minutes: it reports, not times out.
  return puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    args: CHROME_ARGS,
    protocolTimeout: 600_000,
  });
}

/**
 * A new tab with CDP's Performance domain on, navigated to `url` (waits for `load`).
 * @param {Browser} browser
 * @param {string} url
 * @returns {Promise<BenchPage>}
 */
export async function openPage(browser, url) {
  const page = await browser.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response?.ok()) throw new Error(`${url}: HTTP ${response?.status()}`);
  return {
    page,
    cdp,
    async close() {
      await cdp.detach().catch(() => {});
      await page.close();
      if (errors.length)
        console.warn(`  (page errors on ${new URL(url).pathname}: ${errors.slice(0, 3).join(' | ')})`);
    },
  };
}

/**
 * CDP Performance.getMetrics, by name.
 * @param {CDPSession} cdp
 * @returns {Promise<Record<string, number>>}
 */
export async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map(({ name, value }) => [name, value]));
}

/**
 * The JS heap in use after forcing garbage collection (twice), in bytes.
 * @param {CDPSession} cdp
 */
export async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const jsHeapUsed = (await metrics(cdp)).JSHeapUsedSize;
  return { usedSize, jsHeapUsed };
}

/**
 * How far the page's wall clock (`timeOrigin + now()`) is ahead of Node's, from the quickest
 * of a few round trips (error ≤ half of it).
 * @param {Page} page
 */
export async function clockOffset(page) {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 7; i++) {
    const before = wallNow();
    const pageTime = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = wallNow();
    if (after - before < best.rtt) best = { rtt: after - before, offset: pageTime - (before + after) / 2 };
  }
  return best;
}

/**
 * The Chromium version string.
 * @param {Browser} browser
 */
export const browserVersion = (browser) => browser.version();
