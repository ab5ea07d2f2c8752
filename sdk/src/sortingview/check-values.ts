import type { CanonicalJsonValue } from '../canonical-json/index.js';
import type { UnitId } from '../curation/index.js';
import { FigurlError, quote } from '../errors/index.js';
import { describeArray, findDtype } from './encode-ndarray.js';

/*
 * The checks of the sortingview builders. Each names the value (`RasterPlot startTimeSec`),
 * shows what it got and says what was expected, so a mistake is found where it is made rather
 * than as a blank panel in the browser.
 */

/** The error for a bad value: `invalid RasterPlot startTimeSec "0": expected a finite number`. */
export function invalid(what: string, value: unknown, expected: string): FigurlError {
  return new FigurlError('INVALID_REQUEST', `invalid ${what} ${shown(value)}: expected ${expected}`);
}

/** A value as an error message shows it: quoted JSON, or what it is when quoting would not help. */
export function shown(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (ArrayBuffer.isView(value)) return `(${describeArray(value as unknown as ArrayLike<number>)})`;
  if (typeof value === 'function' || typeof value === 'symbol') return `(a ${typeof value})`;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !isPlainObject(value)) {
    return `(a ${(value as object).constructor?.name ?? 'object'})`;
  }
  return quote(value, 80);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The options object of a constructor: `new RasterPlot({ … })`. */
export function checkOptions(value: unknown, what: string, example: string): Record<string, unknown> {
  if (isPlainObject(value)) return value;
  throw invalid(`${what} options`, value, `an object such as ${example}`);
}

export function checkUnitId(value: unknown, what: string): UnitId {
  if ((typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && value !== '')) {
    return value;
  }
  throw invalid(what, value, 'a unit ID: an integer or a non-empty string');
}

export function checkUnitIds(value: unknown, what: string): UnitId[] {
  return checkList(value, what).map((id, i) => checkUnitId(id, `${what}[${i}]`));
}

export function checkNumber(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw invalid(what, value, 'a finite number');
}

export function checkInteger(value: unknown, what: string, min = 0): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return value;
  throw invalid(what, value, `an integer of at least ${min}`);
}

export function checkString(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  throw invalid(what, value, 'a string');
}

export function checkBoolean(value: unknown, what: string): boolean {
  if (typeof value === 'boolean') return value;
  throw invalid(what, value, 'true or false');
}

export function checkOneOf<T extends string>(value: unknown, choices: readonly T[], what: string): T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  throw invalid(what, value, `one of ${choices.map((c) => quote(c)).join(', ')}`);
}

/** `check(value)` unless the value is undefined (an option left out). */
export function optional<T>(value: unknown, what: string, check: (value: unknown, what: string) => T): T | undefined {
  return value === undefined ? undefined : check(value, what);
}

export function checkList(value: unknown, what: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw invalid(what, value, 'a list');
}

/** A list of instances of one class, e.g. the `plots` of a RasterPlot are RasterPlotItems. */
export function checkInstances<T>(
  value: unknown,
  Class: abstract new (...args: never[]) => T,
  what: string,
): readonly T[] {
  const list = checkList(value, what);
  list.forEach((item, i) => {
    if (!(item instanceof Class)) throw invalid(`${what}[${i}]`, item, `a ${Class.name}`);
  });
  return list as readonly T[];
}

/** A plain object whose values are JSON (checked in full when the figure is made). */
export function checkJsonObject(value: unknown, what: string): { readonly [key: string]: CanonicalJsonValue } {
  if (isPlainObject(value)) return value as { readonly [key: string]: CanonicalJsonValue };
  throw invalid(what, value, 'an object');
}

/** `{"<channelId>": [x, y]}`: each location a list (or typed array) of 2 or 3 finite numbers. */
export function checkChannelLocations(value: unknown, what: string): Record<string, number[]> {
  if (!isPlainObject(value)) throw invalid(what, value, 'an object such as {"1": [0, 20], "2": [32, 40]}');
  const locations: Record<string, number[]> = {};
  for (const [channel, location] of Object.entries(value)) {
    const list = Array.isArray(location) || findDtype(location) !== null ? Array.from(location as number[]) : null;
    if (list === null || list.length < 2 || list.length > 3 || !list.every(Number.isFinite)) {
      throw invalid(`${what}[${quote(channel)}]`, location, 'a location [x, y] of finite numbers');
    }
    locations[channel] = list;
  }
  return locations;
}
