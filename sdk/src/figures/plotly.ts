import { FigurlError } from '../errors/index.js';
import { describeJsonKind } from './describe-json-kind.js';
import { Figure } from './figure.js';

/** figurl.org's Plotly plugin; our shell opens it in its own `plotly` plugin. */
export const plotlyView = 'gs://figurl/plotly-1';

/**
 * A Plotly chart from its traces (a Plotly figure's `data` array). Its data is
 * `{ type: 'Plotly', spec: traces }`, as Python's `figurl.Plotly` writes it; the plotly-1 plugin
 * takes nothing else (no layout).
 *
 * @example
 * const url = await new Plotly([{ type: 'scatter', x: [0, 1, 2], y: [1.5, 2.5, 4] }]).url({ label: 'values', context });
 */
export class Plotly extends Figure {
  constructor(traces: readonly object[]) {
    super({ view: plotlyView, data: { type: 'Plotly', spec: checkTraces(traces) } });
  }
}

function checkTraces(traces: unknown): readonly object[] {
  if (Array.isArray(traces)) return traces;
  const hint = typeof traces === 'object' && traces !== null && 'data' in traces ? ' (a figure: pass its data)' : '';
  throw new FigurlError(
    'INVALID_REQUEST',
    `invalid Plotly traces: got ${describeJsonKind(traces)}${hint}; expected an array of traces such as [{"type": "scatter", "x": [0, 1], "y": [2, 3]}]`,
  );
}
