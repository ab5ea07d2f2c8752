import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';

type ElectrodeId = number | string;

const ElectrodeSelectionContext = createContext<
  | { selectedElectrodeIds: readonly ElectrodeId[]; setSelectedElectrodeIds(ids: readonly ElectrodeId[]): void }
  | undefined
>(undefined);

/** Electrodes selected in one probe view (ElectrodeGeometry, UnitLocations) highlighted in all. */
export function ElectrodeSelectionProvider({ children }: { children: ReactNode }) {
  const [selectedElectrodeIds, setSelectedElectrodeIds] = useState<readonly ElectrodeId[]>([]);
  const value = useMemo(() => ({ selectedElectrodeIds, setSelectedElectrodeIds }), [selectedElectrodeIds]);
  return <ElectrodeSelectionContext.Provider value={value}>{children}</ElectrodeSelectionContext.Provider>;
}

export function useElectrodeSelection() {
  const context = useContext(ElectrodeSelectionContext);
  if (context === undefined) throw new Error('useElectrodeSelection outside ElectrodeSelectionProvider');
  return context;
}
