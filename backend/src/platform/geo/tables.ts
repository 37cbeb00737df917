import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  foreignKey,
  index,
  jsonb,
  pgTable,
  text,
} from 'drizzle-orm/pg-core';
import type { TAdminAreaLevel, TAreaGeometry } from '@muster/contracts';

/**
 * Reference data, not a module's state: the administrative areas (GB/T 2260) that incidents,
 * warnings and teams are placed in. Seeded from files shipped in `geo/data`; every module may
 * read it. Coordinates are lon/lat; `boundary` is a GeoJSON geometry because PostGIS may be
 * absent (point-in-polygon runs in the application).
 */
export const adminAreas = pgTable(
  'admin_areas',
  {
    /** GB/T 2260: 6 digits for a district, 9 for a subdistrict or town. */
    code: text('code').primaryKey(),
    /** The official Chinese name. */
    name: text('name').notNull(),
    nameEn: text('name_en'),
    level: text('level').$type<TAdminAreaLevel>().notNull(),
    parentCode: text('parent_code'),
    boundary: jsonb('boundary').$type<TAreaGeometry>(),
    centroidLon: doublePrecision('centroid_lon'),
    centroidLat: doublePrecision('centroid_lat'),
  },
  (t) => [
    foreignKey({ columns: [t.parentCode], foreignColumns: [t.code] }).onDelete('restrict'),
    index('admin_areas_parent_code_idx').on(t.parentCode),
    check('admin_areas_code_format', sql`${t.code} ~ '^([0-9]{6}|[0-9]{9})$'`),
    check('admin_areas_level', sql`${t.level} in ('district', 'subdistrict')`),
  ],
);
