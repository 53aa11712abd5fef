/** Small planar geometry helpers for the map (lasso tests in screen pixels, label points in lon/lat). */

/** Even-odd test: is the point inside the closed ring (first point need not repeat at the end)? */
export function pointInRing(point: readonly number[], ring: readonly (readonly number[])[]): boolean {
  const [x, y] = [point[0]!, point[1]!];
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = [ring[i]![0]!, ring[i]![1]!];
    const [xj, yj] = [ring[j]![0]!, ring[j]![1]!];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The area-weighted centroid of a ring, or null for a degenerate ring. */
export function polygonLabelPoint(ring: readonly (readonly number[])[]): [number, number] | null {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = [ring[j]![0]!, ring[j]![1]!];
    const [x1, y1] = [ring[i]![0]!, ring[i]![1]!];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (Math.abs(area) < 1e-12) return null;
  return [cx / (3 * area), cy / (3 * area)];
}

/** [minX, minY, maxX, maxY] of a list of points. */
export function pointsBounds(points: readonly (readonly number[])[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    b[0] = Math.min(b[0], p[0]!);
    b[1] = Math.min(b[1], p[1]!);
    b[2] = Math.max(b[2], p[0]!);
    b[3] = Math.max(b[3], p[1]!);
  }
  return b;
}

function segmentDistance2(p: readonly number[], a: readonly number[], b: readonly number[]): number {
  let [x, y] = [a[0]!, a[1]!];
  let [dx, dy] = [b[0]! - x, b[1]! - y];
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0]! - x) * dx + (p[1]! - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) [x, y] = [b[0]!, b[1]!];
    else if (t > 0) [x, y] = [x + dx * t, y + dy * t];
  }
  [dx, dy] = [p[0]! - x, p[1]! - y];
  return dx * dx + dy * dy;
}

/** Distance from a point to the nearest edge of a polygon (outer ring and holes); negative outside. */
function signedEdgeDistance(p: readonly number[], rings: readonly (readonly (readonly number[])[])[]): number {
  let min = Infinity;
  for (const ring of rings) for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) min = Math.min(min, segmentDistance2(p, ring[i]!, ring[j]!));
  const inside = rings.length > 0 && pointInRing(p, rings[0]!) && !rings.slice(1).some((hole) => pointInRing(p, hole));
  return (inside ? 1 : -1) * Math.sqrt(min);
}

/**
 * A good label point for a polygon: the point inside it farthest from its edges (its "pole of inaccessibility"),
 * found on a grid refined around the best cell. Coordinates are planar; pass lon/lat with lon already scaled by
 * cos(latitude) for a true shape, or accept a slight stretch.
 */
export function poleOfInaccessibility(rings: readonly (readonly (readonly number[])[])[], steps = 14, rounds = 4): [number, number] | null {
  const outer = rings[0];
  if (!outer || outer.length < 3) return null;
  let [x0, y0, x1, y1] = pointsBounds(outer);
  let best: [number, number] | null = null;
  let bestD = -Infinity;
  for (let r = 0; r < rounds; r++) {
    const [sx, sy] = [(x1 - x0) / steps, (y1 - y0) / steps];
    for (let i = 0; i <= steps; i++) {
      for (let j = 0; j <= steps; j++) {
        const p: [number, number] = [x0 + i * sx, y0 + j * sy];
        const d = signedEdgeDistance(p, rings);
        if (d > bestD) [best, bestD] = [p, d];
      }
    }
    if (!best) return null;
    [x0, x1, y0, y1] = [best[0] - sx, best[0] + sx, best[1] - sy, best[1] + sy];
  }
  return bestD > 0 ? best : null;
}
