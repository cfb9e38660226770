import type { ChatConfig } from '../config.js';
import { resolveEndpoint, resolveHttpEndpoint, type SendCommand } from '../protocol/index.js';
import { Status, type StatusDetail } from '../transport/status.js';
import type { SessionDeps } from './deps.js';
import type { Carrier, LinkHost } from './link.js';
import type { ReplyStreams } from './reply-stream.js';
import { readyReplyStreams, streamsReplies } from './stream-code.js';
import { SocketChannel } from './socket-channel.js';

/** The idle timeout of a closed launcher when `idle-timeout` is not set. */
export const LAUNCHER_IDLE_MS = 120_000;

/** What the connection needs from its session. */
export interface ConnectionHooks {
  /** A link host for a new connection (its callbacks ignored once the connection is replaced). */
  host(config: ChatConfig): LinkHost;
  status(detail: StatusDetail): void;
  error(code: string, message: string): void;
  /** Something is under way: a message waits or is unproven, a reply is awaited or streams. */
  busy(): boolean;
  /** A credential is set (a token or a provider). */
  credentials(): boolean;
  /** A reply that streamed beside the socket ended: the socket may tell the server. */
  replyComplete(socket: SocketChannel, replyId: string): void;
}

/**
 * When and how the session is connected: the channels for the dialect (a socket, per-turn HTTP
 * streams, or both), and the policy of when they run:
 * - `connect` mode: `auto` connects at once; `open` when the launcher's panel opens or a message
 *   is sent; `manual` only on `connect()`. `disconnect()` holds it off until `connect()`.
 * - Idle timeout (`idle-timeout`; by default two minutes for a launcher, off inline): while nothing
 *   is under way and the panel is closed or the page hidden, the connection is closed cleanly
 *   (status `idle`); a message, the panel opening or (`auto`) the page showing again reconnects,
 *   and what waited goes through the outbox.
 * - A dialect that `requires` a token waits for one (status `idle`, no connection attempt) and
 *   reports one `bad-config` "no token" if none arrived a moment after it was asked to connect.
 * Status `idle` therefore means: no endpoint, disconnected on purpose (mode, `disconnect()`, idle
 * timeout), or waiting for credentials.
 */
export class Connection {
  socket?: SocketChannel;
  streams?: ReplyStreams;
  carrier?: Carrier;
  private config?: ChatConfig;
  /** The connection should run (the mode, the host's calls and the person's actions decide). */
  private wanted = false;
  /** `disconnect()` was called: only `connect()` brings it back. */
  private held = false;
  /** Closed by the idle timeout: activity brings it back. */
  private idled = false;
  private panelOpen = true;
  private waitingForToken = false;
  private idleTimer: unknown;
  private listening = false;

  constructor(
    private readonly deps: SessionDeps,
    private readonly hooks: ConnectionHooks,
  ) {}

  /** A connection is asked for and running (or trying to). */
  get running(): boolean {
    return this.wanted && !this.waitingForToken && this.carrier !== undefined;
  }

  /** The connection cannot work with the credentials it has (a new provider helps now). */
  needsCredentials(status: Status): boolean {
    return this.waitingForToken || status === Status.unauthorized || status === Status.offline;
  }

  /** New channels for `config`; the messages `queued` wait in (or go through) them. */
  build(config: ChatConfig, sessionId: string, queued: readonly SendCommand[]): SendCommand[] {
    const first = this.config === undefined;
    this.closeChannels();
    this.config = config;
    if (first) this.wanted = config.connect === 'auto';
    this.listen(true);
    if (!config.endpoint) {
      this.setIdle();
      return [...queued];
    }
    const values = { feature: config.feature, userId: config.userId, sessionId };
    try {
      if (config.dialect.channel === 'http') resolveHttpEndpoint(config.endpoint, values);
      else resolveEndpoint(config.endpoint, values);
    } catch (error) {
      this.hooks.error('bad-config', (error as Error).message);
      this.setIdle();
      return [...queued];
    }
    this.reportMissing(config);
    const dialect = config.dialect;
    // (The session loads this code before it connects a dialect that needs it.)
    const Streams = readyReplyStreams();
    if (!Streams && streamsReplies(dialect)) {
      this.hooks.error('bad-config', 'the code of HTTP reply streams is not loaded');
      this.setIdle();
      return [...queued];
    }
    const host = this.hooks.host(config);
    if (dialect.channel === 'socket') {
      const socket = new SocketChannel(host, dialect, !dialect.replyStream);
      this.socket = socket;
      const replyStream = dialect.replyStream;
      if (replyStream) {
        this.streams = new Streams!(host, {
          // No usable stream-url (reported as bad-config): such a message cannot be sent.
          request: (command, ctx) => (config.streamUrl ? replyStream.request(command, ctx) : undefined),
          decode: replyStream.decode,
          url: () => config.streamUrl,
          sequential: false,
          primary: false,
          complete: (id) => this.hooks.replyComplete(socket, id),
          streaming: (on) => socket.expectTraffic(on),
        });
      }
    } else {
      this.streams = new Streams!(host, {
        request: (command, ctx) => dialect.encode(command, ctx),
        decode: (event, ctx) => dialect.decode(event, ctx),
        url: () => resolveHttpEndpoint(config.endpoint!, values).href,
        sequential: true,
        primary: true,
      });
    }
    this.carrier = this.streams ?? this.socket;
    for (const command of queued) this.carrier!.send(command);
    if (this.wanted) this.start();
    else this.setIdle();
    return [];
  }

