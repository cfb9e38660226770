// Takes the README's screenshot of the demo: starts the demo (Vite + the mock backend) on
// 127.0.0.1, opens it in headless Chromium, asks the symptom checker a question, waits for the
// streamed reply and its card, and saves demo/screenshot.png.
//
//   node scripts/screenshot.js [--out demo/screenshot.png]
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';
import { findChrome, CHROME_ARGS } from './find-chrome.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? process.argv[outIndex + 1] : 'demo/screenshot.png';

const server = await createServer({ root, server: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
await server.listen();
const address = server.httpServer?.address();
const port = typeof address === 'object' && address ? address.port : 0;
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
  await page.goto(`http://127.0.0.1:${port}/demo/?dialect=envelope&feature=symptom_checker`, {
    waitUntil: 'networkidle0',
  });
  await page.waitForFunction(
    () => document.querySelector('ai-chat')?.getAttribute('status') === 'connected',
    {
      timeout: 20_000,
    },
  );
  await page.evaluate(() => {
    const chat = /** @type {any} */ (document.querySelector('ai-chat'));
    chat.scrollIntoView({ block: 'center' });
    chat.send('I have had a fever and a sore throat since yesterday');
  });
  await page.waitForFunction(
    () => {
      const chat = /** @type {any} */ (document.querySelector('ai-chat'));
      return !chat.hasAttribute('busy') && chat.messages.some((/** @type {any} */ m) => m.card);
    },
    { timeout: 60_000 },
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  const element = await page.$('ai-chat');
  await element?.screenshot({ path: out });
  console.log(`screenshot: ${out}`);
} finally {
  await browser.close();
  await server.close();
}
