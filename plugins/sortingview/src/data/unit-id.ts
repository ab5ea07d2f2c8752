/** sortingview unit ids are numbers or strings; curations key them as strings. */
export type UnitId = number | string;

/** The key a unit id is compared and stored by (`String(id)`, as the curation reducer does). */
export function unitKey(id: UnitId): string {
  return String(id);
}

/** Natural order: numbers (and numeric strings) by value, then strings by code unit. */
export function compareUnitIds(a: UnitId, b: UnitId): number {
  const na = typeof a === 'number' ? a : Number(a);
  const nb = typeof b === 'number' ? b : Number(b);
  const aNum = Number.isFinite(na) && String(a).trim() !== '';
  const bNum = Number.isFinite(nb) && String(b).trim() !== '';
  if (aNum && bNum) return na - nb;
  if (aNum !== bNum) return aNum ? -1 : 1;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function isUnitId(value: unknown): value is UnitId {
  return typeof value === 'number' || typeof value === 'string';
}
