import type { CanonicalJsonValue } from '../../canonical-json/index.js';
import { FigurlError, quote } from '../../errors/index.js';
import { arrayJson, checkNdarrayJson, type ToDictOptions } from '../array-json.js';
import { checkOptions, invalid, isPlainObject } from '../check-values.js';
import type { NdarrayJson } from '../encode-ndarray.js';
import { View, type ViewDict } from '../view.js';
import { layoutTypes, viewFields } from '../view-fields.js';

/**
 * A view from its data as the plugin reads it, `{type, …}`: for view types without a builder
 * here (TiledImage, PlotlyFigure, EphysTraces…) and for data made elsewhere (`figurl figure
 * sortingview` reads views this way). Encoded ndarrays (`{_type: 'ndarray', …}`) are checked;
 * the fields of the types the builders make must be those the plugin reads (`viewFields`).
 *
 * @example
 * new vv.GenericView({ type: 'Markdown', source: '# Notes' });
 */
export class GenericView extends View {
  readonly data: ViewDict;
  private readonly ndarrays: readonly { array: NdarrayJson; path: string }[];

  constructor(data: { type: string; [key: string]: unknown }) {
    const o = checkOptions(data, 'view data', "{ type: 'RasterPlot', startTimeSec: 0, … }");
    const type = o.type;
    if (typeof type !== 'string' || type === '') throw invalid('view type', type, 'a view type such as "RasterPlot"');
    if ([...layoutTypes, 'MainLayout', 'View'].includes(type)) {
      throw invalid('view type', type, 'a view type (layouts arrange views: use vv.Box, vv.MountainLayout…)');
    }
    super(type);
    checkFields(o, type);
    const ndarrays: { array: NdarrayJson; path: string }[] = [];
    findNdarrays(o, type, ndarrays);
    this.data = o as ViewDict;
    this.ndarrays = ndarrays;
  }

  toDict(options: ToDictOptions = {}): ViewDict {
    for (const { array, path } of this.ndarrays) arrayJson(array, path, options);
    return this.data;
  }
}

function checkFields(data: Record<string, unknown>, type: string): void {
  const fields = viewFields[type];
  if (fields === undefined) return;
  const known = [...fields.required, ...fields.optional];
  const unknown = Object.keys(data).find((key) => key !== 'type' && !known.includes(key));
  const missing = fields.required.find((key) => data[key] === undefined);
  if (unknown === undefined && missing === undefined) return;
  const problem = unknown !== undefined ? `unknown field ${quote(unknown)}` : `missing field ${quote(missing)}`;
  const optional = fields.optional.length > 0 ? `, optionally ${fields.optional.join(', ')}` : '';
  throw new FigurlError(
    'INVALID_REQUEST',
    `invalid ${type} view: ${problem}; expected ${fields.required.join(', ') || 'no fields'}${optional}`,
  );
}

function findNdarrays(value: unknown, path: string, found: { array: NdarrayJson; path: string }[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (typeof item === 'object' && item !== null) findNdarrays(item, `${path}[${i}]`, found);
    });
    return;
  }
  if (!isPlainObject(value)) return;
  if (value._type === 'ndarray') {
    found.push({ array: checkNdarrayJson(value, path), path });
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (typeof child === 'object' && child !== null) findNdarrays(child as CanonicalJsonValue, `${path}.${key}`, found);
  }
}
