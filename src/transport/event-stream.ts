// Reads a `text/event-stream` response with `fetch` (unlike EventSource, fetch can send an
// `Authorization` header and a POST body) and hands each event (`StreamEvent`: its name, data
// and id) to the caller. No parsing of the payloads here: that is the dialect's job. The clock
// and `fetch` are injectable so tests can drive the connect and idle timeouts.
import { realClock, type Clock } from './clock.js';

/**
 * One Server-Sent Event: `event` is `message` when the stream names none. (The same shape as the
 * protocol layer's `StreamEvent`; declared here so the transport depends on nothing above it.)
 */
export interface StreamEvent {
  event: string;
  data: string;
  id?: string;
}

export interface EventStreamRequest {
  url: string;
  /** Default `POST` when there is a body, else `GET`. */
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** The request body, already serialized. */
  body?: string;
  /** Injectable for tests; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Injectable for tests; defaults to real timers. */
  clock?: Clock;
  /** No response (status and headers) within this: the request is abandoned. `0` = no limit. */
  connectTimeoutMs?: number;
  /** No bytes of the body for this long: the stream is abandoned. `0` = no limit. */
  idleTimeoutMs?: number;
}

/** Why a request or its stream failed. `reason` is safe to show (no URL, no token). */
export interface StreamFailure {
  reason: string;
  /**
   * `request`: no response came (network error, connect timeout): the server may or may not have
   * the request. `status`: it answered with an error status (`status`). `stream`: the body broke
   * off or went idle after a successful response.
   */
  kind: 'request' | 'status' | 'stream';
  status?: number;
  /** Whether any byte of the body arrived before the failure. */
  received: boolean;
}

export interface EventStreamHandlers {
  /** The server answered with a 2xx status: the request was delivered. */
  onOpen?(status: number): void;
  /** One event (its `data:` lines joined with `\n`; `event` is `message` when unnamed). */
  onEvent(event: StreamEvent): void;
  /** The stream ended cleanly (whether it said all it meant to is the dialect's to judge). */
  onEnd(): void;
  onError(failure: StreamFailure): void;
}

/** The most text one event (or one line) may hold before the stream is given up as hostile. */
const MAX_EVENT_CHARS = 4 * 1024 * 1024;

/** Splits an event-stream body into events, one chunk of text at a time (WHATWG SSE rules). */
export class EventStreamParser {
  private buffer = '';
  private data: string[] = [];
  private dataChars = 0;
  private type = '';
  private id: string | undefined;
  private sawCr = false;

  constructor(private readonly onEvent: (event: StreamEvent) => void) {}

  /** Feeds text; throws a `RangeError` when one event outgrows `MAX_EVENT_CHARS`. */
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
      if (this.buffer.length > MAX_EVENT_CHARS) throw new RangeError('event too large');
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) {
        const event: StreamEvent = { event: this.type || 'message', data: this.data.join('\n') };
        if (this.id !== undefined) event.id = this.id;
        this.onEvent(event);
      }
      this.data = [];
      this.dataChars = 0;
      this.type = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      this.dataChars += value.length;
      if (this.dataChars > MAX_EVENT_CHARS) throw new RangeError('event too large');
      this.data.push(value);
    } else if (field === 'event') this.type = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}

/** Starts the request and reads its stream; returns a function that aborts it. Never throws. */
export function readEventStream(request: EventStreamRequest, handlers: EventStreamHandlers): () => void {
  const controller = new AbortController();
  const clock = request.clock ?? realClock;
  let aborted = false;
  let received = false;
  /** Why this side gave up (a timeout), reported instead of the abort's own error. */
  let gaveUp: StreamFailure | undefined;
  let timer: unknown;
  let reader: ReadableStreamDefaultReader<string> | undefined;
  /** Ends the request and any read in progress (a body not tied to the signal too). */
  const halt = () => {
    controller.abort();
    void reader?.cancel().catch(() => undefined);
  };
  const arm = (ms: number | undefined, failure: () => StreamFailure) => {
    clock.clearTimeout(timer);
    timer = undefined;
    if (!ms || ms <= 0) return;
    timer = clock.setTimeout(() => {
      timer = undefined;
      gaveUp = failure();
      halt();
      fail(gaveUp);
    }, ms);
  };
  const fail = (failure: StreamFailure) => {
    clock.clearTimeout(timer);
    if (!aborted) handlers.onError(gaveUp ?? failure);
    aborted = true;
  };
  void (async () => {
    arm(request.connectTimeoutMs, () => ({
      kind: 'request',
      reason: `The reply did not start within ${Math.round((request.connectTimeoutMs ?? 0) / 1000)} s.`,
      received: false,
    }));
    let response: Response;
    try {
      response = await (request.fetch ?? globalThis.fetch)(request.url, {
        method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
        headers: { Accept: 'text/event-stream', ...request.headers },
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      fail({ kind: 'request', reason: 'The reply could not be requested (network error).', received });
      return;
    }
    if (!response.ok || !response.body) {
      void response.body?.cancel().catch(() => undefined);
      fail({
        kind: 'status',
        status: response.status,
        reason: `The reply stream failed (HTTP ${response.status}).`,
        received,
      });
      return;
    }
    const idle = () =>
      arm(request.idleTimeoutMs, () => ({
        kind: 'stream',
        reason: `The reply stream went quiet for ${Math.round((request.idleTimeoutMs ?? 0) / 1000)} s.`,
        received,
      }));
    idle();
    if (aborted) return;
    handlers.onOpen?.(response.status);
    const parser = new EventStreamParser((event) => {
      if (!aborted) handlers.onEvent(event);
    });
    reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || aborted || gaveUp) break;
        received = true;
        idle();
        parser.push(value);
      }
    } catch (error) {
      const reason =
        error instanceof RangeError
          ? 'The reply stream sent an event too large to keep.'
          : 'The reply stream was cut off.';
      halt();
      fail({ kind: 'stream', reason, received });
      return;
    }
    clock.clearTimeout(timer);
    if (gaveUp) fail(gaveUp);
    else if (!aborted) handlers.onEnd();
    aborted = true;
  })();
  return () => {
    aborted = true;
    clock.clearTimeout(timer);
    halt();
  };
}
