/** `?test=1`: a units table (one view, inline), so the plugin can be looked at without a shell. */
export const testFigureData = {
  type: 'UnitsTable',
  columns: [
    { key: 'numEvents', label: 'Num. events', dtype: 'int' },
    { key: 'firingRateHz', label: 'Firing rate (Hz)', dtype: 'float' },
  ],
  rows: [1, 2, 3, 4, 5].map((unitId) => ({
    unitId,
    values: { numEvents: 1000 * unitId + 17, firingRateHz: (1000 * unitId + 17) / 600 },
  })),
};
