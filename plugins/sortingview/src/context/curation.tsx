import type { SortingCuration, SortingCurationAction } from '@figurl/sdk/curation';
import { createContext, useContext } from 'react';

/**
 * The figure's curation, when it has one (a SortingCuration2 control or a curation URI in the
 * URL state). Views read it (labels column, merge badges); the curation control and keyboard
 * shortcuts dispatch. Where it is saved (snapshot, zone document, GitHub) is the provider's
 * business, not the views'.
 */
export interface CurationContextValue {
  curation: SortingCuration;
  dispatch(action: SortingCurationAction): void;
  /** The label choices offered (view data's `labelChoices`, else sortingview's five, plus labels in use). */
  labelChoices: readonly string[];
  /** False while loading or when the curation cannot be changed here. */
  canEdit: boolean;
}

export const CurationContext = createContext<CurationContextValue | undefined>(undefined);

/** The curation in context, or undefined when this figure has none. */
export function useCuration(): CurationContextValue | undefined {
  return useContext(CurationContext);
}
