import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  ChatSocket,
  Status,
  TabChannel,
  TypingSignal,
  readEventStream,
  type ConnectTarget,
  type StatusDetail,
} from './transport/index.js';
import {
  redactEndpoint,
  resolveEndpoint,
  tokenProtocols,
  type ClientCommand,
  type DialectContext,
  type ServerEvent,
  type SocketDialect,
} from './protocol/index.js';
import {
  addUserMessage,
  applyServerEvent,
  clearConversation,
  emptyConversation,
  interrupt,
  isChatMessage,
  markFailed,
  mergeMessage,
  markSent,
  conversationKey,
  loadMessages,
  readItem,
  restoreConversation,
  saveMessages,
  sessionKey,
  storageFor,
  writeItem,
  type StorageLike,
  type ChatMessage,
  type Conversation,
  type Step,
  type StepContext,
} from './conversation/index.js';
import { connectionKey, resolveConfig, type ChatConfig, type RawConfig } from './config.js';
import { AiChatErrorEvent, AiChatMessageEvent, AiChatSendEvent, AiChatStatusEvent } from './events.js';

export type TokenProvider = () => string | Promise<string>;

/** What the controller reads from its element on every update. */
export interface ChatSettings extends RawConfig {
  token?: string | null;
  tokenProvider?: TokenProvider | null;
}

type Host = ReactiveControllerHost & HTMLElement;
type SendCommand = Extract<ClientCommand, { type: 'send' }>;

/**
 * Something for the element to announce to screen readers: a finished reply or a system line
 * (once each), or a change of the connection status.
 */
export type Announcement =
  | { kind: 'message'; message: ChatMessage }
  | { kind: 'status'; status: Status; previous: Status; code?: number };

/** Where a step came from: this tab's socket or person, a history replay, or another tab. */
type Origin = 'live' | 'history' | 'tab';

/** What tabs of the same conversation tell each other over their `BroadcastChannel`. */
type TabNews = { type: 'message'; message: ChatMessage } | { type: 'clear' };

/** A user message on its way: written to the wire yet (and, in dialects with acks, not yet acknowledged)? */
interface Outgoing {
  command: SendCommand;
  written: boolean;
}

/** After this many bad frames, the console hears about every hundredth only. */
const BAD_FRAME_WARNINGS = 10;

/** Announcements kept for the element between two updates (older ones are dropped). */
const MAX_ANNOUNCEMENTS = 20;

const now = () => new Date().toISOString();
const newId = () => crypto.randomUUID();

/**
 * The one bridge between `<ai-chat>` and the layers below it: it owns the `ChatSocket` (and,
 * for dialects that stream replies over SSE, the reply streams), decodes frames with the
 * dialect, steps the conversation and turns what happened into events on the host. It holds
 * no timers itself (the transport does).
 *
 * Lifetime: the socket opens on the first update after the element is connected and closes
 * only when the element is still detached after its next update, so moving the element in
 * the DOM does not reconnect.
 */
export class ChatController implements ReactiveController {
  conversation: Conversation = emptyConversation;
  status: Status = Status.idle;
  /** The detail of the last status change (attempt, retryInMs, close code and reason). */
  statusDetail?: StatusDetail;
  /**
   * How many assistant messages have arrived (from the server or another tab, not restored or
   * replayed history) since the controller started: the element's unread count starts from it.
   */
  arrivals = 0;

  private socket?: ChatSocket;
  private typingSignal?: TypingSignal;
  private config?: ChatConfig;
  private key?: string;
  private token?: string | null;
  private tokenProvider?: TokenProvider | null;
  private stopped = false;
  private reportedProblems = '';
  private badFrames = 0;
  private generatedSessionId: string = newId();
  /** Where the conversation is kept (`persist`), if anywhere. */
  private storage?: StorageLike;
  private storageKey?: string;
  /** User messages not yet delivered, by message id, in send order. */
  private readonly outgoing = new Map<string, Outgoing>();
  /** Abort functions of reply streams in progress. */
  private readonly streams = new Set<() => void>();
  /** The other tabs and frames of the same conversation (with `persist`). */
  private channel?: TabChannel;
  private announcements: Announcement[] = [];
  /** Ids of messages already announced (a re-delivered reply is not announced again). */
  private announced = new Set<string>();

  constructor(
    private readonly host: Host,
    private readonly settings: () => ChatSettings,
  ) {
    host.addController(this);
  }

