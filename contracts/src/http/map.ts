import { z } from 'zod';
import { defineRoute } from './routes.ts';

/** The basemap the command map draws under its layers (settings `MAP_TILE_*`). */
export const ZMapConfig = z.object({
  /** The XYZ tile source, or null: the bundled offline basemap only. */
  tiles: z
    .object({
      url: z.string().min(1).max(500),
      attribution: z.string().max(300),
      /** The tiles' datum; `gcj02` means the map converts WGS-84 data when drawing. */
      coords: z.enum(['wgs84', 'gcj02']),
      subdomains: z.string().max(10),
      maxZoom: z.number().int().min(1).max(22),
    })
    .nullable(),
});
export type TMapConfig = z.infer<typeof ZMapConfig>;

export const mapRoutes = {
  config: defineRoute({
    operationId: 'getMapConfig',
    method: 'get',
    path: '/api/map/config',
    summary: 'The command map basemap: tile source and its datum (none: offline basemap)',
    tags: ['map'],
    status: 200,
    response: ZMapConfig,
  }),
} as const;
