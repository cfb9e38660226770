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
    --_launcher-bg: var(--ai-chat-launcher-background, var(--_accent));
    --_launcher-fg: var(--ai-chat-launcher-foreground, var(--_accent-fg));
    --_badge-bg: var(--ai-chat-badge-background, var(--_danger));
    --_badge-fg: var(--ai-chat-badge-foreground, var(--_on-danger));

    /* Type */
    --_font: var(--ai-chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--ai-chat-font-size, 15px);
    --_line-height: var(--ai-chat-line-height, 1.5);

    /* Shape and space */
    --_radius: var(--ai-chat-radius, 12px);
    --_space: var(--ai-chat-spacing, 12px);
    --_height: var(--ai-chat-height, 560px);

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

  .avatar-source {
    display: none;
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
`;
