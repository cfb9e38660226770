// The session: its public API and the glue between the conversation (transcript/), the
// connection (connection.ts and its channels: socket-channel.ts, reply-stream.ts, delivery.ts) and
// the page's other tabs (sharing.ts, tab-sync.ts). About 600 lines because it is that one meeting
// point; each part it coordinates lives in its own file.
import { connectionKey, resolveConfig, type ChatConfig } from '../config.js';
import { sameEntries } from '../same.js';
import {
  addUserMessage,
  applyServerEvent,
  emptyTranscript,
  interrupt,
  markFailed,
  markSent,
  mergeMessage,
  restoreTranscript,
  stopReply,
  type ChatMessage,
  type Transcript,
  type Step,
  type StepContext,
} from '../transcript/index.js';
import { applyJsonPatch } from '../transcript/json-patch.js';
import {
  isDialectName,
  loadDialect,
  readyDialect,
  STREAMING_DIALECTS,
  type DialectContext,
  type SendCommand,
  type ServerEvent,
} from '../protocol/index.js';
import { DEFAULTS } from '../transport/backoff.js';
import { Status, type StatusDetail } from '../transport/status.js';
import { Connection } from './connection.js';
import { defaultDeps, type SessionDeps } from './deps.js';
import type { LinkHost } from './link.js';
import type { SocketChannel } from './socket-channel.js';
import { dialectContext, StepTime } from './context.js';
import { Sharing } from './sharing.js';
import { loadReplyStreams, readyReplyStreams, streamsReplies } from './stream-code.js';
import { TokenSource, type TokenProvider } from './token.js';
import type { ChatSessionEventMap, Origin, SessionSettings } from './types.js';

export type { ChatSessionEventMap, MessageDetail, Origin, SessionSettings } from './types.js';

/** After this many bad frames, the console hears about every hundredth only. */
const BAD_FRAME_WARNINGS = 10;

/**
 * One conversation with its backend, held in one plain object: the connection (a persistent
 * socket, per-turn HTTP streams, or both), the dialect, the conversation state, the outbox and its
 * delivery evidence, liveness, persistence and tab sync. Every outside dependency comes from
 * `deps` (real defaults), so tests drive it with a fake socket, fetch and clock. No Lit, no DOM.
 *
 * Lifetime: `configure()` on every host update (cheap when nothing changed; a change of the
 * connection's settings rebuilds it, keeping the outbox), `close()` when the host goes away.
 */
export class ChatSession extends EventTarget {
  readonly deps: SessionDeps;
  private _transcript: Transcript = emptyTranscript;
  private _status: Status = Status.idle;
  private _statusDetail?: StatusDetail;
  private config?: ChatConfig;
  private key?: string;
  private readonly tokens = new TokenSource();
  private readonly connection: Connection;
  /** Bumped on every rebuild: callbacks of an older connection are ignored. */
  private generation = 0;
  /** Messages written while there is no connection to carry them (no endpoint yet). */
  private waiting: SendCommand[] = [];
  private madeSessionId: string;
  private readonly sharing: Sharing;
  /** Replies streaming from this tab's own connection (other tabs hear of them). */
  private readonly ownReplies = new Set<string>();
  private readonly changeListeners = new Set<() => void>();
  private reported = '';
  private badFrames = 0;
  /** The backend's shared state, as last reported (AG-UI `STATE_SNAPSHOT`, then each `STATE_DELTA`). */
  private sharedState: unknown;
  /** The context dialects decode with (see `context()`). */
  private kept?: { config: ChatConfig; sessionId: string; state: unknown; context: DialectContext };
  /** The connection key the shared state came from. */
  private stateKey?: string;
  /** The settings of the last `configure()`, applied again once a dialect being loaded is ready. */
  private latest?: SessionSettings;
  /** The settings last applied whole (not while their dialect loads); undefined after `close()`. */
  private applied?: SessionSettings;
  /** Configured and not closed: a dialect that finishes loading is put to use. */
  private active = false;
  /** The code being loaded for the settings (a dialect, the reply streams): nothing connects until it is ready. */
  private loadingCode?: string;
  /** Code for the settings that could not be loaded: tried again on `connect()`. */
  private failedCode?: string;