  get messages(): readonly ChatMessage[] {
    return this.conversation.messages;
  }

  /** The validated configuration in use (after the first update). */
  get currentConfig(): ChatConfig | undefined {
    return this.config;
  }

  hostConnected(): void {
    this.host.requestUpdate();
  }

  async hostDisconnected(): Promise<void> {
    await this.host.updateComplete;
    if (!this.host.isConnected) {
      this.closeSocket();
      this.abortStreams();
      this.channel?.close();
      this.channel = undefined;
    }
  }

  /** What happened since the last call that the element should announce, oldest first. */
  takeAnnouncements(): Announcement[] {
    const taken = this.announcements;
    this.announcements = [];
    return taken;
  }

  /** Runs before every render: applies changed settings to the connection. */
  hostUpdate(): void {
    if (!this.host.isConnected) return;
    const settings = this.settings();
    const { config, problems } = resolveConfig(settings);
    this.reportProblems(problems);
    this.config = config;
    this.syncStorage(config);
    const key = `${connectionKey(config)}|${this.sessionId(config)}`;
    const tokenChanged = settings.token !== this.token || settings.tokenProvider !== this.tokenProvider;
    this.token = settings.token;
    this.tokenProvider = settings.tokenProvider;
    if (this.stopped) return;
    if (key !== this.key || !this.socket) {
      this.openSocket();
      this.key = key;
    } else if (tokenChanged) {
      this.socket.reconnect();
    }
  }

  /** Sends a user message; it waits in the outbox while the connection is down. */
  send(content: string, metadata?: Record<string, unknown>): boolean {
    const text = content.trim();
    if (!text) return false;
    const maxLength = this.config?.maxLength ?? Infinity;
    if (text.length > maxLength) {
      this.reportError(
        'too-long',
        `Messages can be at most ${maxLength} characters; this one has ${text.length}.`,
      );
      return false;
    }
    const intent = new AiChatSendEvent({ content: text });
    this.host.dispatchEvent(intent);
    if (intent.defaultPrevented) return false;
    const command: SendCommand = { type: 'send', id: newId(), content: text, time: now() };
    if (metadata) command.metadata = metadata;
    this.typingSignal?.stop();
    this.step(addUserMessage(this.conversation, command, this.stepContext()));
    if (this.config && this.socketDialect.replyStream) {
      this.streamReply(command, this.config);
      return true;
    }
    this.outgoing.set(command.id, { command, written: false });
    this.enqueue(command);
    return true;
  }

  /** The person typed in the composer (dialects with a typing frame tell the server). */
  typing(): void {
    this.typingSignal?.poke();
  }

  connect(): void {
    this.stopped = false;
    if (this.socket) this.socket.connect();
    else this.host.requestUpdate();
  }

  disconnect(): void {
    this.stopped = true;
    this.closeSocket();
    this.abortStreams();
  }

  /** Empties the transcript and its saved copy (messages still waiting to be sent stay). */
  clear(): void {
    this.conversation = clearConversation(this.conversation);
    if (this.storage && this.storageKey) {
      writeItem(this.storage, this.storageKey, undefined);
      saveMessages(this.storage, this.storageKey, this.conversation.messages);
    }
    this.tell({ type: 'clear' });
    this.host.requestUpdate();
  }

  // --- persistence -------------------------------------------------------------------

  /**
   * With `persist`, finds the saved session id (so a reload continues the same conversation)
   * and restores the saved messages once; messages that were waiting go out again.
   */
  private syncStorage(config: ChatConfig): void {
    const storage = config.endpoint ? storageFor(config.persist) : undefined;
    if (!storage || !config.endpoint) {
      this.storage = this.storageKey = undefined;
      this.openChannel(undefined);
      return;
    }
    if (!config.sessionId) {
      const key = sessionKey(config.endpoint, config.feature);
      const saved = readItem(storage, key);
      if (saved) this.generatedSessionId = saved;
      else writeItem(storage, key, this.generatedSessionId);
    }
    const key = conversationKey(config.endpoint, config.feature, this.sessionId(config));
    this.openChannel(key);
    if (storage === this.storage && key === this.storageKey) return;
    this.storage = storage;
    this.storageKey = key;
    const saved = loadMessages(storage, key);
    if (saved.length === 0 || this.conversation.messages.length > 0) return;
    this.conversation = restoreConversation(saved);
    for (const m of this.conversation.messages) {
      if (m.role === 'user' && m.state === 'pending') {
        this.outgoing.set(m.id, {
          command: { type: 'send', id: m.id, content: m.content, time: m.time },
          written: false,
        });
      }
    }
  }

