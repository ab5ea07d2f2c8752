import { type Electrode, toChannelLocations } from '../shared/electrodes.js';
import { toFields } from '../shared/fields.js';

export interface ElectrodeGeometryData {
  electrodes: Electrode[];
}

/** `ElectrodeGeometry` figure data: `{channelLocations: {"<channelId>": [x, y]}}`. */
export function parseElectrodeGeometry(raw: unknown): ElectrodeGeometryData {
  const data = toFields(raw, 'ElectrodeGeometry data');
  return { electrodes: toChannelLocations(data.channelLocations, 'channelLocations') };
}
