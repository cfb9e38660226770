import { css, unsafeCSS } from 'lit';

// Every custom property is read once into a private alias (`--_x`) and never declared on
// :host, so any ancestor of the element can set `--ai-chat-*`. Logical properties throughout
// (inline/block, start/end), so right-to-left languages lay out mirrored.

/**
 * The two palettes, as `light-dark(light, dark)` pairs: the host inherits the page's
 * `color-scheme`, so a page that declares only `light` keeps a light widget when the system is
 * dark, a page that declares `light dark` follows the system, and `theme` sets `color-scheme` on the
 * host to force either. Browsers without `light-dark()` get the fallback below.
 */
const PAIRS: [name: string, custom: string | null, light: string, dark: string][] = [
  ['accent', 'accent', '#2563eb', '#60a5fa'],
  ['accent-fg', 'accent-foreground', '#ffffff', '#0b1220'],
  ['bg', 'background', '#ffffff', '#111827'],
  ['fg', 'foreground', '#111827', '#f3f4f6'],
  ['muted', 'muted', '#4b5563', '#cbd5e1'],
  ['surface', 'surface', '#f3f4f6', '#1f2937'],
  ['border', 'border', '#d1d5db', '#374151'],
  ['field-border', null, '#6b7280', '#9ca3af'],
  ['danger', 'danger', '#b91c1c', '#fca5a5'],
  ['success', 'success', '#15803d', '#4ade80'],
  ['warning', 'warning', '#b45309', '#fbbf24'],
  ['on-danger', null, '#ffffff', '#111827'],
];

/** One palette (0 light, 1 dark) as plain values, for browsers without light-dark(). */
const palette = (which: 0 | 1) =>
  unsafeCSS(
    PAIRS.map(([name, custom, ...values]) => {
      const value = values[which];
      return `--_${name}: ${custom ? `var(--ai-chat-${custom}, ${value})` : value};`;
    }).join('\n'),
  );

