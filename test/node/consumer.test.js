// The package as a TypeScript user gets it: `npm pack`, unpacked into a scratch project's
// node_modules (its dependencies linked from this repository's), then `tsc` on code that imports
// it the documented ways: the element and its typed events, the script-tag module, the React
// wrapper and React 19 JSX (`ai-chat-element/react`), Vue templates and the Vue helpers
// (`ai-chat-element/vue`). Declarations are checked too (once without skipLibCheck), with
// `strict: false` and with `moduleResolution: node10`, and `@ts-expect-error` lines prove the
// types reject what they should.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, installPacked, run } from './build.js';

/** @type {string} */
let dir;

before(async () => {
  dir = await installPacked('ai-chat-consumer-');
});

after(() => rmSync(dir, { recursive: true, force: true }));

const FILES = {
  'element.ts': `
import 'ai-chat-element';
import { AiChat, AiChatStatusEvent, Status, type ChatMessage, type TokenProvider } from 'ai-chat-element';

const el = document.createElement('ai-chat');
export const typed: AiChat = el;
el.endpoint = 'wss://clinic.example/ai/{feature}/ws';
el.maxRetries = 3;
const provider: TokenProvider = async () => 'token';
el.tokenProvider = provider;
el.addEventListener('ai-chat-status', (event) => {
  const status: Status = event.detail.status;
  console.log(status satisfies string, event instanceof AiChatStatusEvent);
});
el.addEventListener('ai-chat-message', (event) => console.log(event.detail.message satisfies ChatMessage));
export const sent: boolean = el.send('Hello');
// @ts-expect-error status is read-only
el.status = Status.idle;
// @ts-expect-error a number of retries
el.maxRetries = 'lots';
`,
  'script-tag.ts': `
import { AiChat } from 'ai-chat-element/ai-chat.js';
export const ctor: typeof AiChat = customElements.get('ai-chat') as typeof AiChat;
`,
  'react.tsx': `
import type {} from 'ai-chat-element/react';
import type { AiChatStatusEvent } from 'ai-chat-element';

export const ok = (
  <ai-chat
    endpoint="/ai/{feature}/ws"
    feature="faq"
    maxRetries={3}
    tokenProvider={async () => 'token'}
    className="chat"
    onai-chat-status={(event: AiChatStatusEvent) => event.detail.status}
    onai-chat-error={(event) => event.detail.code}
  ></ai-chat>
);
// @ts-expect-error a number of retries
export const badRetries = <ai-chat maxRetries="lots" />;
// @ts-expect-error status is read-only
export const badStatus = <ai-chat status="idle" />;
// @ts-expect-error methods are not props
export const badMethod = <ai-chat send={() => true} />;
// @ts-expect-error a provider returns a string
export const badProvider = <ai-chat tokenProvider={() => 42} />;
// @ts-expect-error the status event is not a message event
export const badListener = <ai-chat onai-chat-status={(event: { detail: { message: string } }) => event} />;
`,
  'vue.ts': `
import type {} from 'ai-chat-element/vue';
import type { GlobalComponents } from 'vue';
import type { AiChatStatusEvent } from 'ai-chat-element';

type Props = InstanceType<GlobalComponents['ai-chat']>['$props'];
export const ok: Props = {
  endpoint: '/ai/{feature}/ws',
  maxRetries: 3,
  tokenProvider: async () => 'token',
  onAiChatStatus: (event: AiChatStatusEvent) => console.log(event.detail.status),
};
// @ts-expect-error a number of retries
export const bad: Props = { maxRetries: 'lots' };
`,
  'react-wrapper.tsx': `
import { useRef } from 'react';
import { AiChat, type AiChatProps } from 'ai-chat-element/react';
import type { AiChat as AiChatElement, AiChatMessageEvent } from 'ai-chat-element';

export function Chat() {
  const ref = useRef<AiChatElement>(null);
  return (
    <AiChat
      ref={ref}
      endpoint="/ai/{feature}/ws"
      maxRetries={3}
      tokenProvider={async () => 'token'}
      className="chat"
      onStatus={(event) => console.log(event.detail.status, ref.current?.status)}
      onMessage={(event: AiChatMessageEvent) => console.log(event.detail.message.content)}
      onError={(event) => console.log(event.detail.code)}
    />
  );
}
export const props: AiChatProps = { endpoint: '/ai/{feature}/ws', onSend: (event) => event.preventDefault() };
// @ts-expect-error a number of retries
export const badRetries = <AiChat maxRetries="lots" />;
// @ts-expect-error the status listener gets a status event
export const badListener = <AiChat onStatus={(event: { detail: { message: string } }) => event} />;
`,
  'vue-runtime.ts': `
import { AiChatPlugin, isCustomElement } from 'ai-chat-element/vue';
export const custom: boolean = isCustomElement('ai-chat');
export const plugin: { install(app: import('vue').App): void } = AiChatPlugin;
`,
};

/** @param {Record<string, unknown>} options */
function typecheck(options) {
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        strict: true,
        noEmit: true,
        jsx: 'react-jsx',
        types: [],
        ...options,
      },
      files: Object.keys(FILES),
    }),
  );
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], dir);
}

test('a bundler project (moduleResolution: bundler) type-checks against the package', () => {
  // Declarations checked too: the package's (and, unavoidably, lit's, React's and Vue's).
  assert.doesNotThrow(() =>
    typecheck({ module: 'ESNext', moduleResolution: 'bundler', skipLibCheck: false }),
  );
});

test('a Node ESM project (moduleResolution: nodenext) type-checks against the package', () => {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  assert.doesNotThrow(() =>
    typecheck({ module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true }),
  );
});

test('a project without strict checks (strict: false, as Next.js generates) keeps every property, tokenProvider too', () => {
  assert.doesNotThrow(() =>
    typecheck({ module: 'ESNext', moduleResolution: 'bundler', strict: false, skipLibCheck: true }),
  );
});

test('an older project (moduleResolution: node10, no `exports`) finds /react, /vue and /ai-chat.js through typesVersions', () => {
  rmSync(join(dir, 'package.json'), { force: true });
  assert.doesNotThrow(() =>
    typecheck({
      module: 'ESNext',
      moduleResolution: 'node10',
      ignoreDeprecations: '6.0',
      skipLibCheck: true,
    }),
  );
});
