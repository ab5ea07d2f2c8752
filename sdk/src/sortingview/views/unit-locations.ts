import type { UnitId } from '../../curation/index.js';
import {
  checkBoolean,
  checkChannelLocations,
  checkInstances,
  checkNumber,
  checkOptions,
  checkUnitId,
  optional,
} from '../check-values.js';
import { View, type ViewDict } from '../view.js';

/**
 * Where a unit is on the probe (Python's `vv.UnitLocationsItem(unit_id, x, y)`).
 *
 * @example
 * new vv.UnitLocationsItem({ unitId: 3, x: 12.5, y: 140 });
 */
export class UnitLocationsItem {
  readonly unitId: UnitId;
  readonly x: number;
  readonly y: number;

  constructor(options: { unitId: UnitId; x: number; y: number }) {
    const o = checkOptions(options, 'UnitLocationsItem', '{ unitId: 3, x: 12.5, y: 140 }');
    this.unitId = checkUnitId(o.unitId, 'UnitLocationsItem unitId');
    this.x = checkNumber(o.x, `UnitLocationsItem (unit ${this.unitId}) x`);
    this.y = checkNumber(o.y, `UnitLocationsItem (unit ${this.unitId}) y`);
  }

  toDict() {
    return { unitId: this.unitId, x: this.x, y: this.y };
  }
}

/**
 * Units drawn among the electrodes (Python's `vv.UnitLocations(units, channel_locations=…,
 * disable_auto_rotate=False)`). Data: `{type: 'UnitLocations', units: [{unitId, x, y}],
 * channelLocations, disableAutoRotate}`.
 *
 * @example
 * new vv.UnitLocations({ units: [item], channelLocations: { '1': [0, 0], '2': [0, 20] } });
 */
export class UnitLocations extends View {
  readonly units: readonly UnitLocationsItem[];
  readonly channelLocations: Record<string, number[]>;
  readonly disableAutoRotate: boolean;

  constructor(options: {
    units: readonly UnitLocationsItem[];
    channelLocations: Record<string, readonly number[] | Float32Array>;
    disableAutoRotate?: boolean | undefined;
  }) {
    super('UnitLocations');
    const o = checkOptions(options, 'UnitLocations', '{ units: […], channelLocations: { "1": [0, 0] } }');
    this.units = checkInstances(o.units, UnitLocationsItem, 'UnitLocations units');
    this.channelLocations = checkChannelLocations(o.channelLocations, 'UnitLocations channelLocations');
    this.disableAutoRotate = optional(o.disableAutoRotate, 'UnitLocations disableAutoRotate', checkBoolean) ?? false;
  }

  toDict(): ViewDict {
    return {
      type: this.type,
      units: this.units.map((u) => u.toDict()),
      channelLocations: this.channelLocations,
      disableAutoRotate: this.disableAutoRotate,
    };
  }
}