export const styles = css`
  :host {
    /* Colours: light-dark(light, dark), decided by the host's color-scheme (inherited from the page) */
    --_accent: var(--ai-chat-accent, light-dark(#2563eb, #60a5fa));
    --_accent-fg: var(--ai-chat-accent-foreground, light-dark(#ffffff, #0b1220));
    --_bg: var(--ai-chat-background, light-dark(#ffffff, #111827));
    --_fg: var(--ai-chat-foreground, light-dark(#111827, #f3f4f6));
    --_muted: var(--ai-chat-muted, light-dark(#4b5563, #cbd5e1));
    --_surface: var(--ai-chat-surface, light-dark(#f3f4f6, #1f2937));
    --_border: var(--ai-chat-border, light-dark(#d1d5db, #374151));
    --_field-border: light-dark(#6b7280, #9ca3af);
    --_danger: var(--ai-chat-danger, light-dark(#b91c1c, #fca5a5));
    --_success: var(--ai-chat-success, light-dark(#15803d, #4ade80));
    --_warning: var(--ai-chat-warning, light-dark(#b45309, #fbbf24));
    --_on-danger: light-dark(#ffffff, #111827);

    /* Derived colours: each defaults to a palette colour, so a theme can set just the palette */
    --_focus: var(--ai-chat-focus-ring, var(--_accent));
    --_header-bg: var(--ai-chat-header-background, transparent);
    --_header-fg: var(--ai-chat-header-foreground, var(--_fg));
    --_user-bg: var(--ai-chat-user-background, var(--_accent));
    --_user-fg: var(--ai-chat-user-foreground, var(--_accent-fg));
    --_assistant-bg: var(--ai-chat-assistant-background, var(--_surface));
    --_assistant-fg: var(--ai-chat-assistant-foreground, var(--_fg));
    --_card-bg: var(--ai-chat-card-background, var(--_bg));
    --_card-border: var(--ai-chat-card-border, var(--_border));
    --_input-bg: var(--ai-chat-input-background, var(--_bg));
    --_input-border: var(--ai-chat-input-border, var(--_field-border));
    --_launcher-bg: var(--ai-chat-launcher-background, var(--_accent));
    --_launcher-fg: var(--ai-chat-launcher-foreground, var(--_accent-fg));
    --_badge-bg: var(--ai-chat-badge-background, var(--_danger));
    --_badge-fg: var(--ai-chat-badge-foreground, var(--_on-danger));

    /* Type */
    --_font: var(--ai-chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_heading-font: var(--ai-chat-heading-font, inherit);
    --_mono: var(--ai-chat-mono-font, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    --_font-size: var(--ai-chat-font-size, 15px);
    --_line-height: var(--ai-chat-line-height, 1.5);

    /* Shape and space */
    --_radius: var(--ai-chat-radius, 12px);
    --_bubble-radius: var(--ai-chat-bubble-radius, var(--_radius));
    --_bubble-shadow: var(--ai-chat-bubble-shadow, none);
    --_card-radius: var(--ai-chat-card-radius, calc(var(--_radius) * 0.75));
    --_card-shadow: var(--ai-chat-card-shadow, none);
    --_space: var(--ai-chat-spacing, 12px);
    --_height: var(--ai-chat-height, 560px);
    --_avatar-size: var(--ai-chat-avatar-size, 2em);

    /* The floating launcher and its panel (mode="launcher") */
    --_launcher-size: var(--ai-chat-launcher-size, 56px);
    --_launcher-shadow: var(--ai-chat-launcher-shadow, 0 4px 14px rgb(0 0 0 / 0.25));
    --_panel-width: var(--ai-chat-panel-width, 380px);
    --_panel-shadow: var(--ai-chat-panel-shadow, 0 12px 40px rgb(0 0 0 / 0.25));
    --_offset: var(--ai-chat-offset, 20px);
    --_z: var(--ai-chat-z-index, 1000);

    display: flex;
    flex-direction: column;
    block-size: var(--_height);
    box-sizing: border-box;
    contain: content;
  }

  :host([theme='light']) {
    color-scheme: light;
  }

  :host([theme='dark']) {
    color-scheme: dark;
  }

  /* Without light-dark() (Chrome < 123, Safari < 17.5, Firefox < 120): the light palette, and the
     dark one under prefers-color-scheme: dark (whatever the page declares) or theme="dark". */
  @supports not (color: light-dark(#000, #fff)) {
    :host {
      ${palette(0)}
    }

    @media (prefers-color-scheme: dark) {
      :host(:not([theme='light'])) {
        ${palette(1)}
      }
    }

    :host([theme='dark']) {
      ${palette(1)}
    }
  }

  /* In launcher mode the host takes no room: the button and the panel float over the page. */
  :host([mode='launcher']) {
    display: contents;
    contain: none;
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  /* Everything inherits from here, not from the page: text styles set on the page stop at the host. */
  .root {
    display: contents;
    color: var(--_fg);
    font-family: var(--_font);
    font-size: var(--_font-size);
    font-style: normal;
    font-weight: 400;
    line-height: var(--_line-height);
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-indent: 0;
    text-transform: none;
    text-shadow: none;
    white-space: normal;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  .muted {
    color: var(--_muted);
  }

  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  button {
    font: inherit;
    cursor: pointer;
  }

  /* Panel --------------------------------------------------------------------------- */
  /* As tall as the host whatever display a page gives it (block, grid, flex, inline-block): the
     transcript scrolls inside and the composer stays in view. */
  .panel {
    display: flex;
    flex: 1;
    flex-direction: column;
    block-size: 100%;
    min-block-size: 0;
    min-inline-size: 0;
    overflow: hidden;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .panel[hidden] {
    display: none;
  }

  .panel.floating {
    position: fixed;
    z-index: var(--_z);
    inset-block-end: calc(var(--_offset) + var(--_launcher-size) + var(--_space));
    inset-inline-end: var(--_offset);
    inline-size: min(var(--_panel-width), calc(100vw - 2 * var(--_offset)));
    block-size: min(var(--_height), calc(100dvh - var(--_launcher-size) - 3 * var(--_offset)));
    box-shadow: var(--_panel-shadow);
  }

  /* Phones: the panel takes the whole screen. */
  @media (max-width: 480px) {
    .panel.floating {
      inset: 0;
      inline-size: auto;
      block-size: auto;
      border: 0;
      border-radius: 0;
    }
  }

  /* Launcher ------------------------------------------------------------------------ */
  .launcher {
    position: fixed;
    z-index: var(--_z);
    inset-block-end: var(--_offset);
    inset-inline-end: var(--_offset);
    display: grid;
    place-items: center;
    inline-size: var(--_launcher-size);
    block-size: var(--_launcher-size);
    padding: 0;
    border: 0;
    border-radius: 50%;
    color: var(--_launcher-fg);
    background: var(--_launcher-bg);
    box-shadow: var(--_launcher-shadow);
  }

  .launcher svg,
  .launcher ::slotted(*) {
    inline-size: 45%;
    block-size: 45%;
  }

  .badge {
    position: absolute;
    inset-block-start: -0.25em;
    inset-inline-end: -0.25em;
    min-inline-size: 1.5em;
    padding: 0.1em 0.4em;
    border-radius: 999px;
    color: var(--_badge-fg);
    background: var(--_badge-bg);
    font-size: 0.8em;
    font-weight: 700;
    line-height: 1.3;
    text-align: center;
  }

  /* Header ------------------------------------------------------------------------- */
  .header {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    padding: calc(var(--_space) * 0.75) var(--_space);
    color: var(--_header-fg);
    background: var(--_header-bg);
    border-block-end: 1px solid var(--_border);
  }

  .header-main {
    display: flex;
    flex: 1;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_space) * 0.25) var(--_space);
    min-inline-size: 0;
  }

  .heading {
    margin: 0;
    font-family: var(--_heading-font);
    font-size: 1.05em;
    font-weight: 600;
  }

  .status {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    font-size: 0.85em;
    color: var(--_muted);
  }

  .dot {
    flex: none;
    inline-size: 0.6em;
    block-size: 0.6em;
    border-radius: 50%;
    background: var(--_muted);
  }

  .status[data-status='connected'] .dot {
    background: var(--_success);
  }

  .status[data-status='connecting'] .dot,
  .status[data-status='reconnecting'] .dot {
    background: var(--_warning);
  }

  .status[data-status='offline'] .dot,
  .status[data-status='unauthorized'] .dot {
    background: var(--_danger);
  }

  .close {
    display: inline-grid;
    flex: none;
    place-items: center;
    inline-size: 2.25em;
    block-size: 2.25em;
    padding: 0;
    border: 1px solid transparent;
    border-radius: 50%;
    color: inherit;
    background: transparent;
  }

  .close:hover {
    border-color: var(--_border);
  }

  /* Transcript ----------------------------------------------------------------------- */
  .log {
    flex: 1;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: var(--_space);
  }

  .messages {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
  }

  .empty {
    margin: auto;
    padding: calc(var(--_space) * 2) var(--_space);
    text-align: center;
  }

  .empty-title {
    margin: 0 0 0.25em;
    font-weight: 600;
  }

  .empty p {
    margin: 0;
  }

  .suggestions {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.5em;
    margin: calc(var(--_space) * 1.25) 0 0;
    padding: 0;
    list-style: none;
  }

  .suggestion {
    padding: 0.4em 0.9em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    color: var(--_fg);
    background: var(--_surface);
    text-align: start;
  }

  .suggestion:hover {
    border-color: var(--_accent);
  }

  .row {
    display: flex;
    align-items: flex-end;
    gap: calc(var(--_space) * 0.5);
  }

  .row.user {
    justify-content: flex-end;
  }

  .row.system {
    justify-content: center;
  }

  .avatar {
    display: grid;
    flex: none;
    place-items: center;
    inline-size: var(--_avatar-size);
    block-size: var(--_avatar-size);
    overflow: hidden;
    border-radius: 50%;
    background: var(--_surface);
  }

  .avatar-source {
    display: none;
  }

  .avatar > * {
    max-inline-size: 100%;
    max-block-size: 100%;
  }

  .message {
    min-inline-size: 0;
    max-inline-size: 88%;
    padding: calc(var(--_space) * 0.6) calc(var(--_space) * 0.9);
    border-radius: var(--_bubble-radius);
    box-shadow: var(--_bubble-shadow);
    overflow-wrap: anywhere;
  }

  .message.user {
    color: var(--_user-fg);
    background: var(--_user-bg);
    border-end-end-radius: 4px;
  }

  .message.assistant {
    color: var(--_assistant-fg);
    background: var(--_assistant-bg);
    border-end-start-radius: 4px;
  }

  .message.system {
    max-inline-size: 100%;
    padding: 0.2em 0.6em;
    font-size: 0.9em;
    color: var(--_muted);
    text-align: center;
    box-shadow: none;
  }

  .message[data-state='pending'] {
    outline: 1px dashed var(--_muted);
    outline-offset: 2px;
  }

  .message[data-state='failed'],
  .message[data-state='interrupted'],
  .message[data-state='stopped'] {
    outline: 1px dashed var(--_danger);
    outline-offset: 2px;
  }

  .plain {
    white-space: pre-wrap;
  }

  .meta {
    margin: 0.35em 0 0;
    font-size: 0.8em;
  }

  .message.assistant .meta {
    color: var(--_danger);
  }

  .time {
    display: block;
    margin-block-start: 0.25em;
    font-size: 0.75em;
    text-align: end;
  }

  /* Markdown ------------------------------------------------------------------------- */
  .markdown > :first-child {
    margin-block-start: 0;
  }

  .markdown > :last-child {
    margin-block-end: 0;
  }

  .markdown :is(p, ul, ol, pre, blockquote, table) {
    margin-block: 0.5em;
  }

  .markdown :is(h1, h2, h3, h4, h5, h6) {
    margin-block: 0.75em 0.35em;
    font-family: var(--_heading-font);
    font-size: 1em;
    font-weight: 650;
  }

  .markdown h1 {
    font-size: 1.2em;
  }

  .markdown h2 {
    font-size: 1.1em;
  }

  .markdown :is(ul, ol) {
    padding-inline-start: 1.4em;
  }

  .markdown a {
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 2px;
  }

  .markdown code {
    font-family: var(--_mono);
    font-size: 0.9em;
    padding: 0.1em 0.3em;
    border-radius: 4px;
    background: color-mix(in srgb, currentColor 8%, transparent);
  }

  .markdown pre {
    overflow-x: auto;
    padding: 0.75em;
    border-radius: calc(var(--_radius) * 0.6);
    background: color-mix(in srgb, currentColor 8%, transparent);
  }

  .markdown pre code {
    padding: 0;
    background: none;
  }

  .markdown blockquote {
    margin-inline: 0;
    padding-inline-start: 0.75em;
    border-inline-start: 3px solid var(--_border);
  }

  .markdown table {
    display: block;
    max-inline-size: 100%;
    overflow-x: auto;
    border-collapse: collapse;
  }

  .markdown :is(th, td) {
    padding: 0.3em 0.6em;
    border: 1px solid var(--_border);
    /* Words stay whole in cells (the bubble's own wrapping would break them anywhere): a column is
       as wide as its longest word, and a table wider than the bubble scrolls. */
    overflow-wrap: normal;
    word-break: normal;
  }

  /* A column's alignment in the source (\`:---:\`, \`---:\`) wins; unaligned columns start-align. */
  .markdown :is(th, td):not([align]) {
    text-align: start;
  }

  .markdown :is(th, td)[align='left'] {
    text-align: left;
  }

  .markdown :is(th, td)[align='center'] {
    text-align: center;
  }

  .markdown :is(th, td)[align='right'] {
    text-align: right;
  }

  .markdown hr {
    border: 0;
    border-block-start: 1px solid var(--_border);
  }

  .markdown img {
    max-inline-size: 100%;
  }

  /* Cards ---------------------------------------------------------------------------- */
  .card {
    margin-block-start: 0.6em;
    padding: 0.75em;
    color: var(--_fg);
    background: var(--_card-bg);
    border: 1px solid var(--_card-border);
    border-radius: var(--_card-radius);
    box-shadow: var(--_card-shadow);
  }

  .card:first-of-type:is(.visually-hidden + *) {
    margin-block-start: 0;
  }

  .card-title {
    margin: 0 0 0.4em;
    font-family: var(--_heading-font);
    font-size: 0.95em;
  }

  .card-list {
    display: grid;
    gap: 0.5em;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .card-item {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em 0.75em;
  }

  .card-item-main {
    display: flex;
    flex-direction: column;
  }

  .card-item-main .muted {
    font-size: 0.85em;
  }

  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .card-kind {
    margin: 0 0 0.2em;
    font-size: 0.85em;
  }

  .card-text {
    margin: 0.3em 0 0;
  }

  .facts {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.2em 0.75em;
    margin: 0;
  }

  .facts dt {
    color: var(--_muted);
  }

  .facts dd {
    margin: 0;
  }

  .action:disabled {
    cursor: default;
    opacity: 0.45;
    text-decoration: line-through;
  }

  .action:disabled:hover {
    color: var(--_accent);
    background: transparent;
  }

  .chip {
    padding: 0.15em 0.6em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-size: 0.9em;
  }

  .urgency {
    margin: 0 0 0.4em;
    font-weight: 650;
  }

  .urgency[data-urgency='high'],
  .urgency[data-urgency='emergency'] {
    color: var(--_danger);
  }

  .emergency {
    margin: 0 0 0.5em;
    padding: 0.5em 0.75em;
    border-radius: calc(var(--_radius) * 0.5);
    color: #ffffff;
    background: #b91c1c;
    font-weight: 600;
  }

  .action,
  .retry {
    padding: 0.35em 0.9em;
    border: 1px solid var(--_accent);
    border-radius: 999px;
    color: var(--_accent);
    background: transparent;
  }

  .action:hover,
  .retry:hover {
    color: var(--_accent-fg);
    background: var(--_accent);
  }

  /* Tools, reasoning and sources (standard streams) --------------------------------- */
  .activity {
    display: grid;
    gap: 0.2em;
    margin: 0 0 0.4em;
    padding: 0;
    list-style: none;
    font-size: 0.85em;
    color: var(--_muted);
  }

  .activity-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 0.45em;
  }

  .activity-icon {
    flex: none;
    inline-size: 0.7em;
    block-size: 0.7em;
    border: 2px solid currentColor;
    border-radius: 50%;
  }

  .activity-line[data-state='running'] .activity-icon {
    border-block-start-color: transparent;
    animation: ai-chat-spin 0.9s linear infinite;
  }

  .activity-line[data-state='done'] .activity-icon {
    border-color: var(--_success);
    background: var(--_success);
  }

  .activity-line[data-state='failed'] .activity-icon {
    border-color: var(--_danger);
  }

  .activity-name {
    font-family: var(--_mono);
    color: var(--_fg);
  }

  .activity-detail {
    flex-basis: 100%;
  }

  .activity-detail pre {
    max-block-size: 12em;
    margin: 0.2em 0 0;
    overflow: auto;
    font-family: var(--_mono);
    white-space: pre-wrap;
  }

  .upcoming {
    padding-inline-start: calc(var(--_space) * 0.9);
  }

  .reasoning {
    margin: 0 0 0.4em;
    font-size: 0.85em;
    color: var(--_muted);
  }

  .reasoning summary,
  .activity-detail summary {
    cursor: pointer;
  }

  .reasoning-text {
    margin: 0.3em 0 0;
    padding-inline-start: 0.6em;
    border-inline-start: 2px solid var(--_border);
    white-space: pre-wrap;
  }

  .sources {
    margin-block-start: 0.5em;
    font-size: 0.85em;
  }

  .sources-title {
    margin: 0;
    color: var(--_muted);
  }

  .sources-list {
    margin: 0.15em 0 0;
    padding-inline-start: 1.2em;
  }

  .source {
    color: inherit;
    text-decoration: underline;
  }

  @keyframes ai-chat-spin {
    to {
      transform: rotate(1turn);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .activity-line[data-state='running'] .activity-icon {
      animation: none;
    }
  }

  /* Typing indicator ----------------------------------------------------------------- */
  .typing {
    align-self: flex-start;
    display: inline-flex;
    gap: 4px;
    padding: 0.8em 1em;
    border-radius: var(--_bubble-radius);
    background: var(--_assistant-bg);
  }

  .typing-dot {
    inline-size: 7px;
    block-size: 7px;
    border-radius: 50%;
    background: var(--_muted);
    animation: ai-chat-bounce 1.2s infinite ease-in-out;
  }

  .typing-dot:nth-child(2) {
    animation-delay: 0.15s;
  }

  .typing-dot:nth-child(3) {
    animation-delay: 0.3s;
  }

  @keyframes ai-chat-bounce {
    0%,
    60%,
    100% {
      transform: translateY(0);
      opacity: 0.5;
    }
    30% {
      transform: translateY(-4px);
      opacity: 1;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .typing-dot {
      animation: none;
      opacity: 0.7;
    }
  }

  /* Notice and composer -------------------------------------------------------------- */
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_space) * 0.5) var(--_space);
    padding: calc(var(--_space) * 0.6) var(--_space);
    border-block-start: 1px solid var(--_border);
    font-size: 0.9em;
  }

  .notice p {
    flex: 1 1 12em;
    margin: 0;
  }

  .composer {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: calc(var(--_space) * 0.5);
    padding: calc(var(--_space) * 0.75);
    border-block-start: 1px solid var(--_border);
  }

  .input {
    flex: 1;
    min-inline-size: 0;
    min-block-size: 2.5em;
    max-block-size: 10em;
    field-sizing: content;
    resize: none;
    padding: 0.5em 0.75em;
    border: 1px solid var(--_input-border);
    border-radius: calc(var(--_radius) * 0.75);
    color: inherit;
    background: var(--_input-bg);
    font: inherit;
  }

  .input::placeholder {
    color: var(--_muted);
    opacity: 1;
  }

  .counter {
    flex-basis: 100%;
    order: 1;
    font-size: 0.8em;
    color: var(--_muted);
    text-align: end;
  }

  .counter[data-over='true'] {
    color: var(--_danger);
    font-weight: 600;
  }

  .send,
  .stop {
    display: inline-grid;
    flex: none;
    place-items: center;
    inline-size: 2.5em;
    block-size: 2.5em;
    padding: 0;
    border: 0;
    border-radius: 50%;
    color: var(--_accent-fg);
    background: var(--_accent);
  }

  .send ::slotted(*) {
    max-inline-size: 1.25em;
    max-block-size: 1.25em;
  }

  /* Stop: the same round button, outlined, beside send while a reply streams. */
  .stop {
    color: var(--_accent);
    background: transparent;
    box-shadow: inset 0 0 0 2px var(--_accent);
  }

  .send:disabled {
    cursor: default;
    opacity: 0.5;
  }

  /* The send arrow points the way the text runs. */
  .send svg:dir(rtl) {
    transform: scaleX(-1);
  }

  /* Windows high contrast: backgrounds go, so bubbles and the launcher keep an outline. */
  @media (forced-colors: active) {
    .message.user,
    .message.assistant,
    .launcher,
    .badge {
      border: 1px solid CanvasText;
    }
  }
`;
