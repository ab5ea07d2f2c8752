import type { UnitId } from '../../../data/unit-id.js';
import { type Electrode, toChannelLocations } from '../shared/electrodes.js';
import { mapList, toFields, toFiniteNumber, toOptionalBoolean, toUnitId } from '../shared/fields.js';

export interface UnitLocation {
  unitId: UnitId;
  x: number;
  y: number;
}

export interface UnitLocationsData {
  units: UnitLocation[];
  electrodes: Electrode[];
  disableAutoRotate: boolean;
}

/** `UnitLocations` figure data: `{units: [{unitId, x, y}], channelLocations, disableAutoRotate?}`. */
export function parseUnitLocations(raw: unknown): UnitLocationsData {
  const data = toFields(raw, 'UnitLocations data');
  const units = mapList(data.units, 'units', (value, what) => {
    const item = toFields(value, what);
    return {
      unitId: toUnitId(item.unitId, `${what}.unitId`),
      x: toFiniteNumber(item.x, `${what}.x`),
      y: toFiniteNumber(item.y, `${what}.y`),
    };
  });
  const seen = new Set<string>();
  units.forEach((unit, i) => {
    if (seen.has(String(unit.unitId))) {
      throw new Error(`invalid units[${i}].unitId: unit ${JSON.stringify(unit.unitId)} appears twice`);
    }
    seen.add(String(unit.unitId));
  });
  return {
    units,
    electrodes: toChannelLocations(data.channelLocations ?? {}, 'channelLocations'),
    disableAutoRotate: toOptionalBoolean(data.disableAutoRotate, 'disableAutoRotate') ?? false,
  };
}
