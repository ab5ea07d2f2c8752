import { checkChannelLocations, checkOptions } from '../check-values.js';
import { View, type ViewDict } from '../view.js';

/**
 * The probe's electrodes (Python's `vv.ElectrodeGeometry(channel_locations)`). Data:
 * `{type: 'ElectrodeGeometry', channelLocations: {"<channelId>": [x, y]}}`.
 *
 * @example
 * new vv.ElectrodeGeometry({ channelLocations: { '1': [0, 0], '2': [32, 10] } });
 */
export class ElectrodeGeometry extends View {
  readonly channelLocations: Record<string, number[]>;

  constructor(options: { channelLocations: Record<string, readonly number[] | Float32Array> }) {
    super('ElectrodeGeometry');
    const o = checkOptions(options, 'ElectrodeGeometry', '{ channelLocations: { "1": [0, 0] } }');
    this.channelLocations = checkChannelLocations(o.channelLocations, 'ElectrodeGeometry channelLocations');
  }

  toDict(): ViewDict {
    return { type: this.type, channelLocations: this.channelLocations };
  }
}
