// The npm build's ./panel-source.ts (see there, and vite.config.ts): the panel ships with the
// element, so it renders in the element's first update, on a server too.
import * as panel from './panel-part.js';
import type { PanelModule } from './panel-source.js';

export type { PanelModule };

/** The panel, in the same file as the element. */
export const bundledPanel: PanelModule | undefined = panel;

/** Already here. */
export const loadPanel = (): Promise<PanelModule> => Promise.resolve(panel);
