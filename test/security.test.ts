// Security: the XSS corpus (test/fixtures/xss-vectors.ts) against the real <ai-chat> in real
// Chromium, fed by the real mock backend over real WebSockets, as streamed assistant replies in
// seeded random chunkings, as user text and as card fields. Every test traps alert/confirm/
// prompt/print/open and writes to window.__xss, and asserts that nothing ran.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/ai-chat.js';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatActionEvent } from '../src/events.js';
import { MarkdownStream } from '../src/render/markdown-stream.js';
import { renderMarkdown } from '../src/render/markdown.js';
import strings from '../src/i18n/en.js';
import { formatWhen } from '../src/views/cards.js';
import { XSS_GROUPS, XSS_VECTORS, type XssVector } from './fixtures/xss-vectors.js';
import { closeBackends, startBackend, userFrames, type Backend } from './support/backend.js';
import { connected, qa, until } from './support/element.js';
import {
  chunksAt,
  handlerAttributes,
  installTraps,
  isSafeHref,
  javascriptUrlsRan,
  nextFrame,
  prng,
  protocolOf,
  randomChunks,
  replyProblems,
  waitFor,
  type Traps,
} from './support/security.js';

/** Seed of every chunking (each vector's PRNG is seeded with SEED + a hash of its name). */
const SEED = 0x5ec0de;

/** Totals for the report at the end. */
const tally = {
  vectors: new Set<string>(),
  chunkings: 0,
  boundarySplits: 0,
  prefixRenders: 0,
  linksClicked: 0,
  userTexts: 0,
  cardFields: 0,
  choices: 0,
  executions: 0,
  started: performance.now(),
};

const hash = (text: string): number => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
};

/** The chunkings a vector is streamed in: two random ones, and the exact boundary split if it has one. */
function chunkingsOf(vector: XssVector): { label: string; chunks: string[]; pauses: Set<number> }[] {
  const random = prng(SEED + hash(vector.name));
  const fine = randomChunks(vector.text, random, 6);
  const coarse = randomChunks(vector.text, random, Math.max(2, Math.ceil(vector.text.length / 2)));
  const list = [
    // Render the stream once in the middle (at a random chunk), as a slow network would.
    { label: 'fine', chunks: fine, pauses: new Set([Math.floor(random() * Math.max(1, fine.length - 1))]) },
    { label: 'coarse', chunks: coarse, pauses: new Set<number>() },
  ];
  if (vector.splitAt) {
    const chunks = chunksAt(vector.text, vector.splitAt);
    // Render at every dangerous boundary before the next chunk arrives.
    list.push({ label: 'boundary', chunks, pauses: new Set(chunks.keys()) });
  }
  return list;
}

const oneShot = (text: string, allowImages: boolean): string => {
  const div = document.createElement('div');
  div.append(renderMarkdown(text, { allowImages }));
  return div.innerHTML;
};

interface Session {
  backend: Backend;
  el: AiChat;
  allowImages: boolean;
  /** Problems seen while streaming (by a MutationObserver on the shadow root). */
  transient: string[];
  /** Clicks on links that were not http/https/mailto. */
  unsafeClicks: string[];
}

const REPLY_TAGS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'em',
  'strong',
  'del',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'hr',
  'br',
  'input',
]);
const NEVER_IN_SHADOW =
  /^(script|style|iframe|object|embed|link|meta|base|math|template|frame|frameset|portal|noscript)$/;

/**
 * Watches the whole shadow root while replies stream: an element added to a reply must be on the
 * reply allow-list even for one frame, and nothing anywhere may get an `on*` attribute.
 */
