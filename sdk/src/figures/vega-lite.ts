import { FigurlError } from '../errors/index.js';
import { describeJsonKind } from './describe-json-kind.js';
import { Figure } from './figure.js';

/** figurl.org's Vega-Lite plugin; our shell opens it in its own `vegalite` plugin. */
export const vegaLiteView = 'gs://figurl/vegalite-2';

/**
 * A Vega-Lite chart. Its data is exactly `{ spec }`: the vegalite-2 plugin refuses any other
 * key (`isVegaLiteData`), as Python's `figurl.Altair` writes it.
 *
 * @example
 * const spec = { mark: 'line', data: { values: [{ t: 0, v: 1.5 }, { t: 1, v: 2.5 }] },
 *   encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' } } };
 * const url = await new VegaLite(spec).url({ label: 'loss', context });
 */
export class VegaLite extends Figure {
  constructor(spec: object) {
    super({ view: vegaLiteView, data: { spec: checkSpec(spec) } });
  }
}

function checkSpec(spec: unknown): object {
  if (typeof spec === 'object' && spec !== null && !Array.isArray(spec)) return spec;
  throw new FigurlError(
    'INVALID_REQUEST',
    `invalid Vega-Lite spec: got ${describeJsonKind(spec)}; expected a JSON object such as {"mark": "bar", …}`,
  );
}
