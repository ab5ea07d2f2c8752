import type { ViewDefinition } from '../view-definition.js';

/** The time views by figure-data `type`. */
// biome-ignore lint/suspicious/noExplicitAny: each definition checks its own data type.
export const timeViews: Record<string, ViewDefinition<any>> = {};
