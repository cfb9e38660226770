import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styles } from './ai-chat.styles.js';
import { ChatController, type Announcement, type TokenProvider } from './chat-controller.js';
import { isBusy, isTyping, type ChatMessage, type Extras } from './conversation/index.js';
import type { Dialect } from './protocol/types.js';
import { AiChatActionEvent } from './events.js';
import { LocaleController } from './locale-controller.js';
import { markdown } from './render/markdown-directive.js';
import { changed } from './same.js';
import { followBottom } from './render/auto-scroll.js';
import { nextFrame } from './render/frame.js';
import {
  directionOf,
  en,
  entry,
  isBuiltIn,
  stringsFor,
  type Strings,
  type StringsOverride,
} from './strings.js';
import { Status } from './transport/status.js';
import { renderActivity } from './views/activity.js';
import { renderCard, type CardAction } from './views/cards.js';
import { renderReasoning, type ReasoningMode } from './views/reasoning.js';
import { renderSources } from './views/sources.js';
import { plainText } from './views/plain-text.js';
import { propertyOnlyAttributes, warnPropertyAsAttribute } from './property-attributes.js';
import { formatTime } from './views/time.js';

/**
 * How much of a finished reply is announced: a screen reader reads this much, then "…" (the
 * whole reply is in the transcript). Reading back a 128 KB reply, and speaking it, would cost
 * the page a long task and the listener minutes.
 */
const ANNOUNCED_CHARACTERS = 600;

