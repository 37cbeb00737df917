import L from 'leaflet';
import { useCallback, useEffect, useMemo } from 'react';
import { useMap } from 'react-leaflet';
import type { Position } from 'geojson';
import type { TWarningMapItem } from '@muster/contracts';
import type { LayerEntry, LiveMapView } from '../../realtime/live-map.ts';
import { WARNING_COLOURS } from '../colours.ts';
import { createKeyedLayer } from '../keyed-layer.ts';
import { useMapScope } from '../map-context.ts';
import { useLiveDraw } from '../use-live-draw.ts';
import { useLayerGroup } from './use-layer-group.ts';

/** Lower levels first, so red lies on top where areas overlap. */
const DRAW_ORDER = ['blue', 'yellow', 'orange', 'red'];

const warningOf = (e: LayerEntry) => e.data as TWarningMapItem;
const areaOf = (e: LayerEntry) =>
  warningOf(e).area ?? { type: 'FeatureCollection' as const, features: [] };
const styleOf = (e: LayerEntry): L.PathOptions => {
  const colour = WARNING_COLOURS[warningOf(e).level];
  return { color: colour, weight: 2, fillColor: colour, fillOpacity: 0.18 };
};

/** Issued warnings as their areas, coloured 红橙黄蓝 by level. */
export function WarningsLayer({ shown }: { shown: boolean }) {
  const map = useMap();
  const { datum, renderer, select } = useMapScope();
  const group = useLayerGroup(map, shown);

  const keyed = useMemo(() => {
    const headline = new Map<string, string>();
    return createKeyedLayer<LayerEntry, L.GeoJSON>(group, {
      create: (id, e) => {
        headline.set(id, warningOf(e).headline);
        const layer = L.geoJSON(areaOf(e), {
          coordsToLatLng: (c) => {
            const [lon, lat] = datum.toMap((c as Position)[0] ?? 0, (c as Position)[1] ?? 0);
            return L.latLng(lat, lon);
          },
          style: { ...styleOf(e), renderer },
        });
        layer.on('click', () => select({ layer: 'warnings', id }));
        layer.bindTooltip(() => headline.get(id) ?? '', { sticky: true });
        return layer;
      },
      update: (layer, e) => {
        headline.set(e.id, warningOf(e).headline);
        layer.clearLayers();
        layer.addData(areaOf(e));
        layer.setStyle(styleOf(e));
      },
    });
  }, [group, datum, renderer, select]);

  const draw = useCallback(
    (view: LiveMapView) => {
      const entries = [...(view.layers.get('warnings')?.values() ?? [])].sort(
        (a, b) => DRAW_ORDER.indexOf(warningOf(a).level) - DRAW_ORDER.indexOf(warningOf(b).level),
      );
      keyed.begin();
      for (const e of entries) keyed.put(e.id, e);
      keyed.end();
    },
    [keyed],
  );
  useLiveDraw(shown ? draw : undefined, true);
  useEffect(() => () => keyed.clear(), [keyed]);
  return null;
}
