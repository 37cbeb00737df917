import { z } from 'zod';

/**
 * A GB/T 2260 administrative division code: 6 digits down to county/district level
 * (500109 = 北碚区), 9 digits for the township level below it (500109001 = 天生街道).
 */
export const ZAdminAreaCode = z
  .string()
  .regex(/^(\d{6}|\d{9})$/, 'a GB/T 2260 code: 6 digits (district) or 9 digits (subdistrict)');
export type TAdminAreaCode = z.infer<typeof ZAdminAreaCode>;

/**
 * `subdistrict` covers the whole township level under a district: 街道 (subdistrict), 镇 (town)
 * and 乡 (township) alike, because a response treats them the same way.
 */
export const ADMIN_AREA_LEVELS = ['district', 'subdistrict'] as const;
export const ZAdminAreaLevel = z.enum(ADMIN_AREA_LEVELS);
export type TAdminAreaLevel = z.infer<typeof ZAdminAreaLevel>;

/** WGS-84 longitude, latitude (GeoJSON order). */
export const ZLonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
/** A closed ring: at least four positions, the last equal to the first. */
export const ZLinearRing = z
  .array(ZLonLat)
  .min(4)
  .refine((ring) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    return (
      first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1]
    );
  }, 'a ring must end where it starts');

export const ZPolygon = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(ZLinearRing).min(1),
});
export const ZMultiPolygon = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ZLinearRing).min(1)).min(1),
});
/** The geometries an area outline may have. */
export const ZAreaGeometry = z.discriminatedUnion('type', [ZPolygon, ZMultiPolygon]);
export type TAreaGeometry = z.infer<typeof ZAreaGeometry>;

/** A GeoJSON feature whose geometry is an area outline, named in Chinese. */
export const ZAreaFeature = z.object({
  type: z.literal('Feature'),
  properties: z.looseObject({ name: z.string().min(1) }),
  geometry: ZAreaGeometry,
});
export const ZAreaFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(ZAreaFeature),
});
export type TAreaFeatureCollection = z.infer<typeof ZAreaFeatureCollection>;

/** One row of a division list as `code,name` (e.g. `500109001,天生街道`). */
export const ZDivisionRow = z.object({
  code: ZAdminAreaCode,
  name: z.string().trim().min(1),
});
export type TDivisionRow = z.infer<typeof ZDivisionRow>;