  constructor(deps: Partial<SessionDeps> = {}) {
    super();
    this.deps = { ...defaultDeps(), ...deps };
    this.madeSessionId = this.deps.newId();
    this.connection = new Connection(this.deps, {
      host: (config) => this.linkHost(config),
      status: (detail) => this.setStatus(detail),
      error: (code, message) => this.error(code, message),
      busy: () => this.busy(),
      credentials: () => this.tokens.present,
      replyComplete: (socket, id) => this.replyComplete(socket, id),
    });
    this.sharing = new Sharing(this.deps, {
      messages: () => this._transcript.messages,
      restore: (messages) => {
        this._transcript = restoreTranscript(messages);
        this.changed();
      },
      resend: (command) => this.enqueue(command),
      queued: (id) => this.queued().some((c) => c.id === id),
      message: (message) => this.onTabMessage(message),
      clear: (session) => this.onTabClear(session),
      stale: (ids) => this.step(interrupt(this._transcript, ids, this.stepContext()), 'tab'),
      streaming: () =>
        this._transcript.messages.filter((m) => m.state === 'streaming' && this.ownReplies.has(m.id)),
    });
  }

  get transcript(): Transcript {
    return this._transcript;
  }

  get messages(): readonly ChatMessage[] {
    return this._transcript.messages;
  }

  get status(): Status {
    return this._status;
  }

  /** The detail of the last status change (attempt, retryInMs, close code and reason). */
  get statusDetail(): StatusDetail | undefined {
    return this._statusDetail;
  }

  /** The validated configuration in use (after the first `configure()`). */
  get currentConfig(): ChatConfig | undefined {
    return this.config;
  }

  /** The session id in use: the host's `session-id`, else the one the widget made (or restored). */
  get sessionId(): string {
    return this.config?.sessionId ?? this.madeSessionId;
  }

  /** Typed subscription; returns the function that unsubscribes. */
  /**
   * Calls `listener` after anything changed (the transcript, the status, …); returns the way to
   * stop. A callback, not an event: it runs for each of a reply's thousands of deltas.
   */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  on<K extends keyof ChatSessionEventMap>(type: K, listener: (event: ChatSessionEventMap[K]) => void) {
    const wrapped = (event: Event) => listener(event as ChatSessionEventMap[K]);
    this.addEventListener(type, wrapped);
    return () => this.removeEventListener(type, wrapped);
  }

  /** The backend's shared state as last reported (`state` events), if any. */
  get state(): unknown {
    return this.sharedState;
  }

  /**
   * Applies the host's settings. Cheap when nothing that matters changed. A built-in dialect that
   * loads on demand is loaded first: until it is ready nothing connects (status `idle`) and
   * messages wait in the outbox.
   */
  configure(settings: SessionSettings): void {
    // The element hands its settings over before each of its renders (once a frame while a
    // reply streams): the ones applied last, over again, cost nothing.
    if (this.active && this.applied && sameEntries(settings, this.applied)) return;
    this.applied = undefined;
    this.latest = settings;
    this.active = true;
    if (this.awaitCode(settings)) return;
    const { config, problems } = resolveConfig(settings);
    this.report(problems);
    this.config = config;
    this.madeSessionId = this.sharing.sync(config, this.madeSessionId);
    let credentials = this.tokens.setToken(settings.token);
    if ('tokenProvider' in settings)
      credentials = this.tokens.setProvider(settings.tokenProvider) || credentials;
    const key = `${connectionKey(config)}|${this.sessionId}`;
    if (key !== this.key) {
      // Another backend, dialect or session: the state the old one shared is not this one's.
      if (key !== this.stateKey) this.sharedState = undefined;
      this.key = key;
      this.rebuild();
    } else if (credentials) this.connection.reconnect();
    this.connection.panel(settings.panelOpen ?? true);
    this.applied = { ...settings }; // a copy: a caller may change its object and hand it over again
  }

  /**
   * A new token provider. It is used at the next (re)connect; it reconnects at once only when the
   * connection cannot work without it (`unauthorized`, `offline`, or waiting for credentials).
   * Assigning one anew (a framework re-render) therefore costs nothing.
   */
  setTokenProvider(provider: TokenProvider | null | undefined): void {
    if (this.tokens.setProvider(provider) && this.connection.needsCredentials(this._status))
      this.connection.reconnect();
  }

