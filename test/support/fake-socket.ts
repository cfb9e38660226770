/**
 * A scripted stand-in for `WebSocket`: records every instance with its url, protocols and sent
 * frames, and lets a test play the server (`open`, `receive`, `serverClose`, `error`).
 * `readyState` follows the real one: CONNECTING → OPEN → CLOSING (client `close()`) → CLOSED.
 * Faults: `failSends` makes writes on an open socket throw; a silent (half-open) socket is one
 * the test simply never answers — a client `close()` on it fires no close event, as when the
 * network is gone.
 */
export class FakeWebSocket extends EventTarget implements WebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  /** Every instance made since the last `reset()`, oldest first. */
  static instances: FakeWebSocket[] = [];

  /** Called with every new instance (a fake server attaches itself here). */
  static onCreate: ((ws: FakeWebSocket) => void) | undefined;

  static reset(): void {
    FakeWebSocket.instances = [];
    FakeWebSocket.onCreate = undefined;
  }

  /** The newest instance (throws when there is none, so a test fails loudly). */
  static get last(): FakeWebSocket {
    const ws = FakeWebSocket.instances.at(-1);
    if (!ws) throw new Error('no FakeWebSocket was created');
    return ws;
  }

  readonly url: string;
  readonly protocols: string[];
  readyState: 0 | 1 | 2 | 3 = 0;
  binaryType: BinaryType = 'blob';
  bufferedAmount = 0;
  extensions = '';
  protocol = '';
  /** Frames the client sent, in order. */
  readonly sent: string[] = [];
  /** Called with every frame the client sends successfully (a fake server listens here). */
  onClientSend: ((data: string) => void) | undefined;
  /** Called when the client calls `close()`. */
  onClientClose: ((code: number | undefined) => void) | undefined;
  /** The code and reason of the client's `close()` call, if it made one. */
  closedWith: { code: number | undefined; reason: string | undefined } | undefined;
  /**
   * How many of the next `send()` calls on an OPEN socket throw (a broken socket whose writes
   * fail); `Infinity`: every one. Frames that threw are not in `sent`.
   */
  failSends = 0;

  onopen: ((this: WebSocket, ev: Event) => unknown) | null = null;
  onmessage: ((this: WebSocket, ev: MessageEvent) => unknown) | null = null;
  onclose: ((this: WebSocket, ev: CloseEvent) => unknown) | null = null;
  onerror: ((this: WebSocket, ev: Event) => unknown) | null = null;

  constructor(url: string, protocols?: string | string[]) {
    super();
    this.url = url;
    this.protocols = protocols === undefined ? [] : Array.isArray(protocols) ? protocols : [protocols];
    FakeWebSocket.instances.push(this);
    FakeWebSocket.onCreate?.(this);
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (this.readyState === 0) throw new DOMException('Still in CONNECTING state.', 'InvalidStateError');
    if (this.readyState !== 1) return; // the real one silently discards after close
    if (this.failSends > 0) {
      this.failSends--;
      throw new DOMException('The socket is broken.', 'InvalidStateError');
    }
    this.sent.push(String(data));
    this.onClientSend?.(String(data));
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    if (this.readyState < 2) this.readyState = 2;
    this.onClientClose?.(code);
  }

  // ------------------------------------------------------------ the server's side

  /** The handshake succeeds. */
  open(): void {
    this.readyState = 1;
    this.fire('open', new Event('open'));
  }

  /** A frame arrives from the server. */
  receive(data: string | ArrayBuffer): void {
    this.fire('message', new MessageEvent('message', { data }));
  }

  /** A frame arrives from the server, as JSON. */
  receiveJson(value: unknown): void {
    this.receive(JSON.stringify(value));
  }

  /** The frames the client sent, parsed as JSON. */
  get sentJson(): Record<string, unknown>[] {
    return this.sent.map((f) => JSON.parse(f) as Record<string, unknown>);
  }

  /** The connection closes (the server's close, or the close handshake completing). */
  serverClose(code = 1000, reason = ''): void {
    this.readyState = 3;
    this.fire('close', new CloseEvent('close', { code, reason, wasClean: code !== 1006 }));
  }

  /** A network error; as in a browser, a close (1006) should follow: see `drop()`. */
  error(): void {
    this.fire('error', new Event('error'));
  }

  /** An abnormal drop: error, then close 1006. */
  drop(): void {
    this.error();
    this.serverClose(1006, '');
  }

  private fire(type: 'open' | 'message' | 'close' | 'error', event: Event): void {
    const handler = this[`on${type}`] as ((this: WebSocket, ev: Event) => unknown) | null;
    handler?.call(this, event);
    this.dispatchEvent(event);
  }
}
