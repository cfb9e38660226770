// <ai-chat>: properties, lifecycle, public methods and a render() that composes the views of
// ./views/. Over 400 lines only by its API block (every part, custom property, slot and event,
// which the manifest and docs/api.md are generated from) and its comments; the code itself is
// under 400.
import {
  LitElement,
  adoptStyles,
  html,
  isServer,
  nothing,
  supportsAdoptingStyleSheets,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import { styles } from './ai-chat.styles.js';
import { AvatarCopies } from './controllers/avatar-copies.js';
import { ChatController, type TokenProvider } from './controllers/chat-controller.js';
import { LocaleController } from './controllers/locale-controller.js';
import { OnDemand } from './controllers/on-demand.js';
import { Unread } from './controllers/unread.js';
import type { ChatMessage } from './transcript/index.js';
import { isBusy, isTyping } from './transcript/state.js';
import { AiChatActionEvent } from './events.js';
import type { Strings, StringsOverride } from './i18n/index.js';
import { propertyOnlyAttributes, warnPropertyAsAttribute } from './property-attributes.js';
import { nextFrame, renderSlot } from './render/frame.js';
import { changed } from './same.js';
import {
  ConnectMode,
  readSettings,
  settingDefaults,
  settingProperties,
  type SettingValues,
} from './settings.js';
import type { Status } from './transport/status.js';
import type { CardAction } from './views/cards.js';
import { launcher } from './views/launcher.js';
import { launcherStyles } from './views/launcher.styles.js';
import type { Renderers } from './views/message.js';
import { bundledPanel, loadPanel, type PanelModule } from './panel-source.js';
import type { HeightFloor } from './render/height-floor.js';
import type { PanelView } from './views/panel.js';

// The settings of ./settings.ts are this class's properties (their JSDoc is there, and in the manifest).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface AiChat extends SettingValues {}

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
 * @fires {AiChatStateEvent} ai-chat-state - The backend's shared state changed (AG-UI `STATE_SNAPSHOT`, or a `STATE_DELTA` JSON Patch applied); `state` is the whole state as it is now. `detail: {state}`.
 * @fires {AiChatDataEvent} ai-chat-data - Application data for the page (AI SDK `data-*` parts, AG-UI `CUSTOM` events); nothing is shown. `detail: {name, data}`.
 * @fires {AiChatErrorEvent} ai-chat-error - A server error, a bad frame, a failed send or a wrong setting. `code` is one of `AiChatErrorCode` (`bad-config` (also "no token"), `bad-frame`, `server-error`, `unauthorized`, `send-failed`, `outbox-full`, `too-long`, `connect-timeout`, `socket-failed`, `target-failed`, `token-provider`, `stream-failed`, `stream-error`, `reply-too-large`; see docs/api.md) or a server's own code. `detail: {code, message}`.
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
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class AiChat extends LitElement {
  // The panel's styles come with its code (adopted when it arrives, unless bundled with the element).
  static override styles = [styles, launcherStyles, ...(bundledPanel?.styles ?? [])];
  /**
   * Every setting (`endpoint`, `feature`, `max-retries`, …), from the one table in ./settings.ts,
   * and the properties below (declared here, without decorators: their helpers would cost every
   * page bytes).
   */
  static override properties = {
    ...settingProperties,
    tokenProvider: { attribute: false, noAccessor: true },
    opened: { attribute: 'open', type: Boolean, reflect: true },
    strings: { attribute: false, hasChanged: changed },
    draft: { state: true },
  };

  /** The session with the backend, bridged to the element's lifetime. */
  private readonly chat = new ChatController(
    this,
    () => ({ ...readSettings(this), panelOpen: this.inView }),
    {},
    // Its code loads once the chat is in view and its panel shown (in the next frame, so it never
    // competes with the first paint), or at once where a closed launcher connects on load. A
    // closed launcher that connects when opened (its default) loads none of it and opens no socket.
    {
      needed: () =>
        this.inView ? this.panelShown || this.panelPart.failed : this.connectMode === ConnectMode.auto,
    },
  );
  /** What loads on demand: the panel, the markdown renderer (with its sanitizer), the cards. */
  private readonly parts = new OnDemand(this);
  /** The panel (header, transcript, composer): once the chat is in view, or on the launcher's hover or focus. */
  private readonly panelPart = this.parts.module(loadPanel, (part) => this.arrived(part), bundledPanel);
  /** The panel's code if it has arrived (without asking for it). */
  private get panelCode(): PanelModule | undefined {
    return this.panelPart.ready ? this.panelPart.get() : undefined;
  }
  /** The panel has been rendered (an update ago): the session may load. */
  private panelShown = false;
  // (Asked for through the panel's code: they draw inside it, and so what they share with it is
  // in its chunk, not in chunks of their own.)
  private readonly markdownRenderer = this.parts.module(async () => (await loadPanel()).loadMarkdown());
  private readonly cardRenderer = this.parts.module(async () => (await loadPanel()).loadCards());
  /** The language, its strings and the direction. */
  private readonly locale = new LocaleController(
    this,
    () => this.strings,
    // What a server rendered is hydrated: the first render must match it, in English while the
    // language's file is on its way.
    () => isServer || this.serverRendered,
  );
  /** A server rendered this element: its declarative shadow root was there before it upgraded. */
  private readonly serverRendered = !isServer && this.shadowRoot !== null;
  private readonly avatars = new AvatarCopies(this, () => this.chat.messages.map((m) => m.id));
  private readonly unread = new Unread(
    this,
    () => this.chat.arrivals,
    () => this.inView,
  );

  /**
   * `() => string | Promise<string>`: returns a token; called before every (re)connect (so a
   * short-lived token can be refreshed) and wins over `token`. Assigning one never reconnects by
   * itself (a framework may re-create it on every render): the newest is used at the next
   * (re)connect, and at once only while the status is `unauthorized` or `offline`, or the widget
   * waits for credentials.
   */
  get tokenProvider(): TokenProvider | undefined {
    return this._tokenProvider;
  }
  set tokenProvider(provider: TokenProvider | undefined) {
    this._tokenProvider = provider;
    this.chat.setTokenProvider(provider);
  }
  private _tokenProvider?: TokenProvider;
  /** Whether the launcher's panel is open (`mode="launcher"`; the `open` attribute); also `open()` and `close()`. */
  opened = false;
  /**
   * Any of the UI strings, merged over the built-in language chosen from `lang` (English,
   * Spanish, French, German or Arabic); a table (`status`, `features`, …) may name only the
   * entries it changes. The `Strings` type lists every key.
   */
  strings?: StringsOverride;

  /** What the person has typed and not sent yet. */
  private draft = '';

  private get input(): HTMLTextAreaElement | null {
    return this.find('textarea');
  }
  private get log(): HTMLElement | null {
    return this.find('.log');
  }
  private get list(): HTMLElement | null {
    return this.find('.messages');
  }
  private get panelElement(): HTMLElement | null {
    return this.find('.panel');
  }
  private get launcherButton(): HTMLButtonElement | null {
    return this.find('.launcher');
  }
  /** An element of the shadow root (none before the first connection). */
  private find<E extends Element>(selector: string): E | null {
    return (this.renderRoot as ParentNode | undefined)?.querySelector<E>(selector) ?? null;
  }

  private stopFollowing?: () => void;
  /** Keeps the list of messages from getting shorter while a reply streams (see height-floor.ts). */
  private floor?: HeightFloor;
  /** The first message when the floor was last measured against (a change: messages gone from the top). */
  private floorFirst?: string;
  /** Focus was inside the panel when it closed: it goes back to the launcher. */
  private returnFocus = false;
  /** The launcher's panel opened before its code arrived: the input takes the focus once it is there. */
  private focusWhenShown = false;

  constructor() {
    super();
    Object.assign(this, settingDefaults);
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
    this.floor?.stop();
    this.floor = undefined;
  }

  /**
   * Renders once per animation frame, however many socket frames arrive in between (the first
   * render is not delayed); a reply catching up with a burst goes on in short tasks after the
   * frame (`renderSlot()`).
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (this.hasUpdated) await renderSlot(this);
    super.scheduleUpdate();
  }

  /** Also waits for what is on its way (a language file, the session's code, a renderer), and the update it brings. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    for (let loading = this.onTheWay(); loading; loading = this.onTheWay()) {
      await loading;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  /** A part of the element on its way (a language file, the session's code, a renderer), if any. */
  private onTheWay(): Promise<unknown> | undefined {
    return this.locale.loading ?? this.chat.loading ?? (this.parts.busy ? this.parts.settled() : undefined);
  }

  /**
   * The markdown renderer once a reply has text, the cards once a card has come: each loads then
   * (the markdown renderer sooner, see `prefetch`), and until it is there a reply's text and a
   * card wait (a reply shows plain only if the renderer could not be loaded).
   */
  private renderers(messages: readonly ChatMessage[]): Renderers {
    const markdown = this.markdownRenderer;
    const cards = this.cardRenderer;
    const text = markdown.ready || messages.some((m) => m.role === 'assistant' && m.content);
    const card = cards.ready || messages.some((m) => m.card);
    return {
      markdown: text ? markdown.get()?.markdown : undefined,
      markdownComing: text && !markdown.ready && !markdown.failed,
      card: card ? cards.get()?.renderCard : undefined,
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A server renders without running the controllers: the language is worked out here.
    if (isServer) this.locale.hostUpdate();
    this.reflectState();
    // Closing: focus inside the panel (it is about to be hidden) goes back to the launcher.
    if (changed.get('opened') === true && !this.opened) this.returnFocus = this.panelHasFocus();
  }

  /** Once the chat is in view, the markdown renderer loads in the background (before a reply needs it). */
  private prefetch(): void {
    if (this.inView && this.panelShown) this.parts.prefetch(this.markdownRenderer);
  }

  /**
   * The panel's code has arrived (or came bundled): its styles join the element's, and its
   * announcer starts reading finished replies and connection changes to screen readers (what
   * happened before, while a closed launcher was connected, is in the transcript).
   */
  private arrived(part: PanelModule): void {
    this.chat.takeAnnouncements();
    new part.Announcer(
      this,
      () => this.chat.takeAnnouncements(),
      () => this.locale.strings,
      () => !this.parts.busy,
    );
    if (bundledPanel || !this.shadowRoot) return;
    const own = (this.constructor as typeof AiChat).elementStyles;
    // Where sheets cannot be adopted, Lit adds <style> elements (with the page's nonce): only the new ones.
    adoptStyles(this.shadowRoot, supportsAdoptingStyleSheets ? [...own, ...part.styles] : part.styles);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The session may have changed state while the controllers ran.
    this.reflectState();
    if (!this.panelShown && this.input) {
      // The panel is in the shadow root: the session's code loads from the next frame on.
      this.panelShown = true;
      this.chat.loadAfter(nextFrame());
    }
    if (!this.stopFollowing) this.follow();
    this.holdHeight();
    this.prefetch();
    if (changed.get('opened') !== undefined && this.floating) {
      if (this.opened) this.focusWhenShown = true;
      else if (this.returnFocus) this.launcherButton?.focus();
    }
    if (this.focusWhenShown && this.input) {
      this.focusWhenShown = false;
      if (this.opened) this.input.focus();
    }
    this.returnFocus = false;
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
    this.parts.retry();
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

  override render(): TemplateResult | typeof nothing {
    // Nothing is shown until the strings of the page's language have arrived.
    if (!this.locale.ready) return nothing;
    const t = this.locale.strings;
    const floating = this.floating;
    return html`<div class="root" lang=${this.locale.language} dir=${this.locale.direction}>
      ${
        floating
          ? launcher({
              t,
              lang: this.locale.language,
              opened: this.opened,
              unread: this.unread.count,
              toggle: this.toggle,
              prepare: this.preparePanel,
            })
          : nothing
      }
      <div
        part="panel"
        id="panel"
        class=${floating ? 'panel floating' : 'panel'}
        role=${floating ? 'dialog' : nothing}
        aria-labelledby=${floating ? 'heading' : nothing}
        ?hidden=${floating && !this.opened}
      >
        ${this.panelContent(t)}
      </div>
      <div id="polite" class="visually-hidden" role="status"></div>
      <div id="urgent" class="visually-hidden" role="alert"></div>
      <slot name="avatar" class="avatar-source" @slotchange=${this.avatars.slotChanged}></slot>
    </div>`;
  }

  /** The panel's header, transcript and composer, once the chat is in view and their code is here. */
  private panelContent(t: Strings): TemplateResult | typeof nothing {
    const part = this.inView || this.panelPart.ready ? this.panelPart.get() : undefined;
    return part ? part.panel(this.panelView(t)) : nothing;
  }

  /** What the panel shows, as data for its view. */
  private panelView(t: Strings): PanelView {
    const { transcript, status, statusDetail } = this.chat;
    return {
      header: {
        t,
        heading: this.heading,
        status: {
          status,
          detail: statusDetail,
          perTurn: this.chat.currentConfig?.dialect.channel === 'http',
        },
        close: this.floating ? this.close : undefined,
      },
      log: {
        t,
        lang: this.locale.language,
        messages: transcript.messages,
        upcoming: transcript.upcoming,
        typing: isTyping(transcript),
        feature: this.feature,
        suggest: this.suggest,
        avatarFor: this.avatars.for,
        allowImages: this.allowImages,
        reasoning: this.reasoning,
        showToolDetails: this.showToolDetails,
        renderers: this.renderers(transcript.messages),
        choose: this.choose,
      },
      composer: {
        t,
        draft: this.draft,
        maxLength: this.maxLength,
        placeholder: this.placeholder,
        busy: isBusy(transcript),
        input: this.onInput,
        keydown: this.onKeydown,
        submit: this.onSubmit,
        stop: this.onStop,
      },
      retry: this.retry,
    };
  }

  /** The host's `status` and `busy` attributes follow the session. */
  private reflectState(): void {
    if (this.getAttribute('status') !== this.chat.status) this.setAttribute('status', this.chat.status);
    this.toggleAttribute('busy', isBusy(this.chat.transcript));
  }

  private follow(): void {
    this.stopFollowing?.();
    this.floor?.stop();
    const part = this.panelCode;
    const list = this.list;
    if (!part || !this.log || !list) return;
    // The floor first: its observer's callback then runs before the follower's, which scrolls to
    // the bottom with the padding already in place.
    this.floor = new part.HeightFloor(list);
    this.stopFollowing = part.followBottom(this.log, list);
  }

  /**
   * While a reply is on its way, the list of messages does not get shorter under its reader (a
   * typing indicator that gives way to the reply, a table that rebalances, a line that turns out
   * smaller). Messages gone from the top (`max-messages`, `clear()`, another transcript) hold no
   * height: their space would be a blank at the bottom. The floor pads the list, not the
   * message: the bottom-follower observes the list, and a size change made from a ResizeObserver
   * callback inside what another observer watches is a "ResizeObserver loop" error on the page.
   */
  private holdHeight(): void {
    const floor = this.floor;
    if (!floor) return;
    const transcript = this.chat.transcript;
    const first = transcript.messages[0]?.id;
    if (first !== this.floorFirst) floor.reset();
    this.floorFirst = first;
    if (isBusy(transcript)) floor.hold();
    else floor.release();
  }

  private get floating(): boolean {
    return this.mode === 'launcher';
  }

  /** Whether the chat is in view: inline, or the launcher's panel open. */
  private get inView(): boolean {
    return !this.floating || this.opened;
  }

  private panelHasFocus(): boolean {
    const active = this.shadowRoot?.activeElement;
    if (active) return this.panelElement?.contains(active) ?? false;
    const outside = document.activeElement;
    return outside !== null && outside !== this && this.contains(outside);
  }

  private readonly suggest = (question: string): void => {
    this.chat.send(question);
    this.input?.focus();
  };

  private readonly onInput = (event: InputEvent): void => {
    const input = event.target as HTMLTextAreaElement;
    this.draft = input.value;
    if (this.draft) this.chat.typing();
    this.panelCode?.fitInput(input);
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  };

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    this.submit();
  };

  private submit(): void {
    if (this.chat.send(this.draft)) {
      this.draft = '';
      if (this.input) {
        this.input.value = '';
        this.panelCode?.fitInput(this.input, true);
      }
    }
    this.input?.focus();
  }

  private readonly onStop = (): void => {
    this.stop();
    // The button goes away with the reply: focus stays in the composer.
    this.input?.focus();
  };

  private readonly toggle = (): void => {
    this.opened = !this.opened;
  };

  /** The launcher is hovered or focused: the panel's code starts loading, to be there on the click. */
  private readonly preparePanel = (): void => {
    this.panelPart.get();
  };

  /** Escape closes the launcher's panel (and focus goes back to the launcher). */
  private readonly onHostKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.isComposing || event.defaultPrevented) return;
    if (!this.floating || !this.opened) return;
    event.preventDefault();
    this.close();
  };

  /** A choice on a card: `ai-chat-action`, and unless it is cancelled, the choice is sent. */
  private readonly choose = (action: CardAction, message: ChatMessage): void => {
    const intent = new AiChatActionEvent({ action: action.action, value: action.value, message });
    this.dispatchEvent(intent);
    if (!intent.defaultPrevented) this.chat.send(action.label, action.metadata);
  };
}

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
