import { css } from 'lit';

/** Result cards: doctors, time slots, confirmations, plans, symptom analyses. */
export const cardStyles = css`
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
`;
