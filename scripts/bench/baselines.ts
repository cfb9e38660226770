// The baseline bundle of the benchmark (built by scripts/bench/build.js into bench-results/):
// plain marked + DOMPurify, as a naive renderer would use them, the widget's own one-shot
// renderer, renderMarkdown() from src/render/markdown.ts, and for the streaming-quality section
// the widget's MarkdownStream, its styles and remend (vercel/streamdown's incomplete-markdown
// repair) to render the same prefixes as a baseline; and for the session section, the widget's
// session on the test suite's fake socket, clock and environment.
import { marked } from 'marked';
import DOMPurify from 'dompurify';
import remend from 'remend';
import { renderMarkdown } from '../../src/render/markdown.js';
import { MarkdownStream } from '../../src/render/markdown-stream.js';
import { styles } from '../../src/ai-chat.styles.js';
import { styles as panelStyles } from '../../src/views/panel.js';
import { ChatSession } from '../../src/session/session.js';
import { FakeClock } from '../../test/support/fake-clock.js';
import { FakeEnvironment } from '../../test/support/fake-environment.js';
import { FakeWebSocket } from '../../test/support/fake-socket.js';

/** What a naive streaming renderer does on every chunk: the whole text, parsed and sanitized again. */
export function naiveRender(container: HTMLElement, text: string): void {
  container.innerHTML = DOMPurify.sanitize(marked.parse(text, { async: false }));
}

/** The widget's renderer, once, on the whole text. */
export function oneShotRender(container: HTMLElement, text: string): void {
  container.replaceChildren(renderMarkdown(text));
}

/** The text so far repaired by remend, then rendered at once by the widget's renderer. */
export function remendRender(container: HTMLElement, text: string): void {
  container.replaceChildren(renderMarkdown(remend(text)));
}

/** The widget's streaming renderer on `container`. */
export function widgetStream(container: HTMLElement, options: { budgetMs?: number } = {}): MarkdownStream {
  return new MarkdownStream(container, options);
}

/**
 * The widget's stylesheets, in the order its shadow root adopts them (its own, then the panel's,
 * which hold the reply's markdown styles), to lay replies out as the widget does.
 */
export const widgetStyles: CSSStyleSheet[] = [styles, ...panelStyles].flatMap((sheet) =>
  sheet.styleSheet ? [sheet.styleSheet] : [],
);

/**
 * What the session costs a streamed reply, per socket frame, without the network or a render: a
 * ChatSession (envelope) on the fake socket gets `frames` chunk frames of 8 characters and the
 * `complete`, `rounds` times (the first two warm the JIT up), in its socket's `onmessage`.
 * Against the same frames only `JSON.parse`d, as the bench's floor page does. Medians of the
 * measured rounds, in µs a frame.
 */
export async function sessionFlood(
  frames: number,
  rounds = 7,
): Promise<{ floorUs: number; sessionUs: number }> {
  let ids = 0;
  const session = new ChatSession({
    WebSocket: FakeWebSocket,
    fetch: () => Promise.reject(new Error('no HTTP in this bench')),
    clock: new FakeClock(),
    random: () => 0.5,
    storage: () => undefined,
    BroadcastChannel: undefined,
    locks: undefined,
    environment: new FakeEnvironment(),
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    defer: (fn) => queueMicrotask(fn),
  });
  FakeWebSocket.reset();
  session.configure({ endpoint: 'wss://bench.test/ws', token: 't' });
  for (let i = 0; i < 50 && FakeWebSocket.instances.length === 0; i++) await Promise.resolve();
  const ws = FakeWebSocket.last;
  ws.open();
  const floor: number[] = [];
  const measured: number[] = [];
  for (let round = 0; round < rounds; round++) {
    session.send(`Question ${round}`);
    const id = `reply-${round}`;
    const frame = (type: string, data: unknown) =>
      JSON.stringify({ type, data, session_id: 's', message_id: id, timestamp: '2026-01-01T00:00:00.000Z' });
    const texts = Array.from({ length: frames }, (_, i) => frame('chunk', { content: `w${i % 10}rd go ` }));
    texts.push(frame('complete', {}));
    let start = performance.now();
    for (const text of texts) JSON.parse(text);
    const parsed = performance.now() - start;
    // The events made beforehand and handed to the socket's handler, as a browser does: making
    // and dispatching them is the browser's work, which the floor page pays too.
    const events = texts.map((data) => new MessageEvent('message', { data }));
    const deliver = ws.onmessage!;
    start = performance.now();
    for (const event of events) deliver.call(ws, event);
    const handled = performance.now() - start;
    if (session.messages.at(-1)?.state !== 'complete')
      throw new Error('the session did not complete the reply');
    if (round >= 2) {
      floor.push((parsed * 1000) / texts.length);
      measured.push((handled * 1000) / texts.length);
    }
  }
  session.close();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { floorUs: median(floor), sessionUs: median(measured) };
}
