import type { TAreaGeometry } from '@muster/contracts';

type Ring = readonly (readonly [number, number])[];

/** Twice the signed area of a ring and its area-weighted centroid sums (shoelace formula). */
function ringMoments(ring: Ring): { a2: number; cx: number; cy: number } {
  let a2 = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    const cross = x0 * y1 - x1 * y0;
    a2 += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return { a2, cx, cy };
}

/**
 * The area centroid of a polygon or multipolygon as [lon, lat], holes subtracted. Planar in
 * degrees: for an area the size of a district the error is far below what a map label needs,
 * and it keeps the seed free of a geodesy dependency. Undefined for a degenerate outline.
 */
export function centroidOf(geometry: TAreaGeometry): [number, number] | undefined {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let a2 = 0;
  let cx = 0;
  let cy = 0;
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      const m = ringMoments(ring);
      // Outer rings add, holes subtract, whatever winding order the source used.
      const sign = (i === 0 ? 1 : -1) * Math.sign(m.a2);
      a2 += sign * m.a2;
      cx += sign * m.cx;
      cy += sign * m.cy;
    });
  }
  if (Math.abs(a2) < 1e-12) return undefined;
  return [cx / (3 * a2), cy / (3 * a2)];
}