/**
 * An embeddable AI chat: a WebSocket to an AI backend that survives bad networks, streams the
 * reply as sanitized markdown, and can be restyled from outside through parts and custom
 * properties.
 *
 * In place (`mode="inline"`, the default) or as a floating launcher button with an unread badge
 * (`mode="launcher"`). Light and dark colours follow the page's `color-scheme` (a page that
 * declares `light dark` follows the system's preference; one that declares only `light`, or
 * nothing, stays light) unless `theme` says.
 * The UI speaks the language of the native `lang` attribute (the element's, else the nearest
 * ancestor's or the document's): English, Spanish, French, German and Arabic are built in, other
 * languages fall back to English, and any string can be replaced through `strings`. Arabic lays
 * out right to left; the native `dir` attribute (`ltr` or `rtl`) overrides the direction. A finished reply is announced
 * to screen readers once, whole (a very long one by its first 600 characters and "…"); a lost connection is announced assertively. With `persist`,
 * other tabs and frames showing the same conversation stay in sync (a `BroadcastChannel`), each
 * sending only what its own person wrote.
 *
 * @summary AI chat widget: streaming markdown replies over a resilient WebSocket.
 * @tag ai-chat
 *
 * @fires {AiChatStatusEvent} ai-chat-status - Every connection status change. `detail: {status, previous, attempt?, retryInMs?, code?, reason?}`.
 * @fires {AiChatMessageEvent} ai-chat-message - A message was added, finished streaming, or changed state. `detail: {message}`.
 * @fires {AiChatSendEvent} ai-chat-send - Before a user message is sent; cancelable. `detail: {content}`.
 * @fires {AiChatActionEvent} ai-chat-action - A choice on a card was clicked; cancelable. `detail: {action, value, message}`.
 * @fires {AiChatStateEvent} ai-chat-state - The backend's shared state changed (AG-UI `STATE_SNAPSHOT`, or a `STATE_DELTA` JSON Patch applied). `detail: {state}`, the whole state.
 * @fires {AiChatDataEvent} ai-chat-data - Application data for the page (AI SDK `data-*` parts, AG-UI `CUSTOM` events); nothing is shown. `detail: {name, data}`.
 * @fires {AiChatErrorEvent} ai-chat-error - A server error, a bad frame, a failed send or a wrong setting (`code`: `server-error`, `bad-frame`, `bad-config` (also "no token"), `send-failed`, `outbox-full`, `connect-timeout`, `target-failed`, `stream-failed`, `reply-too-large`, `too-long`, `token-provider`, …). `detail: {code, message}`.
 *
 * @csspart panel - The chat itself: header, transcript and composer (in `mode="launcher"`, the floating panel).
 * @csspart launcher - The floating button that opens and closes the panel (`mode="launcher"`).
 * @csspart badge - The unread count on the launcher (assistant messages that arrived while the panel was closed).
 * @csspart close - The close button in the header (`mode="launcher"`).
 * @csspart header - The header bar (heading and status).
 * @csspart heading - The heading text.
 * @csspart status - The connection status badge (dot and text).
 * @csspart status-dot - The coloured dot of the status badge.
 * @csspart status-text - The text of the status badge.
 * @csspart log - The transcript (`role="log"`).
 * @csspart empty - The empty state shown before the first message (intro and suggested questions for the feature).
 * @csspart suggestion - A suggested first question in the empty state (a button).
 * @csspart message - Every message bubble; also `user`, `assistant` or `system`, and its state (`pending`, `sent`, `streaming`, `complete`, `interrupted`, `stopped`, `failed`).
 * @csspart avatar - The avatar beside each assistant message (a copy of what is in the `avatar` slot).
 * @csspart content - A message's rendered body.
 * @csspart md-p - A paragraph of a reply. Every element of a rendered reply has a part named after its role (`md-…`); the model cannot set or change them.
 * @csspart md-heading - A heading of a reply (any level); also `md-h1` … `md-h6`.
 * @csspart md-h1 - A level-1 heading of a reply.
 * @csspart md-h2 - A level-2 heading of a reply.
 * @csspart md-h3 - A level-3 heading of a reply.
 * @csspart md-h4 - A level-4 heading of a reply.
 * @csspart md-h5 - A level-5 heading of a reply.
 * @csspart md-h6 - A level-6 heading of a reply.
 * @csspart md-link - A link in a reply (opens in a new tab).
 * @csspart md-strong - Strong (bold) text in a reply, e.g. a warning.
 * @csspart md-em - Emphasized (italic) text in a reply.
 * @csspart md-del - Struck-through text in a reply.
 * @csspart md-code - Inline code in a reply.
 * @csspart md-pre - A code block of a reply (the box).
 * @csspart md-code-block - The code inside a code block (carries `class="language-…"`).
 * @csspart md-blockquote - A quote in a reply.
 * @csspart md-list - A list in a reply; also `md-ul` or `md-ol`.
 * @csspart md-ul - A bulleted list in a reply.
 * @csspart md-ol - A numbered list in a reply.
 * @csspart md-li - A list item in a reply.
 * @csspart md-checkbox - The (disabled) checkbox of a task-list item.
 * @csspart md-table - A table in a reply (scrolls sideways when wider than the bubble).
 * @csspart md-thead - A table's header row group.
 * @csspart md-tbody - A table's body.
 * @csspart md-tr - A table row.
 * @csspart md-cell - A table cell, header or not; also `md-th` or `md-td`. Column alignment from the source (`:---:`, `---:`) is kept.
 * @csspart md-th - A table header cell.
 * @csspart md-td - A table data cell.
 * @csspart md-hr - A horizontal rule in a reply.
 * @csspart md-img - An image in a reply (with `allow-images`).
 * @csspart meta - A message's state line (waiting to send, interrupted, stopped, failed).
 * @csspart time - A message's time, in the reader's language (the full date and time in its tooltip).
 * @csspart typing - The typing indicator (in the DOM only while shown).
 * @csspart notice - The offline / session-expired notice.
 * @csspart retry - The Retry button (shown when offline or unauthorized).
 * @csspart composer - The form holding the input and the send button.
 * @csspart input - The message textarea.
 * @csspart send - The send button.
 * @csspart stop - The stop button, beside send while the assistant produces a reply (also `stop()`).
 * @csspart counter - The character counter, shown near and over `max-length`.
 * @csspart activity - A line for a tool the agent ran (standard streams); also its state (`running`, `done`, `failed`).
 * @csspart activity-name - The tool's name in an activity line.
 * @csspart activity-state - The state text of an activity line ("Running…", "Done", "Failed").
 * @csspart activity-detail - A tool's arguments or result, as plain text (only with `show-tool-details`).
 * @csspart reasoning - The model's reasoning for a reply, a closed `<details>` (only with `reasoning="collapsed"`).
 * @csspart sources - The list of links a reply cites.
 * @csspart source - One cited link (opens in a new tab).
 * @csspart card - A rich result card; also its kind (`doctors`, `time-slots`, `confirmation`, `template`, `analysis`).
 * @csspart card-kind - The kind line of a card (e.g. "Plan created: Meal plan").
 * @csspart card-title - A card's title.
 * @csspart card-item - One entry of a card's list.
 * @csspart action - A clickable choice inside a card (also `slot` on time-slot chips).
 * @csspart chip - A chip (e.g. a recommended specialty).
 * @csspart urgency - The urgency level of a symptom analysis.
 * @csspart emergency - The "call emergency services" notice.
 *
 * @slot header - Replaces the heading (e.g. a logo and a name); the status and the close button stay.
 * @slot avatar - An avatar (an `<img>` or an inline `<svg>`) shown beside every assistant message. It is copied there, so page styles do not reach the copies: style them with `::part(avatar)`.
 * @slot empty - Replaces the empty state shown before the first message.
 * @slot send-icon - Replaces the send button's arrow (an inline `<svg>` or an `<img>`; give it `aria-hidden="true"`: the button keeps its label). Sized to at most 1.25em.
 * @slot launcher-icon - Replaces the launcher's chat icon (`mode="launcher"`, shown while the panel is closed). Sized to 45% of the button.
 *
 * @cssproperty [--ai-chat-accent=#2563eb] - Accent colour (send button, user bubbles, launcher, focus rings). Dark: `#60a5fa`.
 * @cssproperty [--ai-chat-accent-foreground=#ffffff] - Text on the accent colour. Dark: `#0b1220`.
 * @cssproperty [--ai-chat-background=#ffffff] - Background of the widget. Dark: `#111827`.
 * @cssproperty [--ai-chat-foreground=#111827] - Text colour. Dark: `#f3f4f6`.
 * @cssproperty [--ai-chat-muted=#4b5563] - Secondary text colour. Dark: `#cbd5e1`.
 * @cssproperty [--ai-chat-surface=#f3f4f6] - Background of assistant bubbles, suggestions and the avatar. Dark: `#1f2937`.
 * @cssproperty [--ai-chat-border=#d1d5db] - Border colour. Dark: `#374151`.
 * @cssproperty [--ai-chat-danger=#b91c1c] - Colour of errors and emergencies. Dark: `#fca5a5`.
 * @cssproperty [--ai-chat-success=#15803d] - Colour of the live status dot. Dark: `#4ade80`.
 * @cssproperty [--ai-chat-warning=#b45309] - Colour of the reconnecting status dot. Dark: `#fbbf24`.
 * @cssproperty [--ai-chat-focus-ring=var(--ai-chat-accent)] - Colour of the focus ring.
 * @cssproperty [--ai-chat-header-background=transparent] - Background of the header.
 * @cssproperty [--ai-chat-header-foreground=var(--ai-chat-foreground)] - Text colour of the header.
 * @cssproperty [--ai-chat-user-background=var(--ai-chat-accent)] - Background of the person's bubbles.
 * @cssproperty [--ai-chat-user-foreground=var(--ai-chat-accent-foreground)] - Text of the person's bubbles.
 * @cssproperty [--ai-chat-assistant-background=var(--ai-chat-surface)] - Background of the assistant's bubbles.
 * @cssproperty [--ai-chat-assistant-foreground=var(--ai-chat-foreground)] - Text of the assistant's bubbles.
 * @cssproperty [--ai-chat-bubble-radius=var(--ai-chat-radius)] - Corner radius of the bubbles.
 * @cssproperty [--ai-chat-bubble-shadow=none] - Shadow of the bubbles.
 * @cssproperty [--ai-chat-card-background=var(--ai-chat-background)] - Background of the result cards.
 * @cssproperty [--ai-chat-card-border=var(--ai-chat-border)] - Border colour of the result cards.
 * @cssproperty [--ai-chat-card-radius=calc(var(--ai-chat-radius) * 0.75)] - Corner radius of the result cards.
 * @cssproperty [--ai-chat-card-shadow=none] - Shadow of the result cards.
 * @cssproperty [--ai-chat-input-background=var(--ai-chat-background)] - Background of the message input.
 * @cssproperty [--ai-chat-input-border=#6b7280] - Border colour of the message input. Dark: `#9ca3af`.
 * @cssproperty [--ai-chat-font=system-ui, sans-serif] - Font family.
 * @cssproperty [--ai-chat-heading-font=inherit] - Font family of the heading and of headings in replies and cards.
 * @cssproperty [--ai-chat-mono-font=ui-monospace, monospace] - Font family of code.
 * @cssproperty [--ai-chat-font-size=15px] - Base font size.
 * @cssproperty [--ai-chat-line-height=1.5] - Line height.
 * @cssproperty [--ai-chat-radius=12px] - Corner radius of the widget (and by default of bubbles and cards).
 * @cssproperty [--ai-chat-spacing=12px] - Base spacing unit.
 * @cssproperty [--ai-chat-height=560px] - Height of the widget (the most the floating panel takes).
 * @cssproperty [--ai-chat-avatar-size=2em] - Size of the avatar beside assistant messages.
 * @cssproperty [--ai-chat-launcher-size=56px] - Size of the launcher button.
 * @cssproperty [--ai-chat-launcher-background=var(--ai-chat-accent)] - Background of the launcher button.
 * @cssproperty [--ai-chat-launcher-foreground=var(--ai-chat-accent-foreground)] - Icon colour of the launcher button.
 * @cssproperty [--ai-chat-launcher-shadow=0 4px 14px rgb(0 0 0 / 0.25)] - Shadow of the launcher button.
 * @cssproperty [--ai-chat-badge-background=var(--ai-chat-danger)] - Background of the unread badge.
 * @cssproperty [--ai-chat-badge-foreground=#ffffff] - Text of the unread badge. Dark: `#111827`.
 * @cssproperty [--ai-chat-panel-width=380px] - Width of the floating panel (full screen at 480px and narrower).
 * @cssproperty [--ai-chat-panel-shadow=0 12px 40px rgb(0 0 0 / 0.25)] - Shadow of the floating panel.
 * @cssproperty [--ai-chat-offset=20px] - Distance of the launcher and the panel from the viewport's edges.
 * @cssproperty [--ai-chat-z-index=1000] - Stacking order of the launcher and the floating panel.
 */
