/**
 * Marks a number that Python holds as a `float`. JavaScript has one number type, so `1` and
 * `1.0` are the same value; Python prints them differently (`1` and `1.0`), and a signature
 * made by the Python client covers that text. Parsing received JSON with `parseJsonPreservingNumbers`
 * wraps float lexemes in this class so they re-serialise exactly as Python printed them.
 *
 * @example
 * canonicalJson({ x: new PythonFloat(1) }) // '{"x":1.0}'
 */
export class PythonFloat {
  constructor(readonly value: number) {}

  valueOf(): number {
    return this.value;
  }

  toJSON(): number {
    return this.value;
  }
}
