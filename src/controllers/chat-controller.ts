import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatConfig } from '../config.js';
import type { ChatMessage, Conversation } from '../conversation/index.js';
import {
  AiChatDataEvent,
  AiChatErrorEvent,
  AiChatMessageEvent,
  AiChatSendEvent,
  AiChatStateEvent,
  AiChatStatusEvent,
} from '../events.js';
import { ChatSession, type SessionDeps, type SessionSettings, type TokenProvider } from '../session/index.js';
import type { Status, StatusDetail } from '../transport/status.js';
import type { Announcement } from './announcer.js';

export type { TokenProvider };

/** What the controller reads from its element on every update. */
export type ChatSettings = SessionSettings;

type Host = ReactiveControllerHost & HTMLElement;

/** Announcements kept for the element between two updates (older ones are dropped). */
const MAX_ANNOUNCEMENTS = 20;

/**
 * The one bridge between `<ai-chat>` and its `ChatSession`: it maps the host's lifetime and
 * settings onto the session, re-dispatches the session's events as the typed `ai-chat-*` events,
 * and asks the host to update. It holds no socket, timer or parsing.
 *
 * Lifetime: the session is configured on every update while the element is connected (a cheap
 * call when nothing changed) and closed only when the element is still detached after its next
 * update, so moving the element in the DOM does not reconnect.
 */
export class ChatController implements ReactiveController {
  readonly session: ChatSession;
  /**
   * How many assistant messages have arrived (from the server or another tab, not restored or
   * replayed history) since the controller started: the element's unread count starts from it.
   */
  arrivals = 0;

  private announcements: Announcement[] = [];
  /** Ids of messages already announced (a re-delivered reply is not announced again). */
  private announced = new Set<string>();

  constructor(
    private readonly host: Host,
    private readonly settings: () => ChatSettings,
    deps: Partial<SessionDeps> = {},
  ) {
    this.session = new ChatSession(deps);
    const session = this.session;
    session.on('status', (e) => this.onStatus(e.detail));
    session.on('message', (e) => {
      const { message, origin, added } = e.detail;
      if (origin !== 'history' && origin !== 'restore') this.noteArrival(message, added);
      host.dispatchEvent(new AiChatMessageEvent({ message }));
    });
    session.on('error', (e) => host.dispatchEvent(new AiChatErrorEvent(e.detail)));
    session.on('state', (e) => host.dispatchEvent(new AiChatStateEvent(e.detail)));
    session.on('data', (e) => host.dispatchEvent(new AiChatDataEvent(e.detail)));
    session.on('send', (e) => {
      const intent = new AiChatSendEvent({ content: e.detail.content });
      host.dispatchEvent(intent);
      if (intent.defaultPrevented) e.preventDefault();
    });
    session.on('change', () => host.requestUpdate());
    host.addController(this);
  }

  get conversation(): Conversation {
    return this.session.conversation;
  }

  get messages(): readonly ChatMessage[] {
    return this.session.messages;
  }

  get status(): Status {
    return this.session.status;
  }

  /** The detail of the last status change (attempt, retryInMs, close code and reason). */
  get statusDetail(): StatusDetail | undefined {
    return this.session.statusDetail;
  }

  /** The validated configuration in use (after the first update). */
  get currentConfig(): ChatConfig | undefined {
    return this.session.currentConfig;
  }

  hostConnected(): void {
    this.host.requestUpdate();
  }

  async hostDisconnected(): Promise<void> {
    await this.host.updateComplete;
    if (!this.host.isConnected) this.session.close();
  }

  /** Runs before every render: hands the element's settings to the session. */
  hostUpdate(): void {
    if (this.host.isConnected) this.session.configure(this.settings());
  }

  /** What happened since the last call that the element should announce, oldest first. */
  takeAnnouncements(): Announcement[] {
    const taken = this.announcements;
    this.announcements = [];
    return taken;
  }

  send(content: string, metadata?: Record<string, unknown>): boolean {
    return this.session.send(content, metadata);
  }

  typing(): void {
    this.session.typing();
  }

  stop(): void {
    this.session.stop();
  }

  connect(): void {
    this.session.connect();
  }

  disconnect(): void {
    this.session.disconnect();
  }

  clear(): void {
    this.session.clear();
  }

  private onStatus(detail: StatusDetail): void {
    if (detail.status !== detail.previous) {
      this.announce({ kind: 'status', status: detail.status, previous: detail.previous, code: detail.code });
    }
    this.host.dispatchEvent(new AiChatStatusEvent(detail));
  }

  /** Counts a new assistant message and queues a finished reply or a system line to be announced. */
  private noteArrival(message: ChatMessage, added: boolean): void {
    if (message.role === 'user') return;
    if (message.role === 'assistant' && added) this.arrivals++;
    // A reply is announced once, whole: when complete, or as far as it got when stopped.
    const finished = message.role === 'system' || message.state === 'complete' || message.state === 'stopped';
    if (!finished || this.announced.has(message.id)) return;
    if (this.announced.size >= 1000) this.announced = new Set(this.session.messages.map((m) => m.id));
    this.announced.add(message.id);
    this.announce({ kind: 'message', message });
  }

  private announce(announcement: Announcement): void {
    this.announcements.push(announcement);
    if (this.announcements.length > MAX_ANNOUNCEMENTS) this.announcements.shift();
  }
}