function watch(session: Session): void {
  const { el, transient, allowImages } = session;
  const check = (node: Element) => {
    for (const child of [node, ...node.querySelectorAll('*')]) {
      const tag = child.localName;
      for (const { name } of child.attributes) if (/^on/i.test(name)) transient.push(`${tag}[${name}] added`);
      if (NEVER_IN_SHADOW.test(tag)) transient.push(`<${tag}> added`);
      const inReply = child.parentElement?.closest('[part~="content"]');
      if (inReply && !REPLY_TAGS.has(tag) && !(allowImages && tag === 'img'))
        transient.push(`<${tag}> added to a reply while streaming`);
    }
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes' && record.attributeName && /^on/i.test(record.attributeName))
        transient.push(`${(record.target as Element).localName}[${record.attributeName}] set`);
      for (const node of record.addedNodes) if (node instanceof Element) check(node);
    }
  });
  observer.observe(el.shadowRoot!, { childList: true, subtree: true, attributes: true });
}

/** Clicks on links stay on this page: only http/https/mailto navigations are prevented. */
function guardLinks(session: Session): void {
  session.el.shadowRoot!.addEventListener(
    'click',
    (event) => {
      const link = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
      if (!link) return;
      const href = link.getAttribute('href');
      if (href === null) return;
      if (isSafeHref(href)) {
        event.preventDefault();
        return;
      }
      session.unsafeClicks.push(href);
      // A URL that does not parse runs nothing, but Chrome still opens a blank page for it, which
      // would end this test page: recorded (a test failure) and not followed.
      if (protocolOf(href) === null) {
        event.preventDefault();
        return;
      }
      // Any other scheme is followed for real, in this window, so the traps see what it runs (in a
      // new tab it would run out of their sight, and hide this page, which stops its frames).
      link.removeAttribute('target');
    },
    { capture: true },
  );
}

async function open(backend: Backend, allowImages = false): Promise<Session> {
  const el = await fixture<AiChat>(html`
    <ai-chat
      endpoint=${backend.url('/ai/{feature}/ws')}
      token="demo-token"
      feature="chat"
      max-messages="1000"
      ?allow-images=${allowImages}
    ></ai-chat>
  `);
  await connected(el);
  const session: Session = { backend, el, allowImages, transient: [], unsafeClicks: [] };
  watch(session);
  guardLinks(session);
  return session;
}

let replyCount = 0;

/**
 * Streams `chunks` as one assistant reply (envelope `chunk` frames, then `complete`), waiting for
 * a render after the chunks in `pauses`, then checks the finished reply and clicks its links.
 * Returns the problems found.
 */
async function streamAndCheck(
  session: Session,
  vector: XssVector,
  chunks: string[],
  pauses: ReadonlySet<number>,
): Promise<string[]> {
  const { backend, el, allowImages } = session;
  const id = `xss-${++replyCount}`;
  const message = () => el.messages.find((m) => m.id === id);
  // The frames between two pauses are sent without waiting for each other: the commands reach the
  // backend, and its frames the element, in the order they were issued (and the reply's text is
  // checked against the vector below, so a reordering could not go unnoticed).
  let sent = '';
  let pushes: Promise<unknown>[] = [];
  for (const [i, content] of chunks.entries()) {
    pushes.push(backend.call('push', { type: 'chunk', data: { content }, message_id: id }));
    sent += content;
    if (pauses.has(i) && i < chunks.length - 1) {
      await Promise.all(pushes);
      pushes = [];
      const prefix = sent;
      await waitFor(() => message()?.content === prefix, `${id} to hold ${JSON.stringify(prefix)}`);
      await nextFrame(); // the stream renders at the next frame, before this callback
    }
  }
  await Promise.all(pushes);
  await backend.call('push', { type: 'complete', message_id: id });
  await waitFor(() => message()?.state === 'complete', `${id} to complete`);
  await el.updateComplete;

  const problems: string[] = [];
  if (message()!.content !== vector.text)
    problems.push(`the reply holds ${JSON.stringify(message()!.content)}, not the streamed text`);
  const content = qa(el, '[part~="assistant"] [part~="content"]').at(-1);
  if (!content) return [...problems, 'no reply content rendered'];
  problems.push(...replyProblems(content, allowImages));
  problems.push(...handlerAttributes(el.shadowRoot!).map((attr) => `${attr} in the shadow root`));
  const expected = oneShot(vector.text, allowImages);
  if (content.innerHTML !== expected)
    problems.push(`streamed DOM differs from the one-shot render:\n  ${content.innerHTML}\n  ${expected}`);
  if (vector.shows !== undefined && !content.textContent!.includes(vector.shows))
    problems.push(
      `does not show ${JSON.stringify(vector.shows)} as text: ${JSON.stringify(content.textContent)}`,
    );
  for (const link of content.querySelectorAll('a')) {
    link.click();
    tally.linksClicked++;
  }
  problems.push(...session.transient.splice(0).map((p) => `while streaming: ${p}`));
  el.clear();
  await el.updateComplete;
  return problems;
}

