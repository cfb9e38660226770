import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styles } from './ai-chat.styles.js';
import { ChatController, type TokenProvider } from './chat-controller.js';
import { isBusy, isTyping, type ChatMessage } from './conversation/index.js';
import { AiChatActionEvent } from './events.js';
import { markdown } from './render/markdown-directive.js';
import { followBottom } from './render/auto-scroll.js';
import { nextFrame } from './render/frame.js';
import { entry, strings } from './strings.js';
import { Status } from './transport/status.js';
import { renderCard, type CardAction } from './views/cards.js';

/**
 * An embeddable AI chat: a WebSocket to an AI backend that survives bad networks, streams the
 * reply as sanitized markdown, and can be restyled from outside through parts and custom
 * properties.
 *
 * @summary AI chat widget: streaming markdown replies over a resilient WebSocket.
 * @tag ai-chat
 *
 * @fires {AiChatStatusEvent} ai-chat-status - Every connection status change. `detail: {status, previous, attempt?, retryInMs?, code?, reason?}`.
 * @fires {AiChatMessageEvent} ai-chat-message - A message was added, finished streaming, or changed state. `detail: {message}`.
 * @fires {AiChatSendEvent} ai-chat-send - Before a user message is sent; cancelable. `detail: {content}`.
 * @fires {AiChatActionEvent} ai-chat-action - A choice on a card was clicked; cancelable. `detail: {action, value, message}`.
 * @fires {AiChatErrorEvent} ai-chat-error - A server error, a bad frame, a failed send or a wrong setting. `detail: {code, message}`.
 *
 * @csspart header - The header bar (heading and status).
 * @csspart heading - The heading text.
 * @csspart status - The connection status badge (dot and text).
 * @csspart status-dot - The coloured dot of the status badge.
 * @csspart status-text - The text of the status badge.
 * @csspart log - The transcript (`role="log"`).
 * @csspart empty - The empty state shown before the first message (intro and suggested questions for the feature).
 * @csspart suggestion - A suggested first question in the empty state (a button).
 * @csspart message - Every message; also `user`, `assistant` or `system`, and its state (`pending`, `sent`, `streaming`, `complete`, `interrupted`, `failed`).
 * @csspart content - A message's rendered body.
 * @csspart meta - A message's state line (waiting to send, interrupted, failed).
 * @csspart typing - The typing indicator (in the DOM only while shown).
 * @csspart notice - The offline / session-expired notice.
 * @csspart retry - The Retry button (shown when offline or unauthorized).
 * @csspart composer - The form holding the input and the send button.
 * @csspart input - The message textarea.
 * @csspart send - The send button.
 * @csspart counter - The character counter, shown near and over `max-length`.
 * @csspart card - A rich result card; also its kind (`doctors`, `time-slots`, `confirmation`, `template`, `analysis`).
 * @csspart card-kind - The kind line of a card (e.g. "Plan created: Meal plan").
 * @csspart card-title - A card's title.
 * @csspart card-item - One entry of a card's list.
 * @csspart action - A clickable choice inside a card (also `slot` on time-slot chips).
 * @csspart chip - A chip (e.g. a recommended specialty).
 * @csspart urgency - The urgency level of a symptom analysis.
 * @csspart emergency - The "call emergency services" notice.
 *
 * @slot empty - Replaces the empty state shown before the first message.
 *
 * @cssproperty [--ai-chat-accent=#2563eb] - Accent colour (send button, user bubbles, focus rings).
 * @cssproperty [--ai-chat-accent-foreground=#ffffff] - Text on the accent colour.
 * @cssproperty [--ai-chat-background=#ffffff] - Background of the widget.
 * @cssproperty [--ai-chat-foreground=#111827] - Text colour.
 * @cssproperty [--ai-chat-muted=#4b5563] - Secondary text colour.
 * @cssproperty [--ai-chat-surface=#f3f4f6] - Background of assistant bubbles, cards and code.
 * @cssproperty [--ai-chat-border=#d1d5db] - Border colour.
 * @cssproperty [--ai-chat-font=system-ui, sans-serif] - Font family.
 * @cssproperty [--ai-chat-font-size=15px] - Base font size.
 * @cssproperty [--ai-chat-radius=12px] - Corner radius of the widget, bubbles and cards.
 * @cssproperty [--ai-chat-spacing=12px] - Base spacing unit.
 * @cssproperty [--ai-chat-height=560px] - Height of the widget.
 * @cssproperty [--ai-chat-danger=#b91c1c] - Colour of errors and emergencies.
 * @cssproperty [--ai-chat-success=#15803d] - Colour of the live status dot.
 * @cssproperty [--ai-chat-warning=#b45309] - Colour of the reconnecting status dot.
 */
@customElement('ai-chat')
export class AiChat extends LitElement {
  static override styles = styles;

