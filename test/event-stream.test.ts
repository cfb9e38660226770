import { expect } from '@open-wc/testing';
import {
  EventStreamParser,
  readEventStream,
  type EventStreamHandlers,
  type StreamEvent,
} from '../src/transport/event-stream.js';
import { FakeClock } from './support/fake-clock.js';

function events(chunks: string[]): StreamEvent[] {
  const out: StreamEvent[] = [];
  const parser = new EventStreamParser((event) => out.push(event));
  for (const chunk of chunks) parser.push(chunk);
  return out;
}

/** The data of each event, `name:data` for a named one. */
const parse = (chunks: string[]): string[] =>
  events(chunks).map((e) => (e.event === 'message' ? e.data : `${e.event}:${e.data}`));

const BODY =
  'data: Hello\n\n: keep-alive\n\ndata: {"content":" world"}\n\nevent: x\nid: 7\ndata: a\ndata: b\n\ndata:[DONE]\n\n';

describe('EventStreamParser', () => {
  it('splits events, joins multi-line data, skips comments, and reports each event with its name and id', () => {
    expect(events([BODY])).to.deep.equal([
      { event: 'message', data: 'Hello' },
      { event: 'message', data: '{"content":" world"}' },
      { event: 'x', data: 'a\nb', id: '7' },
      // The id persists (the last event id); the name does not.
      { event: 'message', data: '[DONE]', id: '7' },
    ]);
  });

  it('names an event only until it is dispatched, and ignores retry and unknown fields', () => {
    expect(
      parse(['event: ping\ndata: {}\n\nretry: 10\nfoo: bar\ndata: text\n\nevent: error\ndata: boom\n\n']),
    ).to.deep.equal(['ping:{}', 'text', 'error:boom']);
  });

  it('gives up on an event that would not end (a hostile stream cannot grow memory forever)', () => {
    const parser = new EventStreamParser(() => undefined);
    expect(() => parser.push('data: ' + 'x'.repeat(5 * 1024 * 1024))).to.throw(RangeError);
  });

  it('gives the same events for every split of the body, with LF, CRLF and CR line ends', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const body = BODY.replaceAll('\n', eol);
      const whole = parse([body]);
      expect(whole, JSON.stringify(eol)).to.deep.equal(['Hello', '{"content":" world"}', 'x:a\nb', '[DONE]']);
      for (let i = 1; i < body.length; i++) {
        expect(
          parse([body.slice(0, i), body.slice(i)]),
          `split at ${i} (${JSON.stringify(eol)})`,
        ).to.deep.equal(whole);
      }
      expect(parse([...body]), `char by char (${JSON.stringify(eol)})`).to.deep.equal(whole);
    }
  });

  it('keeps a leading space beyond the first and drops an unterminated last event', () => {
    expect(parse(['data:  two spaces\n\ndata: never finished'])).to.deep.equal([' two spaces']);
  });
});

function fakeFetch(response: Response | Error): typeof fetch {
  return (async () => {
    if (response instanceof Error) throw response;
    return response;
  }) as typeof fetch;
}

/** A body that delivers `parts` one per read, then ends or (with `failAfter`) breaks. */
function streamOf(parts: string[], failAfter = false): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const queue = [...parts];
  return new ReadableStream({
    pull(controller) {
      const next = queue.shift();
      if (next !== undefined) controller.enqueue(encoder.encode(next));
      else if (failAfter) controller.error(new Error('connection reset'));
      else controller.close();
    },
  });
}

function record(): EventStreamHandlers & { log: string[]; done: Promise<void> } {
  const log: string[] = [];
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  return {
    log,
    done,
    onOpen: (status) => log.push(`open:${status}`),
    onEvent: (event) =>
      log.push(event.event === 'message' ? `data:${event.data}` : `${event.event}:${event.data}`),
    onEnd: () => {
      log.push('end');
      resolve();
    },
    onError: (failure) => {
      log.push(`error:${failure.kind}:${failure.status ?? '-'}:${failure.received}:${failure.reason}`);
      resolve();
    },
  };
}

