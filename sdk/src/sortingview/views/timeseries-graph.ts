import { type CanonicalJsonValue, PythonFloat } from '../../canonical-json/index.js';
import { FigurlError, quote } from '../../errors/index.js';
import { type ArrayInput, arrayJson, checkArrayInput, type ToDictOptions } from '../array-json.js';
import {
  checkBoolean,
  checkList,
  checkNumber,
  checkOneOf,
  checkOptions,
  checkString,
  invalid,
  optional,
} from '../check-values.js';
import { describeArray, type EncodableArray, encodeNdarray, findDtype } from '../encode-ndarray.js';
import { View, type ViewDict } from '../view.js';

/** Times: a Float64Array or number list is stored as float32 after subtracting `timeOffset`. */
export type TimesInput = EncodableArray | readonly number[];

export interface TimeseriesGraphOptions {
  legendOpts?: { location: 'northwest' | 'northeast' } | undefined;
  yRange?: readonly [number, number] | undefined;
  hideXGridlines?: boolean | undefined;
  hideYGridlines?: boolean | undefined;
}

interface Series {
  type: 'line' | 'marker' | 'interval';
  name: string;
  /** For intervals, the starts and ends (interleaved when written). */
  t: TimesInput[];
  y: ArrayInput | null;
  attributes: { [key: string]: CanonicalJsonValue };
}

/**
 * Lines, markers and intervals over time, linked to the other time views (Python's
 * `vv.TimeseriesGraph(legend_opts=…, y_range=…, hide_x_gridlines=…, hide_y_gridlines=…)` with
 * `add_line_series`, `add_marker_series`, `add_interval_series`). As in Python, times given in
 * double precision (a Float64Array or a number list) set `timeOffset` to the first such time and
 * every time is stored as float32 relative to it; a Float64Array of y values is refused.
 * Data: `{type: 'TimeseriesGraph', datasets: [{name, data: {t, y}}], series: [{type, dataset,
 * encoding: {t: 't', y: 'y'}, attributes, title}][, timeOffset][, legendOpts][, yRange][, gridlineOpts]}`.
 *
 * @example
 * new vv.TimeseriesGraph({ yRange: [0, 40] })
 *   .addLineSeries({ name: 'speed', t: timesSec, y: new Float32Array(speeds), color: 'steelblue' })
 *   .addIntervalSeries({ name: 'running', tStart: [12.5], tEnd: [19], color: 'orange' });
 */
export class TimeseriesGraph extends View {
  readonly legendOpts: { location: 'northwest' | 'northeast' } | undefined;
  readonly yRange: readonly [number, number] | undefined;
  readonly hideXGridlines: boolean | undefined;
  readonly hideYGridlines: boolean | undefined;
  private readonly series: Series[] = [];

  constructor(options: TimeseriesGraphOptions = {}) {
    super('TimeseriesGraph');
    const o = checkOptions(options, 'TimeseriesGraph', '{ yRange: [0, 1] }');
    this.legendOpts = optional(o.legendOpts, 'TimeseriesGraph legendOpts', (value, what) => {
      const legend = checkOptions(value, what, "{ location: 'northwest' }");
      return { location: checkOneOf(legend.location, ['northwest', 'northeast'] as const, `${what}.location`) };
    });
    this.yRange = optional(o.yRange, 'TimeseriesGraph yRange', (value, what) => {
      const list = checkList(value, what);
      if (list.length !== 2) throw invalid(what, value, '[min, max]');
      return [checkNumber(list[0], `${what}[0]`), checkNumber(list[1], `${what}[1]`)] as const;
    });
    this.hideXGridlines = optional(o.hideXGridlines, 'TimeseriesGraph hideXGridlines', checkBoolean);
    this.hideYGridlines = optional(o.hideYGridlines, 'TimeseriesGraph hideYGridlines', checkBoolean);
  }

  addLineSeries(options: {
    name: string;
    t: TimesInput;
    y: ArrayInput;
    color: string;
    width?: number | undefined;
    dash?: readonly number[] | undefined;
  }): this {
    const o = checkOptions(options, 'TimeseriesGraph line series', "{ name: 'speed', t, y, color: 'blue' }");
    const attributes: Series['attributes'] = { color: checkString(o.color, 'TimeseriesGraph line series color') };
    const width = optional(o.width, 'TimeseriesGraph line series width', checkNumber);
    const dash = optional(o.dash, 'TimeseriesGraph line series dash', (v, w) =>
      checkList(v, w).map((n, i) => checkNumber(n, `${w}[${i}]`)),
    );
    if (width !== undefined) attributes.width = width;
    if (dash !== undefined) attributes.dash = dash;
    return this.add('line', o, attributes);
  }

  addMarkerSeries(options: {
    name: string;
    t: TimesInput;
    y: ArrayInput;
    color: string;
    radius?: number | undefined;
    shape?: 'circle' | 'square' | undefined;
  }): this {
    const o = checkOptions(options, 'TimeseriesGraph marker series', "{ name: 'events', t, y, color: 'red' }");
    const attributes: Series['attributes'] = { color: checkString(o.color, 'TimeseriesGraph marker series color') };
    const radius = optional(o.radius, 'TimeseriesGraph marker series radius', checkNumber);
    const shape = optional(o.shape, 'TimeseriesGraph marker series shape', (v, w) =>
      checkOneOf(v, ['circle', 'square'] as const, w),
    );
    if (radius !== undefined) attributes.radius = radius;
    if (shape !== undefined) attributes.shape = shape;
    return this.add('marker', o, attributes);
  }

