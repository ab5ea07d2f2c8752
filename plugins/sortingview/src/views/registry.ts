import { coreViews } from './core/index.js';
import { timeViews } from './time/index.js';
import { unitViews } from './units/index.js';
import type { ViewDefinition } from './view-definition.js';

/** Every view type this plugin draws, by the `type` sortingview's figure data gives it. */
// biome-ignore lint/suspicious/noExplicitAny: each definition checks its own data type.
export const viewRegistry: Readonly<Record<string, ViewDefinition<any>>> = {
  ...timeViews,
  ...unitViews,
  ...coreViews,
};

/** Views sortingview once had that need a backend or a service that no longer exists. */
export const retiredViews: Readonly<Record<string, string>> = {
  LiveCrossCorrelograms:
    'LiveCrossCorrelograms needed a sortingview backend (2021–22), which no longer runs: make the figure with CrossCorrelograms (precomputed) instead',
};