export class AiChat extends LitElement {
  static override styles = styles;

  private readonly chat = new ChatController(this, () => ({
    endpoint: this.endpoint,
    token: this.token,
    feature: this.feature,
    dialect: this.dialect,
    model: this.model,
    auth: this.auth,
    streamUrl: this.streamUrl,
    userId: this.userId,
    sessionId: this.sessionId,
    apiKey: this.apiKey,
    maxRetries: this.maxRetries,
    heartbeat: this.heartbeat,
    maxMessages: this.maxMessages,
    maxLength: this.maxLength,
    persist: this.persist,
    mode: this.mode,
    theme: this.theme,
    connect: this.connectMode,
    idleTimeout: this.idleTimeout,
    panelOpen: !this.floating || this.opened,
  }));
  private readonly locale = new LocaleController(this);

  /** WebSocket URL; `{feature}` (snake_case turned into kebab-case), `{user}` and `{session}` are filled in. A relative URL resolves against the page; `http(s):` becomes `ws(s):`. */
  @property() endpoint?: string;
  /** Auth token; a new value reconnects at once. */
  @property() token?: string;
  /** AI feature id (`symptom_checker`, `booking_assistant`, …). */
  @property() feature = 'chat';
  /**
   * Wire dialect: `envelope` (default), `booking`, `hybrid`, `conversation`, `consultation`, or a
   * standard stream over HTTP: `agui` (AG-UI), `ai-sdk` (the Vercel AI SDK UI message stream),
   * `openai` (Chat Completions streaming; needs `model`), which load on first use. As a property,
   * also a dialect object (`SocketDialect` or `HttpDialect`: a partner's own backend, validated; an
   * equal object built anew changes nothing).
   */
  @property({ hasChanged: changed }) dialect: string | Dialect = 'envelope';
  /** Model name, for OpenAI-compatible backends (`dialect="openai"`). */
  @property() model?: string;
  /** How the token travels: `query`, `message` (first frame), `protocol` (`Sec-WebSocket-Protocol`) or `header` (`Authorization: Bearer`, the standard streams). Default: per dialect. */
  @property() auth?: string;
  /** Reply stream URL for the `hybrid` dialect. */
  @property({ attribute: 'stream-url' }) streamUrl?: string;
  /** User id, for dialects and endpoints that need one (`{user}`). */
  @property({ attribute: 'user-id' }) userId?: string;
  /** Conversation id (`{session}`); when unset, the widget makes one and keeps it across reconnects. */
  @property({ attribute: 'session-id' }) sessionId?: string;
  /** API key, for dialects that need one. */
  @property({ attribute: 'api-key' }) apiKey?: string;
  /** Heading text. */
  @property() heading?: string;
  /** Placeholder of the message input. */
  @property() placeholder?: string;
  /** Reconnect attempts after a drop before the status says `offline` (0–100); it still retries at the backoff cap while the browser is online, and comes back by itself. */
  @property({ attribute: 'max-retries', type: Number }) maxRetries = 5;
  /**
   * Seconds between heartbeats (1–3600; `0` turns heartbeats and liveness off). Where the server
   * answers heartbeats, nothing received for two intervals means a dead socket; elsewhere, no
   * frame for two intervals while an answer or a reply is expected. A dead socket is replaced.
   */
  @property({ type: Number }) heartbeat = 30;
  /**
   * Where the conversation is kept across reloads: `none` (nothing is stored), `session`
   * (sessionStorage) or `local` (localStorage), keyed by endpoint, feature and session id. The session id
   * is kept too, so a reload continues the conversation and sends what was still waiting; `clear()`
   * wipes the saved copy. Other tabs and frames showing the same conversation stay in sync.
   */
  @property() persist = 'none';
  /** The conversation keeps the newest N messages (never dropping one still waiting to be sent). */
  @property({ attribute: 'max-messages', type: Number }) maxMessages = 100;
  /** The longest message the person may send, in characters (a longer one is not sent and gets an `ai-chat-error` `too-long`). */
  @property({ attribute: 'max-length', type: Number }) maxLength = 4000;
  /** Load images in replies (off by default: a remote image can leak that a page was read); without it, an image becomes a link. */
  @property({ attribute: 'allow-images', type: Boolean }) allowImages = false;
  /**
   * The model's reasoning (standard streams): `hidden` (default) or `collapsed` (a closed
   * "Reasoning" `<details>` above the reply, plain text).
   */
  @property() reasoning: ReasoningMode = 'hidden';
  /**
   * Show each tool's arguments and result (a closed "Details" under its activity line, plain text).
   * Off by default: the tool lines show only the tool's name and state.
   */
  @property({ attribute: 'show-tool-details', type: Boolean }) showToolDetails = false;
  /**
   * `() => string | Promise<string>`: returns a token; called before every (re)connect (so a
   * short-lived token can be refreshed) and wins over `token`. Assigning one never reconnects by
   * itself (a framework may re-create it on every render): the newest is used at the next
   * (re)connect, and at once only while the status is `unauthorized` or `offline`, or the widget
   * waits for credentials.
   */
  @property({ attribute: false, noAccessor: true })
  get tokenProvider(): TokenProvider | undefined {
    return this._tokenProvider;
  }
  set tokenProvider(provider: TokenProvider | undefined) {
    this._tokenProvider = provider;
    this.chat.session.setTokenProvider(provider);
  }
  private _tokenProvider?: TokenProvider;
  /**
   * When to connect: `auto` (on load; the inline default), `open` (when the launcher's panel
   * opens or a message is sent; the launcher default) or `manual` (only `connect()`). While
   * disconnected on purpose the status is `idle`; messages written meanwhile wait in the outbox.
   * (The property is `connectMode`: `connect()` is the method.)
   */
  @property({ attribute: 'connect' }) connectMode?: 'auto' | 'open' | 'manual';
  /**
   * Seconds of nothing happening (no message waiting, no reply under way) before the connection
   * is closed cleanly while the launcher's panel is closed or the page hidden (status `idle`); the
   * next message, or opening the panel, reconnects. Default: 120 for a launcher, off inline; `0`
   * turns it off.
   */
  @property({ attribute: 'idle-timeout', type: Number }) idleTimeout?: number;
  /**
   * `inline` (default): the chat in place, as tall as `--ai-chat-height`. `launcher`: a floating
   * button at the bottom corner that opens the chat as a panel (full screen on narrow screens).
   */
  @property({ reflect: true }) mode?: 'inline' | 'launcher';
  /** Colours: `auto` (default; follows the page's `color-scheme`, and the system's preference where the page allows both), `light` or `dark`. */
  @property({ reflect: true }) theme?: 'auto' | 'light' | 'dark';
  /** Whether the launcher's panel is open (`mode="launcher"`; the `open` attribute); also `open()` and `close()`. */
  @property({ attribute: 'open', type: Boolean, reflect: true }) opened = false;
  /**
   * Any of the UI strings, merged over the built-in language chosen from `lang` (English,
   * Spanish, French, German or Arabic); a table (`status`, `features`, …) may name only the
   * entries it changes. The `Strings` type lists every key.
   */
  @property({ attribute: false, hasChanged: changed }) strings?: StringsOverride;

