import { toVector } from '../../../data/arrays.js';
import {
  checkType,
  readList,
  readNumber,
  readOptionalBoolean,
  readOptionalNumber,
  readOptionalString,
  readRecord,
  readString,
} from '../parse-fields.js';
import { sortByTime } from '../sort-by-time.js';
import type { GraphSeries, GraphSeriesType, LegendLocation } from './graph-series.js';

/** `TimeseriesGraph` figure data, checked, with each series resolved to its dataset's arrays. */
export interface TimeseriesGraphData {
  series: GraphSeries[];
  timeOffset: number;
  legendLocation: LegendLocation;
  yRange: [number, number] | undefined;
  gridlines: { hideX: boolean; hideY: boolean };
  hideToolbar: boolean;
}

const seriesTypes: readonly string[] = ['line', 'marker', 'interval'];

function readAttributes(value: unknown, what: string): Omit<GraphSeries, 'type' | 't' | 'y' | 'title'> {
  const attributes = value === undefined ? {} : readRecord(value, what);
  const dash = attributes.dash;
  if (dash !== undefined && dash !== null && !(Array.isArray(dash) && dash.every((d) => typeof d === 'number'))) {
    throw new Error(`invalid ${what}.dash: expected a list of numbers`);
  }
  const shape = attributes.shape ?? 'circle';
  if (shape !== 'circle' && shape !== 'square') {
    throw new Error(`invalid ${what}.shape: expected "circle" or "square", got ${JSON.stringify(shape)}`);
  }
  return {
    color: readOptionalString(attributes.color, `${what}.color`) ?? 'black',
    width: readOptionalNumber(attributes.width, `${what}.width`) ?? 1.1,
    dash: Array.isArray(dash) && dash.length > 0 ? (dash as number[]) : undefined,
    radius: readOptionalNumber(attributes.radius, `${what}.radius`) ?? 2,
    shape,
  };
}

/**
 * Checks `{type:'TimeseriesGraph', datasets:[{name, data}], series:[{type, dataset, encoding:{t, y},
 * attributes, title?}], timeOffset?, legendOpts?, yRange?, gridlineOpts?, hideToolbar?}` and
 * resolves every series to its dataset's columns (lines and markers sorted by time if needed).
 */
export function parseTimeseriesGraph(raw: unknown): TimeseriesGraphData {
  const record = readRecord(raw, 'TimeseriesGraph data');
  checkType(record, 'TimeseriesGraph');
  const datasets = new Map<string, Record<string, unknown>>();
  readList(record.datasets, 'datasets').forEach((item, i) => {
    const dataset = readRecord(item, `datasets[${i}]`);
    datasets.set(readString(dataset.name, `datasets[${i}].name`), readRecord(dataset.data, `datasets[${i}].data`));
  });
  const series = readList(record.series, 'series').map((item, i): GraphSeries => {
    const what = `series[${i}]`;
    const s = readRecord(item, what);
    const type = readString(s.type, `${what}.type`);
    if (!seriesTypes.includes(type)) {
      throw new Error(`invalid ${what}.type: expected "line", "marker" or "interval", got ${JSON.stringify(type)}`);
    }
    const name = readString(s.dataset, `${what}.dataset`);
    const data = datasets.get(name);
    if (data === undefined) throw new Error(`invalid ${what}.dataset: no dataset named ${JSON.stringify(name)}`);
    const encoding = readRecord(s.encoding, `${what}.encoding`);
    const tKey = readString(encoding.t, `${what}.encoding.t`);
    const yKey = readString(encoding.y, `${what}.encoding.y`);
    const t = toVector(data[tKey], `dataset ${JSON.stringify(name)} column ${JSON.stringify(tKey)}`);
    const y = toVector(data[yKey], `dataset ${JSON.stringify(name)} column ${JSON.stringify(yKey)}`);
    if (t.length !== y.length) {
      throw new Error(
        `invalid ${what}: expected as many ${yKey} values as ${tKey} values (${t.length}), got ${y.length}`,
      );
    }
    // Intervals stay paired as written (they may overlap); points are drawn in time order.
    const sorted = type === 'interval' ? { times: t, values: y } : sortByTime(t, y);
    return {
      type: type as GraphSeriesType,
      t: sorted.times,
      y: sorted.values,
      ...readAttributes(s.attributes, `${what}.attributes`),
      title: readOptionalString(s.title, `${what}.title`) || undefined,
    };
  });
  const legend = record.legendOpts === undefined ? {} : readRecord(record.legendOpts, 'legendOpts');
  const location = legend.location ?? 'northeast';
  if (location !== 'northwest' && location !== 'northeast') {
    throw new Error(
      `invalid legendOpts.location: expected "northwest" or "northeast", got ${JSON.stringify(location)}`,
    );
  }
  let yRange: [number, number] | undefined;
  if (record.yRange !== undefined && record.yRange !== null) {
    const range = readList(record.yRange, 'yRange');
    if (range.length !== 2) throw new Error(`invalid yRange: expected [min, max], got ${range.length} values`);
    yRange = [readNumber(range[0], 'yRange[0]'), readNumber(range[1], 'yRange[1]')];
  }
  const grid = record.gridlineOpts === undefined ? {} : readRecord(record.gridlineOpts, 'gridlineOpts');
  return {
    series,
    timeOffset: readOptionalNumber(record.timeOffset, 'timeOffset') ?? 0,
    legendLocation: location,
    yRange,
    gridlines: {
      hideX: readOptionalBoolean(grid.hideX, 'gridlineOpts.hideX'),
      hideY: readOptionalBoolean(grid.hideY, 'gridlineOpts.hideY'),
    },
    hideToolbar: readOptionalBoolean(record.hideToolbar, 'hideToolbar'),
  };
}
