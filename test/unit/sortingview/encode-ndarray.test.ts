import { deserializeNdarrays, encodeNdarray, FigurlError } from '@figurl/sdk';
import { describe, expect, it } from 'vitest';

describe('encodeNdarray', () => {
  it('writes what numpy and figurl’s Python serializer write: little-endian bytes in base64', () => {
    // np.array([0.5, 1.25], dtype=np.float32).tobytes() == b'\x00\x00\x00?\x00\x00\xa0?'
    expect(encodeNdarray(new Float32Array([0.5, 1.25]))).toEqual({
      _type: 'ndarray',
      shape: [2],
      dtype: 'float32',
      data_b64: 'AAAAPwAAoD8=',
    });
    // np.array([1, -2], dtype=np.int16): 01 00 fe ff
    expect(encodeNdarray(new Int16Array([1, -2])).data_b64).toBe(Buffer.from([1, 0, 0xfe, 0xff]).toString('base64'));
  });

  it('round-trips every dtype through the shell’s decoder, shapes included', async () => {
    const arrays = [
      new Uint8Array([0, 7, 255]),
      new Uint8ClampedArray([1, 2, 3]),
      new Int16Array([-32768, 0, 32767]),
      new Uint16Array([0, 1, 65535]),
      new Int32Array([-(2 ** 31), 12, 2 ** 31 - 1]),
      new Uint32Array([0, 2 ** 32 - 1, 5]),
      new Float32Array([0.5, -1.25, 3e10]),
    ];
    for (const array of arrays) {
      expect(await deserializeNdarrays(encodeNdarray(array))).toEqual(Array.from(array));
    }
    const matrix = encodeNdarray(new Int32Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    expect(matrix.shape).toEqual([2, 3]);
    expect(await deserializeNdarrays({ waveform: matrix })).toEqual({
      waveform: [
        [1, 2, 3],
        [4, 5, 6],
      ],
    });
    const doubles = encodeNdarray(new Float64Array([Math.PI, 1e-300]), undefined, { allowFloat64: true });
    expect(doubles.dtype).toBe('float64');
    expect(await deserializeNdarrays(doubles)).toEqual([Math.PI, 1e-300]);
  });

  it('base64-encodes every length, padding included, as Buffer does', () => {
    for (let length = 0; length <= 10; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + 13) & 255);
      expect(encodeNdarray(bytes).data_b64).toBe(Buffer.from(bytes).toString('base64'));
    }
    const large = Uint8Array.from({ length: 100_001 }, (_, i) => (i * 31) & 255);
    expect(encodeNdarray(large).data_b64).toBe(Buffer.from(large).toString('base64'));
  });

  it('encodes a subarray’s own values, not its whole buffer', async () => {
    const whole = new Float32Array([9, 1.5, 2.5, 9]);
    expect(await deserializeNdarrays(encodeNdarray(whole.subarray(1, 3)))).toEqual([1.5, 2.5]);
  });

  it('reads a number list as int32 when every value is one, float64 otherwise', async () => {
    const ints = encodeNdarray([3, -4, 2 ** 31 - 1]);
    expect(ints.dtype).toBe('int32');
    expect(await deserializeNdarrays(ints)).toEqual([3, -4, 2 ** 31 - 1]);
    expect(encodeNdarray([0.5, 2], undefined, { allowFloat64: true }).dtype).toBe('float64');
    expect(encodeNdarray([2 ** 31], undefined, { allowFloat64: true }).dtype).toBe('float64');
  });

  it('refuses float64 unless allowed, with Python’s advice to cast to float32', () => {
    const attempt = () => encodeNdarray(new Float64Array([1.5, 2]));
    expect(attempt).toThrow(FigurlError);
    expect(attempt).toThrow(
      'cannot encode a Float64Array of 2 values as float64: it is usually best to convert to float32 ' +
        '(Float32Array.from(values)), but if you need 64-bit, then use allowFloat64: true',
    );
    expect(() => encodeNdarray([0.25])).toThrow('cannot encode a number list of 1 value as float64');
  });

  it('refuses a shape that does not fit and arrays Python cannot serialize', () => {
    expect(() => encodeNdarray(new Int16Array(6), [4, 2])).toThrow(
      'invalid ndarray shape [4,2] for 6 values: expected sizes whose product is 6',
    );
    expect(() => encodeNdarray(new Int16Array(2), [])).toThrow('invalid ndarray shape []');
    expect(() => encodeNdarray(new Int8Array(2) as unknown as Int16Array)).toThrow(
      'cannot encode "[object Int8Array]": expected a number list or a Float32Array',
    );
    expect(() => encodeNdarray(['1'] as unknown as number[])).toThrow(
      'cannot encode "1" at index 0: expected a number',
    );
  });
});
