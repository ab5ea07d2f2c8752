import type { UnitId } from '../../../data/unit-id.js';
import type { SummaryData } from './parse-summary.js';

export interface SummaryRow {
  label: string;
  value: string;
}

const listLimit = 40;

function listIds(ids: readonly UnitId[]): string {
  const shown = ids.slice(0, listLimit).map(String).join(', ');
  return ids.length > listLimit ? `${shown}, … (${ids.length - listLimit} more)` : shown;
}

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(2)} s`;
  if (seconds < 7200) return `${seconds.toFixed(1)} s (${(seconds / 60).toFixed(1)} min)`;
  return `${seconds.toFixed(0)} s (${(seconds / 3600).toFixed(2)} h)`;
}

/**
 * The summary table's rows: descriptions, counts with ids, sampling, duration, segments, noise
 * and probe extent; rows without data are left out.
 *
 * @example
 * summaryRows(data); // [{ label: 'Recording', value: '…' }, { label: 'Units', value: '12: 1, 2, …' }, …]
 */
export function summaryRows(data: SummaryData): SummaryRow[] {
  const rows: SummaryRow[] = [];
  if (data.recordingDescription !== '') rows.push({ label: 'Recording', value: data.recordingDescription });
  if (data.sortingDescription !== '') rows.push({ label: 'Sorting', value: data.sortingDescription });
  rows.push({ label: 'Units', value: `${data.unitIds.length}: ${listIds(data.unitIds)}` });
  rows.push({ label: 'Channels', value: `${data.channelIds.length}: ${listIds(data.channelIds)}` });
  const fs = data.samplingFrequency;
  if (fs !== undefined) rows.push({ label: 'Sampling frequency', value: `${fs} Hz` });
  if (data.numFrames !== undefined) {
    const frames = `${data.numFrames} frames`;
    rows.push({
      label: 'Duration',
      value: fs !== undefined && fs > 0 ? `${formatDuration(data.numFrames / fs)} (${frames})` : frames,
    });
  }
  if (data.numSegments !== undefined) rows.push({ label: 'Segments', value: String(data.numSegments) });
  if (data.noiseLevel !== undefined) rows.push({ label: 'Noise level', value: data.noiseLevel.toPrecision(4) });
  const locations = data.channelLocations;
  if (locations !== undefined && locations.rows > 0 && locations.cols >= 2) {
    const axis = (k: number) => {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < locations.rows; i++) {
        const v = locations.data[i * locations.cols + k] as number;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      return `${Number(lo.toPrecision(6))} to ${Number(hi.toPrecision(6))}`;
    };
    rows.push({ label: 'Probe extent', value: `x ${axis(0)}, y ${axis(1)}` });
  }
  return rows;
}