/** Streams every vector in every chunking; returns the problems, each prefixed by vector and chunking. */
async function streamAll(session: Session, vectors: readonly XssVector[]): Promise<string[]> {
  const problems: string[] = [];
  for (const vector of vectors) {
    tally.vectors.add(vector.name);
    for (const { label, chunks, pauses } of chunkingsOf(vector)) {
      tally.chunkings++;
      if (label === 'boundary') tally.boundarySplits++;
      const found = await streamAndCheck(session, vector, chunks, pauses);
      problems.push(...found.map((p) => `${vector.name} [${label} ${JSON.stringify(chunks)}]: ${p}`));
    }
  }
  return problems;
}

// Remote images: GET /probe/* on the mock backend answers 204 and is recorded by httpRequests().
const probe = (backend: Backend, name: string) => `http://127.0.0.1:${backend.port}/probe/${name}.png`;
const probeRequests = async (backend: Backend): Promise<string[]> =>
  (await backend.call<{ method: string; path: string }[]>('httpRequests'))
    .map((r) => r.path)
    .filter((path) => path.startsWith('/probe/'));
const replyWith = (backend: Backend, id: string, text: string) =>
  backend
    .call('push', { type: 'chunk', data: { content: text }, message_id: id })
    .then(() => backend.call('push', { type: 'complete', message_id: id }));