  /**
   * Sends a user message: it waits in the outbox (pending) until the connection carries it, and
   * is `sent` once the server is known to have it. Returns false when nothing was sent (empty,
   * too long, or the cancelable `send` event was cancelled).
   */
  send(content: string, metadata?: Record<string, unknown>): boolean {
    const text = content.trim();
    if (!text) return false;
    const maxLength = this.config?.maxLength ?? Infinity;
    if (text.length > maxLength) {
      this.error('too-long', `Messages can be at most ${maxLength} characters; this one has ${text.length}.`);
      return false;
    }
    const intent = new CustomEvent('send', { detail: { content: text }, cancelable: true });
    if (!this.dispatchEvent(intent)) return false;
    const command: SendCommand = { type: 'send', id: this.deps.newId(), content: text, time: this.now() };
    if (metadata) command.metadata = metadata;
    const { id, time } = command;
    this.step(addUserMessage(this._transcript, { id, content: text, time }, this.stepContext()));
    if (this.queued().length >= DEFAULTS.outboxLimit) {
      this.failed(
        command.id,
        'outbox-full',
        `The outbox is full (${DEFAULTS.outboxLimit} messages); message not sent`,
      );
      return true;
    }
    this.sharing.hold(command.id);
    this.enqueue(command);
    this.connection.sent();
    return true;
  }

  /** The person typed in the composer (dialects with a typing frame tell the server). */
  typing(): void {
    this.connection.socket?.typing();
  }

  /**
   * Stops the reply streaming now (or about to start): it ends `stopped`. Dialects that can
   * cancel are asked to; HTTP streams are aborted; the rest of the reply's frames is dropped.
   */
  stop(): void {
    const streaming = this._transcript.messages.filter((m) => m.state === 'streaming').map((m) => m.id);
    const { socket, streams } = this.connection;
    for (const id of streaming) {
      socket?.stop(id);
      streams?.stop(id);
      this.step(stopReply(this._transcript, id, this.stepContext()));
    }
    const conv = this._transcript;
    if (streaming.length === 0 && (conv.awaiting || conv.openReplyId !== undefined || conv.upcoming)) {
      // The reply has not begun: its request is aborted, or its frames dropped when they come.
      streams?.stop();
      socket?.stopNext();
      this.step(stopReply(conv, undefined, this.stepContext()));
    }
  }

  /** Connects (or starts again at once after `offline` / `unauthorized`), whatever the mode. */
  connect(): void {
    if (this.failedCode && this.latest) {
      // The code the settings need (a dialect, the reply streams) could not be fetched: try again.
      this.failedCode = undefined;
      this.configure(this.latest);
    }
    if (this.loadingCode) return;
    if (!this.connection.carrier) this.rebuild();
    this.connection.connect();
  }

  /** Closes the connection and stays disconnected (`idle`) until `connect()`. */
  disconnect(): void {
    this.connection.disconnect();
  }

  /**
   * Empties the transcript and the outbox. Unless the host set `session-id`, a new session starts
   * (a new id; the old one, and its saved conversation, are forgotten) so the next person on a
   * shared device never continues the previous one's server session.
   */
  clear(): void {
    for (const command of this.queued()) {
      this.connection.carrier?.cancel(command.id);
      this.sharing.release(command.id);
    }
    this.waiting = [];
    this._transcript = emptyTranscript;
    this.sharedState = undefined;
    this.ownReplies.clear();
    const before = this.sessionId;
    const fresh = this.config?.sessionId === undefined;
    if (fresh) this.madeSessionId = this.deps.newId();
    this.sharing.cleared(before, fresh ? this.sessionId : undefined, this.sessionId);
    this.changed();
    if (fresh && this.config) this.configureAgain();
  }

  /** The host went away: every socket, request, timer and channel is closed. */
  close(): void {
    this.active = false;
    this.suspend();
    this.sharing.close();
  }

  // ------------------------------------------------------------------ connection

  /** Closes the connection; what waited in it waits here until the next `configure()`. */
  private suspend(): void {
    this.waiting = [...this.queued()];
    this.connection.close();
    this.generation++;
    this.key = undefined;
    this.applied = undefined;
  }

  /**
   * Whether the settings need code that is not loaded yet: a built-in dialect that loads on
   * demand, or the reply streams' code for a dialect that streams its replies over HTTP (loaded
   * alongside its dialect). It is loaded (once), and the settings applied again when it is ready;
   * meanwhile a connection for other settings is closed (switching to it). Code that cannot be
   * loaded is reported once (`bad-config`).
   */
  private awaitCode(settings: SessionSettings): boolean {
    const given = settings.dialect;
    const name = typeof given === 'string' ? given.trim() : '';
    const named = isDialectName(name) ? name : undefined;
    const dialect = named ? readyDialect(named) : undefined;
    const loadDialectCode = named !== undefined && !dialect;
    const streams =
      typeof given === 'object' && given !== null
        ? streamsReplies(given)
        : dialect
          ? streamsReplies(dialect)
          : named !== undefined && STREAMING_DIALECTS.includes(named);
    const loadStreams = streams && !readyReplyStreams();
    if (!loadDialectCode && !loadStreams) {
      this.loadingCode = undefined;
      return false;
    }
    const what = named ? `the ${named} dialect` : 'the reply streams';
    this.tokens.setToken(settings.token);
    if ('tokenProvider' in settings) this.tokens.setProvider(settings.tokenProvider);
    if (this.key !== undefined) this.suspend();
    if (this.loadingCode === what || this.failedCode === what) return true;
    this.loadingCode = what;
    this.failedCode = undefined;
    Promise.all([loadDialectCode && loadDialect(named), loadStreams && loadReplyStreams()]).then(
      () => {
        if (this.loadingCode !== what) return;
        this.loadingCode = undefined;
        if (this.active && this.latest) this.configure(this.latest);
        this.changed();
      },
      (error: unknown) => {
        if (this.loadingCode !== what) return;
        this.loadingCode = undefined;
        this.failedCode = what;
        const reason = error instanceof Error ? error.message : String(error);
        this.error('bad-config', `${what} could not be loaded (${reason}); connect() tries again`);
      },
    );
    return true;
  }

