import { expect } from '@open-wc/testing';
import {
  EventStreamParser,
  readEventStream,
  type EventStreamHandlers,
} from '../src/transport/event-stream.js';

function parse(chunks: string[]): string[] {
  const out: string[] = [];
  const parser = new EventStreamParser((data) => out.push(data));
  for (const chunk of chunks) parser.push(chunk);
  return out;
}

const BODY =
  'data: Hello\n\n: keep-alive\n\ndata: {"content":" world"}\n\nevent: x\nid: 7\ndata: a\ndata: b\n\ndata:[DONE]\n\n';

describe('EventStreamParser', () => {
  it('splits events, joins multi-line data, skips comments and other fields', () => {
    expect(parse([BODY])).to.deep.equal(['Hello', '{"content":" world"}', 'a\nb', '[DONE]']);
  });

  it('gives the same events for every split of the body, with LF, CRLF and CR line ends', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const body = BODY.replaceAll('\n', eol);
      const whole = parse([body]);
      expect(whole, JSON.stringify(eol)).to.deep.equal(['Hello', '{"content":" world"}', 'a\nb', '[DONE]']);
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
    onOpen: () => log.push('open'),
    onData: (data) => log.push(`data:${data}`),
    onEnd: () => {
      log.push('end');
      resolve();
    },
    onError: (reason, delivered) => {
      log.push(`error:${delivered}:${reason}`);
      resolve();
    },
  };
}

describe('readEventStream', () => {
  it('sends the headers, reports open, every data payload (multi-byte text split anywhere) and the end', async () => {
    let seen: Headers | undefined;
    let init: RequestInit | undefined;
    const handlers = record();
    const bytes = new TextEncoder().encode('data: Grüße 👋\n\n');
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
    expect(seen!.get('authorization')).to.equal('Bearer t');
    expect(seen!.get('accept')).to.equal('text/event-stream');
    // No cookies and no cached copy: the token travels only in the header, the reply is always fresh.
    expect(init!.credentials).to.equal('omit');
    expect(init!.cache).to.equal('no-store');
    expect(handlers.log).to.deep.equal(['open', 'data:Grüße 👋', 'end']);
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
      { onData: () => {}, onEnd: () => {}, onError: () => {} },
    );
    expect(signal, 'the request is made at once, with a signal').to.be.instanceOf(AbortSignal);
    expect(signal!.aborted).to.equal(false);
    abort();
    expect(signal!.aborted).to.equal(true);
  });

  it('reports an HTTP error status as delivered-but-failed, a network failure as not delivered', async () => {
    const http = record();
    readEventStream({ url: 'x', fetch: fakeFetch(new Response('nope', { status: 500 })) }, http);
    await http.done;
    expect(http.log).to.deep.equal(['error:true:The reply stream failed (HTTP 500).']);
    const network = record();
    readEventStream({ url: 'x', fetch: fakeFetch(new TypeError('Failed to fetch')) }, network);
    await network.done;
    expect(network.log).to.deep.equal(['error:false:The reply could not be requested (network error).']);
  });

  it('reports a stream cut mid-reply after the data that did arrive', async () => {
    const handlers = record();
    readEventStream(
      { url: 'x', fetch: fakeFetch(new Response(streamOf(['data: part\n\ndata: lo'], true))) },
      handlers,
    );
    await handlers.done;
    expect(handlers.log).to.deep.equal(['open', 'data:part', 'error:true:The reply stream was cut off.']);
  });

  it('stops delivering anything once aborted', async () => {
    const log: string[] = [];
    let pull!: (value: string) => void;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const text = await new Promise<string>((r) => (pull = r));
        controller.enqueue(new TextEncoder().encode(text));
      },
    });
    const abort = readEventStream(
      { url: 'x', fetch: fakeFetch(new Response(body)) },
      { onData: (d) => log.push(d), onEnd: () => log.push('end'), onError: (r) => log.push(r) },
    );
    await new Promise((r) => setTimeout(r, 20));
    pull('data: first\n\n');
    await new Promise((r) => setTimeout(r, 20));
    abort();
    await new Promise((r) => setTimeout(r, 20));
    expect(log).to.deep.equal(['first']);
  });
});
