/**
 * Geometry checks of the CAP profile (../shared/standards/README.md) that a schema cannot
 * express: a ring is closed, has at least four positions and does not cross itself. Pure
 * functions on [lon, lat] pairs, shared by the HTTP contracts and the CAP writer and importer.
 */

type Pos = readonly [number, number];

function orient(a: Pos, b: Pos, c: Pos): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(a: Pos, b: Pos, p: Pos): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

/** Whether segments ab and cd share any point (touching counts). */
export function segmentsIntersect(a: Pos, b: Pos, c: Pos, d: Pos): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(a, b, c)) ||
    (o2 === 0 && onSegment(a, b, d)) ||
    (o3 === 0 && onSegment(c, d, a)) ||
    (o4 === 0 && onSegment(c, d, b))
  );
}

/**
 * Whether a closed ring crosses or touches itself anywhere but where neighbouring edges meet.
 * O(n²) over edges; rings are capped at a thousand positions, which keeps this well under a
 * millisecond per warning.
 */
export function ringSelfIntersects(ring: readonly Pos[]): boolean {
  const n = ring.length - 1; // edges of a closed ring
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (adjacent) continue;
      if (segmentsIntersect(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return true;
    }
  }
  return false;
}

/** The profile's problems with a ring, in both languages; empty when it is fine. */
export function ringIssues(ring: readonly Pos[]): string[] {
  const out: string[] = [];
  if (ring.length < 4) out.push('多边形至少四个点 / a polygon needs at least four positions');
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1])
    out.push('多边形须首尾相同 / a polygon must end where it starts');
  else if (ring.length >= 4 && ringSelfIntersects(ring))
    out.push('多边形不得自相交 / a polygon must not cross itself');
  return out;
}

/** Ray casting: whether [lon, lat] lies inside a ring (edges count as inside). */
export function pointInRing(p: Pos, ring: readonly Pos[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (orient(a, b, p) === 0 && onSegment(a, b, p)) return true;
    if (
      a[1] > p[1] !== b[1] > p[1] &&
      p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]
    )
      inside = !inside;
  }
  return inside;
}

/** Great-circle distance in kilometres between two [lon, lat] points. */
export function distanceKm(a: Pos, b: Pos): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