  private readonly chat = new ChatController(this, () => ({
    endpoint: this.endpoint,
    token: this.token,
    tokenProvider: this.tokenProvider,
    feature: this.feature,
    dialect: this.dialect,
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
  }));

  /** WebSocket URL; `{feature}`, `{user}` and `{session}` are filled in. Relative URLs resolve against the page. */
  @property() endpoint?: string;
  /** Auth token; a new value reconnects at once. */
  @property() token?: string;
  /** AI feature id (`symptom_checker`, `booking_assistant`, …). */
  @property() feature = 'chat';
  /** Wire dialect: `envelope` (default), `booking`, `hybrid`, `conversation`, `consultation`. */
  @property() dialect = 'envelope';
  /** How the token travels: `query`, `message` (first frame) or `protocol` (`Sec-WebSocket-Protocol`). Default: per dialect. */
  @property() auth?: string;
  /** Reply stream URL for the `hybrid` dialect. */
  @property({ attribute: 'stream-url' }) streamUrl?: string;
  /** User id, for dialects and endpoints that need one (`{user}`). */
  @property({ attribute: 'user-id' }) userId?: string;
  /** Conversation id; the widget makes one when unset (`{session}`). */
  @property({ attribute: 'session-id' }) sessionId?: string;
  /** API key, for dialects that need one. */
  @property({ attribute: 'api-key' }) apiKey?: string;
  /** Heading text. */
  @property() heading?: string;
  /** Placeholder of the message input. */
  @property() placeholder?: string;
  /** Reconnect attempts after a drop before giving up (`offline`). */
  @property({ attribute: 'max-retries', type: Number }) maxRetries = 5;
  /** Seconds between heartbeats; `0` turns them off. */
  @property({ type: Number }) heartbeat = 30;
  /**
   * Where the conversation is kept across reloads: `none` (nothing is stored), `session`
   * (sessionStorage) or `local` (localStorage), keyed by endpoint, feature and session id.
   */
  @property() persist = 'none';
  /** The conversation keeps the newest N messages. */
  @property({ attribute: 'max-messages', type: Number }) maxMessages = 100;
  /** The longest message the person may send, in characters (a longer one is not sent and gets an `ai-chat-error` `too-long`). */
  @property({ attribute: 'max-length', type: Number }) maxLength = 4000;
  /** Load images in replies (off by default: a remote image can leak that a page was read). */
  @property({ attribute: 'allow-images', type: Boolean }) allowImages = false;
  /** Returns a token; called before every (re)connect and wins over `token`. */
  @property({ attribute: false }) tokenProvider?: TokenProvider;

  @state() private draft = '';

  @query('textarea') private input?: HTMLTextAreaElement;
  @query('.log') private log?: HTMLElement;
  @query('.messages') private list?: HTMLElement;

  private stopFollowing?: () => void;

