#!/usr/bin/env node
// Runs the mock AI backend on its own:
//
//   node demo/server/cli.js [--port 8787] [--dialect envelope|booking|hybrid|conversation|consultation] [--pace human|fast]
//
// and prints the URLs to point <ai-chat> at for that dialect (every dialect is served at once;
// --dialect picks what is printed and which dialect wins where paths could overlap). Ctrl+C stops it.
import { parseArgs } from 'node:util';
import { startMockBackend } from './mock-backend.js';
import { DIALECTS } from './dialects/index.js';

const HOST = '127.0.0.1';

const USAGE = `usage: node demo/server/cli.js [--port 8787] [--dialect ${DIALECTS.map((d) => d.name).join('|')}] [--pace human|fast]`;

/** @param {string} message */
function fail(message) {
  console.error(`mock-backend: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

/** @type {{port: string, dialect: string, pace: string, help?: boolean}} */
let args = { port: '8787', dialect: 'envelope', pace: 'human' };
try {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p', default: '8787' },
      dialect: { type: 'string', short: 'd', default: 'envelope' },
      pace: { type: 'string', default: 'human' },
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
if (args.pace !== 'human' && args.pace !== 'fast') fail(`--pace must be human or fast, not '${args.pace}'`);
if (!DIALECTS.some((d) => d.name === args.dialect)) {
  fail(`--dialect must be one of ${DIALECTS.map((d) => d.name).join(', ')}, not '${args.dialect}'`);
}

const backend = await startMockBackend({
  host: HOST,
  port,
  dialect: args.dialect,
  pace: /** @type {'human' | 'fast'} */ (args.pace),
});
const origin = `${HOST}:${backend.port}`;
console.log(`Mock AI backend (dialect ${args.dialect}, pace ${args.pace}) listening on http://${origin}`);
for (const line of DIALECTS.find((d) => d.name === args.dialect)?.describe?.(origin) ?? [])
  console.log(`  ${line}`);
console.log(`  http://${origin}/health`);
const others = DIALECTS.filter((d) => d.name !== args.dialect).map((d) => d.name);
console.log(`  (also served at the same time: ${others.join(', ')}; see --dialect)`);
console.log('Press Ctrl+C to stop.');

let stopping = false;
const shutdown = async () => {
  if (stopping) process.exit(1);
  stopping = true;
  await backend.close();
  console.log('Mock AI backend stopped.');
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
