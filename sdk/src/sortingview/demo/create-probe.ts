/** A probe: channel IDs and each channel's [x, y] in µm. */
export interface Probe {
  channelIds: number[];
  locations: [number, number][];
}

/**
 * A linear silicon probe: `channels` electrodes in two columns 32 µm apart, 20 µm pitch down
 * each column, the second column staggered by 10 µm (as on many Neuronexus and Cambridge
 * NeuroTech probes). Channel IDs 1…n, numbered along the shank.
 *
 * @example
 * createProbe(4).locations; // [[0, 0], [32, 10], [0, 20], [32, 30]]
 */
export function createProbe(channels = 32): Probe {
  const channelIds = Array.from({ length: channels }, (_, i) => i + 1);
  const locations = channelIds.map((_, i): [number, number] => [(i % 2) * 32, Math.floor(i / 2) * 20 + (i % 2) * 10]);
  return { channelIds, locations };
}
