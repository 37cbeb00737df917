import L from 'leaflet';
import { useCallback, useEffect, useMemo } from 'react';
import { useMap } from 'react-leaflet';
import { RESPONSE_LEVEL_LABELS, type TIncidentMapItem } from '@muster/contracts';
import { useLocale } from '../../i18n/i18n.tsx';
import type { LayerEntry, LiveMapView } from '../../realtime/live-map.ts';
import { createKeyedLayer } from '../keyed-layer.ts';
import { useMapScope } from '../map-context.ts';
import { useLiveDraw } from '../use-live-draw.ts';
import { useLayerGroup } from './use-layer-group.ts';

const ROMAN = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ' } as const;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The marker of an incident: a pin with its grade badge and, once activated, its response level. */
function icon(e: LayerEntry, english: boolean): L.DivIcon {
  const i = e.data as TIncidentMapItem;
  const grade = i.grade
    ? `<span class="badge badge-grade grade-${i.grade}">${ROMAN[i.grade]}</span>`
    : '';
  const level = i.responseLevel
    ? `<span class="badge badge-level">${escape(RESPONSE_LEVEL_LABELS[i.responseLevel][english ? 'en' : 'zh'])}</span>`
    : '';
  return L.divIcon({
    className: `incident-marker incident-${i.status}${e.exercise ? ' is-exercise' : ''}`,
    html: `<span class="incident-pin" aria-hidden="true"></span>${grade}${level}`,
    iconSize: [28, 28],
    iconAnchor: [14, 14],
  });
}

/** Open incidents at their main place, with grade (Ⅰ–Ⅳ) and response level badges. */
export function IncidentsLayer({ shown }: { shown: boolean }) {
  const map = useMap();
  const { datum, select } = useMapScope();
  const { locale } = useLocale();
  const english = locale === 'en';
  const group = useLayerGroup(map, shown);

  const keyed = useMemo(() => {
    const at = (e: LayerEntry) => {
      const { lon, lat } = (e.data as TIncidentMapItem).location;
      const [x, y] = datum.toMap(lon, lat);
      return L.latLng(y, x);
    };
    return createKeyedLayer<LayerEntry, L.Marker>(group, {
      create: (id, e) => {
        const m = L.marker(at(e), {
          icon: icon(e, english),
          title: (e.data as TIncidentMapItem).title,
          alt: (e.data as TIncidentMapItem).title,
          riseOnHover: true,
        });
        m.on('click', () => select({ layer: 'incidents', id }));
        m.on('keypress', () => select({ layer: 'incidents', id }));
        return m;
      },
      update: (m, e) => {
        m.setLatLng(at(e));
        m.setIcon(icon(e, english));
      },
    });
  }, [group, datum, select, english]);

  const draw = useCallback(
    (view: LiveMapView) => {
      keyed.begin();
      for (const e of view.layers.get('incidents')?.values() ?? []) keyed.put(e.id, e);
      keyed.end();
    },
    [keyed],
  );
  useLiveDraw(shown ? draw : undefined, true);
  useEffect(() => () => keyed.clear(), [keyed]);
  return null;
}
