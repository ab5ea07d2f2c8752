import { type NumericVector, toVector } from '../../../data/arrays.js';
import type { UnitId } from '../../../data/unit-id.js';
import { checkType, readList, readNumber, readOptionalBoolean, readRecord, readUnitId } from '../parse-fields.js';

/** `SpikeAmplitudes` figure data, checked. */
export interface SpikeAmplitudesData {
  startTimeSec: number;
  endTimeSec: number;
  units: { unitId: UnitId; spikeTimesSec: NumericVector; spikeAmplitudes: NumericVector }[];
  hideUnitSelector: boolean;
  hideToolbar: boolean;
}

/**
 * Checks `{type:'SpikeAmplitudes', startTimeSec, endTimeSec, units:[{unitId, spikeTimesSec,
 * spikeAmplitudes}], hideUnitSelector?, hideToolbar?}` (ndarrays already decoded).
 */
export function parseSpikeAmplitudes(raw: unknown): SpikeAmplitudesData {
  const record = readRecord(raw, 'SpikeAmplitudes data');
  checkType(record, 'SpikeAmplitudes');
  const units = readList(record.units, 'units').map((item, i) => {
    const unit = readRecord(item, `units[${i}]`);
    const spikeTimesSec = toVector(unit.spikeTimesSec, `units[${i}].spikeTimesSec`);
    const spikeAmplitudes = toVector(unit.spikeAmplitudes, `units[${i}].spikeAmplitudes`);
    if (spikeAmplitudes.length !== spikeTimesSec.length) {
      throw new Error(
        `invalid units[${i}].spikeAmplitudes: expected one amplitude per spike time (${spikeTimesSec.length}), got ${spikeAmplitudes.length}`,
      );
    }
    return { unitId: readUnitId(unit.unitId, `units[${i}].unitId`), spikeTimesSec, spikeAmplitudes };
  });
  return {
    startTimeSec: readNumber(record.startTimeSec, 'startTimeSec'),
    endTimeSec: readNumber(record.endTimeSec, 'endTimeSec'),
    units,
    hideUnitSelector: readOptionalBoolean(record.hideUnitSelector, 'hideUnitSelector'),
    hideToolbar: readOptionalBoolean(record.hideToolbar, 'hideToolbar'),
  };
}
