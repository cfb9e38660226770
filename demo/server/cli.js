#!/usr/bin/env node
// Runs the mock AI backend on its own:
//
//   node demo/server/cli.js [--port 8787] [--dialect envelope|booking|hybrid|conversation|consultation|agui|ai-sdk|openai] [--pace human|fast] [--redeliver]
//
// and prints the URLs to point <ai-chat> at for that dialect (every dialect is served at once;
// --dialect picks what is printed and which dialect wins where paths could overlap). Ctrl+C stops it.
// Faults can be injected from this machine with POST /__mock/chaos, e.g.
//   curl -X POST -H 'content-type: application/json' -d '{"op":"outage","args":{"ms":5000}}' http://127.0.0.1:8787/__mock/chaos
// (ops: dropAll, closeAll, refuseConnections, acceptConnections, silence, garbage, outage).
import { parseArgs } from 'node:util';
import { startMockBackend } from './mock-backend.js';
import { DIALECTS } from './dialects/index.js';

const HOST = '127.0.0.1';

const USAGE = `usage: node demo/server/cli.js [--port 8787] [--dialect ${DIALECTS.map((d) => d.name).join('|')}] [--pace human|fast] [--redeliver]`;

/** @param {string} message */
function fail(message) {
  console.error(`mock-backend: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

/** @type {{port: string, dialect: string, pace: string, redeliver?: boolean, help?: boolean}} */
let args = { port: '8787', dialect: 'envelope', pace: 'human' };
try {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p', default: '8787' },
      dialect: { type: 'string', short: 'd', default: 'envelope' },
      pace: { type: 'string', default: 'human' },
      redeliver: { type: 'boolean' },
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
  redeliver: args.redeliver ?? false,
  chaosEndpoint: true,
});
const origin = `${HOST}:${backend.port}`;
console.log(`Mock AI backend (dialect ${args.dialect}, pace ${args.pace}) listening on http://${origin}`);
for (const line of DIALECTS.find((d) => d.name === args.dialect)?.describe?.(origin) ?? [])
  console.log(`  ${line}`);
console.log(`  http://${origin}/health`);
console.log(
  `  POST http://${origin}/__mock/chaos {"op": "dropAll" | "closeAll" | "refuseConnections" | "acceptConnections" | "silence" | "garbage" | "outage", "args": {…}}   (from this machine only)`,
);
if (args.redeliver)
  console.log('  redeliver: a reply cut by a drop is re-delivered whole on the next socket of its session');
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
