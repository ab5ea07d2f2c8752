import { type CanonicalJsonValue, canonicalJson } from '../canonical-json/index.js';
import { FigurlError, isFigurlError } from '../errors/index.js';

/**
 * What a figure may carry: JSON as canonical JSON reads it (plain objects, arrays, strings,
 * finite numbers, booleans, null; `PythonFloat` and bigint for Python's floats and big ints).
 * Other objects (a Date, a Map, a class instance) are refused when the figure is made.
 */
export type FigureData = CanonicalJsonValue | object;

/**
 * The text a figure's data is stored as: canonical JSON (keys sorted by code point, compact,
 * ASCII), the text kachery-cloud's `store_json` writes (`simplejson.dumps(x, separators=(',', ':'),
 * allow_nan=False, sort_keys=True)`). The same data is the same blob, the same `sha1://` URI and
 * the same figURL, whatever order its keys were built in. Throws INVALID_REQUEST naming the path
 * of a value JSON cannot hold.
 *
 * @example
 * figureDataJson({ spec: { mark: 'bar', data: { values: [{ a: 1 }] } } });
 * // '{"spec":{"data":{"values":[{"a":1}]},"mark":"bar"}}'
 */
export function figureDataJson(data: FigureData): string {
  try {
    return canonicalJson(data as CanonicalJsonValue);
  } catch (err) {
    if (!isFigurlError(err)) throw err;
    throw new FigurlError('INVALID_REQUEST', `invalid figure data: ${err.message}`);
  }
}
