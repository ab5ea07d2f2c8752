import { type Matrix, toMatrix } from '../../../data/arrays.js';
import type { UnitId } from '../../../data/unit-id.js';
import { toFields, toOptionalNumber, toText, toUnitIds } from '../shared/fields.js';

export interface SummaryData {
  recordingDescription: string;
  sortingDescription: string;
  unitIds: UnitId[];
  channelIds: UnitId[];
  samplingFrequency: number | undefined;
  numFrames: number | undefined;
  numSegments: number | undefined;
  /** channels × 2 (x, y), or more columns for 3-D probes. */
  channelLocations: Matrix | undefined;
  noiseLevel: number | undefined;
}

const optional = (value: unknown) => value !== undefined && value !== null;

/**
 * `Summary` figure data (Python `vv.SortingSummary`): `{recordingDescription,
 * sortingDescription, unitIds, channelIds, samplingFrequency, numFrames, numSegments,
 * channelLocations, noiseLevel}`; the old builder's `recordingObject`/`sortingObject` are ignored.
 */
export function parseSummary(raw: unknown): SummaryData {
  const data = toFields(raw, 'Summary data');
  return {
    recordingDescription: optional(data.recordingDescription)
      ? toText(data.recordingDescription, 'recordingDescription')
      : '',
    sortingDescription: optional(data.sortingDescription) ? toText(data.sortingDescription, 'sortingDescription') : '',
    unitIds: toUnitIds(data.unitIds, 'unitIds'),
    channelIds: toUnitIds(data.channelIds, 'channelIds'),
    samplingFrequency: toOptionalNumber(data.samplingFrequency, 'samplingFrequency'),
    numFrames: toOptionalNumber(data.numFrames, 'numFrames'),
    numSegments: toOptionalNumber(data.numSegments, 'numSegments'),
    channelLocations: optional(data.channelLocations) ? toMatrix(data.channelLocations, 'channelLocations') : undefined,
    noiseLevel: toOptionalNumber(data.noiseLevel, 'noiseLevel'),
  };
}