  // --- other tabs of the same conversation --------------------------------------------

  /**
   * With `persist`, other tabs and frames showing the same conversation (same endpoint, feature
   * and session) hear of every message added or changed here, and this one of theirs: each tab
   * keeps its own socket and sends only what its person wrote, so nothing reaches the server twice.
   */
  private openChannel(key: string | undefined): void {
    if (this.channel?.name === key && this.channel?.open) return;
    this.channel?.close();
    this.channel = key ? new TabChannel(key, (data) => this.onTabNews(data)) : undefined;
  }

  private tell(news: TabNews): void {
    this.channel?.post(news);
  }

  private onTabNews(data: unknown): void {
    const news = data as Partial<TabNews> | null;
    if (news?.type === 'clear') {
      this.conversation = clearConversation(this.conversation);
      this.host.requestUpdate();
      return;
    }
    if (news?.type !== 'message' || !isChatMessage(news.message)) return;
    const message = news.message;
    // Sent by the other tab meanwhile (e.g. both restored it from storage): not again from here.
    if (message.state !== 'pending' && this.outgoing.get(message.id)?.written === false) {
      this.outgoing.delete(message.id);
      this.socket?.cancel(message.id);
    }
    this.step(mergeMessage(this.conversation, message, this.stepContext()), 'tab');
  }

  // --- the socket ---------------------------------------------------------------------

  private openSocket(): void {
    this.closeSocket();
    const config = this.config!;
    if (!config.endpoint) return;
    try {
      resolveEndpoint(config.endpoint, this.endpointValues(config));
    } catch (error) {
      this.reportError('bad-config', (error as Error).message);
      return;
    }
    const dialect = this.socketDialect;
    const ctx = this.context(config);
    const heartbeat = () => dialect.encode({ type: 'heartbeat', id: newId(), time: now() }, ctx);
    const socket = new ChatSocket({
      target: () => this.target(config),
      maxRetries: config.maxRetries,
      // A dialect without a heartbeat frame gets no liveness deadline either: an idle server
      // that is never asked anything may rightly stay silent.
      heartbeatMs: heartbeat() === undefined ? 0 : config.heartbeatMs,
      readyOnOpen: !dialect.handshake,
      unauthorizedCodes: dialect.closeCodes?.unauthorized,
      finalCodes: dialect.closeCodes?.final,
      heartbeatFrame: heartbeat,
    });
    this.socket = socket;
    if (dialect.encode({ type: 'typing', typing: true }, ctx) !== undefined) {
      this.typingSignal = new TypingSignal((typing) => {
        const frame = dialect.encode({ type: 'typing', typing }, ctx);
        if (frame) socket.sendNow(frame);
      });
    }
    socket.on('status', (e) => this.onStatus(e.detail));
    socket.on('frame', (e) => this.onFrame(e.detail));
    socket.on('sent', (e) => this.onSent(e.detail.id));
    socket.on('open', () => this.onOpen());
    socket.on('error', (e) => this.reportError(e.detail.code, e.detail.message));
    for (const { command } of this.outgoing.values()) this.enqueue(command);
    socket.connect();
  }

  private closeSocket(): void {
    this.typingSignal?.dispose();
    this.typingSignal = undefined;
    const socket = this.socket;
    if (!socket) return;
    this.socket = undefined;
    this.key = undefined;
    socket.close();
  }

  private async target(config: ChatConfig): Promise<ConnectTarget> {
    const token = await this.currentToken();
    const ctx = this.context(config);
    const query: Record<string, string | undefined> = { ...this.socketDialect.query?.(ctx) };
    if (config.auth === 'query' && token) query.token = token;
    const url = resolveEndpoint(config.endpoint!, this.endpointValues(config), query).href;
    if (config.auth === 'protocol' && token) return { url, protocols: tokenProtocols(token) };
    if (config.auth === 'message') {
      const auth = this.socketDialect.encode({ type: 'auth', id: newId(), token, time: now() }, ctx);
      return { url, firstFrames: auth ? [auth] : [] };
    }
    return { url };
  }

  private async currentToken(): Promise<string> {
    return (this.tokenProvider ? await this.tokenProvider() : this.token) ?? '';
  }

