/**
 * Validates the figure data, throwing an Error whose message the view shows. This plugin takes
 * any JSON; a real plugin checks its shape here (see the vegalite plugin's `parseVegaLiteData`).
 * Returns null for `{}`, what a shell answers for a figURL without `d`.
 *
 * @example
 * parseTemplateData({ hello: 'world' }); // { hello: 'world' }
 */
export function parseTemplateData(data: unknown): unknown {
  if (data === undefined) throw new Error('Invalid data: the shell sent none');
  const empty = data !== null && typeof data === 'object' && Object.keys(data).length === 0;
  return empty ? null : data;
}
