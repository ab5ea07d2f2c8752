/** figurl-plotly's figure data: traces, with a layout when the spec is a whole figure. */
export interface PlotlyData {
  traces: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

/**
 * Accepts exactly `{type: 'Plotly', spec}` (figurl-plotly `isPlotlyViewData`), where `spec` is
 * what Python writes, `json.loads(fig.to_json())['data']` (a list of traces), or a whole
 * figure `{data, layout}`. Throws "Invalid data: …" otherwise; returns null for `{}`, what a
 * shell answers for a figURL without `d`.
 *
 * @example
 * parsePlotlyData({ type: 'Plotly', spec: [{ type: 'bar', x: [1, 2], y: [3, 4] }] });
 */
export function parsePlotlyData(data: unknown): PlotlyData | null {
  if (!isObject(data)) throw new Error("Invalid data: expected an object {type: 'Plotly', spec}");
  const keys = Object.keys(data);
  if (keys.length === 0) return null;
  const extra = keys.find((key) => key !== 'type' && key !== 'spec');
  if (extra !== undefined) {
    throw new Error(`Invalid data: unexpected key ${JSON.stringify(extra)}: expected exactly {type: 'Plotly', spec}`);
  }
  if (data.type !== 'Plotly') {
    throw new Error(`Invalid data: type is ${JSON.stringify(data.type)}: expected "Plotly"`);
  }
  const { spec } = data;
  if (Array.isArray(spec)) return { traces: checkTraces(spec), layout: {} };
  if (isObject(spec) && Array.isArray(spec.data)) {
    return { traces: checkTraces(spec.data), layout: isObject(spec.layout) ? spec.layout : {} };
  }
  throw new Error('Invalid data: spec is not a list of Plotly traces (or a figure {data, layout})');
}

function checkTraces(traces: unknown[]): Record<string, unknown>[] {
  const bad = traces.findIndex((trace) => !isObject(trace));
  if (bad !== -1) throw new Error(`Invalid data: trace ${bad} is not an object`);
  return traces as Record<string, unknown>[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