  @state() private draft = '';
  /** What is in the `avatar` slot, copied beside each assistant message. */
  @state() private avatar: readonly Node[] = [];

  @query('textarea') private input?: HTMLTextAreaElement;
  @query('.log') private log?: HTMLElement;
  @query('.messages') private list?: HTMLElement;
  @query('.panel') private panel?: HTMLElement;
  @query('.launcher') private launcher?: HTMLButtonElement;
  @query('#polite') private politeRegion?: HTMLElement;
  @query('#urgent') private urgentRegion?: HTMLElement;

  private stopFollowing?: () => void;
  /** The strings, language and direction in use (worked out before each render). */
  private text: Strings = en;
  private uiLang = 'en';
  private uiDir: 'ltr' | 'rtl' = 'ltr';
  private textKey?: { lang: string; override?: StringsOverride };
  /** `chat.arrivals` when the reader last saw the transcript: the unread count starts there. */
  private readMark = 0;
  /** Announcements to write into the live regions once the update has rendered them. */
  private toAnnounce: Announcement[] = [];
  /** The connection was lost (and that was announced): the next `connected` is announced as its return. */
  private lost = false;
  /** Focus was inside the panel when it closed: it goes back to the launcher. */
  private returnFocus = false;
  /** The avatar copies beside each assistant message, by message id. */
  private avatarCopies = new Map<string, Node[]>();