  /** A new connection for the current settings; whatever waited in the old one waits in this one. */
  private rebuild(): void {
    const queued = this.queued();
    // The old connection goes, and what streamed on it gets nothing more (its own close is not
    // heard: its callbacks are ignored once the generation moves on).
    if (this.ownReplies.size)
      this.step(interrupt(this._transcript, new Set(this.ownReplies), this.stepContext()));
    this.generation++;
    this.waiting = this.connection.build(this.config!, this.sessionId, queued);
  }

  /** Something is under way (the idle timeout waits for it to end). */
  private busy(): boolean {
    const conv = this._transcript;
    return this.queued().length > 0 || conv.awaiting || conv.messages.some((m) => m.state === 'streaming');
  }

  /** The session id changed: the connection follows where it depends on it. */
  private configureAgain(): void {
    const config = this.config!;
    const dialect = config.dialect;
    const needsNew =
      dialect.channel === 'socket' &&
      (dialect.join || dialect.query !== undefined || (config.endpoint ?? '').includes('{session}'));
    this.key = `${connectionKey(config)}|${this.sessionId}`;
    if (needsNew) this.rebuild();
  }

  private replyComplete(socket: SocketChannel, id: string): void {
    const reply = this._transcript.messages.find((m) => m.id === id);
    if (!reply || !this.config || this.config.dialect.channel !== 'socket') return;
    const frame = this.config.dialect.encode(
      { type: 'reply-complete', id, content: reply.content },
      this.context(this.config),
    );
    if (frame) socket.notify(frame);
  }

  /** What the connection's channels may call; calls from a replaced connection are ignored. */
  private linkHost(config: ChatConfig): LinkHost {
    const generation = this.generation;
    const live = () => generation === this.generation;
    return {
      deps: this.deps,
      config,
      context: (command) => this.context(config, command),
      token: () => this.tokens.get(),
      now: () => this.now(),
      status: (detail) => live() && this.setStatus(detail),
      events: (events) => live() && this.onEvents(events),
      delivered: (ids) => {
        if (!live()) return;
        for (const id of ids) {
          this.step(markSent(this._transcript, id));
          this.sharing.release(id);
        }
      },
      interrupt: (ids) => live() && this.step(interrupt(this._transcript, ids, this.stepContext())),
      failed: (id, code, message) => live() && this.failed(id, code, message),
      error: (code, message) => live() && this.error(code, message),
      knows: (id) => this._transcript.messages.some((m) => m.id === id),
    };
  }

  private onEvents(events: ServerEvent[]): void {
    for (const event of events) {
      if (event.type === 'bad-frame') {
        this.badFrames++;
        if (this.badFrames <= BAD_FRAME_WARNINGS || this.badFrames % 100 === 0)
          console.warn(`<ai-chat> dropped a bad frame (${this.badFrames} so far): ${event.reason}`);
        this.error('bad-frame', event.reason);
        continue;
      }
      if (event.type === 'state') {
        this.onState(event);
        continue;
      }
      if (event.type === 'data') {
        this.dispatchEvent(new CustomEvent('data', { detail: { name: event.name, data: event.data } }));
        continue;
      }
      if (event.type === 'reply-delta' && event.id) this.ownReplies.add(event.id);
      this.step(
        applyServerEvent(this._transcript, event, this.stepContext()),
        event.type === 'history' ? 'history' : 'live',
      );
    }
  }