describe('security: XSS corpus against the real <ai-chat>', () => {
  let traps: Traps;

  /**
   * Waits until every `javascript:` link followed so far has had its turn (a sentinel link followed
   * after them has run) and a frame has passed, then asserts that nothing ran.
   */
  const nothingRan = async (): Promise<void> => {
    await javascriptUrlsRan();
    await nextFrame();
    expect(traps.executions, 'executions').to.deep.equal([]);
    expect(traps.errors, 'uncaught errors').to.deep.equal([]);
    expect(traps.violations, 'CSP violations').to.deep.equal([]);
    expect(traps.injected, 'changes to the page').to.deep.equal([]);
  };

  beforeEach(() => {
    traps = installTraps();
  });

  afterEach(async () => {
    traps.restore();
    tally.executions += traps.executions.length;
    await closeBackends();
  });

  it('has a corpus of well over 100 uniquely named vectors in every group', async () => {
    expect(XSS_VECTORS.length).to.be.greaterThan(150);
    expect(new Set(XSS_VECTORS.map((v) => v.name)).size).to.equal(XSS_VECTORS.length);
    for (const [group, vectors] of Object.entries(XSS_GROUPS)) expect(vectors, group).to.not.be.empty;
    for (const vector of XSS_GROUPS.split) {
      expect(vector.splitAt, vector.name).to.not.be.empty;
      // Each part alone is harmless-looking text; the boundary lies strictly inside the text.
      for (const at of vector.splitAt!) expect(at).to.be.within(1, vector.text.length - 1);
    }
    await nothingRan();
  });

  it('traps work: a payload that runs is caught (positive control)', async () => {
    const img = document.createElement('img');
    img.setAttribute('onerror', 'alert(1); window.__xss = 1');
    img.src = 'data:,not-an-image';
    const errored = new Promise((resolve) => img.addEventListener('error', resolve));
    document.body.append(img);
    await errored;
    img.remove();
    expect(traps.executions).to.deep.equal(['alert(1)', 'window.__xss = 1']);
    expect(traps.injected).to.deep.equal(['<img> added to the page']);
    traps.executions.length = 0;
    traps.injected.length = 0;
    await nothingRan();
  });

  it('a javascript: link followed earlier has run by the time nothingRan looks (positive control)', async () => {
    const link = document.createElement('a');
    link.href = 'javascript:void (window.__xss = "followed")';
    document.body.append(link);
    link.click();
    link.remove();
    expect(traps.executions, 'not yet: it runs as a task').to.deep.equal([]);
    await javascriptUrlsRan();
    expect(traps.executions).to.deep.equal(['window.__xss = followed']);
    traps.executions.length = 0;
    await nothingRan();
  });

  it('the DOM checks catch an unsafe reply (positive control)', async () => {
    // Parsed in an inert document: nothing in it loads or runs.
    const doc = new DOMParser().parseFromString(
      '<p><a href="javascript:alert(1)">x</a><a href="https://example.com">y</a><img src=x onerror=alert(1)>' +
        '<svg></svg><span style="color:red">s</span><code class="x y">c</code><input type=text></p>',
      'text/html',
    );
    const problems = replyProblems(doc.body, false);
    expect(problems).to.include.members([
      'forbidden <img>',
      'forbidden <svg>',
      '<a href="javascript:alert(1)"> goes to javascript:',
      '<a href="https://example.com"> has no target=_blank',
      '<img onerror="alert(1)"> event handler',
      'element <span> is not allowed',
      '<code class="x y">',
      '<input type="text"> (not a disabled checkbox)',
    ]);
    expect(handlerAttributes(doc.body)).to.deep.equal(['img[onerror]']);

    const session = await open(await startBackend());
    await replyWith(session.backend, 'control', 'hello');
    await waitFor(() => session.el.messages.some((m) => m.state === 'complete'), 'the reply');
    await session.el.updateComplete;
    const content = qa(session.el, '[part~="assistant"] [part~="content"]').at(-1)!;
    const injected = document.createElement('b');
    injected.setAttribute('onclick', 'alert(1)');
    content.append(injected);
    await waitFor(() => session.transient.length >= 2, 'the watcher to see the injected element');
    expect(session.transient).to.deep.equal(['b[onclick] added', '<b> added to a reply while streaming']);
    injected.remove();
    await nothingRan();
  });

  for (const [group, vectors] of Object.entries(XSS_GROUPS)) {
    it(`streams the ${group} vectors (${vectors.length}) as replies in random chunkings: nothing runs, nothing unsafe renders`, async function () {
      this.timeout(60_000);
      const session = await open(await startBackend());
      const problems = await streamAll(session, vectors);
      expect(problems, problems.join('\n')).to.deep.equal([]);
      expect(session.unsafeClicks, 'links clicked for real').to.deep.equal([]);
      await nothingRan();
    });
  }

  it('streams the link and image vectors to an element with allow-images: only http(s) <img> with no referrer', async function () {
    this.timeout(60_000);
    const session = await open(await startBackend(), true);
    const vectors = [...XSS_GROUPS.images, ...XSS_GROUPS['markdown-links'], ...XSS_GROUPS['reference-links']];
    const problems = await streamAll(session, vectors);
    expect(problems, problems.join('\n')).to.deep.equal([]);
    expect(session.unsafeClicks, 'links clicked for real').to.deep.equal([]);
    await nothingRan();
  });

  it('renders every intermediate prefix safely (MarkdownStream flushed at every chunk boundary)', async function () {
    this.timeout(30_000);
    const host = document.createElement('div');
    host.hidden = true;
    document.body.append(host);
    const problems: string[] = [];
    try {
      for (const vector of XSS_VECTORS) {
        const offsets = new Set<number>();
        for (const { chunks } of chunkingsOf(vector)) {
          let at = 0;
          for (const chunk of chunks) offsets.add((at += chunk.length));
        }
        // The split vectors: every prefix, one character at a time.
        if (vector.splitAt) for (let i = 1; i <= vector.text.length; i++) offsets.add(i);
        const container = document.createElement('div');
        host.append(container);
        const stream = new MarkdownStream(container);
        for (const offset of [...offsets].sort((a, b) => a - b)) {
          stream.update(vector.text.slice(0, offset), false);
          tally.prefixRenders++;
          for (const p of replyProblems(container, false)) problems.push(`${vector.name} @${offset}: ${p}`);
        }
        stream.update(vector.text, true);
        if (container.innerHTML !== oneShot(vector.text, false))
          problems.push(`${vector.name}: final render differs from the one-shot render`);
        container.remove();
      }
    } finally {
      host.remove();
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
    await nothingRan();
  });

  it('shows every vector sent as user text as plain text, and sends it verbatim', async function () {
    this.timeout(60_000);
    const backend = await startBackend();
    const { el } = await open(backend);
    const problems: string[] = [];
    for (const [i, vector] of XSS_VECTORS.entries()) {
      await backend.call('nextReply', 'ok');
      expect(el.send(vector.text), vector.name).to.equal(true);
      await el.updateComplete;
      const content = qa(el, '[part~="user"] [part~="content"]').at(-1)!;
      if (content.children.length > 0) problems.push(`${vector.name}: elements in the user message`);
      if (content.textContent !== vector.text.trim())
        problems.push(`${vector.name}: shows ${JSON.stringify(content.textContent)}`);
      tally.userTexts++;
      if (i % 50 === 49) {
        el.clear();
        await el.updateComplete;
      }
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
    expect(handlerAttributes(el.shadowRoot!)).to.deep.equal([]);
    await until(
      async () => (await userFrames(backend)).length === XSS_VECTORS.length,
      'the backend got every message',
      15_000,
    );
    const sent = (await userFrames(backend)).map((f) => (f.data as { content: string }).content);
    expect(sent).to.deep.equal(XSS_VECTORS.map((v) => v.text.trim()));
    await nothingRan();
  });

  it('shows doctor cards whose fields are vectors as text, and sends a chosen vector name as text', async function () {
    this.timeout(60_000);
    const backend = await startBackend();
    const { el } = await open(backend);
    const actions: string[] = [];
    el.addEventListener('ai-chat-action', (e: AiChatActionEvent) => actions.push(e.detail.value));
    const texts = XSS_VECTORS.map((v) => v.text);
    const at = (i: number) => texts[i % texts.length]!;
    const problems: string[] = [];
    const chosen: { content: string; doctorId: string; name: string }[] = [];
    const BATCH = 16;
    for (let start = 0; start < texts.length; start += BATCH) {
      const doctors = texts.slice(start, start + BATCH).map((name, j) => ({
        id: at(start + j + 3),
        name,
        specialty: at(start + j + 1),
        next_available: at(start + j + 2),
      }));
      const id = `doctors-${start}`;
      await backend.call('push', { type: 'complete', message_id: id, data: { recommendations: doctors } });
      await waitFor(() => el.messages.some((m) => m.id === id && m.card), `${id} card`);
      await el.updateComplete;
      const card = qa(el, '[part~="card"][part~="doctors"]').at(-1)!;
      const items = [...card.querySelectorAll('[part~="card-item"]')];
      expect(items, id).to.have.length(doctors.length);
      for (const tag of new Set([...card.querySelectorAll('*')].map((e) => e.localName)))
        if (!['h3', 'ul', 'li', 'span', 'strong', 'button'].includes(tag))
          problems.push(`${id}: <${tag}> in card`);
      for (const [j, doctor] of doctors.entries()) {
        const item = items[j]!;
        const name = item.querySelector('strong')!;
        const muted = [...item.querySelectorAll('.muted')];
        const label = `${id} #${j}`;
        if (item.querySelectorAll('*').length !== 5) problems.push(`${label}: ${item.innerHTML}`);
        if (name.textContent !== doctor.name) problems.push(`${label}: name shows ${name.textContent}`);
        if (muted[0]?.textContent !== doctor.specialty)
          problems.push(`${label}: specialty shows ${muted[0]?.textContent}`);
        const when = strings.nextAvailable(formatWhen(doctor.next_available));
        if (muted[1]?.textContent !== when)
          problems.push(`${label}: next available shows ${muted[1]?.textContent}`);
        if (!item.textContent!.includes(doctor.name)) problems.push(`${label}: name not shown verbatim`);
        for (const child of [name, ...muted])
          if (child.children.length) problems.push(`${label}: markup in a field`);
        tally.cardFields += 4;

        // Choose this doctor: the message sent and shown says the name, as text.
        await backend.call('nextReply', 'ok');
        item.querySelector<HTMLButtonElement>('[part~="action"]')!.click();
        await el.updateComplete;
        const message = qa(el, '[part~="user"] [part~="content"]').at(-1)!;
        const expected = strings.chooseDoctor(doctor.name).trim();
        if (message.children.length || message.textContent !== expected)
          problems.push(`${label}: chose and showed ${JSON.stringify(message.innerHTML)}`);
        chosen.push({ content: expected, doctorId: doctor.id, name: doctor.name.trim() });
        tally.choices++;
      }
      el.clear();
      await el.updateComplete;
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
    expect(actions).to.deep.equal(chosen.map((c) => c.doctorId));
    await until(
      async () => (await userFrames(backend)).length === chosen.length,
      'the backend got every choice',
      15_000,
    );
    const frames = (await userFrames(backend)).map((f) => f.data as { content: string; metadata: unknown });
    expect(frames.map((f) => f.content)).to.deep.equal(chosen.map((c) => c.content));
    expect(frames.map((f) => f.metadata)).to.deep.equal(
      chosen.map((c) => ({ action: 'select_doctor', doctor_id: c.doctorId })),
    );
    for (const c of chosen) expect(c.content, 'the name, verbatim').to.include(c.name);
    expect(handlerAttributes(el.shadowRoot!)).to.deep.equal([]);
    await nothingRan();
  });

  it('shows symptom analysis cards whose specialties and urgency are vectors as text', async function () {
    this.timeout(60_000);
    const backend = await startBackend();
    const { el } = await open(backend);
    const texts = XSS_VECTORS.map((v) => v.text);
    const problems: string[] = [];
    const BATCH = 6;
    for (let start = 0; start < texts.length; start += BATCH) {
      const specialties = texts.slice(start, start + BATCH);
      const urgency = texts[(start + BATCH) % texts.length]!;
      const id = `analysis-${start}`;
      await backend.call('push', {
        type: 'complete',
        message_id: id,
        data: { analysis: { recommended_specialties: specialties, urgency_level: urgency } },
      });
      await waitFor(() => el.messages.some((m) => m.id === id && m.card), `${id} card`);
      await el.updateComplete;
      const card = qa(el, '[part~="card"][part~="analysis"]').at(-1)!;
      const chips = [...card.querySelectorAll('[part~="chip"]')];
      if (chips.map((c) => c.textContent).join('\u0000') !== specialties.join('\u0000'))
        problems.push(`${id}: chips show ${JSON.stringify(chips.map((c) => c.textContent))}`);
      for (const chip of chips) if (chip.children.length) problems.push(`${id}: markup in a chip`);
      const shown = card.querySelector('[part~="urgency"]')!;
      const level = urgency.toLowerCase();
      const label = Object.hasOwn(strings.urgency, level) ? strings.urgency[level] : urgency;
      if (shown.textContent !== label || shown.children.length)
        problems.push(`${id}: urgency shows ${JSON.stringify(shown.innerHTML)}`);
      if (card.getAttribute('data-urgency') !== level) problems.push(`${id}: data-urgency changed`);
      for (const tag of new Set([...card.querySelectorAll('*')].map((e) => e.localName)))
        if (!['p', 'h3', 'ul', 'li'].includes(tag)) problems.push(`${id}: <${tag}> in card`);
      tally.cardFields += specialties.length + 1;
      if (start % 60 === 54) {
        el.clear();
        await el.updateComplete;
      }
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
    expect(handlerAttributes(el.shadowRoot!)).to.deep.equal([]);
    await nothingRan();
  });

  it('loads no image while images are off, and loads it with allow-images (no referrer)', async function () {
    this.timeout(20_000);
    const backend = await startBackend();
    const unique = `img-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const url = probe(backend, unique);
    const text = [
      `![probe](${url})`,
      '',
      `![ref probe][p] and [![linked probe](${url}?linked)](https://example.com)`,
      '',
      `| image |\n|---|\n| ![cell probe](${url}?cell) |`,
      '',
      `<img src="${url}?raw">`,
      '',
      `[p]: ${url}?ref`,
    ].join('\n');

    // An empty resource timing buffer: it holds 250 entries, and a full one would hide a load.
    performance.clearResourceTimings();
    const off = await open(backend);
    await replyWith(backend, 'images-off', text);
    await waitFor(
      () => off.el.messages.some((m) => m.id === 'images-off' && m.state === 'complete'),
      'reply',
    );
    await off.el.updateComplete;
    const content = qa(off.el, '[part~="assistant"] [part~="content"]').at(-1)!;
    expect(content.querySelector('img')).to.equal(null);
    expect(content.querySelectorAll('a[href^="http://127.0.0.1"]').length).to.be.greaterThan(0);
    // A request made after the render: once the backend has it and it has finished here, an image
    // the render had started to load would have reached the backend too.
    const sentinel = `sentinel-${unique}`;
    new Image().src = probe(backend, sentinel);
    await until(
      async () => (await probeRequests(backend)).includes(`/probe/${sentinel}.png`),
      'the sentinel request reaches the backend',
    );
    await until(
      () => performance.getEntriesByName(probe(backend, sentinel)).length > 0,
      'the sentinel request finishes',
    );
    expect(await probeRequests(backend), 'requests with images off').to.deep.equal([
      `/probe/${sentinel}.png`,
    ]);
    const loaded = performance.getEntriesByType('resource').map((e) => e.name);
    expect(loaded.filter((name) => name.includes(unique) && !name.includes(sentinel))).to.deep.equal([]);
    off.el.remove();
    await until(async () => (await backend.call<number>('connections')) === 0, 'the first element closed');

    // Positive control: the same reply with allow-images requests the image.
    const on = await open(backend, true);
    await replyWith(backend, 'images-on', text);
    await waitFor(() => on.el.messages.some((m) => m.id === 'images-on' && m.state === 'complete'), 'reply');
    await on.el.updateComplete;
    const imgs = qa(on.el, '[part~="assistant"] img');
    expect(imgs.length).to.equal(4);
    for (const img of imgs) {
      expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
      expect(img.getAttribute('src')).to.match(new RegExp(`^http://127\\.0\\.0\\.1:${backend.port}/probe/`));
    }
    expect(qa(on.el, '[part~="assistant"] [part~="content"]').at(-1)!.textContent).to.contain('<img src=');
    await until(
      async () => (await probeRequests(backend)).includes(`/probe/${unique}.png`),
      'the image is requested with allow-images',
    );
    await until(
      () => performance.getEntriesByType('resource').some((e) => e.name.includes(`/probe/${unique}.png`)),
      'the image load shows in resource timing (the check with images off could see one)',
    );
    await nothingRan();
  });

  it('reports: vectors tried, chunkings streamed, executions (0)', async () => {
    const seconds = ((performance.now() - tally.started) / 1000).toFixed(1);
    console.log(
      `XSS corpus: ${tally.vectors.size} vectors streamed in ${tally.chunkings} chunkings ` +
        `(${tally.boundarySplits} split at the dangerous boundary), ${tally.prefixRenders} intermediate renders, ` +
        `${tally.linksClicked} links clicked, ${tally.userTexts} user texts, ${tally.cardFields} card fields, ` +
        `${tally.choices} choices; executions: ${tally.executions}; ${seconds} s (seed ${SEED})`,
    );
    expect(tally.vectors.size).to.equal(XSS_VECTORS.length);
    expect(tally.chunkings).to.be.at.least(2 * XSS_VECTORS.length + XSS_GROUPS.split.length);
    expect(tally.executions).to.equal(0);
    await nothingRan();
  });
});
