import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import type { TMapConfig } from '@muster/contracts';
import { useLocale } from '../../i18n/i18n.tsx';
import { useMapScope } from '../map-context.ts';
import { districtEdge, offlineBasemap } from './offline-basemap.ts';

/** Where the basemap stands: tiles drawing, tiles given up on (offline basemap), or none set. */
export type TileState = 'none' | 'loading' | 'tiles' | 'offline';

/** Tiles that fail with none loaded before the map gives up on the tile server. */
const FAILED_TILES_BEFORE_OFFLINE = 4;
/** A tile server that sends nothing in this long is as good as unreachable. */
const FIRST_TILE_TIMEOUT_MS = 8_000;

/**
 * The basemap: the configured XYZ tiles when they load, over the bundled offline basemap of the
 * demo district, which shows wherever tiles are missing and takes over when the tile server
 * cannot be reached (no internet, blocked, down). `retry` asks the tiles again.
 */
export function BasemapLayer({
  tiles,
  retry,
  onState,
}: {
  tiles: TMapConfig['tiles'];
  retry: number;
  onState: (s: TileState) => void;
}) {
  const map = useMap();
  const { datum, renderer } = useMapScope();
  const { locale } = useLocale();

  useEffect(() => {
    const base = offlineBasemap(map, { datum, renderer, english: locale === 'en' }).addTo(map);
    const edge = districtEdge({ datum, renderer }).addTo(map);
    return () => {
      base.remove();
      edge.remove();
    };
  }, [map, datum, renderer, locale]);

  useEffect(() => {
    if (!tiles) {
      onState('none');
      return;
    }
    onState('loading');
    let loaded = 0;
    let failed = 0;
    const layer = L.tileLayer(tiles.url, {
      attribution: tiles.attribution,
      maxZoom: tiles.maxZoom,
      ...(tiles.subdomains ? { subdomains: tiles.subdomains } : {}),
      crossOrigin: true,
    });
    const giveUp = () => {
      layer.remove();
      onState('offline');
    };
    const timer = window.setTimeout(() => {
      if (loaded === 0) giveUp();
    }, FIRST_TILE_TIMEOUT_MS);
    layer.on('tileload', () => {
      loaded += 1;
      if (loaded === 1) onState('tiles');
    });
    layer.on('tileerror', () => {
      failed += 1;
      if (loaded === 0 && failed >= FAILED_TILES_BEFORE_OFFLINE) {
        window.clearTimeout(timer);
        giveUp();
      }
    });
    layer.addTo(map);
    return () => {
      window.clearTimeout(timer);
      layer.remove();
    };
  }, [map, tiles, retry, onState]);

  return null;
}
