import { html } from 'lit';

// The widget's icons: inline SVG, hidden from assistive technology (each button has a label).

/** The launcher's chat bubble. */
export const CHAT_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path
    fill="currentColor"
    d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"
  ></path>
</svg>`;

/** Closes the launcher's panel (in the launcher and the header). */
export const CLOSE_ICON = html`<svg
  viewBox="0 0 24 24"
  width="20"
  height="20"
  aria-hidden="true"
  focusable="false"
>
  <path
    fill="currentColor"
    d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z"
  ></path>
</svg>`;

/** The send button's arrow (mirrored in right-to-left text by the styles). */
export const SEND_ICON = html`<svg
  viewBox="0 0 24 24"
  width="20"
  height="20"
  aria-hidden="true"
  focusable="false"
>
  <path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" fill="currentColor"></path>
</svg>`;

/** The stop button's square. */
export const STOP_ICON = html`<svg
  viewBox="0 0 24 24"
  width="16"
  height="16"
  aria-hidden="true"
  focusable="false"
>
  <rect x="5" y="5" width="14" height="14" rx="2" fill="currentColor"></rect>
</svg>`;
