import type { PropertyDeclaration } from 'lit';
import { PersistMode } from './transcript/persist-mode.js';
import { AuthMode, type Dialect } from './protocol/types.js';
import { same } from './same.js';

// Every setting of <ai-chat>, declared once, in one table: its attribute, kind (how the attribute
// is read and the value checked), default, range, and whether a change needs a new connection.
// From it derive the element's reactive properties (and their types), what the element hands
// its session, the validation (../config.ts), the connection key, and the manifest's attribute
// and property docs (custom-elements-manifest.config.js reads this table's JSDoc).

/** When the widget connects. */
export const ConnectMode = {
  /** On load (the inline default). */
  auto: 'auto',
  /** When the launcher's panel opens or a message is sent (the launcher default). */
  open: 'open',
  /** Only on `connect()`. */
  manual: 'manual',
} as const;
export type ConnectMode = (typeof ConnectMode)[keyof typeof ConnectMode];

/** How a reply's reasoning shows (standard streams). */
export const ReasoningMode = {
  /** Not shown (the default). */
  hidden: 'hidden',
  /** A closed `<details>` above the reply, under its summary. */
  collapsed: 'collapsed',
} as const;
export type ReasoningMode = (typeof ReasoningMode)[keyof typeof ReasoningMode];

/** How the widget sits on the page. */
export const Mode = { inline: 'inline', launcher: 'launcher' } as const;
export type Mode = (typeof Mode)[keyof typeof Mode];

/** Its colours. */
export const Theme = { auto: 'auto', light: 'light', dark: 'dark' } as const;
export type Theme = (typeof Theme)[keyof typeof Theme];

/**
 * How an attribute is read and its value checked:
 * - `text`: trimmed; empty is unset. `url`: text that must parse as a URL.
 * - `number`: a finite number within `[min, max]` (clamped and reported when outside); `off`: 0 is
 *   also allowed and means off; `whole`: rounded down.
 * - `choice`: one of `values` (another is reported and the default used).
 * - `flag`: a boolean attribute. `dialect`: a built-in dialect's name, or a dialect object.
 */
type Kind =
  | { readonly kind: 'text' | 'url' | 'flag' | 'dialect' }
  | {
      readonly kind: 'number';
      readonly min: number;
      readonly max: number;
      readonly off?: boolean;
      readonly whole?: boolean;
    }
  | { readonly kind: 'choice'; readonly values: Readonly<Record<string, string>> };

/** One setting. */
export type Setting = Kind & {
  /** The attribute's name (the property's is the table key). */
  readonly attribute: string;
  /** The value when unset (no entry: unset, or a default the validation works out). */
  readonly default?: string | number | boolean;
  /** A change needs a new connection (a changed `token` reconnects on its own). */
  readonly connection?: boolean;
  /** The host's attribute follows the property (for CSS such as `:host([mode='launcher'])`). */
  readonly reflect?: boolean;
};

