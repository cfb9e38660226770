import { css } from 'lit';

/** The launcher button and its unread badge (`mode="launcher"`); adopted only in launcher mode. */
export const launcherStyles = css`
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

  /* Windows high contrast: backgrounds go, so the launcher keeps an outline. */
  @media (forced-colors: active) {
    .launcher,
    .badge {
      border: 1px solid CanvasText;
    }
  }
`;
