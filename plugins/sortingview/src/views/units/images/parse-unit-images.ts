import type { UnitId } from '../../../data/unit-id.js';
import { mapList, toFields, toFiniteNumber, toUnitId } from '../shared/fields.js';
import { toImageUrl } from './image-url.js';

export interface UnitImagesData {
  items: { unitId: UnitId; url: string }[];
  itemWidth: number;
  itemHeight: number;
}

function toSize(value: unknown, what: string): number {
  const size = toFiniteNumber(value, what);
  if (size <= 0) throw new Error(`invalid ${what}: expected a size in pixels (> 0), got ${size}`);
  return size;
}

/** `UnitImages` figure data: `{items: [{unitId, url}], itemWidth, itemHeight}`. */
export function parseUnitImages(raw: unknown): UnitImagesData {
  const data = toFields(raw, 'UnitImages data');
  const items = mapList(data.items, 'items', (value, what) => {
    const item = toFields(value, what);
    return { unitId: toUnitId(item.unitId, `${what}.unitId`), url: toImageUrl(item.url, `${what}.url`) };
  });
  return { items, itemWidth: toSize(data.itemWidth, 'itemWidth'), itemHeight: toSize(data.itemHeight, 'itemHeight') };
}
