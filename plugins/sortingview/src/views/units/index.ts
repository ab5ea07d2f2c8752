import { defineView, type ViewDefinition } from '../view-definition.js';
import { AutocorrelogramsView } from './correlograms/autocorrelograms-view.js';
import { CrossCorrelogramsView } from './correlograms/cross-correlograms-view.js';
import { parseAutocorrelograms } from './correlograms/parse-autocorrelograms.js';
import { parseCrossCorrelograms } from './correlograms/parse-cross-correlograms.js';

/** The units views by figure-data `type`. */
// biome-ignore lint/suspicious/noExplicitAny: each definition checks its own data type.
export const unitViews: Record<string, ViewDefinition<any>> = {
  Autocorrelograms: defineView(parseAutocorrelograms, AutocorrelogramsView),
  CrossCorrelograms: defineView(parseCrossCorrelograms, CrossCorrelogramsView),
};
