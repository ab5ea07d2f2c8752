import type { ViewDefinition } from '../view-definition.js';

/** The units views by figure-data `type`. */
// biome-ignore lint/suspicious/noExplicitAny: each definition checks its own data type.
export const unitsViews: Record<string, ViewDefinition<any>> = {};