/** A fetch that never answers until its request is aborted (then it rejects, as fetch does). */
const hangingFetch = (() =>
  ((_url: string, init: RequestInit) =>
    new Promise((_resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    })) as unknown as typeof fetch)();

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('readEventStream', () => {
  it('sends the headers, reports open, every event (multi-byte text split anywhere) and the end', async () => {
    let seen: Headers | undefined;
    let init: RequestInit | undefined;
    const handlers = record();
    const bytes = new TextEncoder().encode('data: Grüße 👋\n\nevent: ping\ndata: {}\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    readEventStream(
      {
        url: 'https://example.invalid/stream',
        headers: { Authorization: 'Bearer t' },
        fetch: (async (_url: string, given: RequestInit) => {
          init = given;
          seen = new Headers(given.headers);
          return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
        }) as unknown as typeof fetch,
      },
      handlers,
    );
    await handlers.done;
    expect(init!.method).to.equal('GET');
    expect(seen!.get('authorization')).to.equal('Bearer t');
    expect(seen!.get('accept')).to.equal('text/event-stream');
    // No cookies and no cached copy: the token travels only in the header, the reply is always fresh.
    expect(init!.credentials).to.equal('omit');
    expect(init!.cache).to.equal('no-store');
    expect(handlers.log).to.deep.equal(['open:200', 'data:Grüße 👋', 'ping:{}', 'end']);
  });

  it('aborting cancels the request itself, not only the delivery', () => {
    let signal: AbortSignal | null | undefined;
    const abort = readEventStream(
      {
        url: 'x',
        fetch: ((_url: string, init: RequestInit) => {
          signal = init.signal;
          return new Promise(() => {});
        }) as unknown as typeof fetch,
      },
      { onEvent: () => {}, onEnd: () => {}, onError: () => {} },
    );
    expect(signal, 'the request is made at once, with a signal').to.be.instanceOf(AbortSignal);
    expect(signal!.aborted).to.equal(false);
    abort();
    expect(signal!.aborted).to.equal(true);
  });

  it('POSTs a body when there is one', async () => {
    let init: RequestInit | undefined;
    const handlers = record();
    readEventStream(
      {
        url: 'https://example.invalid/chat',
        body: '{"messages":[]}',
        fetch: (async (_url: string, given: RequestInit) => {
          init = given;
          return new Response(streamOf(['data: ok\n\n']));
        }) as unknown as typeof fetch,
      },
      handlers,
    );
    await handlers.done;
    expect(init!.method).to.equal('POST');
    expect(init!.body).to.equal('{"messages":[]}');
    expect(init!.credentials).to.equal('omit');
  });

  it('reports an HTTP error status (kind status) and a network failure (kind request) apart', async () => {
    const http = record();
    readEventStream({ url: 'x', fetch: fakeFetch(new Response('nope', { status: 500 })) }, http);
    await http.done;
    expect(http.log).to.deep.equal(['error:status:500:false:The reply stream failed (HTTP 500).']);
    const network = record();
    readEventStream({ url: 'x', fetch: fakeFetch(new TypeError('Failed to fetch')) }, network);
    await network.done;
    expect(network.log).to.deep.equal([
      'error:request:-:false:The reply could not be requested (network error).',
    ]);
  });

  it('reports a stream cut mid-reply after the data that did arrive', async () => {
    const handlers = record();
    readEventStream(
      { url: 'x', fetch: fakeFetch(new Response(streamOf(['data: part\n\ndata: lo'], true))) },
      handlers,
    );
    await handlers.done;
    expect(handlers.log).to.deep.equal([
      'open:200',
      'data:part',
      'error:stream:-:true:The reply stream was cut off.',
    ]);
  });

  it('gives up on a request with no response within the connect timeout', async () => {
    const clock = new FakeClock();
    const handlers = record();
    readEventStream({ url: 'x', fetch: hangingFetch, clock, connectTimeoutMs: 15_000 }, handlers);
    await tick();
    clock.advance(14_999);
    expect(handlers.log).to.deep.equal([]);
    clock.advance(1);
    await handlers.done;
    expect(handlers.log).to.deep.equal(['error:request:-:false:The reply did not start within 15 s.']);
    expect(clock.pending()).to.equal(0);
  });

  it('gives up on a stream that goes quiet for the idle timeout, counting from the last byte', async () => {
    const clock = new FakeClock();
    const handlers = record();
    let push!: (text: string) => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(new TextEncoder().encode(text));
      },
    });
    readEventStream(
      { url: 'x', fetch: fakeFetch(new Response(body)), clock, idleTimeoutMs: 60_000 },
      handlers,
    );
    await tick();
    clock.advance(59_000);
    push('data: still here\n\n');
    await tick();
    clock.advance(59_000);
    expect(handlers.log).to.deep.equal(['open:200', 'data:still here']);
    clock.advance(1000);
    await handlers.done;
    expect(handlers.log.at(-1)).to.equal('error:stream:-:true:The reply stream went quiet for 60 s.');
    expect(clock.pending()).to.equal(0);
  });

  it('stops delivering anything once aborted', async () => {
    const log: string[] = [];
    /** The reader's pending pull, answered by the test; undefined until the reader asks. */
    let pull: ((text: string) => void) | undefined;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const text = await new Promise<string>((r) => (pull = r));
        controller.enqueue(new TextEncoder().encode(text));
      },
      cancel() {
        cancelled = true;
      },
    });
    const abort = readEventStream(
      { url: 'x', fetch: fakeFetch(new Response(body)) },
      {
        onEvent: (e) => log.push(e.data),
        onEnd: () => log.push('end'),
        onError: (f) => log.push(f.reason),
      },
    );
    /** Waits (a bounded number of turns of the event loop) for what the reader does next. */
    const next = async (happened: () => boolean, what: string) => {
      for (let i = 0; i < 200 && !happened(); i++) await tick();
      expect(happened(), what).to.equal(true);
    };
    await next(() => pull !== undefined, 'the reader asks for data');
    const first = pull!;
    pull = undefined;
    first('data: first\n\n');
    await next(() => log.length === 1, 'the first event');
    await next(() => pull !== undefined, 'the reader asks for more');
    const second = pull!;
    abort();
    // The reader gave the body up: nothing more can be read from it, whatever comes.
    await next(() => cancelled, 'the body cancelled');
    second('data: second\n\n');
    expect(log).to.deep.equal(['first']);
  });
});
