import { compareUnitIds } from '../../../data/unit-id.js';
import { toFields, toPair } from './fields.js';

export type ElectrodeId = number | string;

/** One recording channel on the probe, in probe coordinates (µm in practice). */
export interface Electrode {
  id: ElectrodeId;
  x: number;
  y: number;
}

/** A channel id as JSON object keys carry it: `"3"` is channel 3, as Python's int ids serialise. */
export function toElectrodeId(key: string): ElectrodeId {
  const n = Number(key);
  return key.trim() !== '' && Number.isSafeInteger(n) && String(n) === key ? n : key;
}

/**
 * `channelLocations: {"<channelId>": [x, y]}` as sortingview writes it (each location a list or
 * an ndarray), sorted by channel id.
 *
 * @example
 * toChannelLocations({ '0': [0, 0], '1': [0, 20] }, 'channelLocations');
 * // [{ id: 0, x: 0, y: 0 }, { id: 1, x: 0, y: 20 }]
 */
export function toChannelLocations(value: unknown, what: string): Electrode[] {
  const fields = toFields(value, what);
  return Object.entries(fields)
    .map(([key, location]) => {
      const [x, y] = toPair(location, `${what}[${JSON.stringify(key)}]`);
      return { id: toElectrodeId(key), x, y };
    })
    .sort((a, b) => compareUnitIds(a.id, b.id));
}
