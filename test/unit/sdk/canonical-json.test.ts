import { readFileSync } from 'node:fs';
import {
  type CanonicalJsonValue,
  canonicalJson,
  compareCodePoints,
  FigurlError,
  PythonFloat,
  parseJsonPreservingNumbers,
  pythonFloatRepr,
} from '@figurl/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('canonicalJson', () => {
  it('sorts keys, drops spaces and escapes like Python ensure_ascii', () => {
    expect(canonicalJson({ b: [1, 'x'], a: { d: null, c: true } })).toBe('{"a":{"c":true,"d":null},"b":[1,"x"]}');
    expect(canonicalJson('é\u007f\u0001\n\t"\\/😀')).toBe('"\\u00e9\\u007f\\u0001\\n\\t\\"\\\\/\\ud83d\\ude00"');
    expect(canonicalJson('\b\f\r')).toBe('"\\b\\f\\r"');
  });

  it('orders keys by code point, not by UTF-16 unit', () => {
    // U+FFFF sorts before U+10000 in Python; JavaScript's default sort puts the surrogate first.
    expect(canonicalJson({ '\u{10000}': 1, '\uffff': 2 })).toBe('{"\\uffff":2,"\\ud800\\udc00":1}');
    expect(['\u{10000}', '\uffff'].sort()).toEqual(['\u{10000}', '\uffff']);
    expect(['\u{10000}', '\uffff'].sort(compareCodePoints)).toEqual(['\uffff', '\u{10000}']);
  });

  it('prints integral numbers as ints, floats as Python does, big integers exactly', () => {
    expect(canonicalJson([1, -0, 0.5, new PythonFloat(1), new PythonFloat(-0), 18446744073709551623n, 2 ** 70])).toBe(
      '[1,0,0.5,1.0,-0.0,18446744073709551623,1180591620717411303424]',
    );
  });

  it('rejects values JSON cannot carry, naming where they are', () => {
    const bad: unknown[] = [Number.NaN, Number.POSITIVE_INFINITY, () => 1, Symbol('s'), new Date(0), new Map()];
    for (const value of bad) {
      expect(() => canonicalJson({ a: [value] } as unknown as CanonicalJsonValue)).toThrow(FigurlError);
    }
    expect(() => canonicalJson({ a: [Number.NaN] })).toThrow(
      /at \$\.a\[0\].*expected null, a boolean, a finite number/,
    );
  });

  it('leaves out undefined properties like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('refuses nesting deeper than 256 levels instead of overflowing the stack', () => {
    let deep: CanonicalJsonValue = 1;
    for (let i = 0; i < 300; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(/nesting deeper than 256/);
  });

  it('is ASCII, parses back to the same value and is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (value) => {
        const text = canonicalJson(value as CanonicalJsonValue);
        expect(text).toMatch(/^[\x20-\x7e]*$/);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(parseJsonPreservingNumbers(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('pythonFloatRepr', () => {
  const vectors = JSON.parse(readFileSync(new URL('../../fixtures/python-floats.json', import.meta.url), 'utf8')) as [
    string,
    string,
  ][];

  it('agrees with Python repr() on 2,500 doubles (test/fixtures/python-floats.json)', () => {
    expect(vectors.length).toBe(2500);
    const view = new DataView(new ArrayBuffer(8));
    const mismatches = vectors.filter(([bits, repr]) => {
      view.setBigUint64(0, BigInt(`0x${bits}`));
      return pythonFloatRepr(view.getFloat64(0)) !== repr;
    });
    expect(mismatches).toEqual([]);
  });

  it('round-trips every finite double (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Object.is(Number(pythonFloatRepr(x)), x)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseJsonPreservingNumbers', () => {
  it('keeps float lexemes as Python floats and big integers exactly', () => {
    const value = parseJsonPreservingNumbers('{"a": 1.0, "b": 1e2, "c": 3, "d": 12345678901234567890, "e": -0}');
    expect(canonicalJson(value)).toBe('{"a":1.0,"b":100.0,"c":3,"d":12345678901234567890,"e":0}');
  });

  it('keeps the last of duplicate keys and treats __proto__ as data', () => {
    const value = parseJsonPreservingNumbers('{"a": 1, "a": 2, "__proto__": {"x": 1}}') as Record<string, unknown>;
    expect(canonicalJson(value as CanonicalJsonValue)).toBe('{"__proto__":{"x":1},"a":2}');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it.each([
    ['', /invalid JSON: .*end of input at position 0; expected a JSON document/],
    ['{"a":1,}', /invalid JSON: Quoted object key expected .*position 7/],
    ['[1 2]', /invalid JSON: .*position 3/],
    ['NaN', /invalid JSON: .*position 0/],
    ['1e999', /invalid JSON number 1e999: expected a value within the range of a double/],
    ['"a\u0001"', /invalid JSON/],
    ['"\\x"', /invalid JSON: Invalid escape character/],
    ['{"a":1} x', /invalid JSON: .*position 8/],
  ])('rejects %j with a message naming the position and the expectation', (text, message) => {
    expect(() => parseJsonPreservingNumbers(text)).toThrow(message);
  });

  it('refuses absurd nesting with a clear error instead of crashing', () => {
    expect(() => parseJsonPreservingNumbers('['.repeat(100_000))).toThrow(/invalid JSON: (nesting too deep|.*)/);
    expect(() => parseJsonPreservingNumbers('['.repeat(100_000))).toThrow(FigurlError);
  });

  it('agrees with JSON.parse on everything JSON.parse accepts (property)', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(JSON.parse(canonicalJson(parseJsonPreservingNumbers(text)))).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });
});
