import { type UnitId, unitKey } from './unit-id.js';

// sortingview's unit palette (`unitColors`): 20 well-separated colours, cycled by unit number.
const palette = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#aec7e8',
  '#ffbb78',
  '#98df8a',
  '#ff9896',
  '#c5b0d5',
  '#c49c94',
  '#f7b6d2',
  '#c7c7c7',
  '#dbdb8d',
  '#9edae5',
];

/**
 * The colour of a unit in every view: numeric ids index the palette, other ids a hash of the
 * key, so a unit keeps its colour across views and reloads.
 */
export function unitColor(id: UnitId): string {
  const n = typeof id === 'number' ? id : Number(id);
  if (Number.isSafeInteger(n) && n >= 0) return palette[n % palette.length] as string;
  let hash = 0;
  for (const ch of unitKey(id)) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return palette[hash % palette.length] as string;
}