  /** A snapshot replaces the shared state; a patch applies to it whole, or not at all (reported). */
  private onState(event: Extract<ServerEvent, { type: 'state' }>): void {
    let state = event.snapshot !== undefined ? event.snapshot : this.sharedState;
    if (event.patch) {
      const patched = applyJsonPatch(state ?? {}, event.patch);
      if (!patched.ok) {
        this.error('bad-frame', `the state patch does not apply: ${patched.reason}`);
        if (event.snapshot === undefined) return;
      } else state = patched.value;
    }
    this.sharedState = state;
    this.stateKey = this.key;
    this.dispatchEvent(new CustomEvent('state', { detail: { state } }));
  }

  private setStatus(detail: StatusDetail): void {
    const previous = this._status;
    if (detail.status === previous && detail.status !== Status.reconnecting) return;
    this._status = detail.status;
    this._statusDetail = { ...detail, previous };
    this.dispatchEvent(new CustomEvent('status', { detail: this._statusDetail }));
    this.changed();
  }

  // ------------------------------------------------------------------ outbox

  private queued(): readonly SendCommand[] {
    return [...this.waiting, ...(this.connection.carrier?.queued() ?? [])];
  }

  private enqueue(command: SendCommand): void {
    const { carrier, socket } = this.connection;
    if (!carrier) {
      this.waiting.push(command);
      return;
    }
    carrier.send(command);
    // A control socket beside the reply streams (hybrid) hears of the message once, if it is up.
    if (socket && carrier !== socket) socket.send(command);
  }

  private failed(id: string, code: string, message: string): void {
    this.connection.carrier?.cancel(id);
    this.waiting = this.waiting.filter((c) => c.id !== id);
    this.sharing.release(id);
    this.step(markFailed(this._transcript, id));
    this.error(code, message);
  }

  // ------------------------------------------------------------------ other tabs

  private onTabMessage(message: ChatMessage): void {
    // A message this tab is sending is this tab's to report on: another tab cannot change it.
    if (this.queued().some((c) => c.id === message.id)) return;
    this.step(mergeMessage(this._transcript, message, this.stepContext()), 'tab');
  }

  private onTabClear(session: string | undefined): void {
    this._transcript = emptyTranscript;
    this.ownReplies.clear();
    for (const command of this.queued()) this.connection.carrier?.cancel(command.id);
    this.waiting = [];
    // The other tab started a new session: follow it (unless the host chose the session).
    if (session && this.config && !this.config.sessionId && session !== this.madeSessionId) {
      this.madeSessionId = session;
      this.sharing.follow(session);
      this.configureAgain();
    }
    this.changed();
  }

  // ------------------------------------------------------------------ conversation

  private step({ transcript, effects }: Step, origin: Origin = 'live'): void {
    if (transcript === this._transcript && effects.length === 0) return;
    const before = this._transcript;
    this._transcript = transcript;
    // Saved when a message is added or changes state, never per streamed chunk.
    if (effects.length) this.sharing.save(this.sessionId, transcript.messages);
    for (const notice of effects) {
      if (notice.kind === 'error') {
        this.error(notice.code, notice.message);
        continue;
      }
      const { message } = notice;
      if (message.state !== 'streaming') this.ownReplies.delete(message.id);
      if (origin === 'live') this.sharing.tell(message);
      const added = !before.messages.some((m) => m.id === message.id);
      this.dispatchEvent(new CustomEvent('message', { detail: { message, origin, added } }));
    }
    this.changed();
  }

  private stepContext(): StepContext {
    return new StepTime(() => this.now(), this.deps.newId, this.config?.maxMessages ?? 100);
  }

  /** What a dialect sees: one context kept while the config, the session and the state are the same. */
  private context(config: ChatConfig, command?: SendCommand): DialectContext {
    const messages = () => this._transcript.messages;
    if (command) return dialectContext(config, this.sessionId, messages, this.sharedState, command);
    const kept = this.kept;
    if (kept?.config === config && kept.sessionId === this.sessionId && kept.state === this.sharedState)
      return kept.context;
    const context = dialectContext(config, this.sessionId, messages, this.sharedState);
    this.kept = { config, sessionId: this.sessionId, state: this.sharedState, context };
    return context;
  }

  private now(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }

  private changed(): void {
    this.connection.check();
    for (const listener of this.changeListeners) listener();
  }

  private error(code: string, message: string): void {
    this.dispatchEvent(new CustomEvent('error', { detail: { code, message } }));
  }

  private report(problems: string[]): void {
    const key = problems.join('\n');
    if (key === this.reported) return;
    this.reported = key;
    for (const problem of problems) {
      console.warn(`<ai-chat> ${problem}`);
      this.error('bad-config', problem);
    }
  }
}
