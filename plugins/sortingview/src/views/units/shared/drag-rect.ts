export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The rectangle spanned by two corners, in any order. */
export function rectFromCorners(a: { x: number; y: number }, b: { x: number; y: number }): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/** Whether a point lies in the rectangle grown by `pad` on every side. */
export function rectContains(rect: Rect, x: number, y: number, pad = 0): boolean {
  return x >= rect.x - pad && x <= rect.x + rect.width + pad && y >= rect.y - pad && y <= rect.y + rect.height + pad;
}
