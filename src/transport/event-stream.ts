// Reads a `text/event-stream` response with `fetch` (unlike EventSource, fetch can send an
// `Authorization` header) and hands each event's `data` to the caller. No parsing of the
// payloads here: that is the dialect's job.

export interface EventStreamRequest {
  url: string;
  headers?: Record<string, string>;
  /** Injectable for tests; defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

export interface EventStreamHandlers {
  /** The server answered with a 2xx status: the request was delivered. */
  onOpen?(): void;
  /** One event's data (its `data:` lines joined with `\n`). */
  onData(data: string): void;
  /** The stream ended cleanly. */
  onEnd(): void;
  /**
   * The request failed (`delivered` false: it never reached the server, e.g. offline) or the
   * stream broke (HTTP error status, cut connection). `reason` is safe to show.
   */
  onError(reason: string, delivered: boolean): void;
}

/** Splits an event-stream body into events, one chunk of text at a time (WHATWG SSE rules). */
export class EventStreamParser {
  private buffer = '';
  private data: string[] = [];
  private sawCr = false;

  constructor(private readonly onData: (data: string) => void) {}

  push(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch !== 10 && ch !== 13) continue;
      // A `\n` right after a `\r` ends the same line.
      if (ch === 10 && this.sawCr && i === start && this.buffer === '') {
        this.sawCr = false;
        start = i + 1;
        continue;
      }
      this.line(this.buffer + text.slice(start, i));
      this.buffer = '';
      this.sawCr = ch === 13;
      start = i + 1;
    }
    if (start < text.length) {
      this.buffer += text.slice(start);
      this.sawCr = false;
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.onData(this.data.join('\n'));
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.data.push(value);
  }
}

/** Starts reading; returns a function that aborts the request. Never throws. */
export function readEventStream(request: EventStreamRequest, handlers: EventStreamHandlers): () => void {
  const controller = new AbortController();
  let aborted = false;
  void (async () => {
    let response: Response;
    try {
      response = await (request.fetch ?? fetch)(request.url, {
        headers: { Accept: 'text/event-stream', ...request.headers },
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      if (!aborted) handlers.onError('The reply could not be requested (network error).', false);
      return;
    }
    if (!response.ok || !response.body) {
      if (!aborted) handlers.onError(`The reply stream failed (HTTP ${response.status}).`, true);
      void response.body?.cancel().catch(() => undefined);
      return;
    }
    handlers.onOpen?.();
    const parser = new EventStreamParser((data) => {
      if (!aborted) handlers.onData(data);
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || aborted) break;
        parser.push(value);
      }
    } catch {
      if (!aborted) handlers.onError('The reply stream was cut off.', true);
      return;
    }
    if (!aborted) handlers.onEnd();
  })();
  return () => {
    aborted = true;
    controller.abort();
  };
}
