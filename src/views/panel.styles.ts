import { css } from 'lit';

// About 400 lines because it is one stylesheet for everything inside the panel (it loads with the
// panel's code, adopted beside the element's own): split, the pieces would only be listed again.

/** The chat inside the panel: header, status, transcript, messages, typing, notice and composer. */
export const panelStyles = css`
  /* The panel's own aliases of its custom properties (see ../ai-chat.styles.ts: read once, never
     declared on :host). They come with the panel's code: a closed launcher needs none of them. */
  .panel {
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
    --_heading-font: var(--ai-chat-heading-font, inherit);
    --_mono: var(--ai-chat-mono-font, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    --_bubble-radius: var(--ai-chat-bubble-radius, var(--_radius));
    --_bubble-shadow: var(--ai-chat-bubble-shadow, none);
    --_card-radius: var(--ai-chat-card-radius, calc(var(--_radius) * 0.75));
    --_card-shadow: var(--ai-chat-card-shadow, none);
    --_avatar-size: var(--ai-chat-avatar-size, 2em);
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

  /* Pill buttons: Retry, and the choices on cards. */
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

  /* Windows high contrast: backgrounds go, so bubbles keep an outline. */
  @media (forced-colors: active) {
    .message.user,
    .message.assistant {
      border: 1px solid CanvasText;
    }
  }
`;
