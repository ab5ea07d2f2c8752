/** figurl-vegalite's figure data: exactly `{spec}`. */
export interface VegaLiteData {
  spec: Record<string, unknown>;
}

/**
 * Accepts exactly what gs://figurl/vegalite-2 accepts (`{spec}`, no other key; figurl-vegalite
 * `isVegaLiteData`) and throws "Invalid data: …" otherwise. Returns null for `{}`, what a shell
 * answers for a figURL without `d`, so the view can say the figure is empty.
 *
 * @example
 * parseVegaLiteData({ spec: { mark: 'bar' } }); // { spec: { mark: 'bar' } }
 * parseVegaLiteData({ spec: {}, title: 'x' }); // throws Invalid data: unexpected key "title"…
 */
export function parseVegaLiteData(data: unknown): VegaLiteData | null {
  if (!isPlainObject(data)) {
    throw new Error(`Invalid data: expected an object {spec}, got ${describe(data)}`);
  }
  const keys = Object.keys(data);
  if (keys.length === 0) return null;
  const extra = keys.filter((key) => key !== 'spec');
  if (extra.length > 0) {
    throw new Error(`Invalid data: unexpected key ${JSON.stringify(extra[0])}: expected exactly {spec}`);
  }
  if (!isPlainObject(data.spec)) {
    throw new Error(`Invalid data: spec is ${describe(data.spec)}: expected a Vega-Lite JSON object`);
  }
  return { spec: data.spec };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
