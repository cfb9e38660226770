import { css } from 'lit';

/** What comes with a reply on the standard streams: its tool lines, its reasoning and its sources. */
export const extrasStyles = css`
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
`;
