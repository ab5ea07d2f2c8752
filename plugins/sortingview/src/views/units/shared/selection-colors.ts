/** How every units view marks selected units (boxes, rows, cells), so selection reads the same everywhere. */
export const unitSelectionColors = {
  background: '#e1ecfb',
  border: '#4a86d8',
  /** Translucent overlay for canvas cells and bands. */
  overlay: 'rgba(74, 134, 216, 0.22)',
} as const;