  private enqueue(command: SendCommand): void {
    if (!this.socket || !this.config) return;
    const frame = this.socketDialect.encode(command, this.context(this.config));
    if (frame === undefined || !this.socket.send(command.id, frame)) {
      this.outgoing.delete(command.id);
      this.step(markFailed(this.conversation, command.id));
      this.reportError('send-failed', 'The message could not be sent.');
    }
  }

  /** A new usable connection: join, then re-send what the server never acknowledged. */
  private onOpen(): void {
    const socket = this.socket;
    const config = this.config;
    if (!socket || !config) return;
    const ctx = this.context(config);
    const dialect = this.socketDialect;
    const join = dialect.encode({ type: 'join' }, ctx);
    if (join) socket.sendNow(join);
    if (!config.dialect.acks) return;
    // Written before the drop but never acknowledged: send again, ahead of the outbox
    // (which flushes right after this); the server deduplicates by the client id.
    for (const entry of this.outgoing.values()) {
      const frame = entry.written ? dialect.encode(entry.command, ctx) : undefined;
      if (frame) socket.sendNow(frame);
    }
  }

  private onStatus(detail: StatusDetail): void {
    const previous = this.status;
    this.status = detail.status;
    this.statusDetail = detail;
    if (detail.status !== previous) {
      this.announce({ kind: 'status', status: detail.status, previous, code: detail.code });
    }
    if (detail.status !== Status.connected && previous === Status.connected)
      this.step(interrupt(this.conversation));
    this.host.dispatchEvent(new AiChatStatusEvent(detail));
    this.host.requestUpdate();
  }

  private onFrame(frame: unknown): void {
    const config = this.config;
    if (!config) return;
    for (const event of this.socketDialect.decode(frame as string, this.context(config)))
      this.onServerEvent(event);
  }

  private onServerEvent(event: ServerEvent): void {
    if (event.type === 'bad-frame') {
      this.badFrames++;
      if (this.badFrames <= BAD_FRAME_WARNINGS || this.badFrames % 100 === 0) {
        console.warn(`<ai-chat> dropped a bad frame (${this.badFrames} so far): ${event.reason}`);
      }
      this.host.dispatchEvent(new AiChatErrorEvent({ code: 'bad-frame', message: event.reason }));
      return;
    }
    if (event.type === 'ready') this.socket?.ready();
    if (event.type === 'ack') this.outgoing.delete(event.clientId);
    this.step(
      applyServerEvent(this.conversation, event, this.stepContext()),
      event.type === 'history' ? 'history' : 'live',
    );
  }

  private onSent(id: string): void {
    const entry = this.outgoing.get(id);
    if (!entry) return;
    entry.written = true;
    // With acks, a written message stays pending until the server acknowledges it.
    if (this.config?.dialect.acks) return;
    this.outgoing.delete(id);
    this.step(markSent(this.conversation, id));
  }

  // --- replies streamed over SSE (hybrid) --------------------------------------------

  private streamReply(command: SendCommand, config: ChatConfig): void {
    const stream = this.socketDialect.replyStream!;
    const ctx = this.context(config);
    // The socket is only the control channel here: it hears about the message if it is up.
    const frame = this.socketDialect.encode(command, ctx);
    if (frame) this.socket?.sendNow(frame);
    if (!config.streamUrl) {
      this.step(markFailed(this.conversation, command.id));
      this.reportError('bad-config', `the ${config.dialect.name} dialect needs the stream-url attribute`);
      return;
    }
    let url: string;
    try {
      url = new URL(stream.request(command, ctx).url ?? config.streamUrl, globalThis.location?.href).href;
    } catch {
      this.step(markFailed(this.conversation, command.id));
      this.reportError('bad-config', `stream-url "${redactEndpoint(config.streamUrl)}" is not a valid URL`);
      return;
    }
    const replyId = newId();
    let ended = false;
    const finish = (event: ServerEvent) => {
      if (ended) return;
      ended = true;
      this.streams.delete(abort);
      this.step(applyServerEvent(this.conversation, event, this.stepContext()));
    };
    let abort: () => void = () => undefined;
    void this.currentToken().then(
      (token) => {
        if (ended) return;
        abort = readEventStream(
          { url, headers: token ? { Authorization: `Bearer ${token}` } : {} },
          {
            onOpen: () => this.step(markSent(this.conversation, command.id)),
            onData: (data) => {
              for (const event of stream.decode({ event: 'message', data }, ctx)) {
                if (event.type === 'reply-delta') {
                  this.step(
                    applyServerEvent(
                      this.conversation,
                      { type: 'reply-delta', id: replyId, delta: event.delta },
                      this.stepContext(),
                    ),
                  );
                } else if (event.type === 'done') {
                  abort();
                  this.endStreamedReply(replyId, finish);
                }
              }
            },
            onEnd: () => this.endStreamedReply(replyId, finish),
            onError: (reason, delivered) => {
              if (!delivered) this.step(markFailed(this.conversation, command.id));
              finish({ type: 'error', code: 'stream-failed', message: reason });
            },
          },
        );
        this.streams.add(abort);
      },
      () => {
        this.step(markFailed(this.conversation, command.id));
        finish({
          type: 'error',
          code: 'token-provider',
          message: 'Could not get a token for the reply stream.',
        });
      },
    );
  }

