import L from 'leaflet';
import { useCallback, useEffect, useMemo } from 'react';
import { useMap } from 'react-leaflet';
import type { TPoint } from '@muster/contracts';
import type { LayerEntry, LiveMapView } from '../../realtime/live-map.ts';
import { createKeyedLayer } from '../keyed-layer.ts';
import { useMapScope } from '../map-context.ts';
import { useLiveDraw } from '../use-live-draw.ts';
import { useLayerGroup } from './use-layer-group.ts';

export interface PointStyle {
  colour: string;
  /** A ring (hollow) rather than a dot. */
  ring?: boolean;
  radius?: number;
}

/**
 * A layer of point items (risk points, monitoring points, requisitioned resources) drawn as
 * canvas circles: `locate` gives an item's place, `styleOf` its colour, `label` its tooltip.
 */
export function PointsLayer({
  layer,
  shown,
  locate,
  styleOf,
  label,
}: {
  layer: string;
  shown: boolean;
  locate: (e: LayerEntry) => TPoint | undefined;
  styleOf: (e: LayerEntry) => PointStyle;
  label: (e: LayerEntry) => string;
}) {
  const map = useMap();
  const { datum, renderer, select } = useMapScope();
  const group = useLayerGroup(map, shown);

  const keyed = useMemo(() => {
    const latest = new Map<string, LayerEntry>();
    const at = (p: TPoint) => {
      const [lon, lat] = datum.toMap(p.lon, p.lat);
      return L.latLng(lat, lon);
    };
    const path = (s: PointStyle): L.CircleMarkerOptions => ({
      renderer,
      radius: s.radius ?? 7,
      color: s.ring ? s.colour : '#ffffff',
      weight: 2,
      fillColor: s.colour,
      fillOpacity: s.ring ? 0.15 : 0.95,
    });
    return createKeyedLayer<{ entry: LayerEntry; point: TPoint }, L.CircleMarker>(group, {
      create: (id, v) => {
        latest.set(id, v.entry);
        const m = L.circleMarker(at(v.point), path(styleOf(v.entry)));
        m.on('click', () => select({ layer, id }));
        m.bindTooltip(() => {
          const e = latest.get(id);
          return e ? label(e) : '';
        });
        return m;
      },
      update: (m, v) => {
        latest.set(v.entry.id, v.entry);
        m.setLatLng(at(v.point));
        m.setStyle(path(styleOf(v.entry)));
      },
    });
  }, [group, datum, renderer, select, layer, styleOf, label]);

  const draw = useCallback(
    (view: LiveMapView) => {
      keyed.begin();
      for (const e of view.layers.get(layer)?.values() ?? []) {
        const point = locate(e);
        if (!point) continue;
        const held = keyed.get(e.id);
        keyed.put(e.id, held && held.entry === e ? held : { entry: e, point });
      }
      keyed.end();
    },
    [keyed, layer, locate],
  );
  useLiveDraw(shown ? draw : undefined, true);
  useEffect(() => () => keyed.clear(), [keyed]);
  return null;
}
