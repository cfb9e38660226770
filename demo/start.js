#!/usr/bin/env node
// Starts the demo: Vite's dev server with the project's vite.config.ts (which attaches the mock AI
// backend, every dialect at once, to the same origin) on 127.0.0.1, and prints the demo URL for a
// dialect. `npm start -- --dialect booking` runs this.
//
//   node demo/start.js [--dialect envelope|booking|hybrid|conversation|consultation|agui|ai-sdk|openai] [--port 5173]
//
// The page reads ?dialect= (and ?feature=) on load; its developer panel switches dialects live.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { DIALECTS } from './server/dialects/index.js';

const HOST = '127.0.0.1';
const NAMES = DIALECTS.map((d) => d.name);
const USAGE = `usage: node demo/start.js [--dialect ${NAMES.join('|')}] [--port 5173]`;

/** @param {string} message */
function fail(message) {
  console.error(`demo: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

/** @type {{dialect: string, port: string, help?: boolean}} */
let args = { dialect: 'envelope', port: '5173' };
try {
  const { values } = parseArgs({
    options: {
      dialect: { type: 'string', short: 'd', default: 'envelope' },
      port: { type: 'string', short: 'p', default: '5173' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  args = /** @type {typeof args} */ (values);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535, not '${args.port}'`);
if (!NAMES.includes(args.dialect))
  fail(`--dialect must be one of ${NAMES.join(', ')}, not '${args.dialect}'`);

const server = await createServer({
  root: fileURLToPath(new URL('..', import.meta.url)),
  server: { host: HOST, port },
});
await server.listen();
const address = server.httpServer?.address();
const actual = typeof address === 'object' && address ? address.port : port;
const dialect = DIALECTS.find((d) => d.name === args.dialect);
console.log(
  `\n  <ai-chat> demo, dialect ${args.dialect}:  http://${HOST}:${actual}/demo/?dialect=${args.dialect}`,
);
for (const line of dialect?.describe?.(`${HOST}:${actual}`) ?? []) console.log(`    ${line}`);
console.log('  Press Ctrl+C to stop.\n');

let stopping = false;
const shutdown = async () => {
  if (stopping) process.exit(1);
  stopping = true;
  await server.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
