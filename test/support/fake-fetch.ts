/**
 * A scripted stand-in for `fetch` for reply streams: every call is recorded as a `FakeRequest`
 * that the test (or a fake server) answers: `respond()` with a status and a body it then feeds
 * (`push`, `end`, `cut`), or `fail()` as a network error. Aborting a request (its signal) rejects
 * it if unanswered, and errors its body if answered, as a real fetch does.
 */
export class FakeRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly response: Promise<Response>;
  /** The request's signal was aborted. */
  aborted = false;
  /** Answered (`respond` or `fail`). */
  settled = false;
  private resolve!: (response: Response) => void;
  private reject!: (error: unknown) => void;
  private body$?: ReadableStreamDefaultController<Uint8Array>;
  private closed = false;

  constructor(input: RequestInfo | URL, init: RequestInit = {}) {
    this.url = String(input);
    this.method = init.method ?? 'GET';
    this.headers = new Headers(init.headers);
    this.body = typeof init.body === 'string' ? init.body : undefined;
    this.response = new Promise<Response>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    init.signal?.addEventListener('abort', () => {
      this.aborted = true;
      if (!this.settled) {
        this.settled = true;
        this.reject(new DOMException('The operation was aborted.', 'AbortError'));
      } else this.cut();
    });
  }

  /** The query parameters of the URL. */
  get query(): URLSearchParams {
    return new URL(this.url, 'http://page.test/').searchParams;
  }

  /** The body, parsed as JSON. */
  get json(): unknown {
    return this.body === undefined ? undefined : JSON.parse(this.body);
  }

  /** Answers with a status; a 2xx gets an event-stream body fed through `push`/`end`/`cut`. */
  respond(status = 200, body?: string): this {
    if (this.settled) return this;
    this.settled = true;
    if (status < 200 || status > 299) {
      this.resolve(new Response(body ?? 'error', { status }));
      return this;
    }
    const stream = new ReadableStream<Uint8Array>({ start: (c) => void (this.body$ = c) });
    this.resolve(new Response(stream, { status, headers: { 'content-type': 'text/event-stream' } }));
    if (body) this.push(body);
    return this;
  }

  /** A network error: the request never reached the server (as far as the client can tell). */
  fail(): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(new TypeError('Failed to fetch'));
  }

  /** More of the body. */
  push(text: string): void {
    if (!this.closed) this.body$?.enqueue(new TextEncoder().encode(text));
  }

  /** One `data:` event (and its `event:` name if given). */
  event(data: string, name?: string): void {
    this.push(`${name ? `event: ${name}\n` : ''}data: ${data}\n\n`);
  }

  /** The body ends cleanly. */
  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.body$?.close();
  }

  /** The body breaks off (connection reset). */
  cut(): void {
    if (this.closed) return;
    this.closed = true;
    this.body$?.error(new TypeError('network error'));
  }
}

export class FakeFetch {
  readonly requests: FakeRequest[] = [];
  /** Called with each new request (a fake server answers here). */
  onRequest: ((request: FakeRequest) => void) | undefined;

  readonly fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const request = new FakeRequest(input, init);
    this.requests.push(request);
    this.onRequest?.(request);
    return request.response;
  }) as typeof fetch;

  get last(): FakeRequest {
    const request = this.requests.at(-1);
    if (!request) throw new Error('no request was made');
    return request;
  }
}

/** Lets promise callbacks, fetch and stream plumbing run (a macrotask without timer clamping). */
export function settle(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}
