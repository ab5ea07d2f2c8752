import { FigurlError } from '../errors/index.js';

/**
 * Formats a double exactly as Python's `repr(float)` does (CPython `float_repr_style='short'`):
 * the shortest digits that round-trip (the same digits as JavaScript's), fixed notation when
 * the decimal exponent is in [-4, 16), scientific otherwise with a signed, at least two-digit
 * exponent, and `.0` appended to integral values in fixed notation.
 *
 * @example
 * pythonFloatRepr(1) // '1.0'
 * pythonFloatRepr(1e16) // '1e+16'
 * pythonFloatRepr(0.00001) // '1e-05'
 */
export function pythonFloatRepr(value: number): string {
  if (!Number.isFinite(value)) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `cannot encode ${String(value)} as JSON: expected a finite number (Python's allow_nan=False)`,
    );
  }
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-trip digits, e.g. "1.2345e+2".
  const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  // Python's decpt: the position of the decimal point relative to the start of `digits`.
  const decpt = exponent + 1;
  if (decpt > -4 && decpt <= 16) return sign + fixedNotation(digits, decpt);
  const rest = digits.length > 1 ? `.${digits.slice(1)}` : '';
  const expSign = exponent < 0 ? '-' : '+';
  return `${sign}${digits[0]}${rest}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function fixedNotation(digits: string, decpt: number): string {
  if (decpt <= 0) return `0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${digits}${'0'.repeat(decpt - digits.length)}.0`;
  return `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}
