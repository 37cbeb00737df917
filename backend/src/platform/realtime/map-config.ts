import { Router } from 'express';
import { mapRoutes, type TMapConfig } from '@muster/contracts';
import type { Config } from '../config.ts';
import { mount } from '../http/routes.ts';

type MapSettings = Pick<
  Config,
  | 'MAP_TILE_URL'
  | 'MAP_TILE_ATTRIBUTION'
  | 'MAP_TILE_COORDS'
  | 'MAP_TILE_SUBDOMAINS'
  | 'MAP_TILE_MAX_ZOOM'
>;

/** The basemap as the settings name it: no tile URL means the bundled offline basemap only. */
export function mapConfigOf(c: MapSettings): TMapConfig {
  return {
    tiles:
      c.MAP_TILE_URL === ''
        ? null
        : {
            url: c.MAP_TILE_URL,
            attribution: c.MAP_TILE_ATTRIBUTION,
            coords: c.MAP_TILE_COORDS,
            subdomains: c.MAP_TILE_SUBDOMAINS,
            maxZoom: c.MAP_TILE_MAX_ZOOM,
          },
  };
}

/**
 * `GET /api/map/config`: the command map's basemap. Open to everyone (the public warning page
 * draws the same basemap): a tile URL is no secret; a key in it would be the provider's
 * browser key, which the browser sends to the provider anyway.
 */
export function mapConfigRouter(c: MapSettings, o: { checkResponses: boolean }): Router {
  const r = Router();
  const body = mapConfigOf(c);
  mount(r, mapRoutes.config, () => body, { checkResponses: o.checkResponses });
  return r;
}
