// The standard-stream dialects (agui, ai-sdk, openai) load only where they are used: the
// script-tag build, which defines <ai-chat> for the five seed dialects, holds none of their code,
// so a page that does not use them does not pay for them (issue 13, "Done means").
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureBuilt } from './build.js';

/** Strings only the standard dialects' code contains (event and chunk names they decode). */
const MARKERS = ['TEXT_MESSAGE_CONTENT', 'tool-output-available', 'stream_options', 'ai-chat.card'];

before(ensureBuilt);

test('the script-tag build holds none of the standard dialects', () => {
  const bundle = readFileSync(join(ROOT, 'dist/ai-chat.js'), 'utf8');
  for (const marker of MARKERS)
    assert.equal(bundle.includes(marker), false, `${marker} is in dist/ai-chat.js`);
});

test('the markers are the dialects’ own (so the check above can fail)', () => {
  const sources = ['agui', 'ai-sdk', 'openai', 'standard']
    .map((name) => readFileSync(join(ROOT, `src/protocol/dialects/${name}.ts`), 'utf8'))
    .join('\n');
  for (const marker of MARKERS)
    assert.ok(sources.includes(marker), `${marker} is not in the dialects' source`);
});