  /** Closes a streamed reply and tells the server its whole text (so it can keep it). */
  private endStreamedReply(replyId: string, finish: (event: ServerEvent) => void): void {
    finish({ type: 'reply-end', id: replyId });
    const reply = this.conversation.messages.find((m) => m.id === replyId);
    const config = this.config;
    if (!reply || !config || !this.socket) return;
    const frame = this.socketDialect.encode(
      { type: 'reply-complete', id: replyId, content: reply.content },
      this.context(config),
    );
    if (frame) this.socket.send(newId(), frame);
  }

  private abortStreams(): void {
    for (const abort of this.streams) abort();
    this.streams.clear();
  }

  // --- helpers -----------------------------------------------------------------------

  private step({ conversation, notices }: Step, origin: Origin = 'live'): void {
    if (conversation === this.conversation && notices.length === 0) return;
    const before = this.conversation;
    this.conversation = conversation;
    // Saved when a message is added or changes state, never per streamed chunk.
    if (notices.length && this.storage && this.storageKey) {
      saveMessages(this.storage, this.storageKey, conversation.messages);
    }
    for (const notice of notices) {
      if (notice.kind === 'message') {
        const { message } = notice;
        if (origin !== 'history') this.noteArrival(message, before);
        if (origin !== 'tab' && origin !== 'history') this.tell({ type: 'message', message });
        this.host.dispatchEvent(new AiChatMessageEvent({ message }));
      } else this.host.dispatchEvent(new AiChatErrorEvent({ code: notice.code, message: notice.message }));
    }
    this.host.requestUpdate();
  }

  /** Counts a new assistant message and queues a finished reply or a system line to be announced. */
  private noteArrival(message: ChatMessage, before: Conversation): void {
    if (message.role === 'user') return;
    if (message.role === 'assistant' && !before.messages.some((m) => m.id === message.id)) this.arrivals++;
    const finished = message.role === 'system' || message.state === 'complete';
    if (!finished || this.announced.has(message.id)) return;
    if (this.announced.size >= 1000) this.announced = new Set(this.conversation.messages.map((m) => m.id));
    this.announced.add(message.id);
    this.announce({ kind: 'message', message });
  }

  private announce(announcement: Announcement): void {
    this.announcements.push(announcement);
    if (this.announcements.length > MAX_ANNOUNCEMENTS) this.announcements.shift();
  }

  private reportError(code: string, message: string): void {
    this.host.dispatchEvent(new AiChatErrorEvent({ code, message }));
  }

  private reportProblems(problems: string[]): void {
    const key = problems.join('\n');
    if (key === this.reportedProblems) return;
    this.reportedProblems = key;
    for (const problem of problems) {
      console.warn(`<ai-chat> ${problem}`);
      this.reportError('bad-config', problem);
    }
  }

  private stepContext(): StepContext {
    return { now: now(), newId, maxMessages: this.config?.maxMessages ?? 100 };
  }

  private sessionId(config: ChatConfig): string {
    return config.sessionId ?? this.generatedSessionId;
  }

  private endpointValues(config: ChatConfig) {
    return { feature: config.feature, userId: config.userId, sessionId: this.sessionId(config) };
  }

  private context(config: ChatConfig): DialectContext {
    return {
      sessionId: this.sessionId(config),
      feature: config.feature,
      userId: config.userId,
      apiKey: config.apiKey,
      streamUrl: config.streamUrl,
      history: [],
    };
  }

  /** The five built-in dialects are socket dialects (a stopgap until the session layer). */
  private get socketDialect(): SocketDialect {
    return this.config!.dialect as SocketDialect;
  }
}
