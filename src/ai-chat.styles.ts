import { css } from 'lit';

// Every custom property is read once into a private alias (`--_x`) and never declared on
// :host, so any ancestor of the element can set `--ai-chat-*`.
export const styles = css`
  :host {
    --_accent: var(--ai-chat-accent, #2563eb);
    --_accent-fg: var(--ai-chat-accent-foreground, #ffffff);
    --_bg: var(--ai-chat-background, #ffffff);
    --_fg: var(--ai-chat-foreground, #111827);
    --_muted: var(--ai-chat-muted, #4b5563);
    --_surface: var(--ai-chat-surface, #f3f4f6);
    --_border: var(--ai-chat-border, #d1d5db);
    --_danger: var(--ai-chat-danger, #b91c1c);
    --_success: var(--ai-chat-success, #15803d);
    --_warning: var(--ai-chat-warning, #b45309);
    --_font: var(--ai-chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--ai-chat-font-size, 15px);
    --_radius: var(--ai-chat-radius, 12px);
    --_space: var(--ai-chat-spacing, 12px);
    --_height: var(--ai-chat-height, 560px);

    display: flex;
    flex-direction: column;
    block-size: var(--_height);
    min-inline-size: 280px;
    box-sizing: border-box;
    overflow: hidden;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
    contain: content;
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--ai-chat-accent, #60a5fa);
      --_accent-fg: var(--ai-chat-accent-foreground, #0b1220);
      --_bg: var(--ai-chat-background, #111827);
      --_fg: var(--ai-chat-foreground, #f3f4f6);
      --_muted: var(--ai-chat-muted, #cbd5e1);
      --_surface: var(--ai-chat-surface, #1f2937);
      --_border: var(--ai-chat-border, #374151);
      --_danger: var(--ai-chat-danger, #fca5a5);
      --_success: var(--ai-chat-success, #4ade80);
      --_warning: var(--ai-chat-warning, #fbbf24);
    }
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
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
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }

  /* Header ------------------------------------------------------------------------- */
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    padding: calc(var(--_space) * 0.75) var(--_space);
    border-block-end: 1px solid var(--_border);
  }

  .heading {
    margin: 0;
    font-size: 1.05em;
    font-weight: 600;
  }

  .status {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    font-size: 0.85em;
    color: var(--_muted);
    white-space: nowrap;
  }

  .dot {
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

  .message {
    max-inline-size: 88%;
    padding: calc(var(--_space) * 0.6) calc(var(--_space) * 0.9);
    border-radius: var(--_radius);
    overflow-wrap: break-word;
  }

  .message.user {
    align-self: flex-end;
    color: var(--_accent-fg);
    background: var(--_accent);
    border-end-end-radius: 4px;
  }

  .message.assistant {
    align-self: flex-start;
    background: var(--_surface);
    border-end-start-radius: 4px;
  }

  .message.system {
    align-self: center;
    max-inline-size: 100%;
    padding: 0.2em 0.6em;
    font-size: 0.9em;
    color: var(--_muted);
    text-align: center;
  }

  .message[data-state='pending'] {
    opacity: 0.75;
  }

  .message[data-state='failed'],
  .message[data-state='interrupted'] {
    outline: 1px dashed var(--_danger);
  }

  .plain {
    white-space: pre-wrap;
  }

  .meta {
    margin: 0.35em 0 0;
    font-size: 0.8em;
    opacity: 0.9;
  }

  .message.assistant .meta {
    color: var(--_danger);
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
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    padding: 0.1em 0.3em;
    border-radius: 4px;
    background: color-mix(in srgb, var(--_fg) 8%, transparent);
  }

  .markdown pre {
    overflow-x: auto;
    padding: 0.75em;
    border-radius: calc(var(--_radius) * 0.6);
    background: color-mix(in srgb, var(--_fg) 8%, transparent);
  }

  .markdown pre code {
    padding: 0;
    background: none;
  }

  .markdown blockquote {
    margin-inline: 0;
    padding-inline-start: 0.75em;
    border-inline-start: 3px solid var(--_border);
    color: var(--_muted);
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
    text-align: start;
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
  }

  .card:first-of-type:is(.visually-hidden + *) {
    margin-block-start: 0;
  }

  .card {
    padding: 0.75em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
  }

  .card-title {
    margin: 0 0 0.4em;
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
    align-items: center;
    justify-content: space-between;
    gap: 0.75em;
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

  button {
    font: inherit;
    cursor: pointer;
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

  /* Typing indicator ----------------------------------------------------------------- */
  .typing {
    align-self: flex-start;
    display: inline-flex;
    gap: 4px;
    padding: 0.8em 1em;
    border-radius: var(--_radius);
    background: var(--_surface);
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
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    padding: calc(var(--_space) * 0.6) var(--_space);
    border-block-start: 1px solid var(--_border);
    font-size: 0.9em;
  }

  .notice p {
    margin: 0;
  }

  .composer {
    display: flex;
    align-items: flex-end;
    gap: calc(var(--_space) * 0.5);
    padding: calc(var(--_space) * 0.75);
    border-block-start: 1px solid var(--_border);
  }

  .input {
    flex: 1;
    min-block-size: 2.5em;
    max-block-size: 10em;
    field-sizing: content;
    resize: none;
    padding: 0.5em 0.75em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    color: inherit;
    background: var(--_bg);
    font: inherit;
  }

  .input::placeholder {
    color: var(--_muted);
  }

  .counter {
    align-self: center;
    font-size: 0.8em;
    color: var(--_muted);
    white-space: nowrap;
  }

  .counter[data-over='true'] {
    color: var(--_danger);
    font-weight: 600;
  }

  .send {
    display: inline-grid;
    place-items: center;
    inline-size: 2.5em;
    block-size: 2.5em;
    padding: 0;
    border: 0;
    border-radius: 50%;
    color: var(--_accent-fg);
    background: var(--_accent);
  }

  .send:disabled {
    cursor: default;
    opacity: 0.5;
  }
`;