  /** Intervals [tStart[i], tEnd[i]], written as Python does: interleaved t, y 0 at starts and 1 at ends (int16). */
  addIntervalSeries(options: { name: string; tStart: TimesInput; tEnd: TimesInput; color: string }): this {
    const o = checkOptions(
      options,
      'TimeseriesGraph interval series',
      "{ name: 'trials', tStart, tEnd, color: 'orange' }",
    );
    const name = this.checkName(o.name);
    const tStart = checkTimes(o.tStart, `TimeseriesGraph series ${quote(name)} tStart`);
    const tEnd = checkTimes(o.tEnd, `TimeseriesGraph series ${quote(name)} tEnd`);
    if (tStart.length !== tEnd.length) {
      throw invalid(
        `TimeseriesGraph series ${quote(name)} tEnd`,
        `${tEnd.length} values`,
        `${tStart.length}, one per start`,
      );
    }
    const color = checkString(o.color, `TimeseriesGraph series ${quote(name)} color`);
    this.series.push({ type: 'interval', name, t: [tStart, tEnd], y: null, attributes: { color } });
    return this;
  }

  toDict(options: ToDictOptions = {}): ViewDict {
    const timeOffset = this.timeOffset();
    const datasets = this.series.map((s) => ({ name: s.name, data: this.seriesData(s, timeOffset, options) }));
    return {
      type: this.type,
      datasets,
      series: this.series.map((s) => ({
        type: s.type,
        dataset: s.name,
        encoding: { t: 't', y: 'y' },
        attributes: s.attributes,
        title: s.name,
      })),
      ...(timeOffset === undefined ? {} : { timeOffset: new PythonFloat(timeOffset) }),
      ...(this.legendOpts === undefined ? {} : { legendOpts: this.legendOpts }),
      ...(this.yRange === undefined ? {} : { yRange: this.yRange }),
      ...(this.hideXGridlines === undefined && this.hideYGridlines === undefined
        ? {}
        : { gridlineOpts: { hideX: this.hideXGridlines === true, hideY: this.hideYGridlines === true } }),
    };
  }

  private add(type: 'line' | 'marker', o: Record<string, unknown>, attributes: Series['attributes']): this {
    const name = this.checkName(o.name);
    const what = `TimeseriesGraph series ${quote(name)}`;
    const t = checkTimes(o.t, `${what} t`);
    const y = checkArrayInput(o.y, `${what} y`);
    if (y instanceof Float64Array) {
      throw invalid(`${what} y`, y, 'float32 values, as Python requires (Float32Array.from(y))');
    }
    const length = Array.isArray(y) || findDtype(y) !== null ? (y as ArrayLike<number>).length : undefined;
    if (length !== undefined && length !== t.length) {
      throw invalid(`${what} y`, `${length} values`, `${t.length}, one per time`);
    }
    this.series.push({ type, name, t: [t], y, attributes });
    return this;
  }

  private checkName(value: unknown): string {
    const name = checkString(value, 'TimeseriesGraph series name');
    if (this.series.some((s) => s.name === name)) {
      throw invalid('TimeseriesGraph series name', name, 'a name not used by another series (it names its dataset)');
    }
    return name;
  }

  /** Python's `_handle_time_offset_t`: the first time of the first double-precision times, if any. */
  private timeOffset(): number | undefined {
    for (const s of this.series) {
      for (const t of s.t) if (isDouble(t) && t.length > 0) return t[0] as number;
    }
    return undefined;
  }

  private seriesData(s: Series, timeOffset: number | undefined, options: ToDictOptions) {
    const what = `TimeseriesGraph series ${quote(s.name)}`;
    const times = s.t.map((t) => (timeOffset === undefined ? t : Float32Array.from(t, (v) => v - timeOffset)));
    if (s.type !== 'interval') {
      return { t: timesJson(times[0] as TimesInput, what), y: arrayJson(s.y as ArrayInput, `${what} y`, options) };
    }
    const [starts, ends] = times as [TimesInput, TimesInput];
    const interleaved = Array.isArray(starts)
      ? new Array<number>(starts.length * 2)
      : newLike(starts, starts.length * 2);
    const y = new Int16Array(starts.length * 2);
    for (let i = 0; i < starts.length; i++) {
      interleaved[2 * i] = starts[i] as number;
      interleaved[2 * i + 1] = ends[i] as number;
      y[2 * i + 1] = 1;
    }
    return { t: timesJson(interleaved, what), y: encodeNdarray(y) };
  }
}

function checkTimes(value: unknown, what: string): TimesInput {
  const times = checkArrayInput(value, what);
  if (!Array.isArray(times) && findDtype(times) === null) {
    throw invalid(what, value, 'times as a typed array or a list of numbers');
  }
  return times as TimesInput;
}

function isDouble(t: TimesInput): boolean {
  return Array.isArray(t) || t instanceof Float64Array;
}

function newLike(like: TimesInput, length: number): EncodableArray {
  return new (like.constructor as new (length: number) => EncodableArray)(length);
}

function timesJson(t: TimesInput, what: string): CanonicalJsonValue {
  // Without a time offset nothing is double precision: isDouble times set one.
  if (Array.isArray(t)) return t as readonly number[];
  if (t instanceof Float64Array) {
    throw new FigurlError('INTERNAL', `${what} t: ${describeArray(t)} left in double precision`);
  }
  return encodeNdarray(t as EncodableArray);
}
