import { css } from 'lit';

/** A rendered reply (`.markdown`): the elements the markdown renderer makes. */
export const markdownStyles = css`
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

  /* A long list's later items, in groups (render/list-groups.ts): adding an item to a streaming
     list lays out and pre-paints its last group only, not every item before it. Paint containment
     clips what overflows a group, so its box reaches under the list's markers. */
  .markdown [data-items] {
    contain: layout paint;
    margin-inline-start: -4em;
    padding-inline-start: 4em;
  }

  /* (Margins do not collapse through a group: a loose list's items stay as far apart.) */
  .markdown [data-items] > li:first-child > p:first-child {
    margin-block-start: 0;
  }

  .markdown [data-items]:last-child > li:last-child > p:last-child {
    margin-block-end: 0;
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
`;
