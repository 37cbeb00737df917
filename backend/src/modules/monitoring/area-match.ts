import { distanceKm, pointInRing, type TWarningArea } from '@muster/contracts';

/**
 * Whether a warning's area covers a place: its GB/T 2260 code, or the district that contains it
 * (a 9-digit code's first six digits), is listed; or it lies in a polygon or circle.
 */
export function areaCovers(
  area: TWarningArea | null,
  place: { lon: number; lat: number; areaCode: string },
): boolean {
  if (!area) return false;
  const district = place.areaCode.slice(0, 6);
  if (area.codes.some((c) => c === place.areaCode || c === district)) return true;
  const p: [number, number] = [place.lon, place.lat];
  if (area.polygons.some((poly) => pointInRing(p, poly.coordinates[0]))) return true;
  return area.circles.some((c) => distanceKm(p, [c.center.lon, c.center.lat]) <= c.radiusKm);
}

/** Whether two areas share any administrative code (a district covers its subdistricts). */
export function codesOverlap(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  return a.some((x) => b.some((y) => x === y || x.startsWith(y) || y.startsWith(x)));
}
