import type { ViewDefinition } from '../view-definition.js';

/** The unit views by figure-data `type`. */
// biome-ignore lint/suspicious/noExplicitAny: each definition checks its own data type.
export const unitViews: Record<string, ViewDefinition<any>> = {};
