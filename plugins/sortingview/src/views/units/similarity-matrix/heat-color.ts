// A white-to-navy sequential scale (ColorBrewer "Blues"): low similarity fades into the background.
const stops: readonly (readonly [number, number, number])[] = [
  [247, 251, 255],
  [198, 219, 239],
  [107, 174, 214],
  [33, 113, 181],
  [8, 48, 107],
];

/**
 * The colour of a value on `range` as [r, g, b] (clamped at the ends; NaN → light gray).
 *
 * @example
 * heatColor(1, [0, 1]); // [8, 48, 107]
 */
export function heatColor(value: number, range: readonly [number, number]): [number, number, number] {
  if (Number.isNaN(value)) return [236, 236, 236];
  const t = Math.min(1, Math.max(0, (value - range[0]) / (range[1] - range[0])));
  const position = t * (stops.length - 1);
  const k = Math.min(stops.length - 2, Math.floor(position));
  const f = position - k;
  const a = stops[k] as readonly [number, number, number];
  const b = stops[k + 1] as readonly [number, number, number];
  return [0, 1, 2].map((c) => Math.round((a[c] as number) + f * ((b[c] as number) - (a[c] as number)))) as [
    number,
    number,
    number,
  ];
}