  /** The host called `connect()` (or Retry): connect now, whatever the mode. */
  connect(): void {
    this.held = false;
    this.activate(true);
  }

  /** The host called `disconnect()`: closed, and kept closed until `connect()`. */
  disconnect(): void {
    this.held = true;
    this.wanted = false;
    this.stopChannels();
  }

  /** A message was written: a connection that may connect on demand does. */
  sent(): void {
    // (In `manual` mode only a connection the idle timeout closed comes back by itself.)
    if (this.config?.connect !== 'manual' || this.idled) this.activate(false);
    this.check();
  }

  /** Whether the chat is visible (inline: always; a launcher: while its panel is open). */
  panel(open: boolean): void {
    if (open === this.panelOpen && this.panelSeen) return;
    this.panelSeen = true;
    this.panelOpen = open;
    // Opening the panel connects in `open` mode, and brings back one closed for idleness.
    if (open && (this.config?.connect === 'open' || this.idled)) this.activate(false);
    this.check();
  }

  private panelSeen = false;

  /** Credentials changed in a way that needs a new connection now. */
  reconnect(): void {
    if (!this.wanted || !this.carrier) return;
    if (this.waitingForToken) return this.start();
    this.socket?.reconnect();
    this.streams?.connect();
  }

  /** Re-evaluates the idle timeout after anything changed. */
  check(): void {
    const idleMs = this.idleMs();
    const idle = idleMs > 0 && this.running && (!this.panelOpen || this.hidden()) && !this.hooks.busy();
    if (!idle) {
      this.deps.clock.clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
    } else if (this.idleTimer === undefined) {
      this.idleTimer = this.deps.clock.setTimeout(() => this.onIdle(), idleMs);
    }
  }

  /** The host went away: every channel and timer is closed. */
  close(): void {
    this.closeChannels();
    this.listen(false);
    this.config = undefined;
    this.panelSeen = false;
  }

  // ------------------------------------------------------------------ internals

  private activate(explicit: boolean): void {
    if (this.held && !explicit) return;
    this.idled = false;
    if (this.wanted && !this.waitingForToken && !explicit) return;
    this.wanted = true;
    this.start();
  }

  private start(): void {
    if (!this.carrier) return;
    const config = this.config!;
    if (config.dialect.requires?.includes('token') && !this.hooks.credentials()) {
      if (this.waitingForToken) return;
      this.waitingForToken = true;
      this.setIdle();
      // A framework may set the token right after upgrading the element: give it a moment.
      this.deps.defer(() => {
        if (this.waitingForToken && this.config === config)
          this.hooks.error(
            'bad-config',
            `no token: the ${config.dialect.name} dialect needs a token or a tokenProvider`,
          );
      });
      return;
    }
    this.waitingForToken = false;
    this.socket?.connect();
    this.streams?.connect();
    this.check();
  }

  private stopChannels(): void {
    this.socket?.close();
    this.streams?.close();
    this.check();
  }

  private closeChannels(): void {
    this.socket?.close();
    this.streams?.close();
    this.socket = this.streams = this.carrier = undefined;
    this.waitingForToken = false;
    this.deps.clock.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private onIdle(): void {
    this.idleTimer = undefined;
    if (this.hooks.busy()) return this.check();
    this.idled = true;
    this.wanted = false;
    this.stopChannels();
  }

  private idleMs(): number {
    const config = this.config;
    if (!config) return 0;
    return config.idleTimeoutMs ?? (config.mode === 'launcher' ? LAUNCHER_IDLE_MS : 0);
  }

  private setIdle(): void {
    this.hooks.status({ status: Status.idle, previous: Status.idle });
  }

  private hidden(): boolean {
    return this.deps.environment?.document?.visibilityState === 'hidden';
  }

  private listen(on: boolean): void {
    const doc = this.deps.environment?.document;
    if (!doc || on === this.listening) return;
    this.listening = on;
    if (on) doc.addEventListener('visibilitychange', this.onVisibility);
    else doc.removeEventListener('visibilitychange', this.onVisibility);
  }

  private readonly onVisibility = (): void => {
    // Back on the page: a connection closed for idleness in `auto` mode comes back.
    if (!this.hidden() && this.idled && this.config?.connect === 'auto') this.activate(false);
    this.check();
  };

  /** Settings the dialect cannot work without (its `requires`), reported once per connection. */
  private reportMissing(config: ChatConfig): void {
    const attributes = {
      userId: 'user-id',
      apiKey: 'api-key',
      streamUrl: 'stream-url',
      model: 'model',
    } as const;
    for (const setting of config.dialect.requires ?? []) {
      if (setting === 'endpoint' || setting === 'token' || config[setting]) continue;
      this.hooks.error(
        'bad-config',
        `the ${config.dialect.name} dialect needs the ${attributes[setting]} attribute`,
      );
    }
  }
}