export const SETTINGS = {
  /** WebSocket URL; `{feature}` (snake_case turned into kebab-case), `{user}` and `{session}` are filled in. A relative URL resolves against the page; `http(s):` becomes `ws(s):`. */
  endpoint: { attribute: 'endpoint', kind: 'text', connection: true },
  /** Auth token; a new value reconnects at once. */
  token: { attribute: 'token', kind: 'text' },
  /** AI feature id (`symptom_checker`, `booking_assistant`, …). */
  feature: { attribute: 'feature', kind: 'text', default: 'chat', connection: true },
  /**
   * Wire dialect: `envelope` (default), `booking`, `hybrid`, `conversation`, `consultation`, or a
   * standard stream over HTTP: `agui` (AG-UI), `ai-sdk` (the Vercel AI SDK UI message stream),
   * `openai` (Chat Completions streaming; needs `model`). Every one but `envelope` loads on first
   * use. As a property, also a dialect object (`SocketDialect` or `HttpDialect`: a partner's own
   * backend, validated; an equal object built anew changes nothing).
   */
  dialect: { attribute: 'dialect', kind: 'dialect', default: 'envelope', connection: true },
  /** Model name, for OpenAI-compatible backends (`dialect="openai"`). */
  model: { attribute: 'model', kind: 'text', connection: true },
  /** How the token travels: `query`, `message` (first frame), `protocol` (`Sec-WebSocket-Protocol`) or `header` (`Authorization: Bearer`, the standard streams); each dialect supports some of them. Default: per dialect. */
  auth: { attribute: 'auth', kind: 'choice', values: AuthMode, connection: true },
  /** Reply stream URL for the `hybrid` dialect. */
  streamUrl: { attribute: 'stream-url', kind: 'url', connection: true },
  /** User id, for dialects and endpoints that need one (`{user}`). */
  userId: { attribute: 'user-id', kind: 'text', connection: true },
  /** Conversation (session) id (`{session}`); when unset, the widget makes one and keeps it across reconnects. */
  sessionId: { attribute: 'session-id', kind: 'text', connection: true },
  /** API key, for dialects that need one. */
  apiKey: { attribute: 'api-key', kind: 'text', connection: true },
  /** Heading text. */
  heading: { attribute: 'heading', kind: 'text' },
  /** Placeholder of the message input. */
  placeholder: { attribute: 'placeholder', kind: 'text' },
  /** Reconnect attempts after a drop before the status says `offline` (0–100); it still retries at the backoff cap while the browser is online, and comes back by itself. */
  maxRetries: {
    attribute: 'max-retries',
    kind: 'number',
    default: 5,
    min: 0,
    max: 100,
    whole: true,
    connection: true,
  },
  /**
   * Seconds between heartbeats (1–3600; `0` turns heartbeats and liveness off). Where the server
   * answers heartbeats, nothing received for two intervals means a dead socket; elsewhere, no
   * frame for two intervals while an answer or a reply is expected. A dead socket is replaced.
   */
  heartbeat: {
    attribute: 'heartbeat',
    kind: 'number',
    default: 30,
    min: 1,
    max: 3600,
    off: true,
    connection: true,
  },
  /**
   * Where the conversation is kept across reloads: `none` (nothing is stored), `session`
   * (sessionStorage) or `local` (localStorage), keyed by endpoint, feature and session id. The session id
   * is kept too, so a reload continues the conversation and sends what was still waiting; `clear()`
   * wipes the saved copy. Other tabs and frames showing the same conversation stay in sync.
   */
  persist: { attribute: 'persist', kind: 'choice', values: PersistMode, default: 'none' },
  /** The conversation keeps the newest N messages (never dropping one still waiting to be sent). */
  maxMessages: { attribute: 'max-messages', kind: 'number', default: 100, min: 1, max: 10_000, whole: true },
  /** The longest message the person may send, in characters (a longer one is not sent and gets an `ai-chat-error` `too-long`). */
  maxLength: { attribute: 'max-length', kind: 'number', default: 4000, min: 1, max: 100_000, whole: true },
  /** Load images in replies (off by default: a remote image can leak that a page was read); without it, an image becomes a link. */
  allowImages: { attribute: 'allow-images', kind: 'flag', default: false },
  /**
   * The model's reasoning (standard streams): `hidden` (default) or `collapsed` (a closed
   * "Reasoning" `<details>` above the reply, plain text).
   */
  reasoning: { attribute: 'reasoning', kind: 'choice', values: ReasoningMode, default: 'hidden' },
  /**
   * Show each tool's arguments and result (a closed "Details" under its activity line, plain text).
   * Off by default: the tool lines show only the tool's name and state.
   */
  showToolDetails: { attribute: 'show-tool-details', kind: 'flag', default: false },
  /**
   * When to connect: `auto` (on load; the inline default), `open` (when the launcher's panel
   * opens or a message is sent; the launcher default) or `manual` (only `connect()`). While
   * disconnected on purpose the status is `idle`; messages written meanwhile wait in the outbox.
   * (The property is `connectMode`: `connect()` is the method.)
   */
  connectMode: { attribute: 'connect', kind: 'choice', values: ConnectMode },
  /**
   * Seconds of nothing happening (no message waiting, no reply under way) before the connection
   * is closed cleanly while the launcher's panel is closed or the page hidden (status `idle`); the
   * next message, or opening the panel, reconnects. Default: 120 for a launcher, off inline; `0`
   * turns it off.
   */
  idleTimeout: { attribute: 'idle-timeout', kind: 'number', min: 10, max: 86_400, off: true },
  /**
   * `inline` (default): the chat in place, as tall as `--ai-chat-height`. `launcher`: a floating
   * button at the bottom corner that opens the chat as a panel (full screen on narrow screens).
   */
  mode: { attribute: 'mode', kind: 'choice', values: Mode, default: 'inline', reflect: true },
  /** Colours: `auto` (default; follows the page's `color-scheme`, and the system's preference where the page allows both), `light` or `dark`. */
  theme: { attribute: 'theme', kind: 'choice', values: Theme, default: 'auto', reflect: true },
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;

/** The value type of a setting, as the element's property holds it. */
type ValueOf<S> = S extends { kind: 'number' }
  ? number
  : S extends { kind: 'flag' }
    ? boolean
    : S extends { kind: 'choice'; values: infer V }
      ? V[keyof V]
      : S extends { kind: 'dialect' }
        ? string | Dialect
        : string;

/**
 * Every setting as a property of the element (`el.maxRetries`, `el.connectMode`, …): always set
 * when it has a default, else possibly undefined.
 */
export type SettingValues = {
  -readonly [K in SettingName]: (typeof SETTINGS)[K] extends { default: unknown }
    ? ValueOf<(typeof SETTINGS)[K]>
    : ValueOf<(typeof SETTINGS)[K]> | undefined;
};

/**
 * The settings as the page set them (attributes or properties; `null` is a removed attribute),
 * not checked yet: a choice may be any text.
 */
export type RawSettings = {
  [K in SettingName]?: ((typeof SETTINGS)[K] extends { kind: 'choice' } ? string : SettingValues[K]) | null;
};

export const settingNames = Object.keys(SETTINGS) as SettingName[];

/** The element's reactive properties, one per setting. */
export const settingProperties: Record<SettingName, PropertyDeclaration> = Object.fromEntries(
  settingNames.map((name) => {
    const setting: Setting = SETTINGS[name];
    const declaration: PropertyDeclaration = {
      attribute: setting.attribute,
      type: setting.kind === 'number' ? Number : setting.kind === 'flag' ? Boolean : String,
      reflect: setting.reflect ?? false,
      // The default is the value when the attribute is removed, and is not reflected.
      useDefault: setting.default !== undefined,
      // A framework may build an equal dialect object anew on every render: that is no change.
      ...(setting.kind === 'dialect'
        ? { hasChanged: (value: unknown, old: unknown) => !same(value, old) }
        : {}),
    };
    return [name, declaration];
  }),
) as Record<SettingName, PropertyDeclaration>;

/** The defaults, to set on a new element. */
export const settingDefaults = Object.fromEntries(
  settingNames.flatMap((name) => {
    const setting: Setting = SETTINGS[name];
    return setting.default === undefined ? [] : [[name, setting.default]];
  }),
) as Partial<SettingValues>;

/** What the page set, read off the element. */
export const readSettings = (host: SettingValues): RawSettings =>
  Object.fromEntries(settingNames.map((name) => [name, host[name]])) as RawSettings;
