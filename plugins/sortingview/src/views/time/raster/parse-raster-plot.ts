import { type NumericVector, toVector } from '../../../data/arrays.js';
import type { UnitId } from '../../../data/unit-id.js';
import { type HighlightSpan, parseHighlightIntervals } from '../highlight-spans.js';
import { checkType, readList, readNumber, readOptionalBoolean, readRecord, readUnitId } from '../parse-fields.js';

/** `RasterPlot` figure data, checked. */
export interface RasterPlotData {
  startTimeSec: number;
  endTimeSec: number;
  plots: { unitId: UnitId; spikeTimesSec: NumericVector }[];
  highlightSpans: HighlightSpan[];
  hideToolbar: boolean;
}

/**
 * Checks `{type:'RasterPlot', startTimeSec, endTimeSec, plots:[{unitId, spikeTimesSec}],
 * highlightIntervals?, hideToolbar?}` (ndarrays already decoded).
 */
export function parseRasterPlot(raw: unknown): RasterPlotData {
  const record = readRecord(raw, 'RasterPlot data');
  checkType(record, 'RasterPlot');
  const startTimeSec = readNumber(record.startTimeSec, 'startTimeSec');
  const endTimeSec = readNumber(record.endTimeSec, 'endTimeSec');
  const plots = readList(record.plots, 'plots').map((item, i) => {
    const plot = readRecord(item, `plots[${i}]`);
    return {
      unitId: readUnitId(plot.unitId, `plots[${i}].unitId`),
      spikeTimesSec: toVector(plot.spikeTimesSec, `plots[${i}].spikeTimesSec`),
    };
  });
  return {
    startTimeSec,
    endTimeSec,
    plots,
    highlightSpans: parseHighlightIntervals(record.highlightIntervals, 'highlightIntervals'),
    hideToolbar: readOptionalBoolean(record.hideToolbar, 'hideToolbar'),
  };
}
