// The script-tag build (dist/ai-chat.js) on pages with a strict Content-Security-Policy and with
// Trusted Types enforced. Each fixture page declares its policy in a <meta> tag first in <head>
// (Chromium honours every directive used here in a meta tag, `require-trusted-types-for` and
// `trusted-types` included: the "detects" tests prove it) and loads test/fixtures/csp-probe.js
// before the bundle: it records every `securitypolicyviolation` and every Trusted Types policy
// created into `window.__violations` / `window.__policies`.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { closeBackends, startBackend, userFrames, type Backend } from './support/backend.js';
import { until } from './support/element.js';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
  line: number;
  column: number;
}

interface ProbeWindow extends Window {
  __violations: Violation[];
  __policies: string[];
  __errors: string[];
}

type ErrorEvent = Event & { detail: { code: string; message: string } };

interface FrameChat extends HTMLElement {
  updateComplete: Promise<boolean>;
  status: string;
  messages: readonly { role: string; state: string; content: string }[];
  send(content: string): boolean;
  connect(): void;
  disconnect(): void;
}

/** The Trusted Types policy names the widget may create (design.md, "Safe"). */
const ALLOWED_POLICIES = ['lit-html', 'dompurify', 'ai-chat'];

const REPLY = [
  '## Opening hours',
  '',
  'We are open **8:00–18:00**; see [our site](https://clinic.example/hours) or',
  '[this](javascript:alert(1)) for details.',
  '',
  '| Day | Hours |',
  '| --- | :---: |',
  '| Mon–Fri | 8–18 |',
  '| Sat | 9–13 |',
  '',
  '```js',
  "const open = (day) => day !== 'Sun';",
  '```',
  '',
  '![Map of the clinic](https://maps.example/clinic.png "Map")',
  '',
  '<img src=x onerror="alert(1)"> <style>body { display: none }</style> <b style="color:red">raw</b>',
  '',
  '<script>alert(1)</script>',
].join('\n');

let sentinels = 0;

/**
 * The violations the page has reported so far, all of them: each report is a task queued when the
 * violation happens, in order, so this causes one more (an image from a host `img-src` does not
 * allow) and waits for its report; every earlier one is in by then. The sentinel is left out.
 */
async function violationsSoFar(win: ProbeWindow): Promise<Violation[]> {
  const origin = `https://sentinel-${++sentinels}.invalid`;
  const img = win.document.createElement('img');
  img.src = `${origin}/csp.png`;
  const isSentinel = (v: Violation) => v.blocked.startsWith(origin);
  await until(() => win.__violations.some(isSentinel), 'the sentinel violation is reported');
  return win.__violations.filter((v) => !isSentinel(v));
}

async function loadPage(src: string): Promise<{ frame: HTMLIFrameElement; win: ProbeWindow; el: FrameChat }> {
  const frame = document.createElement('iframe');
  frame.src = src;
  frame.style.cssText = 'width: 480px; height: 640px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as unknown as ProbeWindow;
  expect(win.__violations, 'the probe script ran before the bundle').to.be.an('array');
  await win.customElements.whenDefined('ai-chat');
  const el = frame.contentDocument!.querySelector('ai-chat') as FrameChat;
  return { frame, win, el };
}

const shadowOf = (el: FrameChat): ShadowRoot => el.shadowRoot!;

/**
 * Everything the widget does in a conversation: connect, type (the composer grows), send,
 * stream a markdown reply with a link, a table, a code block, an image (images off) and raw
 * HTML, a bad frame, a server error, a drop and reconnect, disconnect / connect, a refused token
 * (the notice with its Retry button).
 */
