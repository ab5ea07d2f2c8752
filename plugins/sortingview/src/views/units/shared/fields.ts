import { NdArray } from '@figurl/sdk/protocol';
import { type UnitId, unitKey } from '../../../data/unit-id.js';

/** A decoded JSON object, as a view's parser reads it. */
export type Fields = Readonly<Record<string, unknown>>;

/** A short quote of a bad value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value instanceof NdArray) return `an ndarray of shape [${value.shape.join(', ')}]`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function fail(what: string, expected: string, value: unknown): never {
  throw new Error(`invalid ${what}: expected ${expected}, got ${describeValue(value)}`);
}

/**
 * A JSON object field.
 *
 * @example
 * const data = toFields(raw, 'Autocorrelograms data');
 */
export function toFields(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof NdArray) {
    fail(what, 'an object', value);
  }
  return value as Fields;
}

/** A JSON list field (not an ndarray: lists of objects are never ndarrays). */
export function toList(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) fail(what, 'a list', value);
  return value;
}

/** Each element of a list field through `read`, which gets the element's path (`what[i]`). */
export function mapList<T>(value: unknown, what: string, read: (item: unknown, itemWhat: string) => T): T[] {
  return toList(value, what).map((item, i) => read(item, `${what}[${i}]`));
}

export function toFiniteNumber(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(what, 'a finite number', value);
  return value;
}

export function toOptionalNumber(value: unknown, what: string): number | undefined {
  return value === undefined || value === null ? undefined : toFiniteNumber(value, what);
}

export function toText(value: unknown, what: string): string {
  if (typeof value !== 'string') fail(what, 'a string', value);
  return value;
}

export function toOptionalBoolean(value: unknown, what: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') fail(what, 'true or false', value);
  return value;
}

/** A unit (or channel) id: a number or a non-empty string. */
export function toUnitId(value: unknown, what: string): UnitId {
  if ((typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value !== '')) {
    return value;
  }
  fail(what, 'an id (number or non-empty string)', value);
}

/**
 * A list of unit (or channel) ids: a JSON list, or an integer ndarray (numpy ids serialise as
 * one). Duplicates are an error: every view keys its units by id.
 */
export function toUnitIds(value: unknown, what: string): UnitId[] {
  let ids: UnitId[];
  if (value instanceof NdArray || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    const data = value instanceof NdArray ? value.data : (value as unknown as ArrayLike<number>);
    ids = Array.from(data, Number);
  } else {
    ids = mapList(value, what, toUnitId);
  }
  const seen = new Set<string>();
  for (const id of ids) {
    const key = unitKey(id);
    if (seen.has(key)) throw new Error(`invalid ${what}: id ${JSON.stringify(id)} appears twice`);
    seen.add(key);
  }
  return ids;
}

/**
 * A fixed-size numeric pair, from a list or an ndarray (channel locations, ranges).
 *
 * @example
 * const [x, y] = toPair([10, 20], 'channelLocations["3"]');
 */
export function toPair(value: unknown, what: string): [number, number] {
  const items = value instanceof NdArray ? Array.from(value.data) : Array.isArray(value) ? value : undefined;
  if (items === undefined || items.length < 2 || !items.slice(0, 2).every((v) => Number.isFinite(v))) {
    fail(what, 'a pair of numbers [a, b]', value);
  }
  return [items[0] as number, items[1] as number];
}
