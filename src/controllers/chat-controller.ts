import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatConfig } from '../config.js';
import type { ChatMessage, Transcript } from '../transcript/index.js';
import {
  AiChatDataEvent,
  AiChatErrorEvent,
  AiChatMessageEvent,
  AiChatSendEvent,
  AiChatStateEvent,
  AiChatStatusEvent,
} from '../events.js';
import type { ChatSession, SessionDeps, SessionSettings, TokenProvider } from '../session/index.js';
import { Status, type StatusDetail } from '../transport/status.js';
import type { Announcement } from './announcer.js';

export type { TokenProvider };

/** What the controller reads from its element on every update. */
export type ChatSettings = SessionSettings;

type Host = ReactiveControllerHost & HTMLElement;

/** Announcements kept for the element between two updates (older ones are dropped). */
const MAX_ANNOUNCEMENTS = 20;

/** The conversation before the session has loaded: nothing yet. */
const EMPTY: Transcript = { messages: [], awaiting: false, serverTyping: false };

/** Loads the session's code (the session, the connection, the dialects' registry, the transport). */
export type SessionLoader = () => Promise<{ ChatSession: typeof ChatSession }>;

/**
 * The one bridge between `<ai-chat>` and its `ChatSession`: it maps the host's lifetime and
 * settings onto the session, re-dispatches the session's events as the typed `ai-chat-*` events,
 * and asks the host to update. It holds no socket, timer or parsing.
 *
 * The session's code loads on demand: when `needed()` says so (the element asks once the chat is
 * in view, or at once for `connect="auto"`), or when a method needs it (`send()`, `connect()`, …).
 * Until then the status is `idle` and there are no messages; calls made meanwhile are applied, in
 * order, once it is there.
 *
 * Lifetime: the session is configured on every update while the element is connected (a cheap
 * call when nothing changed) and closed only when the element is still detached after its next
 * update, so moving the element in the DOM does not reconnect.
 */
export class ChatController implements ReactiveController {
  /** The session, once its code has loaded. */
  session?: ChatSession;
  /**
   * How many assistant messages have arrived (from the server or another tab, not restored or
   * replayed history) since the controller started: the element's unread count starts from it.
   */
  arrivals = 0;

  private announcements: Announcement[] = [];
  /** Ids of messages already announced (a re-delivered reply is not announced again). */
  private announced = new Set<string>();
  /** The session's code on its way (the host's `updateComplete` waits for it). */
  loading?: Promise<unknown>;
  /** Calls made before the session was there, applied in order when it is. */
  private calls: ((session: ChatSession) => void)[] = [];
  private provider?: TokenProvider;

  constructor(
    private readonly host: Host,
    private readonly settings: () => ChatSettings,
    private readonly deps: Partial<SessionDeps> = {},
    private readonly options: {
      /** Whether the session is needed now (default: at once). */
      needed?: () => boolean;
      /** Where its code comes from (default: the session module, loaded on demand). */
      load?: SessionLoader;
    } = {},
  ) {
    host.addController(this);
  }

  get transcript(): Transcript {
    return this.session?.transcript ?? EMPTY;
  }

  get messages(): readonly ChatMessage[] {
    return this.transcript.messages;
  }

  get status(): Status {
    return this.session?.status ?? Status.idle;
  }

  /** The detail of the last status change (attempt, retryInMs, close code and reason). */
  get statusDetail(): StatusDetail | undefined {
    return this.session?.statusDetail;
  }

  /** The validated configuration in use (after the first update with a session). */
  get currentConfig(): ChatConfig | undefined {
    return this.session?.currentConfig;
  }

  hostConnected(): void {
    this.host.requestUpdate();
  }

  async hostDisconnected(): Promise<void> {
    await this.host.updateComplete;
    if (!this.host.isConnected) this.session?.close();
  }

  /** Runs before every render: hands the element's settings to the session (loading it when needed). */
  hostUpdate(): void {
    if (!this.host.isConnected) return;
    if (this.session) this.session.configure(this.settings());
    else if (this.options.needed?.() ?? true) this.load();
  }

  /** What happened since the last call that the element should announce, oldest first. */
  takeAnnouncements(): Announcement[] {
    const taken = this.announcements;
    this.announcements = [];
    return taken;
  }

  /**
   * Sends a user message (see `ChatSession.send`). Before the session has loaded, a message that
   * is not empty is kept and given to it once it has (the session then asks `ai-chat-send`, and
   * refuses one that is too long); true when it is not empty and not too long.
   */
  send(content: string, metadata?: Record<string, unknown>): boolean {
    if (this.session) return this.session.send(content, metadata);
    const text = content.trim();
    if (!text) return false;
    // Too long: the session reports it (`too-long`) once it is there, and sends nothing.
    this.call((session) => session.send(content, metadata));
    const max = this.settings().maxLength;
    return !(typeof max === 'number' && text.length > max);
  }

  typing(): void {
    this.session?.typing();
  }

  stop(): void {
    this.session?.stop();
  }

  connect(): void {
    this.call((session) => session.connect());
  }

  disconnect(): void {
    if (this.session) this.session.disconnect();
    // Not loaded: nothing is connected, and `connect` modes other than auto wait anyway.
    else this.calls.push((session) => session.disconnect());
  }

  clear(): void {
    if (this.session) this.session.clear();
    else this.calls.push((session) => session.clear());
  }

  /** A new token provider (used at the next connect; see `ChatSession.setTokenProvider`). */
  setTokenProvider(provider: TokenProvider | undefined): void {
    this.provider = provider;
    this.session?.setTokenProvider(provider);
  }

  /** Applies a call now, or once the session has loaded (and loads it). */
  private call(apply: (session: ChatSession) => void): void {
    if (this.session) return apply(this.session);
    this.calls.push(apply);
    this.load();
  }

  /**
   * Loads the session's code once `after` has settled (the element passes the next frame, so the
   * download never competes with its first paint), if it is needed and not here yet. What waits
   * for the host's `updateComplete` waits for it from now on.
   */
  loadAfter(after: Promise<unknown>): void {
    if (!this.session && (this.options.needed?.() ?? true)) this.load(after);
  }

  private load(after?: Promise<unknown>): void {
    if (this.loading) return;
    const load: SessionLoader = this.options.load ?? (() => import('../session/index.js'));
    this.loading = (after ? after.then(load) : load()).then(
      ({ ChatSession }) => {
        this.loading = undefined;
        this.start(new ChatSession(this.deps));
      },
      (error: unknown) => {
        // Tried again at the next call that needs it, or the next update that does.
        this.loading = undefined;
        console.warn('<ai-chat> could not load its session', error);
      },
    );
  }

  /** The session has loaded: it is wired to the host, configured, and given what waited. */
  private start(session: ChatSession): void {
    const host = this.host;
    this.session = session;
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
    session.onChange(() => host.requestUpdate());
    if (this.provider) session.setTokenProvider(this.provider);
    if (host.isConnected) session.configure(this.settings());
    for (const apply of this.calls.splice(0)) apply(session);
    host.requestUpdate();
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
    if (this.announced.size >= 1000) this.announced = new Set(this.messages.map((m) => m.id));
    this.announced.add(message.id);
    this.announce({ kind: 'message', message });
  }

  private announce(announcement: Announcement): void {
    this.announcements.push(announcement);
    if (this.announcements.length > MAX_ANNOUNCEMENTS) this.announcements.shift();
  }
}