  constructor() {
    super();
    this.addEventListener('keydown', this.onHostKeydown);
  }

  /** Also the attributes a framework may set by mistake for `tokenProvider` or `strings` (it warns). */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...propertyOnlyAttributes];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (value !== null) warnPropertyAsAttribute(name);
  }

  /**
   * The connection status (also the host's `status` attribute): `idle` (no endpoint, disconnected
   * on purpose — `disconnect()`, `connect` mode, idle timeout — or waiting for a token),
   * `connecting`, `connected`, `reconnecting`, `offline` or `unauthorized`. For HTTP dialects
   * (no socket): `connected` = nothing known broken, `reconnecting` = a failed request waits to be
   * made again, `offline` = the browser is offline or `max-retries` requests failed.
   */
  get status(): Status {
    return this.chat.status;
  }

  /** The conversation, oldest first (read-only). */
  get messages(): readonly ChatMessage[] {
    return this.chat.messages;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopFollowing?.();
    this.stopFollowing = undefined;
  }

  /**
   * Renders at most once per animation frame, however many socket frames arrive in between
   * (the first render is not delayed).
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (this.hasUpdated) await nextFrame();
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.setAttribute('status', this.chat.status);
    this.toggleAttribute('busy', isBusy(this.chat.conversation));
    this.resolveLanguage();
    if (!this.floating || this.opened) this.readMark = this.chat.arrivals;
    // Closing: focus inside the panel (it is about to be hidden) goes back to the launcher.
    if (changed.get('opened') === true && !this.opened) this.returnFocus = this.panelHasFocus();
    this.toAnnounce.push(...this.chat.takeAnnouncements());
    this.pruneAvatarCopies();
  }

  protected override firstUpdated(): void {
    this.follow();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The controller's socket events may have changed state after willUpdate ran.
    if (this.getAttribute('status') !== this.chat.status) this.setAttribute('status', this.chat.status);
    this.toggleAttribute('busy', isBusy(this.chat.conversation));
    if (changed.get('opened') !== undefined && this.floating) {
      if (this.opened) this.input?.focus();
      else if (this.returnFocus) this.launcher?.focus();
    }
    this.returnFocus = false;
    this.announce();
  }

  /**
   * Sends a user message. It is `pending` until the server is known to have it (then `sent`),
   * waiting in the outbox while the connection is down, and resent with the same id after a drop.
   * Returns false if nothing was sent (empty, too long, or `ai-chat-send` was cancelled).
   */
  send(content: string): boolean {
    return this.chat.send(content);
  }

  /** Connects now, whatever the `connect` mode (or starts again at once after `offline` or `unauthorized`). */
  connect(): void {
    this.chat.connect();
  }

  /** Closes the connection and stays disconnected (`idle`) until `connect()`. */
  disconnect(): void {
    this.chat.disconnect();
  }

  /** Tries to connect again at once, e.g. after `offline` or `unauthorized`. */
  retry(): void {
    this.chat.connect();
  }

  /**
   * Stops the reply the assistant is producing: what arrived stays, marked `stopped`. Dialects
   * that can cancel are asked to; an HTTP stream is aborted; otherwise the rest of that reply is
   * dropped as it arrives. Also the stop button (`part="stop"`) shown while a reply streams.
   */
  stop(): void {
    this.chat.stop();
  }

  /**
   * Empties the transcript and the outbox, and forgets the saved copy. Unless the host set
   * `session-id`, a new session starts (a new id), so the next person on a shared device does not
   * continue the previous one's conversation on the server.
   */
  clear(): void {
    this.chat.clear();
  }

  /** Opens the launcher's panel (`mode="launcher"`) and puts the focus in the message input. */
  open(): void {
    this.opened = true;
  }

  /** Closes the launcher's panel (`mode="launcher"`); focus that was inside it goes back to the launcher. */
  close(): void {
    this.opened = false;
  }

  override render(): TemplateResult {
    const floating = this.floating;
    const status = this.chat.status;
    return html`<div class="root" lang=${this.uiLang} dir=${this.uiDir}>
      ${floating ? this.renderLauncher() : nothing}
      <div
        part="panel"
        id="panel"
        class=${floating ? 'panel floating' : 'panel'}
        role=${floating ? 'dialog' : nothing}
        aria-labelledby=${floating ? 'heading' : nothing}
        ?hidden=${floating && !this.opened}
      >
        ${this.renderHeader(floating)} ${this.renderLog()}
        ${status === Status.offline || status === Status.unauthorized ? this.renderNotice(status) : nothing}
        ${this.renderComposer()}
      </div>
      <div id="polite" class="visually-hidden" role="status"></div>
      <div id="urgent" class="visually-hidden" role="alert"></div>
      <slot name="avatar" class="avatar-source" @slotchange=${this.onAvatarSlot}></slot>
    </div>`;
  }

  private renderLauncher(): TemplateResult {
    const t = this.text;
    const unread = this.opened ? 0 : this.chat.arrivals - this.readMark;
    const label = this.opened ? t.closeChat : unread > 0 ? t.openChatUnread(unread) : t.openChat;
    return html`<button
      part="launcher"
      class="launcher"
      type="button"
      aria-controls="panel"
      aria-expanded=${this.opened ? 'true' : 'false'}
      aria-label=${label}
      @click=${this.toggle}
    >
      ${this.opened ? CLOSE_ICON : html`<slot name="launcher-icon">${CHAT_ICON}</slot>`}
      ${
        unread > 0
          ? html`<span part="badge" class="badge" aria-hidden="true"
              >${unread > 99 ? `${(99).toLocaleString(this.uiLang)}+` : unread.toLocaleString(this.uiLang)}</span
            >`
          : nothing
      }
    </button>`;
  }

  private renderHeader(floating: boolean): TemplateResult {
    const t = this.text;
    // A div, not <header>: the widget's header is no banner landmark of the page.
    return html`<div part="header" class="header">
      <div class="header-main">
        <slot name="header"
          ><h2 part="heading" id="heading" class="heading">${this.heading ?? t.heading}</h2></slot
        >
        ${this.renderStatus(this.chat.status)}
      </div>
      ${
        floating
          ? html`<button
              part="close"
              class="close"
              type="button"
              aria-label=${t.closeChat}
              @click=${this.close}
            >
              ${CLOSE_ICON}
            </button>`
          : nothing
      }
    </div>`;
  }

  private renderLog(): TemplateResult {
    const { conversation } = this.chat;
    const messages = conversation.messages;
    // Not a live region itself: a finished reply is announced once, through #polite, not per token.
    return html`<div part="log" class="log" role="log" aria-live="off" aria-labelledby="heading" tabindex="0">
      <div class="messages">
        ${messages.length === 0 ? this.renderEmpty() : nothing}
        ${repeat(
          messages,
          (message) => message.id,
          (message) => this.renderMessage(message),
        )}
        ${conversation.upcoming ? this.renderUpcoming(conversation.upcoming) : nothing}
        ${isTyping(conversation) ? this.renderTyping() : nothing}
      </div>
    </div>`;
  }

  private renderComposer(): TemplateResult {
    const t = this.text;
    const length = this.draft.trim().length;
    const tooLong = length > this.maxLength;
    const nearLimit = length > this.maxLength * 0.9;
    return html`<form part="composer" class="composer" @submit=${this.onSubmit}>
      <textarea
        part="input"
        class="input"
        rows="1"
        dir="auto"
        aria-label=${t.inputLabel}
        placeholder=${this.placeholder ?? t.placeholder}
        aria-invalid=${tooLong ? 'true' : 'false'}
        aria-describedby=${nearLimit ? 'counter' : nothing}
        .value=${this.draft}
        @input=${this.onInput}
        @keydown=${this.onKeydown}
      ></textarea>
      ${
        nearLimit
          ? html`<span part="counter" id="counter" class="counter" data-over=${tooLong ? 'true' : 'false'}
              >${t.counter(length, this.maxLength)}</span
            >`
          : nothing
      }
      ${
        isBusy(this.chat.conversation)
          ? html`<button part="stop" class="stop" type="button" aria-label=${t.stop} @click=${this.onStop}>
              <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
                <rect x="5" y="5" width="14" height="14" rx="2" fill="currentColor"></rect>
              </svg>
            </button>`
          : nothing
      }
      <button
        part="send"
        class="send"
        type="submit"
        aria-label=${t.send}
        ?disabled=${!this.draft.trim() || tooLong}
      >
        <slot name="send-icon"
          ><svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" fill="currentColor"></path></svg
        ></slot>
      </button>
    </form>`;
  }

  private renderStatus(status: Status): TemplateResult {
    // Plain text: status changes are announced through the hidden #polite / #urgent regions.
    return html`<span part="status" class="status" data-status=${status}>
      <span part="status-dot" class="dot" aria-hidden="true"></span>
      <span part="status-text">${this.statusText(status)}</span>
    </span>`;
  }

  private statusText(status: Status): string {
    const retryInMs = this.chat.statusDetail?.retryInMs;
    if (status === Status.reconnecting && retryInMs !== undefined && retryInMs >= 1000) {
      return this.text.reconnectingIn(Math.ceil(retryInMs / 1000));
    }
    // No connection stays open for a standard stream: "Ready", not "Live".
    if (status === Status.connected && this.chat.currentConfig?.dialect.channel === 'http')
      return this.text.ready;
    return this.text.status[status];
  }

  private renderEmpty(): TemplateResult {
    const t = this.text;
    const feature = entry(t.features, this.feature);
    return html`<div part="empty" class="empty">
      <slot name="empty">
        <p class="empty-title">${t.emptyTitle}</p>
        <p class="muted">${feature?.intro ?? t.emptyBody}</p>
        ${
          feature?.suggestions.length
            ? html`<ul class="suggestions" aria-label=${t.suggestionsLabel}>
                ${feature.suggestions.map(
                  (question) =>
                    html`<li>
                      <button
                        part="suggestion"
                        type="button"
                        class="suggestion"
                        @click=${() => this.suggest(question)}
                      >
                        ${question}
                      </button>
                    </li>`,
                )}
              </ul>`
            : nothing
        }
      </slot>
    </div>`;
  }

  private renderMessage(message: ChatMessage): TemplateResult {
    const t = this.text;
    const { role, state } = message;
    const who = role === 'user' ? t.you : role === 'assistant' ? t.assistant : t.notice;
    return html`<div class="row ${role}">
      ${
        role === 'assistant' && this.avatar.length > 0
          ? html`<div part="avatar" class="avatar" aria-hidden="true" inert>
              ${this.avatarFor(message.id)}
            </div>`
          : nothing
      }
      <div
        part="message ${role} ${state}"
        class="message ${role}"
        data-id=${message.id}
        data-state=${state}
        aria-busy=${state === 'streaming' ? 'true' : 'false'}
      >
        <span class="visually-hidden">${who}:</span>
        ${renderReasoning(message.reasoning, this.reasoning, t)}
        ${renderActivity(message.activity, { strings: t, details: this.showToolDetails })}
        ${this.renderContent(message)}
        ${
          message.card
            ? renderCard(message.card, {
                strings: t,
                locale: this.uiLang,
                choose: (action) => this.onAction(action, message),
              })
            : nothing
        }
        ${renderSources(message.sources, t)} ${this.renderMeta(message)} ${this.renderTime(message)}
      </div>
    </div>`;
  }

  /** What arrived for a reply that has not begun (a tool running first), where it will show. */
  private renderUpcoming(upcoming: Extras): TemplateResult {
    const t = this.text;
    return html`<div class="row assistant upcoming">
      ${renderReasoning(upcoming.reasoning, this.reasoning, t)}
      ${renderActivity(upcoming.activity, { strings: t, details: this.showToolDetails })}
    </div>`;
  }

  private renderContent({ role, state, content, card }: ChatMessage): TemplateResult | typeof nothing {
    if (card && !content) return nothing;
    // A reply that so far only ran tools (or thought) has no text to show yet.
    if (role === 'assistant' && !content && state !== 'streaming') return nothing;
    // dir="auto": a message runs in its own text's direction (English in an Arabic UI, and back).
    if (role !== 'assistant')
      return html`<div part="content" class="content plain" dir="auto">${content}</div>`;
    return html`<div
      part="content"
      class="content markdown"
      dir="auto"
      ${markdown(content, { final: state !== 'streaming', allowImages: this.allowImages })}
    ></div>`;
  }

  private renderMeta(message: ChatMessage): TemplateResult | typeof nothing {
    const t = this.text;
    const text =
      message.state === 'pending'
        ? t.pending
        : message.state === 'interrupted'
          ? t.interrupted
          : message.state === 'stopped'
            ? t.stopped
            : message.state === 'failed'
              ? message.role === 'assistant'
                ? t.replyFailed
                : t.failed
              : undefined;
    return text ? html`<p part="meta" class="meta">${text}</p>` : nothing;
  }

  private renderTime({ role, time }: ChatMessage): TemplateResult | typeof nothing {
    if (role === 'system') return nothing;
    const when = formatTime(time, this.uiLang);
    return when
      ? html`<time part="time" class="time" datetime=${time} title=${when.long}>${when.short}</time>`
      : nothing;
  }

  private renderTyping(): TemplateResult {
    return html`<div part="typing" class="typing" role="img" aria-label=${this.text.typing}>
      <span class="typing-dot"></span><span class="typing-dot"></span><span class="typing-dot"></span>
    </div>`;
  }

  private renderNotice(status: Status): TemplateResult {
    const t = this.text;
    const code = this.chat.statusDetail?.code;
    const text =
      status === Status.unauthorized
        ? t.unauthorizedNotice
        : ((code !== undefined ? entry(t.closedNotice, code) : undefined) ?? t.offlineNotice);
    return html`<div part="notice" class="notice" data-status=${status} data-code=${code ?? ''}>
      <p>${text}</p>
      <button part="retry" class="retry" type="button" @click=${this.retry}>${t.retry}</button>
    </div>`;
  }

  private follow(): void {
    this.stopFollowing?.();
    if (this.log && this.list) this.stopFollowing = followBottom(this.log, this.list);
  }

  private get floating(): boolean {
    return this.mode === 'launcher';
  }

  /**
   * The strings, language and direction: the built-in language of `lang` (the element's, else the
   * nearest ancestor's or the document's), English when there is none (unless `strings` supplies
   * the words); the direction from the element's own `dir`, else from the language.
   */
  private resolveLanguage(): void {
    const requested = canonical(this.locale.lang);
    const lang = requested && (isBuiltIn(requested) || this.strings) ? requested : 'en';
    if (this.textKey?.lang !== lang || this.textKey.override !== this.strings) {
      this.text = stringsFor(lang, this.strings);
      this.textKey = { lang, override: this.strings };
    }
    this.uiLang = lang;
    this.uiDir = this.locale.dir ?? directionOf(lang);
  }

  private panelHasFocus(): boolean {
    const active = this.shadowRoot?.activeElement;
    if (active) return this.panel?.contains(active) ?? false;
    const outside = document.activeElement;
    return outside !== null && outside !== this && this.contains(outside);
  }

  /**
   * Writes what happened since the last update into the hidden live regions: a finished reply or
   * a system line politely (once, never per token; a long reply's text cut to its first
   * `ANNOUNCED_CHARACTERS` and "…", the rest is in the transcript), a lost connection assertively, its
   * return politely. Each write replaces the region's text, so it is read once.
   */
  private announce(): void {
    if (this.toAnnounce.length === 0) return;
    const t = this.text;
    const polite: string[] = [];
    const urgent: string[] = [];
    for (const item of this.toAnnounce.splice(0)) {
      if (item.kind === 'message') {
        const bubble = this.renderRoot.querySelector(`.message[data-id="${CSS.escape(item.message.id)}"]`);
        const content = bubble?.querySelector('.content');
        const text = bubble
          ? plainText(bubble, content ? { node: content, limit: ANNOUNCED_CHARACTERS } : undefined)
          : '';
        if (text) polite.push(text);
        continue;
      }
      const { status, previous, code } = item;
      if (status === Status.reconnecting && previous === Status.connected) urgent.push(t.connectionLost);
      else if (status === Status.offline)
        urgent.push((code !== undefined ? entry(t.closedNotice, code) : undefined) ?? t.offlineNotice);
      else if (status === Status.unauthorized) urgent.push(t.unauthorizedNotice);
      else if (status === Status.connected && this.lost) polite.push(t.reconnected);
      else continue;
      this.lost = status !== Status.connected;
    }
    if (polite.length && this.politeRegion) this.politeRegion.textContent = polite.join('\n');
    if (urgent.length && this.urgentRegion) this.urgentRegion.textContent = urgent.join('\n');
  }

  /** Copies of the `avatar` slot's content for one message (made once per message). */
  private avatarFor(id: string): Node[] {
    let copies = this.avatarCopies.get(id);
    if (!copies) {
      copies = this.avatar.map((node) => {
        const copy = node.cloneNode(true);
        if (copy instanceof Element) {
          copy.removeAttribute('slot');
          for (const element of [copy, ...copy.querySelectorAll('[id]')]) element.removeAttribute('id');
        }
        return copy;
      });
      this.avatarCopies.set(id, copies);
    }
    return copies;
  }

  /** Drops the copies of messages no longer in the transcript (none are kept per message gone). */
  private pruneAvatarCopies(): void {
    const messages = this.chat.messages;
    if (this.avatarCopies.size <= messages.length) return;
    const ids = new Set(messages.map((m) => m.id));
    for (const id of this.avatarCopies.keys()) if (!ids.has(id)) this.avatarCopies.delete(id);
  }

  private suggest(question: string): void {
    this.chat.send(question);
    this.input?.focus();
  }

  private onInput(event: InputEvent): void {
    const input = event.target as HTMLTextAreaElement;
    this.draft = input.value;
    if (this.draft) this.chat.typing();
    if (!AUTO_SIZING) {
      input.style.height = 'auto';
      input.style.height = `${input.scrollHeight}px`;
    }
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.submit();
  }

  private submit(): void {
    if (this.chat.send(this.draft)) {
      this.draft = '';
      if (this.input) {
        this.input.value = '';
        if (!AUTO_SIZING) this.input.style.height = '';
      }
    }
    this.input?.focus();
  }

  private onStop(): void {
    this.stop();
    // The button goes away with the reply: focus stays in the composer.
    this.input?.focus();
  }

  private toggle(): void {
    this.opened = !this.opened;
  }

  /** Escape closes the launcher's panel (and focus goes back to the launcher). */
  private readonly onHostKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.isComposing || event.defaultPrevented) return;
    if (!this.floating || !this.opened) return;
    event.preventDefault();
    this.close();
  };

  private onAvatarSlot(event: Event): void {
    const nodes = (event.target as HTMLSlotElement).assignedNodes({ flatten: true });
    this.avatar = nodes.filter((node) => node.nodeType === Node.ELEMENT_NODE || node.textContent?.trim());
    this.avatarCopies.clear();
  }

  private onAction(action: CardAction, message: ChatMessage): void {
    const intent = new AiChatActionEvent({ action: action.action, value: action.value, message });
    this.dispatchEvent(intent);
    if (!intent.defaultPrevented) this.chat.send(action.label, action.metadata);
  }
}

/** Browsers with `field-sizing: content` grow the textarea in CSS; others get a small fallback. */
const AUTO_SIZING = typeof CSS !== 'undefined' && CSS.supports?.('field-sizing', 'content');

/** A language tag in canonical form, `''` when there is none or it is not a valid tag. */
function canonical(tag: string): string {
  try {
    return (tag && Intl.getCanonicalLocales(tag)[0]) || '';
  } catch {
    return '';
  }
}

const CHAT_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path
    fill="currentColor"
    d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"
  ></path>
</svg>`;

const CLOSE_ICON = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path
    fill="currentColor"
    d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z"
  ></path>
</svg>`;

declare global {
  interface HTMLElementTagNameMap {
    'ai-chat': AiChat;
  }
}

// Defined once, by whichever copy loads first: loading the script twice, or both the ES module and
// the IIFE build on one page, is harmless (a second define() would throw). Only where there is a
// registry: on a server (Node, SSR) this module loads without defining anything, or defines into
// the registry Lit's server build provides (`@lit-labs/ssr` renders from it).
if (globalThis.customElements && !customElements.get('ai-chat')) customElements.define('ai-chat', AiChat);