  /** The connection status (also the host's `status` attribute). */
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

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.setAttribute('status', this.chat.status);
    this.toggleAttribute('busy', isBusy(this.chat.conversation));
  }

  protected override firstUpdated(): void {
    this.follow();
  }

  protected override updated(): void {
    // The controller's socket events may have changed state after willUpdate ran.
    if (this.getAttribute('status') !== this.chat.status) this.setAttribute('status', this.chat.status);
    this.toggleAttribute('busy', isBusy(this.chat.conversation));
  }

  /** Sends a user message (it waits, shown as pending, while the connection is down). Returns false if nothing was sent. */
  send(content: string): boolean {
    return this.chat.send(content);
  }

  /** Connects (or reconnects at once). */
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

  /** Empties the transcript (messages still waiting to be sent are kept and still sent). */
  clear(): void {
    this.chat.clear();
  }

  override render(): TemplateResult {
    const { conversation, status } = this.chat;
    const length = this.draft.trim().length;
    const tooLong = length > this.maxLength;
    const nearLimit = length > this.maxLength * 0.9;
    const messages = conversation.messages;
    return html`
      <header part="header" class="header">
        <h2 part="heading" id="heading" class="heading">${this.heading ?? strings.heading}</h2>
        ${this.renderStatus(status)}
      </header>
      <div part="log" class="log" role="log" aria-labelledby="heading" tabindex="0">
        <div class="messages">
          ${messages.length === 0 ? this.renderEmpty() : nothing}
          ${repeat(
            messages,
            (message) => message.id,
            (message) => this.renderMessage(message),
          )}
          ${isTyping(conversation) ? this.renderTyping() : nothing}
        </div>
      </div>
      ${status === Status.offline || status === Status.unauthorized ? this.renderNotice(status) : nothing}
      <form part="composer" class="composer" @submit=${this.onSubmit}>
        <textarea
          part="input"
          class="input"
          rows="1"
          aria-label=${strings.inputLabel}
          placeholder=${this.placeholder ?? strings.placeholder}
          aria-invalid=${tooLong ? 'true' : 'false'}
          aria-describedby=${nearLimit ? 'counter' : nothing}
          .value=${this.draft}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
        ></textarea>
        ${
          nearLimit
            ? html`<span part="counter" id="counter" class="counter" data-over=${tooLong ? 'true' : 'false'}
                >${strings.counter(length, this.maxLength)}</span
              >`
            : nothing
        }
        <button
          part="send"
          class="send"
          type="submit"
          aria-label=${strings.send}
          ?disabled=${!this.draft.trim() || tooLong}
        >
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" fill="currentColor"></path>
          </svg>
        </button>
      </form>
    `;
  }

  private renderStatus(status: Status): TemplateResult {
    return html`<span part="status" class="status" data-status=${status} role="status">
      <span part="status-dot" class="dot" aria-hidden="true"></span>
      <span part="status-text">${this.statusText(status)}</span>
    </span>`;
  }

  private statusText(status: Status): string {
    const retryInMs = this.chat.statusDetail?.retryInMs;
    if (status === Status.reconnecting && retryInMs !== undefined && retryInMs >= 1000) {
      return strings.reconnectingIn(Math.ceil(retryInMs / 1000));
    }
    return strings.status[status];
  }

  private renderEmpty(): TemplateResult {
    const feature = entry(strings.features, this.feature);
    return html`<div part="empty" class="empty">
      <slot name="empty">
        <p class="empty-title">${strings.emptyTitle}</p>
        <p class="muted">${feature?.intro ?? strings.emptyBody}</p>
        ${
          feature?.suggestions.length
            ? html`<ul class="suggestions" aria-label=${strings.suggestionsLabel}>
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
    const { role, state } = message;
    const who = role === 'user' ? strings.you : role === 'assistant' ? strings.assistant : strings.notice;
    return html`<div
      part="message ${role} ${state}"
      class="message ${role}"
      data-state=${state}
      aria-busy=${state === 'streaming' ? 'true' : 'false'}
    >
      <span class="visually-hidden">${who}:</span>
      ${this.renderContent(message)}
      ${
        message.card
          ? renderCard(message.card, {
              strings,
              locale: this.locale(),
              choose: (action) => this.onAction(action, message),
            })
          : nothing
      }
      ${this.renderMeta(message)}
    </div>`;
  }

  private renderContent({ role, state, content, card }: ChatMessage): TemplateResult | typeof nothing {
    if (card && !content) return nothing;
    if (role !== 'assistant') return html`<div part="content" class="content plain">${content}</div>`;
    return html`<div
      part="content"
      class="content markdown"
      ${markdown(content, { final: state !== 'streaming', allowImages: this.allowImages, immediate: true })}
    ></div>`;
  }

  private renderMeta(message: ChatMessage): TemplateResult | typeof nothing {
    const text =
      message.state === 'pending'
        ? strings.pending
        : message.state === 'interrupted'
          ? strings.interrupted
          : message.state === 'failed'
            ? message.role === 'assistant'
              ? strings.replyFailed
              : strings.failed
            : undefined;
    return text ? html`<p part="meta" class="meta">${text}</p>` : nothing;
  }

  private renderTyping(): TemplateResult {
    return html`<div part="typing" class="typing" role="img" aria-label=${strings.typing}>
      <span class="typing-dot"></span><span class="typing-dot"></span><span class="typing-dot"></span>
    </div>`;
  }

  private renderNotice(status: Status): TemplateResult {
    const code = this.chat.statusDetail?.code;
    const text =
      status === Status.unauthorized
        ? strings.unauthorizedNotice
        : ((code !== undefined ? entry(strings.closedNotice, code) : undefined) ?? strings.offlineNotice);
    return html`<div part="notice" class="notice" data-status=${status} data-code=${code ?? ''}>
      <p>${text}</p>
      <button part="retry" class="retry" type="button" @click=${this.retry}>${strings.retry}</button>
    </div>`;
  }

  private follow(): void {
    this.stopFollowing?.();
    if (this.log && this.list) this.stopFollowing = followBottom(this.log, this.list);
  }

  /** The language for dates and times: the element's `lang`, else the document's. */
  private locale(): string | undefined {
    return (this.closest('[lang]') as HTMLElement | null)?.lang || undefined;
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

  private onAction(action: CardAction, message: ChatMessage): void {
    const intent = new AiChatActionEvent({ action: action.action, value: action.value, message });
    this.dispatchEvent(intent);
    if (!intent.defaultPrevented) this.chat.send(action.label, action.metadata);
  }
}

/** Browsers with `field-sizing: content` grow the textarea in CSS; others get a small fallback. */
const AUTO_SIZING = typeof CSS !== 'undefined' && CSS.supports?.('field-sizing', 'content');

declare global {
  interface HTMLElementTagNameMap {
    'ai-chat': AiChat;
  }
}