async function runConversation(backend: Backend, win: ProbeWindow, el: FrameChat): Promise<void> {
  const errors: string[] = [];
  el.addEventListener('ai-chat-error', (e: Event) => errors.push((e as ErrorEvent).detail.code));
  el.setAttribute('endpoint', backend.url('/ai/{feature}/ws'));
  await until(() => el.status === 'connected', `status is ${el.status}, not connected`);

  // Type for real into the composer (the auto-grow path), then send with Enter.
  const input = shadowOf(el).querySelector('textarea')!;
  win.focus();
  input.focus();
  await sendKeys({ type: 'When are you open? Please tell me about the weekend too.' });
  expect(input.value).to.equal('When are you open? Please tell me about the weekend too.');
  await backend.call('nextReply', REPLY);
  await sendKeys({ press: 'Enter' });
  await until(
    () => el.messages.some((m) => m.role === 'assistant' && m.state === 'complete'),
    'the reply completes',
  );
  await el.updateComplete; // the element renders on the next animation frame

  const content = shadowOf(el).querySelector('[part~="assistant"] [part~="content"]')!;
  expect(content.querySelector('h2')?.textContent).to.equal('Opening hours');
  expect(content.querySelector('strong')?.textContent).to.equal('8:00–18:00');
  const links = [...content.querySelectorAll('a')];
  const site = links.find((a) => a.textContent === 'our site')!;
  expect(site.getAttribute('href')).to.equal('https://clinic.example/hours');
  expect(site.getAttribute('rel')).to.equal('noopener noreferrer');
  expect(links.find((a) => a.textContent === 'this')!.hasAttribute('href')).to.equal(false);
  expect(content.querySelectorAll('table tbody tr')).to.have.length(2);
  expect(content.querySelector('pre code.language-js')?.textContent).to.contain("day !== 'Sun'");
  expect(content.querySelector('img'), 'images are off').to.equal(null);
  expect(links.find((a) => a.getAttribute('href') === 'https://maps.example/clinic.png')).to.exist;
  expect(content.querySelector('style, script, [style], [onerror]')).to.equal(null);
  expect(content.textContent).to.contain('<script>alert(1)</script>');
  expect(await userFrames(backend)).to.have.length(1);

  // A bad frame and a server error.
  await backend.call('push', '{this is not json');
  await until(() => errors.includes('bad-frame'), 'the bad frame is reported');
  el.send('/error');
  await until(() => errors.includes('server-error'), `a server error is reported (got ${errors.join()})`);

  // A drop: reconnecting, then connected again.
  await backend.call('dropAll');
  await until(() => el.status === 'reconnecting', `status is ${el.status}, not reconnecting`);
  await until(() => el.status === 'connected', `status is ${el.status}, not connected after a drop`);

  // disconnect() / connect().
  el.disconnect();
  await until(() => el.status === 'idle', `status is ${el.status}, not idle`);
  el.connect();
  await until(() => el.status === 'connected', `status is ${el.status}, not connected again`);

  // A refused token: the unauthorized notice and its Retry button render.
  el.setAttribute('token', 'expired');
  await until(() => el.status === 'unauthorized', `status is ${el.status}, not unauthorized`);
  await until(() => shadowOf(el).querySelector('[part~="retry"]'), 'the Retry button shows');
  el.setAttribute('token', 'demo-token');
  await until(() => el.status === 'connected', `status is ${el.status}, not connected with a good token`);

  // A second reply after all that, streamed into the same transcript.
  await backend.call('nextReply', 'Saturday: **9–13**.');
  el.send('And on Saturday?');
  await until(
    () => el.messages.filter((m) => m.role === 'assistant' && m.state === 'complete').length >= 2,
    'the second reply completes',
  );
  await el.updateComplete; // the element renders on the next animation frame
}

describe('strict CSP and Trusted Types (dist/ai-chat.js)', function () {
  this.timeout(30_000);
  afterEach(async () => {
    await closeBackends();
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  it('the CSP page reports a violation when there is one (the probe works)', async () => {
    const { frame, win } = await loadPage('/test/fixtures/csp-strict.html');
    const style = frame.contentDocument!.createElement('style');
    style.textContent = 'h1 { color: red }';
    frame.contentDocument!.head.append(style);
    expect(() => new (win as unknown as typeof globalThis).Function('return 1')).to.throw(/unsafe-eval/);
    await until(() => win.__violations.length >= 2, 'an inline <style> and an eval are reported');
    expect(win.__violations.map((v) => v.directive).sort()).to.deep.equal(['script-src', 'style-src-elem']);
  });

  it('the Trusted Types page enforces Trusted Types from its <meta> tag (the probe works)', async () => {
    const { frame, win } = await loadPage('/test/fixtures/tt-strict.html');
    const div = frame.contentDocument!.createElement('div');
    expect(() => {
      div.innerHTML = '<b>x</b>';
    }).to.throw(/TrustedHTML/);
    const factory = (
      win as unknown as { trustedTypes: { createPolicy(name: string, rules: object): unknown } }
    ).trustedTypes;
    expect(() => factory.createPolicy('not-allowed', {})).to.throw(/not-allowed/);
    await until(() => win.__violations.length >= 2, 'both are reported');
    expect(win.__violations.map((v) => v.directive)).to.deep.equal([
      'require-trusted-types-for',
      'trusted-types',
    ]);
  });

  for (const [name, page] of [
    ['a strict CSP (no unsafe-inline, no unsafe-eval)', '/test/fixtures/csp-strict.html'],
    [
      'require-trusted-types-for and trusted-types lit-html dompurify ai-chat',
      '/test/fixtures/tt-strict.html',
    ],
    ['trusted-types lit-html ai-chat (the documented minimum)', '/test/fixtures/tt-minimal.html'],
    [
      'Trusted Types on a page that created its own dompurify policy',
      '/test/fixtures/tt-host-dompurify.html',
    ],
  ] as const) {
    it(`works under ${name} with zero violations and only allowed policies`, async () => {
      const backend = await startBackend();
      const { win, el } = await loadPage(page);
      await runConversation(backend, win, el);

      const violations = await violationsSoFar(win);
      expect(violations, JSON.stringify(violations, null, 2)).to.deep.equal([]);
      expect(win.__errors, 'no uncaught errors in the page').to.deep.equal([]);
      const policies = win.__policies;
      expect(policies, 'Lit creates its policy').to.include('lit-html');
      expect(
        policies.filter((p) => !ALLOWED_POLICIES.includes(p)),
        `policies: ${policies.join()}`,
      ).to.deep.equal([]);
      expect(new Set(policies).size, `each policy once: ${policies.join()}`).to.equal(policies.length);
      expect(await backend.call('violations')).to.deep.equal([]);
      // The documented list (README): Lit's and the widget's own; DOMPurify's is never needed.
      expect([...policies].sort()).to.deep.equal(['ai-chat', 'lit-html']);
    });
  }
});
