// Where the panel's code (./panel-part.ts) comes from. The script-tag builds load it on demand, as
// a chunk of its own beside the entry, so a closed launcher downloads none of it and an inline chat
// paints before the session's code arrives. The npm build swaps this file for ./panel-bundled.ts
// (vite.config.ts): there the panel ships with the element, so a server (`@lit-labs/ssr`) renders
// it at once and hydration finds the same shell; an app's bundler splits code as it sees fit.
import type * as PanelPart from './panel-part.js';

export type PanelModule = typeof PanelPart;

/** The panel when it is part of the same file as the element (never, in this build). */
export const bundledPanel: PanelModule | undefined = undefined;

/** Loads the panel's chunk. */
export const loadPanel = (): Promise<PanelModule> => import('./panel-part.js');
