import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ChatSocket, Status, type ConnectTarget, type StatusDetail } from './transport/index.js';
import {
  resolveEndpoint,
  tokenProtocols,
  type ClientCommand,
  type DialectContext,
  type ServerEvent,
} from './protocol/index.js';
import {
  addUserMessage,
  applyServerEvent,
  clearConversation,
  emptyConversation,
  interrupt,
  markFailed,
  markSent,
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

/** After this many bad frames, the console hears about every hundredth only. */
const BAD_FRAME_WARNINGS = 10;

const now = () => new Date().toISOString();
const newId = () => crypto.randomUUID();

/**
 * The one bridge between `<ai-chat>` and the layers below it: it owns the `ChatSocket`,
 * decodes frames with the dialect, steps the conversation and turns what happened into
 * events on the host. It holds no timers itself (the socket does).
 *
 * Lifetime: the socket opens on the first update after the element is connected and closes
 * only when the element is still detached after its next update, so moving the element in
 * the DOM does not reconnect.
 */
export class ChatController implements ReactiveController {
  conversation: Conversation = emptyConversation;
  status: Status = Status.idle;
  /** While `reconnecting`: the wait before the next attempt, as last announced. */
  retryInMs?: number;

  private socket?: ChatSocket;
  private config?: ChatConfig;
  private key?: string;
  private token?: string | null;
  private tokenProvider?: TokenProvider | null;
  private stopped = false;
  private reportedProblems = '';
  private badFrames = 0;
  private generatedSessionId = newId();
  /** Commands of user messages not yet on the wire, by message id, in send order. */
  private readonly outgoing = new Map<string, ClientCommand & { type: 'send' }>();

  constructor(
    private readonly host: Host,
    private readonly settings: () => ChatSettings,
  ) {
    host.addController(this);
  }

  get messages(): readonly ChatMessage[] {
    return this.conversation.messages;
  }

  hostConnected(): void {
    this.host.requestUpdate();
  }

  async hostDisconnected(): Promise<void> {
    await this.host.updateComplete;
    if (!this.host.isConnected) this.closeSocket();
  }

  /** Runs before every render: applies changed settings to the connection. */
  hostUpdate(): void {
    if (!this.host.isConnected) return;
    const settings = this.settings();
    const { config, problems } = resolveConfig(settings);
    this.reportProblems(problems);
    this.config = config;
    const key = connectionKey(config);
    const tokenChanged = settings.token !== this.token || settings.tokenProvider !== this.tokenProvider;
    this.token = settings.token;
    this.tokenProvider = settings.tokenProvider;
    if (this.stopped) return;
    if (key !== this.key || !this.socket) {
      this.key = key;
      this.openSocket();
    } else if (tokenChanged) {
      this.socket.reconnect();
    }
  }

  /** Sends a user message; it waits in the outbox while the socket is down. */
  send(content: string, metadata?: Record<string, unknown>): boolean {
    const text = content.trim();
    if (!text) return false;
    const intent = new AiChatSendEvent({ content: text });
    this.host.dispatchEvent(intent);
    if (intent.defaultPrevented) return false;
    const command = {
      type: 'send',
      id: newId(),
      content: text,
      time: now(),
      ...(metadata ? { metadata } : {}),
    } as const;
    this.outgoing.set(command.id, command);
    this.step(addUserMessage(this.conversation, command, this.stepContext()));
    this.enqueue(command);
    return true;
  }

  connect(): void {
    this.stopped = false;
    if (this.socket) this.socket.connect();
    else this.host.requestUpdate();
  }

  disconnect(): void {
    this.stopped = true;
    this.closeSocket();
  }

  clear(): void {
    this.conversation = clearConversation(this.conversation);
    this.host.requestUpdate();
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
    const { dialect } = config;
    const socket = new ChatSocket({
      target: () => this.target(config),
      maxRetries: config.maxRetries,
      heartbeatMs: config.heartbeatMs,
      readyOnOpen: dialect.readyOnOpen,
      unauthorizedCodes: dialect.unauthorizedCodes,
      finalCodes: dialect.finalCodes,
      heartbeatFrame: () =>
        dialect.encode({ type: 'heartbeat', id: newId(), time: now() }, this.context(config)),
    });
    this.socket = socket;
    socket.addEventListener('status', (e) => this.onStatus((e as CustomEvent<StatusDetail>).detail));
    socket.addEventListener('frame', (e) => this.onFrame((e as CustomEvent<unknown>).detail));
    socket.addEventListener('sent', (e) => this.onSent((e as CustomEvent<{ id: string }>).detail.id));
    socket.addEventListener('error', (e) => {
      const { code, message } = (e as CustomEvent<{ code: string; message: string }>).detail;
      this.reportError(code, message);
    });
    for (const command of this.outgoing.values()) this.enqueue(command);
    socket.connect();
  }

  private closeSocket(): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = undefined;
    this.key = undefined;
    socket.close();
    if (this.status !== Status.idle) this.onStatus({ status: Status.idle, previous: this.status });
  }

  private async target(config: ChatConfig): Promise<ConnectTarget> {
    const token = (this.tokenProvider ? await this.tokenProvider() : this.token) ?? '';
    const ctx = this.context(config);
    const query: Record<string, string | undefined> = { ...config.dialect.query?.(ctx) };
    if (config.auth === 'query' && token) query.token = token;
    const url = resolveEndpoint(config.endpoint!, this.endpointValues(config), query).href;
    if (config.auth === 'protocol' && token) return { url, protocols: tokenProtocols(token) };
    if (config.auth === 'message') {
      const auth = config.dialect.encode({ type: 'auth', id: newId(), token, time: now() }, ctx);
      return { url, firstFrames: auth ? [auth] : [] };
    }
    return { url };
  }

  private enqueue(command: ClientCommand & { type: 'send' }): void {
    if (!this.socket || !this.config) return;
    const frame = this.config.dialect.encode(command, this.context(this.config));
    if (frame === undefined || !this.socket.send(command.id, frame)) {
      this.outgoing.delete(command.id);
      this.step(markFailed(this.conversation, command.id));
      this.reportError('send-failed', 'The message could not be sent.');
    }
  }

  private onStatus(detail: StatusDetail): void {
    const previous = this.status;
    this.status = detail.status;
    this.retryInMs = detail.retryInMs;
    if (detail.status !== Status.connected && previous === Status.connected)
      this.step(interrupt(this.conversation));
    this.host.dispatchEvent(new AiChatStatusEvent(detail));
    this.host.requestUpdate();
  }

  private onFrame(frame: unknown): void {
    const config = this.config;
    if (!config) return;
    for (const event of config.dialect.decode(frame, this.context(config))) this.onServerEvent(event);
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
    this.step(applyServerEvent(this.conversation, event, this.stepContext()));
  }

  private onSent(id: string): void {
    this.outgoing.delete(id);
    this.step(markSent(this.conversation, id));
  }

  // --- helpers -----------------------------------------------------------------------

  private step({ conversation, notices }: Step): void {
    if (conversation === this.conversation && notices.length === 0) return;
    this.conversation = conversation;
    for (const notice of notices) {
      if (notice.kind === 'message')
        this.host.dispatchEvent(new AiChatMessageEvent({ message: notice.message }));
      else this.host.dispatchEvent(new AiChatErrorEvent({ code: notice.code, message: notice.message }));
    }
    this.host.requestUpdate();
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
    };
  }
}
